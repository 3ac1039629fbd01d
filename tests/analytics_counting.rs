//! The item analysis's two kernels: whole-point cohorts are summed by counting
//! (src/analytics/analysis_counts.rs), anything else in `f64`. Both must give the same statistics
//! (the fixtures in analytics_fixtures.rs check them against NumPy and SciPy); a fractional
//! score or maximum, or a large total, must take the `f64` kernel.

use kaohe::analytics::{
    analyse_items, analyse_items_f64, counting_applies, synthetic_matrix, AnalysisOptions,
    MissingAnswers, ResponseMatrix, Statistic,
};

fn close(a: &Statistic, b: &Statistic, what: &str) {
    match (a.value, b.value) {
        (Some(x), Some(y)) => assert!(
            (x - y).abs() <= 1e-11 * y.abs().max(1.0),
            "{what}: counted {x} vs f64 {y}"
        ),
        _ => assert_eq!(a, b, "{what}"),
    }
}

/// The counting kernel and the f64 kernel agree on every statistic of every item.
fn kernels_agree(matrix: &ResponseMatrix, options: &AnalysisOptions) {
    assert!(
        counting_applies(matrix).unwrap(),
        "not a whole-point cohort"
    );
    let counted = analyse_items(matrix, options).unwrap();
    let float = analyse_items_f64(matrix, options).unwrap();
    // The same flags; their values are the statistics, compared below.
    let flag = |f: &kaohe::analytics::Flag| (f.item_index, f.code, f.option);
    assert_eq!(
        counted.flags.iter().map(flag).collect::<Vec<_>>(),
        float.flags.iter().map(flag).collect::<Vec<_>>()
    );
    // Alpha and the SEM take the item variances, summed differently; the rest is the same.
    let (mut a, b) = (counted.exam.clone(), &float.exam);
    close(&a.cronbach_alpha, &b.cronbach_alpha, "alpha");
    close(
        &a.standard_error_of_measurement,
        &b.standard_error_of_measurement,
        "sem",
    );
    a.cronbach_alpha = b.cronbach_alpha;
    a.standard_error_of_measurement = b.standard_error_of_measurement;
    assert_eq!(&a, b);
    for (a, b) in counted.items.iter().zip(&float.items) {
        let at = format!("item {}", b.index);
        assert_eq!(
            (a.responses, a.answered, a.options.len()),
            (b.responses, b.answered, b.options.len()),
            "{at}"
        );
        for (x, y, what) in [
            (&a.facility, &b.facility, "facility"),
            (&a.sd, &b.sd, "sd"),
            (&a.discrimination, &b.discrimination, "discrimination"),
            (
                &a.discriminative_efficiency,
                &b.discriminative_efficiency,
                "efficiency",
            ),
            (&a.upper_lower_index, &b.upper_lower_index, "upperLower"),
            (&a.alpha_if_deleted, &b.alpha_if_deleted, "alphaIfDeleted"),
        ] {
            close(x, y, &format!("{at}.{what}"));
        }
        for (x, y) in a.options.iter().zip(&b.options) {
            let at = format!("{at}.option {}", y.option);
            assert_eq!(
                (x.count, x.upper_count, x.lower_count, x.is_key),
                (y.count, y.upper_count, y.lower_count, y.is_key),
                "{at}"
            );
            close(&x.share, &y.share, &format!("{at}.share"));
            close(
                &x.mean_rest_score,
                &y.mean_rest_score,
                &format!("{at}.meanRest"),
            );
            close(
                &x.correlation_with_rest,
                &y.correlation_with_rest,
                &format!("{at}.correlation"),
            );
        }
    }
}

#[test]
fn counting_kernel_equals_f64_kernel() {
    let exclude = AnalysisOptions {
        missing_answers: MissingAnswers::Exclude,
        ..AnalysisOptions::default()
    };
    for (n, k, seed) in [(300, 40, 1), (57, 17, 2), (2, 3, 3), (1, 5, 4)] {
        let mut m = synthetic_matrix(n, k, seed);
        kernels_agree(&m, &AnalysisOptions::default());
        kernels_agree(&m, &exclude);
        // Multi-point items: scale every third item to 3 points (scores 0 or 3, and 2 for
        // every fifth candidate who got it right), and leave some cells unanswered.
        for j in (0..k).step_by(3) {
            m.max_points[j] *= 3.0;
            for c in 0..n {
                let cell = c * k + j;
                m.points[cell] *= if c % 5 == 0 { 2.0 } else { 3.0 };
            }
        }
        for cell in (0..n * k).step_by(7) {
            m.answered[cell] = false;
            m.points[cell] = 0.0;
            m.choices[cell] = 0;
        }
        kernels_agree(&m, &AnalysisOptions::default());
        kernels_agree(&m, &exclude);
    }
}

#[test]
fn a_fractional_score_takes_the_f64_kernel() {
    let mut m = synthetic_matrix(50, 6, 9);
    assert!(counting_applies(&m).unwrap());
    m.max_points[2] = 2.0;
    m.points[2 * 6 + 2] = 1.5;
    m.answered[2 * 6 + 2] = true;
    assert!(!counting_applies(&m).unwrap());
    // A fractional maximum with whole scores also falls back.
    let mut m = synthetic_matrix(50, 6, 9);
    m.max_points[0] = 1.5;
    assert!(!counting_applies(&m).unwrap());
    assert_eq!(
        analyse_items(&m, &AnalysisOptions::default()).unwrap(),
        analyse_items_f64(&m, &AnalysisOptions::default()).unwrap()
    );
    // So does a total beyond the counted range.
    let mut m = synthetic_matrix(3, 2, 9);
    m.max_points[0] = 5000.0;
    m.points[0] = 4999.0;
    m.answered[0] = true;
    assert!(!counting_applies(&m).unwrap());
}
