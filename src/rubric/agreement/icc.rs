//! Intraclass correlations from the two-way ANOVA, as `pingouin.intraclass_corr` computes them
//! (Shrout & Fleiss 1979; McGraw & Wong 1996):
//!
//! - ICC(2,1) = (MSR − MSE) / (MSR + (k − 1) MSE + k (MSC − MSE) / n)  — absolute agreement, single rater;
//! - ICC(2,k) = (MSR − MSE) / (MSR + (MSC − MSE) / n)                 — absolute agreement, mean of k raters;
//! - ICC(3,1) = (MSR − MSE) / (MSR + (k − 1) MSE)                     — consistency, single rater.
//!
//! **Missing ratings**: the ANOVA needs a complete table, so, like pingouin with
//! `nan_policy="omit"`, every unit (target) with any missing rating is dropped (listwise
//! deletion); `targetsDropped` says how many.

use crate::format::{FromJson, ToJson};

use super::{RatingMatrix, Statistic};

/// The three ICC forms and what data they used.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IccReport {
    /// ICC(2,1): two-way random, absolute agreement, single rater.
    #[serde(rename = "icc2_1")]
    pub icc2_1: Statistic,
    /// ICC(2,k): two-way random, absolute agreement, mean of the k raters.
    #[serde(rename = "icc2_k")]
    pub icc2_k: Statistic,
    /// ICC(3,1): two-way mixed, consistency, single rater.
    #[serde(rename = "icc3_1")]
    pub icc3_1: Statistic,
    /// Units rated by every rater (used).
    pub targets_used: u32,
    /// Units dropped because a rating was missing.
    pub targets_dropped: u32,
    /// Raters (k).
    pub raters: u32,
}

/// ICC(2,1), ICC(2,k), ICC(3,1) of `units` (rows = units, columns = raters).
///
/// @example icc(&[vec![Some(1.0), Some(2.0)], vec![Some(3.0), Some(3.0)], vec![Some(4.0), Some(5.0)]])
pub fn icc(units: &RatingMatrix) -> IccReport {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let complete: Vec<Vec<f64>> = units
        .iter()
        .filter(|u| u.len() == k && u.iter().all(|v| v.is_some_and(f64::is_finite)))
        .map(|u| u.iter().flatten().copied().collect())
        .collect();
    let n = complete.len();
    let mut report = IccReport {
        icc2_1: Statistic::undefined("", ""),
        icc2_k: Statistic::undefined("", ""),
        icc3_1: Statistic::undefined("", ""),
        targets_used: n as u32,
        targets_dropped: (units.len() - n) as u32,
        raters: k as u32,
    };
    if n < 2 || k < 2 {
        let s = Statistic::undefined(
            "至少需要两位评分人完整评分的两个评分对象",
            "needs at least two units rated by every one of at least two raters",
        );
        report.icc2_1 = s.clone();
        report.icc2_k = s.clone();
        report.icc3_1 = s;
        return report;
    }
    let (nf, kf) = (n as f64, k as f64);
    let grand = complete.iter().flatten().sum::<f64>() / (nf * kf);
    let ss_rows: f64 = complete
        .iter()
        .map(|r| (r.iter().sum::<f64>() / kf - grand).powi(2))
        .sum::<f64>()
        * kf;
    let ss_cols: f64 = (0..k)
        .map(|j| {
            let col_mean = complete.iter().filter_map(|r| r.get(j)).sum::<f64>() / nf;
            (col_mean - grand).powi(2)
        })
        .sum::<f64>()
        * nf;
    let ss_total: f64 = complete.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    let ss_error = ss_total - ss_rows - ss_cols;
    let msr = ss_rows / (nf - 1.0);
    let msc = ss_cols / (kf - 1.0);
    let mse = ss_error / ((nf - 1.0) * (kf - 1.0));
    let ratio = |num: f64, den: f64| {
        if den.abs() < 1e-12 {
            Statistic::undefined(
                "评分没有变化，ICC 无定义（分母为 0）",
                "the ratings do not vary: the ICC is undefined (zero denominator)",
            )
        } else {
            Statistic::of(num / den)
        }
    };
    report.icc2_1 = ratio(msr - mse, msr + (kf - 1.0) * mse + kf * (msc - mse) / nf);
    report.icc2_k = ratio(msr - mse, msr + (msc - mse) / nf);
    report.icc3_1 = ratio(msr - mse, msr + (kf - 1.0) * mse);
    report
}
