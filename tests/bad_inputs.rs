//! The bad-input corpus (`tests/fixtures/bad/`): every file goes to the core behind its JS
//! entry point (the same calls the binding makes, with the same path prefixes) and must fail
//! with the code and path of its `.expect.json`. `readBackup` is JavaScript only
//! (tests/e2e/bad-inputs.test.mjs checks those). `KAOHE_BLESS=1` rewrites the expectations
//! from what the engine reports, for review.

use std::fs;
use std::path::{Path, PathBuf};

use kaohe::competency::{compile_model, validate_evidence, CompetencyModel, EvidenceSet};
use kaohe::exam::{cohort_paper, Bank, Blueprint, CompiledExam, Responses};
use kaohe::format::{decode_json, decode_value};
use kaohe::interop::import::{import_bank, BankFormat};
use kaohe::interop::ImportOptions;
use kaohe::plan::{generate_plan, PlanRequest};
use kaohe::rubric::format::parse_rubric;
use kaohe::rubric::score::score_scorecard;
use kaohe::rubric::scorecard::Scorecard;
use kaohe::rubric::transcript::parse::parse_transcript;
use kaohe::Error;
use serde_json::{json, Value};

const BANK: &str = include_str!("../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../www/samples/blueprint.json");
const MODEL: &str = include_str!("../www/samples/model.json");
const RUBRIC: &str = include_str!("../www/samples/rubric.json");

/// The entry point each folder's files go to.
fn entry(folder: &str) -> &'static str {
    match folder {
        "bank" => "validateBank",
        "blueprint" => "new Exam",
        "responses" => "Exam.encode",
        "model" => "validateModel",
        "evidence" => "Team.fromJson",
        "kpi" => "importKpiCsv",
        "plan" => "generatePlan",
        "backup" => "readBackup",
        "xlsx" | "import" => "importBank",
        "rubric" => "parseRubric",
        "scorecard" => "scoreScorecard",
        "transcript" => "parseTranscript",
        other => panic!("no entry point for folder {other}"),
    }
}

fn json(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("the JS entry points take parsed JSON")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 text")
}

/// Runs one file through its entry point: the error (or, for `importBank`, the first problem
/// of an outcome that imported nothing) as (code, path); `None` when it was accepted.
fn run(entry: &str, file: &Path, bytes: &[u8]) -> Option<(String, String)> {
    let err = |e: Error| Some((e.code().as_str().to_string(), e.path().to_string()));
    let result: Result<(), Error> = match entry {
        "validateBank" => Bank::decode(&json(bytes)).map(drop),
        "new Exam" => (|| {
            let bank = Bank::from_json(BANK)?;
            let blueprint = Blueprint::decode(&json(bytes)).map_err(|e| e.within("blueprint"))?;
            let paper = cohort_paper(&bank, &blueprint).map_err(|e| e.within("blueprint"))?;
            CompiledExam::new(&bank, &paper).map(drop)
        })(),
        "Exam.encode" => (|| {
            let bank = Bank::from_json(BANK)?;
            let paper = cohort_paper(&bank, &Blueprint::from_json(BLUEPRINT)?)?;
            let exam = CompiledExam::new(&bank, &paper)?;
            let responses: Responses = decode_value(&json(bytes))?;
            exam.encode(&responses)
                .map(drop)
                .map_err(|e| e.relative_to("responses"))
        })(),
        "validateModel" => (|| {
            let model: CompetencyModel = decode_value(&json(bytes))?;
            compile_model(model).map(drop)
        })(),
        "Team.fromJson" => (|| {
            let source: CompetencyModel = decode_json(MODEL).map_err(|e| e.within("model"))?;
            let set: EvidenceSet = decode_json(text(bytes)).map_err(|e| e.within("evidence"))?;
            let model = compile_model(source).map_err(|e| e.within("model"))?;
            validate_evidence(&set, &model).map_err(|e| e.within("evidence"))
        })(),
        "importKpiCsv" => kaohe::competency::import_kpi_csv(text(bytes)).map(drop),
        "generatePlan" => (|| {
            let request: PlanRequest = decode_value(&json(bytes))?;
            generate_plan(&request).map(drop)
        })(),
        "importBank" => {
            let format = match file.extension().and_then(|e| e.to_str()) {
                Some("xlsx") => BankFormat::Xlsx,
                Some("csv") => BankFormat::Csv,
                Some("gift") => BankFormat::Gift,
                _ => BankFormat::Aiken,
            };
            match import_bank(bytes, format, &ImportOptions::default()) {
                Err(e) => return err(e),
                Ok(outcome) => {
                    return outcome.problems.first().map(|p| {
                        assert!(
                            outcome.bank.is_none(),
                            "{file:?}: a bad file imports nothing"
                        );
                        (p.code.clone(), p.path.clone())
                    })
                }
            }
        }
        "parseRubric" => parse_rubric(text(bytes)).map(drop),
        "scoreScorecard" => (|| {
            let rubric = parse_rubric(RUBRIC)?;
            let card: Scorecard = decode_json(text(bytes)).map_err(|e| e.within("scorecard"))?;
            score_scorecard(&rubric, &card).map(drop)
        })(),
        "parseTranscript" => parse_transcript(text(bytes)).map(drop),
        other => panic!("unknown entry {other}"),
    };
    result.err().and_then(err)
}

/// Every corpus file (not the expectations, not the generator), sorted.
fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files = Vec::new();
    for folder in fs::read_dir(&root).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            let name = file.file_name().unwrap().to_str().unwrap().to_string();
            if !name.ends_with(".expect.json") {
                files.push(file);
            }
        }
    }
    files.sort();
    files
}

fn expect_path(file: &Path) -> PathBuf {
    let name = file.file_name().unwrap().to_str().unwrap();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    file.with_file_name(format!("{stem}.expect.json"))
}

#[test]
fn every_bad_file_fails_with_its_code_and_path() {
    let files = corpus();
    assert!(files.len() >= 50, "only {} bad files", files.len());
    let bless = std::env::var_os("KAOHE_BLESS").is_some();
    let mut checked = 0;
    for file in &files {
        let folder = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        let entry = entry(folder);
        let expect_file = expect_path(file);
        if entry == "readBackup" {
            let expect: Value = serde_json::from_slice(&fs::read(&expect_file).unwrap()).unwrap();
            assert_eq!(expect["entry"], "readBackup", "{expect_file:?}");
            continue;
        }
        let bytes = fs::read(file).unwrap();
        let got = run(entry, file, &bytes);
        let Some((code, path)) = got else {
            panic!("{file:?} was accepted by {entry}");
        };
        let actual = json!({ "code": code, "path": path, "entry": entry });
        if bless {
            println!(
                "{:<50} {code:<24} {path}",
                file.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap()
                    .display()
            );
            fs::write(
                &expect_file,
                format!("{}\n", kaohe::format::to_json_string(&actual)),
            )
            .unwrap();
        } else {
            let expect: Value = serde_json::from_slice(&fs::read(&expect_file).unwrap())
                .unwrap_or_else(|e| panic!("{expect_file:?}: {e}"));
            assert_eq!(actual, expect, "{file:?}");
        }
        checked += 1;
    }
    assert!(checked >= 50, "{checked} files checked natively");
}
