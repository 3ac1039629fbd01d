//! Sealed exams and event-log hashing at the JS boundary, in headless Chromium.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use kaohe_wasm_exam::security::{chain_event, SealedExam};
use kaohe_wasm_testing::{assert_error, get, json};
use kaohe_wasm_trainer::bank::{join_bank_js, split_bank_js, verify_attempt_log};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BANK: &str = include_str!("../../../tests/fixtures/exam/sample_bank.json");
const BLUEPRINT: &str = include_str!("../../../tests/fixtures/exam/sample_blueprint.json");

#[wasm_bindgen_test]
fn split_join_and_a_sealed_paper_without_the_key() {
    let parts = split_bank_js(json(BANK), JsValue::UNDEFINED).unwrap();
    let public = get(&parts, "publicBank");
    let text = String::from(JSON::stringify(&public).unwrap());
    assert!(!text.contains("\"answer\"") && !text.contains("\"explanation\""));
    let sealed = SealedExam::new(public.clone(), json(BLUEPRINT)).unwrap();
    let paper = sealed.assemble(JsValue::from(2026)).unwrap();
    let view = sealed.view(paper).unwrap();
    assert!(get(&view, "itemCount").as_f64().unwrap() >= 1.0);
    let joined = join_bank_js(parts).unwrap();
    assert_eq!(get(&joined, "id").as_string().unwrap(), "cs-theory-2026");
    assert_eq!(
        JSON::stringify(&joined).unwrap(),
        JSON::stringify(&kaohe_wasm_trainer::bank::validate_bank(json(BANK)).unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn bad_input_is_a_kaohe_error_with_code_and_path() {
    let parts = split_bank_js(json(BANK), JsValue::UNDEFINED).unwrap();
    let key = get(&parts, "key");
    Reflect::set(&key, &"bankId".into(), &"another-bank".into()).unwrap();
    assert_error(
        &join_bank_js(parts).unwrap_err(),
        "UNKNOWN_REFERENCE",
        "key.bankId",
    );
    let error = SealedExam::new(
        json(r#"{"schemaVersion":1,"id":"b","title":"t","items":[{"id":"x","type":"nope"}]}"#),
        json(BLUEPRINT),
    )
    .err()
    .unwrap();
    assert_error(&error, "UNKNOWN_VARIANT", "publicBank.items[0].type");
    assert_error(
        &chain_event(JsValue::UNDEFINED, JsValue::from(3)).unwrap_err(),
        "WRONG_TYPE",
        "event",
    );
    assert_error(
        &verify_attempt_log(JsValue::NULL).unwrap_err(),
        "MISSING_FIELD",
        "record",
    );
}

#[wasm_bindgen_test]
fn a_chained_log_verifies_and_an_edit_is_found() {
    let start = json(r#"{"type":"start","at":1000}"#);
    let h1 = chain_event(JsValue::UNDEFINED, start.clone()).unwrap();
    assert_eq!(
        h1,
        "b0a789ca447e04b173506403df861e92a9f411deb0501236842d8a1b920e5200"
    );
    let answer = json(r#"{"type":"answer","at":2000,"itemId":"pk-001","value":"B"}"#);
    let h2 = chain_event(JsValue::from(h1.clone()), answer.clone()).unwrap();
    let record = json(&format!(
        r#"{{"events":[{{"type":"start","at":1000,"hash":"{h1}"}},{{"type":"answer","at":2000,"itemId":"pk-001","value":"B","hash":"{h2}"}}],
        "chainHead":"{h2}","responses":{{"pk-001":{{"value":"B","answeredAt":2000}}}},"startedAt":1000}}"#
    ));
    let check = verify_attempt_log(record.clone()).unwrap();
    assert_eq!(get(&check, "intact"), JsValue::TRUE);
    let responses = get(&record, "responses");
    Reflect::set(&get(&responses, "pk-001"), &"value".into(), &"C".into()).unwrap();
    let check = verify_attempt_log(record).unwrap();
    assert_eq!(get(&check, "intact"), JsValue::FALSE);
}

/// Arguments of the wrong JS type are coded errors at the parameter's path, never a trap
/// (wasm-bindgen's string glue read a number's missing length out of bounds).
#[wasm_bindgen_test]
fn wrongly_typed_arguments_are_coded_errors() {
    let event = json(r#"{"type":"x","at":1}"#);
    assert_error(
        &chain_event(JsValue::from(7), event.clone()).unwrap_err(),
        "WRONG_TYPE",
        "previous",
    );
    assert_error(
        &chain_event(js_sys::Object::new().into(), event.clone()).unwrap_err(),
        "WRONG_TYPE",
        "previous",
    );
    assert!(chain_event(JsValue::NULL, event).is_ok());
    let sealed = SealedExam::new(
        get(
            &split_bank_js(json(BANK), JsValue::UNDEFINED).unwrap(),
            "publicBank",
        ),
        json(BLUEPRINT),
    )
    .unwrap();
    for bad in [
        JsValue::from("abc"),
        JsValue::from(-1),
        JsValue::from(1.5),
        JsValue::from(4294967296.0),
        JsValue::NULL,
    ] {
        assert_error(&sealed.assemble(bad).unwrap_err(), "WRONG_TYPE", "seed");
    }
    assert!(sealed.assemble(JsValue::from(4294967295.0)).is_ok());
    assert_error(
        &kaohe_wasm::locale::set_locale(JsValue::from(7)).unwrap_err(),
        "WRONG_TYPE",
        "locale",
    );
}
