//! Stored results → evidence records: an exam result's per-dimension tag scores and a rubric
//! result's section scores (grouped by the dimension each section assesses).
//!
//! Kept apart from [`super::evidence`] so the evaluation itself stays independent of the exam
//! and rubric formats; only this file knows both.

use std::collections::BTreeMap;

use super::evidence::{EvidenceKind, EvidenceRecord};
use crate::date::Date;
use crate::exam::{ExamResult, TagResult};
use crate::format::FromJson;
use crate::rubric::score::{ScoreResult, SectionResult};

/// A stored result of one person: an exam's ([`ExamResult`]) or a rubric's ([`ScoreResult`]).
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredResult<R: FromJson> {
    /// Employee id of the person assessed.
    pub person_id: String,
    /// Day of the exam or the performance, `YYYY-MM-DD`.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The attempt or scorecard id, kept as the records' `sourceId`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub source_id: Option<String>,
    /// The result: an exam's `dimensions` tag scores, or a rubric's section scores grouped by
    /// dimension, become evidence.
    pub result: R,
}

/// What `evidenceFromResults` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResultsParams {
    /// Stored exam results.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub exams: Vec<StoredResult<ExamResult>>,
    /// Stored rubric results.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub rubrics: Vec<StoredResult<ScoreResult>>,
}

impl ResultsParams {
    /// Every stored result as evidence records: the exams' first, then the rubrics', each in
    /// input order.
    pub fn evidence(&self) -> Vec<EvidenceRecord> {
        let exams = self.exams.iter().flat_map(|s| {
            exam_evidence(
                &s.person_id,
                s.date,
                &s.result.dimensions,
                s.source_id.as_deref(),
            )
        });
        let rubrics = self.rubrics.iter().flat_map(|s| {
            rubric_evidence(
                &s.person_id,
                s.date,
                &s.result.sections,
                s.source_id.as_deref(),
            )
        });
        exams.chain(rubrics).collect()
    }
}

/// One record per dimension tag with a percent (tags worth 0 points give none), key = the tag.
///
/// @example `exam_evidence("E1001", date, &result.dimensions, Some("attempt-7"))`
pub fn exam_evidence(
    person_id: &str,
    date: Date,
    dimensions: &[TagResult],
    source_id: Option<&str>,
) -> Vec<EvidenceRecord> {
    dimensions
        .iter()
        .filter_map(|tag| {
            let value = tag.percent.filter(|p| p.is_finite())?;
            Some(record(
                person_id,
                EvidenceKind::Exam,
                &tag.key,
                value,
                date,
                source_id,
            ))
        })
        .collect()
}

/// One record per assessed dimension, key = the dimension: the mean of its sections' 0–100
/// scores weighted by their effective weights (plain weights when every effective weight is 0).
/// Sections scored N/A (`score` null) are left out; a dimension with none gives no record.
pub fn rubric_evidence(
    person_id: &str,
    date: Date,
    sections: &[SectionResult],
    source_id: Option<&str>,
) -> Vec<EvidenceRecord> {
    // dimension → (Σ effective weight × score, Σ effective weight, Σ weight × score, Σ weight, n)
    let mut sums: BTreeMap<&str, [f64; 5]> = BTreeMap::new();
    for section in sections {
        let Some(score) = section.score.filter(|s| s.is_finite()) else {
            continue;
        };
        if section.dimension.is_empty() {
            continue;
        }
        let entry = sums.entry(section.dimension.as_str()).or_insert([0.0; 5]);
        let effective = section.effective_weight.max(0.0);
        let weight = section.weight.max(0.0);
        entry[0] += effective * score;
        entry[1] += effective;
        entry[2] += weight * score;
        entry[3] += weight;
        entry[4] += score;
    }
    sums.into_iter()
        .filter_map(|(dimension, [ews, ew, ws, w, plain])| {
            let value = if ew > 0.0 {
                ews / ew
            } else if w > 0.0 {
                ws / w
            } else {
                // Every weight is 0: fall back to the plain mean of the scored sections.
                let count = sections
                    .iter()
                    .filter(|s| s.dimension == dimension && s.score.is_some())
                    .count();
                if count == 0 {
                    return None;
                }
                plain / count as f64
            };
            let value = (value * 100.0).round() / 100.0;
            Some(record(
                person_id,
                EvidenceKind::Rubric,
                dimension,
                value.clamp(0.0, 100.0),
                date,
                source_id,
            ))
        })
        .collect()
}

fn record(
    person_id: &str,
    kind: EvidenceKind,
    key: &str,
    value: f64,
    date: Date,
    source_id: Option<&str>,
) -> EvidenceRecord {
    EvidenceRecord {
        person_id: person_id.to_string(),
        kind,
        key: key.to_string(),
        value,
        date,
        source_id: source_id.map(str::to_string),
    }
}
