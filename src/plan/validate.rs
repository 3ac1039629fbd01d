//! Checks a stored, edited or imported plan before it is kept or exported: the four phases in
//! order without overlap, every dated row on a working day of the plan's calendar, and every
//! reference (goal → focus dimension, measure → focus dimension, task → measure, check-in →
//! goal and task) resolved.

use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::plan::calendar::Calendar;
use crate::plan::generate::{Plan, PLAN_SCHEMA_VERSION};
use crate::plan::schedule::PhaseKey;

/// Validates a plan. Errors: `UNSUPPORTED_SCHEMA_VERSION`; settings errors under `settings`;
/// phases missing, out of order or overlapping → `INVALID_VALUE` at the phase; a day off
/// (weekend, 法定节假日) as a deadline, checkpoint, task or phase day → `INVALID_DATE`; a goal,
/// measure, task or check-in naming something the plan lacks → `UNKNOWN_REFERENCE`; a goal id
/// twice → `DUPLICATE_ID`; a target outside its metric's scale or worse than its baseline →
/// `OUT_OF_RANGE`.
///
/// @example `validate_plan(&decode_json::<Plan>(text)?)?`
pub fn validate_plan(plan: &Plan) -> Result<(), Error> {
    check_schema_version(plan.schema_version, PLAN_SCHEMA_VERSION, "plan")?;
    plan.settings.validate().map_err(|e| e.within("settings"))?;
    let calendar = plan.settings.working_calendar()?;
    if plan.end_date < plan.start_date {
        return Err(invalid(
            "endDate",
            format!(
                "计划结束日期 {} 早于开始日期 {}",
                plan.end_date, plan.start_date
            ),
            format!(
                "the plan ends ({}) before it starts ({})",
                plan.end_date, plan.start_date
            ),
        ));
    }
    phases(plan, &calendar)?;
    let working = |day: Date, path: String| -> Result<(), Error> {
        if calendar.is_working_day(day) {
            Ok(())
        } else {
            Err(day_off(day, path))
        }
    };
    for (i, c) in plan.checkpoints.iter().enumerate() {
        working(c.date, format!("checkpoints[{i}].date"))?;
    }
    let focus = |id: &str| plan.focus.iter().any(|f| f.dimension_id == id);
    let mut goal_ids: Vec<&str> = Vec::with_capacity(plan.goals.len());
    for (i, g) in plan.goals.iter().enumerate() {
        let at = |field: &str| format!("goals[{i}].{field}");
        if goal_ids.contains(&g.id.as_str()) {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                at("id"),
                format!("目标 “{}” 出现了两次", g.id),
                format!("goal \"{}\" appears twice", g.id),
            ));
        }
        goal_ids.push(&g.id);
        if !focus(&g.dimension_id) {
            return Err(unknown(
                at("dimensionId"),
                &g.dimension_id,
                "计划的重点维度",
                "the plan's focus dimensions",
            ));
        }
        working(g.deadline, at("deadline"))?;
        let m = &g.metric;
        for (value, field) in [(g.baseline, "baseline"), (g.target, "target")] {
            if !(value.is_finite() && (m.min..=m.max).contains(&value)) {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    at(field),
                    format!("{value} 超出范围，应在 {} 至 {} 之间", m.min, m.max),
                    format!("{value} is out of range; expected {} to {}", m.min, m.max),
                ));
            }
        }
        if !m.at_least_as_good(g.target, g.baseline) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                at("target"),
                format!("目标 {} 比基线 {} 还差", g.target, g.baseline),
                format!(
                    "target {} is worse than the baseline {}",
                    g.target, g.baseline
                ),
            ));
        }
    }
    for (i, m) in plan.measures.iter().enumerate() {
        if !focus(&m.measure.dimension_id) {
            return Err(unknown(
                format!("measures[{i}].measure.dimensionId"),
                &m.measure.dimension_id,
                "计划的重点维度",
                "the plan's focus dimensions",
            ));
        }
        working(m.deadline, format!("measures[{i}].deadline"))?;
    }
    for (i, t) in plan.tasks.iter().enumerate() {
        if !plan.measures.iter().any(|m| m.measure.id == t.measure_id) {
            return Err(unknown(
                format!("tasks[{i}].measureId"),
                &t.measure_id,
                "计划的措施",
                "the plan's measures",
            ));
        }
        working(t.date, format!("tasks[{i}].date"))?;
    }
    for (i, c) in plan.check_ins.iter().enumerate() {
        Date::parse(&c.date, &format!("checkIns[{i}].date"))?;
        for (j, p) in c.progress.iter().enumerate() {
            if !goal_ids.contains(&p.goal_id.as_str()) {
                return Err(unknown(
                    format!("checkIns[{i}].progress[{j}].goalId"),
                    &p.goal_id,
                    "计划的目标",
                    "the plan's goals",
                ));
            }
        }
        for (j, id) in c.completed_tasks.iter().enumerate() {
            if !plan.tasks.iter().any(|t| &t.id == id) {
                return Err(unknown(
                    format!("checkIns[{i}].completedTasks[{j}]"),
                    id,
                    "计划的任务",
                    "the plan's tasks",
                ));
            }
        }
    }
    Ok(())
}

/// The four phases, in order, each within the plan, one after the other.
fn phases(plan: &Plan, calendar: &Calendar) -> Result<(), Error> {
    const ORDER: [PhaseKey; 4] = [
        PhaseKey::Start,
        PhaseKey::Implement,
        PhaseKey::Evaluate,
        PhaseKey::Optimise,
    ];
    if plan.phases.len() != ORDER.len() {
        return Err(invalid(
            "phases",
            format!(
                "计划应有 4 个阶段（启动、实施、评估、优化），实际 {} 个",
                plan.phases.len()
            ),
            format!(
                "a plan has 4 phases (start, implement, evaluate, optimise); found {}",
                plan.phases.len()
            ),
        ));
    }
    let mut previous: Option<(u32, Date)> = None;
    for (i, (phase, key)) in plan.phases.iter().zip(ORDER).enumerate() {
        let at = |field: &str| format!("phases[{i}].{field}");
        if phase.key != key {
            return Err(invalid(
                at("key"),
                format!("第 {} 个阶段应为{}", i + 1, phase_zh(key)),
                format!("phase {} must be the {key:?} phase", i + 1),
            ));
        }
        if phase.first_week > phase.last_week || phase.start_date > phase.end_date {
            return Err(invalid(
                at("endDate"),
                format!("{}阶段结束早于开始", phase_zh(key)),
                format!("the {key:?} phase ends before it starts"),
            ));
        }
        if let Some((last_week, last_end)) = previous {
            if phase.first_week != last_week + 1 || phase.start_date <= last_end {
                return Err(invalid(
                    at("startDate"),
                    format!("{}阶段应在上一阶段结束之后开始", phase_zh(key)),
                    format!("the {key:?} phase must start after the previous phase ends"),
                ));
            }
        }
        if phase.start_date < plan.start_date || phase.end_date > plan.end_date {
            return Err(invalid(
                at("startDate"),
                format!(
                    "{}阶段超出计划的起止日期（{} 至 {}）",
                    phase_zh(key),
                    plan.start_date,
                    plan.end_date
                ),
                format!(
                    "the {key:?} phase lies outside the plan ({} to {})",
                    plan.start_date, plan.end_date
                ),
            ));
        }
        for (day, field) in [(phase.start_date, "startDate"), (phase.end_date, "endDate")] {
            if !calendar.is_working_day(day) {
                return Err(day_off(day, at(field)));
            }
        }
        previous = Some((phase.last_week, phase.end_date));
    }
    Ok(())
}

fn phase_zh(key: PhaseKey) -> &'static str {
    match key {
        PhaseKey::Start => "启动",
        PhaseKey::Implement => "实施",
        PhaseKey::Evaluate => "评估",
        PhaseKey::Optimise => "优化",
    }
}

fn invalid(path: impl Into<String>, zh: String, en: String) -> Error {
    Error::new(ErrorCode::InvalidValue, path.into(), zh, en)
}

fn day_off(day: Date, path: String) -> Error {
    let weekday = day.weekday().is_weekend();
    let (zh, en) = if weekday {
        ("周末", "a weekend day")
    } else {
        ("法定节假日", "a public holiday")
    };
    Error::new(
        ErrorCode::InvalidDate,
        path,
        format!("{day} 是{zh}，不是工作日：截止和检查日期应在工作日"),
        format!("{day} is {en}, not a working day; deadlines and checkpoints fall on working days"),
    )
}

fn unknown(path: String, id: &str, zh_where: &str, en_where: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        path,
        format!("“{id}” 不在{zh_where}中"),
        format!("\"{id}\" is not among {en_where}"),
    )
}
