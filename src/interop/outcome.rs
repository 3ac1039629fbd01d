//! What every importer takes (options) and gives back (the bank, or the problems found), and the
//! one import policy: bad rows import nothing unless the caller accepts skipping them.

use crate::format::{FromJson, ToJson};
use serde_json::{json, Map, Value};

use super::defaults;
use super::text::parse_dimension;
use crate::encoding::TextEncoding;
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;

/// How to import a file. Every field is optional; `{}` imports with the defaults.
#[derive(Debug, Clone, Default, PartialEq, FromJson, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase", default)]
pub struct ImportOptions {
    /// The new bank's id (default `imported-bank`).
    pub bank_id: Option<String>,
    /// The new bank's title (default 导入的题库).
    pub title: Option<String>,
    /// When false (the default) a file with any bad row imports nothing and the outcome lists
    /// every problem; when true the good rows are imported and the bad ones reported as skipped.
    pub accept_partial: bool,
    /// The worksheet to read from an `.xlsx` (default: the first).
    pub sheet: Option<String>,
    /// Points of an item whose file gives none (default 1).
    pub default_points: Option<f64>,
    /// Difficulty 1–5 of an item whose file gives none (default 3).
    pub default_difficulty: Option<u32>,
    /// Dimension (id or Chinese name) of an item whose file gives none (default
    /// product_knowledge).
    pub default_dimension: Option<String>,
    /// Knowledge point of an item whose file gives none (default 未分类).
    pub default_knowledge_point: Option<String>,
    /// The text encoding of a CSV, GIFT or Aiken file: `utf-8`, `gb18030` (also `gbk`),
    /// `utf-16le`, `utf-16be`; absent or `auto` to detect it (reported in the outcome).
    pub encoding: Option<String>,
}

/// The defaults of [`ImportOptions`], validated and resolved.
#[derive(Debug, Clone)]
pub(crate) struct Fallbacks {
    pub points: f64,
    pub difficulty: u32,
    pub dimension: &'static str,
    pub knowledge_point: String,
}

impl ImportOptions {
    /// The encoding the caller named, or `None` to detect it.
    pub(crate) fn text_encoding(&self) -> Result<Option<TextEncoding>, Error> {
        match self.encoding.as_deref().map(str::trim) {
            None | Some("") | Some("auto") => Ok(None),
            Some(label) => TextEncoding::from_label(label).map(Some).ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownVariant,
                    "encoding",
                    format!("未知的文字编码 “{label}”：应为 auto、utf-8、gbk（gb18030）或 utf-16"),
                    format!("unknown encoding \"{label}\": expected auto, utf-8, gbk (gb18030) or utf-16"),
                )
            }),
        }
    }

    /// Checks the options and resolves the defaults every importer falls back on.
    pub(crate) fn fallbacks(&self) -> Result<Fallbacks, Error> {
        let points = self.default_points.unwrap_or(defaults::DEFAULT_POINTS);
        if !(points.is_finite() && points > 0.0) {
            return Err(Error::new(
                ErrorCode::NonPositivePoints,
                "defaultPoints",
                "默认分值必须是大于 0 的数",
                "defaultPoints must be a number greater than 0",
            ));
        }
        let difficulty = self
            .default_difficulty
            .unwrap_or(defaults::DEFAULT_DIFFICULTY);
        if !(1..=5).contains(&difficulty) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "defaultDifficulty",
                "默认难度必须是 1 到 5 的整数",
                "defaultDifficulty must be a whole number from 1 to 5",
            ));
        }
        let dimension = match &self.default_dimension {
            None => defaults::DEFAULT_DIMENSION,
            Some(d) => parse_dimension(d).ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownDimension,
                    "defaultDimension",
                    format!("未知的能力维度 “{d}”"),
                    format!("unknown dimension \"{d}\""),
                )
            })?,
        };
        let knowledge_point = match &self.default_knowledge_point {
            Some(k) if !k.trim().is_empty() => k.trim().to_string(),
            _ => defaults::DEFAULT_KNOWLEDGE_POINT.to_string(),
        };
        Ok(Fallbacks {
            points,
            difficulty,
            dimension,
            knowledge_point,
        })
    }
}

/// One thing wrong with an imported file: where, why, in both languages.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Where: `题库!C7` (sheet, column letter, row number as the spreadsheet shows it), `C7`
    /// for CSV, `题库!7:7` for a whole row, `line 12` for GIFT and Aiken.
    pub path: String,
    /// The stable error code, e.g. `INVALID_ROW`.
    pub code: String,
    /// What is wrong and what was expected.
    pub message: Text,
}

impl From<&Error> for Problem {
    fn from(e: &Error) -> Self {
        Problem {
            path: e.path().to_string(),
            code: e.code().as_str().to_string(),
            message: e.messages().clone(),
        }
    }
}

/// What kind of note an import report line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum NoteKind {
    /// How the file was read (its encoding, its sheet).
    Info,
    /// The item differs from what the row or line says, in a way that keeps its meaning
    /// (`（）` became `____`, the answer text became the reference answer…).
    Changed,
    /// Something the file says that the bank cannot hold and was left out (per-answer
    /// feedback, Moodle weights no credit policy reproduces…).
    Dropped,
}

/// One line of an import report: what the import did to a row or line, beyond reading it.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Note {
    /// Where: as [`Problem::path`]; empty for the file as a whole.
    pub path: String,
    /// Info, changed or dropped.
    pub kind: NoteKind,
    /// What was done, in both languages.
    pub message: Text,
}

impl Note {
    pub(crate) fn new(
        path: impl Into<String>,
        kind: NoteKind,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Note {
            path: path.into(),
            kind,
            message: Text::new(zh, en),
        }
    }
}

/// What an import produced.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    /// The bank (format version 1), or null when problems were found and `acceptPartial` was
    /// not set: nothing is imported until the user accepts the report.
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub bank: Option<Value>,
    /// How many items the bank holds (0 when `bank` is null).
    pub item_count: u32,
    /// Every bad row or question, in file order: skipped when `bank` is set, blocking otherwise.
    pub problems: Vec<Problem>,
    /// The import report beyond the problems: per row or line, what was changed or could not
    /// be represented, and how the file was read; in file order.
    pub notes: Vec<Note>,
    /// The text encoding the file was read in (`utf-8`, `gb18030`, `utf-16le`, `utf-16be`), or
    /// null for `.xlsx`.
    pub encoding: Option<String>,
}

/// One parsed item, or why its row could not become one.
#[derive(Debug)]
pub(crate) struct Parsed {
    /// The item in the bank format.
    pub item: Value,
    /// Where the item's id came from, for a duplicate-id problem.
    pub id_path: String,
    /// What the importer changed or dropped while reading this item.
    pub notes: Vec<Note>,
}

impl Parsed {
    pub(crate) fn new(item: Value, id_path: String) -> Self {
        Parsed {
            item,
            id_path,
            notes: Vec::new(),
        }
    }
}

/// What makes two items the same question whatever their ids: the type, the stem and the
/// option texts, with spaces and full-width forms folded.
fn content_key(item: &Value) -> String {
    let fold = |s: &str| -> String {
        super::text::fold_width(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(fold).unwrap_or_default();
    let mut key = format!("{}\u{1}{}", text(item.get("type")), text(item.get("stem")));
    for list in ["options", "prompts"] {
        for o in item
            .get(list)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            key.push('\u{1}');
            key.push_str(&text(o.get("text")));
        }
    }
    key
}

/// Applies the import policy and wraps the items into a bank.
pub(crate) fn assemble(
    results: Vec<Result<Parsed, Error>>,
    options: &ImportOptions,
) -> Result<ImportOutcome, Error> {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut items = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut contents: std::collections::BTreeMap<String, (String, String)> =
        std::collections::BTreeMap::new();
    for result in results {
        match result {
            Err(e) => problems.push(Problem::from(&e)),
            Ok(parsed) => {
                let id = parsed
                    .item
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let key = content_key(&parsed.item);
                if let Some((first_id, first_path)) = contents.get(&key) {
                    // The same question again (whatever its id): one of them is imported.
                    let e = Error::new(
                        ErrorCode::DuplicateId,
                        parsed.id_path,
                        format!("与 {first_path}（编号 {first_id}）的题干和选项相同：重复的题目只导入一次"),
                        format!("same stem and options as {first_path} (id {first_id}): a repeated question is imported once"),
                    );
                    problems.push(Problem::from(&e));
                } else if !seen.insert(id.clone()) {
                    let e = Error::new(
                        ErrorCode::DuplicateId,
                        parsed.id_path,
                        format!("题目编号 “{id}” 重复，编号必须唯一"),
                        format!("item id \"{id}\" is used twice; ids must be unique"),
                    );
                    problems.push(Problem::from(&e));
                } else {
                    contents.insert(key, (id, parsed.id_path));
                    notes.extend(parsed.notes);
                    items.push(parsed.item);
                }
            }
        }
    }
    if !problems.is_empty() && !options.accept_partial {
        return Ok(ImportOutcome {
            bank: None,
            item_count: 0,
            problems,
            notes,
            encoding: None,
        });
    }
    if items.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidRow,
            problems.first().map(|p| p.path.clone()).unwrap_or_default(),
            "文件中没有可导入的题目",
            "the file holds no item that can be imported",
        ));
    }
    let item_count = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let mut bank = Map::new();
    bank.insert("schemaVersion".into(), json!(1));
    bank.insert(
        "id".into(),
        json!(non_blank(&options.bank_id).unwrap_or(defaults::DEFAULT_BANK_ID)),
    );
    bank.insert(
        "title".into(),
        json!(non_blank(&options.title).unwrap_or(defaults::DEFAULT_BANK_TITLE)),
    );
    bank.insert("multipleChoicePolicy".into(), json!({ "kind": "exact" }));
    bank.insert("negativeMarking".into(), Value::Null);
    bank.insert("items".into(), Value::Array(items));
    Ok(ImportOutcome {
        bank: Some(Value::Object(bank)),
        item_count,
        problems,
        notes,
        encoding: None,
    })
}

fn non_blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Builds the `tags` object every item carries.
pub(crate) fn tags(
    dimension: &str,
    knowledge_point: &str,
    difficulty: u32,
    labels: &[String],
) -> Value {
    let mut tags = Map::new();
    tags.insert("dimension".into(), json!(dimension));
    tags.insert("knowledgePoint".into(), json!(knowledge_point));
    tags.insert("difficulty".into(), json!(difficulty));
    if !labels.is_empty() {
        tags.insert("labels".into(), json!(labels));
    }
    Value::Object(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> Result<Parsed, Error> {
        Ok(Parsed::new(
            json!({ "id": id, "stem": id }),
            format!("{id}!A1"),
        ))
    }

    #[test]
    fn bad_rows_block_the_import_unless_accepted() {
        let bad = || Err(Error::new(ErrorCode::InvalidRow, "C3", "坏", "bad"));
        let blocked = assemble(vec![item("a"), bad()], &ImportOptions::default()).unwrap();
        assert!(blocked.bank.is_none());
        assert_eq!(blocked.problems.len(), 1);
        assert_eq!(blocked.problems[0].path, "C3");
        let options = ImportOptions {
            accept_partial: true,
            ..Default::default()
        };
        let partial = assemble(vec![item("a"), bad()], &options).unwrap();
        assert_eq!(partial.item_count, 1);
        assert_eq!(partial.problems[0].code, "INVALID_ROW");
        let only_bad = assemble(vec![bad()], &options).unwrap_err();
        assert_eq!(only_bad.code(), ErrorCode::InvalidRow);
    }

    #[test]
    fn duplicate_ids_are_problems() {
        let out = assemble(vec![item("a"), item("a")], &ImportOptions::default()).unwrap();
        assert_eq!(out.problems[0].code, "DUPLICATE_ID");
        assert_eq!(out.problems[0].path, "a!A1");
    }

    #[test]
    fn repeated_questions_are_problems_and_import_once() {
        let q = |id: &str, path: &str| {
            Ok(Parsed::new(
                json!({ "id": id, "type": "single", "stem": "保修多久？", "options": [{ "text": "1 年" }, { "text": "3 年" }] }),
                path.to_string(),
            ))
        };
        let out = assemble(
            vec![q("q-001", "2:2"), q("q-002", "3:3"), q("x", "4:4")],
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(out.problems.len(), 2);
        assert!(
            out.problems[0].message.zh.contains("2:2"),
            "{:?}",
            out.problems
        );
        let options = ImportOptions {
            accept_partial: true,
            ..Default::default()
        };
        let out = assemble(
            vec![q("q-001", "2:2"), q("q-002", "3:3"), q("x", "4:4")],
            &options,
        )
        .unwrap();
        assert_eq!(out.item_count, 1);
    }

    #[test]
    fn bad_options_are_errors() {
        let o = ImportOptions {
            default_points: Some(0.0),
            ..Default::default()
        };
        assert_eq!(o.fallbacks().unwrap_err().path(), "defaultPoints");
        let o = ImportOptions {
            default_dimension: Some("投诉处理".into()),
            ..Default::default()
        };
        assert_eq!(o.fallbacks().unwrap().dimension, "complaint_handling");
    }
}
