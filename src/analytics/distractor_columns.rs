//! The distractor tables of every item as columns: one entry per (item, option), item by item.
//!
//! A cohort's item analysis is a few dozen numbers per item and, for choice items, nine per
//! option. As objects, the options are three quarters of the result and most of what a browser
//! spends turning it into JavaScript (JSON text, parsing, and the garbage both leave). As columns
//! they cross as a handful of typed arrays. The page's analysis view asks for them this way
//! ([`DistractorLayout::Columns`](super::DistractorLayout)); the default result keeps the options
//! inside each item, for embedders and for saving.

use super::item_stats::{ItemStatistics, OptionStatistics};
use super::stats::{Statistic, UndefinedReason};

/// One statistic per entry: its value (NaN when undefined) and why it is undefined.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatisticColumn {
    /// The value; NaN when undefined.
    pub value: Vec<f64>,
    /// 0 when defined; otherwise 1 + the reason's position in [`UndefinedReason::ALL`].
    pub reason: Vec<u8>,
}

impl StatisticColumn {
    fn push(&mut self, s: Statistic) {
        self.value.push(s.value.unwrap_or(f64::NAN));
        self.reason.push(s.reason.map_or(0, UndefinedReason::code));
    }
}

/// Every item's options, in item then option order (the order of `items[].options`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DistractorColumns {
    /// The item's `index`.
    pub item: Vec<u32>,
    /// Option index, 0 = A.
    pub option: Vec<u32>,
    /// 1 when the option is (one of) the correct answer(s).
    pub is_key: Vec<u8>,
    /// Candidates who chose it.
    pub count: Vec<u32>,
    /// Choosers in the upper group.
    pub upper_count: Vec<u32>,
    /// Choosers in the lower group.
    pub lower_count: Vec<u32>,
    /// Share of the item's candidates who chose it.
    pub share: StatisticColumn,
    /// Mean rest score of those who chose it.
    pub mean_rest_score: StatisticColumn,
    /// Point-biserial correlation of choosing it with the rest score.
    pub correlation_with_rest: StatisticColumn,
}

impl DistractorColumns {
    /// Moves every item's options into columns, leaving `items[].options` empty.
    pub(crate) fn take_from(items: &mut [ItemStatistics]) -> DistractorColumns {
        let entries = items.iter().map(|i| i.options.len()).sum();
        let mut out = DistractorColumns::with_capacity(entries);
        for item in items {
            for o in std::mem::take(&mut item.options) {
                out.push(item.index, &o);
            }
        }
        out
    }

    fn with_capacity(n: usize) -> DistractorColumns {
        let column = || StatisticColumn {
            value: Vec::with_capacity(n),
            reason: Vec::with_capacity(n),
        };
        DistractorColumns {
            item: Vec::with_capacity(n),
            option: Vec::with_capacity(n),
            is_key: Vec::with_capacity(n),
            count: Vec::with_capacity(n),
            upper_count: Vec::with_capacity(n),
            lower_count: Vec::with_capacity(n),
            share: column(),
            mean_rest_score: column(),
            correlation_with_rest: column(),
        }
    }

    fn push(&mut self, item: u32, o: &OptionStatistics) {
        self.item.push(item);
        self.option.push(o.option);
        self.is_key.push(u8::from(o.is_key));
        self.count.push(o.count);
        self.upper_count.push(o.upper_count);
        self.lower_count.push(o.lower_count);
        self.share.push(o.share);
        self.mean_rest_score.push(o.mean_rest_score);
        self.correlation_with_rest.push(o.correlation_with_rest);
    }

    /// Entries (options of all items together).
    pub fn len(&self) -> usize {
        self.item.len()
    }

    /// No item has options.
    pub fn is_empty(&self) -> bool {
        self.item.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::{analyse_items, synthetic_matrix, AnalysisOptions, DistractorLayout};

    #[test]
    fn columns_hold_each_items_options_in_order() {
        let matrix = synthetic_matrix(150, 12, 3);
        let per_item = analyse_items(&matrix, &AnalysisOptions::default()).unwrap();
        assert_eq!(per_item.distractors, None);
        let options = AnalysisOptions {
            distractors: DistractorLayout::Columns,
            ..AnalysisOptions::default()
        };
        let columns = analyse_items(&matrix, &options).unwrap();
        let d = columns.distractors.clone().unwrap();
        let mut expected = DistractorColumns::default();
        for item in &per_item.items {
            for o in &item.options {
                expected.push(item.index, o);
            }
        }
        assert!(!d.is_empty());
        assert_eq!(d, expected);
        // Everything else is the same analysis.
        let mut emptied = per_item.clone();
        for item in &mut emptied.items {
            item.options.clear();
        }
        assert_eq!(columns.items, emptied.items);
        assert_eq!(
            (&columns.exam, &columns.flags),
            (&per_item.exam, &per_item.flags)
        );
        let json = crate::format::to_json_string(&columns);
        assert!(json.contains(r#""distractors":"columns""#), "{json}");
    }

    #[test]
    fn an_unknown_layout_is_an_error_at_its_path() {
        let value = serde_json::json!({ "distractors": "table" });
        let e = crate::format::decode_value::<AnalysisOptions>(&value).unwrap_err();
        assert!(e.path().starts_with("distractors"), "{}", e.path());
    }
}
