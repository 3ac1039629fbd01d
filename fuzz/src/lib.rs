//! The fuzz drivers: one function per entry point, each taking arbitrary bytes and calling the
//! core the way the wasm binding does. Errors are fine; a panic (or abort) is the bug we hunt.
//! `fuzz_targets/*.rs` are one line each around these functions.

use std::sync::OnceLock;

use kaohe::analytics::{analyse_items, AnalysisOptions, ResponseMatrix};
use kaohe::competency::EvaluationOptions;
use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, CompiledModel,
};
use kaohe::date::Date;
use kaohe::exam::{assemble_paper, cohort_paper, score_attempt, Bank, Blueprint, CompiledExam};
use kaohe::exam::{Grades, Paper, Responses};
use kaohe::format::decode_json;
use kaohe::interop::{aiken::import_aiken, csv::import_csv, gift::import_gift};
use kaohe::interop::{xapi, xlsx::import_xlsx, ImportOptions};
use kaohe::plan::{generate_plan, record_check_in, CheckIn, Plan, PlanRequest};
use kaohe::rubric::calibration::{calibrate, RatingSet};
use kaohe::rubric::format::{parse_rubric, Rubric};
use kaohe::rubric::panel::score_panel;
use kaohe::rubric::score::score_scorecard;
use kaohe::rubric::scorecard::Scorecard;
use kaohe::rubric::transcript::config::TranscriptConfig;
use kaohe::rubric::transcript::indicators::analyze_transcript;
use kaohe::rubric::transcript::parse::{parse_transcript, parse_transcript_json};

const BANK: &str = include_str!("../../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../../www/samples/blueprint.json");
const RUBRIC: &str = include_str!("../../www/samples/rubric.json");
const MODEL: &str = include_str!("../../www/samples/model.json");
const EVALUATION: &str = include_str!("../../www/samples/evaluation-E1001.json");

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The input split at the first NUL: a mode byte's worth of structure for one-input targets.
fn split(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    }
}

fn bank() -> &'static Bank {
    static CELL: OnceLock<Bank> = OnceLock::new();
    CELL.get_or_init(|| Bank::from_json(BANK).expect("sample bank"))
}

fn blueprint() -> &'static Blueprint {
    static CELL: OnceLock<Blueprint> = OnceLock::new();
    CELL.get_or_init(|| Blueprint::from_json(BLUEPRINT).expect("sample blueprint"))
}

fn compiled() -> &'static (Paper, CompiledExam) {
    static CELL: OnceLock<(Paper, CompiledExam)> = OnceLock::new();
    CELL.get_or_init(|| {
        let paper = cohort_paper(bank(), blueprint()).expect("cohort paper");
        let exam = CompiledExam::new(bank(), &paper).expect("compiled exam");
        (paper, exam)
    })
}

fn rubric() -> &'static Rubric {
    static CELL: OnceLock<Rubric> = OnceLock::new();
    CELL.get_or_init(|| parse_rubric(RUBRIC).expect("sample rubric"))
}

fn model() -> &'static CompiledModel {
    static CELL: OnceLock<CompiledModel> = OnceLock::new();
    CELL.get_or_init(|| parse_model(MODEL).expect("sample model"))
}

/// Bank JSON text: decode, then (when valid) compile the whole bank into a paper-less exam.
pub fn bank_json(data: &[u8]) {
    let Some(text) = text(data) else { return };
    if let Ok(bank) = Bank::from_json(text) {
        if let Ok(paper) = cohort_paper(&bank, blueprint()) {
            let _ = CompiledExam::new(&bank, &paper);
        }
        let _ = assemble_paper(&bank, blueprint(), 7);
    }
}

/// Blueprint JSON text against the sample bank: validation, assembly for a seed, cohort paper.
pub fn blueprint_assembly(data: &[u8]) {
    let (seed, rest) = split(data);
    let Some(text) = text(rest) else { return };
    if let Ok(blueprint) = Blueprint::from_json(text) {
        let _ = blueprint.validate_against(bank());
        if let Ok(paper) = assemble_paper(bank(), &blueprint, u32::from(seed) * 2_654_435_761) {
            let _ = CompiledExam::new(bank(), &paper);
        }
        let _ = cohort_paper(bank(), &blueprint);
    }
}

/// Scoring: mode 0 = responses JSON through `score_attempt`, 1 = grades JSON, 2 = raw packed
/// bytes through `score_packed`, 3 = raw bytes + offsets through `score_cohort`.
pub fn scoring(data: &[u8]) {
    let (mode, rest) = split(data);
    let (paper, exam) = compiled();
    match mode % 4 {
        0 => {
            if let Some(Ok(responses)) = text(rest).map(decode_json::<Responses>) {
                let _ = score_attempt(bank(), paper, &responses, &Grades::new(), Some(60.0));
                let _ = exam.encode(&responses);
            }
        }
        1 => {
            if let Some(Ok(grades)) = text(rest).map(decode_json::<Grades>) {
                let _ = score_attempt(bank(), paper, &Responses::new(), &grades, None);
            }
        }
        2 => {
            let _ = exam.score_packed(rest);
        }
        _ => {
            let cut = rest.len().min(16);
            let offsets: Vec<u32> = rest[..cut]
                .chunks(2)
                .map(|c| u32::from(c[0]) * 7 + u32::from(*c.get(1).unwrap_or(&0)) % 3)
                .collect();
            let _ = exam.score_cohort(&rest[cut..], &offsets);
        }
    }
}

/// Rubrics: mode 0 = rubric text, 1 = one scorecard, 2 = a panel of scorecards, 3 = a rating
/// set for calibration, all against the sample rubric.
pub fn rubric_scoring(data: &[u8]) {
    let (mode, rest) = split(data);
    let Some(text) = text(rest) else { return };
    match mode % 4 {
        0 => {
            let _ = parse_rubric(text);
        }
        1 => {
            if let Ok(card) = decode_json::<Scorecard>(text) {
                let _ = score_scorecard(rubric(), &card);
            }
        }
        2 => {
            if let Ok(cards) = decode_json::<Vec<Scorecard>>(text) {
                let _ = score_panel(rubric(), &cards);
            }
        }
        _ => {
            if let Ok(set) = decode_json::<RatingSet>(text) {
                let _ = calibrate(rubric(), &set);
            }
        }
    }
}

/// Transcripts as text (mode even) or JSON (odd), then every indicator.
pub fn transcript(data: &[u8]) {
    let (mode, rest) = split(data);
    let Some(text) = text(rest) else { return };
    let parsed = if mode % 2 == 0 {
        parse_transcript(text)
    } else {
        parse_transcript_json(text)
    };
    if let Ok(transcript) = parsed {
        let _ = analyze_transcript(&transcript, &TranscriptConfig::default());
    }
}

/// Competency: mode 0 = a model, 1 = evidence evaluated against the sample model.
pub fn competency(data: &[u8]) {
    let (mode, rest) = split(data);
    let Some(text) = text(rest) else { return };
    if mode % 2 == 0 {
        if let Ok(model) = parse_model(text) {
            let _ = model.dimension_index("communication");
        }
    } else if let Ok(set) = parse_evidence(text) {
        if let Ok(date) = Date::parse("2026-12-01", "date") {
            let _ = evaluate_team(model(), &set, &EvaluationOptions::on(date));
        }
    }
}

/// A KPI spreadsheet export (CSV text).
pub fn kpi_csv(data: &[u8]) {
    if let Some(text) = text(data) {
        let _ = import_kpi_csv(text);
    }
}

/// Plans: mode 0 = a plan request, 1 = a check-in on the plan generated from the sample.
pub fn plan(data: &[u8]) {
    let (mode, rest) = split(data);
    let Some(text) = text(rest) else { return };
    if mode % 2 == 0 {
        if let Ok(request) = decode_json::<PlanRequest>(text) {
            let _ = generate_plan(&request);
        }
    } else if let Ok(check_in) = decode_json::<CheckIn>(text) {
        static PLAN: OnceLock<Option<Plan>> = OnceLock::new();
        let plan = PLAN.get_or_init(|| {
            let evaluation = decode_json(EVALUATION).ok()?;
            let request = PlanRequest {
                schema_version: 1,
                evaluation,
                start_date: "2026-12-07".into(),
                plan_id: None,
                settings: Default::default(),
                catalog: None,
            };
            generate_plan(&request).ok()
        });
        if let Some(plan) = plan {
            let mut plan = plan.clone();
            let _ = record_check_in(&mut plan, check_in);
        }
    }
}

/// Item analysis on a matrix built from the bytes (sizes, points incl. NaN and ±∞, choices).
pub fn item_analysis(data: &[u8]) {
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next().unwrap_or(0);
    let candidates = usize::from(next() % 12);
    let items = usize::from(next() % 6);
    let cells = candidates * items;
    let wobble = next();
    let len = |n: usize| if wobble == 0xFF { n + 1 } else { n };
    let mut float = |scale: f64| match next() {
        250 => f64::NAN,
        251 => f64::INFINITY,
        252 => -1.0,
        b => f64::from(b) / 50.0 * scale,
    };
    let max_points: Vec<f64> = (0..len(items)).map(|_| float(1.0) + 0.0).collect();
    let points: Vec<f64> = (0..cells).map(|_| float(0.5)).collect();
    let mut rest = data.iter().rev().copied().cycle();
    let mut byte = || rest.next().unwrap_or(1);
    let answered: Vec<bool> = (0..cells).map(|_| byte() % 4 != 0).collect();
    let choices: Vec<u32> = (0..cells).map(|_| u32::from(byte()) % 16).collect();
    let option_counts: Vec<u8> = (0..items).map(|_| byte() % 40).collect();
    let correct_masks: Vec<u32> = (0..items).map(|_| u32::from(byte()) % 16).collect();
    let item_ids = (0..items)
        .map(|i| {
            if wobble == 0xFE {
                "x".into()
            } else {
                format!("q{i}")
            }
        })
        .collect();
    let matrix = ResponseMatrix {
        candidates,
        items,
        item_ids,
        max_points,
        points,
        answered,
        choices,
        option_counts,
        correct_masks,
    };
    let options = AnalysisOptions {
        group_fraction: f64::from(wobble) / 255.0,
        ..AnalysisOptions::default()
    };
    let _ = analyse_items(&matrix, &options);
    let _ = analyse_items(&matrix, &AnalysisOptions::default());
}

/// The bank importers: 0 = CSV bytes, 1 = .xlsx bytes, 2 = GIFT, 3 = Aiken.
pub fn import(data: &[u8]) {
    let (mode, rest) = split(data);
    let options = ImportOptions {
        accept_partial: mode & 0x10 != 0,
        ..ImportOptions::default()
    };
    match mode % 4 {
        0 => {
            let _ = import_csv(rest, &options);
        }
        1 => {
            let _ = import_xlsx(rest, &options);
        }
        2 => {
            if let Some(text) = text(rest) {
                let _ = import_gift(text, &options);
            }
        }
        _ => {
            if let Some(text) = text(rest) {
                let _ = import_aiken(text, &options);
            }
        }
    }
}

/// .xlsx bytes alone (the zip, inflate and XML readers get the whole input).
pub fn xlsx(data: &[u8]) {
    let _ = import_xlsx(data, &ImportOptions::default());
}

/// xAPI: statements from an attempt JSON.
pub fn xapi_statements(data: &[u8]) {
    if let Some(text) = text(data) {
        let _ = xapi::statements_from_json(text);
    }
}
