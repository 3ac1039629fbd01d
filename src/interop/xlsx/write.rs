//! Writing a workbook: one or more sheets of text cells (numbers stay numbers), a bold, frozen
//! header row and column widths. Inline strings keep the writer free of a shared-string table;
//! Excel, WPS, LibreOffice and openpyxl all read them.

use super::xml::escape;
use super::zip::write_zip;
use crate::interop::text::{column_letters, format_number};

/// One worksheet to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The tab's name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// The cells, row by row; the first row is styled as a header.
    pub rows: Vec<Vec<String>>,
    /// Column widths in characters, by column; missing columns keep the default.
    pub widths: Vec<f64>,
}

const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The bytes of an `.xlsx` holding these sheets. The same sheets always give the same bytes.
pub fn write_workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut types = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    let mut workbook = format!("{HEAD}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
    let mut rels = format!("{HEAD}<Relationships xmlns=\"{PKG_REL_NS}\">");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        workbook.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(&sheet_name(&sheet.name))
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            worksheet(sheet).into_bytes(),
        ));
    }
    types.push_str("</Types>");
    workbook.push_str("</sheets></workbook>");
    rels.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets.len() + 1
    ));
    let root_rels = format!(
        "{HEAD}<Relationships xmlns=\"{PKG_REL_NS}\"><Relationship Id=\"rId1\" Type=\"{REL_NS}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
    );
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("[Content_Types].xml", types.into_bytes()),
        ("_rels/.rels", root_rels.into_bytes()),
        ("xl/workbook.xml", workbook.into_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.into_bytes()),
        ("xl/styles.xml", styles().into_bytes()),
    ];
    files.extend(
        parts
            .iter()
            .map(|(name, data)| (name.as_str(), data.clone())),
    );
    write_zip(&files)
}

/// A name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Sheet1".into()
    } else {
        cleaned
    }
}

fn styles() -> String {
    format!(
        "{HEAD}<styleSheet xmlns=\"{MAIN_NS}\">\
<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    )
}

fn worksheet(sheet: &Sheet) -> String {
    let mut xml = format!(
        "{HEAD}<worksheet xmlns=\"{MAIN_NS}\"><sheetViews><sheetView workbookViewId=\"0\">\
<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
    );
    if !sheet.widths.is_empty() {
        xml.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            let n = i + 1;
            xml.push_str(&format!(
                "<col min=\"{n}\" max=\"{n}\" width=\"{}\" customWidth=\"1\"/>",
                format_number(*w)
            ));
        }
        xml.push_str("</cols>");
    }
    xml.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let rn = r + 1;
        xml.push_str(&format!("<row r=\"{rn}\">"));
        let style = if r == 0 { " s=\"1\"" } else { "" };
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let at = format!("{}{rn}", column_letters(c));
            let number = text
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && format_number(*x) == *text);
            match number {
                Some(_) if r > 0 => {
                    xml.push_str(&format!("<c r=\"{at}\"{style}><v>{text}</v></c>"))
                }
                _ => {
                    let space = if text.trim() != text || text.contains('\n') {
                        " xml:space=\"preserve\""
                    } else {
                        ""
                    };
                    xml.push_str(&format!(
                        "<c r=\"{at}\" t=\"inlineStr\"{style}><is><t{space}>{}</t></is></c>",
                        escape(text)
                    ));
                }
            }
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}
