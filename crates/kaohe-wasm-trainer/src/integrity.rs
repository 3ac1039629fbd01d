//! The attempt verifier at the boundary (trainer only): one exam's bank and blueprint are decoded
//! once into an `AttemptVerifier`, which then checks each stored attempt and result in one call.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use kaohe::exam::integrity::{StoredAttempt, StoredResult, Verifier};
use kaohe::format::FromJson;
use kaohe_wasm::convert::{from_js, to_js, u32_arg};
use kaohe_wasm::Thrown;

/// What `new AttemptVerifier` takes: nothing (log and record only), an open exam's `bank` and
/// `blueprint`, or a sealed package's `publicBank` and `blueprint` (plus `bank`, the joined bank,
/// once unlocked).
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifierParams {
    /// The full bank, as stored.
    #[serde(default)]
    #[tsify(type = "Bank")]
    pub bank: Option<Value>,
    /// A sealed package's public bank: papers are rebuilt from it.
    #[serde(default)]
    #[tsify(type = "PublicBank")]
    pub public_bank: Option<Value>,
    /// The blueprint, as stored.
    #[serde(default)]
    #[tsify(type = "Blueprint")]
    pub blueprint: Option<Value>,
}

/// What `AttemptVerifier.verify` takes: the stored attempt (packed bytes as an array) and its
/// result record, if any.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VerifyParams {
    /// The attempt record.
    pub attempt: StoredAttempt,
    /// The result record (`{ chainHead, resultHash, result, grades }`), or null.
    #[serde(default)]
    pub result: Option<StoredResult>,
}

/// Checks stored attempts against their logs and against the exam: the chain, the header
/// (candidate, ids, seed, deadline, paper), one submit within the deadline, the result bound to
/// the head and re-scored from the logged answers, the paper rebuilt from the seed, the packed
/// bytes.
///
/// @example
/// ```ts
/// const verifier = new AttemptVerifier({ bank, blueprint });
/// const check = verifier.verify({ attempt, result: record });
/// if (!check.intact) console.log(check.problems);  // [{ code: "SCORE_MISMATCH", path: "result.points" }]
/// verifier.free();
/// ```
#[wasm_bindgen]
pub struct AttemptVerifier {
    verifier: Verifier,
}

#[wasm_bindgen]
impl AttemptVerifier {
    /// Decodes the exam once (see `VerifierParams`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "VerifierParams")] params: JsValue,
    ) -> Result<AttemptVerifier, Thrown> {
        let params: VerifierParams = if params.is_undefined() || params.is_null() {
            VerifierParams {
                bank: None,
                public_bank: None,
                blueprint: None,
            }
        } else {
            from_js(params, "params")?
        };
        let verifier = match (&params.public_bank, &params.bank, &params.blueprint) {
            (Some(public), bank, Some(blueprint)) => {
                Verifier::sealed_exam(public, blueprint, bank.as_ref())?
            }
            (None, Some(bank), Some(blueprint)) => Verifier::open_exam(bank, blueprint)?,
            _ => Verifier::default(),
        };
        Ok(AttemptVerifier { verifier })
    }

    /// Checks one attempt and its result record.
    #[wasm_bindgen(unchecked_return_type = "LogVerification")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "VerifyParams")] params: JsValue,
    ) -> Result<JsValue, Thrown> {
        let params: VerifyParams = from_js(params, "params")?;
        to_js(
            &self
                .verifier
                .verify(&params.attempt, params.result.as_ref()),
        )
    }

    /// The paper `seed` builds from this exam (a sealed exam's from its package): what the
    /// trainer scores, never the paper in the candidate's file.
    #[wasm_bindgen(js_name = paperFor, unchecked_return_type = "Paper")]
    pub fn paper_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> Result<JsValue, Thrown> {
        let seed = u32_arg(&seed, "seed")?;
        match self.verifier.paper_for(seed) {
            Some(paper) => to_js(&paper?),
            None => Ok(JsValue::NULL),
        }
    }
}
