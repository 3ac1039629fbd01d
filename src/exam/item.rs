//! The item types of a question bank (format version 1): what an author writes per item.
//!
//! Items are a tagged union on `type`. Every item carries `id`, `stem`, `points`, an optional
//! `explanation` (解析) and `tags`; the rest depends on the type. Decoding and validation live in
//! [`super::bank`]; scoring in [`super::score_item`].

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use super::normalize::Normalize;
use super::policy::{MultipleChoicePolicy, NegativeMarking};

/// The item types, as written in `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ItemType {
    /// 单选题.
    Single,
    /// 多选题.
    Multiple,
    /// 判断题.
    TrueFalse,
    /// 填空题.
    FillBlank,
    /// 数值题.
    Numeric,
    /// 排序题.
    Ordering,
    /// 匹配题.
    Matching,
    /// 情景判断题.
    Situational,
    /// 简答题.
    ShortAnswer,
}

impl ItemType {
    /// Every type, in the order the format lists them.
    pub const ALL: &'static [ItemType] = &[
        ItemType::Single,
        ItemType::Multiple,
        ItemType::TrueFalse,
        ItemType::FillBlank,
        ItemType::Numeric,
        ItemType::Ordering,
        ItemType::Matching,
        ItemType::Situational,
        ItemType::ShortAnswer,
    ];

    /// The tag as written in JSON (`trueFalse`).
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Single => "single",
            ItemType::Multiple => "multiple",
            ItemType::TrueFalse => "trueFalse",
            ItemType::FillBlank => "fillBlank",
            ItemType::Numeric => "numeric",
            ItemType::Ordering => "ordering",
            ItemType::Matching => "matching",
            ItemType::Situational => "situational",
            ItemType::ShortAnswer => "shortAnswer",
        }
    }

    /// The type named by a JSON tag, if any.
    pub fn parse(tag: &str) -> Option<ItemType> {
        ItemType::ALL.iter().copied().find(|t| t.as_str() == tag)
    }

    /// Whether the blueprint's `shuffleOptions` applies to this type. Ordering items are not
    /// covered by it: their steps are always shown shuffled (see `assemble_paper`); true/false
    /// has no options.
    pub fn shuffles_options(self) -> bool {
        matches!(
            self,
            ItemType::Single | ItemType::Multiple | ItemType::Matching | ItemType::Situational
        )
    }
}

/// What an item is about: its competency dimension, knowledge point and difficulty.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tags {
    /// One of the competency dimension ids (`product_knowledge`, `compliance`…).
    pub dimension: String,
    /// Free text naming the knowledge point (`退换货政策`); results are also totalled by it.
    pub knowledge_point: String,
    /// 1 (easy) to 5 (hard).
    pub difficulty: i32,
    /// Free labels (`售后`, `VIP`) that blueprints can filter on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

/// An option (or a matching prompt): an id such as `A` and its text.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Choice {
    /// Unique within the item.
    pub id: String,
    /// What the candidate reads.
    pub text: String,
}

/// A situational-judgement reply with its own points.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoredChoice {
    /// Unique within the item.
    pub id: String,
    /// What the candidate reads.
    pub text: String,
    /// Points this reply earns, 0 to the item's points; the best reply earns them all.
    pub points: f64,
}

/// One blank of a fill-in-the-blank item.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Blank {
    /// Accepted answers; any one of them, after normalisation, is correct.
    pub accepted: Vec<String>,
}

/// Whether a numeric tolerance is in the answer's units or a fraction of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ToleranceKind {
    /// |response − value| ≤ tolerance.
    #[default]
    Absolute,
    /// |response − value| ≤ tolerance × |value|.
    Relative,
}

/// The key of a numeric item.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NumericAnswer {
    /// The correct value.
    pub value: f64,
    /// How far a response may be off, ≥ 0 (default 0).
    #[serde(default)]
    pub tolerance: f64,
    /// How `tolerance` is read (default `absolute`).
    #[serde(default)]
    pub tolerance_kind: ToleranceKind,
}

/// Credit rule of an ordering item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OrderingCredit {
    /// Full points for the exact order only (default).
    #[default]
    AllOrNothing,
    /// points × correct adjacent pairs / (n − 1).
    AdjacentPairs,
}

/// Credit rule of a matching item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum MatchingCredit {
    /// points × correct pairs / prompts (default).
    #[default]
    PerPair,
    /// Full points only when every prompt is matched correctly.
    AllOrNothing,
}

/// A keyword group of a short-answer rubric: it matches when any of its terms occurs.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeywordGroup {
    /// Synonyms (`道歉`, `抱歉`); matched in the normalised answer.
    pub terms: Vec<String>,
    /// Provisional points the group earns (> 0).
    pub points: f64,
}

macro_rules! item_struct {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $vis:vis $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            /// Unique, non-blank id within the bank.
            pub id: String,
            /// The question; fill-in-the-blank stems mark blanks with `____`.
            pub stem: String,
            /// Maximum points (> 0).
            pub points: f64,
            /// 解析, shown after the exam.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub explanation: Option<String>,
            /// Dimension, knowledge point, difficulty, labels.
            pub tags: Tags,
            $($(#[$fdoc])* $vis $field: $ty,)*
        }
    };
}

item_struct!(
    /// 单选题: one option is correct.
    SingleItem {
        /// 2–26 options.
        pub options: Vec<Choice>,
        /// The correct option's id.
        pub answer: String,
        /// Overrides the bank's negative marking for this item.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub negative_marking: Option<NegativeMarking>,
    }
);

item_struct!(
    /// 多选题: one or more options are correct.
    MultipleItem {
        /// 2–26 options.
        pub options: Vec<Choice>,
        /// The correct options' ids (≥ 1, distinct).
        pub answer: Vec<String>,
        /// Overrides the bank's `multipleChoicePolicy` for this item.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub policy: Option<MultipleChoicePolicy>,
    }
);

item_struct!(
    /// 判断题.
    TrueFalseItem {
        /// Whether the statement is true.
        pub answer: bool,
    }
);

item_struct!(
    /// 填空题: one or more blanks, each with accepted alternatives.
    FillBlankItem {
        /// The blanks in the order the stem's `____` marks appear.
        pub blanks: Vec<Blank>,
        /// Normalisation before comparing (every step on by default).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub normalize: Option<Normalize>,
    }
);

item_struct!(
    /// 数值题: a number within a tolerance.
    NumericItem {
        /// The value and its tolerance.
        pub answer: NumericAnswer,
        /// Unit shown next to the input (`天`, `%`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub unit: Option<String>,
    }
);

item_struct!(
    /// 排序题: put the steps in order (e.g. the six complaint-handling steps). Options are shown
    /// in the bank's order, never shuffled, so authors list them scrambled.
    OrderingItem {
        /// The steps, 2–26.
        pub options: Vec<Choice>,
        /// Every option id, in the right order.
        pub answer: Vec<String>,
        /// All or nothing (default), or credit per correct adjacent pair.
        #[serde(default)]
        pub credit: OrderingCredit,
    }
);

item_struct!(
    /// 匹配题: match each prompt to an option (options may outnumber prompts).
    MatchingItem {
        /// The left column, 1–26.
        pub prompts: Vec<Choice>,
        /// The right column, 1–26.
        pub options: Vec<Choice>,
        /// promptId → optionId, for every prompt.
        pub answer: BTreeMap<String, String>,
        /// Per pair (default) or all or nothing.
        #[serde(default)]
        pub credit: MatchingCredit,
    }
);

item_struct!(
    /// 情景判断题: every reply carries its own points; the best one earns the item's points.
    SituationalItem {
        /// 2–26 replies with points.
        pub options: Vec<ScoredChoice>,
    }
);

item_struct!(
    /// 简答题: a keyword rubric gives a provisional score; a trainer confirms or overrides it.
    ShortAnswerItem {
        /// Keyword groups (may be empty: then the provisional score is 0).
        #[serde(default)]
        pub keywords: Vec<KeywordGroup>,
        /// A model answer for the trainer.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub model_answer: Option<String>,
    }
);

/// One question of a bank, tagged by `type`.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Item {
    /// 单选题.
    Single(SingleItem),
    /// 多选题.
    Multiple(MultipleItem),
    /// 判断题.
    TrueFalse(TrueFalseItem),
    /// 填空题.
    FillBlank(FillBlankItem),
    /// 数值题.
    Numeric(NumericItem),
    /// 排序题.
    Ordering(OrderingItem),
    /// 匹配题.
    Matching(MatchingItem),
    /// 情景判断题.
    Situational(SituationalItem),
    /// 简答题.
    ShortAnswer(ShortAnswerItem),
}

/// Runs `$body` with `$i` bound to whichever item struct `$item` holds.
macro_rules! each_item {
    ($item:expr, $i:ident => $body:expr) => {
        match $item {
            Item::Single($i) => $body,
            Item::Multiple($i) => $body,
            Item::TrueFalse($i) => $body,
            Item::FillBlank($i) => $body,
            Item::Numeric($i) => $body,
            Item::Ordering($i) => $body,
            Item::Matching($i) => $body,
            Item::Situational($i) => $body,
            Item::ShortAnswer($i) => $body,
        }
    };
}

impl Item {
    /// The item's id.
    pub fn id(&self) -> &str {
        each_item!(self, i => &i.id)
    }

    /// The question text.
    pub fn stem(&self) -> &str {
        each_item!(self, i => &i.stem)
    }

    /// Maximum points.
    pub fn points(&self) -> f64 {
        each_item!(self, i => i.points)
    }

    /// 解析, if any.
    pub fn explanation(&self) -> Option<&str> {
        each_item!(self, i => i.explanation.as_deref())
    }

    /// Dimension, knowledge point, difficulty, labels.
    pub fn tags(&self) -> &Tags {
        each_item!(self, i => &i.tags)
    }

    /// The item's type.
    pub fn item_type(&self) -> ItemType {
        match self {
            Item::Single(_) => ItemType::Single,
            Item::Multiple(_) => ItemType::Multiple,
            Item::TrueFalse(_) => ItemType::TrueFalse,
            Item::FillBlank(_) => ItemType::FillBlank,
            Item::Numeric(_) => ItemType::Numeric,
            Item::Ordering(_) => ItemType::Ordering,
            Item::Matching(_) => ItemType::Matching,
            Item::Situational(_) => ItemType::Situational,
            Item::ShortAnswer(_) => ItemType::ShortAnswer,
        }
    }

    /// The option ids in the bank's order (empty for types without options).
    pub fn option_ids(&self) -> Vec<&str> {
        match self {
            Item::Single(i) => i.options.iter().map(|o| o.id.as_str()).collect(),
            Item::Multiple(i) => i.options.iter().map(|o| o.id.as_str()).collect(),
            Item::Ordering(i) => i.options.iter().map(|o| o.id.as_str()).collect(),
            Item::Matching(i) => i.options.iter().map(|o| o.id.as_str()).collect(),
            Item::Situational(i) => i.options.iter().map(|o| o.id.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    /// Position of option `id` in the bank's order.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        // Searched in place: reading a response looks an option up per answer, and collecting
        // `option_ids` first allocated every time.
        match self {
            Item::Single(i) => i.options.iter().position(|o| o.id == id),
            Item::Multiple(i) => i.options.iter().position(|o| o.id == id),
            Item::Ordering(i) => i.options.iter().position(|o| o.id == id),
            Item::Matching(i) => i.options.iter().position(|o| o.id == id),
            Item::Situational(i) => i.options.iter().position(|o| o.id == id),
            _ => None,
        }
    }
}
