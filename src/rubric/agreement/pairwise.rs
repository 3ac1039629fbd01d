//! Exact and adjacent agreement: over every pair of raters who both rated a unit, the percentage
//! of pairs with equal values, and with values at most one scale step apart (exact included).

use crate::format::{FromJson, ToJson};

use super::{RatingMatrix, Statistic};

/// Pair counts and the two percentages.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PairwiseAgreement {
    /// Pairs of raters compared (unordered, per unit).
    pub pairs: u32,
    /// Pairs with equal values.
    pub exact_pairs: u32,
    /// Pairs at most one step apart.
    pub adjacent_pairs: u32,
    /// exactPairs / pairs × 100.
    pub exact_percent: Statistic,
    /// adjacentPairs / pairs × 100.
    pub adjacent_percent: Statistic,
}

impl PairwiseAgreement {
    /// Counts pairs in `units`; values within `step` are adjacent (1 on every rubric scale).
    ///
    /// @example PairwiseAgreement::of(&[vec![Some(3.0), Some(4.0)]], 1.0).adjacent_pairs == 1
    pub fn of(units: &RatingMatrix, step: f64) -> Self {
        let (mut pairs, mut exact, mut adjacent) = (0u32, 0u32, 0u32);
        for unit in units {
            let values: Vec<f64> = unit.iter().flatten().copied().collect();
            for (i, a) in values.iter().enumerate() {
                for b in values.iter().skip(i + 1) {
                    pairs += 1;
                    let d = (a - b).abs();
                    if d < 1e-9 {
                        exact += 1;
                    }
                    if d <= step + 1e-9 {
                        adjacent += 1;
                    }
                }
            }
        }
        Self::from_counts(pairs, exact, adjacent)
    }

    /// Pools several criteria's counts into one (the overall figure).
    pub fn pooled<'a>(parts: impl IntoIterator<Item = &'a PairwiseAgreement>) -> Self {
        let (mut p, mut e, mut a) = (0, 0, 0);
        for part in parts {
            p += part.pairs;
            e += part.exact_pairs;
            a += part.adjacent_pairs;
        }
        Self::from_counts(p, e, a)
    }

    fn from_counts(pairs: u32, exact: u32, adjacent: u32) -> Self {
        let percent = |count: u32| {
            if pairs == 0 {
                Statistic::undefined("没有可比较的评分对", "no pair of ratings to compare")
            } else {
                Statistic::of(f64::from(count) / f64::from(pairs) * 100.0)
            }
        };
        PairwiseAgreement {
            pairs,
            exact_pairs: exact,
            adjacent_pairs: adjacent,
            exact_percent: percent(exact),
            adjacent_percent: percent(adjacent),
        }
    }
}
