//! An exam session: a validated bank and blueprint, the cohort layout every candidate packs
//! against, and the paper scored last kept compiled.
//!
//! A page scores the same candidate's paper again and again (after each answer in a practice
//! exam, at submission), and compiling a paper costs more than scoring it; so [`ExamSession`]
//! keeps the last paper it compiled, with the JSON it came from, and scores an attempt on the
//! very same paper without decoding or compiling it again. The binding (`Exam` in JS) is this
//! type behind decode and encode.

use std::cell::RefCell;

use crate::format::{FromJson, ToJson};

use super::attempt::Responses;
use super::bank::Bank;
use super::blueprint::Blueprint;
use super::compiled::CompiledExam;
use super::grading::Grades;
use super::paper::{assemble_paper, cohort_paper, every_paper_has_the_same_items, Paper};
use super::result::ExamResult;
use super::review::{review, Review};
use super::view::{candidate_view, PaperView};
use crate::analytics::matrix::RowPass;
use crate::analytics::{
    analyse_checked, analyse_items, item_table_csv, AnalysisOptions, ItemAnalysis, MissingAnswers,
    ResponseMatrix,
};
use crate::error::Result;
use crate::format::decode_value;
use crate::i18n::Locale;

/// What `Exam.score` and `Exam.review` take.
#[derive(Debug, Clone, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreParams {
    /// The candidate's paper (from `assemble`, as stored with the attempt).
    pub paper: Paper,
    /// Item id → response.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub responses: Responses,
    /// Trainer grades of short answers: item id → `{ points, comment?, grader? }`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, Grade>"))]
    pub grades: Grades,
    /// Seconds the candidate used.
    #[serde(default)]
    pub time_used_seconds: Option<f64>,
}

/// What `ScoringPaper.score` takes: the attempt without its paper.
#[derive(Debug, Clone, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttemptParams {
    /// Item id → response.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub responses: Responses,
    /// Trainer grades of short answers: item id → `{ points, comment?, grader? }`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, Grade>"))]
    pub grades: Grades,
    /// Seconds the candidate used.
    #[serde(default)]
    pub time_used_seconds: Option<f64>,
}

impl AttemptParams {
    /// Scores this attempt on `compiled`.
    pub fn score(&self, compiled: &CompiledExam) -> Result<ExamResult> {
        compiled.result(&self.responses, &self.grades, self.time_used_seconds)
    }
}

/// The paper scored last, with the JSON it came from.
#[derive(Debug)]
struct LastScored {
    paper: serde_json::Value,
    compiled: CompiledExam,
}

/// A validated bank and blueprint: assembles papers, shows them, scores and reviews attempts.
///
/// ```
/// # use kaohe::exam::*;
/// # use kaohe::exam::session::ExamSession;
/// # let bank = Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap();
/// # let blueprint = Blueprint::from_json(include_str!("../../tests/fixtures/exam/sample_blueprint.json")).unwrap();
/// let session = ExamSession::new(bank, blueprint).unwrap();
/// let paper = session.assemble(7).unwrap();
/// let params = serde_json::json!({ "paper": kaohe::format::to_json_value(&paper), "responses": {} });
/// let first = session.score_value(params.clone()).unwrap();
/// let again = session.score_value(params).unwrap(); // the same paper: not compiled again
/// assert_eq!(first, again);
/// ```
#[derive(Debug)]
pub struct ExamSession {
    bank: Bank,
    blueprint: Blueprint,
    /// Every item any candidate can get, in blueprint order: the packed layout.
    cohort: CompiledExam,
    /// Only borrowed inside `score_value`, never across a call out, so a borrow always succeeds.
    last_scored: RefCell<Option<LastScored>>,
}

impl ExamSession {
    /// Checks `blueprint` against `bank` (errors under `blueprint`) and compiles the cohort layout.
    pub fn new(bank: Bank, blueprint: Blueprint) -> Result<ExamSession> {
        let paper = cohort_paper(&bank, &blueprint).map_err(|e| e.within("blueprint"))?;
        let cohort = CompiledExam::new(&bank, &paper)?;
        Ok(ExamSession {
            bank,
            blueprint,
            cohort,
            last_scored: RefCell::new(None),
        })
    }

    /// The validated bank.
    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// The validated blueprint.
    pub fn blueprint(&self) -> &Blueprint {
        &self.blueprint
    }

    /// The cohort layout (all items any candidate can get), for packing and cohort scoring.
    pub fn cohort(&self) -> &CompiledExam {
        &self.cohort
    }

    /// The paper for `seed`: the same seed gives the same paper.
    pub fn assemble(&self, seed: u32) -> Result<Paper> {
        assemble_paper(&self.bank, &self.blueprint, seed)
    }

    /// The candidate's view of `paper` (no answer key).
    pub fn view(&self, paper: &Paper) -> Result<PaperView> {
        candidate_view(&self.bank, paper)
    }

    /// `paper` compiled for repeated scoring.
    pub fn compile(&self, paper: &Paper) -> Result<CompiledExam> {
        CompiledExam::new(&self.bank, paper)
    }

    /// Packs one candidate's responses against the cohort layout. The responses are the whole
    /// input here, so paths are inside them (`pk-001`, not `responses.pk-001`).
    pub fn encode(&self, responses: &Responses) -> Result<Vec<u8>> {
        self.cohort
            .encode(responses)
            .map_err(|e| e.relative_to("responses"))
    }

    /// The review of an attempt: status, answers as text, explanations.
    pub fn review(&self, params: &ScoreParams) -> Result<Review> {
        review(&self.bank, &params.paper, &params.responses, &params.grades)
    }

    /// Scores one attempt given as the JSON of [`ScoreParams`]. When its `paper` is exactly the
    /// paper scored last, that paper is neither decoded nor compiled again. Errors are those of
    /// decoding [`ScoreParams`] and of [`CompiledExam::result`], whichever way it went.
    pub fn score_value(&self, mut params: serde_json::Value) -> Result<ExamResult> {
        let mut last = self.last_scored.try_borrow_mut().ok();
        if let Some(cached) = last.as_deref().and_then(Option::as_ref) {
            if let Some(attempt) = same_paper_attempt(&mut params, &cached.paper) {
                return attempt.score(&cached.compiled);
            }
        }
        let decoded: ScoreParams = decode_value(&params)?;
        let compiled = self.compile(&decoded.paper)?;
        let result = compiled.result(
            &decoded.responses,
            &decoded.grades,
            decoded.time_used_seconds,
        );
        if let (Some(slot), Some(paper)) = (last.as_deref_mut(), params.get_mut("paper")) {
            *slot = Some(LastScored {
                paper: paper.take(),
                compiled,
            });
        }
        result
    }

    /// Whether the next [`score_value`](Self::score_value) of `paper` will reuse the compiled
    /// paper (for tests and measurements).
    pub fn has_compiled(&self, paper: &serde_json::Value) -> bool {
        self.last_scored
            .try_borrow()
            .ok()
            .and_then(|l| l.as_ref().map(|l| &l.paper == paper))
            .unwrap_or(false)
    }
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
    let attempt = decode_value::<AttemptParams>(params).ok();
    if attempt.is_none() {
        if let Some(map) = params.as_object_mut() {
            map.insert("paper".into(), removed);
        }
    }
    attempt
}

impl ExamSession {
    /// Scores a whole cohort packed against [`cohort`](Self::cohort): `packed` is every
    /// candidate's [`encode`](Self::encode) output concatenated, `offsets[i]..offsets[i + 1]`
    /// delimits candidate `i`.
    pub fn score_cohort(&self, packed: &[u8], offsets: &[u32]) -> Result<ScoredCohort> {
        let mut scores = self.cohort.score_cohort(packed, offsets)?;
        Ok(ScoredCohort {
            row_pass: scores.row_pass.take(),
            totals: scores.totals.clone(),
            max_total: scores.max_points.iter().sum(),
            pass_mark: self.blueprint.pass_mark(),
            same_items: every_paper_has_the_same_items(&self.blueprint),
            matrix: ResponseMatrix::from(scores),
        })
    }
}

/// A scored cohort: totals, pass flags and the item analysis over its response matrix.
#[derive(Debug, Clone)]
pub struct ScoredCohort {
    totals: Vec<f64>,
    max_total: f64,
    pass_mark: f64,
    /// Every candidate got the same items (no draws): unanswered items then count as wrong.
    same_items: bool,
    matrix: ResponseMatrix,
    /// The matrix's rows as the scorer checked and summed them (`None`: a cell failed).
    row_pass: Option<RowPass>,
}

impl ScoredCohort {
    /// Number of candidates.
    pub fn candidates(&self) -> usize {
        self.matrix.candidates
    }

    /// Total points per candidate, in input order.
    pub fn totals(&self) -> &[f64] {
        &self.totals
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

    /// The analysis options from their JSON (`None`: every default). When the blueprint draws
    /// items, candidates' papers differ, so unanswered items are excluded per item unless the
    /// options say otherwise. Errors are relative to the options object.
    pub fn options(&self, value: Option<serde_json::Value>) -> Result<AnalysisOptions> {
        let Some(mut value) = value else {
            let mut options = AnalysisOptions::default();
            if !self.same_items {
                options.missing_answers = MissingAnswers::Exclude;
            }
            return Ok(options);
        };
        if let (false, Some(map)) = (self.same_items, value.as_object_mut()) {
            map.entry("missingAnswers")
                .or_insert_with(|| serde_json::Value::String("exclude".into()));
        }
        let options: AnalysisOptions = decode_value(&value)?;
        options.validate()?;
        Ok(options)
    }

    /// Item analysis (facility, discrimination, distractors, reliability, flags).
    pub fn analyse(&self, options: &AnalysisOptions) -> Result<ItemAnalysis> {
        match &self.row_pass {
            Some(pass) => analyse_checked(&self.matrix, pass, options),
            // A cell the analysis cannot take: its own pass names it.
            None => analyse_items(&self.matrix, options),
        }
    }

    /// The item table of [`analyse`](Self::analyse) as CSV, headers in `locale`.
    pub fn analysis_csv(&self, options: &AnalysisOptions, locale: Locale) -> Result<String> {
        Ok(item_table_csv(&self.analyse(options)?, locale))
    }
}
