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

/// A KPI the evidence format knows without a model saying so: id, names, unit, direction, the
/// values it may take and the header spellings of contact-centre reports. A model adds its own
/// KPIs (and may redefine these) in its `kpis` list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSpec {
    /// The id used in evidence and models (`csat`, `aht`…).
    pub id: &'static str,
    /// 中文 name, as in the CSV headers.
    pub zh: &'static str,
    /// English name.
    pub en: &'static str,
    /// Unit in Chinese (分, %, 秒).
    pub unit_zh: &'static str,
    /// Unit in English.
    pub unit_en: &'static str,
    /// Higher or lower is better.
    pub direction: KpiDirection,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value (`f64::MAX` when unbounded).
    pub max: f64,
    /// A percentage: cells may be written `85%`.
    pub percent: bool,
    /// Decimals shown and used for targets.
    pub decimals: u32,
    /// Header spellings, compared after normalising (lower case, no spaces or bracketed units).
    pub aliases: &'static [&'static str],
}

use KpiDirection::{HigherIsBetter as Higher, LowerIsBetter as Lower};

/// A percentage KPI (0–100, cells may be written `85%`).
const fn rate(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    direction: KpiDirection,
    decimals: u32,
    aliases: &'static [&'static str],
) -> KpiSpec {
    let mut spec = measure(
        id,
        zh,
        en,
        ["%", "%"],
        direction,
        [0.0, 100.0],
        decimals,
        aliases,
    );
    spec.percent = true;
    spec
}

/// A KPI that is not a percentage: its unit and range, whole numbers unless `decimals` says.
#[allow(clippy::too_many_arguments)]
const fn measure(
    id: &'static str,
    zh: &'static str,
    en: &'static str,
    unit: [&'static str; 2],
    direction: KpiDirection,
    range: [f64; 2],
    decimals: u32,
    aliases: &'static [&'static str],
) -> KpiSpec {
    KpiSpec {
        id,
        zh,
        en,
        unit_zh: unit[0],
        unit_en: unit[1],
        direction,
        min: range[0],
        max: range[1],
        percent: false,
        decimals,
        aliases,
    }
}

const SECONDS: [&str; 2] = ["秒", "s"];
const POINTS: [&str; 2] = ["分", "points"];
const PER_MONTH: [&str; 2] = ["次/月", "per month"];
/// A day, in seconds: the longest handling or response time a report can hold.
const DAY: f64 = 86_400.0;

/// The KPIs of the domain brief and of common Chinese contact-centre reports, with their units:
/// CSAT on 5 points, 满意率 and the other rates as percentages 0–100, times in seconds, QA 0–100.
#[rustfmt::skip]
pub const KPIS: [KpiSpec; 12] = [
    measure("csat", "客户满意度", "CSAT", POINTS, Higher, [1.0, 5.0], 1,
        &["客户满意度", "满意度", "满意度评分", "csat", "customersatisfaction"]),
    rate("satisfactionRate", "满意率", "satisfaction rate", Higher, 0,
        &["满意率", "客户满意率", "满意度百分比", "satisfactionrate", "csatrate"]),
    rate("fcr", "首次解决率", "FCR", Higher, 0,
        &["首次解决率", "一次解决率", "首解率", "fcr", "firstcontactresolution"]),
    measure("aht", "平均处理时长", "AHT", SECONDS, Lower, [0.0, DAY], 0,
        &["平均处理时长", "平均通话时长", "aht", "averagehandletime", "avghandletime"]),
    measure("responseTime", "平均响应时长", "average response time", SECONDS, Lower, [0.0, DAY], 0,
        &["平均响应时长", "平均响应时间", "首次响应时长", "responsetime", "avgresponsetime", "art"]),
    rate("complaintRate", "投诉率", "complaint rate", Lower, 1,
        &["投诉率", "complaintrate", "complaintsrate"]),
    rate("complaintSatisfaction", "投诉处理满意度", "complaint-handling satisfaction", Higher, 0,
        &["投诉处理满意度", "投诉满意度", "投诉处理满意率", "complaintsatisfaction"]),
    rate("praiseRate", "表扬率", "praise rate", Higher, 1,
        &["表扬率", "好评率", "praiserate", "complimentrate"]),
    rate("resolutionRate", "问题解决率", "resolution rate", Higher, 0,
        &["问题解决率", "解决率", "resolutionrate"]),
    measure("qaScore", "质检得分", "QA score", POINTS, Higher, [0.0, 100.0], 0,
        &["质检得分", "质检分数", "服务质量评分", "质检评分", "qascore", "qa", "qualityscore"]),
    measure("praiseCount", "表扬次数", "praise count", PER_MONTH, Higher, [0.0, 10_000.0], 0,
        &["表扬次数", "表扬数", "praisecount"]),
    measure("complaintCount", "投诉次数", "complaint count", PER_MONTH, Lower, [0.0, 10_000.0], 0,
        &["投诉次数", "投诉数", "complaintcount"]),
];

/// The built-in KPI with this id.
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
