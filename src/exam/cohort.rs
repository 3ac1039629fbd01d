//! Scoring a cohort in one call: candidates' packed responses concatenated in one buffer,
//! delimited by offsets, scored into flat row-major arrays the page can read as typed arrays.

use super::compiled::CompiledExam;
use super::packed::{CellPlan, CohortRow};
use crate::analytics::matrix::{RowChecker, RowPass};
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
    /// The item analysis's checked row sums, taken row by row while scoring (each row still in
    /// cache) so the analysis does not pass over the matrix again; `None` when a cell fails the
    /// analysis's check, which then reports it from its own pass.
    pub(crate) row_pass: Option<RowPass>,
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
            // Written by index, as the rows are: no push per candidate.
            totals: vec![0.0; candidates],
            option_counts: self.compiled.iter().map(|c| c.option_count()).collect(),
            correct_masks: self.compiled.iter().map(|c| c.correct_mask()).collect(),
            item_ids: self.compiled.iter().map(|c| c.id().to_string()).collect(),
            row_pass: None,
        };
        let checker = RowChecker::new(&out.max_points, &out.option_counts);
        let plans = CellPlan::for_exam(self);
        let mut pass = RowPass::new(items, candidates);
        pass.totals = vec![0.0; candidates];
        let mut checked = true;
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
            let row = CohortRow {
                points,
                answered,
                choices,
                limits: checker.limits(),
            };
            let (total, sum) = self
                .score_packed_row(bytes, &mut blanks, &plans, row, &mut pass)
                .map_err(|e| e.within(&format!("candidates[{c}]")))?;
            if let (Some(exam_total), Some(row_total)) =
                (out.totals.get_mut(c), pass.totals.get_mut(c))
            {
                *exam_total = total;
                *row_total = sum.total;
            }
            checked &= sum.valid;
            pass.whole &= sum.whole;
        }
        out.row_pass = checked.then_some(pass);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::ResponseMatrix;
    use crate::exam::synthetic::synthetic_cohort;

    fn scored(remove_negative_marking: bool) -> CohortScores {
        scored_with_exam(remove_negative_marking).1
    }

    fn scored_with_exam(remove_negative_marking: bool) -> (CompiledExam, CohortScores) {
        scored_on(remove_negative_marking, false)
    }

    /// The synthetic cohort (its paper has two sections, or all items in one).
    fn scored_on(remove_negative_marking: bool, one_section: bool) -> (CompiledExam, CohortScores) {
        let mut c = synthetic_cohort(300, 45, 11).unwrap();
        if one_section {
            let mut all = Vec::new();
            for section in &mut c.paper.sections {
                all.append(&mut section.item_ids);
            }
            c.paper.sections.truncate(1);
            c.paper.sections[0].item_ids = all;
        }
        if remove_negative_marking {
            // Items 0, 18, 36 mark a wrong answer below zero for the exam total; the analysis
            // takes no negative points, so these candidates leave them unanswered.
            for responses in &mut c.responses {
                for id in ["q0000", "q0018", "q0036"] {
                    responses.remove(id);
                }
            }
        }
        let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
        let mut packed = Vec::new();
        let mut offsets = vec![0u32];
        for r in &c.responses {
            packed.extend(exam.encode(r).unwrap());
            offsets.push(u32::try_from(packed.len()).unwrap());
        }
        let scores = exam.score_cohort(&packed, &offsets).unwrap();
        (exam, scores)
    }

    /// The exam total the row loop adds up itself (one section) is the sections' sum, bit for
    /// bit, negative marks and floors included.
    #[test]
    fn row_totals_are_the_sections_sums() {
        for (remove, one_section) in [(false, true), (true, true), (false, false)] {
            let (exam, scores) = scored_on(remove, one_section);
            assert_eq!(exam.sections.len() == 1, one_section);
            for (row, &total) in scores.points.chunks(scores.items).zip(&scores.totals) {
                assert_eq!(total.to_bits(), exam.total(row).to_bits());
            }
        }
    }

    /// The sums taken while scoring are the analysis's own pass over the finished matrix, bit
    /// for bit, on every item type the synthetic cohort has (partial credit, blanks, orderings).
    #[test]
    fn the_row_sums_taken_while_scoring_are_the_analysis_pass() {
        let scores = scored(true);
        let taken = scores.row_pass.clone().expect("every cell is in range");
        let own = ResponseMatrix::from(scores).row_pass().unwrap();
        assert_eq!(taken, own);
        assert!(!taken.whole, "the synthetic cohort has partial credit");
        assert_eq!(taken.totals.len(), 300);
    }

    /// A cell the analysis rejects (a negative mark) leaves no sums, so the analysis's own pass
    /// runs and names the cell.
    #[test]
    fn a_negative_mark_leaves_the_check_to_the_analysis() {
        let scores = scored(false);
        assert!(scores.points.iter().any(|&p| p < 0.0));
        assert_eq!(scores.row_pass, None);
        assert!(ResponseMatrix::from(scores).row_pass().is_err());
    }
}
