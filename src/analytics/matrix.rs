//! The input of item analysis: a cohort's scored responses as flat row-major arrays.
//!
//! The exam module's `CohortScores` carries the same fields, and the binding moves them across as
//! typed arrays, so 2,000 candidates cross the boundary once and no per-cell object exists.

use std::collections::BTreeSet;

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};

/// Most options a choice item can have: choices are a bitmask in a `u32`.
pub const MAX_OPTIONS: u8 = 32;

/// Scored responses of `candidates` candidates to `items` items, row-major
/// (`points[c * items + i]` is candidate `c`'s score on item `i`).
#[derive(Debug, Clone, PartialEq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResponseMatrix {
    /// Number of candidates (rows), one attempt each (the caller picks first, last or best).
    pub candidates: usize,
    /// Number of items (columns).
    pub items: usize,
    /// Item ids, one per item, non-blank and unique.
    pub item_ids: Vec<String>,
    /// Maximum points per item, positive; partial credit is `points / maxPoints`.
    pub max_points: Vec<f64>,
    /// Points awarded, candidates × items, each in `[0, maxPoints]`. Ignored (taken as 0) where
    /// `answered` is false.
    pub points: Vec<f64>,
    /// Whether the candidate answered the item, candidates × items.
    pub answered: Vec<bool>,
    /// Options chosen, candidates × items: bit `k` set = option `k` (A = bit 0) chosen; 0 for
    /// non-choice items and unanswered cells.
    pub choices: Vec<u32>,
    /// Number of options per item, at most 32; 0 for non-choice items.
    pub option_counts: Vec<u8>,
    /// Bitmask of the correct options per item; 0 for non-choice items.
    pub correct_masks: Vec<u32>,
}

/// One row's cells, as [`ResponseMatrix::row_pass`] checks them.
struct RowCells<'a> {
    points: &'a [f64],
    answered: &'a [bool],
    choices: &'a [u32],
}

/// What one validating pass over the rows yields: per-candidate totals and per-item sums.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct RowPass {
    /// Total points per candidate (unanswered cells count 0).
    pub totals: Vec<f64>,
    /// Sum of points per item over all candidates (unanswered = 0).
    pub item_sums: Vec<f64>,
    /// Candidates who answered each item.
    pub answered: Vec<usize>,
    /// Every answered cell's points are a whole number (the counting kernel's precondition).
    pub whole: bool,
}

impl RowPass {
    /// Empty sums for `items` items, with room for `candidates` totals.
    pub(crate) fn new(items: usize, candidates: usize) -> RowPass {
        RowPass {
            totals: Vec::with_capacity(candidates),
            item_sums: vec![0.0; items],
            answered: vec![0; items],
            whole: true,
        }
    }
}

/// The per-cell check of a row and its sums, shared by [`ResponseMatrix::row_pass`] and the
/// exam's cohort scorer, which adds each row while it is still in cache instead of passing over
/// the whole matrix again.
pub(crate) struct RowChecker {
    /// The highest points accepted per item, with room for rounding.
    limits: Vec<f64>,
    /// The options each item has, as a bitmask.
    masks: Vec<u32>,
}

impl RowChecker {
    pub(crate) fn new(max_points: &[f64], option_counts: &[u8]) -> RowChecker {
        RowChecker {
            limits: max_points.iter().map(|m| m * (1.0 + 1e-9)).collect(),
            masks: option_counts.iter().map(|&c| option_mask(c)).collect(),
        }
    }

    /// The highest points accepted per item, with room for rounding.
    pub(crate) fn limits(&self) -> &[f64] {
        &self.limits
    }

    /// Checks one row's cells (each as long as there are items), adds them to the item sums and
    /// pushes the row's total; `false`, with the total not pushed, when a cell is bad. Never
    /// inlined: called once per row, it is swapped for the browser's optimised code after the
    /// first rows, where a loop over every row inside one call would run unoptimised (wasm has
    /// no on-stack replacement).
    #[inline(never)]
    pub(crate) fn add_row(
        &self,
        points: &[f64],
        answered: &[bool],
        choices: &[u32],
        pass: &mut RowPass,
    ) -> bool {
        let mut total = 0.0;
        let mut whole = true;
        let mut valid = true;
        let cells = points
            .iter()
            .zip(answered)
            .zip(choices)
            .zip(&self.limits)
            .zip(&self.masks)
            .zip(pass.item_sums.iter_mut().zip(pass.answered.iter_mut()));
        // Branch-free: every cell is summed and checked, and only a row that fails is scanned
        // again for its first bad cell. An unanswered cell adds 0, which leaves every sum as it
        // was.
        for (((((&p, &a), &ch), &limit), &mask), (sum, count)) in cells {
            // An answered cell in range is finite (NaN fails both comparisons).
            let in_range = if a {
                p >= 0.0 && p <= limit
            } else {
                p.is_finite()
            };
            valid &= in_range & (ch & !mask == 0);
            let x = if a { p } else { 0.0 };
            total += x;
            *sum += x;
            *count += usize::from(a);
            // In range, so `as u32` is exact for a whole number.
            whole &= x as u32 as f64 == x;
        }
        if valid {
            pass.whole &= whole;
            pass.totals.push(total);
        }
        valid
    }
}

fn option_mask(count: u8) -> u32 {
    if count >= MAX_OPTIONS {
        u32::MAX
    } else {
        (1u32 << count) - 1
    }
}

fn length_error(field: &str, expected: usize, found: usize) -> Error {
    Error::new(
        ErrorCode::InvalidValue,
        field,
        format!("{field} 的长度应为 {expected}，实际为 {found}"),
        format!("{field} must have {expected} entries; found {found}"),
    )
}

impl ResponseMatrix {
    /// Checks every length and value; the analysis runs only on a matrix that passes.
    pub fn validate(&self) -> Result<(), Error> {
        self.row_pass().map(|_| ())
    }

    fn check_shape(&self) -> Result<usize, Error> {
        let cells = self.candidates.checked_mul(self.items).ok_or_else(|| {
            Error::new(
                ErrorCode::TooLarge,
                "candidates",
                "考生数 × 题目数过大",
                "candidates × items is too large",
            )
        })?;
        for (field, len, expected) in [
            ("itemIds", self.item_ids.len(), self.items),
            ("maxPoints", self.max_points.len(), self.items),
            ("optionCounts", self.option_counts.len(), self.items),
            ("correctMasks", self.correct_masks.len(), self.items),
            ("points", self.points.len(), cells),
            ("answered", self.answered.len(), cells),
            ("choices", self.choices.len(), cells),
        ] {
            if len != expected {
                return Err(length_error(field, expected, len));
            }
        }
        Ok(cells)
    }

    fn check_items(&self) -> Result<(), Error> {
        let mut seen = BTreeSet::new();
        for (j, id) in self.item_ids.iter().enumerate() {
            if id.trim().is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("itemIds[{j}]"),
                    "题目编号不能为空",
                    "item id must not be blank",
                ));
            }
            if !seen.insert(id.as_str()) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("itemIds[{j}]"),
                    format!("题目编号 “{id}” 重复"),
                    format!("item id \"{id}\" appears twice"),
                ));
            }
        }
        for (j, &max) in self.max_points.iter().enumerate() {
            if !(max.is_finite() && max > 0.0) {
                return Err(Error::new(
                    ErrorCode::NonPositivePoints,
                    format!("maxPoints[{j}]"),
                    format!("满分应为正数，实际为 {max}"),
                    format!("maximum points must be a positive number; got {max}"),
                ));
            }
        }
        for (j, (&count, &key)) in self
            .option_counts
            .iter()
            .zip(&self.correct_masks)
            .enumerate()
        {
            if count > MAX_OPTIONS {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    format!("optionCounts[{j}]"),
                    format!("选项数最多 {MAX_OPTIONS} 个，实际为 {count}"),
                    format!("at most {MAX_OPTIONS} options; got {count}"),
                ));
            }
            if key & !option_mask(count) != 0 {
                return Err(Error::new(
                    ErrorCode::InvalidAnswerKey,
                    format!("correctMasks[{j}]"),
                    format!("正确答案掩码 {key} 指向不存在的选项（共 {count} 个选项）"),
                    format!("correct mask {key} names an option beyond the item's {count}"),
                ));
            }
        }
        Ok(())
    }

    /// Validates and, in the same pass over the rows, sums totals and item scores.
    pub(crate) fn row_pass(&self) -> Result<RowPass, Error> {
        self.check_shape()?;
        self.check_items()?;
        let items = self.items;
        let checker = RowChecker::new(&self.max_points, &self.option_counts);
        let mut pass = RowPass::new(items, self.candidates);
        if items == 0 {
            pass.totals.resize(self.candidates, 0.0);
            return Ok(pass);
        }
        let rows = self
            .points
            .chunks_exact(items)
            .zip(self.answered.chunks_exact(items))
            .zip(self.choices.chunks_exact(items));
        for (row, ((points, answered), choices)) in rows.enumerate() {
            if !checker.add_row(points, answered, choices, &mut pass) {
                let cells = RowCells {
                    points,
                    answered,
                    choices,
                };
                return Err(self.row_error(row, &cells, &checker.limits, &checker.masks));
            }
        }
        Ok(pass)
    }

    /// The error of the first bad cell of a row that [`check_row`](Self::check_row) rejected.
    #[cold]
    fn row_error(&self, row: usize, cells: &RowCells, limits: &[f64], masks: &[u32]) -> Error {
        let items = self.items;
        let cells = cells
            .points
            .iter()
            .zip(cells.answered)
            .zip(cells.choices)
            .zip(limits)
            .zip(masks);
        for (j, ((((&p, &a), &ch), &limit), &mask)) in cells.enumerate() {
            let in_range = if a {
                p >= 0.0 && p <= limit
            } else {
                p.is_finite()
            };
            if !in_range {
                let max = self.max_points.get(j).copied().unwrap_or(0.0);
                return self.cell_error(row * items + j, p, max);
            }
            if ch & !mask != 0 {
                return Error::new(
                    ErrorCode::OutOfRange,
                    format!("choices[{}]", row * items + j),
                    format!("所选选项掩码 {ch} 超出该题的选项"),
                    format!("choice mask {ch} names an option the item does not have"),
                );
            }
        }
        Error::new(
            ErrorCode::InvalidValue,
            format!("points[{}]", row * items),
            "得分数据无效",
            "invalid points",
        )
    }

    fn cell_error(&self, index: usize, p: f64, max: f64) -> Error {
        let path = format!("points[{index}]");
        if p.is_finite() {
            Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("得分应在 0 到 {max} 之间，实际为 {p}"),
                format!("points must be between 0 and {max}; got {p}"),
            )
        } else {
            Error::new(
                ErrorCode::InvalidValue,
                path,
                "得分必须是有限数值",
                "points must be a finite number",
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> ResponseMatrix {
        ResponseMatrix {
            candidates: 2,
            items: 2,
            item_ids: vec!["q1".into(), "q2".into()],
            max_points: vec![1.0, 2.0],
            points: vec![1.0, 2.0, 0.0, 0.5],
            answered: vec![true, true, true, false],
            choices: vec![1, 0, 2, 0],
            option_counts: vec![4, 0],
            correct_masks: vec![1, 0],
        }
    }

    #[test]
    fn totals_ignore_unanswered_cells() {
        let pass = small().row_pass().unwrap();
        assert_eq!(pass.totals, vec![3.0, 0.0]);
        assert_eq!(pass.item_sums, vec![1.0, 2.0]);
    }

    #[test]
    fn length_mismatch_names_the_field() {
        let mut m = small();
        m.points.pop();
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidValue, "points"));
        let mut m = small();
        m.correct_masks.push(0);
        assert_eq!(m.validate().unwrap_err().path(), "correctMasks");
    }

    #[test]
    fn bad_cells_name_their_flat_index() {
        let mut m = small();
        m.points[2] = f64::NAN;
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidValue, "points[2]"));
        let mut m = small();
        m.points[1] = 2.5;
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "points[1]"));
        let mut m = small();
        m.choices[1] = 1; // item 2 is not a choice item
        assert_eq!(m.validate().unwrap_err().path(), "choices[1]");
    }

    #[test]
    fn the_first_bad_cell_of_a_row_is_named() {
        // Row 1 has a bad choice mask at its first cell and a bad score at its second: the
        // branch-free row check rejects the row, and the error names the earlier cell.
        let mut m = small();
        m.choices[2] = 1 << 5;
        m.points[3] = -1.0;
        m.answered[3] = true;
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "choices[2]"));
        m.choices[2] = 2;
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "points[3]"));
        // An unanswered cell's points are ignored but must still be finite.
        m.points[3] = f64::INFINITY;
        m.answered[3] = false;
        let e = m.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidValue, "points[3]"));
    }

    #[test]
    fn item_metadata_is_checked() {
        let mut m = small();
        m.item_ids[1] = "q1".into();
        assert_eq!(m.validate().unwrap_err().code(), ErrorCode::DuplicateId);
        let mut m = small();
        m.max_points[0] = 0.0;
        let e = m.validate().unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::NonPositivePoints, "maxPoints[0]")
        );
        let mut m = small();
        m.correct_masks[0] = 1 << 4;
        assert_eq!(
            m.validate().unwrap_err().code(),
            ErrorCode::InvalidAnswerKey
        );
        let mut m = small();
        m.option_counts[0] = 33;
        assert_eq!(m.validate().unwrap_err().path(), "optionCounts[0]");
    }

    #[test]
    fn decodes_from_camel_case_json() {
        let m: ResponseMatrix = crate::format::decode_json(
            r#"{"candidates":1,"items":1,"itemIds":["产品-01"],"maxPoints":[1],"points":[1],
                "answered":[true],"choices":[1],"optionCounts":[4],"correctMasks":[1]}"#,
        )
        .unwrap();
        assert!(m.validate().is_ok());
    }
}
