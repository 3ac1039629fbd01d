//! The rubric (评分细则) format, version 1, and its validation.
//!
//! ```json
//! { "schemaVersion": 1, "id": "call-v3", "version": 3, "title": "模拟通话评分细则",
//!   "passMark": 60, "panel": { "aggregation": "median", "maxSpread": 25 },
//!   "sections": [ { "id": "etiquette", "title": "礼仪", "weight": 15, "dimension": "communication",
//!     "criteria": [ { "id": "greeting", "title": "标准开场白", "scale": { "type": "yesNo" },
//!                     "na": "notAllowed", "critical": { "scope": "section" } } ] } ] }
//! ```

use std::collections::BTreeSet;

use crate::format::{FromJson, ToJson};

use crate::dimensions::{DimensionRef, DimensionSet};
use crate::error::{Error, ErrorCode};
use crate::exam::validate::non_blank;
use crate::format::{check_schema_version, decode_json};
use crate::rubric::defaults;
use crate::rubric::scale::Scale;

/// The rubric format version this build reads and writes.
pub const RUBRIC_SCHEMA_VERSION: u32 = 1;

/// Sums of weights may be off by this much (decimal weights such as 33.3 + 33.3 + 33.4).
pub const WEIGHT_TOLERANCE: f64 = 1e-6;

/// A scoring rubric for a practical assessment (a role-played call, a system demo, a case).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rubric {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Stable id; scorecards name it in `rubricId`.
    pub id: String,
    /// The rubric's own revision (rubrics change with products and regulation).
    #[serde(default = "first_version")]
    pub version: u32,
    /// Shown to raters, e.g. "模拟通话评分细则".
    pub title: String,
    /// Optional notes for raters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Weighted total (0–100) needed to pass; default 60.
    #[serde(default = "default_pass_mark")]
    pub pass_mark: f64,
    /// How several raters' scores are combined.
    #[serde(default)]
    pub panel: PanelSettings,
    /// The dimensions of the model the rubric was written against (sections name them);
    /// absent: the default eight (see [`crate::dimensions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<DimensionRef>>,
    /// The sections (礼仪, 沟通, …); weights are positive and sum to 100.
    pub sections: Vec<Section>,
}

fn first_version() -> u32 {
    1
}

fn default_pass_mark() -> f64 {
    defaults::PASS_MARK
}

/// How a panel of raters is combined into one score per criterion; a missing field takes its
/// value from [`PanelSettings::default`].
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PanelSettings {
    /// Mean, median or trimmed mean of the raters' values.
    pub aggregation: Aggregation,
    /// For the trimmed mean: the proportion cut from each end (0 ≤ p < 0.5), default 0.2.
    pub trim: f64,
    /// A criterion is flagged when raters' 0–100 scores differ by more than this (default 25).
    pub max_spread: f64,
}

impl Default for PanelSettings {
    fn default() -> Self {
        PanelSettings {
            aggregation: Aggregation::default(),
            trim: defaults::TRIM_PROPORTION,
            max_spread: defaults::MAX_RATER_SPREAD,
        }
    }
}

/// The panel statistic per criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Aggregation {
    /// Arithmetic mean.
    #[default]
    Mean,
    /// Median (mean of the two middle values for an even count).
    Median,
    /// Mean after cutting `floor(trim × n)` values from each end, as `scipy.stats.trim_mean`.
    TrimmedMean,
}

/// One weighted section of the rubric, tagged with a competency dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Section {
    /// Unique within the rubric.
    pub id: String,
    /// Shown to raters, e.g. "礼仪".
    pub title: String,
    /// Share of the total, positive; all sections sum to 100.
    pub weight: f64,
    /// The competency dimension the section gives evidence for (e.g. `complaint_handling`).
    pub dimension: String,
    /// The criteria; at least one that is not a bonus.
    pub criteria: Vec<Criterion>,
}

/// One rated criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    /// Unique within the whole rubric (scorecards are keyed by it).
    pub id: String,
    /// Shown to raters.
    pub title: String,
    /// Optional guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The rating scale.
    pub scale: Scale,
    /// Relative weight within the section (default 1); section weights need not sum to anything.
    #[serde(default = "unit_weight")]
    pub weight: f64,
    /// What "not applicable" means for this criterion (default: not allowed).
    #[serde(default)]
    pub na: NaPolicy,
    /// Set when failing this criterion fails its section or the whole assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<Critical>,
    /// Set for a bonus criterion: up to this many points are added to the total (capped at 100);
    /// bonus criteria do not count in their section's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bonus_points: Option<f64>,
    /// A transcript indicator that suggests a value for this criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorLink>,
}

fn unit_weight() -> f64 {
    1.0
}

/// What a rater's "N/A" does to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum NaPolicy {
    /// N/A is an input error.
    #[default]
    NotAllowed,
    /// Left out; its weight is shared by the section's other criteria. A section whose criteria
    /// are all N/A is left out and its weight shared by the other sections.
    Exclude,
    /// Counts as the scale's lowest value (0 points).
    Zero,
}

/// A critical (一票否决) criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Critical {
    /// What a failure fails: the section (its score becomes 0) or the whole assessment
    /// (total 0, failed).
    pub scope: CriticalScope,
    /// The criterion fails when its value is below this; default: anything above the scale's
    /// lowest value passes (yes for yes/no, 1 point, level 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_at: Option<f64>,
}

/// What a critical failure fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CriticalScope {
    /// The criterion's section scores 0.
    Section,
    /// The whole assessment scores 0 and fails.
    Assessment,
}

impl Critical {
    /// The lowest passing value on `scale`.
    pub fn threshold(&self, scale: &Scale) -> f64 {
        self.pass_at.unwrap_or(scale.min() + 1.0)
    }
}

/// Which transcript indicator suggests a value for a criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum IndicatorLink {
    /// Positive phrases: the share of the minimum count reached.
    PositivePhrases,
    /// Forbidden phrases: full marks for none, lowest value otherwise.
    ForbiddenPhrases,
    /// Share of a framework's steps covered.
    StepCoverage {
        /// Framework id, e.g. `complaintSixSteps`.
        framework: String,
    },
    /// Full marks when the framework's covered steps are in order (and at least one is).
    StepOrder {
        /// Framework id, e.g. `learn`.
        framework: String,
    },
    /// Full marks when the first solution came within the limit.
    FirstSolution,
    /// Full marks when the agent's speech rate is within the band.
    SpeechRate,
    /// Full marks for no interruption.
    Interruptions,
}

/// Decodes and validates a rubric from JSON text.
///
/// @example parse_rubric(r#"{"schemaVersion":1,"id":"r","title":"t","sections":[…]}"#)
pub fn parse_rubric(text: &str) -> Result<Rubric, Error> {
    let rubric: Rubric = decode_json(text)?;
    validate_rubric(&rubric)?;
    Ok(rubric)
}

/// Validates a decoded rubric: version, ids, dimensions, weights (positive, sections sum to 100),
/// scales, critical thresholds, bonus points, panel settings.
pub fn validate_rubric(rubric: &Rubric) -> Result<(), Error> {
    check_schema_version(
        rubric.schema_version,
        RUBRIC_SCHEMA_VERSION,
        "评分细则 rubric",
    )?;
    non_blank(&rubric.id, "id")?;
    non_blank(&rubric.title, "title")?;
    in_0_100(rubric.pass_mark, "passMark")?;
    let p = &rubric.panel;
    if !(p.trim.is_finite() && (0.0..0.5).contains(&p.trim)) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "panel.trim",
            format!("截尾比例应在 0 至 0.5 之间（不含 0.5），实际为 {}", p.trim),
            format!("trim must be at least 0 and below 0.5; found {}", p.trim),
        ));
    }
    in_0_100(p.max_spread, "panel.maxSpread")?;
    if rubric.sections.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "sections",
            "评分细则至少需要一个部分",
            "a rubric needs at least one section",
        ));
    }
    let dimensions = DimensionSet::declared(rubric.dimensions.as_deref(), "dimensions")?;
    let mut section_ids = BTreeSet::new();
    let mut criterion_ids = BTreeSet::new();
    let mut sum = 0.0;
    for (s, section) in rubric.sections.iter().enumerate() {
        let sp = format!("sections[{s}]");
        validate_section(section, &sp, &dimensions)?;
        if !section_ids.insert(section.id.as_str()) {
            return Err(duplicate(&format!("{sp}.id"), &section.id));
        }
        for (c, criterion) in section.criteria.iter().enumerate() {
            if !criterion_ids.insert(criterion.id.as_str()) {
                return Err(duplicate(&format!("{sp}.criteria[{c}].id"), &criterion.id));
            }
        }
        sum += section.weight;
    }
    if (sum - 100.0).abs() > WEIGHT_TOLERANCE {
        return Err(Error::new(
            ErrorCode::WeightsDoNotSum,
            "sections",
            format!("各部分权重之和应为 100，实际为 {sum}"),
            format!("section weights must sum to 100; they sum to {sum}"),
        ));
    }
    Ok(())
}

fn validate_section(section: &Section, sp: &str, dimensions: &DimensionSet) -> Result<(), Error> {
    non_blank(&section.id, &format!("{sp}.id"))?;
    non_blank(&section.title, &format!("{sp}.title"))?;
    positive_weight(section.weight, &format!("{sp}.weight"))?;
    dimensions.check(&section.dimension, &format!("{sp}.dimension"))?;
    if !section.criteria.iter().any(|c| c.bonus_points.is_none()) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            format!("{sp}.criteria"),
            "每个部分至少需要一个非加分项的评分项",
            "a section needs at least one criterion that is not a bonus",
        ));
    }
    for (c, criterion) in section.criteria.iter().enumerate() {
        validate_criterion(criterion, &format!("{sp}.criteria[{c}]"))?;
    }
    Ok(())
}

fn validate_criterion(c: &Criterion, cp: &str) -> Result<(), Error> {
    non_blank(&c.id, &format!("{cp}.id"))?;
    non_blank(&c.title, &format!("{cp}.title"))?;
    c.scale.validate(&format!("{cp}.scale"))?;
    positive_weight(c.weight, &format!("{cp}.weight"))?;
    if let Some(critical) = &c.critical {
        if let Some(at) = critical.pass_at {
            let path = format!("{cp}.critical.passAt");
            c.scale.check_value(at, &path)?;
            if at <= c.scale.min() {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    path,
                    "及格值应高于量表最低值，否则该项永远不会否决",
                    "passAt must be above the scale's lowest value, or the criterion never fails",
                ));
            }
        }
    }
    if let Some(points) = c.bonus_points {
        let path = format!("{cp}.bonusPoints");
        if !(points.is_finite() && points > 0.0 && points <= 100.0) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("加分上限应大于 0 且不超过 100，实际为 {points}"),
                format!("bonusPoints must be above 0 and at most 100; found {points}"),
            ));
        }
        if c.critical.is_some() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                path,
                "加分项不能同时是否决项",
                "a bonus criterion cannot be critical",
            ));
        }
    }
    Ok(())
}

fn in_0_100(value: f64, path: &str) -> Result<(), Error> {
    if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("应在 0 至 100 之间，实际为 {value}"),
            format!("expected a number from 0 to 100; found {value}"),
        ));
    }
    Ok(())
}

fn positive_weight(value: f64, path: &str) -> Result<(), Error> {
    if !(value.is_finite() && value > 0.0) {
        return Err(Error::new(
            ErrorCode::WeightsDoNotSum,
            path,
            format!("权重应为正数，实际为 {value}"),
            format!("a weight must be positive; found {value}"),
        ));
    }
    Ok(())
}

fn duplicate(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::DuplicateId,
        path,
        format!("id “{id}” 重复"),
        format!("id \"{id}\" is used twice"),
    )
}

impl Rubric {
    /// The criterion with `id` and the index of its section.
    pub fn criterion(&self, id: &str) -> Option<(usize, &Criterion)> {
        self.sections
            .iter()
            .enumerate()
            .find_map(|(s, sec)| sec.criteria.iter().find(|c| c.id == id).map(|c| (s, c)))
    }

    /// Every criterion with its section, in rubric order.
    pub fn criteria(&self) -> impl Iterator<Item = (&Section, &Criterion)> {
        self.sections
            .iter()
            .flat_map(|s| s.criteria.iter().map(move |c| (s, c)))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small rubric used across the module's tests.
    pub(crate) const SMALL: &str = r#"{
      "schemaVersion": 1, "id": "call", "title": "模拟通话评分细则", "passMark": 60,
      "sections": [
        { "id": "etiquette", "title": "礼仪", "weight": 40, "dimension": "communication",
          "criteria": [
            { "id": "greeting", "title": "标准开场白", "scale": {"type": "yesNo"},
              "critical": {"scope": "section"} },
            { "id": "tone", "title": "语气亲切", "scale": {"type": "levels",
              "anchors": ["生硬", "平淡", "礼貌", "亲切", "热情得体"]}, "na": "exclude" },
            { "id": "closing", "title": "结束语", "scale": {"type": "points", "max": 4},
              "na": "zero", "weight": 2 }
          ] },
        { "id": "compliance", "title": "合规", "weight": 60, "dimension": "compliance",
          "criteria": [
            { "id": "privacy", "title": "核实身份，不泄露隐私", "scale": {"type": "yesNo"},
              "critical": {"scope": "assessment"} },
            { "id": "accuracy", "title": "信息准确", "scale": {"type": "points", "max": 10} },
            { "id": "extra", "title": "主动推荐延保", "scale": {"type": "yesNo"},
              "bonusPoints": 5, "na": "exclude" }
          ] }
      ] }"#;

    #[test]
    fn the_small_rubric_is_valid() {
        let r = parse_rubric(SMALL).unwrap();
        assert_eq!(r.panel, PanelSettings::default());
        assert_eq!(r.criteria().count(), 6);
    }

    #[test]
    fn weights_that_do_not_sum_name_the_sum() {
        let text = SMALL.replace(r#""weight": 60"#, r#""weight": 50"#);
        let e = parse_rubric(&text).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WeightsDoNotSum);
        assert_eq!(e.path(), "sections");
        assert!(e.message(crate::Locale::En).contains("90"), "{e}");
    }

    #[test]
    fn bad_rubrics_have_codes_and_paths() {
        let cases = [
            (
                r#""weight": 40"#,
                r#""weight": -40"#,
                ErrorCode::WeightsDoNotSum,
                "sections[0].weight",
            ),
            (
                r#""dimension": "compliance""#,
                r#""dimension": "legal""#,
                ErrorCode::UnknownDimension,
                "sections[1].dimension",
            ),
            (
                r#""id": "accuracy""#,
                r#""id": "privacy""#,
                ErrorCode::DuplicateId,
                "sections[1].criteria[1].id",
            ),
            (
                r#""max": 10"#,
                r#""max": 0"#,
                ErrorCode::OutOfRange,
                "sections[1].criteria[1].scale.max",
            ),
            (
                r#""bonusPoints": 5"#,
                r#""bonusPoints": 500"#,
                ErrorCode::OutOfRange,
                "sections[1].criteria[2].bonusPoints",
            ),
            (
                r#""na": "zero""#,
                r#""na": "maybe""#,
                ErrorCode::UnknownVariant,
                "sections[0].criteria[2].na",
            ),
            (
                r#""passMark": 60"#,
                r#""passMark": 160"#,
                ErrorCode::OutOfRange,
                "passMark",
            ),
            (
                r#""schemaVersion": 1"#,
                r#""schemaVersion": 2"#,
                ErrorCode::UnsupportedSchemaVersion,
                "schemaVersion",
            ),
            (
                r#""type": "yesNo"},"#,
                r#""type": "yesNo", "min": 0},"#,
                ErrorCode::UnknownField,
                "sections[0].criteria[0].scale",
            ),
        ];
        for (from, to, code, path) in cases {
            let text = SMALL.replacen(from, to, 1);
            assert_ne!(text, SMALL, "{from}");
            let e = parse_rubric(&text).unwrap_err();
            assert_eq!((e.code(), e.path()), (code, path), "{from} → {to}: {e}");
        }
    }

    #[test]
    fn critical_pass_at_defaults_above_the_minimum() {
        let r = parse_rubric(SMALL).unwrap();
        let (_, c) = r.criterion("greeting").unwrap();
        assert_eq!(c.critical.as_ref().unwrap().threshold(&c.scale), 1.0);
    }
}
