//! Exam set-up (组卷与考试设置, format version 1): what a trainer publishes to candidates.
//!
//! An [`ExamSetup`] wraps a [`Blueprint`] (sections, fixed items, draws, limits, pass marks)
//! with what the engine's blueprint does not know: which banks it draws from, its status
//! (draft → published → closed), the multiple-choice policy, attempts allowed, the open/close
//! window, what a candidate who types an unknown 工号 gets, and what the candidate sees
//! afterwards ([`Release`]).
//!
//! [`check_setup`] reports *every* problem at once with its path (`blueprint.sections[1].draw[0].count`)
//! and the pool of every draw, so the page can show "需要 12 道，可用 9 道" next to the field
//! while the trainer types. [`prepare_exam`] turns a valid set-up into the bank and blueprint
//! the exam engine loads: the banks combined (items namespaced `bankId/itemId` when there are
//! several), the exam's policy applied.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::format::{FromJson, ToJson};

use super::bank::Bank;
use super::blueprint::{Blueprint, DrawBudget, DrawRoom};
use super::policy::MultipleChoicePolicy;
use crate::dimensions::DimensionRef;
use crate::error::{Error, ErrorCode, Result};
use crate::format;
use crate::interop::Problem;

/// The set-up format version this build reads and writes.
pub const SETUP_SCHEMA_VERSION: u32 = 1;

/// Where an exam is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ExamStatus {
    /// Being set up: not offered to candidates.
    #[default]
    Draft,
    /// Offered on the candidate's home page (within its window).
    Published,
    /// No longer offered; results stay.
    Closed,
}

/// What the candidate sees on the result page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ReleaseContent {
    /// The total, the percentage and pass/fail only.
    Score,
    /// The score and each section's result.
    Sections,
    /// Everything: each item with the candidate's answer, the key and the explanation (解析).
    #[default]
    Review,
}

/// When the candidate sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ReleaseTiming {
    /// As soon as the attempt is submitted.
    #[default]
    Immediately,
    /// Only after the trainer releases the results (until then: "已交卷，成绩待公布").
    AfterRelease,
}

/// What the candidate sees afterwards, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Release {
    /// Score only, score and sections, or the full review.
    #[serde(default)]
    pub content: ReleaseContent,
    /// Immediately, or once the trainer releases.
    #[serde(default)]
    pub timing: ReleaseTiming,
}

/// What happens when a candidate types a 工号 that is not in the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum UnknownCandidates {
    /// The start form refuses it ("工号不在人员名册中").
    #[default]
    Refuse,
    /// The attempt is taken and recorded as unmatched, for the trainer to assign later.
    RecordUnmatched,
}

/// An exam as the trainer sets it up (see the module docs).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExamSetup {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Unique id; attempts name it in `examId`.
    pub id: String,
    /// Shown to candidates (`2026年第四季度售后服务考核`).
    pub title: String,
    /// Draft, published or closed.
    #[serde(default)]
    pub status: ExamStatus,
    /// The banks the items come from (at least one).
    pub bank_ids: Vec<String>,
    /// Sections, fixed items, draws, time limits, pass mark, shuffling. Its `bankId` is set by
    /// [`prepare_exam`]; fixed item ids are `bankId/itemId` when there are several banks.
    pub blueprint: Blueprint,
    /// A practice exam shows feedback after each answer.
    #[serde(default)]
    pub practice: bool,
    /// The multiple-choice policy for this exam (default: each bank's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_choice_policy: Option<MultipleChoicePolicy>,
    /// How many attempts a person may make (default: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_allowed: Option<u32>,
    /// When the exam opens, local time `YYYY-MM-DDTHH:MM` (default: when published).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    /// When it closes, local time `YYYY-MM-DDTHH:MM` (default: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    /// What the candidate sees afterwards, and when.
    #[serde(default)]
    pub release: Release,
    /// When the trainer released the results (ms since 1970), for `afterRelease`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released_at: Option<f64>,
    /// Unknown 工号 on the start form: refuse, or record the attempt as unmatched.
    #[serde(default)]
    pub unknown_candidates: UnknownCandidates,
    /// When it was created and last changed (ms since 1970), kept by the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<f64>,
    /// See `created_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<f64>,
}

/// One draw's pool, as the page shows it next to the field.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DrawPool {
    /// Items matching the filter, fixed items excluded.
    pub pool: u32,
    /// What is left for this draw in the worst case, after earlier draws took theirs.
    pub available: u32,
    /// What the draw asks for.
    pub count: u32,
}

/// One section's figures.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SectionCheck {
    /// Items on each paper: fixed + drawn.
    pub item_count: u32,
    /// Each draw's pool, in order.
    pub draws: Vec<DrawPool>,
}

/// Everything [`check_setup`] found: problems (empty when the set-up can be published) and
/// the figures of each section.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SetupCheck {
    /// Every problem, with the path of the field it belongs to.
    pub problems: Vec<Problem>,
    /// Per section, in order.
    pub sections: Vec<SectionCheck>,
    /// Items on each paper.
    pub item_count: u32,
    /// Items in the combined banks.
    pub bank_item_count: u32,
}

impl ExamSetup {
    /// Decodes a set-up from a parsed JSON value (shape only; [`check_setup`] checks the rest).
    pub fn decode(value: &Value) -> Result<ExamSetup> {
        let setup: ExamSetup = format::decode(value)?;
        format::check_schema_version(setup.schema_version, SETUP_SCHEMA_VERSION, "考试设置/exam")?;
        Ok(setup)
    }
}

/// The banks combined into the one bank the exam loads: the only bank as it is (its id
/// replaced), or several with item ids namespaced `bankId/itemId`, dimension lists merged.
/// The exam's multiple-choice policy, when set, replaces the banks'.
pub fn combined_bank(setup: &ExamSetup, banks: &[Bank]) -> Result<Bank> {
    let mut chosen = Vec::new();
    for (k, id) in setup.bank_ids.iter().enumerate() {
        match banks.iter().find(|b| b.id() == id) {
            Some(b) => chosen.push(b),
            None => {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    format!("bankIds[{k}]"),
                    format!("找不到题库 “{id}”：它可能已被删除"),
                    format!("bank \"{id}\" is not stored: it may have been deleted"),
                ))
            }
        }
    }
    if chosen.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "bankIds",
            "请至少选择一个题库",
            "choose at least one bank",
        ));
    }
    let several = chosen.len() > 1;
    let mut items = Vec::new();
    let mut dimensions: Vec<DimensionRef> = Vec::new();
    for bank in &chosen {
        for d in bank.dimensions().entries() {
            if !dimensions.iter().any(|x| x.id == d.id) {
                dimensions.push(d.clone());
            }
        }
        let value = format::to_json_value(*bank);
        let list = value
            .get("items")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for mut item in list {
            if several {
                if let Some(Value::String(id)) = item.get_mut("id") {
                    *id = format!("{}/{id}", bank.id());
                }
            }
            items.push(item);
        }
    }
    let first = chosen[0];
    let mut bank = serde_json::Map::new();
    bank.insert("schemaVersion".into(), Value::from(1));
    bank.insert("id".into(), Value::from(exam_bank_id(&setup.id)));
    bank.insert("title".into(), Value::from(setup.title.clone()));
    let policy = setup
        .multiple_choice_policy
        .unwrap_or_else(|| first.multiple_choice_policy());
    bank.insert(
        "multipleChoicePolicy".into(),
        format::to_json_value(&policy),
    );
    if let Some(n) = first.negative_marking() {
        bank.insert("negativeMarking".into(), format::to_json_value(&n));
    }
    if !crate::dimensions::DimensionSet::from_refs(dimensions.clone(), "dimensions")
        .map(|s| s.is_default())
        .unwrap_or(false)
    {
        bank.insert("dimensions".into(), format::to_json_value(&dimensions));
    }
    bank.insert("items".into(), Value::Array(items));
    Bank::decode(&Value::Object(bank))
}

/// The id of the bank snapshot an exam loads (`exam-bank:{examId}`).
pub fn exam_bank_id(exam_id: &str) -> String {
    format!("exam-bank:{exam_id}")
}

/// The bank and blueprint the engine loads for a valid set-up: what publishing stores, so the
/// published exam keeps its items even if a bank is edited later.
pub fn prepare_exam(setup: &ExamSetup, banks: &[Bank]) -> Result<(Bank, Blueprint)> {
    let check = check_setup(setup, banks);
    if let Some(p) = check.problems.first() {
        let code = ErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == p.code)
            .unwrap_or(ErrorCode::InvalidValue);
        return Err(Error::new(
            code,
            p.path.clone(),
            p.message.zh.clone(),
            p.message.en.clone(),
        ));
    }
    let bank = combined_bank(setup, banks)?;
    let mut blueprint = setup.blueprint.clone();
    blueprint.bank_id = bank.id().to_string();
    blueprint.id = setup.id.clone();
    blueprint.title = setup.title.clone();
    blueprint
        .validate_against(&bank)
        .map_err(|e| e.within("blueprint"))?;
    Ok((bank, blueprint))
}

/// Checks a set-up against the stored banks and reports every problem (see the module docs).
pub fn check_setup(setup: &ExamSetup, banks: &[Bank]) -> SetupCheck {
    let mut problems: Vec<Problem> = Vec::new();
    let mut push = |e: Error| problems.push(Problem::from(&e));
    if setup.id.trim().is_empty() {
        push(blank("id", "考试标识", "exam id"));
    }
    if setup.title.trim().is_empty() {
        push(blank("title", "考试名称", "exam title"));
    }
    if setup.attempts_allowed == Some(0) {
        push(Error::new(
            ErrorCode::OutOfRange,
            "attemptsAllowed",
            "允许作答次数至少为 1（不限次数请留空）",
            "attempts allowed must be at least 1 (leave it empty for no limit)",
        ));
    }
    for (field, value) in [("opensAt", &setup.opens_at), ("closesAt", &setup.closes_at)] {
        if let Some(v) = value {
            if !is_local_time(v) {
                push(Error::new(
                    ErrorCode::InvalidDate,
                    field,
                    format!("时间 “{v}” 无效：应为 2026-12-10T09:00 这样的日期和时间"),
                    format!("\"{v}\" is not a valid time: expected a date and time like 2026-12-10T09:00"),
                ));
            }
        }
    }
    if let (Some(open), Some(close)) = (&setup.opens_at, &setup.closes_at) {
        if is_local_time(open) && is_local_time(close) && close <= open {
            push(Error::new(
                ErrorCode::InvalidValue,
                "closesAt",
                "截止时间应晚于开放时间",
                "the closing time must be after the opening time",
            ));
        }
    }
    let bp = &setup.blueprint;
    if let Some(p) = bp.pass_mark_percent {
        if !(p.is_finite() && (0.0..=100.0).contains(&p)) {
            push(percent("blueprint.passMarkPercent", p));
        }
    }
    if bp.time_limit_seconds == Some(0) {
        push(zero_time("blueprint.timeLimitSeconds"));
    }
    if bp.sections.is_empty() {
        push(Error::new(
            ErrorCode::InvalidValue,
            "blueprint.sections",
            "至少需要一个部分",
            "at least one section is needed",
        ));
    }
    let bank = match combined_bank(setup, banks) {
        Ok(bank) => Some(bank),
        Err(e) => {
            push(e);
            None
        }
    };
    let mut section_ids = BTreeSet::new();
    let mut fixed_all: BTreeSet<&str> = BTreeSet::new();
    let mut sections = Vec::with_capacity(bp.sections.len());
    let mut budget = DrawBudget::default();
    // Fixed items first: draws exclude every fixed item of the paper.
    for (i, s) in bp.sections.iter().enumerate() {
        for (k, id) in s.fixed.iter().enumerate() {
            let path = format!("blueprint.sections[{i}].fixed[{k}]");
            if let Some(bank) = &bank {
                if bank.item(id).is_none() {
                    push(Error::new(
                        ErrorCode::UnknownReference,
                        path.clone(),
                        format!("题库中没有题目 “{id}”"),
                        format!("the bank has no item \"{id}\""),
                    ));
                }
            }
            if !fixed_all.insert(id.as_str()) {
                push(Error::new(
                    ErrorCode::DuplicateId,
                    path,
                    format!("题目 “{id}” 被固定了两次"),
                    format!("item \"{id}\" is fixed twice"),
                ));
            }
        }
    }
    let mut item_count = 0u32;
    for (i, s) in bp.sections.iter().enumerate() {
        let sp = format!("blueprint.sections[{i}]");
        if s.id.trim().is_empty() {
            push(blank(&format!("{sp}.id"), "部分标识", "section id"));
        } else if !section_ids.insert(s.id.as_str()) {
            push(Error::new(
                ErrorCode::DuplicateId,
                format!("{sp}.id"),
                format!("部分标识 “{}” 重复", s.id),
                format!("section id \"{}\" is used twice", s.id),
            ));
        }
        if s.title.trim().is_empty() {
            push(blank(&format!("{sp}.title"), "部分名称", "section title"));
        }
        if s.time_limit_seconds == Some(0) {
            push(zero_time(&format!("{sp}.timeLimitSeconds")));
        }
        if let Some(p) = s.min_percent {
            if !(p.is_finite() && (0.0..=100.0).contains(&p)) {
                push(percent(&format!("{sp}.minPercent"), p));
            }
        }
        if s.fixed.is_empty() && s.draw.is_empty() {
            push(Error::new(
                ErrorCode::InvalidValue,
                sp.clone(),
                "这一部分还没有题目：请固定几道题或添加抽题规则",
                "this section has no items yet: fix some items or add a draw",
            ));
        }
        let mut draws = Vec::with_capacity(s.draw.len());
        for (j, d) in s.draw.iter().enumerate() {
            let dp = format!("{sp}.draw[{j}]");
            if d.count == 0 {
                push(Error::new(
                    ErrorCode::InvalidValue,
                    format!("{dp}.count"),
                    "抽题数量应至少为 1",
                    "a draw's count must be at least 1",
                ));
            }
            if let Some(r) = d.filter.difficulty {
                if !(1..=5).contains(&r.min) || !(1..=5).contains(&r.max) || r.min > r.max {
                    push(Error::new(
                        ErrorCode::OutOfRange,
                        format!("{dp}.filter.difficulty"),
                        format!(
                            "难度范围应在 1 至 5 之间且下限不高于上限，实际为 {}–{}",
                            r.min, r.max
                        ),
                        format!(
                            "a difficulty range must lie within 1–5 with min ≤ max; found {}–{}",
                            r.min, r.max
                        ),
                    ));
                }
            }
            let Some(bank) = &bank else {
                draws.push(DrawPool {
                    pool: 0,
                    available: 0,
                    count: d.count,
                });
                continue;
            };
            for (k, dim) in d.filter.dimensions.iter().enumerate() {
                if let Err(e) = bank
                    .dimensions()
                    .check(dim, &format!("{dp}.filter.dimensions[{k}]"))
                {
                    push(e);
                }
            }
            let DrawRoom {
                pool,
                taken,
                available,
            } = budget.room(bank, &d.filter, &fixed_all);
            let count = d.count as usize;
            if count > available {
                push(Error::new(
                    ErrorCode::PoolTooSmall,
                    format!("{dp}.count"),
                    if taken > 0 {
                        format!("需要 {count} 道，符合条件的有 {} 道，其中最多 {taken} 道可能已被前面的抽题占用，可用 {available} 道", pool.len())
                    } else {
                        format!("需要 {count} 道，但符合条件的题目只有 {available} 道")
                    },
                    format!(
                        "the draw asks for {count} items; {} match and earlier draws may take {taken}, leaving {available}",
                        pool.len()
                    ),
                ));
            }
            draws.push(DrawPool {
                pool: to_u32(pool.len()),
                available: to_u32(available),
                count: d.count,
            });
            budget.take(pool, count);
        }
        let section_items = to_u32(s.fixed.len()) + s.draw.iter().map(|d| d.count).sum::<u32>();
        item_count += section_items;
        sections.push(SectionCheck {
            item_count: section_items,
            draws,
        });
    }
    SetupCheck {
        problems,
        sections,
        item_count,
        bank_item_count: bank.map_or(0, |b| to_u32(b.items().len())),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn blank(path: &str, zh: &str, en: &str) -> Error {
    Error::new(
        ErrorCode::InvalidValue,
        path,
        format!("请填写{zh}"),
        format!("the {en} must not be blank"),
    )
}

fn percent(path: &str, value: f64) -> Error {
    Error::new(
        ErrorCode::OutOfRange,
        path,
        format!("百分比应在 0 至 100 之间，实际为 {value}"),
        format!("a percentage must lie between 0 and 100; found {value}"),
    )
}

fn zero_time(path: &str) -> Error {
    Error::new(
        ErrorCode::OutOfRange,
        path,
        "时间限制应大于 0（不限时请留空）",
        "a time limit must be above 0 (leave it empty for none)",
    )
}

/// `YYYY-MM-DDTHH:MM` (seconds allowed) naming a real day and time.
fn is_local_time(text: &str) -> bool {
    let (day, time) = match text.split_once('T') {
        Some(parts) => parts,
        None => return false,
    };
    if crate::date::Date::parse(day, "").is_err() {
        return false;
    }
    let parts: Vec<&str> = time.split(':').collect();
    let ok = |s: &str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|n| n <= max);
    match parts.as_slice() {
        [h, m] => ok(h, 23) && ok(m, 59),
        [h, m, s] => ok(h, 23) && ok(m, 59) && ok(s, 59),
        _ => false,
    }
}

/// What `checkExam` and `prepareExam` take, from its JSON `{ exam, banks }`: the set-up (errors
/// under `exam`) and the stored banks it names (errors under `banks[i]`). Missing `banks` is no
/// bank; a missing `exam` is the set-up's own error.
pub fn decode_setup_params(value: &Value) -> Result<(ExamSetup, Vec<Bank>)> {
    let exam = ExamSetup::decode(value.get("exam").unwrap_or(&Value::Null))
        .map_err(|e| e.within("exam"))?;
    let banks = match value.get("banks").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .enumerate()
            .map(|(i, bank)| Bank::decode(bank).map_err(|e| e.within(&format!("banks[{i}]"))))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    Ok((exam, banks))
}
