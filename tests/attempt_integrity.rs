//! The attempt verifier against each attack of issue #16: a record built the way the page builds
//! it verifies; every edit a candidate could make to their stored attempt or result is found,
//! with the reason.

use kaohe::exam::integrity::{content_hash, result_hash, StoredAttempt, StoredResult, Verifier};
use kaohe::exam::log::{event_hash, GENESIS};
use kaohe::exam::sealed::split_bank;
use kaohe::exam::{assemble_paper, Bank, Blueprint, CompiledExam, Grades, ItemType, Responses};
use kaohe::format::{decode_value, to_json_value};
use serde_json::{json, Value};

const BANK: &str = include_str!("fixtures/exam/sample_bank.json");
const BLUEPRINT: &str = include_str!("fixtures/exam/sample_blueprint.json");
const START: f64 = 1_700_000_000_000.0;

fn values() -> (Value, Value) {
    (
        serde_json::from_str(BANK).unwrap(),
        serde_json::from_str(BLUEPRINT).unwrap(),
    )
}

/// JSON as the page stores it: numbers as JS writes them (whole numbers without `.0`).
fn js(value: Value) -> Value {
    let text = value.to_string();
    let parsed: Value = serde_json::from_str(&text).unwrap();
    fn whole(v: Value) -> Value {
        match v {
            Value::Number(n) => match n.as_f64() {
                Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => json!(x as i64),
                _ => Value::Number(n),
            },
            Value::Array(a) => Value::Array(a.into_iter().map(whole).collect()),
            Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, whole(v))).collect()),
            other => other,
        }
    }
    whole(parsed)
}

struct Built {
    attempt: Value,
    result: Value,
}

fn chain(attempt: &mut Value, event: Value) {
    let head = attempt["chainHead"].as_str().unwrap_or(GENESIS).to_string();
    let hash = event_hash(&head, &event).unwrap();
    let mut event = event;
    event["hash"] = json!(hash.clone());
    attempt["events"].as_array_mut().unwrap().push(event);
    attempt["chainHead"] = json!(hash);
}

/// Rebuilds the chain of `attempt.events` from scratch (what an attacker running the page's own
/// code can do), after edits to the events.
fn rechain(attempt: &mut Value) {
    let events: Vec<Value> = attempt["events"].as_array().unwrap().clone();
    attempt["events"] = json!([]);
    attempt["chainHead"] = Value::Null;
    for mut e in events {
        e.as_object_mut().unwrap().remove("hash");
        chain(attempt, e);
    }
}

/// An attempt built and scored as the page does: start (with its header), answers, submit,
/// result bound to the head. `sealed` builds it from the public bank.
fn build(sealed: bool) -> Built {
    let (bank_v, blueprint_v) = values();
    let bank = Bank::decode(&bank_v).unwrap();
    let blueprint = Blueprint::decode(&blueprint_v).unwrap();
    let (public, _) = split_bank(&bank).unwrap();
    let public_v = to_json_value(&public);
    let assembly = if sealed {
        public.assembly_bank().unwrap()
    } else {
        bank.clone()
    };
    let seed = 7;
    let paper = js(to_json_value(
        &assemble_paper(&assembly, &blueprint, seed).unwrap(),
    ));
    let deadline = START + 3_600_000.0;
    let mut attempt = json!({
        "attemptId": "a-1", "status": "inProgress", "candidate": { "id": "E1001", "name": "李晓雯" },
        "bankId": bank.id(), "blueprintId": "cs-theory-2026-q2", "seed": seed, "paper": paper,
        "startedAt": START, "deadlineAt": deadline, "events": [], "chainHead": null, "responses": {},
        "sealed": sealed,
    });
    attempt["blueprintId"] = blueprint_v["id"].clone();
    let header = json!({
        "type": "start", "at": START, "attemptId": "a-1",
        "candidate": { "id": "E1001", "name": "李晓雯" },
        "bankId": attempt["bankId"], "blueprintId": attempt["blueprintId"],
        "bankHash": content_hash(if sealed { &public_v } else { &bank_v }).unwrap(),
        "blueprintHash": content_hash(&blueprint_v).unwrap(),
        "seed": seed, "paperHash": content_hash(&attempt["paper"]).unwrap(), "deadlineAt": deadline,
    });
    chain(&mut attempt, js(header));
    // Answer the first three single-choice items on the paper with option "A".
    let mut at = START + 10_000.0;
    let ids: Vec<String> = paper["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["itemIds"].as_array().unwrap().clone())
        .map(|v| v.as_str().unwrap().to_string())
        .filter(|id| bank.item(id).unwrap().item_type() == ItemType::Single)
        .take(3)
        .collect();
    for id in &ids {
        chain(
            &mut attempt,
            js(json!({ "type": "answer", "at": at, "itemId": id, "value": "A" })),
        );
        attempt["responses"][id] = js(json!({ "value": "A", "answeredAt": at }));
        at += 5_000.0;
    }
    let submitted = START + 60_000.0;
    chain(
        &mut attempt,
        js(json!({ "type": "submit", "at": submitted, "reason": "candidate" })),
    );
    attempt["status"] = json!("submitted");
    attempt["submittedAt"] = js(json!(submitted));
    let responses: Responses = ids.iter().map(|id| (id.clone(), json!("A"))).collect();
    let full_paper = kaohe::exam::Paper::decode(&paper).unwrap();
    let scored = CompiledExam::new(&bank, &full_paper)
        .unwrap()
        .result(&responses, &Grades::new(), Some(60.0))
        .unwrap();
    let cohort = CompiledExam::new(
        &bank,
        &kaohe::exam::cohort_paper(&bank, &blueprint).unwrap(),
    )
    .unwrap();
    attempt["packed"] = json!(cohort.encode(&responses).unwrap());
    let result_v = js(to_json_value(&scored));
    let head = attempt["chainHead"].as_str().unwrap().to_string();
    let result = json!({
        "attemptId": "a-1", "chainHead": head,
        "resultHash": result_hash(&head, &result_v).unwrap(), "result": result_v,
    });
    Built { attempt, result }
}

fn open_verifier() -> Verifier {
    let (bank, blueprint) = values();
    Verifier::open_exam(&bank, &blueprint).unwrap()
}

fn sealed_verifier(unlocked: bool) -> Verifier {
    let (bank_v, blueprint) = values();
    let (public, _) = split_bank(&Bank::decode(&bank_v).unwrap()).unwrap();
    Verifier::sealed_exam(
        &to_json_value(&public),
        &blueprint,
        unlocked.then_some(&bank_v),
    )
    .unwrap()
}

fn check(verifier: &Verifier, attempt: &Value, result: Option<&Value>) -> Vec<(String, String)> {
    let a: StoredAttempt = decode_value(attempt).unwrap();
    let r: Option<StoredResult> = result.map(|r| decode_value(r).unwrap());
    let v = verifier.verify(&a, r.as_ref());
    assert_eq!(v.intact, v.problems.is_empty());
    v.problems.into_iter().map(|p| (p.code, p.path)).collect()
}

fn has(found: &[(String, String)], code: &str, path: &str) -> bool {
    found.iter().any(|(c, p)| c == code && p.starts_with(path))
}

#[test]
fn a_genuine_attempt_verifies_with_and_without_the_exam() {
    let b = build(false);
    assert_eq!(check(&open_verifier(), &b.attempt, Some(&b.result)), []);
    assert_eq!(check(&Verifier::default(), &b.attempt, Some(&b.result)), []);
    let s = build(true);
    let mut unscored = s.attempt.clone();
    unscored.as_object_mut().unwrap().remove("packed");
    assert_eq!(check(&sealed_verifier(false), &unscored, None), []);
    assert_eq!(
        check(&sealed_verifier(true), &s.attempt, Some(&s.result)),
        []
    );
}

#[test]
fn a_result_edited_to_a_pass_is_found_even_with_its_hash_recomputed() {
    let b = build(false);
    let mut result = b.result.clone();
    let max = result["result"]["maxPoints"].clone();
    result["result"]["points"] = max;
    result["result"]["percent"] = json!(100);
    result["result"]["passed"] = json!(true);
    let found = check(&open_verifier(), &b.attempt, Some(&result));
    assert!(
        has(&found, "RESULT_HASH_MISMATCH", "result.resultHash"),
        "{found:?}"
    );
    assert!(has(&found, "SCORE_MISMATCH", "result.points"), "{found:?}");
    // Without the exam the hash alone gives it away.
    let found = check(&Verifier::default(), &b.attempt, Some(&result));
    assert!(
        has(&found, "RESULT_HASH_MISMATCH", "result.resultHash"),
        "{found:?}"
    );
    // With the hash recomputed (the page's own code), re-scoring still finds it.
    let head = result["chainHead"].as_str().unwrap().to_string();
    result["resultHash"] = json!(result_hash(&head, &result["result"]).unwrap());
    let found = check(&open_verifier(), &b.attempt, Some(&result));
    assert!(!has(&found, "RESULT_HASH_MISMATCH", ""), "{found:?}");
    assert!(has(&found, "SCORE_MISMATCH", "result.points"), "{found:?}");
    assert!(has(&found, "SCORE_MISMATCH", "result.passed"), "{found:?}");
}

#[test]
fn a_trimmed_sealed_paper_is_found_even_with_the_chain_rebuilt() {
    let s = build(true);
    let mut attempt = s.attempt.clone();
    attempt.as_object_mut().unwrap().remove("packed");
    let answered: Vec<String> = attempt["responses"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    for section in attempt["paper"]["sections"].as_array_mut().unwrap() {
        let ids: Vec<Value> = section["itemIds"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|id| answered.iter().any(|a| a == id.as_str().unwrap()))
            .cloned()
            .collect();
        section["itemIds"] = Value::Array(ids);
    }
    let found = check(&sealed_verifier(false), &attempt, None);
    assert!(has(&found, "PAPER_MISMATCH", "paper"), "{found:?}");
    assert!(has(&found, "PAPER_NOT_REBUILT", "paper"), "{found:?}");
    // The attacker also rewrites paperHash and rebuilds the whole chain: the paper is still not
    // the one the seed builds from the sealed package.
    attempt["events"][0]["paperHash"] = json!(content_hash(&attempt["paper"]).unwrap());
    rechain(&mut attempt);
    let found = check(&sealed_verifier(false), &attempt, None);
    assert_eq!(found, [("PAPER_NOT_REBUILT".into(), "paper".into())]);
}

#[test]
fn a_reopened_and_resubmitted_attempt_is_found() {
    let b = build(false);
    let mut attempt = b.attempt.clone();
    attempt["status"] = json!("inProgress");
    let found = check(&open_verifier(), &attempt, Some(&b.result));
    assert!(has(&found, "STATUS_MISMATCH", "status"), "{found:?}");
    // …then answered and submitted again through the page's own code.
    chain(
        &mut attempt,
        json!({ "type": "answer", "at": START + 70_000.0, "itemId": "x", "value": "B" }),
    );
    chain(
        &mut attempt,
        json!({ "type": "submit", "at": START + 80_000.0 }),
    );
    attempt["status"] = json!("submitted");
    let found = check(&open_verifier(), &attempt, Some(&b.result));
    assert!(has(&found, "MULTIPLE_SUBMITS", "events["), "{found:?}");
    assert!(has(&found, "ANSWER_AFTER_SUBMIT", "events["), "{found:?}");
}

#[test]
fn an_extended_deadline_and_a_late_submit_are_found() {
    let b = build(false);
    let mut attempt = b.attempt.clone();
    attempt["deadlineAt"] = json!(START + 7_200_000.0);
    let found = check(&open_verifier(), &attempt, Some(&b.result));
    assert!(has(&found, "DEADLINE_MISMATCH", "deadlineAt"), "{found:?}");
    // With the start event edited too and the chain rebuilt, the deadline no longer fits the
    // exam's time limit.
    attempt["events"][0]["deadlineAt"] = json!(START + 7_200_000.0);
    rechain(&mut attempt);
    let found = check(&open_verifier(), &attempt, None);
    assert!(has(&found, "DEADLINE_NOT_EXAM", "deadlineAt"), "{found:?}");

    // A submit 35 s after the deadline is late beyond the 30 s grace; a timeUp one is not.
    let mut attempt = b.attempt.clone();
    let n = attempt["events"].as_array().unwrap().len();
    attempt["events"][0]["deadlineAt"] = json!(START + 25_000.0);
    attempt["deadlineAt"] = attempt["events"][0]["deadlineAt"].clone();
    rechain(&mut attempt);
    let found = check(&Verifier::default(), &attempt, None);
    assert!(
        has(&found, "LATE_SUBMIT", &format!("events[{}]", n - 1)),
        "{found:?}"
    );
    attempt["events"][n - 1]["reason"] = json!("timeUp");
    rechain(&mut attempt);
    let found = check(&Verifier::default(), &attempt, None);
    assert!(!has(&found, "LATE_SUBMIT", ""), "{found:?}");
}

#[test]
fn edited_candidate_seed_packed_bytes_and_a_deleted_result_are_found() {
    let b = build(false);
    let v = open_verifier();

    let mut a = b.attempt.clone();
    a["candidate"]["name"] = json!("王强");
    assert!(has(
        &check(&v, &a, Some(&b.result)),
        "CANDIDATE_MISMATCH",
        "candidate.name"
    ));

    let mut a = b.attempt.clone();
    a["candidate"]["id"] = json!("E9999");
    assert!(has(
        &check(&v, &a, Some(&b.result)),
        "CANDIDATE_MISMATCH",
        "candidate.id"
    ));

    let mut a = b.attempt.clone();
    a["seed"] = json!(8);
    let found = check(&v, &a, Some(&b.result));
    assert!(has(&found, "SEED_MISMATCH", "seed"), "{found:?}");
    assert!(has(&found, "PAPER_NOT_REBUILT", "paper"), "{found:?}");

    let mut a = b.attempt.clone();
    let last = a["packed"].as_array().unwrap().len() - 1;
    a["packed"][last] = json!(a["packed"][last].as_u64().unwrap() ^ 1);
    assert_eq!(
        check(&v, &a, Some(&b.result)),
        [("PACKED_MISMATCH".into(), "packed".into())]
    );

    assert_eq!(
        check(&v, &b.attempt, None),
        [("RESULT_MISSING".into(), "result".into())]
    );

    // An answer edited in the record (not in the log) and one edited in the log.
    let mut a = b.attempt.clone();
    let first = a["responses"]
        .as_object()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    a["responses"][&first]["value"] = json!("B");
    assert!(has(
        &check(&v, &a, Some(&b.result)),
        "ANSWER_MISMATCH",
        "responses."
    ));
    let mut a = b.attempt.clone();
    a["events"][1]["value"] = json!("B");
    assert!(has(
        &check(&v, &a, Some(&b.result)),
        "HASH_MISMATCH",
        "events[1]"
    ));
}

#[test]
fn an_exam_edited_after_the_attempt_is_named() {
    let b = build(false);
    let (mut bank, blueprint) = values();
    bank["title"] = json!("另一个题库");
    let v = Verifier::open_exam(&bank, &blueprint).unwrap();
    assert!(has(
        &check(&v, &b.attempt, Some(&b.result)),
        "EXAM_CHANGED",
        "bankHash"
    ));
}

#[test]
fn a_log_from_before_the_header_is_reported_not_trusted() {
    let b = build(false);
    let mut a = b.attempt.clone();
    let start = json!({ "type": "start", "at": START });
    a["events"][0] = start;
    rechain(&mut a);
    let found = check(&Verifier::default(), &a, None);
    assert!(has(&found, "NO_HEADER", "events[0]"), "{found:?}");
}
