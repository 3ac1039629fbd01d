//! Reading a worksheet out of an `.xlsx`: the package relationships lead to the workbook, the
//! workbook to its sheets, and each cell is a shared string, an inline string, a number or a
//! boolean. Formulas are read by their cached value.

use super::corrupt;
use super::xml::{tokenize, Token};
use super::zip::Archive;
use crate::error::{Error, ErrorCode};
use crate::interop::table::Table;
use crate::interop::text::{column_index, format_number};

/// More rows than any question bank has; a sheet claiming more is refused before allocating.
const MAX_ROWS: usize = 200_000;

fn part_text(archive: &Archive<'_>, name: &str) -> Result<Option<String>, Error> {
    match archive.read(name)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            corrupt(
                &format!("{name} 不是 UTF-8"),
                &format!("{name} is not UTF-8"),
            )
        }),
    }
}

/// Relationship targets of a part, as (id, type, resolved path).
fn relationships(
    archive: &Archive<'_>,
    rels_path: &str,
    base_dir: &str,
) -> Result<Vec<(String, String, String)>, Error> {
    let Some(xml) = part_text(archive, rels_path)? else {
        return Ok(Vec::new());
    };
    Ok(tokenize(&xml, rels_path)?
        .iter()
        .filter(|t| matches!(t, Token::Start { name, .. } if name == "Relationship"))
        .map(|t| {
            let target = t.attr("Target").unwrap_or_default();
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => resolve(base_dir, target),
            };
            (
                t.attr("Id").unwrap_or_default().to_string(),
                t.attr("Type").unwrap_or_default().to_string(),
                path,
            )
        })
        .collect())
}

fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Reads one worksheet (the first, or the one named `sheet`) into a [`Table`].
pub fn read_table(bytes: &[u8], sheet: Option<&str>, limit: usize) -> Result<Table, Error> {
    let archive = Archive::open(bytes, limit)?;
    let workbook_path = relationships(&archive, "_rels/.rels", "")?
        .into_iter()
        .find(|r| r.1.ends_with("/officeDocument"))
        .map_or_else(|| "xl/workbook.xml".to_string(), |r| r.2);
    let (dir, file) = workbook_path
        .rsplit_once('/')
        .unwrap_or(("", &workbook_path));
    let workbook = part_text(&archive, &workbook_path)?
        .ok_or_else(|| corrupt("缺少工作簿", "the workbook part is missing"))?;
    let rels = relationships(&archive, &format!("{dir}/_rels/{file}.rels"), dir)?;
    let sheets: Vec<(String, String)> = tokenize(&workbook, &workbook_path)?
        .iter()
        .filter(|t| matches!(t, Token::Start { name, .. } if name == "sheet"))
        .map(|t| {
            let rid = t.attr("id").unwrap_or_default();
            let target = rels.iter().find(|r| r.0 == rid).map(|r| r.2.clone());
            (
                t.attr("name").unwrap_or_default().to_string(),
                target.unwrap_or_default(),
            )
        })
        .collect();
    let chosen = match sheet {
        None => sheets.first(),
        Some(want) => sheets.iter().find(|(name, _)| name == want),
    };
    let Some((name, path)) = chosen else {
        let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
        return Err(Error::new(
            ErrorCode::UnknownReference,
            "sheet",
            format!(
                "找不到工作表 “{}”；文件中的工作表：{}",
                sheet.unwrap_or_default(),
                names.join("、")
            ),
            format!(
                "no worksheet \"{}\"; the file has: {}",
                sheet.unwrap_or_default(),
                names.join(", ")
            ),
        ));
    };
    let shared_path = rels
        .iter()
        .find(|r| r.1.ends_with("/sharedStrings"))
        .map_or_else(|| format!("{dir}/sharedStrings.xml"), |r| r.2.clone());
    let shared = match part_text(&archive, &shared_path)? {
        Some(xml) => shared_strings(&xml, &shared_path)?,
        None => Vec::new(),
    };
    let xml = part_text(&archive, path)?.ok_or_else(|| {
        corrupt(
            &format!("缺少工作表 {name}"),
            &format!("worksheet {name} is missing"),
        )
    })?;
    let rows = sheet_rows(&xml, path, &shared)?;
    Ok(Table {
        sheet: Some(name.clone()),
        rows,
    })
}

/// The shared-string table: each `<si>` is the concatenation of its `<t>` texts, leaving out
/// phonetic runs (`<rPh>`, furigana/pinyin guides).
fn shared_strings(xml: &str, part: &str) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_t = false;
    let mut phonetic = 0usize;
    for token in tokenize(xml, part)? {
        match token {
            Token::Start { name, empty, .. } => match name.as_str() {
                "si" if empty => out.push(String::new()),
                "si" => current = Some(String::new()),
                "rPh" if !empty => phonetic += 1,
                "t" if !empty => in_t = true,
                _ => {}
            },
            Token::End(name) => match name.as_str() {
                "si" => out.push(current.take().unwrap_or_default()),
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "t" => in_t = false,
                _ => {}
            },
            Token::Text(text) => {
                if let (true, 0, Some(s)) = (in_t, phonetic, current.as_mut()) {
                    s.push_str(&text);
                }
            }
        }
    }
    Ok(out)
}

/// The cells of a worksheet, row `r` placed at index `r − 1`.
fn sheet_rows(xml: &str, part: &str, shared: &[String]) -> Result<Vec<Vec<String>>, Error> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row_index = 0usize;
    let mut col_index = 0usize;
    let mut cell_type = String::new();
    let mut value: Option<String> = None;
    let mut capture = false;
    let mut in_phonetic = false;
    for token in tokenize(xml, part)? {
        match &token {
            Token::Start { name, empty, .. } => match name.as_str() {
                "row" => {
                    row_index = match token.attr("r").and_then(|r| r.parse::<usize>().ok()) {
                        Some(r) if r >= 1 => r - 1,
                        _ => rows.len(),
                    };
                    if row_index >= MAX_ROWS {
                        return Err(Error::new(
                            ErrorCode::TooLarge,
                            "",
                            format!("工作表超过 {MAX_ROWS} 行"),
                            format!("the worksheet has more than {MAX_ROWS} rows"),
                        ));
                    }
                    col_index = 0;
                }
                "c" => {
                    if let Some(r) = token.attr("r") {
                        let letters: String =
                            r.chars().take_while(char::is_ascii_uppercase).collect();
                        col_index = column_index(&letters).ok_or_else(|| {
                            corrupt(
                                &format!("单元格引用 {r} 无效"),
                                &format!("bad cell reference {r}"),
                            )
                        })?;
                    }
                    cell_type = token.attr("t").unwrap_or("n").to_string();
                    value = None;
                    if *empty {
                        col_index += 1;
                    }
                }
                "rPh" if !empty => in_phonetic = true,
                "v" | "t" if !empty && !in_phonetic => capture = true,
                _ => {}
            },
            Token::End(name) => match name.as_str() {
                "v" | "t" => capture = false,
                "rPh" => in_phonetic = false,
                "c" => {
                    let text = cell_text(&cell_type, value.take(), shared)?;
                    if !text.is_empty() {
                        if rows.len() <= row_index {
                            rows.resize(row_index + 1, Vec::new());
                        }
                        if let Some(row) = rows.get_mut(row_index) {
                            if row.len() <= col_index {
                                row.resize(col_index + 1, String::new());
                            }
                            if let Some(cell) = row.get_mut(col_index) {
                                *cell = text;
                            }
                        }
                    }
                    col_index += 1;
                }
                "row" => row_index += 1,
                _ => {}
            },
            Token::Text(text) if capture => value.get_or_insert_with(String::new).push_str(text),
            Token::Text(_) => {}
        }
    }
    Ok(rows)
}

fn cell_text(cell_type: &str, value: Option<String>, shared: &[String]) -> Result<String, Error> {
    let Some(v) = value else {
        return Ok(String::new());
    };
    Ok(match cell_type {
        "s" => {
            let i: usize = v
                .trim()
                .parse()
                .map_err(|_| corrupt("共享字符串索引无效", "bad shared-string index"))?;
            shared
                .get(i)
                .cloned()
                .ok_or_else(|| corrupt("共享字符串索引越界", "shared-string index out of range"))?
        }
        "b" => if v.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        "n" => match v.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => format_number(x),
            _ => v,
        },
        _ => v,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_skip_phonetic_runs() {
        let xml = r#"<sst><si><t>单选</t></si><si><r><t>售</t></r><r><t>后</t></r><rPh><t>shou</t></rPh></si><si/></sst>"#;
        assert_eq!(shared_strings(xml, "s").unwrap(), ["单选", "售后", ""]);
    }

    #[test]
    fn cells_by_type_and_reference() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2.50</v></c></row>
            <row r="3"><c r="B3" t="inlineStr"><is><t>内联</t></is></c><c r="D3" t="b"><v>1</v></c>
            <c r="E3" t="str"><f>A1</f><v>公式</v></c></row></sheetData></worksheet>"#;
        let rows = sheet_rows(xml, "s", &["题型".to_string()]).unwrap();
        assert_eq!(rows[0], ["题型", "", "2.5"]);
        assert!(rows[1].is_empty());
        assert_eq!(rows[2], ["", "内联", "", "TRUE", "公式"]);
        assert!(sheet_rows(r#"<row r="1"><c t="s"><v>9</v></c></row>"#, "s", &[]).is_err());
    }

    #[test]
    fn relative_targets() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/sub", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
    }
}
