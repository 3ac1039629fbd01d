//! Item response theory for dichotomous (right/wrong) items: calibration of a bank from stored
//! attempts, person abilities, score tables, information and item fit. The formulas and every
//! convention are in `docs/statistics-irt.md`; in short:
//!
//! - **Rasch** by exact conditional maximum likelihood ([`rasch_cml`]): the likelihood given each
//!   person's raw score, through the elementary symmetric functions of ε_i = exp(−b_i), computed
//!   as Poisson-binomial distributions (sums of positive terms only); Newton's method with the
//!   exact conditional information; difficulties centred to sum 0; SEs from the pseudo-inverse of
//!   the information under that constraint.
//! - **2PL** by marginal maximum likelihood ([`twopl_mml`]): P(θ) = 1 / (1 + exp(−a (θ − b))),
//!   θ ~ N(0, 1) integrated by a [`Quadrature`] rule (Gauss–Hermite by default), Bock–Aitkin EM
//!   accelerated by SQUAREM, until the gradient of the marginal log-likelihood is below the
//!   tolerance; SEs from each item's 2 × 2 block of the observed information.
//! - **Missing responses** ([`NOT_ADMINISTERED`]) are treated as not administered: they enter
//!   no likelihood (CML groups persons by the set of items they took).
//! - **Abilities** ([`ability`]): MLE (undefined for an all-correct or all-wrong record: the
//!   likelihood keeps rising to ±∞) and EAP (posterior mean under N(0, 1), defined for every
//!   record).
//! - A statistic that is undefined is an [`Estimate`] with no value and a [`IrtReason`], never NaN.

pub mod ability;
pub mod cohort;
pub mod fit;
pub mod quadrature;
pub mod rasch;
pub mod report;
pub mod simulate;
pub mod twopl;

pub use ability::{
    eap, information, mle, probability, score_table, test_information, AbilityEstimate, ScoreRow,
};
pub use cohort::{response_table_from_matrix, Unanswered};
pub use fit::{item_fit, ItemFit};
pub use quadrature::Quadrature;
pub use rasch::{rasch_cml, RaschOptions};
pub use report::{irt_report, irt_report_observed, IrtModel, IrtReport};
pub use twopl::{em_progress, twopl_mml, twopl_mml_observed, TwoPlOptions};

use crate::error::{Error, ErrorCode};
use crate::format::{FromJson, ToJson};

/// The cell value of an item a person was not given (or skipped): no information either way.
pub const NOT_ADMINISTERED: u8 = u8::MAX;

/// Why an IRT statistic has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum IrtReason {
    /// Every administered item correct: the maximum-likelihood estimate is +∞ (or the item's
    /// difficulty −∞ when everyone answered it correctly).
    AllCorrect,
    /// Every administered item wrong (or nobody answered the item correctly).
    AllWrong,
    /// No responses at all.
    NoResponses,
    /// The estimation did not reach the tolerance within the iteration limit.
    NotConverged,
    /// The information is zero or singular, so no standard error.
    NoInformation,
}

impl IrtReason {
    /// Why an item with these counts has no estimate: nobody took it, nobody or everybody
    /// answered it correctly (its likelihood has no finite maximum); `None` when it can be
    /// estimated. Rasch and 2PL drop items by the same rule.
    pub(crate) fn of_item(correct: u32, administered: u32) -> Option<IrtReason> {
        if administered == 0 {
            Some(IrtReason::NoResponses)
        } else if correct == 0 {
            Some(IrtReason::AllWrong)
        } else if correct == administered {
            Some(IrtReason::AllCorrect)
        } else {
            None
        }
    }
}

/// A number, or `null` with the reason it is undefined.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Estimate {
    /// The value; `null` when undefined.
    pub value: Option<f64>,
    /// Present exactly when `value` is `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<IrtReason>,
}

impl Estimate {
    /// A defined value; a non-finite one becomes undefined (`noInformation`).
    pub fn of(value: f64) -> Self {
        if value.is_finite() {
            Estimate {
                value: Some(value),
                reason: None,
            }
        } else {
            Estimate::undefined(IrtReason::NoInformation)
        }
    }

    /// An undefined value with its reason.
    pub fn undefined(reason: IrtReason) -> Self {
        Estimate {
            value: None,
            reason: Some(reason),
        }
    }
}

/// Persons × items, row-major: 1 correct, 0 wrong, [`NOT_ADMINISTERED`] not given.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseTable {
    persons: usize,
    items: usize,
    cells: Vec<u8>,
}

impl ResponseTable {
    /// Checks the shape and the cell values.
    pub fn new(persons: usize, items: usize, cells: Vec<u8>) -> Result<Self, Error> {
        if persons.checked_mul(items) != Some(cells.len()) {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "cells",
                format!(
                    "作答表应有 {persons} × {items} 个格子，实际为 {}",
                    cells.len()
                ),
                format!(
                    "the response table needs {persons} × {items} cells, got {}",
                    cells.len()
                ),
            ));
        }
        if items == 0 {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "items",
                "作答表没有题目",
                "the response table has no items",
            ));
        }
        if let Some(pos) = cells.iter().position(|&c| c > 1 && c != NOT_ADMINISTERED) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                format!("cells[{pos}]"),
                "作答只能是 1（答对）、0（答错）或未作答",
                "a response is 1 (correct), 0 (wrong) or not administered",
            ));
        }
        Ok(ResponseTable {
            persons,
            items,
            cells,
        })
    }

    /// Number of persons (rows).
    pub fn persons(&self) -> usize {
        self.persons
    }

    /// Number of items (columns).
    pub fn items(&self) -> usize {
        self.items
    }

    /// One person's row.
    pub fn row(&self, person: usize) -> &[u8] {
        let start = person * self.items;
        self.cells.get(start..start + self.items).unwrap_or(&[])
    }

    /// One cell.
    pub fn get(&self, person: usize, item: usize) -> u8 {
        self.cells
            .get(person * self.items + item)
            .copied()
            .unwrap_or(NOT_ADMINISTERED)
    }
}

/// Cholesky factor L (row-major, lower) of a symmetric positive definite `m`, or `None`.
pub(crate) fn cholesky(m: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut sum = m[i * n + j];
            for k in 0..j {
                sum -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if sum <= 0.0 || !sum.is_finite() {
                    return None;
                }
                l[i * n + i] = sum.sqrt();
            } else {
                l[i * n + j] = sum / l[j * n + j];
            }
        }
    }
    Some(l)
}

pub(crate) fn cholesky_apply(l: &[f64], n: usize, v: &[f64]) -> Vec<f64> {
    let mut y = v.to_vec();
    for i in 0..n {
        let mut s = y[i];
        for k in 0..i {
            s -= l[i * n + k] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in (i + 1)..n {
            s -= l[k * n + i] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    y
}
