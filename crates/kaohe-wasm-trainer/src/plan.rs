//! Development plans at the boundary: one plan per call from an evaluation, or a whole team's
//! plans in one call from a [`Team`] (kept inside the module as a [`PlanCohort`]); tracking,
//! team sessions, Kirkpatrick and exports take and return plain plan objects.

use kaohe::format::FromJson;
use wasm_bindgen::prelude::*;

use crate::competency::Team;
use kaohe::date::Date;
use kaohe::error::{Error, ErrorCode};
use kaohe::i18n::Locale;
use kaohe::plan::export::csv::{plan_csv, schedule_csv};
use kaohe::plan::export::ics::plan_ics;
use kaohe::plan::export::plan_json;
use kaohe::plan::{
    edit_goal, generate_next_cycle, generate_plan, kirkpatrick, progress_at, record_check_in,
    team_sessions, validate_plan as check_plan, Catalog, CheckIn, CohortData, GoalEdit, Plan,
    PlanGenerator, PlanRequest, PlanSettings, TeamPlans, TeamSettings,
};
use kaohe_wasm::convert::{from_js, to_js};
use kaohe_wasm::locale::current_locale;
use kaohe_wasm::Thrown;

/// What `generatePlans` takes besides the team.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamPlanParams {
    /// First day of every plan, `YYYY-MM-DD`.
    pub start_date: String,
    /// Generation settings; absent fields take the domain's defaults.
    #[serde(default)]
    #[tsify(optional)]
    pub settings: PlanSettings,
    /// Measures catalog; absent = the default catalog.
    #[serde(default)]
    #[tsify(optional)]
    pub catalog: Option<Catalog>,
}

/// What `recordCheckIn` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInParams {
    /// The stored plan.
    pub plan: Plan,
    /// The check-in to record.
    pub check_in: CheckIn,
}

/// What `editGoal` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EditGoalParams {
    /// The stored plan.
    pub plan: Plan,
    /// The change.
    pub edit: GoalEdit,
}

/// What `planProgress` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressParams {
    /// The stored plan.
    pub plan: Plan,
    /// The day, `YYYY-MM-DD`.
    #[tsify(type = "string")]
    pub as_of: Date,
}

/// What `teamSessions` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SessionParams {
    /// The team's plans (one per person; the latest counts).
    pub plans: Vec<Plan>,
    /// The catalog the topics come from; absent = the default catalog.
    #[serde(default)]
    #[tsify(optional)]
    pub catalog: Option<Catalog>,
    /// Minimum people per session and dates per topic.
    #[serde(default)]
    #[tsify(optional)]
    pub settings: TeamSettings,
}

/// What `nextCyclePlan` takes.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextCycleParams {
    /// The plan ending now.
    pub previous: Plan,
    /// The new evaluation and start day.
    pub request: PlanRequest,
}

/// What `planCsv`, `scheduleCsv` and `planIcs` take.
#[derive(FromJson, tsify::Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExportParams {
    /// The plan.
    pub plan: Plan,
    /// Language of headers and texts; default the current locale.
    #[serde(default)]
    #[tsify(optional)]
    pub locale: Option<Locale>,
    /// For `planIcs`: the export instant in UTC, `2026-11-20T08:00:00Z`.
    #[serde(default)]
    #[tsify(optional)]
    pub dtstamp: Option<String>,
}

/// Generates one plan (个人业务能力提升计划) from an evaluation.
///
/// @example
/// ```ts
/// const plan = generatePlan({ schemaVersion: 1, evaluation: team.person("E1001"), startDate: "2026-12-07" });
/// ```
#[wasm_bindgen(js_name = generatePlan, unchecked_return_type = "Plan")]
pub fn generate_plan_js(
    #[wasm_bindgen(unchecked_param_type = "PlanRequest")] request: JsValue,
) -> Result<JsValue, Thrown> {
    let request: PlanRequest = from_js(request, "request")?;
    to_js(&generate_plan(&request)?)
}

/// Generates a plan for everyone `team` evaluated, in one call; the plans stay in the module.
///
/// @example
/// ```ts
/// team.evaluate({ date: "2026-12-01" });
/// const cohort = generatePlans(team, { startDate: "2026-12-07" });
/// const plan = cohort.plan("E1001");
/// const sessions = cohort.sessions({ minPeople: 3 });
/// cohort.free();
/// ```
#[wasm_bindgen(js_name = generatePlans)]
pub fn generate_plans_js(
    team: &Team,
    #[wasm_bindgen(unchecked_param_type = "TeamPlanParams")] params: JsValue,
) -> Result<PlanCohort, Thrown> {
    let params: TeamPlanParams = from_js(params, "params")?;
    let catalog = Catalog::or_default(params.catalog)?;
    let generator = PlanGenerator::new(catalog, params.settings, &params.start_date)?;
    Ok(PlanCohort {
        plans: TeamPlans::generate_with(
            generator,
            &team.session().evaluated()?.people,
            Some(team.session().model()),
        ),
    })
}

/// A team's plans kept inside the module.
#[wasm_bindgen]
pub struct PlanCohort {
    plans: TeamPlans,
}

#[wasm_bindgen]
impl PlanCohort {
    /// Number of plans generated.
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> u32 {
        u32::try_from(self.plans.len()).unwrap_or(u32::MAX)
    }

    /// Person ids with a plan, in team order.
    #[wasm_bindgen(js_name = personIds)]
    pub fn person_ids(&self) -> Vec<String> {
        self.plans.person_ids().map(str::to_string).collect()
    }

    /// Evaluations that could not become plans, with code and path.
    #[wasm_bindgen(unchecked_return_type = "PlanFailure[]")]
    pub fn failures(&self) -> Result<JsValue, Thrown> {
        to_js(&self.plans.failures())
    }

    /// One person's plan.
    #[wasm_bindgen(unchecked_return_type = "Plan")]
    pub fn plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] person_id: JsValue,
    ) -> Result<JsValue, Thrown> {
        let person_id = &kaohe_wasm::convert::string_arg(&person_id, "personId")?;
        let plan = self.plans.plan(person_id).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                "personId",
                format!("没有工号为 “{person_id}” 的计划"),
                format!("no plan for the id \"{person_id}\""),
            )
        })?;
        to_js(&plan)
    }

    /// Number of goals per plan, in `personIds` order.
    #[wasm_bindgen(js_name = goalCounts)]
    pub fn goal_counts(&self) -> Vec<u32> {
        self.plans
            .goal_counts()
            .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
            .collect()
    }

    /// Group sessions for the focus dimensions many plans share.
    #[wasm_bindgen(unchecked_return_type = "TeamSession[]")]
    pub fn sessions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Partial<TeamSettings> | undefined")]
        settings: JsValue,
    ) -> Result<JsValue, Thrown> {
        let settings: TeamSettings = if settings.is_undefined() || settings.is_null() {
            TeamSettings::default()
        } else {
            from_js(settings, "settings")?
        };
        to_js(&self.plans.sessions(&settings)?)
    }
}

/// Records a check-in and returns the updated plan (attainment and status refreshed). A goal
/// id the plan does not have → `UNKNOWN_REFERENCE` at `checkIn.progress[i].goalId`.
///
/// @example
/// ```ts
/// plan = recordCheckIn({ plan, checkIn: { date: "2026-12-18", progress: [{ goalId, value: 72 }], comment: "" } });
/// ```
#[wasm_bindgen(js_name = recordCheckIn, unchecked_return_type = "Plan")]
pub fn record_check_in_js(
    #[wasm_bindgen(unchecked_param_type = "CheckInParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: CheckInParams = from_js(params, "params")?;
    let mut plan = params.plan;
    record_check_in(&mut plan, params.check_in).map_err(|e| e.within("checkIn"))?;
    to_js(&plan)
}

/// Changes a goal's target or deadline and returns the updated plan (the sentence rewritten).
///
/// @example
/// ```ts
/// plan = editGoal({ plan, edit: { goalId: plan.goals[0].id, target: 80, deadline: "2027-02-05" } });
/// ```
#[wasm_bindgen(js_name = editGoal, unchecked_return_type = "Plan")]
pub fn edit_goal_js(
    #[wasm_bindgen(unchecked_param_type = "EditGoalParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: EditGoalParams = from_js(params, "params")?;
    let mut plan = params.plan;
    edit_goal(&mut plan, &params.edit).map_err(|e| e.within("edit"))?;
    to_js(&plan)
}

/// The plan's attainment and status as of a day.
///
/// @example
/// ```ts
/// const { overallAttainment, status } = planProgress({ plan, asOf: "2027-01-15" });
/// ```
#[wasm_bindgen(js_name = planProgress, unchecked_return_type = "Progress")]
pub fn plan_progress(
    #[wasm_bindgen(unchecked_param_type = "ProgressParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: ProgressParams = from_js(params, "params")?;
    to_js(&progress_at(&params.plan, params.as_of))
}

/// Checks a plan edited on the page (or imported) and returns it as stored.
///
/// @example
/// ```ts
/// validatePlan(JSON.parse(text));
/// ```
#[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "Plan")]
pub fn validate_plan(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
) -> Result<JsValue, Thrown> {
    let plan: Plan = from_js(plan, "plan")?;
    check_plan(&plan)?;
    to_js(&plan)
}

/// Group sessions (topic, participants, suggested dates) for weaknesses many plans share.
///
/// @example
/// ```ts
/// const sessions = teamSessions({ plans, settings: { minPeople: 3, sessionsPerTopic: 2 } });
/// ```
#[wasm_bindgen(js_name = teamSessions, unchecked_return_type = "TeamSession[]")]
pub fn team_sessions_js(
    #[wasm_bindgen(unchecked_param_type = "SessionParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: SessionParams = from_js(params, "params")?;
    let catalog = Catalog::or_default(params.catalog)?;
    to_js(&team_sessions(&params.plans, &catalog, &params.settings)?)
}

/// The next cycle's plan from a new evaluation (unmet goals listed in a warning).
///
/// @example
/// ```ts
/// const next = nextCyclePlan({ previous: plan, request: { schemaVersion: 1, evaluation, startDate: "2027-02-15" } });
/// ```
#[wasm_bindgen(js_name = nextCyclePlan, unchecked_return_type = "Plan")]
pub fn next_cycle_plan(
    #[wasm_bindgen(unchecked_param_type = "NextCycleParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    let params: NextCycleParams = from_js(params, "params")?;
    to_js(&generate_next_cycle(&params.previous, &params.request)?)
}

/// Training effectiveness on Kirkpatrick's four levels: each level's value, target, met or not.
///
/// @example
/// ```ts
/// const report = kirkpatrickReport({ schemaVersion: 1, reaction: [4.5, 4.1], results: [{ kpiId: "csat", before: 4.0, after: 4.7 }] });
/// ```
#[wasm_bindgen(js_name = kirkpatrickReport, unchecked_return_type = "KirkpatrickReport")]
pub fn kirkpatrick_report(
    #[wasm_bindgen(unchecked_param_type = "CohortData")] data: JsValue,
) -> Result<JsValue, Thrown> {
    let data: CohortData = from_js(data, "data")?;
    to_js(&kirkpatrick(&data)?)
}

/// The default catalog of measures (the domain's measures table), editable data.
///
/// @example
/// ```ts
/// const catalog = defaultCatalog();
/// ```
#[wasm_bindgen(js_name = defaultCatalog, unchecked_return_type = "Catalog")]
pub fn default_catalog() -> Result<JsValue, Thrown> {
    to_js(&Catalog::default_catalog()?)
}

/// The plan as CSV in the 个人业务能力提升计划表 layout, one row per goal, with a UTF-8 BOM.
///
/// @example
/// ```ts
/// download("plan.csv", planCsv({ plan, locale: "zh-CN" }), "text/csv;charset=utf-8");
/// ```
#[wasm_bindgen(js_name = planCsv)]
pub fn plan_csv_js(
    #[wasm_bindgen(unchecked_param_type = "ExportParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: ExportParams = from_js(params, "params")?;
    Ok(plan_csv(
        &params.plan,
        params.locale.unwrap_or_else(current_locale),
    ))
}

/// The schedule (tasks and checkpoints by date) as CSV with a UTF-8 BOM.
///
/// @example
/// ```ts
/// const csv = scheduleCsv({ plan });
/// ```
#[wasm_bindgen(js_name = scheduleCsv)]
pub fn schedule_csv_js(
    #[wasm_bindgen(unchecked_param_type = "ExportParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: ExportParams = from_js(params, "params")?;
    Ok(schedule_csv(
        &params.plan,
        params.locale.unwrap_or_else(current_locale),
    ))
}

/// The plan's checkpoints and goal deadlines as an iCalendar file (Outlook, 钉钉, Google).
/// `dtstamp` is required: the core never reads the clock.
///
/// @example
/// ```ts
/// const ics = planIcs({ plan, dtstamp: new Date().toISOString().slice(0, 19) + "Z" });
/// ```
#[wasm_bindgen(js_name = planIcs)]
pub fn plan_ics_js(
    #[wasm_bindgen(unchecked_param_type = "ExportParams")] params: JsValue,
) -> Result<String, Thrown> {
    let params: ExportParams = from_js(params, "params")?;
    let stamp = params.dtstamp.ok_or_else(|| {
        Error::new(
            ErrorCode::MissingField,
            "dtstamp",
            "缺少导出时间 dtstamp（UTC，如 2026-11-20T08:00:00Z）",
            "missing dtstamp (the export instant in UTC, e.g. 2026-11-20T08:00:00Z)",
        )
    })?;
    Ok(plan_ics(
        &params.plan,
        &stamp,
        params.locale.unwrap_or_else(current_locale),
    )?)
}

/// The plan as pretty JSON (the exchange format; read back with `validatePlan`).
///
/// @example
/// ```ts
/// download("plan.json", planJson(plan), "application/json");
/// ```
#[wasm_bindgen(js_name = planJson)]
pub fn plan_json_js(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
) -> Result<String, Thrown> {
    let plan: Plan = from_js(plan, "plan")?;
    Ok(plan_json(&plan)?)
}
