//! Scoring one item: the key of each type compiled once ([`CompiledItem`]), and a response in
//! its compact form ([`AnswerRef`]: option indexes in the bank's order, normalised text).
//!
//! Both the single-attempt path ([`super::result::score_attempt`]) and the cohort path
//! ([`super::packed`]) score through [`CompiledItem::score`], so they cannot disagree.

use crate::format::{FromJson, ToJson};

use super::defaults::EPSILON;
use super::item::{Item, ItemType, MatchingCredit, OrderingCredit, ToleranceKind};
use super::normalize::{normalize, Normalize};
use super::policy::{FloorScope, MultipleChoicePolicy};

/// How an item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ItemStatus {
    /// Full points.
    Correct,
    /// More than 0 and less than full points.
    Partial,
    /// Answered, 0 points or fewer (negative marking).
    Wrong,
    /// No response.
    Unanswered,
    /// A short answer waiting for a trainer; its points are provisional.
    Pending,
}

/// The score of one item for one candidate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemScore {
    /// Points earned; negative only under negative marking with a section or exam floor.
    /// Provisional (the keyword rubric) while `status` is `Pending`.
    pub points: f64,
    /// The item's maximum.
    pub max_points: f64,
    /// Correct, partial, wrong, unanswered or pending.
    pub status: ItemStatus,
    /// The chosen options as a bitmask in the bank's option order (single, multiple,
    /// situational), or bit 0 = true / bit 1 = false (true/false); 0 for other types.
    pub choice: u32,
    /// Short answers: bit k set when keyword group k matched; 0 otherwise.
    pub matched_keywords: u32,
}

/// A response in compact form, borrowed from wherever it lives (a parsed attempt or a packed
/// buffer). Option references are indexes into the item's options in the bank's order; text is
/// already normalised with the item's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnswerRef<'a> {
    /// No response.
    Unanswered,
    /// Single choice or situational: the chosen option's index.
    Choice(u8),
    /// Multiple choice: the chosen options as a bitmask (bit i = option i), non-zero.
    Choices(u32),
    /// True/false.
    Bool(bool),
    /// Fill-in-the-blank: one normalised string per blank (empty = left blank).
    Blanks(&'a [&'a str]),
    /// Numeric.
    Number(f64),
    /// Ordering: option indexes in the candidate's order (possibly fewer than all).
    Order(&'a [u8]),
    /// Matching: per prompt, the chosen option's index, or [`NO_MATCH`].
    Matches(&'a [u8]),
    /// Short answer, normalised.
    Text(&'a str),
}

impl AnswerRef<'_> {
    /// Whether the response says nothing: no option, every blank empty, no step placed, no
    /// prompt matched, blank text.
    pub fn is_empty(&self) -> bool {
        match self {
            AnswerRef::Unanswered => true,
            AnswerRef::Choices(mask) => *mask == 0,
            AnswerRef::Blanks(blanks) => blanks.iter().all(|b| b.is_empty()),
            AnswerRef::Order(order) => order.is_empty(),
            AnswerRef::Matches(m) => m.iter().all(|c| *c == NO_MATCH),
            AnswerRef::Text(t) => t.is_empty(),
            AnswerRef::Choice(_) | AnswerRef::Bool(_) | AnswerRef::Number(_) => false,
        }
    }
}

/// A matching prompt the candidate left unmatched.
pub const NO_MATCH: u8 = 0xFF;

/// The key of an item, in the form scoring needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Single {
        correct: u8,
        /// Fraction of the points lost for a wrong answer (0 = no negative marking).
        penalty: f64,
        floor: FloorScope,
    },
    Multiple {
        correct: u32,
        option_count: u32,
        policy: MultipleChoicePolicy,
    },
    TrueFalse {
        answer: bool,
    },
    FillBlank {
        accepted: Vec<Vec<String>>,
        normalize: Normalize,
    },
    Numeric {
        value: f64,
        tolerance: f64,
    },
    Ordering {
        /// `position[option index]` = the option's place in the right order.
        position: Vec<u8>,
        adjacent: bool,
    },
    Matching {
        /// Per prompt, the right option's index.
        answer: Vec<u8>,
        all_or_nothing: bool,
    },
    Situational {
        points: Vec<f64>,
    },
    ShortAnswer {
        keywords: Vec<(Vec<String>, f64)>,
    },
}

/// Everything scoring needs about one item, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledItem {
    pub(crate) id: String,
    pub(crate) item_type: ItemType,
    pub(crate) points: f64,
    pub(crate) option_count: u8,
    pub(crate) key: Key,
}

/// Index of option `id` among `ids`, as a byte (options are at most 26).
fn index_of<'a>(mut ids: impl Iterator<Item = &'a str>, id: &str) -> u8 {
    ids.position(|o| o == id)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

fn byte_len(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

impl CompiledItem {
    /// Compiles a validated item under the bank's policies.
    pub(crate) fn new(
        item: &Item,
        bank_policy: MultipleChoicePolicy,
        bank_negative: Option<super::policy::NegativeMarking>,
    ) -> CompiledItem {
        let option_count = byte_len(match item {
            Item::TrueFalse(_) => 2,
            _ => item.option_ids().len(),
        });
        let key = match item {
            Item::Single(i) => {
                let marking = i.negative_marking.or(bank_negative);
                Key::Single {
                    correct: index_of(i.options.iter().map(|o| o.id.as_str()), &i.answer),
                    penalty: marking.map_or(0.0, |m| m.penalty),
                    floor: marking.map_or(FloorScope::Item, |m| m.floor),
                }
            }
            Item::Multiple(i) => Key::Multiple {
                correct: i.answer.iter().fold(0u32, |mask, id| {
                    mask | 1u32 << index_of(i.options.iter().map(|o| o.id.as_str()), id)
                }),
                option_count: u32::from(option_count),
                policy: i.policy.unwrap_or(bank_policy),
            },
            Item::TrueFalse(i) => Key::TrueFalse { answer: i.answer },
            Item::FillBlank(i) => {
                let normalize_with = i.normalize.unwrap_or_default();
                Key::FillBlank {
                    accepted: i
                        .blanks
                        .iter()
                        .map(|b| {
                            b.accepted
                                .iter()
                                .map(|a| normalize(a, &normalize_with))
                                .collect()
                        })
                        .collect(),
                    normalize: normalize_with,
                }
            }
            Item::Numeric(i) => Key::Numeric {
                value: i.answer.value,
                tolerance: match i.answer.tolerance_kind {
                    ToleranceKind::Absolute => i.answer.tolerance,
                    ToleranceKind::Relative => i.answer.tolerance * i.answer.value.abs(),
                },
            },
            Item::Ordering(i) => {
                let mut position = vec![0u8; i.options.len()];
                for (place, id) in i.answer.iter().enumerate() {
                    let idx = usize::from(index_of(i.options.iter().map(|o| o.id.as_str()), id));
                    if let Some(p) = position.get_mut(idx) {
                        *p = byte_len(place);
                    }
                }
                Key::Ordering {
                    position,
                    adjacent: i.credit == OrderingCredit::AdjacentPairs,
                }
            }
            Item::Matching(i) => Key::Matching {
                answer: i
                    .prompts
                    .iter()
                    .map(|p| {
                        i.answer.get(&p.id).map_or(NO_MATCH, |o| {
                            index_of(i.options.iter().map(|x| x.id.as_str()), o)
                        })
                    })
                    .collect(),
                all_or_nothing: i.credit == MatchingCredit::AllOrNothing,
            },
            Item::Situational(i) => Key::Situational {
                points: i.options.iter().map(|o| o.points).collect(),
            },
            Item::ShortAnswer(i) => Key::ShortAnswer {
                keywords: i
                    .keywords
                    .iter()
                    .map(|g| {
                        let terms = g
                            .terms
                            .iter()
                            .map(|t| normalize(t, &Normalize::default()))
                            .filter(|t| !t.is_empty())
                            .collect();
                        (terms, g.points)
                    })
                    .collect(),
            },
        };
        CompiledItem {
            id: item.id().to_string(),
            item_type: item.item_type(),
            points: item.points(),
            option_count,
            key,
        }
    }

    /// The item's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The item's type.
    pub fn item_type(&self) -> ItemType {
        self.item_type
    }

    /// The item's maximum points.
    pub fn max_points(&self) -> f64 {
        self.points
    }

    /// Options (2 for true/false, 0 for types without options).
    pub fn option_count(&self) -> u8 {
        self.option_count
    }

    /// The correct options as a bitmask in the bank's order: the key of single and multiple
    /// choice, bit 0 (true) or bit 1 (false) for true/false, every full-points reply of a
    /// situational item; 0 for other types.
    pub fn correct_mask(&self) -> u32 {
        match &self.key {
            Key::Single { correct, .. } => 1u32 << correct,
            Key::Multiple { correct, .. } => *correct,
            Key::TrueFalse { answer } => {
                if *answer {
                    1
                } else {
                    2
                }
            }
            Key::Situational { points } => points
                .iter()
                .enumerate()
                .filter(|(_, p)| (*p - self.points).abs() <= EPSILON)
                .fold(0, |m, (i, _)| m | 1u32 << i),
            _ => 0,
        }
    }

    /// How blanks and short answers of this item are normalised before comparison.
    pub fn normalization(&self) -> Normalize {
        match &self.key {
            Key::FillBlank { normalize, .. } => *normalize,
            _ => Normalize::default(),
        }
    }

    /// Scores a response. Assumes the response fits the item (indexes in range); the parsers
    /// in `attempt` and `packed` guarantee it, and out-of-range indexes simply score 0.
    pub fn score(&self, answer: AnswerRef<'_>) -> ItemScore {
        let mut choice = 0;
        let mut matched_keywords = 0;
        let max = self.points;
        let answer = if answer.is_empty() {
            AnswerRef::Unanswered
        } else {
            answer
        };
        let fraction = match (&self.key, answer) {
            (_, AnswerRef::Unanswered) => None,
            (Key::Single { correct, .. }, AnswerRef::Choice(c)) => {
                choice = 1u32.checked_shl(u32::from(c)).unwrap_or(0);
                Some(if c == *correct { 1.0 } else { 0.0 })
            }
            (
                Key::Multiple {
                    correct,
                    option_count,
                    policy,
                },
                AnswerRef::Choices(mask),
            ) => {
                choice = mask;
                Some(policy.credit(*correct, mask, *option_count))
            }
            (Key::TrueFalse { answer }, AnswerRef::Bool(b)) => {
                choice = if b { 1 } else { 2 };
                Some(if b == *answer { 1.0 } else { 0.0 })
            }
            (Key::FillBlank { accepted, .. }, AnswerRef::Blanks(blanks)) => {
                let right = accepted
                    .iter()
                    .enumerate()
                    .filter(|(b, alts)| {
                        blanks
                            .get(*b)
                            .is_some_and(|r| !r.is_empty() && alts.iter().any(|a| a == r))
                    })
                    .count();
                Some(ratio(right, accepted.len()))
            }
            (Key::Numeric { value, tolerance }, AnswerRef::Number(x)) => {
                let slack = EPSILON * value.abs().max(1.0);
                Some(if (x - value).abs() <= tolerance + slack {
                    1.0
                } else {
                    0.0
                })
            }
            (Key::Ordering { position, adjacent }, AnswerRef::Order(order)) => {
                let n = position.len();
                let place = |i: &u8| position.get(usize::from(*i)).copied();
                let exact = order.len() == n
                    && order
                        .iter()
                        .enumerate()
                        .all(|(k, i)| place(i) == u8::try_from(k).ok());
                if exact {
                    Some(1.0)
                } else if *adjacent {
                    let pairs = order
                        .windows(2)
                        .filter(
                            |w| match (w.first().and_then(place), w.get(1).and_then(place)) {
                                (Some(a), Some(b)) => u16::from(a) + 1 == u16::from(b),
                                _ => false,
                            },
                        )
                        .count();
                    Some(ratio(pairs, n.saturating_sub(1)))
                } else {
                    Some(0.0)
                }
            }
            (
                Key::Matching {
                    answer,
                    all_or_nothing,
                },
                AnswerRef::Matches(chosen),
            ) => {
                let right = answer
                    .iter()
                    .zip(chosen)
                    .filter(|(a, c)| a == c && **c != NO_MATCH)
                    .count();
                if *all_or_nothing {
                    Some(if right == answer.len() { 1.0 } else { 0.0 })
                } else {
                    Some(ratio(right, answer.len()))
                }
            }
            (Key::Situational { points }, AnswerRef::Choice(c)) => {
                choice = 1u32.checked_shl(u32::from(c)).unwrap_or(0);
                let earned = points.get(usize::from(c)).copied().unwrap_or(0.0);
                Some(if max > 0.0 { earned / max } else { 0.0 })
            }
            (Key::ShortAnswer { keywords }, AnswerRef::Text(text)) => {
                let mut sum = 0.0;
                for (k, (terms, points)) in keywords.iter().enumerate() {
                    if terms
                        .iter()
                        .any(|t| contains_bytes(text.as_bytes(), t.as_bytes()))
                    {
                        matched_keywords |= 1u32.checked_shl(k as u32).unwrap_or(0);
                        sum += points;
                    }
                }
                let provisional = sum.min(max);
                return ItemScore {
                    points: provisional,
                    max_points: max,
                    status: ItemStatus::Pending,
                    choice,
                    matched_keywords,
                };
            }
            // A response of another type's shape: treat as unanswered (parsers prevent it).
            _ => None,
        };
        let Some(fraction) = fraction else {
            return ItemScore {
                points: 0.0,
                max_points: max,
                status: ItemStatus::Unanswered,
                choice: 0,
                matched_keywords: 0,
            };
        };
        let mut points = clamp_points(fraction * max, max);
        if let Key::Single { penalty, floor, .. } = &self.key {
            if fraction == 0.0 && *floor != FloorScope::Item && *penalty > 0.0 {
                points = -penalty * max;
            }
        }
        ItemScore {
            points,
            max_points: max,
            status: status_of(points, max),
            choice,
            matched_keywords,
        }
    }
}

/// Correct, partial or wrong by the points earned.
pub(crate) fn status_of(points: f64, max: f64) -> ItemStatus {
    if max > 0.0 && points >= max - EPSILON {
        ItemStatus::Correct
    } else if points > EPSILON {
        ItemStatus::Partial
    } else {
        ItemStatus::Wrong
    }
}

/// `haystack` contains `needle`, byte for byte. For valid UTF-8 (both are `str`s) this is
/// exactly `str::contains`; for answers of a few dozen bytes and short terms a first-byte scan
/// beats the general searcher's set-up, which dominated cohort scoring of short answers.
fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut tail = haystack;
    while let Some(at) = tail.iter().position(|&b| b == first) {
        let after = tail.get(at + 1..).unwrap_or(&[]);
        if after.starts_with(rest) {
            return true;
        }
        tail = after;
    }
    false
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// `points.clamp(0.0, max)` for a validated `max` (finite, above 0), NaN kept, as `f64::clamp`
/// computes it; without `clamp`'s check that `min <= max`, whose panic message formats floats with
/// core's float printer (which the candidate module leaves out, see kaohe_json::f64_to_string).
pub(crate) fn clamp_points(points: f64, max: f64) -> f64 {
    if points < 0.0 {
        0.0
    } else if points > max {
        max
    } else {
        points
    }
}

#[cfg(test)]
mod tests {
    use super::contains_bytes;

    #[test]
    fn byte_search_agrees_with_str_contains() {
        let texts = [
            "",
            "抱歉",
            "非常抱歉，我会持续跟进",
            "aab",
            "跟进跟进",
            "abcabd",
        ];
        let terms = ["", "抱歉", "跟进", "ab", "abd", "b", "持续跟进吧", "歉，我"];
        for t in texts {
            for n in terms {
                assert_eq!(
                    contains_bytes(t.as_bytes(), n.as_bytes()),
                    t.contains(n),
                    "{t} {n}"
                );
            }
        }
    }
}
