//! Errors that keep their promise, and missing evidence that is never read as the top level:
//! ratings of unknown dimensions fail (or are listed when the caller asks to skip them), bad
//! evidence days are `INVALID_DATE` like every other bad day, shares are kept exact and rounded
//! once, and a person with no evidence gets a plan that says so.

use kaohe::competency::{
    evaluate_team, parse_evidence, parse_model, EvaluationOptions, EvidenceSet,
};
use kaohe::date::Date;
use kaohe::plan::{from_competency, generate_plans, PlanBatchRequest, PlanSettings};
use kaohe::ErrorCode;
use serde_json::{json, Value};

const MODEL: &str = include_str!("../www/samples/model.json");

fn options() -> EvaluationOptions {
    EvaluationOptions::on(Date::from_ymd(2026, 12, 1).unwrap())
}

fn set(evidence: Vec<Value>, skip: bool) -> EvidenceSet {
    let mut doc = json!({
        "schemaVersion": 1,
        "people": [
            { "id": "E1001", "name": "李娜", "role": "frontline", "group": "售后" },
            { "id": "E1099", "name": "新同事", "role": "frontline", "group": "售后" }
        ],
        "evidence": evidence
    });
    if skip {
        doc["skipUnknownDimensions"] = json!(true);
    }
    parse_evidence(&doc.to_string()).unwrap()
}

fn ev(kind: &str, key: &str, value: f64) -> Value {
    json!({ "personId": "E1001", "kind": kind, "key": key, "value": value, "date": "2026-11-10" })
}

#[test]
fn a_mistyped_rating_dimension_is_an_error_or_listed_never_dropped() {
    let model = parse_model(MODEL).unwrap();
    let evidence = vec![
        ev("exam", "complaint_handling", 58.0),
        ev("supervisorRating", "complaint_handling", 2.0),
        ev("selfRating", "complaint_handlng", 4.0),
    ];
    let e = evaluate_team(&model, &set(evidence.clone(), false), &options()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownDimension, "evidence[2].key")
    );
    assert!(
        e.messages().zh.contains("complaint_handling"),
        "lists valid ids"
    );
    // Asked to skip: the rating is left out and listed; the levels are those without it.
    let skipped = evaluate_team(&model, &set(evidence.clone(), true), &options()).unwrap();
    assert_eq!(skipped.ignored_records.len(), 1);
    assert_eq!(skipped.ignored_records[0].index, 2);
    assert_eq!(skipped.ignored_records[0].key, "complaint_handlng");
    let without = evaluate_team(&model, &set(evidence[..2].to_vec(), false), &options()).unwrap();
    assert_eq!(skipped.people, without.people);
    assert!(without.ignored_records.is_empty());
}

#[test]
fn a_bad_evidence_day_is_invalid_date() {
    let doc = json!({
        "schemaVersion": 1,
        "people": [{ "id": "E1001", "name": "李娜", "role": "frontline", "group": "售后" }],
        "evidence": [{ "personId": "E1001", "kind": "exam", "key": "x", "value": 50, "date": "2026-02-30" }]
    });
    let e = parse_evidence(&doc.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidDate, "evidence[0].date")
    );
}

#[test]
fn shares_are_exact_and_rounded_once_in_the_sentence() {
    let model = parse_model(MODEL).unwrap();
    // 19 people with a complaint-handling exam score; 15 below 60.
    let people: Vec<Value> = (0..19)
        .map(|i| json!({ "id": format!("E{i:02}"), "name": format!("坐席{i}"), "role": "frontline", "group": "售后" }))
        .collect();
    let evidence: Vec<Value> = (0..19)
        .map(|i| {
            json!({ "personId": format!("E{i:02}"), "kind": "exam", "key": "complaint_handling",
                          "value": if i < 15 { 50.0 } else { 70.0 }, "date": "2026-11-10" })
        })
        .collect();
    let doc = json!({ "schemaVersion": 1, "people": people, "evidence": evidence });
    let team = evaluate_team(
        &model,
        &parse_evidence(&doc.to_string()).unwrap(),
        &options(),
    )
    .unwrap();
    let ch = team
        .team
        .dimensions
        .iter()
        .find(|d| d.dimension_id == "complaint_handling")
        .unwrap();
    assert_eq!((ch.below, ch.considered), (15, 19));
    assert_eq!(ch.below_share, Some(15.0 / 19.0));
    assert!(
        ch.sentence.zh.starts_with("78.9% 的坐席"),
        "{}",
        ch.sentence.zh
    );
}

#[test]
fn a_person_without_evidence_is_never_planned_as_top_level() {
    let model = parse_model(MODEL).unwrap();
    let team = evaluate_team(
        &model,
        &set(vec![ev("exam", "complaint_handling", 58.0)], false),
        &options(),
    )
    .unwrap();
    let batch = generate_plans(&PlanBatchRequest {
        schema_version: 1,
        evaluations: team.people.iter().map(from_competency).collect(),
        start_date: "2026-12-07".into(),
        settings: PlanSettings::default(),
        catalog: None,
    })
    .unwrap();
    let newcomer = batch.plans.iter().find(|p| p.person_id == "E1099").unwrap();
    assert!(newcomer.focus.is_empty() && newcomer.goals.is_empty());
    assert!(!newcomer.no_gaps);
    assert!(newcomer.warnings.iter().any(|w| w.code == "NO_EVIDENCE"));
    assert!(newcomer.warnings.iter().all(|w| w.code != "NO_GAPS"));
    assert!(
        newcomer.summary.zh.contains("证据不足"),
        "{}",
        newcomer.summary.zh
    );
    let all_text: String = newcomer
        .warnings
        .iter()
        .map(|w| w.message.zh.as_str())
        .chain([newcomer.summary.zh.as_str()])
        .collect();
    assert!(!all_text.contains("最高等级"), "{all_text}");
}
