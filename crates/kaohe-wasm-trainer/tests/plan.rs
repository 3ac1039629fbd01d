//! The plan binding in headless Chromium: plans from an evaluation or a whole team, tracking,
//! exports, and KaoheErrors with code and path on bad input.
#![cfg(target_arch = "wasm32")]

use js_sys::Array;
use kaohe_wasm_testing::{assert_error, get, json, object};
use kaohe_wasm_trainer::competency::Team;
use kaohe_wasm_trainer::plan::{
    default_catalog, edit_goal_js, generate_plan_js, generate_plans_js, kirkpatrick_report,
    plan_csv_js, plan_ics_js, plan_json_js, plan_progress, record_check_in_js, team_sessions_js,
    validate_plan,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const MODEL: &str = include_str!("../../../www/samples/model.json");
const TEAM: &str = include_str!("../../../www/samples/team.json");
const KIRKPATRICK: &str = include_str!("../../../www/samples/kirkpatrick.json");

fn team() -> Team {
    let mut team = Team::new(json(MODEL), json(TEAM), None).unwrap();
    team.evaluate(json(r#"{"date":"2026-12-01"}"#)).unwrap();
    team
}

fn plan_for(team: &Team, id: &str) -> JsValue {
    generate_plan_js(object(&[
        ("schemaVersion", 1.into()),
        ("evaluation", team.person(JsValue::from(id)).unwrap()),
        ("startDate", "2026-12-07".into()),
    ]))
    .unwrap()
}

#[wasm_bindgen_test]
fn a_plan_is_generated_from_an_evaluation() {
    let team = team();
    let plan = plan_for(&team, "E1001");
    assert_eq!(get(&plan, "personId").as_string().as_deref(), Some("E1001"));
    assert_eq!(Array::from(&get(&plan, "phases")).length(), 4);
    assert!(Array::from(&get(&plan, "goals")).length() > 0);
    assert!(validate_plan(plan.clone()).is_ok());
    let progress = plan_progress(object(&[("plan", plan), ("asOf", "2027-01-04".into())])).unwrap();
    assert!(get(&progress, "elapsedShare").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn a_whole_team_gets_plans_in_one_call() {
    let team = team();
    let cohort = generate_plans_js(&team, json(r#"{"startDate":"2026-12-07"}"#)).unwrap();
    assert_eq!(cohort.count(), 20);
    assert_eq!(cohort.person_ids().len(), 20);
    assert_eq!(Array::from(&cohort.failures().unwrap()).length(), 0);
    assert_eq!(
        get(&cohort.plan(JsValue::from("E1002")).unwrap(), "personId")
            .as_string()
            .as_deref(),
        Some("E1002")
    );
    assert_error(
        &cohort.plan(JsValue::from("E404")).unwrap_err(),
        "UNKNOWN_REFERENCE",
        "personId",
    );
    let sessions: Array = cohort
        .sessions(JsValue::UNDEFINED)
        .unwrap()
        .unchecked_into();
    for s in sessions.iter() {
        assert!(Array::from(&get(&s, "participants")).length() >= 3);
    }
    let error = cohort.sessions(json(r#"{"minPeople":1}"#)).unwrap_err();
    assert_error(&error, "OUT_OF_RANGE", "settings.minPeople");
    let error = generate_plans_js(&team, json(r#"{"startDate":"2026-02-30"}"#))
        .err()
        .unwrap();
    assert_error(&error, "INVALID_DATE", "startDate");
}

#[wasm_bindgen_test]
fn plans_made_before_evaluate_fail_clearly() {
    let team = Team::new(json(MODEL), json(TEAM), None).unwrap();
    let error = generate_plans_js(&team, json(r#"{"startDate":"2026-12-07"}"#))
        .err()
        .unwrap();
    assert_error(&error, "INVALID_VALUE", "");
}

#[wasm_bindgen_test]
fn check_ins_and_edits_update_the_plan_or_name_the_bad_goal() {
    let team = team();
    let plan = plan_for(&team, "E1001");
    let goal = Array::from(&get(&plan, "goals")).get(0);
    let goal_id = get(&goal, "id");
    let target = get(&goal, "target");
    let check_in = object(&[
        ("date", "2027-01-15".into()),
        (
            "progress",
            Array::of1(&object(&[("goalId", goal_id.clone()), ("value", target)])).into(),
        ),
        ("comment", "进步明显".into()),
    ]);
    let updated =
        record_check_in_js(object(&[("plan", plan.clone()), ("checkIn", check_in)])).unwrap();
    let goal = Array::from(&get(&updated, "goals")).get(0);
    assert_eq!(get(&goal, "attainment").as_f64(), Some(1.0));
    assert_eq!(Array::from(&get(&updated, "checkIns")).length(), 1);

    let bad = object(&[
        ("date", "2027-01-15".into()),
        (
            "progress",
            Array::of1(&object(&[("goalId", "nope".into()), ("value", 1.into())])).into(),
        ),
    ]);
    let error =
        record_check_in_js(object(&[("plan", plan.clone()), ("checkIn", bad)])).unwrap_err();
    assert_error(&error, "UNKNOWN_REFERENCE", "checkIn.progress[0].goalId");

    let error = edit_goal_js(object(&[
        ("plan", plan.clone()),
        ("edit", object(&[("goalId", "nope".into())])),
    ]))
    .unwrap_err();
    assert_error(&error, "UNKNOWN_REFERENCE", "edit.goalId");
    let edited = edit_goal_js(object(&[
        ("plan", plan),
        (
            "edit",
            object(&[("goalId", goal_id), ("deadline", "2027-01-30".into())]),
        ),
    ]))
    .unwrap();
    let goal = Array::from(&get(&edited, "goals")).get(0);
    assert_eq!(
        get(&goal, "deadline").as_string().as_deref(),
        Some("2027-01-29"),
        "Saturday → Friday"
    );
}

#[wasm_bindgen_test]
fn exports_have_a_bom_vevents_and_round_trip_json() {
    let team = team();
    let plan = plan_for(&team, "E1001");
    let csv = plan_csv_js(object(&[
        ("plan", plan.clone()),
        ("locale", "zh-CN".into()),
    ]))
    .unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv[3..].starts_with("姓名"));
    let ics = plan_ics_js(object(&[
        ("plan", plan.clone()),
        ("dtstamp", "2026-12-01T08:00:00Z".into()),
    ]))
    .unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"));
    assert!(ics.matches("BEGIN:VEVENT").count() >= 10);
    let error = plan_ics_js(object(&[("plan", plan.clone())])).unwrap_err();
    assert_error(&error, "MISSING_FIELD", "dtstamp");
    let error = plan_ics_js(object(&[
        ("plan", plan.clone()),
        ("dtstamp", "yesterday".into()),
    ]))
    .unwrap_err();
    assert_error(&error, "INVALID_DATE", "dtstamp");
    let text = plan_json_js(plan).unwrap();
    assert!(validate_plan(json(&text)).is_ok());
    let error = validate_plan(json(r#"{"schemaVersion":1}"#)).unwrap_err();
    assert_eq!(
        get(&error, "code").as_string().as_deref(),
        Some("MISSING_FIELD")
    );
}

#[wasm_bindgen_test]
fn team_sessions_and_kirkpatrick_take_plain_data() {
    let team = team();
    let plans = Array::new();
    for id in ["E1001", "E1002", "E1004", "E1005", "E1006"] {
        plans.push(&plan_for(&team, id));
    }
    let sessions = team_sessions_js(object(&[("plans", plans.into())])).unwrap();
    assert!(Array::is_array(&sessions));
    let report = kirkpatrick_report(json(KIRKPATRICK)).unwrap();
    let levels = Array::from(&get(&report, "levels"));
    assert_eq!(levels.length(), 4);
    let reaction = levels.get(0);
    // The sample's 20 ratings average 4.395 (computed by hand from the sample file).
    assert!((get(&reaction, "value").as_f64().unwrap() - 4.395).abs() < 0.006);
    assert_eq!(get(&reaction, "met").as_bool(), Some(true));
    let error = kirkpatrick_report(json(r#"{"schemaVersion":1,"reaction":[7]}"#)).unwrap_err();
    assert!(get(&error, "path")
        .as_string()
        .unwrap()
        .ends_with("reaction[0]"));
    assert!(Array::from(&get(&default_catalog().unwrap(), "measures")).length() > 4);
}
