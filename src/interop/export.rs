//! A bank back out to the formats it can be imported from, so a trainer can edit it in Excel or
//! move it to Moodle, and so every importer is tested by a round trip (import → export → import).
//! Items a format cannot hold are left out and listed in `skipped`, never silently changed.
//!
//! What each format keeps: CSV and `.xlsx` keep every field of the template (id, type, stem,
//! options, answer, points, explanation, tags, model answer, unit) for all types but matching;
//! GIFT keeps all of that through metadata comments for all types but ordering and fill-ins
//! with several blanks; Aiken keeps stem, options and answer of single and multiple choice.
//! None keeps per-item `policy`, `negativeMarking`, `credit` or `normalize` (the defaults apply
//! again on import), and GIFT writes a relative numeric tolerance as an absolute one.

use crate::format::ToJson;
use serde_json::Value;

use super::csv::write_csv;
use super::outcome::Problem;
use super::table::bank_rows;
use super::text::format_number;
use super::xapi::XapiAttempt;
use super::xlsx::{write_workbook, Sheet};

/// A text export (CSV, GIFT, Aiken) and the items it left out.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TextExport {
    /// The file's text (CSV starts with a byte-order mark for Excel).
    pub text: String,
    /// Items left out, located as `items[3]`, with the reason.
    pub skipped: Vec<Problem>,
}

/// A binary export (`.xlsx`) and the items it left out.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct BinaryExport {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Items left out, located as `items[3]`, with the reason.
    pub skipped: Vec<Problem>,
}

/// The bank as a CSV file in the template (UTF-8 with BOM, CRLF).
///
/// @example
/// `let csv = export_csv(&bank); std::fs::write("题库.csv", csv.text)?;`
pub fn export_csv(bank: &Value) -> TextExport {
    let (rows, skipped) = bank_rows(bank);
    TextExport {
        text: write_csv(&rows),
        skipped,
    }
}

/// The bank as an `.xlsx` workbook in the template (sheet 题库).
pub fn export_xlsx(bank: &Value) -> BinaryExport {
    let (rows, skipped) = bank_rows(bank);
    let mut widths = vec![10.0, 8.0, 48.0];
    widths.extend(std::iter::repeat_n(
        14.0,
        rows.first().map_or(0, |h| h.len().saturating_sub(12)),
    ));
    widths.extend([18.0, 6.0, 36.0, 6.0, 16.0, 10.0, 12.0, 30.0, 8.0]);
    let title = bank.get("title").and_then(Value::as_str).unwrap_or("题库");
    BinaryExport {
        bytes: write_workbook(&[Sheet {
            name: title.to_string(),
            rows,
            widths,
        }]),
        skipped,
    }
}

/// The bank as Moodle GIFT text (see [`super::gift`]).
pub fn export_gift(bank: &Value) -> TextExport {
    let (text, skipped) = super::gift::export_gift(bank);
    TextExport { text, skipped }
}

/// The bank's single- and multiple-choice items as Aiken text (see [`super::aiken`]).
pub fn export_aiken(bank: &Value) -> TextExport {
    let (text, skipped) = super::aiken::export_aiken(bank);
    TextExport { text, skipped }
}

/// An attempt's per-item results as CSV for Excel (UTF-8 with BOM): 题号, 题型, 题干, 作答,
/// 正确答案, 得分, 满分, 结果, then a total row. Responses and keys are in the xAPI notation
/// of [`XapiAttempt`] (`A[,]C`), so the file matches what the LRS holds.
pub fn attempt_csv(attempt: &XapiAttempt) -> String {
    let mut rows = vec![ITEM_HEADER.map(String::from).to_vec()];
    rows.extend(item_rows(attempt));
    write_csv(&rows)
}

/// Several attempts' per-item results in one CSV (UTF-8 with BOM), for a pivot table: 工号,
/// 姓名, 考试, 开始时间, 交卷时间 (UTC, as the statements), then the columns of
/// [`attempt_csv`]; each attempt ends with its total row (题号 合计).
pub fn results_csv(attempts: &[XapiAttempt]) -> String {
    let mut header: Vec<String> = ["工号", "姓名", "考试", "开始时间", "交卷时间"]
        .map(String::from)
        .to_vec();
    header.extend(ITEM_HEADER.map(String::from));
    let mut rows = vec![header];
    for attempt in attempts {
        let who = [
            attempt
                .actor
                .account
                .as_ref()
                .map(|a| a.name.clone())
                .or_else(|| attempt.actor.mbox.clone())
                .unwrap_or_default(),
            attempt.actor.name.clone().unwrap_or_default(),
            attempt.exam.name.clone(),
            attempt.started_at.clone(),
            attempt.finished_at.clone(),
        ];
        for row in item_rows(attempt) {
            let mut full = who.to_vec();
            full.extend(row);
            rows.push(full);
        }
    }
    write_csv(&rows)
}

const ITEM_HEADER: [&str; 8] = [
    "题号",
    "题型",
    "题干",
    "作答",
    "正确答案",
    "得分",
    "满分",
    "结果",
];

/// One row per item, then the total row.
fn item_rows(attempt: &XapiAttempt) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for item in &attempt.items {
        let verdict = match (&item.response, item.success) {
            (None, _) => "未作答",
            (_, None) => "待评阅",
            (_, Some(true)) => "正确",
            (_, Some(false)) => "错误",
        };
        rows.push(vec![
            item.id.clone(),
            crate::format::to_json_value(&item.interaction_type)
                .as_str()
                .map(String::from)
                .unwrap_or_default(),
            item.stem.clone(),
            item.response.clone().unwrap_or_default(),
            item.correct_responses_pattern.join(" | "),
            format_number(item.raw_score),
            format_number(item.max_score),
            verdict.to_string(),
        ]);
    }
    rows.push(vec![
        "合计".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format_number(attempt.score.raw),
        format_number(attempt.score.max),
        if attempt.passed {
            "通过"
        } else {
            "未通过"
        }
        .into(),
    ]);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::csv::read_csv;

    #[test]
    fn attempt_results_as_csv() {
        let attempt: XapiAttempt =
            crate::format::decode_json(include_str!("../../tests/fixtures/interop/attempt.json"))
                .unwrap();
        let text = attempt_csv(&attempt);
        assert!(text.starts_with('\u{FEFF}'));
        let rows = read_csv(&text).unwrap();
        assert_eq!(rows.len(), attempt.items.len() + 2);
        assert_eq!(rows[2][3], "A[,]B");
        assert_eq!(rows[2][7], "错误");
        assert_eq!(rows[8][7], "待评阅");
        assert_eq!(rows[9][7], "未作答");
        assert_eq!(rows[10], ["合计", "", "", "", "", "19", "28", "未通过"]);
    }

    #[test]
    fn several_attempts_in_one_csv() {
        let attempt: XapiAttempt =
            crate::format::decode_json(include_str!("../../tests/fixtures/interop/attempt.json"))
                .unwrap();
        let mut second = attempt.clone();
        second.actor.name = Some("李娜".into());
        let rows = read_csv(&results_csv(&[attempt.clone(), second])).unwrap();
        let per = attempt.items.len() + 1;
        assert_eq!(rows.len(), 1 + 2 * per);
        assert_eq!(rows[0][0], "工号");
        assert_eq!(
            rows[1][..3],
            ["YF-10086", "张伟", "2026年第四季度客服理论考核"]
        );
        assert_eq!(rows[per][5], "合计");
        assert_eq!(rows[per + 1][1], "李娜");
        assert_eq!(rows[2 * per][10], "19");
    }
}
