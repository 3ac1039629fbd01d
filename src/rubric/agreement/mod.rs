//! Agreement between raters, on a ratings matrix: one row per unit (a performance), one column
//! per rater, `None` where a rater did not rate (or said N/A).
//!
//! - [`krippendorff`]: Krippendorff's alpha, nominal, ordinal, interval and ratio, with missing values;
//! - [`icc`]: the six ICC forms with F test and 95 % interval, as pingouin computes them (listwise deletion);
//! - [`kappa`]: Cohen's kappa per pair of raters (unweighted, linear, quadratic) and Fleiss' kappa;
//! - [`pairwise`]: exact and adjacent agreement %;
//! - [`bias`]: each rater's mean difference from the panel and from an expert reference.
//!
//! A statistic that is undefined for the data (no variation, too few units) is a
//! [`Statistic`] with `value: None` and a note, never NaN.

pub mod bias;
pub mod icc;
pub mod kappa;
pub mod krippendorff;
pub mod pairwise;

use crate::format::{FromJson, ToJson};

use crate::i18n::Text;

/// Units × raters; `None` = missing.
pub type RatingMatrix = [Vec<Option<f64>>];

/// A statistic that may be undefined for the data.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Statistic {
    /// The value; `None` when undefined for these data.
    pub value: Option<f64>,
    /// Why the value is missing.
    pub note: Option<Text>,
}

impl Statistic {
    /// A defined value (a non-finite one becomes undefined).
    pub fn of(value: f64) -> Self {
        if value.is_finite() {
            Statistic {
                value: Some(value),
                note: None,
            }
        } else {
            Statistic::undefined("结果不是有限数", "the result is not a finite number")
        }
    }

    /// An undefined statistic with the reason.
    pub fn undefined(zh: &str, en: &str) -> Self {
        Statistic {
            value: None,
            note: Some(Text::new(zh, en)),
        }
    }
}
