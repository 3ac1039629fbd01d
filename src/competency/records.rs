//! Everything stored about the rostered people → one evidence set, by person (工号) and
//! dimension: exam results (per-dimension tag scores), role plays (one panel result per role
//! play: the raters' section scores averaged before they become evidence, so two raters do not
//! count twice), KPI rows and ratings as stored, 表扬 / 投诉 records (counted per person and
//! month into the `praiseCount` / `complaintCount` KPIs) and dated observation notes (a 1–5
//! level on a dimension, read as a supervisor's rating).
//!
//! The dashboard, the person view, the plans and the quarterly report all evaluate the set this
//! returns, so they agree; records of people not on the roster are listed, never silently
//! dropped or split into a second person.

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use super::evidence::{EvidenceKind, EvidenceRecord};
use super::from_results::{exam_evidence, rubric_evidence};
use crate::date::Date;
use crate::exam::TagResult;
use crate::rubric::score::SectionResult;

/// The stored records to turn into evidence.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredRecords {
    /// The roster's 工号.
    pub people: Vec<String>,
    /// Submitted exam results.
    #[serde(default)]
    pub exams: Vec<ExamRecord>,
    /// Role plays with every rater's section results.
    #[serde(default)]
    pub role_plays: Vec<RolePlayRecord>,
    /// Stored evidence records: KPI rows, self / supervisor ratings, entered evidence.
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    /// 表扬 and 投诉 records.
    #[serde(default)]
    pub feedback: Vec<FeedbackRecord>,
    /// Dated observation notes.
    #[serde(default)]
    pub observations: Vec<ObservationRecord>,
}

/// One exam result.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExamRecord {
    /// The candidate's 工号.
    pub person_id: String,
    /// Day submitted.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The attempt id.
    pub source_id: String,
    /// The result's per-dimension tag scores.
    pub dimensions: Vec<TagResult>,
}

/// One role play (a performance) scored by one or more raters.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RolePlayRecord {
    /// The person scored (工号).
    pub person_id: String,
    /// Day of the role play.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The performance id.
    pub source_id: String,
    /// Each complete scorecard's section results, one list per rater.
    pub raters: Vec<Vec<SectionResult>>,
}

/// 表扬 or 投诉.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum FeedbackKind {
    /// 表扬.
    Praise,
    /// 投诉.
    Complaint,
}

/// A 表扬 or 投诉 about a person.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FeedbackRecord {
    /// Record id.
    pub id: String,
    /// The person (工号).
    pub person_id: String,
    /// The day.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// 表扬 or 投诉.
    pub kind: FeedbackKind,
}

/// A dated observation note: a supervisor's or mentor's level on a dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ObservationRecord {
    /// Record id.
    pub id: String,
    /// The person (工号).
    pub person_id: String,
    /// The day.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The dimension observed.
    pub dimension_id: String,
    /// The level seen, 1–5; a note without one is kept but is no evidence.
    #[serde(default)]
    pub level: Option<f64>,
}

/// A stored record that became no evidence, and why.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct UnusedRecord {
    /// `exam`, `rolePlay`, `evidence`, `feedback` or `observation`.
    pub store: String,
    /// Its id (attempt, performance, record).
    pub source_id: String,
    /// The person it names.
    pub person_id: String,
    /// `NOT_ON_ROSTER`, `NO_COMPLETE_SCORECARD` or `NO_LEVEL`.
    pub reason: String,
}

/// The evidence set's records and what was left out.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RecordEvidence {
    /// Evidence for rostered people, each naming its stored record in `sourceId`.
    pub evidence: Vec<EvidenceRecord>,
    /// Records that gave none.
    pub unused: Vec<UnusedRecord>,
}

/// KPI id of the monthly count of 表扬.
pub const PRAISE_COUNT: &str = "praiseCount";
/// KPI id of the monthly count of 投诉.
pub const COMPLAINT_COUNT: &str = "complaintCount";

/// Turns the stored records into evidence for the rostered people.
///
/// @example `let set = evidence_from_records(&records); set.evidence.len()`
pub fn evidence_from_records(records: &StoredRecords) -> RecordEvidence {
    let on_roster = |id: &str| records.people.iter().any(|p| p == id);
    let mut evidence = Vec::new();
    let mut unused = Vec::new();
    let mut skip = |store: &str, source: &str, person: &str, reason: &str| {
        unused.push(UnusedRecord {
            store: store.into(),
            source_id: source.into(),
            person_id: person.into(),
            reason: reason.into(),
        });
    };
    for exam in &records.exams {
        if !on_roster(&exam.person_id) {
            skip("exam", &exam.source_id, &exam.person_id, "NOT_ON_ROSTER");
            continue;
        }
        evidence.extend(exam_evidence(
            &exam.person_id,
            exam.date,
            &exam.dimensions,
            Some(&exam.source_id),
        ));
    }
    for play in &records.role_plays {
        if !on_roster(&play.person_id) {
            skip(
                "rolePlay",
                &play.source_id,
                &play.person_id,
                "NOT_ON_ROSTER",
            );
            continue;
        }
        let panel = panel_sections(&play.raters);
        if panel.is_empty() {
            skip(
                "rolePlay",
                &play.source_id,
                &play.person_id,
                "NO_COMPLETE_SCORECARD",
            );
            continue;
        }
        evidence.extend(rubric_evidence(
            &play.person_id,
            play.date,
            &panel,
            Some(&play.source_id),
        ));
    }
    for record in &records.evidence {
        if !on_roster(&record.person_id) {
            let source = record.source_id.clone().unwrap_or_default();
            skip("evidence", &source, &record.person_id, "NOT_ON_ROSTER");
            continue;
        }
        evidence.push(record.clone());
    }
    // 表扬 / 投诉 counted per person and month, dated the month's last day.
    let mut counts: BTreeMap<(&str, FeedbackKind, i32, u32), (f64, Date)> = BTreeMap::new();
    for f in &records.feedback {
        if !on_roster(&f.person_id) {
            skip("feedback", &f.id, &f.person_id, "NOT_ON_ROSTER");
            continue;
        }
        let (y, m, _) = f.date.ymd();
        let end = month_end(y, m).unwrap_or(f.date);
        let entry = counts
            .entry((f.person_id.as_str(), f.kind, y, m))
            .or_insert((0.0, end));
        entry.0 += 1.0;
    }
    for ((person, kind, y, m), (count, end)) in counts {
        let key = match kind {
            FeedbackKind::Praise => PRAISE_COUNT,
            FeedbackKind::Complaint => COMPLAINT_COUNT,
        };
        evidence.push(EvidenceRecord {
            person_id: person.to_string(),
            kind: EvidenceKind::Kpi,
            key: key.to_string(),
            value: count,
            date: end,
            source_id: Some(format!("feedback:{y}-{m:02}")),
        });
    }
    for o in &records.observations {
        if !on_roster(&o.person_id) {
            skip("observation", &o.id, &o.person_id, "NOT_ON_ROSTER");
            continue;
        }
        match o.level.filter(|l| (1.0..=5.0).contains(l)) {
            Some(level) => evidence.push(EvidenceRecord {
                person_id: o.person_id.clone(),
                kind: EvidenceKind::SupervisorRating,
                key: o.dimension_id.clone(),
                value: level,
                date: o.date,
                source_id: Some(o.id.clone()),
            }),
            None => skip("observation", &o.id, &o.person_id, "NO_LEVEL"),
        }
    }
    RecordEvidence { evidence, unused }
}

/// The panel's section results: per section, the mean of the raters' scores (N/A left out),
/// weights from the first rater that scored it.
fn panel_sections(raters: &[Vec<SectionResult>]) -> Vec<SectionResult> {
    let mut order: Vec<&str> = Vec::new();
    let mut sums: BTreeMap<&str, (f64, u32, &SectionResult)> = BTreeMap::new();
    for sections in raters {
        for s in sections {
            let Some(score) = s.score.filter(|v| v.is_finite()) else {
                continue;
            };
            let entry = sums.entry(s.section_id.as_str()).or_insert_with(|| {
                order.push(s.section_id.as_str());
                (0.0, 0, s)
            });
            entry.0 += score;
            entry.1 += 1;
        }
    }
    order
        .into_iter()
        .filter_map(|id| {
            let (sum, n, first) = sums.get(id)?;
            let mut panel = (*first).clone();
            panel.score = Some(sum / f64::from(*n));
            Some(panel)
        })
        .collect()
}

fn month_end(year: i32, month: u32) -> Option<Date> {
    let next = if month == 12 {
        Date::from_ymd(year + 1, 1, 1)?
    } else {
        Date::from_ymd(year, month + 1, 1)?
    };
    Some(next.add_days(-1))
}
