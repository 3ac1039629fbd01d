//! The practical-assessment API in headless Chromium: rubric, scorecard, panel, calibration,
//! transcript indicators, suggestions and the composite result cross as plain objects, and bad
//! input is a KaoheError with `code` and `path`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Error as JsError, Reflect, JSON};
use kaohe_wasm_exam::exam::Exam;
use kaohe_wasm_trainer::assessment::{assess_candidate, composite_cohort};
use kaohe_wasm_trainer::rubric::{
    analyze_transcript_js, calibrate_js, parse_transcript_js, score_panel_js, score_scorecard_js,
    suggest_scores_js, validate_rubric_js,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RUBRIC: &str = include_str!("../../../www/samples/rubric.json");
const RATINGS: &str = include_str!("../../../www/samples/ratings.json");
const FIXTURE: &str = include_str!("../../../tests/fixtures/rubric/agreement.json");
const LATE: &str = include_str!("../../../www/samples/transcripts/late-delivery.txt");
const ANGRY: &str = include_str!("../../../www/samples/transcripts/angry-customer.txt");
const BANK: &str = include_str!("../../../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../../../www/samples/blueprint.json");

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        if v.is_undefined() || v.is_null() {
            return JsValue::UNDEFINED;
        }
        match key.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&v, i).unwrap(),
            Err(_) => Reflect::get(&v, &key.into()).unwrap(),
        }
    })
}

fn num(value: &JsValue, path: &str) -> f64 {
    get(value, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

fn set(target: &JsValue, key: &str, value: JsValue) {
    Reflect::set(target, &key.into(), &value).unwrap();
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o: JsValue = js_sys::Object::new().into();
    for (k, v) in pairs {
        set(&o, k, v.clone());
    }
    o
}

fn assert_error(error: &JsValue, code: &str, path: &str) {
    assert!(error.is_instance_of::<JsError>(), "not an Error: {error:?}");
    let js: &JsError = error.unchecked_ref();
    assert_eq!(String::from(js.name()), "KaoheError");
    assert_eq!(
        get(error, "code").as_string().unwrap_or_default(),
        code,
        "{}",
        String::from(js.message())
    );
    assert_eq!(get(error, "path").as_string().unwrap_or_default(), path);
    assert!(!get(error, "messages.zh").as_string().unwrap().is_empty());
}

fn first_card() -> JsValue {
    get(&json(RATINGS), "scorecards.0")
}

#[wasm_bindgen_test]
fn validate_rubric_fills_defaults_and_rejects_weights_that_do_not_sum() {
    let rubric = validate_rubric_js(json(RUBRIC)).unwrap();
    assert_eq!(num(&rubric, "passMark"), 60.0);
    assert_eq!(
        get(&rubric, "sections.0.criteria.0.na")
            .as_string()
            .unwrap(),
        "notAllowed"
    );
    let bad = json(RUBRIC);
    set(&get(&bad, "sections.0"), "weight", 10.0.into());
    assert_error(
        &validate_rubric_js(bad).unwrap_err(),
        "WEIGHTS_DO_NOT_SUM",
        "sections",
    );
    let bad = json(RUBRIC);
    set(&get(&bad, "sections.0.criteria.0"), "colour", "red".into());
    let e = validate_rubric_js(bad).unwrap_err();
    assert_error(&e, "UNKNOWN_FIELD", "sections[0].criteria[0].colour");
}

#[wasm_bindgen_test]
fn a_scorecard_scores_per_section_and_in_total() {
    let params = object(&[("rubric", json(RUBRIC)), ("scorecard", first_card())]);
    let result = score_scorecard_js(params).unwrap();
    let total = num(&result, "total");
    assert!((0.0..=100.0).contains(&total));
    assert!(get(&result, "passed").as_bool().unwrap());
    assert_eq!(Array::from(&get(&result, "sections")).length(), 5);
    // Σ section score × effective weight / 100 + bonus = total (capped at 100)
    let sections = Array::from(&get(&result, "sections"));
    let base: f64 = sections
        .iter()
        .map(|s| num(&s, "score") * num(&s, "effectiveWeight") / 100.0)
        .sum();
    assert!((base - num(&result, "baseTotal")).abs() < 1e-9);
    assert!(((base + num(&result, "bonus")).min(100.0) - total).abs() < 1e-9);
}

#[wasm_bindgen_test]
fn scorecard_errors_carry_code_and_path() {
    let card = first_card();
    set(
        &get(&card, "ratings"),
        "smile",
        object(&[("value", 1.0.into())]),
    );
    let e =
        score_scorecard_js(object(&[("rubric", json(RUBRIC)), ("scorecard", card)])).unwrap_err();
    assert_error(&e, "UNKNOWN_REFERENCE", "scorecard.ratings.smile");

    let card = first_card();
    set(
        &get(&card, "ratings"),
        "greeting",
        object(&[("na", true.into())]),
    );
    let e =
        score_scorecard_js(object(&[("rubric", json(RUBRIC)), ("scorecard", card)])).unwrap_err();
    assert_error(
        &e,
        "NOT_APPLICABLE_NOT_ALLOWED",
        "scorecard.ratings.greeting.na",
    );

    let card = first_card();
    set(&get(&card, "ratings.clarity"), "value", 6.0.into());
    let e =
        score_scorecard_js(object(&[("rubric", json(RUBRIC)), ("scorecard", card)])).unwrap_err();
    assert_error(&e, "OUT_OF_RANGE", "scorecard.ratings.clarity.value");

    assert_error(
        &score_scorecard_js(JsValue::UNDEFINED).unwrap_err(),
        "MISSING_FIELD",
        "params",
    );
}

#[wasm_bindgen_test]
fn a_panel_aggregates_and_flags() {
    let cards = Array::new();
    let all = Array::from(&get(&json(RATINGS), "scorecards"));
    for c in all.iter() {
        if get(&c, "performanceId").as_string().unwrap() == "E1001-late-delivery" {
            cards.push(&c);
        }
    }
    let panel = score_panel_js(object(&[
        ("rubric", json(RUBRIC)),
        ("scorecards", cards.into()),
    ]))
    .unwrap();
    assert_eq!(Array::from(&get(&panel, "raterIds")).length(), 4);
    assert_eq!(get(&panel, "aggregation").as_string().unwrap(), "mean");
    // positiveLanguage: the panel value is the mean of the raters' values
    let c = get(&panel, "criteria.1");
    assert_eq!(
        get(&c, "criterionId").as_string().unwrap(),
        "positiveLanguage"
    );
    let values: Vec<f64> = Array::from(&get(&c, "values"))
        .iter()
        .filter_map(|v| v.as_f64())
        .collect();
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    assert!((num(&c, "panelValue") - mean).abs() < 1e-9);
    let e = score_panel_js(object(&[
        ("rubric", json(RUBRIC)),
        ("scorecards", Array::new().into()),
    ]))
    .unwrap_err();
    assert_error(&e, "INSUFFICIENT_DATA", "scorecards");
}

#[wasm_bindgen_test]
fn calibration_matches_the_third_party_fixture() {
    let params = object(&[("rubric", json(RUBRIC)), ("ratingSet", json(RATINGS))]);
    let report = calibrate_js(params).unwrap();
    let fixture = json(FIXTURE);
    let criteria = Array::from(&get(&fixture, "sampleCalibration.criteria"));
    let ours = Array::from(&get(&report, "criteria"));
    assert_eq!(ours.length(), criteria.length());
    let mut checked = 0;
    for (o, f) in ours.iter().zip(criteria.iter()) {
        assert_eq!(
            get(&o, "criterionId").as_string(),
            get(&f, "criterionId").as_string()
        );
        for (mine, theirs) in [
            ("agreement.alphaInterval.value", "alphaInterval"),
            ("agreement.alphaOrdinal.value", "alphaOrdinal"),
            ("agreement.icc.icc2_1.value", "icc.icc2_1"),
            ("agreement.pairwise.exactPercent.value", "pairwise.exact"),
        ] {
            let (a, b) = (get(&o, mine).as_f64(), get(&f, theirs).as_f64());
            match (a, b) {
                (Some(a), Some(b)) => {
                    assert!((a - b).abs() < 1e-9, "{mine}: {a} vs {b}");
                    checked += 1;
                }
                (None, None) => {}
                _ => panic!("{mine}: {a:?} vs {b:?}"),
            }
        }
    }
    assert!(checked > 20, "only {checked} values compared");
    let bad = json(RATINGS);
    set(&bad, "referenceRaterId", "nobody".into());
    let e = calibrate_js(object(&[("rubric", json(RUBRIC)), ("ratingSet", bad)])).unwrap_err();
    assert_error(&e, "UNKNOWN_REFERENCE", "ratingSet.referenceRaterId");
}

#[wasm_bindgen_test]
fn transcript_indicators_and_suggestions() {
    let analysis = analyze_transcript_js(object(&[("text", LATE.into())])).unwrap();
    let report = get(&analysis, "report");
    assert!(num(&report, "positive.count") >= 3.0);
    assert_eq!(num(&report, "forbidden.count"), 0.0);
    // every match points at its phrase in its turn (UTF-16 offsets, as String.slice takes)
    for m in Array::from(&get(&report, "positive.matches")).iter() {
        let line = get(
            &analysis,
            &format!("transcript.lines.{}.text", num(&m, "line")),
        );
        let text: js_sys::JsString = line.unchecked_into();
        let slice = text.slice(num(&m, "start") as u32, num(&m, "end") as u32);
        assert_eq!(String::from(slice), get(&m, "phrase").as_string().unwrap());
    }
    let angry = analyze_transcript_js(object(&[("text", ANGRY.into())])).unwrap();
    let forbidden: Vec<String> = Array::from(&get(&angry, "report.forbidden.matches"))
        .iter()
        .map(|m| get(&m, "phrase").as_string().unwrap())
        .collect();
    assert!(
        forbidden.iter().any(|p| p == "我理解你的感受"),
        "{forbidden:?}"
    );
    let suggestions = suggest_scores_js(object(&[
        ("rubric", json(RUBRIC)),
        ("report", get(&angry, "report")),
    ]))
    .unwrap();
    let list = Array::from(&suggestions);
    let forbidden_suggestion = list
        .iter()
        .find(|s| get(s, "criterionId").as_string().unwrap() == "noForbiddenPhrases")
        .unwrap();
    assert_eq!(num(&forbidden_suggestion, "value"), 0.0);
}

#[wasm_bindgen_test]
fn transcript_formats_and_bad_lines() {
    let lines = "{\"speaker\":\"agent\",\"text\":\"您好，很高兴为您服务\",\"start\":0}\n\n{\"speaker\":\"customer\",\"text\":\"我的快递还没到\",\"start\":6}";
    let t = parse_transcript_js(object(&[("text", lines.into())])).unwrap();
    assert_eq!(Array::from(&get(&t, "lines")).length(), 2);
    let array = "[{\"speaker\":\"agent\",\"text\":\"您好\"}]";
    let t = parse_transcript_js(object(&[("text", array.into())])).unwrap();
    assert!(!get(&t, "timed").as_bool().unwrap());
    let e = parse_transcript_js(object(&[(
        "text",
        "[00:01] 客服：您好\n这一行没有说话人".into(),
    )]))
    .unwrap_err();
    assert_error(&e, "INVALID_ROW", "line 2");
    let e = parse_transcript_js(object(&[(
        "text",
        "{\"speaker\":\"boss\",\"text\":\"hi\"}".into(),
    )]))
    .unwrap_err();
    assert_error(&e, "UNKNOWN_VARIANT", "line 1.speaker");
    let e = analyze_transcript_js(object(&[
        ("text", LATE.into()),
        (
            "config",
            object(&[
                ("schemaVersion", 1.0.into()),
                (
                    "speechRate",
                    object(&[("min", 90.0.into()), ("max", 70.0.into())]),
                ),
            ]),
        ),
    ]))
    .unwrap_err();
    assert_error(&e, "OUT_OF_RANGE", "config.speechRate");
}

#[wasm_bindgen_test]
fn the_composite_combines_an_exam_result_with_a_rubric_score() {
    let exam = Exam::new(json(BANK), json(BLUEPRINT)).unwrap();
    let paper = exam.assemble(JsValue::from(7)).unwrap();
    let exam_result = exam
        .score(object(&[
            ("paper", paper),
            ("responses", js_sys::Object::new().into()),
        ]))
        .unwrap();
    let practical = score_scorecard_js(object(&[
        ("rubric", json(RUBRIC)),
        ("scorecard", first_card()),
    ]))
    .unwrap();
    let result = assess_candidate(object(&[
        ("candidateId", "E1001".into()),
        ("theory", exam_result.clone()),
        ("practical", practical.clone()),
    ]))
    .unwrap();
    let expected = 0.4 * num(&exam_result, "percent") + 0.6 * num(&practical, "total");
    assert!((num(&result, "total") - expected).abs() < 1e-9);
    // an empty paper scores 0 %: below the theory minimum or the pass line, never passed
    assert!(!get(&result, "passed").as_bool().unwrap());
    assert_eq!(get(&result, "grade.id").as_string().unwrap(), "fail");

    let e = assess_candidate(object(&[
        ("candidateId", "E1".into()),
        ("practical", practical),
    ]))
    .unwrap_err();
    assert_error(&e, "MISSING_FIELD", "components.theory");
}

#[wasm_bindgen_test]
fn a_cohort_crosses_as_typed_arrays() {
    // theory, practical per candidate; the third has a knock-out in the practical
    let scores = [86.0, 72.0, 90.0, 95.0, 88.0, 91.0, 40.0, 50.0];
    let ko = [0, 0, 0, 0, 0, 1, 0, 0];
    let cohort = composite_cohort(
        JsValue::UNDEFINED,
        js_sys::Float64Array::from(&scores[..]).into(),
        js_sys::Uint8Array::from(&ko[..]).into(),
    )
    .unwrap();
    assert_eq!(cohort.candidates(), 4);
    assert_eq!(cohort.passed(), vec![1, 1, 0, 0]);
    let totals = cohort.totals();
    assert!((totals[0] - (0.4 * 86.0 + 0.6 * 72.0)).abs() < 1e-9);
    let summary = cohort.summary().unwrap();
    assert_eq!(num(&summary, "passRate"), 50.0);
    assert!(!get(&summary, "meetsTarget").as_bool().unwrap());
    assert_eq!(num(&summary, "targetPassRate"), 90.0);
    let err = composite_cohort(
        JsValue::UNDEFINED,
        js_sys::Float64Array::from(&scores[..3]).into(),
        js_sys::Uint8Array::from(&ko[..3]).into(),
    )
    .err()
    .unwrap();
    assert_error(&err, "INVALID_VALUE", "scores");
    let err = composite_cohort(
        JsValue::UNDEFINED,
        js_sys::Float64Array::from(&[101.0, 50.0][..]).into(),
        js_sys::Uint8Array::from(&[0u8, 0][..]).into(),
    )
    .err()
    .unwrap();
    assert_error(&err, "OUT_OF_RANGE", "scores[0].components.theory.score");
}
