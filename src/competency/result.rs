//! The evaluation output (v1) that the page and the plan generator read.
//!
//! Field names are a contract with the plan generator: `dimensions[].level/band/target/gap/
//! importance/confidence/status/sources/explanation`, `gaps`, `strengths`, `blindSpots`,
//! `change`. More fields may be added; none renamed.

use crate::format::{FromJson, ToJson};

use super::evidence::EvidenceKind;
use crate::date::Date;
use crate::i18n::Text;

/// The evaluation of one person against the model and their role's targets.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PersonEvaluation {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Employee id.
    pub person_id: String,
    /// Display name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Group (售前 / 售后 / VIP…).
    pub group: String,
    /// The day the evaluation is "as of" (evidence after it is ignored).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The model id and revision used.
    #[serde(default)]
    pub model_id: String,
    /// The model revision used.
    #[serde(default)]
    pub model_version: String,
    /// One result per model dimension, in model order.
    pub dimensions: Vec<DimensionResult>,
    /// Dimensions below the role target, largest `gap × importance` first.
    pub gaps: Vec<Gap>,
    /// Dimension ids clearly above target, strongest first.
    pub strengths: Vec<String>,
    /// Dimensions where the self rating is a level or more above the supervisor or the evidence.
    pub blind_spots: Vec<BlindSpot>,
    /// Level changes since the previous evaluation passed in (empty without one).
    pub change: Vec<Change>,
}

/// Whether a dimension could be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DimensionStatus {
    /// Enough recent evidence: level, band and gap are set.
    Ok,
    /// Fewer sources than the model's minimum: level, band and gap are null (never guessed).
    InsufficientEvidence,
}

/// A person's result on one dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionResult {
    /// Dimension id.
    pub dimension_id: String,
    /// Dimension name.
    pub name: Text,
    /// Fractional level 1–5 (2 decimals), null when evidence is insufficient.
    pub level: Option<f64>,
    /// Whole level reached (floor of `level`), null when evidence is insufficient.
    pub band: Option<u32>,
    /// The role's target level, null when the role sets none.
    pub target: Option<f64>,
    /// `target − level`: positive = below target; null without a level or a target.
    pub gap: Option<f64>,
    /// The role's importance for this dimension, null when the role sets no target.
    pub importance: Option<f64>,
    /// 0–1: `(1 − 0.5^n) × max(0, 1 − sd / 2)`, n = sources present, sd = weighted standard
    /// deviation of their levels (so one source gives at most 0.5, full agreement of four 0.94).
    pub confidence: f64,
    /// ok or insufficientEvidence.
    pub status: DimensionStatus,
    /// Weighted mean of the 0–100 sources (exams, rubrics), for "below 60" findings.
    pub score: Option<f64>,
    /// Latest self rating in the window.
    pub self_rating: Option<f64>,
    /// Latest supervisor rating in the window.
    pub supervisor_rating: Option<f64>,
    /// The sources that counted, with weights renormalised over those present.
    pub sources: Vec<SourceContribution>,
    /// Evidence that was found but not used (stale, dated after the evaluation, too few peers).
    pub ignored: Vec<IgnoredEvidence>,
    /// How the level was computed, in both languages.
    pub explanation: Text,
}

/// One source's contribution to a dimension level.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SourceContribution {
    /// Kind of evidence.
    pub kind: EvidenceKind,
    /// Exam tag, rubric section, KPI id or rated dimension.
    pub key: String,
    /// Mean of the recent values (the latest one for ratings), in the source's own unit.
    pub raw_value: f64,
    /// The level this value maps to.
    pub level: f64,
    /// Weight after renormalising over the sources present (sums to 1).
    pub weight: f64,
    /// Date of the latest record used.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// How many records were averaged.
    pub count: u32,
    /// The values, in the source's unit, at which this source reaches levels 1…5 (the cut
    /// scores, the KPI thresholds, or the team's values at the model's percentiles); absent for
    /// ratings. A plan inverts them to set targets the model itself maps to the planned level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<f64>>,
}

/// Why evidence was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IgnoredReason {
    /// Older than the dimension's recency window.
    Stale,
    /// Dated after the evaluation date.
    Future,
    /// A percentile-mapped KPI with fewer people than needed to rank them.
    TooFewPeers,
}

/// Evidence found but not used.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IgnoredEvidence {
    /// Kind of evidence.
    pub kind: EvidenceKind,
    /// Its key.
    pub key: String,
    /// Why it was left out.
    pub reason: IgnoredReason,
    /// How many records.
    pub count: u32,
    /// The latest of them.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub latest: Date,
}

/// A gap to the role target.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// Dimension id.
    pub dimension_id: String,
    /// `target − level` (> 0).
    pub gap: f64,
    /// The role's importance.
    pub importance: f64,
    /// `gap × importance`, the ranking key.
    pub priority: f64,
}

/// What a blind spot is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum BlindSpotAgainst {
    /// The supervisor's rating.
    Supervisor,
    /// The level from the other evidence.
    Evidence,
    /// Both.
    Both,
}

/// A self rating a level or more above the supervisor's rating or the evidence.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BlindSpot {
    /// Dimension id.
    pub dimension_id: String,
    /// The self rating.
    pub self_rating: f64,
    /// The supervisor's rating, if any.
    pub supervisor_rating: Option<f64>,
    /// The level from the exams, rubrics and KPIs alone (no ratings), if any.
    pub evidence_level: Option<f64>,
    /// What the self rating exceeds.
    pub against: BlindSpotAgainst,
    /// The largest of the excesses, in levels.
    pub difference: f64,
}

/// The change of one dimension since the previous evaluation.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Dimension id.
    pub dimension_id: String,
    /// The previous level.
    pub previous_level: f64,
    /// The level now.
    pub level: f64,
    /// `level − previousLevel`.
    pub delta: f64,
    /// Date of the previous evaluation.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub previous_date: Date,
}
