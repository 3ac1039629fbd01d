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
