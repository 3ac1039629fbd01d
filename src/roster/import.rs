//! A roster from a spreadsheet (`.xlsx`) or CSV, read with the bank importer's machinery
//! ([`crate::interop::xlsx::read_xlsx`], [`crate::csv::read_csv`], tolerant headers) and with the
//! same policy: a file with bad rows imports nothing and lists every problem by cell
//! (`人员!C7`, `C7` for CSV) unless the caller accepts skipping those rows.
//!
//! | 工号 | 姓名 | 岗位 | 业务线 | 班组 | 入职日期 | 直属主管 | 师傅 | 状态 | any other column |
//!
//! English headers work too (Employee id, Name, Role, Line, Team, Hire date, Supervisor,
//! Mentor, Active). 岗位 takes a role id or its name in the model (一线客服 → `frontline`);
//! 直属主管 and 师傅 take a 工号 or a name that is unique in the file; 入职日期 takes
//! `2024-03-11`, `2024/3/11`, `2024年3月11日` or an Excel date; 状态 takes 在职/离职 (是/否,
//! true/false, 1/0). Other columns (班次…) are kept as the person's `fields`. The header is the
//! first of the first ten rows that has both 工号 and 姓名.

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{FromJson, ToJson};

use super::{unknown_person, Person};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::interop::table::Table;
use crate::interop::text::{column_letters, header_key};
use crate::interop::Problem;

/// The formats a roster can be imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum RosterFormat {
    /// An Excel workbook.
    Xlsx,
    /// CSV (UTF-8).
    Csv,
}

/// A role the model defines: id and its (Chinese) name, so 岗位 can be written either way.
#[derive(Debug, Clone, PartialEq, FromJson, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoleName {
    /// Role id (`frontline`).
    pub id: String,
    /// Its name (`一线客服`).
    pub name: String,
}

/// How to import a roster. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, FromJson, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct RosterImportOptions {
    /// Import the good rows and report the bad ones as skipped (default false: nothing).
    pub accept_partial: bool,
    /// The worksheet of an `.xlsx` (default: the first).
    pub sheet: Option<String>,
    /// The model's roles; when given, 岗位 must be one of them (by id or name).
    pub roles: Option<Vec<RoleName>>,
    /// Role of a row whose 岗位 is empty (default `frontline`).
    pub default_role: Option<String>,
    /// Employee ids already in the roster: supervisors and mentors may name them, and a row
    /// with one of them is an update of that person (reported in `updated`).
    pub existing_ids: Vec<String>,
}

/// What a roster import produced.
#[derive(Debug, Clone, PartialEq, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RosterImport {
    /// The people read, or null when there were problems and `acceptPartial` was not set.
    pub people: Option<Vec<Person>>,
    /// How many people (0 when `people` is null).
    pub count: u32,
    /// Employee ids of rows that update a person already in the roster.
    pub updated: Vec<String>,
    /// Every bad row or cell, in file order.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Role,
    Group,
    Team,
    HireDate,
    Supervisor,
    Mentor,
    Active,
}

fn column_for(key: &str) -> Option<Column> {
    Some(match key {
        "工号" | "员工编号" | "员工工号" | "编号" | "employeeid" | "id" | "staffid" => {
            Column::Id
        }
        "姓名" | "名字" | "name" => Column::Name,
        "岗位" | "角色" | "职位" | "role" | "position" => Column::Role,
        "业务线" | "组别" | "部门" | "line" | "lineofbusiness" | "group" => Column::Group,
        "班组" | "小组" | "team" => Column::Team,
        "入职日期" | "入职时间" | "hiredate" => Column::HireDate,
        "直属主管" | "主管" | "主管工号" | "上级" | "supervisor" | "supervisorid" => {
            Column::Supervisor
        }
        "师傅" | "带教师傅" | "导师" | "师傅工号" | "mentor" | "mentorid" => {
            Column::Mentor
        }
        "状态" | "在职" | "在职状态" | "active" | "status" => Column::Active,
        _ => return None,
    })
}

/// Imports a roster from a file's bytes.
///
/// @example
/// `import_roster("工号,姓名\nE1001,李娜\n".as_bytes(), RosterFormat::Csv, &RosterImportOptions::default())`
pub fn import_roster(
    bytes: &[u8],
    format: RosterFormat,
    options: &RosterImportOptions,
) -> Result<RosterImport, Error> {
    let table = match format {
        RosterFormat::Xlsx => crate::interop::xlsx::read_xlsx(bytes, options.sheet.as_deref())?,
        RosterFormat::Csv => {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
                .map_err(|_| {
                    Error::new(
                        ErrorCode::InvalidSyntax,
                        "",
                        "文件不是 UTF-8 编码：请在 Excel 中另存为 “CSV UTF-8（逗号分隔）”",
                        "the file is not UTF-8: save it as \"CSV UTF-8 (Comma delimited)\"",
                    )
                })?;
            Table {
                sheet: None,
                rows: crate::csv::read_csv(text)?,
            }
        }
    };
    parse_roster(&table, options)
}

/// Reads people from a table (see the module docs for the columns).
pub fn parse_roster(table: &Table, options: &RosterImportOptions) -> Result<RosterImport, Error> {
    let cell = |row: usize, col: usize| -> &str {
        table
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.trim())
    };
    let sheet_prefix = match &table.sheet {
        None => String::new(),
        Some(s) => format!("{s}!"),
    };
    let at = |col: usize, row: usize| format!("{sheet_prefix}{}{}", column_letters(col), row + 1);
    // The header: the first of the first ten rows naming both 工号 and 姓名.
    let mut header = None;
    for (r, row) in table.rows.iter().enumerate().take(10) {
        let columns: Vec<Option<Column>> = row.iter().map(|h| column_for(&header_key(h))).collect();
        if columns.contains(&Some(Column::Id)) && columns.contains(&Some(Column::Name)) {
            header = Some((r, columns));
            break;
        }
    }
    let Some((header_row, columns)) = header else {
        return Err(Error::new(
            ErrorCode::InvalidRow,
            format!("{sheet_prefix}1:1"),
            "找不到表头：前 10 行中需要有一行同时包含 “工号” 和 “姓名”",
            "no header found: one of the first ten rows must name both 工号 (Employee id) and 姓名 (Name)",
        ));
    };
    let col = |c: Column| columns.iter().position(|x| *x == Some(c));
    let extra: Vec<(usize, String)> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is_none())
        .filter_map(|(i, _)| {
            let name = cell(header_row, i).to_string();
            (!name.is_empty()).then_some((i, name))
        })
        .collect();

    let data_rows: Vec<usize> = (header_row + 1..table.rows.len())
        .filter(|&r| table.rows[r].iter().any(|c| !c.trim().is_empty()))
        .collect();
    // Names that are unique in the file, so 直属主管 can be written as a name.
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    if let (Some(ci), Some(cn)) = (col(Column::Id), col(Column::Name)) {
        for &r in &data_rows {
            by_name.entry(cell(r, cn)).or_default().push(cell(r, ci));
        }
    }
    let existing: BTreeSet<&str> = options.existing_ids.iter().map(String::as_str).collect();
    let default_role = options.default_role.as_deref().unwrap_or("frontline");

    let mut problems: Vec<Problem> = Vec::new();
    let mut people: Vec<(usize, Person)> = Vec::new();
    let mut first_row: BTreeMap<String, usize> = BTreeMap::new();
    for &r in &data_rows {
        let mut row_problems: Vec<Error> = Vec::new();
        let get = |c: Column| col(c).map_or("", |i| cell(r, i));
        let place = |c: Column| {
            col(c).map_or_else(
                || format!("{sheet_prefix}{}:{}", r + 1, r + 1),
                |i| at(i, r),
            )
        };
        let id = get(Column::Id).to_string();
        let name = get(Column::Name).to_string();
        if id.is_empty() {
            row_problems.push(Error::new(
                ErrorCode::InvalidRow,
                place(Column::Id),
                format!("第 {} 行没有工号", r + 1),
                format!("row {} has no employee id", r + 1),
            ));
        } else if let Some(&first) = first_row.get(&id) {
            row_problems.push(Error::new(
                ErrorCode::DuplicateId,
                place(Column::Id),
                format!(
                    "第 {} 行的工号 “{id}” 与第 {} 行重复：每个工号只能对应一个人",
                    r + 1,
                    first + 1
                ),
                format!(
                    "row {} repeats employee id \"{id}\" of row {}: one id per person",
                    r + 1,
                    first + 1
                ),
            ));
        }
        if name.is_empty() {
            row_problems.push(Error::new(
                ErrorCode::InvalidRow,
                place(Column::Name),
                format!("第 {} 行没有姓名", r + 1),
                format!("row {} has no name", r + 1),
            ));
        }
        let role = match (get(Column::Role), &options.roles) {
            ("", _) => default_role.to_string(),
            (written, None) => written.to_string(),
            (written, Some(roles)) => {
                match roles.iter().find(|x| x.id == written || x.name == written) {
                    Some(x) => x.id.clone(),
                    None => {
                        let names: Vec<&str> = roles.iter().map(|x| x.name.as_str()).collect();
                        row_problems.push(Error::new(
                            ErrorCode::UnknownRole,
                            place(Column::Role),
                            format!(
                                "岗位 “{written}” 不在能力模型中：应为 {} 之一",
                                names.join("、")
                            ),
                            format!(
                                "role \"{written}\" is not in the model: expected one of {}",
                                names.join(", ")
                            ),
                        ));
                        String::new()
                    }
                }
            }
        };
        let hire_date = match get(Column::HireDate) {
            "" => None,
            written => match parse_day(written) {
                Some(d) => Some(d),
                None => {
                    row_problems.push(Error::new(
                        ErrorCode::InvalidDate,
                        place(Column::HireDate),
                        format!("入职日期 “{written}” 无效：应为 2024-03-11、2024/3/11 或 2024年3月11日"),
                        format!("hire date \"{written}\" is invalid: expected 2024-03-11 or 2024/3/11"),
                    ));
                    None
                }
            },
        };
        let active = match get(Column::Active) {
            "" => true,
            written => match parse_active(written) {
                Some(a) => a,
                None => {
                    row_problems.push(Error::new(
                        ErrorCode::InvalidValue,
                        place(Column::Active),
                        format!("状态 “{written}” 无效：应为 在职 或 离职"),
                        format!("status \"{written}\" is invalid: expected active (在职) or inactive (离职)"),
                    ));
                    true
                }
            },
        };
        let reference = |c: Column| -> Option<String> {
            let written = get(c);
            if written.is_empty() {
                return None;
            }
            match by_name.get(written) {
                Some(ids) if ids.len() == 1 && !first_row.contains_key(written) => {
                    ids.first().map(|s| (*s).to_string())
                }
                _ => Some(written.to_string()),
            }
        };
        let supervisor_id = reference(Column::Supervisor);
        let mentor_id = reference(Column::Mentor);
        let mut fields = BTreeMap::new();
        for (i, header) in &extra {
            let value = cell(r, *i);
            if !value.is_empty() {
                fields.insert(header.clone(), value.to_string());
            }
        }
        if row_problems.is_empty() {
            first_row.insert(id.clone(), r);
            people.push((
                r,
                Person {
                    id,
                    name,
                    role,
                    group: get(Column::Group).to_string(),
                    hire_date,
                    fields,
                    team: Some(get(Column::Team).to_string()).filter(|s| !s.is_empty()),
                    supervisor_id,
                    mentor_id,
                    active,
                },
            ));
        } else {
            if !id.is_empty() && !first_row.contains_key(&id) {
                first_row.insert(id.clone(), r);
            }
            problems.extend(row_problems.iter().map(Problem::from));
        }
    }
    // References: to someone in the file or already in the roster.
    let known: BTreeSet<String> = people
        .iter()
        .map(|(_, p)| p.id.clone())
        .chain(existing.iter().map(|s| (*s).to_string()))
        .collect();
    let mut bad_rows = BTreeSet::new();
    for (r, p) in &people {
        for (c, value, zh) in [
            (Column::Supervisor, &p.supervisor_id, "直属主管"),
            (Column::Mentor, &p.mentor_id, "师傅"),
        ] {
            let Some(other) = value else { continue };
            let path = col(c).map_or_else(String::new, |i| at(i, *r));
            if *other == p.id {
                problems.push(Problem::from(&Error::new(
                    ErrorCode::InvalidValue,
                    path,
                    format!("{}（{}）不能是自己的{zh}", p.name, p.id),
                    format!(
                        "{} ({}) cannot be their own supervisor or mentor",
                        p.name, p.id
                    ),
                )));
                bad_rows.insert(*r);
            } else if !known.contains(other) {
                problems.push(Problem::from(&unknown_person(&path, other, zh)));
                bad_rows.insert(*r);
            }
        }
    }
    crate::sort::sort_by_key(&mut problems, |p| row_of(&p.path));
    if data_rows.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidRow,
            format!("{sheet_prefix}{}:{}", header_row + 2, header_row + 2),
            "表头下面没有人员",
            "there are no people below the header",
        ));
    }
    if !problems.is_empty() && !options.accept_partial {
        return Ok(RosterImport {
            people: None,
            count: 0,
            updated: Vec::new(),
            problems,
        });
    }
    let people: Vec<Person> = people
        .into_iter()
        .filter(|(r, _)| !bad_rows.contains(r))
        .map(|(_, p)| p)
        .collect();
    let updated = people
        .iter()
        .filter(|p| existing.contains(p.id.as_str()))
        .map(|p| p.id.clone())
        .collect();
    Ok(RosterImport {
        count: u32::try_from(people.len()).unwrap_or(u32::MAX),
        people: Some(people),
        updated,
        problems,
    })
}

/// The spreadsheet row number in a cell reference (`人员!C7` → 7), for ordering problems.
fn row_of(path: &str) -> usize {
    let tail = path.rsplit('!').next().unwrap_or(path);
    let digits: String = tail
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

/// A day as trainers write it: `2024-03-11`, `2024/3/11`, `2024.3.11`, `2024年3月11日`, or an
/// Excel date serial (days since 1899-12-30, as `.xlsx` stores dates).
pub fn parse_day(written: &str) -> Option<Date> {
    let t = written.trim();
    if !t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) {
        let serial: i32 = t.parse().ok()?;
        // 1900-03-01 .. 9999: serials before 61 meet Excel's 1900 leap-year bug.
        if serial < 61 {
            return None;
        }
        return Some(Date::from_days_since_epoch(serial - 25_569));
    }
    let parts: Vec<&str> = t
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let year: i32 = y.parse().ok()?;
    if y.len() != 4 {
        return None;
    }
    Date::from_ymd(year, m.parse().ok()?, d.parse().ok()?)
}

fn parse_active(written: &str) -> Option<bool> {
    match written.trim().to_lowercase().as_str() {
        "在职" | "是" | "启用" | "true" | "1" | "yes" | "y" | "active" | "√" => Some(true),
        "离职" | "否" | "停用" | "调离" | "false" | "0" | "no" | "n" | "inactive" | "×" => {
            Some(false)
        }
        _ => None,
    }
}

/// The template's header row (Chinese), as the page's template download writes it.
pub const ROSTER_HEADER: [&str; 9] = [
    "工号",
    "姓名",
    "岗位",
    "业务线",
    "班组",
    "入职日期",
    "直属主管",
    "师傅",
    "状态",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_the_forms_trainers_write() {
        let want = Date::from_ymd(2024, 3, 11);
        for written in [
            "2024-03-11",
            "2024/3/11",
            "2024.3.11",
            "2024年3月11日",
            "45362",
        ] {
            assert_eq!(parse_day(written), want, "{written}");
        }
        assert_eq!(parse_day("2024-02-30"), None);
        assert_eq!(parse_day("24/3/11"), None);
    }
}
