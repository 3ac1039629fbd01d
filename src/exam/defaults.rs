//! The domain's figures as named defaults, in one place.
//!
//! Each is the source documents' own example (see the domain brief), used only when an input
//! leaves the value out; every one can be overridden by the bank or the blueprint.

/// Pass mark on the total, in percent, when a blueprint gives none: the domain's mock product
/// exam (模拟考试 ≥ 85).
pub const PASS_MARK_PERCENT: f64 = 85.0;

/// The pass mark the domain sets for a new hire's product test within a month (≥ 90); a preset a
/// page can offer, not applied automatically.
pub const NEW_HIRE_PASS_MARK_PERCENT: f64 = 90.0;

/// Share of the points for a correct proper subset under the `fixedShare` policy (少选得一半分).
pub const FIXED_SHARE: f64 = 0.5;

/// Schema version of the bank, blueprint, paper, view and result formats this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Largest bank (items) a page will load; protects the page's memory.
pub const MAX_ITEMS: usize = 5_000;

/// Longest string (characters) in a bank or a response.
pub const MAX_STRING_CHARS: usize = 10_000;

/// Most options (or prompts) an item may have: one letter each, A–Z, and one bit each in the
/// 32-bit masks of the cohort path.
pub const MAX_OPTIONS: usize = 26;

/// Fewest options a choice or ordering item may have.
pub const MIN_OPTIONS: usize = 2;

/// Most blanks in a fill-in-the-blank item.
pub const MAX_BLANKS: usize = 64;

/// Most keyword groups in a short-answer rubric (one bit each in the matched-keyword mask).
pub const MAX_KEYWORD_GROUPS: usize = 32;

/// Slack for comparing floating-point points, percents and numeric answers, so that
/// `0.1 + 0.2` meets a key of `0.3` and 17/20 meets a pass mark of 85 %.
pub const EPSILON: f64 = 1e-9;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_domain_brief() {
        // Domain brief: "mock product exam ≥ 85, new hire's product test ≥ 90 within a month".
        assert_eq!(PASS_MARK_PERCENT, 85.0);
        assert_eq!(NEW_HIRE_PASS_MARK_PERCENT, 90.0);
        // Issue: "a correct subset earns a fixed share (少选得一半分)".
        assert_eq!(FIXED_SHARE, 0.5);
        // Task: bank larger than 5,000 items or a string longer than 10,000 chars → TOO_LARGE.
        assert_eq!(MAX_ITEMS, 5_000);
        assert_eq!(MAX_STRING_CHARS, 10_000);
        assert_eq!(MAX_OPTIONS, 26);
        assert_eq!(SCHEMA_VERSION, 1);
    }
}
