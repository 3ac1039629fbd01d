//! The blueprint (组卷方案, format version 1): sections of fixed items and seeded draws from the
//! bank by tags, type and difficulty, with time limits and pass marks.
//!
//! A blueprint is checked on its own ([`Blueprint::decode`]) and against a bank
//! ([`Blueprint::validate_against`]). The pool check is conservative so that assembly succeeds
//! for every seed: a draw's pool is its filtered items minus every fixed item, minus as many
//! items as earlier draws could have taken from it.

use std::collections::BTreeSet;

use crate::format::{FromJson, ToJson};

use super::bank::Bank;
use super::defaults;
use super::item::{Item, ItemType};
use super::validate::{non_blank, text_length};
use crate::error::{Error, ErrorCode, Result};
use crate::format;

/// An exam definition: which items go on a paper, in which sections, under which limits.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Blueprint {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Unique id; papers name it.
    pub id: String,
    /// Exam title shown to the candidate.
    pub title: String,
    /// The bank the items come from.
    pub bank_id: String,
    /// Time limit for the whole exam in seconds (> 0), or none.
    #[serde(default)]
    pub time_limit_seconds: Option<u32>,
    /// Pass mark on the total in percent, 0–100 (default 85, the domain's mock exam).
    #[serde(default)]
    pub pass_mark_percent: Option<f64>,
    /// Shuffle the items within each section (default false).
    #[serde(default)]
    pub shuffle_items: bool,
    /// Shuffle options of single, multiple, matching and situational items (default false).
    #[serde(default)]
    pub shuffle_options: bool,
    /// The sections, in order (at least one).
    pub sections: Vec<BlueprintSection>,
}

/// A section: fixed items plus draws.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BlueprintSection {
    /// Unique within the blueprint.
    pub id: String,
    /// Shown to the candidate (`产品知识`).
    pub title: String,
    /// Time limit for this section in seconds (> 0), or none.
    #[serde(default)]
    pub time_limit_seconds: Option<u32>,
    /// Minimum percent this section needs for the exam to pass (0–100), or none.
    #[serde(default)]
    pub min_percent: Option<f64>,
    /// Item ids always on the paper.
    #[serde(default)]
    pub fixed: Vec<String>,
    /// Random draws from the bank.
    #[serde(default)]
    pub draw: Vec<Draw>,
}

/// `count` items drawn at random from those matching `filter`.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draw {
    /// How many items (≥ 1).
    pub count: u32,
    /// Which items qualify; empty fields match anything.
    #[serde(default)]
    pub filter: Filter,
}

/// Which bank items a draw may pick. Every field is optional; an empty list matches anything.
#[derive(Debug, Clone, PartialEq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Filter {
    /// Competency dimensions.
    #[serde(default)]
    pub dimensions: Vec<String>,
    /// Item types.
    #[serde(default)]
    pub types: Vec<ItemType>,
    /// Difficulty range, inclusive.
    #[serde(default)]
    pub difficulty: Option<DifficultyRange>,
    /// Knowledge points (exact match).
    #[serde(default)]
    pub knowledge_points: Vec<String>,
    /// Labels: an item qualifies if it carries any of them.
    #[serde(default)]
    pub labels: Vec<String>,
}

/// An inclusive difficulty range within 1–5.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DifficultyRange {
    /// Lowest difficulty (default 1).
    #[serde(default = "one")]
    pub min: i32,
    /// Highest difficulty (default 5).
    #[serde(default = "five")]
    pub max: i32,
}

fn one() -> i32 {
    1
}
fn five() -> i32 {
    5
}

impl Filter {
    /// Whether `item` qualifies.
    pub fn matches(&self, item: &Item) -> bool {
        let tags = item.tags();
        (self.dimensions.is_empty() || self.dimensions.contains(&tags.dimension))
            && (self.types.is_empty() || self.types.contains(&item.item_type()))
            && self
                .difficulty
                .is_none_or(|d| (d.min..=d.max).contains(&tags.difficulty))
            && (self.knowledge_points.is_empty()
                || self.knowledge_points.contains(&tags.knowledge_point))
            && (self.labels.is_empty() || tags.labels.iter().any(|l| self.labels.contains(l)))
    }
}

pub(crate) fn percent_in_range(value: f64, path: &str) -> Result<()> {
    if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("百分比应在 0 至 100 之间，实际为 {}", format::Num(value)),
            format!(
                "a percentage must lie between 0 and 100; found {}",
                format::Num(value)
            ),
        ));
    }
    Ok(())
}

pub(crate) fn time_limit(value: Option<u32>, path: &str) -> Result<()> {
    if value == Some(0) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            "时间限制应大于 0 秒（不限时请省略或写 null）",
            "a time limit must be above 0 seconds (omit it or use null for none)",
        ));
    }
    Ok(())
}

/// The rules a section of a blueprint and of an assembled paper share: a unique id, a time limit
/// above zero and a minimum percentage in 0–100, with the same messages under `path` (the
/// section's own path, e.g. `sections[2]`).
pub(crate) fn section_header<'a>(
    ids: &mut BTreeSet<&'a str>,
    id: &'a str,
    time_limit_seconds: Option<u32>,
    min_percent: Option<f64>,
    path: &str,
) -> Result<()> {
    if !ids.insert(id) {
        return Err(Error::new(
            ErrorCode::DuplicateId,
            format!("{path}.id"),
            format!("部分 id “{id}” 重复"),
            format!("section id \"{id}\" is used twice"),
        ));
    }
    time_limit(time_limit_seconds, &format!("{path}.timeLimitSeconds"))?;
    if let Some(p) = min_percent {
        percent_in_range(p, &format!("{path}.minPercent"))?;
    }
    Ok(())
}

impl Blueprint {
    /// Decodes a blueprint from a parsed JSON value and checks it on its own (ranges, ids).
    pub fn decode(value: &serde_json::Value) -> Result<Blueprint> {
        let blueprint: Blueprint = format::decode(value)?;
        blueprint.validate()?;
        Ok(blueprint)
    }

    /// Decodes a blueprint from JSON text and checks it on its own.
    pub fn from_json(text: &str) -> Result<Blueprint> {
        let blueprint: Blueprint = format::decode_json(text)?;
        blueprint.validate()?;
        Ok(blueprint)
    }

    /// The pass mark in percent (the blueprint's, or the default 85).
    pub fn pass_mark(&self) -> f64 {
        self.pass_mark_percent
            .unwrap_or(defaults::PASS_MARK_PERCENT)
    }

    fn validate(&self) -> Result<()> {
        format::check_schema_version(
            self.schema_version,
            defaults::SCHEMA_VERSION,
            "组卷方案/blueprint",
        )?;
        non_blank(&self.id, "id")?;
        text_length(&self.title, "title")?;
        if let Some(p) = self.pass_mark_percent {
            percent_in_range(p, "passMarkPercent")?;
        }
        time_limit(self.time_limit_seconds, "timeLimitSeconds")?;
        if self.sections.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "sections",
                "至少需要一个部分",
                "at least one section is needed",
            ));
        }
        let mut ids = BTreeSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            let path = format!("sections[{i}]");
            non_blank(&s.id, &format!("{path}.id"))?;
            section_header(&mut ids, &s.id, s.time_limit_seconds, s.min_percent, &path)?;
            if s.fixed.is_empty() && s.draw.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    "部分中没有题目：请设置 fixed 或 draw",
                    "the section has no items: give it fixed items or draws",
                ));
            }
            for (j, d) in s.draw.iter().enumerate() {
                let dp = format!("{path}.draw[{j}]");
                if d.count == 0 {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        format!("{dp}.count"),
                        "抽题数量应至少为 1",
                        "a draw's count must be at least 1",
                    ));
                }
                for (k, dim) in d.filter.dimensions.iter().enumerate() {
                    non_blank(dim, &format!("{dp}.filter.dimensions[{k}]"))?;
                }
                if let Some(r) = d.filter.difficulty {
                    if !(1..=5).contains(&r.min) || !(1..=5).contains(&r.max) || r.min > r.max {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            format!("{dp}.filter.difficulty"),
                            format!("难度范围应在 1 至 5 之间且 min ≤ max，实际为 {}–{}", r.min, r.max),
                            format!(
                                "a difficulty range must lie within 1–5 with min ≤ max; found {}–{}",
                                r.min, r.max
                            ),
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks the blueprint against `bank`: the bank id, the fixed items, and that every draw's
    /// pool is large enough for any seed.
    pub fn validate_against(&self, bank: &Bank) -> Result<()> {
        self.validate()?;
        if self.bank_id != bank.id() {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                "bankId",
                format!(
                    "组卷方案引用题库 “{}”，但载入的是 “{}”",
                    self.bank_id,
                    bank.id()
                ),
                format!(
                    "the blueprint names bank \"{}\", but bank \"{}\" is loaded",
                    self.bank_id,
                    bank.id()
                ),
            ));
        }
        // Draws name dimensions of the bank's model (checked here: the blueprint alone cannot
        // know which model it is used with).
        for (i, s) in self.sections.iter().enumerate() {
            for (j, d) in s.draw.iter().enumerate() {
                for (k, dim) in d.filter.dimensions.iter().enumerate() {
                    bank.dimensions().check(
                        dim,
                        &format!("sections[{i}].draw[{j}].filter.dimensions[{k}]"),
                    )?;
                }
            }
        }
        let mut fixed = BTreeSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            for (k, id) in s.fixed.iter().enumerate() {
                let path = format!("sections[{i}].fixed[{k}]");
                if bank.item(id).is_none() {
                    return Err(Error::new(
                        ErrorCode::UnknownReference,
                        path,
                        format!("题库中没有题目 “{id}”"),
                        format!("the bank has no item \"{id}\""),
                    ));
                }
                if !fixed.insert(id.as_str()) {
                    return Err(Error::new(
                        ErrorCode::DuplicateId,
                        path,
                        format!("题目 “{id}” 被固定了两次"),
                        format!("item \"{id}\" is fixed twice"),
                    ));
                }
            }
        }
        let mut budget = DrawBudget::default();
        for (i, s) in self.sections.iter().enumerate() {
            for (j, d) in s.draw.iter().enumerate() {
                let room = budget.room(bank, &d.filter, &fixed);
                let (taken, available) = (room.taken, room.available);
                let count = d.count as usize;
                if count > available {
                    return Err(Error::new(
                        ErrorCode::PoolTooSmall,
                        format!("sections[{i}].draw[{j}].count"),
                        format!(
                            "需要抽取 {count} 道题，但符合条件的题目只有 {} 道（除去固定题后），其中最多 {taken} 道可能已被前面的抽题占用，可用 {available} 道",
                            room.pool.len()
                        ),
                        format!(
                            "the draw asks for {count} items, but only {} match its filter (besides fixed items) and earlier draws may take up to {taken} of them, leaving {available}",
                            room.pool.len()
                        ),
                    ));
                }
                budget.take(room.pool, count);
            }
        }
        Ok(())
    }
}

/// The worst case of a paper's draws from one bank: each draw's pool (the items its filter
/// matches, fixed items excluded) loses as many items as earlier draws could take from the same
/// items. [`Blueprint::validate_against`] and the set-up check count with this one type so the
/// editor's preview and the final check never disagree.
#[derive(Default)]
pub(crate) struct DrawBudget<'b> {
    /// Pools of earlier draws and how many each takes.
    earlier: Vec<(BTreeSet<&'b str>, usize)>,
}

/// What one draw can count on (see [`DrawBudget`]).
pub(crate) struct DrawRoom<'b> {
    /// The ids the draw's filter matches, fixed items excluded.
    pub pool: BTreeSet<&'b str>,
    /// At most this many of them may be taken by earlier draws.
    pub taken: usize,
    /// What is left in the worst case: `pool.len() - taken`.
    pub available: usize,
}

impl<'b> DrawBudget<'b> {
    /// The room for a draw with `filter`; record the draw with [`DrawBudget::take`] afterwards.
    pub(crate) fn room(
        &self,
        bank: &'b Bank,
        filter: &Filter,
        fixed: &BTreeSet<&str>,
    ) -> DrawRoom<'b> {
        let pool: BTreeSet<&'b str> = bank
            .items()
            .iter()
            .filter(|item| filter.matches(item) && !fixed.contains(item.id()))
            .map(|item| item.id())
            .collect();
        let taken: usize = self
            .earlier
            .iter()
            .map(|(p, count)| (*count).min(p.intersection(&pool).count()))
            .sum();
        let available = pool.len().saturating_sub(taken);
        DrawRoom {
            pool,
            taken,
            available,
        }
    }

    /// Records a draw of `count` items from `pool`, to bound what later draws can count on.
    pub(crate) fn take(&mut self, pool: BTreeSet<&'b str>, count: usize) {
        self.earlier.push((pool, count));
    }
}
