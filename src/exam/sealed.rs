//! Sealed exams (密封考试): a bank split into what a candidate's device may hold and the answer
//! key, which the page encrypts and only the trainer can open.
//!
//! [`split_bank`] moves every field that helps answer or score an item into the [`AnswerKey`]:
//! `answer`, `blanks` (accepted alternatives), `normalize`, `keywords`, `modelAnswer`,
//! `explanation`, `credit`, `policy`, `negativeMarking`, and a situational item's per-option
//! points; the bank-wide `multipleChoicePolicy` and `negativeMarking` go with it. The
//! [`PublicBank`] keeps ids, types, stems, points, tags, option texts, matching prompts, the
//! number of blanks and numeric units: enough to assemble papers and show them.
//! [`join_bank`] puts the two back together into the original bank.
//!
//! What else could give an answer away is sealed too:
//! - ordering and matching items list their options in the public bank in a shuffled order (a
//!   bank often lists steps in the right order, or matching options beside their prompts); the
//!   permutation is drawn from a hash of the item's key, so it says nothing without the key, and
//!   the listed order goes into the key (`listedOrder`) so joining gives the bank back;
//! - free-text tags (the knowledge point, labels) can spell out an answer: only those a
//!   blueprint filter names stay in clear ([`split_bank_for`]); the item's tags go into the key
//!   (`tags`) and the public knowledge point is empty.
//!
//! Papers of a sealed exam are assembled from [`PublicBank::assembly_bank`], a bank with
//! placeholder keys that the scoring code never sees. The one rule of assembly that reads a key,
//! "an ordering item is never shown in its correct order", is replaced by "never shown in the
//! order the bank lists it" (authors list ordering steps scrambled).

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};
use serde_json::{Map, Value};

use super::bank::Bank;
use super::blueprint::Blueprint;
use super::defaults;
use super::item::{Choice, ItemType, Tags};
use super::log::canonical_json;
use super::paper::{assemble_paper, Paper};
use super::rng::SplitMix64;
use super::sha256::sha256;
use super::view::{candidate_view, PaperView};
use crate::error::{Error, ErrorCode, Result};
use crate::format;

/// Item fields that stay in clear.
const PUBLIC_FIELDS: &[&str] = &["id", "type", "stem", "points", "tags", "prompts", "unit"];

/// A bank without its answer key: what a candidate's device receives.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublicBank {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The bank's id (blueprints name it).
    pub id: String,
    /// The bank's title.
    pub title: String,
    /// The bank's dimension list, when it declares one (see [`crate::dimensions`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Vec<crate::dimensions::DimensionRef>>,
    /// The items in the bank's order, without keys.
    pub items: Vec<PublicItem>,
}

/// An item without its key.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublicItem {
    /// Item id.
    pub id: String,
    /// Item type.
    #[serde(rename = "type")]
    pub item_type: ItemType,
    /// The question.
    pub stem: String,
    /// Maximum points.
    pub points: f64,
    /// Dimension, knowledge point, difficulty, labels (blueprints filter on them).
    pub tags: Tags,
    /// Options in the bank's order (texts only; situational points are in the key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Matching's left column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Choice>,
    /// Fill-in-the-blank: how many inputs to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blank_count: Option<u32>,
    /// Numeric: the unit shown next to the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// The secret half of a bank: per item, the fields [`split_bank`] removed.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnswerKey {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The bank this key opens.
    pub bank_id: String,
    /// Bank-wide fields that decide scoring (`multipleChoicePolicy`, `negativeMarking`).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>"))]
    pub bank: Map<String, Value>,
    /// Item id → the item's secret fields, as in the bank format; a situational item's option
    /// points are under `optionPoints` (option id → points).
    #[cfg_attr(
        feature = "typescript",
        tsify(type = "Record<string, Record<string, unknown>>")
    )]
    pub items: BTreeMap<String, Map<String, Value>>,
}

fn as_object(value: Value, path: &str) -> Result<Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(Error::new(
            ErrorCode::WrongType,
            path,
            "应为对象",
            "must be an object",
        )),
    }
}

fn public_id(item: &Map<String, Value>) -> String {
    item.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn to_json<T: ToJson>(value: &T, _path: &str) -> Result<Value> {
    Ok(format::to_json_value(value))
}

/// Splits a validated bank into its public part and its answer key.
///
/// ```
/// # use kaohe::exam::{Bank, sealed::{split_bank, join_bank}};
/// let bank = Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap();
/// let (public, key) = split_bank(&bank).unwrap();
/// assert!(!kaohe::format::to_json_string(&public).contains("\"answer\""));
/// assert_eq!(join_bank(&public, &key).unwrap(), bank);
/// ```
pub fn split_bank(bank: &Bank) -> Result<(PublicBank, AnswerKey)> {
    split_bank_for(bank, None)
}

/// The knowledge points and labels the blueprint's filters name: the only free-text tags that
/// must stay in clear for papers to be assembled.
fn filter_tags(blueprint: Option<&Blueprint>) -> (Vec<String>, Vec<String>) {
    let mut points = Vec::new();
    let mut labels = Vec::new();
    for section in blueprint.map_or(&[][..], |b| &b.sections[..]) {
        for draw in &section.draw {
            points.extend(draw.filter.knowledge_points.iter().cloned());
            labels.extend(draw.filter.labels.iter().cloned());
        }
    }
    (points, labels)
}

/// A permutation of `n` options drawn from the item's key: unpredictable without the key, the
/// same every time the same bank is sealed, and never the listed order (for n ≥ 2).
fn key_permutation(id: &str, secret: &Map<String, Value>, n: usize) -> Vec<usize> {
    let mut data = id.as_bytes().to_vec();
    data.extend(canonical_json(&Value::Object(secret.clone())).as_bytes());
    let digest = sha256(&data);
    let mut seed = 0u32;
    for b in digest.iter().take(4) {
        seed = seed << 8 | u32::from(*b);
    }
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for _ in 0..8 {
        for i in (1..n).rev() {
            order.swap(i, rng.below(i + 1));
        }
        if order.iter().enumerate().any(|(k, &v)| k != v) || n < 2 {
            break;
        }
    }
    order
}

/// Splits a validated bank into its public part and its answer key, keeping in clear only the
/// free-text tags `blueprint`'s filters name (see the module documentation).
pub fn split_bank_for(
    bank: &Bank,
    blueprint: Option<&Blueprint>,
) -> Result<(PublicBank, AnswerKey)> {
    let (filter_points, filter_labels) = filter_tags(blueprint);
    let mut whole = as_object(to_json(bank, "")?, "")?;
    let mut key_bank = Map::new();
    for field in ["multipleChoicePolicy", "negativeMarking"] {
        if let Some(v) = whole.remove(field) {
            key_bank.insert(field.to_string(), v);
        }
    }
    let items = match whole.remove("items") {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let mut public_items = Vec::with_capacity(items.len());
    let mut key_items = BTreeMap::new();
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("items[{i}]");
        let mut secret = as_object(item, &path)?;
        let mut public = Map::new();
        for field in PUBLIC_FIELDS {
            if let Some(v) = secret.remove(*field) {
                public.insert((*field).to_string(), v);
            }
        }
        if let Some(Value::Array(options)) = secret.remove("options") {
            let mut texts = Vec::with_capacity(options.len());
            let mut points = Map::new();
            for option in options {
                let mut option = as_object(option, &format!("{path}.options"))?;
                let id = option.get("id").and_then(Value::as_str).map(String::from);
                if let (Some(id), Some(p)) = (id, option.remove("points")) {
                    points.insert(id, p);
                }
                texts.push(Value::Object(option));
            }
            public.insert("options".into(), Value::Array(texts));
            if !points.is_empty() {
                secret.insert("optionPoints".into(), Value::Object(points));
            }
        }
        if let Some(Value::Array(blanks)) = secret.get("blanks") {
            public.insert("blankCount".into(), Value::from(blanks.len()));
        }
        // Tags that a filter does not name go into the key.
        if let Some(Value::Object(tags)) = public.get_mut("tags") {
            let original = tags.clone();
            let point = tags
                .get("knowledgePoint")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !filter_points.iter().any(|p| p == point) {
                tags.insert("knowledgePoint".into(), Value::from(""));
            }
            if let Some(Value::Array(labels)) = tags.get_mut("labels") {
                labels.retain(|l| filter_labels.iter().any(|f| Some(f.as_str()) == l.as_str()));
                if labels.is_empty() {
                    tags.remove("labels");
                }
            }
            if *tags != original {
                secret.insert("tags".into(), Value::Object(original));
            }
        }
        // Ordering and matching options listed in a key-drawn order.
        let kind = public.get("type").and_then(Value::as_str).unwrap_or("");
        if matches!(kind, "ordering" | "matching") {
            let id = public_id(&public);
            if let Some(Value::Array(options)) = public.get_mut("options") {
                let listed: Vec<Value> = options
                    .iter()
                    .map(|o| o.get("id").cloned().unwrap_or(Value::Null))
                    .collect();
                let order = key_permutation(&id, &secret, options.len());
                let shuffled: Vec<Value> = order
                    .iter()
                    .filter_map(|&k| options.get(k).cloned())
                    .collect();
                *options = shuffled;
                secret.insert("listedOrder".into(), Value::Array(listed));
            }
        }
        let public: PublicItem =
            format::decode(&Value::Object(public)).map_err(|e| e.within(&path))?;
        key_items.insert(public.id.clone(), secret);
        public_items.push(public);
    }
    Ok((
        PublicBank {
            schema_version: defaults::SCHEMA_VERSION,
            id: bank.id().to_string(),
            title: bank.title().to_string(),
            dimensions: match whole.remove("dimensions") {
                Some(v) => Some(format::decode(&v)?),
                None => None,
            },
            items: public_items,
        },
        AnswerKey {
            schema_version: defaults::SCHEMA_VERSION,
            bank_id: bank.id().to_string(),
            bank: key_bank,
            items: key_items,
        },
    ))
}

/// Puts a public bank and its key back together and validates the result as a bank. Fails with
/// `UNKNOWN_REFERENCE` when the key belongs to another bank and `INVALID_ANSWER_KEY` when an
/// item has no key.
pub fn join_bank(public: &PublicBank, key: &AnswerKey) -> Result<Bank> {
    if key.bank_id != public.id {
        return Err(Error::new(
            ErrorCode::UnknownReference,
            "key.bankId",
            format!("答案密钥属于题库 “{}”，而不是 “{}”", key.bank_id, public.id),
            format!(
                "the answer key belongs to bank \"{}\", not \"{}\"",
                key.bank_id, public.id
            ),
        ));
    }
    let mut items = Vec::with_capacity(public.items.len());
    for (i, item) in public.items.iter().enumerate() {
        let Some(secret) = key.items.get(&item.id) else {
            return Err(Error::new(
                ErrorCode::InvalidAnswerKey,
                format!("key.items.{}", item.id),
                format!("答案密钥缺少题目 “{}”", item.id),
                format!("the answer key has no entry for item \"{}\"", item.id),
            ));
        };
        let mut whole = as_object(to_json(item, &format!("items[{i}]"))?, "")?;
        whole.remove("blankCount");
        let mut secret = secret.clone();
        if let (Some(Value::Array(listed)), Some(Value::Array(options))) =
            (secret.remove("listedOrder"), whole.get_mut("options"))
        {
            let mut restored = Vec::with_capacity(options.len());
            for id in &listed {
                if let Some(k) = options.iter().position(|o| o.get("id") == Some(id)) {
                    restored.push(options.remove(k));
                }
            }
            restored.append(options);
            *options = restored;
        }
        let points = secret.remove("optionPoints");
        if let (Some(Value::Object(points)), Some(Value::Array(options))) =
            (points, whole.get_mut("options"))
        {
            for option in options.iter_mut() {
                if let Value::Object(o) = option {
                    let id = o.get("id").and_then(Value::as_str).unwrap_or_default();
                    if let Some(p) = points.get(id) {
                        o.insert("points".into(), p.clone());
                    }
                }
            }
        }
        whole.extend(secret);
        items.push(Value::Object(whole));
    }
    let mut bank = Map::new();
    bank.insert("schemaVersion".into(), Value::from(public.schema_version));
    bank.insert("id".into(), Value::from(public.id.clone()));
    bank.insert("title".into(), Value::from(public.title.clone()));
    if let Some(d) = &public.dimensions {
        bank.insert("dimensions".into(), to_json(d, "dimensions")?);
    }
    bank.extend(key.bank.clone());
    bank.insert("items".into(), Value::Array(items));
    Bank::decode(&Value::Object(bank))
}

impl PublicBank {
    /// Decodes a public bank from a parsed JSON value.
    pub fn decode(value: &serde_json::Value) -> Result<PublicBank> {
        let bank: PublicBank = format::decode(value)?;
        format::check_schema_version(bank.schema_version, defaults::SCHEMA_VERSION, "题库/bank")?;
        Ok(bank)
    }

    /// A bank with placeholder keys, only for [`super::assemble_paper`] and
    /// [`super::candidate_view`]: it must never score anything. Validating it also validates
    /// the public bank (ids, option counts, lengths).
    pub fn assembly_bank(&self) -> Result<Bank> {
        let items: Vec<Value> = self
            .items
            .iter()
            .map(placeholder_item)
            .collect::<Result<_>>()?;
        let mut bank = Map::new();
        bank.insert("schemaVersion".into(), Value::from(self.schema_version));
        bank.insert("id".into(), Value::from(self.id.clone()));
        bank.insert("title".into(), Value::from(self.title.clone()));
        if let Some(d) = &self.dimensions {
            bank.insert("dimensions".into(), to_json(d, "dimensions")?);
        }
        bank.insert("items".into(), Value::Array(items));
        Bank::decode(&Value::Object(bank))
    }
}

/// An item with a key that passes validation and means nothing.
fn placeholder_item(item: &PublicItem) -> Result<Value> {
    let mut whole = as_object(to_json(item, "items")?, "items")?;
    whole.remove("blankCount");
    let first = item
        .options
        .first()
        .map(|o| o.id.clone())
        .unwrap_or_default();
    let ids: Vec<Value> = item
        .options
        .iter()
        .map(|o| Value::from(o.id.clone()))
        .collect();
    let key = match item.item_type {
        ItemType::Single => Some(("answer", Value::from(first))),
        ItemType::Multiple => Some(("answer", Value::Array(ids.into_iter().take(1).collect()))),
        ItemType::TrueFalse => Some(("answer", Value::Bool(false))),
        ItemType::FillBlank => {
            let blank = serde_json::json!({ "accepted": ["—"] });
            let count = item.blank_count.unwrap_or(1) as usize;
            Some(("blanks", Value::Array(vec![blank; count])))
        }
        ItemType::Numeric => Some(("answer", serde_json::json!({ "value": 0 }))),
        // The listed order stands in for the answer, so no paper shows the steps as listed.
        ItemType::Ordering => Some(("answer", Value::Array(ids))),
        ItemType::Matching => Some((
            "answer",
            Value::Object(
                item.prompts
                    .iter()
                    .map(|p| (p.id.clone(), Value::from(first.clone())))
                    .collect(),
            ),
        )),
        ItemType::Situational => {
            if let Some(Value::Array(options)) = whole.get_mut("options") {
                for (k, option) in options.iter_mut().enumerate() {
                    if let Value::Object(o) = option {
                        let p = if k == 0 { item.points } else { 0.0 };
                        o.insert("points".into(), Value::from(p));
                    }
                }
            }
            None
        }
        ItemType::ShortAnswer => None,
    };
    if let Some((field, value)) = key {
        whole.insert(field.into(), value);
    }
    Ok(Value::Object(whole))
}

/// A sealed exam on the candidate's device: assembles papers and shows them from the public
/// bank alone. It cannot score: the key is not here. The binding (`SealedExam` in JS) is this
/// type behind decode and encode.
#[derive(Debug)]
pub struct SealedSession {
    /// Placeholder keys only (see [`PublicBank::assembly_bank`]); never used for scoring.
    skeleton: Bank,
    blueprint: Blueprint,
}

impl SealedSession {
    /// Checks the public bank and the blueprint against it; two arguments, so every path starts
    /// with `publicBank` or `blueprint`.
    pub fn new(public: &PublicBank, blueprint: Blueprint) -> Result<SealedSession> {
        let skeleton = public
            .assembly_bank()
            .map_err(|e| e.within_argument("publicBank"))?;
        blueprint
            .validate_against(&skeleton)
            .map_err(|e| e.within("blueprint"))?;
        Ok(SealedSession {
            skeleton,
            blueprint,
        })
    }

    /// The paper for `seed`, the same as the unsealed exam's.
    pub fn assemble(&self, seed: u32) -> Result<Paper> {
        assemble_paper(&self.skeleton, &self.blueprint, seed)
    }

    /// The candidate's view of `paper` (there is no key to leave out).
    pub fn view(&self, paper: &Paper) -> Result<PaperView> {
        candidate_view(&self.skeleton, paper)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exam::{assemble_paper, candidate_view, Blueprint};

    fn sample() -> Bank {
        Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap()
    }

    #[test]
    fn split_then_join_gives_the_bank_back() {
        let bank = sample();
        let (public, key) = split_bank(&bank).unwrap();
        assert_eq!(public.items.len(), bank.items().len());
        assert_eq!(join_bank(&public, &key).unwrap(), bank);
        // Through JSON text too, as the sealed package carries it.
        let public: PublicBank = format::decode_json(&format::to_json_string(&public)).unwrap();
        let key: AnswerKey = format::decode_json(&format::to_json_string(&key)).unwrap();
        assert_eq!(join_bank(&public, &key).unwrap(), bank);
    }

    #[test]
    fn the_public_part_holds_no_key_material() {
        let bank = sample();
        let (public, key) = split_bank(&bank).unwrap();
        let text = format::to_json_string(&public);
        for field in [
            "\"answer\"",
            "\"accepted\"",
            "\"keywords\"",
            "\"modelAnswer\"",
            "\"explanation\"",
        ] {
            assert!(!text.contains(field), "{field} leaked");
        }
        for item in bank.items() {
            if let Some(explanation) = item.explanation() {
                assert!(
                    !text.contains(explanation),
                    "explanation of {} leaked",
                    item.id()
                );
            }
        }
        let situational = public
            .items
            .iter()
            .find(|i| i.item_type == ItemType::Situational)
            .unwrap();
        assert!(!format::to_json_string(situational).contains("\"points\":0"));
        assert!(key.items[&situational.id].contains_key("optionPoints"));
        let fill = public
            .items
            .iter()
            .find(|i| i.item_type == ItemType::FillBlank)
            .unwrap();
        assert!(fill.blank_count.unwrap() >= 1);
    }

    #[test]
    fn papers_from_the_public_part_show_what_the_full_bank_shows() {
        let bank = sample();
        let blueprint = Blueprint::from_json(include_str!(
            "../../tests/fixtures/exam/sample_blueprint.json"
        ))
        .unwrap();
        let (public, _) = split_bank(&bank).unwrap();
        let skeleton = public.assembly_bank().unwrap();
        for seed in [1, 7, 2026, u32::MAX] {
            let paper = assemble_paper(&skeleton, &blueprint, seed).unwrap();
            paper.validate_against(&bank).unwrap();
            assert_eq!(
                candidate_view(&skeleton, &paper).unwrap(),
                candidate_view(&bank, &paper).unwrap()
            );
            for item in skeleton.items() {
                if let (crate::exam::Item::Ordering(o), Some(order)) =
                    (item, paper.option_order.get(item.id()))
                {
                    assert_ne!(order, &o.answer, "ordering {} shown as listed", item.id());
                }
            }
        }
    }

    #[test]
    fn a_foreign_or_incomplete_key_is_refused() {
        let bank = sample();
        let (public, mut key) = split_bank(&bank).unwrap();
        let mut other = key.clone();
        other.bank_id = "other".into();
        assert_eq!(
            join_bank(&public, &other).unwrap_err().code(),
            ErrorCode::UnknownReference
        );
        let first = public.items[0].id.clone();
        key.items.remove(&first);
        let e = join_bank(&public, &key).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidAnswerKey);
        assert_eq!(e.path(), format!("key.items.{first}"));
    }
}

#[cfg(test)]
mod whole_package_tests {
    use super::*;
    use crate::exam::{assemble_paper, Blueprint, ItemType};

    fn sample() -> Bank {
        Bank::from_json(include_str!("../../tests/fixtures/exam/sample_bank.json")).unwrap()
    }

    #[test]
    fn ordering_and_matching_options_are_not_listed_as_the_bank_lists_them() {
        let bank = sample();
        let (public, key) = split_bank(&bank).unwrap();
        let mut checked = 0;
        for (item, original) in public.items.iter().zip(bank.items()) {
            if !matches!(item.item_type, ItemType::Ordering | ItemType::Matching) {
                continue;
            }
            let listed: Vec<&str> = item.options.iter().map(|o| o.id.as_str()).collect();
            let json = format::to_json_value(original);
            let banked: Vec<&str> = json["options"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["id"].as_str().unwrap())
                .collect();
            assert_ne!(listed, banked, "{} listed as in the bank", item.id);
            assert!(key.items[&item.id].contains_key("listedOrder"));
            checked += 1;
        }
        assert!(checked >= 2, "{checked} ordering/matching items");
        assert_eq!(join_bank(&public, &key).unwrap(), bank);
    }

    #[test]
    fn free_text_tags_stay_in_clear_only_when_a_filter_names_them() {
        let mut json = format::to_json_value(&sample());
        json["items"][0]["tags"]["labels"] = serde_json::json!(["答案是B", "售后"]);
        json["items"][0]["tags"]["knowledgePoint"] = serde_json::json!("七日无理由退货：选B");
        let bank = Bank::decode(&json).unwrap();
        let mut blueprint: serde_json::Value = serde_json::from_str(include_str!(
            "../../tests/fixtures/exam/sample_blueprint.json"
        ))
        .unwrap();
        blueprint["sections"][0]["draw"] = serde_json::json!([]);
        let blueprint = Blueprint::decode(&blueprint).unwrap();
        let (public, key) = split_bank_for(&bank, Some(&blueprint)).unwrap();
        let text = format::to_json_string(&public);
        assert!(!text.contains("答案是B") && !text.contains("选B"), "{text}");
        assert_eq!(join_bank(&public, &key).unwrap(), bank);
        // A filter that names a label keeps that label in clear, so papers still assemble.
        let sample_blueprint = Blueprint::from_json(include_str!(
            "../../tests/fixtures/exam/sample_blueprint.json"
        ))
        .unwrap();
        let (public, _) = split_bank_for(&bank, Some(&sample_blueprint)).unwrap();
        let skeleton = public.assembly_bank().unwrap();
        for seed in [1, 2, 3] {
            assemble_paper(&skeleton, &sample_blueprint, seed)
                .unwrap()
                .validate_against(&bank)
                .unwrap();
        }
    }
}
