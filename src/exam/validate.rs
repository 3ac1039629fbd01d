//! The rules a decoded bank item must satisfy, each failing with a code and a precise path.

use std::collections::BTreeSet;

use serde_json::Value;

use super::defaults;
use super::item::{Choice, Item, ScoredChoice, Tags};
use super::policy::{MultipleChoicePolicy, NegativeMarking, PolicyKind};
use crate::dimensions::DimensionSet;
use crate::error::{Error, ErrorCode, Result};
use crate::format::Num;

/// A string id or text must not be empty or only whitespace.
pub(crate) fn non_blank(text: &str, path: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "不能为空",
            "must not be blank",
        ));
    }
    Ok(())
}

/// A string longer than the page allows.
pub(crate) fn text_length(text: &str, path: &str) -> Result<()> {
    let chars = text.chars().count();
    if chars > defaults::MAX_STRING_CHARS {
        return Err(Error::new(
            ErrorCode::TooLarge,
            path,
            format!("文本长 {chars} 字，最多 {} 字", defaults::MAX_STRING_CHARS),
            format!(
                "the text has {chars} characters; at most {} are allowed",
                defaults::MAX_STRING_CHARS
            ),
        ));
    }
    Ok(())
}

/// Every string inside a JSON value, checked for length with its own path.
pub(crate) fn value_string_lengths(value: &Value, path: &str) -> Result<()> {
    match value {
        Value::String(s) => text_length(s, path),
        Value::Array(values) => values
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| value_string_lengths(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            text_length(k, path)?;
            value_string_lengths(v, &format!("{path}.{k}"))
        }),
        _ => Ok(()),
    }
}

/// Points must be finite and > 0.
pub(crate) fn positive_points(points: f64, path: &str) -> Result<()> {
    if !(points.is_finite() && points > 0.0) {
        return Err(Error::new(
            ErrorCode::NonPositivePoints,
            path,
            format!("分值应为大于 0 的有限数，实际为 {}", Num(points)),
            format!(
                "points must be a finite number above 0; found {}",
                Num(points)
            ),
        ));
    }
    Ok(())
}

fn out_of_range(path: &str, zh: String, en: String) -> Error {
    Error::new(ErrorCode::OutOfRange, path, zh, en)
}

/// A multiple-choice policy's share, when given, lies strictly between 0 and 1.
pub(crate) fn policy(policy: &MultipleChoicePolicy, path: &str) -> Result<()> {
    if let Some(share) = policy.share {
        if policy.kind != PolicyKind::FixedShare {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!("{path}.share"),
                "只有 fixedShare 策略可以设置 share",
                "only the fixedShare policy takes a share",
            ));
        }
        if !(share.is_finite() && share > 0.0 && share < 1.0) {
            return Err(out_of_range(
                &format!("{path}.share"),
                format!("share 应在 0 与 1 之间（不含），实际为 {}", Num(share)),
                format!(
                    "share must lie strictly between 0 and 1; found {}",
                    Num(share)
                ),
            ));
        }
    }
    Ok(())
}

/// Negative marking's penalty lies in (0, 1].
pub(crate) fn negative_marking(n: &NegativeMarking, path: &str) -> Result<()> {
    if !(n.penalty.is_finite() && n.penalty > 0.0 && n.penalty <= 1.0) {
        return Err(out_of_range(
            &format!("{path}.penalty"),
            format!("扣分比例应大于 0 且不超过 1，实际为 {}", Num(n.penalty)),
            format!(
                "penalty must be above 0 and at most 1; found {}",
                Num(n.penalty)
            ),
        ));
    }
    Ok(())
}

fn tags(tags: &Tags, path: &str, dimensions: &DimensionSet) -> Result<()> {
    dimensions.check(&tags.dimension, &format!("{path}.dimension"))?;
    if !(1..=5).contains(&tags.difficulty) {
        return Err(out_of_range(
            &format!("{path}.difficulty"),
            format!("难度应为 1 至 5 的整数，实际为 {}", tags.difficulty),
            format!(
                "difficulty must be a whole number from 1 to 5; found {}",
                tags.difficulty
            ),
        ));
    }
    Ok(())
}

/// Ids of a list must be non-blank and unique; the list's length within `min..=max`.
fn unique_ids<'a>(
    ids: impl ExactSizeIterator<Item = &'a str>,
    path: &str,
    min: usize,
) -> Result<()> {
    let count = ids.len();
    if count < min || count > defaults::MAX_OPTIONS {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            format!(
                "应有 {min} 至 {} 项，实际 {count} 项",
                defaults::MAX_OPTIONS
            ),
            format!(
                "expected {min} to {} entries; found {count}",
                defaults::MAX_OPTIONS
            ),
        ));
    }
    let mut seen = BTreeSet::new();
    for (j, id) in ids.enumerate() {
        let id_path = format!("{path}[{j}].id");
        non_blank(id, &id_path)?;
        if !seen.insert(id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                id_path,
                format!("选项 id “{id}” 重复"),
                format!("id \"{id}\" is used twice"),
            ));
        }
    }
    Ok(())
}

fn choices(options: &[Choice], path: &str, min: usize) -> Result<()> {
    unique_ids(options.iter().map(|o| o.id.as_str()), path, min)
}

fn unknown_option(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("答案引用了不存在的选项 “{id}”"),
        format!("the answer names option \"{id}\", which the item does not have"),
    )
}

fn has_option(options: &[Choice], id: &str) -> bool {
    options.iter().any(|o| o.id == id)
}

/// Checks one decoded item at `path` (`items[3]`).
/// Checks one item; its dimension must be one of `dimensions` (the bank's set).
pub(crate) fn item(item: &Item, path: &str, dimensions: &DimensionSet) -> Result<()> {
    non_blank(item.id(), &format!("{path}.id"))?;
    positive_points(item.points(), &format!("{path}.points"))?;
    tags(item.tags(), &format!("{path}.tags"), dimensions)?;
    let answer_path = format!("{path}.answer");
    match item {
        Item::Single(i) => {
            choices(
                &i.options,
                &format!("{path}.options"),
                defaults::MIN_OPTIONS,
            )?;
            if !has_option(&i.options, &i.answer) {
                return Err(unknown_option(&answer_path, &i.answer));
            }
            if let Some(n) = &i.negative_marking {
                negative_marking(n, &format!("{path}.negativeMarking"))?;
            }
        }
        Item::Multiple(i) => {
            choices(
                &i.options,
                &format!("{path}.options"),
                defaults::MIN_OPTIONS,
            )?;
            if i.answer.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidAnswerKey,
                    answer_path,
                    "多选题至少需要一个正确选项",
                    "a multiple-choice key needs at least one option",
                ));
            }
            key_ids(&i.answer, &i.options, &answer_path)?;
            if let Some(p) = &i.policy {
                policy(p, &format!("{path}.policy"))?;
            }
        }
        Item::TrueFalse(_) => {}
        Item::FillBlank(i) => fill_blank(i, path)?,
        Item::Numeric(i) => {
            if !i.answer.value.is_finite() {
                return Err(out_of_range(
                    &format!("{answer_path}.value"),
                    "答案应为有限数".into(),
                    "the value must be a finite number".into(),
                ));
            }
            let t = i.answer.tolerance;
            if !(t.is_finite() && t >= 0.0) {
                return Err(out_of_range(
                    &format!("{answer_path}.tolerance"),
                    format!("误差范围应为不小于 0 的有限数，实际为 {}", Num(t)),
                    format!("tolerance must be a finite number ≥ 0; found {}", Num(t)),
                ));
            }
        }
        Item::Ordering(i) => {
            choices(
                &i.options,
                &format!("{path}.options"),
                defaults::MIN_OPTIONS,
            )?;
            key_ids(&i.answer, &i.options, &answer_path)?;
            if i.answer.len() != i.options.len() {
                return Err(Error::new(
                    ErrorCode::InvalidAnswerKey,
                    answer_path,
                    format!(
                        "排序题答案应列出全部 {} 个步骤，实际 {} 个",
                        i.options.len(),
                        i.answer.len()
                    ),
                    format!(
                        "an ordering key must list all {} steps; found {}",
                        i.options.len(),
                        i.answer.len()
                    ),
                ));
            }
        }
        Item::Matching(i) => {
            choices(&i.prompts, &format!("{path}.prompts"), 1)?;
            choices(&i.options, &format!("{path}.options"), 1)?;
            for (prompt, option) in &i.answer {
                let p = format!("{answer_path}.{prompt}");
                if !has_option(&i.prompts, prompt) {
                    return Err(Error::new(
                        ErrorCode::UnknownReference,
                        p,
                        format!("答案引用了不存在的题干项 “{prompt}”"),
                        format!(
                            "the answer names prompt \"{prompt}\", which the item does not have"
                        ),
                    ));
                }
                if !has_option(&i.options, option) {
                    return Err(unknown_option(&p, option));
                }
            }
            if let Some(missing) = i.prompts.iter().find(|p| !i.answer.contains_key(&p.id)) {
                return Err(Error::new(
                    ErrorCode::InvalidAnswerKey,
                    format!("{answer_path}.{}", missing.id),
                    format!("题干项 “{}” 缺少答案", missing.id),
                    format!("prompt \"{}\" has no answer", missing.id),
                ));
            }
        }
        Item::Situational(i) => situational(&i.options, i.points, path)?,
        Item::ShortAnswer(i) => {
            if i.keywords.len() > defaults::MAX_KEYWORD_GROUPS {
                return Err(Error::new(
                    ErrorCode::TooLarge,
                    format!("{path}.keywords"),
                    format!("关键词组最多 {} 组", defaults::MAX_KEYWORD_GROUPS),
                    format!(
                        "at most {} keyword groups are allowed",
                        defaults::MAX_KEYWORD_GROUPS
                    ),
                ));
            }
            for (k, group) in i.keywords.iter().enumerate() {
                let gp = format!("{path}.keywords[{k}]");
                positive_points(group.points, &format!("{gp}.points"))?;
                alternatives(&group.terms, &format!("{gp}.terms"))?;
            }
        }
    }
    Ok(())
}

/// Key ids must name existing options, each once.
fn key_ids(answer: &[String], options: &[Choice], path: &str) -> Result<()> {
    let mut seen = BTreeSet::new();
    for (k, id) in answer.iter().enumerate() {
        let p = format!("{path}[{k}]");
        if !has_option(options, id) {
            return Err(unknown_option(&p, id));
        }
        if !seen.insert(id) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                p,
                format!("答案中选项 “{id}” 重复"),
                format!("the answer lists option \"{id}\" twice"),
            ));
        }
    }
    Ok(())
}

/// A list of accepted alternatives: at least one, none blank.
fn alternatives(list: &[String], path: &str) -> Result<()> {
    if list.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "至少需要一个可接受的答案",
            "at least one accepted alternative is needed",
        ));
    }
    for (k, s) in list.iter().enumerate() {
        non_blank(s, &format!("{path}[{k}]"))?;
    }
    Ok(())
}

fn fill_blank(i: &super::item::FillBlankItem, path: &str) -> Result<()> {
    let bp = format!("{path}.blanks");
    if i.blanks.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            bp,
            "填空题至少需要一个空",
            "a fill-in-the-blank item needs at least one blank",
        ));
    }
    if i.blanks.len() > defaults::MAX_BLANKS {
        return Err(Error::new(
            ErrorCode::TooLarge,
            bp,
            format!("最多 {} 个空", defaults::MAX_BLANKS),
            format!("at most {} blanks are allowed", defaults::MAX_BLANKS),
        ));
    }
    for (b, blank) in i.blanks.iter().enumerate() {
        alternatives(&blank.accepted, &format!("{bp}[{b}].accepted"))?;
    }
    Ok(())
}

fn situational(options: &[ScoredChoice], points: f64, path: &str) -> Result<()> {
    let op = format!("{path}.options");
    unique_ids(
        options.iter().map(|o| o.id.as_str()),
        &op,
        defaults::MIN_OPTIONS,
    )?;
    for (j, o) in options.iter().enumerate() {
        if !(o.points.is_finite() && o.points >= 0.0 && o.points <= points + defaults::EPSILON) {
            return Err(Error::new(
                ErrorCode::InvalidAnswerKey,
                format!("{op}[{j}].points"),
                format!(
                    "选项分值应在 0 至 {} 之间，实际为 {}",
                    Num(points),
                    Num(o.points)
                ),
                format!(
                    "an option's points must lie between 0 and {}; found {}",
                    Num(points),
                    Num(o.points)
                ),
            ));
        }
    }
    if !options
        .iter()
        .any(|o| (o.points - points).abs() <= defaults::EPSILON)
    {
        return Err(Error::new(
            ErrorCode::InvalidAnswerKey,
            op,
            format!(
                "至少一个选项（最佳回应）的分值应等于本题分值 {}",
                Num(points)
            ),
            format!(
                "at least one option (the best reply) must be worth the item's {} points",
                Num(points)
            ),
        ));
    }
    Ok(())
}
