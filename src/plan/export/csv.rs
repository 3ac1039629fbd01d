//! The plan and its schedule as CSV, through the one writer ([`crate::csv::CsvWriter`]): a UTF-8
//! byte-order mark so Excel opens the Chinese intact, CRLF line ends, RFC 4180 quoting, and text
//! cells that start like a formula get a leading apostrophe so a spreadsheet never runs them.

use crate::csv::CsvWriter;
use crate::i18n::{Locale, Text};
use crate::plan::catalog::OwnerRole;
use crate::plan::generate::Plan;
use crate::plan::tracking::TrackStatus;

/// One row per goal, in the 个人业务能力提升计划表 layout: person, dimension, current level
/// (self / supervisor), SMART target, measures, resources, owner, deadline, attainment, status.
///
/// @example `plan_csv(&plan, Locale::ZhCn)`
pub fn plan_csv(plan: &Plan, locale: Locale) -> String {
    let header: [(&str, &str); 17] = [
        ("姓名", "Name"),
        ("工号", "Employee id"),
        ("岗位", "Role"),
        ("能力维度", "Dimension"),
        ("自评", "Self rating"),
        ("主管评", "Supervisor rating"),
        ("当前等级", "Current level"),
        ("SMART 目标", "SMART goal"),
        ("指标", "Metric"),
        ("基线", "Baseline"),
        ("目标值", "Target"),
        ("截止日期", "Deadline"),
        ("提升措施", "Measures"),
        ("资源", "Resources"),
        ("负责人", "Owners"),
        ("达成度", "Attainment"),
        ("状态", "Status"),
    ];
    let mut csv = CsvWriter::new();
    csv.row(
        header
            .iter()
            .map(|(zh, en)| pick(locale, zh, en).to_string()),
    );
    let sep = pick(locale, "；", "; ");
    for goal in &plan.goals {
        let focus = plan
            .focus
            .iter()
            .find(|f| f.dimension_id == goal.dimension_id);
        let measures: Vec<_> = plan
            .measures
            .iter()
            .filter(|m| m.measure.dimension_id == goal.dimension_id)
            .collect();
        let actions: Vec<&str> = measures
            .iter()
            .map(|m| m.measure.action.get(locale))
            .collect();
        let mut resources: Vec<&str> = Vec::new();
        for m in &measures {
            for r in &m.measure.resources {
                let r = r.get(locale);
                if !resources.contains(&r) {
                    resources.push(r);
                }
            }
        }
        let mut owners: Vec<OwnerRole> = measures.iter().map(|m| m.measure.owner).collect();
        crate::sort::sort(&mut owners);
        owners.dedup();
        let owners: Vec<String> = owners
            .iter()
            .map(|o| o.name().get(locale).to_string())
            .collect();
        let rating = |r: Option<f64>| r.map_or_else(String::new, |v| format!("{v}"));
        csv.row([
            plan.name.clone(),
            plan.person_id.clone(),
            plan.role.clone(),
            focus.map_or_else(
                || goal.dimension_id.clone(),
                |f| f.name.get(locale).to_string(),
            ),
            rating(focus.and_then(|f| f.self_rating)),
            rating(focus.and_then(|f| f.supervisor_rating)),
            focus.map_or_else(String::new, |f| format!("{:.1}", f.level)),
            goal.text.get(locale).to_string(),
            goal.metric.name.get(locale).to_string(),
            goal.metric.show(goal.baseline),
            format!(
                "{} {}",
                goal.metric.comparator(),
                goal.metric.show(goal.target)
            ),
            goal.deadline.to_string(),
            actions.join(sep),
            resources.join(sep),
            owners.join(sep),
            format!("{:.0}%", goal.attainment * 100.0),
            status_name(goal.status).get(locale).to_string(),
        ]);
    }
    csv.finish()
}

/// One row per task and checkpoint, by date: the schedule for a spreadsheet.
pub fn schedule_csv(plan: &Plan, locale: Locale) -> String {
    let mut rows: Vec<(String, [String; 6])> = Vec::new();
    let phase_name = |week: u32| {
        plan.phases
            .iter()
            .find(|p| p.first_week <= week && week <= p.last_week)
            .map_or_else(String::new, |p| p.name.get(locale).to_string())
    };
    for t in &plan.tasks {
        rows.push((
            format!("{}-1-{}", t.date, t.id),
            [
                t.date.to_string(),
                t.week.to_string(),
                phase_name(t.week),
                format!("{} × {}", t.action.get(locale), t.count),
                t.owner.name().get(locale).to_string(),
                t.evidence.get(locale).to_string(),
            ],
        ));
    }
    for c in &plan.checkpoints {
        let owners: Vec<String> = c
            .owners
            .iter()
            .map(|o| o.name().get(locale).to_string())
            .collect();
        rows.push((
            format!("{}-0-{}", c.date, c.key),
            [
                c.date.to_string(),
                c.week.to_string(),
                phase_name(c.week),
                c.title.get(locale).to_string(),
                owners.join(pick(locale, "、", ", ")),
                String::new(),
            ],
        ));
    }
    crate::sort::sort_by(&mut rows, |a, b| a.0.cmp(&b.0));
    let mut csv = CsvWriter::new();
    csv.row(
        [
            ("日期", "Date"),
            ("周次", "Week"),
            ("阶段", "Phase"),
            ("事项", "Item"),
            ("负责人", "Owner"),
            ("产出", "Output"),
        ]
        .iter()
        .map(|(zh, en)| pick(locale, zh, en).to_string()),
    );
    for (_, row) in rows {
        csv.row(row);
    }
    csv.finish()
}

fn pick<'a>(locale: Locale, zh: &'a str, en: &'a str) -> &'a str {
    match locale {
        Locale::ZhCn => zh,
        Locale::En => en,
    }
}

fn status_name(status: TrackStatus) -> Text {
    match status {
        TrackStatus::OnTrack => Text::new("正常", "On track"),
        TrackStatus::AtRisk => Text::new("有风险", "At risk"),
        TrackStatus::Behind => Text::new("落后", "Behind"),
    }
}
