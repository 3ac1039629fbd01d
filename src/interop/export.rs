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
use super::xapi::{InteractionType, XapiAttempt, XapiItem};
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

/// A text export item by item: `question` writes one item (followed by `separator`) or says, in
/// both languages, why the format cannot hold it; such items are left out and listed at
/// `items[i]` (`INVALID_VALUE`).
pub(crate) fn write_items(
    bank: &Value,
    separator: &str,
    question: fn(&Value) -> Result<String, (String, String)>,
) -> (String, Vec<Problem>) {
    let mut out = String::new();
    let mut problems = Vec::new();
    let items = bank
        .get("items")
        .and_then(Value::as_array)
        .map_or(&[][..], |v| v);
    for (i, item) in items.iter().enumerate() {
        match question(item) {
            Ok(q) => {
                out.push_str(&q);
                out.push_str(separator);
            }
            Err((zh, en)) => problems.push(Problem {
                path: format!("items[{i}]"),
                code: crate::error::ErrorCode::InvalidValue.as_str().to_string(),
                message: crate::i18n::Text::new(zh, en),
            }),
        }
    }
    (out, problems)
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
/// 正确答案, 得分, 满分, 结果, then a total row, in words a trainer reads (单选, `A、C`, 正确,
/// `3（或 三）`), taken from `bank` (the attempt's bank, format version 1) where it has the item.
pub fn attempt_csv(attempt: &XapiAttempt, bank: Option<&Value>) -> String {
    let mut rows = vec![ITEM_HEADER.map(String::from).to_vec()];
    rows.extend(item_rows(attempt, bank));
    write_csv(&rows)
}

/// Several attempts' per-item results in one CSV (UTF-8 with BOM), for a pivot table: 工号,
/// 姓名, 考试, 开始时间, 交卷时间 (local time: `utc_offset_minutes` east of UTC, e.g. 480 for
/// Beijing, as `2026-11-02 09:00:00`), then the columns of [`attempt_csv`]; each attempt ends
/// with its total row (题号 合计). Each attempt comes with its bank.
pub fn results_csv(records: &[(XapiAttempt, &Value)], utc_offset_minutes: i32) -> String {
    let mut header: Vec<String> = ["工号", "姓名", "考试", "开始时间", "交卷时间"]
        .map(String::from)
        .to_vec();
    header.extend(ITEM_HEADER.map(String::from));
    let mut rows = vec![header];
    for (attempt, bank) in records {
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
            local_time(&attempt.started_at, utc_offset_minutes),
            local_time(&attempt.finished_at, utc_offset_minutes),
        ];
        for row in item_rows(attempt, Some(bank)) {
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

/// An ISO 8601 timestamp (`2026-11-02T01:00:00.000Z`, `…+08:00`) as local time
/// `2026-11-02 09:00:00` at `offset` minutes east of UTC; other text is returned as it is.
pub fn local_time(iso: &str, offset_minutes: i32) -> String {
    parse_iso_ms(iso).map_or_else(
        || iso.to_string(),
        |ms| {
            let local = ms + i64::from(offset_minutes) * 60_000;
            let days = local.div_euclid(86_400_000);
            let rest = local.rem_euclid(86_400_000) / 1000;
            let date = crate::date::Date::from_days_since_epoch(i32::try_from(days).unwrap_or(0));
            let (y, m, d) = date.ymd();
            format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
                rest / 3600,
                rest / 60 % 60,
                rest % 60
            )
        },
    )
}

/// Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
fn parse_iso_ms(iso: &str) -> Option<i64> {
    let (date, time) = iso.split_once('T')?;
    let mut ymd = date.split('-');
    let y: i32 = ymd.next()?.parse().ok()?;
    let m: u32 = ymd.next()?.parse().ok()?;
    let d: u32 = ymd.next()?.parse().ok()?;
    let day = crate::date::Date::from_ymd(y, m, d)?;
    let (clock, zone_ms) = if let Some(c) = time.strip_suffix('Z') {
        (c, 0i64)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (c, z) = time.split_at(at);
        let sign = if z.starts_with('-') { -1 } else { 1 };
        let (zh, zm) = z.get(1..)?.split_once(':')?;
        let minutes = zh.parse::<i64>().ok()? * 60 + zm.parse::<i64>().ok()?;
        (c, sign * minutes * 60_000)
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let mut parts = hms.split(':').map(|p| p.parse::<i64>().ok());
    let (h, mi, sec) = (parts.next()??, parts.next()??, parts.next()??);
    let milli: i64 = format!("{frac:0<3}").get(..3)?.parse().ok()?;
    Some(
        i64::from(day.days_since_epoch()) * 86_400_000 + ((h * 60 + mi) * 60 + sec) * 1000 + milli
            - zone_ms,
    )
}

/// One row per item, then the total row.
fn item_rows(attempt: &XapiAttempt, bank: Option<&Value>) -> Vec<Vec<String>> {
    let bank_item = |id: &str| {
        bank.and_then(|b| b.get("items"))
            .and_then(Value::as_array)
            .and_then(|items| {
                items
                    .iter()
                    .find(|i| i.get("id").and_then(Value::as_str) == Some(id))
            })
    };
    let mut rows = Vec::new();
    for item in &attempt.items {
        let verdict = match (&item.response, item.success) {
            (None, _) => "未作答",
            (_, None) => "待评阅",
            (_, Some(true)) => "正确",
            (_, Some(false)) if item.raw_score > 0.0 => "部分正确",
            (_, Some(false)) => "错误",
        };
        let found = bank_item(&item.id);
        rows.push(vec![
            item.id.clone(),
            type_name(item, found).to_string(),
            item.stem.clone(),
            item.response
                .as_deref()
                .map(|r| readable_response(item, r))
                .unwrap_or_default(),
            found.map_or_else(|| readable_key(item), super::table::answer_in_words),
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

/// 单选, 多选… from the bank item, else from the interaction type.
fn type_name(item: &XapiItem, bank_item: Option<&Value>) -> &'static str {
    if let Some(name) = bank_item
        .and_then(|b| b.get("type"))
        .and_then(Value::as_str)
        .and_then(super::table::type_name_zh)
    {
        return name;
    }
    match item.interaction_type {
        InteractionType::Choice => "选择",
        InteractionType::TrueFalse => "判断",
        InteractionType::FillIn => "填空",
        InteractionType::LongFillIn => "简答",
        InteractionType::Numeric => "数值",
        InteractionType::Sequencing => "排序",
        InteractionType::Matching => "匹配",
        InteractionType::Other => "其他",
    }
}

/// A response in xAPI notation (`A[,]C`, `true`, `p1[.]A`, `28[:]32`) in words.
fn readable_response(item: &XapiItem, pattern: &str) -> String {
    let pattern = pattern
        .strip_prefix("{case_matters=false}")
        .unwrap_or(pattern);
    match item.interaction_type {
        InteractionType::TrueFalse => match pattern {
            "true" => "正确".into(),
            "false" => "错误".into(),
            other => other.into(),
        },
        InteractionType::FillIn => pattern.replace("[,]", "；"),
        InteractionType::Matching => pattern.replace("[.]", "→").replace("[,]", "；"),
        InteractionType::Numeric => pattern.replace("[:]", "～"),
        _ => pattern.replace("[,]", "、"),
    }
}

/// The answer key from the xAPI patterns, when the bank is not at hand.
fn readable_key(item: &XapiItem) -> String {
    item.correct_responses_pattern
        .iter()
        .map(|p| readable_response(item, p))
        .collect::<Vec<_>>()
        .join(" 或 ")
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
        let text = attempt_csv(&attempt, None);
        assert!(text.starts_with('\u{FEFF}'));
        let rows = read_csv(&text).unwrap();
        assert_eq!(rows.len(), attempt.items.len() + 2);
        assert_eq!(rows[2][3], "A、B");
        assert!(!text.contains("choice") && !text.contains("case_matters"));
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
        let bank = serde_json::json!({});
        let rows = read_csv(&results_csv(
            &[(attempt.clone(), &bank), (second, &bank)],
            480,
        ))
        .unwrap();
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

    #[test]
    fn local_times() {
        // 2026-11-02T01:00:00Z is 09:00 in Beijing (Python: datetime.fromisoformat(...).astimezone(timezone(timedelta(hours=8)))).
        assert_eq!(
            local_time("2026-11-02T01:00:00.000Z", 480),
            "2026-11-02 09:00:00"
        );
        assert_eq!(
            local_time("2026-11-01T23:30:00Z", 480),
            "2026-11-02 07:30:00"
        );
        assert_eq!(
            local_time("2026-11-02T09:00:00+08:00", 480),
            "2026-11-02 09:00:00"
        );
        assert_eq!(
            local_time("2026-11-02T09:00:00+08:00", -300),
            "2026-11-01 20:00:00"
        );
        assert_eq!(local_time("昨天", 480), "昨天");
    }
}
