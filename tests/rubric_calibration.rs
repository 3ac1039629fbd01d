//! The calibration report on the sample rating set, checked per criterion against
//! `krippendorff` / `pingouin` / pandas (tests/fixtures/rubric/make_agreement.py reads the same
//! www/samples files), plus panel and composite end to end and the rating set's bad inputs.

use kaohe::assessment::composite::{composite, CandidateScores, ComponentScore, CompositeConfig};
use kaohe::format::decode_json;
use kaohe::rubric::calibration::{calibrate, RatingSet};
use kaohe::rubric::format::{parse_rubric, Rubric};
use kaohe::rubric::score::score_scorecard;
use kaohe::ErrorCode;
use serde_json::Value;

const RUBRIC: &str = include_str!("../www/samples/rubric.json");
const RATINGS: &str = include_str!("../www/samples/ratings.json");
const FIXTURE: &str = include_str!("fixtures/rubric/agreement.json");

fn rubric() -> Rubric {
    parse_rubric(RUBRIC).unwrap()
}

fn set() -> RatingSet {
    decode_json(RATINGS).unwrap()
}

fn close(what: &str, ours: Option<f64>, theirs: &Value) {
    match (ours, theirs.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{what}: {a} vs {b}"),
        (None, None) => {}
        (a, _) => panic!("{what}: ours {a:?}, fixture {theirs}"),
    }
}

#[test]
fn per_criterion_statistics_match_the_third_party_fixture() {
    let report = calibrate(&rubric(), &set()).unwrap();
    let f: Value = serde_json::from_str(FIXTURE).unwrap();
    let expected = &f["sampleCalibration"];
    let raters: Vec<&str> = expected["raters"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(report.rater_ids, raters);
    assert_eq!(
        report.criteria.len(),
        expected["criteria"].as_array().unwrap().len()
    );
    for (ours, theirs) in report
        .criteria
        .iter()
        .zip(expected["criteria"].as_array().unwrap())
    {
        let id = ours.criterion_id.as_str();
        assert_eq!(id, theirs["criterionId"]);
        let a = &ours.agreement;
        close(
            &format!("{id} alpha interval"),
            a.alpha_interval.value,
            &theirs["alphaInterval"],
        );
        close(
            &format!("{id} alpha ordinal"),
            a.alpha_ordinal.value,
            &theirs["alphaOrdinal"],
        );
        close(
            &format!("{id} ICC(2,1)"),
            a.icc.icc2_1.value,
            &theirs["icc"]["icc2_1"],
        );
        close(
            &format!("{id} ICC(2,k)"),
            a.icc.icc2_k.value,
            &theirs["icc"]["icc2_k"],
        );
        close(
            &format!("{id} ICC(3,1)"),
            a.icc.icc3_1.value,
            &theirs["icc"]["icc3_1"],
        );
        close(
            &format!("{id} exact"),
            a.pairwise.exact_percent.value,
            &theirs["pairwise"]["exact"],
        );
        close(
            &format!("{id} adjacent"),
            a.pairwise.adjacent_percent.value,
            &theirs["pairwise"]["adjacent"],
        );
        for (j, b) in a.bias.iter().enumerate() {
            close(
                &format!("{id} bias vs panel {j}"),
                b.vs_panel,
                &theirs["biasVsPanel"][j],
            );
            close(
                &format!("{id} bias vs reference {j}"),
                b.vs_reference,
                &theirs["biasVsReference"][j],
            );
        }
    }
}

#[test]
fn the_report_covers_panels_reference_and_missing_ratings() {
    let report = calibrate(&rubric(), &set()).unwrap();
    assert_eq!(report.reference_rater_id.as_deref(), Some("expert-zhou"));
    assert!(!report.rater_ids.contains(&"expert-zhou".to_string()));
    assert_eq!(report.performance_ids.len(), 5);
    assert_eq!(report.panels.len(), 5);
    assert!(report.reference_totals.iter().all(Option::is_some));
    // tl-zhao did not rate E1018: the ICC on totals drops that performance (listwise).
    assert_eq!(report.overall.icc.targets_dropped, 1);
    assert_eq!(report.overall.icc.targets_used, 4);
    assert!(report.overall.alpha_interval.value.is_some());
    // The pooled pairwise counts are the sum over criteria.
    let pairs: u32 = report
        .criteria
        .iter()
        .map(|c| c.agreement.pairwise.pairs)
        .sum();
    assert_eq!(report.overall.pairwise.pairs, pairs);
    // The enquiry has no complaint: the whole complaint section is N/A for the panel.
    let enquiry = report
        .panels
        .iter()
        .find(|p| p.performance_id == "E1008-product-enquiry")
        .unwrap();
    let complaint = enquiry
        .score
        .sections
        .iter()
        .find(|s| s.section_id == "complaintHandling")
        .unwrap();
    assert_eq!(complaint.score, None);
    // The angry call scores lower than the good late-delivery call for every rater.
    let total = |p: &str| {
        report
            .panels
            .iter()
            .find(|x| x.performance_id == p)
            .unwrap()
            .score
            .total
    };
    assert!(total("E1001-late-delivery") > total("E1004-angry-customer") + 20.0);
    let json = kaohe::format::to_json_string(&report);
    assert!(!json.contains("NaN") && json.contains("\"alphaInterval\""));
}

#[test]
fn two_raters_then_a_composite_with_a_stored_exam() {
    let rubric = rubric();
    let set = set();
    let cards: Vec<_> = set
        .scorecards
        .iter()
        .filter(|c| {
            c.performance_id == "E1001-late-delivery"
                && c.rater_id != "expert-zhou"
                && c.rater_id != "tl-zhao"
        })
        .cloned()
        .collect();
    assert_eq!(cards.len(), 2);
    let panel = kaohe::rubric::panel::score_panel(&rubric, &cards).unwrap();
    let single = score_scorecard(&rubric, &cards[0]).unwrap();
    assert!(single.passed);
    let mut c = CandidateScores {
        candidate_id: "E1001".into(),
        components: Default::default(),
    };
    c.components.insert(
        "theory".into(),
        ComponentScore {
            score: 88.0,
            critical_failure: false,
        },
    );
    c.components.insert(
        "practical".into(),
        ComponentScore::from_practical(&panel.score),
    );
    let r = composite(&CompositeConfig::default(), &c).unwrap();
    assert!((r.total - (0.4 * 88.0 + 0.6 * panel.score.total)).abs() < 1e-9);
}

#[test]
fn bad_rating_sets() {
    let rubric = rubric();
    let mut dup = set();
    let first = dup.scorecards[0].clone();
    dup.scorecards.push(first);
    let e = calibrate(&rubric, &dup).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "scorecards[19].raterId")
    );
    let mut unknown = set();
    unknown.reference_rater_id = Some("nobody".into());
    assert_eq!(
        calibrate(&rubric, &unknown).unwrap_err().path(),
        "referenceRaterId"
    );
    let mut lonely = set();
    lonely
        .scorecards
        .retain(|c| c.rater_id == "qa-chen" || c.rater_id == "expert-zhou");
    assert_eq!(
        calibrate(&rubric, &lonely).unwrap_err().code(),
        ErrorCode::InsufficientData
    );
    let mut bad = set();
    bad.scorecards[3].ratings.get_mut("clarity").unwrap().value = Some(7.0);
    let e = calibrate(&rubric, &bad).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "scorecards[3].ratings.clarity.value")
    );
    let e = decode_json::<RatingSet>(&RATINGS.replacen("\"referenceRaterId\"", "\"reference\"", 1))
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownField);
}
