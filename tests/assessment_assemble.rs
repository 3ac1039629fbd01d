//! Composites assembled from what the page stores (`assessCandidate`, `compositeCohort`).

use kaohe::assessment::assess::{assess_candidate, score_rows, AssessParams};
use kaohe::assessment::composite::CompositeConfig;
use kaohe::format::decode_value;
use kaohe::ErrorCode;
use serde_json::json;

fn params(value: serde_json::Value) -> AssessParams {
    decode_value(&value).unwrap()
}

/// A real stored exam result: the sample exam, nothing answered but the first item.
fn exam_result() -> kaohe::exam::ExamResult {
    use kaohe::exam::{session::ExamSession, Bank, Blueprint};
    let bank = Bank::from_json(include_str!("fixtures/exam/sample_bank.json")).unwrap();
    let blueprint =
        Blueprint::from_json(include_str!("fixtures/exam/sample_blueprint.json")).unwrap();
    let session = ExamSession::new(bank, blueprint).unwrap();
    let paper = session.assemble(5).unwrap();
    let params = json!({ "paper": kaohe::format::to_json_value(&paper), "responses": {} });
    session.score_value(params).unwrap()
}

#[test]
fn theory_is_the_exam_percent_and_practical_the_rubric_total() {
    let theory = exam_result();
    let percent = theory.percent.unwrap();
    let p = AssessParams {
        config: None,
        candidate_id: "E1024".into(),
        theory: Some(theory.clone()),
        practical: None,
        components: [(
            "practical".to_string(),
            kaohe::assessment::composite::ComponentScore {
                score: 70.0,
                critical_failure: false,
            },
        )]
        .into(),
    };
    let result = assess_candidate(p).unwrap();
    let expected = percent * 0.4 + 70.0 * 0.6;
    assert!((result.total - expected).abs() < 1e-9, "{}", result.total);
    assert_eq!(result.candidate_id, "E1024");
    // A paper worth 0 points has no percent: the error points at it.
    let mut empty = theory;
    empty.percent = None;
    let err = assess_candidate(AssessParams {
        config: None,
        candidate_id: "E1".into(),
        theory: Some(empty),
        practical: None,
        components: Default::default(),
    })
    .unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::MissingField, "theory.percent")
    );
}

#[test]
fn components_given_by_id_are_scored_and_a_missing_one_is_an_error() {
    let ok = params(json!({ "candidateId": "E1", "components": {
        "theory": { "score": 90 }, "practical": { "score": 50, "criticalFailure": true } } }));
    let result = assess_candidate(ok).unwrap();
    assert!(!result.passed, "a knock-out fails a high total");
    let missing =
        params(json!({ "candidateId": "E1", "components": { "theory": { "score": 90 } } }));
    assert!(assess_candidate(missing).is_err());
}

#[test]
fn rows_become_candidates_in_the_config_order() {
    let config = CompositeConfig::default();
    let scored = score_rows(
        &config,
        &[86.0, 72.0, 90.0, 95.0, 55.0, 80.0],
        &[0, 0, 0, 1, 0, 0],
    )
    .unwrap();
    let totals: Vec<f64> = scored.results.iter().map(|r| r.total).collect();
    let expected = [
        86.0 * 0.4 + 72.0 * 0.6,
        90.0 * 0.4 + 95.0 * 0.6,
        55.0 * 0.4 + 80.0 * 0.6,
    ];
    for (t, e) in totals.iter().zip(expected) {
        assert!((t - e).abs() < 1e-9, "{t} vs {e}");
    }
    assert!(
        !scored.results[1].passed,
        "the knock-out on the second row's practical"
    );
    assert_eq!(scored.results[2].candidate_id, "#2");
    assert_eq!(scored.summary.count, 3);
    assert_eq!(
        scored.summary.passed,
        scored.results.iter().filter(|r| r.passed).count() as u32
    );
}

#[test]
fn ragged_rows_point_at_the_argument_at_fault() {
    let config = CompositeConfig::default();
    let err = score_rows(&config, &[1.0, 2.0, 3.0], &[0, 0, 0]).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidValue, "scores")
    );
    let err = score_rows(&config, &[1.0, 2.0], &[0]).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidValue, "criticalFailures")
    );
    let mut bad = CompositeConfig::default();
    bad.components[0].weight = 10.0;
    let err = score_rows(&bad, &[1.0, 2.0], &[0, 0]).unwrap_err();
    assert!(err.path().starts_with("config"), "{}", err.path());
}
