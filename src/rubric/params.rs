//! The params objects of the rubric calls (`scoreScorecard`, `scorePanel`, `calibrateRaters`,
//! `suggestScores`): a rubric plus what is scored against it.
//!
//! Each call takes one params object, so its error paths start with the field at fault
//! (`rubric.sections`, `scorecards[1].raterId`, `ratingSet.referenceRaterId`): the rule of
//! docs/api.md, kept here so that the binding only decodes, calls and encodes.

use crate::format::FromJson;

use crate::error::Error;
use crate::rubric::calibration::{calibrate, CalibrationReport, RatingSet};
use crate::rubric::format::{validate_rubric, Rubric};
use crate::rubric::panel::{score_panel, PanelResult};
use crate::rubric::score::{score_scorecard, ScoreResult};
use crate::rubric::scorecard::Scorecard;
use crate::rubric::transcript::indicators::TranscriptReport;
use crate::rubric::transcript::suggestions::{suggest_scores, Suggestion};

/// What `scoreScorecard` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardParams {
    /// The rubric.
    pub rubric: Rubric,
    /// One rater's scorecard for one performance; every criterion rated.
    pub scorecard: Scorecard,
}

/// What `scorePanel` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PanelParams {
    /// The rubric (its `panel` settings choose mean, median or trimmed mean).
    pub rubric: Rubric,
    /// Every rater's scorecard of the same performance (at least one).
    pub scorecards: Vec<Scorecard>,
}

/// What `calibrateRaters` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalibrationParams {
    /// The rubric every scorecard uses.
    pub rubric: Rubric,
    /// The scorecards of at least two raters over a set of performances.
    pub rating_set: RatingSet,
}

/// What `suggestScores` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestParams {
    /// The rubric; criteria with an `indicator` get a suggestion.
    pub rubric: Rubric,
    /// The `report` of `analyzeTranscript`.
    pub report: TranscriptReport,
}

/// Validates the rubric of a params object: its errors are under `rubric`, and the calls below
/// then meet only faults in their other field.
fn checked(rubric: &Rubric) -> Result<(), Error> {
    validate_rubric(rubric).map_err(|e| e.within("rubric"))
}

impl ScorecardParams {
    /// [`score_scorecard`], errors under `rubric` or `scorecard`.
    pub fn score(&self) -> Result<ScoreResult, Error> {
        checked(&self.rubric)?;
        score_scorecard(&self.rubric, &self.scorecard).map_err(|e| e.within("scorecard"))
    }
}

impl PanelParams {
    /// [`score_panel`], errors under `rubric` or `scorecards` (an empty list is `scorecards`).
    pub fn score(&self) -> Result<PanelResult, Error> {
        checked(&self.rubric)?;
        score_panel(&self.rubric, &self.scorecards).map_err(|e| e.within("scorecards"))
    }
}

impl CalibrationParams {
    /// [`calibrate`], errors under `rubric` or `ratingSet`.
    pub fn calibrate(&self) -> Result<CalibrationReport, Error> {
        checked(&self.rubric)?;
        calibrate(&self.rubric, &self.rating_set).map_err(|e| e.within("ratingSet"))
    }
}

impl SuggestParams {
    /// [`suggest_scores`], errors under `rubric`.
    pub fn suggest(&self) -> Result<Vec<Suggestion>, Error> {
        checked(&self.rubric)?;
        suggest_scores(&self.rubric, &self.report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::format::decode_json;

    const RUBRIC: &str = include_str!("../../www/samples/rubric.json");

    fn panel(scorecards: &str) -> PanelParams {
        decode_json(&format!(
            r#"{{"rubric":{RUBRIC},"scorecards":{scorecards}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn every_path_starts_with_the_field_at_fault() {
        let e = panel("[]").score().unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::InsufficientData, "scorecards")
        );
        let mut params = panel("[]");
        params.rubric.sections.clear();
        assert!(params.score().unwrap_err().path().starts_with("rubric"));
    }
}
