//! A synthetic bank, paper and cohort of varied attempts, for tests and the benchmark (hidden
//! from the docs: it is a tool, not part of the exam API).

use crate::dimensions::DEFAULT_DIMENSIONS;
use serde_json::{json, Value};

use super::attempt::Responses;
use super::bank::Bank;
use super::blueprint::Blueprint;
use super::paper::{assemble_paper, Paper};
use super::rng::SplitMix64;
use crate::error::Result;

/// A generated exam and its candidates' responses.
#[derive(Debug, Clone)]
pub struct SyntheticCohort {
    /// A bank of `items` items cycling through every type.
    pub bank: Bank,
    /// A paper of all the bank's items, shuffled.
    pub paper: Paper,
    /// One response map per candidate: mostly right, some wrong, partial or missing.
    pub responses: Vec<Responses>,
}

fn letters(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| char::from(b'A' + (i % 26) as u8).to_string())
        .collect()
}

fn options(ids: &[String]) -> Value {
    Value::Array(
        ids.iter()
            .map(|id| json!({ "id": id, "text": format!("选项{id}") }))
            .collect(),
    )
}

const POLICIES: [&str; 4] = ["exact", "perOption", "fixedShare", "rightMinusWrong"];

fn synthetic_item(k: usize) -> Value {
    let id = format!("q{k:04}");
    let tags = json!({
        "dimension": DEFAULT_DIMENSIONS[k % DEFAULT_DIMENSIONS.len()].0,
        "knowledgePoint": format!("知识点{}", k % 7),
        "difficulty": 1 + k % 5,
    });
    let stem = format!("第 {k} 题");
    let abcd = letters(4);
    let mut item = match k % 9 {
        0 => json!({ "type": "single", "options": options(&abcd), "answer": "B",
                     "negativeMarking": if k.is_multiple_of(2) { json!({ "penalty": 0.25, "floor": "exam" }) } else { Value::Null } }),
        1 => {
            json!({ "type": "multiple", "options": options(&letters(5)), "answer": ["A", "C", "D"],
                     "policy": { "kind": POLICIES[k / 9 % 4] } })
        }
        2 => json!({ "type": "trueFalse", "answer": k % 4 == 2 }),
        3 => {
            json!({ "type": "fillBlank", "blanks": [{ "accepted": ["退货", "退款"] }, { "accepted": ["7", "七"] }] })
        }
        4 => {
            json!({ "type": "numeric", "answer": { "value": 30, "tolerance": 0.05, "toleranceKind": "relative" } })
        }
        5 => json!({ "type": "ordering", "options": options(&abcd), "answer": ["C", "A", "D", "B"],
                     "credit": if k.is_multiple_of(2) { "adjacentPairs" } else { "allOrNothing" } }),
        6 => {
            json!({ "type": "matching", "prompts": [{"id": "p1", "text": "甲"}, {"id": "p2", "text": "乙"}, {"id": "p3", "text": "丙"}],
                     "options": options(&abcd), "answer": { "p1": "B", "p2": "A", "p3": "D" } })
        }
        7 => json!({ "type": "situational", "options": [
                        {"id": "A", "text": "共情并给出方案", "points": 4}, {"id": "B", "text": "推诿", "points": 0},
                        {"id": "C", "text": "只道歉", "points": 2}, {"id": "D", "text": "转主管", "points": 1}] }),
        _ => {
            json!({ "type": "shortAnswer", "keywords": [{ "terms": ["道歉", "抱歉"], "points": 2 }, { "terms": ["跟进"], "points": 2 }] })
        }
    };
    if let Value::Object(map) = &mut item {
        map.insert("id".into(), json!(id));
        map.insert("stem".into(), json!(stem));
        map.insert(
            "points".into(),
            json!(if k % 9 == 7 { 4 } else { 1 + k % 3 }),
        );
        map.insert("tags".into(), tags);
        if map.get("negativeMarking") == Some(&Value::Null) {
            map.remove("negativeMarking");
        }
    }
    item
}

fn pick<'a>(rng: &mut SplitMix64, list: &[&'a str]) -> &'a str {
    list.get(rng.below(list.len())).copied().unwrap_or("")
}

/// A response to synthetic item `k`: right ~60 % of the time, otherwise something varied.
fn synthetic_response(k: usize, rng: &mut SplitMix64) -> Option<Value> {
    let roll = rng.below(10);
    if roll == 9 {
        return None;
    }
    let right = roll < 6;
    Some(match k % 9 {
        0 => json!(if right {
            "B"
        } else {
            pick(rng, &["A", "C", "D"])
        }),
        1 => {
            if right {
                json!(["A", "C", "D"])
            } else {
                let mask = 1 + rng.below(31);
                let ids: Vec<String> = letters(5)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, s)| s)
                    .collect();
                json!(ids)
            }
        }
        2 => json!(if right { k % 4 == 2 } else { k % 4 != 2 }),
        3 => json!([
            pick(rng, &["退货", " 退款 ", "换货", ""]),
            pick(rng, &["7", "７", "七", "5"])
        ]),
        4 => json!(if right {
            json!(pick(rng, &["30", "３０", "31.4"]))
        } else {
            json!(20 + rng.below(20))
        }),
        5 => {
            let mut order = vec!["C", "A", "D", "B"];
            if !right {
                rng.shuffle(&mut order);
            }
            json!(order)
        }
        6 => {
            if right {
                json!({ "p1": "B", "p2": "A", "p3": "D" })
            } else {
                json!({ "p1": pick(rng, &["A", "B", "C"]), "p2": pick(rng, &["A", "D"]), "p3": null })
            }
        }
        7 => json!(pick(rng, &["A", "B", "C", "D"])),
        _ => json!(pick(
            rng,
            &[
                "非常抱歉，我会持续跟进",
                "抱歉给您带来不便",
                "请稍等",
                "我们会跟进处理"
            ]
        )),
    })
}

/// Builds a bank of `items` items, a shuffled paper of all of them, and `candidates` varied
/// response maps, all from `seed`.
pub fn synthetic_cohort(candidates: usize, items: usize, seed: u32) -> Result<SyntheticCohort> {
    let bank_json = json!({
        "schemaVersion": 1, "id": "synthetic", "title": "合成题库",
        "multipleChoicePolicy": { "kind": "exact" },
        "items": (0..items.max(1)).map(synthetic_item).collect::<Vec<_>>(),
    });
    let bank = Bank::decode(&bank_json)?;
    let first = items.max(1).div_ceil(2);
    let mut sections = vec![json!(
        { "id": "s1", "title": "第一部分", "minPercent": 50, "draw": [{ "count": first }] }
    )];
    if items > first {
        sections.push(json!(
            { "id": "s2", "title": "第二部分", "draw": [{ "count": items - first }] }
        ));
    }
    let blueprint = Blueprint::decode(&json!({
        "schemaVersion": 1, "id": "synthetic-bp", "title": "合成考试", "bankId": "synthetic",
        "timeLimitSeconds": 3600, "shuffleItems": true, "shuffleOptions": true,
        "sections": sections,
    }))?;
    let paper = assemble_paper(&bank, &blueprint, seed)?;
    let mut rng = SplitMix64::new(seed ^ 0x5EED);
    let responses = (0..candidates)
        .map(|_| {
            (0..items.max(1))
                .filter_map(|k| synthetic_response(k, &mut rng).map(|v| (format!("q{k:04}"), v)))
                .collect()
        })
        .collect();
    Ok(SyntheticCohort {
        bank,
        paper,
        responses,
    })
}
