//! The adaptive module (`www/pkg-adaptive`): one step of an adaptive exam (自适应复训考试) on the
//! candidate's device. A module of its own, loaded by the exam view only when the exam is
//! adaptive, so the candidate module every ordinary exam page loads does not grow (the binding
//! measured +10.6 KB gzip on it; docs/statistics-irt.md, section 4). Pure function in → out: the
//! candidate module's store keeps the attempt log, and each call replays it.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use kaohe::exam::adaptive_exam::{adaptive_next as next, AdaptiveNextParams};
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::Thrown;
use wasm_bindgen::prelude::*;

// Named so that the shared binding (setLocale, getLocale) is linked.
pub use kaohe_wasm;

/// Checks the logged answers against the package's commitments, replays the test and returns
/// the next item (its index in `package.items`), the provisional ability and whether the stop
/// rule is met. The same answers always give the same step, so a reload resumes.
///
/// @example
/// ```js
/// const step = adaptiveNext({ package: pkg, seed: attempt.seed, answers: [{ itemId: 'pk-001', value: 'B' }] });
/// if (!step.finished) show(pkg.items[step.nextItem]);
/// ```
#[wasm_bindgen(js_name = adaptiveNext, unchecked_return_type = "AdaptiveNext")]
pub fn adaptive_next(
    #[wasm_bindgen(unchecked_param_type = "AdaptiveNextParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: AdaptiveNextParams = from_js(params, "params")?;
    to_js(&next(&params)?)
}
