//! CSV as RFC 4180 writes it (quoted fields, `""` for a quote, CRLF), read by hand: a byte-order
//! mark is skipped, LF and CR line ends are accepted too. Excel's "CSV UTF-8" is what trainers
//! save; other encodings (GBK) are refused with a hint rather than read as garbage.

use super::defaults::MAX_FILE_BYTES;
use super::outcome::{assemble, ImportOptions, ImportOutcome};
use super::table::{parse_table, Table};
use crate::error::{Error, ErrorCode};

/// Splits CSV text into rows of fields. Errors name the line (`line 7`).
pub fn read_csv(text: &str) -> Result<Vec<Vec<String>>, Error> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line: u32 = 1;
    // Whether the current field was quoted, and where its quote opened (for the error).
    let mut quoted_from: Option<u32> = None;
    let mut in_quotes = false;
    let mut after_quote = false;
    let mut row_started = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    in_quotes = false;
                    after_quote = true;
                }
                '\r' | '\n' => {
                    // A line break inside a cell reads as LF, whatever the file's line ends.
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    field.push('\n');
                    line += 1;
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                row.push(std::mem::take(&mut field));
                after_quote = false;
                quoted_from = None;
                row_started = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                after_quote = false;
                quoted_from = None;
                row_started = false;
                line += 1;
            }
            '"' if field.is_empty() && !after_quote && quoted_from.is_none() => {
                in_quotes = true;
                quoted_from = Some(line);
                row_started = true;
            }
            _ if after_quote => {
                return Err(Error::new(
                    ErrorCode::InvalidSyntax,
                    format!("line {line}"),
                    format!("第 {line} 行：引号结束后应紧跟逗号或换行，却是 “{c}”"),
                    format!("line {line}: expected a comma or line end after a closing quote, found \"{c}\""),
                ));
            }
            _ => {
                field.push(c);
                row_started = true;
            }
        }
    }
    if in_quotes {
        let from = quoted_from.unwrap_or(line);
        return Err(Error::new(
            ErrorCode::InvalidSyntax,
            format!("line {from}"),
            format!("第 {from} 行开始的引号没有结束"),
            format!("the quote opened on line {from} is never closed"),
        ));
    }
    if row_started || !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

/// Writes rows as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads Chinese
/// correctly), CRLF line ends, fields quoted when they hold a comma, quote or line break.
pub fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| quote(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

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
    fn quotes_crlf_and_bom() {
        let rows =
            read_csv("\u{FEFF}a,\"b,c\",\"say \"\"hi\"\"\"\r\n1,\"two\r\nlines\",\r\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], ["a", "b,c", "say \"hi\""]);
        assert_eq!(rows[1], ["1", "two\nlines", ""]);
    }

    #[test]
    fn last_line_without_newline_and_lone_cr() {
        let rows = read_csv("a,b\rc,d").unwrap();
        assert_eq!(rows, vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(read_csv("").unwrap().len(), 0);
        assert_eq!(read_csv("\"\"").unwrap(), vec![vec![""]]);
    }

    #[test]
    fn malformed_quotes_name_the_line() {
        let e = read_csv("a,b\n\"open,c\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidSyntax);
        assert_eq!(e.path(), "line 2");
        let e = read_csv("a\n\"x\"y,b\n").unwrap_err();
        assert_eq!(e.path(), "line 2");
    }

    #[test]
    fn writes_what_it_reads() {
        let rows = vec![
            vec!["题干".to_string(), "a,b".to_string()],
            vec!["他说\"好\"".to_string(), "两\n行".to_string()],
        ];
        let text = write_csv(&rows);
        assert!(text.starts_with('\u{FEFF}'));
        assert!(text.contains("\r\n"));
        assert_eq!(read_csv(&text).unwrap(), rows);
    }

    #[test]
    fn non_utf8_is_refused_with_a_hint() {
        let e = import_csv(b"a,b\n\xd5\xfd\xc8\xb7\n", &ImportOptions::default()).unwrap_err();
        assert_eq!(e.path(), "line 2");
        assert!(e.messages().zh.contains("CSV UTF-8"));
    }
}
