//! A candidate's responses, keyed by item id, and their reading into the compact form scoring
//! uses.
//!
//! Responses are plain JSON values (`"B"`, `["A","C"]`, `true`, `["退货","7"]`, `30`,
//! `["s2","s1"]`, `{"p1":"o3"}`, `"text"`), decoded per item type so a bad one fails with
//! `INVALID_RESPONSE` at `responses.<itemId>`. An absent item, `null`, `""`, `[]` or `{}` is
//! unanswered.
//!
//! Choices made here where the format is silent:
//! - a multiple-choice response naming an option twice is read as a set (deduplicated): the
//!   candidate chose that option, and nothing is gained or lost by repeating it;
//! - an ordering response naming a step twice is `INVALID_RESPONSE` (an order cannot hold a
//!   step twice); an ordering response may list fewer steps than the item has (partial credit
//!   by adjacent pairs still applies);
//! - a fill-in-the-blank response may have fewer entries than blanks (the rest are empty) and
//!   entries may be `null`; more entries than blanks is `INVALID_RESPONSE`;
//! - a matching response maps prompt ids to option ids, `null` or `""` leaving a prompt open.

use std::collections::BTreeMap;

use serde_json::Value;

use super::defaults;
use super::item::Item;
use super::normalize::{normalize, Normalize};
use super::score_item::{AnswerRef, CompiledItem, NO_MATCH};
use crate::error::{Error, ErrorCode, Result};

/// A candidate's responses: item id → response as given (a JSON value).
pub type Responses = BTreeMap<String, Value>;

/// A response read against its item: option indexes in the bank's order, normalised text.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// No response.
    Unanswered,
    /// Single choice or situational: option index.
    Choice(u8),
    /// Multiple choice: option bitmask.
    Choices(u32),
    /// True/false.
    Bool(bool),
    /// Fill-in-the-blank: one normalised string per blank.
    Blanks(Vec<String>),
    /// Numeric.
    Number(f64),
    /// Ordering: option indexes in the candidate's order.
    Order(Vec<u8>),
    /// Matching: per prompt (bank order) the option index or [`NO_MATCH`].
    Matches(Vec<u8>),
    /// Short answer, normalised.
    Text(String),
}

impl Answer {
    /// Calls `f` with the borrowed form of this answer.
    pub fn with_ref<R>(&self, f: impl FnOnce(AnswerRef<'_>) -> R) -> R {
        match self {
            Answer::Unanswered => f(AnswerRef::Unanswered),
            Answer::Choice(c) => f(AnswerRef::Choice(*c)),
            Answer::Choices(m) => f(AnswerRef::Choices(*m)),
            Answer::Bool(b) => f(AnswerRef::Bool(*b)),
            Answer::Blanks(blanks) => {
                let refs: Vec<&str> = blanks.iter().map(String::as_str).collect();
                f(AnswerRef::Blanks(&refs))
            }
            Answer::Number(x) => f(AnswerRef::Number(*x)),
            Answer::Order(o) => f(AnswerRef::Order(o)),
            Answer::Matches(m) => f(AnswerRef::Matches(m)),
            Answer::Text(t) => f(AnswerRef::Text(t)),
        }
    }
}

/// Where a response sits, written out only when an error needs it: formatting
/// `responses.<itemId>[k]` for every answer dominated scoring an attempt.
type PathOf<'p> = &'p dyn Fn() -> String;

fn invalid(path: PathOf<'_>, zh: impl Into<String>, en: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidResponse, path(), zh, en)
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn option_of(item: &Item, value: &Value, path: PathOf<'_>) -> Result<u8> {
    let Value::String(id) = value else {
        return Err(invalid(
            path,
            "应为选项 id（字符串）",
            "expected an option id (a string)",
        ));
    };
    item.option_index(id)
        .and_then(|i| u8::try_from(i).ok())
        .ok_or_else(|| {
            invalid(
                path,
                format!("本题没有选项 “{id}”"),
                format!("the item has no option \"{id}\""),
            )
        })
}

fn text_of(value: &Value, path: PathOf<'_>, normalize_with: &Normalize) -> Result<String> {
    match value {
        Value::Null => Ok(String::new()),
        Value::String(s) => {
            super::validate::text_length(s, &path())?;
            Ok(normalize(s, normalize_with))
        }
        _ => Err(invalid(path, "应为字符串", "expected a string")),
    }
}

fn array<'v>(value: &'v Value, path: PathOf<'_>) -> Result<&'v Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| invalid(path, "应为数组", "expected an array"))
}

/// Reads a number, or a numeric string after full-width normalisation (`"３０"` → 30).
fn number_of(value: &Value, path: PathOf<'_>) -> Result<f64> {
    let parsed = match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let half = normalize(s, &Normalize::default());
            let compact: String = half.chars().filter(|c| !c.is_whitespace()).collect();
            let numeric = !compact.is_empty()
                && compact
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'e'));
            if numeric {
                // Exactly `str::parse`, without core's float parser (see kaohe_json::parse_f64).
                crate::format::json::parse_f64(&compact)
            } else {
                None
            }
        }
        _ => None,
    };
    parsed.filter(|x| x.is_finite()).ok_or_else(|| {
        invalid(
            path,
            "应为数字（或数字字符串）",
            "expected a number (or a numeric string)",
        )
    })
}

/// Reads one response against its item. `path` is `responses.<itemId>`.
pub fn parse_response(
    item: &Item,
    compiled: &CompiledItem,
    value: &Value,
    path: &str,
) -> Result<Answer> {
    parse_response_at(item, compiled, value, &|| path.to_string())
}

/// [`parse_response`] with the path built only on error.
pub(crate) fn parse_response_at(
    item: &Item,
    compiled: &CompiledItem,
    value: &Value,
    path: PathOf<'_>,
) -> Result<Answer> {
    if is_blank(value) {
        return Ok(Answer::Unanswered);
    }
    let answer = match item {
        Item::Single(_) | Item::Situational(_) => Answer::Choice(option_of(item, value, path)?),
        Item::Multiple(_) => {
            let mut mask = 0u32;
            for (k, v) in array(value, path)?.iter().enumerate() {
                mask |= 1u32 << option_of(item, v, &|| format!("{}[{k}]", path()))?;
            }
            Answer::Choices(mask)
        }
        Item::TrueFalse(_) => match value {
            Value::Bool(b) => Answer::Bool(*b),
            _ => {
                return Err(invalid(
                    path,
                    "应为 true 或 false",
                    "expected true or false",
                ))
            }
        },
        Item::FillBlank(i) => {
            let entries = array(value, path)?;
            if entries.len() > i.blanks.len() {
                return Err(invalid(
                    path,
                    format!(
                        "本题有 {} 个空，收到 {} 个答案",
                        i.blanks.len(),
                        entries.len()
                    ),
                    format!(
                        "the item has {} blanks; {} answers were given",
                        i.blanks.len(),
                        entries.len()
                    ),
                ));
            }
            let normalize_with = compiled.normalization();
            let mut blanks = Vec::with_capacity(i.blanks.len());
            for (b, v) in entries.iter().enumerate() {
                blanks.push(text_of(v, &|| format!("{}[{b}]", path()), &normalize_with)?);
            }
            blanks.resize(i.blanks.len(), String::new());
            Answer::Blanks(blanks)
        }
        Item::Numeric(_) => Answer::Number(number_of(value, path)?),
        Item::Ordering(_) => {
            let mut seen = 0u32;
            let mut order = Vec::new();
            for (k, v) in array(value, path)?.iter().enumerate() {
                let p = || format!("{}[{k}]", path());
                let idx = option_of(item, v, &p)?;
                if seen & 1 << idx != 0 {
                    return Err(invalid(
                        &p,
                        "同一步骤出现了两次",
                        "the same step appears twice",
                    ));
                }
                seen |= 1 << idx;
                order.push(idx);
            }
            Answer::Order(order)
        }
        Item::Matching(i) => {
            let Value::Object(map) = value else {
                return Err(invalid(
                    path,
                    "应为对象 { 题干项 id: 选项 id }",
                    "expected an object { promptId: optionId }",
                ));
            };
            let mut chosen = vec![NO_MATCH; i.prompts.len()];
            for (prompt, v) in map {
                let p = || format!("{}.{prompt}", path());
                let Some(slot) = i
                    .prompts
                    .iter()
                    .position(|x| &x.id == prompt)
                    .and_then(|k| chosen.get_mut(k))
                else {
                    return Err(invalid(
                        &p,
                        format!("本题没有题干项 “{prompt}”"),
                        format!("the item has no prompt \"{prompt}\""),
                    ));
                };
                if !is_blank(v) {
                    *slot = option_of(item, v, &p)?;
                }
            }
            Answer::Matches(chosen)
        }
        Item::ShortAnswer(_) => Answer::Text(text_of(value, path, &Normalize::default())?),
    };
    // Normalisation may leave nothing (a blank of spaces only).
    let empty = answer.with_ref(|a| a.is_empty());
    Ok(if empty { Answer::Unanswered } else { answer })
}

/// Checks the response keys against the paper: a response for an item not on it is an error.
pub(crate) fn unknown_response(
    responses: &Responses,
    on_paper: impl Fn(&str) -> bool,
) -> Result<()> {
    if let Some(id) = responses.keys().find(|id| !on_paper(id)) {
        return Err(Error::new(
            ErrorCode::UnknownReference,
            format!("responses.{id}"),
            format!("试卷上没有题目 “{id}”"),
            format!("the paper has no item \"{id}\""),
        ));
    }
    if responses.len() > defaults::MAX_ITEMS {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "responses",
            "作答过多",
            "too many responses",
        ));
    }
    Ok(())
}
