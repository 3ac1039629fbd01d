//! The adaptive recertification simulation: 2,000 simulated agents on a seeded 300-item bank in
//! four content areas, the adaptive test against fixed-length papers from the same bank, with
//! randomesque and with Sympson–Hetter exposure control.
//! `cargo run --release --example cat_sim`

use std::time::Instant;

use kaohe::analytics::irt::simulate::bank;
use kaohe::exam::adaptive::{
    calibrate_exposure, simulate, AdaptiveItem, AdaptiveSettings, AdaptiveTest,
};

fn main() {
    let items: Vec<AdaptiveItem> = bank(2026, 300)
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| AdaptiveItem {
            a,
            b,
            area: (i % 4) as u32,
        })
        .collect();
    let settings = AdaptiveSettings {
        area_targets: vec![1.0; 4],
        ..AdaptiveSettings::default()
    };
    println!(
        "bank 300 items (a log-normal around 1, b ~ N(0,1)), 4 content areas; CAT: start θ 0, \
         max information among the top {}, EAP, stop at SE ≤ {} (min {}, max {} items)",
        settings.randomesque, settings.target_se, settings.min_items, settings.max_items
    );
    let (cat, fixed30) = simulate(&items, &settings, 2000, 30, 7);
    let rounded = cat.mean_length.round() as u32;
    let (_, fixed_same) = simulate(&items, &settings, 2000, rounded, 7);
    println!(
        "{:<28} {:>8} {:>8} {:>8} {:>10} {:>8}",
        "", "length", "bias", "RMSE", "max exp.", "at SE"
    );
    for (name, r) in [
        ("adaptive", &cat),
        ("fixed, 30 items", &fixed30),
        (&*format!("fixed, {rounded} items"), &fixed_same),
    ] {
        println!(
            "{:<28} {:>8.2} {:>8.4} {:>8.4} {:>10.3} {:>8.3}",
            name, r.mean_length, r.bias, r.rmse, r.max_exposure, r.reached_target
        );
    }
    for top in [1, 10] {
        let s = AdaptiveSettings {
            randomesque: top,
            ..settings.clone()
        };
        let (r, _) = simulate(&items, &s, 2000, 30, 7);
        println!(
            "{:<28} {:>8.2} {:>8.4} {:>8.4} {:>10.3} {:>8.3}",
            format!("adaptive, top {top}"),
            r.mean_length,
            r.bias,
            r.rmse,
            r.max_exposure,
            r.reached_target
        );
    }
    // Sympson–Hetter: parameters calibrated on other simulated agents (seed 11), then the same
    // 2,000 agents as above; pure maximum information among the items offered.
    for rate in [0.2, 0.3] {
        let plain = AdaptiveSettings {
            randomesque: 1,
            ..settings.clone()
        };
        let t = Instant::now();
        let cal = calibrate_exposure(&items, &plain, rate, 2000, 20, 11);
        let took = t.elapsed().as_secs_f64();
        let s = AdaptiveSettings {
            exposure_parameters: cal.parameters,
            ..plain
        };
        let (r, _) = simulate(&items, &s, 2000, 30, 7);
        println!(
            "{:<28} {:>8.2} {:>8.4} {:>8.4} {:>10.3} {:>8.3}   ({} rounds, {took:.1} s)",
            format!("adaptive, Sympson–Hetter {rate}"),
            r.mean_length,
            r.bias,
            r.rmse,
            r.max_exposure,
            r.reached_target,
            cal.rounds
        );
    }
    // One CAT step on a 500-item bank.
    let big: Vec<AdaptiveItem> = bank(5, 500)
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| AdaptiveItem {
            a,
            b,
            area: (i % 8) as u32,
        })
        .collect();
    let s = AdaptiveSettings {
        area_targets: vec![1.0; 8],
        max_items: 60,
        target_se: 0.0,
        ..AdaptiveSettings::default()
    };
    let mut test = AdaptiveTest::new(big.len(), &s);
    let t = Instant::now();
    let mut steps = 0;
    while let Some(item) = test.next_item(&big, &s) {
        test.record(&big, item, steps % 2 == 0);
        steps += 1;
    }
    println!(
        "one step (select + update) on a 500-item bank: {:.1} µs (mean of {steps})",
        t.elapsed().as_secs_f64() * 1e6 / f64::from(steps)
    );
}
