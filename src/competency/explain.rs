//! The sentences that let a person follow a level:
//! "投诉处理 2.4 = 考试 58 → 2.3 × 40% + 实操评分 61 → 2.5 × 40% + 主管评 2 → 2 × 20%".

use super::evidence::EvidenceKind;
use super::model::CompiledDimension;
use super::result::SourceContribution;
use crate::i18n::Text;

/// Explains a dimension's level from its contributions, or says why there is none.
pub fn dimension(
    dim: &CompiledDimension,
    level: Option<f64>,
    sources: &[SourceContribution],
    min_evidence: u32,
) -> Text {
    let Some(level) = level else {
        return Text::new(
            format!(
                "{}：证据不足（近 {} 天内有 {} 个来源，至少需要 {} 个），不评定等级",
                dim.name.zh,
                dim.recency_days,
                sources.len(),
                min_evidence
            ),
            format!(
                "{}: not enough evidence ({} source(s) in the last {} days, at least {} needed); no level given",
                dim.name.en,
                sources.len(),
                dim.recency_days,
                min_evidence
            ),
        );
    };
    // Written straight into one string per language: this runs 16,000 times for a team of
    // 2,000, so no intermediate strings.
    let mut zh = String::with_capacity(48 + sources.len() * 40);
    let mut en = String::with_capacity(48 + sources.len() * 40);
    for (out, name) in [(&mut zh, &dim.name.zh), (&mut en, &dim.name.en)] {
        out.push_str(name);
        out.push(' ');
        push_number(out, level);
        out.push_str(" =");
    }
    for (i, s) in sources.iter().enumerate() {
        let (kind_zh, kind_en) = s.kind.label();
        let kpi = (s.kind == EvidenceKind::Kpi)
            .then(|| {
                dim.sources
                    .iter()
                    .find(|c| c.kind == s.kind && c.key == s.key)
                    .and_then(|c| c.kpi_name.as_ref())
            })
            .flatten();
        for (out, kind, zh_side) in [(&mut zh, kind_zh, true), (&mut en, kind_en, false)] {
            out.push_str(if i == 0 { " " } else { " + " });
            match kpi {
                Some(k) => out.push_str(if zh_side { &k.zh } else { &k.en }),
                None if s.kind == EvidenceKind::Kpi => out.push_str(&s.key),
                None => {
                    out.push_str(kind);
                    if s.key != dim.id {
                        out.push_str(if zh_side { "（" } else { " (" });
                        out.push_str(&s.key);
                        out.push_str(if zh_side { "）" } else { ")" });
                    }
                }
            }
            out.push(' ');
            push_number(out, s.raw_value);
            out.push_str(" → ");
            push_number(out, s.level);
            out.push_str(" × ");
            push_percent(out, s.weight);
        }
    }
    Text::new(zh, en)
}

/// Up to two decimals, trailing zeros dropped: 2.40 → "2.4", 2.00 → "2".
pub fn number(value: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, value);
    out
}

/// Appends `value` with up to two decimals, trailing zeros dropped, without float formatting.
pub fn push_number(out: &mut String, value: f64) {
    push_fixed(out, value, 2);
}

/// Appends `value` rounded to `decimals` (0–4) places, trailing zeros dropped, "-0" avoided.
/// The digits are assembled in a stack buffer and appended once: `core::fmt` and per-character
/// pushes were most of the evaluation's time in a size-optimised build.
fn push_fixed(out: &mut String, value: f64, decimals: u32) {
    let decimals = decimals.min(4);
    let scale = 10u64.pow(decimals);
    if !value.is_finite() || value.abs() >= 1e15 {
        out.push_str(&value.to_string());
        return;
    }
    let scaled = (value * scale as f64).round();
    let magnitude = scaled.abs() as u64;
    let mut fraction = magnitude % scale;
    let mut fraction_digits = decimals;
    while fraction > 0 && fraction.is_multiple_of(10) {
        fraction /= 10;
        fraction_digits -= 1;
    }
    // Filled from the end: fraction digits, the point, the integer digits, the sign.
    let mut buffer = [0u8; 24];
    let mut start = buffer.len();
    let mut put = |byte: u8| {
        if start > 0 {
            start -= 1;
            if let Some(slot) = buffer.get_mut(start) {
                *slot = byte;
            }
        }
    };
    if fraction > 0 {
        for _ in 0..fraction_digits {
            put(b'0' + (fraction % 10) as u8);
            fraction /= 10;
        }
        put(b'.');
    }
    let mut whole = magnitude / scale;
    loop {
        put(b'0' + (whole % 10) as u8);
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    if scaled < 0.0 && magnitude > 0 {
        put(b'-');
    }
    if let Some(text) = buffer
        .get(start..)
        .and_then(|b| std::str::from_utf8(b).ok())
    {
        out.push_str(text);
    }
}

/// A 0–1 share as a percent with at most one decimal: 0.4 → "40%", 1/3 → "33.3%".
pub fn percent(share: f64) -> String {
    let mut out = String::new();
    push_percent(&mut out, share);
    out
}

/// Appends a 0–1 share as a percent with at most one decimal.
pub fn push_percent(out: &mut String, share: f64) {
    push_fixed(out, share * 100.0, 1);
    out.push('%');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_short_and_stable() {
        assert_eq!(number(2.4), "2.4");
        assert_eq!(number(2.0), "2");
        assert_eq!(number(2.456), "2.46");
        assert_eq!(number(-0.001), "0");
        assert_eq!(percent(0.4), "40%");
        assert_eq!(percent(1.0 / 3.0), "33.3%");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(0.05), "0.05");
        assert_eq!(number(1.005 + 1e-9), "1.01");
        assert_eq!(number(12.0), "12");
        assert_eq!(percent(0.7895), "79%");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(1234.5), "1234.5");
        assert_eq!(number(3.07), "3.07");
    }
}
