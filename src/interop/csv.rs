//! Question banks from CSV (the reader is [`crate::csv`]). The bytes are read by
//! [`crate::encoding`] (UTF-8, GBK/GB18030 as Excel saves plain "CSV (逗号分隔)" on Chinese
//! Windows, UTF-16) in [`super::import::import_bank_with`]; this module takes the text.

use super::outcome::{assemble, ImportOptions, ImportOutcome};
use super::table::{parse_table, Table};
pub use crate::csv::{read_csv, write_csv};
use crate::encoding::UnicodeOnly;
use crate::error::Error;

/// Imports a question bank from a CSV file's bytes in UTF-8 or UTF-16 (for GBK use
/// [`super::import::import_bank_with`]). Problems are located as `C7` (column letter, row
/// number as a spreadsheet shows the file).
///
/// @example
/// `import_csv("题型,题干,选项A,选项B,正确答案\n单选,…,…,…,A\n".as_bytes(), &ImportOptions::default())`
pub fn import_csv(bytes: &[u8], options: &ImportOptions) -> Result<ImportOutcome, Error> {
    super::import::import_bank_with(bytes, super::import::BankFormat::Csv, options, &UnicodeOnly)
}

/// Imports a question bank from CSV text in the template (see [`super::table`]).
pub fn import_csv_text(text: &str, options: &ImportOptions) -> Result<ImportOutcome, Error> {
    let rows = read_csv(text)?;
    let fallbacks = options.fallbacks()?;
    let table = Table { sheet: None, rows };
    let results = parse_table(&table, &fallbacks)?;
    assemble(results, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_without_a_decoder_is_refused_with_a_hint() {
        let e = import_csv(b"a,b\n\xd5\xfd\xc8\xb7\n", &ImportOptions::default()).unwrap_err();
        assert_eq!(e.path(), "encoding");
        assert!(e.messages().zh.contains("CSV UTF-8"));
    }
}
