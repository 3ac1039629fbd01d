//! The adaptive test's one call for the candidate's device (feature `adaptive`): the calibrated
//! bank, the rules and the responses so far in, the next item and the ability so far out.
//! Stateless on purpose: the attempt log holds the responses, so a reload resumes by calling it
//! again (the core replays them and makes the same seeded draws).

use kaohe::exam::adaptive::{adaptive_step, AdaptiveStepParams};
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::Thrown;
use wasm_bindgen::prelude::*;

/// The next item of an adaptive attempt and the EAP ability so far.
///
/// @example
/// ```js
/// const step = adaptiveStep({ items: [{ a: 1.2, b: 0, area: 0 }, { a: 0.9, b: 1, area: 0 }],
///   responses: [{ item: 0, correct: true }] });
/// console.log(step.nextItem, step.theta, step.se, step.finished);
/// ```
#[wasm_bindgen(js_name = adaptiveStep, unchecked_return_type = "AdaptiveStep")]
pub fn adaptive_step_js(
    #[wasm_bindgen(unchecked_param_type = "AdaptiveStepParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: AdaptiveStepParams = from_js(params, "params")?;
    to_js(&adaptive_step(&params)?)
}
