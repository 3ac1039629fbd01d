//! From a scored cohort (the item analysis's [`ResponseMatrix`]) to the right/wrong table IRT
//! calibrates: an item counts as correct only at full marks (IRT here is dichotomous), and an
//! unanswered cell is either wrong or not administered, as the trainer chose for the item
//! analysis, so both tabs count the same answers.

use super::{ResponseTable, NOT_ADMINISTERED};
use crate::analytics::ResponseMatrix;
use crate::error::Error;

/// What an unanswered cell becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unanswered {
    /// Scored 0 (a fixed paper: the candidate saw the item and left it).
    Wrong,
    /// Left out of every likelihood (drawn papers: the item was not on this candidate's paper).
    NotAdministered,
}

/// The dichotomous table of `matrix`: 1 at full marks (within 1e-9), 0 below, unanswered per
/// `unanswered`.
pub fn response_table_from_matrix(
    matrix: &ResponseMatrix,
    unanswered: Unanswered,
) -> Result<ResponseTable, Error> {
    let items = matrix.items;
    let mut cells = Vec::with_capacity(matrix.candidates.saturating_mul(items));
    for p in 0..matrix.candidates {
        for i in 0..items {
            let at = p * items + i;
            let answered = matrix.answered.get(at).copied().unwrap_or(false);
            let cell = if !answered {
                match unanswered {
                    Unanswered::Wrong => 0,
                    Unanswered::NotAdministered => NOT_ADMINISTERED,
                }
            } else {
                let max = matrix.max_points.get(i).copied().unwrap_or(0.0);
                let points = matrix.points.get(at).copied().unwrap_or(0.0);
                u8::from(max > 0.0 && points >= max - 1e-9)
            };
            cells.push(cell);
        }
    }
    ResponseTable::new(matrix.candidates, items, cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix() -> ResponseMatrix {
        ResponseMatrix {
            candidates: 2,
            items: 3,
            item_ids: vec!["q1".into(), "q2".into(), "q3".into()],
            max_points: vec![1.0, 2.0, 1.0],
            points: vec![1.0, 1.0, 0.0, 0.0, 2.0, 0.0],
            answered: vec![true, true, false, true, true, true],
            choices: vec![0; 6],
            option_counts: vec![0; 3],
            correct_masks: vec![0; 3],
        }
    }

    #[test]
    fn full_marks_only_count_as_correct() {
        let t = response_table_from_matrix(&matrix(), Unanswered::Wrong).unwrap();
        assert_eq!(t.row(0), &[1, 0, 0]);
        assert_eq!(t.row(1), &[0, 1, 0]);
    }

    #[test]
    fn unanswered_can_be_left_out() {
        let t = response_table_from_matrix(&matrix(), Unanswered::NotAdministered).unwrap();
        assert_eq!(t.row(0), &[1, 0, NOT_ADMINISTERED]);
    }
}
