//! Scoring a cohort in one call: candidates' packed responses concatenated in one buffer,
//! delimited by offsets, scored into flat row-major arrays the page can read as typed arrays.

use super::compiled::CompiledExam;
use crate::error::{Error, ErrorCode, Result};

/// A cohort's scores: flat arrays, row-major (candidate × item), in paper order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CohortScores {
    /// Number of candidates (rows).
    pub candidates: usize,
    /// Number of items (columns).
    pub items: usize,
    /// Per item: the maximum points.
    pub max_points: Vec<f64>,
    /// Per candidate and item: points earned (provisional for short answers, which the cohort
    /// path cannot grade).
    pub points: Vec<f64>,
    /// Per candidate and item: whether the candidate responded.
    pub answered: Vec<bool>,
    /// Per candidate and item: the chosen options as a bitmask in the bank's option order
    /// (single, multiple, situational; true/false: bit 0 = true, bit 1 = false); 0 otherwise.
    pub choices: Vec<u32>,
    /// Per candidate: the exam total, with negative-marking floors applied.
    pub totals: Vec<f64>,
    /// Per item: the number of options (2 for true/false, 0 for types without options).
    pub option_counts: Vec<u8>,
    /// Per item: the correct options as a bitmask (as in `choices`); 0 for other types.
    pub correct_masks: Vec<u32>,
    /// Per item: the item id.
    pub item_ids: Vec<String>,
}

impl CompiledExam {
    /// Scores a cohort. `packed` is every candidate's [`CompiledExam::encode`] output
    /// concatenated; `offsets` has n + 1 non-decreasing entries, candidate `c` owning
    /// `packed[offsets[c]..offsets[c + 1]]`. A malformed candidate fails the whole call with
    /// `CORRUPT_DATA` at `candidates[c]`; nothing is half-scored.
    pub fn score_cohort(&self, packed: &[u8], offsets: &[u32]) -> Result<CohortScores> {
        let Some(candidates) = offsets.len().checked_sub(1) else {
            return Err(Error::new(
                ErrorCode::CorruptData,
                "offsets",
                "offsets 至少需要一个元素",
                "offsets needs at least one entry",
            ));
        };
        let items = self.compiled.len();
        let cells = candidates.checked_mul(items).ok_or_else(|| {
            Error::new(
                ErrorCode::TooLarge,
                "offsets",
                "考生数 × 题目数过大",
                "candidates × items is too large",
            )
        })?;
        // Written in place row by row: no push, no per-candidate allocation.
        let mut out = CohortScores {
            candidates,
            items,
            max_points: self.compiled.iter().map(|c| c.max_points()).collect(),
            points: vec![0.0; cells],
            answered: vec![false; cells],
            choices: vec![0; cells],
            totals: Vec::with_capacity(candidates),
            option_counts: self.compiled.iter().map(|c| c.option_count()).collect(),
            correct_masks: self.compiled.iter().map(|c| c.correct_mask()).collect(),
            item_ids: self.compiled.iter().map(|c| c.id().to_string()).collect(),
        };
        let mut blanks = Vec::new();
        let width = items.max(1);
        let rows = out
            .points
            .chunks_mut(width)
            .zip(out.answered.chunks_mut(width))
            .zip(out.choices.chunks_mut(width));
        // With no items the rows are empty; pad so every candidate's bytes are still checked.
        let rows = rows.map(Some).chain(std::iter::repeat_with(|| None));
        for ((c, bounds), row) in offsets.windows(2).enumerate().zip(rows) {
            let (start, end) = match bounds {
                [a, b] => (*a as usize, *b as usize),
                _ => (0, 0),
            };
            let Some(bytes) = packed.get(start..end) else {
                return Err(Error::new(
                    ErrorCode::CorruptData,
                    format!("offsets[{}]", c + 1),
                    format!(
                        "偏移 {start}..{end} 超出数据范围（共 {} 字节）",
                        packed.len()
                    ),
                    format!(
                        "offsets {start}..{end} fall outside the data ({} bytes)",
                        packed.len()
                    ),
                ));
            };
            let ((points, answered), choices) = row.unwrap_or_default();
            let total = self
                .score_packed_row(bytes, &mut blanks, points, answered, choices)
                .map_err(|e| e.within(&format!("candidates[{c}]")))?;
            out.totals.push(total);
        }
        Ok(out)
    }
}
