//! What a caller can choose about the analysis; every field has a named default.

use crate::format::{FromJson, ToJson};

use super::defaults;
use crate::error::{Error, ErrorCode};

/// How an item a candidate left unanswered enters that item's statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum MissingAnswers {
    /// The default, as Moodle does: an unanswered item scores 0 and the candidate counts in every
    /// statistic of that item (facility, SD, discrimination, option shares use all candidates).
    #[default]
    CountAsWrong,
    /// The candidate is left out of that item's own statistics (facility, SD, discrimination,
    /// discriminative efficiency, upper–lower index, option shares and correlations are computed
    /// over those who answered it). Totals, rest scores, the exam statistics, Cronbach's alpha and
    /// alpha if deleted are unchanged: a candidate's total is what they actually scored, and alpha
    /// needs a complete matrix, so unanswered still counts 0 there.
    Exclude,
}

/// How the distractor tables come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DistractorLayout {
    /// The default: each item's `options` lists its options as objects.
    #[default]
    PerItem,
    /// Every item's `options` is empty, and the options of all items come as columns
    /// ([`super::DistractorColumns`]; in JavaScript, typed arrays in `distractors`): the same
    /// numbers, for a page that shows them rather than saves them.
    Columns,
}

/// Thresholds for the flags. Defaults in [`defaults`].
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct FlagThresholds {
    /// Facility above this is "too easy" (default 0.9).
    pub too_easy_above: f64,
    /// Facility below this is "too hard" (default 0.2).
    pub too_hard_below: f64,
    /// Discrimination below this is "low" (default 0.2); below 0 it is "negative" instead.
    pub low_discrimination_below: f64,
}

impl Default for FlagThresholds {
    fn default() -> Self {
        FlagThresholds {
            too_easy_above: defaults::TOO_EASY_ABOVE,
            too_hard_below: defaults::TOO_HARD_BELOW,
            low_discrimination_below: defaults::LOW_DISCRIMINATION_BELOW,
        }
    }
}

/// Options of [`super::analyse_items`]: `{ "missingAnswers": "exclude", "groupFraction": 0.25 }`;
/// every field may be omitted.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct AnalysisOptions {
    /// How unanswered items count (default: as wrong).
    pub missing_answers: MissingAnswers,
    /// Share of candidates in each of the upper and lower groups, in (0, 0.5] (default 0.27).
    /// Group size is `floor(fraction × n + 0.5)`; see [`super::groups`] for the tie rule.
    pub group_fraction: f64,
    /// Thresholds for the flags.
    pub thresholds: FlagThresholds,
    /// How the distractor tables come back (default: inside each item).
    pub distractors: DistractorLayout,
}

impl Default for AnalysisOptions {
    fn default() -> Self {
        AnalysisOptions {
            missing_answers: MissingAnswers::default(),
            group_fraction: defaults::GROUP_FRACTION,
            thresholds: FlagThresholds::default(),
            distractors: DistractorLayout::default(),
        }
    }
}

impl AnalysisOptions {
    /// Checks ranges, so the arithmetic after it cannot go wrong.
    pub fn validate(&self) -> Result<(), Error> {
        let f = self.group_fraction;
        if !(f.is_finite() && f > 0.0 && f <= 0.5) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "groupFraction",
                format!("上下组比例应大于 0 且不超过 0.5，实际为 {f}"),
                format!("groupFraction must be above 0 and at most 0.5; got {f}"),
            ));
        }
        let t = &self.thresholds;
        for (name, value, low) in [
            ("tooEasyAbove", t.too_easy_above, 0.0),
            ("tooHardBelow", t.too_hard_below, 0.0),
            ("lowDiscriminationBelow", t.low_discrimination_below, -1.0),
        ] {
            if !(value.is_finite() && value >= low && value <= 1.0) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    format!("thresholds.{name}"),
                    format!("阈值 {name} 应在 {low} 到 1 之间，实际为 {value}"),
                    format!("threshold {name} must be between {low} and 1; got {value}"),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::decode_json;

    #[test]
    fn empty_object_gives_the_defaults() {
        let o: AnalysisOptions = decode_json("{}").unwrap();
        assert_eq!(o, AnalysisOptions::default());
        assert_eq!(o.group_fraction, defaults::GROUP_FRACTION);
        assert_eq!(o.missing_answers, MissingAnswers::CountAsWrong);
    }

    #[test]
    fn fields_override_and_typos_fail() {
        let o: AnalysisOptions =
            decode_json(r#"{"missingAnswers":"exclude","thresholds":{"tooEasyAbove":0.95}}"#)
                .unwrap();
        assert_eq!(o.missing_answers, MissingAnswers::Exclude);
        assert_eq!(o.thresholds.too_easy_above, 0.95);
        assert_eq!(o.thresholds.too_hard_below, defaults::TOO_HARD_BELOW);
        let e = decode_json::<AnalysisOptions>(r#"{"groupFractoin":0.3}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownField);
    }

    #[test]
    fn out_of_range_values_are_rejected_with_a_path() {
        let o = AnalysisOptions {
            group_fraction: 0.6,
            ..AnalysisOptions::default()
        };
        let e = o.validate().unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::OutOfRange, "groupFraction")
        );
        let mut o = AnalysisOptions::default();
        o.thresholds.too_hard_below = f64::NAN;
        assert_eq!(o.validate().unwrap_err().path(), "thresholds.tooHardBelow");
    }
}
