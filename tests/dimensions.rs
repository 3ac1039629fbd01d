//! One source of dimensions: banks, blueprint draws, rubric sections and imports accept the
//! dimensions of the model in use (a custom 企业文化 included) and refuse an unknown id with
//! `UNKNOWN_DIMENSION`, its path and the list of valid ids.

use kaohe::dimensions::{DimensionRef, DimensionSet, DEFAULT_DIMENSIONS};
use kaohe::exam::sealed::{join_bank, split_bank};
use kaohe::exam::{Bank, Blueprint};
use kaohe::interop::import::{import_bank, BankFormat};
use kaohe::interop::ImportOptions;
use kaohe::rubric::format::parse_rubric;
use kaohe::ErrorCode;
use serde_json::{json, Value};

fn with_culture() -> Vec<DimensionRef> {
    let mut list: Vec<DimensionRef> = DEFAULT_DIMENSIONS
        .iter()
        .map(|(id, zh, _)| DimensionRef {
            id: (*id).into(),
            name: (*zh).into(),
        })
        .collect();
    list.push(DimensionRef {
        id: "corporate_culture".into(),
        name: "企业文化".into(),
    });
    list
}

fn bank(dimension: &str, declared: bool) -> Value {
    let mut bank = json!({
        "schemaVersion": 1, "id": "culture", "title": "企业文化题库",
        "items": [
            { "id": "c1", "type": "trueFalse", "stem": "云帆电器的服务理念是“首问负责，一次解决”。", "answer": true,
              "points": 1, "tags": { "dimension": dimension, "knowledgePoint": "服务理念", "difficulty": 1 } },
            { "id": "c2", "type": "trueFalse", "stem": "客户投诉须在 24 小时内回访。", "answer": true,
              "points": 1, "tags": { "dimension": "compliance", "knowledgePoint": "投诉时限", "difficulty": 2 } }
        ]
    });
    if declared {
        bank["dimensions"] = serde_json::to_value(
            with_culture()
                .iter()
                .map(|d| json!({ "id": d.id, "name": d.name }))
                .collect::<Vec<_>>(),
        )
        .unwrap();
    }
    bank
}

#[test]
fn a_bank_declaring_the_models_dimensions_may_use_a_custom_one() {
    let b = Bank::decode(&bank("corporate_culture", true)).unwrap();
    assert!(b.dimensions().contains("corporate_culture"));
    // The declared list survives a round trip through JSON and sealing.
    let text = kaohe::format::to_json_string(&b);
    assert!(text.contains("企业文化"), "{text}");
    let (public, key) = split_bank(&b).unwrap();
    assert_eq!(join_bank(&public, &key).unwrap(), b);
    public.assembly_bank().unwrap();
}

#[test]
fn an_unknown_dimension_names_its_path_and_the_valid_ids() {
    let e = Bank::decode(&bank("corporate_culture", false)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownDimension);
    assert_eq!(e.path(), "items[0].tags.dimension");
    assert!(e.messages().en.contains("complaint_handling"), "{e}");
    let e = Bank::decode(&bank("culture", true)).unwrap_err();
    assert_eq!(e.path(), "items[0].tags.dimension");
    assert!(e.messages().en.contains("corporate_culture"), "{e}");
    assert!(e.messages().zh.contains("企业文化"));
}

#[test]
fn blueprint_draws_check_the_banks_dimensions() {
    let custom = Bank::decode(&bank("corporate_culture", true)).unwrap();
    let blueprint = Blueprint::decode(&json!({
        "schemaVersion": 1, "id": "bp", "title": "企业文化考试", "bankId": "culture",
        "sections": [{ "id": "s1", "title": "企业文化", "draw": [
            { "count": 1, "filter": { "dimensions": ["corporate_culture"] } }
        ] }]
    }))
    .unwrap();
    blueprint.validate_against(&custom).unwrap();
    let plain = Bank::decode(&bank("compliance", false)).unwrap();
    let e = blueprint.validate_against(&plain).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownDimension);
    assert_eq!(e.path(), "sections[0].draw[0].filter.dimensions[0]");
}

#[test]
fn rubric_sections_check_the_declared_dimensions() {
    let sample: Value = serde_json::from_str(include_str!("../www/samples/rubric.json")).unwrap();
    let mut rubric = sample.clone();
    rubric["sections"][1]["dimension"] = json!("corporate_culture");
    let e = parse_rubric(&rubric.to_string()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownDimension, "sections[1].dimension")
    );
    rubric["dimensions"] = serde_json::to_value(
        with_culture()
            .iter()
            .map(|d| json!({ "id": d.id, "name": d.name }))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    parse_rubric(&rubric.to_string()).unwrap();
}

#[test]
fn imports_resolve_custom_dimension_labels_and_record_the_list() {
    let csv = "题型,题干,正确答案,维度\n判断,云帆电器的服务理念是“首问负责，一次解决”。,正确,企业文化\n判断,投诉须在 24 小时内回访。,正确,合规意识\n";
    // Without the model's list, 企业文化 is an unknown dimension at its cell.
    let out = import_bank(csv.as_bytes(), BankFormat::Csv, &ImportOptions::default()).unwrap();
    assert!(out.bank.is_none());
    assert_eq!(out.problems[0].path, "D2");
    assert_eq!(out.problems[0].code, "UNKNOWN_DIMENSION");
    // With it, the item takes the id and the bank records the list, so the engine loads it.
    let options = ImportOptions {
        dimensions: Some(with_culture()),
        ..ImportOptions::default()
    };
    let out = import_bank(csv.as_bytes(), BankFormat::Csv, &options).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let bank = out.bank.unwrap();
    assert_eq!(bank["items"][0]["tags"]["dimension"], "corporate_culture");
    let loaded = Bank::decode(&bank).unwrap();
    assert_eq!(loaded.dimensions().name("corporate_culture"), "企业文化");
}

#[test]
fn a_declared_list_must_be_well_formed() {
    let mut b = bank("compliance", true);
    b["dimensions"][1]["id"] = json!("product_knowledge");
    let e = Bank::decode(&b).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "dimensions[1].id")
    );
    assert!(DimensionSet::default().is_default());
}
