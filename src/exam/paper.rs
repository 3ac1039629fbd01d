//! The paper (试卷): the items one candidate gets, in order, with option orders, built
//! deterministically from a bank, a blueprint and a seed so a trainer can rebuild it.
//!
//! Assembly, in this order, all from one [`SplitMix64`] stream seeded with `seed`:
//! 1. every section's fixed items are reserved (no draw may pick them);
//! 2. per section in order, per draw in order: the pool is the bank's items (in bank order)
//!    matching the filter and not yet on the paper; `count` are drawn by partial Fisher–Yates;
//!    a section lists its fixed items, then its draws;
//! 3. if `shuffleItems`, each section's list is shuffled (sections keep their order);
//! 4. if `shuffleOptions`, each item in paper order whose type allows it (single, multiple,
//!    matching, situational) gets its option ids shuffled; the others keep the bank's order.

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{FromJson, ToJson};

use super::bank::Bank;
use super::blueprint::{percent_in_range, section_header, time_limit, Blueprint, BlueprintSection};
use super::defaults;
use super::item::Item;
use super::rng::SplitMix64;
use crate::error::{Error, ErrorCode, Result};
use crate::format;

/// One candidate's paper: the bank's items in the order shown, and how their options are
/// ordered. Stored with the attempt; scoring needs only the bank and the paper.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Paper {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The bank the items come from.
    pub bank_id: String,
    /// The blueprint that built the paper.
    pub blueprint_id: String,
    /// Exam title.
    pub title: String,
    /// The seed that rebuilds this paper from the bank and the blueprint.
    pub seed: u32,
    /// Time limit for the whole exam in seconds, or none.
    #[serde(default)]
    pub time_limit_seconds: Option<u32>,
    /// Pass mark on the total, in percent.
    pub pass_mark_percent: f64,
    /// The sections, in order.
    pub sections: Vec<PaperSection>,
    /// Item id → option ids in display order (bank order when options are not shuffled).
    /// Items without options (true/false, fill-in, numeric, short answer) have no entry.
    #[serde(default)]
    pub option_order: BTreeMap<String, Vec<String>>,
}

/// A section of a paper.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PaperSection {
    /// The blueprint section's id.
    pub id: String,
    /// Shown to the candidate.
    pub title: String,
    /// Time limit for this section in seconds, or none.
    #[serde(default)]
    pub time_limit_seconds: Option<u32>,
    /// Minimum percent for the exam to pass, or none.
    #[serde(default)]
    pub min_percent: Option<f64>,
    /// The items in display order.
    pub item_ids: Vec<String>,
}

impl PaperSection {
    /// The paper's copy of a blueprint section, holding `item_ids`.
    fn of(section: &BlueprintSection, item_ids: Vec<String>) -> PaperSection {
        PaperSection {
            id: section.id.clone(),
            title: section.title.clone(),
            time_limit_seconds: section.time_limit_seconds,
            min_percent: section.min_percent,
            item_ids,
        }
    }
}

impl Paper {
    /// A paper of `blueprint` on `bank` with these sections and option orders: a candidate's
    /// paper and the cohort paper carry the blueprint's settings the same way.
    fn of(
        bank: &Bank,
        blueprint: &Blueprint,
        seed: u32,
        sections: Vec<PaperSection>,
        option_order: BTreeMap<String, Vec<String>>,
    ) -> Paper {
        Paper {
            schema_version: defaults::SCHEMA_VERSION,
            bank_id: bank.id().to_string(),
            blueprint_id: blueprint.id.clone(),
            title: blueprint.title.clone(),
            seed,
            time_limit_seconds: blueprint.time_limit_seconds,
            pass_mark_percent: blueprint.pass_mark(),
            sections,
            option_order,
        }
    }

    /// Decodes a stored paper from a parsed JSON value; check it with [`Paper::validate_against`].
    pub fn decode(value: &serde_json::Value) -> Result<Paper> {
        format::decode(value)
    }

    /// Decodes a stored paper from JSON text.
    pub fn from_json(text: &str) -> Result<Paper> {
        format::decode_json(text)
    }

    /// Item ids in paper order, across sections.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.sections
            .iter()
            .flat_map(|s| s.item_ids.iter().map(String::as_str))
    }

    /// Checks the paper against `bank`: versions, ranges, every item known and on the paper
    /// once, every option order a permutation of the item's options.
    pub fn validate_against(&self, bank: &Bank) -> Result<()> {
        format::check_schema_version(self.schema_version, defaults::SCHEMA_VERSION, "试卷/paper")?;
        if self.bank_id != bank.id() {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                "bankId",
                format!(
                    "试卷属于题库 “{}”，但载入的是 “{}”",
                    self.bank_id,
                    bank.id()
                ),
                format!(
                    "the paper belongs to bank \"{}\", but bank \"{}\" is loaded",
                    self.bank_id,
                    bank.id()
                ),
            ));
        }
        percent_in_range(self.pass_mark_percent, "passMarkPercent")?;
        time_limit(self.time_limit_seconds, "timeLimitSeconds")?;
        let mut seen = BTreeSet::new();
        let mut section_ids = BTreeSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            let path = format!("sections[{i}]");
            section_header(
                &mut section_ids,
                &s.id,
                s.time_limit_seconds,
                s.min_percent,
                &path,
            )?;
            for (k, id) in s.item_ids.iter().enumerate() {
                let p = format!("{path}.itemIds[{k}]");
                if bank.item(id).is_none() {
                    return Err(Error::new(
                        ErrorCode::UnknownReference,
                        p,
                        format!("题库中没有题目 “{id}”"),
                        format!("the bank has no item \"{id}\""),
                    ));
                }
                if !seen.insert(id.as_str()) {
                    return Err(Error::new(
                        ErrorCode::DuplicateId,
                        p,
                        format!("题目 “{id}” 在试卷上出现了两次"),
                        format!("item \"{id}\" is on the paper twice"),
                    ));
                }
            }
        }
        if seen.len() > defaults::MAX_ITEMS {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "sections",
                "试卷题目过多",
                "the paper has too many items",
            ));
        }
        for (id, order) in &self.option_order {
            let path = format!("optionOrder.{id}");
            let Some(item) = bank.item(id).filter(|_| seen.contains(id.as_str())) else {
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    path,
                    format!("试卷上没有题目 “{id}”"),
                    format!("the paper has no item \"{id}\""),
                ));
            };
            let mut expected = item.option_ids();
            let mut given: Vec<&str> = order.iter().map(String::as_str).collect();
            expected.sort_unstable();
            given.sort_unstable();
            if expected.is_empty() || expected != given {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    "选项顺序应恰好列出本题的每个选项各一次",
                    "an option order must list each of the item's options exactly once",
                ));
            }
        }
        Ok(())
    }
}

/// Builds a paper from `bank`, `blueprint` and `seed`; the same three always give the same
/// paper. Fails only when the blueprint does not fit the bank (see
/// [`Blueprint::validate_against`]).
///
/// ```
/// # use kaohe::exam::*;
/// # let bank = Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap();
/// # let blueprint = Blueprint::from_json(include_str!("../../tests/fixtures/exam/sample_blueprint.json")).unwrap();
/// let a = assemble_paper(&bank, &blueprint, 2026).unwrap();
/// let b = assemble_paper(&bank, &blueprint, 2026).unwrap();
/// assert_eq!(a, b);
/// ```
pub fn assemble_paper(bank: &Bank, blueprint: &Blueprint, seed: u32) -> Result<Paper> {
    blueprint.validate_against(bank)?;
    let mut rng = SplitMix64::new(seed);
    let mut on_paper: BTreeSet<&str> = blueprint
        .sections
        .iter()
        .flat_map(|s| s.fixed.iter().map(String::as_str))
        .collect();
    let mut sections = Vec::with_capacity(blueprint.sections.len());
    for (i, s) in blueprint.sections.iter().enumerate() {
        let mut ids: Vec<String> = s.fixed.clone();
        for (j, d) in s.draw.iter().enumerate() {
            let mut pool: Vec<&str> = bank
                .items()
                .iter()
                .filter(|item| d.filter.matches(item) && !on_paper.contains(item.id()))
                .map(|item| item.id())
                .collect();
            let count = d.count as usize;
            if pool.len() < count {
                // validate_against rules this out; kept so a bug cannot produce a short paper.
                return Err(Error::new(
                    ErrorCode::PoolTooSmall,
                    format!("sections[{i}].draw[{j}].count"),
                    format!("需要抽取 {count} 道题，但只剩 {} 道符合条件", pool.len()),
                    format!(
                        "the draw asks for {count} items; only {} remain",
                        pool.len()
                    ),
                ));
            }
            let drawn = rng.draw_front(&mut pool, count);
            for id in pool.iter().take(drawn) {
                on_paper.insert(id);
                ids.push((*id).to_string());
            }
        }
        if blueprint.shuffle_items {
            rng.shuffle(&mut ids);
        }
        sections.push(PaperSection::of(s, ids));
    }
    let mut option_order = BTreeMap::new();
    for id in sections.iter().flat_map(|s| s.item_ids.iter()) {
        let Some(item) = bank.item(id) else { continue };
        let mut order: Vec<String> = item.option_ids().into_iter().map(String::from).collect();
        if order.is_empty() {
            continue;
        }
        if blueprint.shuffle_options && item.item_type().shuffles_options() {
            rng.shuffle(&mut order);
        }
        if let Item::Ordering(ordering) = item {
            // The order is the question: showing the steps as the bank lists them could give the
            // answer away, so they are always shown shuffled, and never in the correct order.
            rng.shuffle(&mut order);
            if order.len() > 1 && order == ordering.answer {
                order.rotate_left(1);
            }
        }
        option_order.insert(id.clone(), order);
    }
    Ok(Paper::of(bank, blueprint, seed, sections, option_order))
}

/// The paper a cohort is scored against: every item any candidate of `blueprint` can get
/// (fixed items, then each draw's whole pool), in bank order, options unshuffled.
///
/// Candidates' papers differ (draws and shuffles), but responses are keyed by item id and packed
/// against this paper, so one compiled exam scores all of them in one call. An item a candidate
/// was not given is simply unanswered there; item analysis should then exclude missing answers.
pub fn cohort_paper(bank: &Bank, blueprint: &Blueprint) -> Result<Paper> {
    blueprint.validate_against(bank)?;
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut sections = Vec::with_capacity(blueprint.sections.len());
    for s in &blueprint.sections {
        let mut ids = Vec::new();
        for item in bank.items() {
            let fixed = s.fixed.iter().any(|f| f == item.id());
            let drawable = s.draw.iter().any(|d| d.filter.matches(item));
            let fixed_elsewhere = blueprint
                .sections
                .iter()
                .any(|other| other.id != s.id && other.fixed.iter().any(|f| f == item.id()));
            if (fixed || (drawable && !fixed_elsewhere)) && placed.insert(item.id()) {
                ids.push(item.id().to_string());
            }
        }
        sections.push(PaperSection::of(s, ids));
    }
    Ok(Paper::of(bank, blueprint, 0, sections, BTreeMap::new()))
}

/// True when every candidate of `blueprint` gets the same items (no draws), so their papers
/// differ at most in order and unanswered really means unanswered.
pub fn every_paper_has_the_same_items(blueprint: &Blueprint) -> bool {
    blueprint.sections.iter().all(|s| s.draw.is_empty())
}
