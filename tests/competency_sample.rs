//! The sample team end to end: model + stored results + the imported KPI file → evaluations
//! and the team view, showing the domain's typical weaknesses, in the contract's JSON.

use kaohe::competency::result::BlindSpotAgainst;
use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, DimensionStatus, EvaluationOptions,
    PersonEvaluation, TeamEvaluation,
};
use kaohe::date::Date;
use kaohe::dimensions::DimensionSet;
use serde_json::Value;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");
const KPI: &str = include_str!("../www/samples/kpi.csv");

fn sample() -> TeamEvaluation {
    let model = parse_model(MODEL).unwrap();
    let mut set = parse_evidence(TEAM).unwrap();
    set.evidence.extend(import_kpi_csv(KPI).unwrap().evidence);
    let date = Date::parse("2026-12-01", "").unwrap();
    evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap()
}

fn person<'a>(team: &'a TeamEvaluation, id: &str) -> &'a PersonEvaluation {
    team.people.iter().find(|p| p.person_id == id).unwrap()
}

#[test]
fn the_model_has_the_project_dimensions_and_roles() {
    let model = parse_model(MODEL).unwrap();
    let ids: Vec<_> = model.dimensions.iter().map(|d| d.id.as_str()).collect();
    // The project's eight dimensions, in order (spelled out in `kaohe::dimensions`' own test).
    assert_eq!(ids, DimensionSet::default().ids());
    let roles: Vec<_> = model.roles.keys().map(String::as_str).collect();
    assert_eq!(
        roles,
        [
            "frontline",
            "newHire",
            "qa",
            "senior",
            "supervisor",
            "teamLead",
            "trainer"
        ]
    );
    assert!(model
        .model
        .dimensions
        .iter()
        .all(|d| d.anchors.len() == 5 && !d.indicators.is_empty()));
}

#[test]
fn the_team_shows_the_typical_weaknesses() {
    let team = sample();
    assert_eq!(team.people.len(), 20);
    let summary = |id: &str| {
        team.team
            .dimensions
            .iter()
            .find(|d| d.dimension_id == id)
            .unwrap()
    };
    // "Most agents below 60 in complaint handling".
    let ch = summary("complaint_handling");
    assert!(ch.below_share.unwrap() >= 0.75, "{:?}", ch.below_share);
    assert!(ch
        .sentence
        .zh
        .ends_with("的坐席在投诉处理模块得分低于 60 分"));
    // Emotion management, complaint handling and system operation are the top weaknesses.
    let top: Vec<_> = team
        .team
        .weaknesses
        .iter()
        .take(3)
        .map(|w| w.dimension_id.as_str())
        .collect();
    for id in [
        "emotion_management",
        "complaint_handling",
        "system_operation",
    ] {
        assert!(top.contains(&id), "{top:?}");
    }
    // Product knowledge is uneven: its levels spread more than communication's.
    let spread = |d: usize| {
        let levels: Vec<f64> = team
            .people
            .iter()
            .filter_map(|p| p.dimensions[d].level)
            .collect();
        let mean = levels.iter().sum::<f64>() / levels.len() as f64;
        levels.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / levels.len() as f64
    };
    assert!(spread(0) > spread(1), "{} vs {}", spread(0), spread(1));
    // Groups: 售前 / 售后 / VIP.
    let groups: Vec<_> = team
        .team
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.headcount))
        .collect();
    assert_eq!(groups, [("VIP", 6), ("售前", 7), ("售后", 7)]);
}

#[test]
fn sample_people_show_insufficient_stale_and_blind_spots() {
    let team = sample();
    // The new hire has only a KPI for complaint handling: not enough (the model asks for 2).
    let new_hire = person(&team, "E1020");
    let ch = &new_hire.dimensions[3];
    assert_eq!(ch.status, DimensionStatus::InsufficientEvidence);
    assert_eq!(ch.level, None);
    // Old product exams are left out and reported.
    for id in ["E1004", "E1011"] {
        let pk = &person(&team, id).dimensions[0];
        assert_eq!(pk.ignored.len(), 1, "{id}");
        assert_eq!(pk.ignored[0].latest.to_string(), "2026-06-20");
    }
    // Three agents rate their emotion management well above their supervisor.
    for id in ["E1005", "E1009", "E1017"] {
        let spot = person(&team, id)
            .blind_spots
            .iter()
            .find(|b| b.dimension_id == "emotion_management")
            .unwrap_or_else(|| panic!("{id} has no blind spot"));
        assert!(matches!(
            spot.against,
            BlindSpotAgainst::Supervisor | BlindSpotAgainst::Both
        ));
        assert!(spot.difference >= 1.0);
    }
}

#[test]
fn the_output_keeps_the_contract_names_and_round_trips() {
    let team = sample();
    let li = person(&team, "E1001");
    let json = kaohe::format::to_json_value(li);
    for key in [
        "schemaVersion",
        "personId",
        "name",
        "role",
        "group",
        "date",
        "dimensions",
        "gaps",
        "strengths",
        "blindSpots",
        "change",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["personId"], "E1001");
    assert_eq!(json["name"], "李娜");
    let dim = &json["dimensions"][3];
    for key in [
        "dimensionId",
        "name",
        "level",
        "band",
        "target",
        "gap",
        "importance",
        "confidence",
        "status",
        "selfRating",
        "supervisorRating",
        "sources",
        "explanation",
    ] {
        assert!(dim.get(key).is_some(), "missing dimensions[].{key}");
    }
    assert_eq!(dim["name"]["zh"], "投诉处理");
    for key in ["kind", "key", "rawValue", "level", "weight", "date"] {
        assert!(
            dim["sources"][0].get(key).is_some(),
            "missing sources[].{key}"
        );
    }
    if let Some(gap) = json["gaps"].get(0) {
        for key in ["dimensionId", "gap", "importance", "priority"] {
            assert!(gap.get(key).is_some(), "missing gaps[].{key}");
        }
    }
    // gap = target − level, and priority = gap × importance.
    for d in &li.dimensions {
        if let (Some(l), Some(t), Some(g)) = (d.level, d.target, d.gap) {
            assert!((t - l - g).abs() < 0.006, "{}", d.dimension_id);
        }
    }
    // Fed back as `previous`, the output decodes to itself.
    let back: PersonEvaluation = kaohe::format::decode_value(&json.clone()).unwrap();
    assert_eq!(&back, li);
    // No NaN or infinity anywhere (serde_json would print them as null where numbers belong).
    fn walk(v: &Value) {
        match v {
            Value::Number(n) => assert!(n.as_f64().unwrap().is_finite()),
            Value::Array(a) => a.iter().for_each(walk),
            Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    walk(&kaohe::format::to_json_value(&team));
}
