//! Parallel papers written as blueprints: one per name, same items per dimension, no shared item
//! (max uses 1), the source exam's limits, every item objective and calibrated; each blueprint
//! is a valid exam that assembles to exactly its fixed items.

use kaohe::exam::adaptive_exam::ItemCalibration;
use kaohe::exam::parallel_setup::{parallel_blueprints, ParallelSetupParams};
use kaohe::exam::{Bank, Blueprint};
use serde_json::{json, Value};

fn bank() -> Value {
    let items: Vec<Value> = (0..40)
        .map(|i| {
            let dimension = ["product_knowledge", "compliance"][i % 2];
            if i == 39 {
                return json!({"id": "sa", "type": "shortAnswer", "stem": "简述首问负责制。", "points": 5,
                    "tags": {"dimension": dimension, "knowledgePoint": "合规", "difficulty": 3}});
            }
            json!({"id": format!("q{i}"), "type": "single", "stem": format!("第 {i} 题"),
              "options": [{"id":"A","text":"甲"},{"id":"B","text":"乙"}], "answer": "A", "points": 1,
              "tags": {"dimension": dimension, "knowledgePoint": "知识点", "difficulty": 3}})
        })
        .collect();
    json!({"schemaVersion": 1, "id": "bank-p", "title": "题库", "items": items})
}

fn source() -> Value {
    json!({"schemaVersion": 1, "id": "bp-month", "title": "月度复训", "bankId": "bank-p",
      "timeLimitSeconds": 1800, "passMarkPercent": 80,
      "sections": [{"id": "s", "title": "全部", "draw": [{"count": 10}]}]})
}

fn params() -> ParallelSetupParams {
    ParallelSetupParams {
        bank: bank(),
        blueprint: source(),
        calibration: (0..40)
            .map(|i| ItemCalibration {
                item_id: if i == 39 {
                    "sa".into()
                } else {
                    format!("q{i}")
                },
                a: 0.7 + (i % 4) as f64 * 0.3,
                b: -2.0 + i as f64 / 10.0,
            })
            .collect(),
        names: vec!["早班".into(), "中班".into(), "晚班".into()],
        per_area: 4,
        max_uses: 1,
        seed: 3,
    }
}

#[test]
fn three_shift_papers_are_blueprints_without_overlap() {
    let out = parallel_blueprints(&params()).unwrap();
    assert_eq!(out.blueprints.len(), 3);
    assert_eq!(out.areas, vec!["product_knowledge", "compliance"]);
    let bank = Bank::from_json(&bank().to_string()).unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for (bp, name) in out.blueprints.iter().zip(["早班", "中班", "晚班"]) {
        assert_eq!(bp.title, format!("月度复训·{name}"));
        assert_eq!(bp.time_limit_seconds, Some(1800));
        assert_eq!(bp.pass_mark_percent, Some(80.0));
        let fixed = &bp.sections[0].fixed;
        assert_eq!(fixed.len(), 8);
        for id in fixed {
            assert!(seen.insert(id.clone()), "{id} on two papers");
            assert_ne!(id, "sa", "short answers are not used");
        }
        let per_area = |d: &str| {
            fixed
                .iter()
                .filter(|id| bank.item(id).unwrap().tags().dimension == d)
                .count()
        };
        assert_eq!(per_area("product_knowledge"), 4);
        assert_eq!(per_area("compliance"), 4);
        // A valid exam: the blueprint decodes on its own.
        let mut text = String::new();
        kaohe_json::ToJson::write_json(bp, &mut text);
        Blueprint::from_json(&text).unwrap();
    }
    assert!(out.max_information_gap >= 0.0 && out.max_information_gap < 0.5);
    assert!(out.max_score_gap >= 0.0);
    // Reproducible.
    assert_eq!(parallel_blueprints(&params()).unwrap(), out);
}

#[test]
fn bad_requests_are_coded_errors() {
    let mut p = params();
    p.names.clear();
    assert_eq!(parallel_blueprints(&p).unwrap_err().path(), "names");
    let mut p = params();
    p.per_area = 0;
    assert_eq!(parallel_blueprints(&p).unwrap_err().path(), "perArea");
    let mut p = params();
    p.per_area = 10;
    assert_eq!(
        parallel_blueprints(&p).unwrap_err().code().as_str(),
        "POOL_TOO_SMALL"
    );
    let mut p = params();
    p.calibration[0].item_id = "nope".into();
    assert_eq!(
        parallel_blueprints(&p).unwrap_err().path(),
        "calibration[0].itemId"
    );
}
