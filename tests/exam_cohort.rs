//! The packed cohort path agrees with single-attempt scoring and rejects malformed bytes.

use kaohe::exam::synthetic::synthetic_cohort;
use kaohe::exam::*;
use kaohe::ErrorCode;

fn pack(exam: &CompiledExam, cohort: &[Responses]) -> (Vec<u8>, Vec<u32>) {
    let mut packed = Vec::new();
    let mut offsets = vec![0u32];
    for r in cohort {
        packed.extend(exam.encode(r).unwrap());
        offsets.push(packed.len() as u32);
    }
    (packed, offsets)
}

#[test]
fn cohort_scores_agree_with_score_attempt() {
    let c = synthetic_cohort(300, 45, 11).unwrap();
    let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
    let (packed, offsets) = pack(&exam, &c.responses);
    let scores = exam.score_cohort(&packed, &offsets).unwrap();
    assert_eq!((scores.candidates, scores.items), (300, 45));
    let mut statuses = std::collections::BTreeSet::new();
    for (k, responses) in c.responses.iter().enumerate() {
        let r = score_attempt(&c.bank, &c.paper, responses, &Grades::new(), None).unwrap();
        assert!(
            (scores.totals[k] - r.points).abs() < 1e-9,
            "candidate {k}: {} vs {}",
            scores.totals[k],
            r.points
        );
        for (j, item) in r.items.iter().enumerate() {
            let cell = k * scores.items + j;
            assert_eq!(scores.item_ids[j], item.item_id);
            assert!(
                (scores.points[cell] - item.points).abs() < 1e-9,
                "candidate {k} item {}",
                item.item_id
            );
            assert_eq!(scores.answered[cell], item.status != ItemStatus::Unanswered);
            assert_eq!(scores.max_points[j], item.max_points);
            statuses.insert(format!("{:?}", item.status));
        }
        // score_packed gives the same per-item scores.
        let one = exam.score_packed(&exam.encode(responses).unwrap()).unwrap();
        assert_eq!(
            one.iter().map(|s| s.points).collect::<Vec<_>>(),
            scores.points[k * 45..(k + 1) * 45]
        );
    }
    assert_eq!(
        statuses.len(),
        5,
        "the synthetic cohort exercises every status: {statuses:?}"
    );
}

#[test]
fn choices_and_correct_masks_use_the_bank_order() {
    let bank = Bank::from_json(include_str!("fixtures/exam/sample_bank.json")).unwrap();
    let bp = Blueprint::from_json(include_str!("fixtures/exam/sample_blueprint.json")).unwrap();
    let paper = assemble_paper(&bank, &bp, 4).unwrap();
    let exam = CompiledExam::new(&bank, &paper).unwrap();
    let responses: Responses = kaohe::format::decode_value(
        &serde_json::json!({ "pk-001": "C", "em-002": "我会耐心倾听，并给出解决方案" }),
    )
    .unwrap();
    let (packed, offsets) = pack(&exam, &[responses]);
    let s = exam.score_cohort(&packed, &offsets).unwrap();
    let j = s.item_ids.iter().position(|id| id == "pk-001").unwrap();
    assert_eq!(
        (s.choices[j], s.correct_masks[j], s.option_counts[j]),
        (0b0100, 0b0010, 4)
    );
    let sa = s.item_ids.iter().position(|id| id == "em-002").unwrap();
    assert_eq!(
        (s.choices[sa], s.correct_masks[sa], s.option_counts[sa]),
        (0, 0, 0)
    );
    assert!(
        s.answered[sa] && s.points[sa] == 2.0,
        "provisional: 倾听 and 解决 match"
    );
}

#[test]
fn malformed_bytes_are_corrupt_data_never_a_panic() {
    let c = synthetic_cohort(3, 18, 5).unwrap();
    let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
    let good = exam.encode(&c.responses[0]).unwrap();
    assert!(exam.score_packed(&good).is_ok());
    // Every truncation, and every single-byte corruption, fails cleanly or scores.
    for cut in 0..good.len() {
        assert_eq!(
            exam.score_packed(&good[..cut]).unwrap_err().code(),
            ErrorCode::CorruptData
        );
    }
    for i in 0..good.len() {
        for b in [0u8, 1, 2, 0x7F, 0xFE, 0xFF] {
            let mut bad = good.clone();
            bad[i] = b;
            let _ = exam.score_packed(&bad);
        }
    }
    let mut trailing = good.clone();
    trailing.push(0);
    assert_eq!(
        exam.score_packed(&trailing).unwrap_err().code(),
        ErrorCode::CorruptData
    );
    let mut version = good.clone();
    version[0] = 2;
    assert_eq!(
        exam.score_packed(&version).unwrap_err().code(),
        ErrorCode::CorruptData
    );
    // Offsets outside the buffer, decreasing, or empty.
    let e = exam
        .score_cohort(&good, &[0, good.len() as u32 + 1])
        .unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::CorruptData, "offsets[1]"));
    assert_eq!(
        exam.score_cohort(&good, &[5, 2]).unwrap_err().code(),
        ErrorCode::CorruptData
    );
    assert_eq!(
        exam.score_cohort(&good, &[]).unwrap_err().code(),
        ErrorCode::CorruptData
    );
    let e = exam
        .score_cohort(
            &[good.clone(), vec![1]].concat(),
            &[0, good.len() as u32, good.len() as u32 + 1],
        )
        .unwrap_err();
    assert_eq!(e.path(), "candidates[1]");
    let empty = exam.score_cohort(&[], &[0]).unwrap();
    assert_eq!((empty.candidates, empty.totals.len()), (0, 0));
}

#[test]
fn a_cohort_of_two_thousand_by_one_hundred() {
    let c = synthetic_cohort(2000, 100, 2026).unwrap();
    let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
    let (packed, offsets) = pack(&exam, &c.responses);
    let scores = exam.score_cohort(&packed, &offsets).unwrap();
    assert_eq!((scores.candidates, scores.items), (2000, 100));
    assert_eq!(scores.points.len(), 200_000);
    assert_eq!(scores.totals.len(), 2000);
    let max: f64 = scores.max_points.iter().sum();
    assert!(scores
        .totals
        .iter()
        .all(|t| t.is_finite() && *t >= 0.0 && *t <= max));
    // Packed responses are compact: well under 10 bytes per item on average.
    assert!(packed.len() < 2000 * 100 * 10, "{} bytes", packed.len());
}

/// The cohort path reads choice items through its own fast path: on every truncation and
/// single-byte corruption it must agree with `score_packed` (the per-item path) — the same
/// error, message included, or the same points.
#[test]
fn cohort_rows_and_score_packed_agree_on_every_corruption() {
    let c = synthetic_cohort(3, 18, 5).unwrap();
    let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
    let good = exam.encode(&c.responses[0]).unwrap();
    let row = |bytes: &[u8]| exam.score_cohort(bytes, &[0, bytes.len() as u32]);
    let mut variants: Vec<Vec<u8>> = (0..good.len()).map(|cut| good[..cut].to_vec()).collect();
    for i in 0..good.len() {
        for b in [0u8, 1, 2, 3, 4, 5, 0x1F, 0x7F, 0xFE, 0xFF] {
            let mut bad = good.clone();
            bad[i] = b;
            variants.push(bad);
        }
    }
    for bytes in &variants {
        match (exam.score_packed(bytes), row(bytes)) {
            (Ok(one), Ok(cohort)) => {
                let points: Vec<f64> = one.iter().map(|s| s.points).collect();
                assert_eq!(points, cohort.points, "{bytes:?}");
                let answered: Vec<bool> = one
                    .iter()
                    .map(|s| s.status != ItemStatus::Unanswered)
                    .collect();
                assert_eq!(answered, cohort.answered, "{bytes:?}");
                let choices: Vec<u32> = one.iter().map(|s| s.choice).collect();
                assert_eq!(choices, cohort.choices, "{bytes:?}");
            }
            (Err(one), Err(cohort)) => {
                assert_eq!(one.code(), cohort.code(), "{bytes:?}");
                assert_eq!(cohort.path(), "candidates[0]");
                assert_eq!(one.messages(), cohort.messages(), "{bytes:?}");
            }
            (one, cohort) => panic!("{bytes:?}: {one:?} vs {cohort:?}"),
        }
    }
}
