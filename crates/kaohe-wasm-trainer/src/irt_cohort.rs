//! IRT calibration of a stored exam's cohort, for the analysis page's IRT tab (run in the page's
//! worker): the packed attempts cross once, are scored in the module, turned into a right/wrong
//! table (full marks = right) and calibrated; progress is reported once per EM cycle.

use kaohe::analytics::irt::{
    em_progress, irt_report_observed, response_table_from_matrix, IrtModel, IrtReport,
    TwoPlOptions, Unanswered,
};
use kaohe::analytics::{MissingAnswers, ResponseMatrix};
use kaohe::error::{Error, ErrorCode};
use kaohe::exam::{cohort_paper, every_paper_has_the_same_items, Bank, Blueprint, CompiledExam};
use kaohe::format::{FromJson, ToJson};
use kaohe_wasm::convert::{bytes_arg, to_js, to_value, u32s_arg};
use kaohe_wasm::Thrown;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What to calibrate, besides `bank` and `blueprint` (the stored exam).
#[derive(Debug, Clone, PartialEq, FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IrtCohortOptions {
    /// `rasch` or `twoPl`.
    pub model: IrtModel,
    /// Unanswered items: `countAsWrong` or `exclude` (not administered). Default as the item
    /// analysis: wrong when every candidate gets the same items, excluded when papers are drawn.
    #[serde(default)]
    pub missing_answers: Option<MissingAnswers>,
    /// 2PL quadrature and convergence (defaults: 41 Gauss–Hermite nodes, gradient 1e-4).
    #[serde(default)]
    pub options: Option<TwoPlOptions>,
}

/// The calibration with the item ids of its columns.
#[derive(Debug, Clone, PartialEq, ToJson, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct IrtCohortReport {
    /// Item ids, one per column of `report.items`.
    pub item_ids: Vec<String>,
    /// Candidates (rows) calibrated.
    pub candidates: u32,
    /// Whether unanswered items counted as wrong.
    pub unanswered_as_wrong: bool,
    /// The calibration.
    pub report: IrtReport,
}

fn field(value: &mut serde_json::Value, name: &str) -> Result<serde_json::Value, Error> {
    value
        .as_object_mut()
        .and_then(|map| map.remove(name))
        .filter(|v| !v.is_null())
        .ok_or_else(|| {
            Error::new(
                ErrorCode::MissingField,
                format!("params.{name}"),
                format!("缺少参数 “{name}”"),
                format!("missing argument \"{name}\""),
            )
        })
}

/// Scores the packed attempts of one exam and calibrates Rasch or 2PL on them.
/// `onProgress(done, total)` (optional) is called during a 2PL run with `total` 1000.
///
/// @example
/// ```js
/// const { itemIds, report } = calibrateIrtCohort({ bank, blueprint, model: 'twoPl' }, bytes, offsets,
///   (done, total) => postMessage({ progress: { done, total } }));
/// ```
#[wasm_bindgen(js_name = calibrateIrtCohort, unchecked_return_type = "IrtCohortReport")]
pub fn calibrate_irt_cohort(
    #[wasm_bindgen(
        unchecked_param_type = "{ bank: Bank, blueprint: Blueprint } & IrtCohortOptions"
    )]
    params: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] packed: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] offsets: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((done: number, total: number) => void) | undefined")]
    on_progress: JsValue,
) -> Result<JsValue, Thrown> {
    let mut value = to_value(params, "params")?;
    if !value.is_object() {
        return Err(Error::new(
            ErrorCode::WrongType,
            "params",
            "参数应为对象",
            "params must be an object",
        )
        .into());
    }
    let bank = Bank::decode(&field(&mut value, "bank")?).map_err(|e| e.within("bank"))?;
    let blueprint =
        Blueprint::decode(&field(&mut value, "blueprint")?).map_err(|e| e.within("blueprint"))?;
    let options: IrtCohortOptions =
        kaohe::format::decode_value(&value).map_err(|e| e.within("params"))?;
    let callback = match on_progress.dyn_ref::<js_sys::Function>() {
        Some(f) => Some(f.clone()),
        None if on_progress.is_undefined() || on_progress.is_null() => None,
        None => {
            return Err(Error::new(
                ErrorCode::WrongType,
                "onProgress",
                "进度回调应为函数",
                "onProgress must be a function",
            )
            .into())
        }
    };
    let packed = bytes_arg(&packed, "packed")?;
    let offsets = u32s_arg(&offsets, "offsets")?;
    let paper = cohort_paper(&bank, &blueprint).map_err(|e| e.within("blueprint"))?;
    let compiled = CompiledExam::new(&bank, &paper)?;
    let item_ids: Vec<String> = compiled.paper().item_ids().map(str::to_string).collect();
    let matrix = ResponseMatrix::from(compiled.score_cohort(&packed, &offsets)?);
    let as_wrong = match options.missing_answers {
        Some(MissingAnswers::CountAsWrong) => true,
        Some(MissingAnswers::Exclude) => false,
        None => every_paper_has_the_same_items(&blueprint),
    };
    let unanswered = if as_wrong {
        Unanswered::Wrong
    } else {
        Unanswered::NotAdministered
    };
    let table = response_table_from_matrix(&matrix, unanswered)?;
    let two_pl = options.options.unwrap_or_default();
    let mut first = None;
    let mut report_progress = |_steps: u32, gradient: f64| {
        let start = *first.get_or_insert(gradient);
        if let Some(f) = &callback {
            let done = (1000.0 * em_progress(start, gradient, two_pl.tolerance)).floor();
            // A throwing callback must not stop the calibration.
            let _ = f.call2(&JsValue::NULL, &JsValue::from(done), &JsValue::from(1000));
        }
    };
    let report = irt_report_observed(&table, options.model, &two_pl, &mut report_progress);
    to_js(&IrtCohortReport {
        item_ids,
        candidates: u32::try_from(matrix.candidates).unwrap_or(u32::MAX),
        unanswered_as_wrong: as_wrong,
        report,
    })
}
