//! The domain's figures for competency evaluation, as named defaults in one place.
//!
//! Every figure here can be overridden by the model (cut scores, recency, minimum evidence) or by
//! the evaluation options (thresholds, margins); the tests at the bottom pin each one to the
//! domain brief (`shared/domain.md`) so a change is deliberate.

/// The lowest level of the 1–5 scale (domain: "Each dimension has … a 1–5 level").
pub const LEVEL_MIN: f64 = 1.0;
/// The highest level of the 1–5 scale.
pub const LEVEL_MAX: f64 = 5.0;

/// Scores (0–100) at which an exam or rubric result reaches exactly level 1, 2, 3, 4 and 5;
/// between two cuts the level is interpolated linearly. 60 is level 3, so "below 60" (the
/// domain's team finding) means "below the competent level".
pub const CUT_SCORES: [f64; 5] = [30.0, 45.0, 60.0, 75.0, 90.0];

/// How old evidence may be, in days, before it is ignored as stale. The domain's research step
/// looks at "three months of KPIs".
pub const RECENCY_DAYS: u32 = 92;

/// How many distinct sources a dimension needs before it is given a level.
pub const MIN_EVIDENCE: u32 = 1;

/// The team finding's default threshold on the 0–100 evidence scale
/// (domain: "80% of agents score below 60 in the complaint-handling module").
pub const SHARE_THRESHOLD_SCORE: f64 = 60.0;

/// A self rating this many levels or more above the supervisor's rating (or the evidence) is a
/// blind spot.
pub const BLIND_SPOT_MARGIN: f64 = 1.0;

/// A dimension is a strength when its level exceeds the role target by at least this much
/// (or reaches [`STRENGTH_LEVEL_WITHOUT_TARGET`] when the role sets no target for it).
pub const STRENGTH_MARGIN: f64 = 0.5;

/// The level that counts as a strength when the role has no target for the dimension.
pub const STRENGTH_LEVEL_WITHOUT_TARGET: f64 = 4.0;

/// The importance of a role target when the model does not say.
pub const IMPORTANCE: f64 = 1.0;

/// Percentiles of the team's KPI values that anchor levels 1–5 when a KPI is mapped by team
/// percentiles (the median agent is level 3).
pub const KPI_PERCENTILES: [f64; 5] = [10.0, 30.0, 50.0, 70.0, 90.0];

/// Fewer people than this with a KPI, and team percentiles cannot rank them: the KPI source is
/// left out (and reported) rather than guessed.
pub const MIN_PERCENTILE_PEERS: usize = 5;

/// Whether a KPI is better when higher or lower.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiDirection {
    /// CSAT, FCR, resolution rate, QA score.
    HigherIsBetter,
    /// Handle time and complaint rate.
    LowerIsBetter,
}

/// A KPI the evidence format knows: id, names, unit, direction and the values it may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSpec {
    /// The id used in evidence and models (`csat`, `aht`…).
    pub id: &'static str,
    /// 中文 name, as in the CSV headers.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
    /// Higher or lower is better.
    pub direction: KpiDirection,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value (`f64::MAX` when unbounded).
    pub max: f64,
}

/// The KPIs of the domain brief, with their units: CSAT on 5 points, rates as percentages 0–100,
/// AHT in seconds, QA 0–100.
pub const KPIS: [KpiSpec; 6] = [
    KpiSpec {
        id: "csat",
        zh: "客户满意度",
        en: "CSAT",
        direction: KpiDirection::HigherIsBetter,
        min: 1.0,
        max: 5.0,
    },
    KpiSpec {
        id: "fcr",
        zh: "首次解决率",
        en: "FCR",
        direction: KpiDirection::HigherIsBetter,
        min: 0.0,
        max: 100.0,
    },
    KpiSpec {
        id: "aht",
        zh: "平均处理时长",
        en: "AHT",
        direction: KpiDirection::LowerIsBetter,
        min: 0.0,
        max: 86_400.0,
    },
    KpiSpec {
        id: "complaintRate",
        zh: "投诉率",
        en: "complaint rate",
        direction: KpiDirection::LowerIsBetter,
        min: 0.0,
        max: 100.0,
    },
    KpiSpec {
        id: "resolutionRate",
        zh: "问题解决率",
        en: "resolution rate",
        direction: KpiDirection::HigherIsBetter,
        min: 0.0,
        max: 100.0,
    },
    KpiSpec {
        id: "qaScore",
        zh: "质检得分",
        en: "QA score",
        direction: KpiDirection::HigherIsBetter,
        min: 0.0,
        max: 100.0,
    },
];

/// The KPI with this id, if the format knows it.
pub fn kpi(id: &str) -> Option<&'static KpiSpec> {
    KPIS.iter().find(|k| k.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_match_the_domain_brief() {
        // "Each dimension has behaviour indicators that can be counted, and a 1–5 level."
        assert_eq!((LEVEL_MIN, LEVEL_MAX), (1.0, 5.0));
        // "80% of agents score below 60 in the complaint-handling module".
        assert_eq!(SHARE_THRESHOLD_SCORE, 60.0);
        // 60 is the competent level 3 on the default cut scores.
        assert_eq!(CUT_SCORES[2], SHARE_THRESHOLD_SCORE);
        // "Research: three months of KPIs" – a quarter of up to 92 days.
        assert_eq!(RECENCY_DAYS, 92);
        // Blind spot: self rating a level or more above the supervisor's (the issue).
        assert_eq!(BLIND_SPOT_MARGIN, 1.0);
        assert_eq!(KPI_PERCENTILES[2], 50.0);
    }

    #[test]
    fn our_own_choices_are_pinned_too() {
        // Not figures of the brief but choices of this module, pinned so a change is deliberate.
        assert_eq!(CUT_SCORES, [30.0, 45.0, 60.0, 75.0, 90.0]);
        assert_eq!(MIN_EVIDENCE, 1);
        assert_eq!(STRENGTH_MARGIN, 0.5);
        assert_eq!(STRENGTH_LEVEL_WITHOUT_TARGET, 4.0);
        assert_eq!(IMPORTANCE, 1.0);
        assert_eq!(KPI_PERCENTILES, [10.0, 30.0, 50.0, 70.0, 90.0]);
        assert_eq!(MIN_PERCENTILE_PEERS, 5);
    }

    #[test]
    fn kpi_directions_and_units_match_the_brief() {
        // "平均处理时长 average handle time (AHT, lower is better), 投诉率 complaint rate (lower is better)"
        assert_eq!(
            kpi("aht").map(|k| k.direction),
            Some(KpiDirection::LowerIsBetter)
        );
        assert_eq!(
            kpi("complaintRate").map(|k| k.direction),
            Some(KpiDirection::LowerIsBetter)
        );
        for id in ["csat", "fcr", "resolutionRate", "qaScore"] {
            assert_eq!(
                kpi(id).map(|k| k.direction),
                Some(KpiDirection::HigherIsBetter)
            );
        }
        // "客户满意度 CSAT (5-point)".
        assert_eq!(kpi("csat").map(|k| (k.min, k.max)), Some((1.0, 5.0)));
        assert!(kpi("nps").is_none());
    }
}
