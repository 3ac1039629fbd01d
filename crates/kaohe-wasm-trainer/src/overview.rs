//! Bindings of the trainer's reports over stored results: the results overview of an exam and
//! the change over time of a team's levels and KPIs, and a person's evaluation as a plan sees it
//! (with the model's KPIs). Decode → core → encode.

use kaohe::analytics::overview::{results_overview, OverviewResult};
use kaohe::competency::trends::{competency_trend, CompetencyTrend, TrendOptions};
use kaohe::competency::{compile_model, CompetencyModel, EvidenceSet};
use kaohe::format::{FromJson, ToJson};
use kaohe::i18n::Locale;
use kaohe::report::overview::overview_report;
use kaohe::report::trend::{trend_charts, TrendCharts, TrendScope};
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::locale::current_locale;
use kaohe_wasm::Thrown;
use wasm_bindgen::prelude::*;

/// What `resultsOverview` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OverviewParams {
    /// The exam's scored attempts (any order; each person counts once, by the latest).
    pub results: Vec<OverviewResult>,
    /// Bins of the score distribution (1–50, default 10).
    #[serde(default)]
    #[tsify(optional)]
    pub bins: Option<u32>,
    /// The exam's pass mark in percent, marked on the histogram.
    #[serde(default)]
    #[tsify(optional)]
    pub pass_mark: Option<f64>,
    /// The label of people without a team (default 未分组 / no team).
    #[serde(default)]
    #[tsify(optional)]
    pub no_team: Option<String>,
    /// Label language; default the current locale.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<Locale>,
}

/// One exam's results at a glance: candidates (latest attempt per person), pass rate, the
/// score distribution, per-section and per-dimension means, by team, with the two charts as
/// SVG. Figures are exact; round once where shown.
///
/// @example
/// ```ts
/// const { overview, histogramSvg, teamsSvg } = resultsOverview({ results: [{ attemptId: 'a1', candidateId: 'E1001', team: '售后一组', percent: 88, passed: true }], passMark: 85 });
/// ```
#[wasm_bindgen(js_name = resultsOverview, unchecked_return_type = "OverviewReport")]
pub fn results_overview_js(
    #[wasm_bindgen(unchecked_param_type = "OverviewParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: OverviewParams = from_js(params, "params")?;
    let locale = params.locale.unwrap_or_else(current_locale);
    let input = kaohe::analytics::overview::OverviewInput {
        results: params.results,
        bins: params.bins,
    };
    let overview = results_overview(&input).map_err(|e| e.within("params"))?;
    let no_team = params.no_team.unwrap_or_else(|| match locale {
        Locale::ZhCn => "未分组".to_string(),
        Locale::En => "no team".to_string(),
    });
    to_js(&overview_report(
        overview,
        params.pass_mark,
        &no_team,
        locale,
    ))
}

/// What `competencyTrend` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrendParams {
    /// The competency model in use.
    pub model: CompetencyModel,
    /// The people and the evidence (the same set the dashboard evaluates).
    pub team: EvidenceSet,
    /// The periods: the last contains `date`; months (default) or quarters; how many.
    pub options: TrendOptions,
    /// Whose charts to draw: a person, a 班组, or (absent) the whole team.
    #[serde(default)]
    #[tsify(optional)]
    pub scope: Option<TrendScope>,
    /// Label language; default the current locale.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<Locale>,
}

/// What `competencyTrend` returns.
#[derive(ToJson, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TrendReport {
    /// Every series, per person, per 班组 and for the whole team (exact; round where shown).
    pub trend: CompetencyTrend,
    /// The scope's small multiples as SVG.
    pub charts: TrendCharts,
}

/// Change over time: levels as of each month's (or quarter's) end, KPI means within each
/// period, and the share below target per dimension, per person, per 班组 and for the team, with
/// the chosen scope's small multiples as SVG.
///
/// @example
/// ```ts
/// const { trend, charts } = competencyTrend({ model, team: { schemaVersion: 1, people, evidence }, options: { date: '2026-11-30', period: 'month', count: 6 }, scope: { personId: 'E1001' } });
/// ```
#[wasm_bindgen(js_name = competencyTrend, unchecked_return_type = "TrendReport")]
pub fn competency_trend_js(
    #[wasm_bindgen(unchecked_param_type = "TrendParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: TrendParams = from_js(params, "params")?;
    let locale = params.locale.unwrap_or_else(current_locale);
    let model = compile_model(params.model).map_err(|e| e.within("params.model"))?;
    let trend =
        competency_trend(&model, &params.team, &params.options).map_err(|e| e.within("params"))?;
    let charts = trend_charts(&trend, &params.scope.unwrap_or_default(), locale);
    to_js(&TrendReport { trend, charts })
}

/// What `planEvaluation` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanEvaluationParams {
    /// The competency model the evaluation was made with.
    pub model: CompetencyModel,
    /// One person's evaluation (`Team.person`).
    pub evaluation: kaohe::competency::PersonEvaluation,
}

/// One person's evaluation as a plan request's `evaluation`, every KPI source carrying the
/// model's unit, direction and range, so `generatePlan` and `nextCyclePlan` can set goals on a
/// KPI the trainer's model adds (a bare evaluation knows only the built-in KPIs).
///
/// @example
/// ```ts
/// const evaluation = planEvaluation({ model, evaluation: team.person('E1002') });
/// const plan = generatePlan({ schemaVersion: 1, evaluation, startDate: '2026-12-21' });
/// ```
#[wasm_bindgen(js_name = planEvaluation, unchecked_return_type = "Evaluation")]
pub fn plan_evaluation_js(
    #[wasm_bindgen(unchecked_param_type = "PlanEvaluationParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: PlanEvaluationParams = from_js(params, "params")?;
    let model = compile_model(params.model).map_err(|e| e.within("params.model"))?;
    to_js(&kaohe::plan::from_competency_with(
        &params.evaluation,
        &model,
    ))
}
