//! The team heatmap: people × dimensions, each cell colored by band and labelled with the level.

use std::fmt::Write;

use super::svg::{self, band_color, escape, n, MISSING};
use crate::competency::team::Heatmap;
use crate::i18n::{Locale, Text};

const LABEL_WIDTH: f64 = 150.0;
const CELL_WIDTH: f64 = 72.0;
const CELL_HEIGHT: f64 = 26.0;
const HEADER: f64 = 120.0;
const TOP: f64 = 40.0;

/// Renders the heatmap of a team view in one language.
///
/// @example `let svg = heatmap_svg(&team.team.heatmap, Locale::En);`
pub fn heatmap_svg(heatmap: &Heatmap, locale: Locale) -> String {
    let columns = heatmap.dimension_ids.len();
    let rows = heatmap.rows.len();
    let width = (LABEL_WIDTH + CELL_WIDTH * columns as f64 + 20.0).ceil() as u32;
    let grid_top = TOP + HEADER;
    let height = (grid_top + CELL_HEIGHT * rows as f64 + 70.0).ceil() as u32;
    let title = Text::new("团队能力热力图", "Team competency heatmap");
    let mut out = String::with_capacity(256 + rows * columns * 160);
    svg::open(&mut out, width, height, title.get(locale));
    svg::heading(&mut out, 10.0, 26.0, 18, "start", title.get(locale));
    for (c, name) in heatmap.dimension_names.iter().enumerate() {
        let x = LABEL_WIDTH + CELL_WIDTH * (c as f64 + 0.5);
        let y = grid_top - 8.0;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"start\" fill=\"{}\" transform=\"rotate(-40 {} {})\">{}</text>",
            n(x),
            n(y),
            svg::INK,
            n(x),
            n(y),
            escape(name.get(locale))
        );
    }
    for (r, row) in heatmap.rows.iter().enumerate() {
        let y = grid_top + CELL_HEIGHT * r as f64;
        let label = if row.group.is_empty() {
            row.name.clone()
        } else {
            format!("{}（{}）", row.name, row.group)
        };
        svg::text(&mut out, LABEL_WIDTH - 8.0, y + 17.0, 13, "end", "", &label);
        for c in 0..columns {
            let x = LABEL_WIDTH + CELL_WIDTH * c as f64;
            let level = row.levels.get(c).copied().flatten();
            let fill = level.map_or(MISSING, band_color);
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                n(x),
                n(y),
                n(CELL_WIDTH),
                n(CELL_HEIGHT)
            );
            let content = level.map_or_else(|| "—".to_string(), |l| format!("{l:.1}"));
            svg::text(
                &mut out,
                x + CELL_WIDTH / 2.0,
                y + 17.0,
                12,
                "middle",
                "",
                &content,
            );
        }
    }
    // Legend: the five bands and "no level".
    let legend_y = grid_top + CELL_HEIGHT * rows as f64 + 24.0;
    svg::level_legend(&mut out, 10.0, legend_y, 78.0, locale);
    out.push_str("</svg>\n");
    out
}
