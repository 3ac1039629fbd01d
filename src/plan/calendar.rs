//! The working-day calendar (工作日历): weekends, the public holidays (法定节假日) and the
//! make-up working weekends (调休上班日) of the State Council's yearly notices.
//!
//! Deadlines, checkpoints, tasks and check-ins fall on working days of this calendar. The years
//! 2025–2027 ship as data ([`SHIPPED`]); a trainer can import a [`WorkCalendar`] file (JSON) whose
//! years replace the shipped ones of the same number and add others. A year with no data falls
//! back to weekends only, and a plan that reaches into such a year says so in a warning
//! (`CALENDAR_WEEKENDS_ONLY`); a year shipped without its notice says so too
//! (`CALENDAR_PROVISIONAL`).

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::i18n::Text;

/// The calendar file format version this build reads.
pub const CALENDAR_SCHEMA_VERSION: u32 = 1;

/// A working-day calendar file: per year, the days off and the weekend days worked.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkCalendar {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// One entry per year; each replaces the shipped data of that year.
    pub years: Vec<CalendarYear>,
}

/// One year of a working-day calendar.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarYear {
    /// The year, e.g. 2026.
    pub year: i32,
    /// Where the days come from, e.g. the notice's title and number.
    pub source: String,
    /// The data is not the year's notice (e.g. only the statutory days are known).
    #[serde(default)]
    pub provisional: bool,
    /// Days off (法定节假日 and the days moved next to them), `YYYY-MM-DD`.
    pub holidays: Vec<String>,
    /// Weekend days that are working days (调休上班), `YYYY-MM-DD`.
    pub working_days: Vec<String>,
}

/// A shipped year: source, provisional flag, the holidays as runs of days `(month, first day,
/// last day)` as the notices list them (`2月15日至23日放假`), and the working weekends as
/// single days `(month, day, day)`.
type ShippedYear = (
    i32,
    &'static str,
    bool,
    &'static [(u32, u32, u32)],
    &'static [(u32, u32, u32)],
);

/// The days of `runs` in `year`, in the order listed.
fn shipped_days(year: i32, runs: &[(u32, u32, u32)]) -> impl Iterator<Item = Date> + '_ {
    runs.iter().flat_map(move |&(m, first, last)| {
        (first..=last).filter_map(move |d| Date::from_ymd(year, m, d))
    })
}

/// The shipped years.
///
/// - 2025: 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.
/// - 2026: 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）.
/// - 2027: the notice is not known to this build. Shipped are only the statutory days of
///   《全国年节及纪念日放假办法》(2024 revision): 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1,
///   劳动节 2, 端午 1, 中秋 1, 国庆 3, on 2027's dates (春节 2027-02-06, 清明 04-05, 端午 06-09,
///   中秋 09-15); no 调休 is known, so the year is marked provisional and plans say so.
#[rustfmt::skip]
pub const SHIPPED: [ShippedYear; 3] = [
    (
        2025,
        "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        false,
        &[(1, 1, 1), (1, 28, 31), (2, 1, 4), (4, 4, 6), (5, 1, 5), (5, 31, 31), (6, 1, 2), (10, 1, 8)],
        &[(1, 26, 26), (2, 8, 8), (4, 27, 27), (9, 28, 28), (10, 11, 11)],
    ),
    (
        2026,
        "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        false,
        &[(1, 1, 3), (2, 15, 23), (4, 4, 6), (5, 1, 5), (6, 19, 21), (9, 25, 27), (10, 1, 7)],
        &[(1, 4, 4), (2, 14, 14), (2, 28, 28), (5, 9, 9), (9, 20, 20), (10, 10, 10)],
    ),
    (
        2027,
        "《全国年节及纪念日放假办法》（2024年修订）规定的法定节假日；国务院2027年放假调休通知尚未收录",
        true,
        &[(1, 1, 1), (2, 5, 8), (4, 5, 5), (5, 1, 2), (6, 9, 9), (9, 15, 15), (10, 1, 3)],
        &[],
    ),
];

/// A year ready for lookups.
#[derive(Debug, Clone, PartialEq)]
struct Year {
    year: i32,
    provisional: bool,
    /// Sorted.
    holidays: Vec<Date>,
    /// Sorted.
    working_days: Vec<Date>,
}

/// The calendar plans are scheduled on: shipped years, overridden by the trainer's.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// Sorted by year.
    years: Vec<Year>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::shipped()
    }
}

impl Calendar {
    /// The shipped calendar (2025–2027).
    pub fn shipped() -> Calendar {
        let days = |year: i32, runs: &[(u32, u32, u32)]| -> Vec<Date> {
            let mut out: Vec<Date> = shipped_days(year, runs).collect();
            crate::sort::sort(&mut out);
            out
        };
        Calendar {
            years: SHIPPED
                .iter()
                .map(|&(year, _, provisional, holidays, working)| Year {
                    year,
                    provisional,
                    holidays: days(year, holidays),
                    working_days: days(year, working),
                })
                .collect(),
        }
    }

    /// The shipped calendar with the years of `file` replacing or adding years. Errors name
    /// paths inside the file: a bad day (`INVALID_DATE`), a day outside its year or a working
    /// day that is not a weekend (`INVALID_VALUE`), a year twice (`DUPLICATE_ID`).
    ///
    /// @example `Calendar::with(Some(&decode_json::<WorkCalendar>(text)?))?`
    pub fn with(file: Option<&WorkCalendar>) -> Result<Calendar, Error> {
        let mut calendar = Calendar::shipped();
        let Some(file) = file else {
            return Ok(calendar);
        };
        check_schema_version(
            file.schema_version,
            CALENDAR_SCHEMA_VERSION,
            "工作日历 / calendar",
        )?;
        let mut seen = Vec::new();
        for (i, entry) in file.years.iter().enumerate() {
            let at = |field: &str| format!("years[{i}].{field}");
            if !(1970..=2100).contains(&entry.year) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    at("year"),
                    format!("年份 {} 超出范围，应在 1970 至 2100 之间", entry.year),
                    format!("year {} is out of range; expected 1970 to 2100", entry.year),
                ));
            }
            if seen.contains(&entry.year) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    at("year"),
                    format!("{} 年出现了两次", entry.year),
                    format!("year {} appears twice", entry.year),
                ));
            }
            seen.push(entry.year);
            let parse = |list: &[String], field: &str| -> Result<Vec<Date>, Error> {
                let mut out = Vec::with_capacity(list.len());
                for (j, text) in list.iter().enumerate() {
                    let path = format!("years[{i}].{field}[{j}]");
                    let day = Date::parse(text, &path)?;
                    if day.ymd().0 != entry.year {
                        return Err(Error::new(
                            ErrorCode::InvalidValue,
                            path,
                            format!("{text} 不在 {} 年内", entry.year),
                            format!("{text} is not in {}", entry.year),
                        ));
                    }
                    out.push(day);
                }
                crate::sort::sort(&mut out);
                out.dedup();
                Ok(out)
            };
            let holidays = parse(&entry.holidays, "holidays")?;
            let working_days = parse(&entry.working_days, "workingDays")?;
            for (j, day) in working_days.iter().enumerate() {
                let path = format!("years[{i}].workingDays[{j}]");
                if !day.weekday().is_weekend() {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        path,
                        format!("{day} 不是周末：调休上班日应为周六或周日"),
                        format!("{day} is not a weekend day; a make-up working day is a Saturday or Sunday"),
                    ));
                }
                if holidays.binary_search(day).is_ok() {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        path,
                        format!("{day} 同时被列为假日和上班日"),
                        format!("{day} is listed both as a holiday and as a working day"),
                    ));
                }
            }
            let year = Year {
                year: entry.year,
                provisional: entry.provisional,
                holidays,
                working_days,
            };
            match calendar.years.binary_search_by_key(&entry.year, |y| y.year) {
                Ok(k) => {
                    if let Some(slot) = calendar.years.get_mut(k) {
                        *slot = year;
                    }
                }
                Err(k) => calendar.years.insert(k, year),
            }
        }
        Ok(calendar)
    }

    fn year(&self, year: i32) -> Option<&Year> {
        self.years
            .binary_search_by_key(&year, |y| y.year)
            .ok()
            .and_then(|k| self.years.get(k))
    }

    /// Whether people work on `day`: not a holiday, and not a weekend unless it is a 调休 day.
    pub fn is_working_day(&self, day: Date) -> bool {
        match self.year(day.ymd().0) {
            None => !day.weekday().is_weekend(),
            Some(y) => {
                if y.working_days.binary_search(&day).is_ok() {
                    true
                } else if y.holidays.binary_search(&day).is_ok() {
                    false
                } else {
                    !day.weekday().is_weekend()
                }
            }
        }
    }

    /// Whether the calendar has data for `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.year(year).is_some()
    }

    /// Whether the data of `year` is provisional (no notice).
    pub fn is_provisional(&self, year: i32) -> bool {
        self.year(year).is_some_and(|y| y.provisional)
    }

    /// `day`, or the latest working day before it. Searches at most a year back (a calendar
    /// cannot close more than that), then gives `day` unchanged.
    pub fn on_or_before(&self, day: Date) -> Date {
        (0..366)
            .map(|k| day.add_days(-k))
            .find(|d| self.is_working_day(*d))
            .unwrap_or(day)
    }

    /// `day`, or the first working day after it.
    pub fn on_or_after(&self, day: Date) -> Date {
        (0..366)
            .map(|k| day.add_days(k))
            .find(|d| self.is_working_day(*d))
            .unwrap_or(day)
    }

    /// The last working day in `first..=last`; when the whole span is off (a week inside the
    /// Spring Festival holiday), the first working day after it, when people are back.
    pub fn due_in(&self, first: Date, last: Date) -> Date {
        let before = self.on_or_before(last);
        if before >= first {
            before
        } else {
            self.on_or_after(last.add_days(1))
        }
    }

    /// Notes for a plan running from `start` to `end`: years with no data (weekends only) and
    /// years shipped without their notice.
    pub fn notes(&self, start: Date, end: Date) -> Vec<(&'static str, Text)> {
        let (first, last) = (start.ymd().0, end.ymd().0);
        let mut missing = Vec::new();
        let mut provisional = Vec::new();
        for year in first..=last {
            if !self.covers(year) {
                missing.push(year.to_string());
            } else if self.is_provisional(year) {
                provisional.push(year.to_string());
            }
        }
        let mut notes = Vec::new();
        if !missing.is_empty() {
            let (zh, en) = (missing.join("、"), missing.join(", "));
            notes.push((
                "CALENDAR_WEEKENDS_ONLY",
                Text::new(
                    format!("{zh} 年没有节假日数据：只避开了周末，请导入该年的工作日历"),
                    format!("no holiday data for {en}: only weekends are avoided; import that year's working-day calendar"),
                ),
            ));
        }
        if !provisional.is_empty() {
            let (zh, en) = (provisional.join("、"), provisional.join(", "));
            notes.push((
                "CALENDAR_PROVISIONAL",
                Text::new(
                    format!("{zh} 年的放假通知尚未收录：只避开了法定节假日当天和周末，调休未计入，请在通知发布后导入工作日历"),
                    format!("the {en} holiday notice is not included: only the statutory holidays and weekends are avoided, without make-up working days; import the calendar once the notice is out"),
                ),
            ));
        }
        notes
    }
}

/// The shipped calendar as a file (what `defaultCalendar()` returns for editing).
pub fn shipped_file() -> WorkCalendar {
    let days = |year: i32, runs: &[(u32, u32, u32)]| -> Vec<String> {
        shipped_days(year, runs).map(|d| d.to_string()).collect()
    };
    WorkCalendar {
        schema_version: CALENDAR_SCHEMA_VERSION,
        years: SHIPPED
            .iter()
            .map(
                |&(year, source, provisional, holidays, working)| CalendarYear {
                    year,
                    source: source.to_string(),
                    provisional,
                    holidays: days(year, holidays),
                    working_days: days(year, working),
                },
            )
            .collect(),
    }
}
