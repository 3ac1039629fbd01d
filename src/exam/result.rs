//! Exam scoring: per item, per section, per dimension and knowledge point, the total, pass or
//! fail, and the grading queue. A failed exam is a result (`passed: false`), not an error.

use std::collections::BTreeMap;

use crate::format::{FromJson, Num, ToJson};

use super::attempt::{Answer, Responses};
use super::bank::Bank;
use super::compiled::CompiledExam;
use super::defaults::{EPSILON, SCHEMA_VERSION};
use super::grading::{Grade, Grades};
use super::item::{Item, ItemType};
use super::paper::Paper;
use super::score_item::{status_of, ItemStatus};
use crate::error::{Error, ErrorCode, Result};

/// The result of one attempt.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExamResult {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The bank scored against.
    pub bank_id: String,
    /// The blueprint of the paper.
    pub blueprint_id: String,
    /// The paper's seed.
    pub seed: u32,
    /// Points earned (provisional while items are pending), floored at 0.
    pub points: f64,
    /// Maximum points of the paper.
    pub max_points: f64,
    /// points / maxPoints × 100; null when the paper is worth 0 points (no items).
    pub percent: Option<f64>,
    /// The pass mark on the total, in percent.
    pub pass_mark_percent: f64,
    /// Total at or above the pass mark and every section at or above its minimum. Provisional
    /// while `final` is false; false when `percent` is null.
    pub passed: bool,
    /// False while any short answer awaits a trainer's grade.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Item ids awaiting manual grading, in paper order (the grading queue).
    pub pending: Vec<String>,
    /// Seconds the candidate used, as reported by the page.
    pub time_used_seconds: Option<f64>,
    /// The paper's time limit in seconds, if any.
    pub time_limit_seconds: Option<u32>,
    /// Time used exceeds the limit (reported, not penalised).
    pub over_time: bool,
    /// Per section, in paper order.
    pub sections: Vec<SectionResult>,
    /// Per competency dimension, sorted by id.
    pub dimensions: Vec<TagResult>,
    /// Per knowledge point, sorted by name.
    pub knowledge_points: Vec<TagResult>,
    /// Per item, in paper order.
    pub items: Vec<ItemResult>,
}

/// A section's score.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SectionResult {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Points earned (floored at 0 under a section floor).
    pub points: f64,
    /// Maximum points.
    pub max_points: f64,
    /// Percent, null when the section is worth 0 points.
    pub percent: Option<f64>,
    /// The section's minimum percent, if any.
    pub min_percent: Option<f64>,
    /// Meets its minimum (true when it has none, or its percent is null).
    pub passed: bool,
}

/// Points grouped by a tag (a dimension or a knowledge point).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TagResult {
    /// The dimension id or knowledge point.
    pub key: String,
    /// Points earned (item points summed, without floors).
    pub points: f64,
    /// Maximum points.
    pub max_points: f64,
    /// Percent, null when the group is worth 0 points.
    pub percent: Option<f64>,
}

/// One item's score.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemResult {
    /// Item id.
    pub item_id: String,
    /// Item type.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// The section it is in.
    pub section_id: String,
    /// Points earned (negative only under negative marking with a section or exam floor).
    pub points: f64,
    /// Maximum points.
    pub max_points: f64,
    /// correct, partial, wrong, unanswered or pending.
    pub status: ItemStatus,
    /// Short answers: the keyword rubric's score (kept after grading, for comparison).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional_points: Option<f64>,
    /// Short answers: the keyword groups that matched, each named by its first term.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched_keywords: Vec<String>,
    /// Short answers: the trainer's grade, once given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
}

fn percent(points: f64, max: f64) -> Option<f64> {
    (max > 0.0).then(|| clean(points / max * 100.0))
}

/// Turns −0.0 into 0.0 so JSON never shows `-0.0`.
fn clean(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x
    }
}

fn meets(percent: Option<f64>, mark: f64) -> bool {
    percent.is_none_or(|p| p >= mark - EPSILON)
}

/// Scores one attempt. `grades` may be empty; `time_used_seconds` is what the page measured.
///
/// ```
/// # use kaohe::exam::*;
/// # let bank = Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap();
/// # let blueprint = Blueprint::from_json(include_str!("../../tests/fixtures/exam/sample_blueprint.json")).unwrap();
/// let paper = assemble_paper(&bank, &blueprint, 1).unwrap();
/// let result = score_attempt(&bank, &paper, &Responses::new(), &Grades::new(), Some(60.0)).unwrap();
/// assert!(!result.passed);
/// assert_eq!(result.points, 0.0);
/// ```
pub fn score_attempt(
    bank: &Bank,
    paper: &Paper,
    responses: &Responses,
    grades: &Grades,
    time_used_seconds: Option<f64>,
) -> Result<ExamResult> {
    CompiledExam::new(bank, paper)?.result(responses, grades, time_used_seconds)
}

impl CompiledExam {
    /// Scores one attempt against this compiled paper (see [`score_attempt`]).
    pub fn result(
        &self,
        responses: &Responses,
        grades: &Grades,
        time_used_seconds: Option<f64>,
    ) -> Result<ExamResult> {
        if let Some(t) = time_used_seconds {
            if !(t.is_finite() && t >= 0.0) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "timeUsedSeconds",
                    format!("用时应为不小于 0 的有限数，实际为 {}", Num(t)),
                    format!("time used must be a finite number ≥ 0; found {}", Num(t)),
                ));
            }
        }
        let answers = self.parse(responses)?;
        self.validate_grades(grades)?;
        let scores = self.score_answers(&answers);
        let mut items = Vec::with_capacity(scores.len());
        let mut points = Vec::with_capacity(scores.len());
        let mut pending = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            for p in section.start..section.end {
                let (Some(score), Some(item), Some(answer)) =
                    (scores.get(p), self.items.get(p), answers.get(p))
                else {
                    continue;
                };
                let mut r = ItemResult {
                    item_id: item.id().to_string(),
                    item_type: item.item_type(),
                    section_id: self
                        .sections
                        .get(s)
                        .map_or_else(String::new, |x| x.id.clone()),
                    points: clean(score.points),
                    max_points: score.max_points,
                    status: score.status,
                    provisional_points: None,
                    matched_keywords: Vec::new(),
                    grade: None,
                };
                if let Item::ShortAnswer(sa) = item {
                    r.provisional_points = Some(score.points);
                    r.matched_keywords = sa
                        .keywords
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| score.matched_keywords & (1u32 << k) != 0)
                        .filter_map(|(_, g)| g.terms.first().cloned())
                        .collect();
                    if let Some(grade) = grades.get(item.id()) {
                        r.points = clean(grade.points.min(score.max_points));
                        r.status = status_of(r.points, score.max_points);
                        r.grade = Some(grade.clone());
                    } else if !matches!(answer, Answer::Unanswered) {
                        pending.push(r.item_id.clone());
                    }
                }
                points.push(r.points);
                items.push(r);
            }
        }
        let (section_points, total) = self.totals(&points);
        let sections: Vec<SectionResult> = self
            .sections
            .iter()
            .zip(&section_points)
            .map(|(s, &pts)| {
                let max: f64 = self
                    .compiled
                    .get(s.start..s.end)
                    .unwrap_or(&[])
                    .iter()
                    .map(|c| c.max_points())
                    .sum();
                let pct = percent(pts, max);
                SectionResult {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    points: clean(pts),
                    max_points: max,
                    percent: pct,
                    min_percent: s.min_percent,
                    passed: s.min_percent.is_none_or(|m| meets(pct, m)),
                }
            })
            .collect();
        let max_points: f64 = self.compiled.iter().map(|c| c.max_points()).sum();
        let total_percent = percent(total, max_points);
        let pass_mark = self.paper.pass_mark_percent;
        let passed = total_percent.is_some()
            && meets(total_percent, pass_mark)
            && sections.iter().all(|s| s.passed);
        let time_limit = self.paper.time_limit_seconds;
        Ok(ExamResult {
            schema_version: SCHEMA_VERSION,
            bank_id: self.paper.bank_id.clone(),
            blueprint_id: self.paper.blueprint_id.clone(),
            seed: self.paper.seed,
            points: clean(total),
            max_points,
            percent: total_percent,
            pass_mark_percent: pass_mark,
            passed,
            is_final: pending.is_empty(),
            pending,
            time_used_seconds,
            time_limit_seconds: time_limit,
            over_time: matches!((time_used_seconds, time_limit), (Some(t), Some(l)) if t > f64::from(l)),
            sections,
            dimensions: by_tag(&items, &self.items, |i| &i.tags().dimension),
            knowledge_points: by_tag(&items, &self.items, |i| &i.tags().knowledge_point),
            items,
        })
    }
}

fn by_tag<'i>(
    results: &[ItemResult],
    items: &'i [Item],
    key: impl Fn(&'i Item) -> &'i String,
) -> Vec<TagResult> {
    // Keyed by borrowed tags: one `String` per group, not one per item.
    let mut groups: BTreeMap<&String, (f64, f64)> = BTreeMap::new();
    for (r, item) in results.iter().zip(items) {
        let g = groups.entry(key(item)).or_insert((0.0, 0.0));
        g.0 += r.points;
        g.1 += r.max_points;
    }
    groups
        .into_iter()
        .map(|(key, (points, max))| TagResult {
            key: key.clone(),
            points: clean(points),
            max_points: max,
            percent: percent(points, max),
        })
        .collect()
}
