//! Exam set-up: every problem reported at once with its field's path, pools per draw, the
//! banks combined, and the prepared exam loads in the engine.

use kaohe::exam::setup::{
    check_setup, combined_bank, prepare_exam, ExamSetup, ReleaseContent, ReleaseTiming,
    UnknownCandidates,
};
use kaohe::exam::{assemble_paper, Bank};
use serde_json::{json, Value};

fn sample_bank() -> Bank {
    Bank::from_json(include_str!("../www/samples/bank.json")).unwrap()
}

fn setup(value: Value) -> ExamSetup {
    ExamSetup::decode(&value).unwrap()
}

fn two_sections(count: u32) -> Value {
    json!({
        "schemaVersion": 1, "id": "q4", "title": "第四季度考核", "status": "draft",
        "bankIds": ["cs-theory-2026"],
        "blueprint": {
            "schemaVersion": 1, "id": "q4", "title": "第四季度考核", "bankId": "",
            "timeLimitSeconds": 1800, "passMarkPercent": 80,
            "sections": [
                { "id": "s1", "title": "产品与合规", "minPercent": 60,
                  "draw": [{ "count": count, "filter": { "dimensions": ["product_knowledge"] } }] },
                { "id": "s2", "title": "投诉处理", "draw": [{ "count": 2, "filter": { "dimensions": ["complaint_handling"] } }] }
            ]
        },
        "release": { "content": "score", "timing": "afterRelease" },
        "unknownCandidates": "recordUnmatched"
    })
}

#[test]
fn defaults_and_the_release_setting_decode() {
    let s = setup(two_sections(1));
    assert_eq!(s.release.content, ReleaseContent::Score);
    assert_eq!(s.release.timing, ReleaseTiming::AfterRelease);
    assert_eq!(s.unknown_candidates, UnknownCandidates::RecordUnmatched);
    let plain = setup(json!({
        "schemaVersion": 1, "id": "x", "title": "x", "bankIds": ["b"],
        "blueprint": { "schemaVersion": 1, "id": "x", "title": "x", "bankId": "", "sections": [] }
    }));
    assert_eq!(plain.release.content, ReleaseContent::Review);
    assert_eq!(plain.release.timing, ReleaseTiming::Immediately);
    assert_eq!(plain.unknown_candidates, UnknownCandidates::Refuse);
}

#[test]
fn pools_are_reported_per_draw() {
    let bank = sample_bank();
    let pk = bank
        .items()
        .iter()
        .filter(|i| i.tags().dimension == "product_knowledge")
        .count() as u32;
    let check = check_setup(&setup(two_sections(1)), std::slice::from_ref(&bank));
    assert!(check.problems.is_empty(), "{:?}", check.problems);
    assert_eq!(check.sections[0].draws[0].pool, pk);
    assert_eq!(check.item_count, 3);
    // A draw larger than its pool: POOL_TOO_SMALL at that draw's count, with the numbers.
    let check = check_setup(&setup(two_sections(pk + 1)), &[bank]);
    assert_eq!(check.problems.len(), 1, "{:?}", check.problems);
    assert_eq!(check.problems[0].code, "POOL_TOO_SMALL");
    assert_eq!(
        check.problems[0].path,
        "blueprint.sections[0].draw[0].count"
    );
    assert!(
        check.problems[0]
            .message
            .zh
            .contains(&format!("只有 {pk} 道")),
        "{:?}",
        check.problems[0].message
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut value = two_sections(1);
    value["title"] = json!(" ");
    value["attemptsAllowed"] = json!(0);
    value["opensAt"] = json!("2026-12-10T09:00");
    value["closesAt"] = json!("2026-12-09T09:00");
    value["blueprint"]["passMarkPercent"] = json!(120);
    value["blueprint"]["sections"][1]["draw"][0]["filter"]["dimensions"] = json!(["culture"]);
    value["blueprint"]["sections"][1]["id"] = json!("s1");
    let check = check_setup(&setup(value), &[sample_bank()]);
    let found: Vec<(&str, &str)> = check
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.code.as_str()))
        .collect();
    for want in [
        ("title", "INVALID_VALUE"),
        ("attemptsAllowed", "OUT_OF_RANGE"),
        ("closesAt", "INVALID_VALUE"),
        ("blueprint.passMarkPercent", "OUT_OF_RANGE"),
        ("blueprint.sections[1].id", "DUPLICATE_ID"),
        (
            "blueprint.sections[1].draw[0].filter.dimensions[0]",
            "UNKNOWN_DIMENSION",
        ),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
}

#[test]
fn a_missing_bank_is_named() {
    let mut value = two_sections(1);
    value["bankIds"] = json!(["gone"]);
    let check = check_setup(&setup(value), &[sample_bank()]);
    assert_eq!(check.problems[0].path, "bankIds[0]");
    assert_eq!(check.problems[0].code, "UNKNOWN_REFERENCE");
}

#[test]
fn prepared_exams_load_and_assemble_with_the_exams_policy() {
    let mut value = two_sections(2);
    value["multipleChoicePolicy"] = json!({ "kind": "perOption" });
    let (bank, blueprint) = prepare_exam(&setup(value), &[sample_bank()]).unwrap();
    assert_eq!(bank.id(), "exam-bank:q4");
    assert_eq!(blueprint.bank_id, "exam-bank:q4");
    assert_eq!(
        bank.multiple_choice_policy().kind,
        kaohe::exam::PolicyKind::PerOption
    );
    let paper = assemble_paper(&bank, &blueprint, 7).unwrap();
    assert_eq!(paper.sections[0].item_ids.len(), 2);
    assert_eq!(paper.sections[1].item_ids.len(), 2);
    // A set-up with a problem is refused with that problem's code and path.
    let e = prepare_exam(&setup(two_sections(999)), &[sample_bank()]).unwrap_err();
    assert_eq!(e.code().as_str(), "POOL_TOO_SMALL");
    assert_eq!(e.path(), "blueprint.sections[0].draw[0].count");
}

#[test]
fn several_banks_are_combined_with_namespaced_ids() {
    let a = sample_bank();
    let mut other: Value = serde_json::from_str(include_str!("../www/samples/bank.json")).unwrap();
    other["id"] = json!("copy");
    let b = Bank::decode(&other).unwrap();
    let mut value = two_sections(1);
    value["bankIds"] = json!(["cs-theory-2026", "copy"]);
    let s = setup(value);
    let combined = combined_bank(&s, &[a.clone(), b]).unwrap();
    assert_eq!(combined.items().len(), a.items().len() * 2);
    let first = a.items()[0].id();
    assert!(combined.item(&format!("copy/{first}")).is_some());
    assert!(combined.item(&format!("cs-theory-2026/{first}")).is_some());
}

/// `checkExam` / `prepareExam`'s params: the set-up under `exam`, the banks under `banks[i]`.
#[test]
fn setup_params_locate_the_setup_and_each_bank() {
    use kaohe::exam::setup::decode_setup_params;
    let bank: Value = serde_json::from_str(include_str!("../www/samples/bank.json")).unwrap();
    let (exam, banks) =
        decode_setup_params(&json!({ "exam": two_sections(2), "banks": [bank.clone()] })).unwrap();
    assert_eq!((exam.id.as_str(), banks.len()), ("q4", 1));
    let (_, none) = decode_setup_params(&json!({ "exam": two_sections(2) })).unwrap();
    assert!(none.is_empty());
    let mut bad = bank;
    bad["items"][1]["id"] = json!("");
    let err =
        decode_setup_params(&json!({ "exam": two_sections(2), "banks": [{}, bad] })).unwrap_err();
    assert!(err.path().starts_with("banks[0]"), "{}", err.path());
    let err = decode_setup_params(&json!({ "banks": [] })).unwrap_err();
    assert!(err.path().starts_with("exam"), "{}", err.path());
}
