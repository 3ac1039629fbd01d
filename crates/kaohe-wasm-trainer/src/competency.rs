//! Competency evaluation at the boundary: the model and the evidence cross once into a [`Team`],
//! which evaluates everyone in one call and keeps the results inside the module; the page asks
//! for the team view (one object), one person's evaluation, a typed array of levels, or a chart.

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

use kaohe::competency::from_results::ResultsParams;
use kaohe::competency::session::TeamSession;
use kaohe::competency::{
    compile_model, import_kpi_csv, CompetencyModel, EvaluationOptions, EvidenceColumns,
    EvidenceSet, PersonEvaluation, TeamView,
};
use kaohe::error::Error;
use kaohe::i18n::Locale;
use kaohe::report::{distribution_svg, heatmap_svg, person_radar, radar_svg};
use kaohe_wasm::convert::{from_js, to_js, to_value};
use kaohe_wasm::locale::current_locale;
use kaohe_wasm::Thrown;

/// What `radarSvg` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RadarParams {
    /// The competency model (its dimension order sets the axes).
    pub model: CompetencyModel,
    /// The person's evaluation (from `Team.person` or `Team.evaluations`).
    pub evaluation: PersonEvaluation,
    /// The team view, for the team-mean polygon; omit for person vs target only.
    #[serde(default)]
    #[tsify(optional)]
    pub team: Option<TeamView>,
    /// Label language; default the current locale.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<Locale>,
}

/// What `heatmapSvg` and `distributionSvg` take.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamChartParams {
    /// The team view (from `Team.evaluate` or `Team.team`).
    pub team: TeamView,
    /// Label language; default the current locale.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<Locale>,
}

#[wasm_bindgen(typescript_custom_section)]
const COLUMNS_TS: &'static str = r#"
/**
 * Evidence records as columns (the third argument of `new Team`, which the package fills in):
 * record `i` is `person[i]`, `kind[i]`… Strings are indexes into `strings` (a JSON array of
 * strings, as text); `kind` is 0 exam, 1 rubric, 2 kpi, 3 selfRating, 4 supervisorRating;
 * `source` is 4294967295 for a record without a source id.
 */
export interface EvidenceColumns {
  strings: string;
  person: Uint32Array;
  kind: Uint8Array;
  key: Uint32Array;
  value: Float64Array;
  date: Uint32Array;
  source: Uint32Array;
}
"#;

/// The model and the team's evidence, validated once; evaluates everyone in one call.
///
/// @example
/// ```ts
/// const team = new Team(model, { schemaVersion: 1, people, evidence });
/// const view = team.evaluate({ date: "2026-12-01" });   // TeamView, one object
/// const li = team.person("E1001");                      // PersonEvaluation with explanations
/// const svg = team.radarSvg("E1001", "zh-CN");
/// team.free();
/// ```
#[wasm_bindgen]
pub struct Team {
    session: TeamSession,
}

impl Team {
    /// The session (for plans: the evaluations and the KPIs the model defines).
    pub(crate) fn session(&self) -> &TeamSession {
        &self.session
    }
}

#[wasm_bindgen]
impl Team {
    /// Validates the model and the evidence against it (unknown roles, evidence for nobody,
    /// values out of range → `KaoheError` under `model.` or `evidence.`).
    ///
    /// `columns` (optional; the package's `new Team` fills it in): the evidence records as
    /// typed columns (`EvidenceColumns`), which then replace `evidence.evidence` (give that as
    /// `[]`). 60,000 records cross as a few typed arrays and one string table instead of JSON
    /// text, which the module spent nine tenths of the construction parsing and decoding.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CompetencyModel")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvidenceSet")] evidence: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EvidenceColumns")] columns: Option<JsValue>,
    ) -> Result<Team, Thrown> {
        let source = decode_model(model)?;
        let mut set: EvidenceSet =
            from_js(evidence, "evidence").map_err(|e| e.within_argument("evidence"))?;
        if let Some(columns) = columns.filter(|c| !(c.is_undefined() || c.is_null())) {
            let records = decode_columns(&columns)
                .and_then(|c| c.records())
                .map_err(|e| e.within_argument("columns"))?;
            set.evidence.extend(records);
        }
        Ok(Team {
            session: TeamSession::new(source, set)?,
        })
    }

    /// The same from JSON text (a file or a backup); faster for big teams.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] evidence: JsValue,
    ) -> Result<Team, Thrown> {
        let model = &kaohe_wasm::convert::string_arg(&model, "model")?;
        let evidence = &kaohe_wasm::convert::string_arg(&evidence, "evidence")?;
        let source: CompetencyModel =
            kaohe::format::decode_json(model).map_err(|e| e.within("model"))?;
        let set: EvidenceSet =
            kaohe::format::decode_json(evidence).map_err(|e| e.within("evidence"))?;
        Ok(Team {
            session: TeamSession::new(source, set)?,
        })
    }

    /// Number of people.
    #[wasm_bindgen(getter)]
    pub fn headcount(&self) -> u32 {
        u32::try_from(self.session.evidence().people.len()).unwrap_or(u32::MAX)
    }

    /// The people, in input order.
    #[wasm_bindgen(unchecked_return_type = "Person[]")]
    pub fn people(&self) -> Result<JsValue, Thrown> {
        to_js(&self.session.evidence().people)
    }

    /// Dimension ids, in model order (the columns of `levels`).
    #[wasm_bindgen(js_name = dimensionIds)]
    pub fn dimension_ids(&self) -> Vec<String> {
        self.session
            .model()
            .dimensions
            .iter()
            .map(|d| d.id.clone())
            .collect()
    }

    /// Evaluates everyone and builds the team view; returns the team view. Explanations are
    /// written only for `person()` unless `options.explanations` is true.
    #[wasm_bindgen(unchecked_return_type = "TeamView")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EvaluationOptions")] options: JsValue,
    ) -> Result<JsValue, Thrown> {
        let options: EvaluationOptions = from_js(options, "options")?;
        to_js(&self.session.evaluate(options)?.team)
    }

    /// The team view of the last `evaluate`.
    #[wasm_bindgen(unchecked_return_type = "TeamView")]
    pub fn team(&self) -> Result<JsValue, Thrown> {
        to_js(&self.session.evaluated()?.team)
    }

    /// One person's evaluation, with the explanation of every level.
    #[wasm_bindgen(unchecked_return_type = "PersonEvaluation")]
    pub fn person(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] person_id: JsValue,
    ) -> Result<JsValue, Thrown> {
        let person_id = &kaohe_wasm::convert::string_arg(&person_id, "personId")?;
        to_js(&self.session.explained(person_id)?)
    }

    /// Everyone's evaluation (for storing; a big team is better read with `levels`).
    #[wasm_bindgen(unchecked_return_type = "PersonEvaluation[]")]
    pub fn evaluations(&self) -> Result<JsValue, Thrown> {
        to_js(&self.session.evaluated()?.people)
    }

    /// Levels, person-major (`levels[p × dimensions + d]`), NaN where evidence is insufficient.
    pub fn levels(&self) -> Result<Vec<f64>, Thrown> {
        Ok(self.session.levels()?)
    }

    /// The person's radar (person vs role target vs team mean) as SVG.
    #[wasm_bindgen(js_name = radarSvg)]
    pub fn radar_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] person_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let person_id = &kaohe_wasm::convert::string_arg(&person_id, "personId")?;
        let locale = decode_locale(locale)?;
        Ok(radar_svg(&self.session.radar(person_id)?, locale))
    }

    /// The person × dimension heatmap as SVG.
    #[wasm_bindgen(js_name = heatmapSvg)]
    pub fn heatmap_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let locale = decode_locale(locale)?;
        Ok(heatmap_svg(&self.session.evaluated()?.team.heatmap, locale))
    }

    /// The level distribution per dimension as SVG bars.
    #[wasm_bindgen(js_name = distributionSvg)]
    pub fn distribution_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let locale = decode_locale(locale)?;
        Ok(distribution_svg(&self.session.evaluated()?.team, locale))
    }

    /// The model as validated (for `radarSvg`'s `model`).
    #[wasm_bindgen(unchecked_return_type = "CompetencyModel")]
    pub fn model(&self) -> Result<JsValue, Thrown> {
        to_js(self.session.source())
    }
}

/// The `columns` argument of `new Team`: `{ strings, person, kind, key, value, date, source }`,
/// `strings` a JSON array of strings as text, the rest typed arrays (or arrays of numbers).
fn decode_columns(columns: &JsValue) -> Result<EvidenceColumns, Error> {
    use kaohe_wasm::convert::{f64s_arg, string_arg, u32s_arg, u8s_arg};
    if !columns.is_object() {
        return Err(Error::new(
            kaohe::error::ErrorCode::WrongType,
            "",
            "参数 “columns” 应为对象",
            "argument \"columns\" must be an object",
        ));
    }
    let field = |name: &str| {
        js_sys::Reflect::get(columns, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let strings = string_arg(&field("strings"), "strings")?;
    let strings: Vec<String> =
        kaohe::format::decode_json(&strings).map_err(|e| e.within("strings"))?;
    Ok(EvidenceColumns {
        strings,
        person: u32s_arg(&field("person"), "person")?,
        kind: u8s_arg(&field("kind"), "kind")?,
        key: u32s_arg(&field("key"), "key")?,
        value: f64s_arg(&field("value"), "value")?,
        date: u32s_arg(&field("date"), "date")?,
        source: u32s_arg(&field("source"), "source")?,
    })
}

/// The `model` argument of `new Team(model, evidence)`: paths under `model`.
fn decode_model(model: JsValue) -> Result<CompetencyModel, Error> {
    from_js(model, "model").map_err(|e| e.within_argument("model"))
}

fn decode_locale(locale: JsValue) -> Result<Locale, Error> {
    if locale.is_undefined() || locale.is_null() {
        return Ok(current_locale());
    }
    kaohe::format::decode(&to_value(locale, "locale")?).map_err(|e| e.within("locale"))
}

/// Validates a competency model and returns it as stored.
///
/// @example
/// ```ts
/// try { validateModel(model); } catch (e) { console.log(e.code, e.path); } // "UNKNOWN_DIMENSION", "roles[1].targets[0].dimensionId"
/// ```
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "CompetencyModel")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "CompetencyModel")] model: JsValue,
) -> Result<JsValue, Thrown> {
    let source: CompetencyModel = from_js(model, "model")?;
    compile_model(source.clone())?;
    to_js(&source)
}

/// Reads a KPI spreadsheet export (CSV; headers in Chinese or English) into evidence records.
/// Errors point at `rows[3].aht` (the data row, 1-based, and the KPI).
///
/// @example
/// ```ts
/// const { evidence, rows, ignoredColumns } = importKpiCsv(await file.text());
/// ```
#[wasm_bindgen(js_name = importKpiCsv, unchecked_return_type = "KpiImport")]
pub fn import_kpi_csv_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, Thrown> {
    let text = kaohe_wasm::convert::string_arg(&text, "text")?;
    to_js(&import_kpi_csv(&text)?)
}

/// The competency radar of one person (person vs role target, and the team mean when `team`
/// is given) as SVG text. The same input gives the same SVG.
///
/// @example
/// ```ts
/// const svg = radarSvg({ model, evaluation: team.person("E1001"), team: team.team(), locale: "zh-CN" });
/// ```
#[wasm_bindgen(js_name = radarSvg)]
pub fn radar_svg_js(
    #[wasm_bindgen(unchecked_param_type = "RadarParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: RadarParams = from_js(params, "params")?;
    let model = compile_model(params.model).map_err(|e| e.within("model"))?;
    let locale = params.locale.unwrap_or_else(current_locale);
    Ok(radar_svg(
        &person_radar(&model, &params.evaluation, params.team.as_ref()),
        locale,
    ))
}

/// The person × dimension heatmap of a team view as SVG.
///
/// @example
/// ```ts
/// const svg = heatmapSvg({ team: view, locale: "en" });
/// ```
#[wasm_bindgen(js_name = heatmapSvg)]
pub fn heatmap_svg_js(
    #[wasm_bindgen(unchecked_param_type = "TeamChartParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: TeamChartParams = from_js(params, "params")?;
    Ok(heatmap_svg(
        &params.team.heatmap,
        params.locale.unwrap_or_else(current_locale),
    ))
}

/// The level distribution of a team view as SVG bars, one group per dimension.
///
/// @example
/// ```ts
/// const svg = distributionSvg({ team: view });
/// ```
#[wasm_bindgen(js_name = distributionSvg)]
pub fn distribution_svg_js(
    #[wasm_bindgen(unchecked_param_type = "TeamChartParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: TeamChartParams = from_js(params, "params")?;
    Ok(distribution_svg(
        &params.team,
        params.locale.unwrap_or_else(current_locale),
    ))
}

/// Stored exam results (per-dimension tag scores) and rubric results (section scores by
/// dimension) as evidence records, in input order.
///
/// @example
/// ```ts
/// const records = evidenceFromResults({
///   exams: [{ personId: "E1001", date: "2026-11-18", sourceId: attemptId, result }],
/// });
/// ```
#[wasm_bindgen(js_name = evidenceFromResults, unchecked_return_type = "EvidenceRecord[]")]
pub fn evidence_from_results(
    #[wasm_bindgen(unchecked_param_type = "ResultsParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: ResultsParams = from_js(params, "params")?;
    let records = params.evidence();
    to_js(&records)
}
