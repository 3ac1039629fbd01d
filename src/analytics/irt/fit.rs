//! Item fit: infit and outfit mean squares (Wright & Masters 1982), over the persons whose
//! ability has a finite MLE (all-correct and all-wrong records are left out, as Winsteps does),
//! with θ the person's MLE from the same item parameters:
//!
//! outfit_i = (1 / N_i) Σ_p (x_pi − P_pi)² / (P_pi (1 − P_pi)) (unweighted, sensitive to outliers);
//! infit_i = Σ_p (x_pi − P_pi)² / Σ_p P_pi (1 − P_pi) (information-weighted). Both are 1 when the
//! data fit the model; well above 1 means noise, well below 1 means too predictable.

use crate::format::{FromJson, ToJson};

use super::{mle, probability, Estimate, IrtReason, ResponseTable, NOT_ADMINISTERED};

/// One item's fit.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemFit {
    /// The item's column.
    pub item: u32,
    /// Information-weighted mean square.
    pub infit: Estimate,
    /// Unweighted mean square.
    pub outfit: Estimate,
    /// Persons counted.
    pub persons: u32,
}

/// Infit and outfit of every item; `items[i]` is `(a, b)`, or `None` for an item without
/// estimates (left out of the abilities too).
pub fn item_fit(table: &ResponseTable, items: &[Option<(f64, f64)>]) -> Vec<ItemFit> {
    let k = table.items();
    let params: Vec<(f64, f64)> = items.iter().map(|p| p.unwrap_or((0.0, 0.0))).collect();
    let mut num = vec![0.0; k];
    let mut den = vec![0.0; k];
    let mut z2 = vec![0.0; k];
    let mut count = vec![0u32; k];
    let mut row: Vec<u8> = Vec::with_capacity(k);
    for p in 0..table.persons() {
        row.clear();
        row.extend(table.row(p).iter().enumerate().map(|(i, &v)| {
            if items.get(i).copied().flatten().is_some() {
                v
            } else {
                NOT_ADMINISTERED
            }
        }));
        let Some(theta) = mle(&row, &params).theta.value else {
            continue;
        };
        for (i, &v) in row.iter().enumerate() {
            if v == NOT_ADMINISTERED {
                continue;
            }
            let (a, b) = params[i];
            let pr = probability(theta, a, b);
            let var = pr * (1.0 - pr);
            let resid2 = (f64::from(v) - pr).powi(2);
            num[i] += resid2;
            den[i] += var;
            z2[i] += resid2 / var;
            count[i] += 1;
        }
    }
    (0..k)
        .map(|i| {
            let defined = items.get(i).copied().flatten().is_some() && count[i] > 0;
            let undefined = Estimate::undefined(if items.get(i).copied().flatten().is_some() {
                IrtReason::NoResponses
            } else {
                IrtReason::NoInformation
            });
            ItemFit {
                item: i as u32,
                infit: if defined {
                    Estimate::of(num[i] / den[i])
                } else {
                    undefined
                },
                outfit: if defined {
                    Estimate::of(z2[i] / f64::from(count[i]))
                } else {
                    undefined
                },
                persons: count[i],
            }
        })
        .collect()
}
