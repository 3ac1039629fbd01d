//! Plan generation: focus, SMART goal targets (bounds, direction, deadlines), bad input.

use kaohe::date::Date;
use kaohe::format::decode_json;
use kaohe::plan::*;
use kaohe::ErrorCode;

const LI_NA: &str = include_str!("fixtures/plan/evaluation_li_na.json");

fn evaluation() -> Evaluation {
    decode_json(LI_NA).unwrap()
}

fn generator() -> PlanGenerator {
    PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-11-23",
    )
    .unwrap()
}

fn day(s: &str) -> Date {
    Date::parse(s, "").unwrap()
}

fn goal<'a>(plan: &'a Plan, id: &str) -> &'a Goal {
    plan.goals.iter().find(|g| g.id == id).unwrap()
}

#[test]
fn focus_is_the_top_three_gaps_with_reasons() {
    let plan = generator().generate(&evaluation(), None).unwrap();
    let ids: Vec<_> = plan.focus.iter().map(|f| f.dimension_id.as_str()).collect();
    // Priority 1.2, 0.9, then the 0.24 tie broken by the larger gap (0.3 over 0.2).
    assert_eq!(
        ids,
        [
            "emotion_management",
            "complaint_handling",
            "problem_solving"
        ]
    );
    assert_eq!(plan.plan_id, "E1001-2026-11-23");
    assert!(!plan.no_gaps);
    assert!(plan.focus[1].reason.zh.contains("差距 0.6"));
    assert_eq!(plan.focus[1].self_rating, Some(3.0));
    assert_eq!(plan.focus[1].supervisor_rating, Some(2.0));
    // Emotion management is 1.2 below target, more than one level per cycle.
    assert_eq!(plan.focus[0].plan_target_level, 2.8);
    let codes: Vec<_> = plan.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"GAP_EXCEEDS_STEP"));
    assert!(codes.contains(&"INSUFFICIENT_EVIDENCE"));
}

#[test]
fn targets_are_bounded_steps_in_the_evidence_unit() {
    let plan = generator().generate(&evaluation(), None).unwrap();
    // Complaint handling: 2.4 → 3.0 (role target caps the +1 step); Δ = 0.6 level.
    let level = goal(&plan, "complaint_handling.level");
    assert_eq!((level.baseline, level.target), (2.4, 3.0));
    // Exam 58 at level 2.3: 58 + (100 − 58) × 0.6 / 2.7 = 67.3 → 68.
    let exam = goal(&plan, "complaint_handling.exam.complaint_handling");
    assert_eq!((exam.baseline, exam.target), (58.0, 68.0));
    assert_eq!(
        exam.text.zh,
        "9 周内（2027-01-22 前）投诉处理测试得分从 58 分提升至 ≥ 68 分"
    );
    assert!(exam.text.en.starts_with("Within 9 weeks (by 2027-01-22)"));
    // Rubric 61 at 2.5: 61 + 39 × 0.6 / 2.5 = 70.4 → 71.
    assert_eq!(
        goal(&plan, "complaint_handling.rubric.投诉处理").target,
        71.0
    );
    // CSAT sits above the target level: no goal on it; ratings never become goals.
    assert!(plan.goals.iter().all(|g| g.metric.key != "csat"));
    assert!(plan.goals.iter().all(|g| g.metric.key != "supervisor"));
    // Emotion management, lower is better: complaint rate 2.4 at level 1.6, Δ = 1:
    // 2.4 − 2.4 / 3.4 = 1.69 → 1.6 (rounded toward the goal); AHT 420 at 2.0 toward the
    // 180 s floor: 420 − 240 / 3 = 340.
    let rate = goal(&plan, "emotion_management.kpi.complaintRate");
    assert_eq!(
        (rate.target, rate.metric.direction),
        (1.6, Direction::Decrease)
    );
    assert!(rate.text.zh.contains("降至 ≤ 1.6 %"), "{}", rate.text.zh);
    let aht = goal(&plan, "emotion_management.kpi.aht");
    assert_eq!(aht.target, 340.0);
    assert!(aht.target < aht.baseline);
    // Problem solving has no evidence: the level goal only.
    assert_eq!(
        plan.goals
            .iter()
            .filter(|g| g.dimension_id == "problem_solving")
            .count(),
        1
    );
    for g in &plan.goals {
        assert!(
            g.target >= g.metric.min && g.target <= g.metric.max,
            "{g:?}"
        );
        assert!(g.metric.at_least_as_good(g.target, g.baseline), "{g:?}");
        assert_eq!(g.deadline, day("2027-01-22"));
        assert!(!g.deadline.weekday().is_weekend());
        assert_eq!(g.attainment, 0.0);
    }
}

#[test]
fn domain_example_exam_72_becomes_86_and_scales_are_never_exceeded() {
    let s = PlanSettings::default();
    let exam = goals::metric_for(SourceKind::Exam, "product_knowledge", &name()).unwrap();
    // 72 at level 3.0, one level: 72 + 28 / 2 = 86.
    assert_eq!(goals::target_in_unit(&exam, 72.0, 3.0, 1.0, &s), 86.0);
    assert_eq!(goals::target_in_unit(&exam, 98.0, 4.6, 1.0, &s), 100.0);
    assert_eq!(goals::target_in_unit(&exam, 100.0, 5.0, 1.0, &s), 100.0);
    let csat = goals::metric_for(SourceKind::Kpi, "csat", &name()).unwrap();
    assert_eq!(goals::target_in_unit(&csat, 4.9, 4.8, 1.0, &s), 5.0);
    let aht = goals::metric_for(SourceKind::Kpi, "aht", &name()).unwrap();
    // Already under the floor: kept, never made worse.
    assert_eq!(goals::target_in_unit(&aht, 150.0, 4.0, 1.0, &s), 150.0);
    let rate = goals::metric_for(SourceKind::Kpi, "complaintRate", &name()).unwrap();
    assert_eq!(goals::target_in_unit(&rate, 0.0, 4.0, 1.0, &s), 0.0);
}

#[test]
fn no_gaps_gives_stretch_goals() {
    let mut e = evaluation();
    e.gaps.clear();
    for d in &mut e.dimensions {
        if let Some(level) = d.level {
            d.target = level.min(3.0);
            d.gap = Some(d.target - level);
        }
    }
    let plan = generator().generate(&e, None).unwrap();
    assert!(plan.no_gaps);
    assert!(plan.warnings.iter().any(|w| w.code == "NO_GAPS"));
    assert!(plan.summary.zh.contains("均已达到岗位目标"));
    assert_eq!(plan.focus.len(), 3);
    // Most important first: complaint handling and product knowledge (1.5).
    assert!(plan.focus.iter().all(|f| f.stretch));
    for f in &plan.focus {
        assert!((f.plan_target_level - (f.level + 0.5).min(5.0)).abs() < 1e-9);
    }
    assert!(plan.goals.iter().all(|g| g.stretch));
}

#[test]
fn a_focus_dimension_without_measures_still_plans_with_a_warning() {
    let mut catalog = Catalog::default_catalog().unwrap();
    catalog
        .measures
        .retain(|m| m.dimension_id != "complaint_handling");
    let g = PlanGenerator::new(catalog, PlanSettings::default(), "2026-11-23").unwrap();
    let plan = g.generate(&evaluation(), None).unwrap();
    let w = plan
        .warnings
        .iter()
        .find(|w| w.code == "NO_MEASURE_FOR_DIMENSION")
        .unwrap();
    assert_eq!(w.dimension_id.as_deref(), Some("complaint_handling"));
    assert!(plan
        .goals
        .iter()
        .any(|g| g.dimension_id == "complaint_handling"));
    assert!(plan
        .measures
        .iter()
        .all(|m| m.measure.dimension_id != "complaint_handling"));
}

#[test]
fn bad_input_names_code_and_path() {
    let request = |eval: Evaluation, start: &str| PlanRequest {
        schema_version: 1,
        evaluation: eval,
        start_date: start.into(),
        plan_id: None,
        settings: PlanSettings::default(),
        catalog: None,
    };
    let e = generate_plan(&request(evaluation(), "2026-02-30")).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidDate, "startDate"));

    let mut bad = evaluation();
    bad.dimensions[2].dimension_id = "typing_speed".into();
    let e = generate_plan(&request(bad, "2026-11-23")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownDimension);
    assert_eq!(e.path(), "evaluation.dimensions[2].dimensionId");

    let mut bad = evaluation();
    bad.dimensions[0].level = Some(6.0);
    let e = generate_plan(&request(bad, "2026-11-23")).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "evaluation.dimensions[0].level")
    );

    let mut bad = evaluation();
    bad.dimensions[0].sources[2].key = "nps".into();
    let e = generate_plan(&request(bad, "2026-11-23")).unwrap_err();
    assert_eq!(e.path(), "evaluation.dimensions[0].sources[2].key");

    let settings = PlanSettings {
        cycle_weeks: 2,
        ..PlanSettings::default()
    };
    let mut r = request(evaluation(), "2026-11-23");
    r.settings = settings;
    let e = generate_plan(&r).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "settings.cycleWeeks")
    );

    // Decoding: the evaluation ignores unknown fields (blindSpots, change) but the request
    // envelope does not.
    let text = format!(r#"{{"schemaVersion":1,"startDate":"2026-11-23","evaluation":{LI_NA}}}"#);
    assert!(generate_plan(&decode_json::<PlanRequest>(&text).unwrap()).is_ok());
    let text = format!(
        r#"{{"schemaVersion":1,"startDate":"2026-11-23","evaluation":{LI_NA},"colour":1}}"#
    );
    assert_eq!(
        decode_json::<PlanRequest>(&text).unwrap_err().code(),
        ErrorCode::UnknownField
    );
}

#[test]
fn plan_json_round_trips_strictly() {
    let plan = generator().generate(&evaluation(), Some("P-1")).unwrap();
    let text = kaohe::format::to_json_string(&plan);
    assert!(text.contains("\"schemaVersion\":1"));
    assert!(text.contains("\"planTargetLevel\""));
    let back: Plan = decode_json(&text).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn batch_of_2000_prepares_once_and_reports_failures() {
    let base = evaluation();
    let mut evaluations = Vec::new();
    for i in 0..2000 {
        let mut e = base.clone();
        e.person_id = format!("E{:04}", i);
        if let Some(d) = e.dimensions.get_mut(0) {
            d.level = Some(1.0 + f64::from(i % 20) * 0.1);
        }
        evaluations.push(e);
    }
    evaluations[5].dimensions[1].importance = f64::NAN;
    let request = PlanBatchRequest {
        schema_version: 1,
        evaluations,
        start_date: "2026-11-23".into(),
        settings: PlanSettings::default(),
        catalog: None,
    };
    let started = std::time::Instant::now();
    let batch = generate_plans(&request).unwrap();
    let elapsed = started.elapsed();
    eprintln!("2,000 plans in {elapsed:?} (debug build)");
    assert_eq!(batch.plans.len(), 1999);
    assert_eq!(batch.failures.len(), 1);
    assert_eq!(batch.failures[0].index, 5);
    assert_eq!(
        batch.failures[0].path,
        "evaluations[5].dimensions[1].importance"
    );
    assert_eq!(batch.failures[0].code, "OUT_OF_RANGE");
}

fn name() -> kaohe::Text {
    kaohe::Text::new("产品知识", "Product knowledge")
}
