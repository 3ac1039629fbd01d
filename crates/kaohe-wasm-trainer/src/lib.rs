//! The trainer's bindings (the full module): bank checks, sealing and log verification, cohort
//! scoring and item analysis (through `kaohe-wasm-exam`'s `cohort` feature), rubrics and
//! transcripts, assessments and composites, competency and teams, development plans.
//!
//! Nothing here may reach the candidate module: .ci/build checks that none of this crate's
//! exports is in it.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod assessment;
pub mod bank;
pub mod competency;
pub mod csv;
pub mod cycle;
pub mod evidence;
pub mod integrity;
pub mod irt;
pub mod irt_cohort;
pub mod overview;
pub mod plan;
pub mod rubric;
pub mod text;

/// The exam bindings with the cohort methods, so the full module carries both.
pub use kaohe_wasm_exam as exam;
