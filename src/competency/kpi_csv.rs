//! KPI import from a contact centre's spreadsheet export: agent id (工号), period (a day, an ISO
//! week, a month or a quarter) and any KPI the model defines (built in: CSAT, 满意率, FCR, AHT,
//! 平均响应时长, 投诉率, 投诉处理满意度, 表扬率, 问题解决率, 服务质量评分), with headers in Chinese
//! or English mapped by a [`KpiDictionary`] the trainer can extend. Each filled KPI cell becomes
//! an evidence record dated the last day of its period. [`preview_kpi_csv`] shows the mapping
//! and every row / column problem before anything is stored.

use std::collections::BTreeSet;

use crate::format::{FromJson, ToJson};

use super::defaults::KpiDirection;
use super::evidence::{EvidenceKind, EvidenceRecord};
use super::model::{builtin_kpis, CompiledModel, KpiInfo};
use crate::csv::read_records;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;

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

/// Header spellings of the two non-KPI columns, compared after [`normalise`].
const ID_ALIASES: &[&str] = &[
    "工号",
    "员工工号",
    "坐席工号",
    "员工编号",
    "坐席id",
    "agentid",
    "agent",
    "employeeid",
    "staffid",
];
const PERIOD_ALIASES: &[&str] = &[
    "周期",
    "期间",
    "统计周期",
    "月份",
    "日期",
    "统计日期",
    "季度",
    "周次",
    "period",
    "month",
    "date",
    "quarter",
    "week",
];

/// How headers become fields: the KPIs known (built-in, the model's) with their spellings,
/// and the trainer's own header → field entries, which win over everything else.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDictionary {
    kpis: Vec<KpiInfo>,
    /// Normalised header → field (`agentId`, `period` or a KPI id).
    custom: Vec<(String, String)>,
}

/// One KPI by name: what the page shows wherever it names a KPI (the team view's evidence, a
/// programme's KPI choice, the KPI file's column mapping), so every view says 质检得分 alike.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KpiName {
    /// The id evidence and models use (`csat`, `qaScore`…).
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Unit in both languages (分, %, 秒, 次/月).
    pub unit: Text,
    /// Higher is better (CSAT) or lower is (handle time).
    pub higher_is_better: bool,
}

/// One header spelling the trainer adds: a column title and the field it means.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HeaderAlias {
    /// The column title as the report writes it, e.g. 一次性解决率.
    pub header: String,
    /// `agentId`, `period` or a KPI id of the model, e.g. `fcr`.
    pub field: String,
}

impl Default for KpiDictionary {
    fn default() -> Self {
        KpiDictionary {
            kpis: builtin_kpis(),
            custom: Vec::new(),
        }
    }
}

impl KpiDictionary {
    /// The model's KPIs (built-in ones included) and their spellings.
    pub fn for_model(model: &CompiledModel) -> KpiDictionary {
        KpiDictionary {
            kpis: model.kpis.clone(),
            custom: Vec::new(),
        }
    }

    /// The dictionary of a file preview: the KPIs of `model` when given (its errors under
    /// `model`), else the built-in ones, with the trainer's `headers` (errors under `headers`).
    pub fn for_preview(
        model: Option<super::model::CompetencyModel>,
        headers: &[HeaderAlias],
    ) -> Result<KpiDictionary, Error> {
        let dictionary = match model {
            Some(model) => KpiDictionary::for_model(
                &super::model::compile_model(model).map_err(|e| e.within("model"))?,
            ),
            None => KpiDictionary::default(),
        };
        dictionary.with_headers(headers)
    }

    /// Adds the trainer's header spellings; a field that is neither `agentId`, `period` nor a
    /// known KPI is `UNKNOWN_REFERENCE` at `headers[i].field`.
    pub fn with_headers(mut self, headers: &[HeaderAlias]) -> Result<KpiDictionary, Error> {
        for (i, alias) in headers.iter().enumerate() {
            let field = alias.field.trim();
            if field != AGENT && field != PERIOD && !self.kpis.iter().any(|k| k.id == field) {
                let ids: Vec<&str> = self.kpis.iter().map(|k| k.id.as_str()).collect();
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    format!("headers[{i}].field"),
                    format!("“{field}” 不是工号、周期或已定义的 KPI；可用：agentId、period、{}", ids.join("、")),
                    format!("\"{field}\" is neither agentId, period nor a known KPI; expected agentId, period, {}", ids.join(", ")),
                ));
            }
            let key = normalise(&alias.header);
            if key.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("headers[{i}].header"),
                    "表头不能为空",
                    "the header must not be blank",
                ));
            }
            self.custom.retain(|(h, _)| *h != key);
            self.custom.push((key, field.to_string()));
        }
        Ok(self)
    }

    /// The KPIs known.
    pub fn kpis(&self) -> &[KpiInfo] {
        &self.kpis
    }

    /// The KPIs known, as the page names them: one entry per id, a model's definition in place
    /// of the built-in one it redefines, built-in order first.
    pub fn names(&self) -> Vec<KpiName> {
        let mut names: Vec<KpiName> = Vec::with_capacity(self.kpis.len());
        for kpi in &self.kpis {
            let entry = KpiName {
                id: kpi.id.clone(),
                name: kpi.name.clone(),
                unit: kpi.unit.clone(),
                higher_is_better: kpi.direction == KpiDirection::HigherIsBetter,
            };
            match names.iter_mut().find(|n| n.id == kpi.id) {
                Some(known) => *known = entry,
                None => names.push(entry),
            }
        }
        names
    }

    /// The field a header means, if any.
    fn field(&self, header: &str) -> Option<Field> {
        let key = normalise(header);
        if let Some((_, f)) = self.custom.iter().find(|(h, _)| *h == key) {
            return self.resolve(f);
        }
        if ID_ALIASES.contains(&key.as_str()) {
            return Some(Field::Agent);
        }
        if PERIOD_ALIASES.contains(&key.as_str()) {
            return Some(Field::Period);
        }
        // The model's KPIs come after the built-in ones: search from the end so a model's
        // spelling wins over a built-in alias it shares.
        self.kpis
            .iter()
            .enumerate()
            .rev()
            .find(|(_, k)| k.aliases.iter().any(|a| normalise(a) == key))
            .map(|(i, _)| Field::Kpi(i))
    }

    fn resolve(&self, field: &str) -> Option<Field> {
        match field {
            AGENT => Some(Field::Agent),
            PERIOD => Some(Field::Period),
            id => self.kpis.iter().position(|k| k.id == id).map(Field::Kpi),
        }
    }
}

/// What a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Agent,
    Period,
    Kpi(usize),
}

/// A row or column problem found while reading a KPI file.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KpiProblem {
    /// Stable code (`INVALID_ROW`, `OUT_OF_RANGE`, `MISSING_FIELD`, `DUPLICATE_ID`…).
    pub code: String,
    /// Where: `rows[3].csat`, `header.period`.
    pub path: String,
    /// Data row (1 = first row under the header), 0 for the header.
    pub row: u32,
    /// The column's header as written, "" for a whole row.
    pub column: String,
    /// What is wrong, in both languages.
    pub message: Text,
}

/// What the page shows before anything is stored: how each column was understood, the rows
/// read, the evidence they yield and every problem with its row and column.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KpiPreview {
    /// The import as it would be stored (records from the rows without problems).
    pub import: KpiImport,
    /// Every problem found, in file order (at most [`MAX_PROBLEMS`]).
    pub problems: Vec<KpiProblem>,
    /// The periods found, e.g. `2026-Q3`, `2026-09`, `2026-W37`, `2026-09-30`.
    pub periods: Vec<String>,
}

/// Problems listed in a preview at most (the rest are counted in the last one's message).
pub const MAX_PROBLEMS: usize = 200;

/// Largest KPI file accepted (bytes), so a wrong file cannot freeze the page.
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

/// Reads a KPI CSV from the file's bytes: UTF-8, UTF-16 or GBK/GB18030 (Excel's plain
/// "CSV (逗号分隔)" on Chinese Windows), detected by the shared decoder in [`crate::encoding`].
///
/// @example `let kpis = import_kpi_csv_bytes(&std::fs::read("kpi.csv")?, &UnicodeOnly)?;`
pub fn import_kpi_csv_bytes(
    bytes: &[u8],
    legacy: &dyn crate::encoding::LegacyDecoder,
) -> Result<KpiImport, Error> {
    check_csv_size(bytes.len())?;
    let decoded = crate::encoding::decode_text(bytes, None, legacy)?;
    import_kpi_csv(&decoded.text)
}

/// Reads a KPI CSV with the built-in KPIs. Data rows are numbered from 1 in paths
/// (`rows[3].csat` is the third row under the header), so a trainer can count them in the
/// spreadsheet. The first problem fails the import (see [`preview_kpi_csv`] for all of them).
///
/// The text must already be decoded: GBK files are decoded by the shared byte → text decoder
/// before they reach here.
///
/// @example `let kpis = import_kpi_csv("工号,周期,客户满意度\nE1001,2026-09,4.6\n")?;`
pub fn import_kpi_csv(text: &str) -> Result<KpiImport, Error> {
    import_kpi_csv_with(text, &KpiDictionary::default())
}

/// [`import_kpi_csv`] with a dictionary (the model's KPIs, the trainer's header spellings).
pub fn import_kpi_csv_with(text: &str, dictionary: &KpiDictionary) -> Result<KpiImport, Error> {
    let (preview, first) = read(text, dictionary, true)?;
    match first {
        Some(error) => Err(error),
        None => Ok(preview.import),
    }
}

/// Reads a KPI CSV without storing anything and without stopping at the first problem: the
/// column mapping, the records of the good rows and every row / column problem. Only a file
/// that cannot be read at all (too large, no header, no agent / period / KPI column) is an error.
pub fn preview_kpi_csv(text: &str, dictionary: &KpiDictionary) -> Result<KpiPreview, Error> {
    read(text, dictionary, false).map(|(preview, _)| preview)
}

/// The preview, and the first problem as an error.
fn read(
    text: &str,
    dictionary: &KpiDictionary,
    stop_at_first: bool,
) -> Result<(KpiPreview, Option<Error>), Error> {
    check_csv_size(text.len())?;
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
    let kpis = dictionary.kpis();
    let mut columns: Vec<Option<Field>> = Vec::with_capacity(header.fields.len());
    let mut recognised = Vec::new();
    let mut ignored = Vec::new();
    for raw in &header.fields {
        let field = dictionary.field(raw);
        if let Some(f) = field {
            let id = match f {
                Field::Agent => AGENT,
                Field::Period => PERIOD,
                Field::Kpi(k) => kpis.get(k).map_or("", |x| x.id.as_str()),
            };
            if columns.contains(&Some(f)) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("header.{id}"),
                    format!("表头中有两列都对应 “{id}”（第二列为 “{raw}”）"),
                    format!("two header columns both mean \"{id}\" (the second is \"{raw}\")"),
                ));
            }
            recognised.push(KpiColumn {
                header: raw.trim().to_string(),
                field: id.to_string(),
            });
        } else {
            ignored.push(raw.trim().to_string());
        }
        columns.push(field);
    }
    for (required, field, zh) in [
        (AGENT, Field::Agent, "工号"),
        (PERIOD, Field::Period, "周期"),
    ] {
        if !columns.contains(&Some(field)) {
            return Err(Error::new(
                ErrorCode::MissingField,
                format!("header.{required}"),
                format!("表头缺少“{zh}”列"),
                format!("the header has no \"{required}\" column"),
            ));
        }
    }
    if !columns.iter().any(|c| matches!(c, Some(Field::Kpi(_)))) {
        let names: Vec<&str> = kpis.iter().map(|k| k.name.zh.as_str()).collect();
        let en: Vec<&str> = kpis.iter().map(|k| k.name.en.as_str()).collect();
        return Err(Error::new(
            ErrorCode::MissingField,
            "header",
            format!("表头中没有可识别的 KPI 列（{}）；可在表头对照中添加列名", names.join("、")),
            format!("the header has no KPI column ({}); add the column's title to the header dictionary", en.join(", ")),
        ));
    }
    let position = |f: Field| columns.iter().position(|c| *c == Some(f));
    let (agent_at, period_at) = (position(Field::Agent), position(Field::Period));
    let header_of = |c: usize| {
        header
            .fields
            .get(c)
            .map(|h| h.trim().to_string())
            .unwrap_or_default()
    };
    let mut evidence = Vec::new();
    let mut problems: Vec<KpiProblem> = Vec::new();
    let mut periods: Vec<String> = Vec::new();
    let mut keys = BTreeSet::new();
    let mut rows = 0u32;
    let mut dropped = 0usize;
    let mut first: Option<Error> = None;
    for (i, record) in records.enumerate() {
        if stop_at_first && first.is_some() {
            break;
        }
        let row = i + 1;
        rows += 1;
        let mut problem =
            |code: ErrorCode, path: String, column: String, zh: String, en: String| {
                if first.is_none() {
                    first = Some(Error::new(code, path.clone(), zh.clone(), en.clone()));
                }
                if problems.len() < MAX_PROBLEMS {
                    problems.push(KpiProblem {
                        code: code.as_str().to_string(),
                        path,
                        row: u32::try_from(row).unwrap_or(u32::MAX),
                        column,
                        message: Text::new(zh, en),
                    });
                } else {
                    dropped += 1;
                }
            };
        if record.fields.len() != columns.len() {
            problem(
                ErrorCode::InvalidRow,
                format!("rows[{row}]"),
                String::new(),
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
            );
            continue;
        }
        let cell = |at: Option<usize>| {
            at.and_then(|p| record.fields.get(p))
                .map(|s| s.trim())
                .unwrap_or_default()
        };
        // The two cells every row needs, checked in column order so the first gap is reported.
        let required = [(agent_at, AGENT, "工号"), (period_at, PERIOD, "周期")];
        if let Some(&(at, key, zh)) = required.iter().find(|(at, ..)| cell(*at).is_empty()) {
            let e = missing_cell(row, key, zh);
            problem(
                e.code(),
                e.path().to_string(),
                header_of(at.unwrap_or(0)),
                e.messages().zh.clone(),
                e.messages().en.clone(),
            );
            continue;
        }
        let (agent, period_text) = (cell(agent_at), cell(period_at));
        let Some((period, date)) = parse_period(period_text) else {
            problem(
                ErrorCode::InvalidRow,
                format!("rows[{row}].period"),
                header_of(period_at.unwrap_or(0)),
                format!("第 {row} 行“周期”列的 “{period_text}” 无法识别，应为 2026-09-30（日）、2026-W37（周）、2026-09 或 2026年9月（月）、2026-Q3 或 2026年第3季度（季度）"),
                format!("data row {row}, column \"period\": \"{period_text}\" is not a period; expected 2026-09-30 (day), 2026-W37 (week), 2026-09 (month) or 2026-Q3 (quarter)"),
            );
            continue;
        };
        if !keys.insert((agent.to_string(), period.clone())) {
            problem(
                ErrorCode::DuplicateId,
                format!("rows[{row}]"),
                String::new(),
                format!("第 {row} 行重复：工号 {agent} 在周期 {period} 已有数据"),
                format!("data row {row} repeats agent {agent} for period {period}"),
            );
            continue;
        }
        let mut row_records = Vec::new();
        let mut row_ok = true;
        for (c, field) in columns.iter().enumerate() {
            let Some(kpi) = field.and_then(|f| match f {
                Field::Kpi(k) => kpis.get(k),
                _ => None,
            }) else {
                continue;
            };
            let text = record.fields.get(c).map(|s| s.trim()).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            let (zh, en) = (&kpi.name.zh, &kpi.name.en);
            let Some(value) = parse_value(text, kpi) else {
                row_ok = false;
                problem(
                    ErrorCode::InvalidRow,
                    format!("rows[{row}].{}", kpi.id),
                    header_of(c),
                    format!("第 {row} 行“{zh}”列的 “{text}” 不是数字"),
                    format!("data row {row}, column \"{en}\": \"{text}\" is not a number"),
                );
                continue;
            };
            if !(kpi.min..=kpi.max).contains(&value) {
                row_ok = false;
                let hint = if kpi.id == "csat" && value > kpi.max {
                    (
                        "；满意率（百分比）请用“满意率”列",
                        "; a satisfaction rate in % belongs in a 满意率 column",
                    )
                } else {
                    ("", "")
                };
                problem(
                    ErrorCode::OutOfRange,
                    format!("rows[{row}].{}", kpi.id),
                    header_of(c),
                    format!(
                        "第 {row} 行“{zh}”为 {value}，应在 {} 至 {} 之间{}",
                        kpi.min, kpi.max, hint.0
                    ),
                    format!(
                        "data row {row}, column \"{en}\": {value} is out of range {} to {}{}",
                        kpi.min, kpi.max, hint.1
                    ),
                );
                continue;
            }
            row_records.push(EvidenceRecord {
                person_id: agent.to_string(),
                kind: EvidenceKind::Kpi,
                key: kpi.id.clone(),
                value,
                date,
                source_id: Some(format!("kpi:{period}")),
            });
        }
        if row_ok {
            evidence.append(&mut row_records);
            if !periods.contains(&period) {
                periods.push(period);
            }
        }
    }
    if dropped > 0 {
        if let Some(last) = problems.last_mut() {
            last.message
                .zh
                .push_str(&format!("（另有 {dropped} 个问题未列出）"));
            last.message
                .en
                .push_str(&format!(" ({dropped} more problems not listed)"));
        }
    }
    crate::sort::sort(&mut periods);
    let preview = KpiPreview {
        import: KpiImport {
            evidence,
            rows,
            columns: recognised,
            ignored_columns: ignored,
        },
        problems,
        periods,
    };
    Ok((preview, first))
}

/// Refuses a KPI file over [`MAX_CSV_BYTES`], read as bytes or already as text.
fn check_csv_size(len: usize) -> Result<(), Error> {
    if len > MAX_CSV_BYTES {
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
    Ok(())
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

/// The period of a cell and the day its records are dated (the period's last day):
/// `2026-09-30` (a day), `2026-W37` / `2026年第37周` (an ISO week, dated its Sunday),
/// `2026-09` / `2026/09` / `2026年9月` (a month), `2026-Q3` / `2026Q3` / `2026年第3季度` /
/// `2026年三季度` (a quarter).
pub fn parse_period(text: &str) -> Option<(String, Date)> {
    let text = text.trim();
    if let Ok(date) = Date::parse(text, "") {
        return Some((text.to_string(), date));
    }
    let upper = text.to_uppercase().replace(' ', "");
    // Quarters.
    let quarter_of = |s: &str| -> Option<u32> {
        match s {
            "1" | "一" => Some(1),
            "2" | "二" => Some(2),
            "3" | "三" => Some(3),
            "4" | "四" => Some(4),
            _ => None,
        }
    };
    let quarter = if let Some((y, q)) = upper.split_once('Q') {
        Some((y.trim_end_matches('-').trim_end_matches('年'), q))
    } else if let Some(rest) = upper.strip_suffix("季度") {
        rest.split_once('年')
            .map(|(y, q)| (y, q.trim_start_matches('第')))
    } else {
        None
    };
    if let Some((year, q)) = quarter {
        let year: i32 = year.parse().ok()?;
        let q = quarter_of(q)?;
        let last_month = q * 3;
        let end = month_end(year, last_month)?;
        return Some((format!("{year}-Q{q}"), end));
    }
    // ISO weeks.
    let week = if let Some((y, w)) = upper.split_once('W') {
        Some((y.trim_end_matches('-'), w))
    } else if let Some(rest) = upper.strip_suffix('周') {
        rest.split_once('年')
            .map(|(y, w)| (y, w.trim_start_matches('第')))
    } else {
        None
    };
    if let Some((year, w)) = week {
        let year: i32 = year.parse().ok()?;
        let w: u32 = w.parse().ok()?;
        let sunday = iso_week_sunday(year, w)?;
        return Some((format!("{year}-W{w:02}"), sunday));
    }
    // Months.
    let cleaned = text.replace('年', "-").replace('月', "").replace('/', "-");
    let (year, month) = cleaned.split_once('-')?;
    let year: i32 = year.trim().parse().ok()?;
    let month: u32 = month.trim().parse().ok()?;
    let end = month_end(year, month)?;
    Some((format!("{year}-{month:02}"), end))
}

fn month_end(year: i32, month: u32) -> Option<Date> {
    Date::from_ymd(year, month, 1)?;
    let next = if month == 12 {
        Date::from_ymd(year + 1, 1, 1)?
    } else {
        Date::from_ymd(year, month + 1, 1)?
    };
    Some(next.add_days(-1))
}

/// The Sunday ending ISO week `week` of `year` (weeks start on Monday; week 1 holds 4 January).
fn iso_week_sunday(year: i32, week: u32) -> Option<Date> {
    let jan4 = Date::from_ymd(year, 1, 4)?;
    let monday1 = jan4.add_days(-(jan4.weekday() as i32));
    let weeks_in_year = {
        let dec28 = Date::from_ymd(year, 12, 28)?;
        (dec28.days_since(monday1) / 7 + 1) as u32
    };
    if week == 0 || week > weeks_in_year {
        return None;
    }
    Some(monday1.add_days(7 * (week as i32 - 1) + 6))
}

/// A number, `85%` (percentage KPIs only), or `m:ss` for times in seconds.
fn parse_value(text: &str, kpi: &KpiInfo) -> Option<f64> {
    let text = match text.strip_suffix('%').or_else(|| text.strip_suffix('％')) {
        Some(rest) if kpi.percent => rest.trim(),
        Some(_) => return None,
        None => text,
    };
    if kpi.unit.en == "s" {
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
    use super::super::defaults;
    use super::*;

    #[test]
    fn kpi_names_one_per_id_a_models_definition_in_place() {
        let builtin = KpiDictionary::default().names();
        assert_eq!(builtin.len(), defaults::KPIS.len());
        let qa = builtin.iter().find(|k| k.id == "qaScore").unwrap();
        assert_eq!(
            (qa.name.zh.as_str(), qa.higher_is_better),
            ("质检得分", true)
        );
        assert!(
            !builtin
                .iter()
                .find(|k| k.id == "aht")
                .unwrap()
                .higher_is_better
        );
        // A model redefining CSAT and adding its own KPI (as `compile_kpis` lists them: the
        // built-in ones, then the model's).
        let mut kpis = builtin_kpis();
        let mut csat = kpis[0].clone();
        csat.name = Text::new("满意度（十分制）", "CSAT (0–10)");
        let mut nps = kpis[0].clone();
        nps.id = "nps".into();
        kpis.push(csat);
        kpis.push(nps);
        let names = KpiDictionary {
            kpis,
            custom: Vec::new(),
        }
        .names();
        assert_eq!(names.len(), defaults::KPIS.len() + 1);
        assert_eq!(
            (names[0].id.as_str(), names[0].name.zh.as_str()),
            ("csat", "满意度（十分制）")
        );
        assert_eq!(names.last().unwrap().id, "nps");
    }

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
        let kpis = builtin_kpis();
        let k = |id: &str| kpis.iter().find(|k| k.id == id).unwrap();
        assert_eq!(parse_value("85%", k("fcr")), Some(85.0));
        assert_eq!(parse_value("4.6%", k("csat")), None);
        assert_eq!(parse_value("5:30", k("aht")), Some(330.0));
        assert_eq!(parse_value("abc", k("fcr")), None);
        assert_eq!(parse_value("NaN", k("fcr")), None);
        // Quarters, ISO weeks and days.
        let p = |t: &str| parse_period(t).map(|(p, d)| (p, d.to_string()));
        let want = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(p("2026-Q3"), want("2026-Q3", "2026-09-30"));
        assert_eq!(p("2026年第4季度"), want("2026-Q4", "2026-12-31"));
        assert_eq!(p("2026年三季度"), want("2026-Q3", "2026-09-30"));
        assert_eq!(p("2026Q1"), want("2026-Q1", "2026-03-31"));
        assert_eq!(p("2026-W01"), want("2026-W01", "2026-01-04"));
        assert_eq!(p("2026年第37周"), want("2026-W37", "2026-09-13"));
        // 2026 starts on a Thursday, so it has 53 ISO weeks; 2027 has 52.
        assert_eq!(p("2026-W53"), want("2026-W53", "2027-01-03"));
        assert_eq!(p("2027-W53"), None);
        assert_eq!(p("2026-09-15"), want("2026-09-15", "2026-09-15"));
        assert_eq!(p("2026-Q5"), None);
    }
}
