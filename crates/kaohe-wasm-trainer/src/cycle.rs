//! The trainer's own cycle (full module): the roster's checks, the dimensions in use, and exam
//! set-up (check as the trainer types, prepare what publishing stores).

use wasm_bindgen::prelude::*;

use kaohe::dimensions::{DimensionRef, DimensionSet, DEFAULT_DIMENSIONS};
use kaohe::error::Error;
use kaohe::exam::setup::{check_setup, prepare_exam, ExamSetup};
use kaohe::exam::Bank;
use kaohe::roster::{roster_problems, validate_roster, Roster};
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::Thrown;

#[wasm_bindgen(typescript_custom_section)]
const CYCLE_TS: &'static str = r#"
/** What `checkExam` and `prepareExam` take: the set-up and the stored banks it names. */
export interface ExamSetupParams { exam: ExamSetup; banks: Bank[] }
/** What `prepareExam` returns: the bank snapshot and blueprint publishing stores. */
export interface PreparedExam { bank: Bank; blueprint: Blueprint }
"#;

/// Validates a roster (`{ schemaVersion: 1, people }`) and returns it; the first problem is
/// thrown (`DUPLICATE_ID` at `people[3].id`, `UNKNOWN_REFERENCE` at `people[5].supervisorId`).
///
/// @example
/// ```ts
/// validateRoster({ schemaVersion: 1, people: await store.getAll("people") });
/// ```
#[wasm_bindgen(js_name = validateRoster, unchecked_return_type = "Roster")]
pub fn validate_roster_js(
    #[wasm_bindgen(unchecked_param_type = "Roster")] roster: JsValue,
) -> Result<JsValue, Thrown> {
    let roster: Roster = from_js(roster, "roster")?;
    validate_roster(&roster)?;
    to_js(&roster)
}

/// Every problem of a list of people (not only the first), as `{ code, path, message }`.
///
/// @example
/// ```ts
/// const problems = rosterProblems([...stored, edited]);
/// ```
#[wasm_bindgen(js_name = rosterProblems, unchecked_return_type = "Problem[]")]
pub fn roster_problems_js(
    #[wasm_bindgen(unchecked_param_type = "Person[]")] people: JsValue,
) -> Result<JsValue, Thrown> {
    let people: Vec<kaohe::roster::Person> = from_js(people, "people")?;
    let problems: Vec<kaohe::interop::Problem> = roster_problems(&people)
        .iter()
        .map(kaohe::interop::Problem::from)
        .collect();
    to_js(&problems)
}

/// The default dimensions a new workspace starts from: `[{ id, name }]` (Chinese names).
///
/// @example
/// ```ts
/// const ids = defaultDimensions().map((d) => d.id);   // ["product_knowledge", …]
/// ```
#[wasm_bindgen(js_name = defaultDimensions, unchecked_return_type = "DimensionRef[]")]
pub fn default_dimensions_js() -> Result<JsValue, Thrown> {
    let list: Vec<DimensionRef> = DEFAULT_DIMENSIONS
        .iter()
        .map(|(id, zh, _)| DimensionRef {
            id: (*id).to_string(),
            name: (*zh).to_string(),
        })
        .collect();
    to_js(&list)
}

/// Checks a dimension list (a model's) and one id against it: `UNKNOWN_DIMENSION` listing the
/// valid ids, at `path`.
///
/// @example
/// ```ts
/// checkDimension(modelDimensions, "corporate_culture", "items[0].tags.dimension");
/// ```
#[wasm_bindgen(js_name = checkDimension)]
pub fn check_dimension_js(
    #[wasm_bindgen(unchecked_param_type = "DimensionRef[]")] dimensions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
) -> Result<(), Thrown> {
    let id = kaohe_wasm::convert::string_arg(&id, "id")?;
    let path = kaohe_wasm::convert::string_arg(&path, "path")?;
    let (id, path) = (id.as_str(), path.as_str());
    let list: Vec<DimensionRef> =
        from_js(dimensions, "dimensions").map_err(|e| e.within_argument("dimensions"))?;
    let set = DimensionSet::from_refs(list, "dimensions")?;
    set.check(id, path)?;
    Ok(())
}

fn setup_params(params: JsValue) -> Result<(ExamSetup, Vec<Bank>), Error> {
    kaohe::exam::setup::decode_setup_params(&to_value(params, "params")?)
}

/// Checks an exam set-up against its banks: every problem with its field's path, and each
/// draw's pool (`{ pool, available, count }`), for validation next to the fields as the
/// trainer types.
///
/// @example
/// ```ts
/// const check = checkExam({ exam, banks });
/// for (const p of check.problems) showNextTo(p.path, p.message);
/// ```
#[wasm_bindgen(js_name = checkExam, unchecked_return_type = "SetupCheck")]
pub fn check_exam_js(
    #[wasm_bindgen(unchecked_param_type = "ExamSetupParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let (exam, banks) = setup_params(params)?;
    to_js(&check_setup(&exam, &banks))
}

/// The bank snapshot and blueprint a valid set-up publishes (banks combined, the exam's
/// policy applied); the first problem is thrown.
///
/// @example
/// ```ts
/// const { bank, blueprint } = prepareExam({ exam, banks });
/// ```
#[wasm_bindgen(js_name = prepareExam, unchecked_return_type = "PreparedExam")]
pub fn prepare_exam_js(
    #[wasm_bindgen(unchecked_param_type = "ExamSetupParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let (exam, banks) = setup_params(params)?;
    let (bank, blueprint) = prepare_exam(&exam, &banks)?;
    let bank = kaohe::format::to_json_value(&bank);
    let blueprint = kaohe::format::to_json_value(&blueprint);
    to_js(&serde_json::json!({ "bank": bank, "blueprint": blueprint }))
}

/// Rows of text as CSV for Excel, with the project's one CSV writer (UTF-8 with a byte-order
/// mark, CRLF, quoting): what the trainer's tables export, exactly as shown.
///
/// @example
/// ```ts
/// download("结果概览.csv", tableCsv([["工号", "姓名"], ["E1001", "李娜"]]));
/// ```
#[wasm_bindgen(js_name = tableCsv)]
pub fn table_csv_js(
    #[wasm_bindgen(unchecked_param_type = "string[][]")] rows: JsValue,
) -> Result<String, Thrown> {
    let rows: Vec<Vec<String>> = from_js(rows, "rows")?;
    Ok(kaohe::csv::write_csv(&rows))
}
