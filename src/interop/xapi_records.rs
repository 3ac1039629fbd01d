//! xAPI 1.0.3 statements for the records beyond exam attempts (see [`super::xapi`] for those):
//! practical scorecards, competency evaluations, and development plans with their goals and
//! check-ins, so an LRS can hold a person's whole record. All follow the kaohe profile
//! (docs/imports.md, "The xAPI profile"):
//!
//! - every statement carries the profile as a `contextActivities.category` activity
//!   ([`PROFILE_ID`]), as cmi5 marks its statements with its own category;
//! - ids are name-based UUIDs (v5) of the record's id, the statement kind and the part (criterion,
//!   dimension, goal, check-in), in the namespace of the exam statements: building them again gives
//!   the same ids, so a resend never duplicates;
//! - timestamps are the record's own (the core reads no clock).
//!
//! | record | verb | object (activity type) | result | context |
//! |---|---|---|---|---|
//! | scorecard | `scored` (ADL) | the rubric (`…/activities/performance`) | score, success (when a pass mark applies), completion, criteria extension | `instructor`: the rater |
//! | evaluation | `scored` (ADL), one per dimension | `{model}/dimensions/{id}` (`…/activities/objective`) | score on the 1–5 scale, success = level ≥ target | parent: the model |
//! | plan goal | `registered` (ADL) | `{plan}/goals/{id}` (`…/activities/objective`) | baseline, target, deadline extensions | parent: the plan |
//! | check-in | `progressed` (ADL), one per goal reported | the goal | score.scaled = attainment, completion = attained, value extension | parent: the plan |

use crate::format::{FromJson, ToJson};
use serde_json::{json, Map, Value};

use super::defaults::XAPI_LANGUAGE;
use super::uuid5::{parse_uuid, uuid_v5};
use super::xapi::{
    actor_json, check_score, iri_segment, is_iri, is_timestamp, score_json, XapiActor, XapiScore,
    STATEMENT_NAMESPACE, VERB_SCORED,
};
use crate::error::{Error, ErrorCode};

/// The profile every kaohe statement names in `context.contextActivities.category`.
pub const PROFILE_ID: &str = "https://kaohe.example/xapi/profile/v1";
/// Verb `registered` (ADL): the person takes on a development goal.
pub const VERB_REGISTERED: &str = "http://adlnet.gov/expapi/verbs/registered";
/// Verb `progressed` (ADL): a check-in reports progress on a goal.
pub const VERB_PROGRESSED: &str = "http://adlnet.gov/expapi/verbs/progressed";
/// Activity type of a practical assessment (a rubric applied to one performance).
pub const TYPE_PERFORMANCE: &str = "http://adlnet.gov/expapi/activities/performance";
/// Activity type of a competency dimension and of a plan goal.
pub const TYPE_OBJECTIVE: &str = "http://adlnet.gov/expapi/activities/objective";
/// Activity type of a competency model and of a development plan.
pub const TYPE_MODULE: &str = "http://adlnet.gov/expapi/activities/module";
/// Activity type of the profile category.
pub const TYPE_PROFILE: &str = "http://adlnet.gov/expapi/activities/profile";
/// Extension IRIs of the profile (in `result.extensions`).
pub const EXT_CRITERIA: &str = "https://kaohe.example/xapi/extensions/criteria";
/// A competency's target level for the person's role.
pub const EXT_TARGET_LEVEL: &str = "https://kaohe.example/xapi/extensions/target-level";
/// How many pieces of evidence a competency level rests on.
pub const EXT_EVIDENCE_COUNT: &str = "https://kaohe.example/xapi/extensions/evidence-count";
/// A goal's metric at the start, its target, its deadline, the reported value, its metric.
pub const EXT_BASELINE: &str = "https://kaohe.example/xapi/extensions/baseline";
/// A goal's target value.
pub const EXT_TARGET: &str = "https://kaohe.example/xapi/extensions/target";
/// A goal's deadline (`YYYY-MM-DD`).
pub const EXT_DEADLINE: &str = "https://kaohe.example/xapi/extensions/deadline";
/// The value a check-in reports for a goal's metric.
pub const EXT_VALUE: &str = "https://kaohe.example/xapi/extensions/value";
/// The dimension a goal develops.
pub const EXT_DIMENSION: &str = "https://kaohe.example/xapi/extensions/dimension";

/// An activity named by the caller: an absolute IRI and a name.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiRef {
    /// An absolute IRI, e.g. `https://lms.example.com/kaohe/rubrics/call-qa`.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One criterion of a scorecard.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiCriterion {
    /// The criterion id in the rubric.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Points given; `None` when rated not applicable.
    #[serde(default)]
    pub score: Option<f64>,
    /// Its maximum.
    pub max: f64,
}

/// A practical assessment: one rater's completed scorecard of one performance.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiScorecard {
    /// Always 1.
    pub schema_version: u32,
    /// The scorecard's stable id; the statement id derives from it.
    pub scorecard_id: String,
    /// The person assessed.
    pub actor: XapiActor,
    /// The rater (`context.instructor`).
    pub rater: XapiActor,
    /// The rubric, as the activity.
    pub rubric: XapiRef,
    /// What was assessed, e.g. 通话录音 2026-11-02 10:15（投诉）.
    #[serde(default)]
    pub performance: Option<String>,
    /// Every criterion with its rating.
    pub criteria: Vec<XapiCriterion>,
    /// The scorecard's score.
    pub score: XapiScore,
    /// Whether it reached the pass mark, when one applies.
    #[serde(default)]
    pub passed: Option<bool>,
    /// When it was completed, ISO 8601 with a zone.
    pub scored_at: String,
    /// Language of names (default zh-CN).
    #[serde(default)]
    pub language: Option<String>,
}

/// One dimension of a competency evaluation.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiDimensionLevel {
    /// The dimension id in the model.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level reached, 1–5 (fractions allowed).
    pub level: f64,
    /// The role's target level, when known.
    #[serde(default)]
    pub target: Option<f64>,
    /// How many pieces of evidence the level rests on.
    #[serde(default)]
    pub evidence_count: Option<u32>,
}

/// A competency evaluation of one person on a date.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiEvaluation {
    /// Always 1.
    pub schema_version: u32,
    /// A stable id of this evaluation (e.g. person and date).
    pub evaluation_id: String,
    /// The person evaluated.
    pub actor: XapiActor,
    /// The competency model, as the parent activity.
    pub model: XapiRef,
    /// When it was evaluated, ISO 8601 with a zone.
    pub evaluated_at: String,
    /// Levels per dimension; dimensions without a level are left out by the caller.
    pub dimensions: Vec<XapiDimensionLevel>,
    /// Language of names (default zh-CN).
    #[serde(default)]
    pub language: Option<String>,
}

/// A goal of a development plan.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiGoal {
    /// The goal id in the plan.
    pub id: String,
    /// Its sentence, e.g. 12 月 31 日前将首次解决率从 72% 提升到 80%。
    pub text: String,
    /// The dimension it develops.
    pub dimension_id: String,
    /// The metric at the start.
    pub baseline: f64,
    /// The target value.
    pub target: f64,
    /// The deadline, `YYYY-MM-DD`.
    pub deadline: String,
}

/// One goal's progress in a check-in.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiProgress {
    /// The goal.
    pub goal_id: String,
    /// The metric's value reported.
    pub value: f64,
    /// How much of the way from baseline to target it is, 0–1 (1 = attained).
    pub attainment: f64,
}

/// A check-in of a plan.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiCheckIn {
    /// A stable id of the check-in.
    pub id: String,
    /// When it was recorded, ISO 8601 with a zone.
    pub at: String,
    /// Progress per goal reported.
    pub progress: Vec<XapiProgress>,
}

/// A development plan with its goals and check-ins.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct XapiPlan {
    /// Always 1.
    pub schema_version: u32,
    /// The plan, as the parent activity (`id` an IRI, e.g. `https://…/plans/plan-E1001-1`).
    pub plan: XapiRef,
    /// Whose plan it is.
    pub actor: XapiActor,
    /// When the plan was agreed, ISO 8601 with a zone (the goals' `registered` timestamp).
    pub created_at: String,
    /// The goals.
    pub goals: Vec<XapiGoal>,
    /// The check-ins so far.
    #[serde(default)]
    pub check_ins: Vec<XapiCheckIn>,
    /// Language of names (default zh-CN).
    #[serde(default)]
    pub language: Option<String>,
}

fn bad(code: ErrorCode, path: impl Into<String>, zh: String, en: String) -> Error {
    Error::new(code, path, zh, en)
}

fn check_actor(actor: &XapiActor, path: &str) -> Result<(), Error> {
    let ifis = usize::from(actor.mbox.is_some()) + usize::from(actor.account.is_some());
    let account_ok = actor
        .account
        .as_ref()
        .is_none_or(|a| is_iri(&a.home_page) && !a.name.trim().is_empty());
    if ifis != 1 || !account_ok {
        return Err(bad(
            ErrorCode::InvalidValue,
            path,
            format!("{path} 需要且只能有一个标识（mbox 或 account，account 需要绝对 IRI 的 homePage 和非空 name）"),
            format!("{path} needs exactly one identifier (mbox, or an account with an absolute IRI homePage and a name)"),
        ));
    }
    Ok(())
}

fn check_iri(iri: &str, path: &str) -> Result<(), Error> {
    if is_iri(iri) {
        return Ok(());
    }
    Err(bad(
        ErrorCode::InvalidValue,
        path,
        format!("{path} “{iri}” 不是绝对 IRI（如 https://…）"),
        format!("{path} \"{iri}\" is not an absolute IRI (https://…)"),
    ))
}

fn check_time(t: &str, path: &str) -> Result<(), Error> {
    if is_timestamp(t) {
        return Ok(());
    }
    Err(bad(
        ErrorCode::InvalidDate,
        path,
        format!("时间 “{t}” 应为带时区的 ISO 8601，如 2026-11-02T09:00:00+08:00"),
        format!("timestamp \"{t}\" must be ISO 8601 with a zone, e.g. 2026-11-02T09:00:00+08:00"),
    ))
}

fn check_id(id: &str, path: &str) -> Result<(), Error> {
    if id.trim().is_empty() {
        return Err(bad(
            ErrorCode::InvalidValue,
            path,
            format!("{path} 不能为空"),
            format!("{path} must not be blank"),
        ));
    }
    Ok(())
}

/// What every statement of one record shares.
struct Builder<'a> {
    record: &'a str,
    lang: &'a str,
    actor: Value,
}

impl Builder<'_> {
    fn id(&self, kind: &str, part: &str) -> String {
        let namespace = parse_uuid(STATEMENT_NAMESPACE).unwrap_or_default();
        uuid_v5(&namespace, &format!("{}\n{kind}\n{part}", self.record))
    }

    fn name(&self, s: &str) -> Value {
        json!({ self.lang: s })
    }

    fn activity(&self, id: &str, kind: &str, name: &str) -> Value {
        json!({ "objectType": "Activity", "id": id, "definition": { "type": kind, "name": self.name(name) } })
    }

    fn context(&self, parent: Option<&Value>, instructor: Option<Value>) -> Value {
        let mut activities = Map::new();
        if let Some(p) = parent {
            activities.insert("parent".into(), json!([p]));
        }
        activities.insert(
            "category".into(),
            json!([{ "objectType": "Activity", "id": PROFILE_ID, "definition": { "type": TYPE_PROFILE } }]),
        );
        let mut context = Map::new();
        if let Some(i) = instructor {
            context.insert("instructor".into(), i);
        }
        context.insert("contextActivities".into(), Value::Object(activities));
        context.insert("language".into(), json!(self.lang));
        Value::Object(context)
    }
}

fn verb(id: &str, en: &str, zh: &str) -> Value {
    json!({ "id": id, "display": { "en-US": en, "zh-CN": zh } })
}

/// The statement of a completed practical scorecard.
///
/// @example
/// `let statements = scorecard_statements(&card)?; // one "scored" statement`
pub fn scorecard_statements(card: &XapiScorecard) -> Result<Vec<Value>, Error> {
    crate::format::check_schema_version(card.schema_version, 1, "xAPI 评分表 / xAPI scorecard")?;
    check_id(&card.scorecard_id, "scorecardId")?;
    check_actor(&card.actor, "actor")?;
    check_actor(&card.rater, "rater")?;
    check_iri(&card.rubric.id, "rubric.id")?;
    check_time(&card.scored_at, "scoredAt")?;
    check_score(card.score.raw, card.score.min, card.score.max, "score")?;
    for (i, c) in card.criteria.iter().enumerate() {
        check_id(&c.id, &format!("criteria[{i}].id"))?;
        if let Some(s) = c.score {
            check_score(s, 0.0_f64.min(s), c.max, &format!("criteria[{i}]"))?;
        }
    }
    let b = Builder {
        record: &card.scorecard_id,
        lang: card.language.as_deref().unwrap_or(XAPI_LANGUAGE),
        actor: actor_json(&card.actor),
    };
    let mut definition = Map::new();
    definition.insert("type".into(), json!(TYPE_PERFORMANCE));
    definition.insert("name".into(), b.name(&card.rubric.name));
    if let Some(p) = &card.performance {
        definition.insert("description".into(), b.name(p));
    }
    let criteria: Vec<Value> = card
        .criteria
        .iter()
        .map(|c| json!({ "id": c.id, "name": c.name, "score": c.score.map(super::text::num), "max": super::text::num(c.max) }))
        .collect();
    let mut result = Map::new();
    result.insert(
        "score".into(),
        score_json(card.score.raw, card.score.min, card.score.max),
    );
    if let Some(p) = card.passed {
        result.insert("success".into(), json!(p));
    }
    result.insert("completion".into(), json!(true));
    result.insert("extensions".into(), json!({ EXT_CRITERIA: criteria }));
    Ok(vec![json!({
        "id": b.id("scored", ""),
        "actor": b.actor,
        "verb": verb(VERB_SCORED, "scored", "得分"),
        "object": { "objectType": "Activity", "id": card.rubric.id, "definition": definition },
        "result": result,
        "context": b.context(None, Some(actor_json(&card.rater))),
        "timestamp": card.scored_at,
    })])
}

/// One `scored` statement per dimension of a competency evaluation.
pub fn evaluation_statements(e: &XapiEvaluation) -> Result<Vec<Value>, Error> {
    crate::format::check_schema_version(e.schema_version, 1, "xAPI 能力评估 / xAPI evaluation")?;
    check_id(&e.evaluation_id, "evaluationId")?;
    check_actor(&e.actor, "actor")?;
    check_iri(&e.model.id, "model.id")?;
    check_time(&e.evaluated_at, "evaluatedAt")?;
    let b = Builder {
        record: &e.evaluation_id,
        lang: e.language.as_deref().unwrap_or(XAPI_LANGUAGE),
        actor: actor_json(&e.actor),
    };
    let model = b.activity(&e.model.id, TYPE_MODULE, &e.model.name);
    let mut out = Vec::new();
    for (i, d) in e.dimensions.iter().enumerate() {
        check_id(&d.id, &format!("dimensions[{i}].id"))?;
        check_score(d.level, 1.0, 5.0, &format!("dimensions[{i}].level"))?;
        let mut result = Map::new();
        result.insert("score".into(), score_json(d.level, 1.0, 5.0));
        let mut ext = Map::new();
        if let Some(t) = d.target {
            check_score(t, 1.0, 5.0, &format!("dimensions[{i}].target"))?;
            result.insert("success".into(), json!(d.level >= t));
            ext.insert(EXT_TARGET_LEVEL.into(), super::text::num(t));
        }
        if let Some(n) = d.evidence_count {
            ext.insert(EXT_EVIDENCE_COUNT.into(), json!(n));
        }
        if !ext.is_empty() {
            result.insert("extensions".into(), Value::Object(ext));
        }
        let object = b.activity(
            &format!(
                "{}/dimensions/{}",
                e.model.id.trim_end_matches('/'),
                iri_segment(&d.id)
            ),
            TYPE_OBJECTIVE,
            &d.name,
        );
        out.push(json!({
            "id": b.id("scored", &d.id),
            "actor": b.actor,
            "verb": verb(VERB_SCORED, "scored", "得分"),
            "object": object,
            "result": result,
            "context": b.context(Some(&model), None),
            "timestamp": e.evaluated_at,
        }));
    }
    Ok(out)
}

/// A plan's statements: `registered` per goal, then `progressed` per goal reported in each
/// check-in, in check-in order.
pub fn plan_statements(p: &XapiPlan) -> Result<Vec<Value>, Error> {
    crate::format::check_schema_version(p.schema_version, 1, "xAPI 发展计划 / xAPI plan")?;
    check_iri(&p.plan.id, "plan.id")?;
    check_actor(&p.actor, "actor")?;
    check_time(&p.created_at, "createdAt")?;
    let b = Builder {
        record: &p.plan.id,
        lang: p.language.as_deref().unwrap_or(XAPI_LANGUAGE),
        actor: actor_json(&p.actor),
    };
    let plan = b.activity(&p.plan.id, TYPE_MODULE, &p.plan.name);
    let goal_activity = |g: &XapiGoal| {
        b.activity(
            &format!(
                "{}/goals/{}",
                p.plan.id.trim_end_matches('/'),
                iri_segment(&g.id)
            ),
            TYPE_OBJECTIVE,
            &g.text,
        )
    };
    let mut out = Vec::new();
    for (i, g) in p.goals.iter().enumerate() {
        check_id(&g.id, &format!("goals[{i}].id"))?;
        if crate::date::Date::parse(&g.deadline, &format!("goals[{i}].deadline")).is_err() {
            return Err(bad(
                ErrorCode::InvalidDate,
                format!("goals[{i}].deadline"),
                format!("截止日期 “{}” 应为 YYYY-MM-DD", g.deadline),
                format!("deadline \"{}\" must be YYYY-MM-DD", g.deadline),
            ));
        }
        out.push(json!({
            "id": b.id("registered", &g.id),
            "actor": b.actor,
            "verb": verb(VERB_REGISTERED, "registered", "设定目标"),
            "object": goal_activity(g),
            "result": { "extensions": {
                EXT_DIMENSION: g.dimension_id,
                EXT_BASELINE: super::text::num(g.baseline),
                EXT_TARGET: super::text::num(g.target),
                EXT_DEADLINE: g.deadline,
            } },
            "context": b.context(Some(&plan), None),
            "timestamp": p.created_at,
        }));
    }
    for (i, c) in p.check_ins.iter().enumerate() {
        check_id(&c.id, &format!("checkIns[{i}].id"))?;
        check_time(&c.at, &format!("checkIns[{i}].at"))?;
        for (k, pr) in c.progress.iter().enumerate() {
            let at = format!("checkIns[{i}].progress[{k}]");
            let goal = p.goals.iter().find(|g| g.id == pr.goal_id).ok_or_else(|| {
                bad(
                    ErrorCode::UnknownReference,
                    format!("{at}.goalId"),
                    format!("目标 “{}” 不在计划中", pr.goal_id),
                    format!("goal \"{}\" is not in the plan", pr.goal_id),
                )
            })?;
            if !(pr.value.is_finite() && pr.attainment.is_finite()) {
                return Err(bad(
                    ErrorCode::OutOfRange,
                    at,
                    "进度数值无效".into(),
                    "progress values must be finite numbers".into(),
                ));
            }
            let attainment = pr.attainment.clamp(0.0, 1.0);
            out.push(json!({
                "id": b.id("progressed", &format!("{}\n{}", c.id, goal.id)),
                "actor": b.actor,
                "verb": verb(VERB_PROGRESSED, "progressed", "取得进展"),
                "object": goal_activity(goal),
                "result": {
                    "score": { "scaled": super::text::num((attainment * 10_000.0).round() / 10_000.0) },
                    "completion": attainment >= 1.0,
                    "extensions": { EXT_VALUE: super::text::num(pr.value) },
                },
                "context": b.context(Some(&plan), None),
                "timestamp": c.at,
            }));
        }
    }
    Ok(out)
}
