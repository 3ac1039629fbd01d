//! The xAPI 1.0.3 rules a statement must meet (xAPI-Data.md, 1.0.3), checked property by property
//! so a test names the rule broken. Written from the specification, not from the crate's code.

use serde_json::Value;

pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
}

/// An absolute IRI: a scheme (letter, then letters, digits, + - .), a colon, no spaces.
pub fn is_iri(s: &str) -> bool {
    match s.split_once(':') {
        Some((scheme, rest)) => {
            !rest.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A language map: keys are RFC 5646 tags (letters, digits, hyphens), values strings.
pub fn is_lang_map(v: &Value) -> bool {
    v.as_object().is_some_and(|m| {
        !m.is_empty()
            && m.iter().all(|(k, v)| {
                !k.is_empty()
                    && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && v.is_string()
            })
    })
}

/// ISO 8601 timestamp with a zone.
pub fn is_timestamp(s: &str) -> bool {
    let ok_prefix = s.len() >= 20
        && s.as_bytes()[4] == b'-'
        && s.as_bytes()[10] == b'T'
        && s[..4].chars().all(|c| c.is_ascii_digit());
    ok_prefix && (s.ends_with('Z') || s[19..].contains(['+', '-']))
}

/// ISO 8601 duration as xAPI uses it: `PT1H2M3.5S`, `P1D`…
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "YMWDTHS.".contains(c))
        && !rest.ends_with('T')
}

fn agent(v: &Value, what: &str) {
    assert!(
        matches!(v.get("objectType"), None | Some(Value::String(_))),
        "{what}.objectType"
    );
    if let Some(t) = v.get("objectType") {
        assert_eq!(t, "Agent", "{what} is an Agent");
    }
    let ifis: Vec<&str> = ["mbox", "mbox_sha1sum", "openid", "account"]
        .into_iter()
        .filter(|k| v.get(*k).is_some())
        .collect();
    assert_eq!(
        ifis.len(),
        1,
        "{what}: exactly one inverse functional identifier"
    );
    if let Some(m) = v.get("mbox") {
        assert!(
            m.as_str().unwrap().starts_with("mailto:"),
            "{what}.mbox is mailto:"
        );
    }
    if let Some(a) = v.get("account") {
        assert!(
            is_iri(a["homePage"].as_str().unwrap()),
            "{what}.account.homePage IRI"
        );
        assert!(
            !a["name"].as_str().unwrap().is_empty(),
            "{what}.account.name"
        );
    }
    if let Some(n) = v.get("name") {
        assert!(n.is_string(), "{what}.name");
    }
}

fn activity(v: &Value, what: &str) {
    assert!(
        matches!(
            v.get("objectType").and_then(Value::as_str),
            None | Some("Activity")
        ),
        "{what}.objectType"
    );
    assert!(is_iri(v["id"].as_str().unwrap()), "{what}.id is an IRI");
    if let Some(d) = v.get("definition") {
        for k in ["name", "description"] {
            if let Some(m) = d.get(k) {
                assert!(is_lang_map(m), "{what}.definition.{k} is a language map");
            }
        }
        if let Some(t) = d.get("type") {
            assert!(is_iri(t.as_str().unwrap()), "{what}.definition.type IRI");
        }
        if let Some(t) = d.get("interactionType") {
            let types = [
                "true-false",
                "choice",
                "fill-in",
                "long-fill-in",
                "matching",
                "performance",
                "sequencing",
                "likert",
                "numeric",
                "other",
            ];
            assert!(
                types.contains(&t.as_str().unwrap()),
                "{what}: interactionType {t}"
            );
            if let Some(p) = d.get("correctResponsesPattern") {
                assert!(
                    p.as_array().unwrap().iter().all(Value::is_string),
                    "{what}: patterns are strings"
                );
            }
        }
        for list in ["choices", "scale", "source", "target", "steps"] {
            if let Some(l) = d.get(list) {
                for c in l.as_array().unwrap() {
                    assert!(
                        c["id"].is_string() && is_lang_map(&c["description"]),
                        "{what}.{list}"
                    );
                }
            }
        }
        if let Some(e) = d.get("extensions") {
            extensions(e, &format!("{what}.definition.extensions"));
        }
    }
}

fn extensions(v: &Value, what: &str) {
    for k in v
        .as_object()
        .unwrap_or_else(|| panic!("{what} is an object"))
        .keys()
    {
        assert!(is_iri(k), "{what}: key {k} is an IRI");
    }
}

/// Panics with the rule when `st` breaks one.
pub fn check_statement(st: &Value) {
    let o = st.as_object().expect("a statement is an object");
    for k in o.keys() {
        assert!(
            [
                "id",
                "actor",
                "verb",
                "object",
                "result",
                "context",
                "timestamp",
                "stored",
                "authority",
                "version",
                "attachments"
            ]
            .contains(&k.as_str()),
            "unknown statement property {k}"
        );
    }
    assert!(
        is_uuid(st["id"].as_str().unwrap()),
        "id is a lowercase UUID"
    );
    agent(&st["actor"], "actor");
    assert!(is_iri(st["verb"]["id"].as_str().unwrap()), "verb.id IRI");
    assert!(
        is_lang_map(&st["verb"]["display"]),
        "verb.display language map"
    );
    activity(&st["object"], "object");
    if let Some(r) = st.get("result") {
        for k in r.as_object().unwrap().keys() {
            assert!(
                [
                    "score",
                    "success",
                    "completion",
                    "response",
                    "duration",
                    "extensions"
                ]
                .contains(&k.as_str()),
                "result.{k}"
            );
        }
        if let Some(s) = r.get("score") {
            for k in s.as_object().unwrap().keys() {
                assert!(
                    ["scaled", "raw", "min", "max"].contains(&k.as_str()),
                    "score.{k}"
                );
            }
            if let Some(x) = s.get("scaled").and_then(Value::as_f64) {
                assert!((-1.0..=1.0).contains(&x), "score.scaled within -1..1");
            }
            let (min, max) = (
                s.get("min").and_then(Value::as_f64),
                s.get("max").and_then(Value::as_f64),
            );
            if let (Some(a), Some(b)) = (min, max) {
                assert!(a < b, "score.min < score.max");
            }
            if let Some(raw) = s.get("raw").and_then(Value::as_f64) {
                assert!(
                    min.is_none_or(|m| raw >= m) && max.is_none_or(|m| raw <= m),
                    "min ≤ raw ≤ max"
                );
            }
        }
        for k in ["success", "completion"] {
            if let Some(b) = r.get(k) {
                assert!(b.is_boolean(), "result.{k} is a boolean");
            }
        }
        if let Some(d) = r.get("duration") {
            assert!(
                is_duration(d.as_str().unwrap()),
                "result.duration ISO 8601: {d}"
            );
        }
        if let Some(e) = r.get("extensions") {
            extensions(e, "result.extensions");
        }
    }
    if let Some(c) = st.get("context") {
        if let Some(reg) = c.get("registration") {
            assert!(is_uuid(reg.as_str().unwrap()), "context.registration UUID");
        }
        if let Some(i) = c.get("instructor") {
            agent(i, "context.instructor");
        }
        if let Some(ca) = c.get("contextActivities") {
            for (k, list) in ca.as_object().unwrap() {
                assert!(
                    ["parent", "grouping", "category", "other"].contains(&k.as_str()),
                    "contextActivities.{k}"
                );
                for a in list.as_array().expect("contextActivities lists are arrays") {
                    activity(a, &format!("contextActivities.{k}"));
                }
            }
        }
        if let Some(l) = c.get("language") {
            assert!(
                l.as_str().is_some_and(|s| !s.is_empty()),
                "context.language"
            );
        }
        if let Some(e) = c.get("extensions") {
            extensions(e, "context.extensions");
        }
    }
    if let Some(t) = st.get("timestamp") {
        assert!(
            is_timestamp(t.as_str().unwrap()),
            "timestamp ISO 8601 with a zone: {t}"
        );
    }
}
