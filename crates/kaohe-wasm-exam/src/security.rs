//! Sealed exams and tamper-evident attempts on the candidate's device: papers and views from the
//! public part of a sealed bank, and the SHA-256 chain of an attempt's event log.
//!
//! Splitting and joining a bank and verifying a log are the trainer's (`kaohe-wasm-trainer`).

use wasm_bindgen::prelude::*;

use kaohe::exam::log::{event_hash, GENESIS};
use kaohe::exam::sealed::{PublicBank, SealedSession};
use kaohe::exam::{Blueprint, Paper};
use kaohe_wasm::convert::{from_js, optional_string_arg, to_js, to_value, u32_arg};
use kaohe_wasm::Thrown;

/// A sealed exam on the candidate's device: assembles papers and shows them from the public
/// bank alone. It cannot score: the key is not here.
///
/// @example
/// ```ts
/// const sealed = new SealedExam(pkg.bank, pkg.blueprint);
/// const paper = sealed.assemble(seed);
/// const view = sealed.view(paper);
/// sealed.free();
/// ```
#[wasm_bindgen]
pub struct SealedExam {
    session: SealedSession,
}

#[wasm_bindgen]
impl SealedExam {
    /// Validates the public bank and the blueprint (and the blueprint against the bank).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PublicBank")] public_bank: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Blueprint")] blueprint: JsValue,
    ) -> Result<SealedExam, Thrown> {
        // Two arguments: every path starts with the argument's name.
        let public = PublicBank::decode(&to_value(public_bank, "publicBank")?)
            .map_err(|e| e.within_argument("publicBank"))?;
        let blueprint = Blueprint::decode(&to_value(blueprint, "blueprint")?)
            .map_err(|e| e.within("blueprint"))?;
        Ok(SealedExam {
            session: SealedSession::new(&public, blueprint)?,
        })
    }

    /// Builds the paper for `seed`.
    #[wasm_bindgen(unchecked_return_type = "Paper")]
    pub fn assemble(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> Result<JsValue, Thrown> {
        let seed = u32_arg(&seed, "seed")?;
        to_js(&self.session.assemble(seed)?)
    }

    /// The candidate's view of `paper`.
    #[wasm_bindgen(unchecked_return_type = "PaperView")]
    pub fn view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<JsValue, Thrown> {
        let paper: Paper = from_js(paper, "paper")?;
        to_js(&self.session.view(&paper)?)
    }
}

/// The hash of `event` chained after `previous` (`""` or omitted for the first event):
/// hex SHA-256 of the previous hash and the event's canonical JSON (its `hash` field ignored).
///
/// @example
/// ```ts
/// const hash = chainEvent(attempt.chainHead ?? "", { type: "answer", at: Date.now(), itemId, value });
/// ```
#[wasm_bindgen(js_name = chainEvent)]
pub fn chain_event(
    #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] previous: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] event: JsValue,
) -> Result<String, Thrown> {
    let previous = optional_string_arg(&previous, "previous")?.filter(|p| !p.is_empty());
    let event = to_value(event, "event")?;
    Ok(event_hash(previous.as_deref().unwrap_or(GENESIS), &event)?)
}
