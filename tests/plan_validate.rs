//! `validate_plan` (the page's `validatePlan`, and the check before every calendar export):
//! phases in order, every dated row on a working day, every reference resolved.

use kaohe::date::Date;
use kaohe::format::decode_json;
use kaohe::plan::export::ics::plan_ics;
use kaohe::plan::{validate_plan, Catalog, Plan, PlanGenerator, PlanSettings};
use kaohe::{ErrorCode, Locale};

fn plan() -> Plan {
    let g = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-12-07",
    )
    .unwrap();
    g.generate(
        &decode_json(include_str!("fixtures/plan/evaluation_li_na.json")).unwrap(),
        None,
    )
    .unwrap()
}

fn fails(plan: &Plan) -> (ErrorCode, String) {
    let e = validate_plan(plan).unwrap_err();
    (e.code(), e.path().to_string())
}

fn day(s: &str) -> Date {
    Date::parse(s, "").unwrap()
}

#[test]
fn a_generated_plan_is_valid_and_exports() {
    let p = plan();
    validate_plan(&p).unwrap();
    plan_ics(&p, "2026-11-20T08:00:00Z", Locale::ZhCn).unwrap();
}

#[test]
fn reversed_or_overlapping_phases_are_refused() {
    let mut p = plan();
    p.phases.swap(1, 2);
    assert_eq!(
        fails(&p),
        (ErrorCode::InvalidValue, "phases[1].key".to_string())
    );
    let mut p = plan();
    p.phases[2].start_date = p.phases[1].end_date;
    assert_eq!(
        fails(&p),
        (ErrorCode::InvalidValue, "phases[2].startDate".to_string())
    );
    let mut p = plan();
    p.phases.pop();
    assert_eq!(fails(&p), (ErrorCode::InvalidValue, "phases".to_string()));
    // The calendar export refuses what validation refuses, with the plan's path.
    let mut p = plan();
    p.phases.swap(0, 3);
    let e = plan_ics(&p, "2026-11-20T08:00:00Z", Locale::ZhCn).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidValue, "plan.phases[0].key")
    );
}

#[test]
fn deadlines_on_weekends_or_holidays_are_refused() {
    let mut p = plan();
    p.goals[0].deadline = day("2027-01-23"); // a Saturday
    assert_eq!(
        fails(&p),
        (ErrorCode::InvalidDate, "goals[0].deadline".to_string())
    );
    let mut p = plan();
    p.goals[1].deadline = day("2027-02-05"); // 除夕
    let e = validate_plan(&p).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidDate, "goals[1].deadline")
    );
    assert!(
        e.messages().zh.contains("法定节假日"),
        "{}",
        e.messages().zh
    );
    let mut p = plan();
    p.checkpoints[3].date = day("2027-01-01"); // 元旦
    assert_eq!(
        fails(&p),
        (ErrorCode::InvalidDate, "checkpoints[3].date".to_string())
    );
    let mut p = plan();
    p.tasks[0].date = day("2026-12-13"); // a Sunday
    assert_eq!(
        fails(&p),
        (ErrorCode::InvalidDate, "tasks[0].date".to_string())
    );
}

#[test]
fn references_must_resolve() {
    let mut p = plan();
    p.goals[0].dimension_id = "not_a_focus".into();
    assert_eq!(
        fails(&p),
        (
            ErrorCode::UnknownReference,
            "goals[0].dimensionId".to_string()
        )
    );
    let mut p = plan();
    p.tasks[0].measure_id = "no-such-measure".into();
    assert_eq!(
        fails(&p),
        (
            ErrorCode::UnknownReference,
            "tasks[0].measureId".to_string()
        )
    );
    let mut p = plan();
    p.measures[0].measure.dimension_id = "elsewhere".into();
    assert_eq!(
        fails(&p),
        (
            ErrorCode::UnknownReference,
            "measures[0].measure.dimensionId".to_string()
        )
    );
    let mut p = plan();
    let id = p.goals[0].id.clone();
    p.goals[1].id = id;
    assert_eq!(
        fails(&p),
        (ErrorCode::DuplicateId, "goals[1].id".to_string())
    );
    // A level goal (higher is better) whose target is below its baseline.
    let mut p = plan();
    let g = &mut p.goals[0];
    g.target = g.baseline - 0.5;
    assert_eq!(
        fails(&p),
        (ErrorCode::OutOfRange, "goals[0].target".to_string())
    );
}
