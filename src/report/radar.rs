//! The competency radar (能力雷达图): a person against their role target and the team mean.

use std::fmt::Write;

use crate::format::{FromJson, ToJson};

use super::svg::{self, escape, n, GRID};
use crate::competency::{CompiledModel, PersonEvaluation, TeamView};
use crate::i18n::{Locale, Text};

/// A radar chart's data: one axis per dimension, one polygon per series.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RadarChart {
    /// Title above the chart.
    pub title: Text,
    /// Axis labels (dimension names), clockwise from the top.
    pub axes: Vec<Text>,
    /// The polygons, drawn in order (later on top).
    pub series: Vec<RadarSeries>,
}

/// One polygon of a radar.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RadarSeries {
    /// Legend label.
    pub label: Text,
    /// Level (1–5) per axis; null draws the point at the centre and marks the axis "?".
    pub values: Vec<Option<f64>>,
    /// How it is drawn.
    pub style: SeriesStyle,
}

/// The three looks of a radar series, distinguishable in black-and-white print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum SeriesStyle {
    /// Solid blue line, light fill.
    Person,
    /// Dashed red line.
    Target,
    /// Dotted grey line.
    TeamMean,
}

impl SeriesStyle {
    fn attributes(self) -> &'static str {
        match self {
            SeriesStyle::Person => {
                "fill=\"#1f6feb\" fill-opacity=\"0.18\" stroke=\"#1f6feb\" stroke-width=\"2.5\""
            }
            SeriesStyle::Target => {
                "fill=\"none\" stroke=\"#d1242f\" stroke-width=\"2\" stroke-dasharray=\"7 4\""
            }
            SeriesStyle::TeamMean => {
                "fill=\"none\" stroke=\"#57606a\" stroke-width=\"2\" stroke-dasharray=\"2 3\""
            }
        }
    }

    fn color(self) -> &'static str {
        match self {
            SeriesStyle::Person => "#1f6feb",
            SeriesStyle::Target => "#d1242f",
            SeriesStyle::TeamMean => "#57606a",
        }
    }
}

const WIDTH: u32 = 600;
const HEIGHT: u32 = 500;
const CX: f64 = 300.0;
const CY: f64 = 250.0;
const RADIUS: f64 = 160.0;

/// The radar of one person: their levels, their role's targets and (if given) the team means.
pub fn person_radar(
    model: &CompiledModel,
    person: &PersonEvaluation,
    team: Option<&TeamView>,
) -> RadarChart {
    let axes = model.dimensions.iter().map(|d| d.name.clone()).collect();
    let lookup = |id: &str| person.dimensions.iter().find(|r| r.dimension_id == id);
    let mut series = vec![
        RadarSeries {
            label: Text::new("岗位目标", "Role target"),
            values: model
                .dimensions
                .iter()
                .map(|d| lookup(&d.id).and_then(|r| r.target))
                .collect(),
            style: SeriesStyle::Target,
        },
        RadarSeries {
            label: Text::new(person.name.clone(), person.name.clone()),
            values: model
                .dimensions
                .iter()
                .map(|d| lookup(&d.id).and_then(|r| r.level))
                .collect(),
            style: SeriesStyle::Person,
        },
    ];
    if let Some(team) = team {
        series.insert(
            0,
            RadarSeries {
                label: Text::new("团队均值", "Team mean"),
                values: model
                    .dimensions
                    .iter()
                    .map(|d| {
                        team.dimensions
                            .iter()
                            .find(|s| s.dimension_id == d.id)
                            .and_then(|s| s.mean)
                    })
                    .collect(),
                style: SeriesStyle::TeamMean,
            },
        );
    }
    RadarChart {
        title: Text::new(
            format!("{} 能力雷达图", person.name),
            format!("Competency radar: {}", person.name),
        ),
        axes,
        series,
    }
}

fn point(axis: usize, count: usize, level: f64) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * axis as f64 / count.max(1) as f64;
    let r = RADIUS * level.clamp(0.0, 5.0) / 5.0;
    (CX + r * angle.cos(), CY + r * angle.sin())
}

fn polygon(count: usize, level_of: impl Fn(usize) -> f64) -> String {
    (0..count)
        .map(|i| {
            let (x, y) = point(i, count, level_of(i));
            format!("{},{}", n(x), n(y))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Renders a radar chart as SVG in one language.
///
/// @example `let svg = radar_svg(&person_radar(&model, &eval, Some(&team)), Locale::ZhCn);`
pub fn radar_svg(chart: &RadarChart, locale: Locale) -> String {
    let count = chart.axes.len();
    let mut out = String::with_capacity(4096);
    svg::open(&mut out, WIDTH, HEIGHT, chart.title.get(locale));
    svg::heading(&mut out, CX, 30.0, 18, "middle", chart.title.get(locale));
    // Rings at levels 1–5 and their numbers along the first axis.
    for level in 1..=5 {
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
            polygon(count, |_| f64::from(level))
        );
        let (x, y) = point(0, count, f64::from(level));
        svg::text(
            &mut out,
            x + 4.0,
            y - 2.0,
            10,
            "start",
            " fill-opacity=\"0.7\"",
            &level.to_string(),
        );
    }
    let missing: Vec<bool> = (0..count)
        .map(|i| {
            chart.series.iter().any(|s| {
                s.style == SeriesStyle::Person && s.values.get(i).is_some_and(|v| v.is_none())
            })
        })
        .collect();
    for (i, axis) in chart.axes.iter().enumerate() {
        let (x, y) = point(i, count, 5.0);
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
            n(CX),
            n(CY),
            n(x),
            n(y)
        );
        let (lx, ly) = point(i, count, 5.0 + 0.55);
        let anchor = if (lx - CX).abs() < 1.0 {
            "middle"
        } else if lx > CX {
            "start"
        } else {
            "end"
        };
        let mut label = axis.get(locale).to_string();
        if missing.get(i).copied().unwrap_or(false) {
            label.push_str(" ?");
        }
        svg::text(&mut out, lx, ly + 5.0, 14, anchor, "", &label);
    }
    for series in &chart.series {
        let _ = writeln!(
            out,
            "<polygon points=\"{}\" {}><title>{}</title></polygon>",
            polygon(count, |i| series
                .values
                .get(i)
                .copied()
                .flatten()
                .unwrap_or(0.0)),
            series.style.attributes(),
            escape(series.label.get(locale))
        );
    }
    // Legend, one entry per series, centred under the chart.
    let entry = 150.0;
    let start = CX - entry * chart.series.len() as f64 / 2.0;
    for (k, series) in chart.series.iter().enumerate() {
        let x = start + entry * k as f64;
        let y = HEIGHT as f64 - 24.0;
        let dash = match series.style {
            SeriesStyle::Person => "",
            SeriesStyle::Target => " stroke-dasharray=\"7 4\"",
            SeriesStyle::TeamMean => " stroke-dasharray=\"2 3\"",
        };
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3\"{dash}/>",
            n(x),
            n(y - 5.0),
            n(x + 28.0),
            n(y - 5.0),
            series.style.color()
        );
        svg::text(
            &mut out,
            x + 34.0,
            y,
            13,
            "start",
            "",
            series.label.get(locale),
        );
    }
    out.push_str("</svg>\n");
    out
}
