//! Practical assessment at the boundary: rubrics, scorecards, panels, calibration and transcript
//! indicators. One params object in, one result object out, one call per user action.

use wasm_bindgen::prelude::*;

use kaohe::rubric::format::{validate_rubric, Rubric};
pub use kaohe::rubric::params::{CalibrationParams, PanelParams, ScorecardParams, SuggestParams};
pub use kaohe::rubric::transcript::input::{
    TranscriptAnalysis, TranscriptFormat, TranscriptParams,
};
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::Thrown;

/// Validates a rubric and returns it with defaults filled in.
///
/// @example
/// ```ts
/// try { validateRubric(rubric); } catch (e) { console.log(e.code, e.path); } // "WEIGHTS_DO_NOT_SUM", "sections"
/// ```
#[wasm_bindgen(js_name = validateRubric, unchecked_return_type = "Rubric")]
pub fn validate_rubric_js(
    #[wasm_bindgen(unchecked_param_type = "Rubric")] rubric: JsValue,
) -> Result<JsValue, Thrown> {
    let rubric: Rubric = from_js(rubric, "rubric")?;
    validate_rubric(&rubric)?;
    to_js(&rubric)
}

/// Scores one rater's scorecard: criterion, section (0–100) and weighted total, pass or fail,
/// and the reasons (critical failures, N/A handling). A failed call is a result, not an error.
///
/// @example
/// ```ts
/// const result = scoreScorecard({ rubric, scorecard });
/// console.log(result.total, result.passed, result.reasons.map((r) => r.message.zh));
/// ```
#[wasm_bindgen(js_name = scoreScorecard, unchecked_return_type = "ScoreResult")]
pub fn score_scorecard_js(
    #[wasm_bindgen(unchecked_param_type = "ScorecardParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: ScorecardParams = from_js(params, "params")?;
    to_js(&params.score()?)
}

/// Scores one performance rated by several raters: the panel value per criterion, the flagged
/// disagreements, the panel's score and each rater's own.
///
/// @example
/// ```ts
/// const panel = scorePanel({ rubric, scorecards: [cardChen, cardLiu] });
/// console.log(panel.score.total, panel.flagged);
/// ```
#[wasm_bindgen(js_name = scorePanel, unchecked_return_type = "PanelResult")]
pub fn score_panel_js(
    #[wasm_bindgen(unchecked_param_type = "PanelParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: PanelParams = from_js(params, "params")?;
    to_js(&params.score()?)
}

/// The calibration report over a rating set: per criterion and overall Krippendorff's alpha
/// (interval, ordinal), ICC(2,1), ICC(2,k), ICC(3,1), exact and adjacent agreement, and each
/// rater's bias against the panel and the expert reference.
///
/// @example
/// ```ts
/// const report = calibrateRaters({ rubric, ratingSet });
/// console.log(report.overall.alphaInterval.value, report.overall.icc.icc2_1.value);
/// ```
#[wasm_bindgen(js_name = calibrateRaters, unchecked_return_type = "CalibrationReport")]
pub fn calibrate_js(
    #[wasm_bindgen(unchecked_param_type = "CalibrationParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: CalibrationParams = from_js(params, "params")?;
    to_js(&params.calibrate()?)
}

/// Parses a transcript (text, a JSON array, or JSON lines). A malformed line is an error whose
/// `path` is `line N`.
///
/// @example
/// ```ts
/// const t = parseTranscript({ text: "[00:02] 客服：您好\n[00:09] 客户：我的快递还没到" });
/// console.log(t.lines.length, t.timed); // 2 true
/// ```
#[wasm_bindgen(js_name = parseTranscript, unchecked_return_type = "Transcript")]
pub fn parse_transcript_js(
    #[wasm_bindgen(unchecked_param_type = "TranscriptParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: TranscriptParams = from_js(params, "params")?;
    to_js(&params.parse()?)
}

/// Parses a transcript and computes every indicator with `config` (or the defaults): positive
/// and forbidden phrases, step frameworks, time to the first solution, speech rate, talk ratio,
/// interruptions. Matches carry the turn index and UTF-16 offsets for highlighting.
///
/// @example
/// ```ts
/// const { transcript, report } = analyzeTranscript({ text, config: { schemaVersion: 1, minPositive: 4 } });
/// for (const m of report.positive.matches) console.log(transcript.lines[m.line].text.slice(m.start, m.end));
/// ```
#[wasm_bindgen(js_name = analyzeTranscript, unchecked_return_type = "TranscriptAnalysis")]
pub fn analyze_transcript_js(
    #[wasm_bindgen(unchecked_param_type = "TranscriptParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: TranscriptParams = from_js(params, "params")?;
    to_js(&params.analyze()?)
}

/// Suggested values for the rubric's criteria linked to a transcript indicator; the rater
/// confirms or overrides each one.
///
/// @example
/// ```ts
/// const { report } = analyzeTranscript({ text });
/// for (const s of suggestScores({ rubric, report })) console.log(s.criterionId, s.value, s.reason.zh);
/// ```
#[wasm_bindgen(js_name = suggestScores, unchecked_return_type = "Suggestion[]")]
pub fn suggest_scores_js(
    #[wasm_bindgen(unchecked_param_type = "SuggestParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: SuggestParams = from_js(params, "params")?;
    to_js(&params.suggest()?)
}
