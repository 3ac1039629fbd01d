//! The composite result (theory + practical) and the cohort figures.

use std::collections::BTreeMap;

use kaohe::assessment::cohort::cohort_summary;
use kaohe::assessment::composite::{
    composite, composite_batch, CandidateScores, ComponentScore, CompositeConfig,
    CompositeReasonKind,
};
use kaohe::format::decode_json;
use kaohe::ErrorCode;
use serde_json::Value;

fn candidate(id: &str, theory: f64, practical: f64, critical: bool) -> CandidateScores {
    let mut components = BTreeMap::new();
    components.insert(
        "theory".to_string(),
        ComponentScore {
            score: theory,
            critical_failure: false,
        },
    );
    components.insert(
        "practical".to_string(),
        ComponentScore {
            score: practical,
            critical_failure: critical,
        },
    );
    CandidateScores {
        candidate_id: id.into(),
        components,
    }
}

#[test]
fn default_weights_and_grades() {
    let c = CompositeConfig::default();
    // 0.4 × 95 + 0.6 × 88 = 90.8 → 优秀.
    let r = composite(&c, &candidate("E1", 95.0, 88.0, false)).unwrap();
    assert!((r.total - 90.8).abs() < 1e-9);
    assert!(r.passed);
    assert_eq!(
        (r.grade.id.as_str(), r.grade.label.zh.as_str()),
        ("excellent", "优秀")
    );
    let grade = |t: f64, p: f64| {
        composite(&c, &candidate("x", t, p, false))
            .unwrap()
            .grade
            .label
            .zh
    };
    assert_eq!(grade(80.0, 80.0), "良好");
    assert_eq!(grade(60.0, 60.0), "合格");
    assert_eq!(grade(70.0, 50.0), "不合格"); // 28 + 30 = 58
}

#[test]
fn a_critical_failure_knocks_out_a_high_total() {
    let c = CompositeConfig::default();
    let r = composite(&c, &candidate("E2", 100.0, 90.0, true)).unwrap();
    assert!(!r.passed);
    assert_eq!(r.grade.id, "fail");
    assert_eq!(r.reasons[0].kind, CompositeReasonKind::KnockOut);
    let mut lenient = c.clone();
    lenient.knock_out = false;
    assert!(
        composite(&lenient, &candidate("E2", 100.0, 90.0, true))
            .unwrap()
            .passed
    );
}

#[test]
fn a_component_minimum_fails_a_passing_total() {
    let config: CompositeConfig = decode_json(
        r#"{"schemaVersion":1,"passMark":70,"components":[
            {"id":"theory","name":{"zh":"理论","en":"Theory"},"weight":30,"minimum":85},
            {"id":"practical","name":{"zh":"实操","en":"Practical"},"weight":70}],
            "grades":[{"id":"a","label":{"zh":"优秀","en":"A"},"min":95},
                      {"id":"p","label":{"zh":"合格","en":"P"},"min":70}]}"#,
    )
    .unwrap();
    // 0.3 × 80 + 0.7 × 100 = 94, but theory 80 < 85.
    let r = composite(&config, &candidate("E3", 80.0, 100.0, false)).unwrap();
    assert!((r.total - 94.0).abs() < 1e-9);
    assert!(!r.passed);
    assert_eq!(r.reasons[0].kind, CompositeReasonKind::BelowMinimum);
    assert!(r.components[0].below_minimum);
    let ok = composite(&config, &candidate("E4", 90.0, 80.0, false)).unwrap();
    assert_eq!(ok.grade.id, "p");
}

#[test]
fn bad_configs_and_candidates() {
    let e = decode_json::<CompositeConfig>(
        r#"{"schemaVersion":1,"components":[
            {"id":"theory","name":{"zh":"理论","en":"T"},"weight":40},
            {"id":"practical","name":{"zh":"实操","en":"P"},"weight":50}]}"#,
    )
    .unwrap()
    .validate()
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::WeightsDoNotSum, "components")
    );
    assert!(e.message(kaohe::Locale::En).contains("90"));
    let mut c = CompositeConfig::default();
    c.grades.swap(0, 1);
    assert_eq!(c.validate().unwrap_err().path(), "grades[1].min");
    let c = CompositeConfig::default();
    let mut missing = candidate("E5", 80.0, 80.0, false);
    missing.components.remove("theory");
    let e = composite_batch(&c, &[candidate("E6", 1.0, 1.0, false), missing]).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::MissingField, "[1].components.theory")
    );
    let mut extra = candidate("E7", 80.0, 80.0, false);
    extra.components.insert(
        "kpi".into(),
        ComponentScore {
            score: 1.0,
            critical_failure: false,
        },
    );
    assert_eq!(
        composite(&c, &extra).unwrap_err().code(),
        ErrorCode::UnknownReference
    );
    let e = composite(&c, &candidate("E8", 101.0, 80.0, false)).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "components.theory.score")
    );
}

#[test]
fn cohort_matches_numpy() {
    let f: Value = serde_json::from_str(include_str!("fixtures/rubric/agreement.json")).unwrap();
    let scores: Vec<f64> = f["cohort"]["scores"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    let config = CompositeConfig::default();
    // Equal component scores make the total equal to the score.
    let candidates: Vec<CandidateScores> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| candidate(&format!("c{i}"), *s, *s, false))
        .collect();
    let results = composite_batch(&config, &candidates).unwrap();
    let s = cohort_summary(&config, &results).unwrap();
    let hist: Vec<u64> = s.histogram.iter().map(|b| u64::from(b.count)).collect();
    let expected: Vec<u64> = f["cohort"]["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_u64)
        .collect();
    assert_eq!(hist, expected);
    for (ours, key) in [(s.mean, "mean"), (s.median, "median"), (s.sd, "sd")] {
        let theirs = f["cohort"][key].as_f64().unwrap();
        assert!((ours.unwrap() - theirs).abs() < 1e-9, "{key}");
    }
    // ≥ 60: 95.5, 88, 72.25, 60, 100, 81, 90, 79.99, 66 = 9 of 12 = 75% < 90%.
    assert_eq!(s.passed, 9);
    assert_eq!(s.pass_rate, Some(75.0));
    assert_eq!(s.meets_target, Some(false));
    // ≥ 90: 95.5, 100, 90; 80–90: 88, 81; 60–80: 72.25, 60, 79.99, 66; below: 59.9, 45, 0.
    let counts: Vec<(String, u32)> = s
        .grades
        .iter()
        .map(|g| (g.grade.id.clone(), g.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("excellent".into(), 3),
            ("good".into(), 2),
            ("pass".into(), 4),
            ("fail".into(), 3)
        ]
    );
    let empty = cohort_summary(&config, &[]).unwrap();
    assert_eq!(
        (empty.pass_rate, empty.mean, empty.meets_target),
        (None, None, None)
    );
}
