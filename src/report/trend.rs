//! Change over time as small multiples: one small line chart per dimension or KPI, the periods
//! along the bottom, the same scale in every panel of a figure so they compare at a glance.
//! Labels (dimension and KPI names, teams) are escaped like every chart's.

use std::fmt::Write;

use super::svg::{self, n, GRID};
use crate::competency::explain::number;
use crate::competency::trends::{CompetencyTrend, GroupTrend, Series};
use crate::format::{FromJson, ToJson};
use crate::i18n::{Locale, Text};

const PANEL_W: f64 = 200.0;
const PANEL_H: f64 = 120.0;
const COLUMNS: usize = 3;
const LINE: &str = "#0969da";
const REFERENCE: &str = "#cf222e";

/// Whose change the charts show.
#[derive(Debug, Clone, Default, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrendScope {
    /// One person (工号): their levels against their targets and their KPIs.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub person_id: Option<String>,
    /// One 班组; absent (and no person): the whole team.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub group: Option<String>,
}

/// The charts of one scope, as SVG; `None` where there is nothing to draw.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TrendCharts {
    /// Levels per dimension (1–5), with the target for a person.
    pub levels_svg: String,
    /// The share below target per dimension (teams only).
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub below_target_svg: Option<String>,
    /// KPIs, each on its own scale.
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub kpis_svg: Option<String>,
}

/// One small chart.
struct Panel<'a> {
    title: String,
    values: &'a [Option<f64>],
    min: f64,
    max: f64,
    reference: Option<f64>,
    format: fn(f64) -> String,
}

fn percent_label(share: f64) -> String {
    format!("{}%", number((share * 1000.0).round() / 10.0))
}

fn small_multiples(title: &str, labels: &[String], panels: &[Panel<'_>], locale: Locale) -> String {
    let rows = panels.len().div_ceil(COLUMNS).max(1);
    let width = (PANEL_W * COLUMNS as f64 + 20.0) as u32;
    let height = (40.0 + PANEL_H * rows as f64) as u32;
    let mut out = String::with_capacity(2048 + panels.len() * 1500);
    svg::open(&mut out, width, height, title);
    svg::heading(&mut out, 10.0, 24.0, 15, "start", title);
    let first = labels.first().map(String::as_str).unwrap_or_default();
    let last = labels.last().map(String::as_str).unwrap_or_default();
    for (k, panel) in panels.iter().enumerate() {
        let x0 = 10.0 + PANEL_W * (k % COLUMNS) as f64;
        let y0 = 36.0 + PANEL_H * (k / COLUMNS) as f64;
        let (left, right, top, bottom) = (
            x0 + 30.0,
            x0 + PANEL_W - 14.0,
            y0 + 24.0,
            y0 + PANEL_H - 26.0,
        );
        svg::heading(&mut out, x0 + 4.0, y0 + 14.0, 12, "start", &panel.title);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"{GRID}\"/>",
            n(left),
            n(top),
            n(right - left),
            n(bottom - top)
        );
        let span = (panel.max - panel.min).max(f64::EPSILON);
        let y_of = |v: f64| bottom - (bottom - top) * ((v - panel.min) / span).clamp(0.0, 1.0);
        svg::text(
            &mut out,
            left - 3.0,
            top + 4.0,
            9,
            "end",
            "",
            &(panel.format)(panel.max),
        );
        svg::text(
            &mut out,
            left - 3.0,
            bottom + 3.0,
            9,
            "end",
            "",
            &(panel.format)(panel.min),
        );
        svg::text(&mut out, left, bottom + 13.0, 9, "start", "", first);
        svg::text(&mut out, right, bottom + 13.0, 9, "end", "", last);
        if let Some(r) = panel.reference {
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{REFERENCE}\" stroke-dasharray=\"4 3\"/>",
                n(left),
                n(right),
                y = n(y_of(r))
            );
        }
        let count = panel.values.len();
        let x_of = |t: usize| {
            if count <= 1 {
                (left + right) / 2.0
            } else {
                left + 6.0 + (right - left - 12.0) * t as f64 / (count - 1) as f64
            }
        };
        // A line through consecutive periods with a value; a gap where one is missing.
        let mut path = String::new();
        let mut pen_down = false;
        for (t, v) in panel.values.iter().enumerate() {
            match v {
                Some(v) if v.is_finite() => {
                    let _ = write!(
                        path,
                        "{}{} {} ",
                        if pen_down { "L" } else { "M" },
                        n(x_of(t)),
                        n(y_of(*v))
                    );
                    pen_down = true;
                }
                _ => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = writeln!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"{LINE}\" stroke-width=\"2\"/>",
                path.trim_end()
            );
        }
        for (t, v) in panel.values.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{LINE}\"/>",
                    n(x_of(t)),
                    n(y_of(v))
                );
            }
        }
        let latest = panel.values.iter().rev().find_map(|v| *v);
        let note = match latest {
            Some(v) => (panel.format)(v),
            None => Text::new("暂无数据", "no data").get(locale).to_string(),
        };
        svg::text(&mut out, right, y0 + 14.0, 11, "end", "", &note);
    }
    out.push_str("</svg>\n");
    out
}

fn level_format(v: f64) -> String {
    number((v * 100.0).round() / 100.0)
}

/// One panel per dimension of the model over `series` (a group's levels or shares below target),
/// on the fixed scale `range`, without a reference line.
fn dimension_panels<'a>(
    trend: &'a CompetencyTrend,
    series: &'a [Series],
    range: (f64, f64),
    format: fn(f64) -> String,
    locale: Locale,
) -> Vec<Panel<'a>> {
    trend
        .dimensions
        .iter()
        .zip(series)
        .map(|(d, s)| Panel {
            title: d.name.get(locale).to_string(),
            values: &s.values,
            min: range.0,
            max: range.1,
            reference: None,
            format,
        })
        .collect()
}

fn kpi_panels<'a>(
    trend: &'a CompetencyTrend,
    series: &'a [Series],
    locale: Locale,
) -> Vec<Panel<'a>> {
    trend
        .kpis
        .iter()
        .zip(series)
        .map(|(kpi, s)| {
            let present: Vec<f64> = s.values.iter().flatten().copied().collect();
            let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let (min, max) = if present.is_empty() {
                (0.0, 1.0)
            } else {
                let pad = ((hi - lo) * 0.2).max(hi.abs() * 0.02).max(0.01);
                (lo - pad, hi + pad)
            };
            let unit = kpi.unit.get(locale);
            let title = if unit.is_empty() {
                kpi.name.get(locale).to_string()
            } else {
                match locale {
                    Locale::ZhCn => format!("{}（{unit}）", kpi.name.get(locale)),
                    Locale::En => format!("{} ({unit})", kpi.name.get(locale)),
                }
            };
            Panel {
                title,
                values: &s.values,
                min,
                max,
                reference: None,
                format: level_format,
            }
        })
        .collect()
}

/// A chart's title naming whom it shows: `李娜：…` or `Li Na: …`.
fn chart_title(who: &str, zh: &str, en: &str, locale: Locale) -> String {
    match locale {
        Locale::ZhCn => format!("{who}：{zh}"),
        Locale::En => format!("{who}: {en}"),
    }
}

/// The KPI chart of a person or a group, the same for both; none without KPI series.
fn kpis_svg(who: &str, labels: &[String], panels: &[Panel<'_>], locale: Locale) -> Option<String> {
    let title = chart_title(who, "KPI 变化（各期平均）", "KPIs (period means)", locale);
    (!panels.is_empty()).then(|| small_multiples(&title, labels, panels, locale))
}

fn group_charts(trend: &CompetencyTrend, group: &GroupTrend, locale: Locale) -> TrendCharts {
    let labels: Vec<String> = trend.periods.iter().map(|p| p.label.clone()).collect();
    let who = if group.group.is_empty() {
        Text::new("全队", "Whole team").get(locale).to_string()
    } else {
        group.group.clone()
    };
    let level_panels = dimension_panels(trend, &group.levels, (1.0, 5.0), level_format, locale);
    let below_panels = dimension_panels(
        trend,
        &group.below_target,
        (0.0, 1.0),
        percent_label,
        locale,
    );
    let kpi_panels = kpi_panels(trend, &group.kpis, locale);
    let title = |zh: &str, en: &str| chart_title(&who, zh, en, locale);
    TrendCharts {
        levels_svg: small_multiples(
            &title("各维度平均等级变化", "mean level by dimension"),
            &labels,
            &level_panels,
            locale,
        ),
        below_target_svg: Some(small_multiples(
            &title("低于岗位目标的人数占比", "share below the role target"),
            &labels,
            &below_panels,
            locale,
        )),
        kpis_svg: kpis_svg(&who, &labels, &kpi_panels, locale),
    }
}

/// Draws the charts of `scope`: a person (levels against target, KPIs), a 班组 or the whole
/// team (mean levels, share below target, KPIs). An unknown person or team draws the whole team.
pub fn trend_charts(trend: &CompetencyTrend, scope: &TrendScope, locale: Locale) -> TrendCharts {
    if let Some(person) = scope
        .person_id
        .as_deref()
        .and_then(|id| trend.people.iter().find(|p| p.person_id == id))
    {
        let labels: Vec<String> = trend.periods.iter().map(|p| p.label.clone()).collect();
        let panels: Vec<Panel<'_>> = trend
            .dimensions
            .iter()
            .zip(&person.levels)
            .enumerate()
            .map(|(d, (dim, s))| Panel {
                title: dim.name.get(locale).to_string(),
                values: &s.values,
                min: 1.0,
                max: 5.0,
                reference: person.targets.get(d).copied().flatten(),
                format: level_format,
            })
            .collect();
        let kpi_panels = kpi_panels(trend, &person.kpis, locale);
        let title = |zh: &str, en: &str| chart_title(&person.name, zh, en, locale);
        return TrendCharts {
            levels_svg: small_multiples(
                &title(
                    "各维度等级变化（虚线为岗位目标）",
                    "level by dimension (dashed: role target)",
                ),
                &labels,
                &panels,
                locale,
            ),
            below_target_svg: None,
            kpis_svg: kpis_svg(&person.name, &labels, &kpi_panels, locale),
        };
    }
    let group = scope
        .group
        .as_deref()
        .and_then(|g| trend.groups.iter().find(|x| x.group == g))
        .unwrap_or(&trend.all);
    group_charts(trend, group, locale)
}
