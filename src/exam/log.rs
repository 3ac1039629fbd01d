//! The tamper-evident event log of an attempt (作答日志): every answer, focus change and
//! visibility change is an event, chained with SHA-256 so that editing, removing or reordering
//! an event of a stored record breaks the chain.
//!
//! An event is a JSON object: `type` (`start`, `answer`, `focus`, `blur`, `visibility`,
//! `submit`), `at` (milliseconds since 1970), and per type `itemId` + `value` (answers) or
//! `state` (visibility). Stored, it also carries `hash`:
//!
//! `hash = hex(SHA-256(previous hash ‖ canonical JSON of the event without "hash"))`,
//!
//! the previous hash of the first event being [`GENESIS`] (64 zeros). Canonical JSON: object
//! keys sorted by code point, no whitespace, strings escaped as serde_json writes them, numbers
//! as serde_json writes them. The attempt and its result store the last hash, the chain head.
//!
//! [`verify_log`] recomputes the chain and also checks that the stored answers and times are
//! the ones the log records, so an edit of the answers, of `startedAt`/`submittedAt` or of an
//! event is found. It cannot tell a genuine record from one whose whole chain was rebuilt by the
//! page's own code: the candidate's device holds no secret (see the README).

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};
use serde_json::Value;

use super::sha256::{hex, sha256};
use crate::error::{Error, ErrorCode, Result};

/// The previous hash of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// `value` as canonical JSON (sorted keys, no whitespace).
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            // `&str`, not `&String`: the same sort as paper.rs's, one copy of it in the wasm.
            let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
            keys.sort_unstable();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.to_owned()).to_string());
                out.push(':');
                if let Some(v) = map.get(k) {
                    write_canonical(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(values) => {
            out.push('[');
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The hash of `event` (its `hash` field, if any, ignored) chained after `previous`.
pub fn event_hash(previous: &str, event: &Value) -> Result<String> {
    let Value::Object(map) = event else {
        return Err(Error::new(
            ErrorCode::WrongType,
            "event",
            "事件应为对象",
            "an event must be an object",
        ));
    };
    let mut map = map.clone();
    map.remove("hash");
    let mut data = previous.as_bytes().to_vec();
    data.extend(canonical_json(&Value::Object(map)).as_bytes());
    Ok(hex(&sha256(&data)))
}

/// One stored answer, as the attempt record keeps it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StoredAnswer {
    /// The response as given.
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub value: Value,
    /// When it was given (ms).
    pub answered_at: f64,
}

/// What [`verify_log`] checks: the parts of a stored attempt (and its result) the log covers.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LogRecord {
    /// The events with their hashes, in log order.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>[]"))]
    pub events: Vec<Value>,
    /// The chain head stored with the attempt.
    #[serde(default)]
    pub chain_head: Option<String>,
    /// The chain head stored with the result, if there is a result.
    #[serde(default)]
    pub result_chain_head: Option<String>,
    /// The stored answers: item id → `{ value, answeredAt }`.
    #[serde(default)]
    pub responses: BTreeMap<String, StoredAnswer>,
    /// When the attempt started (ms).
    #[serde(default)]
    pub started_at: Option<f64>,
    /// When it was submitted (ms), if it was.
    #[serde(default)]
    pub submitted_at: Option<f64>,
}

/// One thing that does not match.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LogProblem {
    /// `HASH_MISMATCH`, `HEAD_MISMATCH`, `ANSWER_MISMATCH`, `TIME_MISMATCH` or `NO_LOG`.
    pub code: String,
    /// Where: `events[3]`, `chainHead`, `responses.pk-001`, `startedAt`…
    pub path: String,
}

/// The verdict on one attempt.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct LogVerification {
    /// True when the chain is intact and the record agrees with it.
    pub intact: bool,
    /// Number of events in the log.
    pub events: u32,
    /// The head recomputed from the events.
    pub computed_head: String,
    /// What does not match, in the order found.
    pub problems: Vec<LogProblem>,
}

fn problem(code: &str, path: impl Into<String>) -> LogProblem {
    LogProblem {
        code: code.to_string(),
        path: path.into(),
    }
}

fn number(event: &Value, field: &str) -> Option<f64> {
    event.get(field).and_then(Value::as_f64)
}

/// Recomputes the chain of `record.events` and checks the record against it.
pub fn verify_log(record: &LogRecord) -> LogVerification {
    replay(record).verification
}

/// What replaying a log gives: the verdict of [`verify_log`] and the answers the log records
/// (item id → the newest answer), which the attempt verifier re-scores.
#[derive(Debug, Clone)]
pub struct Replayed {
    /// The verdict on the chain and the record.
    pub verification: LogVerification,
    /// The answers as the log records them.
    pub answers: BTreeMap<String, StoredAnswer>,
}

/// Replays `record.events`: recomputes the chain, the answers and the times, and checks the
/// record against them.
pub fn replay(record: &LogRecord) -> Replayed {
    let mut problems = Vec::new();
    let mut head = GENESIS.to_string();
    let mut replayed: BTreeMap<String, StoredAnswer> = BTreeMap::new();
    let mut started = None;
    let mut submitted = None;
    for (i, event) in record.events.iter().enumerate() {
        let stored = event.get("hash").and_then(Value::as_str);
        match event_hash(&head, event) {
            Ok(hash) => {
                if stored != Some(hash.as_str()) {
                    problems.push(problem("HASH_MISMATCH", format!("events[{i}]")));
                }
                head = hash;
            }
            Err(_) => problems.push(problem("HASH_MISMATCH", format!("events[{i}]"))),
        }
        let at = number(event, "at");
        match event.get("type").and_then(Value::as_str) {
            Some("start") => started = started.or(at),
            Some("submit") => submitted = at,
            Some("answer") => {
                if let (Some(item), Some(at)) = (event.get("itemId").and_then(Value::as_str), at) {
                    let newer = replayed.get(item).is_none_or(|r| r.answered_at <= at);
                    if newer {
                        let value = event.get("value").cloned().unwrap_or(Value::Null);
                        replayed.insert(
                            item.to_string(),
                            StoredAnswer {
                                value,
                                answered_at: at,
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }
    if record.events.is_empty() {
        problems.push(problem("NO_LOG", "events"));
    }
    if record.chain_head.as_deref() != Some(head.as_str()) {
        problems.push(problem("HEAD_MISMATCH", "chainHead"));
    }
    if let Some(result_head) = &record.result_chain_head {
        if result_head != &head {
            problems.push(problem("HEAD_MISMATCH", "result.chainHead"));
        }
    }
    let ids = crate::sort::set_of(replayed.keys().chain(record.responses.keys()));
    for id in ids {
        if replayed.get(id) != record.responses.get(id) {
            problems.push(problem("ANSWER_MISMATCH", format!("responses.{id}")));
        }
    }
    if record.started_at != started {
        problems.push(problem("TIME_MISMATCH", "startedAt"));
    }
    if record.submitted_at != submitted {
        problems.push(problem("TIME_MISMATCH", "submittedAt"));
    }
    Replayed {
        verification: LogVerification {
            intact: problems.is_empty(),
            events: u32::try_from(record.events.len()).unwrap_or(u32::MAX),
            computed_head: head,
            problems,
        },
        answers: replayed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A log built the way the page builds it: each event hashed after the previous one.
    fn chained(events: Vec<Value>) -> (Vec<Value>, String) {
        let mut head = GENESIS.to_string();
        let mut out = Vec::new();
        for mut e in events {
            head = event_hash(&head, &e).unwrap();
            e["hash"] = Value::from(head.clone());
            out.push(e);
        }
        (out, head)
    }

    fn record() -> LogRecord {
        let (events, head) = chained(vec![
            json!({ "type": "start", "at": 1000 }),
            json!({ "type": "answer", "at": 2000, "itemId": "pk-001", "value": "B" }),
            json!({ "type": "blur", "at": 2500 }),
            json!({ "type": "answer", "at": 3000, "itemId": "pk-001", "value": "C" }),
            json!({ "type": "answer", "at": 3500, "itemId": "cm-002", "value": ["退货", "7"] }),
            json!({ "type": "submit", "at": 4000 }),
        ]);
        let responses = crate::format::decode_value(&json!({
            "pk-001": { "value": "C", "answeredAt": 3000 },
            "cm-002": { "value": ["退货", "7"], "answeredAt": 3500 },
        }))
        .unwrap();
        LogRecord {
            events,
            chain_head: Some(head.clone()),
            result_chain_head: Some(head),
            responses,
            started_at: Some(1000.0),
            submitted_at: Some(4000.0),
        }
    }

    fn codes(v: &LogVerification) -> Vec<(String, String)> {
        v.problems
            .iter()
            .map(|p| (p.code.clone(), p.path.clone()))
            .collect()
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let v = json!({ "b": 1, "a": { "d": [true, null, "x"], "c": 1.5 } });
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":1.5,"d":[true,null,"x"]},"b":1}"#
        );
    }

    #[test]
    fn the_first_hash_is_sha256_of_genesis_and_the_event() {
        // Computed independently with Python hashlib over GENESIS + {"at":1000,"type":"start"}.
        assert_eq!(
            event_hash(
                GENESIS,
                &json!({ "type": "start", "at": 1000, "hash": "ignored" })
            )
            .unwrap(),
            "b0a789ca447e04b173506403df861e92a9f411deb0501236842d8a1b920e5200"
        );
    }

    #[test]
    fn an_untouched_record_is_intact() {
        let v = verify_log(&record());
        assert!(v.intact, "{:?}", v.problems);
        assert_eq!(v.events, 6);
    }

    #[test]
    fn every_kind_of_edit_is_found() {
        let mut r = record();
        r.responses.get_mut("pk-001").unwrap().value = json!("B");
        assert_eq!(
            codes(&verify_log(&r)),
            [("ANSWER_MISMATCH".into(), "responses.pk-001".into())]
        );

        let mut r = record();
        r.events[1]["value"] = json!("A");
        let found = codes(&verify_log(&r));
        assert!(
            found.contains(&("HASH_MISMATCH".into(), "events[1]".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("HEAD_MISMATCH".into(), "chainHead".into())),
            "{found:?}"
        );

        let mut r = record();
        r.events.remove(2);
        assert!(!verify_log(&r).intact);

        let mut r = record();
        r.submitted_at = Some(3900.0);
        assert_eq!(
            codes(&verify_log(&r)),
            [("TIME_MISMATCH".into(), "submittedAt".into())]
        );

        let mut r = record();
        r.result_chain_head = Some(GENESIS.into());
        assert_eq!(
            codes(&verify_log(&r)),
            [("HEAD_MISMATCH".into(), "result.chainHead".into())]
        );

        let mut r = record();
        r.responses.insert(
            "extra".into(),
            StoredAnswer {
                value: json!("A"),
                answered_at: 3600.0,
            },
        );
        assert_eq!(
            codes(&verify_log(&r)),
            [("ANSWER_MISMATCH".into(), "responses.extra".into())]
        );

        let mut r = record();
        r.events.clear();
        assert!(codes(&verify_log(&r)).contains(&("NO_LOG".into(), "events".into())));
    }

    #[test]
    fn a_chain_rebuilt_from_scratch_passes_which_is_the_documented_limit() {
        let mut r = record();
        r.events[1]["value"] = json!("A");
        let bare: Vec<Value> = r
            .events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.as_object_mut().unwrap().remove("hash");
                e
            })
            .collect();
        let (events, head) = chained(bare);
        r.events = events;
        r.chain_head = Some(head.clone());
        r.result_chain_head = Some(head);
        assert!(verify_log(&r).intact);
    }
}
