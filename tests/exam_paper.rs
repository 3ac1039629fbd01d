//! Paper assembly from a seed, and the candidate's view without any key material.

use kaohe::exam::*;
use serde_json::json;

fn sample() -> (Bank, Blueprint) {
    let bank = Bank::from_json(include_str!("fixtures/exam/sample_bank.json")).unwrap();
    let bp = Blueprint::from_json(include_str!("fixtures/exam/sample_blueprint.json")).unwrap();
    (bank, bp)
}

#[test]
fn the_same_seed_reproduces_the_paper_and_seeds_differ() {
    let (bank, bp) = sample();
    let a = assemble_paper(&bank, &bp, 20261001).unwrap();
    assert_eq!(a, assemble_paper(&bank, &bp, 20261001).unwrap());
    // A stored paper decodes back to itself.
    assert_eq!(
        Paper::from_json(&kaohe::format::to_json_string(&a)).unwrap(),
        a
    );
    let distinct: std::collections::BTreeSet<String> = (0..20)
        .map(|seed| kaohe::format::to_json_string(&assemble_paper(&bank, &bp, seed).unwrap()))
        .collect();
    assert!(
        distinct.len() > 15,
        "only {} distinct papers",
        distinct.len()
    );
    assert_eq!(a.seed, 20261001);
    assert_eq!(
        (a.bank_id.as_str(), a.blueprint_id.as_str()),
        ("cs-theory-2026", "bp-theory-2026q4")
    );
    assert_eq!(a.time_limit_seconds, Some(3600));
}

#[test]
fn draws_respect_filters_and_fixed_items_are_always_there() {
    let (bank, bp) = sample();
    for seed in 0..40 {
        let paper = assemble_paper(&bank, &bp, seed).unwrap();
        let product = &paper.sections[0].item_ids;
        assert_eq!(product.len(), 4);
        assert!(product.iter().any(|id| id == "pk-001"));
        for id in product {
            let tags = bank.item(id).unwrap().tags();
            assert!(["product_knowledge", "compliance"].contains(&tags.dimension.as_str()));
            assert!((1..=3).contains(&tags.difficulty));
        }
        let service = &paper.sections[1].item_ids;
        assert_eq!(service.len(), 6);
        assert!(service.contains(&"ch-001".to_string()) && service.contains(&"em-002".to_string()));
        for id in service {
            let dim = &bank.item(id).unwrap().tags().dimension;
            assert!(
                !["product_knowledge", "compliance", "system_operation"].contains(&dim.as_str())
            );
        }
        let all: Vec<&str> = paper.item_ids().collect();
        let unique: std::collections::BTreeSet<&&str> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "no item twice");
        // Ordering items are always shown shuffled, never in the correct order.
        let ordering = match bank.item("ch-001").unwrap() {
            Item::Ordering(o) => o.answer.clone(),
            other => panic!("ch-001 is {:?}", other.item_type()),
        };
        let shown = &paper.option_order["ch-001"];
        assert_ne!(shown, &ordering, "seed {seed} shows the answer");
        let mut sorted_shown = shown.clone();
        sorted_shown.sort();
        let mut sorted_answer = ordering.clone();
        sorted_answer.sort();
        assert_eq!(sorted_shown, sorted_answer, "a permutation of the steps");
        assert!(
            !paper.option_order.contains_key("pk-004"),
            "true/false has no options"
        );
    }
}

#[test]
fn options_are_shuffled_only_when_asked() {
    let (bank, mut bp) = sample();
    let shuffled: usize = (0..10)
        .filter(|&seed| {
            let p = assemble_paper(&bank, &bp, seed).unwrap();
            p.option_order["pk-001"] != ["A", "B", "C", "D"]
        })
        .count();
    assert!(shuffled >= 7);
    bp.shuffle_options = false;
    bp.shuffle_items = false;
    let p = assemble_paper(&bank, &bp, 5).unwrap();
    assert_eq!(p.option_order["pk-001"], ["A", "B", "C", "D"]);
    assert_eq!(
        p.sections[1].item_ids[..2],
        ["ch-001".to_string(), "em-002".to_string()]
    );
}

#[test]
fn the_candidate_view_carries_no_key_material() {
    let (bank, bp) = sample();
    let all: Vec<&str> = bank.items().iter().map(|i| i.id()).collect();
    let bp_all = Blueprint::decode(&json!({ "schemaVersion": 1, "id": "all", "title": "全部题目", "bankId": bp.bank_id,
        "shuffleOptions": true, "sections": [{ "id": "s", "title": "全部", "timeLimitSeconds": 900, "fixed": all }] })).unwrap();
    let paper = assemble_paper(&bank, &bp_all, 9).unwrap();
    let view = candidate_view(&bank, &paper).unwrap();
    let text = kaohe::format::to_json_string(&view);
    for secret in [
        "\"answer\"",
        "accepted",
        "keywords",
        "explanation",
        "modelAnswer",
        "tolerance",
        "\"credit\"",
        "\"policy\"",
        "negativeMarking",
        "网购商品自收货之日起七日内",
        "先挂机",
        "工号 1024",
        "LEARN：Listen",
        "承诺 30 分钟内答复",
    ] {
        assert!(!text.contains(secret), "the view leaks {secret}");
    }
    assert_eq!(view.item_count as usize, bank.items().len());
    assert_eq!(view.sections[0].time_limit_seconds, Some(900));
    let item = |id: &str| view.sections[0].items.iter().find(|i| i.id == id).unwrap();
    // Options in the paper's order, prompts and blanks and units present.
    let pk = item("pk-001");
    assert_eq!(
        pk.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        paper.option_order["pk-001"]
    );
    assert_eq!(item("cm-001").blank_count, Some(2));
    assert_eq!(item("pk-005").unit.as_deref(), Some("天"));
    assert_eq!(item("ch-002").prompts.len(), 3);
    // Situational option points are not shown.
    let em = kaohe::format::to_json_value(item("em-001"));
    assert!(em["options"][0].get("points").is_none());
    assert_eq!(item("em-001").points, 4.0);
    let numbers: Vec<u32> = view.sections[0].items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, (1..=bank.items().len() as u32).collect::<Vec<_>>());
}
