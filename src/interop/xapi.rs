//! xAPI 1.0.3 statements from a finished attempt, ready to POST/PUT to a Learning Record Store.
//!
//! One attempt gives, in this order: an `answered` statement per answered item (the item is a
//! `cmi.interaction` activity with its `interactionType`, `correctResponsesPattern` and
//! components), then `completed`, `passed` or `failed`, and `scored` for the exam (an
//! `assessment` activity), each with `result.score` (scaled, raw, min, max), `success`,
//! `completion`, `result.duration` in ISO 8601 and `context.registration`.
//!
//! Statement ids are name-based UUIDs (v5) of the attempt id, the statement kind and the item id
//! in a fixed namespace, and timestamps are the attempt's own: building the statements again
//! gives the same ids and content, so re-sending is idempotent (an LRS answers 204 or 409 for
//! an id it already holds). The core reads no clock.

use crate::format::{FromJson, ToJson};
use serde_json::{json, Map, Value};

use super::defaults::XAPI_LANGUAGE;
use super::text::{format_number, num};
use super::uuid5::{parse_uuid, uuid_v5};
use crate::error::{Error, ErrorCode};
use crate::format::{check_schema_version, decode_json};

/// The namespace of kaohe's statement ids: uuid5(URL namespace, "https://kaohe.example/xapi/statements").
pub const STATEMENT_NAMESPACE: &str = "2ea99376-fcdf-55ea-a670-96beaa4208fe";

/// Verb ids (ADL vocabulary).
pub const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
/// Verb `completed`.
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// Verb `passed`.
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
/// Verb `failed`.
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// Verb `scored`.
pub const VERB_SCORED: &str = "http://adlnet.gov/expapi/verbs/scored";

/// A finished attempt, as the page knows it after scoring (format version 1).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiAttempt {
    /// Always 1.
    pub schema_version: u32,
    /// The attempt's stable id; statement ids derive from it.
    pub attempt_id: String,
    /// A UUID shared by every statement of the attempt (`context.registration`).
    pub registration: String,
    /// Who took the exam.
    pub actor: XapiActor,
    /// The exam as an activity.
    pub exam: XapiExam,
    /// When the attempt started, ISO 8601 with a time zone (`2026-11-02T09:00:00+08:00`).
    pub started_at: String,
    /// When it was submitted; the timestamp of the exam statements.
    pub finished_at: String,
    /// Time spent, in seconds (written as `PT1H2M3S`).
    pub duration_seconds: f64,
    /// The items, in paper order.
    pub items: Vec<XapiItem>,
    /// The exam's score.
    pub score: XapiScore,
    /// Whether the attempt passed (`passed` or `failed`).
    pub passed: bool,
    /// Language of names and descriptions (default zh-CN).
    #[serde(default)]
    pub language: Option<String>,
}

/// The learner: a name and exactly one identifier, an e-mail (`mbox`) or an account.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiActor {
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// `mailto:someone@example.com` (a bare address gets `mailto:` added).
    #[serde(default)]
    pub mbox: Option<String>,
    /// An account on a system, e.g. the company's HR system.
    #[serde(default)]
    pub account: Option<XapiAccount>,
}

/// An account on a system: that system's home page and the learner's id there.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiAccount {
    /// The system's home page, an absolute IRI.
    pub home_page: String,
    /// The learner's id on it (e.g. a staff number).
    pub name: String,
}

/// The exam as an xAPI activity.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiExam {
    /// An absolute IRI, e.g. `https://lms.example.com/kaohe/bp-theory-2026q4`; item
    /// activities are `{id}/items/{itemId}`.
    pub id: String,
    /// Its title.
    pub name: String,
    /// Optional description.
    #[serde(default)]
    pub description: Option<String>,
}

/// xAPI's interaction types (the cmi.interaction vocabulary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum InteractionType {
    /// Single or multiple choice (and situational judgement).
    Choice,
    /// True or false.
    TrueFalse,
    /// Short fill-in.
    FillIn,
    /// Long text (short-answer items).
    LongFillIn,
    /// A number.
    Numeric,
    /// Ordering.
    Sequencing,
    /// Matching.
    Matching,
    /// Anything else.
    Other,
}

impl InteractionType {
    fn as_str(self) -> &'static str {
        match self {
            InteractionType::Choice => "choice",
            InteractionType::TrueFalse => "true-false",
            InteractionType::FillIn => "fill-in",
            InteractionType::LongFillIn => "long-fill-in",
            InteractionType::Numeric => "numeric",
            InteractionType::Sequencing => "sequencing",
            InteractionType::Matching => "matching",
            InteractionType::Other => "other",
        }
    }
}

/// One component of an interaction: an option, a prompt or a target.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiComponent {
    /// The id used in response patterns.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// One item of the attempt.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiItem {
    /// The item id (unique in the attempt).
    pub id: String,
    /// Its interaction type.
    pub interaction_type: InteractionType,
    /// The question text.
    pub stem: String,
    /// Options of `choice` and `sequencing` items.
    #[serde(default)]
    pub choices: Vec<XapiComponent>,
    /// Prompts of `matching` items.
    #[serde(default)]
    pub source: Vec<XapiComponent>,
    /// Options of `matching` items.
    #[serde(default)]
    pub target: Vec<XapiComponent>,
    /// Correct responses in xAPI's format: `a[,]c`, `true`, `{case_matters=false}退货[,]7`,
    /// `3[:]5`, `s1[,]s2`, `p1[.]o3[,]p2[.]o1`; empty when there is none (long fill-in).
    #[serde(default)]
    pub correct_responses_pattern: Vec<String>,
    /// The learner's response in the same format; `None` when unanswered (no statement).
    #[serde(default)]
    pub response: Option<String>,
    /// Whether the response is correct; `None` while pending (short answers awaiting a trainer).
    #[serde(default)]
    pub success: Option<bool>,
    /// Points earned.
    pub raw_score: f64,
    /// The item's lowest possible score (default 0; negative with negative marking).
    #[serde(default)]
    pub min_score: f64,
    /// The item's points.
    pub max_score: f64,
    /// When it was answered (default: the attempt's `finishedAt`).
    #[serde(default)]
    pub answered_at: Option<String>,
}

/// A score on a range.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiScore {
    /// Points earned.
    pub raw: f64,
    /// Lowest possible (usually 0).
    pub min: f64,
    /// Highest possible.
    pub max: f64,
}

fn invalid(code: ErrorCode, path: impl Into<String>, zh: String, en: String) -> Error {
    Error::new(code, path, zh, en)
}

/// Builds the statements of an attempt from its JSON.
pub fn statements_from_json(text: &str) -> Result<Vec<Value>, Error> {
    statements(&decode_json::<XapiAttempt>(text)?)
}

/// Builds the statements of an attempt, after checking it.
///
/// @example
/// `let statements = statements(&attempt)?; // POST them to {endpoint}/statements`
pub fn statements(attempt: &XapiAttempt) -> Result<Vec<Value>, Error> {
    check_schema_version(attempt.schema_version, 1, "xAPI 作答记录 / xAPI attempt")?;
    validate(attempt)?;
    let namespace = parse_uuid(STATEMENT_NAMESPACE).unwrap_or_default();
    let lang = attempt.language.as_deref().unwrap_or(XAPI_LANGUAGE);
    let lang_map = |s: &str| json!({ lang: s });
    let actor = actor_json(&attempt.actor);
    let registration = attempt.registration.to_lowercase();
    let id = |kind: &str, item: &str| {
        uuid_v5(
            &namespace,
            &format!("{}\n{kind}\n{item}", attempt.attempt_id),
        )
    };
    let exam_ref = json!({ "objectType": "Activity", "id": attempt.exam.id });
    // The kaohe profile (docs/imports.md), as cmi5 marks its statements with its category.
    let profile = json!({
        "objectType": "Activity",
        "id": super::xapi_records::PROFILE_ID,
        "definition": { "type": super::xapi_records::TYPE_PROFILE },
    });
    let mut exam_definition = Map::new();
    exam_definition.insert(
        "type".into(),
        json!("http://adlnet.gov/expapi/activities/assessment"),
    );
    exam_definition.insert("name".into(), lang_map(&attempt.exam.name));
    if let Some(d) = &attempt.exam.description {
        exam_definition.insert("description".into(), lang_map(d));
    }
    let exam =
        json!({ "objectType": "Activity", "id": attempt.exam.id, "definition": exam_definition });
    let verb =
        |id: &str, en: &str, zh: &str| json!({ "id": id, "display": { "en-US": en, "zh-CN": zh } });
    let mut out = Vec::new();
    for item in &attempt.items {
        let Some(response) = &item.response else {
            continue;
        };
        let mut definition = Map::new();
        definition.insert(
            "type".into(),
            json!("http://adlnet.gov/expapi/activities/cmi.interaction"),
        );
        definition.insert("name".into(), lang_map(&item.id));
        definition.insert("description".into(), lang_map(&item.stem));
        definition.insert(
            "interactionType".into(),
            json!(item.interaction_type.as_str()),
        );
        if !item.correct_responses_pattern.is_empty() {
            definition.insert(
                "correctResponsesPattern".into(),
                json!(item.correct_responses_pattern),
            );
        }
        let components = |v: &[XapiComponent]| -> Value {
            v.iter()
                .map(|c| json!({ "id": c.id, "description": lang_map(&c.text) }))
                .collect()
        };
        for (key, list) in [
            ("choices", &item.choices),
            ("source", &item.source),
            ("target", &item.target),
        ] {
            if !list.is_empty() {
                definition.insert(key.into(), components(list));
            }
        }
        let mut result = Map::new();
        result.insert("response".into(), json!(response));
        if let Some(s) = item.success {
            result.insert("success".into(), json!(s));
        }
        result.insert("completion".into(), json!(true));
        result.insert(
            "score".into(),
            score_json(item.raw_score, item.min_score, item.max_score),
        );
        out.push(json!({
            "id": id("answered", &item.id),
            "actor": actor,
            "verb": verb(VERB_ANSWERED, "answered", "作答"),
            "object": {
                "objectType": "Activity",
                "id": format!("{}/items/{}", attempt.exam.id.trim_end_matches('/'), iri_segment(&item.id)),
                "definition": definition,
            },
            "result": result,
            "context": {
                "registration": registration,
                "contextActivities": { "parent": [exam_ref], "category": [profile] },
                "language": lang,
            },
            "timestamp": item.answered_at.as_deref().unwrap_or(&attempt.finished_at),
        }));
    }
    let score = score_json(attempt.score.raw, attempt.score.min, attempt.score.max);
    let duration = iso_duration(attempt.duration_seconds);
    let context = json!({
        "registration": registration,
        "contextActivities": { "category": [profile] },
        "language": lang,
    });
    let exam_statement = |kind: &str, verb: Value, result: Value| {
        json!({
            "id": id(kind, ""),
            "actor": actor,
            "verb": verb,
            "object": exam,
            "result": result,
            "context": context,
            "timestamp": attempt.finished_at,
        })
    };
    out.push(exam_statement(
        "completed",
        verb(VERB_COMPLETED, "completed", "完成"),
        json!({ "completion": true, "duration": duration, "score": score }),
    ));
    let (kind, verb_id, en, zh) = if attempt.passed {
        ("passed", VERB_PASSED, "passed", "通过")
    } else {
        ("failed", VERB_FAILED, "failed", "未通过")
    };
    out.push(exam_statement(
        kind,
        verb(verb_id, en, zh),
        json!({ "success": attempt.passed, "completion": true, "duration": duration, "score": score }),
    ));
    out.push(exam_statement(
        "scored",
        verb(VERB_SCORED, "scored", "得分"),
        json!({ "success": attempt.passed, "completion": true, "duration": duration, "score": score }),
    ));
    Ok(out)
}

pub(crate) fn actor_json(actor: &XapiActor) -> Value {
    let mut a = Map::new();
    a.insert("objectType".into(), json!("Agent"));
    if let Some(n) = &actor.name {
        a.insert("name".into(), json!(n));
    }
    if let Some(m) = &actor.mbox {
        let m = if m.starts_with("mailto:") {
            m.clone()
        } else {
            format!("mailto:{m}")
        };
        a.insert("mbox".into(), json!(m));
    }
    if let Some(acc) = &actor.account {
        a.insert(
            "account".into(),
            json!({ "homePage": acc.home_page, "name": acc.name }),
        );
    }
    Value::Object(a)
}

/// `scaled` is raw / max (xAPI's −1…1), the others as given.
pub(crate) fn score_json(raw: f64, min: f64, max: f64) -> Value {
    let scaled = if max > 0.0 {
        (raw / max).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    json!({ "scaled": num((scaled * 10_000.0).round() / 10_000.0), "raw": num(raw), "min": num(min), "max": num(max) })
}

/// Seconds as an ISO 8601 duration: 3723.5 → `PT1H2M3.5S`, 0 → `PT0S` (to 0.01 s, as xAPI
/// keeps it).
pub fn iso_duration(seconds: f64) -> String {
    let centis = (seconds.max(0.0) * 100.0).round();
    let hours = (centis / 360_000.0).floor();
    let minutes = ((centis - hours * 360_000.0) / 6_000.0).floor();
    let secs = (centis - hours * 360_000.0 - minutes * 6_000.0) / 100.0;
    let mut out = String::from("PT");
    if hours > 0.0 {
        out.push_str(&format!("{}H", format_number(hours)));
    }
    if minutes > 0.0 {
        out.push_str(&format!("{}M", format_number(minutes)));
    }
    if secs > 0.0 || out == "PT" {
        out.push_str(&format!("{}S", format_number(secs)));
    }
    out
}

/// Percent-encodes what may not appear in an IRI path segment.
pub(crate) fn iri_segment(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "-._~".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// An absolute IRI as xAPI asks for: a scheme (a letter, then letters, digits, `+ - .`), a colon,
/// something after it, no white space. The tests check statements with their own reading of the
/// rule (`tests/support/xapi_rules.rs`), kept apart from this one on purpose.
pub(crate) fn is_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut scheme = scheme.chars();
    scheme.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.contains(char::is_whitespace)
}

/// `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16)
        && b.get(16) == Some(&b':')
        && digits(17..19))
    {
        return false;
    }
    let mut rest = s.get(19..).unwrap_or_default();
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.chars().take_while(char::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = frac.get(n..).unwrap_or_default();
    }
    if rest == "Z" {
        return true;
    }
    let z = rest.as_bytes();
    z.len() == 6
        && (z[0] == b'+' || z[0] == b'-')
        && z[1..3].iter().all(u8::is_ascii_digit)
        && z[3] == b':'
        && z[4..6].iter().all(u8::is_ascii_digit)
}

fn validate(a: &XapiAttempt) -> Result<(), Error> {
    if a.attempt_id.trim().is_empty() {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "attemptId",
            "attemptId 不能为空".into(),
            "attemptId must not be blank".into(),
        ));
    }
    if parse_uuid(&a.registration).is_none() {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "registration",
            format!("registration “{}” 不是 UUID", a.registration),
            format!("registration \"{}\" is not a UUID", a.registration),
        ));
    }
    let ifis = usize::from(a.actor.mbox.is_some()) + usize::from(a.actor.account.is_some());
    if ifis != 1 {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "actor",
            "actor 需要且只能有一个标识：mbox 或 account".into(),
            "actor needs exactly one identifier: mbox or account".into(),
        ));
    }
    if let Some(acc) = &a.actor.account {
        if !is_iri(&acc.home_page) || acc.name.trim().is_empty() {
            return Err(invalid(
                ErrorCode::InvalidValue,
                "actor.account",
                "account 需要绝对 IRI 的 homePage 和非空 name".into(),
                "account needs an absolute IRI homePage and a non-blank name".into(),
            ));
        }
    }
    if !is_iri(&a.exam.id) {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "exam.id",
            format!("exam.id “{}” 不是绝对 IRI（如 https://…）", a.exam.id),
            format!(
                "exam.id \"{}\" is not an absolute IRI (https://…)",
                a.exam.id
            ),
        ));
    }
    for (path, t) in [("startedAt", &a.started_at), ("finishedAt", &a.finished_at)] {
        if !is_timestamp(t) {
            return Err(invalid(
                ErrorCode::InvalidDate,
                path,
                format!("时间 “{t}” 应为带时区的 ISO 8601，如 2026-11-02T09:00:00+08:00"),
                format!("timestamp \"{t}\" must be ISO 8601 with a zone, e.g. 2026-11-02T09:00:00+08:00"),
            ));
        }
    }
    if !(a.duration_seconds.is_finite() && a.duration_seconds >= 0.0) {
        return Err(invalid(
            ErrorCode::OutOfRange,
            "durationSeconds",
            "用时应为不小于 0 的秒数".into(),
            "durationSeconds must be ≥ 0".into(),
        ));
    }
    check_score(a.score.raw, a.score.min, a.score.max, "score")?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, item) in a.items.iter().enumerate() {
        let at = |k: &str| format!("items[{i}].{k}");
        if item.id.trim().is_empty() || !seen.insert(item.id.as_str()) {
            return Err(invalid(
                ErrorCode::DuplicateId,
                at("id"),
                format!("题目 id “{}” 为空或重复", item.id),
                format!("item id \"{}\" is blank or repeated", item.id),
            ));
        }
        check_score(
            item.raw_score,
            item.min_score,
            item.max_score,
            &format!("items[{i}]"),
        )?;
        let choice_like = matches!(
            item.interaction_type,
            InteractionType::Choice | InteractionType::Sequencing
        );
        let matching = item.interaction_type == InteractionType::Matching;
        if (!item.choices.is_empty() && !choice_like)
            || ((!item.source.is_empty() || !item.target.is_empty()) && !matching)
        {
            return Err(invalid(
                ErrorCode::InvalidValue,
                at("interactionType"),
                format!("{} 类型不能带 choices/source/target 之外的组件", item.interaction_type.as_str()),
                format!("components do not fit interaction type {}: choices belong to choice/sequencing, source/target to matching", item.interaction_type.as_str()),
            ));
        }
        if let Some(t) = &item.answered_at {
            if !is_timestamp(t) {
                return Err(invalid(
                    ErrorCode::InvalidDate,
                    at("answeredAt"),
                    format!("时间 “{t}” 无效"),
                    format!("timestamp \"{t}\" is invalid"),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn check_score(raw: f64, min: f64, max: f64, path: &str) -> Result<(), Error> {
    if !(raw.is_finite()
        && min.is_finite()
        && max.is_finite()
        && min < max
        && (min..=max).contains(&raw))
    {
        return Err(invalid(
            ErrorCode::OutOfRange,
            path.to_string(),
            format!("分数应满足 min < max 且 min ≤ raw ≤ max（raw={raw}, min={min}, max={max}）"),
            format!(
                "a score needs min < max and min ≤ raw ≤ max (raw={raw}, min={min}, max={max})"
            ),
        ));
    }
    Ok(())
}

/// The interaction of a bank item (format version 1) and a response to it, for
/// [`XapiItem`]: the xAPI type, components and patterns. `raw_score` is what the engine
/// awarded; `success` is full marks (`None` for short answers, pending a trainer).
pub fn item_from_bank(
    item: &Value,
    response: Option<&Value>,
    raw_score: f64,
) -> Result<XapiItem, Error> {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let components = |key: &str| -> Vec<XapiComponent> {
        list(item.get(key))
            .iter()
            .map(|o| XapiComponent {
                id: s(o.get("id")),
                text: s(o.get("text")),
            })
            .collect()
    };
    let ids = |v: Option<&Value>| -> Vec<String> {
        list(v)
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect()
    };
    let points = item.get("points").and_then(Value::as_f64).unwrap_or(0.0);
    let kind = s(item.get("type"));
    let answer = item.get("answer");
    let response = response.filter(|r| {
        !(r.is_null() || r.as_str() == Some("") || r.as_array().is_some_and(Vec::is_empty))
    });
    let mut out = XapiItem {
        id: s(item.get("id")),
        interaction_type: InteractionType::Choice,
        stem: s(item.get("stem")),
        choices: Vec::new(),
        source: Vec::new(),
        target: Vec::new(),
        correct_responses_pattern: Vec::new(),
        response: None,
        success: Some(points > 0.0 && raw_score >= points),
        raw_score,
        min_score: raw_score.min(0.0),
        max_score: points,
        answered_at: None,
    };
    let joined = |v: Option<&Value>| ids(v).join("[,]");
    match kind.as_str() {
        "single" => {
            out.choices = components("options");
            out.correct_responses_pattern = vec![s(answer)];
            out.response = response.map(|r| s(Some(r)));
        }
        "situational" => {
            out.choices = components("options");
            out.correct_responses_pattern = list(item.get("options"))
                .iter()
                .filter(|o| o.get("points").and_then(Value::as_f64) == Some(points))
                .map(|o| s(o.get("id")))
                .collect();
            out.response = response.map(|r| s(Some(r)));
        }
        "multiple" | "ordering" => {
            if kind == "ordering" {
                out.interaction_type = InteractionType::Sequencing;
            }
            out.choices = components("options");
            out.correct_responses_pattern = vec![joined(answer)];
            out.response = response.map(|r| joined(Some(r)));
        }
        "trueFalse" => {
            out.interaction_type = InteractionType::TrueFalse;
            out.correct_responses_pattern =
                vec![answer.and_then(Value::as_bool).unwrap_or(false).to_string()];
            out.response = response.and_then(Value::as_bool).map(|b| b.to_string());
        }
        "fillBlank" => {
            out.interaction_type = InteractionType::FillIn;
            let blanks: Vec<Vec<String>> = list(item.get("blanks"))
                .iter()
                .map(|b| ids(b.get("accepted")))
                .collect();
            out.correct_responses_pattern = fill_in_patterns(&blanks)
                .into_iter()
                .map(|p| format!("{{case_matters=false}}{p}"))
                .collect();
            out.response = response.map(|r| joined(Some(r)));
        }
        "numeric" => {
            out.interaction_type = InteractionType::Numeric;
            let a = answer.cloned().unwrap_or_default();
            let value = a.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            let mut tol = a.get("tolerance").and_then(Value::as_f64).unwrap_or(0.0);
            if a.get("toleranceKind").and_then(Value::as_str) == Some("relative") {
                tol *= value.abs();
            }
            out.correct_responses_pattern = vec![if tol > 0.0 {
                format!(
                    "{}[:]{}",
                    format_number(value - tol),
                    format_number(value + tol)
                )
            } else {
                format_number(value)
            }];
            out.response = response.map(|r| match r {
                Value::Number(n) => format_number(n.as_f64().unwrap_or(0.0)),
                other => s(Some(other)),
            });
        }
        "matching" => {
            out.interaction_type = InteractionType::Matching;
            out.source = components("prompts");
            out.target = components("options");
            let pairs = |m: Option<&Value>| -> String {
                m.and_then(Value::as_object)
                    .map(|o| {
                        o.iter()
                            .map(|(p, v)| format!("{p}[.]{}", v.as_str().unwrap_or_default()))
                            .collect::<Vec<_>>()
                            .join("[,]")
                    })
                    .unwrap_or_default()
            };
            out.correct_responses_pattern = vec![pairs(answer)];
            out.response = response.map(|r| pairs(Some(r)));
        }
        "shortAnswer" => {
            out.interaction_type = InteractionType::LongFillIn;
            out.success = None;
            out.response = response.map(|r| s(Some(r)));
        }
        other => {
            return Err(invalid(
                ErrorCode::UnknownVariant,
                "type",
                format!("未知题型 “{other}”"),
                format!("unknown item type \"{other}\""),
            ))
        }
    }
    Ok(out)
}

/// Most correct-response patterns a fill-in statement lists (one per combination of accepted
/// answers); past it, every accepted answer still appears in some pattern.
pub const MAX_FILL_IN_PATTERNS: usize = 256;

/// Every combination of the blanks' accepted answers as an xAPI fill-in pattern (`3[,]1`), so
/// an LRS that checks a response against `correctResponsesPattern` accepts what the exam accepts.
/// Beyond [`MAX_FILL_IN_PATTERNS`] combinations, the patterns walk the alternatives in step
/// (the k-th pattern takes each blank's k-th answer, wrapping), which still lists every accepted
/// answer of every blank.
pub fn fill_in_patterns(blanks: &[Vec<String>]) -> Vec<String> {
    let total = blanks
        .iter()
        .try_fold(1usize, |n, b| n.checked_mul(b.len().max(1)))
        .unwrap_or(usize::MAX);
    let pick = |b: &Vec<String>, k: usize| b.get(k % b.len().max(1)).cloned().unwrap_or_default();
    if total <= MAX_FILL_IN_PATTERNS {
        let mut out = vec![Vec::<String>::new()];
        for b in blanks {
            let choices: &[String] = if b.is_empty() { &[] } else { b };
            let mut next = Vec::new();
            for prefix in &out {
                if choices.is_empty() {
                    let mut p = prefix.clone();
                    p.push(String::new());
                    next.push(p);
                }
                for c in choices {
                    let mut p = prefix.clone();
                    p.push(c.clone());
                    next.push(p);
                }
            }
            out = next;
        }
        return out.into_iter().map(|p| p.join("[,]")).collect();
    }
    let widest = blanks.iter().map(Vec::len).max().unwrap_or(1);
    (0..widest)
        .map(|k| {
            blanks
                .iter()
                .map(|b| pick(b, k))
                .collect::<Vec<_>>()
                .join("[,]")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_in_keys_list_every_accepted_answer() {
        let b = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            fill_in_patterns(&[b(&["3", "三"]), b(&["1", "一"])]),
            ["3[,]1", "3[,]一", "三[,]1", "三[,]一"]
        );
        let many: Vec<Vec<String>> = (0..5).map(|_| b(&["a", "b", "c", "d"])).collect();
        let p = fill_in_patterns(&many);
        assert_eq!(p.len(), 4);
        assert_eq!(p[3], "d[,]d[,]d[,]d[,]d");
    }

    #[test]
    fn durations() {
        assert_eq!(iso_duration(3723.0), "PT1H2M3S");
        assert_eq!(iso_duration(0.0), "PT0S");
        assert_eq!(iso_duration(90.5), "PT1M30.5S");
        assert_eq!(iso_duration(3600.0), "PT1H");
    }

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2026-11-02T09:00:00+08:00"));
        assert!(is_timestamp("2026-11-02T01:00:00.123Z"));
        assert!(!is_timestamp("2026-11-02 09:00:00"));
        assert!(!is_timestamp("2026-11-02T09:00:00"));
    }

    #[test]
    fn iri_segments() {
        assert_eq!(iri_segment("pk 001/a"), "pk%20001%2Fa");
        assert_eq!(iri_segment("题-1"), "题-1");
    }
}
