//! Level mapping, team percentiles and weighting, checked against NumPy
//! (tests/fixtures/competency/numpy_levels.json, made by make_percentile_fixture.py).

use kaohe::competency::defaults::KpiDirection;
use kaohe::competency::evaluate::percentile_anchors;
use kaohe::competency::mapping::{interpolate_level, percentile};
use kaohe::competency::{evaluate_people, parse_evidence, parse_model, EvaluationOptions};
use kaohe::date::Date;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/competency/numpy_levels.json");

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn five(v: &Value) -> [f64; 5] {
    floats(v).try_into().unwrap()
}

#[test]
fn percentiles_match_numpy_linear() {
    let f = fixture();
    for case in f["percentiles"].as_array().unwrap() {
        let mut values = floats(&case["values"]);
        values.sort_by(f64::total_cmp);
        for (q, expected) in floats(&case["q"]).iter().zip(floats(&case["expected"])) {
            let got = percentile(&values, *q).unwrap();
            assert!(
                (got - expected).abs() < 1e-9,
                "q={q}: {got} vs numpy {expected}"
            );
        }
    }
}

#[test]
fn cut_scores_match_numpy_interp() {
    let f = fixture();
    for case in f["cuts"].as_array().unwrap() {
        let cuts = five(&case["cuts"]);
        for (score, expected) in floats(&case["scores"])
            .iter()
            .zip(floats(&case["expected"]))
        {
            let got = interpolate_level(*score, &cuts);
            assert!(
                (got - expected).abs() < 1e-12,
                "score {score}: {got} vs {expected}"
            );
        }
    }
}

#[test]
fn kpi_team_percentiles_follow_direction_and_match_numpy() {
    let f = fixture();
    for case in f["kpi"].as_array().unwrap() {
        let direction = match case["direction"].as_str().unwrap() {
            "lower" => KpiDirection::LowerIsBetter,
            _ => KpiDirection::HigherIsBetter,
        };
        let team = floats(&case["team"]);
        let mut sorted = team.clone();
        sorted.sort_by(f64::total_cmp);
        let anchors = percentile_anchors(&sorted, &five(&case["percentiles"]), direction).unwrap();
        for (got, expected) in anchors.iter().zip(floats(&case["anchors"])) {
            assert!(
                (got - expected).abs() < 1e-9,
                "{}: anchor {got} vs {expected}",
                case["kpi"]
            );
        }
        for (value, expected) in team.iter().zip(floats(&case["levels"])) {
            let got = interpolate_level(*value, &anchors);
            assert!(
                (got - expected).abs() < 1e-9,
                "{} {value}: {got} vs {expected}",
                case["kpi"]
            );
        }
    }
}

/// A one-dimension model whose only source is a KPI mapped by team percentiles.
fn kpi_model(kpi: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,"id":"m","version":"1","name":{{"zh":"模型","en":"model"}},
        "levels":[{levels}],
        "dimensions":[{{"id":"system_operation","name":{{"zh":"系统操作","en":"System operation"}},
          "group":"skill","stage":"inSale",
          "evidence":{{"sources":[{{"kind":"kpi","key":"{kpi}","weight":1}}]}}}}],
        "roles":[{{"id":"frontline","name":{{"zh":"一线客服","en":"Frontline"}},
          "targets":[{{"dimensionId":"system_operation","level":3}}]}}]}}"#,
        levels = (1..=5)
            .map(|l| format!(
                r#"{{"level":{l},"name":{{"zh":"{l}","en":"{l}"}},"anchor":{{"zh":"a","en":"a"}}}}"#
            ))
            .collect::<Vec<_>>()
            .join(",")
    )
}

#[test]
fn evaluation_uses_numpy_percentiles_for_the_whole_team() {
    let f = fixture();
    let case = &f["kpi"][0];
    assert_eq!(case["kpi"], "aht");
    let team = floats(&case["team"]);
    let people: Vec<String> = (0..team.len())
        .map(|i| format!(r#"{{"id":"P{i}","name":"坐席{i}","role":"frontline","group":"售后"}}"#))
        .collect();
    let evidence: Vec<String> = team
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                r#"{{"personId":"P{i}","kind":"kpi","key":"aht","value":{v},"date":"2026-11-30"}}"#
            )
        })
        .collect();
    let set = parse_evidence(&format!(
        r#"{{"schemaVersion":1,"people":[{}],"evidence":[{}]}}"#,
        people.join(","),
        evidence.join(",")
    ))
    .unwrap();
    let model = parse_model(&kpi_model("aht")).unwrap();
    let options = EvaluationOptions::on(Date::parse("2026-12-01", "").unwrap());
    let results = evaluate_people(&model, &set, &options).unwrap();
    for (result, expected) in results.iter().zip(floats(&case["levels"])) {
        let level = result.dimensions[0].level.unwrap();
        assert!(
            (level - expected).abs() <= 0.005 + 1e-9,
            "{level} vs numpy {expected}"
        );
    }
    // Lower AHT is better: the fastest agent has the highest level.
    let fastest = team
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .unwrap()
        .0;
    let slowest = team
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .unwrap()
        .0;
    assert_eq!(results[fastest].dimensions[0].level, Some(5.0));
    assert_eq!(results[slowest].dimensions[0].level, Some(1.0));
}

#[test]
fn weighted_levels_match_numpy_average_after_renormalising() {
    let f = fixture();
    // Case 1: exam 49.5 → 2.3, rubric 52.5 → 2.5, supervisor 2, weights 0.4 / 0.4 / 0.2.
    // Case 2: exam 66 → 3.4, rubric 20 → 1, supervisor 4, exam "x2" 56.25 → 2.75; weights
    // 0.3 / 0.3 / 0.1 / 0.2, and a KPI source (weight 5) that nobody has, so renormalising over
    // the sources present is what makes the result match numpy.average.
    let model = parse_model(&format!(
        r#"{{"schemaVersion":1,"id":"m","version":"1","name":{{"zh":"模型","en":"model"}},
        "levels":[{levels}],
        "dimensions":[
          {{"id":"complaint_handling","name":{{"zh":"投诉处理","en":"Complaint handling"}},"group":"skill","stage":"afterSale",
            "evidence":{{"sources":[{{"kind":"exam","weight":0.4}},{{"kind":"rubric","weight":0.4}},{{"kind":"supervisorRating","weight":0.2}}]}}}},
          {{"id":"communication","name":{{"zh":"沟通表达","en":"Communication"}},"group":"skill","stage":"allStages",
            "evidence":{{"sources":[{{"kind":"exam","weight":0.3}},{{"kind":"rubric","weight":0.3}},{{"kind":"supervisorRating","weight":0.1}},
              {{"kind":"exam","key":"x2","weight":0.2}},{{"kind":"kpi","key":"csat","weight":5}}]}}}}],
        "roles":[{{"id":"frontline","name":{{"zh":"一线客服","en":"Frontline"}},"targets":[]}}]}}"#,
        levels = (1..=5)
            .map(|l| format!(r#"{{"level":{l},"name":{{"zh":"{l}","en":"{l}"}},"anchor":{{"zh":"a","en":"a"}}}}"#))
            .collect::<Vec<_>>()
            .join(",")
    ))
    .unwrap();
    let set = parse_evidence(
        r#"{"schemaVersion":1,"people":[{"id":"E1001","name":"李娜","role":"frontline","group":"售后"}],
        "evidence":[
          {"personId":"E1001","kind":"exam","key":"complaint_handling","value":49.5,"date":"2026-11-10"},
          {"personId":"E1001","kind":"rubric","key":"complaint_handling","value":52.5,"date":"2026-11-12"},
          {"personId":"E1001","kind":"supervisorRating","key":"complaint_handling","value":2,"date":"2026-11-15"},
          {"personId":"E1001","kind":"exam","key":"communication","value":66,"date":"2026-11-10"},
          {"personId":"E1001","kind":"rubric","key":"communication","value":20,"date":"2026-11-12"},
          {"personId":"E1001","kind":"supervisorRating","key":"communication","value":4,"date":"2026-11-15"},
          {"personId":"E1001","kind":"exam","key":"x2","value":56.25,"date":"2026-11-10"}]}"#,
    )
    .unwrap();
    let options = EvaluationOptions::on(Date::parse("2026-11-20", "").unwrap());
    let result = &evaluate_people(&model, &set, &options).unwrap()[0];
    for (d, case) in f["weighted"].as_array().unwrap().iter().enumerate() {
        let expected = case["expected"].as_f64().unwrap();
        let dim = &result.dimensions[d];
        let level = dim.level.unwrap();
        assert!(
            (level - expected).abs() <= 0.005 + 1e-9,
            "{level} vs numpy {expected}"
        );
        let weights: f64 = dim.sources.iter().map(|s| s.weight).sum();
        assert!(
            (weights - 1.0).abs() < 1e-3,
            "renormalised weights sum to 1: {weights}"
        );
        for (source, level) in dim.sources.iter().zip(floats(&case["levels"])) {
            assert!(
                (source.level - level).abs() < 1e-9,
                "{} {}",
                source.key,
                source.level
            );
        }
    }
    let first = &result.dimensions[0];
    assert_eq!(
        first.explanation.zh,
        "投诉处理 2.32 = 考试 49.5 → 2.3 × 40% + 实操评分 52.5 → 2.5 × 40% + 主管评 2 → 2 × 20%"
    );
    assert_eq!(
        first.explanation.en,
        "Complaint handling 2.32 = exam 49.5 → 2.3 × 40% + rubric 52.5 → 2.5 × 40% + supervisor 2 → 2 × 20%"
    );
}
