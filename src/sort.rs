//! One stable sort for the core's ordinary call sites, compiled once.
//!
//! std's `slice::sort_by` is generic over the comparison: every closure is a type of its own and
//! gets its own copy of the whole driftsort (≈ 8 KB of wasm each); with thirty such call sites
//! that was about 260 KB of the full module (twiggy, 3 December 2026). Here the algorithm (a
//! merge sort of positions, with insertion-sorted runs) is one non-generic function that asks a
//! `&mut dyn FnMut` which of two positions comes first; each call site adds only its comparison
//! and the moves that put the elements in the order found (swaps along the permutation's cycles).
//!
//! The order is exactly `slice::sort_by`'s: stable (equal elements keep their input order), and
//! the same comparison calls give the same result for any comparison that is a total order.
//! Each comparison is an indirect call, so the hot kernels (the cohort scorer and item analysis,
//! ranking thousands of candidates) keep std's sorts; these are for lists of gaps, goals, rows
//! and keys.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let n = v.len();
    if n < 2 {
        return;
    }
    // Short lists (a person's gaps, a plan's goals) sort on the stack, without an allocation.
    let mut small = [0usize; SMALL];
    let mut large = Vec::new();
    let order: &mut [usize] = if n <= SMALL {
        &mut small[..n]
    } else {
        large.resize(n, 0);
        &mut large
    };
    {
        let v = &*v;
        sort_positions(order, &mut |a, b| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, order);
}

/// Sorts `v` stably by the key `key` gives, as `v.sort_by_key(key)` does (the key is computed
/// for each comparison, as std's does).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably in ascending order, as `v.sort()` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// `iter.collect::<BTreeMap<_, _>>()` without a sort: `collect` sorts the pairs first with std's
/// stable sort, a copy for every iterator type it is called with; this inserts them one by one.
/// The same map: for a repeated key the last value wins, as with `collect`.
pub fn map_of<K: Ord, V>(iter: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(iter);
    map
}

/// `iter.collect::<BTreeSet<_>>()` without a sort (see [`map_of`]).
pub fn set_of<T: Ord>(iter: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(iter);
    set
}

/// Lists up to this long sort without allocating.
const SMALL: usize = 32;

/// Runs of this length are insertion-sorted before the merges.
const RUN: usize = 12;

/// Fills `a` with the positions `0..a.len()` in the order `cmp` puts their elements, ties in
/// position order. Non-generic: the one copy of the algorithm.
fn sort_positions(a: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    let n = a.len();
    for (k, p) in a.iter_mut().enumerate() {
        *p = k;
    }
    // Insertion sort within each run: a position moves left past every greater one, never past
    // an equal one (stable).
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && cmp(a[j - 1], a[j]) == Ordering::Greater {
                a.swap(j - 1, j);
                j -= 1;
            }
        }
        start = end;
    }
    if n <= RUN {
        return;
    }
    // Bottom-up merges from one buffer into the other, doubling the width; on a tie the left
    // run's element goes first (stable).
    let mut b = vec![0usize; n];
    let mut in_b = false;
    let mut width = RUN;
    while width < n {
        let (from, to): (&[usize], &mut [usize]) = if in_b { (&b, &mut *a) } else { (&*a, &mut b) };
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut to[lo..hi] {
                let take_left = j >= hi || (i < mid && cmp(from[j], from[i]) != Ordering::Less);
                if take_left {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
            lo = hi;
        }
        in_b = !in_b;
        width *= 2;
    }
    if in_b {
        a.copy_from_slice(&b);
    }
}

/// Puts `v` in the order `order` gives (`v[k]` becomes the old `v[order[k]]`), swapping along each
/// cycle of the permutation; `order[k] = k` marks a place that is done.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut j = start;
        while let Some(&k) = order.get(j) {
            if let Some(o) = order.get_mut(j) {
                *o = j;
            }
            if k == start || k >= v.len() {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), so failures replay.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// Every length from 0 to 300 and a few long ones, with few distinct keys (many ties) or
    /// many, presorted, reversed and random: the same order as std's stable sort, compared on
    /// (key, input position) so a tie broken differently fails.
    #[test]
    fn same_order_as_std_stable_sort() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let lengths = (0..=300).chain([511, 512, 513, 1000, 4097]);
        for n in lengths {
            for shape in 0..5 {
                let distinct = match shape {
                    0 => 2,
                    1 => 7,
                    _ => 1_000_000,
                };
                let mut keys: Vec<u64> = (0..n).map(|_| rng.below(distinct)).collect();
                match shape {
                    3 => keys.sort(),
                    4 => keys.sort_by(|a, b| b.cmp(a)),
                    _ => {}
                }
                let items: Vec<(u64, usize)> = keys.into_iter().zip(0..).collect();
                let mut expected = items.clone();
                expected.sort_by_key(|a| a.0);
                let mut got = items.clone();
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, expected, "n = {n}, shape = {shape}");
                let mut got = items.clone();
                sort_by_key(&mut got, |x| std::cmp::Reverse(x.0));
                let mut expected = items;
                expected.sort_by_key(|x| std::cmp::Reverse(x.0));
                assert_eq!(got, expected, "by key, n = {n}, shape = {shape}");
            }
        }
    }

    #[test]
    fn strings_and_floats() {
        let mut rng = Rng(42);
        for n in [0, 1, 2, 13, 25, 100, 777] {
            let words: Vec<String> = (0..n).map(|_| format!("w{}", rng.below(50))).collect();
            let mut expected = words.clone();
            expected.sort();
            let mut got = words;
            sort(&mut got);
            assert_eq!(got, expected);

            let xs: Vec<f64> = (0..n)
                .map(|_| match rng.below(6) {
                    0 => -0.0,
                    1 => 0.0,
                    2 => f64::NAN,
                    _ => rng.below(10) as f64 / 4.0,
                })
                .collect();
            let mut expected = xs.clone();
            expected.sort_by(f64::total_cmp);
            let mut got = xs;
            sort_by(&mut got, f64::total_cmp);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&got), bits(&expected));
        }
    }

    /// The comparison is never called on a position with itself or outside the slice, and a
    /// comparison that is not a total order still leaves a permutation of the input.
    #[test]
    fn inconsistent_comparison_keeps_every_element() {
        let mut rng = Rng(7);
        for n in [3, 20, 200] {
            let mut v: Vec<usize> = (0..n).collect();
            sort_by(&mut v, |_, _| match rng.below(3) {
                0 => Ordering::Less,
                1 => Ordering::Equal,
                _ => Ordering::Greater,
            });
            let mut back = v.clone();
            back.sort();
            assert_eq!(back, (0..n).collect::<Vec<_>>());
        }
    }
}
