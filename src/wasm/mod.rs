//! The binding: the only module that names wasm-bindgen, js-sys or serde-wasm-bindgen.
//!
//! Each file exposes one part of the core to JS: one params object in, one result object out,
//! plain data (camelCase) and typed arrays for cohort-sized data. Conversion and errors live in
//! [`convert`] and [`error`], so every export behaves the same way at the boundary.
//!
//! Two modules are built from this crate. The default build is the page's main module
//! (`www/pkg`); with the `interop` feature the build is the interop module
//! (`www/pkg-interop`), loaded only when a trainer opens the import or export view. Each keeps
//! only its own exports (plus `setLocale` and the error conversion), so neither carries the
//! other's code: the exam, competency and plan bindings are left out of the interop build.

#[cfg(not(feature = "interop"))]
pub mod assessment;
#[cfg(not(feature = "interop"))]
pub mod competency;
pub mod convert;
pub mod error;
#[cfg(not(feature = "interop"))]
pub mod exam;
#[cfg(feature = "interop")]
pub mod interop;
pub mod locale;
#[cfg(not(feature = "interop"))]
pub mod plan;
#[cfg(not(feature = "interop"))]
pub mod rubric;
#[cfg(not(feature = "interop"))]
pub mod security;
