//! The exam's stored records → xAPI statements and the results CSV: a paper assembled from the
//! sample bank and blueprint, answered (the choice items correctly, the rest left out), scored
//! by the engine, stored the way the page stores it, then converted.

use kaohe::exam::{assemble_paper, score_attempt, Bank, Blueprint, Grades, Responses};
use kaohe::interop::csv::read_csv;
use kaohe::interop::export::results_csv;
use kaohe::interop::from_exam::{xapi_attempt, StoredAttempt, StoredResult, XapiOptions};
use kaohe::interop::xapi::statements;
use serde_json::{json, Value};

const BANK: &str = include_str!("../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../www/samples/blueprint.json");
const ATTEMPT_ID: &str = "0b7e3c52-9a1d-4f7e-8c2b-5d6a7e8f9a01";
// 2026-11-02T09:00:00+08:00.
const STARTED: f64 = 1_793_581_200_000.0;

struct Fixture {
    bank: Value,
    attempt: Value,
    result: Value,
    answered: Vec<String>,
}

fn fixture() -> Fixture {
    let bank_value: Value = serde_json::from_str(BANK).unwrap();
    let bank = Bank::from_json(BANK).unwrap();
    let blueprint = Blueprint::from_json(BLUEPRINT).unwrap();
    let paper = assemble_paper(&bank, &blueprint, 7).unwrap();
    let mut responses = Responses::new();
    let mut stored = serde_json::Map::new();
    let mut answered = Vec::new();
    for (n, id) in paper.item_ids().enumerate() {
        let item = bank_value["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap();
        if matches!(
            item["type"].as_str(),
            Some("single" | "multiple" | "trueFalse")
        ) {
            responses.insert(id.to_string(), item["answer"].clone());
            stored.insert(
                id.to_string(),
                json!({ "value": item["answer"], "answeredAt": STARTED + 60_000.0 * (n as f64 + 1.0) }),
            );
            answered.push(id.to_string());
        }
    }
    let result = score_attempt(&bank, &paper, &responses, &Grades::new(), Some(1500.0)).unwrap();
    let attempt = json!({
        "schemaVersion": 1, "status": "submitted", "attemptId": ATTEMPT_ID,
        "bankId": "cs-theory-2026", "blueprintId": paper.blueprint_id, "examTitle": paper.title,
        "practice": false, "candidate": { "name": "王芳", "id": "YF-20417" }, "seed": 7,
        "paper": kaohe::format::to_json_value(&paper), "responses": stored, "events": [], "startedAt": STARTED,
        "deadlineAt": STARTED + 2_700_000.0, "submittedAt": STARTED + 1_500_000.0,
    });
    Fixture {
        bank: bank_value,
        attempt,
        result: kaohe::format::to_json_value(&result),
        answered,
    }
}

fn convert(f: &Fixture) -> kaohe::interop::xapi::XapiAttempt {
    let attempt: StoredAttempt = kaohe::format::decode_value(&f.attempt.clone()).unwrap();
    let result: StoredResult = kaohe::format::decode_value(&f.result.clone()).unwrap();
    xapi_attempt(&attempt, &result, &f.bank, &XapiOptions::default()).unwrap()
}

#[test]
fn stored_attempt_becomes_statements() {
    let f = fixture();
    assert!(f.answered.len() >= 3, "the paper has choice items");
    let x = convert(&f);
    assert_eq!(x.registration, ATTEMPT_ID);
    assert_eq!(x.started_at, "2026-11-02T01:00:00.000Z");
    assert_eq!(x.finished_at, "2026-11-02T01:25:00.000Z");
    assert_eq!(x.duration_seconds, 1500.0);
    assert_eq!(x.exam.id, "https://kaohe.example/exams/bp-theory-2026q4");
    let account = x.actor.account.as_ref().unwrap();
    assert_eq!(account.name, "YF-20417");
    assert_eq!(x.score.raw, f.result["points"].as_f64().unwrap());
    assert_eq!(x.score.max, f.result["maxPoints"].as_f64().unwrap());

    let all = statements(&x).unwrap();
    assert_eq!(all.len(), f.answered.len() + 3);
    let verb = |s: &Value| {
        s["verb"]["id"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string()
    };
    for (s, id) in all.iter().zip(&f.answered) {
        assert_eq!(verb(s), "answered");
        assert!(s["object"]["id"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/items/{id}")));
        assert_eq!(
            s["result"]["success"], true,
            "{id} was answered with the key"
        );
        let earned = f.result["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["itemId"] == id.as_str())
            .unwrap()["points"]
            .clone();
        assert_eq!(s["result"]["score"]["raw"].as_f64(), earned.as_f64());
        assert_eq!(s["context"]["registration"], ATTEMPT_ID);
    }
    // First answered item: one minute per paper position after the start, in UTC.
    assert!(all[0]["timestamp"]
        .as_str()
        .unwrap()
        .starts_with("2026-11-02T01:"));
    let tail: Vec<String> = all[all.len() - 3..].iter().map(verb).collect();
    let passed = f.result["passed"].as_bool().unwrap();
    assert_eq!(
        tail,
        [
            "completed",
            if passed { "passed" } else { "failed" },
            "scored"
        ]
    );
    assert_eq!(all[all.len() - 2]["result"]["duration"], "PT25M");

    // Same records → same statements (ids included): re-sending is idempotent.
    assert_eq!(statements(&convert(&f)).unwrap(), all);
    let mut ids: Vec<&str> = all.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len());
}

#[test]
fn results_csv_from_stored_records() {
    let f = fixture();
    let x = convert(&f);
    let text = results_csv(&[(x.clone(), &f.bank)], 480);
    // Words a trainer reads: no xAPI notation, times in Beijing time rather than UTC.
    for xapi_word in ["choice", "case_matters", "[,]", "true-false", "T0", "Z"] {
        assert!(!text.contains(xapi_word), "{xapi_word} in {text}");
    }
    let rows = read_csv(&text).unwrap();
    assert_eq!(
        rows[1][3],
        kaohe::interop::export::local_time(&x.started_at, 480)
    );
    assert_eq!(rows[1][3].len(), "2026-11-02 09:00:00".len());
    assert_eq!(rows.len(), 1 + x.items.len() + 1);
    assert_eq!(rows[1][..2], ["YF-20417", "王芳"]);
    let total = rows.last().unwrap();
    assert_eq!(total[5], "合计");
    assert_eq!(total[10].parse::<f64>().unwrap(), x.score.raw);
}

#[test]
fn records_that_cannot_become_statements() {
    let f = fixture();
    let result: StoredResult = kaohe::format::decode_value(&f.result.clone()).unwrap();
    let mut open = f.attempt.clone();
    open.as_object_mut().unwrap().remove("submittedAt");
    let open: StoredAttempt = kaohe::format::decode_value(&open).unwrap();
    let e = xapi_attempt(&open, &result, &f.bank, &XapiOptions::default()).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path()),
        ("INVALID_VALUE", "attempt.submittedAt")
    );

    let mut other_bank = f.bank.clone();
    other_bank["items"]
        .as_array_mut()
        .unwrap()
        .retain(|i| i["type"] != "single");
    let attempt: StoredAttempt = kaohe::format::decode_value(&f.attempt.clone()).unwrap();
    let e = xapi_attempt(&attempt, &result, &other_bank, &XapiOptions::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "UNKNOWN_REFERENCE");
    assert!(e.path().starts_with("attempt.paper.items["), "{}", e.path());

    let mut nobody = f.attempt.clone();
    nobody["candidate"]["id"] = json!("  ");
    let nobody: StoredAttempt = kaohe::format::decode_value(&nobody).unwrap();
    let e = xapi_attempt(&nobody, &result, &f.bank, &XapiOptions::default()).unwrap_err();
    assert_eq!(e.path(), "attempt.candidate.id");
}

/// `resultsCsv` / `xapiStatements` as the binding calls them: the page's records (with their
/// packed bytes and event log, which are dropped), the banks looked up by id.
#[test]
fn stored_params_are_stripped_looked_up_and_located() {
    use kaohe::interop::stored::{
        attempt_statements, results_csv_of, strip_stored_attempts, ResultsCsvParams, XapiParams,
    };
    let f = fixture();
    let mut attempt = f.attempt.clone();
    attempt["packed"] = json!({ "0": 1, "1": 2 });
    attempt["events"] = json!([{ "not": "read" }]);
    let mut params =
        json!({ "records": [{ "attempt": attempt, "result": f.result }], "banks": [f.bank] });
    strip_stored_attempts(&mut params);
    assert!(params["records"][0]["attempt"].get("packed").is_none());
    let decoded: ResultsCsvParams = kaohe::format::decode_value(&params).unwrap();
    let text = results_csv_of(&decoded).unwrap();
    assert_eq!(text, results_csv(&[(convert(&f), &f.bank)], 480));

    // A record whose bank is not given points at its bankId; a bad bank at its index.
    let mut other = params.clone();
    other["banks"] = json!([]);
    let decoded: ResultsCsvParams = kaohe::format::decode_value(&other).unwrap();
    let err = results_csv_of(&decoded).unwrap_err();
    assert_eq!(err.path(), "records[0].attempt.paper.bankId");
    let mut bad = params.clone();
    bad["banks"][0]["items"][0]["id"] = json!("");
    let decoded: ResultsCsvParams = kaohe::format::decode_value(&bad).unwrap();
    let err = results_csv_of(&decoded).unwrap_err();
    assert!(
        err.path().starts_with("banks[0].items[0]"),
        "{}",
        err.path()
    );

    let mut one = json!({ "attempt": f.attempt, "result": f.result, "bank": f.bank });
    strip_stored_attempts(&mut one);
    let decoded: XapiParams = kaohe::format::decode_value(&one).unwrap();
    assert_eq!(
        attempt_statements(&decoded).unwrap(),
        statements(&convert(&f)).unwrap()
    );
}

#[test]
fn the_import_format_comes_out_of_the_params() {
    use kaohe::interop::import::BankFormat;
    use kaohe::interop::stored::take_format;
    let mut params = json!({ "format": "gift", "title": "售后题库" });
    let format: BankFormat = take_format(&mut params, ["", ""]).unwrap();
    assert_eq!(format, BankFormat::Gift);
    assert_eq!(params, json!({ "title": "售后题库" }));
    let err = take_format::<BankFormat>(&mut params, ["xlsx 或 csv", "xlsx or csv"]).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (kaohe::ErrorCode::MissingField, "format")
    );
    assert!(err.messages().en.contains("xlsx or csv"));
    let err = take_format::<BankFormat>(&mut json!({ "format": "pdf" }), ["", ""]).unwrap_err();
    assert_eq!(err.path(), "format");
}

#[test]
fn a_bank_file_is_named_after_the_title() {
    use kaohe::interop::import::BankFormat;
    use kaohe::interop::stored::{export_bank_file, record_statements};
    let mut bank: Value = serde_json::from_str(BANK).unwrap();
    bank["title"] = json!("售后/理论:2026");
    let gift = export_bank_file(&bank, BankFormat::Gift).unwrap();
    assert_eq!(gift.file_name, "售后_理论_2026.gift.txt");
    assert!(gift.text.is_some() && gift.bytes.is_none());
    let xlsx = export_bank_file(&bank, BankFormat::Xlsx).unwrap();
    assert!(xlsx.file_name.ends_with(".xlsx") && xlsx.bytes.is_some());
    bank["items"][0]["id"] = json!("");
    let err = export_bank_file(&bank, BankFormat::Csv).unwrap_err();
    assert!(err.path().starts_with("bank.items[0]"), "{}", err.path());
    let err = record_statements(&json!({})).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (kaohe::ErrorCode::MissingField, "")
    );
}
