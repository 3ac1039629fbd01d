//! The candidate module's boundary in headless Chromium (`kaohe-wasm-exam` without the `cohort`
//! feature, as the candidate module links it): the exam path a candidate's page takes (assemble,
//! view, answer, review, score, encode), the attempt-log hash and the locale, with no trainer
//! binding linked. (Sealed exams on the candidate module are taken in `tests/e2e/sealed.test.mjs`.)
#![cfg(target_arch = "wasm32")]

use js_sys::{Error as JsError, Object, JSON};
use kaohe_wasm::locale::set_locale;
use kaohe_wasm_exam::exam::Exam;
use kaohe_wasm_exam::security::chain_event;
use kaohe_wasm_testing::{get, json, set};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BANK: &str = include_str!("../../../www/samples/bank.json");
const BLUEPRINT: &str = include_str!("../../../www/samples/blueprint.json");

fn params(paper: &JsValue, responses: &JsValue) -> JsValue {
    let params = Object::new();
    set(&params, "paper", paper);
    set(&params, "responses", responses);
    params.into()
}

#[wasm_bindgen_test]
fn a_candidate_takes_an_exam_on_the_candidate_module() {
    let exam = Exam::new(json(BANK), json(BLUEPRINT)).unwrap();
    let paper = exam.assemble(JsValue::from(20261122)).unwrap();
    let view = exam.view(paper.clone()).unwrap();
    assert_eq!(get(&view, "itemCount").as_f64(), Some(30.0));
    assert!(!String::from(JSON::stringify(&view).unwrap()).contains("\"answer\""));

    // Answer the first single-choice item with the option the bank marks correct.
    let bank = json(BANK);
    let items = js_sys::Array::from(&get(&bank, "items"));
    let item_ids = String::from(JSON::stringify(&get(&paper, "sections")).unwrap());
    let single = items
        .iter()
        .find(|item| {
            get(item, "type").as_string().as_deref() == Some("single")
                && item_ids.contains(&get(item, "id").as_string().unwrap())
        })
        .unwrap();
    let responses = Object::new();
    set(
        &responses,
        &get(&single, "id").as_string().unwrap(),
        &get(&single, "answer"),
    );
    let responses: JsValue = responses.into();

    let result = exam.score(params(&paper, &responses)).unwrap();
    assert!(get(&result, "points").as_f64().unwrap() > 0.0);
    let compiled = exam.compile(paper.clone()).unwrap();
    let attempt = Object::new();
    set(&attempt, "responses", &responses);
    assert_eq!(
        get(&compiled.score(attempt.into()).unwrap(), "points").as_f64(),
        get(&result, "points").as_f64()
    );
    let review = exam.review(params(&paper, &responses)).unwrap();
    assert!(get(&review, "items").is_object());
    assert!(!exam.encode(responses).unwrap().is_empty());
}

#[wasm_bindgen_test]
fn the_log_hash_is_sha256_of_the_previous_hash_and_the_canonical_event() {
    // Python: hashlib.sha256(('0' * 64 + canonical).encode()).hexdigest(), where canonical is
    // {"at":1767225600000,"itemId":"pk-001","type":"answer","value":["退货","7"]}.
    let event =
        json(r#"{"type":"answer","at":1767225600000,"itemId":"pk-001","value":["退货","7"]}"#);
    assert_eq!(
        chain_event(JsValue::UNDEFINED, event).unwrap(),
        "35402c1583ecf2b408e306acbedcff5660ae0249ad19f8d20f2df20bc7d8c855"
    );
}

#[wasm_bindgen_test]
fn errors_carry_code_and_path_in_the_chosen_locale() {
    set_locale(JsValue::from("en")).unwrap();
    let error = Exam::new(json(r#"{"schemaVersion":1}"#), json(BLUEPRINT))
        .err()
        .unwrap();
    set_locale(JsValue::from("zh-CN")).unwrap();
    assert!(error.is_instance_of::<JsError>());
    assert_eq!(get(&error, "code").as_string().unwrap(), "MISSING_FIELD");
    let message = String::from(error.unchecked_ref::<JsError>().message());
    assert!(message.is_ascii(), "{message}");
}
