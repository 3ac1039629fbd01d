//! The candidate's review after submitting: per item the status, the answer given and the
//! correct answer as readable text, and the explanation (解析).
//!
//! Answers are rendered here rather than on the page because only the core knows how an option
//! id maps to the letter the candidate saw (the paper's shuffled order) and what a key means.

use crate::format::{FromJson, Num, ToJson};
use serde_json::Value;

use super::attempt::Responses;
use super::bank::Bank;
use super::compiled::CompiledExam;
use super::grading::{Grade, Grades};
use super::item::{Choice, Item, ItemType, ToleranceKind};
use super::paper::Paper;
use super::score_item::ItemStatus;
use super::view::ordered_options;
use crate::error::Result;
use crate::i18n::Text;

/// What the candidate sees after submitting.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The items in paper order.
    pub items: Vec<ReviewItem>,
}

/// One item of the review.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    /// Item id.
    pub item_id: String,
    /// 1-based number on the paper.
    pub number: u32,
    /// The section it is in.
    pub section_id: String,
    /// Item type.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// The question.
    pub stem: String,
    /// Points earned.
    pub points: f64,
    /// Maximum points.
    pub max_points: f64,
    /// correct, partial, wrong, unanswered or pending.
    pub status: ItemStatus,
    /// The answer given, as the candidate saw the options ("B. 先道歉…"); empty when unanswered.
    pub your_answer: Text,
    /// The correct answer in the same terms (for short answers: the model answer or keywords).
    pub correct_answer: Text,
    /// The explanation (解析), if the bank has one.
    pub explanation: Option<String>,
    /// The trainer's grade of a short answer, once given.
    pub grade: Option<Grade>,
}

/// Builds the review of an attempt: the scores of [`CompiledExam::result`] with readable answers.
pub fn review(
    bank: &Bank,
    paper: &Paper,
    responses: &Responses,
    grades: &Grades,
) -> Result<Review> {
    let compiled = CompiledExam::new(bank, paper)?;
    let result = compiled.result(responses, grades, None)?;
    let mut items = Vec::with_capacity(result.items.len());
    for (index, scored) in result.items.iter().enumerate() {
        let Some(item) = bank.item(&scored.item_id) else {
            continue;
        };
        let shown = ordered_options(item, paper);
        let response = responses.get(&scored.item_id).unwrap_or(&Value::Null);
        items.push(ReviewItem {
            item_id: scored.item_id.clone(),
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            section_id: scored.section_id.clone(),
            item_type: scored.item_type,
            stem: item.stem().to_string(),
            points: scored.points,
            max_points: scored.max_points,
            status: scored.status,
            your_answer: given_answer(item, &shown, response),
            correct_answer: correct_answer(item, &shown),
            explanation: item.explanation().map(str::to_string),
            grade: scored.grade.clone(),
        });
    }
    Ok(Review {
        schema_version: 1,
        items,
    })
}

/// "B. text" with B the letter of the option's position as shown.
fn labelled(shown: &[Choice], id: &str) -> String {
    match shown.iter().position(|o| o.id == id) {
        Some(pos) => {
            let letter = char::from(b'A' + u8::try_from(pos % 26).unwrap_or(0));
            shown
                .get(pos)
                .map_or_else(String::new, |o| format!("{letter}. {}", o.text))
        }
        None => id.to_string(),
    }
}

fn text_of(shown: &[Choice], id: &str) -> String {
    shown
        .iter()
        .find(|o| o.id == id)
        .map_or_else(|| id.to_string(), |o| o.text.clone())
}

fn same(text: String) -> Text {
    Text::new(text.clone(), text)
}

fn boolean(value: bool) -> Text {
    if value {
        Text::new("正确", "True")
    } else {
        Text::new("错误", "False")
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(list) => list.iter().map(scalar).collect(),
        Value::Null => Vec::new(),
        other => vec![scalar(other)],
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn given_answer(item: &Item, shown: &[Choice], response: &Value) -> Text {
    match (item, response) {
        (_, Value::Null) => Text::default(),
        (Item::TrueFalse(_), Value::Bool(b)) => boolean(*b),
        (Item::Single(_) | Item::Situational(_), v) => same(labelled(shown, &scalar(v))),
        (Item::Multiple(_), v) => same(
            strings(v)
                .iter()
                .map(|id| labelled(shown, id))
                .collect::<Vec<_>>()
                .join("；"),
        ),
        (Item::Ordering(_), v) => same(
            strings(v)
                .iter()
                .map(|id| text_of(shown, id))
                .collect::<Vec<_>>()
                .join(" → "),
        ),
        (Item::Matching(m), Value::Object(pairs)) => same(
            m.prompts
                .iter()
                .filter_map(|p| {
                    pairs
                        .get(&p.id)
                        .map(|o| format!("{} → {}", p.text, text_of(&m.options, &scalar(o))))
                })
                .collect::<Vec<_>>()
                .join("；"),
        ),
        (Item::FillBlank(_), v) => same(strings(v).join(" | ")),
        (_, v) => same(scalar(v)),
    }
}

fn correct_answer(item: &Item, shown: &[Choice]) -> Text {
    match item {
        Item::Single(i) => same(labelled(shown, &i.answer)),
        Item::Multiple(i) => {
            // In the order shown, so the letters read A, C rather than C, A.
            let letters: Vec<String> = shown
                .iter()
                .filter(|o| i.answer.contains(&o.id))
                .map(|o| labelled(shown, &o.id))
                .collect();
            same(letters.join("；"))
        }
        Item::TrueFalse(i) => boolean(i.answer),
        Item::FillBlank(i) => same(
            i.blanks
                .iter()
                .map(|b| b.accepted.join(" / "))
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        Item::Numeric(i) => {
            let unit = i.unit.clone().unwrap_or_default();
            let value = Num(i.answer.value);
            let tolerance = i.answer.tolerance;
            if tolerance > 0.0 {
                let (zh, en) = match i.answer.tolerance_kind {
                    ToleranceKind::Absolute => (
                        format!("{value}{unit}（允许误差 ±{}{unit}）", Num(tolerance)),
                        format!("{value}{unit} (± {}{unit})", Num(tolerance)),
                    ),
                    ToleranceKind::Relative => (
                        format!("{value}{unit}（允许误差 ±{}%）", Num(tolerance * 100.0)),
                        format!("{value}{unit} (± {}%)", Num(tolerance * 100.0)),
                    ),
                };
                Text::new(zh, en)
            } else {
                same(format!("{value}{unit}"))
            }
        }
        Item::Ordering(i) => same(
            i.answer
                .iter()
                .map(|id| text_of(&i.options, id))
                .collect::<Vec<_>>()
                .join(" → "),
        ),
        Item::Matching(i) => same(
            i.prompts
                .iter()
                .filter_map(|p| {
                    i.answer
                        .get(&p.id)
                        .map(|o| format!("{} → {}", p.text, text_of(&i.options, o)))
                })
                .collect::<Vec<_>>()
                .join("；"),
        ),
        Item::Situational(i) => {
            let best = i.options.iter().map(|o| o.points).fold(0.0_f64, f64::max);
            same(
                i.options
                    .iter()
                    .filter(|o| o.points >= best)
                    .map(|o| labelled(shown, &o.id))
                    .collect::<Vec<_>>()
                    .join("；"),
            )
        }
        Item::ShortAnswer(i) => match &i.model_answer {
            Some(model) => same(model.clone()),
            None => {
                let groups: Vec<String> = i.keywords.iter().map(|k| k.terms.join("/")).collect();
                Text::new(
                    format!("要点：{}", groups.join("；")),
                    format!("Key points: {}", groups.join("; ")),
                )
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{assemble_paper, Blueprint};
    use serde_json::json;

    fn sample() -> (Bank, Paper) {
        let bank = Bank::from_json(include_str!("../../www/samples/bank.json")).unwrap();
        let blueprint =
            Blueprint::from_json(include_str!("../../www/samples/blueprint.json")).unwrap();
        let paper = assemble_paper(&bank, &blueprint, 11).unwrap();
        (bank, paper)
    }

    #[test]
    fn letters_follow_the_shown_order_and_every_item_has_a_correct_answer() {
        let (bank, paper) = sample();
        let first_single = paper
            .item_ids()
            .find(|id| matches!(bank.item(id), Some(Item::Single(_))))
            .unwrap()
            .to_string();
        let Some(Item::Single(single)) = bank.item(&first_single) else {
            unreachable!()
        };
        let shown = &paper.option_order[&first_single];
        let position = shown.iter().position(|id| id == &single.answer).unwrap();
        let letter = char::from(b'A' + position as u8);
        let responses: Responses = [(first_single.clone(), json!(single.answer))].into();
        let review = review(&bank, &paper, &responses, &Grades::new()).unwrap();
        let item = review
            .items
            .iter()
            .find(|i| i.item_id == first_single)
            .unwrap();
        assert_eq!(item.status, ItemStatus::Correct);
        assert!(item.your_answer.zh.starts_with(&format!("{letter}. ")));
        assert_eq!(item.your_answer, item.correct_answer);
        assert_eq!(review.items.len(), paper.item_ids().count());
        for item in &review.items {
            assert!(!item.correct_answer.zh.is_empty(), "{}", item.item_id);
            if item.status == ItemStatus::Unanswered {
                assert!(item.your_answer.zh.is_empty());
            }
        }
        let numbers: Vec<u32> = review.items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn true_false_and_ordering_read_as_words() {
        let bank = Bank::from_json(include_str!("../../www/samples/bank.json")).unwrap();
        let ids: Vec<String> = bank
            .items()
            .iter()
            .filter(|i| matches!(i.item_type(), ItemType::TrueFalse | ItemType::Ordering))
            .map(|i| i.id().to_string())
            .collect();
        let blueprint = Blueprint::decode(&json!({"schemaVersion": 1, "id": "t", "title": "t",
            "bankId": bank.id(), "sections": [{"id": "s", "title": "s", "fixed": ids}]}))
        .unwrap();
        let paper = assemble_paper(&bank, &blueprint, 3).unwrap();
        let review = review(&bank, &paper, &Responses::new(), &Grades::new()).unwrap();
        for item in &review.items {
            match item.item_type {
                ItemType::TrueFalse => {
                    assert!(["正确", "错误"].contains(&item.correct_answer.zh.as_str()))
                }
                _ => assert!(item.correct_answer.zh.contains(" → ")),
            }
        }
    }
}
