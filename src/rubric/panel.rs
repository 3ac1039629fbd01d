//! Several raters on the same performance: one panel value per criterion (mean, median or
//! trimmed mean, as the rubric says), flags where raters disagree, and the panel's score.
//!
//! N/A in a panel: a criterion is N/A for the panel only when every rater marked it N/A; otherwise
//! the raters who gave a value are aggregated and the mixed N/A is flagged. Critical criteria are
//! judged on the panel value (so with the mean, one "no" among two raters fails a yes/no
//! critical criterion).

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::rubric::format::{validate_rubric, Aggregation, Rubric};
use crate::rubric::score::{score_marks, RaterComment, ScoreResult};
use crate::rubric::scorecard::{check_scorecard, Mark, Scorecard};

/// The panel's result for one performance.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PanelResult {
    /// What was rated.
    pub performance_id: String,
    /// The raters, sorted.
    pub rater_ids: Vec<String>,
    /// The statistic used per criterion.
    pub aggregation: Aggregation,
    /// The score computed from the panel values.
    pub score: ScoreResult,
    /// Each rater's own score, in `raterIds` order.
    pub rater_scores: Vec<ScoreResult>,
    /// Per criterion, in rubric order: each rater's value, the panel value, the spread.
    pub criteria: Vec<PanelCriterion>,
    /// Ids of the flagged criteria, in rubric order.
    pub flagged: Vec<String>,
}

/// One criterion across the panel.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PanelCriterion {
    /// The criterion's id.
    pub criterion_id: String,
    /// Each rater's value in `raterIds` order; `None` for N/A.
    pub values: Vec<Option<f64>>,
    /// The aggregated value; `None` when every rater said N/A.
    pub panel_value: Option<f64>,
    /// Highest minus lowest rater score on the 0–100 scale; `None` with fewer than two values.
    pub spread: Option<f64>,
    /// Spread above the rubric's `maxSpread`, or some raters N/A and others not.
    pub flagged: bool,
    /// Some raters said N/A and others gave a value.
    pub mixed_na: bool,
}

/// Scores one performance rated by several raters (at least one).
///
/// @example score_panel(&rubric, &[card_wang, card_li])?.flagged
pub fn score_panel(rubric: &Rubric, cards: &[Scorecard]) -> Result<PanelResult, Error> {
    validate_rubric(rubric)?;
    let Some(first) = cards.first() else {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "",
            "至少需要一位评分人的评分表",
            "at least one scorecard is needed",
        ));
    };
    let mut by_rater: BTreeMap<&str, (usize, BTreeMap<String, Mark>)> = BTreeMap::new();
    for (i, card) in cards.iter().enumerate() {
        let marks = check_scorecard(rubric, card).map_err(|e| e.within(&format!("[{i}]")))?;
        if card.performance_id != first.performance_id {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!("[{i}].performanceId"),
                format!(
                    "评分对象应为 “{}”，实际为 “{}”",
                    first.performance_id, card.performance_id
                ),
                format!(
                    "expected performance \"{}\"; found \"{}\"",
                    first.performance_id, card.performance_id
                ),
            ));
        }
        if by_rater
            .insert(card.rater_id.as_str(), (i, marks))
            .is_some()
        {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("[{i}].raterId"),
                format!("评分人 “{}” 出现了两次", card.rater_id),
                format!("rater \"{}\" appears twice", card.rater_id),
            ));
        }
    }
    let settings = &rubric.panel;
    let mut marks = BTreeMap::new();
    let mut comments: BTreeMap<String, Vec<RaterComment>> = BTreeMap::new();
    let mut criteria = Vec::new();
    for (_, c) in rubric.criteria() {
        let values: Vec<Option<f64>> = by_rater
            .values()
            .map(|(_, m)| match m.get(&c.id) {
                Some(Mark::Value(v)) => Some(*v),
                _ => None,
            })
            .collect();
        let given: Vec<f64> = values.iter().flatten().copied().collect();
        let panel_value = aggregate(&given, settings.aggregation, settings.trim);
        let normalized: Vec<f64> = given.iter().map(|v| c.scale.normalize(*v)).collect();
        let spread = (normalized.len() >= 2).then(|| {
            let hi = normalized.iter().copied().fold(f64::MIN, f64::max);
            let lo = normalized.iter().copied().fold(f64::MAX, f64::min);
            hi - lo
        });
        let mixed_na = !given.is_empty() && given.len() < values.len();
        let flagged = mixed_na || spread.is_some_and(|s| s > settings.max_spread + 1e-9);
        marks.insert(
            c.id.clone(),
            panel_value.map_or(Mark::NotApplicable, Mark::Value),
        );
        for (rater, (i, _)) in &by_rater {
            let text = cards
                .get(*i)
                .and_then(|card| card.ratings.get(&c.id))
                .and_then(|r| r.comment.as_ref())
                .filter(|t| !t.trim().is_empty());
            if let Some(text) = text {
                comments
                    .entry(c.id.clone())
                    .or_default()
                    .push(RaterComment {
                        rater_id: rater.to_string(),
                        text: text.clone(),
                    });
            }
        }
        criteria.push(PanelCriterion {
            criterion_id: c.id.clone(),
            values,
            panel_value,
            spread,
            flagged,
            mixed_na,
        });
    }
    let score = score_marks(rubric, &marks, &comments, &first.performance_id)?;
    let mut rater_scores = Vec::new();
    for (rater, (i, m)) in &by_rater {
        let mut s = score_marks(rubric, m, &BTreeMap::new(), &first.performance_id)
            .map_err(|e| e.within(&format!("[{i}]")))?;
        s.rater_id = Some(rater.to_string());
        rater_scores.push(s);
    }
    let flagged = criteria
        .iter()
        .filter(|c| c.flagged)
        .map(|c| c.criterion_id.clone())
        .collect();
    let rater_ids: BTreeSet<&str> = by_rater.keys().copied().collect();
    Ok(PanelResult {
        performance_id: first.performance_id.clone(),
        rater_ids: rater_ids.into_iter().map(str::to_string).collect(),
        aggregation: settings.aggregation,
        score,
        rater_scores,
        criteria,
        flagged,
    })
}

/// The panel statistic of `values`; `None` for no values.
pub fn aggregate(values: &[f64], how: Aggregation, trim: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    crate::sort::sort_by(&mut sorted, f64::total_cmp);
    match how {
        Aggregation::Mean => mean(&sorted),
        Aggregation::Median => {
            let n = sorted.len();
            if n % 2 == 1 {
                sorted.get(n / 2).copied()
            } else {
                Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0)
            }
        }
        Aggregation::TrimmedMean => {
            // scipy.stats.trim_mean: cut int(trim * n) from each end.
            let n = sorted.len();
            let cut = (trim * n as f64).floor() as usize;
            if 2 * cut >= n {
                return mean(&sorted);
            }
            mean(sorted.get(cut..n - cut)?)
        }
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::decode_json;
    use crate::rubric::format::parse_rubric;
    use crate::rubric::format::tests::SMALL;

    fn card(rater: &str, tone: &str, accuracy: u32, privacy: u32) -> Scorecard {
        decode_json(&format!(
            r#"{{"schemaVersion":1,"rubricId":"call","performanceId":"p1","raterId":"{rater}",
            "ratings":{{"greeting":{{"value":1}},"tone":{tone},"closing":{{"value":4}},
            "privacy":{{"value":{privacy}}},"accuracy":{{"value":{accuracy},"comment":"{rater} 说"}},
            "extra":{{"value":0}}}}}}"#
        ))
        .unwrap()
    }

    fn rubric_with(aggregation: &str) -> Rubric {
        parse_rubric(&SMALL.replace(
            r#""passMark": 60,"#,
            &format!(
                r#""passMark": 60, "panel": {{"aggregation": "{aggregation}", "trim": 0.25}},"#
            ),
        ))
        .unwrap()
    }

    /// The panel of `cards` under the mean, the aggregation most tests use.
    fn mean_panel(cards: &[Scorecard]) -> PanelResult {
        score_panel(&rubric_with("mean"), cards).unwrap()
    }

    fn criterion<'r>(r: &'r PanelResult, id: &str) -> &'r PanelCriterion {
        r.criteria.iter().find(|c| c.criterion_id == id).unwrap()
    }

    fn panel_value(r: &PanelResult, id: &str) -> Option<f64> {
        criterion(r, id).panel_value
    }

    #[test]
    fn each_aggregation() {
        let cards = [
            card("a", r#"{"value":5}"#, 10, 1),
            card("b", r#"{"value":4}"#, 2, 1),
            card("c", r#"{"value":4}"#, 6, 1),
            card("d", r#"{"value":1}"#, 7, 1),
        ];
        let mean = score_panel(&rubric_with("mean"), &cards).unwrap();
        assert_eq!(panel_value(&mean, "accuracy"), Some(6.25));
        let median = score_panel(&rubric_with("median"), &cards).unwrap();
        assert_eq!(panel_value(&median, "accuracy"), Some(6.5));
        assert_eq!(panel_value(&median, "tone"), Some(4.0));
        // trim 0.25 of 4 cuts one from each end: accuracy (6 + 7) / 2; tone (4 + 4) / 2.
        let trimmed = score_panel(&rubric_with("trimmedMean"), &cards).unwrap();
        assert_eq!(panel_value(&trimmed, "accuracy"), Some(6.5));
        assert_eq!(panel_value(&trimmed, "tone"), Some(4.0));
        assert_eq!(mean.rater_ids, ["a", "b", "c", "d"]);
        assert_eq!(mean.rater_scores.len(), 4);
        let comments = &mean
            .score
            .criteria
            .iter()
            .find(|c| c.criterion_id == "accuracy")
            .unwrap()
            .comments;
        assert_eq!(comments.len(), 4);
    }

    #[test]
    fn disagreement_is_flagged() {
        // tone 5 vs 3 → 100 vs 50, spread 50 > 25; accuracy 8 vs 7 → spread 10, not flagged.
        let r = mean_panel(&[
            card("a", r#"{"value":5}"#, 8, 1),
            card("b", r#"{"value":3}"#, 7, 1),
        ]);
        assert_eq!(r.flagged, ["tone"]);
        assert_eq!(criterion(&r, "tone").spread, Some(50.0));
    }

    #[test]
    fn mixed_na_is_flagged_and_the_others_aggregate() {
        let r = mean_panel(&[
            card("a", r#"{"na":true}"#, 8, 1),
            card("b", r#"{"value":3}"#, 8, 1),
        ]);
        assert_eq!(r.flagged, ["tone"]);
        assert_eq!(panel_value(&r, "tone"), Some(3.0));
    }

    #[test]
    fn one_critical_no_fails_the_panel_mean() {
        let r = mean_panel(&[
            card("a", r#"{"value":5}"#, 8, 1),
            card("b", r#"{"value":5}"#, 8, 0),
        ]);
        assert!(r.score.critical_failure && !r.score.passed);
        assert!(r.flagged.contains(&"privacy".to_string()));
    }

    #[test]
    fn bad_panels() {
        let rubric = rubric_with("mean");
        let a = card("a", r#"{"value":5}"#, 8, 1);
        let e = score_panel(&rubric, &[a.clone(), a.clone()]).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::DuplicateId, "[1].raterId")
        );
        let mut b = card("b", r#"{"value":5}"#, 8, 1);
        b.performance_id = "p2".into();
        let e = score_panel(&rubric, &[a.clone(), b]).unwrap_err();
        assert_eq!(e.path(), "[1].performanceId");
        let bad = card("b", r#"{"value":9}"#, 8, 1);
        let e = score_panel(&rubric, &[a, bad]).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::OutOfRange, "[1].ratings.tone.value")
        );
        assert_eq!(
            score_panel(&rubric, &[]).unwrap_err().code(),
            ErrorCode::InsufficientData
        );
    }
}
