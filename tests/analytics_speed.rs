//! Timing of the analysis on the benchmark's cohort sizes. Ignored by default (timings on a
//! shared machine are not a test); run with
//! `cargo test --release --test analytics_speed -- --ignored --nocapture`.

use std::time::Instant;

use kaohe::analytics::{analyse_items, synthetic_matrix, AnalysisOptions, MissingAnswers};

fn median_ms(candidates: usize, items: usize, options: &AnalysisOptions) -> f64 {
    let m = synthetic_matrix(candidates, items, 1);
    let mut times: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            let a = analyse_items(&m, options).unwrap();
            assert_eq!(a.items.len(), items);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[times.len() / 2]
}

#[test]
#[ignore]
fn timings() {
    let default = AnalysisOptions::default();
    let exclude = AnalysisOptions {
        missing_answers: MissingAnswers::Exclude,
        ..default
    };
    for (c, i) in [(2_000, 100), (20_000, 200)] {
        println!(
            "{c} × {i}: {:.2} ms (unanswered as wrong), {:.2} ms (excluded)",
            median_ms(c, i, &default),
            median_ms(c, i, &exclude)
        );
    }
}

/// A loop to profile with `perf record` on the 2,000 × 100 cohort.
#[test]
#[ignore]
fn profile_small_cohort() {
    let m = synthetic_matrix(2_000, 100, 1);
    let options = AnalysisOptions::default();
    let runs: usize = std::env::var("PROFILE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    for _ in 0..runs {
        assert_eq!(analyse_items(&m, &options).unwrap().items.len(), 100);
    }
}
