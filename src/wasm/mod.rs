//! The binding: the only module that names wasm-bindgen, js-sys or serde-wasm-bindgen.
//!
//! Each file exposes one part of the core to JS: one params object in, one result object out,
//! plain data (camelCase) and typed arrays for cohort-sized data. Conversion and errors live in
//! [`convert`] and [`error`], so every export behaves the same way at the boundary.
//!
//! Three modules are built from this crate, by features that choose which bindings exist:
//!
//! - the default build is the full module (`www/pkg`, and the Node build): every binding but
//!   interop — what a trainer's page, the Node scripts and the wasm boundary tests use;
//! - `candidate` builds the candidate module (`www/pkg-candidate`): the exam bindings a
//!   candidate's page and an embedded exam need (exams, papers, scoring, sealed exams, attempt
//!   logs, locale) without cohort scoring, item analysis, rubrics, assessments, competency or
//!   plans, so link-time optimisation drops those domains and the page downloads a fraction;
//! - `interop` builds the interop module (`www/pkg-interop`: imports, exports, xAPI), loaded only
//!   when a trainer opens the import or export view.
//!
//! Each keeps only its own exports (plus `setLocale` and the error conversion), so none carries
//! code it does not expose.

#[cfg(all(feature = "candidate", feature = "interop"))]
compile_error!("the `candidate` and `interop` features build different modules: enable one");

/// The trainer's bindings: in the full module only.
#[cfg(not(any(feature = "interop", feature = "candidate")))]
pub mod assessment;
#[cfg(not(any(feature = "interop", feature = "candidate")))]
pub mod competency;
pub mod convert;
/// Roster, dimensions and exam set-up: in the full module only.
#[cfg(not(any(feature = "interop", feature = "candidate")))]
pub mod cycle;
pub mod error;
#[cfg(not(feature = "interop"))]
pub mod exam;
#[cfg(feature = "interop")]
pub mod interop;
pub mod locale;
#[cfg(not(any(feature = "interop", feature = "candidate")))]
pub mod plan;
#[cfg(feature = "interop")]
pub mod roster_import;
#[cfg(not(any(feature = "interop", feature = "candidate")))]
pub mod rubric;
#[cfg(not(feature = "interop"))]
pub mod security;
