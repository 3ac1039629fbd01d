//! The kaohe xAPI profile (docs/imports.md): statements for every record kind — exam attempts,
//! practical scorecards (rater and criteria), competency evaluations, plan goals and check-ins —
//! each checked against the xAPI 1.0.3 rules (tests/support/xapi_rules.rs), with stable ids and
//! the profile's category on every statement.

#[path = "support/xapi_rules.rs"]
mod xapi_rules;

use kaohe::interop::xapi::{statements_from_json, XapiAccount, XapiActor, XapiScore};
use kaohe::interop::xapi_records::{
    evaluation_statements, plan_statements, scorecard_statements, XapiCheckIn, XapiCriterion,
    XapiDimensionLevel, XapiEvaluation, XapiGoal, XapiPlan, XapiProgress, XapiRef, XapiScorecard,
    EXT_CRITERIA, PROFILE_ID,
};
use serde_json::Value;
use xapi_rules::check_statement;

fn staff(id: &str, name: &str) -> XapiActor {
    XapiActor {
        name: Some(name.into()),
        mbox: None,
        account: Some(XapiAccount {
            home_page: "https://hr.yunfan.example".into(),
            name: id.into(),
        }),
    }
}

fn scorecard() -> XapiScorecard {
    XapiScorecard {
        schema_version: 1,
        scorecard_id: "sc-call-qa-p17-r2".into(),
        actor: staff("YF-20417", "王芳"),
        rater: staff("YF-00031", "陈静（质检主管）"),
        rubric: XapiRef {
            id: "https://kaohe.example/rubrics/call-qa".into(),
            name: "投诉电话质检评分表".into(),
        },
        performance: Some("通话录音 2026-11-02 10:15（空调漏水投诉）".into()),
        criteria: vec![
            XapiCriterion {
                id: "greeting".into(),
                name: "开场问候".into(),
                score: Some(4.0),
                max: 5.0,
            },
            XapiCriterion {
                id: "empathy".into(),
                name: "共情与安抚".into(),
                score: Some(3.0),
                max: 5.0,
            },
            XapiCriterion {
                id: "upsell".into(),
                name: "增值推荐".into(),
                score: None,
                max: 5.0,
            },
        ],
        score: XapiScore {
            raw: 7.0,
            min: 0.0,
            max: 10.0,
        },
        passed: Some(true),
        scored_at: "2026-11-02T15:30:00+08:00".into(),
        language: None,
    }
}

fn evaluation() -> XapiEvaluation {
    XapiEvaluation {
        schema_version: 1,
        evaluation_id: "eval-YF-20417-2026-11-30".into(),
        actor: staff("YF-20417", "王芳"),
        model: XapiRef {
            id: "https://kaohe.example/models/yunfan-cs".into(),
            name: "云帆客服能力模型".into(),
        },
        evaluated_at: "2026-11-30T18:00:00+08:00".into(),
        dimensions: vec![
            XapiDimensionLevel {
                id: "complaint_handling".into(),
                name: "投诉处理".into(),
                level: 2.5,
                target: Some(3.0),
                evidence_count: Some(6),
            },
            XapiDimensionLevel {
                id: "product_knowledge".into(),
                name: "产品知识".into(),
                level: 4.0,
                target: Some(3.0),
                evidence_count: Some(9),
            },
        ],
        language: None,
    }
}

fn the_plan() -> XapiPlan {
    XapiPlan {
        schema_version: 1,
        plan: XapiRef {
            id: "https://kaohe.example/plans/plan-YF-20417-1".into(),
            name: "王芳 2026 年 12 月发展计划".into(),
        },
        actor: staff("YF-20417", "王芳"),
        created_at: "2026-12-07T09:00:00+08:00".into(),
        goals: vec![XapiGoal {
            id: "g1".into(),
            text: "2027 年 1 月 29 日前将首次解决率从 72% 提升到 80%。".into(),
            dimension_id: "problem_solving".into(),
            baseline: 0.72,
            target: 0.8,
            deadline: "2027-01-29".into(),
        }],
        check_ins: vec![
            XapiCheckIn {
                id: "c1".into(),
                at: "2026-12-28T17:00:00+08:00".into(),
                progress: vec![XapiProgress {
                    goal_id: "g1".into(),
                    value: 0.76,
                    attainment: 0.5,
                }],
            },
            XapiCheckIn {
                id: "c2".into(),
                at: "2027-01-25T17:00:00+08:00".into(),
                progress: vec![XapiProgress {
                    goal_id: "g1".into(),
                    value: 0.81,
                    attainment: 1.1,
                }],
            },
        ],
        language: None,
    }
}

fn in_profile(st: &Value) {
    check_statement(st);
    let category = &st["context"]["contextActivities"]["category"];
    assert_eq!(
        category[0]["id"], PROFILE_ID,
        "the profile category on {st}"
    );
}

#[test]
fn every_record_kind_meets_the_xapi_rules_under_one_profile() {
    let exam = statements_from_json(include_str!("fixtures/interop/attempt.json")).unwrap();
    let card = scorecard_statements(&scorecard()).unwrap();
    let eval = evaluation_statements(&evaluation()).unwrap();
    let plan = plan_statements(&the_plan()).unwrap();
    let all: Vec<&Value> = exam.iter().chain(&card).chain(&eval).chain(&plan).collect();
    for st in &all {
        in_profile(st);
    }
    let mut ids: Vec<&str> = all.iter().map(|s| s["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "every statement id is distinct");
    // Building again gives the same statements: a resend never duplicates.
    assert_eq!(card, scorecard_statements(&scorecard()).unwrap());
    assert_eq!(plan, plan_statements(&the_plan()).unwrap());
}

#[test]
fn a_scorecard_names_its_rater_and_criteria() {
    let st = &scorecard_statements(&scorecard()).unwrap()[0];
    assert!(st["verb"]["id"].as_str().unwrap().ends_with("/scored"));
    assert_eq!(st["context"]["instructor"]["account"]["name"], "YF-00031");
    assert_eq!(st["result"]["score"]["scaled"], 0.7);
    assert_eq!(
        (&st["result"]["success"], &st["result"]["completion"]),
        (&Value::Bool(true), &Value::Bool(true))
    );
    let criteria = st["result"]["extensions"][EXT_CRITERIA].as_array().unwrap();
    assert_eq!(criteria.len(), 3);
    assert_eq!(criteria[1]["name"], "共情与安抚");
    assert!(criteria[2]["score"].is_null(), "not applicable stays null");
    let mut bad = scorecard();
    bad.rater.account = None;
    assert_eq!(scorecard_statements(&bad).unwrap_err().path(), "rater");
}

#[test]
fn evaluations_and_plans_say_level_target_and_progress() {
    let eval = evaluation_statements(&evaluation()).unwrap();
    assert_eq!(eval.len(), 2);
    assert_eq!(
        eval[0]["object"]["id"],
        "https://kaohe.example/models/yunfan-cs/dimensions/complaint_handling"
    );
    assert_eq!(eval[0]["result"]["score"]["raw"], 2.5);
    assert_eq!(
        eval[0]["result"]["success"], false,
        "below the role's target"
    );
    assert_eq!(eval[1]["result"]["success"], true);
    let plan = plan_statements(&the_plan()).unwrap();
    let verbs: Vec<&str> = plan
        .iter()
        .map(|s| {
            s["verb"]["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(verbs, ["registered", "progressed", "progressed"]);
    assert_eq!(plan[1]["result"]["score"]["scaled"], 0.5);
    assert_eq!(plan[1]["result"]["completion"], false);
    assert_eq!(
        plan[2]["result"]["score"]["scaled"], 1,
        "attainment past 100% is capped"
    );
    assert_eq!(plan[2]["result"]["completion"], true);
    assert_eq!(
        plan[0]["context"]["contextActivities"]["parent"][0]["id"],
        "https://kaohe.example/plans/plan-YF-20417-1"
    );
    let mut orphan = the_plan();
    orphan.check_ins[0].progress[0].goal_id = "g9".into();
    assert_eq!(
        plan_statements(&orphan).unwrap_err().path(),
        "checkIns[0].progress[0].goalId"
    );
}
