//! A paper compiled against its bank: per paper position, everything scoring needs, so that
//! one attempt or a cohort of thousands is scored without looking anything up.

use std::collections::BTreeMap;

use super::attempt::{parse_response_at, unknown_response, Answer, Responses};
use super::bank::Bank;
use super::item::Item;
use super::paper::Paper;
use super::policy::FloorScope;
use super::score_item::{CompiledItem, ItemScore, Key};
use crate::error::Result;

/// A section of a compiled paper: a range of positions and its rules.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompiledSection {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) min_percent: Option<f64>,
    /// Negative marking with a section floor applies to an item here.
    pub(crate) floor_at_zero: bool,
}

impl CompiledSection {
    /// This section's points out of the paper's per-position `points`, floored at 0 when
    /// negative marking floors the section.
    fn points(&self, points: &[f64]) -> f64 {
        let sum: f64 = points.get(self.start..self.end).unwrap_or(&[]).iter().sum();
        if self.floor_at_zero {
            sum.max(0.0)
        } else {
            sum
        }
    }
}

/// A paper compiled against its bank, ready to score attempts one by one or as a cohort.
///
/// ```
/// # use kaohe::exam::*;
/// # let bank = Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap();
/// # let blueprint = Blueprint::from_json(include_str!("../../tests/fixtures/exam/sample_blueprint.json")).unwrap();
/// let paper = assemble_paper(&bank, &blueprint, 7).unwrap();
/// let exam = CompiledExam::new(&bank, &paper).unwrap();
/// let packed = exam.encode(&Responses::new()).unwrap();
/// let scores = exam.score_packed(&packed).unwrap();
/// assert!(scores.iter().all(|s| s.status == ItemStatus::Unanswered));
/// ```
#[derive(Debug, Clone)]
pub struct CompiledExam {
    pub(crate) paper: Paper,
    pub(crate) items: Vec<Item>,
    pub(crate) compiled: Vec<CompiledItem>,
    pub(crate) sections: Vec<CompiledSection>,
    pub(crate) position: BTreeMap<String, usize>,
}

impl CompiledExam {
    /// Compiles `paper` against `bank` (validating the paper first).
    pub fn new(bank: &Bank, paper: &Paper) -> Result<CompiledExam> {
        paper.validate_against(bank)?;
        let mut items = Vec::new();
        let mut compiled = Vec::new();
        let mut sections = Vec::new();
        let mut position = BTreeMap::new();
        for s in &paper.sections {
            let start = items.len();
            let mut floor_at_zero = false;
            for id in &s.item_ids {
                let Some(item) = bank.item(id) else { continue };
                let c =
                    CompiledItem::new(item, bank.multiple_choice_policy(), bank.negative_marking());
                if let Key::Single {
                    penalty,
                    floor: FloorScope::Section,
                    ..
                } = c.key
                {
                    floor_at_zero |= penalty > 0.0;
                }
                position.insert(id.clone(), items.len());
                items.push(item.clone());
                compiled.push(c);
            }
            sections.push(CompiledSection {
                id: s.id.clone(),
                title: s.title.clone(),
                start,
                end: items.len(),
                min_percent: s.min_percent,
                floor_at_zero,
            });
        }
        Ok(CompiledExam {
            paper: paper.clone(),
            items,
            compiled,
            sections,
            position,
        })
    }

    /// The paper this exam was compiled from.
    pub fn paper(&self) -> &Paper {
        &self.paper
    }

    /// Number of items (paper positions).
    pub fn item_count(&self) -> usize {
        self.compiled.len()
    }

    /// The compiled items in paper order.
    pub fn items(&self) -> &[CompiledItem] {
        &self.compiled
    }

    /// Reads every response against its item, in paper order (absent items are unanswered).
    pub fn parse(&self, responses: &Responses) -> Result<Vec<Answer>> {
        unknown_response(responses, |id| self.position.contains_key(id))?;
        self.items
            .iter()
            .zip(&self.compiled)
            .map(|(item, c)| match responses.get(item.id()) {
                None => Ok(Answer::Unanswered),
                Some(value) => {
                    parse_response_at(item, c, value, &|| format!("responses.{}", item.id()))
                }
            })
            .collect()
    }

    /// Sum of item points per section, with section floors, and the exam total floored at 0.
    pub(crate) fn totals(&self, points: &[f64]) -> (Vec<f64>, f64) {
        let per_section: Vec<f64> = self.sections.iter().map(|s| s.points(points)).collect();
        let total = per_section.iter().sum::<f64>().max(0.0);
        (per_section, total)
    }

    /// The exam total of [`CompiledExam::totals`], without the per-section list.
    pub(crate) fn total(&self, points: &[f64]) -> f64 {
        self.sections
            .iter()
            .map(|s| s.points(points))
            .sum::<f64>()
            .max(0.0)
    }

    /// Scores parsed answers (as from [`CompiledExam::parse`]) without grades.
    pub fn score_answers(&self, answers: &[Answer]) -> Vec<ItemScore> {
        self.compiled
            .iter()
            .zip(answers)
            .map(|(c, a)| a.with_ref(|r| c.score(r)))
            .collect()
    }
}
