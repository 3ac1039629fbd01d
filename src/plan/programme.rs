//! Kirkpatrick from stored data for a training programme (培训项目): the people enrolled, the
//! dates, the exams and role plays that belong to it and the KPIs it aims to move.
//!
//! - L1 reaction: each respondent's mean over the survey's rating-scale (Likert 1–5) questions;
//! - L2 learning: the enrolled people's results on the programme's exams taken from the start day
//!   on (their latest each), against the pass mark;
//! - L3 behaviour: behaviour indicators (rubric criteria) observed in the enrolled people's role
//!   plays after the programme ends, against those rated;
//! - L4 results: per KPI the enrolled people's mean in the window before the start against the
//!   window after the end.
//!
//! Every figure keeps the ids of the stored records it came from, so the report can cite them.

use crate::format::{FromJson, ToJson};

use crate::competency::EvidenceRecord;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::plan::check;
use crate::plan::kirkpatrick::{
    kirkpatrick, BehaviourObservation, CohortData, KirkpatrickReport, KirkpatrickTargets,
    KpiChange, LearningData,
};

/// Days before the start and after the end whose KPIs are compared (a quarter).
pub const KPI_WINDOW_DAYS: u32 = 92;

/// A training programme.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Programme {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Stable id.
    pub id: String,
    /// 项目名称.
    pub name: String,
    /// The enrolled people's 工号.
    pub people: Vec<String>,
    /// First day of training, `YYYY-MM-DD`.
    pub start_date: String,
    /// Last day of training, `YYYY-MM-DD`.
    pub end_date: String,
    /// The exams (blueprint ids) that belong to it.
    #[serde(default)]
    pub exams: Vec<String>,
    /// The rubrics whose role plays belong to it.
    #[serde(default)]
    pub rubrics: Vec<String>,
    /// The KPIs it aims to move.
    #[serde(default)]
    pub kpis: Vec<String>,
    /// The reaction survey's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_id: Option<String>,
    /// Targets; absent fields take the domain's (4.2, 95 %, 80 %, +15 % / −25 % / +20 %).
    #[serde(default)]
    pub targets: KirkpatrickTargets,
}

/// One answer of a survey response.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyAnswer {
    /// The question.
    pub question_id: String,
    /// A rating-scale answer, 1–5.
    #[serde(default)]
    pub rating: Option<f64>,
    /// A free-text answer.
    #[serde(default)]
    pub text: Option<String>,
}

/// A reaction survey response (anonymous when `personId` is absent).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SurveyResponse {
    /// Record id.
    pub id: String,
    /// Who answered, unless the survey is anonymous.
    #[serde(default)]
    pub person_id: Option<String>,
    /// The answers.
    pub answers: Vec<SurveyAnswer>,
}

/// An exam result of an enrolled person.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeExam {
    /// Attempt id.
    pub id: String,
    /// 工号.
    pub person_id: String,
    /// Blueprint id.
    pub exam_id: String,
    /// Day submitted, `YYYY-MM-DD`.
    pub date: String,
    /// Score, 0–100.
    pub percent: f64,
}

/// A role play's behaviour indicators.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeRolePlay {
    /// Performance or scorecard id.
    pub id: String,
    /// 工号.
    pub person_id: String,
    /// Rubric id.
    pub rubric_id: String,
    /// Day, `YYYY-MM-DD`.
    pub date: String,
    /// Indicators (criteria) observed.
    pub observed: u32,
    /// Indicators rated (N/A left out).
    pub expected: u32,
}

/// The stored records a programme's report reads.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgrammeRecords {
    /// Reaction survey responses of the programme's survey.
    #[serde(default)]
    pub responses: Vec<SurveyResponse>,
    /// Exam results.
    #[serde(default)]
    pub exams: Vec<ProgrammeExam>,
    /// Role plays.
    #[serde(default)]
    pub role_plays: Vec<ProgrammeRolePlay>,
    /// KPI evidence records.
    #[serde(default)]
    pub kpis: Vec<EvidenceRecord>,
}

/// The report with the records behind each level.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeReport {
    /// The programme's id.
    pub programme_id: String,
    /// The four levels.
    pub report: KirkpatrickReport,
    /// Per level (1–4), the ids of the stored records used.
    pub sources: Vec<Vec<String>>,
    /// The cohort data the levels were computed from (for checking and export).
    pub data: CohortData,
}

/// Computes the four levels of a programme from its stored records.
///
/// Errors: bad days `INVALID_DATE`; an end before the start `OUT_OF_RANGE`; no one enrolled
/// `INVALID_VALUE`; ratings or scores out of range as [`kirkpatrick`] reports them.
///
/// @example `programme_report(&programme, &records)?.report.levels[0].value`
pub fn programme_report(
    programme: &Programme,
    records: &ProgrammeRecords,
) -> Result<ProgrammeReport, Error> {
    check::non_blank(&programme.id, "programme.id")?;
    let start = check::date(&programme.start_date, "programme.startDate")?;
    let end = check::date(&programme.end_date, "programme.endDate")?;
    if end < start {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "programme.endDate",
            format!("结束日期 {end} 早于开始日期 {start}"),
            format!("the end {end} is before the start {start}"),
        ));
    }
    if programme.people.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "programme.people",
            "培训项目还没有学员",
            "the programme has nobody enrolled",
        ));
    }
    let enrolled = |id: &str| programme.people.iter().any(|p| p == id);
    let mut sources: Vec<Vec<String>> = vec![Vec::new(); 4];

    // L1: each respondent's mean rating.
    let mut reaction = Vec::new();
    for r in &records.responses {
        if r.person_id.as_deref().is_some_and(|p| !enrolled(p)) {
            continue;
        }
        let ratings: Vec<f64> = r.answers.iter().filter_map(|a| a.rating).collect();
        if ratings.is_empty() {
            continue;
        }
        reaction.push(ratings.iter().sum::<f64>() / ratings.len() as f64);
        push(&mut sources, 0, &r.id);
    }

    // L2: the latest result per enrolled person on the programme's exams, from the start on.
    let mut latest: Vec<(&str, Date, &ProgrammeExam)> = Vec::new();
    for (i, e) in records.exams.iter().enumerate() {
        if !enrolled(&e.person_id) || !programme.exams.contains(&e.exam_id) {
            continue;
        }
        let day = check::date(&e.date, &format!("records.exams[{i}].date"))?;
        if day < start {
            continue;
        }
        match latest.iter_mut().find(|(p, _, _)| *p == e.person_id) {
            Some(slot) if slot.1 <= day => *slot = (&e.person_id, day, e),
            Some(_) => {}
            None => latest.push((&e.person_id, day, e)),
        }
    }
    let learning = (!latest.is_empty()).then(|| LearningData {
        post_scores: latest.iter().map(|(_, _, e)| e.percent).collect(),
        pre_scores: None,
    });
    for (_, _, e) in &latest {
        push(&mut sources, 1, &e.id);
    }

    // L3: indicators observed in role plays after the end, per person (summed).
    let mut behaviour: Vec<BehaviourObservation> = Vec::new();
    for (i, r) in records.role_plays.iter().enumerate() {
        if !enrolled(&r.person_id)
            || (!programme.rubrics.is_empty() && !programme.rubrics.contains(&r.rubric_id))
        {
            continue;
        }
        let day = check::date(&r.date, &format!("records.rolePlays[{i}].date"))?;
        if day <= end || r.expected == 0 {
            continue;
        }
        match behaviour.iter_mut().find(|b| b.person_id == r.person_id) {
            Some(b) => {
                b.observed += r.observed.min(r.expected);
                b.expected += r.expected;
            }
            None => behaviour.push(BehaviourObservation {
                person_id: r.person_id.clone(),
                observed: r.observed.min(r.expected),
                expected: r.expected,
            }),
        }
        push(&mut sources, 2, &r.id);
    }

    // L4: per KPI, the enrolled people's mean before the start and after the end.
    let window = KPI_WINDOW_DAYS as i32;
    let (before_from, after_to) = (start.add_days(-window), end.add_days(window));
    let mut results = Vec::new();
    for kpi in &programme.kpis {
        let (mut before, mut after) = ((0.0, 0u32), (0.0, 0u32));
        let mut used = Vec::new();
        for r in records
            .kpis
            .iter()
            .filter(|r| r.key == *kpi && enrolled(&r.person_id))
        {
            if r.date >= before_from && r.date < start {
                before.0 += r.value;
                before.1 += 1;
            } else if r.date > end && r.date <= after_to {
                after.0 += r.value;
                after.1 += 1;
            } else {
                continue;
            }
            used.push(r.source_id.clone().map_or_else(
                || format!("{}:{}", r.person_id, r.date),
                |s| format!("{}:{s}", r.person_id),
            ));
        }
        if before.1 > 0 && after.1 > 0 {
            results.push(KpiChange {
                kpi_id: kpi.clone(),
                before: before.0 / f64::from(before.1),
                after: after.0 / f64::from(after.1),
            });
            for id in used {
                push(&mut sources, 3, &id);
            }
        }
    }
    let data = CohortData {
        schema_version: 1,
        reaction,
        learning,
        behaviour,
        results,
        targets: programme.targets.clone(),
    };
    let report = kirkpatrick(&data)?;
    Ok(ProgrammeReport {
        programme_id: programme.id.clone(),
        report,
        sources,
        data,
    })
}

fn push(sources: &mut [Vec<String>], level: usize, id: &str) {
    if let Some(list) = sources.get_mut(level) {
        if !list.iter().any(|x| x == id) {
            list.push(id.to_string());
        }
    }
}

/// The report as CSV for Excel (through the shared CSV writer, every cell formula-safe): one row
/// per level and per KPI with value, target, met and the records used.
///
/// @example `programme_csv(&report, "投诉处理专项培训", Locale::ZhCn)`
pub fn programme_csv(report: &ProgrammeReport, name: &str, locale: crate::i18n::Locale) -> String {
    let zh = locale == crate::i18n::Locale::ZhCn;
    let pick = |z: &str, e: &str| if zh { z.to_string() } else { e.to_string() };
    let num = |v: Option<f64>| {
        v.map_or_else(String::new, |x| {
            format!("{}", (x * 10_000.0).round() / 10_000.0)
        })
    };
    let met = |m: Option<bool>| match m {
        Some(true) => pick("达成", "met"),
        Some(false) => pick("未达成", "not met"),
        None => pick("无数据", "no data"),
    };
    let mut rows = vec![vec![
        pick("培训项目", "Programme"),
        pick("层级", "Level"),
        pick("指标", "Figure"),
        pick("数值", "Value"),
        pick("目标", "Target"),
        pick("是否达成", "Met"),
        pick("来源记录", "Source records"),
    ]];
    for (i, level) in report.report.levels.iter().enumerate() {
        let sources = report
            .sources
            .get(i)
            .map(|s| s.join(" "))
            .unwrap_or_default();
        rows.push(vec![
            name.to_string(),
            (i + 1).to_string(),
            level.name.get(locale).to_string(),
            num(level.value),
            num(level.target),
            met(level.met),
            sources,
        ]);
        for k in &level.kpis {
            rows.push(vec![
                name.to_string(),
                (i + 1).to_string(),
                k.kpi_id.clone(),
                num(k.change),
                num(k.target),
                met(k.met),
                format!("{} → {}", num(Some(k.before)), num(Some(k.after))),
            ]);
        }
    }
    crate::csv::write_csv(&rows)
}
