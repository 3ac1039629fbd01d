//! A goal's numeric target is the value the model's own evidence rule maps to the planned
//! level: the rule is inverted (cut scores, a source's own cuts, KPI thresholds in either
//! direction, team percentiles in either direction), and the target never asks for more than
//! the step the plan states. The rule is recomputed here from the model JSON and the team's
//! values, independently of the crate's interpolation.

use std::collections::BTreeSet;

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, EvaluationOptions, EvidenceKind,
    TeamEvaluation,
};
use kaohe::date::Date;
use kaohe::plan::goals::target_in_unit;
use kaohe::plan::{
    from_competency, generate_plans, Direction, MetricKind, Plan, PlanBatchRequest, PlanSettings,
};
use serde_json::Value;

/// The sample model with two sources given their own cut scores, so every rule kind occurs.
fn model_json() -> Value {
    let mut model: Value = serde_json::from_str(include_str!("../www/samples/model.json")).unwrap();
    for dim in model["dimensions"].as_array_mut().unwrap() {
        let id = dim["id"].as_str().unwrap().to_string();
        for source in dim["evidence"]["sources"].as_array_mut().unwrap() {
            match (id.as_str(), source["kind"].as_str().unwrap()) {
                ("emotion_management", "exam") => {
                    source["cuts"] = serde_json::json!([40, 55, 70, 80, 95]);
                }
                ("system_operation", "rubric") => {
                    source["cuts"] = serde_json::json!([35, 50, 62, 78, 92]);
                }
                _ => {}
            }
        }
    }
    model
}

fn team() -> TeamEvaluation {
    let model = parse_model(&model_json().to_string()).unwrap();
    let mut set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    set.evidence.extend(
        import_kpi_csv(include_str!("../www/samples/kpi.csv"))
            .unwrap()
            .evidence,
    );
    evaluate_team(
        &model,
        &set,
        &EvaluationOptions::on(Date::from_ymd(2026, 12, 1).unwrap()),
    )
    .unwrap()
}

fn plans(team: &TeamEvaluation) -> Vec<Plan> {
    let batch = generate_plans(&PlanBatchRequest {
        schema_version: 1,
        evaluations: team.people.iter().map(from_competency).collect(),
        start_date: "2026-12-07".into(),
        // Every source below the planned level becomes a goal, so every rule kind is tried.
        settings: PlanSettings {
            max_evidence_goals_per_dimension: 5,
            ..PlanSettings::default()
        },
        catalog: None,
    })
    .unwrap();
    assert!(batch.failures.is_empty(), "{:?}", batch.failures);
    batch.plans
}

/// `numpy.interp(value, anchors, [1, 2, 3, 4, 5])`, written out independently (for decreasing
/// anchors on the negated axis).
fn np_interp(value: f64, anchors: &[f64]) -> f64 {
    let sign = if anchors[0] < anchors[4] { 1.0 } else { -1.0 };
    let xs: Vec<f64> = anchors.iter().map(|a| a * sign).collect();
    let x = value * sign;
    if x <= xs[0] {
        return 1.0;
    }
    if x >= xs[4] {
        return 5.0;
    }
    let k = xs.windows(2).position(|w| x <= w[1]).unwrap();
    let span = xs[k + 1] - xs[k];
    1.0 + k as f64 + if span > 0.0 { (x - xs[k]) / span } else { 1.0 }
}

/// `numpy.percentile(values, q)` with the default linear method.
fn np_percentile(sorted: &[f64], q: f64) -> f64 {
    let rank = (sorted.len() - 1) as f64 * q / 100.0;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[lo] + (rank - lo as f64) * (sorted[hi] - sorted[lo])
}

/// The rule kind and the anchors of one source, recomputed from the model JSON (and, for team
/// percentiles, from the team's mean KPI values recomputed from the CSV).
fn rule_of(model: &Value, dim_id: &str, kind: &str, key: &str) -> (String, Vec<f64>) {
    let dim = model["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == dim_id)
        .unwrap();
    let source = dim["evidence"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == kind && s["key"].as_str().unwrap_or(dim_id) == key)
        .unwrap();
    let nums = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    match kind {
        "exam" | "rubric" => match source.get("cuts") {
            Some(cuts) => (format!("{kind} own cuts"), nums(cuts)),
            None => (format!("{kind} model cuts"), nums(&model["cutScores"])),
        },
        "kpi" => {
            let lower = matches!(key, "aht" | "complaintRate");
            let dir = if lower { "lower" } else { "higher" };
            match source.get("mapping") {
                Some(m) if m.get("thresholds").is_some() => {
                    (format!("kpi thresholds {dir}"), nums(&m["thresholds"]))
                }
                _ => {
                    let mut values = team_kpi_means(key);
                    values.sort_by(f64::total_cmp);
                    let anchors = [10.0, 30.0, 50.0, 70.0, 90.0]
                        .iter()
                        .map(|p| np_percentile(&values, if lower { 100.0 - p } else { *p }))
                        .collect();
                    (format!("kpi percentiles {dir}"), anchors)
                }
            }
        }
        other => panic!("no goal should come from {other}"),
    }
}

/// Each person's mean of a KPI column of the sample CSV (the evaluation averages the records of
/// the recency window; every sample month is inside it).
fn team_kpi_means(key: &str) -> Vec<f64> {
    let column = match key {
        "fcr" => 4,
        "aht" => 5,
        other => panic!("not a percentile KPI in the sample: {other}"),
    };
    let mut sums: std::collections::BTreeMap<String, (f64, u32)> = Default::default();
    for line in include_str!("../www/samples/kpi.csv").lines().skip(1) {
        let cells: Vec<&str> = line.trim_end().split(',').collect();
        // An empty cell is a month without that KPI.
        let Ok(value) = cells[column].trim_end_matches('%').parse::<f64>() else {
            continue;
        };
        let entry = sums.entry(cells[0].to_string()).or_default();
        entry.0 += value;
        entry.1 += 1;
    }
    sums.values().map(|(s, n)| s / f64::from(*n)).collect()
}

#[test]
fn every_evidence_goal_targets_the_planned_level_under_the_models_rule() {
    let model = model_json();
    let team = team();
    let mut kinds = BTreeSet::new();
    let mut checked = 0;
    for plan in plans(&team) {
        let person = team
            .people
            .iter()
            .find(|p| p.person_id == plan.person_id)
            .unwrap();
        for goal in &plan.goals {
            if goal.metric.kind == MetricKind::Level {
                continue;
            }
            let focus = plan
                .focus
                .iter()
                .find(|f| f.dimension_id == goal.dimension_id)
                .unwrap();
            let delta = (focus.plan_target_level - focus.level).max(0.0);
            assert!(delta <= plan.settings.level_step_per_cycle + 1e-9);
            let kind = match goal.metric.kind {
                MetricKind::Exam => "exam",
                MetricKind::Rubric => "rubric",
                MetricKind::Kpi => "kpi",
                MetricKind::Level => unreachable!(),
            };
            let source = person
                .dimensions
                .iter()
                .find(|d| d.dimension_id == goal.dimension_id)
                .unwrap()
                .sources
                .iter()
                .find(|s| {
                    s.key == goal.metric.key
                        && matches!(
                            (s.kind, kind),
                            (EvidenceKind::Exam, "exam")
                                | (EvidenceKind::Rubric, "rubric")
                                | (EvidenceKind::Kpi, "kpi")
                        )
                })
                .unwrap();
            let (rule, anchors) = rule_of(&model, &goal.dimension_id, kind, &goal.metric.key);
            // The source's level under the independently recomputed rule is the crate's.
            assert!(
                (np_interp(source.raw_value, &anchors) - source.level).abs() < 0.011,
                "{rule}: {} → {} vs {}",
                source.raw_value,
                np_interp(source.raw_value, &anchors),
                source.level
            );
            let planned = (source.level + delta).min(5.0);
            let unit = 10f64.powi(-(goal.metric.decimals as i32));
            let one_less = match goal.metric.direction {
                Direction::Increase => goal.target - unit,
                Direction::Decrease => goal.target + unit,
            };
            let at_target = np_interp(goal.target, &anchors);
            // The target reaches the planned level…
            assert!(
                at_target >= planned - 1e-3,
                "{} {}: target {} is level {at_target}, planned {planned} ({rule})",
                plan.person_id,
                goal.id,
                goal.target
            );
            // …and one display unit less would not: it asks for no more than the step.
            if goal.target != goal.baseline {
                assert!(
                    np_interp(one_less, &anchors) < planned + 1e-3,
                    "{} {}: target {} overshoots level {planned} ({rule})",
                    plan.person_id,
                    goal.id,
                    goal.target
                );
            }
            // The plan keeps the rule it inverted.
            let kept = goal.metric.level_anchors.as_ref().unwrap();
            for (a, b) in kept.iter().zip(&anchors) {
                assert!((a - b).abs() < 1e-3, "{rule}: {kept:?} vs {anchors:?}");
            }
            kinds.insert(rule);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} goals checked");
    let expected: BTreeSet<String> = [
        "exam model cuts",
        "exam own cuts",
        "rubric model cuts",
        "rubric own cuts",
        "kpi thresholds higher",
        "kpi thresholds lower",
        "kpi percentiles higher",
        "kpi percentiles lower",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let missing: Vec<_> = expected.difference(&kinds).collect();
    assert!(missing.is_empty(), "rule kinds without a goal: {missing:?}");
}

/// The issue's case: a one-level step from 2.47 (exam 52 on cut scores 30/45/60/75/90) to 3.46
/// is 66.9 points, shown as 67 — not the 71 the old "100 points is level 5" formula gave.
#[test]
fn the_issues_one_level_step_targets_67_points() {
    let name = kaohe::i18n::Text::new("投诉处理", "Complaint handling");
    let mut metric =
        kaohe::plan::goals::metric_for(kaohe::plan::SourceKind::Exam, "complaint_handling", &name)
            .unwrap();
    let settings = PlanSettings::default();
    assert_eq!(target_in_unit(&metric, 52.0, 2.47, 0.99, &settings), 71.0);
    metric.level_anchors = Some(vec![30.0, 45.0, 60.0, 75.0, 90.0]);
    assert_eq!(target_in_unit(&metric, 52.0, 2.47, 0.99, &settings), 67.0);
    // Level 5 is the last cut, never 100.
    assert_eq!(target_in_unit(&metric, 80.0, 4.33, 1.0, &settings), 90.0);
    // A lower-is-better KPI moves down to the threshold of the planned level.
    let mut aht =
        kaohe::plan::goals::metric_for(kaohe::plan::SourceKind::Kpi, "aht", &name).unwrap();
    aht.level_anchors = Some(vec![600.0, 480.0, 360.0, 300.0, 240.0]);
    assert_eq!(target_in_unit(&aht, 420.0, 2.5, 1.0, &settings), 330.0);
    // Team percentiles with no spread cannot be inverted: the older formula applies.
    aht.level_anchors = Some(vec![400.0; 5]);
    assert!(target_in_unit(&aht, 420.0, 3.0, 1.0, &settings) < 420.0);
}
