//! The exam's stored records → an [`XapiAttempt`]: what the page keeps in IndexedDB after a
//! candidate submits (the attempt with its paper and responses, the scored result) and the bank,
//! turned into the input of [`statements`](super::xapi::statements) and of the results CSV.
//!
//! Nothing here reads a clock: every timestamp is the attempt's own (epoch milliseconds, written
//! in UTC), so building the statements again gives the same ids and the same content.

use std::collections::BTreeMap;

use crate::format::FromJson;
use serde_json::Value;

use super::defaults::{XAPI_ACCOUNT_HOME_PAGE, XAPI_ACTIVITY_BASE};
use super::uuid5::{parse_uuid, uuid_v5};
use super::xapi::{item_from_bank, XapiAccount, XapiActor, XapiAttempt, XapiExam, XapiScore};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::exam::Paper;

/// The stored attempt, as the page's `Store.startAttempt` / `submitAttempt` write it. Other
/// fields of the record (events, packed answers, deadline…) are ignored.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase")]
pub struct StoredAttempt {
    /// The attempt's id (a UUID on the page).
    pub attempt_id: String,
    /// The candidate.
    pub candidate: StoredCandidate,
    /// The paper the candidate got.
    pub paper: Paper,
    /// Item id → the answer and when it was given.
    #[serde(default)]
    pub responses: BTreeMap<String, StoredResponse>,
    /// Epoch milliseconds.
    pub started_at: f64,
    /// Epoch milliseconds; absent while in progress.
    #[serde(default)]
    pub submitted_at: Option<f64>,
    /// The exam's title as shown.
    #[serde(default)]
    pub exam_title: Option<String>,
    /// `submitted` once closed.
    #[serde(default)]
    pub status: Option<String>,
}

/// A candidate: a name and an employee id (工号).
#[derive(Debug, Clone, FromJson)]
pub struct StoredCandidate {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Employee id, the actor's account name.
    pub id: String,
}

/// One stored answer.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase")]
pub struct StoredResponse {
    /// The response in the bank's format (`"B"`, `["A","C"]`, `true`, `["退货"]`, …).
    #[serde(default)]
    pub value: Value,
    /// Epoch milliseconds.
    #[serde(default)]
    pub answered_at: Option<f64>,
}

/// The fields of the stored `ExamResult` that the statements need.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase")]
pub struct StoredResult {
    /// Points earned.
    pub points: f64,
    /// Maximum points.
    pub max_points: f64,
    /// Whether the attempt passed.
    pub passed: bool,
    /// Seconds used.
    #[serde(default)]
    pub time_used_seconds: Option<f64>,
    /// Per item, in paper order.
    pub items: Vec<StoredItemResult>,
}

/// One item of a stored result.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase")]
pub struct StoredItemResult {
    /// Item id.
    pub item_id: String,
    /// Points earned.
    pub points: f64,
}

/// Where the statements point: who the learner is on which system, and the exams' IRIs.
#[derive(Debug, Clone, Default, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct XapiOptions {
    /// The home page of the system whose employee ids the candidates use (the actor's
    /// `account.homePage`); default `https://kaohe.example/staff`.
    pub account_home_page: Option<String>,
    /// The exams' activity IRIs start with this; the exam is `{base}/{blueprintId}`; default
    /// `https://kaohe.example/exams`.
    pub activity_base: Option<String>,
    /// Language of names and descriptions (default zh-CN).
    pub language: Option<String>,
    /// For the results CSV: the local time zone, in minutes east of UTC (480 for Beijing; in
    /// a browser `-new Date().getTimezoneOffset()`); default 480. Statements stay in UTC.
    pub utc_offset_minutes: Option<i32>,
}

fn bad(path: &str, zh: String, en: String) -> Error {
    Error::new(ErrorCode::InvalidValue, path, zh, en)
}

/// Builds the [`XapiAttempt`] of a submitted attempt from the stored records and the bank
/// (a bank JSON value in format version 1, already validated by the caller).
pub fn xapi_attempt(
    attempt: &StoredAttempt,
    result: &StoredResult,
    bank: &Value,
    options: &XapiOptions,
) -> Result<XapiAttempt, Error> {
    let Some(submitted_at) = attempt.submitted_at else {
        return Err(bad(
            "attempt.submittedAt",
            "该考试尚未交卷，没有可导出的结果".into(),
            "the attempt has not been submitted; there is no result to export".into(),
        ));
    };
    if attempt.candidate.id.trim().is_empty() {
        return Err(bad(
            "attempt.candidate.id",
            "考生工号为空，无法标识学习者".into(),
            "the candidate's employee id is blank; the learner cannot be identified".into(),
        ));
    }
    let bank_items: BTreeMap<&str, &Value> = bank
        .get("items")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.get("id").and_then(Value::as_str).map(|id| (id, i)))
                .collect()
        })
        .unwrap_or_default();
    let earned: BTreeMap<&str, f64> = result
        .items
        .iter()
        .map(|i| (i.item_id.as_str(), i.points))
        .collect();
    let mut items = Vec::new();
    for (n, id) in attempt.paper.item_ids().enumerate() {
        let Some(item) = bank_items.get(id) else {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("attempt.paper.items[{n}]"),
                format!("试卷中的题目 “{id}” 不在题库中"),
                format!("item \"{id}\" of the paper is not in the bank"),
            ));
        };
        let stored = attempt.responses.get(id);
        let raw = earned.get(id).copied().unwrap_or(0.0);
        let mut x = item_from_bank(item, stored.map(|r| &r.value), raw)
            .map_err(|e| e.within(&format!("bank.items[{id}]")))?;
        x.answered_at = stored.and_then(|r| r.answered_at).map(iso_utc);
        items.push(x);
    }
    let base = options
        .activity_base
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(XAPI_ACTIVITY_BASE)
        .trim_end_matches('/');
    let home_page = options
        .account_home_page
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(XAPI_ACCOUNT_HOME_PAGE);
    let title = attempt
        .exam_title
        .clone()
        .unwrap_or_else(|| attempt.paper.title.clone());
    let bank_title = bank.get("title").and_then(Value::as_str);
    let duration = result
        .time_used_seconds
        .unwrap_or((submitted_at - attempt.started_at) / 1000.0)
        .max(0.0);
    Ok(XapiAttempt {
        schema_version: 1,
        attempt_id: attempt.attempt_id.clone(),
        registration: registration(&attempt.attempt_id),
        actor: XapiActor {
            name: Some(attempt.candidate.name.clone()).filter(|n| !n.trim().is_empty()),
            mbox: None,
            account: Some(XapiAccount {
                home_page: home_page.to_string(),
                name: attempt.candidate.id.trim().to_string(),
            }),
        },
        exam: XapiExam {
            id: format!("{base}/{}", attempt.paper.blueprint_id),
            name: title,
            description: bank_title.map(String::from),
        },
        started_at: iso_utc(attempt.started_at),
        finished_at: iso_utc(submitted_at),
        duration_seconds: duration,
        items,
        score: XapiScore {
            raw: result.points,
            min: result.points.min(0.0),
            max: result.max_points,
        },
        passed: result.passed,
        language: options.language.clone(),
    })
}

/// The attempt id itself when it is a UUID (the page's ids are), else a UUID derived from it.
pub fn registration(attempt_id: &str) -> String {
    if parse_uuid(attempt_id).is_some() {
        return attempt_id.to_lowercase();
    }
    let namespace = parse_uuid(super::xapi::STATEMENT_NAMESPACE).unwrap_or_default();
    uuid_v5(&namespace, &format!("registration\n{attempt_id}"))
}

/// Epoch milliseconds as ISO 8601 in UTC with milliseconds: `2026-11-02T01:02:03.456Z`.
pub fn iso_utc(ms: f64) -> String {
    let ms = if ms.is_finite() { ms.round() } else { 0.0 };
    let days = (ms / 86_400_000.0).floor();
    let rest = ms - days * 86_400_000.0;
    // Dates beyond ±5.8 million years saturate; a stored attempt never has one.
    let date = Date::from_days_since_epoch(days.clamp(-2e6, 2e6) as i32);
    let (y, m, d) = date.ymd();
    let total = rest as u64;
    let (h, min, s, milli) = (
        total / 3_600_000,
        total / 60_000 % 60,
        total / 1000 % 60,
        total % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::xapi::is_timestamp;

    #[test]
    fn utc_timestamps() {
        assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00.000Z");
        // 2026-11-02T09:00:00+08:00 = 1793581200000 ms (Python: datetime(...).timestamp()).
        assert_eq!(iso_utc(1_793_581_200_000.0), "2026-11-02T01:00:00.000Z");
        assert_eq!(iso_utc(1_793_581_200_456.4), "2026-11-02T01:00:00.456Z");
        assert!(is_timestamp(&iso_utc(1_793_581_200_456.0)));
    }

    #[test]
    fn registrations() {
        let uuid = "6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
        assert_eq!(registration(uuid), uuid.to_lowercase());
        let derived = registration("att-1");
        assert!(parse_uuid(&derived).is_some());
        assert_eq!(derived, registration("att-1"));
        assert_ne!(derived, registration("att-2"));
    }
}
