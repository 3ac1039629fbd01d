//! What the candidate's page receives: the paper's items with stems and options in display
//! order, and nothing that gives an answer away (no keys, accepted alternatives, keywords,
//! option points, model answers or explanations).

use crate::format::{FromJson, ToJson};

use super::bank::Bank;
use super::item::{Choice, Item, ItemType};
use super::paper::Paper;
use crate::error::Result;

/// The candidate's view of a paper.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PaperView {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The bank the items come from.
    pub bank_id: String,
    /// The blueprint that built the paper.
    pub blueprint_id: String,
    /// Exam title.
    pub title: String,
    /// The paper's seed (stored with the attempt).
    pub seed: u32,
    /// Time limit for the whole exam in seconds, or none.
    pub time_limit_seconds: Option<u32>,
    /// Pass mark in percent (candidates are told what they need).
    pub pass_mark_percent: f64,
    /// Number of items.
    pub item_count: u32,
    /// Sum of the items' points.
    pub max_points: f64,
    /// The sections in order.
    pub sections: Vec<SectionView>,
}

/// A section as shown.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SectionView {
    /// Section id.
    pub id: String,
    /// Section title.
    pub title: String,
    /// Time limit in seconds, or none.
    pub time_limit_seconds: Option<u32>,
    /// The items in display order.
    pub items: Vec<ItemView>,
}

/// An item as shown: enough to render inputs, nothing to score them.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemView {
    /// 1-based number across the whole paper.
    pub number: u32,
    /// Item id (responses are keyed by it).
    pub id: String,
    /// Item type, deciding the input.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// The question; fill-in stems mark blanks with `____`.
    pub stem: String,
    /// Points the item is worth.
    pub points: f64,
    /// Options in display order (single, multiple, ordering, matching's right column,
    /// situational); empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Matching's left column, in the bank's order; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Choice>,
    /// Fill-in-the-blank: how many inputs to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank_count: Option<u32>,
    /// Numeric: the unit shown next to the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// Options of `item` in the paper's display order (bank order when the paper has none).
pub(crate) fn ordered_options(item: &Item, paper: &Paper) -> Vec<Choice> {
    let bank_order: Vec<Choice> = match item {
        Item::Single(i) => i.options.clone(),
        Item::Multiple(i) => i.options.clone(),
        Item::Ordering(i) => i.options.clone(),
        Item::Matching(i) => i.options.clone(),
        Item::Situational(i) => i
            .options
            .iter()
            .map(|o| Choice {
                id: o.id.clone(),
                text: o.text.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    match paper.option_order.get(item.id()) {
        Some(order) => order
            .iter()
            .filter_map(|id| bank_order.iter().find(|o| &o.id == id).cloned())
            .collect(),
        None => bank_order,
    }
}

/// The candidate's view of `paper`. Fails if the paper does not fit the bank.
pub fn candidate_view(bank: &Bank, paper: &Paper) -> Result<PaperView> {
    paper.validate_against(bank)?;
    let mut number = 0u32;
    let mut max_points = 0.0;
    let mut sections = Vec::with_capacity(paper.sections.len());
    for s in &paper.sections {
        let mut items = Vec::with_capacity(s.item_ids.len());
        for id in &s.item_ids {
            let Some(item) = bank.item(id) else { continue };
            number += 1;
            max_points += item.points();
            items.push(ItemView {
                number,
                id: id.clone(),
                item_type: item.item_type(),
                stem: item.stem().to_string(),
                points: item.points(),
                options: ordered_options(item, paper),
                prompts: match item {
                    Item::Matching(i) => i.prompts.clone(),
                    _ => Vec::new(),
                },
                blank_count: match item {
                    Item::FillBlank(i) => u32::try_from(i.blanks.len()).ok(),
                    _ => None,
                },
                unit: match item {
                    Item::Numeric(i) => i.unit.clone(),
                    _ => None,
                },
            });
        }
        sections.push(SectionView {
            id: s.id.clone(),
            title: s.title.clone(),
            time_limit_seconds: s.time_limit_seconds,
            items,
        });
    }
    Ok(PaperView {
        schema_version: paper.schema_version,
        bank_id: paper.bank_id.clone(),
        blueprint_id: paper.blueprint_id.clone(),
        title: paper.title.clone(),
        seed: paper.seed,
        time_limit_seconds: paper.time_limit_seconds,
        pass_mark_percent: paper.pass_mark_percent,
        item_count: number,
        max_points,
        sections,
    })
}
