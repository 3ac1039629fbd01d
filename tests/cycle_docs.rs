//! The examples of docs/cycle.md and of the new JSON Schemas run: the roster decodes, the bank
//! with its own dimensions loads, and the exam set-up checks clean against that bank.

use kaohe::exam::setup::{check_setup, prepare_exam, ExamSetup};
use kaohe::exam::Bank;
use kaohe::roster::Roster;
use serde_json::Value;

const DOC: &str = include_str!("../docs/cycle.md");

/// The JSON block after `<!-- example: name -->`.
fn example(name: &str) -> Value {
    let marker = format!("<!-- example: {name} -->");
    let start = DOC
        .find(&marker)
        .unwrap_or_else(|| panic!("no example {name}"));
    let rest = &DOC[start..];
    let open = rest.find("```json").unwrap() + "```json".len();
    let close = rest[open..].find("```").unwrap();
    serde_json::from_str(&rest[open..open + close]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_documented_formats_load() {
    let roster = Roster::decode(&example("roster")).unwrap();
    assert_eq!(roster.people[2].mentor_id.as_deref(), Some("E1003"));
    let bank = Bank::decode(&example("bank-with-dimensions")).unwrap();
    let exam = ExamSetup::decode(&example("exam")).unwrap();
    let check = check_setup(&exam, std::slice::from_ref(&bank));
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    let (snapshot, blueprint) = prepare_exam(&exam, &[bank]).unwrap();
    assert_eq!(snapshot.id(), "exam-bank:exam-q4-culture");
    assert_eq!(blueprint.id, "exam-q4-culture");
}

#[test]
fn the_schema_examples_load() {
    let roster: Value =
        serde_json::from_str(include_str!("../www/schema/roster.schema.json")).unwrap();
    Roster::decode(&roster["examples"][0]).unwrap();
    let exam: Value = serde_json::from_str(include_str!("../www/schema/exam.schema.json")).unwrap();
    ExamSetup::decode(&exam["examples"][0]).unwrap();
}
