//! Every validation error of banks, blueprints, papers, responses and grades: code and path.

use kaohe::exam::*;
use kaohe::{ErrorCode, Locale};
use serde_json::{json, Value};

fn tags() -> Value {
    json!({ "dimension": "product_knowledge", "knowledgePoint": "退换货政策", "difficulty": 2 })
}

fn single() -> Value {
    json!({ "id": "pk-001", "type": "single", "stem": "七日无理由退货从哪天起算？",
            "options": [{"id": "A", "text": "下单日"}, {"id": "B", "text": "签收日"}],
            "answer": "B", "points": 2, "tags": tags() })
}

fn bank(items: Vec<Value>) -> Value {
    json!({ "schemaVersion": 1, "id": "b1", "title": "题库", "items": items })
}

fn err(doc: &Value) -> kaohe::Error {
    Bank::from_json(&doc.to_string()).expect_err("expected an error")
}

fn assert_err(doc: &Value, code: ErrorCode, path: &str) {
    let e = err(doc);
    assert_eq!((e.code(), e.path()), (code, path), "{e}");
    assert!(!e.message(Locale::ZhCn).is_empty() && !e.message(Locale::En).is_empty());
}

fn with(mut item: Value, key: &str, value: Value) -> Value {
    item[key] = value;
    item
}

#[test]
fn a_valid_bank_of_every_type_loads_and_round_trips() {
    let text = include_str!("fixtures/exam/sample_bank.json");
    let bank = Bank::from_json(text).unwrap();
    let types: std::collections::BTreeSet<ItemType> =
        bank.items().iter().map(|i| i.item_type()).collect();
    assert_eq!(types.len(), ItemType::ALL.len());
    let again = Bank::from_json(&kaohe::format::to_json_string(&bank)).unwrap();
    assert_eq!(again, bank);
    // Decoding from a serde_json::Value (as the binding does with JS objects) agrees.
    let value: Value = serde_json::from_str(text).unwrap();
    assert_eq!(Bank::decode(&value).unwrap(), bank);
}

#[test]
fn duplicate_ids() {
    assert_err(
        &bank(vec![single(), single()]),
        ErrorCode::DuplicateId,
        "items[1].id",
    );
    let opts = json!([{"id": "A", "text": "x"}, {"id": "A", "text": "y"}]);
    assert_err(
        &bank(vec![with(single(), "options", opts)]),
        ErrorCode::DuplicateId,
        "items[0].options[1].id",
    );
    let mut m = json!({ "id": "m", "type": "multiple", "stem": "s", "points": 1, "tags": tags(),
        "options": [{"id": "A", "text": "x"}, {"id": "B", "text": "y"}], "answer": ["A", "A"] });
    assert_err(
        &bank(vec![m.clone()]),
        ErrorCode::DuplicateId,
        "items[0].answer[1]",
    );
    m["answer"] = json!([]);
    assert_err(
        &bank(vec![m]),
        ErrorCode::InvalidAnswerKey,
        "items[0].answer",
    );
    let mt = json!({ "id": "mt", "type": "matching", "stem": "s", "points": 1, "tags": tags(),
        "prompts": [{"id": "p1", "text": "a"}, {"id": "p1", "text": "b"}],
        "options": [{"id": "o1", "text": "x"}], "answer": { "p1": "o1" } });
    assert_err(
        &bank(vec![mt]),
        ErrorCode::DuplicateId,
        "items[0].prompts[1].id",
    );
}

#[test]
fn answers_naming_missing_options() {
    let items: Vec<Value> = (0..13)
        .map(|k| with(single(), "id", json!(format!("q{k}"))))
        .collect();
    let mut items = items;
    items[12]["answer"] = json!("Z");
    assert_err(
        &bank(items),
        ErrorCode::UnknownReference,
        "items[12].answer",
    );
    let m = json!({ "id": "m", "type": "multiple", "stem": "s", "points": 1, "tags": tags(),
        "options": [{"id": "A", "text": "x"}, {"id": "B", "text": "y"}], "answer": ["A", "C"] });
    assert_err(
        &bank(vec![m]),
        ErrorCode::UnknownReference,
        "items[0].answer[1]",
    );
    let o = json!({ "id": "o", "type": "ordering", "stem": "s", "points": 1, "tags": tags(),
        "options": [{"id": "a", "text": "x"}, {"id": "b", "text": "y"}], "answer": ["a"] });
    assert_err(
        &bank(vec![o]),
        ErrorCode::InvalidAnswerKey,
        "items[0].answer",
    );
    let mt = json!({ "id": "mt", "type": "matching", "stem": "s", "points": 1, "tags": tags(),
        "prompts": [{"id": "p1", "text": "a"}, {"id": "p2", "text": "b"}],
        "options": [{"id": "o1", "text": "x"}], "answer": { "p1": "o9" } });
    assert_err(
        &bank(vec![mt.clone()]),
        ErrorCode::UnknownReference,
        "items[0].answer.p1",
    );
    let mut mt2 = mt;
    mt2["answer"] = json!({ "p1": "o1" });
    assert_err(
        &bank(vec![mt2]),
        ErrorCode::InvalidAnswerKey,
        "items[0].answer.p2",
    );
}

#[test]
fn points_must_be_positive() {
    assert_err(
        &bank(vec![with(single(), "points", json!(0))]),
        ErrorCode::NonPositivePoints,
        "items[0].points",
    );
    assert_err(
        &bank(vec![with(single(), "points", json!(-1.5))]),
        ErrorCode::NonPositivePoints,
        "items[0].points",
    );
    let sa = json!({ "id": "s", "type": "shortAnswer", "stem": "s", "points": 2, "tags": tags(),
        "keywords": [{ "terms": ["道歉"], "points": 0 }] });
    assert_err(
        &bank(vec![sa]),
        ErrorCode::NonPositivePoints,
        "items[0].keywords[0].points",
    );
    // Non-finite points can only come from JS objects, decoded here through a Value.
    let mut b = bank(vec![single()]);
    b["items"][0]["points"] = json!(f64::NAN); // serde_json turns NaN into null
    assert_eq!(Bank::decode(&b).unwrap_err().code(), ErrorCode::WrongType);
}

#[test]
fn unknown_and_missing_types() {
    assert_err(
        &bank(vec![with(single(), "type", json!("essay"))]),
        ErrorCode::UnknownVariant,
        "items[0].type",
    );
    assert_err(
        &bank(vec![with(single(), "type", json!(3))]),
        ErrorCode::WrongType,
        "items[0].type",
    );
    let mut no_type = single();
    no_type.as_object_mut().unwrap().remove("type");
    assert_err(
        &bank(vec![no_type]),
        ErrorCode::MissingField,
        "items[0].type",
    );
    let e = err(&bank(vec![with(single(), "type", json!("essay"))]));
    assert!(e.message(Locale::En).contains("fillBlank"), "{e}");
}

#[test]
fn wrong_json_types_keep_precise_paths() {
    assert_err(
        &bank(vec![with(single(), "points", json!("2"))]),
        ErrorCode::WrongType,
        "items[0].points",
    );
    let opts = json!([{"id": "A", "text": "x"}, {"id": 2, "text": "y"}]);
    let items = vec![
        single(),
        single(),
        single(),
        with(with(single(), "options", opts), "id", json!("x")),
    ];
    let mut items = items;
    for (k, item) in items.iter_mut().enumerate() {
        item["id"] = json!(format!("q{k}"));
    }
    assert_err(&bank(items), ErrorCode::WrongType, "items[3].options[1].id");
    let mut b = bank(vec![single()]);
    b["items"][0]["tags"]["difficulty"] = json!("难");
    assert_err(&b, ErrorCode::WrongType, "items[0].tags.difficulty");
    assert_err(&bank(vec![json!(5)]), ErrorCode::WrongType, "items[0]");
    let mut b = bank(vec![single()]);
    b["items"] = json!({});
    assert_err(&b, ErrorCode::WrongType, "items");
    assert_err(
        &bank(vec![with(single(), "answers", json!("B"))]),
        ErrorCode::UnknownField,
        "items[0].answers",
    );
    let mut no_answer = single();
    no_answer.as_object_mut().unwrap().remove("answer");
    assert_err(
        &bank(vec![no_answer]),
        ErrorCode::MissingField,
        "items[0].answer",
    );
}

#[test]
fn tags_are_checked() {
    let mut b = bank(vec![single()]);
    b["items"][0]["tags"]["difficulty"] = json!(6);
    assert_err(&b, ErrorCode::OutOfRange, "items[0].tags.difficulty");
    b["items"][0]["tags"]["difficulty"] = json!(0);
    assert_err(&b, ErrorCode::OutOfRange, "items[0].tags.difficulty");
    b["items"][0]["tags"]["difficulty"] = json!(3);
    b["items"][0]["tags"]["dimension"] = json!("sales");
    assert_err(&b, ErrorCode::UnknownDimension, "items[0].tags.dimension");
}

#[test]
fn situational_options_must_fit() {
    let s = |a: f64, b: f64| {
        json!({ "id": "em", "type": "situational", "stem": "客户情绪激动", "points": 4, "tags": tags(),
            "options": [{"id": "A", "text": "共情", "points": a}, {"id": "B", "text": "推诿", "points": b}] })
    };
    assert_err(
        &bank(vec![s(3.0, 0.0)]),
        ErrorCode::InvalidAnswerKey,
        "items[0].options",
    );
    assert_err(
        &bank(vec![s(4.0, 5.0)]),
        ErrorCode::InvalidAnswerKey,
        "items[0].options[1].points",
    );
    assert_err(
        &bank(vec![s(4.0, -1.0)]),
        ErrorCode::InvalidAnswerKey,
        "items[0].options[1].points",
    );
    assert!(Bank::from_json(&bank(vec![s(4.0, 0.0)]).to_string()).is_ok());
}

#[test]
fn empty_items_and_limits() {
    assert_err(&bank(vec![]), ErrorCode::InvalidValue, "items");
    let items: Vec<Value> = (0..5001)
        .map(|k| with(single(), "id", json!(format!("q{k}"))))
        .collect();
    assert_err(&bank(items), ErrorCode::TooLarge, "items");
    assert_err(
        &bank(vec![with(single(), "stem", json!("长".repeat(10_001)))]),
        ErrorCode::TooLarge,
        "items[0].stem",
    );
    let opts = json!([{"id": "A", "text": "x".repeat(10_001)}, {"id": "B", "text": "y"}]);
    assert_err(
        &bank(vec![with(single(), "options", opts)]),
        ErrorCode::TooLarge,
        "items[0].options[0].text",
    );
    assert!(Bank::from_json(
        &bank(vec![with(single(), "stem", json!("长".repeat(10_000)))]).to_string()
    )
    .is_ok());
}

#[test]
fn option_counts_blanks_and_policies() {
    assert_err(
        &bank(vec![with(
            single(),
            "options",
            json!([{"id": "B", "text": "x"}]),
        )]),
        ErrorCode::InvalidValue,
        "items[0].options",
    );
    assert_err(
        &bank(vec![with(single(), "id", json!("  "))]),
        ErrorCode::InvalidValue,
        "items[0].id",
    );
    let fb = |blanks: Value| json!({ "id": "f", "type": "fillBlank", "stem": "____", "points": 1, "tags": tags(), "blanks": blanks });
    assert_err(
        &bank(vec![fb(json!([]))]),
        ErrorCode::InvalidValue,
        "items[0].blanks",
    );
    assert_err(
        &bank(vec![fb(json!([{ "accepted": [] }]))]),
        ErrorCode::InvalidValue,
        "items[0].blanks[0].accepted",
    );
    assert_err(
        &bank(vec![fb(
            json!([{ "accepted": ["退货"] }, { "accepted": ["7", " "] }]),
        )]),
        ErrorCode::InvalidValue,
        "items[0].blanks[1].accepted[1]",
    );
    let m = json!({ "id": "m", "type": "multiple", "stem": "s", "points": 1, "tags": tags(),
        "options": [{"id": "A", "text": "x"}, {"id": "B", "text": "y"}], "answer": ["A"],
        "policy": { "kind": "fixedShare", "share": 1.0 } });
    assert_err(
        &bank(vec![m.clone()]),
        ErrorCode::OutOfRange,
        "items[0].policy.share",
    );
    let mut m2 = m;
    m2["policy"] = json!({ "kind": "halfCredit" });
    assert_err(
        &bank(vec![m2]),
        ErrorCode::UnknownVariant,
        "items[0].policy.kind",
    );
    let mut b = bank(vec![single()]);
    b["negativeMarking"] = json!({ "penalty": 1.5, "floor": "exam" });
    assert_err(&b, ErrorCode::OutOfRange, "negativeMarking.penalty");
    b["negativeMarking"] = json!({ "penalty": 0.25, "floor": "paper" });
    assert_err(&b, ErrorCode::UnknownVariant, "negativeMarking.floor");
    let n = json!({ "id": "n", "type": "numeric", "stem": "s", "points": 1, "tags": tags(),
        "answer": { "value": 30, "tolerance": -1 } });
    assert_err(
        &bank(vec![n]),
        ErrorCode::OutOfRange,
        "items[0].answer.tolerance",
    );
    let mut v2 = bank(vec![single()]);
    v2["schemaVersion"] = json!(2);
    assert_err(&v2, ErrorCode::UnsupportedSchemaVersion, "schemaVersion");
    assert_eq!(
        Bank::from_json("{").unwrap_err().code(),
        ErrorCode::InvalidSyntax
    );
}

fn sample_bank() -> Bank {
    Bank::from_json(include_str!("fixtures/exam/sample_bank.json")).unwrap()
}

fn blueprint_err(bp: &Value) -> kaohe::Error {
    let bank = sample_bank();
    match Blueprint::decode(bp) {
        Err(e) => e,
        Ok(b) => b.validate_against(&bank).expect_err("expected an error"),
    }
}

#[test]
fn blueprint_errors() {
    let base: Value =
        serde_json::from_str(include_str!("fixtures/exam/sample_blueprint.json")).unwrap();
    let check = |edit: &dyn Fn(&mut Value), code: ErrorCode, path: &str| {
        let mut bp = base.clone();
        edit(&mut bp);
        let e = blueprint_err(&bp);
        assert_eq!((e.code(), e.path()), (code, path), "{e}");
    };
    check(
        &|b| b["sections"][1]["fixed"][0] = json!("nope"),
        ErrorCode::UnknownReference,
        "sections[1].fixed[0]",
    );
    check(
        &|b| b["sections"][1]["fixed"][0] = json!("pk-001"),
        ErrorCode::DuplicateId,
        "sections[1].fixed[0]",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["count"] = json!(9),
        ErrorCode::PoolTooSmall,
        "sections[0].draw[0].count",
    );
    check(
        &|b| b["passMarkPercent"] = json!(101),
        ErrorCode::OutOfRange,
        "passMarkPercent",
    );
    check(
        &|b| b["sections"][0]["minPercent"] = json!(-1),
        ErrorCode::OutOfRange,
        "sections[0].minPercent",
    );
    check(
        &|b| b["timeLimitSeconds"] = json!(0),
        ErrorCode::OutOfRange,
        "timeLimitSeconds",
    );
    check(
        &|b| b["sections"][1]["timeLimitSeconds"] = json!(0),
        ErrorCode::OutOfRange,
        "sections[1].timeLimitSeconds",
    );
    check(
        &|b| b["bankId"] = json!("other"),
        ErrorCode::UnknownReference,
        "bankId",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["filter"]["types"] = json!(["essay"]),
        ErrorCode::UnknownVariant,
        "sections[0].draw[0].filter.types[0]",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["filter"]["dimensions"] = json!(["sales"]),
        ErrorCode::UnknownDimension,
        "sections[0].draw[0].filter.dimensions[0]",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["filter"]["difficulty"] = json!({"min": 4, "max": 2}),
        ErrorCode::OutOfRange,
        "sections[0].draw[0].filter.difficulty",
    );
    check(
        &|b| b["sections"][1]["id"] = json!("s-product"),
        ErrorCode::DuplicateId,
        "sections[1].id",
    );
    check(
        &|b| b["sections"] = json!([]),
        ErrorCode::InvalidValue,
        "sections",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["count"] = json!(0),
        ErrorCode::InvalidValue,
        "sections[0].draw[0].count",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["count"] = json!(-2),
        ErrorCode::InvalidValue,
        "sections[0].draw[0].count",
    );
    check(
        &|b| b["sections"][0]["draw"][0]["count"] = json!("3"),
        ErrorCode::WrongType,
        "sections[0].draw[0].count",
    );
    // The message gives the numbers: 6 product/compliance items of difficulty 1–3 besides pk-001.
    let mut bp = base.clone();
    bp["sections"][0]["draw"][0]["count"] = json!(9);
    let e = blueprint_err(&bp);
    assert!(
        e.message(Locale::En).contains("asks for 9")
            && e.message(Locale::En).contains("only 5 match"),
        "{e}"
    );
}

#[test]
fn overlapping_draws_are_checked_for_every_seed() {
    // Two draws over the same pool of 4 single-choice items: 3 + 3 > 4, whatever the seed.
    let bank = sample_bank();
    let bp = json!({ "schemaVersion": 1, "id": "bp", "title": "t", "bankId": "cs-theory-2026",
        "sections": [
            { "id": "a", "title": "A", "draw": [{ "count": 3, "filter": { "types": ["single"] } }] },
            { "id": "b", "title": "B", "draw": [{ "count": 3, "filter": { "types": ["single"] } }] }
        ] });
    let e = Blueprint::decode(&bp)
        .unwrap()
        .validate_against(&bank)
        .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::PoolTooSmall, "sections[1].draw[0].count")
    );
    let mut ok = bp.clone();
    ok["sections"][1]["draw"][0]["count"] = json!(1);
    let ok = Blueprint::decode(&ok).unwrap();
    for seed in 0..50 {
        assert!(assemble_paper(&bank, &ok, seed).is_ok());
    }
}

/// Every item of the sample bank, fixed, in two sections.
fn sample_paper() -> (Bank, Paper) {
    let bank = sample_bank();
    let ids: Vec<&str> = bank.items().iter().map(|i| i.id()).collect();
    let (a, b) = ids.split_at(5);
    let bp = json!({ "schemaVersion": 1, "id": "bp", "title": "t", "bankId": "cs-theory-2026",
        "shuffleOptions": true, "sections": [
            { "id": "s1", "title": "一", "fixed": a }, { "id": "s2", "title": "二", "fixed": b }] });
    let paper = assemble_paper(&bank, &Blueprint::decode(&bp).unwrap(), 3).unwrap();
    (bank, paper)
}

#[test]
fn paper_errors() {
    let (bank, paper) = sample_paper();
    let mut p = paper.clone();
    p.sections[1].item_ids.push("pk-001".into());
    let e = p.validate_against(&bank).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "sections[1].itemIds[10]")
    );
    let mut p = paper.clone();
    p.sections[0].item_ids[0] = "ghost".into();
    let e = p.validate_against(&bank).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownReference, "sections[0].itemIds[0]")
    );
    let mut p = paper.clone();
    p.option_order.insert(
        "pk-001".into(),
        vec!["A".into(), "A".into(), "B".into(), "C".into()],
    );
    let e = p.validate_against(&bank).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidValue, "optionOrder.pk-001")
    );
    let mut text: Value = kaohe::format::to_json_value(&paper);
    text["seed"] = json!(-1);
    assert_eq!(
        Paper::from_json(&text.to_string()).unwrap_err().path(),
        "seed"
    );
}

#[test]
fn response_and_grade_errors() {
    let (bank, paper) = sample_paper();
    let score = |responses: Value, grades: Value| {
        let responses: Responses = kaohe::format::decode_value(&responses).unwrap();
        let grades: Grades = kaohe::format::decode_value(&grades).unwrap();
        score_attempt(&bank, &paper, &responses, &grades, None).unwrap_err()
    };
    let cases = [
        (
            json!({ "pk-001": "E" }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.pk-001",
        ),
        (
            json!({ "pk-001": 2 }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.pk-001",
        ),
        (
            json!({ "ghost": "A" }),
            json!({}),
            ErrorCode::UnknownReference,
            "responses.ghost",
        ),
        (
            json!({ "ch-001": ["s1", "s1"] }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.ch-001[1]",
        ),
        (
            json!({ "ch-001": ["s1", "s9"] }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.ch-001[1]",
        ),
        (
            json!({ "em-002": ["text"] }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.em-002",
        ),
        (
            json!({ "ch-002": { "p9": "o1" } }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.ch-002.p9",
        ),
        (
            json!({ "ch-002": { "p1": "o9" } }),
            json!({}),
            ErrorCode::InvalidResponse,
            "responses.ch-002.p1",
        ),
        (
            json!({}),
            json!({ "em-002": { "points": 6 } }),
            ErrorCode::OutOfRange,
            "grades.em-002.points",
        ),
        (
            json!({}),
            json!({ "em-002": { "points": -1 } }),
            ErrorCode::OutOfRange,
            "grades.em-002.points",
        ),
        (
            json!({}),
            json!({ "pk-001": { "points": 1 } }),
            ErrorCode::UnknownReference,
            "grades.pk-001",
        ),
        (
            json!({}),
            json!({ "ghost": { "points": 1 } }),
            ErrorCode::UnknownReference,
            "grades.ghost",
        ),
    ];
    for (responses, grades, code, path) in cases {
        let e = score(responses.clone(), grades);
        assert_eq!((e.code(), e.path()), (code, path), "{responses} → {e}");
    }
    let e =
        score_attempt(&bank, &paper, &Responses::new(), &Grades::new(), Some(-3.0)).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "timeUsedSeconds")
    );
    let e = decode_grades(&json!({ "em-002": { "points": 1, "mark": 2 } })).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownField, "grades.em-002.mark")
    );
}
