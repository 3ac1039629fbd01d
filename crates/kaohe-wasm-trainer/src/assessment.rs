//! The assessment result at the boundary: one candidate's composite of a stored exam result
//! (theory) and a rubric score (practical), and the cohort's figures from typed arrays.

use wasm_bindgen::prelude::*;

use kaohe::assessment::assess::{assess_candidate as assess, score_rows, AssessParams};
use kaohe::assessment::cohort::CohortSummary;
use kaohe::assessment::composite::{CompositeConfig, CompositeResult};
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::Thrown;

/// One candidate's assessment result (考核结果): weighted total, grade band, pass or fail, and
/// the reasons (a knock-out, a component below its minimum, the pass line).
///
/// @example
/// ```ts
/// const record = (await store.getAll("results")).find((r) => r.candidate.id === "E1001");
/// const result = assessCandidate({ candidateId: "E1001", theory: record.result, practical: panel.score });
/// console.log(result.total, result.grade.label.zh, result.passed);
/// ```
#[wasm_bindgen(js_name = assessCandidate, unchecked_return_type = "CompositeResult")]
pub fn assess_candidate(
    #[wasm_bindgen(unchecked_param_type = "AssessParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: AssessParams = from_js(params, "params")?;
    to_js(&assess(params)?)
}

/// A scored cohort kept inside the module; totals and verdicts cross as typed arrays.
///
/// @example
/// ```ts
/// // two components (theory, practical), three candidates: scores row by row
/// const cohort = compositeCohort(undefined, new Float64Array([86, 72, 90, 95, 55, 80]), new Uint8Array(6));
/// console.log(cohort.summary().passRate, cohort.totals());
/// cohort.free();
/// ```
#[wasm_bindgen]
pub struct CompositeCohort {
    results: Vec<CompositeResult>,
    summary: CohortSummary,
}

#[wasm_bindgen]
impl CompositeCohort {
    /// Number of candidates.
    #[wasm_bindgen(getter)]
    pub fn candidates(&self) -> u32 {
        u32::try_from(self.results.len()).unwrap_or(u32::MAX)
    }

    /// Each candidate's weighted total, in input order.
    pub fn totals(&self) -> Vec<f64> {
        self.results.iter().map(|r| r.total).collect()
    }

    /// Per candidate: passed (1) or not (0).
    pub fn passed(&self) -> Vec<u8> {
        self.results.iter().map(|r| u8::from(r.passed)).collect()
    }

    /// Each candidate's grade id (e.g. `excellent`, `fail`), in input order.
    #[wasm_bindgen(js_name = gradeIds)]
    pub fn grade_ids(&self) -> Vec<String> {
        self.results.iter().map(|r| r.grade.id.clone()).collect()
    }

    /// Pass rate against the target, summary statistics, the distribution, grade counts.
    #[wasm_bindgen(unchecked_return_type = "CohortSummary")]
    pub fn summary(&self) -> Result<JsValue, Thrown> {
        to_js(&self.summary)
    }
}

/// Scores a cohort in one call. `scores` holds each candidate's component scores row by row in
/// the config's component order (default: theory, practical); `criticalFailures` has the same
/// shape, 1 where a component carries a knock-out.
#[wasm_bindgen(js_name = compositeCohort)]
pub fn composite_cohort(
    #[wasm_bindgen(unchecked_param_type = "CompositeConfig | undefined")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] scores: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | number[]")] critical_failures: JsValue,
) -> Result<CompositeCohort, Thrown> {
    let scores = &kaohe_wasm::convert::f64s_arg(&scores, "scores")?[..];
    let critical_failures =
        &kaohe_wasm::convert::u8s_arg(&critical_failures, "criticalFailures")?[..];
    let config: CompositeConfig = if config.is_undefined() || config.is_null() {
        CompositeConfig::default()
    } else {
        kaohe::format::decode(&to_value(config, "config")?).map_err(|e| e.within("config"))?
    };
    let scored = score_rows(&config, scores, critical_failures)?;
    Ok(CompositeCohort {
        results: scored.results,
        summary: scored.summary,
    })
}
