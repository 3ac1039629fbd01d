//! Round trips: the sample bank (www/samples/bank.json, 87 items of every type) exported to
//! CSV, .xlsx, GIFT and Aiken and imported back gives the same items, except those the export
//! reports as skipped.

use kaohe::interop::aiken::import_aiken;
use kaohe::interop::csv::import_csv;
use kaohe::interop::export::{export_aiken, export_csv, export_gift, export_xlsx};
use kaohe::interop::gift::import_gift;
use kaohe::interop::xlsx::import_xlsx;
use kaohe::interop::{ImportOptions, ImportOutcome};
use serde_json::{json, Value};

const SAMPLE: &str = include_str!("../www/samples/bank.json");

fn sample() -> Value {
    serde_json::from_str(SAMPLE).unwrap()
}

fn options(bank: &Value) -> ImportOptions {
    ImportOptions {
        bank_id: bank["id"].as_str().map(String::from),
        title: bank["title"].as_str().map(String::from),
        ..Default::default()
    }
}

/// Drops what no exchange format keeps (see src/interop/export.rs) and normalises numbers.
fn comparable(item: &Value) -> Value {
    let mut item = item.clone();
    if item["type"] == "matching" {
        // GIFT letters matching options in order of first use: compare pairs by text.
        let text_of = |id: &Value| {
            item["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["id"] == *id)
                .unwrap()["text"]
                .clone()
        };
        let pairs: serde_json::Map<String, Value> = item["answer"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(p, o)| (p.clone(), text_of(o)))
            .collect();
        let mut texts: Vec<String> = item["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["text"].as_str().unwrap().to_string())
            .collect();
        texts.sort();
        item["answer"] = Value::Object(pairs);
        item["options"] = json!(texts);
    }
    if let Some(o) = item.as_object_mut() {
        for k in ["policy", "negativeMarking", "credit", "normalize"] {
            o.remove(k);
        }
    }
    normalise_numbers(&item)
}

fn normalise_numbers(v: &Value) -> Value {
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(normalise_numbers).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), normalise_numbers(v)))
                .collect(),
        ),
        v => v.clone(),
    }
}

fn skipped_indexes(skipped: &[kaohe::interop::Problem]) -> Vec<usize> {
    skipped
        .iter()
        .map(|p| {
            p.path
                .trim_start_matches("items[")
                .trim_end_matches(']')
                .parse()
                .unwrap()
        })
        .collect()
}

fn check_round_trip(name: &str, outcome: ImportOutcome, skipped: Vec<usize>, bank: &Value) {
    assert!(
        outcome.problems.is_empty(),
        "{name}: {:?}",
        outcome.problems
    );
    let back = outcome.bank.unwrap();
    let originals: Vec<&Value> = bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, _)| !skipped.contains(i))
        .map(|(_, v)| v)
        .collect();
    let got = back["items"].as_array().unwrap();
    assert_eq!(got.len(), originals.len(), "{name}");
    for (g, o) in got.iter().zip(originals) {
        assert_eq!(comparable(g), comparable(o), "{name}: item {}", o["id"]);
    }
    assert_eq!(back["id"], bank["id"]);
}

#[test]
fn csv_round_trip() {
    let bank = sample();
    let export = export_csv(&bank);
    let skipped = skipped_indexes(&export.skipped);
    // Only matching items do not fit the template.
    for &i in &skipped {
        assert_eq!(bank["items"][i]["type"], "matching");
    }
    let back = import_csv(export.text.as_bytes(), &options(&bank)).unwrap();
    check_round_trip("csv", back, skipped, &bank);
}

#[test]
fn xlsx_round_trip() {
    let bank = sample();
    let export = export_xlsx(&bank);
    let skipped = skipped_indexes(&export.skipped);
    let back = import_xlsx(&export.bytes, &options(&bank)).unwrap();
    check_round_trip("xlsx", back, skipped, &bank);
}

#[test]
fn gift_round_trip() {
    let bank = sample();
    let export = export_gift(&bank);
    let skipped = skipped_indexes(&export.skipped);
    for &i in &skipped {
        let item = &bank["items"][i];
        let t = item["type"].as_str().unwrap();
        assert!(
            t == "ordering" || (t == "fillBlank" && item["blanks"].as_array().unwrap().len() > 1),
            "{t}"
        );
    }
    let back = import_gift(&export.text, &options(&bank)).unwrap();
    check_round_trip("gift", back, skipped, &bank);
}

#[test]
fn aiken_round_trip() {
    let bank = sample();
    let export = export_aiken(&bank);
    let skipped = skipped_indexes(&export.skipped);
    let back = import_aiken(&export.text, &options(&bank)).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    let back = back.bank.unwrap();
    let originals: Vec<&Value> = bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, _)| !skipped.contains(i))
        .map(|(_, v)| v)
        .collect();
    assert!(originals.len() > 10);
    for (g, o) in back["items"].as_array().unwrap().iter().zip(&originals) {
        for k in ["type", "stem", "options", "answer"] {
            assert_eq!(g[k], o[k], "aiken: item {} {k}", o["id"]);
        }
    }
    // A second trip is exact: Aiken's own output reads back to itself.
    let again = import_aiken(&export_aiken(&back).text, &options(&bank)).unwrap();
    assert_eq!(again.bank.unwrap(), back);
}
