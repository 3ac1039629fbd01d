//! The adaptive exam a candidate takes offline: the package carries commitments, not the key;
//! the device's step replays the log; the trainer's verification re-scores with the real key
//! and replays the selection, so a device that lies about correctness, skips the selection
//! rule, stops early or goes on is caught.

use kaohe::exam::adaptive::AdaptiveSettings;
use kaohe::exam::adaptive_exam::{
    adaptive_next, adaptive_next_lean, build_adaptive_package, canonical_answer,
    canonical_answer_lean, matches_commitment, verify_adaptive_attempt, AdaptiveAnswer,
    AdaptiveNextParams, AdaptivePackage, AdaptivePublishParams, AdaptiveVerification,
    AdaptiveVerifyParams, AnswerValue, ItemCalibration, LeanNextParams, LeanPackage, StepCache,
};
use kaohe::format::ToJson;
use serde_json::{json, Value};

const SECRET: &str = "00112233445566778899aabbccddeeff";
const ITEMS: usize = 60;

fn key(i: usize) -> &'static str {
    ["A", "B", "C", "D"][i % 4]
}

fn bank() -> Value {
    let items: Vec<Value> = (0..ITEMS)
        .map(|i| {
            if i % 10 == 9 {
                json!({"id": format!("q{i}"), "type": "trueFalse", "stem": format!("判断第 {i} 题。"),
                  "answer": i % 20 == 9, "points": 1,
                  "tags": {"dimension": "compliance", "knowledgePoint": "合规", "difficulty": 3}})
            } else {
                json!({"id": format!("q{i}"), "type": "single", "stem": format!("第 {i} 题：哪一项正确？"),
                  "options": [{"id":"A","text":"甲"},{"id":"B","text":"乙"},{"id":"C","text":"丙"},{"id":"D","text":"丁"}],
                  "answer": key(i), "points": 1,
                  "tags": {"dimension": if i % 2 == 0 { "product_knowledge" } else { "compliance" },
                           "knowledgePoint": "知识点", "difficulty": 3}})
            }
        })
        .collect();
    json!({"schemaVersion": 1, "id": "bank-cat", "title": "自适应题库", "items": items})
}

fn right_value(bank: &Value, id: &str) -> Value {
    let item = bank["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap();
    item["answer"].clone()
}

fn wrong_value(bank: &Value, id: &str) -> Value {
    match right_value(bank, id) {
        Value::Bool(b) => Value::Bool(!b),
        Value::String(s) => Value::String(if s == "A" { "B" } else { "A" }.into()),
        other => other,
    }
}

fn package() -> AdaptivePackage {
    let calibration = (0..ITEMS)
        .map(|i| ItemCalibration {
            item_id: format!("q{i}"),
            a: 0.8 + (i % 5) as f64 * 0.2,
            b: -2.5 + 5.0 * i as f64 / ITEMS as f64,
        })
        .collect();
    build_adaptive_package(&AdaptivePublishParams {
        bank: bank(),
        id: "cat-2026".into(),
        title: "十二月复训".into(),
        calibration,
        settings: AdaptiveSettings {
            max_items: 15,
            target_se: 0.45,
            ..AdaptiveSettings::default()
        },
        cut_theta: 0.0,
        secret: SECRET.into(),
        balance: true,
    })
    .unwrap()
}

/// A candidate of ability `theta` who answers item `b` correctly when b < theta: the device runs
/// `adaptive_next` after each answer. `lie`: a patched device that scores every answer correct
/// when choosing the next item.
fn take(package: &AdaptivePackage, theta: f64, seed: u32, lie: bool) -> Vec<AdaptiveAnswer> {
    let bank = bank();
    let mut answers: Vec<AdaptiveAnswer> = Vec::new();
    let mut claimed: Vec<AdaptiveAnswer> = Vec::new();
    loop {
        let step = adaptive_next(&AdaptiveNextParams {
            package: package.clone(),
            seed,
            answers: if lie {
                claimed.clone()
            } else {
                answers.clone()
            },
        })
        .unwrap();
        let Some(next) = step.next_item else { break };
        let item = &package.items[next as usize];
        let value = if item.b < theta {
            right_value(&bank, &item.id)
        } else {
            wrong_value(&bank, &item.id)
        };
        answers.push(AdaptiveAnswer {
            item_id: item.id.clone(),
            value,
        });
        claimed.push(AdaptiveAnswer {
            item_id: item.id.clone(),
            value: right_value(&bank, &item.id),
        });
    }
    answers
}

fn verify(package: &AdaptivePackage, seed: u32, answers: &[AdaptiveAnswer]) -> Vec<String> {
    let v = check_answers(package, seed, answers);
    assert_eq!(v.valid, v.flags.is_empty());
    v.flags.into_iter().map(|f| f.code).collect()
}

#[test]
fn the_package_carries_no_answer_and_commits_to_the_key() {
    let package = package();
    let mut text = String::new();
    package.write_json(&mut text);
    assert!(!text.contains("\"answer\""), "no answer field");
    assert_eq!(package.format, "kaohe-adaptive");
    assert_eq!(package.areas, vec!["product_knowledge", "compliance"]);
    assert_eq!(package.settings.area_targets, vec![1.0, 1.0]);
    let bank = bank();
    for item in &package.items {
        assert!(matches_commitment(item, &right_value(&bank, &item.id)));
        assert!(!matches_commitment(item, &wrong_value(&bank, &item.id)));
        assert!(!matches_commitment(item, &Value::Null));
    }
    // Salts differ per item and per secret: equal answers do not give equal commitments.
    assert_ne!(package.items[0].commitment, package.items[4].commitment);
    let salts: std::collections::BTreeSet<_> = package.items.iter().map(|i| &i.salt).collect();
    assert_eq!(salts.len(), package.items.len());
}

#[test]
fn canonical_answers() {
    assert_eq!(
        canonical_answer("single", &json!("B")).as_deref(),
        Some("B")
    );
    assert_eq!(canonical_answer("single", &json!("")), None);
    assert_eq!(
        canonical_answer("trueFalse", &json!(false)).as_deref(),
        Some("false")
    );
    assert_eq!(
        canonical_answer("multiple", &json!(["C", "A", "C"])).as_deref(),
        Some("A,C")
    );
    assert_eq!(canonical_answer("multiple", &json!(["A", 1])), None);
    assert_eq!(canonical_answer("single", &json!(1)), None);
}

#[test]
fn an_honest_attempt_verifies_and_the_device_agrees_with_the_trainer() {
    let package = package();
    for (theta, seed) in [(-1.5, 1), (0.3, 2), (1.8, 3)] {
        let answers = take(&package, theta, seed, false);
        assert!(answers.len() >= 5 && answers.len() <= 15);
        let device = adaptive_next(&AdaptiveNextParams {
            package: package.clone(),
            seed,
            answers: answers.clone(),
        })
        .unwrap();
        assert!(device.finished);
        let v = check_answers(&package, seed, &answers);
        assert!(v.valid, "{:?}", v.flags);
        assert_eq!(v.theta, device.theta);
        assert_eq!(v.correct, device.correct);
        if theta.abs() > 1.0 {
            assert_eq!(v.passed, theta > 0.0);
        }
        assert!((v.theta - theta).abs() < 1.2, "θ {} vs {theta}", v.theta);
    }
}

#[test]
fn a_reload_resumes_at_the_same_item() {
    let package = package();
    let answers = take(&package, 0.5, 9, false);
    for k in 0..answers.len() {
        let params = AdaptiveNextParams {
            package: package.clone(),
            seed: 9,
            answers: answers[..k].to_vec(),
        };
        let first = adaptive_next(&params).unwrap();
        let again = adaptive_next(&params.clone()).unwrap();
        assert_eq!(first, again);
        assert_eq!(
            first
                .next_item
                .map(|i| package.items[i as usize].id.clone()),
            Some(answers[k].item_id.clone())
        );
    }
}

#[test]
fn a_device_that_lies_about_correctness_is_caught() {
    let package = package();
    let answers = take(&package, -1.0, 4, true);
    let flags = verify(&package, 4, &answers);
    assert!(flags.contains(&"wrongItem".to_string()), "{flags:?}");
}

#[test]
fn a_device_that_skips_the_selection_rule_is_caught() {
    let package = package();
    let mut answers = take(&package, 0.0, 5, false);
    // Swap the third item for the easiest one not given, answered correctly.
    let easiest = package
        .items
        .iter()
        .find(|i| answers.iter().all(|a| a.item_id != i.id))
        .unwrap();
    answers[2] = AdaptiveAnswer {
        item_id: easiest.id.clone(),
        value: right_value(&bank(), &easiest.id),
    };
    let v = verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: bank(),
        seed: 5,
        answers,
        submitted: true,
        log: None,
    })
    .unwrap();
    assert!(!v.valid);
    assert_eq!(v.flags[0].code, "wrongItem");
    assert_eq!(v.flags[0].step, Some(2));
    assert!(v.flags[0].message.zh.contains("第 3 题"));
    // Another seed: the log is not the one the algorithm picks either.
    let answers = take(&package, 0.0, 5, false);
    assert!(verify(&package, 6, &answers).contains(&"wrongItem".to_string()));
}

#[test]
fn stopping_early_going_on_and_repeating_are_caught() {
    let package = package();
    let answers = take(&package, 0.2, 7, false);
    assert_eq!(
        verify(&package, 7, &answers[..3]),
        vec!["stoppedEarly".to_string()]
    );
    let mut longer = answers.clone();
    let extra = package
        .items
        .iter()
        .find(|i| answers.iter().all(|a| a.item_id != i.id))
        .unwrap();
    longer.push(AdaptiveAnswer {
        item_id: extra.id.clone(),
        value: json!("A"),
    });
    assert_eq!(verify(&package, 7, &longer), vec!["pastStop".to_string()]);
    let mut repeated = answers[..4].to_vec();
    repeated.push(answers[0].clone());
    assert!(verify(&package, 7, &repeated).contains(&"repeatedItem".to_string()));
    let mut unknown = answers[..4].to_vec();
    unknown.push(AdaptiveAnswer {
        item_id: "nope".into(),
        value: json!("A"),
    });
    assert!(verify(&package, 7, &unknown).contains(&"unknownItem".to_string()));
    // Not submitted: said so.
    let v = verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: bank(),
        seed: 7,
        answers: answers[..3].to_vec(),
        submitted: false,
        log: None,
    })
    .unwrap();
    assert_eq!(v.flags.len(), 1);
    assert_eq!(v.flags[0].code, "notSubmitted");
}

#[test]
fn a_package_that_does_not_match_the_bank_is_caught() {
    let package = package();
    let answers = take(&package, 0.0, 8, false);
    let mut edited = bank();
    edited["items"][0]["answer"] = json!("D");
    let v = verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: edited,
        seed: 8,
        answers,
        submitted: true,
        log: None,
    })
    .unwrap();
    assert!(v.flags.iter().any(|f| f.code == "keyMismatch"));
}

#[test]
fn bad_inputs_are_coded_errors() {
    let base = AdaptivePublishParams {
        bank: bank(),
        id: "cat".into(),
        title: "t".into(),
        calibration: vec![ItemCalibration {
            item_id: "q0".into(),
            a: 1.0,
            b: 0.0,
        }],
        settings: AdaptiveSettings::default(),
        cut_theta: 0.0,
        secret: SECRET.into(),
        balance: true,
    };
    assert!(build_adaptive_package(&base).is_ok());
    let mut p = base.clone();
    p.balance = false;
    assert!(build_adaptive_package(&p)
        .unwrap()
        .settings
        .area_targets
        .is_empty());
    let mut p = base.clone();
    p.secret = "short".into();
    assert_eq!(build_adaptive_package(&p).unwrap_err().path(), "secret");
    let mut p = base.clone();
    p.calibration[0].item_id = "missing".into();
    assert_eq!(
        build_adaptive_package(&p).unwrap_err().path(),
        "calibration[0].itemId"
    );
    let mut p = base.clone();
    p.calibration[0].a = -1.0;
    assert_eq!(build_adaptive_package(&p).unwrap_err().path(), "items[0].a");
    let mut p = base.clone();
    p.calibration.push(p.calibration[0].clone());
    assert_eq!(
        build_adaptive_package(&p).unwrap_err().code().as_str(),
        "DUPLICATE_ID"
    );
    let mut p = base.clone();
    p.cut_theta = f64::NAN;
    assert_eq!(build_adaptive_package(&p).unwrap_err().path(), "cutTheta");
    let mut p = base;
    p.bank["items"][0] = json!({"id": "q0", "type": "shortAnswer", "stem": "简述首问负责制。", "points": 5,
        "tags": {"dimension": "compliance", "knowledgePoint": "合规", "difficulty": 3}});
    assert_eq!(
        build_adaptive_package(&p).unwrap_err().path(),
        "calibration[0].itemId"
    );
    // A device step on a package whose format was edited, or with an unknown item.
    let mut pkg = package();
    pkg.format = "other".into();
    let err = adaptive_next(&AdaptiveNextParams {
        package: pkg,
        seed: 0,
        answers: vec![],
    })
    .unwrap_err();
    assert_eq!(err.path(), "format");
    let err = adaptive_next(&AdaptiveNextParams {
        package: package(),
        seed: 0,
        answers: vec![AdaptiveAnswer {
            item_id: "zz".into(),
            value: json!("A"),
        }],
    })
    .unwrap_err();
    assert_eq!(err.path(), "answers[0].itemId");
}

/// The device's step as the adaptive module runs it (without JSON) gives exactly what the JSON
/// step gives: every prefix of attempts by candidates of several abilities and seeds, with odd
/// values mixed in, and the same errors at the same paths.
#[test]
fn the_lean_step_is_the_json_step() {
    let package = package();
    let mut cases = 0;
    for seed in [0, 1, 7, 42, 2026, u32::MAX] {
        for theta in [-2.0, -0.7, 0.0, 0.4, 1.5, 3.0] {
            let mut answers = take(&package, theta, seed, false);
            // Values the commitment check must refuse, on items not yet answered.
            let extra = [
                json!(null),
                json!(3),
                json!(["A"]),
                json!(""),
                json!({"a": 1}),
            ];
            for (k, value) in extra.iter().enumerate() {
                let id = format!("q{}", (seed as usize + k * 11) % ITEMS);
                if !answers.iter().any(|a| a.item_id == id) {
                    answers.push(AdaptiveAnswer {
                        item_id: id,
                        value: value.clone(),
                    });
                }
            }
            for n in 0..=answers.len() {
                let params = AdaptiveNextParams {
                    package: package.clone(),
                    seed,
                    answers: answers[..n].to_vec(),
                };
                let json = adaptive_next(&params).unwrap();
                let lean = adaptive_next_lean(&LeanNextParams::of(&params)).unwrap();
                assert_eq!(json, lean, "seed {seed}, theta {theta}, {n} answers");
                cases += 1;
            }
        }
    }
    assert!(cases > 300, "{cases}");
    // Errors: the same code and path.
    let base = AdaptiveNextParams {
        package: package.clone(),
        seed: 3,
        answers: vec![],
    };
    let mut bad = Vec::new();
    let mut p = base.clone();
    p.package.format = "other".into();
    bad.push(p);
    let mut p = base.clone();
    p.package.schema_version = 2;
    bad.push(p);
    let mut p = base.clone();
    p.package.cut_theta = f64::INFINITY;
    bad.push(p);
    let mut p = base.clone();
    p.package.items[4].kind = "essay".into();
    bad.push(p);
    let mut p = base.clone();
    p.package.items[5].area = 9;
    bad.push(p);
    let mut p = base.clone();
    p.package.items[6].a = -1.0;
    bad.push(p);
    let mut p = base.clone();
    p.package.settings.min_items = 99;
    bad.push(p);
    let mut p = base.clone();
    p.answers = vec![AdaptiveAnswer {
        item_id: "zz".into(),
        value: json!("A"),
    }];
    bad.push(p);
    let mut p = base;
    p.answers = vec![
        AdaptiveAnswer {
            item_id: "q1".into(),
            value: json!("A"),
        },
        AdaptiveAnswer {
            item_id: "q1".into(),
            value: json!("B"),
        },
    ];
    bad.push(p);
    for params in &bad {
        let json = adaptive_next(params).unwrap_err();
        let lean = adaptive_next_lean(&LeanNextParams::of(params)).unwrap_err();
        assert_eq!(
            (json.code(), json.path(), json.messages()),
            (lean.code(), lean.path(), lean.messages())
        );
    }
    // The canonical answer of every kind of value, multiple choice included.
    let values = [
        json!("A"),
        json!(""),
        json!(true),
        json!(false),
        json!(["C", "A", "C"]),
        json!(["B"]),
        json!([]),
        json!(["A", 1]),
        json!([null]),
        json!(1),
        json!(null),
        json!({"A": true}),
    ];
    for kind in ["single", "multiple", "trueFalse", "essay"] {
        for value in &values {
            assert_eq!(
                canonical_answer(kind, value),
                canonical_answer_lean(kind, &AnswerValue::of_json(value)),
                "{kind} {value}"
            );
        }
    }
}

fn lean_answers(answers: &[AdaptiveAnswer]) -> Vec<(String, AnswerValue)> {
    answers
        .iter()
        .map(|a| (a.item_id.clone(), AnswerValue::of_json(&a.value)))
        .collect()
}

/// The device keeps the package it read between the steps of an attempt: a step on the same key
/// reads nothing and gives what a fresh step gives; another key is read afresh (two packages in
/// turn, or the same package after a reload); a package that fails to read or to check is not
/// kept, and the next step on its key reads it again.
#[test]
fn the_kept_package_gives_the_fresh_step_and_is_read_once_per_key() {
    let first = package();
    let mut second = package();
    second.id = "cat-2027".into();
    second.settings.max_items = 6;
    second.items.reverse();
    let attempts = [
        (&first, 4u32, take(&first, 0.5, 4, false)),
        (&second, 9u32, take(&second, -1.0, 9, false)),
    ];
    let mut cache: StepCache<u32> = StepCache::new();
    let reads = std::cell::Cell::new(0);
    let read = |p: &AdaptivePackage| {
        reads.set(reads.get() + 1);
        Ok(LeanPackage::of(p))
    };
    // Each attempt's steps in turn, the two interleaved: key 1 is the first package's object,
    // key 2 the second's.
    let longest = attempts.iter().map(|a| a.2.len()).max().unwrap();
    let mut steps = 0;
    for n in 0..=longest {
        for (key, (package, seed, answers)) in (1u32..).zip(&attempts) {
            let n = n.min(answers.len());
            let fresh = adaptive_next(&AdaptiveNextParams {
                package: (*package).clone(),
                seed: *seed,
                answers: answers[..n].to_vec(),
            })
            .unwrap();
            let kept = cache
                .package(key, || read(package))
                .unwrap()
                .next(*seed, &lean_answers(&answers[..n]))
                .unwrap();
            assert_eq!(kept, fresh, "package {key}, {n} answers");
            steps += 1;
        }
    }
    // Interleaved, each step switched packages: every step read.
    assert_eq!(reads.get(), steps);
    // One attempt at a time: one read per package.
    reads.set(0);
    for (key, (package, seed, answers)) in (1u32..).zip(&attempts) {
        for n in 0..=answers.len() {
            let step = cache
                .package(key, || read(package))
                .unwrap()
                .next(*seed, &lean_answers(&answers[..n]))
                .unwrap();
            assert_eq!(step.given as usize, n);
        }
    }
    assert_eq!(reads.get(), 2, "one read per package");
    assert!(cache.holds(&2));
    // The same package under a new key (a reload: a new object) is read again.
    cache.package(3, || read(&second)).unwrap();
    assert_eq!(reads.get(), 3);
    // A package that fails its checks is reported and not kept; nor is one that fails to read.
    let mut broken = first.clone();
    broken.items[2].kind = "essay".into();
    let err = cache
        .package(4, || Ok(LeanPackage::of(&broken)))
        .unwrap_err();
    assert_eq!(err.path(), "items[2].kind");
    assert!(!cache.holds(&4) && !cache.holds(&3));
    let err = cache
        .package(4, || {
            Err(kaohe::error::Error::new(
                kaohe::error::ErrorCode::MissingField,
                "package.items",
                "缺少字段",
                "missing field",
            ))
        })
        .unwrap_err();
    assert_eq!(err.path(), "package.items");
    assert!(!cache.holds(&4));
    // An answer that names no item is an error of the step, and the package stays kept.
    let checked = cache.package(1, || read(&first)).unwrap();
    let err = checked
        .next(1, &[("zz".into(), AnswerValue::Text("A".into()))])
        .unwrap_err();
    assert_eq!(err.path(), "answers[0].itemId");
    assert!(cache.holds(&1));
}

/// The attempt record the page stores for an adaptive attempt: the start event (with the seed),
/// one answer event per answer, the submit event, each chained after the one before
/// (`kaohe::exam::log`), the chain head, the stored answers and times.
fn stored_attempt(seed: u32, answers: &[AdaptiveAnswer]) -> Value {
    use kaohe::exam::log::{event_hash, GENESIS};
    let mut events = vec![json!({"type": "start", "at": 1000, "attemptId": "a-1", "seed": seed})];
    let mut responses = serde_json::Map::new();
    for (k, a) in answers.iter().enumerate() {
        let at = 2000 + 1000 * k as u64;
        events.push(json!({"type": "answer", "at": at, "itemId": a.item_id, "value": a.value}));
        responses.insert(
            a.item_id.clone(),
            json!({"value": a.value, "answeredAt": at}),
        );
    }
    let end = 2000 + 1000 * answers.len() as u64;
    events.push(json!({"type": "submit", "at": end}));
    let mut head = GENESIS.to_string();
    for e in &mut events {
        head = event_hash(&head, e).unwrap();
        e["hash"] = json!(head);
    }
    json!({"attemptId": "a-1", "status": "submitted", "seed": seed, "adaptive": true,
           "events": events, "chainHead": head, "responses": responses,
           "startedAt": 1000, "submittedAt": end})
}

/// The trainer's check of logged answers (without the log) against the real key.
fn check_answers(
    package: &AdaptivePackage,
    seed: u32,
    answers: &[AdaptiveAnswer],
) -> AdaptiveVerification {
    verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: bank(),
        seed,
        answers: answers.to_vec(),
        submitted: true,
        log: None,
    })
    .unwrap()
}

/// The trainer's check of a stored attempt record (its log) against the real key.
fn check_log(package: &AdaptivePackage, seed: u32, attempt: &Value) -> AdaptiveVerification {
    verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: bank(),
        seed,
        answers: vec![],
        submitted: true,
        log: Some(kaohe::format::decode_value(attempt).unwrap()),
    })
    .unwrap()
}

fn verify_log(package: &AdaptivePackage, seed: u32, attempt: &Value) -> Vec<(String, String)> {
    let v = check_log(package, seed, attempt);
    assert_eq!(v.valid, v.flags.is_empty());
    for f in &v.flags {
        assert!(!f.message.zh.is_empty() && !f.message.en.is_empty());
    }
    v.flags
        .into_iter()
        .map(|f| (f.code, f.path.unwrap_or_default()))
        .collect()
}

fn has(flags: &[(String, String)], code: &str, path: &str) -> bool {
    flags.iter().any(|(c, p)| c == code && p == path)
}

/// The trainer's check recomputes the attempt log's hash chain (the code every attempt's check
/// uses): an edited, reordered or dropped entry, a forged hash and a changed seed are each
/// flagged with a code and the place in the record, and an intact log verifies as the answers
/// alone do.
#[test]
fn the_check_recomputes_the_attempt_logs_hash_chain() {
    let package = package();
    let seed = 11;
    let answers = take(&package, 0.6, seed, false);
    assert!(answers.len() >= 5);
    let attempt = stored_attempt(seed, &answers);
    assert_eq!(verify_log(&package, seed, &attempt), vec![]);
    let intact = check_log(&package, seed, &attempt);
    let plain = check_answers(&package, seed, &answers);
    assert_eq!(intact, plain, "the log's answers are the answers");

    // An entry edited in place (the second answer's value), its hash left as it was.
    let mut edited = attempt.clone();
    edited["events"][2]["value"] = wrong_value(&bank(), &answers[1].item_id);
    let flags = verify_log(&package, seed, &edited);
    assert!(has(&flags, "hashMismatch", "events[2]"), "{flags:?}");
    assert!(has(&flags, "headMismatch", "chainHead"), "{flags:?}");
    let id = &answers[1].item_id;
    assert!(
        has(&flags, "answerMismatch", &format!("responses.{id}")),
        "{flags:?}"
    );

    let v = check_log(&package, seed, &edited);
    let words: Vec<&str> = v.flags.iter().map(|f| f.message.zh.as_str()).collect();
    assert!(
        words.contains(&"第 2 题保存的答案与作答记录不一致"),
        "{words:?}"
    );

    // Two entries swapped (the second and third answers), hashes and all.
    let mut swapped = attempt.clone();
    let events = swapped["events"].as_array_mut().unwrap();
    events.swap(2, 3);
    let flags = verify_log(&package, seed, &swapped);
    assert!(has(&flags, "hashMismatch", "events[2]"), "{flags:?}");
    // Every later entry fails to follow too: one flag for the run, at its first entry.
    let hashes = flags.iter().filter(|f| f.0 == "hashMismatch").count();
    assert_eq!(hashes, 1, "{flags:?}");

    // An entry dropped (the third answer): the next entry no longer follows, and the stored
    // answer to the dropped question is not in the log.
    let mut dropped = attempt.clone();
    dropped["events"].as_array_mut().unwrap().remove(3);
    let flags = verify_log(&package, seed, &dropped);
    assert!(has(&flags, "hashMismatch", "events[3]"), "{flags:?}");
    let id = &answers[2].item_id;
    assert!(
        has(&flags, "answerMismatch", &format!("responses.{id}")),
        "{flags:?}"
    );

    // The last entries cut off, the chain head moved back to match: the stored answers and
    // submit time no longer agree with the log.
    let mut cut = attempt.clone();
    let events = cut["events"].as_array_mut().unwrap();
    events.truncate(events.len() - 2);
    cut["chainHead"] = events.last().unwrap()["hash"].clone();
    let flags = verify_log(&package, seed, &cut);
    assert!(has(&flags, "timeMismatch", "submittedAt"), "{flags:?}");

    // A forged hash: one entry's hash replaced (and the chain head with it, had it been last).
    let mut forged = attempt.clone();
    forged["events"][1]["hash"] = json!("ab".repeat(32));
    let flags = verify_log(&package, seed, &forged);
    assert_eq!(flags, vec![("hashMismatch".into(), "events[1]".into())]);

    // The attempt's seed changed (it is outside the chain; the start event records it).
    let flags = verify_log(&package, seed + 1, &attempt);
    assert!(has(&flags, "seedMismatch", "seed"), "{flags:?}");

    // No log at all.
    let mut empty = attempt.clone();
    empty["events"] = json!([]);
    let flags = verify_log(&package, seed, &empty);
    assert!(has(&flags, "noLog", "events"), "{flags:?}");

    // The messages name the entry in words, counted from 1.
    let v = check_log(&package, seed, &forged);
    assert_eq!(
        v.flags[0].message.zh,
        "作答记录从第 2 条起被改动、删除或调换过：这一条与前一条记录对不上"
    );
    assert!(v.flags[0]
        .message
        .en
        .starts_with("the attempt log was changed, cut or reordered from entry 2 on"));

    // Answers and a log at once: one or the other.
    let err = verify_adaptive_attempt(&AdaptiveVerifyParams {
        package,
        bank: bank(),
        seed,
        answers,
        submitted: true,
        log: Some(kaohe::format::decode_value(&attempt).unwrap()),
    })
    .unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (kaohe::error::ErrorCode::InvalidValue, "answers")
    );
}
