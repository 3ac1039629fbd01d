//! KPI import from a spreadsheet export: agent id, period, CSAT, FCR, AHT, complaint rate,
//! resolution rate, QA score, with headers in Chinese or English. Each filled KPI cell becomes an
//! evidence record dated the last day of its period.

use std::collections::BTreeSet;

use crate::format::{FromJson, ToJson};

use super::defaults;
use super::evidence::{EvidenceKind, EvidenceRecord};
use crate::csv::read_records;
use crate::date::Date;
use crate::error::{Error, ErrorCode};

/// What a KPI file yielded.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KpiImport {
    /// One record per filled KPI cell, in row then column order.
    pub evidence: Vec<EvidenceRecord>,
    /// Number of data rows read.
    pub rows: u32,
    /// How each recognised header was understood: `[header, field]`.
    pub columns: Vec<KpiColumn>,
    /// Headers that matched nothing (left out, e.g. 姓名 or 备注).
    pub ignored_columns: Vec<String>,
}

/// A recognised column.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KpiColumn {
    /// The header as written in the file.
    pub header: String,
    /// What it was matched to: agentId, period, or a KPI id.
    pub field: String,
}

const AGENT: &str = "agentId";
const PERIOD: &str = "period";

/// Header spellings per field, compared after [`normalise`].
const ALIASES: &[(&str, &[&str])] = &[
    (
        AGENT,
        &[
            "工号",
            "员工工号",
            "坐席工号",
            "员工编号",
            "坐席id",
            "agentid",
            "agent",
            "employeeid",
            "staffid",
        ],
    ),
    (
        PERIOD,
        &["周期", "期间", "统计周期", "月份", "period", "month"],
    ),
    (
        "csat",
        &["客户满意度", "满意度", "csat", "customersatisfaction"],
    ),
    (
        "fcr",
        &[
            "首次解决率",
            "一次解决率",
            "首解率",
            "fcr",
            "firstcontactresolution",
        ],
    ),
    (
        "aht",
        &[
            "平均处理时长",
            "平均通话时长",
            "aht",
            "averagehandletime",
            "avghandletime",
        ],
    ),
    (
        "complaintRate",
        &["投诉率", "complaintrate", "complaintsrate"],
    ),
    (
        "resolutionRate",
        &["问题解决率", "解决率", "resolutionrate"],
    ),
    (
        "qaScore",
        &[
            "质检得分",
            "质检分数",
            "服务质量评分",
            "qascore",
            "qa",
            "qualityscore",
        ],
    ),
];

/// Largest KPI file accepted (bytes), so a wrong file cannot freeze the page.
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

/// Reads a KPI CSV. Data rows are numbered from 1 in paths (`rows[3].csat` is the third row
/// under the header), so a trainer can count them in the spreadsheet.
///
/// @example `let kpis = import_kpi_csv("工号,周期,客户满意度\nE1001,2026-09,4.6\n")?;`
pub fn import_kpi_csv(text: &str) -> Result<KpiImport, Error> {
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
    let records = read_records(text)?;
    let mut records = records.into_iter().filter(|r| !r.is_blank());
    let header = records.next().ok_or_else(|| {
        Error::new(
            ErrorCode::InsufficientData,
            "",
            "KPI 文件为空，第一行应为表头（工号、周期、客户满意度…）",
            "the KPI file is empty; the first line must be the header (agent id, period, CSAT…)",
        )
    })?;
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(header.fields.len());
    let mut recognised = Vec::new();
    let mut ignored = Vec::new();
    let mut seen = BTreeSet::new();
    for raw in &header.fields {
        let key = normalise(raw);
        let field = ALIASES
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
            .map(|(f, _)| *f);
        if let Some(f) = field {
            if !seen.insert(f) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("header.{f}"),
                    format!("表头中有两列都对应 “{f}”（第二列为 “{raw}”）"),
                    format!("two header columns both mean \"{f}\" (the second is \"{raw}\")"),
                ));
            }
            recognised.push(KpiColumn {
                header: raw.trim().to_string(),
                field: f.to_string(),
            });
        } else {
            ignored.push(raw.trim().to_string());
        }
        columns.push(field);
    }
    for (required, zh) in [(AGENT, "工号"), (PERIOD, "周期")] {
        if !seen.contains(required) {
            return Err(Error::new(
                ErrorCode::MissingField,
                format!("header.{required}"),
                format!("表头缺少“{zh}”列"),
                format!("the header has no \"{required}\" column"),
            ));
        }
    }
    if !defaults::KPIS.iter().any(|k| seen.contains(k.id)) {
        return Err(Error::new(
            ErrorCode::MissingField,
            "header",
            "表头中没有可识别的 KPI 列（客户满意度、首次解决率、平均处理时长、投诉率、问题解决率、质检得分）",
            "the header has no KPI column (CSAT, FCR, AHT, complaint rate, resolution rate, QA score)",
        ));
    }
    let mut evidence = Vec::new();
    let mut keys = BTreeSet::new();
    let mut rows = 0u32;
    for (i, record) in records.enumerate() {
        let row = i + 1;
        rows += 1;
        if record.fields.len() != columns.len() {
            return Err(Error::new(
                ErrorCode::InvalidRow,
                format!("rows[{row}]"),
                format!(
                    "第 {row} 行数据（文件第 {} 行）有 {} 列，表头有 {} 列",
                    record.line,
                    record.fields.len(),
                    columns.len()
                ),
                format!(
                    "data row {row} (line {}) has {} fields; the header has {}",
                    record.line,
                    record.fields.len(),
                    columns.len()
                ),
            ));
        }
        let cell = |name: &str| {
            columns
                .iter()
                .position(|c| *c == Some(name))
                .and_then(|p| record.fields.get(p))
                .map(|s| s.trim())
                .unwrap_or_default()
        };
        let agent = cell(AGENT);
        if agent.is_empty() {
            return Err(missing_cell(row, AGENT, "工号"));
        }
        let period_text = cell(PERIOD);
        if period_text.is_empty() {
            return Err(missing_cell(row, PERIOD, "周期"));
        }
        let (period, date) = parse_period(period_text).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidRow,
                format!("rows[{row}].period"),
                format!("第 {row} 行“周期”列的 “{period_text}” 无法识别，应为 2026-09、2026年9月 或 2026-09-30"),
                format!("data row {row}, column \"period\": \"{period_text}\" is not a period; expected 2026-09, 2026年9月 or 2026-09-30"),
            )
        })?;
        if !keys.insert((agent.to_string(), period.clone())) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("rows[{row}]"),
                format!("第 {row} 行重复：工号 {agent} 在周期 {period} 已有数据"),
                format!("data row {row} repeats agent {agent} for period {period}"),
            ));
        }
        for (c, field) in columns.iter().enumerate() {
            let Some(kpi) = field.and_then(defaults::kpi) else {
                continue;
            };
            let text = record.fields.get(c).map(|s| s.trim()).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            let value = parse_value(text, kpi.id).ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidRow,
                    format!("rows[{row}].{}", kpi.id),
                    format!("第 {row} 行“{}”列的 “{text}” 不是数字", kpi.zh),
                    format!(
                        "data row {row}, column \"{}\": \"{text}\" is not a number",
                        kpi.en
                    ),
                )
            })?;
            if !(kpi.min..=kpi.max).contains(&value) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    format!("rows[{row}].{}", kpi.id),
                    format!(
                        "第 {row} 行“{}”为 {value}，应在 {} 至 {} 之间",
                        kpi.zh, kpi.min, kpi.max
                    ),
                    format!(
                        "data row {row}, column \"{}\": {value} is out of range {} to {}",
                        kpi.en, kpi.min, kpi.max
                    ),
                ));
            }
            evidence.push(EvidenceRecord {
                person_id: agent.to_string(),
                kind: EvidenceKind::Kpi,
                key: kpi.id.to_string(),
                value,
                date,
                source_id: Some(format!("kpi:{period}")),
            });
        }
    }
    Ok(KpiImport {
        evidence,
        rows,
        columns: recognised,
        ignored_columns: ignored,
    })
}

fn missing_cell(row: usize, field: &str, zh: &str) -> Error {
    Error::new(
        ErrorCode::MissingField,
        format!("rows[{row}].{field}"),
        format!("第 {row} 行缺少“{zh}”"),
        format!("data row {row} has no \"{field}\""),
    )
}

/// Lower case, no spaces, underscores, hyphens or units in brackets: "AHT (秒)" → "aht".
fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in header.trim().chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace() || matches!(c, '_' | '-' | '.' | '/') => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `2026-09`, `2026/09`, `2026年9月` (→ the month's last day) or `2026-09-30`.
fn parse_period(text: &str) -> Option<(String, Date)> {
    if let Ok(date) = Date::parse(text, "") {
        return Some((text.to_string(), date));
    }
    let cleaned = text.replace('年', "-").replace('月', "").replace('/', "-");
    let (year, month) = cleaned.split_once('-')?;
    let year: i32 = year.trim().parse().ok()?;
    let month: u32 = month.trim().parse().ok()?;
    let first = Date::from_ymd(year, month, 1)?;
    let next = if month == 12 {
        Date::from_ymd(year + 1, 1, 1)?
    } else {
        Date::from_ymd(year, month + 1, 1)?
    };
    Some((
        format!("{}", first).get(..7)?.to_string(),
        next.add_days(-1),
    ))
}

/// A number, `85%` (percent KPIs only), or `m:ss` for AHT.
fn parse_value(text: &str, kpi: &str) -> Option<f64> {
    let percent_kpi = matches!(kpi, "fcr" | "complaintRate" | "resolutionRate");
    let text = match text.strip_suffix('%').or_else(|| text.strip_suffix('％')) {
        Some(rest) if percent_kpi => rest.trim(),
        Some(_) => return None,
        None => text,
    };
    if kpi == "aht" {
        if let Some((m, s)) = text.split_once(':') {
            let minutes: u32 = m.trim().parse().ok()?;
            let seconds: f64 = s.trim().parse().ok()?;
            if !(0.0..60.0).contains(&seconds) {
                return None;
            }
            return Some(f64::from(minutes) * 60.0 + seconds);
        }
    }
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_both_languages() {
        assert_eq!(normalise("AHT (秒)"), "aht");
        assert_eq!(normalise(" Complaint_Rate "), "complaintrate");
        assert_eq!(normalise("平均处理时长（秒）"), "平均处理时长");
    }

    #[test]
    fn periods_and_values() {
        let (p, d) = parse_period("2026年9月").unwrap();
        assert_eq!(
            (p.as_str(), d.to_string().as_str()),
            ("2026-09", "2026-09-30")
        );
        assert_eq!(parse_period("2026-02").unwrap().1.to_string(), "2026-02-28");
        assert_eq!(parse_period("2026-12").unwrap().1.to_string(), "2026-12-31");
        assert!(parse_period("2026-13").is_none());
        assert_eq!(parse_value("85%", "fcr"), Some(85.0));
        assert_eq!(parse_value("4.6%", "csat"), None);
        assert_eq!(parse_value("5:30", "aht"), Some(330.0));
        assert_eq!(parse_value("abc", "fcr"), None);
        assert_eq!(parse_value("NaN", "fcr"), None);
    }
}
