//! Cohen's and Fleiss' kappa, Krippendorff's alpha (nominal, ratio), the six ICC forms with F,
//! df, p and CI, Cronbach's alpha with Feldt's interval and the F distribution, against
//! scikit-learn, statsmodels, krippendorff, pingouin and SciPy
//! (tests/fixtures/rubric/make_agreement_family.py), never against this crate's own output.

use kaohe::analytics::distributions::{f_ppf, f_sf};
use kaohe::analytics::reliability::cronbach_alpha;
use kaohe::rubric::agreement::icc::{icc_table, IccForm};
use kaohe::rubric::agreement::kappa::{cohen_kappa, cohen_kappa_pairs, fleiss_kappa, KappaWeights};
use kaohe::rubric::agreement::krippendorff::{alpha, Level};
use kaohe::rubric::agreement::Statistic;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/rubric/agreement_family.json");
/// Closed forms (kappas, alphas, ICC, F): the fixture's values are exact to rounding.
const CLOSED: f64 = 1e-9;

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

fn domain(v: &Value) -> Option<Vec<f64>> {
    v.as_array()
        .map(|d| d.iter().filter_map(Value::as_f64).collect())
}

fn stat(s: &Statistic) -> Option<f64> {
    assert!(
        s.value.is_some() || s.note.is_some(),
        "an undefined statistic says why"
    );
    s.value
}

fn close(what: &str, ours: Option<f64>, theirs: &Value, tol: f64) {
    match (ours, theirs.as_f64()) {
        (Some(a), Some(b)) => assert!(
            (a - b).abs() <= tol * b.abs().max(1.0),
            "{what}: {a} vs {b}"
        ),
        (None, None) => {}
        (a, _) => panic!("{what}: ours {a:?}, fixture {theirs}"),
    }
}

#[test]
fn cohen_kappa_matches_scikit_learn_for_every_pair_and_weighting() {
    let f = fixture();
    let mut checked = 0;
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let Some(expected) = ds["cohen"].as_array() else {
            continue;
        };
        let units = matrix(&ds["units"]);
        let dom = domain(&ds["domain"]);
        let ours = cohen_kappa_pairs(&units, dom.as_deref());
        assert_eq!(ours.len(), expected.len(), "{name}");
        for (o, e) in ours.iter().zip(expected) {
            let what = format!("{name} raters {}-{}", o.rater_a, o.rater_b);
            assert_eq!(u64::from(o.rater_a), e["raterA"].as_u64().unwrap());
            assert_eq!(u64::from(o.rater_b), e["raterB"].as_u64().unwrap());
            assert_eq!(u64::from(o.units), e["units"].as_u64().unwrap(), "{what}");
            close(
                &format!("{what} unweighted"),
                stat(&o.unweighted),
                &e["unweighted"],
                CLOSED,
            );
            close(
                &format!("{what} linear"),
                stat(&o.linear),
                &e["linear"],
                CLOSED,
            );
            close(
                &format!("{what} quadratic"),
                stat(&o.quadratic),
                &e["quadratic"],
                CLOSED,
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} pairs checked");
}

#[test]
fn fleiss_kappa_matches_statsmodels() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let units = matrix(&ds["units"]);
        let r = fleiss_kappa(&units);
        close(name, stat(&r.kappa), &ds["fleiss"]["kappa"], CLOSED);
        assert_eq!(
            u64::from(r.units_used),
            ds["fleiss"]["used"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(r.units_used + r.units_dropped, units.len() as u32);
    }
}

#[test]
fn krippendorff_alpha_nominal_and_ratio_match_the_package() {
    let f = fixture();
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let units = matrix(&ds["units"]);
        close(
            &format!("{name} nominal"),
            stat(&alpha(&units, Level::Nominal)),
            &ds["alphaNominal"],
            CLOSED,
        );
        close(
            &format!("{name} ratio"),
            stat(&alpha(&units, Level::Ratio)),
            &ds["alphaRatio"],
            CLOSED,
        );
        close(
            &format!("{name} interval"),
            stat(&alpha(&units, Level::Interval)),
            &ds["alphaInterval"],
            CLOSED,
        );
    }
}

#[test]
fn six_icc_forms_with_f_df_p_and_ci_match_pingouin() {
    let f = fixture();
    let names = [
        (IccForm::Icc1, "ICC(1,1)"),
        (IccForm::Icc2, "ICC(A,1)"),
        (IccForm::Icc3, "ICC(C,1)"),
        (IccForm::Icc1k, "ICC(1,k)"),
        (IccForm::Icc2k, "ICC(A,k)"),
        (IccForm::Icc3k, "ICC(C,k)"),
    ];
    for ds in f["datasets"].as_array().unwrap() {
        let name = ds["name"].as_str().unwrap();
        let table = icc_table(&matrix(&ds["units"]));
        let expected = ds["icc"].as_array().unwrap();
        assert_eq!(table.rows.len(), 6);
        for ((row, e), (form, label)) in table.rows.iter().zip(expected).zip(names) {
            assert_eq!(row.form, form);
            assert_eq!(e["form"], label);
            let what = format!("{name} {label}");
            close(&format!("{what} ICC"), stat(&row.icc), &e["icc"], CLOSED);
            close(&format!("{what} F"), stat(&row.f), &e["f"], CLOSED);
            assert_eq!(row.df1, e["df1"].as_f64().unwrap(), "{what}");
            assert_eq!(row.df2, e["df2"].as_f64().unwrap(), "{what}");
            // p-values down to 1e-147: relative precision.
            let (p, ep) = (stat(&row.p).unwrap(), e["p"].as_f64().unwrap());
            assert!(
                (p - ep).abs() <= 1e-9 * ep + 1e-300,
                "{what} p: {p} vs {ep}"
            );
            close(
                &format!("{what} CI low"),
                stat(&row.ci_low),
                &e["ciLow"],
                CLOSED,
            );
            close(
                &format!("{what} CI high"),
                stat(&row.ci_high),
                &e["ciHigh"],
                CLOSED,
            );
        }
    }
}

#[test]
fn cronbach_alpha_and_feldt_interval_match_pingouin() {
    let f = fixture();
    for case in f["cronbach"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let rows: Vec<Vec<f64>> = case["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            })
            .collect();
        let r = cronbach_alpha(&rows, 0.95);
        close(name, r.alpha.value, &case["alpha"], CLOSED);
        close(name, r.ci_low.value, &case["ciLow"], CLOSED);
        close(name, r.ci_high.value, &case["ciHigh"], CLOSED);
        // pingouin's own (rounded to 3 decimals) interval.
        let rounded = &case["pingouinCiRounded"];
        close(name, r.ci_low.value, &rounded[0], 5e-4 + 1e-12);
        close(name, r.ci_high.value, &rounded[1], 5e-4 + 1e-12);
    }
}

#[test]
fn f_distribution_matches_scipy() {
    let f = fixture();
    for case in f["f"].as_array().unwrap() {
        let (d1, d2) = (case["d1"].as_f64().unwrap(), case["d2"].as_f64().unwrap());
        if let Some(x) = case["x"].as_f64() {
            let e = case["sf"].as_f64().unwrap();
            let sf = f_sf(x, d1, d2);
            assert!(
                (sf - e).abs() <= 1e-12 * e.max(1e-3),
                "sf({x}; {d1}, {d2}) = {sf} vs {e}"
            );
        } else {
            let p = case["p"].as_f64().unwrap();
            let e = case["ppf"].as_f64().unwrap();
            let q = f_ppf(p, d1, d2);
            assert!(
                (q - e).abs() <= 1e-11 * e,
                "ppf({p}; {d1}, {d2}) = {q} vs {e}"
            );
        }
    }
}

#[test]
fn undefined_kappas_say_why() {
    let same = [Some(3.0), Some(3.0), Some(3.0)];
    let k = cohen_kappa(&same, &same, None, KappaWeights::Unweighted);
    assert_eq!(k.value, None);
    assert!(k.note.is_some());
    let none = cohen_kappa(
        &[None, Some(1.0)],
        &[Some(1.0), None],
        None,
        KappaWeights::Linear,
    );
    assert_eq!(none.value, None);
    let flat = vec![vec![Some(2.0), Some(2.0)], vec![Some(2.0), Some(2.0)]];
    assert_eq!(fleiss_kappa(&flat).kappa.value, None);
    let table = icc_table(&flat);
    assert!(table
        .rows
        .iter()
        .all(|r| r.icc.value.is_none() && r.icc.note.is_some()));
    assert_eq!(
        icc_table(&[vec![Some(1.0), Some(2.0)]]).rows[0].p.value,
        None
    );
}

#[test]
fn the_calibration_report_carries_the_kappa_matrix_and_icc_table_of_each_criterion() {
    use kaohe::format::decode_json;
    use kaohe::rubric::calibration::{calibrate, RatingSet};
    use kaohe::rubric::format::parse_rubric;
    let rubric = parse_rubric(include_str!("../www/samples/rubric.json")).unwrap();
    let set: RatingSet = decode_json(include_str!("../www/samples/ratings.json")).unwrap();
    let report = calibrate(&rubric, &set).unwrap();
    let f = fixture();
    let expected = f["sampleCalibration"].as_array().unwrap();
    assert_eq!(report.criteria.len(), expected.len());
    for (ours, theirs) in report.criteria.iter().zip(expected) {
        let id = ours.criterion_id.as_str();
        assert_eq!(id, theirs["criterionId"]);
        let kappa = ours
            .agreement
            .kappa
            .as_ref()
            .expect("a criterion has kappas");
        for (o, e) in kappa.pairs.iter().zip(theirs["cohen"].as_array().unwrap()) {
            let what = format!("{id} {}-{}", o.rater_a, o.rater_b);
            close(&what, stat(&o.unweighted), &e["unweighted"], CLOSED);
            close(&what, stat(&o.linear), &e["linear"], CLOSED);
            close(&what, stat(&o.quadratic), &e["quadratic"], CLOSED);
        }
        close(
            id,
            stat(&kappa.fleiss.kappa),
            &theirs["fleiss"]["kappa"],
            CLOSED,
        );
        close(
            id,
            stat(&kappa.alpha_nominal),
            &theirs["alphaNominal"],
            CLOSED,
        );
        let table = ours.agreement.icc_forms.as_ref().unwrap();
        for (row, e) in table.rows.iter().zip(theirs["icc"].as_array().unwrap()) {
            close(id, stat(&row.icc), &e["icc"], CLOSED);
            close(id, stat(&row.ci_low), &e["ciLow"], CLOSED);
            close(id, stat(&row.ci_high), &e["ciHigh"], CLOSED);
        }
    }
    // Totals are not categories: no kappa, but the ICC table.
    assert!(report.overall.kappa.is_none());
    assert!(report.overall.icc_forms.is_some());
}
