//! Scoring a cohort in one call: candidates' packed responses concatenated in one buffer,
//! delimited by offsets, scored into flat row-major arrays the page can read as typed arrays.

use super::compiled::CompiledExam;
use super::score_item::ItemStatus;
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
        let cells = candidates.saturating_mul(items);
        let mut out = CohortScores {
            candidates,
            items,
            max_points: self.compiled.iter().map(|c| c.max_points()).collect(),
            points: Vec::with_capacity(cells),
            answered: Vec::with_capacity(cells),
            choices: Vec::with_capacity(cells),
            totals: Vec::with_capacity(candidates),
            option_counts: self.compiled.iter().map(|c| c.option_count()).collect(),
            correct_masks: self.compiled.iter().map(|c| c.correct_mask()).collect(),
            item_ids: self.compiled.iter().map(|c| c.id().to_string()).collect(),
        };
        for (c, bounds) in offsets.windows(2).enumerate() {
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
            let row_start = out.points.len();
            self.each_packed_score(bytes, |_, s| {
                out.points.push(s.points);
                out.answered.push(s.status != ItemStatus::Unanswered);
                out.choices.push(s.choice);
            })
            .map_err(|e| e.within(&format!("candidates[{c}]")))?;
            let (_, total) = self.totals(out.points.get(row_start..).unwrap_or(&[]));
            out.totals.push(total);
        }
        Ok(out)
    }
}
