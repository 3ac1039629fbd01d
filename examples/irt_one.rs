//! One 2PL calibration of a seeded 5,000 × 200 table, for timing with `time` (CPU seconds are
//! steadier than wall time on a shared machine): `cargo run --release --example irt_one`.

use kaohe::analytics::irt::simulate::{bank, simulate};
use kaohe::analytics::irt::twopl::{twopl_mml, TwoPlOptions};

fn main() {
    let items = bank(7, 200);
    let (table, _) = simulate(8, 5000, &items, 0.0);
    let tolerance = std::env::args()
        .nth(1)
        .and_then(|t| t.parse().ok())
        .unwrap_or(TwoPlOptions::default().tolerance);
    let cal = twopl_mml(
        &table,
        &TwoPlOptions {
            tolerance,
            ..TwoPlOptions::default()
        },
    );
    println!("{} E-steps, converged {}", cal.steps, cal.converged);
}
