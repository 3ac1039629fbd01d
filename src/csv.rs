//! CSV as RFC 4180 writes it (quoted fields, `""` for a quote, CRLF), read by hand: a byte-order
//! mark is skipped, LF and CR line ends are accepted too, a line break inside a quoted field reads
//! as LF. One reader for every CSV the module takes (question banks, KPI files); hand-written
//! because a spreadsheet export needs nothing more and the `csv` crate would grow the wasm.

use crate::error::{Error, ErrorCode};

/// One record of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    /// 1-based line where the record starts (a quoted field may span lines).
    pub line: u32,
    /// The fields, unquoted.
    pub fields: Vec<String>,
}

impl CsvRecord {
    /// Whether every field is empty or white space (an empty line, or `,,,`).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// Splits CSV text into records, blank ones included (a spreadsheet counts them as rows).
/// Errors name the line (`line 7`).
pub fn read_records(text: &str) -> Result<Vec<CsvRecord>, Error> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut row_line: u32 = 1;
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
                rows.push(CsvRecord {
                    line: row_line,
                    fields: std::mem::take(&mut row),
                });
                after_quote = false;
                quoted_from = None;
                row_started = false;
                line += 1;
                row_line = line;
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
        rows.push(CsvRecord {
            line: row_line,
            fields: row,
        });
    }
    Ok(rows)
}

/// Splits CSV text into rows of fields, blank rows included.
pub fn read_csv(text: &str) -> Result<Vec<Vec<String>>, Error> {
    Ok(read_records(text)?.into_iter().map(|r| r.fields).collect())
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

/// One field of an export meant to be opened in Excel: quoted as [`write_csv`] does, and a text
/// that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe so Excel
/// shows it instead of running it. Numbers (`-25`) are left as numbers.
pub fn safe_field(cell: &str) -> String {
    let looks_numeric = cell.parse::<f64>().is_ok();
    let cell = if !looks_numeric && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ') {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_fields_are_quoted_and_neutralised() {
        assert_eq!(safe_field("a,b"), "\"a,b\"");
        assert_eq!(safe_field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(safe_field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(safe_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_field("-25"), "-25");
        assert_eq!(safe_field("-1,2"), "\"'-1,2\"");
        assert_eq!(safe_field("产品-01"), "产品-01");
    }

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
    fn quotes_escapes_crlf_and_bom() {
        let text = "\u{feff}a,b\r\n\"x,1\",\"he said \"\"hi\"\"\"\r\n\r\n\"multi\nline\",2\n";
        let records: Vec<CsvRecord> = read_records(text)
            .unwrap()
            .into_iter()
            .filter(|r| !r.is_blank())
            .collect();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].fields, ["a", "b"]);
        assert_eq!(records[1].fields, ["x,1", "he said \"hi\""]);
        assert_eq!(records[2].fields, ["multi\nline", "2"]);
        assert_eq!(records[2].line, 4);
    }

    #[test]
    fn unclosed_quote_names_the_line() {
        let e = read_records("a,b\n1,\"2\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidSyntax);
        assert_eq!(e.path(), "line 2");
        let e = read_records("a\n\"x\"y\n").unwrap_err();
        assert_eq!(e.path(), "line 2");
    }
}
