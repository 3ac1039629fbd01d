//! Sealed exams and tamper-evident attempts at the boundary: splitting a bank into its public
//! part and its answer key (the page encrypts the key), papers and views from the public part,
//! and the SHA-256 chain of an attempt's event log.
//!
//! The candidate module keeps what a candidate's device runs (`SealedExam`, `chainEvent`);
//! splitting, joining and verifying a log are the trainer's, so only the full module has them.

use crate::format::{FromJson, ToJson};
use wasm_bindgen::prelude::*;

use crate::exam::log::{event_hash, GENESIS};
#[cfg(not(feature = "candidate"))]
use crate::exam::log::{verify_log, LogRecord};
#[cfg(not(feature = "candidate"))]
use crate::exam::sealed::{join_bank, split_bank_for};
use crate::exam::sealed::{AnswerKey, PublicBank};
use crate::exam::{assemble_paper, candidate_view, Bank, Blueprint, Paper};
use crate::wasm::convert::{from_js, optional_string_arg, to_js, to_value, u32_arg};

/// A bank split for sealing: `publicBank` travels in clear, `key` is encrypted by the page.
#[derive(ToJson, FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BankParts {
    /// Stems, options and tags without keys.
    pub public_bank: PublicBank,
    /// The answer key (answers, accepted alternatives, keywords, explanations…).
    pub key: AnswerKey,
}

/// Splits a bank into its public part and its answer key. With the `blueprint` the package
/// carries, only the knowledge points and labels its filters name stay in clear.
///
/// @example
/// ```ts
/// const { publicBank, key } = splitBank(bank, blueprint); // encrypt `key`, ship `publicBank`
/// const again = joinBank({ publicBank, key });     // the same bank, validated
/// ```
#[cfg(not(feature = "candidate"))]
#[wasm_bindgen(js_name = splitBank, unchecked_return_type = "BankParts")]
pub fn split_bank_js(
    #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Blueprint | undefined")] blueprint: JsValue,
) -> Result<JsValue, JsValue> {
    let bank = Bank::decode(&to_value(bank, "bank")?)?;
    let blueprint = if blueprint.is_undefined() || blueprint.is_null() {
        None
    } else {
        Some(
            Blueprint::decode(&to_value(blueprint, "blueprint")?)
                .map_err(|e| e.within("blueprint"))?,
        )
    };
    let (public_bank, key) = split_bank_for(&bank, blueprint.as_ref())?;
    to_js(&BankParts { public_bank, key })
}

/// Joins a public bank and its decrypted key back into a validated bank (trainer side only).
///
/// @example
/// ```ts
/// const bank = joinBank({ publicBank, key });      // UNKNOWN_REFERENCE if the key is another bank's
/// ```
#[cfg(not(feature = "candidate"))]
#[wasm_bindgen(js_name = joinBank, unchecked_return_type = "Bank")]
pub fn join_bank_js(
    #[wasm_bindgen(unchecked_param_type = "BankParts")] parts: JsValue,
) -> Result<JsValue, JsValue> {
    let parts: BankParts = from_js(parts, "parts")?;
    to_js(&join_bank(&parts.public_bank, &parts.key)?)
}

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
    // Placeholder keys only (see `PublicBank::assembly_bank`); never used for scoring.
    skeleton: Bank,
    blueprint: Blueprint,
}

#[wasm_bindgen]
impl SealedExam {
    /// Validates the public bank and the blueprint (and the blueprint against the bank).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PublicBank")] public_bank: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Blueprint")] blueprint: JsValue,
    ) -> Result<SealedExam, JsValue> {
        let public = PublicBank::decode(&to_value(public_bank, "bank")?)?;
        let skeleton = public.assembly_bank()?;
        let blueprint = Blueprint::decode(&to_value(blueprint, "blueprint")?)
            .map_err(|e| e.within("blueprint"))?;
        blueprint
            .validate_against(&skeleton)
            .map_err(|e| e.within("blueprint"))?;
        Ok(SealedExam {
            skeleton,
            blueprint,
        })
    }

    /// Builds the paper for `seed`.
    #[wasm_bindgen(unchecked_return_type = "Paper")]
    pub fn assemble(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> Result<JsValue, JsValue> {
        let seed = u32_arg(&seed, "seed")?;
        to_js(&assemble_paper(&self.skeleton, &self.blueprint, seed)?)
    }

    /// The candidate's view of `paper`.
    #[wasm_bindgen(unchecked_return_type = "PaperView")]
    pub fn view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<JsValue, JsValue> {
        let paper: Paper = from_js(paper, "paper").map_err(|e| e.within("paper"))?;
        to_js(&candidate_view(&self.skeleton, &paper)?)
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
) -> Result<String, JsValue> {
    let previous = optional_string_arg(&previous, "previous")?.filter(|p| !p.is_empty());
    let event = to_value(event, "event")?;
    Ok(event_hash(previous.as_deref().unwrap_or(GENESIS), &event)?)
}

/// Checks a stored attempt against its event log: the chain, the head stored with the attempt
/// and with its result, the answers and the start and submit times.
///
/// @example
/// ```ts
/// const { events, chainHead, responses, startedAt, submittedAt } = attempt;
/// const check = verifyAttemptLog({ events, chainHead, responses, startedAt, submittedAt, resultChainHead: record?.chainHead });
/// if (!check.intact) console.log(check.problems);  // [{ code: "ANSWER_MISMATCH", path: "responses.pk-001" }]
/// ```
#[cfg(not(feature = "candidate"))]
#[wasm_bindgen(js_name = verifyAttemptLog, unchecked_return_type = "LogVerification")]
pub fn verify_attempt_log(
    #[wasm_bindgen(unchecked_param_type = "Partial<LogRecord>")] record: JsValue,
) -> Result<JsValue, JsValue> {
    let record: LogRecord = from_js(record, "record")?;
    to_js(&verify_log(&record))
}
