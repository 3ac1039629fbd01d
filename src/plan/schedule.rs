//! The plan's calendar: the four phases (启动 / 实施 / 评估 / 优化) with weeks and dates, the tasks
//! of each measure spread over the implementation weeks at its frequency, and the checkpoints
//! (weekly check-in, monthly evaluation, quarterly review).
//!
//! Week `w` runs from `start + 7(w − 1)` to `start + 7w − 1`; a task or checkpoint of week `w`
//! falls on the last working day of that week (of the [`Calendar`]: weekends, 法定节假日 and 调休
//! included; a week that is all holiday is due on the first working day after it), and a phase
//! starts on its first working day, so nothing is ever due on a day off.

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::i18n::Text;
use crate::plan::calendar::Calendar;
use crate::plan::catalog::{Frequency, Measure, OwnerRole, Timing};
use crate::plan::defaults;

/// One of the four phases of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum PhaseKey {
    /// 启动: assess and write the plan.
    Start,
    /// 实施: training and practice.
    Implement,
    /// 评估: re-test and measure attainment.
    Evaluate,
    /// 优化: adjust and write the next plan.
    Optimise,
}

/// A phase with its weeks, dates, owners and outputs.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phase {
    /// Which phase.
    pub key: PhaseKey,
    /// 启动 / 实施 / 评估 / 优化.
    pub name: Text,
    /// First week (1-based).
    pub first_week: u32,
    /// Last week (inclusive).
    pub last_week: u32,
    /// First workday of the phase.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start_date: Date,
    /// Last workday of the phase.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end_date: Date,
    /// Who takes part.
    pub owners: Vec<OwnerRole>,
    /// What happens.
    pub activities: Text,
    /// What it produces.
    pub outputs: Vec<Text>,
}

/// One scheduled occurrence (or a week's worth of occurrences) of a measure.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Task {
    /// `<measureId>.w<week>`.
    pub id: String,
    /// The catalog measure.
    pub measure_id: String,
    /// Its dimension.
    pub dimension_id: String,
    /// Week of the plan.
    pub week: u32,
    /// Due day: the last workday of the week.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// Occurrences in that week (5 for a daily measure).
    pub count: u32,
    /// Minutes per occurrence.
    pub duration_minutes: u32,
    /// Who owns it.
    pub owner: OwnerRole,
    /// What to do.
    pub action: Text,
    /// What it produces.
    pub evidence: Text,
    /// Marked done by a check-in.
    pub done: bool,
}

/// The kind of a checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum CheckpointKind {
    /// 周例会: the weekly check-in.
    WeeklyCheckIn,
    /// 月度评估: attainment measured every 4 weeks.
    MonthlyEvaluation,
    /// 季度复盘: the review report, at the end of the evaluation phase and every 13 weeks.
    QuarterlyReview,
}

/// A tracking date.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkpoint {
    /// Stable key, e.g. `checkIn.w3`, used in calendar UIDs.
    pub key: String,
    /// Which kind.
    pub kind: CheckpointKind,
    /// Week of the plan.
    pub week: u32,
    /// The day (a workday).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// Title for lists and calendars.
    pub title: Text,
    /// Who attends.
    pub owners: Vec<OwnerRole>,
}

/// The phases and checkpoints of a cycle from a start day: computed once and shared by every
/// plan of a batch.
#[derive(Debug, Clone)]
pub(crate) struct Frame {
    pub calendar: Calendar,
    pub start: Date,
    pub weeks: u32,
    pub phases: Vec<Phase>,
    pub checkpoints: Vec<Checkpoint>,
    pub implement: (u32, u32),
    pub evaluate_last_week: u32,
}

/// Week lengths of the four phases: start, evaluate and optimise take `round(weeks × 0.1)`
/// (at least 1), the implementation phase the rest. 10 → 1, 7, 1, 1.
pub(crate) fn phase_lengths(weeks: u32) -> [u32; 4] {
    let short = ((f64::from(weeks) * defaults::SHORT_PHASE_SHARE).round() as u32).max(1);
    let implement = weeks.saturating_sub(3 * short).max(1);
    [short, implement, short, short]
}

/// Last day of week `week` (1-based).
pub(crate) fn week_end(start: Date, week: u32) -> Date {
    start.add_days(7 * week as i32 - 1)
}

/// First day of week `week`.
pub(crate) fn week_start(start: Date, week: u32) -> Date {
    start.add_days(7 * (week as i32 - 1))
}

/// The due day of week `week`: its last working day (or, for a week that is all holiday, the
/// first working day after it).
pub(crate) fn week_due(calendar: &Calendar, start: Date, week: u32) -> Date {
    calendar.due_in(week_start(start, week), week_end(start, week))
}

impl Frame {
    /// The frame of a cycle of `weeks` (already validated, 4–52) from `start`.
    pub(crate) fn new(start: Date, weeks: u32, calendar: Calendar) -> Frame {
        let lengths = phase_lengths(weeks);
        let keys = [
            PhaseKey::Start,
            PhaseKey::Implement,
            PhaseKey::Evaluate,
            PhaseKey::Optimise,
        ];
        let mut phases = Vec::with_capacity(4);
        let mut first = 1;
        for (key, len) in keys.into_iter().zip(lengths) {
            let last = first + len - 1;
            phases.push(phase(&calendar, key, first, last, start));
            first = last + 1;
        }
        let implement = (1 + lengths[0], lengths[0] + lengths[1]);
        let evaluate_last_week = lengths[0] + lengths[1] + lengths[2];
        let checkpoints = checkpoints(&calendar, start, weeks, evaluate_last_week);
        Frame {
            calendar,
            start,
            weeks,
            phases,
            checkpoints,
            implement,
            evaluate_last_week,
        }
    }

    /// The tasks of one measure over the implementation weeks.
    pub(crate) fn tasks_for(&self, measure: &Measure) -> Vec<Task> {
        let (first, last) = self.implement;
        let available = last - first + 1;
        let span = measure.for_weeks.unwrap_or(available).clamp(1, available);
        // Time-limited measures sit early, late or in the middle of the phase.
        let offset = match measure.timing {
            Timing::Early => 0,
            Timing::Late => available - span,
            Timing::Spread => (available - span) / 2,
        };
        let weeks: Vec<(u32, u32)> = match measure.frequency {
            Frequency::Daily => (0..span).map(|i| (i, 5)).collect(),
            Frequency::Weekly => (0..span).map(|i| (i, measure.times)).collect(),
            Frequency::Monthly => {
                let months = span.div_ceil(defaults::WEEKS_PER_MONTH);
                (0..months)
                    .map(|k| ((2 * k + 1) * span / (2 * months), measure.times))
                    .collect()
            }
            Frequency::Once => {
                let at = match measure.timing {
                    Timing::Early => 0,
                    Timing::Late => span - 1,
                    Timing::Spread => span / 2,
                };
                vec![(at, 1)]
            }
        };
        weeks
            .into_iter()
            .map(|(i, count)| {
                let week = first + offset + i;
                Task {
                    id: format!("{}.w{week}", measure.id),
                    measure_id: measure.id.clone(),
                    dimension_id: measure.dimension_id.clone(),
                    week,
                    date: week_due(&self.calendar, self.start, week),
                    count,
                    duration_minutes: measure.duration_minutes,
                    owner: measure.owner,
                    action: measure.action.clone(),
                    evidence: measure.evidence.clone(),
                    done: false,
                }
            })
            .collect()
    }
}

fn phase(
    calendar: &Calendar,
    key: PhaseKey,
    first_week: u32,
    last_week: u32,
    start: Date,
) -> Phase {
    use OwnerRole::{Employee, Hr, Mentor, Supervisor};
    let (name, owners, activities, outputs) = match key {
        PhaseKey::Start => (
            Text::new("启动", "Start"),
            vec![Employee, Supervisor],
            Text::new(
                "能力评估，确定重点与目标，制定计划",
                "Assess, agree focus and goals, write the plan",
            ),
            vec![Text::new(
                "个人业务能力提升计划表",
                "Development plan table",
            )],
        ),
        PhaseKey::Implement => (
            Text::new("实施", "Implement"),
            vec![Employee, Mentor],
            Text::new(
                "培训与练习，按周执行措施",
                "Training and practice, week by week",
            ),
            vec![
                Text::new("培训签到记录", "Attendance records"),
                Text::new("练习日志", "Practice logs"),
                Text::new("案例复盘", "Case reviews"),
            ],
        ),
        PhaseKey::Evaluate => (
            Text::new("评估", "Evaluate"),
            vec![Employee, Supervisor, Hr],
            Text::new(
                "复测与考核，计算目标达成度",
                "Re-test and measure goal attainment",
            ),
            vec![
                Text::new("评估报告", "Assessment report"),
                Text::new("目标达成度", "Goal attainment"),
            ],
        ),
        PhaseKey::Optimise => (
            Text::new("优化", "Optimise"),
            vec![Employee, Supervisor],
            Text::new(
                "总结调整，制定下一周期计划",
                "Adjust and write the next cycle's plan",
            ),
            vec![Text::new("下一周期计划", "Next cycle's plan")],
        ),
    };
    Phase {
        key,
        name,
        first_week,
        last_week,
        start_date: calendar.on_or_after(week_start(start, first_week)),
        end_date: week_due(calendar, start, last_week),
        owners,
        activities,
        outputs,
    }
}

fn checkpoints(calendar: &Calendar, start: Date, weeks: u32, review_week: u32) -> Vec<Checkpoint> {
    use OwnerRole::{Employee, Hr, Mentor, Supervisor};
    let mut out = Vec::new();
    for week in 1..=weeks {
        out.push(Checkpoint {
            key: format!("checkIn.w{week}"),
            kind: CheckpointKind::WeeklyCheckIn,
            week,
            date: week_due(calendar, start, week),
            title: Text::new(
                format!("第 {week} 周例会（计划跟进）"),
                format!("Week {week} check-in"),
            ),
            owners: vec![Employee, Supervisor],
        });
        if week % defaults::WEEKS_PER_MONTH == 0 {
            let month = week / defaults::WEEKS_PER_MONTH;
            out.push(Checkpoint {
                key: format!("monthlyEvaluation.w{week}"),
                kind: CheckpointKind::MonthlyEvaluation,
                week,
                date: week_due(calendar, start, week),
                title: Text::new(
                    format!("第 {month} 次月度评估（目标达成度）"),
                    format!("Monthly evaluation {month} (goal attainment)"),
                ),
                owners: vec![Employee, Mentor, Supervisor],
            });
        }
        if week == review_week || week % defaults::WEEKS_PER_QUARTER == 0 {
            out.push(Checkpoint {
                key: format!("quarterlyReview.w{week}"),
                kind: CheckpointKind::QuarterlyReview,
                week,
                date: week_due(calendar, start, week),
                title: Text::new("季度复盘报告", "Quarterly review report"),
                owners: vec![Employee, Supervisor, Hr],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Weekday;
    use crate::plan::catalog::Catalog;

    fn day(s: &str) -> Date {
        Date::parse(s, "").unwrap()
    }

    #[test]
    fn default_cycle_has_the_domain_weeks() {
        let frame = Frame::new(day("2026-11-23"), 10, Calendar::shipped());
        let weeks: Vec<_> = frame
            .phases
            .iter()
            .map(|p| (p.first_week, p.last_week))
            .collect();
        assert_eq!(weeks, vec![(1, 1), (2, 8), (9, 9), (10, 10)]);
        assert_eq!(frame.implement, (2, 8));
        // 2026-11-23 is a Monday: week 1 ends Sunday 11-29 → due Friday 11-27.
        assert_eq!(frame.phases[0].end_date, day("2026-11-27"));
        assert_eq!(frame.phases[1].start_date, day("2026-11-30"));
        assert_eq!(frame.phases[2].end_date, day("2027-01-22"));
        assert_eq!(frame.phases[3].end_date, day("2027-01-29"));
        assert_eq!(frame.phases[2].owners.len(), 3);
    }

    #[test]
    fn other_lengths_scale_proportionally() {
        assert_eq!(phase_lengths(10), [1, 7, 1, 1]);
        assert_eq!(phase_lengths(20), [2, 14, 2, 2]);
        assert_eq!(phase_lengths(4), [1, 1, 1, 1]);
        assert_eq!(phase_lengths(52), [5, 37, 5, 5]);
        for weeks in 4..=52 {
            assert_eq!(phase_lengths(weeks).iter().sum::<u32>(), weeks, "{weeks}");
        }
    }

    #[test]
    fn nothing_falls_on_a_weekend_whatever_the_start_day() {
        let catalog = Catalog::default_catalog().unwrap();
        for offset in 0..7 {
            let start = day("2026-11-23").add_days(offset);
            let frame = Frame::new(start, 10, Calendar::shipped());
            for p in &frame.phases {
                assert!(!p.start_date.weekday().is_weekend());
                assert!(!p.end_date.weekday().is_weekend());
                assert!(p.start_date >= start);
            }
            for c in &frame.checkpoints {
                assert!(!c.date.weekday().is_weekend(), "{c:?}");
                assert!(c.date >= week_start(start, c.week) && c.date <= week_end(start, c.week));
            }
            for m in &catalog.measures {
                for t in frame.tasks_for(m) {
                    assert!(!t.date.weekday().is_weekend());
                    assert!((2..=8).contains(&t.week), "{t:?}");
                }
            }
        }
        // A Saturday start: week 1 is Sat–Fri, due that Friday.
        let frame = Frame::new(day("2026-11-21"), 10, Calendar::shipped());
        assert_eq!(frame.phases[0].start_date.weekday(), Weekday::Monday);
        assert_eq!(frame.phases[0].end_date, day("2026-11-27"));
    }

    #[test]
    fn tasks_follow_their_frequency() {
        let catalog = Catalog::default_catalog().unwrap();
        let frame = Frame::new(day("2026-11-23"), 10, Calendar::shipped());
        let find = |id: &str| catalog.measures.iter().find(|m| m.id == id).unwrap();
        let weekly4 = frame.tasks_for(find("pk-weekly-training"));
        assert_eq!(
            weekly4.iter().map(|t| t.week).collect::<Vec<_>>(),
            [2, 3, 4, 5]
        );
        let daily = frame.tasks_for(find("pk-daily-case"));
        assert_eq!(daily.len(), 7);
        assert!(daily.iter().all(|t| t.count == 5));
        let twice = frame.tasks_for(find("comm-role-play"));
        assert_eq!(twice.iter().map(|t| t.count).sum::<u32>(), 14);
        let monthly = frame.tasks_for(find("ps-complex-cases"));
        assert_eq!(monthly.iter().map(|t| t.week).collect::<Vec<_>>(), [3, 7]);
        assert!(monthly.iter().all(|t| t.count == 2));
        let late = frame.tasks_for(find("pk-mock-exam"));
        assert_eq!(late.iter().map(|t| t.week).collect::<Vec<_>>(), [8]);
        let early = frame.tasks_for(find("comm-psychology-course"));
        assert_eq!(early.iter().map(|t| t.week).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn checkpoints_weekly_monthly_quarterly() {
        let frame = Frame::new(day("2026-11-23"), 10, Calendar::shipped());
        let count = |k| frame.checkpoints.iter().filter(|c| c.kind == k).count();
        assert_eq!(count(CheckpointKind::WeeklyCheckIn), 10);
        assert_eq!(count(CheckpointKind::MonthlyEvaluation), 2);
        let reviews: Vec<_> = frame
            .checkpoints
            .iter()
            .filter(|c| c.kind == CheckpointKind::QuarterlyReview)
            .map(|c| c.week)
            .collect();
        assert_eq!(reviews, [9]);
        let long = Frame::new(day("2026-11-23"), 30, Calendar::shipped());
        let reviews: Vec<_> = long
            .checkpoints
            .iter()
            .filter(|c| c.kind == CheckpointKind::QuarterlyReview)
            .map(|c| c.week)
            .collect();
        // 30 weeks: phases 3 | 21 | 3 | 3, review at week 27 and every 13 weeks.
        assert_eq!(reviews, [13, 26, 27]);
    }
}
