//! The fast path: 2,000 people × 8 dimensions and the team report in one call. The timing is
//! printed (run `cargo test --release --test competency_bench -- --nocapture`); the assertion
//! only guards against a pathological slowdown so it holds in debug builds too.

use std::time::Instant;

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, EvaluationOptions, EvidenceSet,
};
use kaohe::date::Date;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");
const KPI: &str = include_str!("../www/samples/kpi.csv");

/// The sample team copied 100 times: 2,000 people, about 100,000 evidence records.
fn big_team() -> EvidenceSet {
    let mut sample = parse_evidence(TEAM).unwrap();
    sample
        .evidence
        .extend(import_kpi_csv(KPI).unwrap().evidence);
    let mut set = EvidenceSet {
        schema_version: 1,
        skip_unknown_dimensions: false,
        people: Vec::new(),
        evidence: Vec::new(),
    };
    for copy in 0..100 {
        for p in &sample.people {
            let mut p = p.clone();
            p.id = format!("{}-{copy}", p.id);
            set.people.push(p);
        }
        for e in &sample.evidence {
            let mut e = e.clone();
            e.person_id = format!("{}-{copy}", e.person_id);
            set.evidence.push(e);
        }
    }
    set
}

#[test]
fn two_thousand_people_in_one_call() {
    let model = parse_model(MODEL).unwrap();
    let set = big_team();
    assert_eq!(set.people.len(), 2000);
    let options = EvaluationOptions::on(Date::parse("2026-12-01", "").unwrap());
    let start = Instant::now();
    let team = evaluate_team(&model, &set, &options).unwrap();
    let elapsed = start.elapsed();
    println!(
        "evaluate_team: {} people × {} dimensions, {} evidence records: {:.1} ms",
        team.people.len(),
        model.dimensions.len(),
        set.evidence.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    assert_eq!(team.team.headcount, 2000);
    assert_eq!(team.team.heatmap.rows.len(), 2000);
    assert!(elapsed.as_secs_f64() < 10.0, "{elapsed:?}");

    // Without the explanation sentences (the dashboard asks for one person's on demand).
    let mut lean = options.clone();
    lean.explanations = Some(false);
    let start = Instant::now();
    let quick = evaluate_team(&model, &set, &lean).unwrap();
    println!(
        "evaluate_team without explanations: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    assert!(quick.people[0].dimensions[0].explanation.zh.is_empty());
    assert_eq!(
        quick.people[0].dimensions[0].level,
        team.people[0].dimensions[0].level
    );
    assert_eq!(quick.team, team.team);
}

#[test]
fn where_the_time_goes() {
    use kaohe::competency::{evaluate_people, team_view, validate_evidence};
    let model = parse_model(MODEL).unwrap();
    let set = big_team();
    let options = EvaluationOptions::on(Date::parse("2026-12-01", "").unwrap());
    let t = Instant::now();
    validate_evidence(&set, &model).unwrap();
    let validate = t.elapsed();
    let t = Instant::now();
    let people = evaluate_people(&model, &set, &options).unwrap();
    let evaluate = t.elapsed();
    let t = Instant::now();
    let team = team_view(&model, &set, &people, &options).unwrap();
    let view = t.elapsed();
    println!(
        "validate {validate:?}, evaluate_people {evaluate:?} (incl. validate), team_view {view:?}"
    );
    assert_eq!(team.headcount, 2000);
}
