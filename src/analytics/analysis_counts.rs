//! The whole-point kernel of the item analysis: when every maximum, every score and so every
//! total is a whole number (the usual exam: 1, 2 or 3 points per question, right or wrong), a
//! column is summed by counting instead of by `f64` arithmetic. One pass per block of columns
//! over the rows adds 1 to the column's cell `(item score, rest score)` of a small table; every
//! sum the statistics need (`Σx`, `Σx²`, `Σr`, `Σr²`, `Σxr`, the sorted partners of discriminative
//! efficiency) is then read off that table in integers, and each centred sum is formed as one
//! exact integer numerator divided once, `(n·Σab − Σa·Σb) / n`: no rounding accumulates over the
//! rows, so the statistics are at least as exact as the `f64` kernel's (the fixtures check both
//! against NumPy and SciPy). Any fractional point, or a table that would be large, falls back to
//! the `f64` kernel for the whole analysis.

use super::groups::{LOWER, MIDDLE, UPPER};
use super::item_stats::{finish_item, ItemContext, ItemStatistics, Moments, OptionTally};
use super::matrix::{ResponseMatrix, RowPass};

/// Columns summed per pass over the rows; their tables together stay within a few hundred KB.
const BLOCK: usize = 16;

/// Largest maximum points of an item for this kernel (item scores are counted per whole number).
const MAX_POINTS: f64 = 255.0;

/// Largest whole-number total for this kernel.
const MAX_TOTAL: f64 = 4096.0;

/// Largest table per column, `(maximum + 1) × (top total + 1)` cells of `u32` (32 KB).
const MAX_TABLE: usize = 8192;

/// When the counting kernel applies: the totals as integers and the highest of them.
pub(crate) struct CountedPlan {
    totals: Vec<u32>,
    /// Table row length: every rest score is in `0..stride`.
    stride: usize,
}

/// `Some` when every answered score and every maximum is a whole number, every total is at most
/// [`MAX_TOTAL`], no item's table exceeds [`MAX_TABLE`] cells and there are at most
/// [`MAX_CANDIDATES`] candidates.
pub(crate) fn counting_plan(matrix: &ResponseMatrix, pass: &RowPass) -> Option<CountedPlan> {
    if !pass.whole || pass.totals.len() > MAX_CANDIDATES {
        return None;
    }
    let mut top = 0u32;
    let mut totals = Vec::with_capacity(pass.totals.len());
    for &t in &pass.totals {
        // Sums of whole numbers are exact in f64 far beyond MAX_TOTAL.
        if !(0.0..=MAX_TOTAL).contains(&t) || t as u32 as f64 != t {
            return None;
        }
        let t = t as u32;
        top = top.max(t);
        totals.push(t);
    }
    let stride = top as usize + 1;
    for &max in &matrix.max_points {
        if !(max <= MAX_POINTS && max as u32 as f64 == max)
            || (max as usize + 1) * stride > MAX_TABLE
        {
            return None;
        }
    }
    Some(CountedPlan { totals, stride })
}

/// How one option was chosen within one group, in integers: its choosers in the high bits and
/// the sum of their rest scores in the low [`REST_BITS`], so that a choice adds to one counter.
#[derive(Clone, Copy, Default)]
struct Tally(u64);

/// Bits of a [`Tally`] that hold the rest-score sum: 2²⁴ candidates at [`MAX_TOTAL`] need 36, and
/// the 24 above it count up to 2²⁴ choosers.
const REST_BITS: u32 = 40;

/// Most candidates the counting kernel takes (see [`REST_BITS`]); larger cohorts take the `f64`
/// kernel.
const MAX_CANDIDATES: usize = 1 << 24;

impl Tally {
    /// What one chooser with rest score `r` adds.
    fn chooser(r: u32) -> u64 {
        (1 << REST_BITS) | u64::from(r)
    }

    fn count(self) -> u64 {
        self.0 >> REST_BITS
    }

    fn rest(self) -> u64 {
        self.0 & ((1 << REST_BITS) - 1)
    }
}

/// Groups a candidate can be in: [`MIDDLE`], [`LOWER`], [`UPPER`] (the tags' values).
const GROUPS: usize = 3;

/// One column's counts while its block is summed. Everything per group is indexed by the
/// candidate's group tag, so a cell adds to counters it addresses rather than to every group's
/// counter multiplied by a 0/1 membership.
struct Counts {
    /// Candidates per `(x, r)`: `table[x × stride + r]`.
    table: Vec<u32>,
    /// Candidates per `(group, x)`: `by_group[group × levels + x]`.
    by_group: Vec<u32>,
    /// Item score levels, `maximum + 1`.
    levels: usize,
    /// Per group, per option.
    tally: [[Tally; 32]; GROUPS],
}

impl Counts {
    fn new() -> Self {
        Counts {
            table: Vec::new(),
            by_group: Vec::new(),
            levels: 0,
            tally: [[Tally::default(); 32]; GROUPS],
        }
    }

    fn reset(&mut self, levels: usize, stride: usize) {
        zeroed(&mut self.table, levels * stride);
        zeroed(&mut self.by_group, levels * GROUPS);
        self.levels = levels;
        self.tally = [[Tally::default(); 32]; GROUPS];
    }

    /// Candidates of `group` and the sum of their item scores.
    fn group(&self, group: u8) -> (u64, u64) {
        let from = usize::from(group) * self.levels;
        let counts = self.by_group.get(from..from + self.levels).unwrap_or(&[]);
        counts.iter().enumerate().fold((0, 0), |(n, sum), (x, &c)| {
            (n + u64::from(c), sum + x as u64 * u64::from(c))
        })
    }
}

/// Zeros to copy a table from.
static ZEROS: [u32; MAX_TABLE] = [0; MAX_TABLE];

/// `v` as `n` zeros, in the memory it has. Not `resize`, which writes element by element, nor a
/// new allocation per column: both run unoptimised in the browser for the first analyses (a
/// function called a few hundred times per analysis reaches its optimised code late), where a
/// copy is one instruction.
fn zeroed(v: &mut Vec<u32>, n: usize) {
    v.clear();
    match ZEROS.get(..n) {
        Some(zeros) => v.extend_from_slice(zeros),
        None => v.resize(n, 0),
    }
}

/// `Σ (a − ā)(b − b̄)` over `n` values from integer sums, exactly up to one rounding.
fn centred(n: u64, sum_ab: u64, sum_a: u64, sum_b: u64) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let numerator = i128::from(n) * i128::from(sum_ab) - i128::from(sum_a) * i128::from(sum_b);
    numerator as f64 / n as f64
}

/// What the whole analysis needs from each column beyond its statistics.
pub(crate) struct CountedColumns {
    pub items: Vec<ItemStatistics>,
    /// Per item, over every candidate (unanswered = 0): `Σ (x − x̄)²` and `Σ (x − x̄)(T − T̄)`.
    pub full_ss: Vec<f64>,
    pub full_cross: Vec<f64>,
}

/// Everything about the exam that each column's context repeats.
pub(crate) struct ExamContext<'a> {
    pub matrix: &'a ResponseMatrix,
    pub pass: &'a RowPass,
    pub tags: &'a [u8],
    pub group_size: usize,
    pub totals_flat: bool,
    pub max_total: f64,
    pub include_unanswered: bool,
}

/// The item statistics of every column by counting (see the module's documentation).
pub(crate) fn analyse_counted(exam: &ExamContext, plan: &CountedPlan) -> CountedColumns {
    let matrix = exam.matrix;
    let (n, k) = (matrix.candidates, matrix.items);
    let stride = plan.stride;
    let total_sum: u64 = plan.totals.iter().map(|&t| u64::from(t)).sum();
    let mut out = CountedColumns {
        items: Vec::with_capacity(k),
        full_ss: Vec::with_capacity(k),
        full_cross: Vec::with_capacity(k),
    };
    let mut block: Vec<Counts> = (0..BLOCK.min(k)).map(|_| Counts::new()).collect();
    // Candidates per rest score, reused by every column.
    let mut rest_counts = vec![0u64; stride];
    let mut start = 0;
    while start < k {
        let width = BLOCK.min(k - start).min(block.len());
        for b in 0..width {
            let max = matrix.max_points.get(start + b).copied().unwrap_or(1.0);
            if let Some(counts) = block.get_mut(b) {
                counts.reset(max as usize + 1, stride);
            }
        }
        count_block(exam, plan, start, &mut block[..width]);
        for (b, counts) in block.iter().take(width).enumerate() {
            let j = start + b;
            let (item, full_ss, full_cross) =
                finish_column(exam, j, counts, stride, &mut rest_counts, n, total_sum);
            out.items.push(item);
            out.full_ss.push(full_ss);
            out.full_cross.push(full_cross);
        }
        start += width;
    }
    out
}

/// One pass over the rows for the columns `start..start + block.len()`. Plain index loops over
/// slices of equal length (no iterator adaptors), so the kernel stays fast in a build that
/// inlines little. Never inlined: called once per block, it is swapped for the browser's
/// optimised code after the first block (wasm has no on-stack replacement, so a loop inside a
/// function called once per analysis would run unoptimised on the first calls).
#[allow(clippy::needless_range_loop)]
#[inline(never)]
fn count_block(exam: &ExamContext, plan: &CountedPlan, start: usize, block: &mut [Counts]) {
    let matrix = exam.matrix;
    let k = matrix.items;
    let width = block.len();
    let stride = plan.stride;
    let include = exam.include_unanswered;
    let rows = plan.totals.len().min(exam.tags.len());
    for i in 0..rows {
        let t = plan.totals[i];
        // MIDDLE, LOWER or UPPER: 0, 1 or 2 (checked by the `get_mut`s below all the same).
        let g = usize::from(exam.tags[i]);
        let from = i * k + start;
        let (Some(points), Some(answered), Some(choices)) = (
            matrix.points.get(from..from + width),
            matrix.answered.get(from..from + width),
            matrix.choices.get(from..from + width),
        ) else {
            continue;
        };
        for b in 0..width {
            let a = answered[b];
            if !a && !include {
                continue;
            }
            let x = if a { whole_to_u32(points[b]) } else { 0 };
            // The total includes this score, so it is never below it.
            let r = t.saturating_sub(x);
            let counts = &mut block[b];
            if let Some(cell) = counts.table.get_mut(x as usize * stride + r as usize) {
                *cell += 1;
            }
            if let Some(cell) = counts.by_group.get_mut(g * counts.levels + x as usize) {
                *cell += 1;
            }
            let mut bits = if a { choices[b] } else { 0 };
            if let Some(group) = counts.tally.get_mut(g) {
                if bits & bits.wrapping_sub(1) == 0 {
                    // No option or one (single choice, true/false): added without a loop, whose
                    // exit the processor would mispredict. No option adds 0 to option 0.
                    let one = u64::from(bits != 0);
                    if let Some(tally) = group.get_mut((bits.trailing_zeros() & 31) as usize) {
                        tally.0 += Tally::chooser(r) * one;
                    }
                    continue;
                }
                while bits != 0 {
                    let o = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if let Some(tally) = group.get_mut(o) {
                        tally.0 += Tally::chooser(r);
                    }
                }
            }
        }
    }
}

/// `x` as an integer, for a whole number in `0..=255` (what the plan checked). Adding 2⁵² puts
/// the integer in the low bits of the sum's mantissa: one addition, where the saturating
/// conversion `x as u32` costs the browser a rounding, a conversion and a range check.
#[inline(always)]
fn whole_to_u32(x: f64) -> u32 {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    // Truncation to the low 32 bits is the point: the integer is all that is there.
    (x + TWO_52).to_bits() as u32
}

/// The statistics of column `j` from its counts; also its full-column sums for alpha. Not
/// inlined, for the reason given at [`count_block`].
#[inline(never)]
fn finish_column(
    exam: &ExamContext,
    j: usize,
    counts: &Counts,
    stride: usize,
    rest_counts: &mut [u64],
    candidates: usize,
    total_sum: u64,
) -> (ItemStatistics, f64, f64) {
    let matrix = exam.matrix;
    let max = matrix.max_points.get(j).copied().unwrap_or(1.0);
    rest_counts.fill(0);
    // Item score levels in ascending order, with their counts.
    let mut levels: Vec<(u64, u64)> = Vec::new();
    let (mut n, mut sx, mut sxx, mut sxr) = (0u64, 0u64, 0u64, 0u64);
    for (x, row) in counts.table.chunks_exact(stride).enumerate() {
        let x = x as u64;
        let (mut count, mut rest) = (0u64, 0u64);
        for (r, (&c, slot)) in row.iter().zip(rest_counts.iter_mut()).enumerate() {
            let c = u64::from(c);
            count += c;
            rest += c * r as u64;
            *slot += c;
        }
        if count > 0 {
            levels.push((x, count));
            n += count;
            sx += x * count;
            sxx += x * x * count;
            sxr += x * rest;
        }
    }
    let (mut sr, mut srr) = (0u64, 0u64);
    for (r, &c) in rest_counts.iter().enumerate() {
        let r = r as u64;
        sr += r * c;
        srr += r * r * c;
    }
    let nf = n as f64;
    let (mean_x, mean_r) = if n == 0 {
        (0.0, 0.0)
    } else {
        (sx as f64 / nf, sr as f64 / nf)
    };
    let (up_n, up_sum) = counts.group(UPPER);
    let (low_n, low_sum) = counts.group(LOWER);
    let moments = Moments {
        n: n as usize,
        mean_x,
        mean_r,
        ssx: centred(n, sxx, sx, sx),
        ssr: centred(n, srr, sr, sr),
        sxr: centred(n, sxr, sx, sr),
        all_r: 0.0,
        x_flat: levels.len() <= 1,
        up_sum: up_sum as f64,
        up_n: up_n as usize,
        low_sum: low_sum as f64,
        low_n: low_n as usize,
    };
    let mut tally = [OptionTally::default(); 32];
    // Constant indexes below GROUPS: no bounds check, no panic.
    let middle = &counts.tally[usize::from(MIDDLE)];
    let lower = &counts.tally[usize::from(LOWER)];
    let upper = &counts.tally[usize::from(UPPER)];
    let per_group = middle.iter().zip(lower).zip(upper);
    for (out, ((m, l), u)) in tally.iter_mut().zip(per_group) {
        let count = m.count() + l.count() + u.count();
        let rest = m.rest() + l.rest() + u.rest();
        *out = OptionTally {
            count: count as usize,
            rest_dev: centred(n, rest, count, sr),
            upper: u.count() as usize,
            lower: l.count() as usize,
        };
    }
    let ctx = ItemContext {
        index: j,
        item_id: matrix.item_ids.get(j).map_or("", String::as_str),
        max_points: max,
        option_count: matrix.option_counts.get(j).copied().unwrap_or(0),
        correct_mask: matrix.correct_masks.get(j).copied().unwrap_or(0),
        answered: exam.pass.answered.get(j).copied().unwrap_or(0),
        candidates,
        group_size: exam.group_size,
        totals_flat: exam.totals_flat,
        max_total: exam.max_total,
        counted_top: None,
    };
    let (item, sums) = finish_item(&ctx, &moments, &tally, || {
        centred(n, sorted_products(&levels, rest_counts), sx, sr)
    });
    if exam.include_unanswered {
        // The column is the complete column: cov(x, T) = cov(x, rest) + var(x).
        (item, sums.ss_x, sums.cross_rest + sums.ss_x)
    } else {
        // Unanswered cells score 0, so the answered ones carry every sum of the full column.
        let all = candidates as u64;
        (
            item,
            centred(all, sxx, sx, sx),
            centred(all, sxr + sxx, sx, total_sum),
        )
    }
}

/// `Σ x₍ᵢ₎·r₍ᵢ₎` with both sorted ascending: the item score levels (ascending, with counts)
/// walked beside the rest scores' counts.
fn sorted_products(levels: &[(u64, u64)], rest_counts: &[u64]) -> u64 {
    let mut sum = 0u64;
    let mut r = 0usize;
    let mut left_at_r = rest_counts.first().copied().unwrap_or(0);
    for &(x, mut count) in levels {
        while count > 0 {
            while left_at_r == 0 {
                r += 1;
                match rest_counts.get(r) {
                    Some(&c) => left_at_r = c,
                    None => return sum,
                }
            }
            let take = count.min(left_at_r);
            sum += x * r as u64 * take;
            count -= take;
            left_at_r -= take;
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_convert_exactly() {
        for x in 0..=255u32 {
            assert_eq!(whole_to_u32(f64::from(x)), x);
        }
    }

    #[test]
    fn sorted_products_pair_the_sorted_columns() {
        // x sorted: 0 0 1 1 1 2; r sorted: 0 1 1 3 3 5 → 0 + 0 + 1 + 3 + 3 + 10.
        let levels = [(0, 2), (1, 3), (2, 1)];
        let rest = [1, 2, 0, 2, 0, 1];
        assert_eq!(sorted_products(&levels, &rest), 17);
        assert_eq!(sorted_products(&[], &rest), 0);
    }

    #[test]
    fn centred_sums_are_exact_for_large_integers() {
        // Σ(x − x̄)² of 3, 4, 5 is 2, however large the offset.
        let base = 1u64 << 20;
        let xs = [base + 3, base + 4, base + 5];
        let s: u64 = xs.iter().sum();
        let ss: u64 = xs.iter().map(|x| x * x).sum();
        assert_eq!(centred(3, ss, s, s), 2.0);
        assert_eq!(centred(0, 0, 0, 0), 0.0);
    }
}
