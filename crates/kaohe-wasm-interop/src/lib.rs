//! Interop at the boundary, compiled only with the `interop` feature into its own module
//! (`www/pkg-interop/kaohe_interop.js`), which the page loads when a trainer opens the import or
//! export view: question banks in from `.xlsx`, CSV, GIFT and Aiken, out to the same formats,
//! the template workbook, the results CSV and xAPI statements.

use js_sys::{Object, Reflect, Uint8Array};
use kaohe::format::FromJson;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use kaohe::error::{Error, ErrorCode};
use kaohe::interop::export::{export_aiken, export_csv, export_gift, export_xlsx, results_csv};
use kaohe::interop::from_exam::{xapi_attempt, StoredAttempt, StoredResult, XapiOptions};
use kaohe::interop::import::{check_bank, import_bank_with};
use kaohe::interop::xapi::{statements, XapiAttempt};
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
    bytes: &[u8],
    #[wasm_bindgen(unchecked_param_type = "ImportParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let mut value = to_value(params, "params")?;
    let format = value
        .as_object_mut()
        .and_then(|m| m.remove("format"))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                "params.format",
                "缺少文件格式 format（xlsx、csv、gift 或 aiken）",
                "params.format is missing (xlsx, csv, gift or aiken)",
            )
        })?;
    let format: BankFormat =
        kaohe::format::decode(&format).map_err(|e| e.within("params.format"))?;
    let options: ImportOptions = kaohe::format::decode(&value).map_err(|e| e.within("params"))?;
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
    check_bank(&bank)?;
    let title = bank
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("题库")
        .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_");
    let (text, bytes, skipped, ext, mime) = match format {
        BankFormat::Xlsx => {
            let out = export_xlsx(&bank);
            let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            (None, Some(out.bytes), out.skipped, "xlsx", mime)
        }
        BankFormat::Csv => {
            let out = export_csv(&bank);
            (
                Some(out.text),
                None,
                out.skipped,
                "csv",
                "text/csv;charset=utf-8",
            )
        }
        BankFormat::Gift => {
            let out = export_gift(&bank);
            (
                Some(out.text),
                None,
                out.skipped,
                "gift.txt",
                "text/plain;charset=utf-8",
            )
        }
        BankFormat::Aiken => {
            let out = export_aiken(&bank);
            (
                Some(out.text),
                None,
                out.skipped,
                "aiken.txt",
                "text/plain;charset=utf-8",
            )
        }
    };
    let object = Object::new();
    if let Some(text) = text {
        set(&object, "text", &text.into());
    }
    if let Some(bytes) = bytes {
        set(&object, "bytes", &Uint8Array::from(bytes.as_slice()).into());
    }
    set(&object, "skipped", &to_js(&skipped)?);
    set(&object, "fileName", &format!("{title}.{ext}").into());
    set(&object, "mimeType", &mime.into());
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
    use kaohe::interop::xapi_records::{
        evaluation_statements, plan_statements, scorecard_statements,
    };
    let value = to_value(params, "params")?;
    let one = |key: &str| value.get(key).cloned();
    let statements = if let Some(v) = one("scorecard") {
        scorecard_statements(&kaohe::format::decode(&v).map_err(|e| e.within("scorecard"))?)
            .map_err(|e| e.within("scorecard"))?
    } else if let Some(v) = one("evaluation") {
        evaluation_statements(&kaohe::format::decode(&v).map_err(|e| e.within("evaluation"))?)
            .map_err(|e| e.within("evaluation"))?
    } else if let Some(v) = one("plan") {
        plan_statements(&kaohe::format::decode(&v).map_err(|e| e.within("plan"))?)
            .map_err(|e| e.within("plan"))?
    } else {
        return Err(Error::new(
            ErrorCode::MissingField,
            "params",
            "需要 scorecard、evaluation 或 plan 之一",
            "params needs one of scorecard, evaluation or plan",
        )
        .into());
    };
    to_js(&statements)
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
    let bank = params.bank;
    check_bank(&bank)?;
    let attempt = to_attempt(&params.attempt, &params.result, &bank, &params.options)?;
    to_js(&statements(&attempt)?)
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
    for (i, bank) in params.banks.iter().enumerate() {
        check_bank(bank).map_err(|e| e.within(&format!("banks[{i}]")))?;
    }
    let mut attempts = Vec::with_capacity(params.records.len());
    for (i, record) in params.records.iter().enumerate() {
        let bank_id = record.attempt.paper.bank_id.as_str();
        let bank = params
            .banks
            .iter()
            .find(|b| b.get("id").and_then(Value::as_str) == Some(bank_id))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownReference,
                    format!("records[{i}].attempt.paper.bankId"),
                    format!("找不到题库 “{bank_id}”"),
                    format!("bank \"{bank_id}\" is not among the banks given"),
                )
            })?;
        attempts.push((
            to_attempt(&record.attempt, &record.result, bank, &params.options)
                .map_err(|e| e.within(&format!("records[{i}]")))?,
            bank,
        ));
    }
    let offset = params.options.utc_offset_minutes.unwrap_or(480);
    Ok(results_csv(&attempts, offset))
}

#[derive(FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct XapiParams {
    attempt: StoredAttempt,
    result: StoredResult,
    bank: Value,
    #[serde(default)]
    options: XapiOptions,
}

#[derive(FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Record {
    attempt: StoredAttempt,
    result: StoredResult,
}

#[derive(FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ResultsCsvParams {
    records: Vec<Record>,
    banks: Vec<Value>,
    #[serde(default)]
    options: XapiOptions,
}

fn to_attempt(
    attempt: &StoredAttempt,
    result: &StoredResult,
    bank: &Value,
    options: &XapiOptions,
) -> Result<XapiAttempt, Error> {
    xapi_attempt(attempt, result, bank, options)
}

/// Decodes params holding stored attempts. A stored attempt carries its answers packed as a
/// `Uint8Array`, which is not JSON: a stored record is passed as is, so the binding converts
/// copies without those bytes (and the event log). The caller's objects are not changed.
fn decode_records<T: kaohe::format::FromJson>(params: JsValue) -> Result<T, Error> {
    if !params.is_object() {
        return from_js(params, "params");
    }
    let copy = without_packed(&params);
    if let Ok(records) = Reflect::get(&copy, &"records".into()) {
        if js_sys::Array::is_array(&records) {
            let stripped: js_sys::Array = js_sys::Array::from(&records)
                .iter()
                .map(|r| without_packed(&r))
                .collect();
            set(&copy, "records", &stripped);
        }
    }
    from_js(copy.into(), "params")
}

/// A shallow copy of `holder` whose `attempt` is a shallow copy without `packed` and `events`.
fn without_packed(holder: &JsValue) -> Object {
    if !holder.is_object() {
        return Object::new();
    }
    let copy = Object::assign(&Object::new(), &Object::from(holder.clone()));
    if let Ok(attempt) = Reflect::get(holder, &"attempt".into()) {
        if attempt.is_object() {
            let inner = Object::assign(&Object::new(), &Object::from(attempt));
            let _ = Reflect::delete_property(&inner, &"packed".into());
            let _ = Reflect::delete_property(&inner, &"events".into());
            set(&copy, "attempt", &inner);
        }
    }
    copy
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Reflect::set only fails on frozen or proxied targets; this object is fresh.
    let _ = Reflect::set(object, &key.into(), value);
}
