//! xAPI statements: ids against Python's uuid5 (fixtures/interop/make_xapi_fixtures.py), the
//! shape against the xAPI 1.0.3 specification's requirements, idempotence, and item mapping
//! from the sample bank.

use kaohe::interop::xapi::{item_from_bank, statements, statements_from_json, XapiAttempt};
use serde_json::{json, Value};

const ATTEMPT: &str = include_str!("fixtures/interop/attempt.json");
const EXPECTED: &str = include_str!("fixtures/interop/xapi.expected.json");
const BANK: &str = include_str!("../www/samples/bank.json");

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
        && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

fn is_iri(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("mailto:")
}

fn is_lang_map(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| !m.is_empty() && m.values().all(Value::is_string))
}

fn is_duration(s: &str) -> bool {
    // ISO 8601 time duration as xAPI uses it: PT[nH][nM][n[.n]S], at least one part.
    let Some(rest) = s.strip_prefix("PT") else {
        return false;
    };
    let mut rest = rest;
    let mut parts = 0;
    for unit in ['H', 'M', 'S'] {
        if let Some(i) = rest.find(unit) {
            let n = &rest[..i];
            if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return false;
            }
            rest = &rest[i + 1..];
            parts += 1;
        }
    }
    rest.is_empty() && parts > 0
}

/// The statement requirements of xAPI 1.0.3 (Data, section 2.4) that apply to what we send.
fn assert_statement_shape(st: &Value) {
    let obj = st.as_object().unwrap();
    for k in obj.keys() {
        assert!(
            [
                "id",
                "actor",
                "verb",
                "object",
                "result",
                "context",
                "timestamp"
            ]
            .contains(&k.as_str()),
            "unexpected property {k}"
        );
    }
    assert!(is_uuid(st["id"].as_str().unwrap()));
    assert_eq!(&st["id"].as_str().unwrap()[14..15], "5", "UUID version 5");
    // Actor: an Agent with exactly one inverse functional identifier.
    let actor = &st["actor"];
    assert_eq!(actor["objectType"], "Agent");
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| actor.get(**k).is_some())
        .count();
    assert_eq!(ifis, 1);
    if let Some(acc) = actor.get("account") {
        assert!(is_iri(acc["homePage"].as_str().unwrap()));
        assert!(acc["name"].is_string());
    }
    // Verb: an IRI and a language map.
    assert!(is_iri(st["verb"]["id"].as_str().unwrap()));
    assert!(is_lang_map(&st["verb"]["display"]));
    // Object: an Activity with an IRI id.
    let object = &st["object"];
    assert_eq!(object["objectType"], "Activity");
    assert!(is_iri(object["id"].as_str().unwrap()));
    let def = &object["definition"];
    assert!(is_lang_map(&def["name"]));
    assert!(is_iri(def["type"].as_str().unwrap()));
    if let Some(t) = def.get("interactionType") {
        let t = t.as_str().unwrap();
        assert!([
            "true-false",
            "choice",
            "fill-in",
            "long-fill-in",
            "matching",
            "performance",
            "sequencing",
            "likert",
            "numeric",
            "other"
        ]
        .contains(&t));
        if let Some(p) = def.get("correctResponsesPattern") {
            assert!(p.as_array().unwrap().iter().all(Value::is_string));
        }
        for k in ["choices", "scale", "source", "target", "steps"] {
            if let Some(list) = def.get(k) {
                let allowed = match k {
                    "choices" => ["choice", "sequencing"].contains(&t),
                    "source" | "target" => t == "matching",
                    _ => false,
                };
                assert!(allowed, "{k} with {t}");
                for c in list.as_array().unwrap() {
                    assert!(c["id"].is_string() && is_lang_map(&c["description"]));
                }
            }
        }
    }
    // Result: score within range, scaled in −1…1, ISO 8601 duration.
    if let Some(result) = st.get("result") {
        if let Some(score) = result.get("score") {
            let f = |k: &str| score[k].as_f64().unwrap();
            assert!((-1.0..=1.0).contains(&f("scaled")));
            assert!(f("min") <= f("raw") && f("raw") <= f("max") && f("min") < f("max"));
        }
        if let Some(d) = result.get("duration") {
            assert!(is_duration(d.as_str().unwrap()), "{d}");
        }
        for k in ["success", "completion"] {
            if let Some(v) = result.get(k) {
                assert!(v.is_boolean());
            }
        }
    }
    assert!(is_uuid(st["context"]["registration"].as_str().unwrap()));
    assert!(kaohe::interop::xapi::is_timestamp(
        st["timestamp"].as_str().unwrap()
    ));
}

#[test]
fn statements_have_the_spec_shape_and_python_ids() {
    let sts = statements_from_json(ATTEMPT).unwrap();
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let ids: Vec<&str> = expected["statementIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let got: Vec<&str> = sts.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(got, ids);
    for st in &sts {
        assert_statement_shape(st);
    }
    // 8 answered items (one unanswered), then completed, failed, scored.
    assert_eq!(sts.len(), 11);
    let verbs: Vec<&str> = sts
        .iter()
        .map(|s| {
            s["verb"]["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(&verbs[7..], ["answered", "completed", "failed", "scored"]);
    let completed = &sts[8];
    assert_eq!(completed["result"]["duration"], "PT1H2M3.5S");
    // `scored` carries what the README promises: success, completion and duration with the score.
    let scored = &sts[10]["result"];
    assert_eq!(
        (
            &scored["success"],
            &scored["completion"],
            &scored["duration"]
        ),
        (&json!(false), &json!(true), &json!("PT1H2M3.5S"))
    );
    assert_eq!(
        completed["result"]["score"],
        json!({ "scaled": 0.6786, "raw": 19, "min": 0, "max": 28 })
    );
    assert_eq!(completed["timestamp"], "2026-11-02T10:02:03.5+08:00");
    assert_eq!(
        completed["context"]["registration"],
        "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    );
    assert_eq!(sts[9]["result"]["success"], false);
    let first = &sts[0];
    assert_eq!(
        first["object"]["id"],
        "https://lms.yunfan.example/kaohe/bp-theory-2026q4/items/pk-001"
    );
    assert_eq!(first["timestamp"], "2026-11-02T09:03:10+08:00");
    assert_eq!(
        first["context"]["contextActivities"]["parent"][0]["id"],
        "https://lms.yunfan.example/kaohe/bp-theory-2026q4"
    );
    assert_eq!(
        sts[6]["object"]["definition"]["source"][1]["description"]["zh-CN"],
        "第 12 天性能故障"
    );
    // The pending short answer has no success.
    assert!(sts[7]["result"].get("success").is_none());
}

#[test]
fn building_again_is_identical_and_ids_are_distinct() {
    let a = statements_from_json(ATTEMPT).unwrap();
    let b = statements_from_json(ATTEMPT).unwrap();
    assert_eq!(a, b);
    let mut ids: Vec<&str> = a.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), a.len());
    let mut other: XapiAttempt = kaohe::format::decode_json(ATTEMPT).unwrap();
    other.attempt_id.push_str("-retake");
    let c = statements(&other).unwrap();
    assert!(c.iter().zip(&a).all(|(x, y)| x["id"] != y["id"]));
}

#[test]
fn bad_attempts_are_errors_with_paths() {
    let base: Value = serde_json::from_str(ATTEMPT).unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Mutation, &str, &str)> = vec![
        (
            Box::new(|a| a["registration"] = json!("abc")),
            "registration",
            "INVALID_VALUE",
        ),
        (
            Box::new(|a| a["actor"]["mbox"] = json!("mailto:a@b.c")),
            "actor",
            "INVALID_VALUE",
        ),
        (
            Box::new(|a| a["exam"]["id"] = json!("bp-theory")),
            "exam.id",
            "INVALID_VALUE",
        ),
        (
            Box::new(|a| a["finishedAt"] = json!("2026-11-02 10:00")),
            "finishedAt",
            "INVALID_DATE",
        ),
        (
            Box::new(|a| a["score"]["raw"] = json!(30)),
            "score",
            "OUT_OF_RANGE",
        ),
        (
            Box::new(|a| a["items"][1]["id"] = json!("pk-001")),
            "items[1].id",
            "DUPLICATE_ID",
        ),
        (
            Box::new(|a| a["items"][2]["choices"] = json!([{ "id": "A", "text": "x" }])),
            "items[2].interactionType",
            "INVALID_VALUE",
        ),
        (
            Box::new(|a| a["items"][0]["interactionType"] = json!("essay")),
            "items[0].interactionType",
            "UNKNOWN_VARIANT",
        ),
        (
            Box::new(|a| a["schemaVersion"] = json!(2)),
            "schemaVersion",
            "UNSUPPORTED_SCHEMA_VERSION",
        ),
        (
            Box::new(|a| a["extra"] = json!(1)),
            "extra",
            "UNKNOWN_FIELD",
        ),
    ];
    for (mutate, path, code) in cases {
        let mut a = base.clone();
        mutate(&mut a);
        let e = statements_from_json(&a.to_string()).unwrap_err();
        assert_eq!((e.path(), e.code().as_str()), (path, code));
    }
}

#[test]
fn bank_items_map_to_interactions() {
    let bank: Value = serde_json::from_str(BANK).unwrap();
    let item = |id: &str| {
        bank["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let m = item_from_bank(&item("pk-003"), Some(&json!(["A", "C"])), 0.0).unwrap();
    assert_eq!(m.correct_responses_pattern, ["A[,]B[,]C"]);
    assert_eq!(m.response.as_deref(), Some("A[,]C"));
    assert_eq!(m.success, Some(false));
    let f = item_from_bank(&item("pk-005"), Some(&json!(["3", "1"])), 2.0).unwrap();
    // Every accepted answer of every blank is in the key (3 or 三, 1 or 一).
    assert_eq!(
        f.correct_responses_pattern,
        [
            "{case_matters=false}3[,]1",
            "{case_matters=false}3[,]一",
            "{case_matters=false}三[,]1",
            "{case_matters=false}三[,]一"
        ]
    );
    assert_eq!(f.success, Some(true));
    let mt = item_from_bank(&item("pk-009"), Some(&json!({ "p1": "C" })), 1.0).unwrap();
    assert_eq!(
        mt.correct_responses_pattern,
        ["p1[.]C[,]p2[.]E[,]p3[.]A[,]p4[.]D"]
    );
    assert_eq!(mt.source.len(), 4);
    let tf = item_from_bank(&item("pk-004"), Some(&json!(true)), 1.0).unwrap();
    assert_eq!(
        (
            tf.correct_responses_pattern[0].as_str(),
            tf.response.as_deref()
        ),
        ("true", Some("true"))
    );
    let unanswered = item_from_bank(&item("pk-001"), Some(&json!("")), 0.0).unwrap();
    assert!(unanswered.response.is_none());
    let sit = item_from_bank(&item("com-013"), Some(&json!("D")), 2.0).unwrap();
    assert_eq!(sit.correct_responses_pattern, ["C"]);
    // Every sample item maps, and the statements built from them have the spec shape.
    let items: Vec<_> = bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| item_from_bank(i, Some(&json!("A")), 0.0).unwrap())
        .collect();
    let mut attempt: XapiAttempt = kaohe::format::decode_json(ATTEMPT).unwrap();
    attempt.items = items;
    let sts = statements(&attempt).unwrap();
    for st in &sts {
        assert_statement_shape(st);
    }
}
