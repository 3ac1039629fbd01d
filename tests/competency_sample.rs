//! The sample team end to end: model + stored results + the imported KPI file → evaluations,
//! the team view and charts.

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, DimensionStatus, EvaluationOptions,
    TeamEvaluation,
};
use kaohe::date::Date;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");
const KPI: &str = include_str!("../www/samples/kpi.csv");

fn sample() -> TeamEvaluation {
    let model = parse_model(MODEL).unwrap();
    let mut set = parse_evidence(TEAM).unwrap();
    let kpis = import_kpi_csv(KPI).unwrap();
    set.evidence.extend(kpis.evidence);
    let date = Date::parse("2026-12-01", "").unwrap();
    evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap()
}

#[test]
fn dump() {
    let team = sample();
    for d in &team.team.dimensions {
        println!(
            "{} mean {:?} score {:?} below {:?} {}",
            d.dimension_id, d.mean, d.mean_score, d.below_share, d.sentence.zh
        );
    }
    for w in &team.team.weaknesses {
        println!("{} {}", w.rank, w.sentence.zh);
    }
    let p = &team.people[0];
    for d in &p.dimensions {
        println!("{:?} {}", d.status, d.explanation.zh);
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&team.people[19]).unwrap()
    );
    let _ = DimensionStatus::Ok;
}
