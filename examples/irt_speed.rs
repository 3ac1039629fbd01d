//! Native timing of the calibrations on a seeded 5,000 × 200 table (the size):
//! `cargo run --release --example irt_speed`. Not a test: timings are noisy on a shared machine.

use std::time::Instant;

use kaohe::analytics::irt::rasch::{rasch_cml, RaschOptions};
use kaohe::analytics::irt::simulate::{bank, simulate};
use kaohe::analytics::irt::twopl::{twopl_mml, TwoPlOptions};

fn main() {
    let items = bank(7, 200);
    let (table, _) = simulate(8, 5000, &items, 0.0);
    for _ in 0..2 {
        let t = Instant::now();
        let cal = twopl_mml(&table, &TwoPlOptions::default());
        println!(
            "2PL MML 5000 x 200: {:.0} ms, {} E-steps, max |gradient| {:.1e}, converged {}",
            t.elapsed().as_secs_f64() * 1e3,
            cal.steps,
            cal.gradient_max,
            cal.converged
        );
        let t = Instant::now();
        let cal = rasch_cml(&table, &RaschOptions::default());
        println!(
            "Rasch CML 5000 x 200: {:.0} ms, {} Newton steps, max |gradient| {:.1e}",
            t.elapsed().as_secs_f64() * 1e3,
            cal.iterations,
            cal.gradient_max
        );
    }
    let (table, _) = simulate(9, 5000, &items, 0.2);
    let t = Instant::now();
    let cal = twopl_mml(&table, &TwoPlOptions::default());
    println!(
        "2PL MML 5000 x 200, 20% not administered: {:.0} ms, {} E-steps",
        t.elapsed().as_secs_f64() * 1e3,
        cal.steps
    );
}
