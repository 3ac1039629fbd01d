//! Manual grading of short answers: a trainer confirms or overrides the keyword rubric's
//! provisional score; re-scoring with the grades gives a final result.

use std::collections::BTreeMap;

use crate::format::{FromJson, Num, ToJson};

use super::compiled::CompiledExam;
use super::defaults::EPSILON;
use super::item::ItemType;
use crate::error::{Error, ErrorCode, Result};

/// A trainer's grade for one short answer.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grade {
    /// Points awarded, 0 to the item's points.
    pub points: f64,
    /// Feedback for the candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Who graded (a name or id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grader: Option<String>,
}

/// Grades by item id.
pub type Grades = BTreeMap<String, Grade>;

/// Decodes grades from a parsed JSON value (`{ itemId: { points, comment?, grader? } }`).
pub fn decode_grades(value: &serde_json::Value) -> Result<Grades> {
    crate::format::decode(value).map_err(|e| e.within("grades"))
}

impl CompiledExam {
    /// Checks grades: each names a short-answer item on the paper, with points in [0, max].
    pub fn validate_grades(&self, grades: &Grades) -> Result<()> {
        for (id, grade) in grades {
            let path = format!("grades.{id}");
            let item = self
                .position
                .get(id)
                .and_then(|&p| self.compiled.get(p))
                .filter(|c| c.item_type() == ItemType::ShortAnswer);
            let Some(item) = item else {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    path,
                    format!("试卷上没有需要人工评分的简答题 “{id}”"),
                    format!("the paper has no short-answer item \"{id}\" to grade"),
                ));
            };
            let max = item.max_points();
            if !(grade.points.is_finite() && grade.points >= 0.0 && grade.points <= max + EPSILON) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    format!("{path}.points"),
                    format!(
                        "评分应在 0 至 {} 之间，实际为 {}",
                        Num(max),
                        Num(grade.points)
                    ),
                    format!(
                        "the grade must lie between 0 and {}; found {}",
                        Num(max),
                        Num(grade.points)
                    ),
                ));
            }
            for (field, text) in [("comment", &grade.comment), ("grader", &grade.grader)] {
                if let Some(t) = text {
                    super::validate::text_length(t, &format!("{path}.{field}"))?;
                }
            }
        }
        Ok(())
    }
}
