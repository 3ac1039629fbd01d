//! The trainer's side of adaptive exams: publishing a package (commitments, no key) and
//! verifying an attempt against the real key by re-scoring and replaying the selection. On the
//! full module with the IRT calibration the package is built from.

use kaohe::exam::adaptive_exam::{
    build_adaptive_package, verify_adaptive_attempt, AdaptivePublishParams, AdaptiveVerifyParams,
};
use kaohe::exam::parallel_setup::ParallelSetupParams;
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::Thrown;
use wasm_bindgen::prelude::*;

/// Builds the adaptive package a candidate's device loads: the calibrated items with salted
/// commitments to their answers instead of the answers.
///
/// @example
/// ```js
/// const pkg = buildAdaptivePackage({ bank, id: 'cat-2026-12', title: '十二月复训', calibration, secret });
/// ```
#[wasm_bindgen(js_name = buildAdaptivePackage, unchecked_return_type = "AdaptivePackage")]
pub fn build_package(
    #[wasm_bindgen(unchecked_param_type = "AdaptivePublishParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: AdaptivePublishParams = from_js(params, "params")?;
    to_js(&build_adaptive_package(&params)?)
}

/// Re-scores an adaptive attempt with the bank's key and replays the item selection from the
/// true responses; returns the ability, pass/fail and the problems found.
///
/// @example
/// ```js
/// const v = verifyAdaptiveAttempt({ package: pkg, bank, seed, answers, submitted: true });
/// ```
#[wasm_bindgen(js_name = verifyAdaptiveAttempt, unchecked_return_type = "AdaptiveVerification")]
pub fn verify_attempt(
    #[wasm_bindgen(unchecked_param_type = "AdaptiveVerifyParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: AdaptiveVerifyParams = from_js(params, "params")?;
    to_js(&verify_adaptive_attempt(&params)?)
}

/// Assembles parallel papers (早班 / 中班 / 晚班) from a calibrated bank, matched on test
/// information, and writes each as a blueprint with fixed items (an ordinary exam).
///
/// @example
/// ```js
/// const { blueprints, maxInformationGap } = parallelBlueprints({ bank, blueprint, calibration, names: ['早班', '中班', '晚班'], perArea: 3 });
/// ```
#[wasm_bindgen(js_name = parallelBlueprints, unchecked_return_type = "ParallelSetup")]
pub fn parallel_blueprints(
    #[wasm_bindgen(unchecked_param_type = "ParallelSetupParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: ParallelSetupParams = from_js(params, "params")?;
    to_js(&kaohe::exam::parallel_setup::parallel_blueprints(&params)?)
}
