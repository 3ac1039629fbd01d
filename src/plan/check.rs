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

/// Fast fixed-point display of a bounded number, honouring `{:.N}` precision. Plan texts print
/// thousands of levels and scores; std's exact float formatting dominated generation time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed(pub f64);

impl std::fmt::Display for Fixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let decimals = f.precision().unwrap_or(0).min(6);
        if !self.0.is_finite() || self.0.abs() > 1e12 {
            return write!(f, "{}", self.0);
        }
        let scale = 10u64.pow(decimals as u32);
        let n = (self.0 * scale as f64).round();
        let sign = if n < 0.0 { "-" } else { "" };
        let a = n.abs() as u64;
        if decimals == 0 {
            write!(f, "{sign}{a}")
        } else {
            write!(
                f,
                "{sign}{}.{:0width$}",
                a / scale,
                a % scale,
                width = decimals
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Fixed;

    #[test]
    fn fixed_matches_std_away_from_ties() {
        for v in [0.0, 2.4, 3.0, 58.0, 67.33, 1.694, 420.0, 0.05001, -0.6, 4.1] {
            for d in 0..3 {
                assert_eq!(format!("{:.*}", d, Fixed(v)), format!("{v:.d$}"), "{v} {d}");
            }
        }
    }
}
