//! kaohe (考核): assess and develop customer-service staff, entirely in the browser.
//!
//! The crate is a pure Rust core, tested natively; the thin bindings that convert plain JS objects
//! and typed arrays at the boundary, and the wasm modules built from them, are the `kaohe-wasm*`
//! crates of the workspace (crates/). The folders follow the job:
//!
//! - [`exam`]: question banks, paper assembly, item and exam scoring, cohort scoring;
//! - [`rubric`]: practical-assessment scorecards, rater panels, agreement, transcript indicators;
//! - [`assessment`]: the composite result (theory + practical) and certification;
//! - [`competency`]: the competency model, evidence → levels, gaps, the team view;
//! - [`plan`]: development plans: goals, measures, schedule, tracking, Kirkpatrick;
//! - [`analytics`]: item analysis and reliability;
//! - [`report`]: SVG charts and CSV/ICS exports.
//!
//! Every input is validated; failures are [`Error`]s with a stable code and a path, never panics.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod analytics;
pub mod assessment;
pub mod competency;
pub mod csv;
pub mod date;
pub mod dimensions;
pub mod error;
pub mod exam;
pub mod format;
pub mod i18n;
pub mod interop;
pub mod plan;
pub mod report;
pub mod roster;
pub mod rubric;

pub use error::{Error, ErrorCode, Result};
pub use i18n::{Locale, Text};
