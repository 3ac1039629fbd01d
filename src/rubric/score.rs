//! Scoring: criterion scores (0–100), section scores (0–100), the weighted total, pass or fail,
//! and the reasons behind them.
//!
//! Rules, in order:
//! 1. A criterion's score is its value normalised to 0–100 on its scale.
//! 2. N/A: `exclude` drops the criterion and its weight is shared by the section's other
//!    criteria; `zero` counts the scale's lowest value. A section whose criteria are all excluded
//!    is left out and its weight is shared by the other sections.
//! 3. A critical criterion fails when its value is below its `passAt`. N/A never fails it.
//!    Scope `section`: the section scores 0. Scope `assessment`: the total is 0 and fails.
//! 4. Section score = weighted mean of its non-bonus criteria. Total = Σ section score × weight / 100
//!    (weights renormalised over the sections that count), plus bonus points, capped at 100.
//! 5. Passed = no assessment-level critical failure and total ≥ the rubric's pass mark.

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::i18n::Text;
use crate::rubric::format::{validate_rubric, CriticalScope, NaPolicy, Rubric};
use crate::rubric::scorecard::{check_scorecard, Mark, Scorecard};

/// Scores within this of the pass mark count as reaching it (floating-point sums of weights).
const PASS_EPSILON: f64 = 1e-9;

/// The score of one performance by one rater, or by a panel.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreResult {
    /// The rubric's id.
    pub rubric_id: String,
    /// The rubric's revision.
    pub rubric_version: u32,
    /// What was rated.
    pub performance_id: String,
    /// The rater, or `None` for a panel score.
    pub rater_id: Option<String>,
    /// The final total, 0–100 (0 after an assessment-level critical failure).
    pub total: f64,
    /// Σ section score × effective weight / 100, before bonus.
    pub base_total: f64,
    /// Bonus points added (the total is capped at 100).
    pub bonus: f64,
    /// The rubric's pass mark.
    pub pass_mark: f64,
    /// Passed: no assessment-level critical failure and total ≥ pass mark.
    pub passed: bool,
    /// An assessment-level critical criterion failed (a knock-out for the composite result).
    pub critical_failure: bool,
    /// One entry per section, in rubric order.
    pub sections: Vec<SectionResult>,
    /// One entry per criterion, in rubric order.
    pub criteria: Vec<CriterionResult>,
    /// Why the result is what it is: critical failures, N/A handling, the pass mark.
    pub reasons: Vec<Reason>,
}

/// One section's score.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SectionResult {
    /// The section's id.
    pub section_id: String,
    /// Its competency dimension.
    pub dimension: String,
    /// The weight in the rubric.
    pub weight: f64,
    /// The weight after N/A sections were left out (0 for a left-out section).
    pub effective_weight: f64,
    /// 0–100; 0 after a section-level critical failure; `None` when every criterion is N/A.
    pub score: Option<f64>,
    /// The score before a critical failure zeroed it.
    pub raw_score: Option<f64>,
    /// A critical criterion failed this section.
    pub failed: bool,
}

/// One criterion's score.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CriterionResult {
    /// The criterion's id.
    pub criterion_id: String,
    /// Its section's id.
    pub section_id: String,
    /// The value given (a panel's may be fractional); `None` for N/A.
    pub value: Option<f64>,
    /// Marked not applicable.
    pub not_applicable: bool,
    /// 0–100; `None` when excluded as N/A.
    pub score: Option<f64>,
    /// Share of its section's score (0–1); 0 for bonus and excluded criteria.
    pub share: f64,
    /// A bonus criterion.
    pub bonus: bool,
    /// A critical criterion that failed.
    pub critical_failed: bool,
    /// The raters' comments.
    pub comments: Vec<RaterComment>,
}

/// A rater's comment on a criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RaterComment {
    /// Who wrote it.
    pub rater_id: String,
    /// What they wrote.
    pub text: String,
}

/// What a reason is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ReasonKind {
    /// A critical criterion failed the whole assessment.
    CriticalAssessment,
    /// A critical criterion failed its section.
    CriticalSection,
    /// A criterion was N/A and left out.
    NotApplicableExcluded,
    /// A criterion was N/A and counted as zero.
    NotApplicableZero,
    /// Every criterion of a section was N/A; the section was left out.
    SectionNotApplicable,
    /// The total is below the pass mark.
    BelowPassMark,
}

/// One reason behind a result, in both languages.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// What kind of reason.
    pub kind: ReasonKind,
    /// The criterion concerned, if any.
    pub criterion_id: Option<String>,
    /// The section concerned, if any.
    pub section_id: Option<String>,
    /// The sentence shown to the rater.
    pub message: Text,
}

/// Scores one rater's scorecard.
///
/// @example score_scorecard(&rubric, &scorecard)?.total
pub fn score_scorecard(rubric: &Rubric, card: &Scorecard) -> Result<ScoreResult, Error> {
    validate_rubric(rubric)?;
    let marks = check_scorecard(rubric, card)?;
    let comments = crate::sort::map_of(card.ratings.iter().filter_map(|(id, r)| {
        let text = r.comment.as_ref().filter(|t| !t.trim().is_empty())?;
        Some((
            id.clone(),
            vec![RaterComment {
                rater_id: card.rater_id.clone(),
                text: text.clone(),
            }],
        ))
    }));
    let mut result = score_marks(rubric, &marks, &comments, &card.performance_id)?;
    result.rater_id = Some(card.rater_id.clone());
    Ok(result)
}

/// Scores checked marks (one rater's, or a panel's aggregated values) against a valid rubric.
/// Fails with `INSUFFICIENT_DATA` when every section is N/A, as there is nothing to score.
pub fn score_marks(
    rubric: &Rubric,
    marks: &BTreeMap<String, Mark>,
    comments: &BTreeMap<String, Vec<RaterComment>>,
    performance_id: &str,
) -> Result<ScoreResult, Error> {
    let mut reasons = Vec::new();
    let mut criteria = Vec::new();
    let mut sections = Vec::new();
    let mut whole_failed = false;
    let mut bonus = 0.0;
    for section in &rubric.sections {
        let mut weighted = 0.0;
        let mut weight_sum = 0.0;
        let mut section_failed = false;
        let first = criteria.len();
        for c in &section.criteria {
            let mark = marks.get(&c.id).copied().unwrap_or(Mark::NotApplicable);
            let (value, score) = match mark {
                Mark::Value(v) => (Some(v), Some(c.scale.normalize(v))),
                Mark::NotApplicable if c.na == NaPolicy::Zero => {
                    reasons.push(reason(
                        ReasonKind::NotApplicableZero,
                        Some(&c.id),
                        Some(&section.id),
                        format!("“{}” 标记为不适用，按 0 分计", c.title),
                        format!("\"{}\" was N/A and counts as zero", c.id),
                    ));
                    (None, Some(0.0))
                }
                Mark::NotApplicable => {
                    reasons.push(reason(
                        ReasonKind::NotApplicableExcluded,
                        Some(&c.id),
                        Some(&section.id),
                        format!("“{}” 标记为不适用，不计入，权重由本部分其他评分项分摊", c.title),
                        format!(
                            "\"{}\" was N/A and left out; its weight goes to the section's other criteria",
                            c.id
                        ),
                    ));
                    (None, None)
                }
            };
            let critical_failed = match (&c.critical, value) {
                (Some(critical), Some(v)) => v < critical.threshold(&c.scale),
                _ => false,
            };
            if critical_failed {
                if let Some(critical) = &c.critical {
                    match critical.scope {
                        CriticalScope::Assessment => {
                            whole_failed = true;
                            reasons.push(reason(
                                ReasonKind::CriticalAssessment,
                                Some(&c.id),
                                Some(&section.id),
                                format!("否决项 “{}” 未通过，整个考核判为不合格（0 分）", c.title),
                                format!(
                                    "critical criterion \"{}\" failed: the whole assessment fails with 0",
                                    c.id
                                ),
                            ));
                        }
                        CriticalScope::Section => {
                            section_failed = true;
                            reasons.push(reason(
                                ReasonKind::CriticalSection,
                                Some(&c.id),
                                Some(&section.id),
                                format!(
                                    "否决项 “{}” 未通过，“{}” 部分记 0 分",
                                    c.title, section.title
                                ),
                                format!(
                                    "critical criterion \"{}\" failed: section \"{}\" scores 0",
                                    c.id, section.id
                                ),
                            ));
                        }
                    }
                }
            }
            let is_bonus = c.bonus_points.is_some();
            if let (Some(points), Some(s)) = (c.bonus_points, score) {
                bonus += s / 100.0 * points;
            }
            if let (false, Some(s)) = (is_bonus, score) {
                weighted += s * c.weight;
                weight_sum += c.weight;
            }
            criteria.push(CriterionResult {
                criterion_id: c.id.clone(),
                section_id: section.id.clone(),
                value,
                not_applicable: matches!(mark, Mark::NotApplicable),
                score,
                share: if is_bonus || score.is_none() {
                    0.0
                } else {
                    c.weight
                },
                bonus: is_bonus,
                critical_failed,
                comments: comments.get(&c.id).cloned().unwrap_or_default(),
            });
        }
        for cr in criteria.iter_mut().skip(first) {
            cr.share = if weight_sum > 0.0 {
                cr.share / weight_sum
            } else {
                0.0
            };
        }
        let raw_score = (weight_sum > 0.0).then(|| weighted / weight_sum);
        if raw_score.is_none() {
            reasons.push(reason(
                ReasonKind::SectionNotApplicable,
                None,
                Some(&section.id),
                format!("“{}” 部分全部不适用，不计入，权重由其他部分分摊", section.title),
                format!(
                    "every criterion of section \"{}\" was N/A; its weight goes to the other sections",
                    section.id
                ),
            ));
        }
        sections.push(SectionResult {
            section_id: section.id.clone(),
            dimension: section.dimension.clone(),
            weight: section.weight,
            effective_weight: 0.0,
            score: raw_score.map(|s| if section_failed { 0.0 } else { s }),
            raw_score,
            failed: section_failed,
        });
    }
    let counted: f64 = sections
        .iter()
        .filter(|s| s.score.is_some())
        .map(|s| s.weight)
        .sum();
    if counted <= 0.0 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "ratings",
            "所有评分项都标记为不适用，无法计分",
            "every criterion is N/A: there is nothing to score",
        ));
    }
    let mut base_total = 0.0;
    for s in &mut sections {
        if let Some(score) = s.score {
            s.effective_weight = s.weight / counted * 100.0;
            base_total += score * s.effective_weight / 100.0;
        }
    }
    let total = if whole_failed {
        0.0
    } else {
        (base_total + bonus).min(100.0)
    };
    let passed = !whole_failed && total + PASS_EPSILON >= rubric.pass_mark;
    if !whole_failed && !passed {
        reasons.push(reason(
            ReasonKind::BelowPassMark,
            None,
            None,
            format!("总分 {:.1} 低于合格线 {}", total, rubric.pass_mark),
            format!(
                "total {:.1} is below the pass mark {}",
                total, rubric.pass_mark
            ),
        ));
    }
    Ok(ScoreResult {
        rubric_id: rubric.id.clone(),
        rubric_version: rubric.version,
        performance_id: performance_id.to_string(),
        rater_id: None,
        total,
        base_total,
        bonus,
        pass_mark: rubric.pass_mark,
        passed,
        critical_failure: whole_failed,
        sections,
        criteria,
        reasons,
    })
}

fn reason(
    kind: ReasonKind,
    criterion: Option<&str>,
    section: Option<&str>,
    zh: String,
    en: String,
) -> Reason {
    Reason {
        kind,
        criterion_id: criterion.map(str::to_string),
        section_id: section.map(str::to_string),
        message: Text::new(zh, en),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::decode_json;
    use crate::rubric::format::parse_rubric;
    use crate::rubric::format::tests::SMALL;

    pub(crate) fn card(ratings: &str) -> Scorecard {
        decode_json(&format!(
            r#"{{"schemaVersion":1,"rubricId":"call","performanceId":"p1","raterId":"wang","ratings":{ratings}}}"#
        ))
        .unwrap()
    }

    const ALL_GOOD: &str = r#"{"greeting":{"value":1},"tone":{"value":5},"closing":{"value":4},
        "privacy":{"value":1},"accuracy":{"value":10},"extra":{"value":0}}"#;

    fn section<'a>(r: &'a ScoreResult, id: &str) -> &'a SectionResult {
        r.sections.iter().find(|s| s.section_id == id).unwrap()
    }

    #[test]
    fn full_marks_without_bonus() {
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(ALL_GOOD)).unwrap();
        assert_eq!(r.total, 100.0);
        assert!(r.passed && !r.critical_failure && r.reasons.is_empty());
        assert_eq!(r.rater_id.as_deref(), Some("wang"));
    }

    #[test]
    fn criterion_weights_and_sections() {
        // etiquette: greeting 100 (w1), tone level 4 → 75 (w1), closing 2/4 → 50 (w2)
        //   = (100 + 75 + 100) / 4 = 68.75; compliance: privacy 100, accuracy 7/10 → 70 = 85.
        let text = ALL_GOOD
            .replace(r#""tone":{"value":5}"#, r#""tone":{"value":4}"#)
            .replace(r#""closing":{"value":4}"#, r#""closing":{"value":2}"#)
            .replace(r#""accuracy":{"value":10}"#, r#""accuracy":{"value":7}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        assert_eq!(section(&r, "etiquette").score, Some(68.75));
        assert_eq!(section(&r, "compliance").score, Some(85.0));
        assert!((r.total - (68.75 * 0.4 + 85.0 * 0.6)).abs() < 1e-12);
        let closing = r
            .criteria
            .iter()
            .find(|c| c.criterion_id == "closing")
            .unwrap();
        assert_eq!(closing.share, 0.5);
    }

    #[test]
    fn na_excluded_redistributes_within_the_section() {
        // tone N/A (exclude): etiquette = (greeting 100 × 1 + closing 50 × 2) / 3.
        let text = ALL_GOOD
            .replace(r#""tone":{"value":5}"#, r#""tone":{"na":true}"#)
            .replace(r#""closing":{"value":4}"#, r#""closing":{"value":2}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        let s = section(&r, "etiquette").score.unwrap();
        assert!((s - 200.0 / 3.0).abs() < 1e-12, "{s}");
        assert!(r
            .reasons
            .iter()
            .any(|x| x.kind == ReasonKind::NotApplicableExcluded
                && x.criterion_id.as_deref() == Some("tone")));
    }

    #[test]
    fn na_zero_counts_the_lowest_value() {
        // closing N/A (zero): etiquette = (100 + 100 + 0 × 2) / 4 = 50.
        let text = ALL_GOOD.replace(r#""closing":{"value":4}"#, r#""closing":{"na":true}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        assert_eq!(section(&r, "etiquette").score, Some(50.0));
        assert!(r
            .reasons
            .iter()
            .any(|x| x.kind == ReasonKind::NotApplicableZero));
    }

    #[test]
    fn na_not_allowed_is_an_error_with_path() {
        let text = ALL_GOOD.replace(r#""accuracy":{"value":10}"#, r#""accuracy":{"na":true}"#);
        let e = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::NotApplicableNotAllowed);
        assert_eq!(e.path(), "ratings.accuracy.na");
    }

    #[test]
    fn a_fully_na_section_gives_its_weight_to_the_others() {
        let rubric = parse_rubric(
            &SMALL
                .replace(
                    r#""critical": {"scope": "section"} }"#,
                    r#""na": "exclude" }"#,
                )
                .replace(
                    r#""na": "zero", "weight": 2"#,
                    r#""na": "exclude", "weight": 2"#,
                ),
        )
        .unwrap();
        let text = ALL_GOOD
            .replace(r#""greeting":{"value":1}"#, r#""greeting":{"na":true}"#)
            .replace(r#""tone":{"value":5}"#, r#""tone":{"na":true}"#)
            .replace(r#""closing":{"value":4}"#, r#""closing":{"na":true}"#)
            .replace(r#""accuracy":{"value":10}"#, r#""accuracy":{"value":5}"#);
        let r = score_scorecard(&rubric, &card(&text)).unwrap();
        assert_eq!(section(&r, "etiquette").score, None);
        assert_eq!(section(&r, "compliance").effective_weight, 100.0);
        assert_eq!(r.total, 75.0);
        assert!(r
            .reasons
            .iter()
            .any(|x| x.kind == ReasonKind::SectionNotApplicable));
    }

    #[test]
    fn critical_failure_of_a_section() {
        let text = ALL_GOOD.replace(r#""greeting":{"value":1}"#, r#""greeting":{"value":0}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        let s = section(&r, "etiquette");
        assert!(s.failed);
        assert_eq!((s.score, s.raw_score), (Some(0.0), Some(75.0)));
        assert_eq!(r.total, 60.0);
        assert!(
            r.passed,
            "a section failure alone does not fail the assessment"
        );
        assert!(r
            .reasons
            .iter()
            .any(|x| x.kind == ReasonKind::CriticalSection));
    }

    #[test]
    fn critical_failure_of_the_whole_assessment() {
        let text = ALL_GOOD.replace(r#""privacy":{"value":1}"#, r#""privacy":{"value":0}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        assert_eq!(r.total, 0.0);
        assert!(!r.passed && r.critical_failure);
        assert!(r.base_total > 50.0, "the base total is still reported");
        let why = r
            .reasons
            .iter()
            .find(|x| x.kind == ReasonKind::CriticalAssessment)
            .unwrap();
        assert_eq!(why.criterion_id.as_deref(), Some("privacy"));
    }

    #[test]
    fn bonus_adds_points_capped_at_100() {
        let text = ALL_GOOD
            .replace(r#""extra":{"value":0}"#, r#""extra":{"value":1}"#)
            .replace(r#""accuracy":{"value":10}"#, r#""accuracy":{"value":8}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        // base = 40 + 60 × (100 + 80) / 200 = 94; + 5 bonus = 99.
        assert!((r.base_total - 94.0).abs() < 1e-12);
        assert_eq!(r.bonus, 5.0);
        assert!((r.total - 99.0).abs() < 1e-12);
        let full = score_scorecard(
            &parse_rubric(SMALL).unwrap(),
            &card(&ALL_GOOD.replace(r#""extra":{"value":0}"#, r#""extra":{"value":1}"#)),
        )
        .unwrap();
        assert_eq!(full.total, 100.0);
    }

    #[test]
    fn below_pass_mark_fails_with_a_reason() {
        let text = ALL_GOOD
            .replace(r#""accuracy":{"value":10}"#, r#""accuracy":{"value":0}"#)
            .replace(r#""closing":{"value":4}"#, r#""closing":{"value":0}"#)
            .replace(r#""tone":{"value":5}"#, r#""tone":{"value":1}"#);
        let r = score_scorecard(&parse_rubric(SMALL).unwrap(), &card(&text)).unwrap();
        assert_eq!(r.total, 40.0);
        assert!(!r.passed);
        assert!(r
            .reasons
            .iter()
            .any(|x| x.kind == ReasonKind::BelowPassMark));
    }

    #[test]
    fn bad_scorecards_have_codes_and_paths() {
        let rubric = parse_rubric(SMALL).unwrap();
        let cases = [
            (
                r#""tone":{"value":5}"#,
                r#""tone":{"value":6}"#,
                ErrorCode::OutOfRange,
                "ratings.tone.value",
            ),
            (
                r#""tone":{"value":5}"#,
                r#""tone":{"value":2.5}"#,
                ErrorCode::OutOfRange,
                "ratings.tone.value",
            ),
            (
                r#""tone":{"value":5},"#,
                "",
                ErrorCode::MissingField,
                "ratings.tone",
            ),
            (
                r#""tone":{"value":5}"#,
                r#""tone":{"value":5},"speed":{"value":1}"#,
                ErrorCode::UnknownReference,
                "ratings.speed",
            ),
            (
                r#""tone":{"value":5}"#,
                r#""tone":{"value":5,"na":true}"#,
                ErrorCode::InvalidValue,
                "ratings.tone",
            ),
            (
                r#""tone":{"value":5}"#,
                r#""tone":{}"#,
                ErrorCode::MissingField,
                "ratings.tone.value",
            ),
        ];
        for (from, to, code, path) in cases {
            let text = ALL_GOOD.replace(from, to);
            let e = score_scorecard(&rubric, &card(&text)).unwrap_err();
            assert_eq!((e.code(), e.path()), (code, path), "{to}: {e}");
        }
        let e = decode_json::<Scorecard>(
            r#"{"schemaVersion":1,"rubricId":"call","performanceId":"p","raterId":"r","ratings":{"a":{"value":1,"note":""}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::UnknownField, "ratings.a.note")
        );
        let mut other = card(ALL_GOOD);
        other.rubric_id = "other".into();
        assert_eq!(
            score_scorecard(&rubric, &other).unwrap_err().path(),
            "rubricId"
        );
    }
}
