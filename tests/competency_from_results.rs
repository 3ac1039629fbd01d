//! Stored exam and rubric results become evidence records the evaluation reads.

use kaohe::competency::{exam_evidence, rubric_evidence, EvidenceKind};
use kaohe::date::Date;
use kaohe::exam::TagResult;
use kaohe::rubric::score::SectionResult;
use serde_json::json;

fn day() -> Date {
    Date::from_ymd(2026, 11, 18).unwrap()
}

fn tags() -> Vec<TagResult> {
    kaohe::format::decode_value(&json!([
        { "key": "complaint_handling", "points": 7.0, "maxPoints": 12.0, "percent": 58.33 },
        { "key": "product_knowledge", "points": 18.0, "maxPoints": 20.0, "percent": 90.0 },
        { "key": "empty", "points": 0.0, "maxPoints": 0.0, "percent": null }
    ]))
    .unwrap()
}

fn section(
    id: &str,
    dimension: &str,
    weight: f64,
    effective: f64,
    score: Option<f64>,
) -> SectionResult {
    kaohe::format::decode_value(&json!({
        "sectionId": id, "dimension": dimension, "weight": weight, "effectiveWeight": effective,
        "score": score, "rawScore": score, "failed": false
    }))
    .unwrap()
}

#[test]
fn exam_tags_with_a_percent_become_exam_records() {
    let records = exam_evidence("E1001", day(), &tags(), Some("attempt-7"));
    assert_eq!(records.len(), 2, "the 0-point tag gives no record");
    assert_eq!(records[0].kind, EvidenceKind::Exam);
    assert_eq!(records[0].key, "complaint_handling");
    assert!((records[0].value - 58.33).abs() < 1e-9);
    assert_eq!(records[0].date, day());
    assert_eq!(records[1].source_id.as_deref(), Some("attempt-7"));
    assert_eq!(records[1].person_id, "E1001");
}

#[test]
fn rubric_sections_of_one_dimension_are_weighted_by_effective_weight() {
    let sections = vec![
        section("greeting", "communication", 0.2, 0.25, Some(80.0)),
        section("clarity", "communication", 0.6, 0.75, Some(60.0)),
        section("steps", "complaint_handling", 0.2, 0.0, None),
    ];
    let records = rubric_evidence("E1002", day(), &sections, None);
    assert_eq!(records.len(), 1, "the N/A section gives no record");
    assert_eq!(records[0].kind, EvidenceKind::Rubric);
    assert_eq!(records[0].key, "communication");
    // (0.25 × 80 + 0.75 × 60) / 1.0 = 65
    assert!(
        (records[0].value - 65.0).abs() < 1e-9,
        "{}",
        records[0].value
    );
    assert_eq!(records[0].source_id, None);
}

#[test]
fn zero_effective_weights_fall_back_to_weights_then_the_plain_mean() {
    let by_weight = vec![
        section("a", "etiquette", 1.0, 0.0, Some(90.0)),
        section("b", "etiquette", 3.0, 0.0, Some(70.0)),
    ];
    let records = rubric_evidence("E1", day(), &by_weight, None);
    assert!((records[0].value - 75.0).abs() < 1e-9);
    let unweighted = vec![
        section("a", "etiquette", 0.0, 0.0, Some(90.0)),
        section("b", "etiquette", 0.0, 0.0, Some(70.0)),
    ];
    let records = rubric_evidence("E1", day(), &unweighted, None);
    assert!((records[0].value - 80.0).abs() < 1e-9);
}

#[test]
fn converted_records_feed_an_evaluation() {
    use kaohe::competency::{evaluate_team, parse_model, EvaluationOptions, EvidenceSet, Person};
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let mut evidence = exam_evidence("E1", day(), &tags(), Some("a1"));
    evidence.extend(rubric_evidence(
        "E1",
        day(),
        &[section("s", "complaint_handling", 1.0, 1.0, Some(61.0))],
        Some("r1"),
    ));
    let set = EvidenceSet {
        schema_version: 1,
        skip_unknown_dimensions: false,
        people: vec![Person {
            id: "E1".into(),
            name: "李娜".into(),
            role: "frontline".into(),
            group: "售后".into(),
            hire_date: None,
            fields: Default::default(),
        }],
        evidence,
    };
    let team = evaluate_team(&model, &set, &EvaluationOptions::on(day())).unwrap();
    let complaint = team.people[0]
        .dimensions
        .iter()
        .find(|d| d.dimension_id == "complaint_handling")
        .unwrap();
    assert!(
        complaint.level.is_some(),
        "exam + rubric reach the minimum of two sources"
    );
    assert_eq!(complaint.sources.len(), 2);
}
