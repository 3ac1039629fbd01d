//! An adaptive exam a candidate takes offline (自适应复训考试), with its key kept off the device
//! as far as an offline adaptive test allows.
//!
//! An adaptive test must know after each answer whether it was right, on the candidate's device,
//! with no server. A sealed exam's encrypted key cannot serve (the device never decrypts it), so
//! the package the trainer publishes ([`build_adaptive_package`]) carries, per item, a random salt
//! and a **commitment** SHA-256("kaohe-adaptive/1" ‖ salt ‖ item id ‖ canonical answer) instead
//! of the answer. The device ([`adaptive_next`]) hashes the answer given, compares, and so
//! learns right or wrong for that answer only; it replays the logged (item, answer) list through
//! [`AdaptiveTest`] to pick the next item, exactly as after a reload.
//!
//! Nothing the device reports is believed. The trainer, whose device holds the bank with its
//! key, re-scores every logged answer with the real key and replays the selection from those
//! true responses ([`verify_adaptive_attempt`]): the item the algorithm picks at each step must
//! be the item the log shows, and the log must end exactly where the stop rule ends the test. A
//! device that reports wrong correctness, skips the selection rule, stops early or goes on is
//! flagged, and the trainer's θ comes from the true responses only.
//!
//! What a candidate with DevTools can still do: test the options of the item on screen against
//! its commitment (a handful of hashes for a choice item) and so answer it correctly. The
//! commitment keeps the key out of plain sight and out of any table computed beforehand (salts
//! are per item and per package); it is not a secret against someone who runs code. See
//! docs/security.md.

use serde_json::Value;

use super::adaptive::{AdaptiveItem, AdaptiveSettings, AdaptiveTest};
use super::bank::Bank;
use super::item::{Choice, Item};
use super::log::{replay, LogRecord};
use super::sha256::{hex, sha256};
use crate::error::{index_path, Error, ErrorCode, Result};
use crate::format::{FromJson, ToJson};
use crate::i18n::Text;

/// `format` of an adaptive package.
pub const ADAPTIVE_FORMAT: &str = "kaohe-adaptive";
/// The package format's version.
pub const ADAPTIVE_SCHEMA_VERSION: u32 = 1;
const DOMAIN: &str = "kaohe-adaptive/1";

/// One item as the candidate's device receives it: what to show, its calibration, and a
/// commitment to its answer instead of the answer.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptivePackageItem {
    /// The bank item's id.
    pub id: String,
    /// `single`, `multiple` or `trueFalse`.
    pub kind: String,
    /// The question.
    pub stem: String,
    /// The options (empty for true/false).
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Discrimination.
    pub a: f64,
    /// Difficulty.
    pub b: f64,
    /// Index in `areas`.
    pub area: u32,
    /// 32 hex digits, random per item and package.
    pub salt: String,
    /// SHA-256 (hex) of the domain, the salt, the id and the canonical answer.
    pub commitment: String,
}

/// What the trainer publishes and the candidate's device loads.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptivePackage {
    /// Always `kaohe-adaptive`.
    pub format: String,
    /// 1.
    pub schema_version: u32,
    /// The exam's id.
    pub id: String,
    /// The exam's title.
    pub title: String,
    /// The bank the items come from (the trainer's key).
    pub bank_id: String,
    /// Stop rule, balancing and exposure control (`seed` is replaced by the attempt's).
    pub settings: AdaptiveSettings,
    /// Pass mark on the ability scale (0 = the calibration group's average).
    pub cut_theta: f64,
    /// Content areas (the bank's dimension ids), indexed by the items' `area`.
    pub areas: Vec<String>,
    /// The calibrated items.
    pub items: Vec<AdaptivePackageItem>,
}

/// One item's calibration.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ItemCalibration {
    /// The bank item's id.
    pub item_id: String,
    /// Discrimination (1 for Rasch).
    pub a: f64,
    /// Difficulty.
    pub b: f64,
}

/// What [`build_adaptive_package`] needs.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptivePublishParams {
    /// The bank, with its key (the trainer's).
    pub bank: Value,
    /// The exam's id.
    pub id: String,
    /// The exam's title.
    pub title: String,
    /// Calibrated items; single-choice, multiple-choice and true/false only.
    pub calibration: Vec<ItemCalibration>,
    /// The rules (`areaTargets` empty: equal shares of the areas present, when `balance`).
    #[serde(default)]
    pub settings: AdaptiveSettings,
    /// Content balancing by dimension (on by default); off: maximum information only.
    #[serde(default = "balance_default")]
    pub balance: bool,
    /// Pass mark on the ability scale.
    #[serde(default)]
    pub cut_theta: f64,
    /// At least 32 hex digits of randomness (the page: `crypto.getRandomValues`): the salts
    /// are derived from it and it is not stored.
    pub secret: String,
}

fn balance_default() -> bool {
    true
}

fn invalid(code: ErrorCode, path: impl Into<String>, zh: &str, en: &str) -> Error {
    Error::new(code, path.into(), zh.to_string(), en.to_string())
}

/// The answer as one string: an option id, `true`/`false`, or sorted option ids joined by `,`.
/// `None` when the value is not an answer of that kind (or is empty).
pub fn canonical_answer(kind: &str, value: &Value) -> Option<String> {
    match (kind, value) {
        ("single", Value::String(s)) if !s.is_empty() => Some(s.clone()),
        ("trueFalse", Value::Bool(b)) => Some(b.to_string()),
        ("multiple", Value::Array(values)) => {
            let mut ids: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            if ids.is_empty() || ids.len() != values.len() {
                return None;
            }
            ids.sort_unstable();
            ids.dedup();
            Some(ids.join(","))
        }
        _ => None,
    }
}

fn commitment(salt: &str, item_id: &str, canonical: &str) -> String {
    hex(&sha256(
        [DOMAIN, "\n", salt, "\n", item_id, "\n", canonical]
            .concat()
            .as_bytes(),
    ))
}

/// The kind and the canonical key of a bank item usable in an adaptive exam.
fn keyed(item: &Item) -> Option<(&'static str, String, Vec<Choice>)> {
    match item {
        Item::Single(i) => Some(("single", i.answer.clone(), i.options.clone())),
        Item::TrueFalse(i) => Some(("trueFalse", i.answer.to_string(), Vec::new())),
        Item::Multiple(i) => {
            let mut ids: Vec<&str> = i.answer.iter().map(String::as_str).collect();
            ids.sort_unstable();
            ids.dedup();
            Some(("multiple", ids.join(","), i.options.clone()))
        }
        _ => None,
    }
}

/// The index of a content area (a bank dimension) in `areas`, appended when new: the areas in
/// the order the items first name them (an adaptive package's, parallel papers').
pub(crate) fn area_index(areas: &mut Vec<String>, dimension: &str) -> u32 {
    let index = match areas.iter().position(|a| a == dimension) {
        Some(p) => p,
        None => {
            areas.push(dimension.to_string());
            areas.len() - 1
        }
    };
    index as u32
}

/// Builds the package a candidate's device loads: the calibrated items with commitments, no key.
pub fn build_adaptive_package(params: &AdaptivePublishParams) -> Result<AdaptivePackage> {
    let bank = Bank::decode(&params.bank)?;
    if params.secret.len() < 32 || !params.secret.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "secret",
            "随机数不足：需要至少 32 位十六进制数字",
            "needs at least 32 hex digits of randomness",
        ));
    }
    if params.id.trim().is_empty() {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "id",
            "考试编号不能为空",
            "must not be blank",
        ));
    }
    if !params.cut_theta.is_finite() {
        return Err(invalid(
            ErrorCode::OutOfRange,
            "cutTheta",
            "合格线应为有限数值",
            "must be a finite number",
        ));
    }
    let mut areas: Vec<String> = Vec::new();
    let mut items = Vec::with_capacity(params.calibration.len());
    for (k, cal) in params.calibration.iter().enumerate() {
        let path = format!("calibration[{k}]");
        let Some(item) = bank.item(&cal.item_id) else {
            return Err(invalid(
                ErrorCode::UnknownReference,
                format!("{path}.itemId"),
                "题库中没有这道题",
                "the bank has no such item",
            ));
        };
        if items
            .iter()
            .any(|i: &AdaptivePackageItem| i.id == cal.item_id)
        {
            return Err(invalid(
                ErrorCode::DuplicateId,
                format!("{path}.itemId"),
                "同一道题出现了两次",
                "the item is listed twice",
            ));
        }
        let Some((kind, key, options)) = keyed(item) else {
            return Err(invalid(
                ErrorCode::InvalidValue,
                format!("{path}.itemId"),
                "自适应考试只能用单选、多选和判断题",
                "adaptive exams take single-choice, multiple-choice and true/false items only",
            ));
        };
        let area = area_index(&mut areas, &item.tags().dimension);
        let salt = hex(&sha256(
            format!(
                "{DOMAIN}/salt\n{}\n{}\n{}",
                params.secret, params.id, cal.item_id
            )
            .as_bytes(),
        ))[..32]
            .to_string();
        let commitment = commitment(&salt, &cal.item_id, &key);
        items.push(AdaptivePackageItem {
            id: cal.item_id.clone(),
            kind: kind.to_string(),
            stem: item.stem().to_string(),
            options,
            a: cal.a,
            b: cal.b,
            area,
            salt,
            commitment,
        });
    }
    if items.is_empty() {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "calibration",
            "没有可用的已估计参数的题目",
            "no calibrated item to use",
        ));
    }
    let mut settings = params.settings.clone();
    if !params.balance {
        settings.area_targets.clear();
    } else if settings.area_targets.is_empty() {
        settings.area_targets = vec![1.0; areas.len()];
    } else if settings.area_targets.len() != areas.len() {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "settings.areaTargets",
            "各领域占比的个数应与题目涉及的领域数相同",
            "needs one share per content area of the items",
        ));
    }
    let package = AdaptivePackage {
        format: ADAPTIVE_FORMAT.to_string(),
        schema_version: ADAPTIVE_SCHEMA_VERSION,
        id: params.id.clone(),
        title: params.title.clone(),
        bank_id: bank.id().to_string(),
        settings,
        cut_theta: params.cut_theta,
        areas,
        items,
    };
    check_package(&package)?;
    Ok(package)
}

/// Checks a package's envelope, items and rules (what every call on it relies on).
pub fn check_package(package: &AdaptivePackage) -> Result<()> {
    check_envelope(
        &package.format,
        package.schema_version,
        package.cut_theta,
        package.areas.len(),
        package.items.iter().map(|i| (i.kind.as_str(), i.area)),
        package_bank(package),
        &package.settings,
    )
}

/// The checks of [`check_package`] over what both a package and the lean step carry (kind and
/// area of each item, the calibrated bank, the rules), so both report the same errors at the
/// same paths.
fn check_envelope<'a>(
    format: &str,
    schema_version: u32,
    cut_theta: f64,
    areas: usize,
    items: impl Iterator<Item = (&'a str, u32)>,
    bank: Vec<AdaptiveItem>,
    settings: &AdaptiveSettings,
) -> Result<()> {
    if format != ADAPTIVE_FORMAT {
        return Err(invalid(
            ErrorCode::InvalidValue,
            "format",
            "这不是自适应考试包",
            "not an adaptive exam package",
        ));
    }
    crate::format::check_schema_version(
        schema_version,
        ADAPTIVE_SCHEMA_VERSION,
        "自适应考试包/adaptive package",
    )?;
    if !cut_theta.is_finite() {
        return Err(invalid(
            ErrorCode::OutOfRange,
            "cutTheta",
            "合格线应为有限数值",
            "must be a finite number",
        ));
    }
    for (i, (kind, area)) in items.enumerate() {
        if !matches!(kind, "single" | "multiple" | "trueFalse") {
            return Err(invalid(
                ErrorCode::InvalidValue,
                index_path("items", i, ".kind"),
                "题型应为单选、多选或判断",
                "must be single, multiple or trueFalse",
            ));
        }
        if area as usize >= areas {
            return Err(invalid(
                ErrorCode::OutOfRange,
                index_path("items", i, ".area"),
                "领域编号超出范围",
                "names no content area",
            ));
        }
    }
    // The bank and the rules: the same checks as one step of the test.
    super::adaptive::adaptive_step(&super::adaptive::AdaptiveStepParams {
        items: bank,
        settings: settings.clone(),
        responses: Vec::new(),
    })?;
    Ok(())
}

/// The calibrated bank the test runs on: (a, b, area) of each package item, in order.
fn bank_of(items: impl Iterator<Item = (f64, f64, u32)>) -> Vec<AdaptiveItem> {
    items
        .map(|(a, b, area)| AdaptiveItem { a, b, area })
        .collect()
}

fn package_bank(package: &AdaptivePackage) -> Vec<AdaptiveItem> {
    bank_of(package.items.iter().map(|i| (i.a, i.b, i.area)))
}

/// One logged answer: the item shown and the value given (as the attempt log records it).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveAnswer {
    /// The item's id.
    pub item_id: String,
    /// The answer as given (`"B"`, `true`, `["A","C"]`).
    pub value: Value,
}

/// What one step on the candidate's device needs: the package, the attempt's seed and the
/// answers logged so far, in order.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveNextParams {
    /// The loaded package.
    pub package: AdaptivePackage,
    /// The attempt's seed (logged in its start event).
    pub seed: u32,
    /// The answers in the order given.
    #[serde(default)]
    pub answers: Vec<AdaptiveAnswer>,
}

/// Where the attempt stands on the device (provisional: the trainer's verification decides).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveNext {
    /// The item to show next (its index in `package.items`); `null` when the test is over.
    pub next_item: Option<u32>,
    /// Items answered.
    pub given: u32,
    /// Of which correct.
    pub correct: u32,
    /// EAP ability.
    pub theta: f64,
    /// Its posterior SD.
    pub se: f64,
    /// Whether the stop rule is met.
    pub finished: bool,
    /// θ ≥ the package's cut.
    pub passed: bool,
}

fn settings_with_seed(package: &AdaptivePackage, seed: u32) -> AdaptiveSettings {
    let mut settings = package.settings.clone();
    settings.seed = seed;
    settings
}

/// The index of each answer's item in the package (`items` of them, `position` finds an id),
/// checking it names a package item once. The selection rule is not checked here (the trainer
/// does): the device replays what it logged.
fn answer_indexes<'a>(
    items: usize,
    position: impl Fn(&str) -> Option<usize>,
    answers: impl Iterator<Item = &'a str>,
) -> Result<Vec<usize>> {
    let mut seen = vec![false; items];
    let mut out = Vec::new();
    for (k, item_id) in answers.enumerate() {
        let Some(index) = position(item_id) else {
            return Err(invalid(
                ErrorCode::UnknownReference,
                index_path("answers", k, ".itemId"),
                "作答指向考试包中没有的题目",
                "the answer names an item that is not in the package",
            ));
        };
        if std::mem::replace(&mut seen[index], true) {
            return Err(invalid(
                ErrorCode::DuplicateId,
                index_path("answers", k, ".itemId"),
                "同一道题作答了两次",
                "the item was answered twice",
            ));
        }
        out.push(index);
    }
    Ok(out)
}

/// Whether `value` matches the item's commitment (what the device can know).
pub fn matches_commitment(item: &AdaptivePackageItem, value: &Value) -> bool {
    canonical_answer(&item.kind, value)
        .is_some_and(|c| commitment(&item.salt, &item.id, &c) == item.commitment)
}

/// One step on the candidate's device: checks each logged answer against its commitment,
/// replays the test and picks the next item. Calling it again after a reload gives the same.
pub fn adaptive_next(params: &AdaptiveNextParams) -> Result<AdaptiveNext> {
    let package = &params.package;
    check_package(package)?;
    let indexes = answer_indexes(
        package.items.len(),
        |id| package.items.iter().position(|i| i.id == id),
        params.answers.iter().map(|a| a.item_id.as_str()),
    )?;
    let bank = package_bank(package);
    let settings = settings_with_seed(package, params.seed);
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    let mut correct = 0;
    for (answer, &index) in params.answers.iter().zip(&indexes) {
        let right = matches_commitment(&package.items[index], &answer.value);
        correct += u32::from(right);
        test.record(&bank, index as u32, right);
    }
    Ok(AdaptiveNext {
        next_item: test.next_item(&bank, &settings),
        given: test.responses.len() as u32,
        correct,
        theta: test.theta,
        se: test.se,
        finished: test.finished(&bank, &settings),
        passed: test.theta >= package.cut_theta,
    })
}

/// What the trainer's verification needs: the package as published (the trainer's copy, not
/// the candidate's file), the bank with its key, and the attempt's seed and answers from its log.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveVerifyParams {
    /// The package as the trainer published it.
    pub package: AdaptivePackage,
    /// The bank with its key.
    pub bank: Value,
    /// The attempt's seed.
    pub seed: u32,
    /// The logged answers in order (empty when `log` is given: they are read from it).
    #[serde(default)]
    pub answers: Vec<AdaptiveAnswer>,
    /// Whether the attempt was submitted.
    #[serde(default)]
    pub submitted: bool,
    /// The attempt as stored (its events with their hashes, chain head, stored answers and
    /// times; the page passes the attempt record itself). When given, its hash chain is
    /// recomputed as every attempt's is ([`super::log::replay`]), the answers are the log's
    /// (the first answer event per item, in log order, as the device replays them) and the seed
    /// must be the one the start event records.
    #[serde(default)]
    pub log: Option<LogRecord>,
}

/// A problem the verification found.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveFlag {
    /// Stable code: `keyMismatch`, `unknownItem`, `repeatedItem`, `wrongItem`, `stoppedEarly`,
    /// `pastStop`, `notSubmitted`; with the log: `hashMismatch`, `headMismatch`,
    /// `answerMismatch`, `timeMismatch`, `noLog` (the log's own check, [`super::log::LogProblem`]'s codes)
    /// and `seedMismatch`.
    pub code: String,
    /// The answer's position (0-based) when the flag is about one.
    pub step: Option<u32>,
    /// Where in the attempt record, for the log's flags: `events[3]`, `chainHead`,
    /// `responses.pk-001`, `startedAt`, `seed`.
    #[serde(default)]
    pub path: Option<String>,
    /// In both languages.
    pub message: Text,
}

/// The trainer's verdict on an adaptive attempt, from the true responses only.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveVerification {
    /// No flag.
    pub valid: bool,
    /// Problems found.
    pub flags: Vec<AdaptiveFlag>,
    /// Items answered (counted: those in the package, once each).
    pub given: u32,
    /// Of which correct by the real key.
    pub correct: u32,
    /// EAP ability from the true responses.
    pub theta: f64,
    /// Its posterior SD.
    pub se: f64,
    /// θ ≥ cut.
    pub passed: bool,
}

fn flag(flags: &mut Vec<AdaptiveFlag>, code: &str, step: Option<u32>, zh: String, en: String) {
    flags.push(AdaptiveFlag {
        code: code.to_string(),
        step,
        path: None,
        message: Text::new(zh, en),
    });
}

/// The answers an attempt's log records, as the device replays them: the first answer event per
/// item, in log order.
#[inline(never)]
pub fn logged_answers(events: &[Value]) -> Vec<AdaptiveAnswer> {
    let mut out: Vec<AdaptiveAnswer> = Vec::new();
    for event in events {
        if event.get("type").and_then(Value::as_str) != Some("answer") {
            continue;
        }
        let Some(item_id) = event.get("itemId").and_then(Value::as_str) else {
            continue;
        };
        if out.iter().all(|a| a.item_id != item_id) {
            out.push(AdaptiveAnswer {
                item_id: item_id.to_string(),
                value: event.get("value").cloned().unwrap_or(Value::Null),
            });
        }
    }
    out
}

/// The flags of the log's own check ([`super::log::replay`], which recomputes the hash chain as
/// for every attempt) in plain words, with the code and the path the check gives.
/// The words of the log's flags: (what the log's check found, the flag's code, Chinese before
/// and after the number, English before and after). `ANSWER_GONE`: a stored answer to a
/// question the log lacks (an entry dropped); `startedAt`, `submittedAt`: the times.
const LOG_WORDS: [(&str, &str, &str, &str, &str, &str); 7] = [
    ("HASH_MISMATCH", "hashMismatch", "作答记录从第 ", " 条起被改动、删除或调换过：这一条与前一条记录对不上", "the attempt log was changed, cut or reordered from entry ", " on: that entry does not follow the one before it"),
    ("HEAD_MISMATCH", "headMismatch", "", "作答记录的结尾与保存的校验值对不上：记录被截短、加长或整份替换过", "", "the end of the attempt log does not match its stored check value: entries were cut off or added, or the log was replaced"),
    ("ANSWER_MISMATCH", "answerMismatch", "第 ", " 题保存的答案与作答记录不一致", "the stored answer to question ", " differs from the attempt log"),
    ("ANSWER_GONE", "answerMismatch", "", "有一道题保存了答案，作答记录中却没有这道题", "", "an answer is stored for a question the attempt log does not have"),
    ("startedAt", "timeMismatch", "", "开始时间与作答记录不一致", "", "the start time differs from the attempt log"),
    ("submittedAt", "timeMismatch", "", "交卷时间与作答记录不一致", "", "the submit time differs from the attempt log"),
    ("NO_LOG", "noLog", "", "这份作答没有作答记录", "", "the attempt has no log"),
];

// Not inlined, and its words from one table: the full module carries it, under a size limit.
#[inline(never)]
fn log_flags(
    log: &LogRecord,
    answers: &[AdaptiveAnswer],
    seed: u32,
    flags: &mut Vec<AdaptiveFlag>,
) {
    // Once an entry does not follow, none after it does (each is hashed after the one before):
    // one flag for the first entry of each such run.
    let mut broken: Option<usize> = None;
    for problem in &replay(log).verification.problems {
        let path = problem.path.as_str();
        // The entry or the question by its number, counted from 1 (no item id on the page).
        let (key, n) = match problem.code.as_str() {
            "HASH_MISMATCH" => {
                let i = path
                    .strip_prefix("events[")
                    .and_then(|rest| rest.strip_suffix(']'))
                    .and_then(|i| i.parse::<usize>().ok());
                let run = i.is_some() && broken.is_some_and(|b| Some(b + 1) == i);
                broken = i;
                if run {
                    continue;
                }
                ("HASH_MISMATCH", i)
            }
            "ANSWER_MISMATCH" => {
                let item = path.strip_prefix("responses.").unwrap_or(path);
                match answers.iter().position(|a| a.item_id == item) {
                    Some(k) => ("ANSWER_MISMATCH", Some(k)),
                    None => ("ANSWER_GONE", None),
                }
            }
            "TIME_MISMATCH" => (path, None),
            other => (other, None),
        };
        let n = n.map(|k| (k + 1).to_string()).unwrap_or_default();
        let words = LOG_WORDS
            .iter()
            .find(|w| w.0 == key)
            .unwrap_or(&LOG_WORDS[6]);
        flags.push(AdaptiveFlag {
            code: words.1.to_string(),
            step: None,
            path: Some(problem.path.clone()),
            message: Text::new(
                [words.2, &n, words.3].concat(),
                [words.4, &n, words.5].concat(),
            ),
        });
    }
    let start = log
        .events
        .first()
        .filter(|e| e.get("type").and_then(Value::as_str) == Some("start"));
    if let Some(logged) = start.and_then(|e| e.get("seed")) {
        if logged.as_u64() != Some(u64::from(seed)) {
            flags.push(AdaptiveFlag {
                code: "seedMismatch".to_string(),
                step: None,
                path: Some("seed".to_string()),
                message: Text::new(
                    "作答的随机种子与作答记录开头记下的不一致：出题顺序被改动过",
                    "the attempt's seed differs from the one its log recorded at the start: the question order was tampered with",
                ),
            });
        }
    }
}

/// Re-scores an adaptive attempt with the real key and replays the selection from the true
/// responses: every item must be the one the algorithm picks, and the log must end where the
/// stop rule ends the test.
pub fn verify_adaptive_attempt(params: &AdaptiveVerifyParams) -> Result<AdaptiveVerification> {
    let package = &params.package;
    check_package(package)?;
    let bank_key = Bank::decode(&params.bank)?;
    let bank = package_bank(package);
    let settings = settings_with_seed(package, params.seed);
    let mut flags = Vec::new();
    let from_log;
    let answers = match &params.log {
        Some(_) if !params.answers.is_empty() => {
            return Err(invalid(
                ErrorCode::InvalidValue,
                "answers",
                "已给出作答记录时，作答从记录中读取，不要另给",
                "the answers are read from the log when it is given: give one or the other",
            ))
        }
        Some(log) => {
            from_log = logged_answers(&log.events);
            log_flags(log, &from_log, params.seed, &mut flags);
            &from_log
        }
        None => &params.answers,
    };
    // The package's commitments must be the bank's key (a package built from another bank, or
    // a bank edited since, would score against the wrong key).
    for item in &package.items {
        let key_ok = bank_key
            .item(&item.id)
            .and_then(keyed)
            .is_some_and(|(_, key, _)| commitment(&item.salt, &item.id, &key) == item.commitment);
        if !key_ok {
            flag(
                &mut flags,
                "keyMismatch",
                None,
                format!("考试包中的题目“{}”与题库的答案不一致", item.id),
                format!(
                    "the package's item \"{}\" does not match the bank's key",
                    item.id
                ),
            );
        }
    }
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    let mut correct = 0;
    let mut finished_at: Option<usize> = None;
    for (k, answer) in answers.iter().enumerate() {
        let step = Some(k as u32);
        let n = k + 1;
        if finished_at.is_none() && test.finished(&bank, &settings) {
            finished_at = Some(k);
            flag(
                &mut flags,
                "pastStop",
                step,
                format!("按停止规则考试应在第 {k} 题后结束，记录中却继续作答"),
                format!("the stop rule ends the test after {k} items, but the log goes on"),
            );
        }
        let Some(index) = package.items.iter().position(|i| i.id == answer.item_id) else {
            flag(
                &mut flags,
                "unknownItem",
                step,
                format!("第 {n} 题不在考试包中"),
                format!("item {n} is not in the package"),
            );
            continue;
        };
        if answers[..k].iter().any(|a| a.item_id == answer.item_id) {
            flag(
                &mut flags,
                "repeatedItem",
                step,
                format!("第 {n} 题重复出现"),
                format!("item {n} was given twice"),
            );
            continue;
        }
        if finished_at.is_none() {
            let expected = test.next_item(&bank, &settings);
            if expected != Some(index as u32) {
                flag(
                    &mut flags,
                    "wrongItem",
                    step,
                    format!("第 {n} 题不是按真实对错应出的题：考生设备的判分或选题被改动"),
                    format!(
                        "item {n} is not the one the true responses select: the device's scoring or selection was altered"
                    ),
                );
            }
        }
        let key = bank_key.item(&answer.item_id).and_then(keyed);
        let right = match (
            key,
            canonical_answer(&package.items[index].kind, &answer.value),
        ) {
            (Some((_, key, _)), Some(given)) => key == given,
            _ => false,
        };
        correct += u32::from(right);
        test.record(&bank, index as u32, right);
    }
    if params.submitted && finished_at.is_none() && !test.finished(&bank, &settings) {
        let n = test.responses.len();
        flag(
            &mut flags,
            "stoppedEarly",
            None,
            format!("作答 {n} 题就结束了，按停止规则还应继续出题"),
            format!("the test ended after {n} items, before the stop rule"),
        );
    }
    if !params.submitted {
        flag(
            &mut flags,
            "notSubmitted",
            None,
            "考生尚未交卷".to_string(),
            "not submitted yet".to_string(),
        );
    }
    Ok(AdaptiveVerification {
        valid: flags.is_empty(),
        flags,
        given: test.responses.len() as u32,
        correct,
        theta: test.theta,
        se: test.se,
        passed: test.theta >= package.cut_theta,
    })
}

// ---------------------------------------------------------------------------------------------
// The device's step without JSON: what the adaptive module's binding reads straight from the JS
// objects, so the module links no JSON parser or printer, no item decoder and no float printer
// (issue 19: what an adaptive exam adds to the page, 60 KB gzip → under 25 KB). The same checks
// and the same result as [`adaptive_next`] (tests/exam_adaptive_exam.rs compares them).

/// A logged answer's value as the device reads it (the cases [`canonical_answer`] tells apart).
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    /// A string (a single-choice option id).
    Text(String),
    /// A boolean (true/false).
    Flag(bool),
    /// An array (multiple choice): each entry's text, `None` when it is not a string.
    List(Vec<Option<String>>),
    /// Anything else (never a valid answer).
    Other,
}

impl AnswerValue {
    /// The value of a JSON answer.
    pub fn of_json(value: &Value) -> AnswerValue {
        match value {
            Value::String(s) => AnswerValue::Text(s.clone()),
            Value::Bool(b) => AnswerValue::Flag(*b),
            Value::Array(values) => AnswerValue::List(
                values
                    .iter()
                    .map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => AnswerValue::Other,
        }
    }
}

/// [`canonical_answer`] of an [`AnswerValue`].
pub fn canonical_answer_lean(kind: &str, value: &AnswerValue) -> Option<String> {
    match (kind, value) {
        ("single", AnswerValue::Text(s)) if !s.is_empty() => Some(s.clone()),
        ("trueFalse", AnswerValue::Flag(b)) => Some(if *b { "true" } else { "false" }.to_string()),
        ("multiple", AnswerValue::List(values)) => {
            let mut ids = Vec::with_capacity(values.len());
            for v in values {
                ids.push(v.as_deref()?);
            }
            if ids.is_empty() {
                return None;
            }
            // An insertion sort: a handful of option ids, and the module then links no general
            // sort for strings (the same order as `sort_unstable`, so the same string).
            for i in 1..ids.len() {
                let mut j = i;
                while j > 0 && ids[j - 1] > ids[j] {
                    ids.swap(j - 1, j);
                    j -= 1;
                }
            }
            ids.dedup();
            Some(ids.join(","))
        }
        _ => None,
    }
}

/// One package item as the device's step needs it: no stem, no options.
#[derive(Debug, Clone, PartialEq)]
pub struct LeanItem {
    /// The bank item's id.
    pub id: String,
    /// `single`, `multiple` or `trueFalse`.
    pub kind: String,
    /// Discrimination.
    pub a: f64,
    /// Difficulty.
    pub b: f64,
    /// Index in the package's areas.
    pub area: u32,
    /// The item's salt.
    pub salt: String,
    /// The commitment to its answer.
    pub commitment: String,
}

/// The package as the device's step reads it: its envelope, rules and items (without their
/// text). Checked once ([`LeanPackage::check`]), it serves every step of an attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct LeanPackage {
    /// The package's `format`.
    pub format: String,
    /// The package's `schemaVersion`.
    pub schema_version: u32,
    /// The package's pass mark.
    pub cut_theta: f64,
    /// The package's rules.
    pub settings: AdaptiveSettings,
    /// How many content areas the package names.
    pub areas: usize,
    /// The package's items.
    pub items: Vec<LeanItem>,
}

impl LeanPackage {
    /// The lean form of a package.
    pub fn of(p: &AdaptivePackage) -> LeanPackage {
        LeanPackage {
            format: p.format.clone(),
            schema_version: p.schema_version,
            cut_theta: p.cut_theta,
            settings: p.settings.clone(),
            areas: p.areas.len(),
            items: p
                .items
                .iter()
                .map(|i| LeanItem {
                    id: i.id.clone(),
                    kind: i.kind.clone(),
                    a: i.a,
                    b: i.b,
                    area: i.area,
                    salt: i.salt.clone(),
                    commitment: i.commitment.clone(),
                })
                .collect(),
        }
    }

    /// Runs the checks of [`check_package`] (the same errors at the same paths) and keeps the
    /// calibrated bank the replay uses.
    pub fn check(self) -> Result<CheckedPackage> {
        let bank = bank_of(self.items.iter().map(|i| (i.a, i.b, i.area)));
        check_envelope(
            &self.format,
            self.schema_version,
            self.cut_theta,
            self.areas,
            self.items.iter().map(|i| (i.kind.as_str(), i.area)),
            bank.clone(),
            &self.settings,
        )?;
        Ok(CheckedPackage {
            package: self,
            bank,
        })
    }
}

/// A package that passed [`LeanPackage::check`]: what the steps of one attempt share, so that a
/// step only replays the answers (reading and checking 500 items was nine tenths of a step's
/// time; docs/statistics-irt.md, section 4).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedPackage {
    package: LeanPackage,
    bank: Vec<AdaptiveItem>,
}

impl CheckedPackage {
    /// One step: checks each logged answer (item id, value) against its commitment, replays the
    /// test with the attempt's seed and picks the next item. The same answers always give the
    /// same step, so a reload resumes.
    pub fn next(&self, seed: u32, answers: &[(String, AnswerValue)]) -> Result<AdaptiveNext> {
        let (package, bank) = (&self.package, &self.bank);
        let indexes = answer_indexes(
            package.items.len(),
            |id| package.items.iter().position(|i| i.id == id),
            answers.iter().map(|(id, _)| id.as_str()),
        )?;
        let mut settings = package.settings.clone();
        settings.seed = seed;
        let mut test = AdaptiveTest::new(bank.len(), &settings);
        let mut correct = 0;
        for ((_, value), &index) in answers.iter().zip(&indexes) {
            let item = &package.items[index];
            let right = canonical_answer_lean(&item.kind, value)
                .is_some_and(|c| commitment(&item.salt, &item.id, &c) == item.commitment);
            correct += u32::from(right);
            test.record(bank, index as u32, right);
        }
        Ok(AdaptiveNext {
            next_item: test.next_item(bank, &settings),
            given: test.responses.len() as u32,
            correct,
            theta: test.theta,
            se: test.se,
            finished: test.finished(bank, &settings),
            passed: test.theta >= package.cut_theta,
        })
    }
}

/// What the device keeps between the steps of an attempt: the last package it read and checked,
/// under the caller's key for it (the adaptive module: the package's JS object, by identity; a
/// caller changes a package by passing another object, never by editing the one passed). A step
/// on the same key only replays; another key (another package, or the same one loaded again
/// after a reload) is read afresh, and a package that fails its checks is not kept.
#[derive(Debug)]
pub struct StepCache<K> {
    kept: Option<(K, CheckedPackage)>,
}

impl<K> StepCache<K> {
    /// Nothing kept.
    pub const fn new() -> Self {
        StepCache { kept: None }
    }
}

impl<K> Default for StepCache<K> {
    fn default() -> Self {
        StepCache::new()
    }
}

impl<K: PartialEq> StepCache<K> {
    /// The checked package `key` names: the kept one, or `read()` checked (and then kept in its
    /// place) when `key` is not the kept package's. Then [`CheckedPackage::next`] is the step.
    pub fn package(
        &mut self,
        key: K,
        read: impl FnOnce() -> Result<LeanPackage>,
    ) -> Result<&CheckedPackage> {
        let kept = match self.kept.take() {
            Some(kept) if kept.0 == key => kept,
            _ => (key, read()?.check()?),
        };
        Ok(&self.kept.insert(kept).1)
    }

    /// Whether the package `key` names is kept.
    pub fn holds(&self, key: &K) -> bool {
        self.kept.as_ref().is_some_and(|(k, _)| k == key)
    }
}

/// What [`adaptive_next_lean`] needs: the package as the step reads it, the attempt's seed and
/// the logged answers (item id, value) in order.
#[derive(Debug, Clone, PartialEq)]
pub struct LeanNextParams {
    /// The package.
    pub package: LeanPackage,
    /// The attempt's seed.
    pub seed: u32,
    /// The answers in the order given.
    pub answers: Vec<(String, AnswerValue)>,
}

impl LeanNextParams {
    /// The lean form of the JSON parameters (what the module's binding reads from JS).
    pub fn of(params: &AdaptiveNextParams) -> LeanNextParams {
        LeanNextParams {
            package: LeanPackage::of(&params.package),
            seed: params.seed,
            answers: params
                .answers
                .iter()
                .map(|a| (a.item_id.clone(), AnswerValue::of_json(&a.value)))
                .collect(),
        }
    }
}

/// [`adaptive_next`] on the lean parameters: the same checks (errors at the same paths) and the
/// same step.
pub fn adaptive_next_lean(params: &LeanNextParams) -> Result<AdaptiveNext> {
    params
        .package
        .clone()
        .check()?
        .next(params.seed, &params.answers)
}
