//! A cohort scored by the exam engine is already an item-analysis matrix: the fields match one to
//! one, so the conversion moves the vectors and copies nothing.

use super::matrix::ResponseMatrix;
use crate::exam::CohortScores;

impl From<CohortScores> for ResponseMatrix {
    fn from(scores: CohortScores) -> ResponseMatrix {
        ResponseMatrix {
            candidates: scores.candidates,
            items: scores.items,
            item_ids: scores.item_ids,
            max_points: scores.max_points,
            points: scores.points,
            answered: scores.answered,
            choices: scores.choices,
            option_counts: scores.option_counts,
            correct_masks: scores.correct_masks,
        }
    }
}
