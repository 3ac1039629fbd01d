//! The KPI import from a file's bytes, on the core's shared decoder with the browser's GB18030.

use wasm_bindgen::prelude::*;

use kaohe_wasm::convert::to_js;
use kaohe_wasm::text::BrowserDecoder;
use kaohe_wasm::Thrown;

/// Reads a KPI spreadsheet export from the file's bytes, in UTF-8, UTF-16 or GBK (Excel's plain
/// "CSV (逗号分隔)" on Chinese Windows), detected; otherwise as `importKpiCsv`.
///
/// @example
/// ```ts
/// const { evidence } = importKpiCsvBytes(new Uint8Array(await file.arrayBuffer()));
/// ```
#[wasm_bindgen(js_name = importKpiCsvBytes, unchecked_return_type = "KpiImport")]
pub fn import_kpi_csv_bytes_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<JsValue, Thrown> {
    let bytes = &kaohe_wasm::convert::bytes_arg(&bytes, "bytes")?[..];
    to_js(&kaohe::competency::import_kpi_csv_bytes(
        bytes,
        &BrowserDecoder,
    )?)
}

/// A file's bytes as text, with the encoding the shared decoder detected (UTF-8, UTF-16 with a
/// mark, or GB18030 for Excel's plain "CSV (逗号分隔)" on Chinese Windows), so a page can show
/// a preview of a KPI file before it is stored.
///
/// @example
/// ```ts
/// const { text, encoding } = textFromBytes(new Uint8Array(await file.arrayBuffer()));
/// ```
#[wasm_bindgen(
    js_name = textFromBytes,
    unchecked_return_type = "{ text: string; encoding: string; detected: boolean }"
)]
pub fn decode_text_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
) -> Result<JsValue, Thrown> {
    let bytes = &kaohe_wasm::convert::bytes_arg(&bytes, "bytes")?[..];
    let decoded = kaohe::encoding::decode_text(bytes, None, &BrowserDecoder)?;
    let value = serde_json::json!({
        "text": decoded.text,
        "encoding": decoded.encoding.label(),
        "detected": decoded.detected,
    });
    to_js(&value)
}
