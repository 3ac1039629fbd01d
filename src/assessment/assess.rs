//! Assembling composites from what the page stores: one candidate's stored exam result (theory)
//! and rubric score (practical), or a whole cohort's component scores as rows of numbers.

use std::collections::BTreeMap;

use crate::format::FromJson;

use super::cohort::{cohort_summary, CohortSummary};
use super::composite::{
    composite, composite_batch, CandidateScores, ComponentScore, CompositeConfig, CompositeResult,
};
use super::defaults::{PRACTICAL, THEORY};
use crate::error::{Error, ErrorCode, Result};
use crate::exam::ExamResult;
use crate::rubric::score::ScoreResult;

/// What `assessCandidate` takes.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssessParams {
    /// Weights, minimums, grade bands; the defaults (theory 40 + practical 60) when absent.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub config: Option<CompositeConfig>,
    /// The employee id (工号).
    pub candidate_id: String,
    /// The stored exam result; its `percent` is the theory score.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub theory: Option<ExamResult>,
    /// The rubric score (one rater's, or a panel's `score`); its total and knock-out are the
    /// practical component.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub practical: Option<ScoreResult>,
    /// Scores of any further components the config names, by component id.
    #[serde(default)]
    #[cfg_attr(
        feature = "typescript",
        tsify(optional, type = "Record<string, ComponentScore>")
    )]
    pub components: BTreeMap<String, ComponentScore>,
}

/// One candidate's composite: the exam result's percent becomes `theory`, the rubric score
/// `practical` (with its knock-out); further components as given.
pub fn assess_candidate(params: AssessParams) -> Result<CompositeResult> {
    let config = params.config.unwrap_or_default();
    let mut components = params.components;
    if let Some(theory) = &params.theory {
        let Some(percent) = theory.percent else {
            return Err(Error::new(
                ErrorCode::MissingField,
                "theory.percent",
                "理论考试成绩没有得分率（试卷为 0 分）",
                "the exam result has no percent (the paper is worth 0 points)",
            ));
        };
        components.insert(
            THEORY.into(),
            ComponentScore {
                score: percent,
                critical_failure: false,
            },
        );
    }
    if let Some(practical) = &params.practical {
        components.insert(PRACTICAL.into(), ComponentScore::from_practical(practical));
    }
    let candidate = CandidateScores {
        candidate_id: params.candidate_id,
        components,
    };
    composite(&config, &candidate)
}

/// A cohort's composites and their summary.
#[derive(Debug, Clone)]
pub struct ScoredComposites {
    /// One per candidate, in input order.
    pub results: Vec<CompositeResult>,
    /// Pass rate, statistics, distribution, grade counts.
    pub summary: CohortSummary,
}

/// Scores a cohort given as rows: `scores` holds each candidate's component scores row by row
/// in `config`'s component order; `critical_failures` has the same shape, non-zero where a
/// component carries a knock-out. Candidates are named `#0`, `#1`… Errors point at `config`,
/// `scores` or `criticalFailures`.
pub fn score_rows(
    config: &CompositeConfig,
    scores: &[f64],
    critical_failures: &[u8],
) -> Result<ScoredComposites> {
    config.validate().map_err(|e| e.within("config"))?;
    let width = config.components.len();
    if width == 0 || !scores.len().is_multiple_of(width) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "scores",
            format!("成绩个数 {} 不是组成部分数 {width} 的整数倍", scores.len()),
            format!(
                "{} scores is not a whole number of rows of {width} components",
                scores.len()
            ),
        ));
    }
    if critical_failures.len() != scores.len() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "criticalFailures",
            "否决标记的个数应与成绩个数相同",
            "criticalFailures must have one entry per score",
        ));
    }
    let candidates: Vec<CandidateScores> = scores
        .chunks(width)
        .zip(critical_failures.chunks(width))
        .enumerate()
        .map(|(i, (row, ko))| CandidateScores {
            candidate_id: format!("#{i}"),
            components: crate::sort::map_of(config.components.iter().zip(row.iter().zip(ko)).map(
                |(spec, (&score, &k))| {
                    (
                        spec.id.clone(),
                        ComponentScore {
                            score,
                            critical_failure: k != 0,
                        },
                    )
                },
            )),
        })
        .collect();
    let results = composite_batch(config, &candidates).map_err(|e| e.within("scores"))?;
    let summary = cohort_summary(config, &results)?;
    Ok(ScoredComposites { results, summary })
}
