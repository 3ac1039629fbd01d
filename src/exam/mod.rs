//! The exam engine (理论知识考核): question banks, blueprints, seeded paper assembly, the
//! candidate's view, item and exam scoring, manual grading, and a fast cohort path.
//!
//! The flow, every step pure Rust and deterministic:
//!
//! 1. [`Bank::from_json`] / [`Bank::decode`]: read and validate a question bank;
//! 2. [`Blueprint::from_json`] / [`Blueprint::decode`], then [`Blueprint::validate_against`];
//! 3. [`assemble_paper`]: bank + blueprint + seed → a [`Paper`] (the same seed rebuilds it);
//! 4. [`candidate_view`]: what the candidate's page shows, with no answer key;
//! 5. [`score_attempt`]: responses (+ trainer [`Grades`]) → an [`ExamResult`];
//! 6. [`CompiledExam`]: a paper compiled once; [`CompiledExam::encode`] packs a candidate's
//!    responses into bytes and [`CompiledExam::score_cohort`] scores thousands in one call.
//!
//! Where each rule lives: the formats in [`item`], [`bank`], [`blueprint`], [`paper`]; how a
//! multiple-choice selection earns credit in [`policy`]; how each item type is scored in
//! [`score_item`]; text normalisation in [`normalize`]; responses in [`attempt`]; the packed
//! byte layout in [`packed`]; the domain's figures in [`defaults`].

pub mod adaptive;
pub mod adaptive_exam;
pub mod attempt;
pub mod bank;
pub mod blueprint;
pub mod cohort;
pub mod compiled;
pub mod defaults;
pub mod grading;
pub mod integrity;
pub mod item;
pub mod log;
pub mod normalize;
pub mod packed;
pub mod paper;
pub mod parallel;
pub mod parallel_setup;
pub mod policy;
pub mod result;
pub mod review;
pub mod rng;
pub mod score_item;
pub mod sealed;
pub mod session;
pub mod setup;
pub mod sha256;
#[doc(hidden)]
pub mod synthetic;
pub(crate) mod validate;
pub mod view;

pub use attempt::{parse_response, Answer, Responses};
pub use bank::Bank;
pub use blueprint::{Blueprint, BlueprintSection, DifficultyRange, Draw, Filter};
pub use cohort::CohortScores;
pub use compiled::CompiledExam;
pub use grading::{decode_grades, Grade, Grades};
pub use item::{
    Blank, Choice, FillBlankItem, Item, ItemType, KeywordGroup, MatchingCredit, MatchingItem,
    MultipleItem, NumericAnswer, NumericItem, OrderingCredit, OrderingItem, ScoredChoice,
    ShortAnswerItem, SingleItem, SituationalItem, Tags, ToleranceKind, TrueFalseItem,
};
pub use normalize::{normalize, Normalize};
pub use packed::PACKED_VERSION;
pub use paper::{
    assemble_paper, cohort_paper, every_paper_has_the_same_items, Paper, PaperSection,
};
pub use policy::{FloorScope, MultipleChoicePolicy, NegativeMarking, PolicyKind};
pub use result::{score_attempt, ExamResult, ItemResult, SectionResult, TagResult};
pub use rng::SplitMix64;
pub use score_item::{AnswerRef, CompiledItem, ItemScore, ItemStatus, NO_MATCH};
pub use view::{candidate_view, ItemView, PaperView, SectionView};
