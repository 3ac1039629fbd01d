//! Roster import (interop module): the bank importer's table machinery, for people.

use wasm_bindgen::prelude::*;

use kaohe::roster::import::{import_roster, RosterFormat, RosterImportOptions};
use kaohe_wasm::convert::to_js;
use kaohe_wasm::Thrown;

#[wasm_bindgen(typescript_custom_section)]
const ROSTER_TS: &'static str = r#"
/** What `importRoster` takes: the file's format and the import options. */
export interface RosterImportParams extends RosterImportOptions { format: RosterFormat }
"#;

/// Imports a roster (人员名册) from an `.xlsx` or CSV file's bytes. With problems and without
/// `acceptPartial`, `people` is null and every problem is listed by cell (`人员!C7`).
///
/// @example
/// ```ts
/// const out = importRoster(bytes, { format: "xlsx", roles, existingIds });
/// if (out.people === null) showProblems(out.problems);
/// ```
#[wasm_bindgen(js_name = importRoster, unchecked_return_type = "RosterImport")]
pub fn import_roster_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RosterImportParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let bytes = &kaohe_wasm::convert::bytes_arg(&bytes, "bytes")?[..];
    let (format, options): (RosterFormat, RosterImportOptions) =
        crate::import_params(params, ["xlsx 或 csv", "xlsx or csv"])?;
    to_js(&import_roster(bytes, format, &options)?)
}
