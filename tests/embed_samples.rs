//! The sample evaluation shown by `<kaohe-radar>` on www/embed.html: Li Na (E1001) evaluated by
//! the core on 2026-12-01 from the sample team and KPIs. Kept in step with the core here;
//! regenerate with `KAOHE_UPDATE_SNAPSHOTS=1 cargo test --test embed_samples`.

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, EvaluationOptions,
};
use kaohe::date::Date;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");
const KPI: &str = include_str!("../www/samples/kpi.csv");

#[test]
fn sample_evaluation_of_e1001_is_current() {
    let model = parse_model(MODEL).unwrap();
    let mut set = parse_evidence(TEAM).unwrap();
    set.evidence.extend(import_kpi_csv(KPI).unwrap().evidence);
    let date = Date::parse("2026-12-01", "").unwrap();
    let team = evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap();
    let li = team.people.iter().find(|p| p.person_id == "E1001").unwrap();
    assert_eq!(li.name, "李娜");
    let json = format!("{}\n", kaohe::format::to_json_pretty(li));
    let path = format!(
        "{}/www/samples/evaluation-E1001.json",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("KAOHE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &json).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap();
    assert!(
        stored == json,
        "www/samples/evaluation-E1001.json is out of date"
    );
}
