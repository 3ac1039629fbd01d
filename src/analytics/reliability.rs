//! Cronbach's alpha with Feldt's confidence interval, as `pingouin.cronbach_alpha` reports it.
//!
//! alpha = k / (k − 1) · (1 − Σ s_i² / s_X²) with sample variances (divisor n − 1); Feldt (1965):
//! (1 − alpha) / (1 − ρ) follows F(n − 1, (n − 1)(k − 1)), so the interval at confidence c is
//! [1 − (1 − alpha) F_{1−(1−c)/2}, 1 − (1 − alpha) F_{(1−c)/2}]. pingouin rounds the interval to
//! three decimals; this does not.

use crate::format::{FromJson, ToJson};

use super::distributions::f_ppf;
use super::{Statistic, UndefinedReason};

/// Cronbach's alpha and its confidence interval.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AlphaWithInterval {
    /// Cronbach's alpha.
    pub alpha: Statistic,
    /// Lower end of the interval (Feldt).
    pub ci_low: Statistic,
    /// Upper end of the interval (Feldt).
    pub ci_high: Statistic,
    /// The confidence level, e.g. 0.95.
    pub confidence: f64,
    /// Candidates (rows) used.
    pub n: u32,
    /// Items (columns).
    pub k: u32,
}

/// Feldt's interval for an alpha from `n` candidates and `k` items.
pub fn feldt_interval(
    alpha: f64,
    n: usize,
    k: usize,
    confidence: f64,
) -> Result<(f64, f64), UndefinedReason> {
    if n < 2 {
        return Err(UndefinedReason::TooFewCandidates);
    }
    if k < 2 {
        return Err(UndefinedReason::TooFewItems);
    }
    if !(confidence > 0.0 && confidence < 1.0 && alpha.is_finite()) {
        return Err(UndefinedReason::NotFinite);
    }
    let df1 = n as f64 - 1.0;
    let df2 = df1 * (k as f64 - 1.0);
    let tail = (1.0 - confidence) / 2.0;
    let low = 1.0 - (1.0 - alpha) * f_ppf(1.0 - tail, df1, df2);
    let high = 1.0 - (1.0 - alpha) * f_ppf(tail, df1, df2);
    Ok((low, high))
}

/// Cronbach's alpha of `rows` (candidates × items, every row the same length) with Feldt's
/// interval at `confidence`.
///
/// @example cronbach_alpha(&[vec![1.0, 1.0], vec![0.0, 1.0], vec![0.0, 0.0]], 0.95).alpha.value.is_some()
pub fn cronbach_alpha(rows: &[Vec<f64>], confidence: f64) -> AlphaWithInterval {
    let k = rows.first().map_or(0, Vec::len);
    let n = rows.len();
    let mut out = AlphaWithInterval {
        alpha: Statistic::undefined(UndefinedReason::TooFewCandidates),
        ci_low: Statistic::undefined(UndefinedReason::TooFewCandidates),
        ci_high: Statistic::undefined(UndefinedReason::TooFewCandidates),
        confidence,
        n: n as u32,
        k: k as u32,
    };
    let undefined = |out: &mut AlphaWithInterval, r: UndefinedReason| {
        out.alpha = Statistic::undefined(r);
        out.ci_low = Statistic::undefined(r);
        out.ci_high = Statistic::undefined(r);
    };
    if n < 2 {
        return out;
    }
    if k < 2 || rows.iter().any(|r| r.len() != k) {
        undefined(&mut out, UndefinedReason::TooFewItems);
        return out;
    }
    let nf = n as f64;
    let variance = |values: &mut dyn Iterator<Item = f64>| {
        let v: Vec<f64> = values.collect();
        let mean = v.iter().sum::<f64>() / nf;
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (nf - 1.0)
    };
    let item_vars: f64 = (0..k)
        .map(|j| variance(&mut rows.iter().filter_map(|r| r.get(j).copied())))
        .sum();
    let total_var = variance(&mut rows.iter().map(|r| r.iter().sum::<f64>()));
    if total_var <= 0.0 {
        undefined(&mut out, UndefinedReason::ZeroVariance);
        return out;
    }
    let kf = k as f64;
    let alpha = kf / (kf - 1.0) * (1.0 - item_vars / total_var);
    out.alpha = Statistic::of(alpha);
    match feldt_interval(alpha, n, k, confidence) {
        Ok((lo, hi)) => {
            out.ci_low = Statistic::of(lo);
            out.ci_high = Statistic::of(hi);
        }
        Err(r) => {
            out.ci_low = Statistic::undefined(r);
            out.ci_high = Statistic::undefined(r);
        }
    }
    out
}
