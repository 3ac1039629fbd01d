//! Tracking: attainment (direction-aware), status against elapsed time, check-ins and evidence,
//! goal edits, next cycle; team sessions; Kirkpatrick levels against numpy fixtures.

use kaohe::date::Date;
use kaohe::format::decode_json;
use kaohe::plan::*;
use kaohe::ErrorCode;
use serde_json::Value;

const LI_NA: &str = include_str!("fixtures/plan/evaluation_li_na.json");
const COHORT: &str = include_str!("fixtures/plan/cohort.json");
const KIRKPATRICK_EXPECTED: &str = include_str!("fixtures/plan/kirkpatrick_expected.json");

fn plan() -> Plan {
    let g = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-11-23",
    )
    .unwrap();
    g.generate(&decode_json(LI_NA).unwrap(), None).unwrap()
}

fn check_in(json: &str) -> CheckIn {
    decode_json(json).unwrap()
}

const EXAM: &str = "complaint_handling.exam.complaint_handling";
const AHT: &str = "emotion_management.kpi.aht";

fn goal<'a>(plan: &'a Plan, id: &str) -> &'a Goal {
    plan.goals.iter().find(|g| g.id == id).unwrap()
}

#[test]
fn attainment_is_direction_aware_and_clamped() {
    let mut p = plan();
    // Exam 58 → 68: 63 is half way. AHT 420 → 340 (lower is better): 380 is half way.
    record_check_in(
        &mut p,
        check_in(&format!(
            r#"{{"date":"2026-12-04","progress":[{{"goalId":"{EXAM}","value":63}},{{"goalId":"{AHT}","value":380}}],"comment":"进步明显"}}"#
        )),
    )
    .unwrap();
    assert_eq!(goal(&p, EXAM).attainment, 0.5);
    assert_eq!(goal(&p, AHT).attainment, 0.5);
    record_check_in(
        &mut p,
        check_in(&format!(
            r#"{{"date":"2026-12-11","progress":[{{"goalId":"{EXAM}","value":95}},{{"goalId":"{AHT}","value":450}}]}}"#
        )),
    )
    .unwrap();
    assert_eq!(goal(&p, EXAM).attainment, 1.0);
    assert_eq!(goal(&p, AHT).attainment, 0.0);
    assert_eq!(p.check_ins.len(), 2);
}

#[test]
fn status_compares_attainment_with_elapsed_time() {
    let s = PlanSettings::default();
    assert_eq!(track_status(0.5, 0.5, &s), TrackStatus::OnTrack);
    assert_eq!(track_status(0.35, 0.5, &s), TrackStatus::OnTrack); // lag 0.15
    assert_eq!(track_status(0.3, 0.5, &s), TrackStatus::AtRisk);
    assert_eq!(track_status(0.2, 0.5, &s), TrackStatus::AtRisk); // lag 0.30
    assert_eq!(track_status(0.1, 0.5, &s), TrackStatus::Behind);
    assert_eq!(track_status(1.0, 1.0, &s), TrackStatus::OnTrack);
    assert_eq!(track_status(0.0, 0.0, &s), TrackStatus::OnTrack);

    // Start 2026-11-23, deadline 2027-01-22: 60 days; 2026-12-23 is half way.
    let mut p = plan();
    record_check_in(
        &mut p,
        check_in(&format!(
            r#"{{"date":"2026-12-23","progress":[{{"goalId":"{EXAM}","value":61}}]}}"#
        )),
    )
    .unwrap();
    assert_eq!(p.progress.elapsed_share, 0.5);
    assert_eq!(goal(&p, EXAM).attainment, 0.3);
    assert_eq!(goal(&p, EXAM).status, TrackStatus::AtRisk);
    assert_eq!(goal(&p, AHT).status, TrackStatus::Behind);
    assert_eq!(p.progress.status, TrackStatus::Behind);
}

#[test]
fn overall_attainment_weights_dimensions_by_importance() {
    let mut p = plan();
    // Complaint handling (importance 1.5, 3 goals): the exam goal fully reached → 1/3 of the
    // dimension; emotion management (1.0, 3 goals) and problem solving (0.8, 1 goal) at 0.
    record_check_in(
        &mut p,
        check_in(&format!(
            r#"{{"date":"2026-11-27","progress":[{{"goalId":"{EXAM}","value":70}}]}}"#
        )),
    )
    .unwrap();
    let expected = (1.5 / 3.0) / (1.5 + 1.0 + 0.8);
    let overall = p.progress.overall_attainment.unwrap();
    assert!((overall - expected).abs() < 1e-12, "{overall}");
}

#[test]
fn new_evidence_moves_every_goal_on_its_metric() {
    let mut p = plan();
    record_check_in(
        &mut p,
        check_in(
            r#"{"date":"2026-12-18","evidence":[{"kind":"kpi","key":"aht","rawValue":360,"date":"2026-12-15"},{"kind":"exam","key":"complaint_handling","rawValue":68,"date":"2026-12-16"}],"completedTasks":["ch-six-steps.w2"]}"#,
        ),
    )
    .unwrap();
    assert_eq!(goal(&p, AHT).current, 360.0);
    assert_eq!(goal(&p, AHT).attainment, 0.75);
    assert_eq!(goal(&p, EXAM).attainment, 1.0);
    assert!(
        p.tasks
            .iter()
            .find(|t| t.id == "ch-six-steps.w2")
            .unwrap()
            .done
    );
}

#[test]
fn bad_check_ins_change_nothing() {
    let mut p = plan();
    let before = p.clone();
    let cases = [
        (
            r#"{"date":"2026-12-04","progress":[{"goalId":"nope","value":1}]}"#,
            ErrorCode::UnknownReference,
            "progress[0].goalId",
        ),
        (
            r#"{"date":"2026-12-04","evidence":[{"kind":"kpi","key":"fcr","rawValue":80,"date":"2026-12-01"}]}"#,
            ErrorCode::UnknownReference,
            "evidence[0].key",
        ),
        (
            &*format!(r#"{{"date":"2026-12-04","progress":[{{"goalId":"{EXAM}","value":130}}]}}"#),
            ErrorCode::OutOfRange,
            "progress[0].value",
        ),
        (r#"{"date":"2026-13-04"}"#, ErrorCode::InvalidDate, "date"),
        (r#"{"date":"2026-11-01"}"#, ErrorCode::OutOfRange, "date"),
        (
            r#"{"date":"2026-12-04","completedTasks":["x.w9"]}"#,
            ErrorCode::UnknownReference,
            "completedTasks[0]",
        ),
    ];
    for (json, code, path) in cases {
        let e = record_check_in(&mut p, check_in(json)).unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path), "{json}");
    }
    assert_eq!(p, before);
}

#[test]
fn goal_edits_are_bounded() {
    let mut p = plan();
    let edit = |target: Option<f64>, deadline: Option<&str>| GoalEdit {
        goal_id: EXAM.into(),
        target,
        deadline: deadline.map(str::to_string),
    };
    edit_goal(&mut p, &edit(Some(80.0), Some("2027-01-16"))).unwrap();
    let g = goal(&p, EXAM);
    assert_eq!(g.target, 80.0);
    // 2027-01-16 is a Saturday: the deadline moves to Friday.
    assert_eq!(g.deadline, Date::parse("2027-01-15", "").unwrap());
    assert!(g.text.zh.contains("≥ 80 分"), "{}", g.text.zh);
    let e = edit_goal(&mut p, &edit(Some(50.0), None)).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "target"));
    let e = edit_goal(&mut p, &edit(Some(101.0), None)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::OutOfRange);
    let e = edit_goal(
        &mut p,
        &GoalEdit {
            goal_id: "x".into(),
            target: None,
            deadline: None,
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownReference);
}

#[test]
fn next_cycle_comes_from_a_new_evaluation() {
    let p = plan();
    let mut e: Evaluation = decode_json(LI_NA).unwrap();
    e.date = "2027-01-22".into();
    e.dimensions[0].level = Some(3.1);
    e.gaps.retain(|g| g.dimension_id != "complaint_handling");
    let request = PlanRequest {
        schema_version: 1,
        evaluation: e.clone(),
        start_date: "2027-02-01".into(),
        plan_id: None,
        settings: PlanSettings::default(),
        catalog: None,
    };
    let next = generate_next_cycle(&p, &request).unwrap();
    assert_eq!(next.cycle, 2);
    assert_eq!(next.previous_plan_id.as_deref(), Some("E1001-2026-11-23"));
    assert!(next
        .focus
        .iter()
        .all(|f| f.dimension_id != "complaint_handling"));
    assert!(next
        .warnings
        .iter()
        .any(|w| w.code == "PREVIOUS_GOALS_UNMET"));
    let mut other = request.clone();
    other.evaluation.person_id = "E2002".into();
    let err = generate_next_cycle(&p, &other).unwrap_err();
    assert_eq!(err.path(), "evaluation.personId");
    let mut early = request;
    early.start_date = "2026-11-01".into();
    assert_eq!(
        generate_next_cycle(&p, &early).unwrap_err().code(),
        ErrorCode::OutOfRange
    );
}

#[test]
fn team_sessions_group_shared_weaknesses() {
    let base: Evaluation = decode_json(LI_NA).unwrap();
    let names = ["李娜", "王芳", "张伟", "刘洋", "陈静"];
    let g = PlanGenerator::new(
        Catalog::default_catalog().unwrap(),
        PlanSettings::default(),
        "2026-11-23",
    )
    .unwrap();
    let mut plans = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let mut e = base.clone();
        e.person_id = format!("E10{i:02}");
        e.name = name.to_string();
        if i >= 2 {
            // Three people without the emotion-management gap.
            e.gaps.retain(|g| g.dimension_id != "emotion_management");
        }
        plans.push(g.generate(&e, None).unwrap());
    }
    let sessions = team_sessions(
        &plans,
        &Catalog::default_catalog().unwrap(),
        &TeamSettings::default(),
    )
    .unwrap();
    let dims: Vec<_> = sessions.iter().map(|s| s.dimension_id.as_str()).collect();
    // Everyone: complaint handling and problem solving; communication for the three who lost
    // emotion management from their top three; emotion management only 2 people (< 3).
    assert_eq!(
        dims,
        ["complaint_handling", "problem_solving", "communication"]
    );
    let ch = &sessions[0];
    assert_eq!(ch.participants.len(), 5);
    assert_eq!(ch.share, 1.0);
    assert_eq!(ch.topic.zh, "投诉处理六步法工作坊");
    assert_eq!(ch.suggested_dates.len(), 2);
    let implement = &plans[0].phases[1];
    for d in &ch.suggested_dates {
        assert!(!d.weekday().is_weekend());
        assert!(*d >= implement.start_date && *d <= implement.end_date);
    }
    let e = team_sessions(
        &plans,
        &Catalog::default_catalog().unwrap(),
        &TeamSettings {
            min_people: 0,
            sessions_per_topic: 2,
        },
    )
    .unwrap_err();
    assert_eq!(e.path(), "settings.minPeople");
}

fn figure(level: &LevelResult, key: &str) -> f64 {
    level
        .figures
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| f.value)
        .unwrap()
}

fn close(a: f64, b: &Value) {
    let b = b.as_f64().unwrap();
    assert!((a - b).abs() < 1e-12, "{a} vs {b}");
}

#[test]
fn kirkpatrick_levels_match_numpy() {
    let report = kirkpatrick(&decode_json(COHORT).unwrap()).unwrap();
    let x: Value = serde_json::from_str(KIRKPATRICK_EXPECTED).unwrap();
    let [reaction, learning, behaviour, results] = &report.levels[..] else {
        panic!("four levels");
    };
    close(reaction.value.unwrap(), &x["reaction"]["mean"]);
    close(figure(reaction, "sd"), &x["reaction"]["sd"]);
    close(
        figure(reaction, "shareAtLeastTarget"),
        &x["reaction"]["shareAtLeastTarget"],
    );
    assert_eq!(reaction.target, Some(4.2));
    assert_eq!(reaction.met, x["reaction"]["met"].as_bool());

    close(learning.value.unwrap(), &x["learning"]["passRate"]);
    for key in [
        "postMean",
        "preMean",
        "meanGain",
        "gainSd",
        "normalisedGain",
    ] {
        close(figure(learning, key), &x["learning"][key]);
    }
    assert_eq!(learning.target, Some(0.95));
    assert_eq!(learning.met, x["learning"]["met"].as_bool());

    close(behaviour.value.unwrap(), &x["behaviour"]["coverage"]);
    close(
        figure(behaviour, "meanPersonCoverage"),
        &x["behaviour"]["meanPersonCoverage"],
    );
    close(
        figure(behaviour, "shareReachingTarget"),
        &x["behaviour"]["shareReachingTarget"],
    );
    assert_eq!(behaviour.target, Some(0.8));
    assert_eq!(behaviour.met, x["behaviour"]["met"].as_bool());

    let kpis = x["results"]["kpis"].as_array().unwrap();
    assert_eq!(results.kpis.len(), kpis.len());
    for (ours, theirs) in results.kpis.iter().zip(kpis) {
        assert_eq!(ours.kpi_id, theirs["kpiId"].as_str().unwrap());
        close(ours.change.unwrap(), &theirs["change"]);
        assert_eq!(ours.target, theirs["target"].as_f64());
        assert_eq!(ours.met, theirs["met"].as_bool());
    }
    // csat met, complaints and FCR not: 1 of 3 targets.
    assert_eq!(results.value, Some(1.0 / 3.0));
    assert_eq!(results.met, Some(false));
}

#[test]
fn kirkpatrick_without_data_or_with_bad_data() {
    let report = kirkpatrick(&decode_json(r#"{"schemaVersion":1}"#).unwrap()).unwrap();
    assert_eq!(report.levels.len(), 4);
    for level in &report.levels {
        assert_eq!((level.value, level.met), (None, None));
        assert!(level.reason.is_some());
    }
    let text = kaohe::format::to_json_string(&report);
    assert!(!text.contains("NaN"));
    let bad = [
        (r#"{"schemaVersion":1,"reaction":[4,6]}"#, "reaction[1]"),
        (
            r#"{"schemaVersion":1,"learning":{"postScores":[90],"preScores":[1,2]}}"#,
            "learning.preScores",
        ),
        (
            r#"{"schemaVersion":1,"behaviour":[{"personId":"a","observed":5,"expected":4}]}"#,
            "behaviour[0].observed",
        ),
        (
            r#"{"schemaVersion":1,"behaviour":[{"personId":"a","observed":0,"expected":0}]}"#,
            "behaviour[0].expected",
        ),
        (
            r#"{"schemaVersion":1,"results":[{"kpiId":"nps","before":1,"after":2}]}"#,
            "results[0].kpiId",
        ),
    ];
    for (json, path) in bad {
        let e = kirkpatrick(&decode_json(json).unwrap()).unwrap_err();
        assert_eq!(e.path(), path, "{json}");
    }
    // A zero "before" leaves the change undefined instead of infinite.
    let r = kirkpatrick(
        &decode_json(
            r#"{"schemaVersion":1,"results":[{"kpiId":"complaintRate","before":0,"after":1}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(r.levels[3].kpis[0].change, None);
    assert_eq!(r.levels[3].value, None);
}
