//! The interop exports over what the page stores: a bank to a file, an attempt's xAPI
//! statements, every attempt in one results CSV, the statements of other records; and the one
//! preamble of the file imports (`format` taken out of the params object).

use serde_json::Value;

use super::export::{export_aiken, export_csv, export_gift, export_xlsx, results_csv};
use super::from_exam::{xapi_attempt, StoredAttempt, StoredResult, XapiOptions};
use super::import::{check_bank, BankFormat};
use super::outcome::Problem;
use super::xapi::{statements, XapiAttempt};
use super::xapi_records::{evaluation_statements, plan_statements, scorecard_statements};
use crate::error::{Error, ErrorCode};
use crate::exam::Bank;
use crate::format::{decode, FromJson};

/// Takes `format` out of an import's params object and decodes it; the rest is the options.
/// Errors: `format` (missing: `MISSING_FIELD`, the message naming the `choices`, zh and en).
pub fn take_format<F: FromJson>(params: &mut Value, choices: [&str; 2]) -> Result<F, Error> {
    let [zh, en] = choices;
    let format = params
        .as_object_mut()
        .and_then(|m| m.remove("format"))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                "format",
                format!("缺少文件格式 format（{zh}）"),
                format!("format is missing ({en})"),
            )
        })?;
    decode(&format).map_err(|e| e.within("format"))
}

/// A bank exported to a file: `text` for CSV, GIFT and Aiken, `bytes` for .xlsx.
#[derive(Debug, Clone, PartialEq)]
pub struct BankFile {
    /// The text of a text format.
    pub text: Option<String>,
    /// The bytes of a workbook.
    pub bytes: Option<Vec<u8>>,
    /// Items the format cannot hold, located as `items[3]`, with the reason.
    pub skipped: Vec<Problem>,
    /// A file name for the download, from the bank's title (characters no file system takes
    /// replaced by `_`).
    pub file_name: String,
    /// The file's MIME type.
    pub mime_type: &'static str,
}

/// Exports `bank` (checked by the exam engine first: errors under `bank`) to `format`.
pub fn export_bank_file(bank: &Value, format: BankFormat) -> Result<BankFile, Error> {
    check_bank(bank)?;
    let title = bank
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("题库")
        .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_");
    let text = |out: super::export::TextExport, ext: &str, mime: &'static str| BankFile {
        text: Some(out.text),
        bytes: None,
        skipped: out.skipped,
        file_name: format!("{title}.{ext}"),
        mime_type: mime,
    };
    Ok(match format {
        BankFormat::Xlsx => {
            let out = export_xlsx(bank);
            BankFile {
                text: None,
                bytes: Some(out.bytes),
                skipped: out.skipped,
                file_name: format!("{title}.xlsx"),
                mime_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        }
        BankFormat::Csv => text(export_csv(bank), "csv", "text/csv;charset=utf-8"),
        BankFormat::Gift => text(export_gift(bank), "gift.txt", "text/plain;charset=utf-8"),
        BankFormat::Aiken => text(export_aiken(bank), "aiken.txt", "text/plain;charset=utf-8"),
    })
}

/// What `xapiStatements` takes.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct XapiParams {
    /// The stored attempt.
    pub attempt: StoredAttempt,
    /// Its stored result.
    pub result: StoredResult,
    /// The bank the paper was drawn from.
    pub bank: Value,
    /// Actor and activity ids.
    #[serde(default)]
    pub options: XapiOptions,
}

/// One stored attempt with its result.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredRecord {
    /// The stored attempt.
    pub attempt: StoredAttempt,
    /// Its stored result.
    pub result: StoredResult,
}

/// What `resultsCsv` takes: attempts and the banks they were drawn from.
#[derive(Debug, Clone, FromJson)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResultsCsvParams {
    /// The attempts.
    pub records: Vec<StoredRecord>,
    /// Every bank an attempt names.
    pub banks: Vec<Value>,
    /// Time zone and ids.
    #[serde(default)]
    pub options: XapiOptions,
}

/// Removes what these exports do not read from the params' stored attempts (`attempt` and each
/// `records[i].attempt`): the packed answers (a `Uint8Array` on the page) and the event log.
pub fn strip_stored_attempts(params: &mut Value) {
    strip_attempt(params);
    if let Some(Value::Array(records)) = params.get_mut("records") {
        records.iter_mut().for_each(strip_attempt);
    }
}

fn strip_attempt(holder: &mut Value) {
    if let Some(Value::Object(attempt)) = holder.get_mut("attempt") {
        attempt.remove("packed");
        attempt.remove("events");
    }
}

/// The xAPI statements of one submitted attempt (errors under `bank`, `attempt`, `result`).
pub fn attempt_statements(params: &XapiParams) -> Result<Vec<Value>, Error> {
    check_bank(&params.bank)?;
    let attempt = xapi_attempt(
        &params.attempt,
        &params.result,
        &params.bank,
        &params.options,
    )?;
    statements(&attempt)
}

/// Every attempt's per-item results in one CSV. Errors under `banks[i]` and `records[i]`.
pub fn results_csv_of(params: &ResultsCsvParams) -> Result<String, Error> {
    for (i, bank) in params.banks.iter().enumerate() {
        Bank::decode(bank).map_err(|e| e.within(&format!("banks[{i}]")))?;
    }
    let mut attempts: Vec<(XapiAttempt, &Value)> = Vec::with_capacity(params.records.len());
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
        let attempt = xapi_attempt(&record.attempt, &record.result, bank, &params.options)
            .map_err(|e| e.within(&format!("records[{i}]")))?;
        attempts.push((attempt, bank));
    }
    let offset = params.options.utc_offset_minutes.unwrap_or(480);
    Ok(results_csv(&attempts, offset))
}

/// The statements of one record other than an exam attempt: `{ scorecard }`, `{ evaluation }`
/// or `{ plan }` (the first present, in that order). Errors under the record's key.
pub fn record_statements(params: &Value) -> Result<Vec<Value>, Error> {
    fn under<T: FromJson>(
        v: &Value,
        key: &str,
        build: fn(&T) -> Result<Vec<Value>, Error>,
    ) -> Result<Vec<Value>, Error> {
        build(&decode(v).map_err(|e| e.within(key))?).map_err(|e| e.within(key))
    }
    if let Some(v) = params.get("scorecard") {
        under(v, "scorecard", scorecard_statements)
    } else if let Some(v) = params.get("evaluation") {
        under(v, "evaluation", evaluation_statements)
    } else if let Some(v) = params.get("plan") {
        under(v, "plan", plan_statements)
    } else {
        Err(Error::new(
            ErrorCode::MissingField,
            "",
            "需要 scorecard、evaluation 或 plan 之一",
            "params needs one of scorecard, evaluation or plan",
        ))
    }
}
