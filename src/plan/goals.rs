//! SMART goals: a named metric, a baseline from the evidence, a bounded target in the metric's
//! own unit, tied to the dimension and the role target, with a workday deadline.
//!
//! The target is bounded in level units first (at most `levelStepPerCycle` per cycle, never past
//! the role target for a gap, never past level 5), then mapped back to the evidence's unit with
//! the evidence itself: the source says "raw value r is level l", and the scale's best value
//! (100 points, CSAT 5, complaint rate 0, the AHT floor) is level 5, so a step of Δ levels moves
//! the raw value by `(best − r) × Δ / (5 − l)`. That is exact for a linear mapping and never
//! overshoots the scale for any monotone one. Exam 72 at level 3.0 + 1 level → 86.

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::i18n::Text;
use crate::plan::check::{cat, fixed, int, Num};
use crate::plan::evaluation::{kpi_range, DimensionEvaluation, SourceKind};
use crate::plan::settings::PlanSettings;
use crate::plan::tracking::TrackStatus;

/// A SMART goal of a plan. Tracking updates `current`, `attainment` and `status`.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    /// Stable id within the plan: `<dimension>.level` or `<dimension>.<kind>.<key>`.
    pub id: String,
    /// The focus dimension it belongs to.
    pub dimension_id: String,
    /// What is measured (Specific).
    pub metric: Metric,
    /// Value at the start, from the evaluation (Measurable).
    pub baseline: f64,
    /// Value to reach by the deadline (Achievable: a bounded step, within the scale).
    pub target: f64,
    /// Latest known value; starts at the baseline and moves with check-ins and new evidence.
    pub current: f64,
    /// Last workday of the evaluation phase (Time-bound).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub deadline: Date,
    /// Weight of the goal's dimension (the evaluation's importance).
    pub importance: f64,
    /// A stretch goal (the evaluation showed no gap in this dimension).
    pub stretch: bool,
    /// The goal in one sentence, in the domain's style ("9 周内…得分 ≥ 74 分").
    pub text: Text,
    /// The five SMART aspects spelled out.
    pub smart: Smart,
    /// Share of the way from baseline to target, 0–1 (direction-aware).
    pub attainment: f64,
    /// Attainment against the elapsed share of time, as of the latest check-in.
    pub status: TrackStatus,
}

/// What a goal measures.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Metric {
    /// The kind of measurement.
    pub kind: MetricKind,
    /// Exam tag, rubric section or KPI id; the dimension id for a level goal.
    pub key: String,
    /// Display name, e.g. 投诉处理测试得分.
    pub name: Text,
    /// Unit, e.g. 分 / points.
    pub unit: Text,
    /// Whether higher or lower is better (AHT and complaint rate go down).
    pub direction: Direction,
    /// Lowest value of the scale.
    pub min: f64,
    /// Highest value of the scale.
    pub max: f64,
    /// Decimals shown and used when rounding targets.
    pub decimals: u32,
    /// The values at which the evidence rule of the model puts levels 1…5 (cut scores, KPI
    /// thresholds or the team's values at the model's percentiles), kept so the target can be
    /// checked against the rule it came from; absent for level goals and older plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_anchors: Option<Vec<f64>>,
}

/// The kind of a goal's metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum MetricKind {
    /// The competency level (1–5), re-measured by the next evaluation.
    Level,
    /// An exam tag score (0–100).
    Exam,
    /// A rubric section score (0–100).
    Rubric,
    /// A KPI in its own unit.
    Kpi,
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    /// Higher is better.
    Increase,
    /// Lower is better (AHT, complaint rate).
    Decrease,
}

/// The five SMART aspects of a goal, each a sentence.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Smart {
    /// The named metric.
    pub specific: Text,
    /// Baseline and numeric target.
    pub measurable: Text,
    /// The bounded step.
    pub achievable: Text,
    /// The dimension and the role target.
    pub relevant: Text,
    /// The deadline.
    pub time_bound: Text,
}

impl Metric {
    /// The best value a target may aim at: where the model's rule puts level 5, else the
    /// scale's end (or the AHT floor).
    pub fn best(&self, settings: &PlanSettings) -> f64 {
        if let Some(anchors) = self.anchors() {
            return anchors[4];
        }
        match (self.direction, self.key.as_str()) {
            (Direction::Decrease, "aht") => settings.aht_floor_seconds,
            (Direction::Decrease, _) => self.min,
            (Direction::Increase, _) => self.max,
        }
    }

    /// The rule's anchors when they can be inverted: five finite values, monotone in the
    /// metric's direction and not all equal.
    pub fn anchors(&self) -> Option<[f64; 5]> {
        let a = match self.level_anchors.as_deref()? {
            [a, b, c, d, e] => [*a, *b, *c, *d, *e],
            _ => return None,
        };
        let monotone = a.windows(2).all(|w| match self.direction {
            Direction::Increase => w[0] <= w[1],
            Direction::Decrease => w[0] >= w[1],
        });
        (monotone && a[0] != a[4] && a.iter().all(|v| v.is_finite())).then_some(a)
    }

    /// The level the model's rule gives `value`, when the metric keeps the rule.
    pub fn level_of(&self, value: f64) -> Option<f64> {
        self.anchors()
            .map(|a| crate::competency::mapping::interpolate_level(value, &a))
    }

    /// `a` is at least as good as `b` in this metric's direction.
    pub fn at_least_as_good(&self, a: f64, b: f64) -> bool {
        match self.direction {
            Direction::Increase => a >= b,
            Direction::Decrease => a <= b,
        }
    }

    /// Formats a value with the metric's decimals.
    pub(crate) fn show(&self, value: f64) -> String {
        self.show_num(value).as_ref().to_string()
    }

    /// [`Metric::show`] without an allocation.
    pub(crate) fn show_num(&self, value: f64) -> Num {
        fixed(value, self.decimals as usize)
    }

    /// `≥` or `≤`, depending on the direction.
    pub(crate) fn comparator(&self) -> &'static str {
        match self.direction {
            Direction::Increase => "≥",
            Direction::Decrease => "≤",
        }
    }
}

/// The metric of a source (exam, rubric, KPI) or of the level; `None` for ratings, which are
/// opinions rather than goals.
pub fn metric_for(kind: SourceKind, key: &str, dim_name: &Text) -> Option<Metric> {
    // Built only for the metric returned (this runs for every candidate source of a plan).
    let points = || Text::new("分", "points");
    let percent = || Text::new("%", "%");
    let metric = |kind, name: Text, unit: Text, direction, min, max, decimals| Metric {
        kind,
        key: key.to_string(),
        name,
        unit,
        direction,
        min,
        max,
        decimals,
        level_anchors: None,
    };
    use Direction::{Decrease, Increase};
    Some(match kind {
        SourceKind::Exam => metric(
            MetricKind::Exam,
            Text::new(
                cat!(dim_name.zh, "测试得分"),
                cat!(dim_name.en, " test score"),
            ),
            points(),
            Increase,
            0.0,
            100.0,
            0,
        ),
        SourceKind::Rubric => metric(
            MetricKind::Rubric,
            Text::new(
                cat!(dim_name.zh, "实操评分（", key, "）"),
                cat!(dim_name.en, " practical score (", key, ")"),
            ),
            points(),
            Increase,
            0.0,
            100.0,
            0,
        ),
        SourceKind::Kpi => {
            let (min, max) = kpi_range(key)?;
            match key {
                "csat" => metric(
                    MetricKind::Kpi,
                    Text::new("客户满意度（CSAT）", "customer satisfaction (CSAT)"),
                    points(),
                    Increase,
                    min,
                    max,
                    1,
                ),
                "fcr" => metric(
                    MetricKind::Kpi,
                    Text::new("首次解决率", "first-contact resolution"),
                    percent(),
                    Increase,
                    min,
                    max,
                    0,
                ),
                "resolutionRate" => metric(
                    MetricKind::Kpi,
                    Text::new("问题解决率", "resolution rate"),
                    percent(),
                    Increase,
                    min,
                    max,
                    0,
                ),
                "qaScore" => metric(
                    MetricKind::Kpi,
                    Text::new("服务质量评分", "QA score"),
                    points(),
                    Increase,
                    min,
                    max,
                    0,
                ),
                "complaintRate" => metric(
                    MetricKind::Kpi,
                    Text::new("投诉率", "complaint rate"),
                    percent(),
                    Decrease,
                    min,
                    max,
                    1,
                ),
                "aht" => metric(
                    MetricKind::Kpi,
                    Text::new("平均处理时长（AHT）", "average handle time (AHT)"),
                    Text::new("秒", "s"),
                    Decrease,
                    min,
                    max,
                    0,
                ),
                _ => return None,
            }
        }
        SourceKind::SelfRating | SourceKind::SupervisorRating => return None,
    })
}

/// [`metric_for`] for a source of an evaluation: a KPI the model defines is measured in the
/// unit and direction the evaluation gives for it.
pub fn metric_for_source(
    source: &crate::plan::evaluation::Source,
    dim_name: &Text,
) -> Option<Metric> {
    match (&source.kpi, source.kind) {
        (Some(k), SourceKind::Kpi) => Some(Metric {
            kind: MetricKind::Kpi,
            key: source.key.clone(),
            name: k.name.clone(),
            unit: k.unit.clone(),
            direction: if k.higher_is_better {
                Direction::Increase
            } else {
                Direction::Decrease
            },
            min: k.min,
            max: k.max,
            decimals: k.decimals.min(4),
            level_anchors: None,
        }),
        _ => metric_for(source.kind, &source.key, dim_name),
    }
}

/// The kind of [`metric_for`]'s metric, without building it; `None` exactly when it is `None`.
fn metric_kind(kind: SourceKind, key: &str) -> Option<MetricKind> {
    match kind {
        SourceKind::Exam => Some(MetricKind::Exam),
        SourceKind::Rubric => Some(MetricKind::Rubric),
        SourceKind::Kpi => matches!(
            key,
            "csat" | "fcr" | "resolutionRate" | "qaScore" | "complaintRate" | "aht"
        )
        .then_some(MetricKind::Kpi)
        .filter(|_| kpi_range(key).is_some()),
        SourceKind::SelfRating | SourceKind::SupervisorRating => None,
    }
}

/// The level metric of a dimension.
pub(crate) fn level_metric(dimension_id: &str, dim_name: &Text) -> Metric {
    Metric {
        kind: MetricKind::Level,
        key: dimension_id.to_string(),
        name: Text::new(cat!(dim_name.zh, "能力等级"), cat!(dim_name.en, " level")),
        unit: Text::new("级", "level"),
        direction: Direction::Increase,
        min: 1.0,
        max: 5.0,
        decimals: 1,
        level_anchors: None,
    }
}

/// Maps a step of `delta_level` levels onto the source's unit; rounded toward the goal (so the
/// rounded value still reaches the level), clamped to the scale, never worse than the baseline.
///
/// When the metric keeps the model's rule ([`Metric::level_anchors`]: cut scores, KPI
/// thresholds, team percentile values), the target is the value the rule maps to
/// `source_level + delta_level` (at most 5): the inverse of the evidence rule, so a one-level
/// step from 2.47 on cut scores 30/45/60/75/90 asks for 66.9 → 67 points, not more. Without the
/// rule (an older evaluation) the step moves the raw value towards the scale's best value in
/// proportion, `(best − r) × Δ / (5 − l)`.
pub fn target_in_unit(
    metric: &Metric,
    raw: f64,
    source_level: f64,
    delta_level: f64,
    settings: &PlanSettings,
) -> f64 {
    if let Some(anchors) = metric.anchors() {
        let level = (source_level + delta_level.max(0.0)).min(5.0);
        if let Some(value) = crate::competency::mapping::value_at_level(level, &anchors) {
            let rounded = round_toward(value, metric.decimals, metric.direction);
            let clamped = rounded.clamp(metric.min, metric.max);
            return if metric.at_least_as_good(clamped, raw) {
                clamped
            } else {
                raw
            };
        }
    }
    let best = metric.best(settings);
    let headroom_levels = 5.0 - source_level;
    let share = if headroom_levels <= f64::EPSILON || delta_level <= 0.0 {
        0.0
    } else {
        (delta_level / headroom_levels).min(1.0)
    };
    // A baseline already past the "best" (AHT under the floor) is kept, never made worse.
    let moved = if metric.at_least_as_good(raw, best) {
        raw
    } else {
        raw + (best - raw) * share
    };
    let rounded = round_toward(moved, metric.decimals, metric.direction);
    let clamped = rounded.clamp(metric.min, metric.max);
    if metric.at_least_as_good(clamped, raw) {
        clamped
    } else {
        raw
    }
}

/// Rounds up for an increase and down for a decrease, so the rounded target still asks for the
/// full step. The tiny tolerance keeps 74.0000001 from becoming 75.
pub(crate) fn round_toward(value: f64, decimals: u32, direction: Direction) -> f64 {
    let scale = 10f64.powi(decimals.min(6) as i32);
    let scaled = value * scale;
    let rounded = match direction {
        Direction::Increase => (scaled - 1e-6).ceil(),
        Direction::Decrease => (scaled + 1e-6).floor(),
    };
    rounded / scale
}

/// Everything a focus dimension's goals need to know.
pub(crate) struct GoalContext<'a> {
    pub dimension: &'a DimensionEvaluation,
    pub deadline: Date,
    pub wording: Wording<'a>,
    /// Write the goals' sentences now; without, they stay empty and each goal's [`GoalSeed`]
    /// keeps what [`write_sentences`] needs besides the wording.
    pub sentences: bool,
}

/// What the sentences of a focus dimension's goals say besides each goal's own numbers; all of
/// it is kept in the plan's focus area and the generator, so the sentences can be written later.
pub(crate) struct Wording<'a> {
    pub dim_name: &'a Text,
    pub role: &'a str,
    /// Current level.
    pub level: f64,
    /// Level aimed at in this cycle.
    pub target_level: f64,
    /// Target level of the role.
    pub role_target: f64,
    pub importance: f64,
    pub stretch: bool,
    /// The goals' deadline as text, formatted once per batch.
    pub deadline_text: &'a str,
    pub deadline_week: u32,
    /// The time-bound sentence, the same for every goal of a batch.
    pub time_bound: &'a Text,
    pub settings: &'a PlanSettings,
}

/// What a goal's sentences need beyond its [`Wording`] and its own fields.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GoalSeed {
    /// Index of the goal's focus area in the plan.
    pub focus: usize,
    /// Level of the evidence the baseline comes from (the current level for a level goal).
    pub baseline_level: f64,
    /// Day of that evidence; `None` for a level goal.
    pub baseline_date: Option<String>,
}

/// Writes a goal's sentence and SMART aspects, exactly as generating with sentences does.
pub(crate) fn write_sentences(goal: &mut Goal, wording: &Wording<'_>, seed: &GoalSeed) {
    goal.text = goal_text(wording, &goal.metric, goal.baseline, goal.target);
    goal.smart = smart_text(
        wording,
        &goal.metric,
        goal.baseline,
        goal.target,
        seed.baseline_level,
        seed.baseline_date.as_deref(),
    );
}

/// The time-bound sentence of every goal due `deadline` (week `week`) of a plan from `start`.
pub(crate) fn time_bound_text(start: Date, deadline: Date, week: u32) -> Text {
    let (start, deadline, week) = (
        start.to_string(),
        deadline.to_string(),
        int(u64::from(week)),
    );
    Text::new(
        cat!(
            "截止 ",
            deadline,
            "（第 ",
            week,
            " 周，评估阶段；自 ",
            start,
            " 起）"
        ),
        cat!(
            "Due ",
            deadline,
            " (week ",
            week,
            ", evaluation phase; from ",
            start,
            ")"
        ),
    )
}

/// The level goal plus up to `maxEvidenceGoalsPerDimension` evidence goals, taken from the
/// sources that sit below the target level (heaviest first).
pub(crate) fn goals_for(ctx: &GoalContext<'_>, focus: usize) -> Vec<(Goal, GoalSeed)> {
    let w = &ctx.wording;
    let delta = (w.target_level - w.level).max(0.0);
    let mut goals = Vec::new();
    let level_metric = level_metric(&ctx.dimension.dimension_id, w.dim_name);
    goals.push(make_goal(
        ctx,
        level_metric,
        w.level,
        round_toward(w.target_level, 1, Direction::Increase).min(5.0),
        GoalSeed {
            focus,
            baseline_level: w.level,
            baseline_date: None,
        },
    ));
    // Metrics (with their names) are built only for the sources that become goals.
    let mut sources: Vec<_> = ctx
        .dimension
        .sources
        .iter()
        .filter(|s| s.level < w.target_level)
        .filter_map(|s| {
            let kind = match (&s.kpi, s.kind) {
                (Some(_), SourceKind::Kpi) => Some(MetricKind::Kpi),
                _ => metric_kind(s.kind, &s.key),
            };
            kind.map(|kind| (s, kind))
        })
        .collect();
    crate::sort::sort_by(&mut sources, |(a, _), (b, _)| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.level.total_cmp(&b.level))
    });
    let mut seen: Vec<(MetricKind, &str)> = Vec::new();
    for (source, kind) in sources {
        if seen.len() >= w.settings.max_evidence_goals_per_dimension as usize {
            break;
        }
        if seen.contains(&(kind, source.key.as_str())) {
            continue;
        }
        let Some(mut metric) = metric_for_source(source, w.dim_name) else {
            continue;
        };
        metric.level_anchors.clone_from(&source.anchors);
        seen.push((kind, source.key.as_str()));
        let target = target_in_unit(&metric, source.raw_value, source.level, delta, w.settings);
        goals.push(make_goal(
            ctx,
            metric,
            source.raw_value,
            target,
            GoalSeed {
                focus,
                baseline_level: source.level,
                baseline_date: Some(source.date.clone()),
            },
        ));
    }
    goals
}

fn make_goal(
    ctx: &GoalContext<'_>,
    metric: Metric,
    baseline: f64,
    target: f64,
    seed: GoalSeed,
) -> (Goal, GoalSeed) {
    let dim = &ctx.dimension.dimension_id;
    let id = match metric.kind {
        MetricKind::Level => cat!(dim, ".level"),
        MetricKind::Exam => cat!(dim, ".exam.", metric.key),
        MetricKind::Rubric => cat!(dim, ".rubric.", metric.key),
        MetricKind::Kpi => cat!(dim, ".kpi.", metric.key),
    };
    let empty = || Text::new(String::new(), String::new());
    let mut goal = Goal {
        id,
        dimension_id: ctx.dimension.dimension_id.clone(),
        baseline,
        target,
        current: baseline,
        deadline: ctx.deadline,
        importance: ctx.dimension.importance,
        stretch: ctx.wording.stretch,
        text: empty(),
        smart: Smart {
            specific: empty(),
            measurable: empty(),
            achievable: empty(),
            relevant: empty(),
            time_bound: empty(),
        },
        attainment: if metric.at_least_as_good(baseline, target) {
            1.0
        } else {
            0.0
        },
        status: TrackStatus::OnTrack,
        metric,
    };
    if ctx.sentences {
        write_sentences(&mut goal, &ctx.wording, &seed);
    }
    (goal, seed)
}

fn goal_text(ctx: &Wording<'_>, metric: &Metric, baseline: f64, target: f64) -> Text {
    describe_by(
        metric,
        baseline,
        target,
        ctx.deadline_text,
        ctx.deadline_week,
    )
}

/// The goal sentence in the domain's style: "9 周内（2027-01-29 前）投诉处理测试得分从 58 分提升至 ≥ 74 分".
pub(crate) fn describe(metric: &Metric, baseline: f64, target: f64, by: Date, weeks: u32) -> Text {
    describe_by(metric, baseline, target, &by.to_string(), weeks)
}

/// [`describe`] with the day already formatted.
fn describe_by(metric: &Metric, baseline: f64, target: f64, by: &str, weeks: u32) -> Text {
    let (b, t, cmp) = (
        metric.show_num(baseline),
        metric.show_num(target),
        metric.comparator(),
    );
    let weeks = int(u64::from(weeks));
    let (uz, ue) = (&metric.unit.zh, &metric.unit.en);
    let (name_zh, name_en) = (&metric.name.zh, &metric.name.en);
    // Both sentences share their opening (the deadline) and their end (the target).
    let when_zh = cat!(weeks, " 周内（", by, " 前）", name_zh);
    let when_en = cat!("Within ", weeks, " weeks (by ", by, "), ");
    let goal_zh = cat!(cmp, " ", t, " ", uz);
    let goal_en = cat!(cmp, " ", t, " ", ue);
    if b.as_ref() == t.as_ref() {
        return Text::new(
            cat!(when_zh, "保持 ", goal_zh),
            cat!(when_en, "keep the ", name_en, " ", goal_en),
        );
    }
    let (verb_zh, verb_en) = match metric.direction {
        Direction::Increase => ("提升至", "raise"),
        Direction::Decrease => ("降至", "lower"),
    };
    Text::new(
        cat!(when_zh, "从 ", b, " ", uz, verb_zh, " ", goal_zh),
        cat!(when_en, verb_en, " the ", name_en, " from ", b, " to ", goal_en),
    )
}

fn smart_text(
    ctx: &Wording<'_>,
    metric: &Metric,
    baseline: f64,
    target: f64,
    baseline_level: f64,
    baseline_date: Option<&str>,
) -> Smart {
    let name = ctx.dim_name;
    let key = &metric.key;
    let (mz, me) = (&metric.name.zh, &metric.name.en);
    let specific = match metric.kind {
        MetricKind::Level => Text::new(
            cat!("指标：", mz, "（下次能力评估）"),
            cat!("Metric: ", me, " (next competency evaluation)"),
        ),
        MetricKind::Exam => Text::new(
            cat!("指标：", mz, "（考试标签 ", key, "）"),
            cat!("Metric: ", me, " (exam tag ", key, ")"),
        ),
        MetricKind::Rubric => Text::new(
            cat!("指标：", mz, "（评分细则项 ", key, "）"),
            cat!("Metric: ", me, " (rubric section ", key, ")"),
        ),
        MetricKind::Kpi => Text::new(
            cat!("指标：", mz, "（KPI ", key, "）"),
            cat!("Metric: ", me, " (KPI ", key, ")"),
        ),
    };
    let (b, t, cmp) = (
        metric.show_num(baseline),
        metric.show_num(target),
        metric.comparator(),
    );
    let (uz, ue) = (&metric.unit.zh, &metric.unit.en);
    let measurable = match baseline_date {
        Some(day) => Text::new(
            cat!(
                "基线 ",
                b,
                " ",
                uz,
                "（",
                day,
                "），目标 ",
                cmp,
                " ",
                t,
                " ",
                uz
            ),
            cat!(
                "Baseline ",
                b,
                " ",
                ue,
                " (",
                day,
                "), target ",
                cmp,
                " ",
                t,
                " ",
                ue
            ),
        ),
        None => Text::new(
            cat!("基线 ", b, " ", uz, "，目标 ", cmp, " ", t, " ", uz),
            cat!("Baseline ", b, " ", ue, ", target ", cmp, " ", t, " ", ue),
        ),
    };
    let step = fixed(ctx.settings.level_step_per_cycle, 1);
    let reached = fixed(
        (baseline_level + (ctx.target_level - ctx.level).max(0.0)).min(5.0),
        1,
    );
    let from = fixed(baseline_level, 1);
    let limit = metric.show_num(metric.best(ctx.settings));
    let achievable = Text::new(
        cat!(
            "本周期最多提升 ",
            step,
            " 级（",
            from,
            " → ",
            reached,
            " 级），目标不超过量表极限 ",
            limit,
            " ",
            uz
        ),
        cat!(
            "At most ",
            step,
            " level this cycle (",
            from,
            " → ",
            reached,
            "), never past the scale limit of ",
            limit,
            " ",
            ue
        ),
    );
    let role = ctx.role;
    let role_target = fixed(ctx.role_target, 1);
    let relevant = if ctx.stretch {
        Text::new(
            cat!(
                name.zh,
                "已达到岗位 ",
                role,
                " 的目标 ",
                role_target,
                " 级，作为提升目标继续发展"
            ),
            cat!(
                name.en,
                " already meets the ",
                role,
                " target of ",
                role_target,
                "; a stretch goal keeps it growing"
            ),
        )
    } else {
        let (level, importance) = (fixed(ctx.level, 1), fixed(ctx.importance, 1));
        Text::new(
            cat!(
                name.zh,
                "是岗位 ",
                role,
                " 的差距维度：当前 ",
                level,
                " 级，目标 ",
                role_target,
                " 级，重要度 ",
                importance
            ),
            cat!(
                name.en,
                " is a gap for the ",
                role,
                " role: level ",
                level,
                ", target ",
                role_target,
                ", importance ",
                importance
            ),
        )
    };
    Smart {
        specific,
        measurable,
        achievable,
        relevant,
        time_bound: ctx.time_bound.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_kind_agrees_with_metric_for() {
        let name = Text::new("投诉处理", "Complaint handling");
        let kinds = [
            SourceKind::Exam,
            SourceKind::Rubric,
            SourceKind::Kpi,
            SourceKind::SelfRating,
            SourceKind::SupervisorRating,
        ];
        let keys = [
            "csat",
            "fcr",
            "aht",
            "complaintRate",
            "resolutionRate",
            "qaScore",
            "nps",
            "x",
        ];
        for kind in kinds {
            for key in keys {
                assert_eq!(
                    metric_kind(kind, key),
                    metric_for(kind, key, &name).map(|m| m.kind),
                    "{kind:?} {key}"
                );
            }
        }
    }
}
