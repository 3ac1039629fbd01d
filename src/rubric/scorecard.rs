//! One rater's scorecard for one performance, and its validation against the rubric.
//!
//! ```json
//! { "schemaVersion": 1, "rubricId": "call", "performanceId": "p1", "raterId": "qa-wang",
//!   "ratings": { "greeting": { "value": 1 }, "tone": { "na": true, "comment": "客户未开口" } } }
//! ```

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::rubric::format::{NaPolicy, Rubric};

/// The scorecard format version this build reads and writes.
pub const SCORECARD_SCHEMA_VERSION: u32 = 1;

/// One rater's ratings of one performance (a role-played call…).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scorecard {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The rubric's `id`.
    pub rubric_id: String,
    /// What was rated (a candidate's role play, a recording).
    pub performance_id: String,
    /// Who rated.
    pub rater_id: String,
    /// One rating per criterion id of the rubric (bonus criteria included).
    pub ratings: BTreeMap<String, Rating>,
}

/// A rating of one criterion: a value, or N/A; and an optional comment.
#[derive(Debug, Clone, PartialEq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Rating {
    /// A whole number on the criterion's scale (yes/no: 1 = yes, 0 = no). Absent when `na`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Not applicable (only where the criterion's `na` policy allows it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub na: bool,
    /// The rater's remark (评语).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A checked rating: a value on the scale, or N/A.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    /// A value on the criterion's scale (a panel's value may be fractional).
    Value(f64),
    /// Not applicable.
    NotApplicable,
}

/// Checks a scorecard against its rubric and returns its marks by criterion id: every rubric
/// criterion rated exactly once, no unknown criterion, values on the scale, N/A only where allowed.
pub fn check_scorecard(rubric: &Rubric, card: &Scorecard) -> Result<BTreeMap<String, Mark>, Error> {
    check_schema_version(
        card.schema_version,
        SCORECARD_SCHEMA_VERSION,
        "评分表 scorecard",
    )?;
    if card.rubric_id != rubric.id {
        return Err(Error::new(
            ErrorCode::UnknownReference,
            "rubricId",
            format!(
                "评分表属于评分细则 “{}”，而非 “{}”",
                card.rubric_id, rubric.id
            ),
            format!(
                "the scorecard is for rubric \"{}\", not \"{}\"",
                card.rubric_id, rubric.id
            ),
        ));
    }
    for (field, value) in [
        ("performanceId", &card.performance_id),
        ("raterId", &card.rater_id),
    ] {
        if value.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                field,
                "不能为空",
                "must not be blank",
            ));
        }
    }
    for id in card.ratings.keys() {
        if rubric.criterion(id).is_none() {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("ratings.{id}"),
                format!("评分细则中没有评分项 “{id}”"),
                format!("the rubric has no criterion \"{id}\""),
            ));
        }
    }
    let mut marks = BTreeMap::new();
    for (_, criterion) in rubric.criteria() {
        let path = format!("ratings.{}", criterion.id);
        let Some(rating) = card.ratings.get(&criterion.id) else {
            return Err(Error::new(
                ErrorCode::MissingField,
                path,
                format!("缺少评分项 “{}”（{}）的评分", criterion.id, criterion.title),
                format!(
                    "criterion \"{}\" ({}) is not rated",
                    criterion.id, criterion.title
                ),
            ));
        };
        let mark = match (rating.value, rating.na) {
            (Some(_), true) => {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    "不能同时给出分值和“不适用”",
                    "give either a value or na, not both",
                ))
            }
            (None, false) => {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    format!("{path}.value"),
                    "请给出分值或标记为“不适用”",
                    "expected a value, or na: true",
                ))
            }
            (None, true) => {
                if criterion.na == NaPolicy::NotAllowed {
                    return Err(Error::new(
                        ErrorCode::NotApplicableNotAllowed,
                        format!("{path}.na"),
                        format!("评分项 “{}” 不允许标记为“不适用”", criterion.title),
                        format!("criterion \"{}\" does not allow N/A", criterion.id),
                    ));
                }
                Mark::NotApplicable
            }
            (Some(v), false) => {
                criterion.scale.check_value(v, &format!("{path}.value"))?;
                Mark::Value(v)
            }
        };
        marks.insert(criterion.id.clone(), mark);
    }
    Ok(marks)
}
