//! Cohort figures over many candidates' results: pass rate against the target (default 90%),
//! score distribution (bins of `binWidth`, the last one closed so 100 counts), summary
//! statistics, and how many candidates got each grade.

use crate::format::{FromJson, ToJson};

use crate::assessment::composite::{CompositeConfig, CompositeResult, Grade};
use crate::error::Error;

/// The cohort view.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CohortSummary {
    /// Candidates.
    pub count: u32,
    /// Candidates who passed.
    pub passed: u32,
    /// passed / count × 100; `None` for an empty cohort.
    pub pass_rate: Option<f64>,
    /// The target pass rate.
    pub target_pass_rate: f64,
    /// passRate ≥ target; `None` for an empty cohort.
    pub meets_target: Option<bool>,
    /// Mean total.
    pub mean: Option<f64>,
    /// Median total.
    pub median: Option<f64>,
    /// Sample standard deviation (n − 1); `None` below two candidates.
    pub sd: Option<f64>,
    /// Lowest total.
    pub min: Option<f64>,
    /// Highest total.
    pub max: Option<f64>,
    /// The distribution, lowest bin first.
    pub histogram: Vec<Bin>,
    /// Candidates per grade: the config's bands highest first, then the fail grade.
    pub grades: Vec<GradeCount>,
}

/// One histogram bin `[from, to)` (the last is `[from, to]`).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Bin {
    /// Lower edge.
    pub from: f64,
    /// Upper edge.
    pub to: f64,
    /// Candidates in it.
    pub count: u32,
}

/// Candidates with one grade.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GradeCount {
    /// The grade.
    pub grade: Grade,
    /// How many.
    pub count: u32,
}

/// Summarises a cohort's results under `config` (target, bin width, grade order).
///
/// @example cohort_summary(&config, &composite_batch(&config, &candidates)?)?.pass_rate
pub fn cohort_summary(
    config: &CompositeConfig,
    results: &[CompositeResult],
) -> Result<CohortSummary, Error> {
    config.validate()?;
    let count = results.len() as u32;
    let passed = results.iter().filter(|r| r.passed).count() as u32;
    let pass_rate = (count > 0).then(|| f64::from(passed) / f64::from(count) * 100.0);
    let mut totals: Vec<f64> = results.iter().map(|r| r.total).collect();
    crate::sort::sort_by(&mut totals, f64::total_cmp);
    let n = totals.len();
    let mean = (n > 0).then(|| totals.iter().sum::<f64>() / n as f64);
    let median = if n == 0 {
        None
    } else if n % 2 == 1 {
        totals.get(n / 2).copied()
    } else {
        match (totals.get(n / 2 - 1), totals.get(n / 2)) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            _ => None,
        }
    };
    let sd = match (mean, n >= 2) {
        (Some(m), true) => {
            Some((totals.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt())
        }
        _ => None,
    };
    let width = config.bin_width;
    let bins = (100.0 / width).ceil().max(1.0) as usize;
    let mut histogram: Vec<Bin> = (0..bins)
        .map(|i| Bin {
            from: i as f64 * width,
            to: ((i + 1) as f64 * width).min(100.0),
            count: 0,
        })
        .collect();
    for t in &totals {
        let i = ((t / width).floor().max(0.0) as usize).min(bins - 1);
        if let Some(bin) = histogram.get_mut(i) {
            bin.count += 1;
        }
    }
    let mut grades: Vec<GradeCount> = config
        .grades
        .iter()
        .map(|g| Grade {
            id: g.id.clone(),
            label: g.label.clone(),
        })
        .chain(std::iter::once(config.fail_grade.clone()))
        .map(|grade| GradeCount {
            count: results.iter().filter(|r| r.grade.id == grade.id).count() as u32,
            grade,
        })
        .collect();
    grades.dedup_by(|a, b| a.grade.id == b.grade.id);
    Ok(CohortSummary {
        count,
        passed,
        pass_rate,
        target_pass_rate: config.target_pass_rate,
        meets_target: pass_rate.map(|p| p + 1e-9 >= config.target_pass_rate),
        mean,
        median,
        sd,
        min: totals.first().copied(),
        max: totals.last().copied(),
        histogram,
        grades,
    })
}
