//! The trainer's bindings: bank checks, sealing and log verification, rubrics, rater agreement
//! and transcripts, assessments and composites, roster and exam set-up (the lite module,
//! `kaohe-wasm-lite`, and the full one); with the feature `stats` (default; the full module,
//! `kaohe-wasm-full`) also cohort scoring and item analysis (`kaohe-wasm-exam`'s `cohort`), IRT,
//! competency and teams, development plans and programme evidence.
//!
//! Nothing here may reach the candidate module: .ci/build checks that none of this crate's
//! exports is in it.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// Which module gets a binding: a module below without `#[cfg(feature = "stats")]` is in the lite
// module (the page's everyday trainer views, built for size) and the full one; with it, in the
// full module only (routes marked `full: true` in www/app.js, built for speed). A new binding file
// for a view on a lite route goes without the cfg line; heavy statistics go with it.
#[cfg(feature = "stats")]
pub mod adaptive;
pub mod assessment;
pub mod bank;
#[cfg(feature = "stats")]
pub mod competency;
pub mod csv;
pub mod cycle;
#[cfg(feature = "stats")]
pub mod evidence;
pub mod integrity;
#[cfg(feature = "stats")]
pub mod irt;
#[cfg(feature = "stats")]
pub mod irt_cohort;
#[cfg(feature = "stats")]
pub mod overview;
#[cfg(feature = "stats")]
pub mod plan;
pub mod rubric;
#[cfg(feature = "stats")]
pub mod text;

/// The exam bindings with the cohort methods, so the full module carries both.
pub use kaohe_wasm_exam as exam;
