//! Training effectiveness on Kirkpatrick's four levels for a cohort: reaction (survey mean),
//! learning (post-test pass rate, pre/post gain), behaviour (observed behaviour coverage) and
//! results (relative KPI change). Each level reports its value, target, whether it is met and
//! the figures behind it; a level without data, or whose statistic is undefined, says why
//! instead of producing NaN.

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::i18n::Text;
use crate::plan::check;
use crate::plan::defaults;

/// The cohort format version this build reads.
pub const COHORT_SCHEMA_VERSION: u32 = 1;

/// A cohort's training data; every level is optional.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CohortData {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Level 1: satisfaction ratings, one per trainee, on 1–5.
    #[serde(default)]
    pub reaction: Vec<f64>,
    /// Level 2: test scores.
    #[serde(default)]
    pub learning: Option<LearningData>,
    /// Level 3: observed behaviours per person (rubric criteria or checklist items).
    #[serde(default)]
    pub behaviour: Vec<BehaviourObservation>,
    /// Level 4: KPIs before and after.
    #[serde(default)]
    pub results: Vec<KpiChange>,
    /// Targets; absent fields take the domain's figures.
    #[serde(default)]
    pub targets: KirkpatrickTargets,
}

/// Post-test scores (0–100), with optional paired pre-test scores.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LearningData {
    /// Post-test score per trainee.
    pub post_scores: Vec<f64>,
    /// Pre-test score per trainee, in the same order (for the gain).
    #[serde(default)]
    pub pre_scores: Option<Vec<f64>>,
}

/// Behaviours observed for one person.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BehaviourObservation {
    /// Employee id.
    pub person_id: String,
    /// Behaviours observed.
    pub observed: u32,
    /// Behaviours expected (at least 1).
    pub expected: u32,
}

/// A KPI before and after the training.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiChange {
    /// KPI id: csat, fcr, aht, complaintRate, resolutionRate, qaScore.
    pub kpi_id: String,
    /// Value before.
    pub before: f64,
    /// Value after.
    pub after: f64,
}

/// Targets of the four levels; every field defaults to the domain's figure.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct KirkpatrickTargets {
    /// Mean satisfaction (default 4.2 of 5).
    pub reaction_mean: f64,
    /// Post-test pass mark (default 85).
    pub pass_mark: f64,
    /// Share passing (default 0.95).
    pub pass_rate: f64,
    /// Share of expected behaviours observed (default 0.80).
    pub behaviour_coverage: f64,
    /// Relative CSAT change (default +0.15).
    pub csat_change: f64,
    /// Relative complaint-rate change (default −0.25).
    pub complaint_change: f64,
    /// Relative FCR change, a longer-term aim (default +0.20).
    pub fcr_change: f64,
}

impl Default for KirkpatrickTargets {
    fn default() -> Self {
        KirkpatrickTargets {
            reaction_mean: defaults::REACTION_TARGET,
            pass_mark: defaults::LEARNING_PASS_MARK,
            pass_rate: defaults::LEARNING_PASS_RATE_TARGET,
            behaviour_coverage: defaults::BEHAVIOUR_COVERAGE_TARGET,
            csat_change: defaults::RESULTS_CSAT_CHANGE,
            complaint_change: defaults::RESULTS_COMPLAINT_CHANGE,
            fcr_change: defaults::RESULTS_FCR_CHANGE,
        }
    }
}

/// The four levels, in order.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KirkpatrickReport {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Reaction, learning, behaviour, results.
    pub levels: Vec<LevelResult>,
}

/// Which level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum KirkpatrickLevel {
    /// Level 1 反应层.
    Reaction,
    /// Level 2 学习层.
    Learning,
    /// Level 3 行为层.
    Behaviour,
    /// Level 4 结果层.
    Results,
}

/// One level's outcome.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelResult {
    /// Which level.
    pub level: KirkpatrickLevel,
    /// Display name.
    pub name: Text,
    /// The level's headline value; `null` without data (see `reason`).
    pub value: Option<f64>,
    /// Its target.
    pub target: Option<f64>,
    /// Whether the target is met; `null` when undecidable.
    pub met: Option<bool>,
    /// Records behind the value.
    pub n: u32,
    /// The figures behind it.
    pub figures: Vec<Figure>,
    /// Per-KPI outcomes (results level only).
    pub kpis: Vec<KpiResult>,
    /// Why `value` or `met` is `null`.
    pub reason: Option<Text>,
}

/// A named figure.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Figure {
    /// Stable key, e.g. `mean`, `sd`, `passRate`.
    pub key: String,
    /// Display label.
    pub label: Text,
    /// The value; `null` when undefined (a standard deviation of one rating).
    pub value: Option<f64>,
}

/// One KPI's change against its target.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiResult {
    /// KPI id.
    pub kpi_id: String,
    /// Value before.
    pub before: f64,
    /// Value after.
    pub after: f64,
    /// `(after − before) / before`; `null` when `before` is 0.
    pub change: Option<f64>,
    /// Target change (csat, complaintRate, fcr); `null` for other KPIs.
    pub target: Option<f64>,
    /// Whether the target is met (a negative target must be reached or passed downward).
    pub met: Option<bool>,
}

fn figure(key: &str, zh: &str, en: &str, value: Option<f64>) -> Figure {
    Figure {
        key: key.into(),
        label: Text::new(zh, en),
        value: value.filter(|v| v.is_finite()),
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// Sample standard deviation (n − 1); `None` below two values.
fn sample_sd(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    if values.len() < 2 {
        return None;
    }
    let ss: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some((ss / (values.len() - 1) as f64).sqrt())
}

fn no_data(level: KirkpatrickLevel, name: Text, target: f64) -> LevelResult {
    LevelResult {
        level,
        name,
        value: None,
        target: Some(target),
        met: None,
        n: 0,
        figures: Vec::new(),
        kpis: Vec::new(),
        reason: Some(Text::new("没有该层级的数据", "no data for this level")),
    }
}

/// Evaluates the four levels. Ratings outside 1–5, scores outside 0–100, observed > expected or
/// expected 0, unpaired pre/post lists → errors with code and path.
///
/// @example `kirkpatrick(&decode_json::<CohortData>(text)?)?.levels[0].met`
pub fn kirkpatrick(data: &CohortData) -> Result<KirkpatrickReport, Error> {
    check_schema_version(data.schema_version, COHORT_SCHEMA_VERSION, "cohort data")?;
    let t = &data.targets;
    check::in_range(t.reaction_mean, 1.0, 5.0, "targets.reactionMean")?;
    check::in_range(t.pass_mark, 0.0, 100.0, "targets.passMark")?;
    check::in_range(t.pass_rate, 0.0, 1.0, "targets.passRate")?;
    check::in_range(t.behaviour_coverage, 0.0, 1.0, "targets.behaviourCoverage")?;
    check::in_range(t.csat_change, -1.0, 10.0, "targets.csatChange")?;
    check::in_range(t.complaint_change, -1.0, 10.0, "targets.complaintChange")?;
    check::in_range(t.fcr_change, -1.0, 10.0, "targets.fcrChange")?;
    Ok(KirkpatrickReport {
        schema_version: COHORT_SCHEMA_VERSION,
        levels: vec![
            reaction(&data.reaction, t)?,
            learning(data.learning.as_ref(), t)?,
            behaviour(&data.behaviour, t)?,
            results(&data.results, t)?,
        ],
    })
}

fn reaction(ratings: &[f64], t: &KirkpatrickTargets) -> Result<LevelResult, Error> {
    let name = Text::new("反应层（满意度）", "Reaction (satisfaction)");
    for (i, r) in ratings.iter().enumerate() {
        check::in_range(
            *r,
            1.0,
            defaults::REACTION_SCALE_MAX,
            &format!("reaction[{i}]"),
        )?;
    }
    let Some(m) = mean(ratings) else {
        return Ok(no_data(KirkpatrickLevel::Reaction, name, t.reaction_mean));
    };
    Ok(LevelResult {
        level: KirkpatrickLevel::Reaction,
        name,
        value: Some(m),
        target: Some(t.reaction_mean),
        met: Some(m >= t.reaction_mean),
        n: ratings.len() as u32,
        figures: vec![
            figure("mean", "平均分", "mean", Some(m)),
            figure("sd", "标准差", "standard deviation", sample_sd(ratings)),
            figure(
                "shareAtLeastTarget",
                "达到目标分的比例",
                "share rating at least the target",
                Some(
                    ratings.iter().filter(|r| **r >= t.reaction_mean).count() as f64
                        / ratings.len() as f64,
                ),
            ),
        ],
        kpis: Vec::new(),
        reason: None,
    })
}

fn learning(data: Option<&LearningData>, t: &KirkpatrickTargets) -> Result<LevelResult, Error> {
    let name = Text::new("学习层（考试通过率）", "Learning (test pass rate)");
    let Some(data) = data.filter(|d| !d.post_scores.is_empty()) else {
        return Ok(no_data(KirkpatrickLevel::Learning, name, t.pass_rate));
    };
    let post = &data.post_scores;
    for (i, s) in post.iter().enumerate() {
        check::in_range(*s, 0.0, 100.0, &format!("learning.postScores[{i}]"))?;
    }
    let passed = post.iter().filter(|s| **s >= t.pass_mark).count();
    let rate = passed as f64 / post.len() as f64;
    let mut figures = vec![
        figure("passMark", "合格分数线", "pass mark", Some(t.pass_mark)),
        figure("passed", "通过人数", "passed", Some(passed as f64)),
        figure("passRate", "通过率", "pass rate", Some(rate)),
        figure("postMean", "后测平均分", "post-test mean", mean(post)),
    ];
    if let Some(pre) = &data.pre_scores {
        if pre.len() != post.len() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "learning.preScores",
                format!(
                    "前测成绩有 {} 个，后测有 {} 个：两者应一一对应",
                    pre.len(),
                    post.len()
                ),
                format!(
                    "{} pre-test scores for {} post-test scores; expected one per trainee",
                    pre.len(),
                    post.len()
                ),
            ));
        }
        for (i, s) in pre.iter().enumerate() {
            check::in_range(*s, 0.0, 100.0, &format!("learning.preScores[{i}]"))?;
        }
        let gains: Vec<f64> = post.iter().zip(pre).map(|(b, a)| b - a).collect();
        let pre_mean = mean(pre);
        let normalised = match (pre_mean, mean(post)) {
            (Some(a), Some(b)) if a < 100.0 => Some((b - a) / (100.0 - a)),
            _ => None,
        };
        figures.push(figure("preMean", "前测平均分", "pre-test mean", pre_mean));
        figures.push(figure("meanGain", "平均提升", "mean gain", mean(&gains)));
        figures.push(figure("gainSd", "提升标准差", "gain SD", sample_sd(&gains)));
        figures.push(figure(
            "normalisedGain",
            "标准化提升（Hake）",
            "normalised gain (Hake)",
            normalised,
        ));
    }
    Ok(LevelResult {
        level: KirkpatrickLevel::Learning,
        name,
        value: Some(rate),
        target: Some(t.pass_rate),
        met: Some(rate >= t.pass_rate),
        n: post.len() as u32,
        figures,
        kpis: Vec::new(),
        reason: None,
    })
}

fn behaviour(obs: &[BehaviourObservation], t: &KirkpatrickTargets) -> Result<LevelResult, Error> {
    let name = Text::new("行为层（行为覆盖率）", "Behaviour (observed coverage)");
    if obs.is_empty() {
        return Ok(no_data(
            KirkpatrickLevel::Behaviour,
            name,
            t.behaviour_coverage,
        ));
    }
    let mut observed = 0.0;
    let mut expected = 0.0;
    let mut shares = Vec::with_capacity(obs.len());
    for (i, o) in obs.iter().enumerate() {
        check::count_in_range(o.expected, 1, 10_000, &format!("behaviour[{i}].expected"))?;
        check::count_in_range(
            o.observed,
            0,
            o.expected,
            &format!("behaviour[{i}].observed"),
        )?;
        observed += f64::from(o.observed);
        expected += f64::from(o.expected);
        shares.push(f64::from(o.observed) / f64::from(o.expected));
    }
    let coverage = observed / expected;
    let reaching = shares
        .iter()
        .filter(|s| **s >= t.behaviour_coverage)
        .count() as f64
        / shares.len() as f64;
    Ok(LevelResult {
        level: KirkpatrickLevel::Behaviour,
        name,
        value: Some(coverage),
        target: Some(t.behaviour_coverage),
        met: Some(coverage >= t.behaviour_coverage),
        n: obs.len() as u32,
        figures: vec![
            figure(
                "observed",
                "观察到的行为数",
                "behaviours observed",
                Some(observed),
            ),
            figure(
                "expected",
                "应有行为数",
                "behaviours expected",
                Some(expected),
            ),
            figure(
                "coverage",
                "覆盖率（合计）",
                "coverage (pooled)",
                Some(coverage),
            ),
            figure(
                "meanPersonCoverage",
                "人均覆盖率",
                "mean coverage per person",
                mean(&shares),
            ),
            figure(
                "shareReachingTarget",
                "达到目标的人员比例",
                "share of people reaching the target",
                Some(reaching),
            ),
        ],
        kpis: Vec::new(),
        reason: None,
    })
}

fn results(changes: &[KpiChange], t: &KirkpatrickTargets) -> Result<LevelResult, Error> {
    let name = Text::new("结果层（KPI 变化）", "Results (KPI change)");
    if changes.is_empty() {
        let mut level = no_data(KirkpatrickLevel::Results, name, 1.0);
        level.target = Some(1.0);
        return Ok(level);
    }
    let mut kpis = Vec::with_capacity(changes.len());
    for (i, c) in changes.iter().enumerate() {
        let path = format!("results[{i}]");
        let builtin = crate::competency::defaults::kpi(&c.kpi_id).map(|k| (k.min, k.max));
        let (min, max) = crate::plan::evaluation::kpi_range(&c.kpi_id)
            .or(builtin)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownReference,
                    format!("{path}.kpiId"),
                    format!(
                        "未知的 KPI “{}”，应为 csat、fcr、aht、complaintRate、resolutionRate 或 qaScore",
                        c.kpi_id
                    ),
                    format!(
                        "unknown KPI \"{}\"; expected csat, fcr, aht, complaintRate, resolutionRate or qaScore",
                        c.kpi_id
                    ),
                )
            })?;
        check::in_range(c.before, min, max, &format!("{path}.before"))?;
        check::in_range(c.after, min, max, &format!("{path}.after"))?;
        let change = (c.before != 0.0).then(|| (c.after - c.before) / c.before);
        let target = match c.kpi_id.as_str() {
            "csat" | "satisfactionRate" => Some(t.csat_change),
            "complaintRate" | "complaintCount" => Some(t.complaint_change),
            "fcr" => Some(t.fcr_change),
            _ => None,
        };
        let met = match (change, target) {
            (Some(ch), Some(tg)) if tg < 0.0 => Some(ch <= tg + 1e-12),
            (Some(ch), Some(tg)) => Some(ch >= tg - 1e-12),
            _ => None,
        };
        kpis.push(KpiResult {
            kpi_id: c.kpi_id.clone(),
            before: c.before,
            after: c.after,
            change,
            target,
            met,
        });
    }
    let decided: Vec<bool> = kpis.iter().filter_map(|k| k.met).collect();
    let met_count = decided.iter().filter(|m| **m).count();
    let (value, met, reason) = if decided.is_empty() {
        (
            None,
            None,
            Some(Text::new(
                "没有可判定目标的 KPI（需要 csat、complaintRate 或 fcr，且前值不为 0）",
                "no KPI with a decidable target (csat, complaintRate or fcr with a non-zero before value)",
            )),
        )
    } else {
        (
            Some(met_count as f64 / decided.len() as f64),
            Some(met_count == decided.len()),
            None,
        )
    };
    Ok(LevelResult {
        level: KirkpatrickLevel::Results,
        name,
        value,
        target: Some(1.0),
        met,
        n: kpis.len() as u32,
        figures: vec![
            figure(
                "kpisWithTarget",
                "有目标的 KPI 数",
                "KPIs with a target",
                Some(decided.len() as f64),
            ),
            figure(
                "kpisMet",
                "达标 KPI 数",
                "KPIs meeting their target",
                Some(met_count as f64),
            ),
        ],
        kpis,
        reason,
    })
}
