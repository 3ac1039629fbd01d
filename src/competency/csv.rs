//! A small RFC 4180 reader: commas, double-quoted fields with `""` escapes and line breaks,
//! CRLF or LF, a UTF-8 BOM tolerated. Hand-written because a spreadsheet export needs nothing
//! more and the `csv` crate would grow the wasm.

use crate::error::{Error, ErrorCode};

/// Largest CSV accepted (bytes), so a wrong file cannot freeze the page.
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

/// One record of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// 1-based line where the record starts.
    pub line: u32,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

/// Splits CSV text into records. Blank lines are skipped.
pub fn read_csv(text: &str) -> Result<Vec<CsvRecord>, Error> {
    if text.len() > MAX_CSV_BYTES {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "",
            format!("CSV 文件过大（上限 {} MB）", MAX_CSV_BYTES / 1024 / 1024),
            format!(
                "the CSV file is too large (limit {} MB)",
                MAX_CSV_BYTES / 1024 / 1024
            ),
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line: u32 = 1;
    let mut record_line: u32 = 1;
    let mut in_quotes = false;
    let mut after_quote = false;
    let mut chars = text.chars().peekable();
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
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            ',' => {
                fields.push(std::mem::take(&mut field));
                after_quote = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                push_record(&mut records, record_line, std::mem::take(&mut fields));
                line += 1;
                record_line = line;
                after_quote = false;
            }
            '"' if field.is_empty() && !after_quote => in_quotes = true,
            _ if after_quote => {
                return Err(Error::new(
                    ErrorCode::InvalidSyntax,
                    format!("line {line}"),
                    format!("第 {line} 行：引号结束后应紧跟逗号或换行"),
                    format!(
                        "line {line}: a closing quote must be followed by a comma or a line break"
                    ),
                ));
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(Error::new(
            ErrorCode::InvalidSyntax,
            format!("line {record_line}"),
            format!("第 {record_line} 行开始的引号没有闭合"),
            format!("the quote opened on line {record_line} is never closed"),
        ));
    }
    fields.push(field);
    push_record(&mut records, record_line, fields);
    Ok(records)
}

fn push_record(records: &mut Vec<CsvRecord>, line: u32, fields: Vec<String>) {
    let blank = fields.iter().all(|f| f.trim().is_empty());
    if !blank {
        records.push(CsvRecord { line, fields });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escapes_crlf_and_bom() {
        let text = "\u{feff}a,b\r\n\"x,1\",\"he said \"\"hi\"\"\"\r\n\r\n\"multi\nline\",2\n";
        let records = read_csv(text).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].fields, ["a", "b"]);
        assert_eq!(records[1].fields, ["x,1", "he said \"hi\""]);
        assert_eq!(records[2].fields, ["multi\nline", "2"]);
        assert_eq!(records[2].line, 4);
    }

    #[test]
    fn unclosed_quote_names_the_line() {
        let e = read_csv("a,b\n1,\"2\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidSyntax);
        assert_eq!(e.path(), "line 2");
        let e = read_csv("a\n\"x\"y\n").unwrap_err();
        assert_eq!(e.path(), "line 2");
    }
}
