//! The results overview's two charts: the score distribution (a histogram with the pass mark)
//! and the pass rate by team (horizontal bars). Team names come from the roster, so they are
//! escaped like every label.

use std::fmt::Write;

use super::svg::{self, n, GRID};
use crate::analytics::overview::ResultsOverview;
use crate::competency::explain::number;
use crate::format::{FromJson, ToJson};
use crate::i18n::{Locale, Text};

const GOOD: &str = "#1a7f37";
const BAD: &str = "#cf222e";
const BAR: &str = "#0969da";

/// The overview with its charts, as the page draws it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OverviewReport {
    /// The figures.
    pub overview: ResultsOverview,
    /// The score distribution as SVG (text-safe: every label escaped).
    pub histogram_svg: String,
    /// The pass rate by team as SVG.
    pub teams_svg: String,
}

/// Draws both charts. `pass_mark` (percent) is marked on the histogram; `no_team` names the
/// people without a team.
pub fn overview_report(
    overview: ResultsOverview,
    pass_mark: Option<f64>,
    no_team: &str,
    locale: Locale,
) -> OverviewReport {
    OverviewReport {
        histogram_svg: histogram_svg(&overview, pass_mark, locale),
        teams_svg: teams_svg(&overview, no_team, locale),
        overview,
    }
}

/// The score distribution: one column per bin, its count above it, the pass mark as a line.
pub fn histogram_svg(overview: &ResultsOverview, pass_mark: Option<f64>, locale: Locale) -> String {
    const W: u32 = 640;
    const H: u32 = 260;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 620.0;
    const TOP: f64 = 44.0;
    const BOTTOM: f64 = 220.0;
    let title = Text::new("得分分布（人数）", "Score distribution (people)");
    let mut out = String::with_capacity(4096);
    svg::open(&mut out, W, H, title.get(locale));
    svg::heading(&mut out, 10.0, 26.0, 16, "start", title.get(locale));
    let max = overview
        .histogram
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let bins = overview.histogram.len().max(1) as f64;
    let step = (RIGHT - LEFT) / bins;
    let _ = writeln!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
        n(LEFT),
        n(BOTTOM),
        n(RIGHT),
        n(BOTTOM)
    );
    for (i, bin) in overview.histogram.iter().enumerate() {
        let x = LEFT + step * i as f64;
        let height = (BOTTOM - TOP) * f64::from(bin.count) / f64::from(max);
        let fill = match pass_mark {
            Some(mark) if bin.from_percent >= mark => GOOD,
            Some(mark) if bin.to_percent <= mark => BAD,
            _ => BAR,
        };
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
            n(x + 2.0),
            n(BOTTOM - height),
            n((step - 4.0).max(1.0)),
            n(height)
        );
        if bin.count > 0 {
            svg::text(
                &mut out,
                x + step / 2.0,
                BOTTOM - height - 4.0,
                11,
                "middle",
                "",
                &bin.count.to_string(),
            );
        }
        svg::text(
            &mut out,
            x,
            BOTTOM + 16.0,
            10,
            "middle",
            "",
            &number(bin.from_percent),
        );
    }
    svg::text(&mut out, RIGHT, BOTTOM + 16.0, 10, "middle", "", "100");
    let axis = Text::new("得分率（%）", "Score (%)");
    svg::text(
        &mut out,
        (LEFT + RIGHT) / 2.0,
        BOTTOM + 34.0,
        11,
        "middle",
        "",
        axis.get(locale),
    );
    if let Some(mark) = pass_mark.filter(|m| m.is_finite() && (0.0..=100.0).contains(m)) {
        let x = LEFT + (RIGHT - LEFT) * mark / 100.0;
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#24292f\" stroke-dasharray=\"4 3\"/>",
            n(x),
            n(TOP - 8.0),
            n(x),
            n(BOTTOM)
        );
        let label = match locale {
            Locale::ZhCn => format!("及格线 {}%", number(mark)),
            Locale::En => format!("pass mark {}%", number(mark)),
        };
        let anchor = if mark > 80.0 { "end" } else { "start" };
        let dx = if mark > 80.0 { -4.0 } else { 4.0 };
        svg::text(&mut out, x + dx, TOP - 10.0, 11, anchor, "", &label);
    }
    out.push_str("</svg>\n");
    out
}

/// The pass rate by team: one bar per team, its rate and "passed / candidates" beside it.
pub fn teams_svg(overview: &ResultsOverview, no_team: &str, locale: Locale) -> String {
    const W: u32 = 640;
    const LABEL: f64 = 150.0;
    const BAR_W: f64 = 320.0;
    const ROW: f64 = 30.0;
    const TOP: f64 = 44.0;
    let rows = overview.teams.len();
    let height = (TOP + ROW * rows as f64 + 16.0).ceil() as u32;
    let title = Text::new("各班组通过率", "Pass rate by team");
    let mut out = String::with_capacity(1024 + rows * 600);
    svg::open(&mut out, W, height, title.get(locale));
    svg::heading(&mut out, 10.0, 26.0, 16, "start", title.get(locale));
    for (i, team) in overview.teams.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let name = if team.team.is_empty() {
            no_team
        } else {
            &team.team
        };
        svg::text(&mut out, LABEL - 8.0, y + 16.0, 12, "end", "", name);
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"#f6f8fa\" stroke=\"{GRID}\"/>",
            n(LABEL),
            n(y + 2.0),
            n(BAR_W)
        );
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{BAR}\"/>",
            n(LABEL),
            n(y + 2.0),
            n(BAR_W * team.pass_rate / 100.0)
        );
        let rate = one_decimal(team.pass_rate);
        let note = match locale {
            Locale::ZhCn => format!("{rate}%（{} / {} 人）", team.passed, team.candidates),
            Locale::En => format!("{rate}% ({} of {})", team.passed, team.candidates),
        };
        svg::text(
            &mut out,
            LABEL + BAR_W + 8.0,
            y + 16.0,
            12,
            "start",
            "",
            &note,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// A percent with at most one decimal, as the page's tables show it (rounded once, here).
fn one_decimal(value: f64) -> String {
    let mut out = String::new();
    crate::competency::explain::push_percent(&mut out, value / 100.0);
    out.pop(); // the '%' the helper appends; callers place their own
    out
}
