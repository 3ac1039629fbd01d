//! Everything stored becomes evidence for the rostered person: exam results by 工号, a role play
//! scored by two raters as ONE panel result, KPI rows and ratings, 表扬 / 投诉 counted per month
//! and observation notes with a level; people not on the roster are listed, not split off.

use kaohe::competency::records::{
    ExamRecord, FeedbackKind, FeedbackRecord, ObservationRecord, RolePlayRecord,
};
use kaohe::competency::{
    evaluate_team, evidence_from_records, parse_model, EvaluationOptions, EvidenceKind,
    EvidenceSet, Person, StoredRecords,
};
use kaohe::date::Date;
use kaohe::format::decode_value;
use serde_json::json;

fn day(s: &str) -> Date {
    Date::parse(s, "").unwrap()
}

fn section(id: &str, dimension: &str, score: f64) -> kaohe::rubric::score::SectionResult {
    decode_value(&json!({
        "sectionId": id, "dimension": dimension, "weight": 1.0, "effectiveWeight": 1.0,
        "score": score, "rawScore": score, "failed": false
    }))
    .unwrap()
}

fn records() -> StoredRecords {
    StoredRecords {
        people: vec!["E1001".into(), "E1002".into()],
        exams: vec![
            ExamRecord {
                person_id: "E1001".into(),
                date: day("2026-11-10"),
                source_id: "attempt-1".into(),
                dimensions: vec![decode_value(&json!({
                    "key": "complaint_handling", "points": 29.0, "maxPoints": 50.0, "percent": 58.0
                }))
                .unwrap()],
            },
            ExamRecord {
                person_id: "E9999".into(),
                date: day("2026-11-10"),
                source_id: "attempt-2".into(),
                dimensions: vec![],
            },
        ],
        role_plays: vec![RolePlayRecord {
            person_id: "E1001".into(),
            date: day("2026-11-12"),
            source_id: "perf-7".into(),
            raters: vec![
                vec![
                    section("s1", "complaint_handling", 60.0),
                    section("s2", "communication", 70.0),
                ],
                vec![
                    section("s1", "complaint_handling", 70.0),
                    section("s2", "communication", 80.0),
                ],
            ],
        }],
        evidence: vec![decode_value(&json!({
            "personId": "E1001", "kind": "supervisorRating", "key": "complaint_handling",
            "value": 2, "date": "2026-11-20", "sourceId": "rating-3"
        }))
        .unwrap()],
        feedback: vec![
            FeedbackRecord {
                id: "f1".into(),
                person_id: "E1001".into(),
                date: day("2026-11-03"),
                kind: FeedbackKind::Praise,
            },
            FeedbackRecord {
                id: "f2".into(),
                person_id: "E1001".into(),
                date: day("2026-11-25"),
                kind: FeedbackKind::Praise,
            },
            FeedbackRecord {
                id: "f3".into(),
                person_id: "E1001".into(),
                date: day("2026-11-26"),
                kind: FeedbackKind::Complaint,
            },
        ],
        observations: vec![
            ObservationRecord {
                id: "o1".into(),
                person_id: "E1002".into(),
                date: day("2026-11-18"),
                dimension_id: "emotion_management".into(),
                level: Some(3.0),
            },
            ObservationRecord {
                id: "o2".into(),
                person_id: "E1002".into(),
                date: day("2026-11-19"),
                dimension_id: "emotion_management".into(),
                level: None,
            },
        ],
    }
}

#[test]
fn every_store_becomes_evidence_for_the_rostered_person() {
    let out = evidence_from_records(&records());
    let find = |kind: EvidenceKind, key: &str| {
        out.evidence
            .iter()
            .filter(|r| r.kind == kind && r.key == key)
            .map(|r| {
                (
                    r.person_id.as_str(),
                    r.value,
                    r.source_id.as_deref().unwrap_or(""),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find(EvidenceKind::Exam, "complaint_handling"),
        [("E1001", 58.0, "attempt-1")]
    );
    // Two raters, one role play: one record per dimension, the panel mean.
    assert_eq!(
        find(EvidenceKind::Rubric, "complaint_handling"),
        [("E1001", 65.0, "perf-7")]
    );
    assert_eq!(
        find(EvidenceKind::Rubric, "communication"),
        [("E1001", 75.0, "perf-7")]
    );
    assert_eq!(
        find(EvidenceKind::Kpi, "praiseCount"),
        [("E1001", 2.0, "feedback:2026-11")]
    );
    assert_eq!(
        find(EvidenceKind::Kpi, "complaintCount"),
        [("E1001", 1.0, "feedback:2026-11")]
    );
    assert_eq!(
        find(EvidenceKind::SupervisorRating, "emotion_management"),
        [("E1002", 3.0, "o1")]
    );
    assert_eq!(
        find(EvidenceKind::SupervisorRating, "complaint_handling"),
        [("E1001", 2.0, "rating-3")]
    );
    let unused: Vec<(&str, &str, &str)> = out
        .unused
        .iter()
        .map(|u| (u.store.as_str(), u.source_id.as_str(), u.reason.as_str()))
        .collect();
    assert_eq!(
        unused,
        [
            ("exam", "attempt-2", "NOT_ON_ROSTER"),
            ("observation", "o2", "NO_LEVEL")
        ]
    );
}

#[test]
fn the_evidence_evaluates_with_explanations_naming_the_sources() {
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let out = evidence_from_records(&records());
    let person = |id: &str| Person {
        id: id.into(),
        name: id.into(),
        role: "frontline".into(),
        group: "售后".into(),
        hire_date: None,
        fields: Default::default(),
    };
    let set = EvidenceSet {
        schema_version: 1,
        people: vec![person("E1001"), person("E1002")],
        evidence: out.evidence,
        skip_unknown_dimensions: false,
    };
    let team = evaluate_team(&model, &set, &EvaluationOptions::on(day("2026-12-01"))).unwrap();
    let ch = team.people[0]
        .dimensions
        .iter()
        .find(|d| d.dimension_id == "complaint_handling")
        .unwrap();
    // exam 58 → 2.87, rubric 65 → 3.33, supervisor 2: weights 0.4 / 0.4 / 0.2 of the sample model.
    let expected: f64 = 0.4 * (2.0 + 13.0 / 15.0) + 0.4 * (3.0 + 5.0 / 15.0) + 0.2 * 2.0;
    assert!(
        (ch.level.unwrap() - (expected * 100.0).round() / 100.0).abs() < 0.011,
        "{:?}",
        ch.level
    );
    assert!(
        ch.explanation.zh.contains("考试 58"),
        "{}",
        ch.explanation.zh
    );
    assert!(
        ch.explanation.zh.contains("实操评分 65"),
        "{}",
        ch.explanation.zh
    );
}
