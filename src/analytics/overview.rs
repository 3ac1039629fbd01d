//! 结果概览: one exam's scored attempts at a glance (candidates, pass rate, the score
//! distribution, per-section and per-dimension means, by team). The page draws and exports
//! exactly these figures, so the arithmetic lives here, tested natively and against NumPy, not
//! in the view.
//!
//! Each person counts once, by their latest scored attempt (a retake replaces the first try):
//! the overview answers "where does the team stand on this exam", not "how many papers were
//! handed in".

use std::collections::BTreeMap;

use crate::error::{Error, ErrorCode};
use crate::format::{FromJson, ToJson};

use super::exam_summary::HistogramBin;

/// Score bins of the distribution when the caller does not choose: 0–10 %, …, 90–100 %.
pub const DEFAULT_BINS: u32 = 10;
/// More bins than this would draw bars thinner than a pixel on a phone.
pub const MAX_BINS: u32 = 50;

/// What `resultsOverview` takes: the exam's scored attempts.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverviewInput {
    /// Scored attempts of one exam, in any order.
    pub results: Vec<OverviewResult>,
    /// Equal-width bins of the score distribution (1–50, default 10).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub bins: Option<u32>,
}

/// One scored attempt.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OverviewResult {
    /// The attempt id.
    pub attempt_id: String,
    /// The candidate's 工号 (empty: the attempt counts as its own person).
    #[serde(default)]
    pub candidate_id: String,
    /// The candidate's 班组 from the roster (empty: not on the roster or no team).
    #[serde(default)]
    pub team: String,
    /// Submission time (ms since the epoch); the latest attempt per person counts.
    #[serde(default)]
    pub submitted_at: f64,
    /// Total score, percent of the maximum (0–100).
    pub percent: f64,
    /// Whether the attempt passed (pass mark and section minimums, as the exam scored it).
    pub passed: bool,
    /// Per-section percents (`key` = the section's title as shown).
    #[serde(default)]
    pub sections: Vec<KeyedPercent>,
    /// Per-dimension percents (`key` = dimension id).
    #[serde(default)]
    pub dimensions: Vec<KeyedPercent>,
}

/// A section's or dimension's percent in one attempt.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KeyedPercent {
    /// Section title or dimension id.
    pub key: String,
    /// Percent 0–100; absent when nothing of it was scored.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub percent: Option<f64>,
}

/// The mean of one section or dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MeanRow {
    /// Section title or dimension id.
    pub key: String,
    /// Candidates with a percent for it.
    pub candidates: u32,
    /// Their mean percent (unrounded).
    pub mean_percent: f64,
}

/// One team's figures.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TeamRow {
    /// 班组 (empty: not on the roster or no team).
    pub team: String,
    /// Candidates counted.
    pub candidates: u32,
    /// Of them passed.
    pub passed: u32,
    /// `passed / candidates` as a percent (unrounded: the page rounds once).
    pub pass_rate: f64,
    /// Mean total percent.
    pub mean_percent: f64,
}

/// The overview: figures kept exact; the page rounds once, at display.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ResultsOverview {
    /// People counted (one latest attempt each).
    pub candidates: u32,
    /// Of them passed.
    pub passed: u32,
    /// Pass rate in percent; absent without candidates.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub pass_rate: Option<f64>,
    /// Mean total percent.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub mean_percent: Option<f64>,
    /// Median total percent (mean of the middle two for an even count, as NumPy).
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub median_percent: Option<f64>,
    /// Sample standard deviation (n − 1) of the total percents; needs two candidates.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub sd_percent: Option<f64>,
    /// Equal-width bins over 0–100 %; the last includes 100 (NumPy `histogram`'s convention).
    pub histogram: Vec<HistogramBin>,
    /// Mean per section, in the order sections first appear.
    pub sections: Vec<MeanRow>,
    /// Mean per dimension, in the order dimensions first appear.
    pub dimensions: Vec<MeanRow>,
    /// Per team, by team name (the unassigned last).
    pub teams: Vec<TeamRow>,
    /// The attempts counted, best total first (ties by attempt id): the candidate list.
    pub counted: Vec<String>,
}

fn check_percent(value: f64, path: String) -> Result<f64, Error> {
    if value.is_finite() && (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            "得分率应在 0 到 100 之间。",
            "A percent must be between 0 and 100.",
        ))
    }
}

/// Means in first-appearance order.
#[derive(Default)]
struct Means {
    order: Vec<String>,
    sums: BTreeMap<String, (f64, u32)>,
}

impl Means {
    fn add(&mut self, key: &str, value: f64) {
        let entry = self.sums.entry(key.to_string()).or_insert_with(|| {
            self.order.push(key.to_string());
            (0.0, 0)
        });
        entry.0 += value;
        entry.1 += 1;
    }

    fn rows(self) -> Vec<MeanRow> {
        let Means { order, sums } = self;
        order
            .into_iter()
            .filter_map(|key| {
                let (sum, n) = *sums.get(&key)?;
                Some(MeanRow {
                    key,
                    candidates: n,
                    mean_percent: sum / f64::from(n),
                })
            })
            .collect()
    }
}

/// The bin of `percent` among `bins` equal bins over 0–100, the last closed (as NumPy).
fn bin_of(percent: f64, bins: u32) -> usize {
    let b = (percent * f64::from(bins) / 100.0).floor();
    (b.max(0.0) as usize).min(bins as usize - 1)
}

/// Computes the overview. Errors: a percent outside 0–100 (`OUT_OF_RANGE` at
/// `results[i].percent`), bins outside 1–50 (`OUT_OF_RANGE` at `bins`).
///
/// @example `let overview = results_overview(&OverviewInput { results, bins: None })?;`
pub fn results_overview(input: &OverviewInput) -> Result<ResultsOverview, Error> {
    let bins = input.bins.unwrap_or(DEFAULT_BINS);
    if !(1..=MAX_BINS).contains(&bins) {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            "bins",
            format!("分段数应在 1 到 {MAX_BINS} 之间。"),
            format!("bins must be between 1 and {MAX_BINS}."),
        ));
    }
    // The latest attempt per person (ties: the later attempt id, so the choice is stable).
    let mut latest: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, r) in input.results.iter().enumerate() {
        check_percent(r.percent, format!("results[{i}].percent"))?;
        for (j, s) in r.sections.iter().enumerate() {
            if let Some(p) = s.percent {
                check_percent(p, format!("results[{i}].sections[{j}].percent"))?;
            }
        }
        for (j, d) in r.dimensions.iter().enumerate() {
            if let Some(p) = d.percent {
                check_percent(p, format!("results[{i}].dimensions[{j}].percent"))?;
            }
        }
        let who = if r.candidate_id.is_empty() {
            r.attempt_id.as_str()
        } else {
            r.candidate_id.as_str()
        };
        let replace = match latest.get(who) {
            None => true,
            Some(&k) => {
                let old = &input.results[k];
                r.submitted_at > old.submitted_at
                    || (r.submitted_at == old.submitted_at && r.attempt_id > old.attempt_id)
            }
        };
        if replace {
            latest.insert(who, i);
        }
    }
    let mut rows: Vec<&OverviewResult> = latest.values().map(|&i| &input.results[i]).collect();
    crate::sort::sort_by(&mut rows, |a, b| {
        b.percent
            .total_cmp(&a.percent)
            .then_with(|| a.attempt_id.cmp(&b.attempt_id))
    });

    let n = rows.len();
    let passed = rows.iter().filter(|r| r.passed).count();
    let totals: Vec<f64> = rows.iter().map(|r| r.percent).collect();
    let mean = (n > 0).then(|| totals.iter().sum::<f64>() / n as f64);
    let median = median(&totals);
    let sd = match mean {
        Some(m) if n >= 2 => {
            Some((totals.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n as f64 - 1.0)).sqrt())
        }
        _ => None,
    };
    let mut counts = vec![0u32; bins as usize];
    for &p in &totals {
        if let Some(c) = counts.get_mut(bin_of(p, bins)) {
            *c += 1;
        }
    }
    let width = 100.0 / f64::from(bins);
    let histogram = counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| HistogramBin {
            from_percent: i as f64 * width,
            to_percent: if i + 1 == bins as usize {
                100.0
            } else {
                (i + 1) as f64 * width
            },
            count,
        })
        .collect();

    let mut sections = Means::default();
    let mut dimensions = Means::default();
    let mut teams: BTreeMap<(bool, &str), (u32, u32, f64)> = BTreeMap::new();
    // Sections and dimensions in first-appearance order of the attempts as given, so the
    // page's section order (the exam's) is kept.
    let mut by_input: Vec<&OverviewResult> = rows.clone();
    crate::sort::sort_by_key(&mut by_input, |r| {
        latest.get(who_of(r)).copied().unwrap_or(usize::MAX)
    });
    for r in &by_input {
        for s in &r.sections {
            if let Some(p) = s.percent {
                sections.add(&s.key, p);
            }
        }
        for d in &r.dimensions {
            if let Some(p) = d.percent {
                dimensions.add(&d.key, p);
            }
        }
        let t = teams
            .entry((r.team.is_empty(), r.team.as_str()))
            .or_default();
        t.0 += 1;
        t.1 += u32::from(r.passed);
        t.2 += r.percent;
    }
    let teams = teams
        .into_iter()
        .map(|((_, team), (count, ok, sum))| TeamRow {
            team: team.to_string(),
            candidates: count,
            passed: ok,
            pass_rate: f64::from(ok) / f64::from(count) * 100.0,
            mean_percent: sum / f64::from(count),
        })
        .collect();

    Ok(ResultsOverview {
        candidates: n as u32,
        passed: passed as u32,
        pass_rate: (n > 0).then(|| passed as f64 / n as f64 * 100.0),
        mean_percent: mean,
        median_percent: median,
        sd_percent: sd,
        histogram,
        sections: sections.rows(),
        dimensions: dimensions.rows(),
        teams,
        counted: rows.iter().map(|r| r.attempt_id.clone()).collect(),
    })
}

fn who_of(r: &OverviewResult) -> &str {
    if r.candidate_id.is_empty() {
        &r.attempt_id
    } else {
        &r.candidate_id
    }
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    crate::sort::sort_by(&mut sorted, f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted.get(mid).copied()
    } else {
        Some((sorted.get(mid - 1)? + sorted.get(mid)?) / 2.0)
    }
}
