//! Item analysis checked against values computed by NumPy, SciPy and pingouin
//! (tests/fixtures/analytics/make_item_analysis.py), never against this crate's own output.

use kaohe::analytics::{analyse_items, AnalysisOptions, ItemAnalysis, ResponseMatrix, Statistic};
use serde_json::Value;

const FIXTURES: &str = include_str!("fixtures/analytics/item_analysis.json");
const TOLERANCE: f64 = 1e-9;

fn cases() -> Vec<Value> {
    let doc: Value = serde_json::from_str(FIXTURES).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn run(case: &Value) -> ItemAnalysis {
    let matrix: ResponseMatrix = kaohe::format::decode_json(&case["matrix"].to_string()).unwrap();
    let options: AnalysisOptions =
        kaohe::format::decode_json(&case["options"].to_string()).unwrap();
    analyse_items(&matrix, &options).unwrap()
}

fn assert_stat(actual: &Statistic, expected: &Value, what: &str) {
    let expected: Statistic = kaohe::format::decode_value(&expected.clone())
        .unwrap_or_else(|e| panic!("{what}: bad fixture {e}"));
    match (actual.value, expected.value) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= TOLERANCE * b.abs().max(1.0),
            "{what}: {a} vs reference {b}"
        ),
        _ => assert_eq!(actual, &expected, "{what}"),
    }
}

fn check_case(case: &Value) {
    let name = case["name"].as_str().unwrap();
    let got = run(case);
    let want = &case["expected"];
    let exam = &want["exam"];
    assert_eq!(
        got.exam.candidates as u64,
        exam["candidates"].as_u64().unwrap()
    );
    assert_eq!(
        got.exam.group_size as u64,
        exam["groupSize"].as_u64().unwrap(),
        "{name}"
    );
    assert!((got.exam.max_total - exam["maxTotal"].as_f64().unwrap()).abs() < 1e-12);
    for (field, stat) in [
        ("mean", &got.exam.mean),
        ("median", &got.exam.median),
        ("sd", &got.exam.sd),
        ("skewness", &got.exam.skewness),
        ("kurtosis", &got.exam.kurtosis),
        ("min", &got.exam.min),
        ("max", &got.exam.max),
        ("cronbachAlpha", &got.exam.cronbach_alpha),
        (
            "standardErrorOfMeasurement",
            &got.exam.standard_error_of_measurement,
        ),
    ] {
        assert_stat(stat, &exam[field], &format!("{name}.exam.{field}"));
    }
    let histogram: Vec<u64> = got.exam.histogram.iter().map(|b| b.count as u64).collect();
    let expected_histogram: Vec<u64> = exam["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(histogram, expected_histogram, "{name}.exam.histogram");

    let items = want["items"].as_array().unwrap();
    assert_eq!(got.items.len(), items.len());
    for (j, (item, exp)) in got.items.iter().zip(items).enumerate() {
        let at = format!("{name}.items[{j}]");
        assert_eq!(item.item_id, exp["itemId"].as_str().unwrap(), "{at}");
        assert_eq!(
            item.responses as u64,
            exp["responses"].as_u64().unwrap(),
            "{at}"
        );
        assert_eq!(
            item.answered as u64,
            exp["answered"].as_u64().unwrap(),
            "{at}"
        );
        for (field, stat) in [
            ("facility", &item.facility),
            ("sd", &item.sd),
            ("discrimination", &item.discrimination),
            ("discriminativeEfficiency", &item.discriminative_efficiency),
            ("upperLowerIndex", &item.upper_lower_index),
            ("alphaIfDeleted", &item.alpha_if_deleted),
        ] {
            assert_stat(stat, &exp[field], &format!("{at}.{field}"));
        }
        let options = exp["options"].as_array().unwrap();
        assert_eq!(item.options.len(), options.len(), "{at}.options");
        for (o, (opt, exp)) in item.options.iter().zip(options).enumerate() {
            let at = format!("{at}.options[{o}]");
            assert_eq!(opt.label, exp["label"].as_str().unwrap(), "{at}");
            assert_eq!(opt.is_key, exp["isKey"].as_bool().unwrap(), "{at}");
            assert_eq!(opt.count as u64, exp["count"].as_u64().unwrap(), "{at}");
            assert_eq!(
                opt.upper_count as u64,
                exp["upperCount"].as_u64().unwrap(),
                "{at}"
            );
            assert_eq!(
                opt.lower_count as u64,
                exp["lowerCount"].as_u64().unwrap(),
                "{at}"
            );
            assert_stat(&opt.share, &exp["share"], &format!("{at}.share"));
            assert_stat(
                &opt.mean_rest_score,
                &exp["meanRestScore"],
                &format!("{at}.meanRest"),
            );
            assert_stat(
                &opt.correlation_with_rest,
                &exp["correlationWithRest"],
                &format!("{at}.correlationWithRest"),
            );
        }
    }

    let flags: Vec<(u64, String, Option<u64>)> = got
        .flags
        .iter()
        .map(|f| {
            let code = kaohe::format::to_json_value(&f.code);
            (
                f.item_index as u64,
                code.as_str().unwrap().to_string(),
                f.option.map(u64::from),
            )
        })
        .collect();
    let expected_flags: Vec<(u64, String, Option<u64>)> = want["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["itemIndex"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
                f.get("option").and_then(Value::as_u64),
            )
        })
        .collect();
    assert_eq!(flags, expected_flags, "{name}.flags");
}

fn case(name: &str) -> Value {
    cases()
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

#[test]
fn dichotomous_items_match_scipy_and_pingouin() {
    check_case(&case("dichotomous"));
}

#[test]
fn partial_credit_matches_including_many_score_levels() {
    check_case(&case("partialCredit"));
}

#[test]
fn missing_answers_counted_as_wrong_match() {
    check_case(&case("missingCountAsWrong"));
}

#[test]
fn missing_answers_excluded_match() {
    check_case(&case("missingExcluded"));
}

#[test]
fn ties_at_the_group_cut_follow_numpy_stable_order() {
    check_case(&case("tiesAtCut"));
}

#[test]
fn constant_item_is_undefined_not_nan() {
    check_case(&case("constantItem"));
}

#[test]
fn whole_points_of_several_sizes_match_on_the_counting_kernel() {
    let case = case("wholePoints");
    let matrix: ResponseMatrix = kaohe::format::decode_json(&case["matrix"].to_string()).unwrap();
    assert!(kaohe::analytics::counting_applies(&matrix).unwrap());
    check_case(&case);
}

#[test]
fn whole_points_with_unanswered_excluded_match() {
    check_case(&case("wholePointsExcluded"));
}

#[test]
fn one_fractional_score_falls_back_to_the_f64_kernel_and_matches() {
    let case = case("oneFractionalScore");
    let matrix: ResponseMatrix = kaohe::format::decode_json(&case["matrix"].to_string()).unwrap();
    assert!(!kaohe::analytics::counting_applies(&matrix).unwrap());
    check_case(&case);
}

#[test]
fn every_fixture_case_is_covered() {
    let names: Vec<String> = cases()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "dichotomous",
            "partialCredit",
            "missingCountAsWrong",
            "missingExcluded",
            "tiesAtCut",
            "constantItem",
            "wholePoints",
            "wholePointsExcluded",
            "oneFractionalScore"
        ]
    );
}
