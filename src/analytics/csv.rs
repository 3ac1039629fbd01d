//! The item table as CSV for spreadsheets, through the one writer ([`crate::csv::CsvWriter`]:
//! BOM, CRLF, formula-safe cells): one row per item, undefined statistics as empty cells.

use super::analysis::ItemAnalysis;
use super::flags::FlagCode;
use super::stats::Statistic;
use crate::csv::CsvWriter;
use crate::i18n::Locale;

const HEADERS_ZH: [&str; 12] = [
    "序号",
    "题目编号",
    "满分",
    "统计人数",
    "作答人数",
    "得分率",
    "标准差",
    "区分度",
    "区分效率",
    "高低分组区分指数",
    "删除该题后α系数",
    "标记",
];

const HEADERS_EN: [&str; 12] = [
    "No.",
    "Item id",
    "Max points",
    "Responses",
    "Answered",
    "Facility",
    "SD",
    "Discrimination",
    "Discriminative efficiency",
    "Upper-lower index",
    "Alpha if deleted",
    "Flags",
];

fn flag_name(code: FlagCode, locale: Locale) -> &'static str {
    match (code, locale) {
        (FlagCode::TooEasy, Locale::ZhCn) => "过易",
        (FlagCode::TooEasy, Locale::En) => "too easy",
        (FlagCode::TooHard, Locale::ZhCn) => "过难",
        (FlagCode::TooHard, Locale::En) => "too hard",
        (FlagCode::LowDiscrimination, Locale::ZhCn) => "区分度低",
        (FlagCode::LowDiscrimination, Locale::En) => "low discrimination",
        (FlagCode::NegativeDiscrimination, Locale::ZhCn) => "区分度为负",
        (FlagCode::NegativeDiscrimination, Locale::En) => "negative discrimination",
        (FlagCode::UnusedDistractor, Locale::ZhCn) => "干扰项无人选",
        (FlagCode::UnusedDistractor, Locale::En) => "unused distractor",
        (FlagCode::DistractorFavoursUpperGroup, Locale::ZhCn) => "干扰项高分组多选",
        (FlagCode::DistractorFavoursUpperGroup, Locale::En) => "distractor favours upper group",
    }
}

fn number_cell(stat: &Statistic) -> String {
    stat.value.map_or_else(String::new, |v| format!("{v:.4}"))
}

/// The item table in the given language.
///
/// ```
/// use kaohe::analytics::{analyse_items, item_table_csv, synthetic_matrix, AnalysisOptions};
/// use kaohe::Locale;
/// let report = analyse_items(&synthetic_matrix(50, 3, 1), &AnalysisOptions::default()).unwrap();
/// let csv = item_table_csv(&report, Locale::ZhCn);
/// assert!(csv.starts_with("\u{feff}序号,题目编号"));
/// assert_eq!(csv.lines().count(), 4);
/// ```
pub fn item_table_csv(analysis: &ItemAnalysis, locale: Locale) -> String {
    let headers = match locale {
        Locale::ZhCn => HEADERS_ZH,
        Locale::En => HEADERS_EN,
    };
    let separator = match locale {
        Locale::ZhCn => "；",
        Locale::En => "; ",
    };
    let mut csv = CsvWriter::new();
    csv.row(headers);
    for item in &analysis.items {
        let mut flags: Vec<&str> = analysis
            .flags
            .iter()
            .filter(|f| f.item_index == item.index)
            .map(|f| flag_name(f.code, locale))
            .collect();
        flags.dedup();
        let cells = [
            (item.index + 1).to_string(),
            item.item_id.clone(),
            format!("{}", item.max_points),
            item.responses.to_string(),
            item.answered.to_string(),
            number_cell(&item.facility),
            number_cell(&item.sd),
            number_cell(&item.discrimination),
            number_cell(&item.discriminative_efficiency),
            number_cell(&item.upper_lower_index),
            number_cell(&item.alpha_if_deleted),
            flags.join(separator),
        ];
        csv.row(cells);
    }
    csv.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_statistics_are_empty_cells() {
        use super::super::stats::UndefinedReason;
        assert_eq!(
            number_cell(&Statistic::undefined(UndefinedReason::ZeroVariance)),
            ""
        );
        assert_eq!(number_cell(&Statistic::of(0.12345)), "0.1235");
    }
}
