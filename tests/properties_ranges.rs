//! Property tests of the ranges outside exam scoring, hand-rolled over SplitMix64: rubric
//! totals, competency levels (1–5) and source weights, plan targets and attainment, and item
//! analysis statistics (finite or undefined, never NaN or ±∞).

use kaohe::analytics::{analyse_items, AnalysisOptions, ResponseMatrix, Statistic};
use kaohe::competency::{evaluate_team, parse_evidence, parse_model, EvaluationOptions};
use kaohe::date::Date;
use kaohe::exam::SplitMix64;
use kaohe::plan::{generate_plan, MetricKind, PlanRequest};
use kaohe::rubric::format::parse_rubric;
use kaohe::rubric::score::score_scorecard;
use kaohe::rubric::scorecard::Scorecard;
use serde_json::{json, Value};

const CASES: u32 = 200;

fn unit(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[test]
fn rubric_totals_stay_between_zero_and_one_hundred() {
    let rubric = parse_rubric(include_str!("../www/samples/rubric.json")).unwrap();
    let set: Value = serde_json::from_str(include_str!("../www/samples/ratings.json")).unwrap();
    let cards = set["scorecards"].as_array().unwrap();
    let mut rng = SplitMix64::new(44);
    for case in 0..CASES {
        // Each criterion's rating taken from a random card: always a valid value on its scale.
        let mut card = cards[rng.below(cards.len())].clone();
        let keys: Vec<String> = card["ratings"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for key in keys {
            let donor = &cards[rng.below(cards.len())];
            if let Some(r) = donor["ratings"].get(&key) {
                card["ratings"][&key] = r.clone();
            }
        }
        let card: Scorecard = kaohe::format::decode_value(&card).unwrap();
        let result = score_scorecard(&rubric, &card).unwrap();
        assert!(
            (0.0..=100.0).contains(&result.total),
            "case {case}: {}",
            result.total
        );
        assert!((0.0..=100.0).contains(&result.base_total));
        if result.critical_failure {
            assert!(!result.passed);
        }
    }
}

#[test]
fn competency_levels_stay_between_one_and_five_and_weights_sum_to_one() {
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let team: Value = serde_json::from_str(include_str!("../www/samples/team.json")).unwrap();
    let date = Date::parse("2026-12-01", "date").unwrap();
    let mut rng = SplitMix64::new(55);
    let mut levels = 0;
    for case in 0..CASES / 4 {
        let mut doc = team.clone();
        let evidence = doc["evidence"].as_array_mut().unwrap();
        evidence.retain(|_| unit(&mut rng) > 0.3);
        for e in evidence.iter_mut() {
            let value = match e["kind"].as_str().unwrap() {
                "exam" | "rubric" => json!((unit(&mut rng) * 100.0).round()),
                _ => json!(1 + rng.below(5)),
            };
            e["value"] = value;
        }
        let set = parse_evidence(&doc.to_string()).unwrap();
        let result = evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap();
        for person in &result.people {
            for d in &person.dimensions {
                if let Some(level) = d.level {
                    levels += 1;
                    assert!((1.0..=5.0).contains(&level), "case {case}: level {level}");
                    assert!((1..=5).contains(&d.band.unwrap()));
                }
                if let Some(target) = d.target {
                    assert!((1.0..=5.0).contains(&target));
                }
                assert!((0.0..=1.0).contains(&d.confidence));
                if !d.sources.is_empty() {
                    let sum: f64 = d.sources.iter().map(|s| s.weight).sum();
                    // Weights are reported rounded to 4 decimals.
                    assert!(
                        (sum - 1.0).abs() <= 1e-3,
                        "case {case}: weights sum to {sum}"
                    );
                }
                for s in &d.sources {
                    assert!((0.0..=1.0).contains(&s.weight));
                    assert!((1.0..=5.0).contains(&s.level), "source level {}", s.level);
                }
            }
        }
    }
    assert!(levels > 1000, "only {levels} levels checked");
}

#[test]
fn plan_targets_stay_in_range() {
    let sample: Value =
        serde_json::from_str(include_str!("../www/samples/evaluation-E1001.json")).unwrap();
    let mut rng = SplitMix64::new(66);
    let mut goals = 0;
    for case in 0..CASES {
        let mut evaluation = sample.clone();
        for d in evaluation["dimensions"].as_array_mut().unwrap() {
            let level = 1.0 + (unit(&mut rng) * 400.0).round() / 100.0;
            let target = (level + unit(&mut rng) * 2.0).min(5.0);
            d["level"] = json!(level);
            d["band"] = json!(level.floor().min(5.0) as u32);
            d["target"] = json!((target * 100.0).round() / 100.0);
        }
        let request =
            json!({ "schemaVersion": 1, "evaluation": evaluation, "startDate": "2026-12-07" });
        let request: PlanRequest = match kaohe::format::decode_value(&request) {
            Ok(r) => r,
            Err(e) => panic!("case {case}: {e}"),
        };
        let plan = match generate_plan(&request) {
            Ok(plan) => plan,
            Err(e) => panic!("case {case}: {} at {}", e.code().as_str(), e.path()),
        };
        for g in &plan.goals {
            goals += 1;
            assert!(g.target.is_finite() && g.baseline.is_finite(), "{g:?}");
            assert!(
                (0.0..=1.0).contains(&g.attainment),
                "attainment {}",
                g.attainment
            );
            assert!(g.importance.is_finite() && g.importance >= 0.0);
            let range = match g.metric.kind {
                MetricKind::Level => 1.0..=5.0,
                MetricKind::Exam | MetricKind::Rubric => 0.0..=100.0,
                MetricKind::Kpi => f64::MIN..=f64::MAX,
            };
            assert!(
                range.contains(&g.target),
                "case {case}: target {} of {:?}",
                g.target,
                g.metric.kind
            );
            assert!(range.contains(&g.baseline));
        }
    }
    assert!(goals > 0);
}

fn defined(name: &str, s: &Statistic) {
    match s.value {
        Some(v) => assert!(v.is_finite(), "{name} = {v}"),
        None => assert!(s.reason.is_some(), "{name}: undefined without a reason"),
    }
}

#[test]
fn item_statistics_are_finite_or_undefined() {
    let mut rng = SplitMix64::new(77);
    for case in 0..CASES {
        let candidates = rng.below(9);
        let items = 1 + rng.below(5);
        let cells = candidates * items;
        let option_counts: Vec<u8> = (0..items).map(|_| [0u8, 2, 4, 5][rng.below(4)]).collect();
        let max_points: Vec<f64> = (0..items).map(|_| 1.0 + rng.below(4) as f64).collect();
        let flat = rng.below(4) == 0; // everyone the same: zero variances
        let mut points = Vec::new();
        let mut answered = Vec::new();
        let mut choices = Vec::new();
        for c in 0..cells {
            let j = c % items;
            let share = if flat { 1.0 } else { rng.below(3) as f64 / 2.0 };
            points.push(share * max_points[j]);
            answered.push(flat || rng.below(5) != 0);
            let n = u32::from(option_counts[j]);
            choices.push(if n == 0 || !answered[c] {
                0
            } else {
                1 << rng.below(n as usize)
            });
        }
        let correct_masks = option_counts.iter().map(|&n| u32::from(n > 0)).collect();
        let matrix = ResponseMatrix {
            candidates,
            items,
            item_ids: (0..items).map(|j| format!("q{j}")).collect(),
            max_points,
            points,
            answered,
            choices,
            option_counts,
            correct_masks,
        };
        let report = match analyse_items(&matrix, &AnalysisOptions::default()) {
            Ok(r) => r,
            Err(e) => panic!("case {case}: {} at {}", e.code().as_str(), e.path()),
        };
        let e = &report.exam;
        for (name, s) in [
            ("mean", &e.mean),
            ("median", &e.median),
            ("sd", &e.sd),
            ("skewness", &e.skewness),
            ("kurtosis", &e.kurtosis),
            ("min", &e.min),
            ("max", &e.max),
            ("alpha", &e.cronbach_alpha),
            ("sem", &e.standard_error_of_measurement),
        ] {
            defined(name, s);
        }
        for item in &report.items {
            for (name, s) in [
                ("facility", &item.facility),
                ("sd", &item.sd),
                ("discrimination", &item.discrimination),
                ("efficiency", &item.discriminative_efficiency),
                ("upperLower", &item.upper_lower_index),
                ("alphaIfDeleted", &item.alpha_if_deleted),
            ] {
                defined(name, s);
            }
            if let Some(f) = item.facility.value {
                assert!((0.0..=1.0).contains(&f), "facility {f}");
            }
            for o in &item.options {
                defined("share", &o.share);
                defined("meanRest", &o.mean_rest_score);
                defined("correlation", &o.correlation_with_rest);
            }
        }
    }
}
