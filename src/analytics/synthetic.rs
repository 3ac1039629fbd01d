//! A reproducible synthetic cohort for benchmarks and smoke tests.
//!
//! PRNG: SplitMix64 (Steele, Lea and Flood 2014) seeded with `seed`: `state += 0x9E3779B97F4A7C15;
//! z = state; z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9; z = (z ^ z >> 27) * 0x94D049BB133111EB;
//! z ^ z >> 31`, and a uniform `f64` in [0, 1) from the top 53 bits. Same seed, same matrix, on
//! every platform.

use super::matrix::ResponseMatrix;

struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.uniform() * f64::from(n)) as u32 % n.max(1)
    }
}

/// A cohort answering like real candidates: abilities roughly normal, items of varied difficulty
/// and discrimination (a two-parameter logistic model), 2% of cells unanswered. Nine items in ten
/// are four-option single choice worth 1 point (wrong answers favour the first distractors, so
/// some go unused); every tenth is a 2-point item scored 0, 1 or 2 without options.
#[doc(hidden)]
pub fn synthetic_matrix(candidates: usize, items: usize, seed: u32) -> ResponseMatrix {
    let mut rng = SplitMix64(u64::from(seed));
    let partial = |j: usize| j % 10 == 9;
    let difficulty: Vec<f64> = (0..items).map(|_| rng.uniform() * 3.0 - 1.5).collect();
    let slope: Vec<f64> = (0..items).map(|_| 0.5 + rng.uniform() * 1.5).collect();
    let keys: Vec<u32> = (0..items).map(|_| rng.below(4)).collect();
    let cells = candidates * items;
    let mut m = ResponseMatrix {
        candidates,
        items,
        item_ids: (0..items).map(|j| format!("题{:03}", j + 1)).collect(),
        max_points: (0..items)
            .map(|j| if partial(j) { 2.0 } else { 1.0 })
            .collect(),
        points: Vec::with_capacity(cells),
        answered: Vec::with_capacity(cells),
        choices: Vec::with_capacity(cells),
        option_counts: (0..items).map(|j| if partial(j) { 0 } else { 4 }).collect(),
        correct_masks: (0..items)
            .map(|j| if partial(j) { 0 } else { 1 << keys[j] })
            .collect(),
    };
    for _ in 0..candidates {
        let ability = (0..4).map(|_| rng.uniform()).sum::<f64>() * 1.7 - 3.4;
        for j in 0..items {
            let p = 1.0 / (1.0 + (-slope[j] * (ability - difficulty[j])).exp());
            if rng.uniform() < 0.02 {
                m.points.push(0.0);
                m.answered.push(false);
                m.choices.push(0);
                continue;
            }
            m.answered.push(true);
            if partial(j) {
                let score = f64::from(u8::from(rng.uniform() < p) + u8::from(rng.uniform() < p));
                m.points.push(score);
                m.choices.push(0);
            } else if rng.uniform() < p {
                m.points.push(1.0);
                m.choices.push(1 << keys[j]);
            } else {
                // Distractors in order of attractiveness: 60%, 30%, 10%.
                let u = rng.uniform();
                let rank = if u < 0.6 {
                    1
                } else if u < 0.9 {
                    2
                } else {
                    3
                };
                m.points.push(0.0);
                m.choices.push(1 << ((keys[j] + rank) % 4));
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_valid_and_reproducible() {
        let a = synthetic_matrix(50, 12, 3);
        assert!(a.validate().is_ok());
        assert_eq!(a, synthetic_matrix(50, 12, 3));
        assert_ne!(a.points, synthetic_matrix(50, 12, 4).points);
    }

    #[test]
    fn splitmix_matches_the_reference_sequence() {
        // Reference values of SplitMix64 seeded with 0 (from the published C implementation).
        let mut r = SplitMix64(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
