//! Question banks from CSV (the reader is [`crate::csv`]). Excel's "CSV UTF-8" is what trainers
//! save; other encodings (GBK) are refused with a hint rather than read as garbage.

use super::defaults::MAX_FILE_BYTES;
use super::outcome::{assemble, ImportOptions, ImportOutcome};
use super::table::{parse_table, Table};
pub use crate::csv::{read_csv, write_csv};
use crate::error::{Error, ErrorCode};

/// Imports a question bank from a CSV file in the template (see [`super::table`]). Problems are
/// located as `C7` (column letter, row number as a spreadsheet shows the file).
///
/// @example
/// `import_csv("题型,题干,选项A,选项B,正确答案\n单选,…,…,…,A\n".as_bytes(), &ImportOptions::default())`
pub fn import_csv(bytes: &[u8], options: &ImportOptions) -> Result<ImportOutcome, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes
            .get(..at)
            .map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
        Error::new(
            ErrorCode::InvalidSyntax,
            format!("line {line}"),
            format!("第 {line} 行不是 UTF-8 编码：请在 Excel 中另存为 “CSV UTF-8（逗号分隔）”"),
            format!("line {line} is not UTF-8: save the file as \"CSV UTF-8 (Comma delimited)\""),
        )
    })?;
    let rows = read_csv(text)?;
    let fallbacks = options.fallbacks()?;
    let table = Table { sheet: None, rows };
    let results = parse_table(&table, &fallbacks)?;
    assemble(results, options)
}

fn too_large() -> Error {
    Error::new(
        ErrorCode::TooLarge,
        "",
        "文件超过 50 MB，无法导入",
        "the file is larger than 50 MB and cannot be imported",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_refused_with_a_hint() {
        let e = import_csv(b"a,b\n\xd5\xfd\xc8\xb7\n", &ImportOptions::default()).unwrap_err();
        assert_eq!(e.path(), "line 2");
        assert!(e.messages().zh.contains("CSV UTF-8"));
    }
}
