//! Cohort scoring and item analysis at the JS boundary, in headless Chromium: packed bytes and
//! offsets in, typed arrays and one plain `ItemAnalysis` object out; bad bytes are a real JS
//! `Error` with `CORRUPT_DATA` and the candidate's path.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error as JsError, Reflect};
use kaohe_wasm_exam::exam::{Cohort, Exam};
use kaohe_wasm_testing::{get, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BANK: &str = r#"{
  "schemaVersion": 1, "id": "mini", "title": "小题库",
  "items": [
    {"id": "q1", "type": "single", "stem": "客户来电时，标准问候语应在几秒内说出？",
     "options": [{"id": "A", "text": "3 秒"}, {"id": "B", "text": "10 秒"}, {"id": "C", "text": "30 秒"}],
     "answer": "A", "points": 2, "tags": {"dimension": "communication", "knowledgePoint": "基础", "difficulty": 1}},
    {"id": "q2", "type": "single", "stem": "投诉处理六步中的第一步是？",
     "options": [{"id": "A", "text": "道歉"}, {"id": "B", "text": "倾听"}, {"id": "C", "text": "解决"}, {"id": "D", "text": "跟进"}],
     "answer": "B", "points": 2, "tags": {"dimension": "complaint_handling", "knowledgePoint": "基础", "difficulty": 2}},
    {"id": "q3", "type": "trueFalse", "stem": "可以向第三方透露客户的手机号码。",
     "answer": false, "points": 1, "tags": {"dimension": "compliance", "knowledgePoint": "基础", "difficulty": 1}},
    {"id": "q4", "type": "multiple", "stem": "以下哪些属于积极用语？",
     "options": [{"id": "A", "text": "马上为您处理"}, {"id": "B", "text": "这不归我管"}, {"id": "C", "text": "感谢您的耐心"}],
     "answer": ["A", "C"], "points": 3, "tags": {"dimension": "communication", "knowledgePoint": "基础", "difficulty": 3}}
  ]
}"#;

const BLUEPRINT: &str = r#"{
  "schemaVersion": 1, "id": "mini-bp", "title": "小测验", "bankId": "mini",
  "passMarkPercent": 60, "shuffleItems": false, "shuffleOptions": false,
  "sections": [{"id": "s1", "title": "全部", "fixed": ["q1", "q2", "q3", "q4"]}]
}"#;

/// Candidate responses: (q1, q2, q3, q4); `None` leaves the item unanswered.
const COHORT: [&str; 5] = [
    r#"{"q1": "A", "q2": "B", "q3": false, "q4": ["A", "C"]}"#,
    r#"{"q1": "A", "q2": "B", "q3": false, "q4": ["A"]}"#,
    r#"{"q1": "A", "q2": "A", "q3": true, "q4": ["A", "C"]}"#,
    r#"{"q1": "B", "q2": "D", "q3": false}"#,
    r#"{"q1": "C", "q3": true, "q4": ["B"]}"#,
];

fn exam() -> Exam {
    Exam::new(json(BANK), json(BLUEPRINT)).unwrap()
}

fn packed_cohort(exam: &Exam) -> (Vec<u8>, Vec<u32>) {
    let mut bytes = Vec::new();
    let mut offsets = vec![0u32];
    for responses in COHORT {
        bytes.extend(exam.encode(json(responses)).unwrap());
        offsets.push(bytes.len() as u32);
    }
    (bytes, offsets)
}

/// The sample cohort, packed and scored in one call.
fn scored_cohort(exam: &Exam) -> Cohort {
    let (bytes, offsets) = packed_cohort(exam);
    exam.score_cohort(
        js_sys::Uint8Array::from(&bytes[..]).into(),
        js_sys::Uint32Array::from(&offsets[..]).into(),
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn a_cohort_crosses_once_and_analyses_into_one_plain_object() {
    let exam = exam();
    let cohort = scored_cohort(&exam);
    assert_eq!(cohort.candidates(), 5);
    assert_eq!(cohort.totals(), vec![8.0, 5.0, 5.0, 1.0, 0.0]);
    assert_eq!(cohort.passed(), vec![1, 1, 1, 0, 0]);

    let analysis = cohort.analyze(JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&analysis, "schemaVersion").as_f64(), Some(1.0));
    assert_eq!(get(&analysis, "exam.candidates").as_f64(), Some(5.0));
    approx(get(&analysis, "exam.mean.value"), 3.8);
    let items: Array = get(&analysis, "items").dyn_into().unwrap();
    assert_eq!(items.length(), 4);
    let q1 = items.get(0);
    assert_eq!(get(&q1, "itemId").as_string().as_deref(), Some("q1"));
    approx(get(&q1, "facility.value"), 0.6);
    let options: Array = get(&q1, "options").dyn_into().unwrap();
    assert_eq!(options.length(), 3);
    assert_eq!(get(&options.get(0), "isKey").as_bool(), Some(true));
    assert_eq!(get(&options.get(2), "count").as_f64(), Some(1.0));
    // Every statistic is a number or null with a reason, never NaN.
    for i in 0..items.length() {
        let item = items.get(i);
        for key in ["facility", "sd", "discrimination", "alphaIfDeleted"] {
            let stat = get(&item, key);
            let value = get(&stat, "value");
            match value.as_f64() {
                Some(v) => assert!(v.is_finite(), "{key} of item {i}"),
                None => assert!(get(&stat, "reason").as_string().is_some()),
            }
        }
    }
    assert!(Array::is_array(&get(&analysis, "flags")));
    assert_eq!(
        get(&analysis, "exam.histogram")
            .dyn_into::<Array>()
            .unwrap()
            .length(),
        10
    );

    let csv = cohort.analysis_csv(json("{}")).unwrap();
    assert!(csv.starts_with('\u{FEFF}'), "CSV starts with a BOM");
    assert_eq!(
        csv.trim_end().lines().count(),
        5,
        "a header and a row per item"
    );
}

#[wasm_bindgen_test]
fn distractors_as_columns_are_the_per_item_options_as_typed_arrays() {
    let exam = exam();
    let cohort = scored_cohort(&exam);
    let per_item = cohort.analyze(JsValue::UNDEFINED).unwrap();
    assert!(get(&per_item, "distractors").is_undefined());
    let columns = cohort
        .analyze(json(r#"{"distractors": "columns"}"#))
        .unwrap();
    assert_eq!(
        get(&columns, "options.distractors").as_string().as_deref(),
        Some("columns")
    );
    let d = get(&columns, "distractors");
    let share: js_sys::Float64Array = get(&d, "share.value").dyn_into().unwrap();
    let share_reason: js_sys::Uint8Array = get(&d, "share.reason").dyn_into().unwrap();
    let correlation: js_sys::Float64Array =
        get(&d, "correlationWithRest.value").dyn_into().unwrap();
    let correlation_reason: js_sys::Uint8Array =
        get(&d, "correlationWithRest.reason").dyn_into().unwrap();
    let item: js_sys::Uint32Array = get(&d, "item").dyn_into().unwrap();
    let option: js_sys::Uint32Array = get(&d, "option").dyn_into().unwrap();
    let count: js_sys::Uint32Array = get(&d, "count").dyn_into().unwrap();
    let is_key: js_sys::Uint8Array = get(&d, "isKey").dyn_into().unwrap();
    let reasons: Array = get(&d, "reasons").dyn_into().unwrap();
    // Walk the per-item options in order beside the columns: every number is the same.
    let items: Array = get(&per_item, "items").dyn_into().unwrap();
    let lean: Array = get(&columns, "items").dyn_into().unwrap();
    let mut k = 0u32;
    for i in 0..items.length() {
        let lean_options: Array = get(&lean.get(i), "options").dyn_into().unwrap();
        assert_eq!(lean_options.length(), 0, "item {i} keeps no options");
        let options: Array = get(&items.get(i), "options").dyn_into().unwrap();
        for o in options.iter() {
            assert_eq!(item.get_index(k), i);
            assert_eq!(
                f64::from(option.get_index(k)),
                get(&o, "option").as_f64().unwrap()
            );
            assert_eq!(
                f64::from(count.get_index(k)),
                get(&o, "count").as_f64().unwrap()
            );
            assert_eq!(
                is_key.get_index(k) == 1,
                get(&o, "isKey").as_bool().unwrap()
            );
            for (value, reason, key) in [
                (&share, &share_reason, "share"),
                (&correlation, &correlation_reason, "correlationWithRest"),
            ] {
                let stat = get(&o, key);
                match get(&stat, "value").as_f64() {
                    Some(v) => {
                        assert_eq!(value.get_index(k), v, "{key} of entry {k}");
                        assert_eq!(reason.get_index(k), 0);
                    }
                    None => {
                        assert!(value.get_index(k).is_nan());
                        let code = reason.get_index(k);
                        assert!(code > 0, "{key} of entry {k} has a reason code");
                        assert_eq!(
                            reasons.get(u32::from(code) - 1).as_string(),
                            get(&stat, "reason").as_string()
                        );
                    }
                }
            }
            k += 1;
        }
    }
    assert_eq!(item.length(), k, "one entry per option");
    assert!(k > 0);
}

#[wasm_bindgen_test]
fn the_missing_answer_convention_is_selectable_and_options_are_checked() {
    let exam = exam();
    let cohort = scored_cohort(&exam);
    let wrong = cohort.analyze(json("{}")).unwrap();
    let excluded = cohort
        .analyze(json(r#"{"missingAnswers": "exclude"}"#))
        .unwrap();
    let responses = |a: &JsValue| {
        get(
            &get(a, "items").dyn_into::<Array>().unwrap().get(1),
            "responses",
        )
    };
    assert_eq!(responses(&wrong).as_f64(), Some(5.0));
    assert_eq!(responses(&excluded).as_f64(), Some(4.0));

    let error = cohort
        .analyze(json(r#"{"groupFraction": 0.9}"#))
        .unwrap_err();
    assert_error(&error, "OUT_OF_RANGE", "groupFraction");
    let error = cohort
        .analyze(json(r#"{"groupFractoin": 0.3}"#))
        .unwrap_err();
    assert_eq!(prop(&error, "code"), "UNKNOWN_FIELD");
}

#[wasm_bindgen_test]
fn no_attempts_is_a_result_with_reasons_not_an_error() {
    let exam = exam();
    let cohort = exam
        .score_cohort(
            js_sys::Uint8Array::from(&[0u8; 0][..]).into(),
            js_sys::Uint32Array::from(&[0u32][..]).into(),
        )
        .unwrap();
    assert_eq!(cohort.candidates(), 0);
    let analysis = cohort.analyze(JsValue::UNDEFINED).unwrap();
    assert!(get(&analysis, "exam.mean.value").is_null());
    assert_eq!(
        get(&analysis, "exam.mean.reason").as_string().as_deref(),
        Some("noCandidates")
    );
}

#[wasm_bindgen_test]
fn bad_packed_bytes_throw_corrupt_data_with_the_candidate() {
    let exam = exam();
    let (mut bytes, offsets) = packed_cohort(&exam);
    // Candidate 1's first item claims option 9 of a three-option item.
    let at = offsets[1] as usize + 4;
    assert_eq!(bytes[at - 1], 1, "the answered marker");
    bytes[at] = 9;
    let error = exam
        .score_cohort(
            js_sys::Uint8Array::from(&bytes[..]).into(),
            js_sys::Uint32Array::from(&offsets[..]).into(),
        )
        .err()
        .unwrap();
    assert_error(&error, "CORRUPT_DATA", "candidates[1]");

    let error = exam
        .score_cohort(
            js_sys::Uint8Array::from(&[1u8, 2, 3][..]).into(),
            js_sys::Uint32Array::from(&[0u32, 3][..]).into(),
        )
        .err()
        .unwrap();
    assert_error(&error, "CORRUPT_DATA", "candidates[0]");
    let error = exam
        .score_cohort(
            js_sys::Uint8Array::from(&[0u8; 0][..]).into(),
            js_sys::Uint32Array::from(&[0u32; 0][..]).into(),
        )
        .err()
        .unwrap();
    assert_error(&error, "CORRUPT_DATA", "offsets");
    let error = exam
        .score_cohort(
            js_sys::Uint8Array::from(&[1u8][..]).into(),
            js_sys::Uint32Array::from(&[0u32, 40][..]).into(),
        )
        .err()
        .unwrap();
    assert_error(&error, "CORRUPT_DATA", "offsets[1]");
}

fn approx(value: JsValue, expected: f64) {
    let got = value.as_f64().unwrap_or(f64::NAN);
    assert!((got - expected).abs() < 1e-12, "{got} ≠ {expected}");
}

fn prop(value: &JsValue, name: &str) -> String {
    Reflect::get(value, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// A real JS Error with the code and a path starting with `path`.
fn assert_error(error: &JsValue, code: &str, path: &str) {
    assert!(error.is_instance_of::<JsError>(), "not an Error: {error:?}");
    let js: &JsError = error.unchecked_ref();
    assert_eq!(prop(error, "code"), code, "{}", String::from(js.message()));
    let got = prop(error, "path");
    assert!(
        got.starts_with(path),
        "path {got:?} should start with {path:?}"
    );
    assert!(!String::from(js.message()).is_empty());
}
