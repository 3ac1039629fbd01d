//! One entry for every import format: the file's bytes and its format in, the outcome out, with
//! the bank checked by the exam engine, so a bank that imports is a bank that loads.

use crate::format::FromJson;
use serde_json::Value;

use super::defaults::MAX_FILE_BYTES;
use super::outcome::{ImportOptions, ImportOutcome, Note, NoteKind, Problem};
use crate::encoding::{decode_text, Decoded, LegacyDecoder, TextEncoding, UnicodeOnly};
use crate::error::{Error, ErrorCode};
use crate::exam::Bank;

/// The formats a bank can be imported from and exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum BankFormat {
    /// An Excel workbook in the template.
    Xlsx,
    /// CSV in the template (UTF-8, GBK/GB18030 or UTF-16).
    Csv,
    /// Moodle GIFT text.
    Gift,
    /// Aiken text (single and multiple choice).
    Aiken,
}

/// Imports a bank from a file's bytes, reading text files as UTF-8 or UTF-16 (GBK needs
/// [`import_bank_with`] and a GB18030 decoder). When the importers produce a bank, it is decoded
/// by the exam engine; if the engine refuses it, the outcome carries that error as a problem
/// (path under `bank.`) and no bank.
///
/// @example
/// `import_bank(&std::fs::read("题库.xlsx")?, BankFormat::Xlsx, &ImportOptions::default())?`
pub fn import_bank(
    bytes: &[u8],
    format: BankFormat,
    options: &ImportOptions,
) -> Result<ImportOutcome, Error> {
    import_bank_with(bytes, format, options, &UnicodeOnly)
}

/// Refuses a file over [`MAX_FILE_BYTES`] before anything reads it, with one message for every
/// import entry point (bank files of any format and the `.xlsx` reader).
pub(crate) fn check_file_size(bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "",
            "文件超过 50 MB，无法导入",
            "the file is larger than 50 MB and cannot be imported",
        ));
    }
    Ok(())
}

/// [`import_bank`] with a GB18030 decoder for text files (CSV, GIFT, Aiken): the encoding is
/// `options.encoding` or detected (see [`crate::encoding`]), and reported in the outcome.
///
/// @example
/// `import_bank_with(&bytes, BankFormat::Csv, &ImportOptions::default(), &browser_decoder)?`
pub fn import_bank_with(
    bytes: &[u8],
    format: BankFormat,
    options: &ImportOptions,
    legacy: &dyn LegacyDecoder,
) -> Result<ImportOutcome, Error> {
    check_file_size(bytes)?;
    let requested = options.text_encoding()?;
    let decoded = match format {
        BankFormat::Xlsx => None,
        _ => Some(decode_text(bytes, requested, legacy)?),
    };
    let text = decoded.as_ref().map_or("", |d| d.text.as_str());
    let mut outcome = match format {
        BankFormat::Xlsx => super::xlsx::import_xlsx(bytes, options)?,
        BankFormat::Csv => super::csv::import_csv_text(text, options)?,
        BankFormat::Gift => super::gift::import_gift(text, options)?,
        BankFormat::Aiken => super::aiken::import_aiken(text, options)?,
    };
    if let Some(d) = &decoded {
        outcome.encoding = Some(d.encoding.label().to_string());
        outcome.notes.insert(0, encoding_note(d));
    }
    if let Some(bank) = &outcome.bank {
        if let Err(e) = Bank::decode(bank) {
            outcome.problems.push(Problem::from(&e.within("bank")));
            outcome.bank = None;
            outcome.item_count = 0;
        }
    }
    Ok(outcome)
}

/// The report line that says how a text file was read.
fn encoding_note(d: &Decoded) -> Note {
    let name = d.encoding.display_name();
    let (zh, en) = match (d.detected, d.encoding) {
        (true, TextEncoding::Gb18030) => (
            format!("按 {name} 编码读取（Excel 在中文 Windows 上另存的 “CSV（逗号分隔）” 即为此编码）：自动识别"),
            format!("read as {name} (what Excel on Chinese Windows saves as \"CSV (Comma delimited)\"): detected"),
        ),
        (true, _) => (
            format!("按 {name} 编码读取：自动识别"),
            format!("read as {name}: detected"),
        ),
        (false, _) => (
            format!("按所选的 {name} 编码读取"),
            format!("read as {name}, as chosen"),
        ),
    };
    Note::new("", NoteKind::Info, zh, en)
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
