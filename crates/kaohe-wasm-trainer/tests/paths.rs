//! One error-path convention for every export (docs/api.md, "Error paths"): a function of one
//! argument reports paths inside it; a function of several starts each path with the argument's
//! name; a missing or wrongly typed argument is named by itself. A sample of functions from
//! every binding crate, each with a fault deep inside its input.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use kaohe_wasm_exam::exam::Exam;
use kaohe_wasm_trainer::bank::{split_bank_js, validate_bank};
use kaohe_wasm_trainer::competency::{validate_model, Team};
use kaohe_wasm_trainer::evidence::preview_kpi_csv_js;
use kaohe_wasm_trainer::plan::validate_plan;
use kaohe_wasm_trainer::rubric::{score_scorecard_js, validate_rubric_js};

wasm_bindgen_test_configure!(run_in_browser);

fn sample(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn js(value: &Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap()
}

fn bank() -> Value {
    sample(include_str!("../../../www/samples/bank.json"))
}

fn blueprint() -> Value {
    sample(include_str!("../../../www/samples/blueprint.json"))
}

fn model() -> Value {
    sample(include_str!("../../../www/samples/model.json"))
}

fn team() -> Value {
    sample(include_str!("../../../www/samples/team.json"))
}

/// The `path` of what `result` threw.
fn path<T>(result: Result<T, kaohe_wasm::Thrown>) -> String {
    let Err(error) = result else {
        panic!("no error")
    };
    Reflect::get(&error, &"path".into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// A bank whose fourth item repeats the first one's id.
fn duplicate_bank() -> Value {
    let mut bank = bank();
    bank["items"][3]["id"] = bank["items"][0]["id"].clone();
    bank
}

#[wasm_bindgen_test]
fn one_argument_paths_are_inside_it() {
    assert_eq!(path(validate_bank(js(&duplicate_bank()))), "items[3].id");
    let mut model = model();
    model["roles"][1]["targets"][0]["dimensionId"] = json!("no_such_dimension");
    assert_eq!(
        path(validate_model(js(&model))),
        "roles[1].targets[0].dimensionId"
    );
    let mut rubric = sample(include_str!("../../../www/samples/rubric.json"));
    rubric["sections"][0]["weight"] = json!(1);
    let at = path(validate_rubric_js(js(&rubric)));
    assert!(at.starts_with("sections"), "{at}");
    // A params object: the path starts at its field.
    let at = path(score_scorecard_js(js(
        &json!({ "rubric": rubric, "scorecard": {} }),
    )));
    assert_eq!(at, "scorecard.schemaVersion");
    let at = path(preview_kpi_csv_js(js(
        &json!({ "text": "", "headers": [{ "header": "一次解决", "field": "nothing" }] }),
    )));
    assert_eq!(at, "headers[0].field");
    let at = path(validate_plan(js(&json!({ "schemaVersion": 1 }))));
    assert_eq!(at, "planId", "not plan.planId");
    // A method of one argument.
    let exam = Exam::new(js(&bank()), js(&blueprint())).unwrap();
    let paper = exam.assemble(JsValue::from(7)).unwrap();
    let mut paper: Value =
        serde_json::from_str(&String::from(JSON::stringify(&paper).unwrap())).unwrap();
    paper["sections"][0]["itemIds"][0] = json!("no-such-item");
    let at = path(exam.view(js(&paper)));
    assert!(at.starts_with("sections[0]"), "{at}");
    assert_eq!(path(exam.encode(js(&json!([1])))), "");
}

#[wasm_bindgen_test]
fn several_arguments_paths_start_with_the_arguments_name() {
    assert_eq!(
        path(Exam::new(js(&duplicate_bank()), js(&blueprint()))),
        "bank.items[3].id"
    );
    let mut bad_blueprint = blueprint();
    bad_blueprint["sections"][0]["draw"][0]["count"] = json!(1000);
    let at = path(Exam::new(js(&bank()), js(&bad_blueprint)));
    assert!(at.starts_with("blueprint.sections[0]"), "{at}");
    assert_eq!(
        path(split_bank_js(js(&duplicate_bank()), JsValue::UNDEFINED)),
        "bank.items[3].id"
    );
    let mut evidence = team();
    evidence["people"][2]["role"] = json!("no_such_role");
    assert_eq!(
        path(Team::new(js(&model()), js(&evidence), None)),
        "evidence.people[2].role"
    );
    let mut model = model();
    model["roles"][1]["targets"][0]["dimensionId"] = json!("no_such_dimension");
    assert_eq!(
        path(Team::new(js(&model), js(&team()), None)),
        "model.roles[1].targets[0].dimensionId"
    );
}

#[wasm_bindgen_test]
fn a_missing_or_wrongly_typed_argument_is_named() {
    assert_eq!(path(validate_bank(JsValue::UNDEFINED)), "bank");
    assert_eq!(path(validate_model(JsValue::NULL)), "model");
    assert_eq!(path(Exam::new(js(&bank()), JsValue::NULL)), "blueprint");
    assert_eq!(
        path(Team::new(JsValue::UNDEFINED, js(&team()), None)),
        "model"
    );
    assert_eq!(
        path(Team::new(js(&model()), JsValue::UNDEFINED, None)),
        "evidence"
    );
    let exam = Exam::new(js(&bank()), js(&blueprint())).unwrap();
    assert_eq!(path(exam.assemble(JsValue::from("seven"))), "seed");
    assert_eq!(path(exam.score(JsValue::UNDEFINED)), "params");
}
