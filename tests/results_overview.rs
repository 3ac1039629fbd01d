//! The results overview of an exam: each person once (latest attempt), pass rate, the score
//! distribution, section / dimension means and teams, checked by hand and against NumPy
//! (`tests/fixtures/overview/make_overview.py`), and its charts escape user text.

use kaohe::analytics::overview::{results_overview, OverviewInput, ResultsOverview};
use kaohe::format::decode_value;
use kaohe::i18n::Locale;
use kaohe::report::overview::overview_report;
use serde_json::{json, Value};

fn input(value: Value) -> OverviewInput {
    decode_value(&value).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn latest_attempt_per_person_and_team_figures() {
    let overview = results_overview(&input(json!({ "results": [
        { "attemptId": "a1", "candidateId": "E1001", "team": "售后一组", "submittedAt": 1.0, "percent": 60.0, "passed": false,
          "sections": [{ "key": "产品", "percent": 50.0 }], "dimensions": [{ "key": "communication", "percent": 40.0 }] },
        { "attemptId": "a2", "candidateId": "E1001", "team": "售后一组", "submittedAt": 2.0, "percent": 90.0, "passed": true,
          "sections": [{ "key": "产品", "percent": 100.0 }], "dimensions": [{ "key": "communication" }] },
        { "attemptId": "a3", "candidateId": "E1002", "team": "售后一组", "submittedAt": 1.0, "percent": 100.0, "passed": true,
          "sections": [{ "key": "产品", "percent": 80.0 }], "dimensions": [{ "key": "communication", "percent": 70.0 }] },
        { "attemptId": "a4", "candidateId": "", "team": "", "submittedAt": 1.0, "percent": 70.0, "passed": false }
    ] })))
    .unwrap();
    assert_eq!(overview.candidates, 3);
    assert_eq!(overview.passed, 2);
    close(overview.pass_rate.unwrap(), 200.0 / 3.0);
    close(overview.mean_percent.unwrap(), (90.0 + 100.0 + 70.0) / 3.0);
    close(overview.median_percent.unwrap(), 90.0);
    assert_eq!(overview.counted, ["a3", "a2", "a4"]);
    // 100 % falls in the last bin, 70 % in 70–80, 90 % in 90–100.
    let counts: Vec<u32> = overview.histogram.iter().map(|b| b.count).collect();
    assert_eq!(counts, [0, 0, 0, 0, 0, 0, 0, 1, 0, 2]);
    assert_eq!(overview.sections.len(), 1);
    close(overview.sections[0].mean_percent, 90.0);
    // E1001's latest attempt has no communication percent: only E1002's counts.
    assert_eq!(overview.dimensions[0].candidates, 1);
    close(overview.dimensions[0].mean_percent, 70.0);
    // The named team first, the unassigned last.
    assert_eq!(overview.teams[0].team, "售后一组");
    assert_eq!(
        (overview.teams[0].candidates, overview.teams[0].passed),
        (2, 2)
    );
    assert_eq!(overview.teams[1].team, "");
    close(overview.teams[1].pass_rate, 0.0);
}

#[test]
fn empty_and_bad_inputs() {
    let empty = results_overview(&input(json!({ "results": [] }))).unwrap();
    assert_eq!(empty.candidates, 0);
    assert!(
        empty.pass_rate.is_none() && empty.mean_percent.is_none() && empty.sd_percent.is_none()
    );
    assert_eq!(empty.histogram.len(), 10);
    let bad = results_overview(&input(json!({ "results": [
        { "attemptId": "a", "percent": 50.0, "passed": false },
        { "attemptId": "b", "percent": 101.0, "passed": true }
    ] })))
    .unwrap_err();
    assert_eq!(
        (bad.code().as_str(), bad.path()),
        ("OUT_OF_RANGE", "results[1].percent")
    );
    let bad = results_overview(&input(json!({ "results": [
        { "attemptId": "a", "percent": 50.0, "passed": false, "dimensions": [{ "key": "x", "percent": -1.0 }] }
    ] })))
    .unwrap_err();
    assert_eq!(bad.path(), "results[0].dimensions[0].percent");
    let bad = results_overview(&input(json!({ "results": [], "bins": 0 }))).unwrap_err();
    assert_eq!((bad.code().as_str(), bad.path()), ("OUT_OF_RANGE", "bins"));
}

#[test]
fn agrees_with_numpy() {
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/overview/overview.json")).unwrap();
    let overview: ResultsOverview = results_overview(&input(fixture["input"].clone())).unwrap();
    let e = &fixture["expected"];
    let f = |v: &Value| v.as_f64().unwrap();
    assert_eq!(
        u64::from(overview.candidates),
        e["candidates"].as_u64().unwrap()
    );
    assert_eq!(u64::from(overview.passed), e["passed"].as_u64().unwrap());
    close(overview.pass_rate.unwrap(), f(&e["passRate"]));
    close(overview.mean_percent.unwrap(), f(&e["meanPercent"]));
    close(overview.median_percent.unwrap(), f(&e["medianPercent"]));
    close(overview.sd_percent.unwrap(), f(&e["sdPercent"]));
    let counts: Vec<u64> = overview
        .histogram
        .iter()
        .map(|b| u64::from(b.count))
        .collect();
    let want: Vec<u64> = e["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(counts, want);
    for (rows, want) in [
        (&overview.sections, &e["sections"]),
        (&overview.dimensions, &e["dimensions"]),
    ] {
        let want = want.as_array().unwrap();
        assert_eq!(rows.len(), want.len());
        for (row, w) in rows.iter().zip(want) {
            assert_eq!(row.key, w["key"].as_str().unwrap());
            assert_eq!(u64::from(row.candidates), w["candidates"].as_u64().unwrap());
            close(row.mean_percent, f(&w["meanPercent"]));
        }
    }
    let want = e["teams"].as_array().unwrap();
    assert_eq!(overview.teams.len(), want.len());
    for (row, w) in overview.teams.iter().zip(want) {
        assert_eq!(row.team, w["team"].as_str().unwrap());
        assert_eq!(u64::from(row.candidates), w["candidates"].as_u64().unwrap());
        assert_eq!(u64::from(row.passed), w["passed"].as_u64().unwrap());
        close(row.pass_rate, f(&w["passRate"]));
        close(row.mean_percent, f(&w["meanPercent"]));
    }
}

#[test]
fn charts_escape_team_names_and_mark_the_pass_mark() {
    let overview = results_overview(&input(json!({ "results": [
        { "attemptId": "a1", "candidateId": "E1", "team": "<script>alert(1)</script>", "percent": 88.0, "passed": true },
        { "attemptId": "a2", "candidateId": "E2", "team": "", "percent": 40.0, "passed": false }
    ] })))
    .unwrap();
    let report = overview_report(overview, Some(85.0), "未分组", Locale::ZhCn);
    assert!(!report.teams_svg.contains("<script>"));
    assert!(report.teams_svg.contains("&lt;script&gt;"));
    assert!(report.teams_svg.contains("未分组"));
    assert!(report.teams_svg.contains("100%（1 / 1 人）"));
    assert!(report.histogram_svg.contains("及格线 85%"));
    let en = overview_report(report.overview.clone(), None, "no team", Locale::En);
    assert!(
        en.histogram_svg.contains("Score distribution") && !en.histogram_svg.contains("pass mark")
    );
}
