//! Property tests of exam scoring, hand-rolled over the crate's SplitMix64 (no extra
//! dependency): random banks policies, papers and responses, thousands of cases.
//!
//! - a score stays in [0, max] for any response (items within their maxima);
//! - the option order (paper seed, or the bank's own order) never changes a score for the same
//!   responses by option id;
//! - a strictly more correct attempt never scores lower, per item type and policy.

use std::collections::BTreeMap;

use kaohe::exam::*;
use serde_json::{json, Value};

const BANK: &str = include_str!("../www/samples/bank.json");
const CASES: u32 = 300;

/// The sample bank under one multiple-choice policy and negative-marking setting.
fn bank_variant(variant: usize, reverse_options: bool) -> (Value, Bank) {
    let mut doc: Value = serde_json::from_str(BANK).unwrap();
    let policies = [
        json!({ "kind": "exact" }),
        json!({ "kind": "perOption" }),
        json!({ "kind": "fixedShare", "share": 0.5 }),
        json!({ "kind": "rightMinusWrong" }),
    ];
    let marking = [
        Value::Null,
        json!({ "penalty": 0.25, "floor": "item" }),
        json!({ "penalty": 0.5, "floor": "section" }),
        json!({ "penalty": 1.0, "floor": "exam" }),
    ];
    doc["multipleChoicePolicy"] = policies[variant % 4].clone();
    doc["negativeMarking"] = marking[variant / 4 % 4].clone();
    if reverse_options {
        for item in doc["items"].as_array_mut().unwrap() {
            if let Some(Value::Array(options)) = item.get_mut("options") {
                options.reverse();
            }
        }
    }
    let bank = Bank::decode(&doc).unwrap();
    (doc, bank)
}

/// Every item of the bank in one shuffled section: `seed` decides item and option order.
fn full_paper(bank: &Bank, seed: u32) -> Paper {
    let ids: Vec<&str> = bank.items().iter().map(|i| i.id()).collect();
    let bp = json!({ "schemaVersion": 1, "id": "bp", "title": "全部", "bankId": bank.id(),
        "shuffleItems": true, "shuffleOptions": true,
        "sections": [
            { "id": "a", "title": "一", "fixed": ids[..ids.len() / 2] },
            { "id": "b", "title": "二", "fixed": ids[ids.len() / 2..] },
        ] });
    assemble_paper(bank, &Blueprint::decode(&bp).unwrap(), seed).unwrap()
}

fn option_ids(item: &Value, key: &str) -> Vec<String> {
    item[key]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| o["id"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A random, well-formed response to `item` (sometimes blank, sometimes the key).
fn random_response(item: &Value, rng: &mut SplitMix64) -> Value {
    let options = option_ids(item, "options");
    if rng.below(6) == 0 {
        return Value::Null;
    }
    if rng.below(4) == 0 {
        return key(item);
    }
    match item["type"].as_str().unwrap() {
        "single" | "situational" => json!(options[rng.below(options.len())]),
        "multiple" => {
            let picked: Vec<&String> = options.iter().filter(|_| rng.below(2) == 0).collect();
            json!(picked)
        }
        "trueFalse" => json!(rng.below(2) == 0),
        "fillBlank" => {
            let n = item["blanks"].as_array().unwrap().len();
            let words = ["3", "一", "", "  1 ", "保修", "x"];
            json!((0..n)
                .map(|_| words[rng.below(words.len())])
                .collect::<Vec<_>>())
        }
        "numeric" => json!(rng.below(200) as f64 / 10.0 - 5.0),
        "ordering" => {
            let mut order = options.clone();
            rng.shuffle(&mut order);
            order.truncate(1 + rng.below(order.len()));
            json!(order)
        }
        "matching" => {
            let prompts = option_ids(item, "prompts");
            let map: BTreeMap<String, String> = prompts
                .into_iter()
                .filter_map(|p| {
                    let skip = rng.below(5) == 0;
                    let pick = options[rng.below(options.len())].clone();
                    (!skip).then_some((p, pick))
                })
                .collect();
            json!(map)
        }
        "shortAnswer" => {
            let words = ["倾听", "道歉", "我会跟进并回访", "不知道", ""];
            json!(words[rng.below(words.len())])
        }
        other => panic!("unknown type {other}"),
    }
}

/// The fully correct response to `item` (the best reply for situational items).
fn key(item: &Value) -> Value {
    match item["type"].as_str().unwrap() {
        "fillBlank" => json!(item["blanks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["accepted"][0].clone())
            .collect::<Vec<_>>()),
        "numeric" => item["answer"]["value"].clone(),
        "situational" => {
            let best = item["options"]
                .as_array()
                .unwrap()
                .iter()
                .max_by(|a, b| {
                    a["points"]
                        .as_f64()
                        .partial_cmp(&b["points"].as_f64())
                        .unwrap()
                })
                .unwrap();
            best["id"].clone()
        }
        "shortAnswer" => {
            let terms: Vec<&str> = item["keywords"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k["terms"][0].as_str().unwrap())
                .collect();
            json!(terms.join("，"))
        }
        _ => item["answer"].clone(),
    }
}

fn random_responses(doc: &Value, rng: &mut SplitMix64) -> Responses {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            let id = item["id"].as_str().unwrap().to_string();
            (id, random_response(item, rng))
        })
        .collect()
}

fn score(bank: &Bank, paper: &Paper, responses: &Responses) -> ExamResult {
    score_attempt(bank, paper, responses, &Grades::new(), None).unwrap()
}

fn by_item(result: &ExamResult) -> BTreeMap<String, f64> {
    result
        .items
        .iter()
        .map(|i| (i.item_id.clone(), i.points))
        .collect()
}

#[test]
fn a_score_stays_between_zero_and_the_maximum() {
    let mut rng = SplitMix64::new(11);
    for case in 0..CASES {
        let variant = rng.below(16);
        let (doc, bank) = bank_variant(variant, false);
        let paper = full_paper(&bank, case);
        let result = score(&bank, &paper, &random_responses(&doc, &mut rng));
        assert!(result.max_points > 0.0);
        assert!(
            (0.0..=result.max_points).contains(&result.points),
            "case {case} variant {variant}: {} of {}",
            result.points,
            result.max_points
        );
        for item in &result.items {
            assert!(item.points <= item.max_points + 1e-9, "{item:?}");
            assert!(item.points >= -item.max_points - 1e-9, "{item:?}");
            if variant / 4 % 4 < 2 {
                assert!(item.points >= 0.0, "floor per item: {item:?}");
            }
        }
        for section in &result.sections {
            assert!(section.points <= section.max_points + 1e-9);
            if variant / 4 % 4 != 3 {
                assert!(section.points >= -1e-9, "section floor: {section:?}");
            }
        }
        if let Some(p) = result.percent {
            assert!((0.0..=100.0).contains(&p));
        }
    }
}

#[test]
fn option_order_never_changes_a_score() {
    let mut rng = SplitMix64::new(22);
    for case in 0..CASES {
        let variant = rng.below(16);
        let (doc, bank) = bank_variant(variant, false);
        let (_, reversed) = bank_variant(variant, true);
        let responses = random_responses(&doc, &mut rng);
        let a = score(&bank, &full_paper(&bank, case), &responses);
        let b = score(&bank, &full_paper(&bank, case + 1000), &responses);
        let c = score(&reversed, &full_paper(&reversed, case * 7), &responses);
        assert_eq!(
            by_item(&a),
            by_item(&b),
            "case {case}: paper seed changed a score"
        );
        assert_eq!(
            by_item(&a),
            by_item(&c),
            "case {case}: bank option order changed a score"
        );
        assert!((a.points - b.points).abs() < 1e-9 && (a.points - c.points).abs() < 1e-9);
    }
}

/// A response to a multiple-choice item that is strictly more correct than `given`: one missing
/// key option added, or one wrong option removed (leaving a non-empty selection).
fn more_correct_multiple(item: &Value, given: &Value, rng: &mut SplitMix64) -> Option<Value> {
    let key: Vec<String> = kaohe::format::decode_value(&item["answer"].clone()).unwrap();
    let chosen: Vec<String> = kaohe::format::decode_value(&given.clone()).unwrap_or_default();
    let missing: Vec<&String> = key.iter().filter(|k| !chosen.contains(k)).collect();
    let wrong: Vec<&String> = chosen.iter().filter(|c| !key.contains(c)).collect();
    if !missing.is_empty() && (wrong.is_empty() || rng.below(2) == 0) {
        let mut next = chosen.clone();
        next.push(missing[rng.below(missing.len())].clone());
        return Some(json!(next));
    }
    if !wrong.is_empty() && chosen.len() > 1 {
        let drop = wrong[rng.below(wrong.len())];
        return Some(json!(chosen
            .iter()
            .filter(|c| *c != drop)
            .collect::<Vec<_>>()));
    }
    None
}

#[test]
fn a_more_correct_attempt_never_scores_lower() {
    let mut rng = SplitMix64::new(33);
    let mut checked = BTreeMap::<String, u32>::new();
    for case in 0..CASES {
        let variant = rng.below(16);
        let (doc, bank) = bank_variant(variant, false);
        let paper = full_paper(&bank, case);
        let responses = random_responses(&doc, &mut rng);
        let before = score(&bank, &paper, &responses);
        let items = doc["items"].as_array().unwrap();
        let item = &items[rng.below(items.len())];
        let id = item["id"].as_str().unwrap();
        let given = responses.get(id).cloned().unwrap_or(Value::Null);
        let better = if item["type"] == "multiple" && rng.below(2) == 0 {
            more_correct_multiple(item, &given, &mut rng).unwrap_or_else(|| key(item))
        } else {
            key(item)
        };
        let mut improved = responses.clone();
        improved.insert(id.to_string(), better);
        let after = score(&bank, &paper, &improved);
        let tag = format!("{}/{}", item["type"].as_str().unwrap(), variant);
        assert!(
            by_item(&after)[id] >= by_item(&before)[id] - 1e-9,
            "case {case} {tag} item {id}: {given} → {}",
            improved[id]
        );
        assert!(
            after.points >= before.points - 1e-9,
            "case {case} {tag}: total fell"
        );
        *checked.entry(tag).or_default() += 1;
    }
    let types: std::collections::BTreeSet<&str> = checked
        .keys()
        .map(|k| k.split('/').next().unwrap())
        .collect();
    assert_eq!(types.len(), 9, "every item type was exercised: {types:?}");
}
