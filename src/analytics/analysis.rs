//! The whole item analysis: one validating pass over the rows for totals (or the one the exam's
//! cohort scorer took while it wrote the rows, [`analyse_checked`]), the ranking into upper and
//! lower groups, then items in blocks of columns, counted (whole points) or gathered and analysed
//! column by column. Memory beyond the input is a few vectors of length `candidates`; nothing is
//! allocated per cell.

use crate::format::{FromJson, ToJson};

use super::analysis_counts::{analyse_counted, counting_plan, ExamContext};
use super::distractor_columns::DistractorColumns;
use super::exam_summary::{summarise, ExamStatistics};
use super::flags::{flag_item, Flag};
use super::groups::{form_groups, Groups};
use super::item_stats::{
    analyse_column, counted_top, Column, ItemContext, ItemStatistics, SortScratch,
};
use super::matrix::{ResponseMatrix, RowPass};
use super::options::{AnalysisOptions, DistractorLayout, MissingAnswers};
use super::stats::{is_negligible_spread, Statistic, UndefinedReason};
use crate::error::Error;

/// Version of the [`ItemAnalysis`] document.
pub const ITEM_ANALYSIS_SCHEMA_VERSION: u32 = 1;

/// Columns gathered per pass over the rows: 16 × f64 is two 64-byte cache lines of points, so
/// little of each line fetched is wasted, for 12 bytes × candidates of buffer per column.
const BLOCK: usize = 16;

/// The result: per-item statistics, exam statistics and flags.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemAnalysis {
    /// Always 1 for this version.
    pub schema_version: u32,
    /// The options the analysis ran with (defaults filled in), so a saved result explains itself.
    pub options: AnalysisOptions,
    /// Statistics of the totals and the exam's reliability.
    pub exam: ExamStatistics,
    /// One entry per item, in matrix order.
    pub items: Vec<ItemStatistics>,
    /// Items to review, by item then flag order.
    pub flags: Vec<Flag>,
    /// Every item's options as columns, when the options ask for that layout (then each item's
    /// `options` is empty). Not part of the JSON document: the binding hands it over as typed
    /// arrays.
    #[serde(skip)]
    pub distractors: Option<DistractorColumns>,
}

/// One block column's buffers, reused across blocks.
#[derive(Default)]
struct ColumnBuffer {
    x: Vec<f64>,
    /// Totals of the included candidates (exclude mode only; otherwise every total).
    totals: Vec<f64>,
    choices: Vec<u32>,
    groups: Vec<u8>,
    full_mean: f64,
    sum_x: f64,
    sum_r: f64,
    full_ss: f64,
    full_cross_total: f64,
}

impl ColumnBuffer {
    fn with_capacity(n: usize) -> Self {
        ColumnBuffer {
            x: Vec::with_capacity(n),
            totals: Vec::with_capacity(n),
            choices: Vec::with_capacity(n),
            groups: Vec::with_capacity(n),
            ..ColumnBuffer::default()
        }
    }

    fn reset(&mut self, full_mean: f64) {
        self.x.clear();
        self.totals.clear();
        self.choices.clear();
        self.groups.clear();
        self.full_mean = full_mean;
        self.sum_x = 0.0;
        self.sum_r = 0.0;
        self.full_ss = 0.0;
        self.full_cross_total = 0.0;
    }
}

/// Item analysis of a cohort: facility, SD, discrimination, discriminative efficiency, the
/// upper–lower index, distractors and alpha if deleted per item; mean, median, SD, skewness,
/// kurtosis, alpha, SEM and the distribution for the exam; and flags.
///
/// Invalid input is an [`Error`] with a path (`points[12]`); statistics that are undefined for
/// the data (no attempts, one attempt, equal scores, an unanswered item) are `null` with a reason.
///
/// ```
/// use kaohe::analytics::{analyse_items, synthetic_matrix, AnalysisOptions};
/// let cohort = synthetic_matrix(200, 20, 7);
/// let report = analyse_items(&cohort, &AnalysisOptions::default()).unwrap();
/// assert_eq!(report.items.len(), 20);
/// assert!(report.exam.cronbach_alpha.value.unwrap() > 0.5);
/// ```
pub fn analyse_items(
    matrix: &ResponseMatrix,
    options: &AnalysisOptions,
) -> Result<ItemAnalysis, Error> {
    options.validate()?;
    analyse_with(matrix, &matrix.row_pass()?, options, true)
}

/// [`analyse_items`] of a matrix whose rows were checked and summed as it was made (the exam's
/// cohort scorer does it row by row): `pass` must be what [`ResponseMatrix::row_pass`] returns
/// for `matrix`.
pub(crate) fn analyse_checked(
    matrix: &ResponseMatrix,
    pass: &RowPass,
    options: &AnalysisOptions,
) -> Result<ItemAnalysis, Error> {
    options.validate()?;
    analyse_with(matrix, pass, options, true)
}

/// [`analyse_items`] on the `f64` kernel only, whatever the points: the tests compare the two
/// kernels (tests/analytics_counting.rs).
#[doc(hidden)]
pub fn analyse_items_f64(
    matrix: &ResponseMatrix,
    options: &AnalysisOptions,
) -> Result<ItemAnalysis, Error> {
    options.validate()?;
    analyse_with(matrix, &matrix.row_pass()?, options, false)
}

/// Whether [`analyse_items`] takes the counting kernel for `matrix` (whole points, totals at
/// most 4,096); for the tests.
#[doc(hidden)]
pub fn counting_applies(matrix: &ResponseMatrix) -> Result<bool, Error> {
    Ok(counting_plan(matrix, &matrix.row_pass()?).is_some())
}

/// [`analyse_items`], with the counting kernel allowed or not.
fn analyse_with(
    matrix: &ResponseMatrix,
    pass: &RowPass,
    options: &AnalysisOptions,
    allow_counting: bool,
) -> Result<ItemAnalysis, Error> {
    let n = matrix.candidates;
    let k = matrix.items;
    let totals = &pass.totals;
    let max_total: f64 = matrix.max_points.iter().sum();
    let groups = form_groups(totals, options.group_fraction);
    let nf = n as f64;
    let total_mean = if n == 0 {
        0.0
    } else {
        totals.iter().sum::<f64>() / nf
    };
    let total_ss: f64 = totals.iter().map(|t| (t - total_mean).powi(2)).sum();
    let totals_flat = is_negligible_spread(total_ss, n, max_total);
    let include_unanswered = options.missing_answers == MissingAnswers::CountAsWrong;

    // Whole points (the usual exam) are summed by counting; fractions by the f64 kernel.
    let plan = if allow_counting {
        counting_plan(matrix, pass)
    } else {
        None
    };
    let (mut items, full_ss, full_cross) = if let Some(plan) = plan {
        let exam = ExamContext {
            matrix,
            pass,
            tags: &groups.tags,
            group_size: groups.size,
            totals_flat,
            max_total,
            include_unanswered,
        };
        let counted = analyse_counted(&exam, &plan);
        (counted.items, counted.full_ss, counted.full_cross)
    } else {
        analyse_f64(
            matrix,
            pass,
            &groups,
            total_mean,
            totals_flat,
            max_total,
            include_unanswered,
        )
    };

    let item_variance_sum = if n < 2 {
        0.0
    } else {
        full_ss.iter().sum::<f64>() / (nf - 1.0)
    };
    for ((item, &ss), &cross) in items.iter_mut().zip(&full_ss).zip(&full_cross) {
        item.alpha_if_deleted = Statistic::from_result(alpha_if_deleted(
            n,
            k,
            item_variance_sum,
            ss,
            cross,
            total_ss,
            max_total,
        ));
    }
    let exam = summarise(
        totals,
        &groups.ranking,
        max_total,
        k,
        item_variance_sum,
        groups.size,
    );
    let mut flags = Vec::new();
    for item in &items {
        flag_item(item, &options.thresholds, &mut flags);
    }
    let distractors = match options.distractors {
        DistractorLayout::PerItem => None,
        DistractorLayout::Columns => Some(DistractorColumns::take_from(&mut items)),
    };
    Ok(ItemAnalysis {
        schema_version: ITEM_ANALYSIS_SCHEMA_VERSION,
        options: *options,
        exam,
        items,
        flags,
        distractors,
    })
}

/// The `f64` kernel: items in blocks of [`BLOCK`] columns gathered contiguously, each column
/// analysed by [`analyse_column`]. Returns the items and, per item over every candidate, the
/// sums `Σ (x − x̄)²` and `Σ (x − x̄)(T − T̄)` that alpha if deleted needs. Not inlined into
/// [`analyse_with`], which a whole-point cohort runs without it: a smaller function is
/// optimised sooner by the browser.
#[inline(never)]
fn analyse_f64(
    matrix: &ResponseMatrix,
    pass: &RowPass,
    groups: &Groups,
    total_mean: f64,
    totals_flat: bool,
    max_total: f64,
    include_unanswered: bool,
) -> (Vec<ItemStatistics>, Vec<f64>, Vec<f64>) {
    let n = matrix.candidates;
    let k = matrix.items;
    let nf = n as f64;
    let totals = &pass.totals;
    let counted_top = counted_top(totals);
    let mut items = Vec::with_capacity(k);
    let mut full_ss = Vec::with_capacity(k);
    let mut full_cross = Vec::with_capacity(k);
    let mut buffers: Vec<ColumnBuffer> = (0..BLOCK.min(k))
        .map(|_| ColumnBuffer::with_capacity(n))
        .collect();
    let mut scratch = SortScratch::default();
    let mut start = 0;
    while start < k {
        let width = BLOCK.min(k - start);
        let block = start..start + width;
        for (b, buf) in buffers.iter_mut().enumerate().take(width) {
            let j = start + b;
            let sum = pass.item_sums.get(j).copied().unwrap_or(0.0);
            let is_choice = matrix.option_counts.get(j).is_some_and(|&c| c > 0);
            buf.reset(if n == 0 { 0.0 } else { sum / nf });
            if include_unanswered {
                // Every candidate is in every column: write by position, no pushes.
                buf.x.resize(n, 0.0);
                if is_choice {
                    buf.choices.resize(n, 0);
                }
            }
        }
        let rows = matrix
            .points
            .chunks_exact(k)
            .zip(matrix.answered.chunks_exact(k))
            .zip(matrix.choices.chunks_exact(k))
            .zip(totals)
            .zip(&groups.tags)
            .enumerate();
        for (i, ((((p_row, a_row), c_row), &total), &group)) in rows {
            let (Some(p_row), Some(a_row), Some(c_row)) = (
                p_row.get(block.clone()),
                a_row.get(block.clone()),
                c_row.get(block.clone()),
            ) else {
                continue;
            };
            let cells = p_row.iter().zip(a_row).zip(c_row).zip(buffers.iter_mut());
            if include_unanswered {
                for (((&p, &answered), &choice), buf) in cells {
                    let x = if answered { p } else { 0.0 };
                    buf.sum_x += x;
                    buf.sum_r += total - x;
                    if let Some(slot) = buf.x.get_mut(i) {
                        *slot = x;
                    }
                    if let Some(slot) = buf.choices.get_mut(i) {
                        *slot = if answered { choice } else { 0 };
                    }
                }
            } else {
                let dt = total - total_mean;
                for (((&p, &answered), &choice), buf) in cells {
                    let x = if answered { p } else { 0.0 };
                    let dx = x - buf.full_mean;
                    buf.full_ss += dx * dx;
                    buf.full_cross_total += dx * dt;
                    if answered {
                        buf.sum_x += x;
                        buf.sum_r += total - x;
                        buf.x.push(x);
                        buf.totals.push(total);
                        buf.choices.push(choice);
                        buf.groups.push(group);
                    }
                }
            }
        }
        for (b, buf) in buffers.iter().enumerate().take(width) {
            let j = start + b;
            let ctx = ItemContext {
                index: j,
                item_id: matrix.item_ids.get(j).map_or("", String::as_str),
                max_points: matrix.max_points.get(j).copied().unwrap_or(1.0),
                option_count: matrix.option_counts.get(j).copied().unwrap_or(0),
                correct_mask: matrix.correct_masks.get(j).copied().unwrap_or(0),
                answered: pass.answered.get(j).copied().unwrap_or(0),
                candidates: n,
                group_size: groups.size,
                totals_flat,
                max_total,
                counted_top,
            };
            let col = Column {
                x: &buf.x,
                totals: if include_unanswered {
                    totals
                } else {
                    &buf.totals
                },
                choices: &buf.choices,
                groups: if include_unanswered {
                    &groups.tags
                } else {
                    &buf.groups
                },
                sum_x: buf.sum_x,
                sum_r: buf.sum_r,
            };
            let (item, sums) = analyse_column(&ctx, &col, &mut scratch);
            items.push(item);
            if include_unanswered {
                // The column is the complete column: cov(x, T) = cov(x, rest) + var(x).
                full_ss.push(sums.ss_x);
                full_cross.push(sums.cross_rest + sums.ss_x);
            } else {
                full_ss.push(buf.full_ss);
                full_cross.push(buf.full_cross_total);
            }
        }
        start += width;
    }

    (items, full_ss, full_cross)
}

/// Alpha of the other `k − 1` items: their variances sum to `Σv − vⱼ` and their total is the
/// rest score, whose variance is `var(T) − 2 cov(xⱼ, T) + var(xⱼ)`.
fn alpha_if_deleted(
    n: usize,
    k: usize,
    item_variance_sum: f64,
    item_ss: f64,
    item_cross_total: f64,
    total_ss: f64,
    max_total: f64,
) -> Result<f64, UndefinedReason> {
    if n == 0 {
        return Err(UndefinedReason::NoCandidates);
    }
    if n < 2 {
        return Err(UndefinedReason::TooFewCandidates);
    }
    if k < 3 {
        return Err(UndefinedReason::TooFewItems);
    }
    let rest_ss = (total_ss - 2.0 * item_cross_total + item_ss).max(0.0);
    if is_negligible_spread(rest_ss, n, max_total) {
        return Err(UndefinedReason::ZeroVariance);
    }
    let denominator = n as f64 - 1.0;
    let others = (k - 1) as f64;
    let variance_sum = item_variance_sum - item_ss / denominator;
    Ok(others / (others - 1.0) * (1.0 - variance_sum / (rest_ss / denominator)))
}
