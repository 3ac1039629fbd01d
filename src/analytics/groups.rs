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
    let mut ranking: Vec<usize> = (0..n).collect();
    // `sort_by` is stable: equal totals keep input order.
    ranking.sort_by(|&a, &b| {
        let (ta, tb) = (totals.get(a), totals.get(b));
        tb.partial_cmp(&ta).unwrap_or(Ordering::Equal)
    });
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

#[cfg(test)]
mod tests {
    use super::*;

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
