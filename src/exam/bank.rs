//! The question bank (题库), format version 1: decoding with precise paths, then validation.
//!
//! Items are decoded one at a time: the bank is first read with each item as a plain JSON
//! value, then the item's `type` picks the struct to decode it into. Serde's internally tagged
//! enums buffer their content and lose the path inside an item; decoding per item keeps paths
//! like `items[3].options[1].id` exact.

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};
use serde_json::Value;

use super::defaults;
use super::item::{Item, ItemType};
use super::policy::{MultipleChoicePolicy, NegativeMarking};
use super::validate;
use crate::dimensions::{DimensionRef, DimensionSet};
use crate::error::{Error, ErrorCode, Result};
use crate::format;

/// A validated question bank. Built only by [`Bank::decode`] / [`Bank::from_json`], so every
/// `Bank` in hand satisfies the format's rules; serializes back to the same JSON format.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Bank {
    schema_version: u32,
    id: String,
    title: String,
    multiple_choice_policy: MultipleChoicePolicy,
    #[serde(skip_serializing_if = "Option::is_none")]
    negative_marking: Option<NegativeMarking>,
    /// The dimensions of the model the bank was written against; absent: the default eight.
    #[serde(skip_serializing_if = "Option::is_none")]
    dimensions: Option<Vec<DimensionRef>>,
    items: Vec<Item>,
    #[serde(skip)]
    index: BTreeMap<String, usize>,
    #[serde(skip)]
    dimension_set: DimensionSet,
}

/// The bank as first decoded: items still plain values, decoded one by one afterwards.
#[derive(FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawBank {
    schema_version: u32,
    id: String,
    title: String,
    #[serde(default)]
    multiple_choice_policy: Option<MultipleChoicePolicy>,
    #[serde(default)]
    negative_marking: Option<NegativeMarking>,
    #[serde(default)]
    dimensions: Option<Vec<DimensionRef>>,
    items: Vec<Value>,
}

impl Bank {
    /// Decodes and validates a bank from a parsed JSON value (JSON text natively, a JS
    /// object in the binding).
    pub fn decode(value: &serde_json::Value) -> Result<Bank> {
        let raw: RawBank = format::decode(value)?;
        Bank::from_raw(raw)
    }

    /// Decodes and validates a bank from JSON text.
    ///
    /// ```
    /// let bank = kaohe::exam::Bank::from_json(r#"{"schemaVersion":1,"id":"b","title":"题库",
    ///   "items":[{"id":"tf-1","type":"trueFalse","stem":"首问负责制要求首位接待的客服跟进到底。",
    ///   "answer":true,"points":1,"tags":{"dimension":"compliance","knowledgePoint":"首问负责制",
    ///   "difficulty":1}}]}"#).unwrap();
    /// assert_eq!(bank.items().len(), 1);
    /// ```
    pub fn from_json(text: &str) -> Result<Bank> {
        let raw: RawBank = format::decode_json(text)?;
        Bank::from_raw(raw)
    }

    fn from_raw(raw: RawBank) -> Result<Bank> {
        format::check_schema_version(raw.schema_version, defaults::SCHEMA_VERSION, "题库/bank")?;
        validate::non_blank(&raw.id, "id")?;
        validate::text_length(&raw.id, "id")?;
        validate::text_length(&raw.title, "title")?;
        let policy = raw.multiple_choice_policy.unwrap_or_default();
        validate::policy(&policy, "multipleChoicePolicy")?;
        if let Some(n) = &raw.negative_marking {
            validate::negative_marking(n, "negativeMarking")?;
        }
        if raw.items.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "items",
                "题库至少需要一道题",
                "a bank needs at least one item",
            ));
        }
        if raw.items.len() > defaults::MAX_ITEMS {
            return Err(Error::new(
                ErrorCode::TooLarge,
                "items",
                format!(
                    "题库有 {} 道题，最多 {} 道",
                    raw.items.len(),
                    defaults::MAX_ITEMS
                ),
                format!(
                    "the bank has {} items; at most {} are allowed",
                    raw.items.len(),
                    defaults::MAX_ITEMS
                ),
            ));
        }
        let dimension_set = DimensionSet::declared(raw.dimensions.as_deref(), "dimensions")?;
        let mut items = Vec::with_capacity(raw.items.len());
        let mut index = BTreeMap::new();
        for (i, value) in raw.items.iter().enumerate() {
            let path = format!("items[{i}]");
            let item = decode_item(value, &path)?;
            validate::item(&item, &path, &dimension_set)?;
            if index.insert(item.id().to_string(), i).is_some() {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("{path}.id"),
                    format!("题目 id “{}” 重复", item.id()),
                    format!("item id \"{}\" is used twice", item.id()),
                ));
            }
            items.push(item);
        }
        Ok(Bank {
            schema_version: raw.schema_version,
            id: raw.id,
            title: raw.title,
            multiple_choice_policy: policy,
            negative_marking: raw.negative_marking,
            dimensions: raw.dimensions,
            items,
            index,
            dimension_set,
        })
    }

    /// The bank's id (blueprints and papers name it).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The bank's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The items in the bank's order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).and_then(|&i| self.items.get(i))
    }

    /// The dimensions the bank's items are checked against: its declared `dimensions`, or the
    /// default eight.
    pub fn dimensions(&self) -> &DimensionSet {
        &self.dimension_set
    }

    /// The bank-wide multiple-choice policy (default `exact`).
    pub fn multiple_choice_policy(&self) -> MultipleChoicePolicy {
        self.multiple_choice_policy
    }

    /// The bank-wide negative marking for single choice, if any.
    pub fn negative_marking(&self) -> Option<NegativeMarking> {
        self.negative_marking
    }
}

/// Decodes one item: checks string lengths, reads `type`, then decodes the rest into that type's
/// struct so errors keep their full path.
fn decode_item(value: &Value, path: &str) -> Result<Item> {
    let Some(object) = value.as_object() else {
        return Err(Error::new(
            ErrorCode::WrongType,
            path,
            "题目应为对象",
            "an item must be an object",
        ));
    };
    validate::value_string_lengths(value, path)?;
    let type_path = format!("{path}.type");
    let tag = match object.get("type") {
        None => {
            return Err(Error::new(
                ErrorCode::MissingField,
                type_path,
                "缺少必填字段 “type”",
                "missing required field \"type\"",
            ))
        }
        Some(Value::String(tag)) => tag.as_str(),
        Some(_) => {
            return Err(Error::new(
                ErrorCode::WrongType,
                type_path,
                "题型 “type” 应为字符串",
                "\"type\" must be a string",
            ))
        }
    };
    let Some(item_type) = ItemType::parse(tag) else {
        let known: Vec<&str> = ItemType::ALL.iter().map(|t| t.as_str()).collect();
        return Err(Error::new(
            ErrorCode::UnknownVariant,
            type_path,
            format!("未知题型 “{tag}”，应为 {} 之一", known.join("、")),
            format!(
                "unknown item type \"{tag}\"; expected one of {}",
                known.join(", ")
            ),
        ));
    };
    let mut rest = object.clone();
    rest.remove("type");
    let rest = Value::Object(rest);
    let decoded = match item_type {
        ItemType::Single => format::decode(&rest).map(Item::Single),
        ItemType::Multiple => format::decode(&rest).map(Item::Multiple),
        ItemType::TrueFalse => format::decode(&rest).map(Item::TrueFalse),
        ItemType::FillBlank => format::decode(&rest).map(Item::FillBlank),
        ItemType::Numeric => format::decode(&rest).map(Item::Numeric),
        ItemType::Ordering => format::decode(&rest).map(Item::Ordering),
        ItemType::Matching => format::decode(&rest).map(Item::Matching),
        ItemType::Situational => format::decode(&rest).map(Item::Situational),
        ItemType::ShortAnswer => format::decode(&rest).map(Item::ShortAnswer),
    };
    decoded.map_err(|e| e.within(path))
}
