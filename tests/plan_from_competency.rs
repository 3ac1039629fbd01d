//! The competency evaluation feeds plan generation directly (no JSON round trip).

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, EvaluationOptions,
};
use kaohe::date::Date;
use kaohe::format::decode_json;
use kaohe::plan::{from_competency, generate_plans, Evaluation, PlanBatchRequest, PlanSettings};

fn sample_team() -> kaohe::competency::TeamEvaluation {
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let mut set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    set.evidence.extend(
        import_kpi_csv(include_str!("../www/samples/kpi.csv"))
            .unwrap()
            .evidence,
    );
    let date = Date::from_ymd(2026, 12, 1).unwrap();
    evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap()
}

/// The plan generator the tests share: the default catalog and settings, plans from 7 Dec 2026.
fn generator() -> kaohe::plan::PlanGenerator {
    kaohe::plan::PlanGenerator::new(
        kaohe::plan::Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-12-07",
    )
    .unwrap()
}

#[test]
fn direct_conversion_equals_reading_the_evaluation_json() {
    let team = sample_team();
    for person in &team.people {
        let direct = from_competency(person);
        let via_json: Evaluation = decode_json(&kaohe::format::to_json_string(person)).unwrap();
        assert_eq!(direct.person_id, via_json.person_id);
        assert_eq!(direct.gaps, via_json.gaps);
        assert_eq!(
            direct.dimensions.len(),
            via_json.dimensions.len(),
            "sample roles target every dimension"
        );
        for (a, b) in direct.dimensions.iter().zip(&via_json.dimensions) {
            assert_eq!(a.level, b.level);
            assert_eq!(a.target, b.target);
            assert_eq!(a.status, b.status);
            assert_eq!(a.sources, b.sources);
        }
    }
}

#[test]
fn every_sample_person_gets_a_plan() {
    let team = sample_team();
    let request = PlanBatchRequest {
        schema_version: 1,
        evaluations: team.people.iter().map(from_competency).collect(),
        start_date: "2026-12-07".into(),
        settings: PlanSettings::default(),
        catalog: None,
    };
    let batch = generate_plans(&request).unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    assert_eq!(batch.plans.len(), 20);
    assert!(batch.plans.iter().any(|p| !p.goals.is_empty()));
}

/// A team's plans kept together (what `generatePlans` returns) read back exactly as the plans
/// generated one by one, and the group sessions are the same; a person whose evaluation cannot
/// become a plan is a failure with its index, not a missing plan among the others.
#[test]
fn team_plans_read_back_as_generated_one_by_one() {
    use kaohe::plan::{team_sessions, Catalog, TeamPlans, TeamSettings};
    let mut team = sample_team();
    // Evaluated on a dimension the catalog does not know: this person fails, the rest plan.
    team.people[3].dimensions[0].dimension_id = "not_in_the_catalog".into();
    let plans = TeamPlans::generate(generator(), &team.people);
    assert_eq!(plans.len(), team.people.len() - 1);
    assert_eq!(plans.failures().len(), 1);
    assert_eq!(plans.failures()[0].index, 3);
    assert_eq!(plans.failures()[0].code, "UNKNOWN_DIMENSION");
    let alone: Vec<_> = team
        .people
        .iter()
        .filter_map(|p| generator().generate(&from_competency(p), None).ok())
        .collect();
    assert_eq!(plans.plans(), alone);
    for plan in &alone {
        assert_eq!(plans.plan(&plan.person_id).as_ref(), Some(plan));
        assert!(plan.goals.iter().all(|g| !g.smart.measurable.zh.is_empty()));
    }
    assert_eq!(
        plans.goal_counts().collect::<Vec<_>>(),
        alone.iter().map(|p| p.goals.len()).collect::<Vec<_>>()
    );
    assert_eq!(plans.plan(&team.people[3].person_id), None);
    let settings = TeamSettings {
        min_people: 3,
        ..TeamSettings::default()
    };
    let sessions = plans.sessions(&settings).unwrap();
    assert!(!sessions.is_empty());
    assert_eq!(
        sessions,
        team_sessions(&alone, &Catalog::default_catalog().unwrap(), &settings).unwrap()
    );
}

/// With the model (as the page's `generatePlans(team)` runs it), a team's plans copy only the
/// focus dimensions' evidence sources: each plan must still be exactly the one generated alone
/// from the person's whole evaluation, KPI goals in the model's units included.
#[test]
fn team_plans_with_the_model_equal_plans_generated_alone() {
    use kaohe::plan::{from_competency_with, TeamPlans};
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let team = sample_team();
    let plans = TeamPlans::generate_with(generator(), &team.people, Some(&model));
    let alone: Vec<_> = team
        .people
        .iter()
        .map(|p| {
            generator()
                .generate(&from_competency_with(p, &model), None)
                .unwrap()
        })
        .collect();
    assert_eq!(plans.failures().len(), 0);
    assert_eq!(plans.plans(), alone);
    // The comparison covers goals set from evidence sources, not only level goals.
    assert!(alone
        .iter()
        .flat_map(|p| &p.goals)
        .any(|g| !g.id.ends_with(".level")));
}
