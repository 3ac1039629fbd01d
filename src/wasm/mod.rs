//! The binding: the only module that names wasm-bindgen, js-sys or serde-wasm-bindgen.
//!
//! Each file exposes one part of the core to JS: one params object in, one result object out,
//! plain data (camelCase) and typed arrays for cohort-sized data. Conversion and errors live in
//! [`convert`] and [`error`], so every export behaves the same way at the boundary.

pub mod assessment;
pub mod convert;
pub mod error;
pub mod exam;
pub mod locale;
pub mod rubric;
