//! Plan generation: focus dimensions from the gaps, SMART goals, measures, schedule.
//!
//! A [`PlanGenerator`] validates the catalog and settings and lays out the cycle (phases,
//! checkpoints, every measure's tasks) once; each plan then only picks its focus, computes its
//! goals and copies the prepared rows, so 2,000 plans from 2,000 evaluations cost little more
//! than reading the evaluations.

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::error::Error;
use crate::format::check_schema_version;
use crate::i18n::Text;
use crate::plan::catalog::{Catalog, Measure};
use crate::plan::check::{self, cat, fixed, int};
use crate::plan::evaluation::{DimensionStatus, Evaluation};
use crate::plan::goals::{
    goals_for, time_bound_text, write_sentences, Goal, GoalContext, GoalSeed, Wording,
};
use crate::plan::schedule::{Checkpoint, Frame, Phase, Task};
use crate::plan::settings::PlanSettings;
use crate::plan::tracking::{CheckIn, Progress};

/// The plan format version this build writes and reads.
pub const PLAN_SCHEMA_VERSION: u32 = 1;

/// Input of [`generate_plan`]: one evaluation, a start day, optional settings and catalog.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanRequest {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The person's competency evaluation.
    pub evaluation: Evaluation,
    /// First day of the plan, `YYYY-MM-DD`.
    pub start_date: String,
    /// Plan id; default `<personId>-<startDate>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Generation settings; absent fields take the domain's defaults.
    #[serde(default)]
    pub settings: PlanSettings,
    /// Measures catalog; absent = the default catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Catalog>,
}

/// Input of [`generate_plans`]: many evaluations sharing a start day, settings and catalog.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanBatchRequest {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// One evaluation per person.
    pub evaluations: Vec<Evaluation>,
    /// First day of every plan, `YYYY-MM-DD`.
    pub start_date: String,
    /// Generation settings; absent fields take the domain's defaults.
    #[serde(default)]
    pub settings: PlanSettings,
    /// Measures catalog; absent = the default catalog.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<Catalog>,
}

/// Output of [`generate_plans`]: a plan per valid evaluation, a failure per invalid one, so one
/// bad record does not stop a cohort of 2,000.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanBatch {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Plans in the order of the evaluations (failed ones skipped).
    pub plans: Vec<Plan>,
    /// Evaluations that could not become plans.
    pub failures: Vec<PlanFailure>,
}

/// Why one evaluation of a batch produced no plan.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanFailure {
    /// Index in `evaluations`.
    pub index: u32,
    /// The person, when the evaluation names one.
    pub person_id: String,
    /// The error code, e.g. `UNKNOWN_DIMENSION`.
    pub code: String,
    /// Path in the batch input, e.g. `evaluations[3].dimensions[0].level`.
    pub path: String,
    /// What was expected.
    pub message: Text,
}

/// A development plan (个人业务能力提升计划). Output of generation and input of tracking, so it is
/// stored as is (IndexedDB, JSON export) and read back strictly.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Plan id, also the stem of calendar UIDs.
    pub plan_id: String,
    /// 1 for a first plan, +1 for each next cycle.
    pub cycle: u32,
    /// The plan this one follows, for a next cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plan_id: Option<String>,
    /// Employee id.
    pub person_id: String,
    /// Display name.
    pub name: String,
    /// Role id.
    pub role: String,
    /// Line of business or team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Day of the evaluation the plan comes from.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub evaluation_date: Date,
    /// First day of the plan.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start_date: Date,
    /// Last workday of the plan.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end_date: Date,
    /// The settings used, kept for tracking.
    pub settings: PlanSettings,
    /// The evaluation showed no gap: the goals are stretch goals.
    pub no_gaps: bool,
    /// One paragraph on what the plan works on.
    pub summary: Text,
    /// The focus dimensions, highest priority first.
    pub focus: Vec<FocusArea>,
    /// SMART goals, grouped by focus dimension.
    pub goals: Vec<Goal>,
    /// Measures chosen from the catalog, grouped by focus dimension.
    pub measures: Vec<PlannedMeasure>,
    /// 启动 / 实施 / 评估 / 优化.
    pub phases: Vec<Phase>,
    /// Every scheduled task, by week then measure.
    pub tasks: Vec<Task>,
    /// Weekly check-ins, monthly evaluations, quarterly review.
    pub checkpoints: Vec<Checkpoint>,
    /// Things the reader should know (a dimension without measures…), with a stable code.
    pub warnings: Vec<PlanWarning>,
    /// Recorded check-ins, oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Overall attainment and status, as of the latest check-in.
    pub progress: Progress,
}

/// A focus dimension and why it was chosen.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FocusArea {
    /// Dimension id.
    pub dimension_id: String,
    /// Display name.
    pub name: Text,
    /// 1 = highest priority.
    pub rank: u32,
    /// Current level (1–5).
    pub level: f64,
    /// Level aimed at in this cycle (bounded by the step per cycle).
    pub plan_target_level: f64,
    /// Target level of the role.
    pub role_target_level: f64,
    /// `role target − level` (≤ 0 for a stretch focus).
    pub gap: f64,
    /// Weight of the dimension for the role.
    pub importance: f64,
    /// Ranking key from the evaluation (gap × importance for a gap).
    pub priority: f64,
    /// 自评 (1–5), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_rating: Option<f64>,
    /// 主管评 (1–5), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_rating: Option<f64>,
    /// Why this dimension, in one sentence.
    pub reason: Text,
    /// A stretch focus (no gap).
    pub stretch: bool,
}

/// A catalog measure as scheduled in one plan; the page may edit it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlannedMeasure {
    /// The measure (a copy: editing the plan does not edit the catalog).
    pub measure: Measure,
    /// Due day of its last task.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub deadline: Date,
    /// Occurrences over the plan.
    pub occurrences: u32,
}

/// A note on the plan with a stable code the page can translate or filter.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanWarning {
    /// `NO_GAPS`, `NO_MEASURE_FOR_DIMENSION`, `INSUFFICIENT_EVIDENCE` or `GAP_EXCEEDS_STEP`.
    pub code: String,
    /// The dimension concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension_id: Option<String>,
    /// The note in both languages.
    pub message: Text,
}

/// A dimension's planned measures and ranked tasks (see [`PlanGenerator`]).
type Prepared = (Vec<PlannedMeasure>, Vec<(u32, Task)>);

/// Prepared generation state: validated catalog and settings, the cycle frame and every
/// measure's tasks, computed once.
#[derive(Debug, Clone)]
pub struct PlanGenerator {
    catalog: Catalog,
    settings: PlanSettings,
    frame: Frame,
    /// Per dimension: its planned measures, and its tasks each with its place in the plan's
    /// task order (week, then id) among all the catalog's tasks, so a plan orders its tasks by
    /// comparing numbers instead of sorting the rows.
    by_dimension: BTreeMap<String, Prepared>,
    /// Deadline of every goal, formatted once.
    deadline_text: String,
    /// The time-bound sentence every goal shares.
    time_bound: Text,
    /// What every plan says about the calendar (years without data or without their notice).
    calendar_notes: Vec<PlanWarning>,
}

impl PlanGenerator {
    /// Validates catalog and settings, parses the start day and lays out the cycle.
    ///
    /// Errors: `INVALID_DATE` at `startDate`; settings errors under `settings`; catalog errors
    /// under `catalog`.
    ///
    /// @example `PlanGenerator::new(Catalog::default_catalog()?, PlanSettings::default(), "2026-11-23")?`
    pub fn new(
        catalog: Catalog,
        settings: PlanSettings,
        start_date: &str,
    ) -> Result<PlanGenerator, Error> {
        catalog.validate().map_err(|e| e.within("catalog"))?;
        settings.validate().map_err(|e| e.within("settings"))?;
        let start = check::date(start_date, "startDate")?;
        let frame = Frame::new(start, settings.cycle_weeks, settings.working_calendar()?);
        let mut by_dimension: BTreeMap<String, Prepared> = BTreeMap::new();
        for dim in &catalog.dimensions {
            by_dimension.insert(dim.id.clone(), (Vec::new(), Vec::new()));
        }
        for measure in &catalog.measures {
            let tasks = frame.tasks_for(measure);
            let entry = by_dimension
                .entry(measure.dimension_id.clone())
                .or_default();
            if let Some(last) = tasks.last() {
                entry.0.push(PlannedMeasure {
                    measure: measure.clone(),
                    deadline: last.date,
                    occurrences: tasks.iter().map(|t| t.count).sum(),
                });
            }
            entry.1.extend(tasks.into_iter().map(|t| (0, t)));
        }
        // Rank every task by (week, id); equal keys share a rank, so the stable sort by rank in
        // `generate` keeps them in focus order, exactly as sorting the rows did.
        let mut keys: Vec<(u32, &str)> = by_dimension
            .values()
            .flat_map(|(_, tasks)| tasks.iter().map(|(_, t)| (t.week, t.id.as_str())))
            .collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        let ranks: BTreeMap<(u32, String), u32> =
            crate::sort::map_of(keys.iter().enumerate().map(|(i, &(week, id))| {
                ((week, id.to_string()), u32::try_from(i).unwrap_or(u32::MAX))
            }));
        for (_, tasks) in by_dimension.values_mut() {
            for (rank, task) in tasks.iter_mut() {
                *rank = ranks
                    .get(&(task.week, task.id.clone()))
                    .copied()
                    .unwrap_or(u32::MAX);
            }
        }
        let deadline = frame.phases.get(2).map_or(frame.start, |p| p.end_date);
        let time_bound = time_bound_text(frame.start, deadline, frame.evaluate_last_week);
        let end = frame.phases.last().map_or(frame.start, |p| p.end_date);
        let calendar_notes = frame
            .calendar
            .notes(frame.start, end)
            .into_iter()
            .map(|(code, message)| PlanWarning {
                code: code.into(),
                dimension_id: None,
                message,
            })
            .collect();
        Ok(PlanGenerator {
            calendar_notes,
            catalog,
            settings,
            frame,
            by_dimension,
            deadline_text: deadline.to_string(),
            time_bound,
        })
    }

    /// The catalog in use.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Generates one plan. Errors name paths inside the evaluation.
    pub fn generate(&self, evaluation: &Evaluation, plan_id: Option<&str>) -> Result<Plan, Error> {
        let (mut plan, _) = self.generate_personal(evaluation, plan_id, true)?;
        self.attach_rows(&mut plan);
        Ok(plan)
    }

    /// The dimensions a plan of `evaluation` focuses on, in rank order (what
    /// [`PlanGenerator::generate`] would pick; its warnings are dropped). Reads levels, gaps and
    /// importance only, not the evidence sources.
    pub(crate) fn focus_dimension_ids(&self, evaluation: &Evaluation) -> Vec<String> {
        pick_focus(evaluation, &self.settings, &mut Vec::new())
            .into_iter()
            .map(|p| p.dimension_id)
            .collect()
    }

    /// A plan without the rows it copies from the generator (measures, tasks, phases,
    /// checkpoints): they follow from the focus alone and are the same text for every plan of a
    /// batch, so a cohort keeps them once and [`PlanGenerator::attach_rows`] copies them into a
    /// plan only when it is read. Everything that depends on the person is computed here,
    /// except, when `sentences` is false, the goals' sentences: they are left empty and
    /// [`PlanGenerator::write_goal_sentences`] writes them from the returned seeds.
    pub(crate) fn generate_personal(
        &self,
        evaluation: &Evaluation,
        plan_id: Option<&str>,
        sentences: bool,
    ) -> Result<(Plan, Vec<GoalSeed>), Error> {
        let evaluation_date = evaluation.validate(&self.catalog)?;
        let frame = &self.frame;
        let mut warnings = Vec::new();
        let picks = pick_focus(evaluation, &self.settings, &mut warnings);
        warnings.extend(self.calendar_notes.iter().cloned());
        let no_evidence = warnings.iter().any(|w| w.code == "NO_EVIDENCE");
        let no_gaps = !no_evidence && picks.iter().all(|p| p.stretch);
        let deadline = frame.phases.get(2).map_or(frame.start, |p| p.end_date);
        let mut focus = Vec::with_capacity(picks.len());
        let mut goals = Vec::new();
        let mut seeds = Vec::new();
        for (rank, pick) in picks.iter().enumerate() {
            let Some(dim) = evaluation.dimension(&pick.dimension_id) else {
                continue;
            };
            let name = self
                .catalog
                .dimension(&dim.dimension_id)
                .map_or_else(|| dim.name.clone(), |d| d.name.clone());
            let step = if pick.stretch {
                self.settings.stretch_step
            } else {
                self.settings.level_step_per_cycle
            };
            let ceiling = if pick.stretch { 5.0 } else { dim.target };
            let plan_target = (pick.level + step).min(ceiling).min(5.0);
            if !pick.stretch && dim.target - pick.level > step + 1e-9 {
                let (step_f, plan_target_f) = (fixed(step, 1), fixed(plan_target, 1));
                let gap_f = fixed(dim.target - pick.level, 1);
                warnings.push(PlanWarning {
                    code: "GAP_EXCEEDS_STEP".into(),
                    dimension_id: Some(dim.dimension_id.clone()),
                    message: Text::new(
                        cat!(
                            name.zh,
                            "差距 ",
                            gap_f,
                            " 级大于每周期 ",
                            step_f,
                            " 级：本周期目标 ",
                            plan_target_f,
                            " 级，下一周期继续"
                        ),
                        cat!(
                            name.en,
                            " is ",
                            gap_f,
                            " levels below target, more than ",
                            step_f,
                            " per cycle: this cycle aims at ",
                            plan_target_f,
                            ", the next one continues"
                        ),
                    ),
                });
            }
            let ctx = GoalContext {
                dimension: dim,
                deadline,
                wording: Wording {
                    dim_name: &name,
                    role: &evaluation.role,
                    level: pick.level,
                    target_level: plan_target,
                    role_target: dim.target,
                    importance: dim.importance,
                    stretch: pick.stretch,
                    deadline_text: &self.deadline_text,
                    deadline_week: frame.evaluate_last_week,
                    time_bound: &self.time_bound,
                    settings: &self.settings,
                },
                sentences,
            };
            for (goal, seed) in goals_for(&ctx, focus.len()) {
                goals.push(goal);
                if !sentences {
                    seeds.push(seed);
                }
            }
            if self.rows_of(&dim.dimension_id).is_none() {
                warnings.push(PlanWarning {
                    code: "NO_MEASURE_FOR_DIMENSION".into(),
                    dimension_id: Some(dim.dimension_id.clone()),
                    message: Text::new(
                        format!("措施目录中没有“{}”的措施：请手动添加措施", name.zh),
                        format!(
                            "the catalog has no measure for {}; add measures by hand",
                            name.en
                        ),
                    ),
                });
            }
            focus.push(FocusArea {
                dimension_id: dim.dimension_id.clone(),
                rank: rank as u32 + 1,
                level: pick.level,
                plan_target_level: plan_target,
                role_target_level: dim.target,
                gap: dim.target - pick.level,
                importance: dim.importance,
                priority: pick.priority,
                self_rating: dim.self_rating,
                supervisor_rating: dim.supervisor_rating,
                reason: reason(&name, pick, dim.target, dim.importance, rank + 1),
                stretch: pick.stretch,
                name,
            });
        }
        let summary = if no_evidence {
            Text::new(
                format!("{}证据不足：暂无可评定等级的维度，本计划未设提升重点", evaluation.name),
                format!(
                    "{} has too little evidence: no dimension has a level yet, so the plan has no focus",
                    evaluation.name
                ),
            )
        } else {
            summary(&evaluation.name, &focus, no_gaps, frame)
        };
        let start_text = frame.start.to_string();
        let plan_id = plan_id.map_or_else(
            || format!("{}-{start_text}", evaluation.person_id),
            str::to_string,
        );
        let end_date = frame.phases.last().map_or(frame.start, |p| p.end_date);
        let mut plan = Plan {
            schema_version: PLAN_SCHEMA_VERSION,
            plan_id,
            cycle: 1,
            previous_plan_id: None,
            person_id: evaluation.person_id.clone(),
            name: evaluation.name.clone(),
            role: evaluation.role.clone(),
            group: evaluation.group.clone(),
            evaluation_date,
            start_date: frame.start,
            end_date,
            settings: self.settings.clone(),
            no_gaps,
            summary,
            focus,
            goals,
            measures: Vec::new(),
            phases: Vec::new(),
            tasks: Vec::new(),
            checkpoints: Vec::new(),
            warnings,
            check_ins: Vec::new(),
            progress: Progress::default(),
        };
        // Progress reads the goals' numbers and the dates only, nothing written later.
        plan.progress = crate::plan::tracking::progress_at(&plan, frame.start);
        Ok((plan, seeds))
    }

    /// Writes the goals' sentences of a plan from [`PlanGenerator::generate_personal`] without
    /// sentences, from its focus areas and the goals' seeds (one per goal, in order).
    pub(crate) fn write_goal_sentences(&self, plan: &mut Plan, seeds: &[GoalSeed]) {
        let role = plan.role.as_str();
        for (goal, seed) in plan.goals.iter_mut().zip(seeds) {
            let Some(focus) = plan.focus.get(seed.focus) else {
                continue;
            };
            let wording = Wording {
                dim_name: &focus.name,
                role,
                level: focus.level,
                target_level: focus.plan_target_level,
                role_target: focus.role_target_level,
                importance: focus.importance,
                stretch: focus.stretch,
                deadline_text: &self.deadline_text,
                deadline_week: self.frame.evaluate_last_week,
                time_bound: &self.time_bound,
                settings: &self.settings,
            };
            write_sentences(goal, &wording, seed);
        }
    }

    /// Copies the generator's rows for the plan's focus into a plan from
    /// [`PlanGenerator::generate_personal`]: each focus dimension's measures in focus order,
    /// their tasks by (week, id) with ties in focus order, the phases and checkpoints.
    pub(crate) fn attach_rows(&self, plan: &mut Plan) {
        let mut measures = Vec::new();
        let mut task_refs: Vec<&(u32, Task)> = Vec::new();
        for focus in &plan.focus {
            if let Some((planned, scheduled)) = self.rows_of(&focus.dimension_id) {
                measures.extend(planned.iter().cloned());
                task_refs.extend(scheduled);
            }
        }
        crate::sort::sort_by_key(&mut task_refs, |(rank, _)| *rank);
        plan.tasks = task_refs.into_iter().map(|(_, t)| t.clone()).collect();
        plan.measures = measures;
        plan.phases = self.frame.phases.clone();
        plan.checkpoints = self.frame.checkpoints.clone();
    }

    /// The implementation phase's first and last workday, the same for every plan of a batch.
    pub(crate) fn implement_window(&self) -> Option<(Date, Date)> {
        implement_window(&self.frame.phases)
    }

    /// A dimension's prepared measures and tasks; `None` when the catalog has no measure for it.
    fn rows_of(&self, dimension_id: &str) -> Option<&Prepared> {
        self.by_dimension
            .get(dimension_id)
            .filter(|(planned, _)| !planned.is_empty())
    }
}

/// The first and last workday of the implementation phase among `phases`.
pub(crate) fn implement_window(phases: &[Phase]) -> Option<(Date, Date)> {
    phases
        .iter()
        .find(|ph| ph.key == crate::plan::schedule::PhaseKey::Implement)
        .map(|ph| (ph.start_date, ph.end_date))
}

/// A chosen focus dimension before goals are computed.
struct Pick {
    dimension_id: String,
    level: f64,
    gap: f64,
    priority: f64,
    stretch: bool,
}

/// The top gaps (by the evaluation's priority); when there is none, stretch dimensions (most
/// important first, then closest to their target).
fn pick_focus(
    evaluation: &Evaluation,
    settings: &PlanSettings,
    warnings: &mut Vec<PlanWarning>,
) -> Vec<Pick> {
    let max = settings.max_focus as usize;
    let level_of = |id: &str| {
        evaluation
            .dimension(id)
            .filter(|d| d.status == DimensionStatus::Ok)
            .and_then(|d| d.level)
    };
    for dim in &evaluation.dimensions {
        if dim.status == DimensionStatus::InsufficientEvidence {
            warnings.push(PlanWarning {
                code: "INSUFFICIENT_EVIDENCE".into(),
                dimension_id: Some(dim.dimension_id.clone()),
                message: Text::new(
                    format!(
                        "“{}”证据不足，未纳入本计划：请先补充考试或评分",
                        dim.name.zh
                    ),
                    format!(
                        "{} lacks evidence and is left out: add an exam or a rating first",
                        dim.name.en
                    ),
                ),
            });
        }
    }
    let mut gaps: Vec<Pick> = if evaluation.gaps.is_empty() {
        evaluation
            .dimensions
            .iter()
            .filter_map(|d| {
                let level = level_of(&d.dimension_id)?;
                let gap = d.target - level;
                Some(Pick {
                    dimension_id: d.dimension_id.clone(),
                    level,
                    gap,
                    priority: gap * d.importance,
                    stretch: false,
                })
            })
            .collect()
    } else {
        evaluation
            .gaps
            .iter()
            .filter_map(|g| {
                let level = level_of(&g.dimension_id)?;
                Some(Pick {
                    dimension_id: g.dimension_id.clone(),
                    level,
                    gap: g.gap,
                    priority: g.priority,
                    stretch: false,
                })
            })
            .collect()
    };
    gaps.retain(|p| p.gap > 1e-9);
    crate::sort::sort_by(&mut gaps, |a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.gap.total_cmp(&a.gap))
            .then_with(|| a.dimension_id.cmp(&b.dimension_id))
    });
    if !gaps.is_empty() {
        gaps.truncate(max);
        return gaps;
    }
    let mut stretch: Vec<Pick> = evaluation
        .dimensions
        .iter()
        .filter_map(|d| {
            let level = level_of(&d.dimension_id)?;
            (level < 5.0).then(|| Pick {
                dimension_id: d.dimension_id.clone(),
                level,
                gap: d.target - level,
                priority: d.importance,
                stretch: true,
            })
        })
        .collect();
    crate::sort::sort_by(&mut stretch, |a, b| {
        b.priority
            .total_cmp(&a.priority)
            .then(b.gap.total_cmp(&a.gap))
            .then_with(|| a.dimension_id.cmp(&b.dimension_id))
    });
    stretch.truncate(max);
    let insufficient = evaluation
        .dimensions
        .iter()
        .filter(|d| level_of(&d.dimension_id).is_none())
        .count();
    if insufficient == evaluation.dimensions.len() {
        // Nothing is known: missing evidence is never read as "already at the top".
        warnings.push(PlanWarning {
            code: "NO_EVIDENCE".into(),
            dimension_id: None,
            message: Text::new(
                "所有维度均证据不足：请先录入考试、实操评分、KPI 或评价，再制定计划",
                "no dimension has enough evidence: record exams, role plays, KPIs or ratings before planning",
            ),
        });
        return stretch;
    }
    warnings.push(PlanWarning {
        code: "NO_GAPS".into(),
        dimension_id: None,
        message: if stretch.is_empty() && insufficient > 0 {
            let n = insufficient.to_string();
            Text::new(
                cat!(
                    "有证据的维度均已达到最高等级；另有 ",
                    n,
                    " 个维度证据不足，未纳入计划"
                ),
                cat!(
                    "every dimension with evidence is at the top level; ",
                    n,
                    " more lack evidence and are left out"
                ),
            )
        } else if stretch.is_empty() {
            Text::new(
                "所有维度均已达到目标且为最高等级：无需提升计划",
                "every dimension meets its target at the top level: no development needed",
            )
        } else {
            Text::new(
                "所有维度均已达到岗位目标：本计划为提升（拓展）目标",
                "every dimension meets its role target: this plan sets stretch goals",
            )
        },
    });
    stretch
}

fn reason(name: &Text, pick: &Pick, role_target: f64, importance: f64, rank: usize) -> Text {
    let (role_target, importance) = (fixed(role_target, 1), fixed(importance, 1));
    let (level, gap) = (fixed(pick.level, 1), fixed(pick.gap, 1));
    let rank = int(rank as u64);
    if pick.stretch {
        Text::new(
            cat!(
                name.zh,
                "已达标（当前 ",
                level,
                " 级，目标 ",
                role_target,
                " 级），重要度 ",
                importance,
                "，作为提升方向第 ",
                rank,
                " 位"
            ),
            cat!(
                name.en,
                " meets its target (level ",
                level,
                ", target ",
                role_target,
                "), importance ",
                importance,
                ": stretch focus #",
                rank
            ),
        )
    } else {
        Text::new(
            cat!(
                name.zh,
                "差距 ",
                gap,
                " 级（当前 ",
                level,
                "，目标 ",
                role_target,
                "），重要度 ",
                importance,
                "，优先级第 ",
                rank,
                " 位"
            ),
            cat!(
                name.en,
                " is ",
                gap,
                " below target (level ",
                level,
                ", target ",
                role_target,
                "), importance ",
                importance,
                ": priority #",
                rank
            ),
        )
    }
}

fn summary(name: &str, focus: &[FocusArea], no_gaps: bool, frame: &Frame) -> Text {
    let zh_names: Vec<&str> = focus.iter().map(|f| f.name.zh.as_str()).collect();
    let en_names: Vec<&str> = focus.iter().map(|f| f.name.en.as_str()).collect();
    let weeks = frame.weeks;
    if focus.is_empty() {
        return Text::new(
            format!("{name}有等级的维度均已达到最高等级，本周期无提升重点"),
            format!("{name} is at the top level in every dimension; no focus this cycle"),
        );
    }
    if no_gaps {
        Text::new(
            format!(
                "{name}各维度均已达到岗位目标；{weeks} 周提升计划聚焦：{}",
                zh_names.join("、")
            ),
            format!(
                "{name} meets every role target; the {weeks}-week stretch plan works on: {}",
                en_names.join(", ")
            ),
        )
    } else {
        Text::new(
            format!(
                "{name}的 {weeks} 周能力提升计划，重点：{}",
                zh_names.join("、")
            ),
            format!(
                "{name}'s {weeks}-week development plan, focusing on: {}",
                en_names.join(", ")
            ),
        )
    }
}

/// Generates one plan from a request (decoded with [`crate::format::decode`]).
///
/// @example `generate_plan(&decode_json::<PlanRequest>(text)?)?`
pub fn generate_plan(request: &PlanRequest) -> Result<Plan, Error> {
    check_schema_version(request.schema_version, PLAN_SCHEMA_VERSION, "plan request")?;
    let catalog = match &request.catalog {
        Some(c) => c.clone(),
        None => Catalog::default_catalog()?,
    };
    let generator = PlanGenerator::new(catalog, request.settings.clone(), &request.start_date)?;
    generator
        .generate(&request.evaluation, request.plan_id.as_deref())
        .map_err(|e| e.within("evaluation"))
}

/// Generates a plan per evaluation, preparing the catalog and the cycle once. Invalid
/// evaluations become [`PlanFailure`]s; invalid settings, catalog or start day fail the call.
///
/// @example `generate_plans(&decode_json::<PlanBatchRequest>(text)?)?.plans.len()`
pub fn generate_plans(request: &PlanBatchRequest) -> Result<PlanBatch, Error> {
    check_schema_version(request.schema_version, PLAN_SCHEMA_VERSION, "plan batch")?;
    let catalog = match &request.catalog {
        Some(c) => c.clone(),
        None => Catalog::default_catalog()?,
    };
    let generator = PlanGenerator::new(catalog, request.settings.clone(), &request.start_date)?;
    let mut plans = Vec::with_capacity(request.evaluations.len());
    let mut failures = Vec::new();
    for (i, evaluation) in request.evaluations.iter().enumerate() {
        match generator.generate(evaluation, None) {
            Ok(plan) => plans.push(plan),
            Err(e) => {
                let e = e.within(&format!("evaluations[{i}]"));
                failures.push(PlanFailure {
                    index: i as u32,
                    person_id: evaluation.person_id.clone(),
                    code: e.code().as_str().to_string(),
                    path: e.path().to_string(),
                    message: e.messages().clone(),
                });
            }
        }
    }
    Ok(PlanBatch {
        schema_version: PLAN_SCHEMA_VERSION,
        plans,
        failures,
    })
}
