//! One entry for every import format: the file's bytes and its format in, the outcome out, with
//! the bank checked by the exam engine, so a bank that imports is a bank that loads.

use crate::format::FromJson;
use serde_json::Value;

use super::defaults::MAX_FILE_BYTES;
use super::outcome::{ImportOptions, ImportOutcome, Problem};
use crate::error::{Error, ErrorCode};
use crate::exam::Bank;

/// The formats a bank can be imported from and exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum BankFormat {
    /// An Excel workbook in the template.
    Xlsx,
    /// CSV in the template (UTF-8).
    Csv,
    /// Moodle GIFT text.
    Gift,
    /// Aiken text (single and multiple choice).
    Aiken,
}

/// Imports a bank from a file's bytes. When the importers produce a bank, it is decoded by the
/// exam engine; if the engine refuses it, the outcome carries that error as a problem (path
/// under `bank.`) and no bank.
///
/// @example
/// `import_bank(&std::fs::read("题库.xlsx")?, BankFormat::Xlsx, &ImportOptions::default())?`
pub fn import_bank(
    bytes: &[u8],
    format: BankFormat,
    options: &ImportOptions,
) -> Result<ImportOutcome, Error> {
    let mut outcome = match format {
        BankFormat::Xlsx => super::xlsx::import_xlsx(bytes, options)?,
        BankFormat::Csv => super::csv::import_csv(bytes, options)?,
        BankFormat::Gift => super::gift::import_gift(&text(bytes)?, options)?,
        BankFormat::Aiken => super::aiken::import_aiken(&text(bytes)?, options)?,
    };
    if let Some(bank) = &outcome.bank {
        if let Err(e) = Bank::decode(bank) {
            outcome.problems.push(Problem::from(&e.within("bank")));
            outcome.bank = None;
            outcome.item_count = 0;
        }
    }
    Ok(outcome)
}

/// The file as UTF-8 text (a byte-order mark is dropped); a bad byte is located by line.
fn text(bytes: &[u8]) -> Result<String, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "",
            "文件超过 50 MB，无法导入",
            "the file is larger than 50 MB and cannot be imported",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes
                .get(..at)
                .map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
            Err(Error::new(
                ErrorCode::InvalidSyntax,
                format!("line {line}"),
                format!("第 {line} 行不是 UTF-8 编码：请将文件另存为 UTF-8 文本"),
                format!("line {line} is not UTF-8: save the file as UTF-8 text"),
            ))
        }
    }
}

/// The bank as the exam engine loads it, for an export: a bank that does not load is refused
/// with the engine's error rather than exported half-way.
pub fn check_bank(bank: &Value) -> Result<(), Error> {
    Bank::decode(bank).map(|_| ()).map_err(|e| e.within("bank"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_imports_a_loadable_bank() {
        let gift = include_bytes!("../../www/samples/import/sample.gift");
        let aiken = include_bytes!("../../www/samples/import/sample.aiken.txt");
        let csv = include_bytes!("../../www/samples/import/sample.csv");
        let xlsx = include_bytes!("../../tests/fixtures/interop/bank.xlsx");
        for (bytes, format) in [
            (&gift[..], BankFormat::Gift),
            (&aiken[..], BankFormat::Aiken),
            (&csv[..], BankFormat::Csv),
            (&xlsx[..], BankFormat::Xlsx),
        ] {
            let out = import_bank(bytes, format, &ImportOptions::default()).unwrap();
            assert!(out.problems.is_empty(), "{format:?}: {:?}", out.problems);
            assert!(out.item_count > 0);
            check_bank(out.bank.as_ref().unwrap()).unwrap();
        }
    }

    #[test]
    fn bad_text_is_located() {
        let e = import_bank(
            b"A\nB\n\xFF\n",
            BankFormat::Aiken,
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (ErrorCode::InvalidSyntax, "line 3"));
    }

    #[test]
    fn a_bank_the_engine_refuses_is_a_problem() {
        let e = check_bank(&serde_json::json!({ "schemaVersion": 1 })).unwrap_err();
        assert!(e.path().starts_with("bank"), "{}", e.path());
    }
}
