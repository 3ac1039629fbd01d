//! Bindings of the evidence chain's newer parts: the KPI import preview with the model's KPIs
//! and the trainer's header dictionary, the shipped working-day calendar.

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

use kaohe::competency::kpi_csv::{preview_kpi_csv, HeaderAlias, KpiDictionary};
use kaohe::competency::CompetencyModel;
use kaohe::plan::calendar::shipped_file;
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::Thrown;

/// What `previewKpiCsv` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiPreviewParams {
    /// The file's text (decoded: UTF-8 or GBK, by the page's file reader).
    pub text: String,
    /// The competency model whose KPIs the columns may name; absent = the built-in KPIs.
    #[serde(default)]
    #[tsify(optional)]
    pub model: Option<CompetencyModel>,
    /// The trainer's header dictionary: column titles and the field each means.
    #[serde(default)]
    #[tsify(optional)]
    pub headers: Vec<HeaderAlias>,
}

/// Reads a KPI file without storing anything: how each column was understood, the records of
/// the good rows and every row / column problem (`rows[3].csat`, with the column's header).
///
/// @example
/// ```ts
/// const preview = previewKpiCsv({ text, model, headers: [{ header: '一次性解决率', field: 'fcr' }] });
/// if (preview.problems.length === 0) await storeKpiImport(store, file.name, preview.import);
/// ```
#[wasm_bindgen(js_name = previewKpiCsv, unchecked_return_type = "KpiPreview")]
pub fn preview_kpi_csv_js(
    #[wasm_bindgen(unchecked_param_type = "KpiPreviewParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: KpiPreviewParams = from_js(params, "params")?;
    let dictionary = KpiDictionary::for_preview(params.model, &params.headers)?;
    to_js(&preview_kpi_csv(&params.text, &dictionary)?)
}

/// What `kpiNames` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiNamesParams {
    /// The competency model whose own KPIs join (or redefine) the built-in ones; absent = the
    /// built-in KPIs only.
    #[serde(default)]
    #[tsify(optional)]
    pub model: Option<CompetencyModel>,
}

/// Every KPI the model can name (the built-in ones and the model's own), with its name, unit
/// and direction: the one list the page's views name KPIs from.
///
/// @example
/// ```ts
/// const names = kpiNames({ model }); // [{ id: 'csat', name: { zh: '客户满意度', en: 'CSAT' }, unit: …, higherIsBetter: true }, …]
/// ```
#[wasm_bindgen(js_name = kpiNames, unchecked_return_type = "KpiName[]")]
pub fn kpi_names_js(
    #[wasm_bindgen(unchecked_param_type = "KpiNamesParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: KpiNamesParams = from_js(params, "params")?;
    to_js(&KpiDictionary::for_preview(params.model, &[])?.names())
}

/// The shipped working-day calendar (2025–2027: 法定节假日 and 调休 days, with their sources),
/// as a file the trainer can edit and give back in plan settings (`settings.calendar`).
///
/// @example
/// ```ts
/// const calendar = defaultCalendar(); // { schemaVersion: 1, years: [{ year: 2026, holidays: [...], workingDays: [...] }, …] }
/// ```
#[wasm_bindgen(js_name = defaultCalendar, unchecked_return_type = "WorkCalendar")]
pub fn default_calendar() -> Result<JsValue, Thrown> {
    to_js(&shipped_file())
}

/// Everything stored about the rostered people as one evidence set: exam results by 工号, one
/// panel result per role play (the raters' section scores averaged), KPI rows and ratings,
/// 表扬 / 投诉 counted per month, observation notes with a level. Records of people not on the
/// roster come back in `unused`, never split into a second person.
///
/// @example
/// ```ts
/// const { evidence, unused } = evidenceFromRecords({ people: ['E1001'], exams, rolePlays, evidence: kpiRows, feedback, observations });
/// ```
#[wasm_bindgen(js_name = evidenceFromRecords, unchecked_return_type = "RecordEvidence")]
pub fn evidence_from_records_js(
    #[wasm_bindgen(unchecked_param_type = "StoredRecords")] records: JsValue,
) -> Result<JsValue, Thrown> {
    let records: kaohe::competency::StoredRecords = from_js(records, "records")?;
    to_js(&kaohe::competency::evidence_from_records(&records))
}

/// What `programmeReport` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgrammeParams {
    /// The training programme (培训项目).
    pub programme: kaohe::plan::programme::Programme,
    /// Its stored records: survey responses, exam results, role plays, KPI records.
    pub records: kaohe::plan::programme::ProgrammeRecords,
}

/// Kirkpatrick's four levels for a programme from its stored records, each level with the ids
/// of the records it used and the cohort data behind it.
///
/// @example
/// ```ts
/// const { report, sources } = programmeReport({ programme, records: { responses, exams, rolePlays, kpis } });
/// ```
#[wasm_bindgen(js_name = programmeReport, unchecked_return_type = "ProgrammeReport")]
pub fn programme_report_js(
    #[wasm_bindgen(unchecked_param_type = "ProgrammeParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: ProgrammeParams = from_js(params, "params")?;
    to_js(&kaohe::plan::programme::programme_report(
        &params.programme,
        &params.records,
    )?)
}

/// What `programmeCsv` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgrammeCsvParams {
    /// A report from `programmeReport`.
    pub report: kaohe::plan::programme::ProgrammeReport,
    /// The programme's name, first column of every row.
    pub name: String,
}

/// The programme report as CSV (UTF-8 with BOM, every cell formula-safe), in the page's language.
///
/// @example
/// ```ts
/// download('kirkpatrick.csv', programmeCsv({ report, name: programme.name }));
/// ```
#[wasm_bindgen(js_name = programmeCsv)]
pub fn programme_csv_js(
    #[wasm_bindgen(unchecked_param_type = "ProgrammeCsvParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: ProgrammeCsvParams = from_js(params, "params")?;
    Ok(kaohe::plan::programme::programme_csv(
        &params.report,
        &params.name,
        kaohe_wasm::locale::current_locale(),
    ))
}
