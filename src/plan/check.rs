//! Small validation helpers shared by the plan inputs: every failure names its path and says
//! what was expected, in both languages.

use crate::date::Date;
use crate::error::{Error, ErrorCode};

/// `value` must be finite and within `[min, max]`.
pub(crate) fn in_range(value: f64, min: f64, max: f64, path: &str) -> Result<f64, Error> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("取值 {value} 超出范围，应在 {min} 至 {max} 之间"),
            format!("{value} is out of range; expected a number from {min} to {max}"),
        ))
    }
}

/// `value` must be finite and at least `min`.
pub(crate) fn at_least(value: f64, min: f64, path: &str) -> Result<f64, Error> {
    in_range(value, min, f64::MAX, path).map_err(|_| {
        Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("取值 {value} 无效，应为不小于 {min} 的有限数"),
            format!("{value} is invalid; expected a finite number of at least {min}"),
        )
    })
}

/// A whole number within `[min, max]`.
pub(crate) fn count_in_range(value: u32, min: u32, max: u32, path: &str) -> Result<u32, Error> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            format!("取值 {value} 超出范围，应为 {min} 至 {max} 的整数"),
            format!("{value} is out of range; expected a whole number from {min} to {max}"),
        ))
    }
}

/// [`in_range`] with the path built only on failure (validation runs for every evaluation of
/// a batch, and formatting paths that are never shown cost more than the checks).
pub(crate) fn in_range_at(
    value: f64,
    min: f64,
    max: f64,
    path: impl FnOnce() -> String,
) -> Result<f64, Error> {
    if value.is_finite() && value >= min && value <= max {
        Ok(value)
    } else {
        in_range(value, min, max, &path())
    }
}

/// [`at_least`] with the path built only on failure.
pub(crate) fn at_least_at(
    value: f64,
    min: f64,
    path: impl FnOnce() -> String,
) -> Result<f64, Error> {
    if value.is_finite() && value >= min && value <= f64::MAX {
        Ok(value)
    } else {
        at_least(value, min, &path())
    }
}

/// [`date`] with the path built only on failure.
pub(crate) fn date_at(text: &str, path: impl FnOnce() -> String) -> Result<Date, Error> {
    Date::parse(text, "").or_else(|_| date(text, &path()))
}

/// `YYYY-MM-DD`, as `Date`'s `Display` writes it, without the formatting machinery: a team's
/// plans turn some 40,000 evidence dates into text.
pub(crate) fn day_text(day: Date) -> String {
    let (y, m, d) = day.ymd();
    let Some(year) = u32::try_from(y).ok().filter(|y| *y <= 9999) else {
        return day.to_string();
    };
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let text = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ];
    std::str::from_utf8(&text).map_or_else(|_| day.to_string(), str::to_string)
}

/// A non-blank identifier.
pub(crate) fn non_blank<'a>(value: &'a str, path: &str) -> Result<&'a str, Error> {
    if value.trim().is_empty() {
        Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "不能为空，应为非空的标识或名称",
            "must not be blank; expected a non-empty id or name",
        ))
    } else {
        Ok(value)
    }
}

/// A `YYYY-MM-DD` day.
pub(crate) fn date(text: &str, path: &str) -> Result<Date, Error> {
    Date::parse(text, path)
}

/// Fast fixed-point text of a bounded number, as `{:.N}` prints it away from ties. Plan texts
/// print thousands of levels and scores; std's exact float formatting and the `format!`
/// machinery dominated generation time.
/// A formatted number: digits on the stack, or (outside the fast range) std's text.
pub(crate) enum Num {
    Short(Digits),
    Long(String),
}

impl AsRef<str> for Num {
    fn as_ref(&self) -> &str {
        match self {
            Num::Short(d) => d.as_str(),
            Num::Long(s) => s,
        }
    }
}

/// Up to 32 ASCII bytes, filled from the right.
#[derive(Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; 32],
    start: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            buf: [0; 32],
            start: 32,
        }
    }

    fn push_front(&mut self, b: u8) {
        if let Some(slot) = self.start.checked_sub(1).and_then(|i| self.buf.get_mut(i)) {
            *slot = b;
            self.start -= 1;
        }
    }

    fn push_int(&mut self, mut n: u64, min_width: usize) {
        let mut written = 0;
        loop {
            self.push_front(b'0' + (n % 10) as u8);
            n /= 10;
            written += 1;
            if n == 0 && written >= min_width {
                break;
            }
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(self.start..).unwrap_or(&[])).unwrap_or("")
    }
}

impl AsRef<str> for Digits {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// A whole number as text, without the formatting machinery.
pub(crate) fn int(n: u64) -> Digits {
    let mut d = Digits::new();
    d.push_int(n, 1);
    d
}

/// `{:.decimals}` of `value` (decimals capped at 6), ties rounded away from zero.
pub(crate) fn fixed(value: f64, decimals: usize) -> Num {
    let decimals = decimals.min(6);
    if !value.is_finite() || value.abs() > 1e12 {
        return Num::Long(value.to_string());
    }
    let scale = 10u64.pow(decimals as u32);
    let n = (value * scale as f64).round();
    let a = n.abs() as u64;
    let mut d = Digits::new();
    if decimals == 0 {
        d.push_int(a, 1);
    } else {
        d.push_int(a % scale, decimals);
        d.push_front(b'.');
        d.push_int(a / scale, 1);
    }
    if n < 0.0 {
        d.push_front(b'-');
    }
    Num::Short(d)
}

/// Concatenates string pieces with one allocation of the exact size: `cat!(a, "…", b)`.
macro_rules! cat {
    ($($part:expr),* $(,)?) => {
        // Temporaries in a match scrutinee live to the end of the match.
        // `concat` sizes the string once and copies every part in one call, where a loop of
        // `push_str` made a call per part (a plan's sentences have some 1,500 parts).
        match [$(::core::convert::AsRef::<str>::as_ref(&$part)),*] {
            parts => parts.concat(),
        }
    };
}
pub(crate) use cat;

#[cfg(test)]
mod tests {
    use super::{fixed, int};

    #[test]
    fn day_text_matches_display() {
        for days in [-719_162, -1, 0, 20_000, 20_780, 2_932_896] {
            let day = crate::date::Date::from_days_since_epoch(days);
            assert_eq!(super::day_text(day), day.to_string(), "{days}");
        }
    }

    #[test]
    fn fixed_matches_std_away_from_ties() {
        for v in [0.0, 2.4, 3.0, 58.0, 67.33, 1.694, 420.0, 0.05001, -0.6, 4.1] {
            for d in 0..3 {
                assert_eq!(fixed(v, d).as_ref(), format!("{v:.d$}"), "{v} {d}");
            }
        }
    }

    #[test]
    fn int_and_cat_match_format() {
        for n in [0u64, 7, 10, 123_456_789, u64::MAX] {
            assert_eq!(int(n).as_str(), n.to_string());
        }
        assert_eq!(cat!("第 ", int(3), " 周", fixed(2.25, 1)), "第 3 周2.3");
        assert_eq!(fixed(f64::NAN, 1).as_ref(), "NaN");
    }
}
