//! Statistics of one item, computed from its column: the item scores and rest scores of the
//! candidates included for it, gathered contiguously by [`super::analysis`].

use crate::format::{FromJson, ToJson};

use super::groups::{LOWER, UPPER};
use super::stats::{correlation, is_negligible_spread, Statistic, UndefinedReason};

/// How one option of a choice item was chosen (distractor analysis).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OptionStatistics {
    /// Option index, 0 = A.
    pub option: u32,
    /// Letter shown to candidates: A, B, … (then AA, AB after Z).
    pub label: String,
    /// Whether the option is (one of) the correct answer(s).
    pub is_key: bool,
    /// Candidates who chose it.
    pub count: u32,
    /// Share of the item's candidates who chose it.
    pub share: Statistic,
    /// Choosers in the upper group.
    pub upper_count: u32,
    /// Choosers in the lower group.
    pub lower_count: u32,
    /// Mean rest score (total minus this item) of those who chose it.
    pub mean_rest_score: Statistic,
    /// Point-biserial correlation of choosing it (0/1) with the rest score: positive for a good
    /// key, negative for a good distractor.
    pub correlation_with_rest: Statistic,
}

/// Classical statistics of one item.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemStatistics {
    /// Position of the item in the matrix.
    pub index: u32,
    /// Item id.
    pub item_id: String,
    /// Maximum points of the item.
    pub max_points: f64,
    /// Candidates in the item's statistics: everyone, or only those who answered it when
    /// unanswered items are excluded.
    pub responses: u32,
    /// Candidates who answered the item.
    pub answered: u32,
    /// Mean of points / maxPoints (Moodle's facility index, as 0–1).
    pub facility: Statistic,
    /// Sample standard deviation (divisor n − 1) of points / maxPoints, as Moodle.
    pub sd: Statistic,
    /// Pearson correlation of the item score with the rest score (total minus this item),
    /// −1..1: Moodle's discrimination index divided by 100.
    pub discrimination: Statistic,
    /// Item–rest covariance divided by the largest covariance the same two sets of scores could
    /// have (both sorted), 0..1 for a positive item: Moodle's discriminative efficiency / 100.
    pub discriminative_efficiency: Statistic,
    /// Mean fraction in the upper group minus that in the lower group (D, −1..1).
    pub upper_lower_index: Statistic,
    /// Cronbach's alpha of the exam without this item.
    pub alpha_if_deleted: Statistic,
    /// Per option, for choice items; empty otherwise.
    pub options: Vec<OptionStatistics>,
}

/// Item score levels tracked before falling back to a full sort for discriminative efficiency.
const MAX_LEVELS: usize = 16;

/// Distinct item scores and their counts, tracked while summing.
struct Levels {
    values: [(f64, usize); MAX_LEVELS],
    used: usize,
    overflow: bool,
}

impl Levels {
    fn new() -> Self {
        Levels {
            values: [(0.0, 0); MAX_LEVELS],
            used: 0,
            overflow: false,
        }
    }

    #[inline(always)]
    fn add(&mut self, x: f64) {
        if self.overflow {
            return;
        }
        for level in self.values.iter_mut().take(self.used) {
            if level.0 == x {
                level.1 += 1;
                return;
            }
        }
        match self.values.get_mut(self.used) {
            Some(slot) => {
                *slot = (x, 1);
                self.used += 1;
            }
            None => self.overflow = true,
        }
    }

    /// A new level `x` seen `count` times (levels counted elsewhere).
    fn add_count(&mut self, x: f64, count: usize) {
        match self.values.get_mut(self.used) {
            Some(slot) if !self.overflow => {
                *slot = (x, count);
                self.used += 1;
            }
            _ => self.overflow = true,
        }
    }
}

/// One item's column: parallel slices over the included candidates. Rest scores are
/// `totals − x`, computed where they are used rather than stored.
pub(crate) struct Column<'a> {
    pub x: &'a [f64],
    pub totals: &'a [f64],
    pub choices: &'a [u32],
    pub groups: &'a [u8],
    /// `Σ x` and `Σ (t − x)` in row order, summed while the column was gathered.
    pub sum_x: f64,
    pub sum_r: f64,
}

/// What the item needs to know about the exam.
pub(crate) struct ItemContext<'a> {
    pub index: usize,
    pub item_id: &'a str,
    pub max_points: f64,
    pub option_count: u8,
    pub correct_mask: u32,
    pub answered: usize,
    /// Candidates in the exam (not only in this column).
    pub candidates: usize,
    pub group_size: usize,
    pub totals_flat: bool,
    /// Maximum total, the scale for rest-score rounding noise.
    pub max_total: f64,
    /// `Some(top)` when every total is a whole number in `0..=top` with `top` at most
    /// [`MAX_COUNTED_REST`]: rest scores of a whole-number item are then counted per score in
    /// the column's one pass.
    pub counted_top: Option<usize>,
}

/// Reusable buffers, so no allocation happens per item.
#[derive(Default)]
pub(crate) struct SortScratch {
    pub rest: Vec<f64>,
    pub x: Vec<f64>,
    /// Candidates per whole-number rest score, for the counting path.
    pub counts: Vec<u32>,
    /// Candidates per whole-number item score.
    pub x_counts: Vec<u32>,
}

/// Largest maximum points for which item scores are counted per whole number.
const MAX_COUNTED_X: f64 = 64.0;

/// Largest whole-number rest score counted rather than selected.
pub(crate) const MAX_COUNTED_REST: f64 = 4096.0;

/// `Some(top)` when every total is a whole number in `0..=MAX_COUNTED_REST` (`top` the highest).
pub(crate) fn counted_top(totals: &[f64]) -> Option<usize> {
    let mut top = 0.0f64;
    for &t in totals {
        // `t as i64 as f64 == t` is the whole-number test without a libm `trunc` call.
        if !((0.0..=MAX_COUNTED_REST).contains(&t) && t as i64 as f64 == t) {
            return None;
        }
        top = top.max(t);
    }
    Some(top as usize)
}

/// `Σ (r − r̄)` over the `m` largest rest scores, from counts per whole-number score.
fn top_sum_counted(counts: &[u32], m: usize, mean_r: f64) -> f64 {
    let mut left = m as u64;
    let mut sum = 0.0;
    for (score, &count) in counts.iter().enumerate().rev() {
        if left == 0 {
            break;
        }
        let take = u64::from(count).min(left);
        sum += take as f64 * (score as f64 - mean_r);
        left -= take;
    }
    sum
}

/// A–Z, then AA, AB…
pub(crate) fn option_label(option: u32) -> String {
    let letter = |k: u32| char::from_u32(u32::from(b'A') + k % 26).unwrap_or('?');
    if option < 26 {
        letter(option).to_string()
    } else {
        format!("{}{}", letter(option / 26 - 1), letter(option))
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `Σ (x(i) − x̄)(r(i) − r̄)` with both sorted ascending: the numerator of the largest possible
/// covariance. Items take few score levels, so instead of sorting the item column this sums, per
/// level step, the top rest scores: `Σ = (v₀ − x̄)·Σr' + Σₗ (vₗ − vₗ₋₁)·(sum of the cₗ largest
/// r')`, where cₗ counts scores ≥ vₗ and `all_r = Σr'`. With `counts` (candidates per
/// whole-number rest score, gathered in the column's pass) the largest are read off the counts
/// from the top; otherwise they are found by selection. Many-level items are sorted.
fn sorted_cross_sum(
    col: &Column,
    levels: &mut Levels,
    mean_x: f64,
    mean_r: f64,
    all_r: f64,
    counts: Option<&[u32]>,
    scratch: &mut SortScratch,
) -> f64 {
    // Totals are finite (validated), so `total_cmp` orders them as `<` does, and is inlined.
    let cmp = f64::total_cmp;
    let (overflow, used) = (levels.overflow, levels.used);
    let levels = &mut levels.values;
    let fill_rest = |rest: &mut Vec<f64>| {
        rest.clear();
        rest.extend(col.totals.iter().zip(col.x).map(|(t, x)| t - x));
    };
    if overflow {
        fill_rest(&mut scratch.rest);
        scratch.x.clear();
        scratch.x.extend_from_slice(col.x);
        scratch.x.sort_unstable_by(cmp);
        scratch.rest.sort_unstable_by(cmp);
        return scratch
            .x
            .iter()
            .zip(&scratch.rest)
            .map(|(x, r)| (x - mean_x) * (r - mean_r))
            .sum();
    }
    let levels = levels.get_mut(..used).unwrap_or_default();
    levels.sort_unstable_by(|a, b| cmp(&a.0, &b.0));
    let Some(&(lowest, lowest_count)) = levels.first() else {
        return 0.0;
    };
    let n = col.x.len();
    if let Some(counts) = counts {
        let mut sum = (lowest - mean_x) * all_r;
        let mut below = 0;
        let mut previous = lowest;
        let mut previous_count = lowest_count;
        for &(value, count) in levels.iter().skip(1) {
            below += previous_count;
            sum += (value - previous) * top_sum_counted(counts, n - below.min(n), mean_r);
            previous = value;
            previous_count = count;
        }
        return sum;
    }
    fill_rest(&mut scratch.rest);
    let mut sum = (lowest - mean_x) * all_r;
    let mut top: &mut [f64] = &mut scratch.rest;
    let mut below = lowest_count;
    let mut previous = lowest;
    for &(value, count) in levels.iter().skip(1) {
        // Move the `below` smallest rest scores (partners of lower levels) to the front, keep the
        // rest: they are the top scores partnered with this level and the ones above it.
        if below > 0 && below < top.len() {
            top.select_nth_unstable_by(below, cmp);
        }
        let whole = std::mem::take(&mut top);
        top = whole.get_mut(below..).unwrap_or_default();
        let top_sum: f64 = top.iter().map(|r| r - mean_r).sum();
        sum += (value - previous) * top_sum;
        below = count;
        previous = value;
    }
    sum
}

/// Centred sums of a column that the exam-level statistics reuse.
pub(crate) struct ColumnSums {
    /// `Σ (x − x̄)²`.
    pub ss_x: f64,
    /// `Σ (x − x̄)(r − r̄)`.
    pub cross_rest: f64,
}

/// Statistics of one item from its column, summed in `f64` (any points, including fractions).
pub(crate) fn analyse_column(
    ctx: &ItemContext,
    col: &Column,
    scratch: &mut SortScratch,
) -> (ItemStatistics, ColumnSums) {
    let n = col.x.len();
    let max = ctx.max_points;
    let nf = n as f64;
    let (mean_x, mean_r) = if n == 0 {
        (0.0, 0.0)
    } else {
        (col.sum_x / nf, col.sum_r / nf)
    };
    let (mut ssx, mut ssr, mut sxr, mut all_r) = (0.0, 0.0, 0.0, 0.0);
    let (mut lo_x, mut hi_x) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut up_sum, mut up_n, mut low_sum, mut low_n) = (0.0, 0usize, 0.0, 0usize);
    let mut levels = Levels::new();
    let mut tally = [OptionTally::default(); 32];
    let choices = if ctx.option_count > 0 {
        col.choices
    } else {
        &[]
    };
    // Counts per whole-number rest score, kept only if every item score turns out whole.
    let count_rest = ctx.counted_top.is_some();
    if let Some(top) = ctx.counted_top {
        scratch.counts.clear();
        scratch.counts.resize(top + 1, 0);
    }
    // Item scores of a whole-point item are counted per score, branch-free, rather than matched
    // against the levels seen so far (a data-dependent branch per cell); `whole_x` turns false
    // on the first other score, and the levels are then found in a second pass.
    let count_x = max <= MAX_COUNTED_X;
    scratch.x_counts.clear();
    if count_x {
        scratch
            .x_counts
            .resize((max * (1.0 + 1e-9)) as usize + 1, 0);
    }
    let mut whole_x = count_x;
    for (i, ((&x, &t), &g)) in col.x.iter().zip(col.totals).zip(col.groups).enumerate() {
        let r = t - x;
        let (dx, dr) = (x - mean_x, r - mean_r);
        if count_rest {
            // A non-whole r only occurs with a non-whole x, which discards the counts below.
            if let Some(c) = scratch.counts.get_mut(r as usize) {
                *c += 1;
            }
        }
        ssx += dx * dx;
        ssr += dr * dr;
        sxr += dx * dr;
        all_r += dr;
        if x < lo_x {
            lo_x = x;
        }
        if x > hi_x {
            hi_x = x;
        }
        if count_x {
            let k = x as usize;
            let slot = scratch.x_counts.get_mut(k);
            whole_x &= slot.is_some() && k as f64 == x;
            if let Some(c) = slot {
                *c += 1;
            }
        } else {
            levels.add(x);
        }
        // Group membership is unpredictable from row to row: select, do not branch. Adding 0.0
        // leaves a sum unchanged.
        let (upper, lower) = (g == UPPER, g == LOWER);
        up_sum += if upper { x } else { 0.0 };
        up_n += usize::from(upper);
        low_sum += if lower { x } else { 0.0 };
        low_n += usize::from(lower);
        let mut bits = choices.get(i).copied().unwrap_or(0);
        while bits != 0 {
            let o = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(t) = tally.get_mut(o) {
                t.count += 1;
                t.rest_dev += dr;
                t.upper += usize::from(g == UPPER);
                t.lower += usize::from(g == LOWER);
            }
        }
    }
    if count_x {
        if whole_x {
            for (k, &count) in scratch.x_counts.iter().enumerate() {
                if count > 0 {
                    levels.add_count(k as f64, count as usize);
                }
            }
        } else {
            for &x in col.x {
                levels.add(x);
            }
        }
    }
    let moments = Moments {
        n,
        mean_x,
        ssx,
        ssr,
        sxr,
        all_r,
        mean_r,
        x_flat: lo_x == hi_x,
        up_sum,
        up_n,
        low_sum,
        low_n,
    };
    finish_item(ctx, &moments, &tally, || {
        // Totals whole (checked once) and every item score whole make every rest score whole
        // and within the counts.
        let whole_levels = !levels.overflow
            && levels
                .values
                .iter()
                .take(levels.used)
                .all(|&(v, _)| v as i64 as f64 == v);
        let mut counts = std::mem::take(&mut scratch.counts);
        let counted = (count_rest && whole_levels).then_some(counts.as_slice());
        let best = sorted_cross_sum(col, &mut levels, mean_x, mean_r, all_r, counted, scratch);
        scratch.counts = std::mem::take(&mut counts);
        best
    })
}

/// What one column's pass yields, whichever kernel summed it (this module's `f64` pass or the
/// whole-point counting pass of `analysis_counts`): the finishing arithmetic is shared, so both
/// give the same statistics.
pub(crate) struct Moments {
    /// Candidates in the column.
    pub n: usize,
    pub mean_x: f64,
    pub mean_r: f64,
    /// `Σ (x − x̄)²`, `Σ (r − r̄)²`, `Σ (x − x̄)(r − r̄)`, `Σ (r − r̄)` (0 up to rounding).
    pub ssx: f64,
    pub ssr: f64,
    pub sxr: f64,
    pub all_r: f64,
    /// Every item score in the column is the same.
    pub x_flat: bool,
    /// `Σ x` and the count in the upper and lower groups.
    pub up_sum: f64,
    pub up_n: usize,
    pub low_sum: f64,
    pub low_n: usize,
}

/// Statistics of one item from its column's moments and option tallies. `best` gives the
/// numerator of the largest possible item–rest covariance (both columns sorted), called only
/// when both sides vary. `alpha_if_deleted` is filled in later, once every item's variance is
/// known.
pub(crate) fn finish_item(
    ctx: &ItemContext,
    m: &Moments,
    tally: &[OptionTally; 32],
    best: impl FnOnce() -> f64,
) -> (ItemStatistics, ColumnSums) {
    let n = m.n;
    let max = ctx.max_points;
    let empty_reason = if ctx.candidates == 0 {
        UndefinedReason::NoCandidates
    } else {
        UndefinedReason::NoResponses
    };
    let mut item = ItemStatistics {
        index: clamp_u32(ctx.index),
        item_id: ctx.item_id.to_string(),
        max_points: max,
        responses: clamp_u32(n),
        answered: clamp_u32(ctx.answered),
        facility: Statistic::undefined(empty_reason),
        sd: Statistic::undefined(empty_reason),
        discrimination: Statistic::undefined(empty_reason),
        discriminative_efficiency: Statistic::undefined(empty_reason),
        upper_lower_index: Statistic::undefined(empty_reason),
        alpha_if_deleted: Statistic::undefined(empty_reason),
        options: Vec::new(),
    };
    let (ssx, ssr, sxr) = (m.ssx, m.ssr, m.sxr);
    item.options = option_statistics(ctx, tally, n, ssr, m.mean_r, m.all_r);
    let sums = ColumnSums {
        ss_x: ssx,
        cross_rest: sxr,
    };
    if n == 0 {
        return (item, sums);
    }
    let nf = n as f64;
    item.facility = Statistic::of(m.mean_x / max);
    item.upper_lower_index = if ctx.group_size == 0 {
        Statistic::undefined(UndefinedReason::TooFewCandidates)
    } else if ctx.totals_flat {
        Statistic::undefined(UndefinedReason::ZeroVariance)
    } else if m.up_n == 0 || m.low_n == 0 {
        Statistic::undefined(UndefinedReason::NoResponses)
    } else {
        Statistic::of((m.up_sum / m.up_n as f64 - m.low_sum / m.low_n as f64) / max)
    };
    if n < 2 {
        let few = Statistic::undefined(UndefinedReason::TooFewCandidates);
        item.sd = few;
        item.discrimination = few;
        item.discriminative_efficiency = few;
        return (item, sums);
    }
    let x_flat = m.x_flat;
    let r_flat = is_negligible_spread(ssr, n, ctx.max_total);
    item.sd = Statistic::of(if x_flat {
        0.0
    } else {
        (ssx / (nf - 1.0)).sqrt() / max
    });
    item.discrimination = Statistic::from_result(correlation(sxr, ssx, ssr, x_flat, r_flat));
    item.discriminative_efficiency = if x_flat || r_flat {
        Statistic::undefined(UndefinedReason::ZeroVariance)
    } else {
        let best = best();
        if best > 0.0 {
            Statistic::of(sxr / best)
        } else {
            Statistic::undefined(UndefinedReason::ZeroVariance)
        }
    };
    (item, sums)
}

/// How one option was chosen in a column.
#[derive(Clone, Copy, Default)]
pub(crate) struct OptionTally {
    pub count: usize,
    /// `Σ (r − r̄)` over its choosers.
    pub rest_dev: f64,
    pub upper: usize,
    pub lower: usize,
}

fn option_statistics(
    ctx: &ItemContext,
    tally: &[OptionTally; 32],
    n: usize,
    ssr: f64,
    mean_r: f64,
    all_r: f64,
) -> Vec<OptionStatistics> {
    let options = usize::from(ctx.option_count);
    if options == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let r_flat = n < 2 || is_negligible_spread(ssr, n, ctx.max_total);
    let empty = if ctx.candidates == 0 {
        UndefinedReason::NoCandidates
    } else {
        UndefinedReason::NoResponses
    };
    tally
        .iter()
        .take(options)
        .enumerate()
        .map(|(o, t)| {
            let option = clamp_u32(o);
            let chosen = t.count as f64;
            let correlation_with_rest = if n < 2 {
                Statistic::undefined(if n == 0 {
                    empty
                } else {
                    UndefinedReason::TooFewCandidates
                })
            } else {
                let p = chosen / nf;
                let sxy = t.rest_dev - p * all_r;
                let ss_i = chosen * (1.0 - p);
                let flat = t.count == 0 || t.count == n;
                Statistic::from_result(correlation(sxy, ss_i, ssr, flat, r_flat))
            };
            OptionStatistics {
                option,
                label: option_label(option),
                is_key: ctx.correct_mask & (1u32 << (o % 32)) != 0,
                count: clamp_u32(t.count),
                share: if n == 0 {
                    Statistic::undefined(empty)
                } else {
                    Statistic::of(chosen / nf)
                },
                upper_count: clamp_u32(t.upper),
                lower_count: clamp_u32(t.lower),
                mean_rest_score: if t.count == 0 {
                    Statistic::undefined(UndefinedReason::NoResponses)
                } else {
                    Statistic::of(mean_r + t.rest_dev / chosen)
                },
                correlation_with_rest,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_sorted_cross(x: &[f64], r: &[f64]) -> f64 {
        let (mut xs, mut rs) = (x.to_vec(), r.to_vec());
        xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
        rs.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let mx = x.iter().sum::<f64>() / x.len() as f64;
        let mr = r.iter().sum::<f64>() / r.len() as f64;
        xs.iter().zip(&rs).map(|(a, b)| (a - mx) * (b - mr)).sum()
    }

    fn check(x: &[f64], r: &[f64]) {
        let groups = vec![0u8; x.len()];
        let choices = vec![0u32; x.len()];
        let totals: Vec<f64> = x.iter().zip(r).map(|(x, r)| x + r).collect();
        let col = Column {
            x,
            totals: &totals,
            choices: &choices,
            groups: &groups,
            sum_x: x.iter().sum(),
            sum_r: totals.iter().zip(x).map(|(t, x)| t - x).sum(),
        };
        let mx = x.iter().sum::<f64>() / x.len() as f64;
        let mr = r.iter().sum::<f64>() / r.len() as f64;
        let mut levels = Levels::new();
        for &v in x {
            levels.add(v);
        }
        let all: f64 = r.iter().map(|v| v - mr).sum();
        let slow = brute_sorted_cross(x, r);
        let fast = sorted_cross_sum(
            &col,
            &mut levels,
            mx,
            mr,
            all,
            None,
            &mut SortScratch::default(),
        );
        assert!((fast - slow).abs() < 1e-9, "{fast} vs {slow}");
        let whole = r.iter().chain(x).all(|v| v.fract() == 0.0 && *v >= 0.0);
        if whole {
            let mut counts = vec![0u32; 64];
            for &v in r {
                counts[v as usize] += 1;
            }
            let mut levels = Levels::new();
            for &v in x {
                levels.add(v);
            }
            let mut scratch = SortScratch::default();
            let counted =
                sorted_cross_sum(&col, &mut levels, mx, mr, all, Some(&counts), &mut scratch);
            assert!((counted - slow).abs() < 1e-9, "{counted} vs {slow}");
        }
    }

    #[test]
    fn level_selection_equals_full_sort() {
        check(
            &[1.0, 0.0, 1.0, 1.0, 0.0, 1.0],
            &[5.0, 2.0, 7.0, 3.0, 3.0, 1.0],
        );
        check(
            &[0.5, 2.0, 0.0, 1.0, 2.0, 0.5, 1.5, 0.0],
            &[4.0, 9.0, 1.0, 4.0, 8.0, 2.5, 6.0, 0.0],
        );
        // More levels than tracked: the sorting path.
        let x: Vec<f64> = (0..40).map(|i| ((i * 7) % 23) as f64).collect();
        let r: Vec<f64> = (0..40).map(|i| ((i * 13) % 17) as f64 * 0.5).collect();
        check(&x, &r);
    }

    #[test]
    fn labels_run_past_z() {
        assert_eq!(option_label(0), "A");
        assert_eq!(option_label(25), "Z");
        assert_eq!(option_label(26), "AA");
        assert_eq!(option_label(31), "AF");
    }
}
