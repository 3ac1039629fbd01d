//! KPIs as contact centres export them: any KPI the model defines, 满意率 in %, daily / weekly /
//! monthly / quarterly periods, Chinese report headers and the trainer's own spellings, and a
//! preview listing every row / column problem before anything is stored.

use kaohe::competency::{
    evaluate_team, import_kpi_csv, import_kpi_csv_with, parse_evidence, parse_model,
    preview_kpi_csv, EvaluationOptions, HeaderAlias, KpiDictionary,
};
use kaohe::date::Date;
use kaohe::plan::{
    from_competency_with, generate_plans, MetricKind, PlanBatchRequest, PlanSettings,
};
use kaohe::ErrorCode;
use serde_json::{json, Value};

/// The sample model plus a KPI of its own (重复来电率, lower is better), read by 问题解决.
fn model_json() -> Value {
    let mut model: Value = serde_json::from_str(include_str!("../www/samples/model.json")).unwrap();
    model["kpis"] = json!([{
        "id": "repeatContactRate",
        "name": { "zh": "重复来电率", "en": "repeat contact rate" },
        "unit": { "zh": "%", "en": "%" },
        "direction": "lowerIsBetter",
        "min": 0, "max": 100, "percent": true, "decimals": 1, "period": "quarterly",
        "aliases": ["二次来电率"]
    }]);
    let dims = model["dimensions"].as_array_mut().unwrap();
    let ps = dims
        .iter_mut()
        .find(|d| d["id"] == "problem_solving")
        .unwrap();
    ps["evidence"]["sources"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "kind": "kpi", "key": "repeatContactRate", "weight": 0.4,
            "mapping": { "thresholds": [20, 15, 10, 6, 3] }
        }));
    // A high target, so the frontline people have a problem-solving gap to plan for.
    for role in model["roles"].as_array_mut().unwrap() {
        for t in role["targets"].as_array_mut().unwrap() {
            if t["dimensionId"] == "problem_solving" {
                t["level"] = json!(4.5);
                t["importance"] = json!(3);
            }
        }
    }
    model
}

const QUARTERS: &str = "工号,姓名,统计周期,满意率,首次解决率,平均响应时长,表扬率,投诉处理满意度,服务质量评分,二次来电率\n\
E1001,李娜,2026年第3季度,91.5%,78%,35,2.1%,88%,84,12.5%\n\
E1001,李娜,2026-Q4,93%,81%,0:32,2.6%,90%,86,9.8%\n\
E1002,王伟,2026Q3,88,75%,41,1.2%,80%,80,14%\n";

#[test]
fn chinese_report_headers_quarters_and_a_models_own_kpi() {
    let model = parse_model(&model_json().to_string()).unwrap();
    let dictionary = KpiDictionary::for_model(&model);
    let import = import_kpi_csv_with(QUARTERS, &dictionary).unwrap();
    let fields: Vec<(&str, &str)> = import
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("工号", "agentId"),
            ("统计周期", "period"),
            ("满意率", "satisfactionRate"),
            ("首次解决率", "fcr"),
            ("平均响应时长", "responseTime"),
            ("表扬率", "praiseRate"),
            ("投诉处理满意度", "complaintSatisfaction"),
            ("服务质量评分", "qaScore"),
            ("二次来电率", "repeatContactRate"),
        ]
    );
    assert_eq!(import.ignored_columns, ["姓名"]);
    assert_eq!(import.rows, 3);
    let value = |person: &str, key: &str, period: &str| {
        import
            .evidence
            .iter()
            .find(|r| {
                r.person_id == person && r.key == key && r.source_id.as_deref() == Some(period)
            })
            .map(|r| (r.value, r.date.to_string()))
    };
    assert_eq!(
        value("E1001", "satisfactionRate", "kpi:2026-Q3"),
        Some((91.5, "2026-09-30".into()))
    );
    assert_eq!(
        value("E1001", "responseTime", "kpi:2026-Q4"),
        Some((32.0, "2026-12-31".into()))
    );
    assert_eq!(
        value("E1002", "satisfactionRate", "kpi:2026-Q3"),
        Some((88.0, "2026-09-30".into()))
    );
    assert_eq!(
        value("E1001", "repeatContactRate", "kpi:2026-Q4"),
        Some((9.8, "2026-12-31".into()))
    );
    // Without the model, the column of its own KPI is left out, the rest is read.
    let builtin = import_kpi_csv(QUARTERS).unwrap();
    assert!(builtin.ignored_columns.contains(&"二次来电率".to_string()));
}

#[test]
fn the_models_kpi_is_evaluated_and_planned_in_its_own_unit() {
    let model = parse_model(&model_json().to_string()).unwrap();
    let import = import_kpi_csv_with(QUARTERS, &KpiDictionary::for_model(&model)).unwrap();
    let mut set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    set.evidence.extend(import.evidence);
    let date = Date::from_ymd(2026, 12, 31).unwrap();
    let team = evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap();
    let li = &team.people[0];
    let ps = li
        .dimensions
        .iter()
        .find(|d| d.dimension_id == "problem_solving")
        .unwrap();
    let repeat = ps
        .sources
        .iter()
        .find(|s| s.key == "repeatContactRate")
        .unwrap();
    // Mean of 12.5 and 9.8 = 11.15 → between 15 (level 2) and 10 (level 3): 2.77.
    assert!((repeat.raw_value - 11.15).abs() < 1e-9);
    assert!((repeat.level - 2.77).abs() < 1e-9, "{}", repeat.level);
    assert!(
        ps.explanation.zh.contains("重复来电率"),
        "{}",
        ps.explanation.zh
    );
    let batch = generate_plans(&PlanBatchRequest {
        schema_version: 1,
        evaluations: team
            .people
            .iter()
            .map(|p| from_competency_with(p, &model))
            .collect(),
        start_date: "2027-01-04".into(),
        settings: PlanSettings {
            max_evidence_goals_per_dimension: 5,
            ..PlanSettings::default()
        },
        catalog: None,
    })
    .unwrap();
    let goal = batch
        .plans
        .iter()
        .flat_map(|p| &p.goals)
        .find(|g| g.metric.kind == MetricKind::Kpi && g.metric.key == "repeatContactRate");
    let goal = goal.expect("someone with a problem-solving gap gets a goal on the model's KPI");
    assert_eq!(goal.metric.unit.zh, "%");
    assert!(goal.target < goal.baseline, "lower is better");
    assert_eq!(
        goal.metric.level_anchors.as_deref(),
        Some(&[20.0, 15.0, 10.0, 6.0, 3.0][..])
    );
}

#[test]
fn days_weeks_months_and_the_trainers_spellings() {
    let text = "坐席工号,日期,一次性解决率,客户满意度\nE1,2026-09-30,80%,4.5\nE1,2026-W40,82%,4.6\nE1,2026年10月,84%,4.7\n";
    let plain = import_kpi_csv(text).unwrap();
    assert_eq!(plain.ignored_columns, ["一次性解决率"]);
    let dictionary = KpiDictionary::default()
        .with_headers(&[HeaderAlias {
            header: "一次性解决率".into(),
            field: "fcr".into(),
        }])
        .unwrap();
    let import = import_kpi_csv_with(text, &dictionary).unwrap();
    let dates: Vec<String> = import
        .evidence
        .iter()
        .filter(|r| r.key == "fcr")
        .map(|r| r.date.to_string())
        .collect();
    assert_eq!(dates, ["2026-09-30", "2026-10-04", "2026-10-31"]);
    let bad = KpiDictionary::default().with_headers(&[HeaderAlias {
        header: "x".into(),
        field: "nps".into(),
    }]);
    let e = bad.unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::UnknownReference, "headers[0].field")
    );
}

#[test]
fn the_preview_lists_every_row_and_column_problem() {
    let text = "工号,周期,客户满意度,满意率,首次解决率\n\
E1,2026-09,4.5,90%,80%\n\
E2,2026-09,92,91%,80%\n\
E3,2026-13,4.1,90%,80%\n\
E4,2026-09,4.2,90%,八十\n\
E5,2026-09,4.2\n";
    let preview = preview_kpi_csv(text, &KpiDictionary::default()).unwrap();
    let problems: Vec<(&str, &str, u32, &str)> = preview
        .problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str(), p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            ("OUT_OF_RANGE", "rows[2].csat", 2, "客户满意度"),
            ("INVALID_ROW", "rows[3].period", 3, "周期"),
            ("INVALID_ROW", "rows[4].fcr", 4, "首次解决率"),
            ("INVALID_ROW", "rows[5]", 5, ""),
        ]
    );
    // A CSAT of 92 points to the 满意率 column.
    assert!(preview.problems[0].message.zh.contains("满意率"));
    // Only the good row's records would be stored.
    assert!(preview.import.evidence.iter().all(|r| r.person_id == "E1"));
    assert_eq!(preview.periods, ["2026-09"]);
    // The import itself fails on the first problem, with its path.
    let e = import_kpi_csv(text).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "rows[2].csat")
    );
}

/// The preview's dictionary: the model's KPIs when a model is given, errors under `model` and
/// `headers`.
#[test]
fn the_preview_dictionary_comes_from_the_model_and_the_headers() {
    let model: kaohe::competency::CompetencyModel =
        kaohe::format::decode_value(&model_json()).unwrap();
    let alias: HeaderAlias =
        kaohe::format::decode_value(&json!({ "header": "重复来电", "field": "repeatContactRate" }))
            .unwrap();
    assert!(KpiDictionary::for_preview(Some(model.clone()), std::slice::from_ref(&alias)).is_ok());
    let err = KpiDictionary::for_preview(None, &[alias]).unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::UnknownReference, "headers[0].field")
    );
    let mut bad = model;
    bad.dimensions.clear();
    let err = KpiDictionary::for_preview(Some(bad), &[]).unwrap_err();
    assert!(err.path().starts_with("model"), "{}", err.path());
    assert!(kaohe::plan::Catalog::or_default(None).is_ok());
}
