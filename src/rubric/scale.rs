//! Rating scales of a criterion: yes/no, 0–N points, or levels 1–N with a behaviour anchor each.

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};

/// How a criterion is rated. Every scale has whole-number steps of 1, so "adjacent agreement"
/// (two raters one step apart) means the same thing on every scale.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum Scale {
    /// 是/否: `1` = yes (met), `0` = no. (An empty struct variant, so unknown fields are refused.)
    YesNo {},
    /// 0 to `max` whole points.
    Points {
        /// The highest score (at least 1).
        max: u32,
    },
    /// Levels 1 to N, one behaviour anchor (行为锚定) per level, lowest first.
    Levels {
        /// What the rater observes at level 1, 2, …; 2 to 10 anchors.
        anchors: Vec<String>,
    },
}

/// Most anchors a levels scale may have: more levels than this cannot be told apart by raters.
pub const MAX_LEVELS: usize = 10;

impl Scale {
    /// The lowest value on the scale.
    pub fn min(&self) -> f64 {
        match self {
            Scale::YesNo {} | Scale::Points { .. } => 0.0,
            Scale::Levels { .. } => 1.0,
        }
    }

    /// The highest value on the scale.
    pub fn max(&self) -> f64 {
        match self {
            Scale::YesNo {} => 1.0,
            Scale::Points { max } => f64::from(*max),
            Scale::Levels { anchors } => anchors.len() as f64,
        }
    }

    /// Every value a rater may give, lowest first (e.g. to draw the rating buttons).
    pub fn values(&self) -> Vec<f64> {
        let (lo, hi) = (self.min() as u32, self.max() as u32);
        (lo..=hi).map(f64::from).collect()
    }

    /// A value on the 0–100 scale: `(value − min) / (max − min) × 100`.
    pub fn normalize(&self, value: f64) -> f64 {
        let span = self.max() - self.min();
        if span <= 0.0 {
            return 0.0;
        }
        ((value - self.min()) / span * 100.0).clamp(0.0, 100.0)
    }

    /// Checks the scale itself (at least one point, 2–10 non-blank anchors).
    pub fn validate(&self, path: &str) -> Result<(), Error> {
        match self {
            Scale::YesNo {} => Ok(()),
            Scale::Points { max } => {
                if *max == 0 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        crate::error::join_path(path, "max"),
                        "分值上限应至少为 1",
                        "max must be at least 1",
                    ));
                }
                Ok(())
            }
            Scale::Levels { anchors } => {
                if anchors.len() < 2 || anchors.len() > MAX_LEVELS {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        crate::error::join_path(path, "anchors"),
                        format!(
                            "等级量表应有 2 至 {MAX_LEVELS} 个行为锚定，实际 {} 个",
                            anchors.len()
                        ),
                        format!(
                            "a levels scale needs 2 to {MAX_LEVELS} anchors; found {}",
                            anchors.len()
                        ),
                    ));
                }
                for (i, anchor) in anchors.iter().enumerate() {
                    if anchor.trim().is_empty() {
                        return Err(Error::new(
                            ErrorCode::InvalidValue,
                            crate::error::join_path(path, &format!("anchors[{i}]")),
                            "行为锚定不能为空",
                            "an anchor must not be blank",
                        ));
                    }
                }
                Ok(())
            }
        }
    }

    /// Checks one rater's value: a whole number within the scale.
    pub fn check_value(&self, value: f64, path: &str) -> Result<(), Error> {
        if !value.is_finite() || value.fract() != 0.0 || value < self.min() || value > self.max() {
            let (lo, hi) = (self.min(), self.max());
            return Err(Error::new(
                ErrorCode::OutOfRange,
                path,
                format!("评分应为 {lo} 至 {hi} 之间的整数，实际为 {value}"),
                format!("expected a whole number from {lo} to {hi}; found {value}"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels(n: usize) -> Scale {
        Scale::Levels {
            anchors: (1..=n).map(|i| format!("level {i}")).collect(),
        }
    }

    #[test]
    fn normalizes_each_scale_to_0_100() {
        assert_eq!(Scale::YesNo {}.normalize(1.0), 100.0);
        assert_eq!(Scale::Points { max: 4 }.normalize(3.0), 75.0);
        assert_eq!(levels(5).normalize(1.0), 0.0);
        assert_eq!(levels(5).normalize(4.0), 75.0);
        assert_eq!(levels(5).values(), vec![1.0, 2.0, 3.0, 4.0, 5.0]);
    }

    #[test]
    fn rejects_values_outside_or_between_steps() {
        let s = levels(5);
        assert!(s.check_value(5.0, "v").is_ok());
        for bad in [0.0, 6.0, 2.5, f64::NAN] {
            assert_eq!(
                s.check_value(bad, "v").unwrap_err().code(),
                ErrorCode::OutOfRange
            );
        }
        assert!(Scale::YesNo {}.check_value(2.0, "v").is_err());
    }

    #[test]
    fn rejects_degenerate_scales() {
        assert!(Scale::Points { max: 0 }.validate("s").is_err());
        assert!(levels(1).validate("s").is_err());
        assert!(levels(11).validate("s").is_err());
        assert!(levels(5).validate("s").is_ok());
    }
}
