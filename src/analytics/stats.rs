//! A statistic that may be undefined, and the small numeric helpers shared by the analysis.

use crate::format::{FromJson, ToJson};

/// Why a statistic has no value. The page shows the reason instead of a number; a value is never
/// NaN or infinite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum UndefinedReason {
    /// The exam has no attempts at all.
    NoCandidates,
    /// Too few candidates for this statistic (a variance needs 2, skewness 3, kurtosis 4, the
    /// upper and lower groups at least one each).
    TooFewCandidates,
    /// Nobody answered the item (only when unanswered items are excluded), or nobody in a group.
    NoResponses,
    /// The scores involved do not vary, so a correlation or ratio has a zero denominator.
    ZeroVariance,
    /// Too few items (Cronbach's alpha needs 2, alpha if an item is deleted needs 3).
    TooFewItems,
    /// The arithmetic did not give a finite number (a safeguard; not expected in practice).
    NotFinite,
}

impl UndefinedReason {
    /// Every reason, in declaration order: a reason's [`code`](Self::code) is 1 + its position.
    pub const ALL: [UndefinedReason; 6] = [
        UndefinedReason::NoCandidates,
        UndefinedReason::TooFewCandidates,
        UndefinedReason::NoResponses,
        UndefinedReason::ZeroVariance,
        UndefinedReason::TooFewItems,
        UndefinedReason::NotFinite,
    ];

    /// 1 + the position in [`ALL`](Self::ALL), so that 0 can mean "defined" in a byte column.
    pub fn code(self) -> u8 {
        match self {
            UndefinedReason::NoCandidates => 1,
            UndefinedReason::TooFewCandidates => 2,
            UndefinedReason::NoResponses => 3,
            UndefinedReason::ZeroVariance => 4,
            UndefinedReason::TooFewItems => 5,
            UndefinedReason::NotFinite => 6,
        }
    }

    /// The reason's name as the JSON writes it (`zeroVariance`).
    pub fn name(self) -> &'static str {
        match self {
            UndefinedReason::NoCandidates => "noCandidates",
            UndefinedReason::TooFewCandidates => "tooFewCandidates",
            UndefinedReason::NoResponses => "noResponses",
            UndefinedReason::ZeroVariance => "zeroVariance",
            UndefinedReason::TooFewItems => "tooFewItems",
            UndefinedReason::NotFinite => "notFinite",
        }
    }
}

/// A number, or `null` with the reason it is undefined: `{ "value": 0.42 }` or
/// `{ "value": null, "reason": "zeroVariance" }`.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Statistic {
    /// The value; `null` when undefined.
    pub value: Option<f64>,
    /// Present exactly when `value` is `null`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<UndefinedReason>,
}

impl Statistic {
    /// A defined value; a non-finite one becomes undefined (`notFinite`) rather than NaN.
    pub fn of(value: f64) -> Self {
        if value.is_finite() {
            Statistic {
                value: Some(value),
                reason: None,
            }
        } else {
            Statistic::undefined(UndefinedReason::NotFinite)
        }
    }

    /// An undefined value with its reason.
    pub fn undefined(reason: UndefinedReason) -> Self {
        Statistic {
            value: None,
            reason: Some(reason),
        }
    }

    /// `Ok(value)` → defined, `Err(reason)` → undefined.
    pub fn from_result(result: Result<f64, UndefinedReason>) -> Self {
        match result {
            Ok(v) => Statistic::of(v),
            Err(reason) => Statistic::undefined(reason),
        }
    }
}

/// True when a sum of squared deviations over `n` values is rounding noise for data of size
/// `scale`: deviations below one billionth of the scale count as none. Exact zero tests fail on
/// sums like 0.1 + 0.2, and a correlation of noise would be meaningless.
pub(crate) fn is_negligible_spread(sum_sq: f64, n: usize, scale: f64) -> bool {
    let unit = 1e-9 * scale.abs().max(1.0);
    sum_sq <= n as f64 * unit * unit
}

/// Pearson correlation from centred sums, undefined when either side does not vary.
pub(crate) fn correlation(
    sum_xy: f64,
    ss_x: f64,
    ss_y: f64,
    x_flat: bool,
    y_flat: bool,
) -> Result<f64, UndefinedReason> {
    if x_flat || y_flat || ss_x <= 0.0 || ss_y <= 0.0 {
        return Err(UndefinedReason::ZeroVariance);
    }
    Ok((sum_xy / (ss_x * ss_y).sqrt()).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_codes_and_names_follow_the_json() {
        for (i, reason) in UndefinedReason::ALL.into_iter().enumerate() {
            assert_eq!(usize::from(reason.code()), i + 1);
            assert_eq!(
                crate::format::to_json_string(&reason),
                format!("\"{}\"", reason.name())
            );
        }
    }

    #[test]
    fn non_finite_values_become_undefined() {
        assert_eq!(
            Statistic::of(f64::NAN).reason,
            Some(UndefinedReason::NotFinite)
        );
        assert_eq!(Statistic::of(f64::INFINITY).value, None);
        assert_eq!(Statistic::of(0.5).value, Some(0.5));
    }

    #[test]
    fn serializes_reason_only_when_undefined() {
        let defined = crate::format::to_json_string(&Statistic::of(0.25));
        assert_eq!(defined, r#"{"value":0.25}"#);
        let undefined =
            crate::format::to_json_string(&Statistic::undefined(UndefinedReason::ZeroVariance));
        assert_eq!(undefined, r#"{"value":null,"reason":"zeroVariance"}"#);
    }

    #[test]
    fn rounding_noise_is_no_spread() {
        // Three values 0.1+0.2, 0.3, 0.3 differ only by rounding.
        let a: f64 = 0.1 + 0.2;
        let mean: f64 = (a + 0.3 + 0.3) / 3.0;
        let ss = (a - mean).powi(2) + 2.0 * (0.3f64 - mean).powi(2);
        assert!(ss > 0.0);
        assert!(is_negligible_spread(ss, 3, 1.0));
        assert!(!is_negligible_spread(0.5, 3, 1.0));
        assert_eq!(
            correlation(1.0, 0.0, 1.0, false, false),
            Err(UndefinedReason::ZeroVariance)
        );
    }
}
