//! iCalendar (RFC 5545) export of a plan's checkpoints and goal deadlines, as all-day events
//! that Outlook, 钉钉 and Google Calendar import.
//!
//! The core has no clock: `DTSTAMP` is passed in. UIDs are `<planId>.<eventKey>@kaohe`, stable
//! across exports so a re-import updates events instead of duplicating them. Text values are
//! escaped (`\\`, `\;`, `\,`, `\n`), lines end with CRLF and are folded at 75 octets without
//! splitting a UTF-8 character.

use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::i18n::Locale;
use crate::plan::generate::Plan;

/// `PRODID` of the exported calendars.
pub const PRODID: &str = "-//kaohe//Development plan//ZH";

/// The plan's calendar: one VEVENT per checkpoint and per goal deadline.
///
/// `dtstamp` is the export instant in UTC, `YYYY-MM-DDTHH:MM:SSZ` (or the iCalendar form
/// `YYYYMMDDTHHMMSSZ`); anything else → `INVALID_DATE` at `dtstamp`. The plan is checked
/// first ([`crate::plan::validate_plan`], errors under `plan`): a calendar never receives
/// reversed phases or a deadline on a day off.
///
/// @example `plan_ics(&plan, "2026-11-20T08:00:00Z", Locale::ZhCn)?`
pub fn plan_ics(plan: &Plan, dtstamp: &str, locale: Locale) -> Result<String, Error> {
    let stamp = parse_stamp(dtstamp)?;
    crate::plan::validate_plan(plan).map_err(|e| e.within("plan"))?;
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(plan.summary.get(locale))),
    ];
    for c in &plan.checkpoints {
        let owners: Vec<&str> = c.owners.iter().map(|o| o.name_str(locale)).collect();
        event(
            &mut lines,
            &format!("{}.{}", plan.plan_id, c.key),
            &stamp,
            c.date,
            &format!("{} · {}", c.title.get(locale), plan.name),
            &owners.join(", "),
        );
    }
    for g in &plan.goals {
        let summary = match locale {
            Locale::ZhCn => format!("目标截止 · {}：{}", plan.name, g.text.zh),
            Locale::En => format!("Goal due · {}: {}", plan.name, g.text.en),
        };
        event(
            &mut lines,
            &format!("{}.goal.{}", plan.plan_id, g.id),
            &stamp,
            g.deadline,
            &summary,
            g.smart.measurable.get(locale),
        );
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
    }
    Ok(out)
}

fn event(
    lines: &mut Vec<String>,
    uid: &str,
    stamp: &str,
    date: Date,
    summary: &str,
    description: &str,
) {
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}@kaohe", escape_text(uid)));
    lines.push(format!("DTSTAMP:{stamp}"));
    lines.push(format!("DTSTART;VALUE=DATE:{}", compact(date)));
    lines.push(format!("DTEND;VALUE=DATE:{}", compact(date.add_days(1))));
    lines.push(format!("SUMMARY:{}", escape_text(summary)));
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(description)));
    }
    lines.push("TRANSP:TRANSPARENT".into());
    lines.push("END:VEVENT".into());
}

fn compact(date: Date) -> String {
    let (y, m, d) = date.ymd();
    format!("{y:04}{m:02}{d:02}")
}

/// Accepts `2026-11-20T08:00:00Z` or `20261120T080000Z`; returns the iCalendar form.
fn parse_stamp(text: &str) -> Result<String, Error> {
    let bad = || {
        Error::new(
            ErrorCode::InvalidDate,
            "dtstamp",
            format!("时间戳 “{text}” 无效，应为 UTC 时间 YYYY-MM-DDTHH:MM:SSZ"),
            format!("\"{text}\" is not a valid timestamp; expected UTC as YYYY-MM-DDTHH:MM:SSZ"),
        )
    };
    let compacted: String = text.chars().filter(|c| *c != '-' && *c != ':').collect();
    let ok_shape = compacted.len() == 16
        && compacted.get(8..9) == Some("T")
        && compacted.get(15..16) == Some("Z");
    if !ok_shape {
        return Err(bad());
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = compacted.get(r)?;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(s)) = (
        digits(0..4),
        digits(4..6),
        digits(6..8),
        digits(9..11),
        digits(11..13),
        digits(13..15),
    ) else {
        return Err(bad());
    };
    let year = i32::try_from(y).map_err(|_| bad())?;
    if Date::from_ymd(year, mo, d).is_none() || h > 23 || mi > 59 || s > 60 {
        return Err(bad());
    }
    Ok(compacted)
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (continuations start with a space, so they carry 74),
/// never inside a UTF-8 character, and ends every physical line with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    let mut limit = 75;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > limit {
            out.push_str("\r\n ");
            width = 1;
            limit = 75;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

impl crate::plan::catalog::OwnerRole {
    fn name_str(self, locale: Locale) -> &'static str {
        use crate::plan::catalog::OwnerRole::*;
        match (self, locale) {
            (Employee, Locale::ZhCn) => "员工",
            (Employee, Locale::En) => "Employee",
            (Mentor, Locale::ZhCn) => "导师",
            (Mentor, Locale::En) => "Mentor",
            (Supervisor, Locale::ZhCn) => "主管",
            (Supervisor, Locale::En) => "Supervisor",
            (Hr, _) => "HR",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_octets_and_characters() {
        let line = format!("SUMMARY:{}", "投诉处理".repeat(20));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT"), "SHORT\r\n");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn stamps_are_validated() {
        assert_eq!(
            parse_stamp("2026-11-20T08:00:00Z").unwrap(),
            "20261120T080000Z"
        );
        assert_eq!(parse_stamp("20261120T080000Z").unwrap(), "20261120T080000Z");
        for bad in [
            "2026-11-20",
            "2026-02-30T08:00:00Z",
            "2026-11-20T25:00:00Z",
            "now",
        ] {
            let e = parse_stamp(bad).unwrap_err();
            assert_eq!((e.code(), e.path()), (ErrorCode::InvalidDate, "dtstamp"));
        }
    }
}
