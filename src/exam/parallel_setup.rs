//! Parallel papers as exams (平行试卷: 早班 / 中班 / 晚班): from a bank, its IRT calibration and an
//! exam's blueprint, N ordinary blueprints with fixed items, matched on test information by
//! [`assemble_parallel`], each with the source exam's time limit and pass mark, so every shift's
//! paper is an exam like any other. Items per content area (dimension) are the same on every
//! paper; only single-choice, multiple-choice and true/false items with a calibration are used.

use serde_json::Value;

use super::adaptive::AdaptiveItem;
use super::adaptive_exam::{area_index, ItemCalibration};
use super::bank::Bank;
use super::blueprint::{Blueprint, BlueprintSection};
use super::item::Item;
use super::parallel::{assemble_parallel, ParallelSpec};
use crate::error::{Error, ErrorCode, Result};
use crate::format::{FromJson, ToJson};

/// What [`parallel_blueprints`] needs.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ParallelSetupParams {
    /// The bank.
    pub bank: Value,
    /// The exam the papers replace (title, time limit, pass mark).
    pub blueprint: Value,
    /// Calibrated items.
    pub calibration: Vec<ItemCalibration>,
    /// One name per paper (`早班`, `中班`, `晚班`).
    pub names: Vec<String>,
    /// Items per content area on every paper.
    pub per_area: u32,
    /// How many papers one item may appear in (1 = no overlap).
    #[serde(default = "one")]
    pub max_uses: u32,
    /// Seed of the search (reproducible).
    #[serde(default)]
    pub seed: u32,
}

fn one() -> u32 {
    1
}

/// The papers as blueprints, and how close they are.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ParallelSetup {
    /// One blueprint per name, items fixed.
    pub blueprints: Vec<Blueprint>,
    /// Largest difference in measurement information between two papers at any ability from −2
    /// to 2, as a share of the mean there (0.05 = 5 %).
    pub max_information_gap: f64,
    /// Largest difference in expected number correct between two papers at any such ability.
    pub max_score_gap: f64,
    /// Content areas (dimension ids) in the order of `perArea`.
    pub areas: Vec<String>,
}

fn objective(item: &Item) -> bool {
    matches!(
        item,
        Item::Single(_) | Item::Multiple(_) | Item::TrueFalse(_)
    )
}

/// Assembles the papers and writes each as a blueprint.
pub fn parallel_blueprints(params: &ParallelSetupParams) -> Result<ParallelSetup> {
    let bank = Bank::decode(&params.bank).map_err(|e| e.within("bank"))?;
    let source = Blueprint::decode(&params.blueprint).map_err(|e| e.within("blueprint"))?;
    if params.names.is_empty() || params.names.iter().any(|n| n.trim().is_empty()) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "names",
            "每份试卷都需要名称",
            "every paper needs a name",
        ));
    }
    if params.per_area == 0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "perArea",
            "每个维度至少 1 题",
            "at least 1 item per area",
        ));
    }
    let mut areas: Vec<String> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut items: Vec<AdaptiveItem> = Vec::new();
    for (k, cal) in params.calibration.iter().enumerate() {
        let Some(item) = bank.item(&cal.item_id) else {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("calibration[{k}].itemId"),
                "题库中没有这道题",
                "the bank has no such item",
            ));
        };
        if !(objective(item) && cal.a.is_finite() && cal.a > 0.0 && cal.b.is_finite()) {
            continue;
        }
        if ids.contains(&cal.item_id.as_str()) {
            continue;
        }
        let area = area_index(&mut areas, &item.tags().dimension);
        ids.push(&cal.item_id);
        items.push(AdaptiveItem {
            a: cal.a,
            b: cal.b,
            area,
        });
    }
    let spec = ParallelSpec {
        papers: params.names.len() as u32,
        area_counts: vec![params.per_area; areas.len()],
        max_uses: params.max_uses,
        grid: Vec::new(),
        seed: params.seed,
        restarts: 20,
    };
    let out = assemble_parallel(&items, &spec)?;
    let blueprints = out
        .papers
        .iter()
        .zip(&params.names)
        .enumerate()
        .map(|(k, (paper, name))| Blueprint {
            schema_version: source.schema_version,
            id: format!("{}-p{}", source.id, k + 1),
            title: format!("{}·{}", source.title, name.trim()),
            bank_id: source.bank_id.clone(),
            time_limit_seconds: source.time_limit_seconds,
            pass_mark_percent: source.pass_mark_percent,
            shuffle_items: source.shuffle_items,
            shuffle_options: source.shuffle_options,
            sections: vec![BlueprintSection {
                id: "s-1".to_string(),
                title: name.trim().to_string(),
                time_limit_seconds: None,
                min_percent: None,
                fixed: paper.iter().map(|&i| ids[i as usize].to_string()).collect(),
                draw: Vec::new(),
            }],
        })
        .collect();
    Ok(ParallelSetup {
        blueprints,
        max_information_gap: out.max_information_gap,
        max_score_gap: out.max_score_gap,
        areas,
    })
}
