//! Kirkpatrick from a programme's stored records: each of the four figures is recomputed here by
//! hand from the same records, and every level names the records it used.

use kaohe::competency::EvidenceRecord;
use kaohe::format::decode_value;
use kaohe::plan::kirkpatrick::KirkpatrickTargets;
use kaohe::plan::programme::{
    programme_report, Programme, ProgrammeExam, ProgrammeRecords, ProgrammeRolePlay, SurveyAnswer,
    SurveyResponse,
};
use kaohe::ErrorCode;
use serde_json::json;

fn programme() -> Programme {
    Programme {
        schema_version: 1,
        id: "p-complaints-2026q4".into(),
        name: "投诉处理专项培训".into(),
        people: vec!["E1001".into(), "E1002".into(), "E1003".into()],
        start_date: "2026-10-12".into(),
        end_date: "2026-10-30".into(),
        exams: vec!["bp-complaints".into()],
        rubrics: vec!["rubric-cs".into()],
        kpis: vec![
            "satisfactionRate".into(),
            "complaintRate".into(),
            "fcr".into(),
        ],
        survey_id: Some("s1".into()),
        targets: KirkpatrickTargets::default(),
    }
}

fn response(id: &str, person: Option<&str>, ratings: &[f64]) -> SurveyResponse {
    let mut answers: Vec<SurveyAnswer> = ratings
        .iter()
        .enumerate()
        .map(|(i, r)| SurveyAnswer {
            question_id: format!("q{i}"),
            rating: Some(*r),
            text: None,
        })
        .collect();
    answers.push(SurveyAnswer {
        question_id: "comment".into(),
        rating: None,
        text: Some("案例很实用".into()),
    });
    SurveyResponse {
        id: id.into(),
        person_id: person.map(String::from),
        answers,
    }
}

fn exam(id: &str, person: &str, exam_id: &str, date: &str, percent: f64) -> ProgrammeExam {
    ProgrammeExam {
        id: id.into(),
        person_id: person.into(),
        exam_id: exam_id.into(),
        date: date.into(),
        percent,
    }
}

fn play(id: &str, person: &str, date: &str, observed: u32, expected: u32) -> ProgrammeRolePlay {
    ProgrammeRolePlay {
        id: id.into(),
        person_id: person.into(),
        rubric_id: "rubric-cs".into(),
        date: date.into(),
        observed,
        expected,
    }
}

fn kpi(person: &str, key: &str, value: f64, date: &str, source: &str) -> EvidenceRecord {
    decode_value(&json!({ "personId": person, "kind": "kpi", "key": key, "value": value, "date": date, "sourceId": source })).unwrap()
}

fn records() -> ProgrammeRecords {
    ProgrammeRecords {
        responses: vec![
            response("r1", Some("E1001"), &[5.0, 4.0, 4.0]),
            response("r2", None, &[4.0, 4.0, 5.0]),
            response("r3", Some("E1003"), &[3.0, 4.0, 4.0]),
            response("r4", Some("E9999"), &[1.0, 1.0, 1.0]), // not enrolled: left out
        ],
        exams: vec![
            exam("a1", "E1001", "bp-complaints", "2026-10-28", 92.0),
            exam("a2", "E1002", "bp-complaints", "2026-10-28", 80.0),
            exam("a3", "E1002", "bp-complaints", "2026-10-30", 88.0), // retake: the latest counts
            exam("a4", "E1003", "bp-complaints", "2026-10-29", 84.0),
            exam("a5", "E1003", "bp-other", "2026-10-29", 99.0), // another exam
            exam("a6", "E1001", "bp-complaints", "2026-09-01", 40.0), // before the start
        ],
        role_plays: vec![
            play("perf-1", "E1001", "2026-11-10", 9, 10),
            play("perf-2", "E1002", "2026-11-12", 7, 10),
            play("perf-3", "E1003", "2026-11-13", 8, 10),
            play("perf-0", "E1003", "2026-10-20", 2, 10), // during training: left out
        ],
        kpis: vec![
            kpi(
                "E1001",
                "satisfactionRate",
                80.0,
                "2026-09-30",
                "kpi:2026-09",
            ),
            kpi(
                "E1002",
                "satisfactionRate",
                82.0,
                "2026-09-30",
                "kpi:2026-09",
            ),
            kpi(
                "E1001",
                "satisfactionRate",
                93.0,
                "2026-11-30",
                "kpi:2026-11",
            ),
            kpi(
                "E1002",
                "satisfactionRate",
                95.0,
                "2026-11-30",
                "kpi:2026-11",
            ),
            kpi("E1001", "complaintRate", 2.0, "2026-09-30", "kpi:2026-09"),
            kpi("E1001", "complaintRate", 1.4, "2026-11-30", "kpi:2026-11"),
            kpi("E1001", "fcr", 75.0, "2026-09-30", "kpi:2026-09"),
            kpi("E1001", "fcr", 80.0, "2026-11-30", "kpi:2026-11"),
            kpi("E1001", "fcr", 99.0, "2026-10-20", "kpi:2026-10-20"), // during training
        ],
    }
}

#[test]
fn the_four_figures_match_a_recomputation_from_the_records() {
    let out = programme_report(&programme(), &records()).unwrap();
    let value = |i: usize| out.report.levels[i].value.unwrap();
    // L1: respondents' means 13/3, 13/3, 11/3 → 37/9 = 4.11 < 4.2.
    assert!((value(0) - 37.0 / 9.0).abs() < 1e-9);
    assert_eq!(out.report.levels[0].met, Some(false));
    assert_eq!(out.sources[0], ["r1", "r2", "r3"]);
    // L2: latest results 92, 88, 84 against 85 → 2 of 3 pass.
    assert!((value(1) - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(out.report.levels[1].met, Some(false));
    assert_eq!(out.sources[1], ["a1", "a3", "a4"]);
    // L3: 24 of 30 indicators observed after training = 80 % ≥ 80 %.
    assert!((value(2) - 0.8).abs() < 1e-9);
    assert_eq!(out.report.levels[2].met, Some(true));
    assert_eq!(out.sources[2], ["perf-1", "perf-2", "perf-3"]);
    // L4: 满意率 81 → 94 (+16.0 % ≥ +15 %), complaints 2.0 → 1.4 (−30 % ≤ −25 %),
    // FCR 75 → 80 (+6.7 % < +20 %): 2 of 3 KPIs met.
    let kpis = &out.report.levels[3].kpis;
    let change = |id: &str| kpis.iter().find(|k| k.kpi_id == id).unwrap();
    assert!((change("satisfactionRate").change.unwrap() - 13.0 / 81.0).abs() < 1e-9);
    assert_eq!(change("satisfactionRate").met, Some(true));
    assert!((change("complaintRate").change.unwrap() + 0.3).abs() < 1e-9);
    assert_eq!(change("complaintRate").met, Some(true));
    assert!((change("fcr").change.unwrap() - 5.0 / 75.0).abs() < 1e-9);
    assert_eq!(change("fcr").met, Some(false));
    assert!((value(3) - 2.0 / 3.0).abs() < 1e-9);
    assert!(out.sources[3].contains(&"E1001:kpi:2026-11".to_string()));
    assert!(!out.sources[3].iter().any(|s| s.contains("2026-10")));
}

#[test]
fn a_programme_that_cannot_be_read_says_where() {
    let mut p = programme();
    p.end_date = "2026-10-01".into();
    let e = programme_report(&p, &records()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::OutOfRange, "programme.endDate")
    );
    let mut p = programme();
    p.start_date = "2026-10-32".into();
    let e = programme_report(&p, &records()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidDate, "programme.startDate")
    );
    let mut p = programme();
    p.people.clear();
    let e = programme_report(&p, &records()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidValue, "programme.people")
    );
}

#[test]
fn the_report_exports_csv_with_formula_safe_cells() {
    let out = programme_report(&programme(), &records()).unwrap();
    let csv = kaohe::plan::programme::programme_csv(&out, "=培训", kaohe::Locale::ZhCn);
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[0], "培训项目,层级,指标,数值,目标,是否达成,来源记录");
    assert!(lines[1].starts_with("'=培训,1,"), "{}", lines[1]);
    assert!(lines
        .iter()
        .any(|l| l.contains("satisfactionRate") && l.contains("达成")));
    // Every level row: 4 levels + 3 KPI rows + header + trailing empty.
    assert_eq!(lines.len(), 1 + 4 + 3 + 1);
}
