//! Exams at the boundary: a bank and a blueprint are validated once into an [`Exam`]; papers,
//! views, scores and reviews cross as plain objects, one call per user action; a cohort crosses
//! once as packed bytes and stays inside the module as a [`Cohort`].

use wasm_bindgen::prelude::*;

#[cfg(feature = "cohort")]
use kaohe::analytics::AnalysisOptions;
use kaohe::error::{Error, ErrorCode};
use kaohe::exam::session::ExamSession;
#[cfg(feature = "cohort")]
use kaohe::exam::session::ScoredCohort;
use kaohe::exam::{Bank, Blueprint, CompiledExam, Paper, Responses};
use kaohe_wasm::convert::{from_js, to_js, to_value};
#[cfg(feature = "cohort")]
use kaohe_wasm::locale::current_locale;
use kaohe_wasm::Thrown;

pub use kaohe::exam::session::{AttemptParams, ScoreParams};

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
        to_js(&params.score(&self.compiled)?)
    }
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
    session: ExamSession,
}

#[wasm_bindgen]
impl Exam {
    /// Validates `bank` and `blueprint` (and the blueprint against the bank).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Blueprint")] blueprint: JsValue,
    ) -> Result<Exam, Thrown> {
        // Two arguments: every path starts with the argument's name.
        let bank = decode_bank(bank).map_err(|e| e.within_argument("bank"))?;
        let blueprint = decode_blueprint(blueprint)?;
        Ok(Exam {
            session: ExamSession::new(bank, blueprint)?,
        })
    }

    /// Builds the paper for `seed` (a whole number 0 … 4294967295).
    #[wasm_bindgen(unchecked_return_type = "Paper")]
    pub fn assemble(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
    ) -> Result<JsValue, Thrown> {
        let seed = kaohe_wasm::convert::u32_arg(&seed, "seed")?;
        to_js(&self.session.assemble(seed)?)
    }

    /// The candidate's view of `paper`: stems and options in the paper's order, no key.
    #[wasm_bindgen(unchecked_return_type = "PaperView")]
    pub fn view(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<JsValue, Thrown> {
        let paper: Paper = from_js(paper, "paper")?;
        to_js(&self.session.view(&paper)?)
    }

    /// Scores one attempt. A failed exam is a result (`passed: false`), not an error.
    #[wasm_bindgen(unchecked_return_type = "ExamResult")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScoreParams")] params: JsValue,
    ) -> Result<JsValue, Thrown> {
        require(&params, "params")?;
        to_js(&self.session.score_value(to_value(params, "params")?)?)
    }

    /// Compiles `paper` once for repeated scoring (see `ScoringPaper`).
    pub fn compile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Paper")] paper: JsValue,
    ) -> Result<ScoringPaper, Thrown> {
        let paper: Paper = from_js(paper, "paper")?;
        Ok(ScoringPaper {
            compiled: self.session.compile(&paper)?,
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
        to_js(&self.session.review(&params)?)
    }

    /// Packs one candidate's responses into bytes for cohort scoring; store them with the
    /// attempt. Every candidate of this exam packs against the same layout, whatever paper they
    /// got.
    pub fn encode(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] responses: JsValue,
    ) -> Result<Vec<u8>, Thrown> {
        let responses: Responses = from_js(responses, "responses")?;
        Ok(self.session.encode(&responses)?)
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
    pub fn score_cohort(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] packed: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] offsets: JsValue,
    ) -> Result<Cohort, Thrown> {
        let packed = kaohe_wasm::convert::bytes_arg(&packed, "packed")?;
        let offsets = kaohe_wasm::convert::u32s_arg(&offsets, "offsets")?;
        Ok(Cohort {
            cohort: self.session.score_cohort(&packed, &offsets)?,
        })
    }

    /// Item ids in the packed layout's order (all items any candidate can get).
    #[wasm_bindgen(js_name = cohortItemIds)]
    pub fn cohort_item_ids(&self) -> Vec<String> {
        self.session
            .cohort()
            .paper()
            .item_ids()
            .map(str::to_string)
            .collect()
    }
}

/// A scored cohort kept inside the module: totals cross as a typed array, analysis as one object.
#[cfg(feature = "cohort")]
#[wasm_bindgen]
pub struct Cohort {
    cohort: ScoredCohort,
}

#[cfg(feature = "cohort")]
#[wasm_bindgen]
impl Cohort {
    /// Number of candidates.
    #[wasm_bindgen(getter)]
    pub fn candidates(&self) -> u32 {
        u32::try_from(self.cohort.candidates()).unwrap_or(u32::MAX)
    }

    /// Total points per candidate, in input order.
    pub fn totals(&self) -> Vec<f64> {
        self.cohort.totals().to_vec()
    }

    /// Per candidate: total at or above the pass mark (1) or not (0). Meaningful when every
    /// candidate gets the same items; with draws use each stored result's `passed`.
    pub fn passed(&self) -> Vec<u8> {
        self.cohort.passed()
    }

    /// Item analysis (facility, discrimination, distractors, reliability, flags). When the
    /// blueprint draws items, candidates' papers differ and unanswered items are excluded per
    /// item unless `options.missingAnswers` says otherwise. With
    /// `options.distractors = "columns"`, every item's `options` is empty and the options of all
    /// items come as typed arrays in `distractors` (see `DistractorColumns`): what a page that
    /// shows the analysis asks for; the default keeps them in each item, for saving.
    #[wasm_bindgen(unchecked_return_type = "CohortItemAnalysis")]
    pub fn analyze(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AnalysisOptions>")] options: JsValue,
    ) -> Result<JsValue, Thrown> {
        let options = self.options(options)?;
        let analysis = self.cohort.analyse(&options)?;
        let out = to_js(&analysis)?;
        if let Some(columns) = &analysis.distractors {
            crate::distractors::attach(&out, columns);
        }
        Ok(out)
    }

    /// The item table of `analyze` as CSV (UTF-8 with BOM), headers in the current locale.
    #[wasm_bindgen(js_name = analysisCsv)]
    pub fn analysis_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<AnalysisOptions>")] options: JsValue,
    ) -> Result<String, Thrown> {
        let options = self.options(options)?;
        Ok(self.cohort.analysis_csv(&options, current_locale())?)
    }

    fn options(&self, options: JsValue) -> Result<AnalysisOptions, Error> {
        let value = if options.is_undefined() || options.is_null() {
            None
        } else {
            Some(to_value(options, "options")?)
        };
        self.cohort.options(value)
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
