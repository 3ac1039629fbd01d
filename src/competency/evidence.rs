//! The evidence input format (v1): the people evaluated and every piece of evidence about them.
//!
//! It is decoupled from the exam and rubric modules on purpose: the binding converts exam tag
//! results, rubric section scores, imported KPIs and entered ratings into these records, so the
//! evaluation can be tested on its own.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::format::{FromJson, ToJson};

use super::defaults;
use super::model::CompiledModel;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::format;

/// The newest evidence format this build reads.
pub const EVIDENCE_SCHEMA_VERSION: u32 = 1;

/// What a piece of evidence is, which also fixes its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum EvidenceKind {
    /// An exam tag result, percent 0–100; key = dimension id or knowledge point.
    Exam,
    /// A rubric section score, 0–100; key = rubric section id.
    Rubric,
    /// A KPI value in its own unit; key = csat, fcr, aht, complaintRate, resolutionRate, qaScore.
    Kpi,
    /// The person's own rating, 1–5; key = dimension id.
    SelfRating,
    /// The supervisor's rating, 1–5; key = dimension id.
    SupervisorRating,
}

impl EvidenceKind {
    /// The source's name in both languages, as explanations print it.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            EvidenceKind::Exam => ("考试", "exam"),
            EvidenceKind::Rubric => ("实操评分", "rubric"),
            EvidenceKind::Kpi => ("KPI", "KPI"),
            EvidenceKind::SelfRating => ("自评", "self rating"),
            EvidenceKind::SupervisorRating => ("主管评", "supervisor"),
        }
    }
}

/// Everyone evaluated and the evidence about them.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvidenceSet {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The people, in the order reports list them.
    pub people: Vec<Person>,
    /// The evidence, in any order.
    pub evidence: Vec<EvidenceRecord>,
    /// A self or supervisor rating naming a dimension the model lacks is an error
    /// (`UNKNOWN_DIMENSION`) unless this is true: then it is left out and listed in the
    /// evaluation's `ignoredRecords`, never dropped without a word.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skip_unknown_dimensions: bool,
}

/// A record left out of an evaluation at the caller's request.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct IgnoredRecord {
    /// Index in `evidence`.
    pub index: u32,
    /// The person.
    pub person_id: String,
    /// Its kind.
    pub kind: EvidenceKind,
    /// The dimension id the model does not define.
    pub key: String,
    /// Why, in both languages.
    pub reason: crate::i18n::Text,
}

/// Checks that every rating names a dimension of the model. Unknown ones fail with
/// `UNKNOWN_DIMENSION` at `evidence[i].key` (listing the model's ids), or, when the set asks to
/// skip them, are returned so the evaluation lists them.
pub fn check_rating_dimensions(
    set: &EvidenceSet,
    model: &CompiledModel,
) -> Result<Vec<IgnoredRecord>, Error> {
    let mut ignored = Vec::new();
    for (i, record) in set.evidence.iter().enumerate() {
        if !matches!(
            record.kind,
            EvidenceKind::SelfRating | EvidenceKind::SupervisorRating
        ) || model.dimension_index(&record.key).is_some()
        {
            continue;
        }
        let ids: Vec<&str> = model.dimensions.iter().map(|d| d.id.as_str()).collect();
        let (zh, en) = (
            format!(
                "评价中的维度 “{}” 不在能力模型中；可用的维度：{}",
                record.key,
                ids.join("、")
            ),
            format!(
                "the rating names dimension \"{}\", which the model lacks; valid ids: {}",
                record.key,
                ids.join(", ")
            ),
        );
        if !set.skip_unknown_dimensions {
            return Err(Error::new(
                ErrorCode::UnknownDimension,
                format!("evidence[{i}].key"),
                zh,
                en,
            ));
        }
        ignored.push(IgnoredRecord {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            person_id: record.person_id.clone(),
            kind: record.kind,
            key: record.key.clone(),
            reason: crate::i18n::Text::new(zh, en),
        });
    }
    Ok(ignored)
}

/// A person being evaluated.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Person {
    /// Employee id (工号), e.g. `E1001`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role id from the model (`frontline`, `senior`…).
    pub role: String,
    /// Line of business or team (售前 / 售后 / VIP…).
    pub group: String,
    /// Hire date (入职日期), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string", optional))]
    pub hire_date: Option<Date>,
    /// Any other field to compare groups by (班组, 班次…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// 班组: the team within the line of business (售后一组…), if the roster gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The direct supervisor's employee id (直属主管工号); must be in the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_id: Option<String>,
    /// The mentor's employee id (师傅工号); must be in the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_id: Option<String>,
    /// False once the person is deactivated (离职, 调岗): kept so history stays readable.
    #[serde(default = "active_default", skip_serializing_if = "is_active")]
    pub active: bool,
}

fn active_default() -> bool {
    true
}

fn is_active(active: &bool) -> bool {
    *active
}

/// One piece of evidence about one person.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvidenceRecord {
    /// The person's id.
    pub person_id: String,
    /// What the evidence is (fixes the unit of `value`).
    pub kind: EvidenceKind,
    /// Exam tag, rubric section id, KPI id, or the rated dimension id.
    pub key: String,
    /// 0–100 for exams and rubrics, the KPI's unit for KPIs, 1–5 for ratings.
    pub value: f64,
    /// When the evidence was produced (the last day of a KPI period).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// Where it came from (exam attempt id, scorecard id, `kpi.csv row 3`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
}

/// The evidence records as columns: what the JS package sends for `new Team(model, set)` instead
/// of 60,000 objects as JSON text (whose parsing and decoding were nine tenths of building a
/// team). Every string (person ids, keys, dates, source ids) is an index into `strings`, each
/// distinct string given once; record `i` is `person[i]`, `kind[i]`, … Decoded by
/// [`records`](Self::records) into exactly the records the JSON form gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvidenceColumns {
    /// The distinct strings the other columns index.
    pub strings: Vec<String>,
    /// Per record: the person id's index in `strings`.
    pub person: Vec<u32>,
    /// Per record: the kind, [`EvidenceKind::code`].
    pub kind: Vec<u8>,
    /// Per record: the key's index in `strings`.
    pub key: Vec<u32>,
    /// Per record: the value.
    pub value: Vec<f64>,
    /// Per record: the date's index in `strings` (`YYYY-MM-DD`).
    pub date: Vec<u32>,
    /// Per record: the source id's index in `strings`, or [`EvidenceColumns::NONE`].
    pub source: Vec<u32>,
}

impl EvidenceKind {
    /// Every kind in code order: `EVERY[code]` (the column form's `kind`).
    pub const EVERY: [EvidenceKind; 5] = [
        EvidenceKind::Exam,
        EvidenceKind::Rubric,
        EvidenceKind::Kpi,
        EvidenceKind::SelfRating,
        EvidenceKind::SupervisorRating,
    ];

    /// The kind's code in the column form (its position in [`EVERY`](Self::EVERY)).
    pub fn code(self) -> u8 {
        match self {
            EvidenceKind::Exam => 0,
            EvidenceKind::Rubric => 1,
            EvidenceKind::Kpi => 2,
            EvidenceKind::SelfRating => 3,
            EvidenceKind::SupervisorRating => 4,
        }
    }
}

impl EvidenceColumns {
    /// The `source` of a record without a source id.
    pub const NONE: u32 = u32::MAX;

    /// The records, in column order. Columns of different lengths, an index past `strings`, an
    /// unknown kind code, a non-finite value or a malformed date are errors at the column and
    /// record (`date[12]`).
    pub fn records(&self) -> Result<Vec<EvidenceRecord>, Error> {
        let n = self.person.len();
        for (name, len) in [
            ("kind", self.kind.len()),
            ("key", self.key.len()),
            ("value", self.value.len()),
            ("date", self.date.len()),
            ("source", self.source.len()),
        ] {
            if len != n {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    name,
                    format!("{name} 的长度应为 {n}，实际为 {len}"),
                    format!("{name} must have {n} entries; found {len}"),
                ));
            }
        }
        // Each distinct date is parsed once (a team's 60,000 records share a few dozen days).
        let mut dates: Vec<Option<Date>> = vec![None; self.strings.len()];
        let string = |column: &str, i: usize, index: u32| {
            self.strings.get(index as usize).ok_or_else(|| {
                Error::new(
                    ErrorCode::OutOfRange,
                    format!("{column}[{i}]"),
                    format!(
                        "字符串序号 {index} 超出范围（共 {} 个）",
                        self.strings.len()
                    ),
                    format!(
                        "string index {index} is past the {} strings",
                        self.strings.len()
                    ),
                )
            })
        };
        let mut out = Vec::with_capacity(n);
        let columns = self
            .person
            .iter()
            .zip(&self.kind)
            .zip(&self.key)
            .zip(&self.value)
            .zip(&self.date)
            .zip(&self.source);
        for (i, (((((&person, &kind), &key), &value), &date), &source)) in columns.enumerate() {
            let kind = EvidenceKind::EVERY
                .get(usize::from(kind))
                .copied()
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidValue,
                        format!("kind[{i}]"),
                        format!("证据类型代码 {kind} 无效"),
                        format!("evidence kind code {kind} is not one of 0–4"),
                    )
                })?;
            if !value.is_finite() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("value[{i}]"),
                    "数值必须是有限数",
                    "the value must be a finite number",
                ));
            }
            let day = match dates.get(date as usize).copied().flatten() {
                Some(day) => day,
                None => {
                    let day = Date::parse(string("date", i, date)?, &format!("date[{i}]"))?;
                    if let Some(slot) = dates.get_mut(date as usize) {
                        *slot = Some(day);
                    }
                    day
                }
            };
            out.push(EvidenceRecord {
                person_id: string("person", i, person)?.clone(),
                kind,
                key: string("key", i, key)?.clone(),
                // JSON has no −0: the same record as through JSON text.
                value: value + 0.0,
                date: day,
                source_id: if source == Self::NONE {
                    None
                } else {
                    Some(string("source", i, source)?.clone())
                },
            });
        }
        Ok(out)
    }
}

/// Decodes an evidence set from JSON text (not yet checked against a model).
pub fn parse_evidence(json: &str) -> Result<EvidenceSet, Error> {
    format::decode_json(json)
}

/// Checks an evidence set against a model: unique people with known roles, evidence that
/// belongs to someone, values in their unit's range.
pub fn validate_evidence(set: &EvidenceSet, model: &CompiledModel) -> Result<(), Error> {
    let ids = validate_people(set, model)?;
    check_rating_dimensions(set, model)?;
    for (i, record) in set.evidence.iter().enumerate() {
        validate_record(record, &ids, model).map_err(|e| e.within(&format!("evidence[{i}]")))?;
    }
    Ok(())
}

/// Checks the version and the people; returns each person's index by id.
pub(crate) fn validate_people<'a>(
    set: &'a EvidenceSet,
    model: &CompiledModel,
) -> Result<FxHashMap<&'a str, usize>, Error> {
    format::check_schema_version(
        set.schema_version,
        EVIDENCE_SCHEMA_VERSION,
        "证据 / evidence",
    )?;
    let mut ids = FxHashMap::default();
    ids.reserve(set.people.len());
    for (i, person) in set.people.iter().enumerate() {
        let path = || format!("people[{i}]");
        if person.id.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!("{}.id", path()),
                "工号不能为空",
                "a person's id must not be blank",
            ));
        }
        if ids.insert(person.id.as_str(), i).is_some() {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("{}.id", path()),
                format!("工号 “{}” 重复", person.id),
                format!("person id \"{}\" is repeated", person.id),
            ));
        }
        if !model.roles.contains_key(&person.role) {
            let known: Vec<&str> = model.roles.keys().map(String::as_str).collect();
            return Err(Error::new(
                ErrorCode::UnknownRole,
                format!("{}.role", path()),
                format!(
                    "能力模型中没有岗位 “{}”，可用：{}",
                    person.role,
                    known.join("、")
                ),
                format!(
                    "the model has no role \"{}\"; expected one of {}",
                    person.role,
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(ids)
}

/// Checks one record: it belongs to someone and its value fits its unit.
pub(crate) fn validate_record(
    record: &EvidenceRecord,
    ids: &FxHashMap<&str, usize>,
    model: &CompiledModel,
) -> Result<(), Error> {
    if !ids.contains_key(record.person_id.as_str()) {
        return Err(Error::new(
            ErrorCode::UnknownReference,
            "personId",
            format!("证据属于不存在的人员 “{}”", record.person_id),
            format!(
                "the evidence belongs to \"{}\", who is not among the people",
                record.person_id
            ),
        ));
    }
    if record.key.chars().all(char::is_whitespace) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "key",
            "证据的 key 不能为空",
            "the evidence key must not be blank",
        ));
    }
    let (min, max, zh_unit, en_unit) = match record.kind {
        EvidenceKind::Exam | EvidenceKind::Rubric => {
            (0.0, 100.0, "0 至 100 分", "a score 0 to 100")
        }
        EvidenceKind::SelfRating | EvidenceKind::SupervisorRating => (
            defaults::LEVEL_MIN,
            defaults::LEVEL_MAX,
            "1 至 5 级",
            "a level 1 to 5",
        ),
        EvidenceKind::Kpi => {
            let Some(kpi) = model.kpi(&record.key) else {
                let ids: Vec<&str> = model.kpis.iter().map(|k| k.id.as_str()).collect();
                return Err(Error::new(
                    ErrorCode::UnknownReference,
                    "key",
                    format!(
                        "未知的 KPI “{}”：能力模型没有定义它；可用的 KPI：{}",
                        record.key,
                        ids.join("、")
                    ),
                    format!(
                        "unknown KPI \"{}\": the model does not define it; known KPIs: {}",
                        record.key,
                        ids.join(", ")
                    ),
                ));
            };
            (kpi.min, kpi.max, "该 KPI 的取值范围", "the KPI's range")
        }
    };
    if !(record.value.is_finite() && (min..=max).contains(&record.value)) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "value",
            format!(
                "取值 {} 超出范围，应为{zh_unit}（{min}–{max}）",
                record.value
            ),
            format!(
                "value {} is out of range; expected {en_unit} ({min}–{max})",
                record.value
            ),
        ));
    }
    Ok(())
}
