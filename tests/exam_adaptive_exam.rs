//! The adaptive exam a candidate takes offline: the package carries commitments, not the key;
//! the device's step replays the log; the trainer's verification re-scores with the real key
//! and replays the selection, so a device that lies about correctness, skips the selection
//! rule, stops early or goes on is caught.

use kaohe::exam::adaptive::AdaptiveSettings;
use kaohe::exam::adaptive_exam::{
    adaptive_next, adaptive_next_lean, build_adaptive_package, canonical_answer,
    canonical_answer_lean, matches_commitment, verify_adaptive_attempt, AdaptiveAnswer,
    AdaptiveNextParams, AdaptivePackage, AdaptivePublishParams, AdaptiveVerifyParams, AnswerValue,
    ItemCalibration, LeanNextParams,
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
    let v = verify_adaptive_attempt(&AdaptiveVerifyParams {
        package: package.clone(),
        bank: bank(),
        seed,
        answers: answers.to_vec(),
        submitted: true,
    })
    .unwrap();
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
        let v = verify_adaptive_attempt(&AdaptiveVerifyParams {
            package: package.clone(),
            bank: bank(),
            seed,
            answers: answers.clone(),
            submitted: true,
        })
        .unwrap();
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
