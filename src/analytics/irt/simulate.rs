//! Seeded simulation of response tables, for the speed benchmark, the adaptive-test simulation
//! and tests: θ ~ N(0, 1) by Box–Muller over SplitMix64 (the exam module's generator), each
//! response 1 with probability P(θ), and each cell not administered with probability `missing`.

use crate::exam::SplitMix64;

use super::{probability, ResponseTable, NOT_ADMINISTERED};

/// A uniform number in [0, 1) from 53 random bits.
pub fn uniform(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A standard normal number (Box–Muller, one of the pair).
pub fn normal(rng: &mut SplitMix64) -> f64 {
    let u1 = 1.0 - uniform(rng);
    let u2 = uniform(rng);
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// `persons` simulated response records to `items` (a, b), and the true abilities.
pub fn simulate(
    seed: u32,
    persons: usize,
    items: &[(f64, f64)],
    missing: f64,
) -> (ResponseTable, Vec<f64>) {
    let mut rng = SplitMix64::new(seed);
    let mut cells = Vec::with_capacity(persons * items.len());
    let mut thetas = Vec::with_capacity(persons);
    for _ in 0..persons {
        let theta = normal(&mut rng);
        thetas.push(theta);
        for &(a, b) in items {
            let correct = uniform(&mut rng) < probability(theta, a, b);
            cells.push(if uniform(&mut rng) < missing {
                NOT_ADMINISTERED
            } else {
                u8::from(correct)
            });
        }
    }
    let table = ResponseTable {
        persons,
        items: items.len(),
        cells,
    };
    (table, thetas)
}

/// A plausible bank of `n` items: a log-normal around 1, b normal (seeded).
pub fn bank(seed: u32, n: usize) -> Vec<(f64, f64)> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|_| ((0.3 * normal(&mut rng)).exp(), normal(&mut rng)))
        .collect()
}
