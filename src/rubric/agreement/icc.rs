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
    let (k, complete) = complete_units(units);
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
    let SumsOfSquares {
        rows: ss_rows,
        cols: ss_cols,
        error: ss_error,
    } = sums_of_squares(&complete, k);
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

/// One of the six ICC forms, named as pingouin (0.7) and McGraw & Wong name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum IccForm {
    /// ICC(1,1): one-way random, single rater.
    #[serde(rename = "ICC(1,1)")]
    Icc1,
    /// ICC(A,1) = Shrout & Fleiss ICC(2,1): two-way random, absolute agreement, single rater.
    #[serde(rename = "ICC(A,1)")]
    Icc2,
    /// ICC(C,1) = ICC(3,1): two-way mixed, consistency, single rater.
    #[serde(rename = "ICC(C,1)")]
    Icc3,
    /// ICC(1,k): one-way random, mean of k raters.
    #[serde(rename = "ICC(1,k)")]
    Icc1k,
    /// ICC(A,k) = ICC(2,k): two-way random, absolute agreement, mean of k raters.
    #[serde(rename = "ICC(A,k)")]
    Icc2k,
    /// ICC(C,k) = ICC(3,k): two-way mixed, consistency, mean of k raters.
    #[serde(rename = "ICC(C,k)")]
    Icc3k,
}

/// One ICC form with its F test and 95 % confidence interval.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IccRow {
    /// Which form.
    pub form: IccForm,
    /// The coefficient.
    pub icc: Statistic,
    /// The F statistic of the test that the ICC is 0.
    pub f: Statistic,
    /// Numerator degrees of freedom (n − 1).
    pub df1: f64,
    /// Denominator degrees of freedom: n (k − 1) for the one-way forms, (n − 1)(k − 1) otherwise.
    pub df2: f64,
    /// P(F > f): the one-sided p-value.
    pub p: Statistic,
    /// Lower end of the 95 % confidence interval.
    pub ci_low: Statistic,
    /// Upper end of the 95 % confidence interval.
    pub ci_high: Statistic,
}

/// All six ICC forms, as `pingouin.intraclass_corr` reports them.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IccTable {
    /// ICC(1,1), ICC(A,1), ICC(C,1), ICC(1,k), ICC(A,k), ICC(C,k), in pingouin's order.
    pub rows: Vec<IccRow>,
    /// Units rated by every rater (used).
    pub targets_used: u32,
    /// Units dropped because a rating was missing.
    pub targets_dropped: u32,
    /// Raters (k).
    pub raters: u32,
}

/// The six ICC forms with F, degrees of freedom, p-value and 95 % confidence interval, by
/// pingouin's formulas (Shrout & Fleiss 1979; McGraw & Wong 1996; the ICC(A,1) interval by the
/// Satterthwaite-type degrees of freedom v of McGraw & Wong), after listwise deletion.
///
/// @example icc_table(&[vec![Some(1.0), Some(2.0)], vec![Some(3.0), Some(3.0)], vec![Some(4.0), Some(5.0)]]).rows.len() == 6
pub fn icc_table(units: &RatingMatrix) -> IccTable {
    use crate::analytics::distributions::{f_ppf, f_sf};
    let (k, complete) = complete_units(units);
    let n = complete.len();
    let forms = [
        IccForm::Icc1,
        IccForm::Icc2,
        IccForm::Icc3,
        IccForm::Icc1k,
        IccForm::Icc2k,
        IccForm::Icc3k,
    ];
    let mut table = IccTable {
        rows: Vec::new(),
        targets_used: n as u32,
        targets_dropped: (units.len() - n) as u32,
        raters: k as u32,
    };
    let (nf, kf) = (n as f64, k as f64);
    let df1 = nf - 1.0;
    let df1kd = nf * (kf - 1.0);
    let df2kd = (nf - 1.0) * (kf - 1.0);
    if n < 2 || k < 2 {
        let s = Statistic::undefined(
            "至少需要两位评分人完整评分的两个评分对象",
            "needs at least two units rated by every one of at least two raters",
        );
        table.rows = undefined_rows(&forms, &s, df1, df1kd, df2kd);
        return table;
    }
    let SumsOfSquares {
        rows: ss_rows,
        cols: ss_cols,
        error: ss_error,
    } = sums_of_squares(&complete, k);
    let msb = ss_rows / df1;
    let msj = ss_cols / (kf - 1.0);
    let flat = Statistic::undefined(
        "评分没有变化，ICC 无定义（分母为 0）",
        "the ratings do not vary: the ICC is undefined (zero denominator)",
    );
    // Mean squares that are rounding noise count as zero: raters who agree exactly give an
    // ICC of 1 with an infinite F (undefined), p = 0 and no interval, as pingouin reports.
    let scale = complete
        .iter()
        .flatten()
        .fold(0.0_f64, |m, x| m.max(x.abs()))
        .max(1.0);
    let tiny = 1e-24 * scale * scale;
    let denoise = |ms: f64| if ms <= tiny { 0.0 } else { ms };
    let mse = denoise(ss_error / df2kd);
    let msw = denoise((ss_cols + ss_error) / df1kd);
    if msb <= tiny {
        table.rows = undefined_rows(&forms, &flat, df1, df1kd, df2kd);
        return table;
    }
    let q = 0.975;
    let icc1 = (msb - msw) / (msb + (kf - 1.0) * msw);
    let icc2 = (msb - mse) / (msb + (kf - 1.0) * mse + kf * (msj - mse) / nf);
    let icc3 = (msb - mse) / (msb + (kf - 1.0) * mse);
    let icc1k = (msb - msw) / msb;
    let icc2k = (msb - mse) / (msb + (msj - mse) / nf);
    let icc3k = (msb - mse) / msb;
    let f1k = msb / msw;
    let f3k = msb / mse;
    let p1k = f_sf(f1k, df1, df1kd);
    let p2k = f_sf(f3k, df1, df2kd);
    let f1l = f1k / f_ppf(q, df1, df1kd);
    let f1u = f1k * f_ppf(q, df1kd, df1);
    let (l1, u1) = (
        (f1l - 1.0) / (f1l + kf - 1.0),
        (f1u - 1.0) / (f1u + kf - 1.0),
    );
    let f3l = f3k / f_ppf(q, df1, df2kd);
    let f3u = f3k * f_ppf(q, df2kd, df1);
    let (l3, u3) = (
        (f3l - 1.0) / (f3l + kf - 1.0),
        (f3u - 1.0) / (f3u + kf - 1.0),
    );
    let fj = msj / mse;
    let vn = df2kd * (kf * icc2 * fj + nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2).powi(2);
    let vd = df1 * kf * kf * icc2 * icc2 * fj * fj
        + (nf * (1.0 + (kf - 1.0) * icc2) - kf * icc2).powi(2);
    let v = vn / vd;
    let f2u = f_ppf(q, df1, v);
    let f2l = f_ppf(q, v, df1);
    let denom = kf * msj + (kf * nf - kf - nf) * mse;
    let l2 = nf * (msb - f2u * mse) / (f2u * denom + nf * msb);
    let u2 = nf * (f2l * msb - mse) / (denom + nf * f2l * msb);
    let values = [
        (icc1, f1k, df1kd, p1k, l1, u1),
        (icc2, f3k, df2kd, p2k, l2, u2),
        (icc3, f3k, df2kd, p2k, l3, u3),
        (icc1k, f1k, df1kd, p1k, 1.0 - 1.0 / f1l, 1.0 - 1.0 / f1u),
        (
            icc2k,
            f3k,
            df2kd,
            p2k,
            l2 * kf / (1.0 + l2 * (kf - 1.0)),
            u2 * kf / (1.0 + u2 * (kf - 1.0)),
        ),
        (icc3k, f3k, df2kd, p2k, 1.0 - 1.0 / f3l, 1.0 - 1.0 / f3u),
    ];
    for (form, (icc, f, df2, p, lo, hi)) in forms.into_iter().zip(values) {
        table.rows.push(IccRow {
            form,
            icc: Statistic::of(icc),
            f: Statistic::of(f),
            df1,
            df2,
            p: Statistic::of(p),
            ci_low: Statistic::of(lo),
            ci_high: Statistic::of(hi),
        });
    }
    table
}

/// The number of raters (the longest row) and the units every one of them rated (listwise
/// deletion), as plain numbers.
fn complete_units(units: &RatingMatrix) -> (usize, Vec<Vec<f64>>) {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let complete = units
        .iter()
        .filter(|u| u.len() == k && u.iter().all(|v| v.is_some_and(f64::is_finite)))
        .map(|u| u.iter().flatten().copied().collect())
        .collect();
    (k, complete)
}

/// The two-way ANOVA sums of squares of a complete n × k matrix (n, k ≥ 1).
struct SumsOfSquares {
    /// Between units (rows).
    rows: f64,
    /// Between raters (columns).
    cols: f64,
    /// Residual: total − rows − columns.
    error: f64,
}

fn sums_of_squares(complete: &[Vec<f64>], k: usize) -> SumsOfSquares {
    let (nf, kf) = (complete.len() as f64, k as f64);
    let grand = complete.iter().flatten().sum::<f64>() / (nf * kf);
    let rows: f64 = complete
        .iter()
        .map(|r| (r.iter().sum::<f64>() / kf - grand).powi(2))
        .sum::<f64>()
        * kf;
    let cols: f64 = (0..k)
        .map(|j| {
            let col_mean = complete.iter().filter_map(|r| r.get(j)).sum::<f64>() / nf;
            (col_mean - grand).powi(2)
        })
        .sum::<f64>()
        * nf;
    let total: f64 = complete.iter().flatten().map(|x| (x - grand).powi(2)).sum();
    SumsOfSquares {
        rows,
        cols,
        error: total - rows - cols,
    }
}

/// Every form undefined for the same reason, with its degrees of freedom (never negative).
fn undefined_rows(
    forms: &[IccForm],
    why: &Statistic,
    df1: f64,
    df1kd: f64,
    df2kd: f64,
) -> Vec<IccRow> {
    forms
        .iter()
        .map(|&form| {
            let one_way = matches!(form, IccForm::Icc1 | IccForm::Icc1k);
            IccRow {
                form,
                icc: why.clone(),
                f: why.clone(),
                df1: df1.max(0.0),
                df2: if one_way { df1kd } else { df2kd }.max(0.0),
                p: why.clone(),
                ci_low: why.clone(),
                ci_high: why.clone(),
            }
        })
        .collect()
}
