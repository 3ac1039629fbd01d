//! Credit policies: how a multiple-choice selection earns points, and negative marking for
//! single choice.

use crate::format::{FromJson, ToJson};

use super::defaults;

/// How a multiple-choice item credits a selection that is not the exact key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// 少选不得分: full points for the exact set only, otherwise 0 (the default).
    Exact,
    /// 少选得部分分: a subset of the key with no wrong option earns points × chosen / correct.
    PerOption,
    /// 少选得一半分: a non-empty proper subset with no wrong option earns `share` × points.
    FixedShare,
    /// points × (right / correct − wrong / incorrect), floored at 0 for the item.
    RightMinusWrong,
}

/// A multiple-choice credit policy, per bank (`multipleChoicePolicy`) or per item (`policy`).
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MultipleChoicePolicy {
    /// Which rule applies.
    pub kind: PolicyKind,
    /// For `fixedShare` only: the share of the points, 0 < share < 1 (default 0.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
}

impl Default for MultipleChoicePolicy {
    fn default() -> Self {
        MultipleChoicePolicy {
            kind: PolicyKind::Exact,
            share: None,
        }
    }
}

impl MultipleChoicePolicy {
    /// The fraction of the item's points (0–1) that `chosen` earns against `correct`, both
    /// option bitmasks over `option_count` options. An empty selection earns 0.
    pub fn credit(&self, correct: u32, chosen: u32, option_count: u32) -> f64 {
        if chosen == 0 {
            return 0.0;
        }
        if chosen == correct {
            return 1.0;
        }
        let correct_count = correct.count_ones();
        if correct_count == 0 {
            return 0.0;
        }
        let right = (chosen & correct).count_ones();
        let wrong = (chosen & !correct).count_ones();
        match self.kind {
            PolicyKind::Exact => 0.0,
            PolicyKind::PerOption if wrong == 0 => f64::from(right) / f64::from(correct_count),
            PolicyKind::FixedShare if wrong == 0 && right > 0 => {
                self.share.unwrap_or(defaults::FIXED_SHARE)
            }
            PolicyKind::PerOption | PolicyKind::FixedShare => 0.0,
            PolicyKind::RightMinusWrong => {
                let incorrect = option_count.saturating_sub(correct_count);
                let penalty = if incorrect == 0 {
                    0.0
                } else {
                    f64::from(wrong) / f64::from(incorrect)
                };
                (f64::from(right) / f64::from(correct_count) - penalty).max(0.0)
            }
        }
    }
}

/// Where negative marks stop: the score is floored at 0 for this scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FloorScope {
    /// Each item is floored at 0. A single-choice item then never goes below 0, so the penalty
    /// has no effect on it; the scope exists so a bank can switch penalties off without
    /// deleting them.
    Item,
    /// Each section's total is floored at 0; items and the exam total may carry the penalty.
    Section,
    /// Only the exam total is floored at 0; items and sections may be negative.
    Exam,
}

/// Negative marking for single-choice items (per bank, or per item as an override).
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NegativeMarking {
    /// Fraction of the item's points deducted for a wrong answer, 0 < penalty ≤ 1. Unanswered
    /// items lose nothing.
    pub penalty: f64,
    /// Where the floor at 0 applies.
    pub floor: FloorScope,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(kind: PolicyKind) -> MultipleChoicePolicy {
        MultipleChoicePolicy { kind, share: None }
    }

    // Key {A, C} of 5 options A–E: bits 0b00101.
    const KEY: u32 = 0b00101;

    #[test]
    fn exact_gives_nothing_for_a_subset() {
        let p = policy(PolicyKind::Exact);
        assert_eq!(p.credit(KEY, KEY, 5), 1.0);
        assert_eq!(p.credit(KEY, 0b00001, 5), 0.0);
        assert_eq!(p.credit(KEY, 0b00111, 5), 0.0);
        assert_eq!(p.credit(KEY, 0, 5), 0.0);
    }

    #[test]
    fn per_option_counts_correct_choices_without_wrong_ones() {
        let p = policy(PolicyKind::PerOption);
        let key3 = 0b00111;
        assert!((p.credit(key3, 0b00001, 5) - 1.0 / 3.0).abs() < 1e-12);
        assert!((p.credit(key3, 0b00011, 5) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(p.credit(key3, 0b01001, 5), 0.0);
    }

    #[test]
    fn fixed_share_default_and_override() {
        let p = policy(PolicyKind::FixedShare);
        assert_eq!(p.credit(KEY, 0b00001, 5), 0.5);
        assert_eq!(p.credit(KEY, KEY, 5), 1.0);
        assert_eq!(p.credit(KEY, 0b00011, 5), 0.0);
        let p = MultipleChoicePolicy {
            kind: PolicyKind::FixedShare,
            share: Some(0.4),
        };
        assert_eq!(p.credit(KEY, 0b00100, 5), 0.4);
    }

    #[test]
    fn right_minus_wrong_is_floored_and_handles_all_correct() {
        let p = policy(PolicyKind::RightMinusWrong);
        // 1 right of 2, 1 wrong of 3: 0.5 − 1/3.
        assert!((p.credit(KEY, 0b00011, 5) - (0.5 - 1.0 / 3.0)).abs() < 1e-12);
        // 0 right, 2 wrong: negative, floored.
        assert_eq!(p.credit(KEY, 0b01010, 5), 0.0);
        // Every option correct: wrong is 0.
        assert_eq!(p.credit(0b111, 0b011, 3), 2.0 / 3.0);
        // Everything chosen: 1 − 1 = 0.
        assert_eq!(p.credit(KEY, 0b11111, 5), 0.0);
    }
}
