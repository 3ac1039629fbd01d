//! Interop: question banks in and out of the formats trainers already use, and learning records
//! out as xAPI statements.
//!
//! - [`table`]: the spreadsheet template (题型 | 题干 | 选项A … | 正确答案 | 分值 | …) shared by
//!   [`csv`] and [`xlsx`];
//! - [`gift`] and [`aiken`]: Moodle's text formats;
//! - [`import`]: one entry for every format, the bank checked by the exam engine;
//! - [`export`]: a bank back out to CSV, `.xlsx`, GIFT and Aiken (round trips);
//! - [`xapi`]: xAPI 1.0.3 statements from a finished attempt, with deterministic ids;
//! - [`from_exam`]: the exam's stored attempt and result → the attempt [`xapi`] takes.
//!
//! Importers return the bank as a `serde_json::Value` in the bank format (schemaVersion 1); the
//! exam engine validates it. Every importer follows one policy, [`ImportOptions::accept_partial`]:
//! a file with bad rows (or questions) imports nothing, and says what is wrong with each, unless
//! the caller accepts that those rows are skipped.

pub mod aiken;
pub mod csv;
pub mod defaults;
pub mod export;
pub mod from_exam;
pub mod gift;
pub mod import;
mod outcome;
pub mod stored;
pub mod table;
pub mod text;
mod uuid5;
pub mod xapi;
pub mod xapi_records;
pub mod xlsx;

pub use outcome::{ImportOptions, ImportOutcome, Note, NoteKind, Problem};
