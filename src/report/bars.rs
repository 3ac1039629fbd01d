//! Distribution bars: per dimension, one horizontal bar split by band (and "not enough
//! evidence"), with the mean and the share below the threshold beside it.

use std::fmt::Write;

use super::svg::{self, n, BAND_COLORS, GRID, MISSING};
use crate::competency::explain::{number, percent};
use crate::competency::TeamView;
use crate::i18n::{Locale, Text};

const LABEL_WIDTH: f64 = 160.0;
const BAR_WIDTH: f64 = 320.0;
const ROW: f64 = 34.0;
const TOP: f64 = 50.0;
const WIDTH: u32 = 780;

/// Renders the level distribution of every dimension of a team view in one language.
///
/// @example `let svg = distribution_svg(&team.team, Locale::ZhCn);`
pub fn distribution_svg(team: &TeamView, locale: Locale) -> String {
    let rows = team.dimensions.len();
    let height = (TOP + ROW * rows as f64 + 60.0).ceil() as u32;
    let title = Text::new("各维度等级分布", "Level distribution by dimension");
    let mut out = String::with_capacity(512 + rows * 900);
    svg::open(&mut out, WIDTH, height, title.get(locale));
    svg::heading(&mut out, 10.0, 28.0, 18, "start", title.get(locale));
    let headcount = f64::from(team.headcount.max(1));
    for (r, dim) in team.dimensions.iter().enumerate() {
        let y = TOP + ROW * r as f64;
        svg::text(
            &mut out,
            LABEL_WIDTH - 10.0,
            y + 18.0,
            13,
            "end",
            "",
            dim.name.get(locale),
        );
        let mut x = LABEL_WIDTH;
        let segments = dim
            .distribution
            .iter()
            .zip(BAND_COLORS.iter())
            .map(|(count, color)| (*count, *color))
            .chain(std::iter::once((dim.insufficient, MISSING)));
        for (count, color) in segments {
            if count == 0 {
                continue;
            }
            let w = BAR_WIDTH * f64::from(count) / headcount;
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"22\" fill=\"{color}\" stroke=\"#ffffff\" stroke-width=\"1\"/>",
                n(x),
                n(y + 2.0),
                n(w)
            );
            if w >= 16.0 {
                svg::text(
                    &mut out,
                    x + w / 2.0,
                    y + 18.0,
                    11,
                    "middle",
                    "",
                    &count.to_string(),
                );
            }
            x += w;
        }
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"22\" fill=\"none\" stroke=\"{GRID}\"/>",
            n(LABEL_WIDTH),
            n(y + 2.0),
            n(BAR_WIDTH)
        );
        let mean = dim.mean.map_or_else(|| "—".to_string(), number);
        let below = dim.below_share.map_or_else(|| "—".to_string(), percent);
        let note = match locale {
            Locale::ZhCn => format!("均值 {mean}｜低于阈值 {below}"),
            Locale::En => format!("mean {mean} | below threshold {below}"),
        };
        svg::text(
            &mut out,
            LABEL_WIDTH + BAR_WIDTH + 10.0,
            y + 18.0,
            12,
            "start",
            "",
            &note,
        );
    }
    let legend_y = TOP + ROW * rows as f64 + 20.0;
    svg::level_legend(&mut out, 10.0, legend_y, 80.0, locale);
    out.push_str("</svg>\n");
    out
}
