//! The competency evaluation a plan is generated from, read through our own struct.
//!
//! The evaluation is produced by the competency module; this struct takes exactly the fields of
//! that module's output contract and deliberately ignores any others (no `deny_unknown_fields`),
//! so the two modules can evolve independently. [`Evaluation::validate`] then checks it against
//! the catalog before any arithmetic.

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::i18n::Text;
use crate::plan::catalog::Catalog;
use crate::plan::check;

/// The evaluation format version this build reads.
pub const EVALUATION_SCHEMA_VERSION: u32 = 1;

/// One person's competency evaluation (the competency module's output).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Employee id, e.g. `E1001`.
    pub person_id: String,
    /// Display name, e.g. 李娜.
    pub name: String,
    /// Role id in the competency model, e.g. `frontline`.
    pub role: String,
    /// Line of business or team, e.g. 售后.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Day of the evaluation, `YYYY-MM-DD`.
    pub date: String,
    /// One entry per competency dimension.
    pub dimensions: Vec<DimensionEvaluation>,
    /// Dimensions below target, highest priority first.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    /// Dimension ids at or above target.
    #[serde(default)]
    pub strengths: Vec<String>,
}

/// The evaluation of one competency dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionEvaluation {
    /// Dimension id, e.g. `complaint_handling`.
    pub dimension_id: String,
    /// Display name.
    pub name: Text,
    /// Current level on the 1–5 scale; `null` when evidence is insufficient.
    pub level: Option<f64>,
    /// Whole-number band of the level; `null` when evidence is insufficient.
    #[serde(default)]
    pub band: Option<u32>,
    /// Target level for the person's role (1–5).
    pub target: f64,
    /// `target − level` (positive = below target); `null` when evidence is insufficient.
    pub gap: Option<f64>,
    /// Weight of the dimension for the role.
    pub importance: f64,
    /// Confidence in the level, 0–1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Whether the level could be computed.
    pub status: DimensionStatus,
    /// 自评, 1–5.
    #[serde(default)]
    pub self_rating: Option<f64>,
    /// 主管评, 1–5.
    #[serde(default)]
    pub supervisor_rating: Option<f64>,
    /// The evidence behind the level.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// How the level was computed, in words.
    #[serde(default)]
    pub explanation: Option<Text>,
}

/// Whether a dimension has enough evidence for a level: the competency module's own enum. The
/// structs above are read independently of that module's, but the two status words are the
/// contract itself, so both sides name them once.
pub use crate::competency::DimensionStatus;

/// One piece of evidence behind a level.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// What kind of evidence.
    pub kind: SourceKind,
    /// Exam tag, rubric section id, KPI id (csat, fcr, aht, complaintRate, resolutionRate,
    /// qaScore) or rater.
    pub key: String,
    /// The value in the source's own unit (0–100 for exams, 5 points for CSAT, seconds for AHT…).
    pub raw_value: f64,
    /// The value mapped to the 1–5 scale.
    pub level: f64,
    /// Its weight in the dimension's level.
    pub weight: f64,
    /// Day the evidence was taken.
    pub date: String,
    /// The values, in the source's unit, at which the model's rule puts levels 1…5 (cut scores,
    /// KPI thresholds or the team's values at the model's percentiles). When given, a goal's
    /// target is the value this rule maps to the planned level; without, the target is
    /// interpolated towards the scale's end (an older evaluation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<f64>>,
    /// For a KPI the model defines (any KPI, not only the built-in ones): its name, unit,
    /// direction and range, so a goal can be set in its own unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kpi: Option<SourceKpi>,
}

/// What a plan needs to know about a KPI.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SourceKpi {
    /// Display name, e.g. 表扬率.
    pub name: Text,
    /// Unit, e.g. % / 秒.
    pub unit: Text,
    /// Whether higher is better.
    pub higher_is_better: bool,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Decimals shown.
    pub decimals: u32,
}

/// The kind of a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// A theory exam score (tag score), 0–100.
    Exam,
    /// A practical rubric section score, 0–100.
    Rubric,
    /// An on-the-job KPI in its own unit.
    Kpi,
    /// 自评 on 1–5.
    SelfRating,
    /// 主管评 on 1–5.
    SupervisorRating,
}

/// A dimension below target: the competency module's own record (four numbers that are the
/// contract itself, like [`DimensionStatus`]).
pub use crate::competency::result::Gap;

/// The KPI ids the project uses, with the range of their raw values.
pub(crate) fn kpi_range(key: &str) -> Option<(f64, f64)> {
    match key {
        "csat" => Some((0.0, 5.0)),
        "fcr" | "complaintRate" | "resolutionRate" | "qaScore" => Some((0.0, 100.0)),
        "aht" => Some((0.0, 86_400.0)),
        _ => None,
    }
}

impl Evaluation {
    /// Checks the evaluation against the catalog; returns the evaluation day.
    ///
    /// Unknown dimension ids → `UNKNOWN_DIMENSION`; levels, targets and ratings outside 1–5 →
    /// `OUT_OF_RANGE`; bad days → `INVALID_DATE`; a gap naming a dimension the evaluation does
    /// not contain → `UNKNOWN_REFERENCE`.
    pub fn validate(&self, catalog: &Catalog) -> Result<Date, Error> {
        check_schema_version(self.schema_version, EVALUATION_SCHEMA_VERSION, "evaluation")?;
        check::non_blank(&self.person_id, "personId")?;
        let date = check::date(&self.date, "date")?;
        if self.dimensions.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "dimensions",
                "评估中没有任何能力维度",
                "the evaluation has no dimensions; expected at least one",
            ));
        }
        for (i, dim) in self.dimensions.iter().enumerate() {
            dim.validate(catalog, i)?;
            if self
                .dimensions
                .get(..i)
                .unwrap_or_default()
                .iter()
                .any(|d| d.dimension_id == dim.dimension_id)
            {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("dimensions[{i}].dimensionId"),
                    format!("维度 “{}” 出现了两次", dim.dimension_id),
                    format!("dimension \"{}\" appears twice", dim.dimension_id),
                ));
            }
        }
        for (i, gap) in self.gaps.iter().enumerate() {
            let at = |field: &str| format!("gaps[{i}].{field}");
            if catalog.dimension(&gap.dimension_id).is_none() {
                known_dimension(catalog, &gap.dimension_id, &at("dimensionId"))?;
            }
            if self.dimension(&gap.dimension_id).is_none() {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    at("dimensionId"),
                    format!("差距引用的维度 “{}” 不在评估的维度列表中", gap.dimension_id),
                    format!(
                        "the gap names dimension \"{}\", which the evaluation does not list",
                        gap.dimension_id
                    ),
                ));
            }
            check::in_range_at(gap.gap, -4.0, 4.0, || at("gap"))?;
            check::at_least_at(gap.importance, 0.0, || at("importance"))?;
            check::at_least_at(gap.priority, f64::MIN, || at("priority"))?;
        }
        for (i, id) in self.strengths.iter().enumerate() {
            if catalog.dimension(id).is_none() {
                known_dimension(catalog, id, &format!("strengths[{i}]"))?;
            }
        }
        Ok(date)
    }

    /// The evaluation of one dimension.
    pub fn dimension(&self, id: &str) -> Option<&DimensionEvaluation> {
        self.dimensions.iter().find(|d| d.dimension_id == id)
    }
}

impl DimensionEvaluation {
    /// `index` is the dimension's place in the evaluation: paths are built only for an error.
    fn validate(&self, catalog: &Catalog, index: usize) -> Result<(), Error> {
        let at = |field: &str| format!("dimensions[{index}].{field}");
        if catalog.dimension(&self.dimension_id).is_none() {
            known_dimension(catalog, &self.dimension_id, &at("dimensionId"))?;
        }
        check::in_range_at(self.target, 1.0, 5.0, || at("target"))?;
        check::at_least_at(self.importance, 0.0, || at("importance"))?;
        if let Some(c) = self.confidence {
            check::in_range_at(c, 0.0, 1.0, || at("confidence"))?;
        }
        match (self.status, self.level) {
            (DimensionStatus::Ok, None) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    at("level"),
                    "状态为 ok 时必须给出等级（1–5）",
                    "status is \"ok\", so a level from 1 to 5 is required",
                ))
            }
            (_, Some(level)) => {
                check::in_range_at(level, 1.0, 5.0, || at("level"))?;
            }
            (DimensionStatus::InsufficientEvidence, None) => {}
        }
        if let Some(gap) = self.gap {
            check::in_range_at(gap, -4.0, 4.0, || at("gap"))?;
        }
        if let Some(r) = self.self_rating {
            check::in_range_at(r, 1.0, 5.0, || at("selfRating"))?;
        }
        if let Some(r) = self.supervisor_rating {
            check::in_range_at(r, 1.0, 5.0, || at("supervisorRating"))?;
        }
        for (j, source) in self.sources.iter().enumerate() {
            source.validate(|field| format!("dimensions[{index}].sources[{j}].{field}"))?;
        }
        Ok(())
    }
}

impl Source {
    fn validate(&self, at: impl Fn(&str) -> String) -> Result<(), Error> {
        check::in_range_at(self.level, 1.0, 5.0, || at("level"))?;
        check::at_least_at(self.weight, 0.0, || at("weight"))?;
        check::date_at(&self.date, || at("date"))?;
        if let Some(anchors) = &self.anchors {
            let increasing = anchors.windows(2).all(|w| w[0] <= w[1]);
            let decreasing = anchors.windows(2).all(|w| w[0] >= w[1]);
            if anchors.len() != 5
                || anchors.iter().any(|a| !a.is_finite())
                || !(increasing || decreasing)
            {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    at("anchors"),
                    "等级锚点应为 5 个单调的有限数值（1 至 5 级）",
                    "anchors must be 5 finite numbers, monotone from level 1 to 5",
                ));
            }
        }
        let raw_path = || at("rawValue");
        match self.kind {
            SourceKind::Exam | SourceKind::Rubric => {
                check::in_range_at(self.raw_value, 0.0, 100.0, raw_path)?;
            }
            SourceKind::SelfRating | SourceKind::SupervisorRating => {
                check::in_range_at(self.raw_value, 1.0, 5.0, raw_path)?;
            }
            SourceKind::Kpi => {
                let known = self.kpi.as_ref().map(|k| (k.min, k.max));
                let (min, max) = known.or_else(|| kpi_range(&self.key)).ok_or_else(|| {
                    Error::new(
                        ErrorCode::UnknownReference,
                        at("key"),
                        format!(
                            "未知的 KPI “{}”，应为 csat、fcr、aht、complaintRate、resolutionRate 或 qaScore",
                            self.key
                        ),
                        format!(
                            "unknown KPI \"{}\"; expected csat, fcr, aht, complaintRate, resolutionRate or qaScore",
                            self.key
                        ),
                    )
                })?;
                check::in_range_at(self.raw_value, min, max, raw_path)?;
            }
        }
        Ok(())
    }
}

fn known_dimension(catalog: &Catalog, id: &str, path: &str) -> Result<(), Error> {
    if catalog.dimension(id).is_some() {
        Ok(())
    } else {
        Err(Error::new(
            ErrorCode::UnknownDimension,
            path,
            format!("未知的能力维度 “{id}”，措施目录中没有该维度"),
            format!("unknown dimension \"{id}\"; the measures catalog does not define it"),
        ))
    }
}
