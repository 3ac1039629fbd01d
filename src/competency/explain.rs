//! The sentences that let a person follow a level:
//! "投诉处理 2.4 = 考试 58 → 2.3 × 40% + 实操评分 61 → 2.5 × 40% + 主管评 2 → 2 × 20%".

use super::defaults;
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
    let mut zh = Vec::with_capacity(sources.len());
    let mut en = Vec::with_capacity(sources.len());
    for s in sources {
        let (label_zh, label_en) = source_label(s, &dim.id);
        let raw = number(s.raw_value);
        let lvl = number(s.level);
        let pct = percent(s.weight);
        zh.push(format!("{label_zh} {raw} → {lvl} × {pct}"));
        en.push(format!("{label_en} {raw} → {lvl} × {pct}"));
    }
    Text::new(
        format!("{} {} = {}", dim.name.zh, number(level), zh.join(" + ")),
        format!("{} {} = {}", dim.name.en, number(level), en.join(" + ")),
    )
}

fn source_label(s: &SourceContribution, dimension_id: &str) -> (String, String) {
    let (zh, en) = s.kind.label();
    match s.kind {
        EvidenceKind::Kpi => match defaults::kpi(&s.key) {
            Some(k) => (k.zh.to_string(), k.en.to_string()),
            None => (s.key.clone(), s.key.clone()),
        },
        _ if s.key != dimension_id => (format!("{zh}（{}）", s.key), format!("{en} ({})", s.key)),
        _ => (zh.to_string(), en.to_string()),
    }
}

/// Up to two decimals, trailing zeros dropped: 2.40 → "2.4", 2.00 → "2".
pub fn number(value: f64) -> String {
    let text = format!("{:.2}", super::mapping::round_to(value, 2));
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// A 0–1 share as a whole percent when it is one, else with one decimal: 0.4 → "40%".
pub fn percent(share: f64) -> String {
    let pct = super::mapping::round_to(share * 100.0, 1);
    if (pct - pct.round()).abs() < 1e-9 {
        format!("{}%", pct.round())
    } else {
        format!("{pct:.1}%")
    }
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
    }
}
