//! The assessment result at the boundary: one candidate's composite of a stored exam result
//! (theory) and a rubric score (practical), and the cohort's figures from typed arrays.

use std::collections::BTreeMap;

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

use kaohe::assessment::cohort::{cohort_summary, CohortSummary};
use kaohe::assessment::composite::{
    composite, composite_batch, CandidateScores, ComponentScore, CompositeConfig, CompositeResult,
};
use kaohe::assessment::defaults::{PRACTICAL, THEORY};
use kaohe::error::{Error, ErrorCode};
use kaohe::exam::ExamResult;
use kaohe::rubric::score::ScoreResult;
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::Thrown;

/// What `assessCandidate` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessParams {
    /// Weights, minimums, grade bands; the defaults (theory 40 + practical 60) when absent.
    #[serde(default)]
    #[tsify(optional)]
    pub config: Option<CompositeConfig>,
    /// The employee id (工号).
    pub candidate_id: String,
    /// The stored exam result; its `percent` is the theory score.
    #[serde(default)]
    #[tsify(optional)]
    pub theory: Option<ExamResult>,
    /// The rubric score (one rater's, or a panel's `score`); its total and knock-out are the
    /// practical component.
    #[serde(default)]
    #[tsify(optional)]
    pub practical: Option<ScoreResult>,
    /// Scores of any further components the config names, by component id.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, ComponentScore>")]
    pub components: BTreeMap<String, ComponentScore>,
}

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
    let config = params.config.unwrap_or_default();
    let mut components = params.components;
    if let Some(theory) = &params.theory {
        let Some(percent) = theory.percent else {
            return Err(Error::new(
                ErrorCode::MissingField,
                "theory.percent",
                "理论考试成绩没有得分率（试卷为 0 分）",
                "the exam result has no percent (the paper is worth 0 points)",
            )
            .into());
        };
        components.insert(
            THEORY.into(),
            ComponentScore {
                score: percent,
                critical_failure: false,
            },
        );
    }
    if let Some(practical) = &params.practical {
        components.insert(PRACTICAL.into(), ComponentScore::from_practical(practical));
    }
    let candidate = CandidateScores {
        candidate_id: params.candidate_id,
        components,
    };
    let result: CompositeResult = composite(&config, &candidate)?;
    to_js(&result)
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
    config.validate().map_err(|e| e.within("config"))?;
    let width = config.components.len();
    if width == 0 || !scores.len().is_multiple_of(width) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "scores",
            format!("成绩个数 {} 不是组成部分数 {width} 的整数倍", scores.len()),
            format!(
                "{} scores is not a whole number of rows of {width} components",
                scores.len()
            ),
        )
        .into());
    }
    if critical_failures.len() != scores.len() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "criticalFailures",
            "否决标记的个数应与成绩个数相同",
            "criticalFailures must have one entry per score",
        )
        .into());
    }
    let candidates: Vec<CandidateScores> = scores
        .chunks(width)
        .zip(critical_failures.chunks(width))
        .enumerate()
        .map(|(i, (row, ko))| CandidateScores {
            candidate_id: format!("#{i}"),
            components: config
                .components
                .iter()
                .zip(row.iter().zip(ko))
                .map(|(spec, (&score, &k))| {
                    (
                        spec.id.clone(),
                        ComponentScore {
                            score,
                            critical_failure: k != 0,
                        },
                    )
                })
                .collect(),
        })
        .collect();
    let results = composite_batch(&config, &candidates).map_err(|e| e.within("scores"))?;
    let summary = cohort_summary(&config, &results)?;
    Ok(CompositeCohort { results, summary })
}
