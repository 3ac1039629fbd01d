//! kaohe (考核): assess and develop customer-service staff, entirely in the browser.
//!
//! The crate is a pure Rust core, tested natively; the thin bindings that convert plain JS objects
//! and typed arrays at the boundary, and the wasm modules built from them, are the `kaohe-wasm*`
//! crates of the workspace (crates/). The folders follow the job:
//!
//! - [`exam`]: question banks, paper assembly, item and exam scoring, cohort scoring, sealed
//!   banks, the attempt log's hash chain;
//! - [`rubric`]: practical-assessment scorecards, rater panels, agreement, transcript indicators;
//! - [`assessment`]: the composite result (theory + practical) and cohort pass rates;
//! - [`competency`]: the competency model, evidence → levels, gaps, the team view, KPI CSV import;
//! - [`plan`]: development plans: goals, measures, schedule, tracking, Kirkpatrick, CSV/ICS exports;
//! - [`analytics`]: item analysis and reliability;
//! - [`interop`]: question-bank imports and exports (xlsx, CSV, GIFT, Aiken), xAPI statements;
//! - [`report`]: SVG charts (radar, heatmap, distribution);
//! - shared: [`error`] (the one error type), [`format`](mod@format) (JSON decoding with paths), [`csv`] (the
//!   one CSV reader and formula-safe writer), [`i18n`] (the two locales), [`date`], [`sort`] (the
//!   one stable sort for ordinary call sites, compiled once).
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
pub mod encoding;
pub mod error;
pub mod exam;
pub mod format;
pub mod i18n;
pub mod interop;
pub mod plan;
pub mod report;
pub mod roster;
pub mod rubric;
pub mod sort;

pub use error::{Error, ErrorCode, Result};
pub use i18n::{Locale, Text};
