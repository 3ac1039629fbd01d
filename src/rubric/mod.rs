//! Practical assessment (实操技能考核): rubrics (评分细则), one rater's scorecard, rater panels,
//! agreement statistics and calibration, and role-play transcript indicators.
//!
//! Every function takes decoded inputs and returns a serializable result, so the binding only
//! converts at the boundary:
//!
//! - [`format::parse_rubric`] / [`format::validate_rubric`]: the rubric JSON (v1);
//! - [`score::score_scorecard`]: one rater's scorecard → criterion, section and total scores;
//! - [`panel::score_panel`]: several raters on one performance → panel scores and disagreement flags;
//! - [`agreement`]: Krippendorff's alpha, ICC, exact/adjacent agreement, rater bias;
//! - [`calibration::calibrate`]: the calibration report over a set of performances;
//! - [`transcript`]: parsing role-play transcripts, indicators, suggested criterion scores.
//!
//! The domain's figures (pass mark, speech-rate band, the six complaint steps…) are named in
//! [`defaults`] and every input can override them.

pub mod agreement;
pub mod calibration;
pub mod defaults;
pub mod format;
pub mod panel;
pub mod params;
pub mod scale;
pub mod score;
pub mod scorecard;
pub mod transcript;
