//! The cycle bindings in headless Chromium (full module): roster, dimensions and exam set-up
//! take plain objects and return plain objects; every failure is a real JS `Error` with `code`
//! and `path`.
#![cfg(target_arch = "wasm32")]

use js_sys::Reflect;
use kaohe_wasm_testing::{assert_error, get, json};
use kaohe_wasm_trainer::cycle::{
    check_dimension_js, check_exam_js, default_dimensions_js, prepare_exam_js, roster_problems_js,
    table_csv_js, validate_roster_js,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BANK: &str = include_str!("../../../www/samples/bank.json");

#[wasm_bindgen_test]
fn rosters_are_checked_with_paths() {
    let ok = json(
        r#"{"schemaVersion":1,"people":[{"id":"E1","name":"李娜","role":"frontline","group":"售后"}]}"#,
    );
    validate_roster_js(ok).unwrap();
    let bad = json(
        r#"{"schemaVersion":1,"people":[{"id":"E1","name":"李娜","role":"frontline","group":"售后","supervisorId":"E9"}]}"#,
    );
    let e = validate_roster_js(bad).unwrap_err();
    assert_error(&e, "UNKNOWN_REFERENCE", "people[0].supervisorId");
    let problems = roster_problems_js(json(
        r#"[{"id":"E1","name":"甲","role":"frontline","group":"售后"},{"id":"E1","name":"乙","role":"frontline","group":"售后"}]"#,
    ))
    .unwrap();
    let first = Reflect::get_u32(&problems, 0).unwrap();
    assert_eq!(get(&first, "code").as_string().unwrap(), "DUPLICATE_ID");
    let e = validate_roster_js(JsValue::NULL).unwrap_err();
    assert_error(&e, "MISSING_FIELD", "roster");
}

#[wasm_bindgen_test]
fn dimensions_come_from_one_list() {
    let list = default_dimensions_js().unwrap();
    assert_eq!(js_sys::Array::from(&list).length(), 8);
    check_dimension_js(list.clone(), "compliance".into(), "x".into()).unwrap();
    let e = check_dimension_js(
        list,
        "corporate_culture".into(),
        "items[0].tags.dimension".into(),
    )
    .unwrap_err();
    assert_error(&e, "UNKNOWN_DIMENSION", "items[0].tags.dimension");
}

#[wasm_bindgen_test]
fn exam_set_up_reports_pools_and_prepares() {
    let exam = r#"{"schemaVersion":1,"id":"q4","title":"第四季度考核","bankIds":["cs-theory-2026"],
      "blueprint":{"schemaVersion":1,"id":"q4","title":"第四季度考核","bankId":"","sections":[
        {"id":"s1","title":"合规","draw":[{"count":COUNT,"filter":{"dimensions":["compliance"]}}]}]}}"#;
    let params = |count: &str| {
        json(&format!(
            r#"{{"exam":{},"banks":[{BANK}]}}"#,
            exam.replace("COUNT", count)
        ))
    };
    let check = check_exam_js(params("99")).unwrap();
    let problems = js_sys::Array::from(&get(&check, "problems"));
    assert_eq!(problems.length(), 1);
    assert_eq!(
        get(&problems.get(0), "path").as_string().unwrap(),
        "blueprint.sections[0].draw[0].count"
    );
    let prepared = prepare_exam_js(params("3")).unwrap();
    assert_eq!(
        get(&get(&prepared, "bank"), "id").as_string().unwrap(),
        "exam-bank:q4"
    );
    let e = prepare_exam_js(params("99")).unwrap_err();
    assert_error(&e, "POOL_TOO_SMALL", "blueprint.sections[0].draw[0].count");
    let csv = table_csv_js(json(r#"[["工号","姓名"],["E1001","李娜"]]"#)).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
}
