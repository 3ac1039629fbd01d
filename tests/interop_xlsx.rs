//! The `.xlsx` importer against files made by openpyxl, and the template against what openpyxl
//! reads from it (fixtures: tests/fixtures/interop/make_xlsx_fixtures.py).

use kaohe::interop::xlsx::{import_xlsx, instruction_rows, template_rows, template_xlsx};
use kaohe::interop::ImportOptions;
use serde_json::Value;

const BANK_XLSX: &[u8] = include_bytes!("fixtures/interop/bank.xlsx");
const BANK_EXPECTED: &str = include_str!("fixtures/interop/bank.expected.json");
const BAD_XLSX: &[u8] = include_bytes!("fixtures/interop/bad_rows.xlsx");
const BAD_EXPECTED: &str = include_str!("fixtures/interop/bad_rows.expected.json");
const TEMPLATE: &[u8] = include_bytes!("fixtures/interop/template.xlsx");
const TEMPLATE_READ: &str = include_str!("fixtures/interop/template.read.json");

fn options() -> ImportOptions {
    ImportOptions {
        bank_id: Some("yunfan-2026".into()),
        title: Some("云帆客服理论题库".into()),
        ..Default::default()
    }
}

#[test]
fn openpyxl_bank_imports_as_expected() {
    let outcome = import_xlsx(BANK_XLSX, &options()).unwrap();
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let expected: Value = serde_json::from_str(BANK_EXPECTED).unwrap();
    let bank = outcome.bank.unwrap();
    let (got, want) = (
        bank["items"].as_array().unwrap(),
        expected["items"].as_array().unwrap(),
    );
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w, "item {}", w["id"]);
    }
    assert_eq!(bank, expected);
}

#[test]
fn openpyxl_bank_second_sheet_by_name() {
    let o = ImportOptions {
        sheet: Some("说明".into()),
        ..options()
    };
    let e = import_xlsx(BANK_XLSX, &o).unwrap_err();
    assert_eq!(e.code().as_str(), "MISSING_FIELD");
    assert_eq!(e.path(), "说明!1:1");
}

#[test]
fn bad_rows_are_reported_by_cell_and_block_the_import() {
    let expected: Vec<Value> = serde_json::from_str(BAD_EXPECTED).unwrap();
    let outcome = import_xlsx(BAD_XLSX, &options()).unwrap();
    assert!(outcome.bank.is_none());
    let got: Vec<(String, String)> = outcome
        .problems
        .iter()
        .map(|p| (p.path.clone(), p.code.clone()))
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().into(),
                p["code"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got, want);
    for p in &outcome.problems {
        assert!(!p.message.zh.is_empty() && !p.message.en.is_empty());
    }

    let partial = import_xlsx(
        BAD_XLSX,
        &ImportOptions {
            accept_partial: true,
            ..options()
        },
    )
    .unwrap();
    assert_eq!(partial.item_count, 1);
    assert_eq!(partial.bank.unwrap()["items"][0]["id"], "pk-001");
    assert_eq!(partial.problems.len(), want.len());
}

#[test]
fn template_is_committed_and_reads_in_openpyxl() {
    let bytes = template_xlsx();
    if std::env::var_os("KAOHE_BLESS").is_some() {
        std::fs::write("tests/fixtures/interop/template.xlsx", &bytes).unwrap();
    }
    assert!(
        bytes == TEMPLATE,
        "template.xlsx changed: rerun with KAOHE_BLESS=1 and the fixture script"
    );
    let read: Value = serde_json::from_str(TEMPLATE_READ).unwrap();
    assert_eq!(read["sheetnames"], serde_json::json!(["题库", "填写说明"]));
    let as_rows = |v: &Value| -> Vec<Vec<String>> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let mut row: Vec<String> = r
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| c.as_str().unwrap().to_string())
                    .collect();
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                row
            })
            .collect()
    };
    let trim = |rows: Vec<Vec<String>>| -> Vec<Vec<String>> {
        rows.into_iter()
            .map(|mut r| {
                while r.last().is_some_and(String::is_empty) {
                    r.pop();
                }
                r
            })
            .collect()
    };
    assert_eq!(as_rows(&read["sheets"]["题库"]), trim(template_rows()));
    assert_eq!(
        as_rows(&read["sheets"]["填写说明"]),
        trim(instruction_rows())
    );
    assert_eq!(read["frozen"], "A2");
    assert_eq!(read["headerBold"], true);
}
