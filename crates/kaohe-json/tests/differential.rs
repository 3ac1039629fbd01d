//! The derives against serde's, over generated and mutated inputs: the same types derive both
//! (`FromJson`/`ToJson` read the same `#[serde(...)]` attributes), and for every input both must
//! accept or both refuse, with the same path (serde's through `serde_path_to_error`) and the same
//! message, and an accepted input must re-encode to the same text as serde_json's `to_string`.
//!
//! The one documented difference (crates/kaohe-json/src/lib.rs): a struct must be a JSON object,
//! where serde also takes an array of its fields in order. Inputs that hit it are counted and
//! checked to be exactly that case.

use std::collections::BTreeMap;

use kaohe_json::{to_json_string, ErrorKind, Found, FromJson, PathError};
use kaohe_json_derive::{FromJson, ToJson};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

mod common;
use common::Rng;

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Doc {
    schema_version: u32,
    title: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    items: Vec<Item>,
    #[serde(default)]
    weights: BTreeMap<String, f64>,
    #[serde(default = "default_level")]
    level: u8,
    shape: Shape,
    scale: Scale,
    #[serde(default)]
    pair: Option<(i32, bool)>,
    #[serde(default)]
    extra: Option<Value>,
}

fn default_level() -> u8 {
    3
}

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: String,
    points: f64,
    #[serde(rename = "type")]
    kind: Kind,
    #[serde(default)]
    offset: i64,
    #[serde(default)]
    small: u16,
    #[serde(skip)]
    cache: u8,
}

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    SingleChoice,
    ShortAnswer,
    TrueFalse,
}

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
enum Shape {
    Round,
    Boxed(Inner),
    Sized { width: u16, height: f32 },
}

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Inner {
    id: String,
}

#[derive(Debug, PartialEq, FromJson, ToJson, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Scale {
    Points { max: u32 },
    Levels { names: Vec<String> },
    Binary,
}

const WORDS: &[&str] = &[
    "",
    "a",
    "售后",
    "f64",
    "struct Item",
    "unit value",
    "a map",
    "x\"y",
    "\\",
];

fn text(rng: &mut Rng) -> Value {
    Value::String(rng.pick(WORDS).to_string())
}

fn number(rng: &mut Rng) -> Value {
    match rng.below(8) {
        0 => json!(0),
        1 => json!(rng.below(70_000)),
        2 => json!(-(rng.below(1000) as i64)),
        3 => json!(u64::MAX - rng.below(3)),
        4 => json!(i64::MIN),
        5 => json!(rng.below(10_000) as f64 / 7.0),
        6 => json!(1e300 * (rng.below(3) as f64 + 1.0)),
        _ => json!(-0.5),
    }
}

/// Any JSON value, shallow.
fn any(rng: &mut Rng, depth: u32) -> Value {
    match rng.below(if depth > 1 { 5 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => number(rng),
        3 | 4 => text(rng),
        5 => Value::Array((0..rng.below(3)).map(|_| any(rng, depth + 1)).collect()),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(3) {
                map.insert(
                    rng.pick(&["id", "k", "max", "type"]).into(),
                    any(rng, depth + 1),
                );
            }
            Value::Object(map)
        }
    }
}

fn item(rng: &mut Rng) -> Value {
    let mut item = json!({
        "id": format!("q{}", rng.below(100)),
        "points": number(rng),
        "type": rng.pick(&["single-choice", "short-answer", "true-false"]),
    });
    if rng.chance(50) {
        item["offset"] = json!(rng.below(100) as i64 - 50);
    }
    if rng.chance(30) {
        item["small"] = json!(rng.below(66_000));
    }
    if rng.chance(10) {
        item["ignored"] = any(rng, 1);
    }
    item
}

/// A document that is mostly valid (numbers are drawn widely, so some are out of range).
fn document(rng: &mut Rng) -> Value {
    let shape = match rng.below(4) {
        0 => json!("round"),
        1 => json!({ "round": null }),
        2 => json!({ "boxed": { "id": "b" } }),
        _ => json!({ "sized": { "width": rng.below(100), "height": number(rng) } }),
    };
    let scale = match rng.below(3) {
        0 => json!({ "type": "points", "max": rng.below(100) }),
        1 => json!({ "type": "levels", "names": ["低", "高"] }),
        _ => json!({ "type": "binary" }),
    };
    let mut doc = json!({
        "schemaVersion": rng.below(3),
        "title": text(rng),
        "items": (0..rng.below(4)).map(|_| item(rng)).collect::<Vec<_>>(),
        "shape": shape,
        "scale": scale,
    });
    if rng.chance(50) {
        doc["tags"] = json!(["a", "b"]);
    }
    if rng.chance(50) {
        doc["note"] = if rng.chance(50) {
            Value::Null
        } else {
            text(rng)
        };
    }
    if rng.chance(50) {
        doc["weights"] = json!({ "x": number(rng), "y": 1.5 });
    }
    if rng.chance(50) {
        doc["level"] = json!(rng.below(300));
    }
    if rng.chance(30) {
        doc["pair"] = json!([rng.below(10) as i64 - 5, rng.chance(50)]);
    }
    if rng.chance(20) {
        doc["extra"] = any(rng, 0);
    }
    doc
}

/// Every node of `value`, as a path of keys and indices.
fn nodes(value: &Value, at: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(at.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                nodes(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(Step::Key(key.clone()));
                nodes(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Index(usize),
    Key(String),
}

fn node_mut<'v>(value: &'v mut Value, path: &[Step]) -> &'v mut Value {
    path.iter().fold(value, |v, step| match step {
        Step::Index(i) => &mut v[*i],
        Step::Key(k) => &mut v[k.as_str()],
    })
}

/// One random change: a node replaced by another value, a key removed or added, an array
/// element duplicated or dropped.
fn mutate(rng: &mut Rng, doc: &mut Value) {
    let mut all = Vec::new();
    nodes(doc, &mut Vec::new(), &mut all);
    let path = all[rng.index(all.len())].clone();
    let node = node_mut(doc, &path);
    match rng.below(5) {
        0 | 1 => *node = any(rng, 0),
        2 => match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map.keys().nth(rng.index(map.len())).cloned().unwrap();
                map.remove(&key);
            }
            other => *other = number(rng),
        },
        3 => match node {
            Value::Object(map) => {
                let key = rng.pick(&["unknown", "id", "type", "round", "points", "max"]);
                map.insert(key.into(), any(rng, 1));
            }
            other => *other = text(rng),
        },
        _ => match node {
            Value::Array(items) if !items.is_empty() => {
                if rng.chance(50) {
                    items.pop();
                } else {
                    let first = items[0].clone();
                    items.push(first);
                }
            }
            other => *other = Value::Array(vec![other.clone()]),
        },
    }
}

/// serde_path_to_error writes the root as "."; ours is "".
fn serde_path(path: &serde_path_to_error::Path) -> String {
    let p = path.to_string();
    if p == "." {
        String::new()
    } else {
        p
    }
}

/// The documented difference: a struct given as an array.
fn is_struct_as_array(error: &PathError) -> bool {
    matches!(error.kind(), ErrorKind::InvalidType { found: Found::Array, expected }
        if expected.starts_with("struct "))
}

#[derive(Default, Debug)]
struct Tally {
    accepted: usize,
    refused: usize,
    struct_as_array: usize,
}

fn compare(input: &Value, tally: &mut Tally) {
    let ours = Doc::from_json(input);
    let theirs: Result<Doc, _> = serde_path_to_error::deserialize(input);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{input}");
            assert_eq!(
                to_json_string(&a),
                serde_json::to_string(&b).unwrap(),
                "re-encoding {input}"
            );
            tally.accepted += 1;
        }
        (Err(a), Err(b)) => {
            if is_struct_as_array(&a) {
                tally.struct_as_array += 1;
                return;
            }
            assert_eq!(a.path(), serde_path(b.path()), "path for {input}");
            assert_eq!(a.message(), b.inner().to_string(), "message for {input}");
            tally.refused += 1;
        }
        (Err(a), Ok(_)) if is_struct_as_array(&a) => tally.struct_as_array += 1,
        (a, b) => panic!(
            "{input}: ours {a:?}, serde's {:?}",
            b.map_err(|e| e.to_string())
        ),
    }
}

#[test]
fn same_verdict_path_message_and_output_as_serde() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut tally = Tally::default();
    for _ in 0..3000 {
        let mut doc = document(&mut rng);
        compare(&doc, &mut tally);
        for _ in 0..1 + rng.below(3) {
            mutate(&mut rng, &mut doc);
        }
        compare(&doc, &mut tally);
    }
    // Both outcomes are exercised in numbers, so the comparison says something.
    assert!(tally.accepted > 1000, "{tally:?}");
    assert!(tally.refused > 1000, "{tally:?}");
}

#[test]
fn arbitrary_values_as_documents() {
    let mut rng = Rng(42);
    let mut tally = Tally::default();
    for _ in 0..2000 {
        compare(&any(&mut rng, 0), &mut tally);
    }
    assert!(tally.refused > 1000, "{tally:?}");
}
