//! A bank back out to the formats it can be imported from, so a trainer can edit it in Excel or
//! move it to Moodle, and so every importer is tested by a round trip (import → export → import).
//! Items a format cannot hold are left out and listed in `skipped`, never silently changed.
//!
//! What each format keeps: CSV and `.xlsx` keep every field of the template (id, type, stem,
//! options, answer, points, explanation, tags, model answer, unit) for all types but matching;
//! GIFT keeps all of that through metadata comments for all types but ordering and fill-ins
//! with several blanks; Aiken keeps stem, options and answer of single and multiple choice.
//! None keeps per-item `policy`, `negativeMarking`, `credit` or `normalize` (the defaults apply
//! again on import), and GIFT writes a relative numeric tolerance as an absolute one.

use serde::Serialize;
use serde_json::Value;

use super::csv::write_csv;
use super::outcome::Problem;
use super::table::bank_rows;
use super::xlsx::{write_workbook, Sheet};

/// A text export (CSV, GIFT, Aiken) and the items it left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TextExport {
    /// The file's text (CSV starts with a byte-order mark for Excel).
    pub text: String,
    /// Items left out, located as `items[3]`, with the reason.
    pub skipped: Vec<Problem>,
}

/// A binary export (`.xlsx`) and the items it left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BinaryExport {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Items left out, located as `items[3]`, with the reason.
    pub skipped: Vec<Problem>,
}

/// The bank as a CSV file in the template (UTF-8 with BOM, CRLF).
///
/// @example
/// `let csv = export_csv(&bank); std::fs::write("题库.csv", csv.text)?;`
pub fn export_csv(bank: &Value) -> TextExport {
    let (rows, skipped) = bank_rows(bank);
    TextExport {
        text: write_csv(&rows),
        skipped,
    }
}

/// The bank as an `.xlsx` workbook in the template (sheet 题库).
pub fn export_xlsx(bank: &Value) -> BinaryExport {
    let (rows, skipped) = bank_rows(bank);
    let mut widths = vec![10.0, 8.0, 48.0];
    widths.extend(std::iter::repeat_n(
        14.0,
        rows.first().map_or(0, |h| h.len().saturating_sub(12)),
    ));
    widths.extend([18.0, 6.0, 36.0, 6.0, 16.0, 10.0, 12.0, 30.0, 8.0]);
    let title = bank.get("title").and_then(Value::as_str).unwrap_or("题库");
    BinaryExport {
        bytes: write_workbook(&[Sheet {
            name: title.to_string(),
            rows,
            widths,
        }]),
        skipped,
    }
}

/// The bank as Moodle GIFT text (see [`super::gift`]).
pub fn export_gift(bank: &Value) -> TextExport {
    let (text, skipped) = super::gift::export_gift(bank);
    TextExport { text, skipped }
}

/// The bank's single- and multiple-choice items as Aiken text (see [`super::aiken`]).
pub fn export_aiken(bank: &Value) -> TextExport {
    let (text, skipped) = super::aiken::export_aiken(bank);
    TextExport { text, skipped }
}
