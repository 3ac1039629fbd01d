//! The roster (人员名册, format version 1): the one list of people every record refers to by
//! employee id (工号): exam attempts, scorecards, ratings, KPI rows, plans and check-ins.
//!
//! A person is the competency module's [`Person`] (工号, name, role, line of business, 班组, hire
//! date, supervisor, mentor, active), so the team view, the plans and the exams read the same
//! records. [`validate_roster`] checks a whole roster; [`import`] reads one from `.xlsx` or CSV
//! with the bank importer's table machinery and reports problems by cell (`人员!B7`).

pub mod import;

use std::collections::BTreeMap;

use crate::error::{Error, ErrorCode, Result};
use crate::format::{self, FromJson, ToJson};

pub use crate::competency::evidence::Person;

/// The roster format version this build reads and writes.
pub const ROSTER_SCHEMA_VERSION: u32 = 1;

/// A roster: `{ "schemaVersion": 1, "people": [...] }`.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Roster {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The people, in the order the trainer keeps them.
    pub people: Vec<Person>,
}

impl Roster {
    /// Decodes and validates a roster from JSON text.
    ///
    /// ```
    /// let roster = kaohe::roster::Roster::from_json(r#"{"schemaVersion":1,"people":[
    ///   {"id":"E1007","name":"赵磊","role":"teamLead","group":"售后"},
    ///   {"id":"E1001","name":"李娜","role":"frontline","group":"售后","supervisorId":"E1007"}]}"#).unwrap();
    /// assert_eq!(roster.people.len(), 2);
    /// ```
    pub fn from_json(text: &str) -> Result<Roster> {
        let roster: Roster = format::decode_json(text)?;
        validate_roster(&roster)?;
        Ok(roster)
    }

    /// Decodes and validates a roster from a parsed JSON value.
    pub fn decode(value: &serde_json::Value) -> Result<Roster> {
        let roster: Roster = format::decode(value)?;
        validate_roster(&roster)?;
        Ok(roster)
    }
}

/// Checks a roster and fails with its first problem (see [`roster_problems`]).
pub fn validate_roster(roster: &Roster) -> Result<()> {
    format::check_schema_version(
        roster.schema_version,
        ROSTER_SCHEMA_VERSION,
        "人员名册/roster",
    )?;
    match roster_problems(&roster.people).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Every problem of a list of people, in order, each with a path like `people[3].id`:
/// a blank 工号 or name (`INVALID_VALUE`), a 工号 used twice (`DUPLICATE_ID`, naming the first
/// row), a supervisor or mentor not in the list (`UNKNOWN_REFERENCE`), or a person who is their
/// own supervisor or mentor (`INVALID_VALUE`).
pub fn roster_problems(people: &[Person]) -> Vec<Error> {
    let mut problems = Vec::new();
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in people.iter().enumerate() {
        let path = format!("people[{i}]");
        if p.id.trim().is_empty() {
            problems.push(Error::new(
                ErrorCode::InvalidValue,
                format!("{path}.id"),
                format!("第 {} 人的工号为空", i + 1),
                format!("person {} has no employee id", i + 1),
            ));
            continue;
        }
        if p.name.trim().is_empty() {
            problems.push(Error::new(
                ErrorCode::InvalidValue,
                format!("{path}.name"),
                format!("工号 {} 的姓名为空", p.id),
                format!("employee {} has no name", p.id),
            ));
        }
        if let Some(&j) = first.get(p.id.as_str()) {
            problems.push(duplicate(&format!("{path}.id"), &p.id, j + 1, i + 1));
        } else {
            first.insert(&p.id, i);
        }
    }
    for (i, p) in people.iter().enumerate() {
        for (field, value, zh) in [
            ("supervisorId", &p.supervisor_id, "直属主管"),
            ("mentorId", &p.mentor_id, "师傅"),
        ] {
            let Some(other) = value.as_deref().filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            let path = format!("people[{i}].{field}");
            if other == p.id {
                problems.push(Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    format!("{}（{}）不能是自己的{zh}", p.name, p.id),
                    format!("{} ({}) cannot be their own {field}", p.name, p.id),
                ));
            } else if !first.contains_key(other) {
                problems.push(unknown_person(&path, other, zh));
            }
        }
    }
    problems
}

/// `DUPLICATE_ID`: the 工号 of person `row` was already used by person `first`.
pub(crate) fn duplicate(path: &str, id: &str, first: usize, row: usize) -> Error {
    Error::new(
        ErrorCode::DuplicateId,
        path,
        format!("第 {row} 人的工号 “{id}” 与第 {first} 人重复：每个工号只能对应一个人"),
        format!("person {row} has employee id \"{id}\", already used by person {first}: one id per person"),
    )
}

/// `UNKNOWN_REFERENCE`: a supervisor or mentor id that names nobody in the roster.
pub(crate) fn unknown_person(path: &str, id: &str, role_zh: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("{role_zh}工号 “{id}” 不在人员名册中：请先添加此人，或改为名册中的工号"),
        format!("\"{id}\" is not in the roster: add that person first, or use an employee id from the roster"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, supervisor: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: format!("员工{id}"),
            role: "frontline".into(),
            group: "售后".into(),
            hire_date: None,
            fields: BTreeMap::new(),
            team: None,
            supervisor_id: supervisor.map(String::from),
            mentor_id: None,
            active: true,
        }
    }

    #[test]
    fn duplicates_and_unknown_supervisors_are_named() {
        let people = vec![
            person("E1", None),
            person("E2", Some("E1")),
            person("E1", None),
            person("E3", Some("E9")),
        ];
        let problems = roster_problems(&people);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].code(), ErrorCode::DuplicateId);
        assert_eq!(problems[0].path(), "people[2].id");
        assert!(problems[0].messages().zh.contains("第 1 人"));
        assert_eq!(problems[1].code(), ErrorCode::UnknownReference);
        assert_eq!(problems[1].path(), "people[3].supervisorId");
    }

    #[test]
    fn nobody_supervises_themself() {
        let problems = roster_problems(&[person("E1", Some("E1"))]);
        assert_eq!(problems[0].code(), ErrorCode::InvalidValue);
    }
}
