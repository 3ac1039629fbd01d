//! What a caller chooses for an evaluation: the date, the previous evaluations, the threshold of
//! the team finding and the field groups are compared by.

use crate::format::{FromJson, ToJson};

use super::defaults;
use super::result::PersonEvaluation;
use crate::date::Date;
use crate::error::{Error, ErrorCode};

/// Options of [`super::evaluate_team`] and friends.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvaluationOptions {
    /// The "as of" day: the recency window ends here and later evidence is ignored. The core never
    /// reads the clock, so the page passes today.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// Earlier evaluations (matched by personId) to report the change since.
    #[serde(default)]
    pub previous: Vec<PersonEvaluation>,
    /// The team finding's threshold; default `{ "score": 60 }`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<ShareThreshold>,
    /// The person field groups are compared by: `group` (default), `role`, or a key of `fields`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    /// Levels a self rating must exceed the supervisor or the evidence by to be a blind spot (1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind_spot_margin: Option<f64>,
    /// Levels above target that make a strength (0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength_margin: Option<f64>,
    /// Write the per-dimension explanation sentences (default true). A team dashboard that shows
    /// one person's explanation at a time can pass false for 2,000 people and ask
    /// `evaluatePerson` for the one selected: the sentences are a third of the evaluation time.
    /// When false, `explanation` is empty in both languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanations: Option<bool>,
}

/// The threshold of "x% of agents are below …": a 0–100 score on the dimension's exam and
/// rubric evidence, or a level.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub enum ShareThreshold {
    /// Below this 0–100 score (the mean of the dimension's exam and rubric evidence).
    Score(f64),
    /// Below this level (1–5).
    Level(f64),
}

impl EvaluationOptions {
    /// Options for a date with every default.
    pub fn on(date: Date) -> Self {
        EvaluationOptions {
            date,
            previous: Vec::new(),
            threshold: None,
            group_by: None,
            blind_spot_margin: None,
            strength_margin: None,
            explanations: None,
        }
    }

    /// Checks thresholds and margins before any arithmetic uses them.
    pub fn validate(&self) -> Result<(), Error> {
        match self.threshold {
            Some(ShareThreshold::Score(s)) if !(s.is_finite() && (0.0..=100.0).contains(&s)) => {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "threshold.score",
                    format!("阈值 {s} 超出范围，应在 0 至 100 分之间"),
                    format!("threshold {s} is out of range; expected a score 0 to 100"),
                ))
            }
            Some(ShareThreshold::Level(l))
                if !(l.is_finite() && (defaults::LEVEL_MIN..=defaults::LEVEL_MAX).contains(&l)) =>
            {
                return Err(super::model::level_out_of_range("threshold.level", l))
            }
            _ => {}
        }
        for (value, path) in [
            (self.blind_spot_margin, "blindSpotMargin"),
            (self.strength_margin, "strengthMargin"),
        ] {
            if let Some(v) = value {
                if !(v.is_finite() && v > 0.0 && v <= 4.0) {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        path,
                        format!("{v} 超出范围，应为大于 0 且不超过 4 的等级差"),
                        format!("{v} is out of range; expected a level difference above 0 and at most 4"),
                    ));
                }
            }
        }
        if let Some(field) = &self.group_by {
            if field.trim().is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    "groupBy",
                    "分组字段不能为空",
                    "groupBy must not be blank",
                ));
            }
        }
        Ok(())
    }

    /// The threshold in force.
    pub fn threshold(&self) -> ShareThreshold {
        self.threshold
            .unwrap_or(ShareThreshold::Score(defaults::SHARE_THRESHOLD_SCORE))
    }
}
