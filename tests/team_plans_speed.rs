//! The benchmark's "2,000 evaluations and 2,000 plans" path, natively, step by step as the
//! binding runs it (bench/page.js `teamAndPlans`: the sample team copied 100 times, exam and
//! rubric values shifted per copy). It prints the time of each step and checks the outputs, so
//! `valgrind --tool=callgrind` on this test (release build) gives repeatable instruction counts
//! while the shared machine makes browser timings noisy:
//!
//! `cargo test --release --test team_plans_speed -- --nocapture`

use std::time::Instant;

use kaohe::competency::{
    compile_model, evaluate_prepared_team, evaluate_team, CompiledModel, EvaluationOptions,
    EvidenceSet, PreparedEvidence, TeamEvaluation,
};
use kaohe::date::Date;
use kaohe::plan::{
    from_competency, team_sessions, Catalog, PlanGenerator, PlanSettings, TeamPlans,
};
use serde_json::Value;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");

/// The evidence set as bench/page.js builds it, as JSON text (what `JSON.stringify` hands over).
fn bench_team_json() -> String {
    let team: Value = serde_json::from_str(TEAM).unwrap();
    let mut people = Vec::new();
    let mut evidence = Vec::new();
    for k in 0..100i64 {
        for p in team["people"].as_array().unwrap() {
            let mut p = p.clone();
            p["id"] = Value::from(format!("{}-{k}", p["id"].as_str().unwrap()));
            people.push(p);
        }
        for e in team["evidence"].as_array().unwrap() {
            let mut e = e.clone();
            let shift = ((k * 7) % 11) - 5;
            if matches!(e["kind"].as_str(), Some("exam" | "rubric")) {
                let value = (e["value"].as_f64().unwrap() + shift as f64).clamp(0.0, 100.0);
                e["value"] = serde_json::json!(value);
            }
            e["personId"] = Value::from(format!("{}-{k}", e["personId"].as_str().unwrap()));
            evidence.push(e);
        }
    }
    serde_json::json!({ "schemaVersion": 1, "people": people, "evidence": evidence }).to_string()
}

/// `new Team(model, set)`: decode both, compile the model, validate the evidence. (Steps are
/// separate functions so a profile shows each one's inclusive cost.)
#[inline(never)]
fn build_team(model_text: &str, text: &str) -> (CompiledModel, EvidenceSet, PreparedEvidence) {
    let source = kaohe::format::decode_json(model_text).unwrap();
    let set: EvidenceSet = kaohe::format::decode_json(text).unwrap();
    let model = compile_model(source).unwrap();
    let prepared = PreparedEvidence::new(&set, &model).unwrap();
    (model, set, prepared)
}

/// `team.evaluate({date})`: everyone without sentences, the team view out as JSON text.
#[inline(never)]
fn evaluate(
    model: &CompiledModel,
    set: &EvidenceSet,
    prepared: &PreparedEvidence,
    options: &EvaluationOptions,
) -> (TeamEvaluation, String) {
    let result = evaluate_prepared_team(model, set, prepared, options).unwrap();
    let view = kaohe::format::to_json_string(&result.team);
    (result, view)
}

/// `generatePlans(team, {startDate})`: the default catalog, one plan per person, kept together.
#[inline(never)]
fn generate_plans(result: &TeamEvaluation) -> TeamPlans {
    let generator = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-12-07",
    )
    .unwrap();
    TeamPlans::generate(generator, &result.people)
}

#[test]
fn two_thousand_evaluations_and_plans() {
    let text = bench_team_json();
    let t = Instant::now();
    let (model, set, prepared) = build_team(MODEL, &text);
    let build = t.elapsed();

    let t = Instant::now();
    let mut options = EvaluationOptions::on(Date::parse("2026-11-30", "").unwrap());
    options.explanations = Some(false);
    let (result, view) = evaluate(&model, &set, &prepared, &options);
    let evaluate = t.elapsed();

    let t = Instant::now();
    let plans = generate_plans(&result);
    let planning = t.elapsed();

    println!(
        "build {:.1} ms, evaluate {:.1} ms, plans {:.1} ms",
        build.as_secs_f64() * 1e3,
        evaluate.as_secs_f64() * 1e3,
        planning.as_secs_f64() * 1e3
    );
    assert_eq!(set.people.len(), 2000);
    assert_eq!(result.team.heatmap.rows.len(), 2000);
    assert!(view.len() > 100_000, "{}", view.len());
    assert_eq!(plans.len(), 2000);
    assert!(plans.failures().is_empty());
    // A plan read from the cohort is the plan generated on its own.
    let one = &result.people[1234];
    let generator = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-12-07",
    )
    .unwrap();
    let alone = generator.generate(&from_competency(one), None).unwrap();
    assert_eq!(plans.plan(&one.person_id), Some(alone));
    let sessions = plans.sessions(&Default::default()).unwrap();
    let complete = plans.plans();
    assert!(complete.iter().all(|p| !p.tasks.is_empty()));
    assert_eq!(
        sessions,
        team_sessions(&complete, generator.catalog(), &Default::default()).unwrap()
    );
    if std::env::var_os("KAOHE_DUMP").is_some() {
        // For checking a speed change left every output byte as it was.
        let mut with_sentences = options.clone();
        with_sentences.explanations = Some(true);
        let full = evaluate_team(&model, &set, &with_sentences).unwrap();
        let dump = format!(
            "{view}\n{}\n{}\n{}",
            kaohe::format::to_json_string(&result),
            kaohe::format::to_json_string(&full),
            kaohe::format::to_json_string(&complete)
        );
        std::fs::write(std::env::var_os("KAOHE_DUMP").unwrap(), dump).unwrap();
    }
}
