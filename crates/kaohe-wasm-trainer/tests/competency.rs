//! The competency binding in headless Chromium: a team crosses once, is evaluated in one call,
//! and answers with plain objects, typed arrays and SVG; bad input throws KaoheErrors.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON};
use kaohe_wasm_testing::{assert_error, get, json, set};
use kaohe_wasm_trainer::competency::{
    distribution_svg_js, evidence_from_results, heatmap_svg_js, import_kpi_csv_js, radar_svg_js,
    validate_model, Team,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MODEL: &str = include_str!("../../../www/samples/model.json");
const TEAM: &str = include_str!("../../../www/samples/team.json");
const KPI: &str = include_str!("../../../www/samples/kpi.csv");

fn options(date: &str) -> JsValue {
    json(&format!("{{\"date\":\"{date}\"}}"))
}

fn sample_team() -> Team {
    let mut team = Team::new(json(MODEL), json(TEAM), None).unwrap();
    team.evaluate(options("2026-12-01")).unwrap();
    team
}

#[wasm_bindgen_test]
fn a_team_is_evaluated_in_one_call_and_read_lazily() {
    let mut team = Team::new(json(MODEL), json(TEAM), None).unwrap();
    assert_eq!(team.headcount(), 20);
    let view = team.evaluate(options("2026-12-01")).unwrap();
    assert_eq!(get(&view, "headcount").as_f64(), Some(20.0));
    let dims: Array = get(&view, "dimensions").unchecked_into();
    assert_eq!(dims.length(), 8);
    let sentence = get(&dims.get(0), "sentence");
    assert!(get(&sentence, "zh").as_string().unwrap().contains('%'));
    let levels = team.levels().unwrap();
    assert_eq!(levels.len(), 20 * 8);
    assert!(levels.iter().any(|l| l.is_finite()));
    // The team pass skips sentences; the selected person gets them.
    let person = team.person(JsValue::from("E1001")).unwrap();
    assert_eq!(get(&person, "name").as_string().as_deref(), Some("李娜"));
    let first: JsValue = Array::from(&get(&person, "dimensions")).get(0);
    let explanation = get(&get(&first, "explanation"), "zh").as_string().unwrap();
    assert!(!explanation.is_empty());
    assert_eq!(team.dimension_ids().len(), 8);
}

#[wasm_bindgen_test]
fn the_radar_of_the_class_and_of_the_free_function_are_identical() {
    let team = sample_team();
    let from_team = team
        .radar_svg(JsValue::from("E1001"), JsValue::from_str("zh-CN"))
        .unwrap();
    let params = js_sys::Object::new();
    set(&params, "model", &team.model().unwrap());
    set(
        &params,
        "evaluation",
        &team.person(JsValue::from("E1001")).unwrap(),
    );
    set(&params, "team", &team.team().unwrap());
    set(&params, "locale", &"zh-CN".into());
    let free = radar_svg_js(params.clone().into()).unwrap();
    assert_eq!(from_team, free, "same input, same SVG");
    assert!(free.starts_with("<svg"));
    assert!(free.contains("李娜"));
    assert_eq!(free.matches("<line x1=\"300.0\" y1=\"250.0\"").count(), 8);
    set(&params, "locale", &"en".into());
    assert!(radar_svg_js(params.into()).unwrap().contains("Role target"));
    let chart = js_sys::Object::new();
    set(&chart, "team", &team.team().unwrap());
    assert!(heatmap_svg_js(chart.clone().into())
        .unwrap()
        .contains("<svg"));
    assert!(distribution_svg_js(chart.into()).unwrap().contains("<svg"));
    assert!(
        team.heatmap_svg(JsValue::UNDEFINED)
            .unwrap()
            .matches("<rect")
            .count()
            >= 160
    );
}

#[wasm_bindgen_test]
fn radar_params_are_checked() {
    let params = js_sys::Object::new();
    set(&params, "model", &json(MODEL));
    let error = radar_svg_js(params.into()).unwrap_err();
    assert_error(&error, "MISSING_FIELD", "evaluation");
    let error = radar_svg_js(JsValue::UNDEFINED).unwrap_err();
    assert_error(&error, "MISSING_FIELD", "params");
}

#[wasm_bindgen_test]
fn unknown_roles_and_evidence_for_nobody_are_errors_with_paths() {
    let team = json(TEAM);
    let people: Array = get(&team, "people").unchecked_into();
    set(&people.get(0), "role", &"pilot".into());
    let error = Team::new(json(MODEL), team, None).err().unwrap();
    assert_error(&error, "UNKNOWN_ROLE", "evidence.people[0].role");

    let team = json(TEAM);
    let evidence: Array = get(&team, "evidence").unchecked_into();
    set(&evidence.get(3), "personId", &"E9999".into());
    let error = Team::new(json(MODEL), team, None).err().unwrap();
    assert_error(&error, "UNKNOWN_REFERENCE", "evidence.evidence[3].personId");

    let team = Team::new(json(MODEL), json(TEAM), None).unwrap();
    let error = team.person(JsValue::from("E1001")).unwrap_err();
    assert_error(&error, "INVALID_VALUE", "");
    let team = sample_team();
    assert_error(
        &team.person(JsValue::from("E404")).unwrap_err(),
        "UNKNOWN_REFERENCE",
        "personId",
    );
    assert_error(
        &team
            .radar_svg(JsValue::from("E1001"), JsValue::from_str("fr"))
            .unwrap_err(),
        "UNKNOWN_VARIANT",
        "locale",
    );
}

#[wasm_bindgen_test]
fn a_model_with_a_non_positive_weight_is_rejected() {
    let model = json(MODEL);
    let dims: Array = get(&model, "dimensions").unchecked_into();
    let sources: Array = get(&get(&dims.get(0), "evidence"), "sources").unchecked_into();
    set(&sources.get(0), "weight", &JsValue::from_f64(0.0));
    let error = validate_model(model).unwrap_err();
    assert_eq!(
        get(&error, "path").as_string().unwrap(),
        "dimensions[0].evidence.sources[0].weight"
    );
    assert!(validate_model(json(MODEL)).is_ok());
}

#[wasm_bindgen_test]
fn kpi_csv_import_gives_records_or_a_row_and_column() {
    let imported = import_kpi_csv_js(JsValue::from(KPI)).unwrap();
    assert_eq!(get(&imported, "rows").as_f64(), Some(60.0));
    let evidence: Array = get(&imported, "evidence").unchecked_into();
    assert!(evidence.length() > 300);
    assert_eq!(
        get(&evidence.get(0), "kind").as_string().as_deref(),
        Some("kpi")
    );
    let error =
        import_kpi_csv_js(JsValue::from("工号,周期,客户满意度\nE1001,2026-11,很好\n")).unwrap_err();
    assert_error(&error, "INVALID_ROW", "rows[1].csat");
    let error = import_kpi_csv_js(JsValue::from("姓名,备注\n李娜,无\n")).unwrap_err();
    assert!(get(&error, "code").as_string().unwrap().len() > 3);
}

#[wasm_bindgen_test]
fn exam_and_rubric_results_become_evidence() {
    let params = json(
        r#"{
        "exams": [{ "personId": "E1001", "date": "2026-11-25", "sourceId": "a1", "result": {
            "schemaVersion": 1, "bankId": "b", "blueprintId": "p", "seed": 1, "points": 7, "maxPoints": 12,
            "percent": 58.3, "passMarkPercent": 60, "passed": false, "final": true, "pending": [],
            "timeUsedSeconds": null, "timeLimitSeconds": null, "overTime": false, "sections": [],
            "dimensions": [{ "key": "complaint_handling", "points": 7, "maxPoints": 12, "percent": 58.3 }],
            "knowledgePoints": [], "items": [] } }],
        "rubrics": []
    }"#,
    );
    let records = evidence_from_results(params);
    let records: Array = match records {
        Ok(r) => r.unchecked_into(),
        Err(e) => panic!("{:?}", get(&e, "path")),
    };
    assert_eq!(records.length(), 1);
    let record = records.get(0);
    assert_eq!(get(&record, "kind").as_string().as_deref(), Some("exam"));
    assert_eq!(
        get(&record, "key").as_string().as_deref(),
        Some("complaint_handling")
    );
    assert_eq!(get(&record, "value").as_f64(), Some(58.3));
    let error = evidence_from_results(json(
        r#"{"exams":[{"personId":"E1","date":"2026-13-01","result":{}}]}"#,
    ))
    .unwrap_err();
    assert_eq!(get(&error, "path").as_string().unwrap(), "exams[0].date");
}

/// 2,000 people × 8 dimensions + the team report, timed in the browser. The 20 ms target is for
/// the release build (`tests/e2e/team.test.mjs` measures it there); this debug build only
/// guards against a pathological slowdown.
#[wasm_bindgen_test]
fn two_thousand_people_are_evaluated_in_one_call() {
    let mut big = serde_json::from_str::<serde_json::Value>(TEAM).unwrap();
    let people = big["people"].as_array().unwrap().clone();
    let mut evidence = big["evidence"].as_array().unwrap().clone();
    let kpis = kaohe::competency::import_kpi_csv(KPI).unwrap().evidence;
    evidence.extend(kpis.iter().map(kaohe::format::to_json_value));
    let mut all_people = Vec::new();
    let mut all_evidence = Vec::new();
    for copy in 0..100 {
        for p in &people {
            let mut p = p.clone();
            p["id"] = format!("{}-{copy}", p["id"].as_str().unwrap()).into();
            all_people.push(p);
        }
        for e in &evidence {
            let mut e = e.clone();
            e["personId"] = format!("{}-{copy}", e["personId"].as_str().unwrap()).into();
            all_evidence.push(e);
        }
    }
    big["people"] = all_people.into();
    big["evidence"] = all_evidence.into();
    let mut team = Team::from_json(JsValue::from(MODEL), JsValue::from(big.to_string())).unwrap();
    let start = js_sys::Date::now();
    let view = team.evaluate(options("2026-12-01")).unwrap();
    let elapsed = js_sys::Date::now() - start;
    web_sys_log(&format!(
        "debug wasm: 2,000 people evaluated in {elapsed} ms"
    ));
    assert_eq!(get(&view, "headcount").as_f64(), Some(2000.0));
    assert_eq!(team.levels().unwrap().len(), 16_000);
    assert!(elapsed < 5_000.0, "{elapsed} ms");
}

fn web_sys_log(text: &str) {
    let console = get(&js_sys::global(), "console");
    let log: js_sys::Function = get(&console, "log").unchecked_into();
    let _ = log.call1(&console, &text.into());
}

/// The sample team's records as `EvidenceColumns` (as the package's `new Team` writes them),
/// and the set without its records.
fn as_columns(team: &JsValue) -> (JsValue, JsValue) {
    let records: Array = get(team, "evidence").unchecked_into();
    let strings = Array::new();
    let intern = |value: JsValue| -> u32 {
        let found = strings.index_of(&value, 0);
        if found >= 0 {
            return found as u32;
        }
        strings.push(&value) - 1
    };
    let kinds = ["exam", "rubric", "kpi", "selfRating", "supervisorRating"];
    let (mut person, mut kind, mut key, mut value, mut date, mut source) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for r in records.iter() {
        person.push(intern(get(&r, "personId")));
        let k = get(&r, "kind").as_string().unwrap();
        kind.push(kinds.iter().position(|x| *x == k).unwrap() as u8);
        key.push(intern(get(&r, "key")));
        value.push(get(&r, "value").as_f64().unwrap());
        date.push(intern(get(&r, "date")));
        let s = get(&r, "sourceId");
        source.push(if s.is_string() { intern(s) } else { u32::MAX });
    }
    let columns = js_sys::Object::new();
    set(&columns, "strings", &JSON::stringify(&strings).unwrap());
    set(&columns, "person", &js_sys::Uint32Array::from(&person[..]));
    set(&columns, "kind", &js_sys::Uint8Array::from(&kind[..]));
    set(&columns, "key", &js_sys::Uint32Array::from(&key[..]));
    set(&columns, "value", &js_sys::Float64Array::from(&value[..]));
    set(&columns, "date", &js_sys::Uint32Array::from(&date[..]));
    set(&columns, "source", &js_sys::Uint32Array::from(&source[..]));
    let lean = json(TEAM);
    set(&lean, "evidence", &Array::new());
    (lean, columns.into())
}

#[wasm_bindgen_test]
fn evidence_as_columns_builds_the_same_team_as_json() {
    let (lean, columns) = as_columns(&json(TEAM));
    let mut from_columns = Team::new(json(MODEL), lean, Some(columns)).unwrap();
    let mut from_json = Team::new(json(MODEL), json(TEAM), None).unwrap();
    let a = from_columns.evaluate(options("2026-12-01")).unwrap();
    let b = from_json.evaluate(options("2026-12-01")).unwrap();
    assert_eq!(JSON::stringify(&a).unwrap(), JSON::stringify(&b).unwrap());
    assert_eq!(
        JSON::stringify(&from_columns.person(JsValue::from("E1001")).unwrap()).unwrap(),
        JSON::stringify(&from_json.person(JsValue::from("E1001")).unwrap()).unwrap()
    );
}

#[wasm_bindgen_test]
fn broken_columns_are_errors_under_columns() {
    let (lean, columns) = as_columns(&json(TEAM));
    set(&columns, "kind", &js_sys::Uint8Array::from(&[9u8][..]));
    let error = Team::new(json(MODEL), lean, Some(columns)).err().unwrap();
    assert_error(&error, "INVALID_VALUE", "columns.kind");

    let (lean, columns) = as_columns(&json(TEAM));
    let person: js_sys::Uint32Array = get(&columns, "person").unchecked_into();
    person.set_index(2, 99_999);
    let error = Team::new(json(MODEL), lean, Some(columns)).err().unwrap();
    assert_error(&error, "OUT_OF_RANGE", "columns.person[2]");

    let (lean, columns) = as_columns(&json(TEAM));
    set(&columns, "value", &"many".into());
    let error = Team::new(json(MODEL), lean, Some(columns)).err().unwrap();
    assert_error(&error, "WRONG_TYPE", "columns.value");

    let (lean, _) = as_columns(&json(TEAM));
    let error = Team::new(json(MODEL), lean, Some(7.into())).err().unwrap();
    assert_error(&error, "WRONG_TYPE", "columns");
}
