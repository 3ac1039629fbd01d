//! Tracking a plan: check-ins, new evidence, goal edits, attainment (达成度) and status, and the
//! next cycle's plan.
//!
//! - Attainment of a goal = `(current − baseline) / (target − baseline)`, clamped to [0, 1]; the
//!   formula is the same for "lower is better" goals because both differences change sign. A
//!   "keep" goal (target = baseline) is 1 while the value is at least as good as the target.
//! - Overall attainment = Σ wᵢ·aᵢ / Σ wᵢ with wᵢ = the dimension's importance divided by the
//!   number of goals of that dimension, so a dimension counts by its importance, not by how many
//!   goals it has (equal weights if every importance is 0).
//! - Status compares attainment with the elapsed share of time from the start to the goal
//!   deadline: trailing by at most `atRiskLag` (0.15) → on track, by at most `behindLag` (0.30)
//!   → at risk, more → behind. A reached goal is always on track.

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;
use crate::plan::check;
use crate::plan::evaluation::SourceKind;
use crate::plan::generate::{Plan, PlanGenerator, PlanRequest, PlanWarning};
use crate::plan::goals::{describe, Goal, MetricKind};
use crate::plan::settings::PlanSettings;

/// Where a goal or the plan stands against the time elapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TrackStatus {
    /// Attainment keeps up with time.
    #[default]
    OnTrack,
    /// Attainment trails time by more than `atRiskLag`.
    AtRisk,
    /// Attainment trails time by more than `behindLag`.
    Behind,
}

/// The plan's overall state as of a day.
#[derive(Debug, Clone, PartialEq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Progress {
    /// The day the progress refers to.
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub as_of: Option<Date>,
    /// Share of the time from start to the goal deadline that has passed, 0–1.
    pub elapsed_share: f64,
    /// Importance-weighted attainment of all goals, 0–1; `null` when the plan has no goal.
    pub overall_attainment: Option<f64>,
    /// Overall status.
    pub status: TrackStatus,
    /// Goals on track.
    pub on_track: u32,
    /// Goals at risk.
    pub at_risk: u32,
    /// Goals behind.
    pub behind: u32,
}

/// A check-in (周例会记录): progress per goal, new evidence, tasks done, a comment.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckIn {
    /// Day of the check-in, `YYYY-MM-DD`.
    pub date: String,
    /// New values of goals, in each goal's unit.
    #[serde(default)]
    pub progress: Vec<GoalProgress>,
    /// New exam results, rubric scores or KPI values; each moves every goal on that metric.
    #[serde(default)]
    pub evidence: Vec<NewEvidence>,
    /// Ids of tasks completed.
    #[serde(default)]
    pub completed_tasks: Vec<String>,
    /// Free comment (主管点评).
    #[serde(default)]
    pub comment: String,
}

/// A goal's value at a check-in.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalProgress {
    /// The goal's id.
    pub goal_id: String,
    /// The value in the goal's unit.
    pub value: f64,
    /// Where the value comes from (a file name, a ticket number).
    #[serde(default)]
    pub evidence: String,
}

/// A new measurement (the same shape as an evaluation source, without the level).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewEvidence {
    /// exam, rubric or kpi.
    pub kind: SourceKind,
    /// Exam tag, rubric section or KPI id, as in the goal's metric.
    pub key: String,
    /// The value in the source's unit.
    pub raw_value: f64,
    /// Day measured.
    pub date: String,
}

/// A change to a goal made on the page.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalEdit {
    /// The goal's id.
    pub goal_id: String,
    /// New target, within the scale and not worse than the baseline.
    #[serde(default)]
    pub target: Option<f64>,
    /// New deadline; a weekend day moves to the Friday before.
    #[serde(default)]
    pub deadline: Option<String>,
}

/// Attainment of one goal, 0–1 (see the module docs).
pub fn goal_attainment(goal: &Goal) -> f64 {
    let span = goal.target - goal.baseline;
    if span.abs() < 1e-12 {
        return if goal.metric.at_least_as_good(goal.current, goal.target) {
            1.0
        } else {
            0.0
        };
    }
    ((goal.current - goal.baseline) / span).clamp(0.0, 1.0)
}

/// Status from attainment and the elapsed share of time (see the module docs).
pub fn track_status(attainment: f64, elapsed_share: f64, settings: &PlanSettings) -> TrackStatus {
    let lag = elapsed_share - attainment;
    if attainment >= 1.0 || lag <= settings.at_risk_lag + 1e-12 {
        TrackStatus::OnTrack
    } else if lag <= settings.behind_lag + 1e-12 {
        TrackStatus::AtRisk
    } else {
        TrackStatus::Behind
    }
}

/// Share of time elapsed between the plan's start and the goals' deadline at `as_of`.
fn elapsed_share(plan: &Plan, as_of: Date) -> f64 {
    let deadline = plan
        .goals
        .iter()
        .map(|g| g.deadline)
        .max()
        .or_else(|| plan.phases.get(2).map(|p| p.end_date))
        .unwrap_or(plan.end_date);
    let total = deadline.days_since(plan.start_date);
    if total <= 0 {
        return 1.0;
    }
    (f64::from(as_of.days_since(plan.start_date)) / f64::from(total)).clamp(0.0, 1.0)
}

/// The plan's progress as of `as_of`, from the goals' current attainment.
pub fn progress_at(plan: &Plan, as_of: Date) -> Progress {
    let elapsed = elapsed_share(plan, as_of);
    let mut weighted = 0.0;
    let mut weights = 0.0;
    let mut plain = 0.0;
    let mut counts = [0u32; 3];
    for goal in &plan.goals {
        let in_dimension = plan
            .goals
            .iter()
            .filter(|g| g.dimension_id == goal.dimension_id)
            .count()
            .max(1) as f64;
        let a = goal_attainment(goal);
        weighted += a * goal.importance / in_dimension;
        weights += goal.importance / in_dimension;
        plain += a;
        match track_status(a, elapsed, &plan.settings) {
            TrackStatus::OnTrack => counts[0] += 1,
            TrackStatus::AtRisk => counts[1] += 1,
            TrackStatus::Behind => counts[2] += 1,
        }
    }
    let overall = if plan.goals.is_empty() {
        None
    } else if weights > 0.0 {
        Some(weighted / weights)
    } else {
        Some(plain / plan.goals.len() as f64)
    };
    Progress {
        as_of: Some(as_of),
        elapsed_share: elapsed,
        overall_attainment: overall,
        status: overall.map_or(TrackStatus::OnTrack, |a| {
            track_status(a, elapsed, &plan.settings)
        }),
        on_track: counts[0],
        at_risk: counts[1],
        behind: counts[2],
    }
}

/// Recomputes every goal's attainment and status and the plan's progress as of `as_of`.
pub fn refresh(plan: &mut Plan, as_of: Date) {
    let elapsed = elapsed_share(plan, as_of);
    for goal in &mut plan.goals {
        goal.attainment = goal_attainment(goal);
        goal.status = track_status(goal.attainment, elapsed, &plan.settings);
    }
    plan.progress = progress_at(plan, as_of);
}

fn metric_kind(kind: SourceKind) -> Option<MetricKind> {
    match kind {
        SourceKind::Exam => Some(MetricKind::Exam),
        SourceKind::Rubric => Some(MetricKind::Rubric),
        SourceKind::Kpi => Some(MetricKind::Kpi),
        SourceKind::SelfRating | SourceKind::SupervisorRating => None,
    }
}

/// Records a check-in: validates everything first (unknown goal or evidence without a goal →
/// `UNKNOWN_REFERENCE`, values off the scale → `OUT_OF_RANGE`, bad days → `INVALID_DATE`), then
/// moves the goals, marks tasks done and refreshes progress as of the latest check-in.
///
/// @example `record_check_in(&mut plan, decode_json::<CheckIn>(text)?)?`
pub fn record_check_in(plan: &mut Plan, check_in: CheckIn) -> Result<(), Error> {
    let date = check::date(&check_in.date, "date")?;
    if date < plan.start_date {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "date",
            format!("签到日期 {date} 早于计划开始日期 {}", plan.start_date),
            format!(
                "check-in day {date} is before the plan starts ({})",
                plan.start_date
            ),
        ));
    }
    let mut updates: Vec<(usize, f64)> = Vec::new();
    for (i, p) in check_in.progress.iter().enumerate() {
        let path = format!("progress[{i}]");
        let index = plan
            .goals
            .iter()
            .position(|g| g.id == p.goal_id)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownReference,
                    format!("{path}.goalId"),
                    format!("计划中没有目标 “{}”", p.goal_id),
                    format!("the plan has no goal \"{}\"", p.goal_id),
                )
            })?;
        let metric = plan.goals.get(index).map(|g| &g.metric);
        if let Some(m) = metric {
            check::in_range(p.value, m.min, m.max, &format!("{path}.value"))?;
        }
        updates.push((index, p.value));
    }
    for (i, e) in check_in.evidence.iter().enumerate() {
        let path = format!("evidence[{i}]");
        check::date(&e.date, &format!("{path}.date"))?;
        let kind = metric_kind(e.kind);
        let matching: Vec<usize> = plan
            .goals
            .iter()
            .enumerate()
            .filter(|(_, g)| Some(g.metric.kind) == kind && g.metric.key == e.key)
            .map(|(j, _)| j)
            .collect();
        if matching.is_empty() {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("{path}.key"),
                format!("没有以 “{}” 为指标的目标，无法记录该证据", e.key),
                format!(
                    "no goal measures \"{}\" of that kind; the evidence has nowhere to go",
                    e.key
                ),
            ));
        }
        for j in matching {
            if let Some(m) = plan.goals.get(j).map(|g| &g.metric) {
                check::in_range(e.raw_value, m.min, m.max, &format!("{path}.rawValue"))?;
            }
            updates.push((j, e.raw_value));
        }
    }
    for (i, id) in check_in.completed_tasks.iter().enumerate() {
        if !plan.tasks.iter().any(|t| &t.id == id) {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                format!("completedTasks[{i}]"),
                format!("计划中没有任务 “{id}”"),
                format!("the plan has no task \"{id}\""),
            ));
        }
    }
    // Everything is valid: apply.
    for (index, value) in updates {
        if let Some(goal) = plan.goals.get_mut(index) {
            goal.current = value;
        }
    }
    for task in &mut plan.tasks {
        if check_in.completed_tasks.contains(&task.id) {
            task.done = true;
        }
    }
    let at = plan
        .check_ins
        .iter()
        .position(|c| c.date.as_str() > check_in.date.as_str())
        .unwrap_or(plan.check_ins.len());
    plan.check_ins.insert(at, check_in);
    let latest = plan
        .check_ins
        .iter()
        .filter_map(|c| Date::parse(&c.date, "").ok())
        .max()
        .unwrap_or(date);
    refresh(plan, latest);
    Ok(())
}

/// Edits a goal's target or deadline. Unknown goal → `UNKNOWN_REFERENCE`; a target off the
/// scale or worse than the baseline → `OUT_OF_RANGE`; the sentence is rewritten to match.
pub fn edit_goal(plan: &mut Plan, edit: &GoalEdit) -> Result<(), Error> {
    let start = plan.start_date;
    let goal = plan
        .goals
        .iter_mut()
        .find(|g| g.id == edit.goal_id)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                "goalId",
                format!("计划中没有目标 “{}”", edit.goal_id),
                format!("the plan has no goal \"{}\"", edit.goal_id),
            )
        })?;
    let target = match edit.target {
        Some(t) => {
            check::in_range(t, goal.metric.min, goal.metric.max, "target")?;
            if !goal.metric.at_least_as_good(t, goal.baseline) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "target",
                    format!(
                        "目标 {t} 比基线 {} 更差，目标不能低于现状",
                        goal.metric.show(goal.baseline)
                    ),
                    format!(
                        "target {t} is worse than the baseline {}; a goal never asks for less",
                        goal.metric.show(goal.baseline)
                    ),
                ));
            }
            t
        }
        None => goal.target,
    };
    let deadline = match &edit.deadline {
        Some(text) => {
            let calendar = plan.settings.working_calendar()?;
            let day = calendar.on_or_before(check::date(text, "deadline")?);
            if day <= start {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    "deadline",
                    format!("截止日期 {day} 应晚于计划开始日期 {start}"),
                    format!("deadline {day} must be after the plan's start {start}"),
                ));
            }
            day
        }
        None => goal.deadline,
    };
    goal.target = target;
    goal.deadline = deadline;
    let weeks = (deadline.days_since(start) + 6).div_euclid(7).max(1) as u32;
    goal.text = describe(&goal.metric, goal.baseline, target, deadline, weeks);
    let (t, cmp, u) = (
        goal.metric.show(target),
        goal.metric.comparator(),
        &goal.metric.unit,
    );
    let b = goal.metric.show(goal.baseline);
    goal.smart.measurable = Text::new(
        format!("基线 {b} {}，目标 {cmp} {t} {}", u.zh, u.zh),
        format!("Baseline {b} {}, target {cmp} {t} {}", u.en, u.en),
    );
    goal.smart.time_bound = Text::new(
        format!("截止 {deadline}（自 {start} 起第 {weeks} 周）"),
        format!("Due {deadline} (week {weeks} from {start})"),
    );
    let as_of = plan.progress.as_of.unwrap_or(start);
    refresh(plan, as_of);
    Ok(())
}

/// The next cycle's plan from a new evaluation, at the end of the evaluation phase. The person
/// must match (`INVALID_VALUE` at `evaluation.personId`) and the new plan must start after the
/// previous one (`OUT_OF_RANGE` at `startDate`). Goals of the previous plan that were not
/// reached are listed in a `PREVIOUS_GOALS_UNMET` warning.
pub fn generate_next_cycle(previous: &Plan, request: &PlanRequest) -> Result<Plan, Error> {
    if request.evaluation.person_id != previous.person_id {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "evaluation.personId",
            format!(
                "新评估属于 “{}”，而上一周期计划属于 “{}”",
                request.evaluation.person_id, previous.person_id
            ),
            format!(
                "the new evaluation is for \"{}\" but the previous plan is for \"{}\"",
                request.evaluation.person_id, previous.person_id
            ),
        ));
    }
    let start = check::date(&request.start_date, "startDate")?;
    if start <= previous.start_date {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "startDate",
            format!("下一周期应晚于上一周期的开始日期 {}", previous.start_date),
            format!(
                "the next cycle must start after the previous one ({})",
                previous.start_date
            ),
        ));
    }
    let catalog = match &request.catalog {
        Some(c) => c.clone(),
        None => crate::plan::catalog::Catalog::default_catalog()?,
    };
    let generator = PlanGenerator::new(catalog, request.settings.clone(), &request.start_date)?;
    let mut plan = generator
        .generate(&request.evaluation, request.plan_id.as_deref())
        .map_err(|e| e.within("evaluation"))?;
    plan.cycle = previous.cycle.saturating_add(1);
    plan.previous_plan_id = Some(previous.plan_id.clone());
    let unmet: Vec<&Goal> = previous
        .goals
        .iter()
        .filter(|g| goal_attainment(g) < 1.0)
        .collect();
    if !unmet.is_empty() {
        let zh: Vec<&str> = unmet.iter().map(|g| g.metric.name.zh.as_str()).collect();
        let en: Vec<&str> = unmet.iter().map(|g| g.metric.name.en.as_str()).collect();
        plan.warnings.push(PlanWarning {
            code: "PREVIOUS_GOALS_UNMET".into(),
            dimension_id: None,
            message: Text::new(
                format!("上一周期未达成的目标：{}", zh.join("、")),
                format!("goals not reached last cycle: {}", en.join(", ")),
            ),
        });
    }
    Ok(plan)
}
