//! Scoring every item type and credit policy, negative marking with each floor, grading, and
//! the edge cases: empty and duplicate selections, out-of-range options, Unicode, tolerances.

use kaohe::exam::*;
use kaohe::ErrorCode;
use serde_json::{json, Value};

fn tags(dim: &str) -> Value {
    json!({ "dimension": dim, "knowledgePoint": "测试", "difficulty": 2 })
}

/// A bank of `items` and a paper holding them all in one section (no shuffling), with extra
/// bank-level fields from `bank_extra`.
fn exam(items: Vec<Value>, bank_extra: Value) -> (Bank, Paper) {
    let mut doc = json!({ "schemaVersion": 1, "id": "b", "title": "题库", "items": items });
    if let Value::Object(extra) = bank_extra {
        for (k, v) in extra {
            doc[k] = v;
        }
    }
    let bank = Bank::decode(&doc).unwrap();
    let ids: Vec<&str> = bank.items().iter().map(|i| i.id()).collect();
    let bp = json!({ "schemaVersion": 1, "id": "bp", "title": "考试", "bankId": "b",
        "sections": [{ "id": "s", "title": "全部", "fixed": ids }] });
    let paper = assemble_paper(&bank, &Blueprint::decode(&bp).unwrap(), 1).unwrap();
    (bank, paper)
}

fn one(item: Value) -> (Bank, Paper) {
    exam(vec![item], json!({}))
}

fn result(e: &(Bank, Paper), responses: Value) -> ExamResult {
    let responses: Responses = kaohe::format::decode_value(&responses).unwrap();
    score_attempt(&e.0, &e.1, &responses, &Grades::new(), None).unwrap()
}

/// Points and status of the only item for `response`.
fn item(e: &(Bank, Paper), response: Value) -> (f64, ItemStatus) {
    let id = e.0.items()[0].id().to_string();
    let r = result(e, json!({ id: response }));
    (r.items[0].points, r.items[0].status)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn single(points: f64) -> Value {
    json!({ "id": "q1", "type": "single", "stem": "s", "points": points, "tags": tags("product_knowledge"),
        "options": [{"id": "A", "text": "a"}, {"id": "B", "text": "b"}, {"id": "C", "text": "c"}], "answer": "B" })
}

fn multiple(policy: Value) -> Value {
    json!({ "id": "q1", "type": "multiple", "stem": "s", "points": 4, "tags": tags("problem_solving"),
        "options": [{"id": "A", "text": "倾听"}, {"id": "B", "text": "复述"}, {"id": "C", "text": "推诿"}, {"id": "D", "text": "解决"}, {"id": "E", "text": "争辩"}],
        "answer": ["A", "B", "D"], "policy": policy })
}

#[test]
fn single_choice() {
    let e = one(single(2.0));
    assert_eq!(item(&e, json!("B")), (2.0, ItemStatus::Correct));
    assert_eq!(item(&e, json!("A")), (0.0, ItemStatus::Wrong));
    assert_eq!(item(&e, json!(null)), (0.0, ItemStatus::Unanswered));
    assert_eq!(item(&e, json!("")), (0.0, ItemStatus::Unanswered));
    let r = result(&e, json!({}));
    assert_eq!(r.items[0].status, ItemStatus::Unanswered);
    // An option the item does not have is an invalid response, not a wrong one.
    let responses: Responses = kaohe::format::decode_value(&json!({ "q1": "Z" })).unwrap();
    let err = score_attempt(&e.0, &e.1, &responses, &Grades::new(), None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidResponse);
}

#[test]
fn multiple_choice_policies() {
    // Key {A, B, D} of 5 options, 4 points.
    let exact = one(multiple(json!({ "kind": "exact" })));
    assert_eq!(
        item(&exact, json!(["A", "B", "D"])),
        (4.0, ItemStatus::Correct)
    );
    assert_eq!(
        item(&exact, json!(["D", "B", "A"])),
        (4.0, ItemStatus::Correct)
    );
    assert_eq!(item(&exact, json!(["A", "B"])), (0.0, ItemStatus::Wrong));
    assert_eq!(item(&exact, json!([])), (0.0, ItemStatus::Unanswered));

    let per = one(multiple(json!({ "kind": "perOption" })));
    let (p, s) = item(&per, json!(["A", "B"]));
    assert!(close(p, 4.0 * 2.0 / 3.0) && s == ItemStatus::Partial);
    assert_eq!(item(&per, json!(["A", "C"])), (0.0, ItemStatus::Wrong));

    let share = one(multiple(json!({ "kind": "fixedShare" })));
    assert_eq!(item(&share, json!(["D"])), (2.0, ItemStatus::Partial));
    assert_eq!(item(&share, json!(["A", "B"])), (2.0, ItemStatus::Partial));
    assert_eq!(
        item(&share, json!(["A", "B", "C", "D"])),
        (0.0, ItemStatus::Wrong)
    );
    let share = one(multiple(json!({ "kind": "fixedShare", "share": 0.25 })));
    assert_eq!(item(&share, json!(["D"])), (1.0, ItemStatus::Partial));

    let rmw = one(multiple(json!({ "kind": "rightMinusWrong" })));
    // 3 right of 3, 1 wrong of 2: 4 × (1 − 0.5) = 2.
    assert_eq!(
        item(&rmw, json!(["A", "B", "C", "D"])),
        (2.0, ItemStatus::Partial)
    );
    // 1 right, 2 wrong: 1/3 − 1 < 0 → 0.
    assert_eq!(item(&rmw, json!(["A", "C", "E"])), (0.0, ItemStatus::Wrong));
}

#[test]
fn bank_policy_applies_unless_the_item_overrides_it() {
    let mut no_policy = multiple(json!(null));
    no_policy.as_object_mut().unwrap().remove("policy");
    let e = exam(
        vec![no_policy.clone()],
        json!({ "multipleChoicePolicy": { "kind": "fixedShare" } }),
    );
    assert_eq!(item(&e, json!(["A"])), (2.0, ItemStatus::Partial));
    let e = exam(vec![no_policy], json!({}));
    assert_eq!(
        item(&e, json!(["A"])),
        (0.0, ItemStatus::Wrong),
        "the default is exact"
    );
}

#[test]
fn duplicate_selections_are_read_as_a_set() {
    let e = one(multiple(json!({ "kind": "exact" })));
    assert_eq!(
        item(&e, json!(["A", "A", "B", "D", "D"])),
        (4.0, ItemStatus::Correct)
    );
    let responses: Responses = kaohe::format::decode_value(&json!({ "q1": ["A", "Q"] })).unwrap();
    let err = score_attempt(&e.0, &e.1, &responses, &Grades::new(), None).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidResponse, "responses.q1[1]")
    );
}

#[test]
fn true_false() {
    let e = one(
        json!({ "id": "q1", "type": "trueFalse", "stem": "s", "points": 1, "tags": tags("compliance"), "answer": false }),
    );
    assert_eq!(item(&e, json!(false)), (1.0, ItemStatus::Correct));
    assert_eq!(item(&e, json!(true)), (0.0, ItemStatus::Wrong));
    let responses: Responses = kaohe::format::decode_value(&json!({ "q1": "false" })).unwrap();
    assert_eq!(
        score_attempt(&e.0, &e.1, &responses, &Grades::new(), None)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidResponse
    );
}

fn fill(normalize: Value) -> Value {
    let mut v = json!({ "id": "q1", "type": "fillBlank", "stem": "____ 和 ____ 以及 ____", "points": 3, "tags": tags("communication"),
        "blanks": [{ "accepted": ["退货", "退款"] }, { "accepted": ["ABC"] }, { "accepted": ["您好，请讲。"] }] });
    if !normalize.is_null() {
        v["normalize"] = normalize;
    }
    v
}

#[test]
fn fill_blank_with_unicode_normalisation() {
    let e = one(fill(Value::Null));
    assert_eq!(
        item(&e, json!(["退款", "ＡＢＣ", "您好,请讲."])),
        (3.0, ItemStatus::Correct)
    );
    assert_eq!(
        item(&e, json!([" 退货 ", "abc", "您好， 请讲。"])).1,
        ItemStatus::Partial
    );
    assert_eq!(
        item(&e, json!(["  退货", " a b c", "您好，请讲。"])),
        (2.0, ItemStatus::Partial)
    );
    assert_eq!(item(&e, json!(["换货"])), (0.0, ItemStatus::Wrong));
    assert_eq!(
        item(&e, json!(["", null, "  "])),
        (0.0, ItemStatus::Unanswered)
    );
    let (p, s) = item(&e, json!(["退货", "x"]));
    assert!(
        close(p, 1.0) && s == ItemStatus::Partial,
        "missing blanks count as empty"
    );
    let responses: Responses =
        kaohe::format::decode_value(&json!({ "q1": ["a", "b", "c", "d"] })).unwrap();
    assert_eq!(
        score_attempt(&e.0, &e.1, &responses, &Grades::new(), None)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidResponse
    );
    // With case folding and width mapping off, ＡＢＣ and abc no longer match ABC.
    let strict = one(fill(
        json!({ "caseInsensitive": false, "fullWidth": false }),
    ));
    assert_eq!(item(&strict, json!(["退货", "abc", "您好,请讲."])).0, 2.0);
    assert_eq!(item(&strict, json!(["退货", "ＡＢＣ", "x"])).0, 1.0);
    assert_eq!(item(&strict, json!(["退货", "ABC", "x"])).0, 2.0);
}

fn numeric(value: f64, tolerance: f64, kind: &str) -> Value {
    json!({ "id": "q1", "type": "numeric", "stem": "s", "points": 2, "tags": tags("emergency_handling"), "unit": "分钟",
        "answer": { "value": value, "tolerance": tolerance, "toleranceKind": kind } })
}

#[test]
fn numeric_tolerance_edges() {
    let abs = one(numeric(30.0, 2.0, "absolute"));
    assert_eq!(item(&abs, json!(32)).1, ItemStatus::Correct);
    assert_eq!(item(&abs, json!(28)).1, ItemStatus::Correct);
    assert_eq!(item(&abs, json!(32.001)).1, ItemStatus::Wrong);
    assert_eq!(item(&abs, json!("３０")).1, ItemStatus::Correct);
    assert_eq!(item(&abs, json!(" 31.5 ")).1, ItemStatus::Correct);
    assert_eq!(item(&abs, json!("")).1, ItemStatus::Unanswered);
    let rel = one(numeric(50.0, 0.1, "relative"));
    assert_eq!(item(&rel, json!(55)).1, ItemStatus::Correct);
    assert_eq!(item(&rel, json!(45)).1, ItemStatus::Correct);
    assert_eq!(item(&rel, json!(55.01)).1, ItemStatus::Wrong);
    let exact = one(numeric(0.3, 0.0, "absolute"));
    assert_eq!(
        item(&exact, json!(0.1 + 0.2)).1,
        ItemStatus::Correct,
        "float noise is tolerated"
    );
    assert_eq!(item(&exact, json!(0.31)).1, ItemStatus::Wrong);
    let negative = one(numeric(-20.0, 0.05, "relative"));
    assert_eq!(item(&negative, json!(-21)).1, ItemStatus::Correct);
    for bad in [
        json!("三十"),
        json!("inf"),
        json!("NaN"),
        json!(true),
        json!([30]),
    ] {
        let responses: Responses = kaohe::format::decode_value(&json!({ "q1": bad })).unwrap();
        assert_eq!(
            score_attempt(&abs.0, &abs.1, &responses, &Grades::new(), None)
                .unwrap_err()
                .code(),
            ErrorCode::InvalidResponse,
            "{bad}"
        );
    }
}

fn ordering(credit: &str) -> Value {
    json!({ "id": "q1", "type": "ordering", "stem": "投诉处理六步法", "points": 5, "tags": tags("complaint_handling"), "credit": credit,
        "options": [{"id": "s3", "text": "澄清"}, {"id": "s1", "text": "倾听"}, {"id": "s5", "text": "补偿/感谢"},
                    {"id": "s2", "text": "道歉"}, {"id": "s6", "text": "跟进"}, {"id": "s4", "text": "解决"}],
        "answer": ["s1", "s2", "s3", "s4", "s5", "s6"] })
}

#[test]
fn ordering_all_or_nothing_and_adjacent_pairs() {
    let right = json!(["s1", "s2", "s3", "s4", "s5", "s6"]);
    let aon = one(ordering("allOrNothing"));
    assert_eq!(item(&aon, right.clone()), (5.0, ItemStatus::Correct));
    assert_eq!(
        item(&aon, json!(["s2", "s1", "s3", "s4", "s5", "s6"])),
        (0.0, ItemStatus::Wrong)
    );
    let adj = one(ordering("adjacentPairs"));
    assert_eq!(item(&adj, right), (5.0, ItemStatus::Correct));
    // Swapping the first two keeps s3-s4, s4-s5, s5-s6: 3 of 5 pairs.
    assert_eq!(
        item(&adj, json!(["s2", "s1", "s3", "s4", "s5", "s6"])),
        (3.0, ItemStatus::Partial)
    );
    // Fully reversed: no pair in the right order.
    assert_eq!(
        item(&adj, json!(["s6", "s5", "s4", "s3", "s2", "s1"])),
        (0.0, ItemStatus::Wrong)
    );
    // A partial order: s1-s2 and s2-s3 count.
    assert_eq!(
        item(&adj, json!(["s1", "s2", "s3"])),
        (2.0, ItemStatus::Partial)
    );
    assert_eq!(
        item(&aon, json!(["s1", "s2", "s3"])),
        (0.0, ItemStatus::Wrong)
    );
}

fn matching(credit: &str) -> Value {
    json!({ "id": "q1", "type": "matching", "stem": "投诉升级", "points": 3, "tags": tags("emergency_handling"), "credit": credit,
        "prompts": [{"id": "p1", "text": "少于 5 人"}, {"id": "p2", "text": "5–50 人"}, {"id": "p3", "text": "50 人以上"}],
        "options": [{"id": "o1", "text": "一线"}, {"id": "o2", "text": "主管"}, {"id": "o3", "text": "危机小组"}, {"id": "o4", "text": "财务"}],
        "answer": { "p1": "o1", "p2": "o2", "p3": "o3" } })
}

#[test]
fn matching_per_pair_and_all_or_nothing() {
    let per = one(matching("perPair"));
    assert_eq!(
        item(&per, json!({ "p1": "o1", "p2": "o2", "p3": "o3" })),
        (3.0, ItemStatus::Correct)
    );
    assert_eq!(
        item(&per, json!({ "p1": "o1", "p2": "o4", "p3": null })),
        (1.0, ItemStatus::Partial)
    );
    assert_eq!(
        item(&per, json!({ "p1": "o1", "p2": "o1" })),
        (1.0, ItemStatus::Partial)
    );
    assert_eq!(item(&per, json!({})), (0.0, ItemStatus::Unanswered));
    assert_eq!(
        item(&per, json!({ "p1": "" })),
        (0.0, ItemStatus::Unanswered)
    );
    let aon = one(matching("allOrNothing"));
    assert_eq!(
        item(&aon, json!({ "p1": "o1", "p2": "o2" })),
        (0.0, ItemStatus::Wrong)
    );
    assert_eq!(
        item(&aon, json!({ "p1": "o1", "p2": "o2", "p3": "o3" })),
        (3.0, ItemStatus::Correct)
    );
}

#[test]
fn situational_scores_the_chosen_reply() {
    let e = one(
        json!({ "id": "q1", "type": "situational", "stem": "客户情绪激动", "points": 4, "tags": tags("emotion_management"),
        "options": [{"id": "A", "text": "暂停、共情、分步解决", "points": 4}, {"id": "B", "text": "推诿", "points": 0},
                    {"id": "C", "text": "只道歉", "points": 2.5}] }),
    );
    assert_eq!(item(&e, json!("A")), (4.0, ItemStatus::Correct));
    assert_eq!(item(&e, json!("C")), (2.5, ItemStatus::Partial));
    assert_eq!(item(&e, json!("B")), (0.0, ItemStatus::Wrong));
}

fn short_answer() -> Value {
    json!({ "id": "q1", "type": "shortAnswer", "stem": "简述 LEARN 模型", "points": 5, "tags": tags("complaint_handling"),
        "keywords": [{ "terms": ["倾听", "Listen"], "points": 2 }, { "terms": ["共情", "同理"], "points": 2 }, { "terms": ["承诺"], "points": 3 }],
        "modelAnswer": "倾听、共情、询问、解决、承诺时限" })
}

#[test]
fn short_answer_provisional_then_graded() {
    let mut other = single(1.0);
    other["id"] = json!("q9");
    let e = exam(vec![short_answer(), other], json!({}));
    let responses: Responses = kaohe::format::decode_value(
        &json!({ "q1": "先 ＬＩＳＴＥＮ，再表达同理心，最后承诺时限" }),
    )
    .unwrap();
    let r = score_attempt(&e.0, &e.1, &responses, &Grades::new(), Some(300.0)).unwrap();
    let sa = &r.items[0];
    // 2 + 2 + 3 = 7, capped at the item's 5.
    assert_eq!(
        (sa.points, sa.status, sa.provisional_points),
        (5.0, ItemStatus::Pending, Some(5.0))
    );
    assert_eq!(sa.matched_keywords, vec!["倾听", "共情", "承诺"]);
    assert!(!r.is_final);
    assert_eq!(r.pending, vec!["q1"]);
    let json = kaohe::format::to_json_value(&r);
    assert_eq!(json["final"], json!(false));
    // The trainer overrides: 3 of 5.
    let grades: Grades = kaohe::format::decode_value(
        &json!({ "q1": { "points": 3, "comment": "缺少询问和解决", "grader": "王老师" } }),
    )
    .unwrap();
    let r = score_attempt(&e.0, &e.1, &responses, &grades, Some(300.0)).unwrap();
    assert_eq!(
        (r.items[0].points, r.items[0].status),
        (3.0, ItemStatus::Partial)
    );
    assert_eq!(r.items[0].provisional_points, Some(5.0));
    assert!(r.is_final && r.pending.is_empty());
    assert_eq!(r.points, 3.0);
    assert_eq!(
        r.items[0].grade.as_ref().unwrap().grader.as_deref(),
        Some("王老师")
    );
    // Unanswered short answers are not queued.
    let r = score_attempt(&e.0, &e.1, &Responses::new(), &Grades::new(), None).unwrap();
    assert!(r.is_final && r.items[0].status == ItemStatus::Unanswered);
    // Only one matching keyword group.
    assert_eq!(
        item(&one(short_answer()), json!("我会认真倾听")),
        (2.0, ItemStatus::Pending)
    );
}

fn singles(n: usize, marking: Value) -> Vec<Value> {
    (0..n)
        .map(|k| {
            let mut s = single(2.0);
            s["id"] = json!(format!("q{k}"));
            if !marking.is_null() {
                s["negativeMarking"] = marking.clone();
            }
            s
        })
        .collect()
}

/// Two sections: s1 holds q0–q1, s2 holds q2–q3.
fn two_sections(items: Vec<Value>, bank_extra: Value) -> (Bank, Paper) {
    let mut doc = json!({ "schemaVersion": 1, "id": "b", "title": "题库", "items": items });
    if let Value::Object(extra) = bank_extra {
        for (k, v) in extra {
            doc[k] = v;
        }
    }
    let bank = Bank::decode(&doc).unwrap();
    let bp = json!({ "schemaVersion": 1, "id": "bp", "title": "考试", "bankId": "b", "passMarkPercent": 50,
        "sections": [{ "id": "s1", "title": "一", "fixed": ["q0", "q1"] }, { "id": "s2", "title": "二", "fixed": ["q2", "q3"] }] });
    let paper = assemble_paper(&bank, &Blueprint::decode(&bp).unwrap(), 1).unwrap();
    (bank, paper)
}

#[test]
fn negative_marking_with_each_floor() {
    // s1: both wrong; s2: one right, one wrong. Points 2 each, penalty 0.5 → −1 per wrong.
    let responses = json!({ "q0": "A", "q1": "C", "q2": "B", "q3": "A" });
    let marking = |floor: &str| json!({ "negativeMarking": { "penalty": 0.5, "floor": floor } });

    let e = two_sections(singles(4, Value::Null), marking("item"));
    let r = result(&e, responses.clone());
    assert_eq!(
        r.items.iter().map(|i| i.points).collect::<Vec<_>>(),
        vec![0.0, 0.0, 2.0, 0.0]
    );
    assert_eq!(r.points, 2.0);

    let e = two_sections(singles(4, Value::Null), marking("section"));
    let r = result(&e, responses.clone());
    assert_eq!(
        r.items.iter().map(|i| i.points).collect::<Vec<_>>(),
        vec![-1.0, -1.0, 2.0, -1.0]
    );
    assert_eq!((r.sections[0].points, r.sections[1].points), (0.0, 1.0));
    assert_eq!(r.points, 1.0);
    assert_eq!(r.items[0].status, ItemStatus::Wrong);

    let e = two_sections(singles(4, Value::Null), marking("exam"));
    let r = result(&e, responses.clone());
    assert_eq!((r.sections[0].points, r.sections[1].points), (-2.0, 1.0));
    assert_eq!(r.points, 0.0, "the exam total is floored at 0");
    let r = result(&e, json!({ "q0": "B", "q1": "B", "q2": "B", "q3": "A" }));
    assert_eq!(r.points, 5.0);
    // Unanswered items lose nothing.
    let r = result(&e, json!({ "q0": "B" }));
    assert_eq!(r.points, 2.0);

    // A per-item override applies to that item only.
    let mut items = singles(4, Value::Null);
    items[3]["negativeMarking"] = json!({ "penalty": 1.0, "floor": "exam" });
    let e = two_sections(items, json!({}));
    let r = result(&e, responses);
    assert_eq!(
        r.items.iter().map(|i| i.points).collect::<Vec<_>>(),
        vec![0.0, 0.0, 2.0, -2.0]
    );
    assert_eq!(r.points, 0.0);
}

#[test]
fn sections_tags_pass_mark_and_time() {
    let mut items = singles(4, Value::Null);
    items[2]["tags"]["dimension"] = json!("compliance");
    let e = two_sections(items, json!({}));
    // s1 100 %, s2 50 %, total 75 % ≥ 50 → passed.
    let r = result(&e, json!({ "q0": "B", "q1": "B", "q2": "B", "q3": "A" }));
    assert_eq!(r.percent, Some(75.0));
    assert!(r.passed && r.is_final);
    assert_eq!(r.sections[1].percent, Some(50.0));
    let dims: Vec<(&str, f64, f64)> = r
        .dimensions
        .iter()
        .map(|d| (d.key.as_str(), d.points, d.max_points))
        .collect();
    assert_eq!(
        dims,
        vec![("compliance", 2.0, 2.0), ("product_knowledge", 4.0, 6.0)]
    );
    assert_eq!(r.knowledge_points.len(), 1);
    // A section minimum fails the exam even when the total passes.
    let mut paper = e.1.clone();
    paper.sections[1].min_percent = Some(60.0);
    let responses: Responses =
        kaohe::format::decode_value(&json!({ "q0": "B", "q1": "B", "q2": "B", "q3": "A" }))
            .unwrap();
    let r = score_attempt(&e.0, &paper, &responses, &Grades::new(), Some(4000.0)).unwrap();
    assert!(!r.passed && !r.sections[1].passed && r.sections[0].passed);
    assert_eq!(r.time_used_seconds, Some(4000.0));
    // The pass mark is inclusive: exactly 85 % passes an 85 % mark (17 of 20 points).
    let mut items = singles(4, Value::Null);
    for (k, p) in [(0, 5.0), (1, 5.0), (2, 7.0), (3, 3.0)] {
        items[k]["points"] = json!(p);
    }
    let e = two_sections(items, json!({}));
    let mut paper = e.1.clone();
    paper.pass_mark_percent = 85.0;
    let responses: Responses =
        kaohe::format::decode_value(&json!({ "q0": "B", "q1": "B", "q2": "B" })).unwrap();
    let r = score_attempt(&e.0, &paper, &responses, &Grades::new(), None).unwrap();
    assert_eq!(r.points, 17.0);
    assert!(r.passed);
}

#[test]
fn zero_point_and_all_pending_exams() {
    // A paper with no items at all: percents are null, not NaN, and nothing passes.
    let (bank, mut paper) = one(single(1.0));
    paper.sections[0].item_ids.clear();
    paper.option_order.clear();
    paper.sections[0].min_percent = Some(50.0);
    let r = score_attempt(&bank, &paper, &Responses::new(), &Grades::new(), None).unwrap();
    assert_eq!((r.points, r.max_points, r.percent), (0.0, 0.0, None));
    assert_eq!(r.sections[0].percent, None);
    assert!(!r.passed && r.is_final);
    let text = kaohe::format::to_json_string(&r);
    assert!(
        text.contains("\"percent\":null") && !text.contains("NaN"),
        "{text}"
    );
    // Every item a short answer awaiting grading: provisional pass/fail, final false.
    let mut second = short_answer();
    second["id"] = json!("q2");
    let e = exam(vec![short_answer(), second], json!({}));
    let r = result(&e, json!({ "q1": "倾听 共情 承诺", "q2": "不知道" }));
    assert!(!r.is_final);
    assert_eq!(r.pending, vec!["q1", "q2"]);
    assert_eq!((r.points, r.max_points), (5.0, 10.0));
    assert_eq!(r.percent, Some(50.0));
    assert!(!r.passed, "50 % is below the default 85 %");
    // A candidate who scores zero.
    let r = result(&one(single(2.0)), json!({ "q1": "A" }));
    assert_eq!((r.points, r.percent, r.passed), (0.0, Some(0.0), false));
    assert!(!kaohe::format::to_json_string(&r).contains("-0.0"));
}
