//! The team session behind `Team` in JS: built → evaluated, explanations on demand, levels.

use kaohe::competency::session::TeamSession;
use kaohe::competency::{CompetencyModel, EvaluationOptions, EvidenceSet};
use kaohe::format::decode_json;
use kaohe::ErrorCode;

fn team() -> TeamSession {
    let model: CompetencyModel = decode_json(include_str!("../www/samples/model.json")).unwrap();
    let set: EvidenceSet = decode_json(include_str!("../www/samples/team.json")).unwrap();
    TeamSession::new(model, set).unwrap()
}

fn options(json: &str) -> EvaluationOptions {
    decode_json(json).unwrap()
}

#[test]
fn every_view_waits_for_evaluate() {
    let team = team();
    let id = team.evidence().people[0].id.clone();
    for err in [
        team.evaluated().map(|_| ()).unwrap_err(),
        team.levels().map(|_| ()).unwrap_err(),
        team.explained(&id).map(|_| ()).unwrap_err(),
        team.radar(&id).map(|_| ()).unwrap_err(),
    ] {
        assert_eq!((err.code(), err.path()), (ErrorCode::InvalidValue, ""));
        assert_eq!(err.messages().en, "call evaluate() first");
    }
}

#[test]
fn the_team_pass_skips_sentences_and_person_writes_them() {
    let mut team = team();
    let evaluated = team
        .evaluate(options(r#"{ "date": "2026-12-01" }"#))
        .unwrap();
    let id = evaluated.people[0].person_id.clone();
    let quiet = &evaluated.people[0];
    assert!(quiet.dimensions.iter().all(|d| d.explanation.zh.is_empty()));
    let explained = team.explained(&id).unwrap();
    assert!(explained
        .dimensions
        .iter()
        .any(|d| !d.explanation.zh.is_empty()));
    // The same levels either way: only the sentences differ.
    let levels = |p: &kaohe::competency::PersonEvaluation| {
        p.dimensions.iter().map(|d| d.level).collect::<Vec<_>>()
    };
    assert_eq!(levels(&explained), levels(team.find(&id).unwrap()));
    // Asked for in the team pass, the stored evaluation is the explained one.
    team.evaluate(options(r#"{ "date": "2026-12-01", "explanations": true }"#))
        .unwrap();
    assert_eq!(&team.explained(&id).unwrap(), team.find(&id).unwrap());
    assert_eq!(team.explained(&id).unwrap(), explained);
}

#[test]
fn levels_are_person_major_with_nan_for_too_little_evidence() {
    let mut team = team();
    team.evaluate(options(r#"{ "date": "2026-12-01" }"#))
        .unwrap();
    let width = team.model().dimensions.len();
    let levels = team.levels().unwrap();
    let people = &team.evaluated().unwrap().people;
    assert_eq!(levels.len(), people.len() * width);
    for (p, person) in people.iter().enumerate() {
        for (d, dim) in person.dimensions.iter().enumerate() {
            let at = levels[p * width + d];
            match dim.level {
                Some(level) => assert_eq!(at, level),
                None => assert!(at.is_nan()),
            }
        }
    }
}

#[test]
fn an_unknown_person_points_at_person_id() {
    let mut team = team();
    team.evaluate(options(r#"{ "date": "2026-12-01" }"#))
        .unwrap();
    let err = team.explained("E9999").unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::UnknownReference, "personId")
    );
    assert!(team.radar("E9999").is_err());
    let id = team.evidence().people[0].id.clone();
    assert_eq!(
        team.radar(&id).unwrap().axes.len(),
        team.model().dimensions.len()
    );
}

#[test]
fn bad_evidence_is_reported_under_evidence_and_a_bad_model_under_model() {
    let model: CompetencyModel = decode_json(include_str!("../www/samples/model.json")).unwrap();
    let mut set: EvidenceSet = decode_json(include_str!("../www/samples/team.json")).unwrap();
    set.people[0].role = "no-such-role".into();
    let err = TeamSession::new(model.clone(), set).unwrap_err();
    assert!(err.path().starts_with("evidence."), "{}", err.path());
    let mut bad = model;
    bad.dimensions.clear();
    let set: EvidenceSet = decode_json(include_str!("../www/samples/team.json")).unwrap();
    let err = TeamSession::new(bad, set).unwrap_err();
    assert!(err.path().starts_with("model"), "{}", err.path());
}
