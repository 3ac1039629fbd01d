//! The upper and lower groups (Kelley's 27%) and the tie rule at their cut.
//!
//! Candidates are ranked by total score, highest first, with a **stable** sort: candidates with
//! equal totals keep their input order. The upper group is the first `k` of that ranking and the
//! lower group the last `k`, where `k = floor(fraction × n + 0.5)` (at most `n / 2`, so the groups
//! never overlap). So at a tie straddling the upper cut the earlier candidates (in input order) are
//! in the group; at the lower cut, the later ones. NumPy reproduces it exactly with
//! `order = np.argsort(-totals, kind="stable"); upper = order[:k]; lower = order[n-k:]`.

use std::cmp::Ordering;

/// A candidate in neither group.
pub(crate) const MIDDLE: u8 = 0;
/// A candidate in the lower group.
pub(crate) const LOWER: u8 = 1;
/// A candidate in the upper group.
pub(crate) const UPPER: u8 = 2;

/// The ranking and the group of every candidate.
#[derive(Debug, Clone)]
pub(crate) struct Groups {
    /// Candidates in each group.
    pub size: usize,
    /// `MIDDLE`, `LOWER` or `UPPER` per candidate, in input order.
    pub tags: Vec<u8>,
    /// Candidate indexes, highest total first, ties in input order.
    pub ranking: Vec<usize>,
}

/// `floor(fraction × n + 0.5)`, capped at `n / 2`.
pub(crate) fn group_size(n: usize, fraction: f64) -> usize {
    let k = (fraction * n as f64 + 0.5).floor();
    if k.is_finite() && k > 0.0 {
        (k as usize).min(n / 2)
    } else {
        0
    }
}

/// Ranks the candidates and marks the groups. Totals are finite (validated), so the comparison
/// never falls back.
pub(crate) fn form_groups(totals: &[f64], fraction: f64) -> Groups {
    let n = totals.len();
    let ranking = rank_by_counting(totals).unwrap_or_else(|| rank_by_sorting(totals));
    let size = group_size(n, fraction);
    let mut tags = vec![MIDDLE; n];
    for &c in ranking.iter().take(size) {
        if let Some(t) = tags.get_mut(c) {
            *t = UPPER;
        }
    }
    for &c in ranking.iter().skip(n - size) {
        if let Some(t) = tags.get_mut(c) {
            *t = LOWER;
        }
    }
    Groups {
        size,
        tags,
        ranking,
    }
}

/// Candidate indexes, highest total first, ties in input order, by a stable sort.
fn rank_by_sorting(totals: &[f64]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..totals.len()).collect();
    // `sort_by` is stable: equal totals keep input order.
    ranking.sort_by(|&a, &b| {
        let (ta, tb) = (totals.get(a), totals.get(b));
        tb.partial_cmp(&ta).unwrap_or(Ordering::Equal)
    });
    ranking
}

/// Highest whole-number total ranked by counting.
const MAX_COUNTED_TOTAL: f64 = 65_536.0;

/// The ranking of [`rank_by_sorting`] when every total is a whole number from 0 to
/// [`MAX_COUNTED_TOTAL`] (the usual exam): candidates are counted per total and placed in one
/// pass, highest total first and in input order within a total. No comparison is made, so there
/// is no comparison function for the browser to call thousands of times, unoptimised, in the
/// first analyses. `None` for any other total.
fn rank_by_counting(totals: &[f64]) -> Option<Vec<usize>> {
    let mut top = 0usize;
    for &t in totals {
        if !((0.0..=MAX_COUNTED_TOTAL).contains(&t) && t.trunc() == t) {
            return None;
        }
        top = top.max(t as usize);
    }
    // A candidate's slot is `top − total`: 0 for the highest total.
    let slot = |t: f64| top - t as usize;
    // Where each slot's candidates start in the ranking.
    let mut starts = vec![0usize; top + 1];
    for &t in totals {
        if let Some(count) = starts.get_mut(slot(t)) {
            *count += 1;
        }
    }
    let mut next = 0;
    for start in &mut starts {
        let count = *start;
        *start = next;
        next += count;
    }
    let mut ranking = vec![0usize; totals.len()];
    for (i, &t) in totals.iter().enumerate() {
        if let Some(start) = starts.get_mut(slot(t)) {
            if let Some(place) = ranking.get_mut(*start) {
                *place = i;
            }
            *start += 1;
        }
    }
    Some(ranking)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_ranks_as_the_stable_sort_does() {
        let mut rng = crate::exam::rng::SplitMix64::new(5);
        for n in [0usize, 1, 2, 7, 100, 2000] {
            let whole: Vec<f64> = (0..n).map(|_| (rng.next_u64() % 40) as f64).collect();
            assert_eq!(
                rank_by_counting(&whole),
                Some(rank_by_sorting(&whole)),
                "n = {n}"
            );
        }
        // Totals as large as counting goes, and -0.0 beside 0.0 (equal, so input order).
        let edge = [MAX_COUNTED_TOTAL, 0.0, -0.0, 3.0, MAX_COUNTED_TOTAL, 0.0];
        assert_eq!(rank_by_counting(&edge), Some(rank_by_sorting(&edge)));
        // Fractions, negatives and large totals are left to the sort.
        assert_eq!(rank_by_counting(&[1.0, 2.5]), None);
        assert_eq!(rank_by_counting(&[1.0, -1.0]), None);
        assert_eq!(rank_by_counting(&[MAX_COUNTED_TOTAL + 1.0]), None);
    }

    #[test]
    fn size_rounds_half_up_and_never_overlaps() {
        assert_eq!(group_size(100, 0.27), 27);
        assert_eq!(group_size(11, 0.27), 3); // 2.97
        assert_eq!(group_size(2, 0.27), 1); // 1.04
        assert_eq!(group_size(1, 0.27), 0);
        assert_eq!(group_size(3, 0.5), 1); // 2 would overlap
        assert_eq!(group_size(0, 0.27), 0);
    }

    #[test]
    fn ties_at_the_cut_follow_input_order() {
        // Ranking: 9 (c2), 7 (c0, c3, c5 tied), 5 (c1), 3 (c4, c6 tied) … with k = 2.
        let totals = [7.0, 5.0, 9.0, 7.0, 3.0, 7.0, 3.0];
        let g = form_groups(&totals, 0.3); // floor(2.1 + 0.5) = 2
        assert_eq!(g.size, 2);
        assert_eq!(g.ranking, vec![2, 0, 3, 5, 1, 4, 6]);
        assert_eq!(
            g.tags,
            vec![UPPER, MIDDLE, UPPER, MIDDLE, LOWER, MIDDLE, LOWER]
        );
    }
}
