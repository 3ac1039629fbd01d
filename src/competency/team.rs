//! The team view: per dimension the distribution, mean and share below a threshold with a
//! generated sentence; the person × dimension heatmap; group comparison; common weaknesses.

use std::collections::{BTreeMap, HashMap};

use crate::format::{FromJson, ToJson};

use super::evidence::{EvidenceSet, IgnoredRecord, Person};
use super::explain::{number, percent};
use super::mapping::round_to;
use super::model::CompiledModel;
use super::options::{EvaluationOptions, ShareThreshold};
use super::result::PersonEvaluation;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;

/// Everyone's evaluation and the team view, from one call of [`super::evaluate_team`].
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TeamEvaluation {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The "as of" day.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// The model used.
    pub model_id: String,
    /// One evaluation per person, in input order.
    pub people: Vec<PersonEvaluation>,
    /// The team view.
    pub team: TeamView,
    /// Records left out because the evidence set asked to skip ratings of unknown dimensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignored_records: Vec<IgnoredRecord>,
}

/// What a supervisor reads about the team.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TeamView {
    /// Number of people.
    pub headcount: u32,
    /// The threshold of the "below" shares.
    pub threshold: ShareThreshold,
    /// The field groups are compared by.
    pub group_by: String,
    /// One summary per dimension, in model order.
    pub dimensions: Vec<DimensionSummary>,
    /// Person × dimension levels.
    pub heatmap: Heatmap,
    /// One summary per group, sorted by group name.
    pub groups: Vec<GroupSummary>,
    /// Dimensions where the team falls short, worst first.
    pub weaknesses: Vec<Weakness>,
}

/// The team on one dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct DimensionSummary {
    /// Dimension id.
    pub dimension_id: String,
    /// Dimension name.
    pub name: Text,
    /// People with a level.
    pub evaluated: u32,
    /// People without enough evidence.
    pub insufficient: u32,
    /// People per band 1…5 (five counts).
    pub distribution: Vec<u32>,
    /// Mean level, null when nobody has one.
    pub mean: Option<f64>,
    /// Mean 0–100 score over people with exam or rubric evidence, null when nobody has any.
    pub mean_score: Option<f64>,
    /// People the threshold could be applied to (with a score, or with a level).
    pub considered: u32,
    /// Of those, how many are below the threshold.
    pub below: u32,
    /// `below / considered` (0–1), null when nobody was considered.
    pub below_share: Option<f64>,
    /// Share of people with a level and a target who are below target, null when none.
    pub below_target_share: Option<f64>,
    /// The finding as a sentence ("80% 的坐席在投诉处理模块得分低于 60 分").
    pub sentence: Text,
}

/// The heatmap's data: rows are people, columns dimensions.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Heatmap {
    /// Column ids, in model order.
    pub dimension_ids: Vec<String>,
    /// Column names.
    pub dimension_names: Vec<Text>,
    /// One row per person, in input order.
    pub rows: Vec<HeatmapRow>,
}

/// One person's row of the heatmap.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct HeatmapRow {
    /// Employee id.
    pub person_id: String,
    /// Display name.
    pub name: String,
    /// The person's value of the group field.
    pub group: String,
    /// Level per dimension, null when evidence is insufficient.
    pub levels: Vec<Option<f64>>,
}

/// One group (售前, 售后, VIP…) compared with the others.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GroupSummary {
    /// The group's value ("" when people lack the field).
    pub group: String,
    /// Number of people.
    pub headcount: u32,
    /// Mean level per dimension (model order), null when nobody in the group has one.
    pub means: Vec<Option<f64>>,
    /// Share below the threshold per dimension, null when nobody could be considered.
    pub below_shares: Vec<Option<f64>>,
}

/// A common weakness of the team.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Weakness {
    /// 1 = worst.
    pub rank: u32,
    /// Dimension id.
    pub dimension_id: String,
    /// Mean of `max(0, gap) × importance` over people with a level and a target: the ranking key.
    pub mean_priority: f64,
    /// Share of those below their target.
    pub below_target_share: f64,
    /// Share below the threshold, if it could be computed.
    pub below_share: Option<f64>,
    /// The finding as a sentence.
    pub sentence: Text,
}

/// Builds the team view from evaluations already made (say, to regroup without re-evaluating).
pub fn team_view(
    model: &CompiledModel,
    set: &EvidenceSet,
    evaluations: &[PersonEvaluation],
    options: &EvaluationOptions,
) -> Result<TeamView, Error> {
    options.validate()?;
    if evaluations.is_empty() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "people",
            "团队中没有人员，无法生成团队视图",
            "the team has nobody in it; a team view needs at least one person",
        ));
    }
    let threshold = options.threshold();
    let group_by = options
        .group_by
        .clone()
        .unwrap_or_else(|| "group".to_string());
    let people: HashMap<&str, &Person> = set.people.iter().map(|p| (p.id.as_str(), p)).collect();
    let group_of = |e: &PersonEvaluation| -> String {
        match group_by.as_str() {
            "group" => e.group.clone(),
            "role" => e.role.clone(),
            field => people
                .get(e.person_id.as_str())
                .and_then(|p| p.fields.get(field))
                .cloned()
                .unwrap_or_default(),
        }
    };
    let dims = &model.dimensions;
    let all: Vec<&PersonEvaluation> = evaluations.iter().collect();
    let dimensions: Vec<DimensionSummary> = (0..dims.len())
        .map(|d| summarise_dimension(model, d, &all, threshold))
        .collect();
    let heatmap = Heatmap {
        dimension_ids: dims.iter().map(|d| d.id.clone()).collect(),
        dimension_names: dims.iter().map(|d| d.name.clone()).collect(),
        rows: evaluations
            .iter()
            .map(|e| HeatmapRow {
                person_id: e.person_id.clone(),
                name: e.name.clone(),
                group: group_of(e),
                levels: (0..dims.len()).map(|d| level_at(e, d)).collect(),
            })
            .collect(),
    };
    let mut by_group: BTreeMap<String, Vec<&PersonEvaluation>> = BTreeMap::new();
    for e in evaluations {
        by_group.entry(group_of(e)).or_default().push(e);
    }
    let groups = by_group
        .into_iter()
        .map(|(group, members)| {
            let summaries: Vec<DimensionSummary> = (0..dims.len())
                .map(|d| summarise_dimension(model, d, &members, threshold))
                .collect();
            GroupSummary {
                group,
                headcount: members.len() as u32,
                means: summaries.iter().map(|s| s.mean).collect(),
                below_shares: summaries.iter().map(|s| s.below_share).collect(),
            }
        })
        .collect();
    let weaknesses = weaknesses(model, evaluations, &dimensions);
    Ok(TeamView {
        headcount: evaluations.len() as u32,
        threshold,
        group_by,
        dimensions,
        heatmap,
        groups,
        weaknesses,
    })
}

fn level_at(e: &PersonEvaluation, d: usize) -> Option<f64> {
    e.dimensions.get(d).and_then(|r| r.level)
}

fn summarise_dimension(
    model: &CompiledModel,
    d: usize,
    people: &[&PersonEvaluation],
    threshold: ShareThreshold,
) -> DimensionSummary {
    let dim = model.dimensions.get(d);
    let name = dim.map(|x| x.name.clone()).unwrap_or_default();
    let mut distribution = vec![0u32; 5];
    let mut levels = Vec::new();
    let mut scores = Vec::new();
    let mut with_target = 0u32;
    let mut below_target = 0u32;
    for e in people {
        let Some(result) = e.dimensions.get(d) else {
            continue;
        };
        if let Some(level) = result.level {
            levels.push(level);
            if let Some(slot) = result
                .band
                .and_then(|b| b.checked_sub(1))
                .and_then(|b| distribution.get_mut(b as usize))
            {
                *slot += 1;
            }
            if let Some(gap) = result.gap {
                with_target += 1;
                if gap > 0.0 {
                    below_target += 1;
                }
            }
        }
        if let Some(score) = result.score {
            scores.push(score);
        }
    }
    let (considered, below) = match threshold {
        ShareThreshold::Score(t) => (scores.len(), scores.iter().filter(|s| **s < t).count()),
        ShareThreshold::Level(t) => (levels.len(), levels.iter().filter(|l| **l < t).count()),
    };
    // Shares stay exact: they are rounded once, where they are shown (15 of 19 is 78.9%, not a
    // stored 0.7895 shown again as 79%).
    let below_share = (considered > 0).then(|| below as f64 / considered as f64);
    let sentence = share_sentence(&name, threshold, below_share);
    DimensionSummary {
        dimension_id: dim.map(|x| x.id.clone()).unwrap_or_default(),
        name,
        evaluated: levels.len() as u32,
        insufficient: (people.len() - levels.len()) as u32,
        distribution,
        mean: mean(&levels),
        mean_score: mean(&scores),
        considered: considered as u32,
        below: below as u32,
        below_share,
        below_target_share: (with_target > 0)
            .then(|| f64::from(below_target) / f64::from(with_target)),
        sentence,
    }
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| round_to(values.iter().sum::<f64>() / values.len() as f64, 2))
}

/// "80% 的坐席在投诉处理模块得分低于 60 分" / "80% of agents score below 60 in complaint handling".
pub fn share_sentence(name: &Text, threshold: ShareThreshold, share: Option<f64>) -> Text {
    let en_name = lower_first(&name.en);
    match (threshold, share) {
        (ShareThreshold::Score(t), Some(s)) => Text::new(
            format!(
                "{} 的坐席在{}模块得分低于 {} 分",
                percent(s),
                name.zh,
                number(t)
            ),
            format!(
                "{} of agents score below {} in {}",
                percent(s),
                number(t),
                en_name
            ),
        ),
        (ShareThreshold::Level(t), Some(s)) => Text::new(
            format!(
                "{} 的坐席在{}维度低于 {} 级",
                percent(s),
                name.zh,
                number(t)
            ),
            format!(
                "{} of agents are below level {} in {}",
                percent(s),
                number(t),
                en_name
            ),
        ),
        (ShareThreshold::Score(_), None) => Text::new(
            format!(
                "{}：没有考试或实操评分证据，无法计算低于阈值的比例",
                name.zh
            ),
            format!(
                "{}: no exam or rubric evidence, so no share below the threshold",
                name.en
            ),
        ),
        (ShareThreshold::Level(_), None) => Text::new(
            format!("{}：没有人评定了等级，无法计算低于阈值的比例", name.zh),
            format!(
                "{}: nobody has a level, so no share below the threshold",
                name.en
            ),
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Only lower a capitalised word, not an acronym such as "CSAT".
        Some(c)
            if c.is_ascii_uppercase()
                && !chars.clone().next().is_some_and(|n| n.is_ascii_uppercase()) =>
        {
            c.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => text.to_string(),
    }
}

fn weaknesses(
    model: &CompiledModel,
    evaluations: &[PersonEvaluation],
    summaries: &[DimensionSummary],
) -> Vec<Weakness> {
    let mut found = Vec::new();
    for (d, dim) in model.dimensions.iter().enumerate() {
        let mut total = 0.0;
        let mut n = 0u32;
        let mut below = 0u32;
        for e in evaluations {
            let Some(r) = e.dimensions.get(d) else {
                continue;
            };
            if let (Some(gap), Some(importance)) = (r.gap, r.importance) {
                n += 1;
                total += gap.max(0.0) * importance;
                if gap > 0.0 {
                    below += 1;
                }
            }
        }
        if n == 0 || below == 0 {
            continue;
        }
        let mean_priority = round_to(total / f64::from(n), 2);
        let share = f64::from(below) / f64::from(n);
        let mean_gap_zh = number(total / f64::from(n));
        found.push((
            d,
            Weakness {
                rank: 0,
                dimension_id: dim.id.clone(),
                mean_priority,
                below_target_share: share,
                below_share: summaries.get(d).and_then(|s| s.below_share),
                sentence: Text::new(
                    format!(
                        "{} 的坐席在{}上未达岗位目标（加权平均差距 {}）",
                        percent(share),
                        dim.name.zh,
                        mean_gap_zh
                    ),
                    format!(
                        "{} of agents are below their role target in {} (weighted mean gap {})",
                        percent(share),
                        lower_first(&dim.name.en),
                        mean_gap_zh
                    ),
                ),
            },
        ));
    }
    crate::sort::sort_by(&mut found, |(da, a), (db, b)| {
        b.mean_priority
            .total_cmp(&a.mean_priority)
            .then(b.below_target_share.total_cmp(&a.below_target_share))
            .then(da.cmp(db))
    });
    found
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut w))| {
            w.rank = i as u32 + 1;
            w
        })
        .collect()
}
