//! The composite assessment result (考核结果): weighted components (default theory 40 +
//! practical 60), a minimum per component, knock-outs, grade bands.
//!
//! Rules: total = Σ score × weight / 100 (weights sum to 100). Passed = total ≥ pass mark, every
//! component at or above its minimum, and (with `knockOut`, the default) no component carrying a
//! critical failure. A failed candidate keeps the computed total but gets the fail grade; a passed
//! one gets the highest band whose `min` the total reaches.
//!
//! ```json
//! { "schemaVersion": 1, "passMark": 60,
//!   "components": [ { "id": "theory", "name": {"zh":"理论","en":"Theory"}, "weight": 40, "minimum": 60 },
//!                   { "id": "practical", "name": {"zh":"实操","en":"Practical"}, "weight": 60 } ] }
//! ```
//! A candidate: `{ "candidateId": "E1001", "components": { "theory": { "score": 86 },
//! "practical": { "score": 72.5, "criticalFailure": false } } }`.

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{FromJson, ToJson};

use crate::assessment::defaults;
use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::i18n::Text;
use crate::rubric::format::in_0_100;
use crate::rubric::score::ScoreResult;

/// The composite-config format version this build reads and writes.
pub const COMPOSITE_SCHEMA_VERSION: u32 = 1;

/// How components combine into the assessment result.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompositeConfig {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The components; weights positive, summing to 100 (default theory 40 + practical 60).
    #[serde(default = "default_components")]
    pub components: Vec<ComponentSpec>,
    /// The composite pass line (default 60).
    #[serde(default = "default_pass_mark")]
    pub pass_mark: f64,
    /// Grade bands, highest first (default 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60).
    #[serde(default = "default_grades")]
    pub grades: Vec<GradeBand>,
    /// The grade of a failed candidate (default 不合格).
    #[serde(default = "default_fail_grade")]
    pub fail_grade: Grade,
    /// A component with a critical failure fails the whole (default true).
    #[serde(default = "yes")]
    pub knock_out: bool,
    /// Cohort target pass rate in percent (default 90).
    #[serde(default = "default_target")]
    pub target_pass_rate: f64,
    /// Width of the score-distribution bins (default 10).
    #[serde(default = "default_bin_width")]
    pub bin_width: f64,
}

/// One component (theory, practical, on-the-job…).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComponentSpec {
    /// Id candidates' scores are keyed by.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Share of the total.
    pub weight: f64,
    /// The candidate fails when this component scores below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
}

/// A grade band: totals from `min` up.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GradeBand {
    /// Stable id, e.g. `excellent`.
    pub id: String,
    /// Display label, e.g. 优秀.
    pub label: Text,
    /// Lowest total in the band.
    pub min: f64,
}

/// A grade as shown on a result.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grade {
    /// Stable id.
    pub id: String,
    /// Display label.
    pub label: Text,
}

/// One candidate's component scores.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CandidateScores {
    /// Who.
    pub candidate_id: String,
    /// Score per component id.
    pub components: BTreeMap<String, ComponentScore>,
}

/// One component's score for a candidate.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComponentScore {
    /// 0–100.
    pub score: f64,
    /// A critical (knock-out) failure inside the component.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub critical_failure: bool,
}

impl ComponentScore {
    /// The practical component from a rubric score (its total and knock-out).
    pub fn from_practical(result: &ScoreResult) -> Self {
        ComponentScore {
            score: result.total,
            critical_failure: result.critical_failure,
        }
    }
}

/// One candidate's assessment result.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompositeResult {
    /// Who.
    pub candidate_id: String,
    /// Σ score × weight / 100.
    pub total: f64,
    /// The pass line used.
    pub pass_mark: f64,
    /// Passed every rule.
    pub passed: bool,
    /// The grade.
    pub grade: Grade,
    /// Per component, in config order.
    pub components: Vec<ComponentResult>,
    /// Why a candidate failed.
    pub reasons: Vec<CompositeReason>,
}

/// One component in a result.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ComponentResult {
    /// The component.
    pub component_id: String,
    /// Its score.
    pub score: f64,
    /// Its weight.
    pub weight: f64,
    /// score × weight / 100.
    pub contribution: f64,
    /// Its minimum, if any.
    pub minimum: Option<f64>,
    /// Below the minimum.
    pub below_minimum: bool,
    /// Carries a critical failure.
    pub critical_failure: bool,
}

/// What a failure reason is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CompositeReasonKind {
    /// A component had a critical failure (knock-out).
    KnockOut,
    /// A component is below its minimum.
    BelowMinimum,
    /// The total is below the pass line.
    BelowPassMark,
}

/// A reason a candidate failed.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompositeReason {
    /// What kind.
    pub kind: CompositeReasonKind,
    /// The component concerned, if any.
    pub component_id: Option<String>,
    /// The sentence shown.
    pub message: Text,
}

fn default_components() -> Vec<ComponentSpec> {
    vec![
        ComponentSpec {
            id: defaults::THEORY.into(),
            name: Text::new("理论知识考核", "Theory"),
            weight: defaults::THEORY_WEIGHT,
            minimum: None,
        },
        ComponentSpec {
            id: defaults::PRACTICAL.into(),
            name: Text::new("实操技能考核", "Practical"),
            weight: defaults::PRACTICAL_WEIGHT,
            minimum: None,
        },
    ]
}
fn default_pass_mark() -> f64 {
    defaults::PASS_MARK
}
fn default_grades() -> Vec<GradeBand> {
    let band = |id: &str, zh: &str, en: &str, min: f64| GradeBand {
        id: id.into(),
        label: Text::new(zh, en),
        min,
    };
    vec![
        band("excellent", "优秀", "Excellent", defaults::EXCELLENT_FROM),
        band("good", "良好", "Good", defaults::GOOD_FROM),
        band("pass", "合格", "Pass", defaults::PASS_MARK),
    ]
}
fn default_fail_grade() -> Grade {
    Grade {
        id: "fail".into(),
        label: Text::new("不合格", "Fail"),
    }
}
fn yes() -> bool {
    true
}
fn default_target() -> f64 {
    defaults::TARGET_PASS_RATE
}
fn default_bin_width() -> f64 {
    defaults::HISTOGRAM_BIN_WIDTH
}

impl Default for CompositeConfig {
    fn default() -> Self {
        CompositeConfig {
            schema_version: COMPOSITE_SCHEMA_VERSION,
            components: default_components(),
            pass_mark: default_pass_mark(),
            grades: default_grades(),
            fail_grade: default_fail_grade(),
            knock_out: true,
            target_pass_rate: default_target(),
            bin_width: default_bin_width(),
        }
    }
}

impl CompositeConfig {
    /// Checks weights (positive, sum 100), ranges, unique ids, bands highest first with the
    /// lowest at or below the pass mark (so every passing total has a band).
    pub fn validate(&self) -> Result<(), Error> {
        check_schema_version(
            self.schema_version,
            COMPOSITE_SCHEMA_VERSION,
            "考核结果配置 composite config",
        )?;
        in_0_100(self.pass_mark, "passMark")?;
        in_0_100(self.target_pass_rate, "targetPassRate")?;
        if !(self.bin_width.is_finite() && self.bin_width > 0.0 && self.bin_width <= 100.0) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "binWidth",
                "分组宽度应大于 0 且不超过 100",
                "binWidth must be above 0 and at most 100",
            ));
        }
        if self.components.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "components",
                "至少需要一个考核组成部分",
                "at least one component is needed",
            ));
        }
        let mut ids = BTreeSet::new();
        let mut sum = 0.0;
        for (i, c) in self.components.iter().enumerate() {
            if c.id.trim().is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("components[{i}].id"),
                    "不能为空",
                    "must not be blank",
                ));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("components[{i}].id"),
                    format!("组成部分 “{}” 重复", c.id),
                    format!("component \"{}\" is listed twice", c.id),
                ));
            }
            if !(c.weight.is_finite() && c.weight > 0.0) {
                return Err(Error::new(
                    ErrorCode::WeightsDoNotSum,
                    format!("components[{i}].weight"),
                    format!("权重应为正数，实际为 {}", c.weight),
                    format!("a weight must be positive; found {}", c.weight),
                ));
            }
            if let Some(m) = c.minimum {
                in_0_100(m, &format!("components[{i}].minimum"))?;
            }
            sum += c.weight;
        }
        if (sum - 100.0).abs() > 1e-6 {
            return Err(Error::new(
                ErrorCode::WeightsDoNotSum,
                "components",
                format!("各组成部分权重之和应为 100，实际为 {sum}"),
                format!("component weights must sum to 100; they sum to {sum}"),
            ));
        }
        let mut previous = f64::INFINITY;
        let mut grade_ids = BTreeSet::new();
        for (i, g) in self.grades.iter().enumerate() {
            let path = format!("grades[{i}].min");
            in_0_100(g.min, &path)?;
            if g.min >= previous {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    "等级应按分数线从高到低排列",
                    "grade bands must be listed highest first",
                ));
            }
            previous = g.min;
            if !grade_ids.insert(g.id.as_str()) || g.id == self.fail_grade.id {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("grades[{i}].id"),
                    format!("等级 “{}” 重复", g.id),
                    format!("grade \"{}\" is used twice", g.id),
                ));
            }
        }
        match self.grades.last() {
            Some(lowest) if lowest.min <= self.pass_mark + 1e-9 => Ok(()),
            _ => Err(Error::new(
                ErrorCode::InvalidValue,
                "grades",
                "最低等级的分数线应不高于合格线，否则合格者没有等级",
                "the lowest grade band must start at or below the pass mark",
            )),
        }
    }
}

/// One candidate's composite result.
///
/// @example composite(&CompositeConfig::default(), &candidate)?.grade.id
pub fn composite(
    config: &CompositeConfig,
    candidate: &CandidateScores,
) -> Result<CompositeResult, Error> {
    config.validate()?;
    score_candidate(config, candidate)
}

/// Every candidate's result, in input order; an error names the candidate (`[3].components.theory`).
pub fn composite_batch(
    config: &CompositeConfig,
    candidates: &[CandidateScores],
) -> Result<Vec<CompositeResult>, Error> {
    config.validate()?;
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| score_candidate(config, c).map_err(|e| e.within(&format!("[{i}]"))))
        .collect()
}

fn score_candidate(
    config: &CompositeConfig,
    candidate: &CandidateScores,
) -> Result<CompositeResult, Error> {
    for id in candidate.components.keys() {
        if !config.components.iter().any(|c| &c.id == id) {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("components.{id}"),
                format!("配置中没有组成部分 “{id}”"),
                format!("the config has no component \"{id}\""),
            ));
        }
    }
    let mut components = Vec::new();
    let mut reasons = Vec::new();
    let mut total = 0.0;
    for spec in &config.components {
        let path = format!("components.{}", spec.id);
        let Some(given) = candidate.components.get(&spec.id) else {
            return Err(Error::new(
                ErrorCode::MissingField,
                path,
                format!("缺少 “{}” 的成绩", spec.name.zh),
                format!("no score for \"{}\"", spec.id),
            ));
        };
        in_0_100(given.score, &format!("{path}.score"))?;
        let contribution = given.score * spec.weight / 100.0;
        total += contribution;
        let below_minimum = spec.minimum.is_some_and(|m| given.score + 1e-9 < m);
        if below_minimum {
            reasons.push(CompositeReason {
                kind: CompositeReasonKind::BelowMinimum,
                component_id: Some(spec.id.clone()),
                message: Text::new(
                    format!(
                        "{} {:.1} 分，低于最低要求 {}",
                        spec.name.zh,
                        given.score,
                        spec.minimum.unwrap_or(0.0)
                    ),
                    format!(
                        "{} {:.1} is below its minimum {}",
                        spec.name.en,
                        given.score,
                        spec.minimum.unwrap_or(0.0)
                    ),
                ),
            });
        }
        if given.critical_failure && config.knock_out {
            reasons.push(CompositeReason {
                kind: CompositeReasonKind::KnockOut,
                component_id: Some(spec.id.clone()),
                message: Text::new(
                    format!("{}有否决项未通过，考核不合格", spec.name.zh),
                    format!(
                        "{} has a critical failure: the assessment fails",
                        spec.name.en
                    ),
                ),
            });
        }
        components.push(ComponentResult {
            component_id: spec.id.clone(),
            score: given.score,
            weight: spec.weight,
            contribution,
            minimum: spec.minimum,
            below_minimum,
            critical_failure: given.critical_failure,
        });
    }
    let total = total.clamp(0.0, 100.0);
    if total + 1e-9 < config.pass_mark {
        reasons.push(CompositeReason {
            kind: CompositeReasonKind::BelowPassMark,
            component_id: None,
            message: Text::new(
                format!("综合成绩 {total:.1} 低于合格线 {}", config.pass_mark),
                format!(
                    "composite {total:.1} is below the pass mark {}",
                    config.pass_mark
                ),
            ),
        });
    }
    let passed = reasons.is_empty();
    let grade = if passed {
        config
            .grades
            .iter()
            .find(|g| total + 1e-9 >= g.min)
            .map(|g| Grade {
                id: g.id.clone(),
                label: g.label.clone(),
            })
            .unwrap_or_else(|| config.fail_grade.clone())
    } else {
        config.fail_grade.clone()
    };
    Ok(CompositeResult {
        candidate_id: candidate.candidate_id.clone(),
        total,
        pass_mark: config.pass_mark,
        passed,
        grade,
        components,
        reasons,
    })
}
