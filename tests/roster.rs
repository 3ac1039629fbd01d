//! The roster: import from a real `.xlsx` (written by openpyxl, `www/samples/import/make_roster.py`)
//! and CSV, problems by cell, nothing imported from a bad file, and the JSON format's checks.

use kaohe::interop::xlsx::{write_workbook, Sheet};
use kaohe::roster::import::{import_roster, RoleName, RosterFormat, RosterImportOptions};
use kaohe::roster::{validate_roster, Roster};
use kaohe::ErrorCode;

const XLSX: &[u8] = include_bytes!("../www/samples/import/roster.xlsx");
const CSV: &[u8] = include_bytes!("../www/samples/import/roster.csv");

fn roles() -> Vec<RoleName> {
    [
        ("newHire", "新员工"),
        ("frontline", "一线客服"),
        ("senior", "资深客服"),
        ("teamLead", "组长"),
    ]
    .iter()
    .map(|(id, name)| RoleName {
        id: (*id).into(),
        name: (*name).into(),
    })
    .collect()
}

fn options() -> RosterImportOptions {
    RosterImportOptions {
        roles: Some(roles()),
        ..RosterImportOptions::default()
    }
}

#[test]
fn the_sample_xlsx_imports_every_column() {
    let out = import_roster(XLSX, RosterFormat::Xlsx, &options()).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let people = out.people.unwrap();
    assert_eq!(people.len(), 7);
    let li = people.iter().find(|p| p.id == "E1001").unwrap();
    assert_eq!(li.name, "李娜");
    assert_eq!(li.role, "frontline");
    assert_eq!(li.group, "售后");
    assert_eq!(li.team.as_deref(), Some("售后一组"));
    assert_eq!(li.hire_date.unwrap().to_string(), "2024-03-11");
    assert_eq!(li.supervisor_id.as_deref(), Some("E1007"));
    assert_eq!(li.mentor_id.as_deref(), Some("E1003"));
    assert_eq!(li.fields.get("班次").map(String::as_str), Some("早班"));
    // A supervisor written by name resolves to the 工号; 离职 deactivates.
    let wang = people.iter().find(|p| p.id == "E1002").unwrap();
    assert_eq!(wang.supervisor_id.as_deref(), Some("E1007"));
    assert!(!people.iter().find(|p| p.id == "E1006").unwrap().active);
    // The same roster from CSV is the same people.
    let csv = import_roster(CSV, RosterFormat::Csv, &options()).unwrap();
    assert_eq!(csv.people.unwrap(), people);
    // And it is a valid roster.
    validate_roster(&Roster {
        schema_version: 1,
        people,
    })
    .unwrap();
}

fn workbook(rows: &[&[&str]]) -> Vec<u8> {
    write_workbook(&[Sheet {
        name: "人员".into(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_string()).collect())
            .collect(),
        widths: vec![],
    }])
}

#[test]
fn bad_rows_are_named_by_cell_and_nothing_is_imported() {
    let bytes = workbook(&[
        &["工号", "姓名", "岗位", "直属主管", "入职日期"],
        &["E1", "李娜", "一线客服", "", "2024-03-11"],
        &["E1", "王伟", "一线客服", "", ""],
        &["E3", "张敏", "店长", "", ""],
        &["E4", "刘洋", "一线客服", "E9", "2024-02-30"],
        &["E5", "陈静", "", "E1", ""],
    ]);
    let out = import_roster(&bytes, RosterFormat::Xlsx, &options()).unwrap();
    assert!(out.people.is_none());
    let found: Vec<(&str, &str)> = out
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("人员!A3", "DUPLICATE_ID"),
            ("人员!C4", "UNKNOWN_ROLE"),
            ("人员!E5", "INVALID_DATE"),
        ],
        "{:?}",
        out.problems
    );
    assert!(out.problems[0].message.zh.contains("第 2 行"));
    // Accepting the report imports the good rows; E4's unknown supervisor is then reported
    // (its own row was already bad for the date, so it is skipped either way).
    let partial = RosterImportOptions {
        accept_partial: true,
        ..options()
    };
    let out = import_roster(&bytes, RosterFormat::Xlsx, &partial).unwrap();
    let ids: Vec<String> = out.people.unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["E1", "E5"]);
}

#[test]
fn supervisors_must_be_in_the_file_or_the_roster() {
    let csv = "工号,姓名,直属主管,师傅\nE2,王伟,E9,\nE3,张敏,,E3\n";
    let out = import_roster(csv.as_bytes(), RosterFormat::Csv, &options()).unwrap();
    let found: Vec<(&str, &str)> = out
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [("C2", "UNKNOWN_REFERENCE"), ("D3", "INVALID_VALUE")]
    );
    // E9 already in the roster: fine; E2 updates a stored person.
    let known = RosterImportOptions {
        existing_ids: vec!["E9".into(), "E2".into()],
        ..options()
    };
    let out = import_roster(
        "工号,姓名,直属主管\nE2,王伟,E9\n".as_bytes(),
        RosterFormat::Csv,
        &known,
    )
    .unwrap();
    assert!(out.problems.is_empty());
    assert_eq!(out.updated, ["E2"]);
}

#[test]
fn a_file_without_the_header_says_so() {
    let e = import_roster(
        "名字,电话\n李娜,1\n".as_bytes(),
        RosterFormat::Csv,
        &options(),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidRow, "1:1"));
}

#[test]
fn the_json_format_refuses_duplicates_and_unknown_references() {
    let e = Roster::from_json(
        r#"{"schemaVersion":1,"people":[
        {"id":"E1","name":"李娜","role":"frontline","group":"售后"},
        {"id":"E1","name":"王伟","role":"frontline","group":"售后"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "people[1].id")
    );
    let e = Roster::from_json(
        r#"{"schemaVersion":1,"people":[
        {"id":"E1","name":"李娜","role":"frontline","group":"售后","mentorId":"E7"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownReference, "people[0].mentorId")
    );
    let e = Roster::from_json(r#"{"schemaVersion":2,"people":[]}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnsupportedSchemaVersion);
}
