//! Change over time (变化趋势): per person and per team (班组), the competency levels as of the
//! end of each month or quarter, the KPIs' mean within each period, and the share of people
//! below their role's target per dimension. The team view and the person view draw these as
//! small line charts; the arithmetic is here so both agree with the dashboard, which evaluates
//! the same evidence with the same rules (a level "as of" a period end reads only evidence up
//! to that day).

use std::collections::BTreeMap;

use super::evaluate::{evaluate_prepared_team, PreparedEvidence};
use super::evidence::{EvidenceKind, EvidenceSet, Person};
use super::model::CompiledModel;
use super::options::EvaluationOptions;
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::format::{FromJson, ToJson};
use crate::i18n::Text;

/// Most periods one trend covers (two years of months).
pub const MAX_PERIODS: u32 = 24;

/// Months or quarters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TrendPeriod {
    /// Calendar months.
    #[default]
    Month,
    /// Calendar quarters.
    Quarter,
}

/// What the trend covers.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrendOptions {
    /// The last period is the one containing this day (the page passes the latest evidence day).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: Date,
    /// Months (default) or quarters.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub period: Option<TrendPeriod>,
    /// How many periods, ending with the one containing `date` (1–24; default 6 months or 4
    /// quarters).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub count: Option<u32>,
}

/// One period.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PeriodInfo {
    /// `2026-09` or `2026-Q3`.
    pub label: String,
    /// First day.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start: Date,
    /// Last day: levels are "as of" it.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub end: Date,
}

/// One value per period (`null` where there is nothing to show).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// Dimension id or KPI id.
    pub key: String,
    /// Per period.
    pub values: Vec<Option<f64>>,
}

/// A KPI that appears in the trend.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TrendKpi {
    /// KPI id.
    pub key: String,
    /// Name in both languages (the id when the model does not define it).
    pub name: Text,
    /// Unit in both languages.
    pub unit: Text,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
}

/// A dimension of the model.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TrendDimension {
    /// Dimension id.
    pub key: String,
    /// Name in both languages.
    pub name: Text,
}

/// A team's (or the whole set's) series.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct GroupTrend {
    /// 班组 (the person's `team`, else `group`); empty for the whole set.
    pub group: String,
    /// People in it.
    pub headcount: u32,
    /// Per dimension: the mean level of those with one, per period.
    pub levels: Vec<Series>,
    /// Per dimension: the share (0–1, exact) of people with a level and a target who are below
    /// the target, per period.
    pub below_target: Vec<Series>,
    /// Per KPI: the mean of the people's period means (表扬 / 投诉 counts: their total).
    pub kpis: Vec<Series>,
}

/// One person's series.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PersonTrend {
    /// 工号.
    pub person_id: String,
    /// Name.
    pub name: String,
    /// 班组.
    pub group: String,
    /// Per dimension: the level as of each period's end (`null`: not enough evidence yet).
    pub levels: Vec<Series>,
    /// Targets per dimension (the role's), for a reference line.
    pub targets: Vec<Option<f64>>,
    /// Per KPI: the mean of the person's records dated within each period.
    pub kpis: Vec<Series>,
}

/// The change over time of a team.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CompetencyTrend {
    /// The periods, oldest first.
    pub periods: Vec<PeriodInfo>,
    /// The model's dimensions, in its order (every `levels` / `belowTarget` list follows it).
    pub dimensions: Vec<TrendDimension>,
    /// The KPIs found in the evidence, in the model's order (every `kpis` list follows it).
    pub kpis: Vec<TrendKpi>,
    /// The whole set.
    pub all: GroupTrend,
    /// Per 班组, by name.
    pub groups: Vec<GroupTrend>,
    /// Per person, in the set's order.
    pub people: Vec<PersonTrend>,
}

/// A group's value of dimension `d` in period `t`, from its members' indices.
type PeriodValue<'a> = dyn Fn(&[usize], usize, usize) -> Option<f64> + 'a;

fn team_of(p: &Person) -> String {
    p.team
        .clone()
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| p.group.clone())
}

/// The periods ending with the one containing `date`.
pub fn periods(date: Date, period: TrendPeriod, count: u32) -> Vec<PeriodInfo> {
    let (year, month, _) = date.ymd();
    let months = if period == TrendPeriod::Month { 1 } else { 3 };
    // Index of the period containing `date`, counted in months from year 0.
    let first_month = (month - 1) / months * months; // 0-based month starting the period
    let mut index = year * 12 + first_month as i32;
    let mut out = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let (y, m0) = (index.div_euclid(12), index.rem_euclid(12) as u32);
        let start = Date::from_ymd(y, m0 + 1, 1);
        let next = index + months as i32;
        let end = Date::from_ymd(next.div_euclid(12), next.rem_euclid(12) as u32 + 1, 1)
            .map(|d| d.add_days(-1));
        if let (Some(start), Some(end)) = (start, end) {
            let label = match period {
                TrendPeriod::Month => format!("{y}-{:02}", m0 + 1),
                TrendPeriod::Quarter => format!("{y}-Q{}", m0 / 3 + 1),
            };
            out.push(PeriodInfo { label, start, end });
        }
        index -= months as i32;
    }
    out.reverse();
    out
}

/// KPIs that count records (表扬 / 投诉 per month): a team's figure is their sum.
fn is_count(key: &str) -> bool {
    key == super::records::PRAISE_COUNT || key == super::records::COMPLAINT_COUNT
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// Computes the trend of `set` under `model`. Errors: the evaluation's own (bad evidence), and
/// `count` outside 1–24 (`OUT_OF_RANGE` at `options.count`).
///
/// @example `let trend = competency_trend(&model, &set, &TrendOptions { date, period: None, count: None })?;`
pub fn competency_trend(
    model: &CompiledModel,
    set: &EvidenceSet,
    options: &TrendOptions,
) -> Result<CompetencyTrend, Error> {
    let period = options.period.unwrap_or_default();
    let count = options.count.unwrap_or(match period {
        TrendPeriod::Month => 6,
        TrendPeriod::Quarter => 4,
    });
    if !(1..=MAX_PERIODS).contains(&count) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "options.count",
            format!("期数应在 1 到 {MAX_PERIODS} 之间。"),
            format!("count must be between 1 and {MAX_PERIODS}."),
        ));
    }
    let periods = periods(options.date, period, count);
    let prepared = PreparedEvidence::new(set, model)?;
    let dims = &model.dimensions;
    let n_periods = periods.len();
    let n_people = set.people.len();

    // Levels and targets: one evaluation per period end, without sentences.
    let mut levels = vec![vec![vec![None; n_periods]; dims.len()]; n_people];
    let mut gaps = vec![vec![vec![None; n_periods]; dims.len()]; n_people];
    let mut targets = vec![vec![None; dims.len()]; n_people];
    if n_people > 0 {
        for (t, p) in periods.iter().enumerate() {
            let evaluation = evaluate_prepared_team(
                model,
                set,
                &prepared,
                &EvaluationOptions {
                    date: p.end,
                    previous: Vec::new(),
                    threshold: None,
                    group_by: None,
                    blind_spot_margin: None,
                    strength_margin: None,
                    explanations: Some(false),
                },
            )?;
            for (i, e) in evaluation.people.iter().enumerate().take(n_people) {
                for (d, r) in e.dimensions.iter().enumerate().take(dims.len()) {
                    levels[i][d][t] = r.level;
                    gaps[i][d][t] = r.gap;
                    if t + 1 == n_periods {
                        targets[i][d] = r.target;
                    }
                }
            }
        }
    }

    // KPIs: the mean of each person's records within each period.
    let index: BTreeMap<&str, usize> = crate::sort::map_of(
        set.people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i)),
    );
    let mut kpi_values: BTreeMap<&str, Vec<Vec<Vec<f64>>>> = BTreeMap::new();
    for r in &set.evidence {
        if r.kind != EvidenceKind::Kpi {
            continue;
        }
        let (Some(&i), Some(t)) = (
            index.get(r.person_id.as_str()),
            periods
                .iter()
                .position(|p| p.start <= r.date && r.date <= p.end),
        ) else {
            continue;
        };
        let slots = kpi_values
            .entry(r.key.as_str())
            .or_insert_with(|| vec![vec![Vec::new(); n_periods]; n_people]);
        if let Some(cell) = slots.get_mut(i).and_then(|s| s.get_mut(t)) {
            cell.push(r.value);
        }
    }
    let order = |key: &str| {
        model
            .kpis
            .iter()
            .position(|k| k.id == key)
            .unwrap_or(usize::MAX)
    };
    let mut kpi_keys: Vec<&str> = kpi_values.keys().copied().collect();
    crate::sort::sort_by_key(&mut kpi_keys, |k| (order(k), k.to_string()));
    let kpis: Vec<TrendKpi> = kpi_keys
        .iter()
        .map(|&key| match model.kpi(key) {
            Some(info) => TrendKpi {
                key: key.to_string(),
                name: info.name.clone(),
                unit: info.unit.clone(),
                higher_is_better: info.direction == super::defaults::KpiDirection::HigherIsBetter,
            },
            None => TrendKpi {
                key: key.to_string(),
                name: Text::new(key, key),
                unit: Text::default(),
                higher_is_better: true,
            },
        })
        .collect();
    let person_kpi = |i: usize, key: &str| -> Vec<Option<f64>> {
        (0..n_periods)
            .map(|t| {
                kpi_values
                    .get(key)
                    .and_then(|s| s.get(i))
                    .and_then(|s| s.get(t))
                    .and_then(|v| mean(v))
            })
            .collect()
    };

    let people: Vec<PersonTrend> = set
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| PersonTrend {
            person_id: p.id.clone(),
            name: p.name.clone(),
            group: team_of(p),
            levels: dims
                .iter()
                .enumerate()
                .map(|(d, dim)| Series {
                    key: dim.id.clone(),
                    values: levels[i][d].clone(),
                })
                .collect(),
            targets: targets[i].clone(),
            kpis: kpi_keys
                .iter()
                .map(|&k| Series {
                    key: k.to_string(),
                    values: person_kpi(i, k),
                })
                .collect(),
        })
        .collect();

    let group_trend = |group: String, members: &[usize]| -> GroupTrend {
        let per_dim = |d: usize, f: &PeriodValue<'_>| Series {
            key: dims.get(d).map(|x| x.id.clone()).unwrap_or_default(),
            values: (0..n_periods).map(|t| f(members, d, t)).collect(),
        };
        let level_mean = |m: &[usize], d: usize, t: usize| {
            let v: Vec<f64> = m.iter().filter_map(|&i| levels[i][d][t]).collect();
            mean(&v)
        };
        let below = |m: &[usize], d: usize, t: usize| {
            let with: Vec<f64> = m.iter().filter_map(|&i| gaps[i][d][t]).collect();
            (!with.is_empty())
                .then(|| with.iter().filter(|g| **g > 0.0).count() as f64 / with.len() as f64)
        };
        GroupTrend {
            group,
            headcount: members.len() as u32,
            levels: (0..dims.len()).map(|d| per_dim(d, &level_mean)).collect(),
            below_target: (0..dims.len()).map(|d| per_dim(d, &below)).collect(),
            kpis: kpi_keys
                .iter()
                .map(|&k| Series {
                    key: k.to_string(),
                    values: (0..n_periods)
                        .map(|t| {
                            let v: Vec<f64> = members
                                .iter()
                                .filter_map(|&i| people.get(i))
                                .filter_map(|p| p.kpis.iter().find(|s| s.key == k))
                                .filter_map(|s| s.values.get(t).copied().flatten())
                                .collect();
                            if is_count(k) {
                                // 表扬 / 投诉 counts: the team's total; a person with none
                                // has no record, which is 0, not "unknown".
                                Some(v.iter().sum())
                            } else {
                                mean(&v)
                            }
                        })
                        .collect(),
                })
                .collect(),
        }
    };
    let mut by_group: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in set.people.iter().enumerate() {
        by_group.entry(team_of(p)).or_default().push(i);
    }
    let everyone: Vec<usize> = (0..n_people).collect();
    let all = group_trend(String::new(), &everyone);
    let groups = by_group
        .into_iter()
        .map(|(g, members)| group_trend(g, &members))
        .collect();

    Ok(CompetencyTrend {
        periods,
        dimensions: dims
            .iter()
            .map(|d| TrendDimension {
                key: d.id.clone(),
                name: d.name.clone(),
            })
            .collect(),
        kpis,
        all,
        groups,
        people,
    })
}
