//! Agreement statistics against fixtures computed by `krippendorff`, `pingouin`, numpy and scipy
//! (tests/fixtures/rubric/make_agreement.py), never against this crate's own output.

use kaohe::rubric::agreement::bias::{bias_vs_panel, bias_vs_reference};
use kaohe::rubric::agreement::icc::icc;
use kaohe::rubric::agreement::krippendorff::{alpha, Level};
use kaohe::rubric::agreement::pairwise::PairwiseAgreement;
use kaohe::rubric::agreement::Statistic;
use kaohe::rubric::format::Aggregation;
use kaohe::rubric::panel::aggregate;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/rubric/agreement.json");
const TOLERANCE: f64 = 1e-9;

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).unwrap()
}

fn matrix(v: &Value) -> Vec<Vec<Option<f64>>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|row| row.as_array().unwrap().iter().map(Value::as_f64).collect())
        .collect()
}

fn close(name: &str, what: &str, ours: Option<f64>, theirs: &Value) {
    match (ours, theirs.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < TOLERANCE, "{name} {what}: {a} vs {b}"),
        (None, None) => {}
        (a, _) => panic!("{name} {what}: ours {a:?}, fixture {theirs}"),
    }
}

fn stat(s: &Statistic) -> Option<f64> {
    assert!(
        s.value.is_some() || s.note.is_some(),
        "an undefined statistic says why"
    );
    s.value
}

#[test]
fn krippendorff_alpha_matches_the_krippendorff_package() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let units = matrix(&ds["units"]);
        close(
            name,
            "interval",
            stat(&alpha(&units, Level::Interval)),
            &ds["alphaInterval"],
        );
        close(
            name,
            "ordinal",
            stat(&alpha(&units, Level::Ordinal)),
            &ds["alphaOrdinal"],
        );
        // An unused scale value in the value domain changes nothing.
        close(
            name,
            "ordinal/no domain",
            stat(&alpha(&units, Level::Ordinal)),
            &ds["alphaOrdinalNoDomain"],
        );
    }
}

#[test]
fn the_paper_example_is_pinned() {
    // Krippendorff (2011): interval alpha of the 3-coder example with missing values ≈ 0.811.
    let f = fixture();
    let ds = &f["datasets"][0];
    assert_eq!(ds["name"], "krippendorff_paper_missing");
    let a = alpha(&matrix(&ds["units"]), Level::Interval).value.unwrap();
    assert!((a - 0.811).abs() < 5e-4, "{a}");
}

#[test]
fn icc_matches_pingouin_with_listwise_deletion() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let units = matrix(&ds["units"]);
        let r = icc(&units);
        close(name, "ICC(2,1)", stat(&r.icc2_1), &ds["icc"]["icc2_1"]);
        close(name, "ICC(2,k)", stat(&r.icc2_k), &ds["icc"]["icc2_k"]);
        close(name, "ICC(3,1)", stat(&r.icc3_1), &ds["icc"]["icc3_1"]);
        let complete = units
            .iter()
            .filter(|u| u.iter().all(Option::is_some))
            .count() as u32;
        assert_eq!(r.targets_used, complete, "{name}");
        assert_eq!(
            r.targets_used + r.targets_dropped,
            units.len() as u32,
            "{name}"
        );
    }
}

#[test]
fn exact_and_adjacent_agreement_match_the_definition() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let p = PairwiseAgreement::of(&matrix(&ds["units"]), 1.0);
        assert_eq!(
            u64::from(p.pairs),
            ds["pairwise"]["pairs"].as_u64().unwrap(),
            "{name}"
        );
        close(
            name,
            "exact",
            stat(&p.exact_percent),
            &ds["pairwise"]["exact"],
        );
        close(
            name,
            "adjacent",
            stat(&p.adjacent_percent),
            &ds["pairwise"]["adjacent"],
        );
    }
}

#[test]
fn rater_bias_matches_pandas() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let units = matrix(&ds["units"]);
        let reference: Vec<Option<f64>> = ds["reference"]
            .as_array()
            .unwrap()
            .iter()
            .map(Value::as_f64)
            .collect();
        for (j, b) in bias_vs_panel(&units).into_iter().enumerate() {
            close(
                name,
                &format!("bias vs panel [{j}]"),
                b,
                &ds["biasVsPanel"][j],
            );
        }
        for (j, b) in bias_vs_reference(&units, &reference)
            .into_iter()
            .enumerate()
        {
            close(
                name,
                &format!("bias vs reference [{j}]"),
                b,
                &ds["biasVsReference"][j],
            );
        }
    }
}

#[test]
fn panel_aggregation_matches_numpy_and_scipy() {
    let f = fixture();
    for case in f["aggregation"].as_array().unwrap() {
        let values: Vec<f64> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_f64)
            .collect();
        let trim = case["trim"].as_f64().unwrap();
        let name = format!("{values:?}");
        close(
            &name,
            "mean",
            aggregate(&values, Aggregation::Mean, trim),
            &case["mean"],
        );
        close(
            &name,
            "median",
            aggregate(&values, Aggregation::Median, trim),
            &case["median"],
        );
        close(
            &name,
            "trimmed",
            aggregate(&values, Aggregation::TrimmedMean, trim),
            &case["trimmedMean"],
        );
    }
}

#[test]
fn undefined_statistics_are_none_with_a_note() {
    let same = vec![vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0)]];
    let a = alpha(&same, Level::Interval);
    assert!(a.value.is_none() && a.note.is_some());
    let r = icc(&same);
    assert!(r.icc2_1.value.is_none() && r.icc2_1.note.is_some());
    let lonely = vec![vec![Some(3.0), None], vec![None, Some(2.0)]];
    assert!(alpha(&lonely, Level::Ordinal).value.is_none());
    assert!(icc(&lonely).icc3_1.value.is_none());
    assert!(PairwiseAgreement::of(&lonely, 1.0)
        .exact_percent
        .value
        .is_none());
    assert_eq!(bias_vs_panel(&lonely), vec![None, None]);
}

#[test]
fn icc_fields_keep_their_textbook_names_in_json() {
    // camelCase would turn `icc2_1` into `icc21` and `icc2_k` into `icc2K`.
    let units = vec![
        vec![Some(1.0), Some(2.0)],
        vec![Some(3.0), Some(3.0)],
        vec![Some(4.0), Some(5.0)],
    ];
    let json = kaohe::format::to_json_value(&icc(&units));
    for key in [
        "icc2_1",
        "icc2_k",
        "icc3_1",
        "targetsUsed",
        "targetsDropped",
        "raters",
    ] {
        assert!(json.get(key).is_some(), "{key} missing in {json}");
    }
    assert!(json.get("icc21").is_none());
}
