//! The figures item analysis uses unless a caller overrides them, in one place.
//!
//! They come from the item-analysis issue (which follows Moodle's quiz statistics report and the
//! classical test-theory literature), not from the domain documents; a test pins each one.

/// Share of candidates in each of the upper and lower groups (Kelley's 27%).
pub const GROUP_FRACTION: f64 = 0.27;

/// An item whose facility is above this is flagged as too easy.
pub const TOO_EASY_ABOVE: f64 = 0.9;

/// An item whose facility is below this is flagged as too hard.
pub const TOO_HARD_BELOW: f64 = 0.2;

/// An item whose discrimination (item–rest correlation) is below this is flagged as weak;
/// below zero it is flagged as negative instead.
pub const LOW_DISCRIMINATION_BELOW: f64 = 0.2;

/// The score distribution is reported in this many equal bins of percent of the maximum.
pub const HISTOGRAM_BINS: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    /// The issue: "facility > 0.9 or < 0.2, discrimination < 0.2 or negative", "the upper–lower
    /// 27% index", "e.g. 10 bins of percent".
    #[test]
    fn defaults_match_the_issue() {
        assert_eq!(GROUP_FRACTION, 0.27);
        assert_eq!(TOO_EASY_ABOVE, 0.9);
        assert_eq!(TOO_HARD_BELOW, 0.2);
        assert_eq!(LOW_DISCRIMINATION_BELOW, 0.2);
        assert_eq!(HISTOGRAM_BINS, 10);
    }
}
