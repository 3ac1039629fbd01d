//! The exam API at the JS boundary, in headless Chromium: plain objects in and out, typed arrays
//! for cohorts, and every bad input a thrown `Error` with `code` and `path`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Float64Array, Object, JSON};
use kaohe_wasm_exam::exam::Exam;
use kaohe_wasm_testing::{assert_error, get, json, set};
use kaohe_wasm_trainer::bank::validate_bank;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BANK: &str = include_str!("../../../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../../../www/samples/blueprint.json");

fn exam() -> Exam {
    Exam::new(json(BANK), json(BLUEPRINT)).unwrap()
}

#[wasm_bindgen_test]
fn a_paper_is_a_plain_object_and_its_view_has_no_key() {
    let exam = exam();
    let paper = exam.assemble(JsValue::from(42)).unwrap();
    assert!(paper.is_object() && !paper.is_instance_of::<js_sys::Map>());
    assert_eq!(
        Object::get_prototype_of(&paper),
        Object::get_prototype_of(&Object::new().into())
    );
    assert_eq!(get(&paper, "seed").as_f64(), Some(42.0));
    let again = exam.assemble(JsValue::from(42)).unwrap();
    assert_eq!(
        JSON::stringify(&paper).unwrap(),
        JSON::stringify(&again).unwrap()
    );
    let view = exam.view(paper).unwrap();
    let text = String::from(JSON::stringify(&view).unwrap());
    assert!(!text.contains("\"answer\""));
    assert!(!text.contains("explanation"));
    assert_eq!(get(&view, "itemCount").as_f64(), Some(30.0));
}

#[wasm_bindgen_test]
fn score_returns_a_result_and_a_failed_exam_is_not_an_error() {
    let exam = exam();
    let paper = exam.assemble(JsValue::from(7)).unwrap();
    let params = Object::new();
    set(&params, "paper", &paper);
    set(&params, "responses", &Object::new());
    set(&params, "timeUsedSeconds", &JsValue::from_f64(120.0));
    let result = exam.score(params.into()).unwrap();
    assert_eq!(get(&result, "passed").as_bool(), Some(false));
    assert_eq!(get(&result, "points").as_f64(), Some(0.0));
    assert!(Array::is_array(&get(&result, "sections")));
    assert_eq!(get(&result, "timeUsedSeconds").as_f64(), Some(120.0));
}

#[wasm_bindgen_test]
fn a_compiled_paper_scores_like_the_exam() {
    let exam = exam();
    let paper = exam.assemble(JsValue::from(9)).unwrap();
    let scoring = exam.compile(paper.clone()).unwrap();
    let params = Object::new();
    set(&params, "paper", &paper);
    set(&params, "timeUsedSeconds", &JsValue::from_f64(30.0));
    let attempt = Object::new();
    set(&attempt, "timeUsedSeconds", &JsValue::from_f64(30.0));
    assert_eq!(
        JSON::stringify(&exam.score(params.into()).unwrap()).unwrap(),
        JSON::stringify(&scoring.score(attempt.into()).unwrap()).unwrap()
    );
    let bad = Object::new();
    set(&bad, "paper", &paper);
    assert_error(
        &scoring.score(bad.into()).unwrap_err(),
        "UNKNOWN_FIELD",
        "paper",
    );
}

/// `Exam.score` keeps the paper it compiled last: scoring the same paper again, another paper,
/// then the first again must give what a fresh `Exam` gives, errors included.
#[wasm_bindgen_test]
fn repeated_scoring_of_a_paper_matches_a_fresh_exam() {
    let exam = exam();
    let (first, second) = (
        exam.assemble(JsValue::from(3)).unwrap(),
        exam.assemble(JsValue::from(4)).unwrap(),
    );
    let section = Array::from(&get(&first, "sections")).get(0);
    let item = Array::from(&get(&section, "itemIds")).get(0);
    let attempt = |paper: &JsValue, answer: &str, extra: Option<&str>| {
        let params = Object::new();
        set(&params, "paper", paper);
        let responses = Object::new();
        set(&responses, &item.as_string().unwrap(), &answer.into());
        set(&params, "responses", &responses);
        if let Some(field) = extra {
            set(&params, field, &JsValue::TRUE);
        }
        JsValue::from(params)
    };
    let text = |r: Result<JsValue, kaohe_wasm::Thrown>| match r {
        Ok(v) => JSON::stringify(&v).unwrap().as_string().unwrap(),
        Err(e) => format!(
            "{:?} {:?}",
            get(&e, "code").as_string(),
            get(&e, "path").as_string()
        ),
    };
    for (paper, answer, extra) in [
        (&first, "A", None),
        (&first, "B", None),
        (&first, "B", Some("unexpected")),
        (&first, "Z", None),
        (&second, "A", None),
        (&first, "C", None),
    ] {
        let fresh = Exam::new(json(BANK), json(BLUEPRINT)).unwrap();
        assert_eq!(
            text(exam.score(attempt(paper, answer, extra))),
            text(fresh.score(attempt(paper, answer, extra))),
            "{answer} {extra:?}"
        );
    }
}

#[wasm_bindgen_test]
fn bad_inputs_throw_errors_with_code_and_path() {
    let bank = json(BANK);
    let items = get(&bank, "items");
    let second = Array::from(&items).get(1);
    set(&second, "points", &JsValue::from_f64(0.0));
    assert_error(
        &validate_bank(bank).unwrap_err(),
        "NON_POSITIVE_POINTS",
        "items[1].points",
    );

    let bank = json(BANK);
    let first = Array::from(&get(&bank, "items")).get(0);
    set(&first, "answer", &"Z".into());
    assert_error(
        &validate_bank(bank).unwrap_err(),
        "UNKNOWN_REFERENCE",
        "items[0].answer",
    );

    let bank = json(BANK);
    set(
        &Array::from(&get(&bank, "items")).get(3),
        "points",
        &"两分".into(),
    );
    assert_error(
        &validate_bank(bank).unwrap_err(),
        "WRONG_TYPE",
        "items[3].points",
    );

    assert_error(
        &Exam::new(JsValue::UNDEFINED, json(BLUEPRINT))
            .err()
            .unwrap(),
        "MISSING_FIELD",
        "bank",
    );
    let blueprint = json(BLUEPRINT);
    set(&blueprint, "passMarkPercent", &JsValue::from_f64(150.0));
    assert_error(
        &Exam::new(json(BANK), blueprint).err().unwrap(),
        "OUT_OF_RANGE",
        "blueprint.passMarkPercent",
    );

    let exam = exam();
    let paper = exam.assemble(JsValue::from(1)).unwrap();
    let params = Object::new();
    set(&params, "paper", &paper);
    let responses = Object::new();
    set(&responses, "no-such-item", &"A".into());
    set(&params, "responses", &responses);
    assert_error(
        &exam.score(params.into()).unwrap_err(),
        "UNKNOWN_REFERENCE",
        "responses.no-such-item",
    );
}

#[wasm_bindgen_test]
fn a_cohort_crosses_once_as_bytes_and_totals_come_back_typed() {
    let exam = exam();
    let ids = exam.cohort_item_ids();
    let bank = json(BANK);
    let true_false: Vec<String> = Array::from(&get(&bank, "items"))
        .iter()
        .filter(|item| get(item, "type").as_string().as_deref() == Some("trueFalse"))
        .filter_map(|item| get(&item, "id").as_string())
        .filter(|id| ids.contains(id))
        .collect();
    assert!(!true_false.is_empty());
    let mut packed = Vec::new();
    let mut offsets = vec![0u32];
    for candidate in 0..50usize {
        let responses = Object::new();
        for (i, id) in true_false.iter().enumerate() {
            if (i + candidate) % 3 != 0 {
                set(
                    &responses,
                    id,
                    &JsValue::from_bool((i + candidate) % 2 == 0),
                );
            }
        }
        let bytes = exam.encode(responses.into()).unwrap();
        packed.extend_from_slice(&bytes);
        offsets.push(packed.len() as u32);
    }
    let cohort = exam
        .score_cohort(
            js_sys::Uint8Array::from(&packed[..]).into(),
            js_sys::Uint32Array::from(&offsets[..]).into(),
        )
        .unwrap();
    assert_eq!(cohort.candidates(), 50);
    let totals: JsValue = Float64Array::from(cohort.totals().as_slice()).into();
    assert!(totals.is_instance_of::<Float64Array>());
    let analysis = cohort.analyze(JsValue::UNDEFINED).unwrap();
    assert!(Array::is_array(&get(&analysis, "items")));
    // Corrupt bytes are an error, never a trap that kills the instance.
    let error = exam
        .score_cohort(
            js_sys::Uint8Array::from(&packed[..packed.len() - 3]).into(),
            js_sys::Uint32Array::from(&offsets[..]).into(),
        )
        .err()
        .unwrap();
    assert_eq!(get(&error, "code").as_string().unwrap(), "CORRUPT_DATA");
    assert!(
        exam.assemble(JsValue::from(3)).is_ok(),
        "the instance still works"
    );
}
