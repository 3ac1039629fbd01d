//! Exports read back by independent parsers: the committed plan.ics and plan.csv are produced
//! from a fixed plan; tests/fixtures/plan/parse_exports.py parsed them with Python's `icalendar`
//! and `csv` (utf-8-sig) into exports_parsed.json. These tests check that the exports are still
//! byte-identical and that what the parsers read matches the plan.
//!
//! To regenerate after a deliberate format change:
//! `KAOHE_WRITE_PLAN_FIXTURES=1 cargo test --test plan_exports` then
//! `.venv-fixtures/bin/python tests/fixtures/plan/parse_exports.py`.

use kaohe::format::decode_json;
use kaohe::plan::export::{csv, ics, plan_json};
use kaohe::plan::*;
use kaohe::{ErrorCode, Locale};
use serde_json::Value;

const LI_NA: &str = include_str!("fixtures/plan/evaluation_li_na.json");
const ICS: &str = include_str!("fixtures/plan/plan.ics");
const CSV: &str = include_str!("fixtures/plan/plan.csv");
const PARSED: &str = include_str!("fixtures/plan/exports_parsed.json");
const STAMP: &str = "2026-11-20T08:00:00Z";

fn plan() -> Plan {
    let g = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-11-23",
    )
    .unwrap();
    g.generate(&decode_json(LI_NA).unwrap(), Some("E1001-2026Q4"))
        .unwrap()
}

fn exports() -> (String, String) {
    let p = plan();
    let ics = ics::plan_ics(&p, STAMP, Locale::ZhCn).unwrap();
    let csv = csv::plan_csv(&p, Locale::ZhCn);
    if std::env::var_os("KAOHE_WRITE_PLAN_FIXTURES").is_some() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plan");
        std::fs::write(format!("{dir}/plan.ics"), &ics).unwrap();
        std::fs::write(format!("{dir}/plan.csv"), &csv).unwrap();
    }
    (ics, csv)
}

#[test]
fn exports_are_stable() {
    let (ics, csv) = exports();
    assert_eq!(ics, ICS, "plan.ics changed: regenerate the fixtures");
    assert_eq!(csv, CSV, "plan.csv changed: regenerate the fixtures");
}

#[test]
fn icalendar_library_reads_every_event() {
    let p = plan();
    let parsed: Value = serde_json::from_str(PARSED).unwrap();
    let cal = &parsed["ics"];
    assert_eq!(cal["prodid"], ics::PRODID);
    assert_eq!(cal["version"], "2.0");
    assert_eq!(cal["calscale"], "GREGORIAN");
    assert_eq!(cal["crlfOnly"], true);
    assert!(cal["maxLineOctets"].as_u64().unwrap() <= 75);
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), p.checkpoints.len() + p.goals.len());
    for (c, ev) in p.checkpoints.iter().zip(events) {
        assert_eq!(ev["uid"], format!("{}.{}@kaohe", p.plan_id, c.key));
        assert_eq!(ev["dtstart"], c.date.to_string());
        assert_eq!(ev["dtend"], c.date.add_days(1).to_string());
        assert_eq!(ev["dtstamp"], "20261120T080000Z");
        assert_eq!(ev["summary"], format!("{} · {}", c.title.zh, p.name));
    }
    for (g, ev) in p.goals.iter().zip(&events[p.checkpoints.len()..]) {
        assert_eq!(ev["uid"], format!("{}.goal.{}@kaohe", p.plan_id, g.id));
        assert_eq!(ev["dtstart"], g.deadline.to_string());
        // Commas, colons and full-width punctuation survive escaping and folding.
        assert_eq!(
            ev["summary"],
            format!("目标截止 · {}：{}", p.name, g.text.zh)
        );
        assert_eq!(ev["description"], g.smart.measurable.zh);
    }
    let uids: std::collections::BTreeSet<_> =
        events.iter().map(|e| e["uid"].as_str().unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
}

#[test]
fn csv_module_reads_the_plan_table_with_the_bom() {
    let p = plan();
    let parsed: Value = serde_json::from_str(PARSED).unwrap();
    assert_eq!(parsed["csv"]["hasBom"], true);
    let rows = parsed["csv"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), p.goals.len() + 1);
    assert_eq!(rows[0][0], "姓名");
    assert_eq!(rows[0][7], "SMART 目标");
    for (g, row) in p.goals.iter().zip(&rows[1..]) {
        assert_eq!(row.as_array().unwrap().len(), 17);
        assert_eq!(row[0], "李娜");
        assert_eq!(row[7], g.text.zh);
        assert_eq!(row[11], g.deadline.to_string());
    }
    // The complaint-handling row carries the self and supervisor ratings and its measures.
    let exam = rows
        .iter()
        .find(|r| r[8] == "投诉处理测试得分")
        .expect("exam row");
    assert_eq!((exam[4].as_str(), exam[5].as_str()), (Some("3"), Some("2")));
    assert!(exam[12].as_str().unwrap().contains("六步法"));
    assert!(exam[14].as_str().unwrap().contains("导师"));
}

#[test]
fn english_csv_and_schedule_csv() {
    let p = plan();
    let en = csv::plan_csv(&p, Locale::En);
    assert!(en.starts_with("\u{feff}Name,Employee id,"));
    assert!(en.contains("\r\n"));
    let schedule = csv::schedule_csv(&p, Locale::ZhCn);
    let lines = schedule.trim_end().split("\r\n").count();
    assert_eq!(lines, 1 + p.tasks.len() + p.checkpoints.len());
    assert!(schedule.starts_with("\u{feff}日期,周次,阶段,事项,负责人,产出\r\n"));
}

#[test]
fn ics_rejects_a_bad_stamp_and_json_round_trips() {
    let p = plan();
    let e = ics::plan_ics(&p, "yesterday", Locale::ZhCn).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidDate, "dtstamp"));
    let text = plan_json(&p).unwrap();
    assert_eq!(decode_json::<Plan>(&text).unwrap(), p);
}
