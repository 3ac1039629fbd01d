//! The IRT tab's progress bar: the observed 2PL run reports every EM cycle, ends at the
//! tolerance (progress 1) and gives exactly the calibration of the plain call.

use kaohe::analytics::irt::simulate::{bank, simulate};
use kaohe::analytics::irt::{em_progress, twopl_mml, twopl_mml_observed, TwoPlOptions};

#[test]
fn observed_run_reports_progress_and_matches_the_plain_run() {
    let items = bank(7, 12);
    let (table, _) = simulate(11, 400, &items, 0.05);
    let options = TwoPlOptions::default();
    let mut seen: Vec<(u32, f64)> = Vec::new();
    let observed = twopl_mml_observed(&table, &options, &mut |steps, g| seen.push((steps, g)));
    let plain = twopl_mml(&table, &options);
    assert_eq!(observed, plain);
    assert!(observed.converged);
    assert!(
        seen.len() >= 2,
        "one report per EM cycle, got {}",
        seen.len()
    );
    assert!(seen.windows(2).all(|w| w[1].0 > w[0].0), "steps increase");
    let first = seen[0].1;
    let last = seen[seen.len() - 1].1;
    assert!(last < options.tolerance);
    assert_eq!(em_progress(first, last, options.tolerance), 1.0);
    assert_eq!(em_progress(first, first, options.tolerance), 0.0);
}

#[test]
fn progress_is_a_log_scale_fraction_and_never_nan() {
    // Half-way in orders of magnitude: from 1e2 to 1e-4, 1e-1 is half.
    assert!((em_progress(1e2, 1e-1, 1e-4) - 0.5).abs() < 1e-12);
    assert_eq!(em_progress(1e2, 1e3, 1e-4), 0.0);
    assert_eq!(em_progress(0.0, 0.0, 1e-4), 1.0);
    assert_eq!(em_progress(f64::NAN, 1.0, 1e-4), 0.0);
    assert_eq!(em_progress(1.0, f64::NAN, 1e-4), 0.0);
}
