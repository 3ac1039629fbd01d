//! The seeded random numbers behind paper assembly, specified exactly so a paper can be rebuilt
//! anywhere (another build, a script) from its seed.
//!
//! - Generator: SplitMix64 (Steele, Lea, Flood 2014; the reference `splitmix64.c` by Vigna),
//!   state = the 32-bit seed widened to 64 bits. Each step adds `0x9E3779B97F4A7C15` to the
//!   state and mixes it with the reference's shifts and multipliers.
//! - A uniform index below `n`: draw `x`; reject it when `x > u64::MAX − ((u64::MAX mod n) + 1)
//!   mod n` (the incomplete top block) and draw again; otherwise return `x mod n`. Unbiased.
//! - Shuffle (Fisher–Yates, Durstenfeld): for `i` from `len − 1` down to 1, swap `i` with
//!   `below(i + 1)`.
//! - Drawing `count` of `n` (a partial Fisher–Yates): for `k` in `0..count`, swap `k` with
//!   `k + below(n − k)`; the first `count` entries are the draw, in that order.

/// SplitMix64, seeded with a 32-bit seed.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose state is `seed`.
    pub fn new(seed: u32) -> Self {
        SplitMix64 {
            state: u64::from(seed),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        let n64 = n as u64;
        if n64 <= 1 {
            return 0;
        }
        let reject = (u64::MAX % n64 + 1) % n64;
        loop {
            let x = self.next_u64();
            if x <= u64::MAX - reject {
                return usize::try_from(x % n64).unwrap_or(0);
            }
        }
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// Moves a uniform random selection of `count` entries to the front, in draw order, and
    /// returns how many were drawn (`count` or fewer if the slice is shorter).
    pub fn draw_front<T>(&mut self, items: &mut [T], count: usize) -> usize {
        let n = items.len();
        let count = count.min(n);
        for k in 0..count {
            let j = k + self.below(n - k);
            items.swap(k, j);
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference outputs computed by tests/fixtures/exam/splitmix64.py (Python integers, an
    /// independent implementation of Vigna's splitmix64.c).
    const FIXTURE: &str = include_str!("../../tests/fixtures/exam/splitmix64.json");

    #[test]
    fn matches_the_reference_generator() {
        let fixture: serde_json::Value = serde_json::from_str(FIXTURE).unwrap();
        for case in fixture["cases"].as_array().unwrap() {
            let mut rng = SplitMix64::new(case["seed"].as_u64().unwrap() as u32);
            for expected in case["outputs"].as_array().unwrap() {
                let expected: u64 = expected.as_str().unwrap().parse().unwrap();
                assert_eq!(rng.next_u64(), expected);
            }
        }
        for case in fixture["shuffles"].as_array().unwrap() {
            let mut rng = SplitMix64::new(case["seed"].as_u64().unwrap() as u32);
            let n = case["n"].as_u64().unwrap() as usize;
            let mut items: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut items);
            let expected: Vec<usize> = case["result"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as usize)
                .collect();
            assert_eq!(items, expected, "seed {}", case["seed"]);
        }
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = SplitMix64::new(7);
        let mut seen = [0u32; 6];
        for _ in 0..6000 {
            let x = rng.below(6);
            seen[x] += 1;
        }
        assert!(seen.iter().all(|&c| c > 800), "{seen:?}");
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
    }
}
