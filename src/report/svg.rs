//! Small helpers shared by the charts: escaping, fixed number formatting, the document frame.

use std::fmt::Write;

use crate::i18n::{Locale, Text};

/// Font stack that renders Chinese on Windows, macOS, Linux and in print.
pub const FONT_FAMILY: &str = "'Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif";
/// Text color.
pub const INK: &str = "#24292f";
/// Grid and axis color.
pub const GRID: &str = "#c8ccd0";
/// Colors of bands 1…5, red to green, distinguishable in greyscale print by lightness.
pub const BAND_COLORS: [&str; 5] = ["#d73027", "#fc8d59", "#fee08b", "#91cf60", "#1a9850"];
/// Fill of a cell without a level.
pub const MISSING: &str = "#eeeeee";

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with one decimal, never "-0.0", never NaN (0 instead).
pub fn n(value: f64) -> String {
    if !value.is_finite() {
        return "0.0".to_string();
    }
    let text = format!("{value:.1}");
    if text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

/// Opens an SVG document with an explicit size, viewBox, font and white background.
pub fn open(out: &mut String, width: u32, height: u32, title: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FONT_FAMILY}\" role=\"img\">\n<title>{}</title>\n<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
        escape(title)
    );
}

/// Writes a bold text element: the charts' titles and panel titles.
pub fn heading(out: &mut String, x: f64, y: f64, size: u32, anchor: &str, content: &str) {
    text(out, x, y, size, anchor, " font-weight=\"bold\"", content);
}

/// Writes a text element.
pub fn text(out: &mut String, x: f64, y: f64, size: u32, anchor: &str, extra: &str, content: &str) {
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{INK}\"{extra}>{}</text>",
        n(x),
        n(y),
        escape(content)
    );
}

/// The color of a level's band.
pub fn band_color(level: f64) -> &'static str {
    let band = crate::competency::mapping::band(level) as usize;
    BAND_COLORS
        .get(band.saturating_sub(1))
        .copied()
        .unwrap_or(MISSING)
}

/// The level legend under a chart: a swatch per band (1–5 级 / Level 1–5), then the swatch for
/// "not enough evidence", starting at `x` on the line `y`, `step` apart.
pub fn level_legend(out: &mut String, mut x: f64, y: f64, step: f64, locale: Locale) {
    for (b, color) in BAND_COLORS.iter().enumerate() {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{color}\" stroke=\"{GRID}\"/>",
            n(x),
            n(y)
        );
        let label = match locale {
            Locale::ZhCn => format!("{}级", b + 1),
            Locale::En => format!("Level {}", b + 1),
        };
        text(out, x + 22.0, y + 13.0, 12, "start", "", &label);
        x += step;
    }
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{MISSING}\" stroke=\"{GRID}\"/>",
        n(x),
        n(y)
    );
    let none = Text::new("证据不足", "Not enough evidence");
    text(out, x + 22.0, y + 13.0, 12, "start", "", none.get(locale));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_formats_numbers() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(n(-0.01), "0.0");
        assert_eq!(n(f64::NAN), "0.0");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(band_color(2.7), BAND_COLORS[1]);
    }
}
