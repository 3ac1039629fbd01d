//! Interop at the boundary, compiled only with the `interop` feature into its own module
//! (`www/pkg-interop/kaohe_interop.js`), which the page loads when a trainer opens the import or
//! export view: question banks in from `.xlsx`, CSV, GIFT and Aiken, out to the same formats,
//! the template workbook, the results CSV and xAPI statements.

use js_sys::{Object, Reflect, Uint8Array};
use kaohe::format::FromJson;
use serde_json::Value;
use wasm_bindgen::prelude::*;

pub mod roster_import;

use kaohe::error::Error;
use kaohe::interop::import::import_bank_with;
use kaohe::interop::stored::{
    attempt_statements, export_bank_file, record_statements, results_csv_of, strip_stored_attempts,
    take_format, ResultsCsvParams, XapiParams,
};
use kaohe::interop::xlsx::template_xlsx;
use kaohe::interop::{import::BankFormat, ImportOptions};
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::Thrown;

#[wasm_bindgen(typescript_custom_section)]
const INTEROP_TS: &'static str = r#"
/** What `importBank` takes: the file's format and the import options. */
export interface ImportParams extends ImportOptions { format: BankFormat }
/** A bank exported to a file: `text` for CSV, GIFT and Aiken, `bytes` for .xlsx. */
export interface BankExport {
  text?: string;
  bytes?: Uint8Array;
  /** Items the format cannot hold, located as `items[3]`, with the reason. */
  skipped: Problem[];
  /** A file name for the download, from the bank's title. */
  fileName: string;
  /** The file's MIME type. */
  mimeType: string;
}
/** One stored attempt for `xapiStatements` and `resultsCsv`: the records the page keeps. */
export interface StoredRecords {
  /** The `attempts` record (its `packed` bytes and `events` are ignored). */
  attempt: Record<string, unknown>;
  /** The stored `ExamResult` (the `results` record's `result`). */
  result: ExamResult;
}
/** What `xapiStatements` takes. */
export interface XapiParams extends StoredRecords { bank: Bank; options?: XapiOptions }
/** What `resultsCsv` takes: attempts and the banks they were drawn from. */
export interface ResultsCsvParams { records: StoredRecords[]; banks: Bank[]; options?: XapiOptions }
"#;

/// Imports a question bank from a file's bytes. With problems and without `acceptPartial`, the
/// outcome has `bank: null` and lists every problem (sheet!cell, or line); with
/// `acceptPartial: true` the good rows become the bank and the bad ones are listed as skipped.
/// The bank is checked by the exam engine before it is returned.
///
/// @example
/// ```ts
/// const bytes = new Uint8Array(await file.arrayBuffer());
/// const out = importBank(bytes, { format: "xlsx", title: "售后题库" });
/// if (out.bank === null) showProblems(out.problems);                   // nothing imported
/// else await store.put("banks", out.bank);
/// ```
#[wasm_bindgen(js_name = importBank, unchecked_return_type = "ImportOutcome")]
pub fn import_bank_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ImportParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let bytes = &kaohe_wasm::convert::bytes_arg(&bytes, "bytes")?[..];
    let (format, options): (BankFormat, ImportOptions) = import_params(
        params,
        ["xlsx、csv、gift 或 aiken", "xlsx, csv, gift or aiken"],
    )?;
    to_js(&import_bank_with(
        bytes,
        format,
        &options,
        &kaohe_wasm::text::BrowserDecoder,
    )?)
}

/// The empty template workbook (题库 sheet with headers and one example row per type, and a
/// 填写说明 sheet), for trainers to fill in and import.
///
/// @example
/// ```ts
/// download("题库模板.xlsx", new Blob([templateXlsx()]));
/// ```
#[wasm_bindgen(js_name = templateXlsx)]
pub fn template_xlsx_js() -> Vec<u8> {
    template_xlsx()
}

/// Exports a bank (checked by the exam engine first) to `format`. Items the format cannot hold
/// are left out and listed in `skipped`.
///
/// @example
/// ```ts
/// const out = exportBank(bank, "gift");
/// download(out.fileName, new Blob([out.text ?? out.bytes], { type: out.mimeType }));
/// ```
#[wasm_bindgen(js_name = exportBank, unchecked_return_type = "BankExport")]
pub fn export_bank(
    #[wasm_bindgen(unchecked_param_type = "Bank")] bank: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BankFormat")] format: JsValue,
) -> Result<JsValue, Thrown> {
    let bank: Value = from_js(bank, "bank")?;
    let format: BankFormat = from_js(format, "format")?;
    let file = export_bank_file(&bank, format)?;
    let object = Object::new();
    if let Some(text) = file.text {
        set(&object, "text", &text.into());
    }
    if let Some(bytes) = file.bytes {
        set(&object, "bytes", &Uint8Array::from(bytes.as_slice()).into());
    }
    set(&object, "skipped", &to_js(&file.skipped)?);
    set(&object, "fileName", &file.file_name.into());
    set(&object, "mimeType", &file.mime_type.into());
    Ok(object.into())
}

/// The xAPI statements of a record other than an exam attempt, under the kaohe profile
/// (docs/imports.md): a practical scorecard (`scored`, the rater as instructor, the criteria in
/// an extension), a competency evaluation (`scored` per dimension) or a development plan
/// (`registered` per goal, `progressed` per goal in each check-in). Ids are stable.
///
/// @example
/// ```ts
/// const statements = xapiRecordStatements({ scorecard: { schemaVersion: 1, scorecardId, actor,
///   rater, rubric: { id, name }, criteria, score, scoredAt } });
/// ```
#[wasm_bindgen(js_name = xapiRecordStatements, unchecked_return_type = "unknown[]")]
pub fn xapi_record_statements(
    #[wasm_bindgen(
        unchecked_param_type = "{ scorecard: XapiScorecard } | { evaluation: XapiEvaluation } | { plan: XapiPlan }"
    )]
    params: JsValue,
) -> Result<JsValue, Thrown> {
    let value = to_value(params, "params")?;
    to_js(&record_statements(&value)?)
}

/// The xAPI 1.0.3 statements of a submitted attempt, built from the stored records and the
/// bank: `answered` per answered item, then `completed`, `passed` or `failed`, and `scored`.
/// Ids are UUID v5 of the attempt, so building them again gives the same statements.
///
/// @example
/// ```ts
/// const statements = xapiStatements({ attempt, result: record.result, bank,
///   options: { accountHomePage: "https://hr.example.com" } });
/// await fetch(`${lrs}/statements`, { method: "POST", body: JSON.stringify(statements), headers });
/// ```
#[wasm_bindgen(js_name = xapiStatements, unchecked_return_type = "unknown[]")]
pub fn xapi_statements(
    #[wasm_bindgen(unchecked_param_type = "XapiParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: XapiParams = decode_records(params)?;
    to_js(&attempt_statements(&params)?)
}

/// Every attempt's per-item results in one CSV (UTF-8 with BOM): 工号, 姓名, 考试, 开始时间,
/// 交卷时间, 题号, 题型, 题干, 作答, 正确答案, 得分, 满分, 结果; a 合计 row ends each attempt.
///
/// @example
/// ```ts
/// download("考试结果.csv", resultsCsv({ records, banks }), "text/csv;charset=utf-8");
/// ```
#[wasm_bindgen(js_name = resultsCsv)]
pub fn results_csv_js(
    #[wasm_bindgen(unchecked_param_type = "ResultsCsvParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: ResultsCsvParams = decode_records(params)?;
    Ok(results_csv_of(&params)?)
}

/// Decodes params holding stored attempts. A stored attempt carries its answers packed as a
/// `Uint8Array` and its event log, which these exports do not read: they are dropped from the
/// JSON before decoding. Everything goes through the one checked conversion (`to_value`), so a
/// hostile argument (a proxy that throws, a cycle) is a coded `WRONG_TYPE`, never an exception
/// thrown through the module. The caller's objects are not changed.
fn decode_records<T: kaohe::format::FromJson>(params: JsValue) -> Result<T, Error> {
    if params.is_undefined() || params.is_null() {
        return from_js(params, "params");
    }
    let mut value = kaohe_wasm::convert::to_value(params, "params")?;
    strip_stored_attempts(&mut value);
    kaohe::format::decode_value(&value)
}

/// The import functions' params (`importBank`, `importRoster`): the format taken out of the
/// object, the rest decoded as the options. They take two arguments (the bytes and these), so
/// errors are under `params`.
pub(crate) fn import_params<F: FromJson, O: FromJson>(
    params: JsValue,
    choices: [&str; 2],
) -> Result<(F, O), Error> {
    let mut value = to_value(params, "params")?;
    let format = take_format(&mut value, choices).map_err(|e| e.within("params"))?;
    let options = kaohe::format::decode(&value).map_err(|e| e.within("params"))?;
    Ok((format, options))
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Reflect::set only fails on frozen or proxied targets; this object is fresh.
    let _ = Reflect::set(object, &key.into(), value);
}
