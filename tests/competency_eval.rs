//! Evaluation behaviour (missing and stale evidence, KPI direction, blind spots, gaps, change,
//! team shares) and bad input, on the sample model.

use kaohe::competency::result::{BlindSpotAgainst, IgnoredReason};
use kaohe::competency::{
    compile_model, evaluate_people, evaluate_person, evaluate_team, parse_evidence, parse_model,
    CompetencyModel, DimensionStatus, EvaluationOptions, EvidenceSet, ShareThreshold,
};
use kaohe::date::Date;
use kaohe::{ErrorCode, Locale};
use serde_json::{json, Value};

const MODEL: &str = include_str!("../www/samples/model.json");

fn model_value() -> Value {
    serde_json::from_str(MODEL).unwrap()
}

fn compile(value: &Value) -> Result<kaohe::competency::CompiledModel, kaohe::Error> {
    let model: CompetencyModel = kaohe::format::decode(value).unwrap();
    compile_model(model)
}

fn day(s: &str) -> Date {
    Date::parse(s, "").unwrap()
}

fn options() -> EvaluationOptions {
    EvaluationOptions::on(day("2026-11-20"))
}

fn person(id: &str, name: &str, role: &str, group: &str) -> Value {
    json!({ "id": id, "name": name, "role": role, "group": group })
}

fn ev(person: &str, kind: &str, key: &str, value: f64, date: &str) -> Value {
    json!({ "personId": person, "kind": kind, "key": key, "value": value, "date": date })
}

fn set(people: Vec<Value>, evidence: Vec<Value>) -> EvidenceSet {
    let doc = json!({ "schemaVersion": 1, "people": people, "evidence": evidence });
    parse_evidence(&doc.to_string()).unwrap()
}

fn dim<'a>(
    e: &'a kaohe::competency::PersonEvaluation,
    id: &str,
) -> &'a kaohe::competency::DimensionResult {
    e.dimensions.iter().find(|d| d.dimension_id == id).unwrap()
}

#[test]
fn missing_evidence_is_reported_not_guessed() {
    let model = parse_model(MODEL).unwrap();
    // Complaint handling needs 2 sources in the sample model; only the exam is there.
    let s = set(
        vec![person("E1001", "李娜", "frontline", "售后")],
        vec![ev(
            "E1001",
            "exam",
            "complaint_handling",
            58.0,
            "2026-11-10",
        )],
    );
    let e = &evaluate_people(&model, &s, &options()).unwrap()[0];
    let ch = dim(e, "complaint_handling");
    assert_eq!(ch.status, DimensionStatus::InsufficientEvidence);
    assert_eq!((ch.level, ch.band, ch.gap), (None, None, None));
    assert_eq!(ch.target, Some(3.0));
    assert!(
        ch.explanation.zh.contains("证据不足"),
        "{}",
        ch.explanation.zh
    );
    assert!(
        ch.explanation.en.contains("at least 2 needed"),
        "{}",
        ch.explanation.en
    );
    // Nothing at all for communication: insufficient, confidence 0, not in gaps.
    let comm = dim(e, "communication");
    assert_eq!(comm.status, DimensionStatus::InsufficientEvidence);
    assert_eq!(comm.confidence, 0.0);
    assert!(e.gaps.iter().all(|g| g.dimension_id != "communication"));
    // The contract's JSON: null level for an insufficient dimension.
    let json = kaohe::format::to_json_value(e);
    assert_eq!(json["dimensions"][3]["status"], "insufficientEvidence");
    assert!(json["dimensions"][3]["level"].is_null());
}

#[test]
fn stale_and_future_evidence_is_ignored_and_reported() {
    let model = parse_model(MODEL).unwrap();
    let s = set(
        vec![person("E1001", "李娜", "frontline", "售后")],
        vec![
            ev("E1001", "exam", "emergency_handling", 20.0, "2026-05-01"),
            ev("E1001", "exam", "emergency_handling", 90.0, "2026-12-05"),
            ev("E1001", "exam", "emergency_handling", 60.0, "2026-10-01"),
            ev(
                "E1001",
                "supervisorRating",
                "emergency_handling",
                3.0,
                "2026-11-01",
            ),
        ],
    );
    let e = &evaluate_people(&model, &s, &options()).unwrap()[0];
    let d = dim(e, "emergency_handling");
    assert_eq!(
        d.level,
        Some(3.0),
        "only the in-window 60 and rating 3 count"
    );
    let reasons: Vec<_> = d.ignored.iter().map(|i| (i.reason, i.count)).collect();
    assert_eq!(
        reasons,
        [(IgnoredReason::Stale, 1), (IgnoredReason::Future, 1)]
    );
    assert_eq!(d.ignored[0].latest.to_string(), "2026-05-01");
}

#[test]
fn recent_results_are_averaged_and_the_latest_rating_wins() {
    let model = parse_model(MODEL).unwrap();
    let s = set(
        vec![person("E1001", "李娜", "frontline", "售后")],
        vec![
            ev("E1001", "exam", "emergency_handling", 50.0, "2026-09-10"),
            ev("E1001", "exam", "emergency_handling", 70.0, "2026-11-10"),
            ev(
                "E1001",
                "supervisorRating",
                "emergency_handling",
                2.0,
                "2026-09-01",
            ),
            ev(
                "E1001",
                "supervisorRating",
                "emergency_handling",
                4.0,
                "2026-11-01",
            ),
        ],
    );
    let e = &evaluate_people(&model, &s, &options()).unwrap()[0];
    let d = dim(e, "emergency_handling");
    assert_eq!(d.sources[0].raw_value, 60.0);
    assert_eq!(d.sources[0].count, 2);
    assert_eq!(d.sources[0].date.to_string(), "2026-11-10");
    assert_eq!(d.sources[1].raw_value, 4.0);
    assert_eq!(d.supervisor_rating, Some(4.0));
    assert_eq!(d.level, Some(3.5));
}

#[test]
fn kpi_thresholds_respect_direction() {
    let model = parse_model(MODEL).unwrap();
    // complaint rate thresholds in the sample: 4.0, 3.0, 2.0, 1.2, 0.6 (%), lower is better.
    let s = set(
        vec![
            person("A", "甲", "frontline", "售后"),
            person("B", "乙", "frontline", "售后"),
        ],
        vec![
            ev("A", "kpi", "complaintRate", 0.6, "2026-10-31"),
            ev("A", "exam", "complaint_handling", 60.0, "2026-11-10"),
            ev("B", "kpi", "complaintRate", 3.5, "2026-10-31"),
            ev("B", "exam", "complaint_handling", 60.0, "2026-11-10"),
        ],
    );
    let results = evaluate_people(&model, &s, &options()).unwrap();
    let kpi_level = |i: usize| dim(&results[i], "complaint_handling").sources[1].level;
    assert_eq!(kpi_level(0), 5.0);
    assert_eq!(kpi_level(1), 1.5);
    assert!(
        dim(&results[0], "complaint_handling").level > dim(&results[1], "complaint_handling").level
    );
}

#[test]
fn percentile_kpis_need_enough_peers() {
    let model = parse_model(MODEL).unwrap();
    // AHT is mapped by team percentiles; 2 people cannot be ranked.
    let s = set(
        vec![
            person("A", "甲", "frontline", "售后"),
            person("B", "乙", "frontline", "售后"),
        ],
        vec![
            ev("A", "kpi", "aht", 300.0, "2026-10-31"),
            ev("B", "kpi", "aht", 500.0, "2026-10-31"),
            ev("A", "exam", "system_operation", 60.0, "2026-11-10"),
        ],
    );
    let results = evaluate_people(&model, &s, &options()).unwrap();
    let d = dim(&results[0], "system_operation");
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.ignored[0].reason, IgnoredReason::TooFewPeers);
    assert_eq!(
        dim(&results[1], "system_operation").status,
        DimensionStatus::InsufficientEvidence
    );
}

#[test]
fn blind_spots_gaps_strengths_and_change() {
    let model = parse_model(MODEL).unwrap();
    let s = set(
        vec![person("E1001", "李娜", "frontline", "售后")],
        vec![
            // Emotion: self 4, supervisor 2 → blind spot against both (evidence 2.0).
            ev(
                "E1001",
                "selfRating",
                "emotion_management",
                4.0,
                "2026-11-15",
            ),
            ev(
                "E1001",
                "supervisorRating",
                "emotion_management",
                2.0,
                "2026-11-15",
            ),
            ev("E1001", "exam", "emotion_management", 45.0, "2026-11-10"),
            // Compliance: self 4, supervisor 4, exam 30 → evidence level 1 (ratings are not
            // evidence here) → against the evidence only, by 3 levels.
            ev("E1001", "selfRating", "compliance", 4.0, "2026-11-15"),
            ev("E1001", "supervisorRating", "compliance", 4.0, "2026-11-15"),
            ev("E1001", "exam", "compliance", 30.0, "2026-11-10"),
            // Communication: self 3, supervisor 3 → no blind spot; level 4.5 → a strength.
            ev("E1001", "selfRating", "communication", 3.0, "2026-11-15"),
            ev(
                "E1001",
                "supervisorRating",
                "communication",
                5.0,
                "2026-11-15",
            ),
            ev("E1001", "exam", "communication", 82.5, "2026-11-10"),
            // Product knowledge: level 2.5, gap 0.5 with importance 1 (priority 0.5).
            ev("E1001", "exam", "product_knowledge", 52.5, "2026-11-10"),
        ],
    );
    let mut opts = options();
    let first = evaluate_people(&model, &s, &opts).unwrap().remove(0);
    let spots: Vec<_> = first
        .blind_spots
        .iter()
        .map(|b| (b.dimension_id.as_str(), b.against, b.difference))
        .collect();
    assert_eq!(
        spots,
        [
            ("emotion_management", BlindSpotAgainst::Both, 2.0),
            ("compliance", BlindSpotAgainst::Evidence, 3.0)
        ]
    );
    // Ranked by gap × importance: compliance 1.64 × 1.2, emotion 1.0 × 1.2, product 0.5 × 1.
    let gaps: Vec<_> = first
        .gaps
        .iter()
        .map(|g| (g.dimension_id.as_str(), g.gap, g.priority))
        .collect();
    assert_eq!(
        gaps,
        [
            ("compliance", 1.64, 1.97),
            ("emotion_management", 1.0, 1.2),
            ("product_knowledge", 0.5, 0.5)
        ]
    );
    assert_eq!(first.blind_spots[1].evidence_level, Some(1.0));
    assert_eq!(first.blind_spots[1].supervisor_rating, Some(4.0));
    assert_eq!(first.strengths, ["communication"]);
    assert!(first.change.is_empty());
    // A month later the exam improved: change is reported against the previous evaluation.
    let mut later = s.clone();
    later.evidence.push(
        kaohe::format::decode_value(&ev(
            "E1001",
            "exam",
            "product_knowledge",
            67.5,
            "2026-12-10",
        ))
        .unwrap(),
    );
    later.evidence.remove(9);
    opts.date = day("2026-12-20");
    opts.previous = vec![first];
    let second = evaluate_person(&model, &later, "E1001", &opts).unwrap();
    let change = second
        .change
        .iter()
        .find(|c| c.dimension_id == "product_knowledge")
        .unwrap();
    assert_eq!(
        (change.previous_level, change.level, change.delta),
        (2.5, 3.5, 1.0)
    );
    assert_eq!(change.previous_date.to_string(), "2026-11-20");
}

fn team_set() -> EvidenceSet {
    // Five agents with complaint-handling exam scores 40, 50, 55, 58, 75 and ratings.
    let scores = [40.0, 50.0, 55.0, 58.0, 75.0];
    let groups = ["售前", "售后", "售后", "VIP", "VIP"];
    let mut people = Vec::new();
    let mut evidence = Vec::new();
    for (i, (score, group)) in scores.iter().zip(groups).enumerate() {
        let id = format!("E{}", 1001 + i);
        let mut p = person(&id, &format!("坐席{i}"), "frontline", group);
        p["fields"] = json!({ "班次": if i % 2 == 0 { "早班" } else { "晚班" } });
        people.push(p);
        evidence.push(ev(&id, "exam", "complaint_handling", *score, "2026-11-10"));
        evidence.push(ev(
            &id,
            "supervisorRating",
            "complaint_handling",
            2.0,
            "2026-11-15",
        ));
    }
    set(people, evidence)
}

#[test]
fn team_shares_sentences_distribution_and_groups() {
    let model = parse_model(MODEL).unwrap();
    let team = evaluate_team(&model, &team_set(), &options()).unwrap();
    let ch = team
        .team
        .dimensions
        .iter()
        .find(|d| d.dimension_id == "complaint_handling")
        .unwrap();
    assert_eq!((ch.considered, ch.below), (5, 4));
    assert_eq!(ch.below_share, Some(0.8));
    assert_eq!(ch.sentence.zh, "80% 的坐席在投诉处理模块得分低于 60 分");
    assert_eq!(
        ch.sentence.en,
        "80% of agents score below 60 in complaint handling"
    );
    // Exam 40 → 1.67, 50 → 2.33, 55 → 2.67, 58 → 2.87, 75 → 4, combined with supervisor 2 at
    // 1/3: levels 1.78, 2.22, 2.44, 2.58, 3.33.
    assert_eq!(ch.distribution, [1, 3, 1, 0, 0]);
    assert_eq!(ch.mean_score, Some(55.6));
    assert_eq!(ch.evaluated, 5);
    assert_eq!(ch.mean, Some(2.47));
    assert_eq!(ch.below_target_share, Some(0.8));
    // Communication: nobody has evidence.
    let comm = &team.team.dimensions[1];
    assert_eq!((comm.evaluated, comm.insufficient), (0, 5));
    assert_eq!(comm.mean, None);
    assert_eq!(comm.below_share, None);
    assert!(comm.sentence.en.contains("no exam or rubric evidence"));
    // Groups by the default field, sorted.
    let groups: Vec<_> = team
        .team
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.headcount))
        .collect();
    assert_eq!(groups, [("VIP", 2), ("售前", 1), ("售后", 2)]);
    assert_eq!(team.team.groups[1].below_shares[3], Some(1.0));
    assert_eq!(team.team.groups[0].below_shares[3], Some(0.5));
    // Heatmap rows follow the input.
    assert_eq!(team.team.heatmap.rows.len(), 5);
    assert_eq!(team.team.heatmap.rows[0].levels[1], None);
    assert_eq!(team.team.weaknesses[0].dimension_id, "complaint_handling");
    assert_eq!(team.team.weaknesses[0].rank, 1);

    // A level threshold and any person field for groups.
    let mut opts = options();
    opts.threshold = Some(ShareThreshold::Level(2.5));
    opts.group_by = Some("班次".into());
    let team = evaluate_team(&model, &team_set(), &opts).unwrap();
    let ch = &team.team.dimensions[3];
    assert_eq!((ch.considered, ch.below), (5, 3));
    assert_eq!(ch.sentence.zh, "60% 的坐席在投诉处理维度低于 2.5 级");
    assert_eq!(
        ch.sentence.en,
        "60% of agents are below level 2.5 in complaint handling"
    );
    let groups: Vec<_> = team.team.groups.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(groups, ["早班", "晚班"]);
}

fn expect_model_error(mutate: impl Fn(&mut Value), code: ErrorCode, path: &str) {
    let mut value = model_value();
    mutate(&mut value);
    let err = compile(&value).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(err.path(), path, "{err}");
    assert!(!err.message(Locale::ZhCn).is_empty() && !err.message(Locale::En).is_empty());
}

#[test]
fn bad_models_name_code_and_path() {
    expect_model_error(
        |m| m["roles"][1]["targets"][0]["dimensionId"] = json!("empathy"),
        ErrorCode::UnknownDimension,
        "roles[1].targets[0].dimensionId",
    );
    expect_model_error(
        |m| m["dimensions"][2]["evidence"]["sources"][1]["weight"] = json!(0),
        ErrorCode::WeightsDoNotSum,
        "dimensions[2].evidence.sources[1].weight",
    );
    expect_model_error(
        |m| m["dimensions"][0]["evidence"]["sources"][0]["weight"] = json!(-0.5),
        ErrorCode::WeightsDoNotSum,
        "dimensions[0].evidence.sources[0].weight",
    );
    expect_model_error(
        |m| m["levels"][4]["level"] = json!(6),
        ErrorCode::OutOfRange,
        "levels[4].level",
    );
    expect_model_error(
        |m| m["roles"][0]["targets"][2]["level"] = json!(5.5),
        ErrorCode::OutOfRange,
        "roles[0].targets[2].level",
    );
    expect_model_error(
        |m| m["roles"][0]["targets"][2]["importance"] = json!(0),
        ErrorCode::WeightsDoNotSum,
        "roles[0].targets[2].importance",
    );
    expect_model_error(
        |m| {
            m["dimensions"][3]["evidence"]["sources"][2]["mapping"] =
                json!({ "thresholds": [0.6, 1.2, 2, 3, 4] })
        },
        ErrorCode::InvalidValue,
        "dimensions[3].evidence.sources[2].mapping.thresholds",
    );
    expect_model_error(
        |m| m["dimensions"][5]["evidence"]["sources"][2]["key"] = json!("nps"),
        ErrorCode::UnknownReference,
        "dimensions[5].evidence.sources[2].key",
    );
    expect_model_error(
        |m| m["cutScores"] = json!([30, 45, 45, 75, 90]),
        ErrorCode::InvalidValue,
        "cutScores",
    );
    expect_model_error(
        |m| m["dimensions"][6]["evidence"]["minEvidence"] = json!(3),
        ErrorCode::OutOfRange,
        "dimensions[6].evidence.minEvidence",
    );
    expect_model_error(
        |m| m["dimensions"][1]["id"] = json!("product_knowledge"),
        ErrorCode::DuplicateId,
        "dimensions[1].id",
    );
    expect_model_error(
        |m| m["schemaVersion"] = json!(2),
        ErrorCode::UnsupportedSchemaVersion,
        "schemaVersion",
    );
    // Shape errors come from decoding, with the JS path.
    let mut value = model_value();
    value["dimensions"][0]["group"] = json!("talent");
    let err = kaohe::format::decode::<CompetencyModel>(&value).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownVariant);
    assert_eq!(err.path(), "dimensions[0].group");
}

fn expect_evidence_error(people: Vec<Value>, evidence: Vec<Value>, code: ErrorCode, path: &str) {
    let model = parse_model(MODEL).unwrap();
    let s = set(people, evidence);
    let err = evaluate_people(&model, &s, &options()).unwrap_err();
    assert_eq!(err.code(), code, "{err}");
    assert_eq!(err.path(), path, "{err}");
}

#[test]
fn bad_evidence_names_code_and_path() {
    let li = || person("E1001", "李娜", "frontline", "售后");
    expect_evidence_error(
        vec![li()],
        vec![
            ev("E1001", "exam", "product_knowledge", 80.0, "2026-11-01"),
            ev("E9999", "exam", "product_knowledge", 80.0, "2026-11-01"),
        ],
        ErrorCode::UnknownReference,
        "evidence[1].personId",
    );
    expect_evidence_error(
        vec![person("E1001", "李娜", "agent", "售后")],
        vec![],
        ErrorCode::UnknownRole,
        "people[0].role",
    );
    expect_evidence_error(
        vec![li()],
        vec![ev(
            "E1001",
            "supervisorRating",
            "compliance",
            6.0,
            "2026-11-01",
        )],
        ErrorCode::OutOfRange,
        "evidence[0].value",
    );
    expect_evidence_error(
        vec![li()],
        vec![ev("E1001", "exam", "compliance", 101.0, "2026-11-01")],
        ErrorCode::OutOfRange,
        "evidence[0].value",
    );
    expect_evidence_error(
        vec![li()],
        vec![ev("E1001", "kpi", "nps", 40.0, "2026-11-01")],
        ErrorCode::UnknownReference,
        "evidence[0].key",
    );
    expect_evidence_error(
        vec![li(), li()],
        vec![],
        ErrorCode::DuplicateId,
        "people[1].id",
    );
    // Nobody at all: the team view has nothing to say.
    let model = parse_model(MODEL).unwrap();
    let err = evaluate_team(&model, &set(vec![], vec![]), &options()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InsufficientData);
    // Bad dates and kinds are decoding errors with paths.
    let doc = json!({ "schemaVersion": 1, "people": [li()],
        "evidence": [ev("E1001", "exam", "x", 1.0, "2026-02-30")] });
    let err = parse_evidence(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "evidence[0].date");
    let doc = json!({ "schemaVersion": 1, "people": [li()],
        "evidence": [ev("E1001", "peerRating", "x", 1.0, "2026-02-03")] });
    let err = parse_evidence(&doc.to_string()).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::UnknownVariant, "evidence[0].kind")
    );
    // Options out of range.
    let mut opts = options();
    opts.threshold = Some(ShareThreshold::Score(120.0));
    let err = evaluate_team(&model, &team_set(), &opts).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::OutOfRange, "threshold.score")
    );
    let err = evaluate_person(&model, &team_set(), "E4040", &options()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownReference);
}
