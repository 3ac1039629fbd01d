//! Exams at the boundary: a bank and a blueprint are validated once into an [`Exam`]; papers,
//! views, scores and reviews cross as plain objects, one call per user action; a cohort crosses
//! once as packed bytes and stays inside the module as a [`Cohort`].

use std::cell::RefCell;

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

#[cfg(feature = "cohort")]
use kaohe::analytics::{analyse_items, item_table_csv, AnalysisOptions, ResponseMatrix};
use kaohe::error::{Error, ErrorCode};
#[cfg(feature = "cohort")]
use kaohe::exam::every_paper_has_the_same_items;
use kaohe::exam::{
    assemble_paper, candidate_view, cohort_paper, review::review, Bank, Blueprint, CompiledExam,
    Grades, Paper, Responses,
};
use kaohe_wasm::convert::{from_js, to_js, to_value};
#[cfg(feature = "cohort")]
use kaohe_wasm::locale::current_locale;
use kaohe_wasm::Thrown;

/// What `Exam.score` and `Exam.review` take.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreParams {
    /// The candidate's paper (from `assemble`, as stored with the attempt).
    pub paper: Paper,
    /// Item id → response.
    #[serde(default)]
    #[tsify(type = "Record<string, unknown>")]
    pub responses: Responses,
    /// Trainer grades of short answers: item id → `{ points, comment?, grader? }`.
    #[serde(default)]
    #[tsify(type = "Record<string, Grade>")]
    pub grades: Grades,
    /// Seconds the candidate used.
    #[serde(default)]
    pub time_used_seconds: Option<f64>,
}

/// What `ScoringPaper.score` takes: the attempt without its paper.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttemptParams {
    /// Item id → response.
    #[serde(default)]
    #[tsify(type = "Record<string, unknown>")]
    pub responses: Responses,
    /// Trainer grades of short answers: item id → `{ points, comment?, grader? }`.
    #[serde(default)]
    #[tsify(type = "Record<string, Grade>")]
    pub grades: Grades,
    /// Seconds the candidate used.
    #[serde(default)]
    pub time_used_seconds: Option<f64>,
}

/// One candidate's paper compiled once (from `Exam.compile`), so that scoring it again — after
/// each answer in a practice exam, or at submission — only crosses the responses.
///
/// @example
/// ```ts
/// const scoring = exam.compile(paper);
/// const result = scoring.score({ responses, timeUsedSeconds: 600 });
/// scoring.free();
/// ```
#[wasm_bindgen]
pub struct ScoringPaper {
    compiled: CompiledExam,
}

#[wasm_bindgen]
impl ScoringPaper {
    /// Scores the attempt on this paper; the same result as `Exam.score`.
    #[wasm_bindgen(unchecked_return_type = "ExamResult")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "AttemptParams")] params: JsValue,
    ) -> Result<JsValue, Thrown> {
        let params: AttemptParams = from_js(params, "params")?;
        let result =
            self.compiled
                .result(&params.responses, &params.grades, params.time_used_seconds)?;
        to_js(&result)
    }
}

/// The paper `Exam.score` compiled last, with the JSON it came from.
struct LastScored {
    paper: serde_json::Value,
    compiled: CompiledExam,
}

/// The attempt of `params` when its `paper` is exactly `paper` (then removed from `params`);
/// `None` otherwise, or when the rest does not decode (the full decoding then reports the error
/// exactly as for any other call).
fn same_paper_attempt(
    params: &mut serde_json::Value,
    paper: &serde_json::Value,
) -> Option<AttemptParams> {
    let map = params.as_object_mut()?;
    if map.get("paper") != Some(paper) {
        return None;
    }
    let removed = map.remove("paper")?;
    let attempt = kaohe::format::decode_value::<AttemptParams>(params).ok();
    if attempt.is_none() {
        if let Some(map) = params.as_object_mut() {
            map.insert("paper".into(), removed);
        }
    }
    attempt
}

/// A validated bank and blueprint: assembles papers, shows them, scores attempts.
///
/// @example
/// ```ts
/// const exam = new Exam(bank, blueprint);          // throws KaoheError on bad input
/// const paper = exam.assemble(42);                 // same seed → same paper
/// const view = exam.view(paper);                   // no answer key inside
/// const result = exam.score({ paper, responses: { "pk-001": "B" }, timeUsedSeconds: 600 });
/// exam.free();
/// ```
#[wasm_bindgen]
pub struct Exam {
    bank: Bank,
    blueprint: Blueprint,
    cohort: CompiledExam,
    /// The paper `score` compiled last: a page scores the same candidate's paper again and
    /// again (after each answer, at submission), and compiling it cost more than scoring.
    last_scored: RefCell<Option<LastScored>>,
}

#[wasm_bindgen]
impl Exam {
    /// Validates `bank` and `blueprint` (and the blueprint against the bank).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Blueprint")] blueprint: JsValue,
    ) -> Result<Exam, Thrown> {
        let bank = decode_bank(bank)?;
        let blueprint = decode_blueprint(blueprint)?;
        let paper = cohort_paper(&bank, &blueprint).map_err(|e| e.within("blueprint"))?;
        let cohort = CompiledExam::new(&bank, &paper)?;
        Ok(Exam {
            bank,
            blueprint,
            cohort,
            last_scored: RefCell::new(None),
        })
    }

    /// Builds the paper for `seed` (a whole number 0 … 4294967295).
    #[wasm_bindgen(unchecked_return_type = "Paper")]
    pub fn assemble(&self, seed: u32) -> Result<JsValue, Thrown> {
        to_js(&assemble_paper(&self.bank, &self.blueprint, seed)?)
    }

    /// The candidate's view of `paper`: stems and options in the paper's order, no key.
    #[wasm_bindgen(unchecked_return_type = "PaperView")]
    pub fn view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<JsValue, Thrown> {
        let paper: Paper = from_js(paper, "paper").map_err(|e| e.within("paper"))?;
        to_js(&candidate_view(&self.bank, &paper)?)
    }

    /// Scores one attempt. A failed exam is a result (`passed: false`), not an error.
    #[wasm_bindgen(unchecked_return_type = "ExamResult")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreParams")] params: JsValue,
    ) -> Result<JsValue, Thrown> {
        require(&params, "params")?;
        let mut value = to_value(params, "params")?;
        // Never borrowed across a call into JS, so the borrow always succeeds; if it did not,
        // the paper is simply decoded and compiled again.
        let mut last = self.last_scored.try_borrow_mut().ok();
        let cached = last.as_mut().and_then(|l| l.take());
        if let Some(cached) = cached {
            if let Some(attempt) = same_paper_attempt(&mut value, &cached.paper) {
                // The same paper as last time, as JSON: neither decoded nor compiled again.
                let result = cached.compiled.result(
                    &attempt.responses,
                    &attempt.grades,
                    attempt.time_used_seconds,
                );
                if let Some(slot) = last.as_mut() {
                    **slot = Some(cached);
                }
                return to_js(&result?);
            }
        }
        let params: ScoreParams = kaohe::format::decode_value(&value)?;
        let compiled = CompiledExam::new(&self.bank, &params.paper)?;
        let result = compiled.result(&params.responses, &params.grades, params.time_used_seconds);
        if let (Some(slot), Some(paper)) = (last.as_mut(), value.get("paper")) {
            **slot = Some(LastScored {
                paper: paper.clone(),
                compiled,
            });
        }
        to_js(&result?)
    }

    /// Compiles `paper` once for repeated scoring (see `ScoringPaper`).
    pub fn compile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<ScoringPaper, Thrown> {
        let paper: Paper = from_js(paper, "paper").map_err(|e| e.within("paper"))?;
        Ok(ScoringPaper {
            compiled: CompiledExam::new(&self.bank, &paper)?,
        })
    }

    /// The review after submitting: status, the answer given and the correct one as text,
    /// and the explanation, per item.
    #[wasm_bindgen(unchecked_return_type = "Review")]
    pub fn review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreParams")] params: JsValue,
    ) -> Result<JsValue, Thrown> {
        let params: ScoreParams = from_js(params, "params")?;
        to_js(&review(
            &self.bank,
            &params.paper,
            &params.responses,
            &params.grades,
        )?)
    }

    /// Packs one candidate's responses into bytes for cohort scoring; store them with the
    /// attempt. Every candidate of this exam packs against the same layout, whatever paper they
    /// got.
    pub fn encode(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] responses: JsValue,
    ) -> Result<Vec<u8>, Thrown> {
        let responses: Responses =
            from_js(responses, "responses").map_err(|e| e.within("responses"))?;
        Ok(self.cohort.encode(&responses)?)
    }
}

/// Cohort scoring and its item analysis: a trainer's work, left out of the candidate module.
#[cfg(feature = "cohort")]
#[wasm_bindgen]
impl Exam {
    /// Scores a whole cohort in one call. `packed` is every candidate's `encode` output
    /// concatenated; `offsets` has one more entry than there are candidates (`offsets[i]` to
    /// `offsets[i + 1]` delimit candidate `i`).
    ///
    /// @example
    /// ```ts
    /// const cohort = exam.scoreCohort(bytes, offsets);
    /// const totals = cohort.totals();                  // Float64Array, one per candidate
    /// const analysis = cohort.analyze({});             // item analysis, see ItemAnalysis
    /// cohort.free();
    /// ```
    #[wasm_bindgen(js_name = scoreCohort)]
    pub fn score_cohort(&self, packed: &[u8], offsets: &[u32]) -> Result<Cohort, Thrown> {
        let scores = self.cohort.score_cohort(packed, offsets)?;
        let totals = scores.totals.clone();
        let max_total = scores.max_points.iter().sum();
        Ok(Cohort {
            totals,
            max_total,
            pass_mark: self.blueprint.pass_mark(),
            same_items: every_paper_has_the_same_items(&self.blueprint),
            matrix: ResponseMatrix::from(scores),
        })
    }

    /// Item ids in the packed layout's order (all items any candidate can get).
    #[wasm_bindgen(js_name = cohortItemIds)]
    pub fn cohort_item_ids(&self) -> Vec<String> {
        self.cohort.paper().item_ids().map(str::to_string).collect()
    }
}

/// A scored cohort kept inside the module: totals cross as a typed array, analysis as one object.
#[cfg(feature = "cohort")]
#[wasm_bindgen]
pub struct Cohort {
    totals: Vec<f64>,
    max_total: f64,
    pass_mark: f64,
    same_items: bool,
    matrix: ResponseMatrix,
}

#[cfg(feature = "cohort")]
#[wasm_bindgen]
impl Cohort {
    /// Number of candidates.
    #[wasm_bindgen(getter)]
    pub fn candidates(&self) -> u32 {
        u32::try_from(self.matrix.candidates).unwrap_or(u32::MAX)
    }

    /// Total points per candidate, in input order.
    pub fn totals(&self) -> Vec<f64> {
        self.totals.clone()
    }

    /// Per candidate: total at or above the pass mark (1) or not (0). Meaningful when every
    /// candidate gets the same items; with draws use each stored result's `passed`.
    pub fn passed(&self) -> Vec<u8> {
        let mark = self.pass_mark;
        self.totals
            .iter()
            .map(|t| u8::from(self.max_total > 0.0 && t / self.max_total * 100.0 >= mark - 1e-9))
            .collect()
    }

    /// Item analysis (facility, discrimination, distractors, reliability, flags). When the
    /// blueprint draws items, candidates' papers differ and unanswered items are excluded per
    /// item unless `options.missingAnswers` says otherwise.
    #[wasm_bindgen(unchecked_return_type = "ItemAnalysis")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AnalysisOptions>")] options: JsValue,
    ) -> Result<JsValue, Thrown> {
        let options = self.options(options)?;
        to_js(&analyse_items(&self.matrix, &options)?)
    }

    /// The item table of `analyze` as CSV (UTF-8 with BOM), headers in the current locale.
    #[wasm_bindgen(js_name = analysisCsv)]
    pub fn analysis_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AnalysisOptions>")] options: JsValue,
    ) -> Result<String, Thrown> {
        let options = self.options(options)?;
        let analysis = analyse_items(&self.matrix, &options)?;
        Ok(item_table_csv(&analysis, current_locale()))
    }

    fn options(&self, options: JsValue) -> Result<AnalysisOptions, Error> {
        if options.is_undefined() || options.is_null() {
            return Ok(self.default_options());
        }
        let mut value = to_value(options, "options")?;
        if let (false, Some(map)) = (self.same_items, value.as_object_mut()) {
            map.entry("missingAnswers")
                .or_insert_with(|| serde_json::Value::String("exclude".into()));
        }
        let options: AnalysisOptions =
            kaohe::format::decode_value(&value).map_err(|e| e.within("options"))?;
        options.validate().map_err(|e| e.within("options"))?;
        Ok(options)
    }

    fn default_options(&self) -> AnalysisOptions {
        let mut options = AnalysisOptions::default();
        if !self.same_items {
            options.missing_answers = kaohe::analytics::MissingAnswers::Exclude;
        }
        options
    }
}

/// Decodes and validates the `bank` argument (also `validateBank` of the trainer crate).
pub fn decode_bank(bank: JsValue) -> Result<Bank, Error> {
    require(&bank, "bank")?;
    Bank::decode(&to_value(bank, "bank")?)
}

/// Blueprint errors are prefixed `blueprint.` so they cannot be mistaken for the bank's.
fn decode_blueprint(blueprint: JsValue) -> Result<Blueprint, Error> {
    require(&blueprint, "blueprint")?;
    Blueprint::decode(&to_value(blueprint, "blueprint")?).map_err(|e| e.within("blueprint"))
}

fn require(value: &JsValue, name: &str) -> Result<(), Error> {
    if value.is_undefined() || value.is_null() {
        return Err(Error::new(
            ErrorCode::MissingField,
            name,
            format!("缺少参数 “{name}”"),
            format!("missing argument \"{name}\""),
        ));
    }
    Ok(())
}
