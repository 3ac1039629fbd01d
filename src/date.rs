//! Calendar days (`YYYY-MM-DD`) without a clock or a time zone.
//!
//! Plans, evidence windows and check-ins are about days, not instants, and the core must not read
//! the clock (the binding passes "today" in). Days are counted from 1970-01-01 with the proleptic
//! Gregorian calendar (Howard Hinnant's `days_from_civil`), which is exact for every date a plan
//! will ever use.

use std::fmt;

use crate::error::{Error, ErrorCode};

/// A calendar day. Serialized as `"2026-03-02"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

/// Monday = 0 … Sunday = 6, as ISO 8601 counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }
}

impl Date {
    /// The day for a year, month (1–12) and day (1–31), or `None` when it does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// Parses `YYYY-MM-DD`; `path` names the field for the error.
    pub fn parse(text: &str, path: &str) -> Result<Date, Error> {
        let bad = || {
            Error::new(
                ErrorCode::InvalidDate,
                path,
                format!("日期 “{text}” 无效，应为 YYYY-MM-DD 格式的真实日期"),
                format!("\"{text}\" is not a valid date; expected a real day as YYYY-MM-DD"),
            )
        };
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(bad());
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = match (num(0..4), num(5..7), num(8..10)) {
            (Some(y), Some(m), Some(d)) => (y, m, d),
            _ => return Err(bad()),
        };
        let year = i32::try_from(year).map_err(|_| bad())?;
        Date::from_ymd(year, month, day).ok_or_else(bad)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    pub fn from_days_since_epoch(days: i32) -> Date {
        Date { days }
    }

    pub fn add_days(self, days: i32) -> Date {
        Date {
            days: self.days.saturating_add(days),
        }
    }

    /// `self - earlier` in days.
    pub fn days_since(self, earlier: Date) -> i32 {
        self.days - earlier.days
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days.rem_euclid(7) + 3) % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// This day, or the Friday before it when it falls on a weekend: deadlines land on workdays.
    pub fn workday_on_or_before(self) -> Date {
        match self.weekday() {
            Weekday::Saturday => self.add_days(-1),
            Weekday::Sunday => self.add_days(-2),
            _ => self,
        }
    }

    /// This day, or the Monday after it when it falls on a weekend.
    pub fn workday_on_or_after(self) -> Date {
        match self.weekday() {
            Weekday::Saturday => self.add_days(2),
            Weekday::Sunday => self.add_days(1),
            _ => self,
        }
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl crate::format::ToJson for Date {
    fn write_json(&self, out: &mut String) {
        crate::format::json::write_str(&self.to_string(), out);
    }
}

impl crate::format::FromJson for Date {
    fn from_json(value: &serde_json::Value) -> Result<Self, crate::format::PathError> {
        let text = String::from_json(value)?;
        Date::parse(&text, "")
            .map_err(|_| crate::format::json::invalid_value(value, "a real day as YYYY-MM-DD"))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_weekdays() {
        let d = Date::parse("2026-11-22", "startDate").unwrap();
        assert_eq!(d.to_string(), "2026-11-22");
        assert_eq!(d.weekday(), Weekday::Sunday);
        assert_eq!(Date::parse("1970-01-01", "").unwrap().days_since_epoch(), 0);
        assert_eq!(
            Date::parse("2024-02-29", "")
                .unwrap()
                .add_days(1)
                .to_string(),
            "2024-03-01"
        );
        for days in -700_000..2_900_000 {
            if days % 997 == 0 {
                let date = Date::from_days_since_epoch(days);
                let (y, m, d) = date.ymd();
                assert_eq!(Date::from_ymd(y, m, d), Some(date));
            }
        }
    }

    #[test]
    fn rejects_impossible_days() {
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-1-1",
            "2026/01/01",
            "２０２６-01-01",
            "",
        ] {
            let e = Date::parse(bad, "startDate").unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidDate, "{bad}");
            assert_eq!(e.path(), "startDate");
        }
    }

    #[test]
    fn weekend_deadlines_move_to_workdays() {
        let saturday = Date::parse("2026-11-21", "").unwrap();
        assert_eq!(saturday.workday_on_or_before().to_string(), "2026-11-20");
        assert_eq!(saturday.workday_on_or_after().to_string(), "2026-11-23");
    }
}
