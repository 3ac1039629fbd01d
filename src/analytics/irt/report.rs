//! One call for the page: calibrate a response table, then everything the IRT tab shows —
//! item parameters with SEs, infit/outfit, the raw-score → θ table, and item and test
//! information curves on a θ grid.

use crate::format::{FromJson, ToJson};

use super::ability::{information, probability, score_table, ScoreRow};
use super::fit::{item_fit, ItemFit};
use super::rasch::{rasch_cml, RaschOptions};
use super::twopl::{twopl_mml_observed, TwoPlOptions};
use super::{Estimate, Quadrature, ResponseTable};

/// Version of the [`IrtReport`] format.
pub const IRT_REPORT_SCHEMA_VERSION: u32 = 1;

/// Which model to calibrate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IrtModel {
    /// Rasch by conditional maximum likelihood.
    Rasch,
    /// 2PL by marginal maximum likelihood.
    TwoPl,
}

/// One item's row of the report.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IrtItemRow {
    /// The item's column.
    pub item: u32,
    /// a (1 for Rasch).
    pub discrimination: Estimate,
    /// b.
    pub difficulty: Estimate,
    /// SE of a (undefined for Rasch: a is fixed).
    pub se_discrimination: Estimate,
    /// SE of b.
    pub se_difficulty: Estimate,
    /// Information-weighted fit mean square.
    pub infit: Estimate,
    /// Unweighted fit mean square.
    pub outfit: Estimate,
    /// Correct answers.
    pub correct: u32,
    /// Persons who took the item.
    pub administered: u32,
}

/// The IRT tab's data.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IrtReport {
    /// Format version.
    pub schema_version: u32,
    /// The model calibrated.
    pub model: IrtModel,
    /// Whether the estimation reached its tolerance.
    pub converged: bool,
    /// Largest gradient component at the end.
    pub gradient_max: f64,
    /// Iterations (Newton steps for Rasch, E-steps for 2PL).
    pub iterations: u32,
    /// The (conditional for Rasch, marginal for 2PL) log-likelihood.
    pub log_likelihood: f64,
    /// One row per item column.
    pub items: Vec<IrtItemRow>,
    /// The raw-score → θ table over the items with estimates.
    pub score_table: Vec<ScoreRow>,
    /// θ grid of the curves.
    pub theta: Vec<f64>,
    /// Test information at each θ.
    pub test_information: Vec<f64>,
    /// Per item (same order as `items`), information at each θ (empty for an item without
    /// estimates).
    pub item_information: Vec<Vec<f64>>,
    /// Per item, P(correct) at each θ (the item characteristic curve).
    pub item_characteristic: Vec<Vec<f64>>,
}

/// Calibrates `table` with `model` and assembles the report (θ grid −4 … 4 by 0.1).
pub fn irt_report(table: &ResponseTable, model: IrtModel, options: &TwoPlOptions) -> IrtReport {
    irt_report_observed(table, model, options, &mut |_, _| {})
}

impl IrtItemRow {
    /// A row from either model's calibration: `(a, b)`, their standard errors and the counts
    /// `(correct, administered)`. Infit and outfit carry the difficulty (and so its reason when
    /// it is undefined) until the fit is computed for the items that have parameters.
    fn before_fit(
        item: u32,
        (a, b): (Estimate, Estimate),
        (se_a, se_b): (Estimate, Estimate),
        (correct, administered): (u32, u32),
    ) -> Self {
        IrtItemRow {
            item,
            discrimination: a,
            difficulty: b,
            se_discrimination: se_a,
            se_difficulty: se_b,
            infit: b,
            outfit: b,
            correct,
            administered,
        }
    }
}

/// [`irt_report`] with the 2PL run's progress (see [`super::twopl::twopl_mml_observed`]); Rasch
/// takes a handful of Newton steps and reports none.
pub fn irt_report_observed(
    table: &ResponseTable,
    model: IrtModel,
    options: &TwoPlOptions,
    progress: &mut dyn FnMut(u32, f64),
) -> IrtReport {
    let (mut items, converged, gradient_max, iterations, log_likelihood) = match model {
        IrtModel::Rasch => {
            let cal = rasch_cml(table, &RaschOptions::default());
            let rows = cal.items.iter().map(|i| {
                // Rasch fixes every discrimination at 1 (undefined with the difficulty).
                let discrimination = if i.difficulty.value.is_some() {
                    Estimate::of(1.0)
                } else {
                    i.difficulty
                };
                let no_se = Estimate::undefined(super::IrtReason::NoInformation);
                IrtItemRow::before_fit(
                    i.item,
                    (discrimination, i.difficulty),
                    (no_se, i.se),
                    (i.correct, i.administered),
                )
            });
            let rows = rows.collect::<Vec<_>>();
            let steps = cal.iterations;
            (
                rows,
                cal.converged,
                cal.gradient_max,
                steps,
                cal.log_likelihood,
            )
        }
        IrtModel::TwoPl => {
            let cal = twopl_mml_observed(table, options, progress);
            let rows = cal.items.iter().map(|i| {
                IrtItemRow::before_fit(
                    i.item,
                    (i.discrimination, i.difficulty),
                    (i.se_discrimination, i.se_difficulty),
                    (i.correct, i.administered),
                )
            });
            let rows = rows.collect::<Vec<_>>();
            let steps = cal.steps;
            (
                rows,
                cal.converged,
                cal.gradient_max,
                steps,
                cal.log_likelihood,
            )
        }
    };
    let params: Vec<Option<(f64, f64)>> = items
        .iter()
        .map(|r| match (r.discrimination.value, r.difficulty.value) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        })
        .collect();
    let fit: Vec<ItemFit> = item_fit(table, &params);
    for (row, f) in items.iter_mut().zip(&fit) {
        if params[row.item as usize].is_some() {
            row.infit = f.infit;
            row.outfit = f.outfit;
        }
    }
    let defined: Vec<(f64, f64)> = params.iter().flatten().copied().collect();
    let theta: Vec<f64> = (0..=80).map(|i| -4.0 + 0.1 * f64::from(i)).collect();
    let item_information: Vec<Vec<f64>> = params
        .iter()
        .map(|p| match p {
            Some((a, b)) => theta.iter().map(|&t| information(t, *a, *b)).collect(),
            None => Vec::new(),
        })
        .collect();
    let item_characteristic: Vec<Vec<f64>> = params
        .iter()
        .map(|p| match p {
            Some((a, b)) => theta.iter().map(|&t| probability(t, *a, *b)).collect(),
            None => Vec::new(),
        })
        .collect();
    let test_information = (0..theta.len())
        .map(|k| item_information.iter().filter_map(|c| c.get(k)).sum())
        .collect();
    IrtReport {
        schema_version: IRT_REPORT_SCHEMA_VERSION,
        model,
        converged,
        gradient_max,
        iterations,
        log_likelihood,
        items,
        score_table: score_table(&defined, &Quadrature::default()),
        theta,
        test_information,
        item_information,
        item_characteristic,
    }
}
