//! The domain's figures for the assessment result, in one place; every config can override them.
//! `tests::pinned_to_the_domain_brief` ties each to `shared/domain.md`.

/// Theory component weight: "theory 40% + practical 60%".
pub const THEORY_WEIGHT: f64 = 40.0;
/// Practical component weight.
pub const PRACTICAL_WEIGHT: f64 = 60.0;
/// Id of the theory component (理论知识考核).
pub const THEORY: &str = "theory";
/// Id of the practical component (实操技能考核).
pub const PRACTICAL: &str = "practical";
/// Composite pass line (合格). The brief names a pass line without a figure; 60 is the usual
/// Chinese percentage pass mark, and the lowest passing grade band starts there.
pub const PASS_MARK: f64 = 60.0;
/// Grade cut for 优秀 excellent.
pub const EXCELLENT_FROM: f64 = 90.0;
/// Grade cut for 良好 good.
pub const GOOD_FROM: f64 = 80.0;
/// Cohort target pass rate: "target pass rate ≥ 90%".
pub const TARGET_PASS_RATE: f64 = 90.0;
/// Width of the score-distribution bins (0–10, 10–20, … 90–100).
pub const HISTOGRAM_BIN_WIDTH: f64 = 10.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_to_the_domain_brief() {
        // "Composite example: theory 40% + practical 60%; target pass rate ≥ 90%."
        assert_eq!((THEORY_WEIGHT, PRACTICAL_WEIGHT), (40.0, 60.0));
        assert_eq!(TARGET_PASS_RATE, 90.0);
        assert_eq!((EXCELLENT_FROM, GOOD_FROM), (90.0, 80.0));
        assert_eq!(PASS_MARK, 60.0);
    }
}
