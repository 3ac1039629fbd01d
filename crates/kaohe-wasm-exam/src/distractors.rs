//! The distractor columns of an item analysis as typed arrays on the analysis object: the numbers
//! of every item's options cross in a dozen copies instead of as JSON text and objects.

use js_sys::{Array, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use kaohe::analytics::{DistractorColumns, StatisticColumn, UndefinedReason};

#[wasm_bindgen(typescript_custom_section)]
const DISTRACTORS_TS: &'static str = r#"
/** One statistic per option: its value (NaN when undefined) and why it is undefined. */
export interface StatisticColumn {
  value: Float64Array;
  /** 0 when defined; otherwise 1 + the position of the reason in `DistractorColumns.reasons`. */
  reason: Uint8Array;
}

/**
 * Every item's options as columns, one entry per option, item by item: what
 * `analyze({ distractors: "columns" })` returns in `distractors` (each item's `options` is then
 * empty). The same numbers as `OptionStatistics`; `label` is the letter of `option` (0 = A).
 */
export interface DistractorColumns {
  /** The item's `index`. */
  item: Uint32Array;
  option: Uint32Array;
  /** 1 when the option is (one of) the correct answer(s). */
  isKey: Uint8Array;
  count: Uint32Array;
  upperCount: Uint32Array;
  lowerCount: Uint32Array;
  share: StatisticColumn;
  meanRestScore: StatisticColumn;
  correlationWithRest: StatisticColumn;
  /** The reasons' names as `Statistic.reason` writes them, in code order (code 1 first). */
  reasons: UndefinedReason[];
}

/** An item analysis; `distractors` is present when the options asked for columns. */
export type CohortItemAnalysis = ItemAnalysis & { distractors?: DistractorColumns };
"#;

fn set(target: &Object, key: &str, value: &JsValue) {
    // Reflect::set only fails on frozen or proxied targets; these objects are fresh.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn statistic(column: &StatisticColumn) -> Object {
    let out = Object::new();
    set(&out, "value", &Float64Array::from(column.value.as_slice()));
    set(&out, "reason", &Uint8Array::from(column.reason.as_slice()));
    out
}

/// Puts `columns` on `analysis` (the parsed analysis object) as `distractors`.
pub(crate) fn attach(analysis: &JsValue, columns: &DistractorColumns) {
    let out = Object::new();
    let u32s = |v: &Vec<u32>| JsValue::from(Uint32Array::from(v.as_slice()));
    set(&out, "item", &u32s(&columns.item));
    set(&out, "option", &u32s(&columns.option));
    set(&out, "isKey", &Uint8Array::from(columns.is_key.as_slice()));
    set(&out, "count", &u32s(&columns.count));
    set(&out, "upperCount", &u32s(&columns.upper_count));
    set(&out, "lowerCount", &u32s(&columns.lower_count));
    set(&out, "share", &statistic(&columns.share));
    set(&out, "meanRestScore", &statistic(&columns.mean_rest_score));
    set(
        &out,
        "correlationWithRest",
        &statistic(&columns.correlation_with_rest),
    );
    let reasons: Array = UndefinedReason::ALL
        .iter()
        .map(|r| JsValue::from_str(r.name()))
        .collect();
    set(&out, "reasons", &reasons);
    if let Some(target) = analysis.dyn_ref::<Object>() {
        set(target, "distractors", &out);
    }
}
