//! The trainer's side of banks and sealed exams: validating a bank on its own, splitting a bank
//! into its public part and its answer key (the page encrypts the key) and joining them again,
//! and verifying an attempt's event log. A candidate's device does none of these, so they are
//! here and not in `kaohe-wasm-exam`.

use kaohe::exam::log::{verify_log, LogRecord};
use kaohe::exam::sealed::{join_bank, split_bank_for, AnswerKey, PublicBank};
use kaohe::exam::{Bank, Blueprint};
use kaohe::format::{FromJson, ToJson};
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::Thrown;
use kaohe_wasm_exam::exam::decode_bank;
use wasm_bindgen::prelude::*;

/// Validates a bank and returns it as stored (normalised defaults filled in).
///
/// @example
/// ```ts
/// try { validateBank(bank); } catch (e) { console.log(e.code, e.path); } // "DUPLICATE_ID", "items[3].id"
/// ```
///
/// Not in the candidate module: `new Exam` validates the bank anyway, and only trainer views
/// (import, backup) validate a bank on its own.
#[wasm_bindgen(js_name = validateBank, unchecked_return_type = "Bank")]
pub fn validate_bank(
    #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
) -> Result<JsValue, Thrown> {
    to_js(&decode_bank(bank)?)
}

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
#[wasm_bindgen(js_name = splitBank, unchecked_return_type = "BankParts")]
pub fn split_bank_js(
    #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Blueprint | undefined")] blueprint: JsValue,
) -> Result<JsValue, Thrown> {
    let bank = Bank::decode(&to_value(bank, "bank")?).map_err(|e| e.within_argument("bank"))?;
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
#[wasm_bindgen(js_name = joinBank, unchecked_return_type = "Bank")]
pub fn join_bank_js(
    #[wasm_bindgen(unchecked_param_type = "BankParts")] parts: JsValue,
) -> Result<JsValue, Thrown> {
    let parts: BankParts = from_js(parts, "parts")?;
    to_js(&join_bank(&parts.public_bank, &parts.key)?)
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
#[wasm_bindgen(js_name = verifyAttemptLog, unchecked_return_type = "LogVerification")]
pub fn verify_attempt_log(
    #[wasm_bindgen(unchecked_param_type = "Partial<LogRecord>")] record: JsValue,
) -> Result<JsValue, Thrown> {
    let record: LogRecord = from_js(record, "record")?;
    to_js(&verify_log(&record))
}
