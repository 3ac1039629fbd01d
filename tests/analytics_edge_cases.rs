//! Degenerate cohorts: undefined statistics are null with a reason, never NaN, never a panic.

use kaohe::analytics::{
    analyse_items, item_table_csv, synthetic_matrix, AnalysisOptions, ItemAnalysis, MissingAnswers,
    ResponseMatrix, UndefinedReason,
};
use kaohe::{ErrorCode, Locale};

fn matrix(rows: &[&[f64]], answered: Option<&[&[bool]]>) -> ResponseMatrix {
    let candidates = rows.len();
    let items = rows.first().map_or(3, |r| r.len());
    let points: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
    let answered: Vec<bool> = match answered {
        Some(a) => a.iter().flat_map(|r| r.iter().copied()).collect(),
        None => vec![true; points.len()],
    };
    let choices = points
        .iter()
        .zip(&answered)
        .map(|(&p, &a)| match (a, p > 0.0) {
            (false, _) => 0,
            (true, true) => 1,
            (true, false) => 2,
        })
        .collect();
    ResponseMatrix {
        candidates,
        items,
        item_ids: (0..items).map(|j| format!("应急处理-{}", j + 1)).collect(),
        max_points: vec![1.0; items],
        points,
        answered,
        choices,
        option_counts: vec![3; items],
        correct_masks: vec![1; items],
    }
}

/// Serialises the whole result and checks no number is NaN or infinite (serde_json would write
/// `null` for them, so check the Rust values through a round trip of every `value`).
fn assert_all_finite(analysis: &ItemAnalysis) {
    let json = kaohe::format::to_json_value(analysis);
    fn walk(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(map) => {
                if map.contains_key("value") {
                    let defined = !map["value"].is_null();
                    assert_eq!(defined, !map.contains_key("reason"), "{path}: {v}");
                }
                for (k, x) in map {
                    walk(x, &format!("{path}.{k}"));
                }
            }
            serde_json::Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    walk(x, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Number(n) => assert!(n.as_f64().unwrap().is_finite(), "{path}"),
            _ => {}
        }
    }
    walk(&json, "");
}

#[test]
fn no_attempts() {
    let m = matrix(&[], None);
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.exam.candidates, 0);
    assert_eq!(a.exam.mean.reason, Some(UndefinedReason::NoCandidates));
    assert_eq!(
        a.exam.cronbach_alpha.reason,
        Some(UndefinedReason::NoCandidates)
    );
    assert_eq!(a.items.len(), 3);
    for item in &a.items {
        assert_eq!(item.facility.reason, Some(UndefinedReason::NoCandidates));
        assert_eq!(
            item.alpha_if_deleted.reason,
            Some(UndefinedReason::NoCandidates)
        );
        assert_eq!(
            item.options[0].share.reason,
            Some(UndefinedReason::NoCandidates)
        );
    }
    assert!(a.flags.is_empty());
    assert_all_finite(&a);
}

#[test]
fn one_attempt() {
    let m = matrix(&[&[1.0, 0.0, 1.0]], None);
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.exam.mean.value, Some(2.0));
    assert_eq!(a.exam.sd.reason, Some(UndefinedReason::TooFewCandidates));
    assert_eq!(a.exam.group_size, 0);
    let item = &a.items[0];
    assert_eq!(item.facility.value, Some(1.0));
    assert_eq!(item.sd.reason, Some(UndefinedReason::TooFewCandidates));
    assert_eq!(
        item.discrimination.reason,
        Some(UndefinedReason::TooFewCandidates)
    );
    assert_eq!(
        item.upper_lower_index.reason,
        Some(UndefinedReason::TooFewCandidates)
    );
    assert_eq!(
        item.alpha_if_deleted.reason,
        Some(UndefinedReason::TooFewCandidates)
    );
    assert_all_finite(&a);
}

#[test]
fn everyone_with_the_same_score() {
    // Each candidate scores 2 of 3, on different items.
    let m = matrix(
        &[
            &[1.0, 1.0, 0.0],
            &[1.0, 0.0, 1.0],
            &[0.0, 1.0, 1.0],
            &[1.0, 1.0, 0.0],
        ],
        None,
    );
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.exam.sd.value, Some(0.0));
    assert_eq!(a.exam.skewness.reason, Some(UndefinedReason::ZeroVariance));
    assert_eq!(
        a.exam.cronbach_alpha.reason,
        Some(UndefinedReason::ZeroVariance)
    );
    assert_eq!(
        a.exam.standard_error_of_measurement.reason,
        Some(UndefinedReason::ZeroVariance)
    );
    for item in &a.items {
        assert_eq!(
            item.upper_lower_index.reason,
            Some(UndefinedReason::ZeroVariance)
        );
    }
    assert_all_finite(&a);
}

#[test]
fn an_item_nobody_answered_under_both_conventions() {
    let rows: &[&[f64]] = &[&[1.0, 0.0, 1.0], &[0.0, 0.0, 1.0], &[1.0, 0.0, 0.0]];
    let answered: &[&[bool]] = &[
        &[true, false, true],
        &[true, false, true],
        &[true, false, true],
    ];
    let m = matrix(rows, Some(answered));
    let wrong = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    let item = &wrong.items[1];
    assert_eq!((item.responses, item.answered), (3, 0));
    assert_eq!(item.facility.value, Some(0.0));
    assert_eq!(item.sd.value, Some(0.0));
    assert_eq!(
        item.discrimination.reason,
        Some(UndefinedReason::ZeroVariance)
    );
    assert!(wrong
        .flags
        .iter()
        .any(|f| f.item_index == 1 && f.code == kaohe::analytics::FlagCode::TooHard));
    assert!(!wrong
        .flags
        .iter()
        .any(|f| f.item_index == 1 && f.option.is_some()));
    assert_all_finite(&wrong);

    let options = AnalysisOptions {
        missing_answers: MissingAnswers::Exclude,
        ..AnalysisOptions::default()
    };
    let excluded = analyse_items(&m, &options).unwrap();
    let item = &excluded.items[1];
    assert_eq!(item.responses, 0);
    assert_eq!(item.facility.reason, Some(UndefinedReason::NoResponses));
    assert_eq!(
        item.discrimination.reason,
        Some(UndefinedReason::NoResponses)
    );
    assert!(!excluded.flags.iter().any(|f| f.item_index == 1));
    // Totals and reliability do not depend on the convention.
    assert_eq!(excluded.exam, wrong.exam);
    assert_all_finite(&excluded);
}

#[test]
fn invalid_matrix_is_an_error_with_a_path() {
    let mut m = matrix(&[&[1.0, 0.0, 1.0], &[0.0, 1.0, 1.0]], None);
    m.points[4] = f64::INFINITY;
    let e = analyse_items(&m, &AnalysisOptions::default()).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidValue, "points[4]"));
    let mut m = matrix(&[&[1.0, 0.0, 1.0]], None);
    m.answered.truncate(2);
    let e = analyse_items(&m, &AnalysisOptions::default()).unwrap_err();
    assert_eq!(e.path(), "answered");
}

#[test]
fn no_items_is_not_a_panic() {
    let m = ResponseMatrix {
        candidates: 3,
        items: 0,
        ..ResponseMatrix::default()
    };
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    assert!(a.items.is_empty());
    assert_eq!(
        a.exam.cronbach_alpha.reason,
        Some(UndefinedReason::TooFewItems)
    );
    assert_all_finite(&a);
}

#[test]
fn synthetic_cohort_looks_like_a_real_exam() {
    let m = synthetic_matrix(2000, 100, 42);
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    let alpha = a.exam.cronbach_alpha.value.unwrap();
    assert!(alpha > 0.8 && alpha < 1.0, "{alpha}");
    let positive = a
        .items
        .iter()
        .filter(|i| i.discrimination.value.is_some_and(|d| d > 0.0))
        .count();
    assert!(positive > 90, "{positive}");
    assert_all_finite(&a);
    let csv = item_table_csv(&a, Locale::En);
    assert!(csv.starts_with("\u{feff}No.,Item id,Max points"));
    assert_eq!(csv.matches("\r\n").count(), 101);
}

/// An ordering item (options are steps, no option is "the key") gets no distractor flags, even
/// when some step is never chosen; a choice item with an unused wrong option still does.
#[test]
fn items_without_a_key_option_get_no_distractor_flags() {
    let rows: [&[f64]; 6] = [
        &[1.0, 1.0],
        &[1.0, 0.0],
        &[0.0, 1.0],
        &[1.0, 1.0],
        &[0.0, 0.0],
        &[1.0, 1.0],
    ];
    let mut m = matrix(&rows, None);
    // Item 0: a choice item whose option 2 (C) nobody picks; item 1: keyless, like ordering.
    m.correct_masks = vec![1, 0];
    let a = analyse_items(&m, &AnalysisOptions::default()).unwrap();
    let distractor = |index: u32| {
        a.flags.iter().any(|f| {
            f.item_index == index
                && matches!(
                    f.code,
                    kaohe::analytics::FlagCode::UnusedDistractor
                        | kaohe::analytics::FlagCode::DistractorFavoursUpperGroup
                )
        })
    };
    assert!(distractor(0), "the choice item's unused option is flagged");
    assert!(!distractor(1), "the keyless item gets no distractor flag");
}
