//! Flags: items a trainer should look at, each with a code and a reason in both languages.

use crate::format::{FromJson, ToJson};

use super::item_stats::ItemStatistics;
use super::options::FlagThresholds;
use crate::i18n::Text;

/// What is wrong with an item. Stable codes the page can filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FlagCode {
    /// Facility above the "too easy" threshold.
    TooEasy,
    /// Facility below the "too hard" threshold.
    TooHard,
    /// Discrimination at or above 0 but below the threshold: the item barely separates strong
    /// from weak candidates.
    LowDiscrimination,
    /// Discrimination below 0: weak candidates do better than strong ones (a wrong key?).
    NegativeDiscrimination,
    /// A wrong option nobody chose: it does not work as a distractor.
    UnusedDistractor,
    /// A wrong option chosen by more of the upper group than of the lower group (ambiguous
    /// wording or a second correct answer?).
    DistractorFavoursUpperGroup,
}

/// One flag on one item (and option, for distractor flags).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    /// Position of the item.
    pub item_index: u32,
    /// Item id.
    pub item_id: String,
    /// What is wrong.
    pub code: FlagCode,
    /// The option concerned (0 = A), for distractor flags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<u32>,
    /// The statistic that raised the flag (facility, discrimination), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Why, in both languages.
    pub message: Text,
}

fn percent(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// A value and the threshold it crossed, as percentages that never read alike: 0.904 against
/// 0.90 is "90.4%" against "90%", not "90%, above 90%".
fn percent_pair(value: f64, threshold: f64) -> (String, String) {
    let (v, t) = (percent(value), percent(threshold));
    if v == t {
        (format!("{:.1}%", value * 100.0), t)
    } else {
        (v, t)
    }
}

/// The flags of one item, in a fixed order: facility, discrimination, then options.
pub(crate) fn flag_item(item: &ItemStatistics, t: &FlagThresholds, out: &mut Vec<Flag>) {
    let id = item.item_id.as_str();
    let mut push = |code, option, value, zh: String, en: String| {
        out.push(Flag {
            item_index: item.index,
            item_id: item.item_id.clone(),
            code,
            option,
            value,
            message: Text::new(zh, en),
        });
    };
    if let Some(f) = item.facility.value {
        if f > t.too_easy_above {
            push(
                FlagCode::TooEasy,
                None,
                Some(f),
                {
                    let (v, limit) = percent_pair(f, t.too_easy_above);
                    format!("题目 {id} 过于容易：得分率 {v}，高于 {limit}")
                },
                {
                    let (v, limit) = percent_pair(f, t.too_easy_above);
                    format!("Item {id} is too easy: facility {v}, above {limit}")
                },
            );
        } else if f < t.too_hard_below {
            push(
                FlagCode::TooHard,
                None,
                Some(f),
                {
                    let (v, limit) = percent_pair(f, t.too_hard_below);
                    format!("题目 {id} 过难：得分率 {v}，低于 {limit}")
                },
                {
                    let (v, limit) = percent_pair(f, t.too_hard_below);
                    format!("Item {id} is too hard: facility {v}, below {limit}")
                },
            );
        }
    }
    if let Some(d) = item.discrimination.value {
        if d < 0.0 {
            push(
                FlagCode::NegativeDiscrimination,
                None,
                Some(d),
                format!("题目 {id} 区分度为负（{d:.2}）：低分者反而答得更好，请检查答案是否正确"),
                format!("Item {id} has negative discrimination ({d:.2}): weaker candidates do better; check the key"),
            );
        } else if d < t.low_discrimination_below {
            let limit = t.low_discrimination_below;
            push(
                FlagCode::LowDiscrimination,
                None,
                Some(d),
                format!("题目 {id} 区分度低（{d:.2}，低于 {limit:.2}）：难以区分高低水平"),
                format!("Item {id} discriminates poorly ({d:.2}, below {limit:.2})"),
            );
        }
    }
    // Distractors exist only where some option is the key (choice, true/false, situational):
    // the options of an ordering or matching item are steps and pairs, not distractors.
    if item.responses == 0 || item.answered == 0 || !item.options.iter().any(|o| o.is_key) {
        return;
    }
    for o in item.options.iter().filter(|o| !o.is_key) {
        let label = &o.label;
        if o.count == 0 {
            push(
                FlagCode::UnusedDistractor,
                Some(o.option),
                None,
                format!("题目 {id} 的干扰项 {label} 无人选择，起不到干扰作用"),
                format!("Nobody chose distractor {label} of item {id}"),
            );
        } else if o.upper_count > o.lower_count {
            let (u, l) = (o.upper_count, o.lower_count);
            push(
                FlagCode::DistractorFavoursUpperGroup,
                Some(o.option),
                None,
                format!("题目 {id} 的干扰项 {label} 被高分组选择更多（{u} 人对低分组 {l} 人），请检查题干是否有歧义"),
                format!("Distractor {label} of item {id} is chosen more by the upper group ({u}) than the lower ({l}); check for ambiguity"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::percent_pair;

    #[test]
    fn a_value_never_reads_like_its_threshold() {
        assert_eq!(
            percent_pair(0.904, 0.9),
            ("90.4%".to_string(), "90%".to_string())
        );
        assert_eq!(
            percent_pair(0.95, 0.9),
            ("95%".to_string(), "90%".to_string())
        );
        assert_eq!(
            percent_pair(0.196, 0.2),
            ("19.6%".to_string(), "20%".to_string())
        );
    }
}
