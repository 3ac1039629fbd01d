//! The binding's shared part: the only crates that name wasm-bindgen or js-sys are this one and
//! the `kaohe-wasm-*` crates built on it.
//!
//! Each binding exposes one part of the core to JS: one params object in, one result object out,
//! plain data (camelCase) and typed arrays for cohort-sized data. Conversion and errors live here
//! ([`convert`], [`error`]), with the locale of thrown messages ([`locale`]: `setLocale`,
//! `getLocale`), so every export behaves the same way at the boundary.
//!
//! The three wasm modules follow from what their crates depend on (a `#[wasm_bindgen]` export of
//! any linked crate is an export of the module):
//!
//! | crate | contents | module |
//! |---|---|---|
//! | `kaohe-wasm` | conversion, errors, `setLocale`/`getLocale` | in every module |
//! | `kaohe-wasm-exam` | what a candidate's device runs: exams, papers, scoring, sealed exams, the attempt-log hash | |
//! | `kaohe-wasm-trainer` | the trainer's: bank checks, sealing, log verification, cohort scoring and item analysis, rubrics, assessments, competency, plans | |
//! | `kaohe-wasm-candidate` | cdylib of `kaohe-wasm-exam` | `www/pkg-candidate` |
//! | `kaohe-wasm-full` | cdylib of `kaohe-wasm-trainer` (and so of `kaohe-wasm-exam`) | `www/pkg`, `www/pkg-node` |
//! | `kaohe-wasm-interop` | imports, exports, xAPI; its own cdylib | `www/pkg-interop` |
//! | `kaohe-wasm-adaptive` | one step of an adaptive exam (`adaptiveNext`); its own cdylib, loaded only for adaptive exams | `www/pkg-adaptive` |
//!
//! The one additive feature, `kaohe-wasm-exam/cohort`, adds `Exam.scoreCohort`,
//! `Exam.cohortItemIds` and `Cohort` (methods of `Exam` must live in the crate that defines it);
//! `kaohe-wasm-trainer` enables it. Cargo unifies features across the packages of one build, so
//! each module is built by its own `cargo build -p` (.ci/build), and .ci/build checks the
//! candidate module against the trainer crates' exports.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod convert;
pub mod error;
pub mod locale;
pub mod text;

pub use convert::{from_js, to_js, to_value};
pub use error::{to_js_error, Thrown};
pub use locale::current_locale;
