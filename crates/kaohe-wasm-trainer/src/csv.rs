//! `csvText`: CSV the page builds from its own rows (the trainer's list of attempts) goes through
//! the core's one writer, so it gets the same formula safety and quoting as every other export.

use wasm_bindgen::prelude::*;

use kaohe::csv::write_json_rows;
use kaohe_wasm::convert::to_value;
use kaohe_wasm::Thrown;

/// Rows as CSV for Excel: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting, and a text cell
/// that starts like a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading apostrophe; plain
/// numbers (`-3.5`) stay numbers. A cell is a string, a number or null (empty).
///
/// @example
/// ```ts
/// download("名单.csv", csvText({ rows: [["姓名", "得分"], [name, 92.5]] }), "text/csv;charset=utf-8");
/// ```
#[wasm_bindgen(js_name = csvText)]
pub fn csv_text_js(
    #[wasm_bindgen(unchecked_param_type = "{ rows: (string | number | null)[][] }")]
    params: JsValue,
) -> Result<String, Thrown> {
    let params = to_value(params, "params")?;
    let rows = params.get("rows").unwrap_or(&serde_json::Value::Null);
    Ok(write_json_rows(rows, "params.rows")?)
}
