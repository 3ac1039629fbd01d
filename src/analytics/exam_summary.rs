//! Statistics of the whole exam: the distribution of total scores and its reliability.

use crate::format::{FromJson, ToJson};

use super::defaults;
use super::stats::{is_negligible_spread, Statistic, UndefinedReason};

/// One bar of the score distribution: candidates whose total, as a percent of the maximum, lies in
/// `[fromPercent, toPercent)` (the last bar includes 100%, and any rounding above it).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HistogramBin {
    /// Lower edge, percent of the maximum total, inclusive.
    pub from_percent: f64,
    /// Upper edge, percent, exclusive except for the last bin.
    pub to_percent: f64,
    /// Candidates in the bin.
    pub count: u32,
}

/// Statistics of the total scores. Totals count unanswered items as 0 under both conventions.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExamStatistics {
    /// Candidates analysed (one attempt each).
    pub candidates: u32,
    /// Items on the exam.
    pub items: u32,
    /// Sum of the items' maximum points.
    pub max_total: f64,
    /// Mean total score, in points.
    pub mean: Statistic,
    /// Median total score (mean of the two middle totals when the count is even).
    pub median: Statistic,
    /// Sample standard deviation of totals (divisor n − 1), as Moodle reports it.
    pub sd: Statistic,
    /// Bias-corrected skewness G1 (SciPy `skew(bias=False)`, Moodle's "score distribution
    /// skewness"); needs 3 candidates.
    pub skewness: Statistic,
    /// Bias-corrected excess kurtosis G2 (SciPy `kurtosis(bias=False)`, 0 for a normal
    /// distribution, as Moodle); needs 4 candidates.
    pub kurtosis: Statistic,
    /// Lowest total.
    pub min: Statistic,
    /// Highest total.
    pub max: Statistic,
    /// Cronbach's alpha over the item points (= KR-20 for 0/1 items): the reliability of the
    /// total score.
    pub cronbach_alpha: Statistic,
    /// Standard error of measurement, in points: `sd × sqrt(1 − alpha)`.
    pub standard_error_of_measurement: Statistic,
    /// Candidates in each of the upper and lower groups.
    pub group_size: u32,
    /// The score distribution in equal bins of percent of `maxTotal`.
    pub histogram: Vec<HistogramBin>,
}

/// Percent edges and counts: candidate in bin `b` when `pct >= 100·b/bins` for the highest such
/// `b`, with `pct = 100 × total / maxTotal` (NumPy's `histogram` with edges `0, 10, …, 100`).
fn histogram(totals: &[f64], max_total: f64, bins: u32) -> Vec<HistogramBin> {
    let edges: Vec<f64> = (0..=bins)
        .map(|b| 100.0 * f64::from(b) / f64::from(bins))
        .collect();
    let mut counts = vec![0u32; bins as usize];
    if max_total > 0.0 {
        for &t in totals {
            let pct = 100.0 * t / max_total;
            let bin = edges
                .iter()
                .skip(1)
                .take(bins as usize - 1)
                .filter(|&&e| pct >= e)
                .count();
            if let Some(c) = counts.get_mut(bin) {
                *c += 1;
            }
        }
    }
    counts
        .iter()
        .zip(edges.windows(2))
        .map(|(&count, w)| HistogramBin {
            from_percent: w.first().copied().unwrap_or(0.0),
            to_percent: w.get(1).copied().unwrap_or(100.0),
            count,
        })
        .collect()
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Everything about the totals. `ranking` lists candidates highest total first;
/// `item_variance_sum` is the sum of the items' sample variances in points (for alpha).
pub(crate) fn summarise(
    totals: &[f64],
    ranking: &[usize],
    max_total: f64,
    items: usize,
    item_variance_sum: f64,
    group_size: usize,
) -> ExamStatistics {
    let n = totals.len();
    let undefined = |r| Statistic::undefined(r);
    let histogram = histogram(totals, max_total, defaults::HISTOGRAM_BINS);
    let mut out = ExamStatistics {
        candidates: clamp_u32(n),
        items: clamp_u32(items),
        max_total,
        mean: undefined(UndefinedReason::NoCandidates),
        median: undefined(UndefinedReason::NoCandidates),
        sd: undefined(UndefinedReason::NoCandidates),
        skewness: undefined(UndefinedReason::NoCandidates),
        kurtosis: undefined(UndefinedReason::NoCandidates),
        min: undefined(UndefinedReason::NoCandidates),
        max: undefined(UndefinedReason::NoCandidates),
        cronbach_alpha: undefined(UndefinedReason::NoCandidates),
        standard_error_of_measurement: undefined(UndefinedReason::NoCandidates),
        group_size: clamp_u32(group_size),
        histogram,
    };
    if n == 0 {
        return out;
    }
    let nf = n as f64;
    let mean = totals.iter().sum::<f64>() / nf;
    let (mut m2, mut m3, mut m4) = (0.0, 0.0, 0.0);
    for &t in totals {
        let d = t - mean;
        let d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    let ss = m2;
    let sorted_at = |i: usize| ranking.get(i).and_then(|&c| totals.get(c)).copied();
    let median = if n % 2 == 1 {
        sorted_at(n / 2)
    } else {
        sorted_at(n / 2 - 1)
            .zip(sorted_at(n / 2))
            .map(|(a, b)| (a + b) / 2.0)
    };
    out.mean = Statistic::of(mean);
    out.median = median.map_or(undefined(UndefinedReason::NoCandidates), Statistic::of);
    out.max = sorted_at(0).map_or(undefined(UndefinedReason::NoCandidates), Statistic::of);
    out.min = sorted_at(n - 1).map_or(undefined(UndefinedReason::NoCandidates), Statistic::of);
    let flat = is_negligible_spread(ss, n, max_total);
    let few = undefined(UndefinedReason::TooFewCandidates);
    let zero = undefined(UndefinedReason::ZeroVariance);
    if n < 2 {
        out.sd = few;
        out.skewness = few;
        out.kurtosis = few;
        out.cronbach_alpha = few;
        out.standard_error_of_measurement = few;
        return out;
    }
    let variance = ss / (nf - 1.0);
    let sd = variance.sqrt();
    out.sd = Statistic::of(if flat { 0.0 } else { sd });
    let (m2, m3, m4) = (m2 / nf, m3 / nf, m4 / nf);
    out.skewness = if n < 3 {
        few
    } else if flat {
        zero
    } else {
        Statistic::of((nf * (nf - 1.0)).sqrt() / (nf - 2.0) * m3 / m2.powf(1.5))
    };
    out.kurtosis = if n < 4 {
        few
    } else if flat {
        zero
    } else {
        let g2 = m4 / (m2 * m2) - 3.0;
        Statistic::of((nf - 1.0) / ((nf - 2.0) * (nf - 3.0)) * ((nf + 1.0) * g2 + 6.0))
    };
    let alpha = if items < 2 {
        Err(UndefinedReason::TooFewItems)
    } else if flat {
        Err(UndefinedReason::ZeroVariance)
    } else {
        let k = items as f64;
        Ok(k / (k - 1.0) * (1.0 - item_variance_sum / variance))
    };
    out.cronbach_alpha = Statistic::from_result(alpha);
    out.standard_error_of_measurement =
        Statistic::from_result(alpha.map(|a| sd * (1.0 - a).max(0.0).sqrt()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_edges_are_inclusive_below() {
        let bins = histogram(&[0.0, 1.0, 2.9, 3.0, 10.0], 10.0, 10);
        let counts: Vec<u32> = bins.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![1, 1, 1, 1, 0, 0, 0, 0, 0, 1]);
        assert_eq!((bins[3].from_percent, bins[3].to_percent), (30.0, 40.0));
    }

    #[test]
    fn single_candidate_has_a_mean_but_no_spread() {
        let s = summarise(&[7.0], &[0], 10.0, 3, 0.0, 0);
        assert_eq!(s.mean.value, Some(7.0));
        assert_eq!(s.median.value, Some(7.0));
        assert_eq!(s.sd.reason, Some(UndefinedReason::TooFewCandidates));
        assert_eq!(
            s.cronbach_alpha.reason,
            Some(UndefinedReason::TooFewCandidates)
        );
    }

    #[test]
    fn equal_totals_have_zero_sd_and_undefined_shape() {
        let s = summarise(&[5.0; 6], &[0, 1, 2, 3, 4, 5], 10.0, 4, 1.0, 2);
        assert_eq!(s.sd.value, Some(0.0));
        assert_eq!(s.skewness.reason, Some(UndefinedReason::ZeroVariance));
        assert_eq!(s.kurtosis.reason, Some(UndefinedReason::ZeroVariance));
        assert_eq!(s.cronbach_alpha.reason, Some(UndefinedReason::ZeroVariance));
        assert_eq!(s.standard_error_of_measurement.value, None);
    }

    #[test]
    fn no_candidates_is_all_undefined_but_counted() {
        let s = summarise(&[], &[], 10.0, 4, 0.0, 0);
        assert_eq!(s.candidates, 0);
        assert_eq!(s.mean.reason, Some(UndefinedReason::NoCandidates));
        assert_eq!(s.histogram.iter().map(|b| b.count).sum::<u32>(), 0);
    }
}
