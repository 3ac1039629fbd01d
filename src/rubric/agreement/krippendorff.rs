//! Krippendorff's alpha for nominal, ordinal, interval and ratio data, by the coincidence-matrix definition
//! (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"), which handles missing
//! values: only units with at least two values (pairable units) count, and each contributes its
//! m_u(m_u − 1) ordered pairs with weight 1 / (m_u − 1).
//!
//! alpha = 1 − (n − 1) · Σ o_ck δ_ck / Σ n_c n_k δ_ck, with δ² nominal = [c ≠ k],
//! δ² ordinal = (Σ_{g=c..k} n_g − (n_c + n_k) / 2)², δ² interval = (c − k)² and
//! δ² ratio = ((c − k) / (c + k))² (0 when c + k = 0, as the `krippendorff` package does). Values that no rater used have n_g = 0, so
//! an unused scale value changes nothing (checked against the `krippendorff` package with an
//! explicit value domain).

use crate::format::{FromJson, ToJson};

use super::{RatingMatrix, Statistic};

/// The level of measurement, which picks the distance function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Categories without order: any two different values disagree equally.
    Nominal,
    /// Squared difference of the values.
    Interval,
    /// Rank-based distance from the marginal frequencies.
    Ordinal,
    /// Squared difference relative to the sum (values with a true zero).
    Ratio,
}

/// Krippendorff's alpha of `units` (rows = units, columns = raters, `None` = missing).
///
/// @example alpha(&[vec![Some(1.0), Some(2.0)], vec![Some(3.0), Some(3.0)]], Level::Interval)
pub fn alpha(units: &RatingMatrix, level: Level) -> Statistic {
    let pairable: Vec<Vec<f64>> = units
        .iter()
        .map(|u| {
            u.iter()
                .flatten()
                .copied()
                .filter(|v| v.is_finite())
                .collect::<Vec<f64>>()
        })
        .filter(|u| u.len() >= 2)
        .collect();
    if pairable.is_empty() {
        return Statistic::undefined(
            "没有任何评分对象获得两位及以上评分人的评分",
            "no unit was rated by two or more raters",
        );
    }
    let mut domain: Vec<f64> = pairable.iter().flatten().copied().collect();
    crate::sort::sort_by(&mut domain, f64::total_cmp);
    domain.dedup();
    let v = domain.len();
    let index = |x: f64| domain.binary_search_by(|d| d.total_cmp(&x)).ok();
    // Coincidence matrix o[c][k].
    let mut o = vec![vec![0.0; v]; v];
    for unit in &pairable {
        let m = unit.len() as f64;
        for (i, a) in unit.iter().enumerate() {
            for (j, b) in unit.iter().enumerate() {
                if i == j {
                    continue;
                }
                if let (Some(c), Some(k)) = (index(*a), index(*b)) {
                    if let Some(cell) = o.get_mut(c).and_then(|row| row.get_mut(k)) {
                        *cell += 1.0 / (m - 1.0);
                    }
                }
            }
        }
    }
    let n_c: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    // Cumulative marginals for the ordinal distance: cum[i] = n_0 + … + n_{i−1}.
    let cum: Vec<f64> = std::iter::once(0.0)
        .chain(n_c.iter().scan(0.0, |acc, x| {
            *acc += x;
            Some(*acc)
        }))
        .collect();
    let get = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
    let delta = |c: usize, k: usize| -> f64 {
        match level {
            Level::Nominal => f64::from(u8::from(c != k)),
            Level::Ratio => {
                let (a, b) = (get(&domain, c), get(&domain, k));
                if a + b == 0.0 {
                    0.0
                } else {
                    ((a - b) / (a + b)).powi(2)
                }
            }
            Level::Interval => (get(&domain, c) - get(&domain, k)).powi(2),
            Level::Ordinal => {
                let (lo, hi) = if c <= k { (c, k) } else { (k, c) };
                let between = get(&cum, hi + 1) - get(&cum, lo);
                (between - (get(&n_c, c) + get(&n_c, k)) / 2.0).powi(2)
            }
        }
    };
    let mut observed = 0.0;
    let mut expected = 0.0;
    for (c, row) in o.iter().enumerate() {
        for (k, o_ck) in row.iter().enumerate() {
            let d = delta(c, k);
            observed += o_ck * d;
            expected += get(&n_c, c) * get(&n_c, k) * d;
        }
    }
    if expected <= 0.0 || n < 2.0 {
        return Statistic::undefined(
            "所有评分相同，没有可比较的差异（期望不一致为 0）",
            "every rating is the same value: expected disagreement is 0",
        );
    }
    Statistic::of(1.0 - (n - 1.0) * observed / expected)
}
