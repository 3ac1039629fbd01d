//! The exam bindings a candidate's device runs (the candidate module, and part of the full one):
//! exams, papers, views, scoring and review, sealed exams and the attempt-log hash.
//!
//! Feature `cohort` (additive; `kaohe-wasm-trainer` enables it) adds the trainer's cohort methods
//! on `Exam` (`scoreCohort`, `cohortItemIds`) and `Cohort` with its item analysis: methods of
//! `Exam` can only be defined in this crate.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "cohort")]
mod distractors;
pub mod exam;
pub mod security;
