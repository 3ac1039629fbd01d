//! Chance-corrected agreement on categories: Cohen's kappa for every pair of raters and Fleiss'
//! kappa for the whole panel.
//!
//! **Cohen's kappa** (Cohen 1960; weighted: Cohen 1968), exactly as scikit-learn's
//! `cohen_kappa_score`: over the units both raters rated (pairwise deletion), the confusion
//! matrix O over the categories, E = outer(row sums, column sums) / total, and
//! κ = 1 − Σ w·O / Σ w·E with w = 1 − I (unweighted), |i − j| (linear) or (i − j)² (quadratic),
//! where i, j are the categories' **positions** on the sorted scale, not their values. The scale
//! is the given domain (the rubric's levels, so an unused level still counts for the weights)
//! joined with every value observed.
//!
//! **Fleiss' kappa** (Fleiss 1971), exactly as statsmodels' `fleiss_kappa(method="fleiss")`:
//! it needs the same number of ratings per unit, so, like the ICC, only units rated by every
//! rater are used (listwise deletion) and the report says how many were dropped.
//! P_i = (Σ_j n_ij² − n) / (n (n − 1)), p_j = Σ_i n_ij / (N n), κ = (P̄ − Σ p_j²) / (1 − Σ p_j²).

use crate::format::{FromJson, ToJson};

use super::{RatingMatrix, Statistic};

/// Cohen's kappa of one pair of raters, with the three weightings.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PairKappa {
    /// The first rater's column.
    pub rater_a: u32,
    /// The second rater's column.
    pub rater_b: u32,
    /// Units both rated.
    pub units: u32,
    /// Unweighted kappa: only exact agreement counts.
    pub unweighted: Statistic,
    /// Linearly weighted kappa: disagreement grows with the distance on the scale.
    pub linear: Statistic,
    /// Quadratically weighted kappa: disagreement grows with the squared distance.
    pub quadratic: Statistic,
}

/// Fleiss' kappa of a panel and the units it used.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FleissKappa {
    /// The kappa.
    pub kappa: Statistic,
    /// Units rated by every rater (used).
    pub units_used: u32,
    /// Units dropped because a rating was missing.
    pub units_dropped: u32,
    /// Raters (n ratings per unit).
    pub raters: u32,
}

/// The weighting of disagreements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KappaWeights {
    /// w = 1 off the diagonal.
    Unweighted,
    /// w = |i − j|.
    Linear,
    /// w = (i − j)².
    Quadratic,
}

fn sorted_scale(values: impl Iterator<Item = f64>, domain: Option<&[f64]>) -> Vec<f64> {
    let mut scale: Vec<f64> = values
        .chain(domain.unwrap_or(&[]).iter().copied())
        .filter(|v| v.is_finite())
        .collect();
    crate::sort::sort_by(&mut scale, f64::total_cmp);
    scale.dedup();
    scale
}

fn position(scale: &[f64], v: f64) -> Option<usize> {
    scale.binary_search_by(|d| d.total_cmp(&v)).ok()
}

/// Cohen's kappa of two raters' columns (`None` = not rated; pairs with a missing side are
/// skipped), on the scale `domain` joined with the observed values.
///
/// @example cohen_kappa(&[Some(1.0), Some(2.0)], &[Some(1.0), Some(2.0)], None, KappaWeights::Unweighted).value == Some(1.0)
pub fn cohen_kappa(
    a: &[Option<f64>],
    b: &[Option<f64>],
    domain: Option<&[f64]>,
    weights: KappaWeights,
) -> Statistic {
    let pairs: Vec<(f64, f64)> = a
        .iter()
        .zip(b)
        .filter_map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((*x, *y)),
            _ => None,
        })
        .collect();
    kappa_of_pairs(&pairs, domain, weights)
}

fn kappa_of_pairs(
    pairs: &[(f64, f64)],
    domain: Option<&[f64]>,
    weights: KappaWeights,
) -> Statistic {
    if pairs.is_empty() {
        return Statistic::undefined(
            "两位评分人没有共同评过的评分对象",
            "the two raters have no unit in common",
        );
    }
    let scale = sorted_scale(pairs.iter().flat_map(|(x, y)| [*x, *y]), domain);
    let c = scale.len();
    let mut o = vec![0.0; c * c];
    for (x, y) in pairs {
        if let (Some(i), Some(j)) = (position(&scale, *x), position(&scale, *y)) {
            if let Some(cell) = o.get_mut(i * c + j) {
                *cell += 1.0;
            }
        }
    }
    let total = pairs.len() as f64;
    let rows: Vec<f64> = (0..c).map(|i| (0..c).map(|j| o[i * c + j]).sum()).collect();
    let cols: Vec<f64> = (0..c).map(|j| (0..c).map(|i| o[i * c + j]).sum()).collect();
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..c {
        for j in 0..c {
            let d = i.abs_diff(j) as f64;
            let w = match weights {
                KappaWeights::Unweighted => f64::from(u8::from(i != j)),
                KappaWeights::Linear => d,
                KappaWeights::Quadratic => d * d,
            };
            observed += w * o[i * c + j];
            expected += w * rows[i] * cols[j] / total;
        }
    }
    if expected <= 0.0 {
        return Statistic::undefined(
            "两位评分人都只用了同一个等级，机会一致为 100%，κ 无定义",
            "both raters used one and the same category: chance agreement is 100% and kappa is undefined",
        );
    }
    Statistic::of(1.0 - observed / expected)
}

/// Cohen's kappa (three weightings) for every pair of raters (columns), in the order
/// (0, 1), (0, 2), …, (1, 2), ….
pub fn cohen_kappa_pairs(units: &RatingMatrix, domain: Option<&[f64]>) -> Vec<PairKappa> {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let column = |j: usize| -> Vec<Option<f64>> {
        units.iter().map(|u| u.get(j).copied().flatten()).collect()
    };
    let mut out = Vec::new();
    for a in 0..k {
        for b in (a + 1)..k {
            let (ca, cb) = (column(a), column(b));
            let pairs: Vec<(f64, f64)> = ca
                .iter()
                .zip(&cb)
                .filter_map(|(x, y)| match (x, y) {
                    (Some(x), Some(y)) if x.is_finite() && y.is_finite() => Some((*x, *y)),
                    _ => None,
                })
                .collect();
            out.push(PairKappa {
                rater_a: a as u32,
                rater_b: b as u32,
                units: pairs.len() as u32,
                unweighted: kappa_of_pairs(&pairs, domain, KappaWeights::Unweighted),
                linear: kappa_of_pairs(&pairs, domain, KappaWeights::Linear),
                quadratic: kappa_of_pairs(&pairs, domain, KappaWeights::Quadratic),
            });
        }
    }
    out
}

/// Fleiss' kappa over the units rated by every rater.
///
/// @example fleiss_kappa(&[vec![Some(1.0), Some(1.0)], vec![Some(2.0), Some(2.0)]]).kappa.value == Some(1.0)
pub fn fleiss_kappa(units: &RatingMatrix) -> FleissKappa {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let complete: Vec<&Vec<Option<f64>>> = units
        .iter()
        .filter(|u| u.len() == k && u.iter().all(|v| v.is_some_and(f64::is_finite)))
        .collect();
    let n_units = complete.len();
    let mut report = FleissKappa {
        kappa: Statistic::undefined("", ""),
        units_used: n_units as u32,
        units_dropped: (units.len() - n_units) as u32,
        raters: k as u32,
    };
    if n_units == 0 || k < 2 {
        report.kappa = Statistic::undefined(
            "至少需要一个由两位及以上评分人全部评过的评分对象",
            "needs a unit rated by every one of at least two raters",
        );
        return report;
    }
    let scale = sorted_scale(
        complete.iter().flat_map(|u| u.iter().flatten().copied()),
        None,
    );
    let c = scale.len();
    let n = k as f64;
    let mut p_j = vec![0.0; c];
    let mut p_bar = 0.0;
    for unit in &complete {
        let mut counts = vec![0.0; c];
        for v in unit.iter().flatten() {
            if let Some(i) = position(&scale, *v) {
                counts[i] += 1.0;
            }
        }
        p_bar += (counts.iter().map(|x| x * x).sum::<f64>() - n) / (n * (n - 1.0));
        for (p, x) in p_j.iter_mut().zip(&counts) {
            *p += x;
        }
    }
    let total = n_units as f64 * n;
    p_bar /= n_units as f64;
    let p_e: f64 = p_j.iter().map(|x| (x / total).powi(2)).sum();
    report.kappa = if (1.0 - p_e).abs() < 1e-15 {
        Statistic::undefined(
            "所有评分都是同一个等级，机会一致为 100%，κ 无定义",
            "every rating is the same category: chance agreement is 100% and kappa is undefined",
        )
    } else {
        Statistic::of((p_bar - p_e) / (1.0 - p_e))
    };
    report
}
