//! The import samples (www/samples/import) import without problems, cover every type their
//! format can carry, and give the committed banks (tests/fixtures/interop/imported), which
//! check_bank_schema.py validates against www/schema/bank.schema.json.

use kaohe::interop::aiken::import_aiken;
use kaohe::interop::csv::import_csv;
use kaohe::interop::gift::import_gift;
use kaohe::interop::{ImportOptions, ImportOutcome};
use serde_json::Value;

fn options(id: &str) -> ImportOptions {
    ImportOptions {
        bank_id: Some(id.into()),
        title: Some("云帆客服理论题库（导入示例）".into()),
        ..Default::default()
    }
}

fn check(name: &str, outcome: ImportOutcome, golden: &str, types: &[&str]) {
    assert!(
        outcome.problems.is_empty(),
        "{name}: {:?}",
        outcome.problems
    );
    let bank = outcome.bank.unwrap();
    let path = format!("tests/fixtures/interop/imported/{name}.json");
    if std::env::var_os("KAOHE_BLESS").is_some() {
        std::fs::write(&path, kaohe::format::to_json_pretty(&bank) + "\n").unwrap();
    }
    let expected: Value = serde_json::from_str(golden).unwrap();
    assert_eq!(
        bank, expected,
        "{name} differs from {path}: rerun with KAOHE_BLESS=1 if intended"
    );
    let mut got: Vec<&str> = bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["type"].as_str().unwrap())
        .collect();
    got.sort_unstable();
    got.dedup();
    let mut want = types.to_vec();
    want.sort_unstable();
    assert_eq!(got, want, "{name}");
}

#[test]
fn gift_sample() {
    let out = import_gift(
        include_str!("../www/samples/import/sample.gift"),
        &options("sample-gift"),
    )
    .unwrap();
    let bank = out.bank.clone().unwrap();
    // $CATEGORY gives the knowledge point of lg-001; the essay keeps its keywords.
    assert_eq!(bank["items"][2]["tags"]["knowledgePoint"], "七日无理由退货");
    assert_eq!(bank["items"][7]["keywords"].as_array().unwrap().len(), 6);
    check(
        "sample-gift",
        out,
        include_str!("fixtures/interop/imported/sample-gift.json"),
        &[
            "single",
            "multiple",
            "trueFalse",
            "fillBlank",
            "numeric",
            "matching",
            "situational",
            "shortAnswer",
        ],
    );
}

#[test]
fn aiken_sample() {
    let out = import_aiken(
        include_str!("../www/samples/import/sample.aiken.txt"),
        &options("sample-aiken"),
    )
    .unwrap();
    check(
        "sample-aiken",
        out,
        include_str!("fixtures/interop/imported/sample-aiken.json"),
        &["single", "multiple"],
    );
}

#[test]
fn csv_sample() {
    let out = import_csv(
        include_bytes!("../www/samples/import/sample.csv"),
        &options("sample-csv"),
    )
    .unwrap();
    let bank = out.bank.clone().unwrap();
    assert_eq!(bank["items"][6]["answer"]["toleranceKind"], "relative");
    assert_eq!(
        bank["items"][4]["stem"],
        "客户投诉：空调安装后第二天室内机漏水，泡坏了木地板。\n请按投诉处理六步法写出处理要点。"
    );
    check(
        "sample-csv",
        out,
        include_str!("fixtures/interop/imported/sample-csv.json"),
        &[
            "single",
            "multiple",
            "trueFalse",
            "fillBlank",
            "shortAnswer",
            "numeric",
            "ordering",
            "situational",
        ],
    );
}
