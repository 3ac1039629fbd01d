//! The domain's figures for development plans, in one place.
//!
//! Every number here comes from the domain brief (the 10-week plan in four phases, the
//! Kirkpatrick targets) or is a documented choice where the brief is silent. Each one is a
//! default that [`crate::plan::PlanSettings`], [`crate::plan::TeamSettings`] or
//! [`crate::plan::KirkpatrickTargets`] can override; `tests` pins each to the brief.

/// Length of one development cycle in weeks (启动 1, 实施 2–8, 评估 9, 优化 10).
pub const CYCLE_WEEKS: u32 = 10;
/// Shortest plan accepted: one week per phase.
pub const MIN_CYCLE_WEEKS: u32 = 4;
/// Longest plan accepted (a year), so a typo cannot schedule thousands of tasks.
pub const MAX_CYCLE_WEEKS: u32 = 52;
/// Share of the cycle given to each of the start, evaluate and optimise phases (1 of 10 weeks);
/// the implementation phase takes the rest. Other lengths scale proportionally.
pub const SHORT_PHASE_SHARE: f64 = 0.1;
/// How many gaps become focus dimensions (the brief's plans work on up to three at a time).
pub const MAX_FOCUS: u32 = 3;
/// Achievable step: at most this many levels (1–5 scale) per cycle.
pub const LEVEL_STEP_PER_CYCLE: f64 = 1.0;
/// Step used for stretch goals when an evaluation shows no gap.
pub const STRETCH_STEP: f64 = 0.5;
/// At most this many evidence-based goals per focus dimension (plus the level goal).
pub const MAX_EVIDENCE_GOALS_PER_DIMENSION: u32 = 2;
/// A goal is "at risk" when its attainment trails the elapsed share of time by more than this.
pub const AT_RISK_LAG: f64 = 0.15;
/// A goal is "behind" when its attainment trails the elapsed share of time by more than this.
pub const BEHIND_LAG: f64 = 0.30;
/// Weeks between two monthly evaluations.
pub const WEEKS_PER_MONTH: u32 = 4;
/// Weeks between two quarterly reviews.
pub const WEEKS_PER_QUARTER: u32 = 13;
/// Best handle time a target may aim at, in seconds (AHT has no natural floor; the brief's team
/// aim is −20% in six months, so targets stop well above zero).
pub const AHT_FLOOR_SECONDS: f64 = 180.0;

/// People who must share a focus dimension before it becomes a group session.
pub const TEAM_MIN_PEOPLE: u32 = 3;
/// Suggested dates per group session topic.
pub const TEAM_SESSIONS_PER_TOPIC: u32 = 2;

/// Kirkpatrick level 1: mean satisfaction on a 5-point scale.
pub const REACTION_TARGET: f64 = 4.2;
/// Top of the reaction survey scale.
pub const REACTION_SCALE_MAX: f64 = 5.0;
/// Kirkpatrick level 2: share of the cohort passing the post-test.
pub const LEARNING_PASS_RATE_TARGET: f64 = 0.95;
/// Pass mark of the post-test when the cohort data does not give one (mock exam ≥ 85).
pub const LEARNING_PASS_MARK: f64 = 85.0;
/// Kirkpatrick level 3: share of expected behaviours observed.
pub const BEHAVIOUR_COVERAGE_TARGET: f64 = 0.80;
/// Kirkpatrick level 4: relative CSAT change (+15%).
pub const RESULTS_CSAT_CHANGE: f64 = 0.15;
/// Kirkpatrick level 4: relative complaint change (−25%).
pub const RESULTS_COMPLAINT_CHANGE: f64 = -0.25;
/// Kirkpatrick level 4, longer-term aim: relative FCR change (+20%).
pub const RESULTS_FCR_CHANGE: f64 = 0.20;

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins every default to the figures of /work/shared/domain.md.
    #[test]
    fn defaults_match_the_domain_brief() {
        assert_eq!(CYCLE_WEEKS, 10);
        // Weeks 1 | 2–8 | 9 | 10: one week each for start, evaluate, optimise.
        assert_eq!((f64::from(CYCLE_WEEKS) * SHORT_PHASE_SHARE).round(), 1.0);
        assert_eq!(MAX_FOCUS, 3);
        assert_eq!(LEVEL_STEP_PER_CYCLE, 1.0);
        assert_eq!(REACTION_TARGET, 4.2);
        assert_eq!(REACTION_SCALE_MAX, 5.0);
        assert_eq!(LEARNING_PASS_RATE_TARGET, 0.95);
        assert_eq!(LEARNING_PASS_MARK, 85.0);
        assert_eq!(BEHAVIOUR_COVERAGE_TARGET, 0.80);
        assert_eq!(RESULTS_CSAT_CHANGE, 0.15);
        assert_eq!(RESULTS_COMPLAINT_CHANGE, -0.25);
        assert_eq!(RESULTS_FCR_CHANGE, 0.20);
        assert_eq!(TEAM_MIN_PEOPLE, 3);
        assert_eq!((AT_RISK_LAG, BEHIND_LAG), (0.15, 0.30));
    }
}
