//! Competency evaluation at the boundary: the model and the evidence cross once into a [`Team`],
//! which evaluates everyone in one call and keeps the results inside the module; the page asks
//! for the team view (one object), one person's evaluation, a typed array of levels, or a chart.

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

use kaohe::competency::{
    compile_model, evaluate_person, evaluate_prepared_team, exam_evidence, import_kpi_csv,
    rubric_evidence, CompetencyModel, CompiledModel, EvaluationOptions, EvidenceRecord,
    EvidenceSet, PersonEvaluation, PreparedEvidence, TeamEvaluation, TeamView,
};
use kaohe::date::Date;
use kaohe::error::{Error, ErrorCode};
use kaohe::exam::ExamResult;
use kaohe::i18n::Locale;
use kaohe::report::{distribution_svg, heatmap_svg, person_radar, radar_svg};
use kaohe::rubric::score::ScoreResult;
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

/// A stored exam result of one person.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredExamResult {
    /// Employee id of the candidate.
    pub person_id: String,
    /// Day the exam was taken, `YYYY-MM-DD`.
    #[tsify(type = "string")]
    pub date: Date,
    /// The attempt id, kept as the records' `sourceId`.
    #[serde(default)]
    #[tsify(optional)]
    pub source_id: Option<String>,
    /// The result; its `dimensions` tag scores become evidence.
    pub result: ExamResult,
}

/// A stored rubric result of one person.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StoredRubricResult {
    /// Employee id of the person scored.
    pub person_id: String,
    /// Day of the performance, `YYYY-MM-DD`.
    #[tsify(type = "string")]
    pub date: Date,
    /// The scorecard id, kept as the records' `sourceId`.
    #[serde(default)]
    #[tsify(optional)]
    pub source_id: Option<String>,
    /// The result; its section scores, grouped by dimension, become evidence.
    pub result: ScoreResult,
}

/// What `evidenceFromResults` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResultsParams {
    /// Stored exam results.
    #[serde(default)]
    #[tsify(optional)]
    pub exams: Vec<StoredExamResult>,
    /// Stored rubric results.
    #[serde(default)]
    #[tsify(optional)]
    pub rubrics: Vec<StoredRubricResult>,
}

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
    model: CompiledModel,
    source: CompetencyModel,
    set: EvidenceSet,
    /// `set` checked against `model` and indexed once; neither changes after `build`.
    prepared: PreparedEvidence,
    options: Option<EvaluationOptions>,
    result: Option<TeamEvaluation>,
}

impl Team {
    /// The compiled model (for plans: the KPIs it defines).
    pub(crate) fn compiled_model(&self) -> &CompiledModel {
        &self.model
    }
}

#[wasm_bindgen]
impl Team {
    /// Validates the model and the evidence against it (unknown roles, evidence for nobody,
    /// values out of range → `KaoheError` under `model.` or `evidence.`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CompetencyModel")] model: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EvidenceSet")] evidence: JsValue,
    ) -> Result<Team, Thrown> {
        let source = decode_model(model)?;
        let set: EvidenceSet = from_js(evidence, "evidence").map_err(|e| e.within("evidence"))?;
        Ok(Team::build(source, set)?)
    }

    /// The same from JSON text (a file or a backup); faster for big teams.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(model: &str, evidence: &str) -> Result<Team, Thrown> {
        let source: CompetencyModel =
            kaohe::format::decode_json(model).map_err(|e| e.within("model"))?;
        let set: EvidenceSet =
            kaohe::format::decode_json(evidence).map_err(|e| e.within("evidence"))?;
        Ok(Team::build(source, set)?)
    }

    /// Number of people.
    #[wasm_bindgen(getter)]
    pub fn headcount(&self) -> u32 {
        u32::try_from(self.set.people.len()).unwrap_or(u32::MAX)
    }

    /// The people, in input order.
    #[wasm_bindgen(unchecked_return_type = "Person[]")]
    pub fn people(&self) -> Result<JsValue, Thrown> {
        to_js(&self.set.people)
    }

    /// Dimension ids, in model order (the columns of `levels`).
    #[wasm_bindgen(js_name = dimensionIds)]
    pub fn dimension_ids(&self) -> Vec<String> {
        self.model.dimensions.iter().map(|d| d.id.clone()).collect()
    }

    /// Evaluates everyone and builds the team view; returns the team view. Explanations are
    /// written only for `person()` unless `options.explanations` is true.
    #[wasm_bindgen(unchecked_return_type = "TeamView")]
    pub fn evaluate(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "EvaluationOptions")] options: JsValue,
    ) -> Result<JsValue, Thrown> {
        let mut options: EvaluationOptions =
            from_js(options, "options").map_err(|e| e.within("options"))?;
        let explain = options.explanations;
        options.explanations = Some(explain.unwrap_or(false));
        let result = evaluate_prepared_team(&self.model, &self.set, &self.prepared, &options)?;
        options.explanations = explain;
        let view = to_js(&result.team);
        self.options = Some(options);
        self.result = Some(result);
        view
    }

    /// The team view of the last `evaluate`.
    #[wasm_bindgen(unchecked_return_type = "TeamView")]
    pub fn team(&self) -> Result<JsValue, Thrown> {
        to_js(&self.evaluated()?.team)
    }

    /// One person's evaluation, with the explanation of every level.
    #[wasm_bindgen(unchecked_return_type = "PersonEvaluation")]
    pub fn person(&self, person_id: &str) -> Result<JsValue, Thrown> {
        to_js(&self.explained(person_id)?)
    }

    /// Everyone's evaluation (for storing; a big team is better read with `levels`).
    #[wasm_bindgen(unchecked_return_type = "PersonEvaluation[]")]
    pub fn evaluations(&self) -> Result<JsValue, Thrown> {
        to_js(&self.evaluated()?.people)
    }

    /// Levels, person-major (`levels[p × dimensions + d]`), NaN where evidence is insufficient.
    pub fn levels(&self) -> Result<Vec<f64>, Thrown> {
        let result = self.evaluated()?;
        Ok(result
            .people
            .iter()
            .flat_map(|p| p.dimensions.iter().map(|d| d.level.unwrap_or(f64::NAN)))
            .collect())
    }

    /// The person's radar (person vs role target vs team mean) as SVG.
    #[wasm_bindgen(js_name = radarSvg)]
    pub fn radar_svg(
        &self,
        person_id: &str,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let locale = decode_locale(locale)?;
        let result = self.evaluated()?;
        let person = self.find(person_id)?;
        Ok(radar_svg(
            &person_radar(&self.model, person, Some(&result.team)),
            locale,
        ))
    }

    /// The person × dimension heatmap as SVG.
    #[wasm_bindgen(js_name = heatmapSvg)]
    pub fn heatmap_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let locale = decode_locale(locale)?;
        Ok(heatmap_svg(&self.evaluated()?.team.heatmap, locale))
    }

    /// The level distribution per dimension as SVG bars.
    #[wasm_bindgen(js_name = distributionSvg)]
    pub fn distribution_svg(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
    ) -> Result<String, Thrown> {
        let locale = decode_locale(locale)?;
        Ok(distribution_svg(&self.evaluated()?.team, locale))
    }

    /// The model as validated (for `radarSvg`'s `model`).
    #[wasm_bindgen(unchecked_return_type = "CompetencyModel")]
    pub fn model(&self) -> Result<JsValue, Thrown> {
        to_js(&self.source)
    }
}

impl Team {
    fn build(source: CompetencyModel, set: EvidenceSet) -> Result<Team, Error> {
        let model = compile_model(source.clone()).map_err(|e| e.within("model"))?;
        let prepared = PreparedEvidence::new(&set, &model).map_err(|e| e.within("evidence"))?;
        Ok(Team {
            model,
            source,
            set,
            prepared,
            options: None,
            result: None,
        })
    }

    /// The last evaluation, or an error saying `evaluate` comes first.
    pub(crate) fn evaluated(&self) -> Result<&TeamEvaluation, Error> {
        self.result.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                "",
                "请先调用 evaluate() 进行评估",
                "call evaluate() first",
            )
        })
    }

    fn find(&self, person_id: &str) -> Result<&PersonEvaluation, Error> {
        self.evaluated()?
            .people
            .iter()
            .find(|p| p.person_id == person_id)
            .ok_or_else(|| unknown_person(person_id))
    }

    /// The person's evaluation with explanations (re-evaluated for them alone when the team
    /// pass skipped the sentences).
    pub(crate) fn explained(&self, person_id: &str) -> Result<PersonEvaluation, Error> {
        let found = self.find(person_id)?;
        let options = self
            .options
            .as_ref()
            .ok_or_else(|| unknown_person(person_id))?;
        if options.explanations == Some(true) {
            return Ok(found.clone());
        }
        let mut with_sentences = options.clone();
        with_sentences.explanations = Some(true);
        evaluate_person(&self.model, &self.set, person_id, &with_sentences)
    }
}

fn unknown_person(person_id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        "personId",
        format!("没有工号为 “{person_id}” 的人员"),
        format!("no person has the id \"{person_id}\""),
    )
}

fn decode_model(model: JsValue) -> Result<CompetencyModel, Error> {
    from_js(model, "model").map_err(|e| e.within("model"))
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
/// try { validateModel(model); } catch (e) { console.log(e.code, e.path); } // "UNKNOWN_DIMENSION", "model.roles[1].targets[0].dimensionId"
/// ```
#[wasm_bindgen(js_name = validateModel, unchecked_return_type = "CompetencyModel")]
pub fn validate_model(
    #[wasm_bindgen(unchecked_param_type = "CompetencyModel")] model: JsValue,
) -> Result<JsValue, Thrown> {
    let source = decode_model(model)?;
    compile_model(source.clone()).map_err(|e| e.within("model"))?;
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
pub fn import_kpi_csv_js(text: &str) -> Result<JsValue, Thrown> {
    to_js(&import_kpi_csv(text)?)
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
    let mut records: Vec<EvidenceRecord> = Vec::new();
    for stored in &params.exams {
        records.extend(exam_evidence(
            &stored.person_id,
            stored.date,
            &stored.result.dimensions,
            stored.source_id.as_deref(),
        ));
    }
    for stored in &params.rubrics {
        records.extend(rubric_evidence(
            &stored.person_id,
            stored.date,
            &stored.result.sections,
            stored.source_id.as_deref(),
        ));
    }
    to_js(&records)
}
