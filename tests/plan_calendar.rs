//! The working-day calendar: every 2026 public holiday and make-up working day of the State
//! Council's notice (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04), written out here
//! from the notice's text, and plans whose deadlines, checkpoints and tasks avoid them.

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, EvaluationOptions,
};
use kaohe::date::Date;
use kaohe::error::ErrorCode;
use kaohe::format::decode_json;
use kaohe::plan::{
    from_competency, generate_plans, Calendar, Plan, PlanBatchRequest, PlanSettings, WorkCalendar,
};

fn day(text: &str) -> Date {
    Date::parse(text, "").unwrap()
}

/// Every day of `from..=to`.
fn span(from: &str, to: &str) -> Vec<Date> {
    let (a, b) = (day(from), day(to));
    (0..=b.days_since(a)).map(|k| a.add_days(k)).collect()
}

/// The 2026 notice, item by item: the days off.
fn holidays_2026() -> Vec<Date> {
    [
        ("2026-01-01", "2026-01-03"), // 一、元旦：1月1日（周四）至3日（周六），共3天
        ("2026-02-15", "2026-02-23"), // 二、春节：2月15日（周日）至23日（周一），共9天
        ("2026-04-04", "2026-04-06"), // 三、清明节：4月4日（周六）至6日（周一），共3天
        ("2026-05-01", "2026-05-05"), // 四、劳动节：5月1日（周五）至5日（周二），共5天
        ("2026-06-19", "2026-06-21"), // 五、端午节：6月19日（周五）至21日（周日），共3天
        ("2026-09-25", "2026-09-27"), // 六、中秋节：9月25日（周五）至27日（周日），共3天
        ("2026-10-01", "2026-10-07"), // 七、国庆节：10月1日（周四）至7日（周三），共7天
    ]
    .iter()
    .flat_map(|(a, b)| span(a, b))
    .collect()
}

/// The 2026 notice's make-up working days (调休上班).
const WORKING_2026: [&str; 6] = [
    "2026-01-04", // 元旦：1月4日（周日）上班
    "2026-02-14", // 春节：2月14日（周六）上班
    "2026-02-28", // 春节：2月28日（周六）上班
    "2026-05-09", // 劳动节：5月9日（周六）上班
    "2026-09-20", // 国庆节：9月20日（周日）上班
    "2026-10-10", // 国庆节：10月10日（周六）上班
];

#[test]
fn every_2026_holiday_and_make_up_day() {
    let calendar = Calendar::shipped();
    let holidays = holidays_2026();
    assert_eq!(holidays.len(), 3 + 9 + 3 + 5 + 3 + 3 + 7);
    for d in &holidays {
        assert!(!calendar.is_working_day(*d), "{d} is a 2026 holiday");
    }
    for text in WORKING_2026 {
        let d = day(text);
        assert!(d.weekday().is_weekend(), "{d} is a weekend day worked");
        assert!(
            calendar.is_working_day(d),
            "{d} is a 2026 make-up working day"
        );
    }
    // Every other day of 2026 is a working day exactly when it is a weekday.
    for d in span("2026-01-01", "2026-12-31") {
        if holidays.contains(&d) || WORKING_2026.contains(&d.to_string().as_str()) {
            continue;
        }
        assert_eq!(calendar.is_working_day(d), !d.weekday().is_weekend(), "{d}");
    }
    // 2026 has 365 − 104 weekend days − 33 holidays + the weekend holidays + 6 make-up days.
    let weekend_holidays = holidays.iter().filter(|d| d.weekday().is_weekend()).count();
    let working = span("2026-01-01", "2026-12-31")
        .into_iter()
        .filter(|d| calendar.is_working_day(*d))
        .count();
    assert_eq!(working, 365 - 104 - 33 + weekend_holidays + 6);
    assert!(calendar.covers(2026) && !calendar.is_provisional(2026));
}

#[test]
fn the_2025_notice_and_the_provisional_2027() {
    let calendar = Calendar::shipped();
    // 国办发明电〔2024〕12号: 春节 1月28日至2月4日, 1月26日（周日）、2月8日（周六）上班.
    for d in span("2025-01-28", "2025-02-04") {
        assert!(!calendar.is_working_day(d), "{d}");
    }
    for d in [
        "2025-01-26",
        "2025-02-08",
        "2025-04-27",
        "2025-09-28",
        "2025-10-11",
    ] {
        assert!(calendar.is_working_day(day(d)), "{d}");
    }
    for d in span("2025-10-01", "2025-10-08") {
        assert!(!calendar.is_working_day(d), "{d}");
    }
    // 2027: the statutory days (除夕 is 2027-02-05), no notice yet.
    for d in [
        "2027-01-01",
        "2027-02-05",
        "2027-02-08",
        "2027-04-05",
        "2027-06-09",
        "2027-09-15",
        "2027-10-01",
    ] {
        assert!(!calendar.is_working_day(day(d)), "{d}");
    }
    assert!(calendar.is_provisional(2027));
    // No data for 2028: weekends only.
    assert!(!calendar.covers(2028));
    assert!(!calendar.is_working_day(day("2028-01-01"))); // a Saturday
    assert!(calendar.is_working_day(day("2028-01-03")));
}

#[test]
fn a_week_inside_the_spring_festival_is_due_when_people_are_back() {
    let calendar = Calendar::shipped();
    // Mon 2026-02-16 … Sun 02-22 is all holiday: due Tue 02-24 (02-23 is still off).
    assert_eq!(
        calendar.due_in(day("2026-02-16"), day("2026-02-22")),
        day("2026-02-24")
    );
    // The week of 2026-02-09 ends on Sat 02-14, a make-up working day.
    assert_eq!(
        calendar.due_in(day("2026-02-09"), day("2026-02-15")),
        day("2026-02-14")
    );
}

fn team_plans(start: &str, settings: PlanSettings) -> Vec<Plan> {
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let mut set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    set.evidence.extend(
        import_kpi_csv(include_str!("../www/samples/kpi.csv"))
            .unwrap()
            .evidence,
    );
    let team = evaluate_team(
        &model,
        &set,
        &EvaluationOptions::on(Date::from_ymd(2026, 12, 1).unwrap()),
    )
    .unwrap();
    let batch = generate_plans(&PlanBatchRequest {
        schema_version: 1,
        evaluations: team.people.iter().map(from_competency).collect(),
        start_date: start.into(),
        settings,
        catalog: None,
    })
    .unwrap();
    assert!(batch.failures.is_empty());
    batch.plans
}

/// Every dated row of a plan is a working day of `calendar`.
fn assert_all_on_working_days(plan: &Plan, calendar: &Calendar) {
    let mut days: Vec<(String, Date)> = Vec::new();
    for g in &plan.goals {
        days.push((format!("goal {}", g.id), g.deadline));
    }
    for p in &plan.phases {
        days.push((format!("phase {:?} start", p.key), p.start_date));
        days.push((format!("phase {:?} end", p.key), p.end_date));
    }
    for c in &plan.checkpoints {
        days.push((format!("checkpoint {}", c.key), c.date));
    }
    for t in &plan.tasks {
        days.push((format!("task {}", t.id), t.date));
    }
    for m in &plan.measures {
        days.push((format!("measure {}", m.measure.id), m.deadline));
    }
    days.push(("end".into(), plan.end_date));
    for (what, d) in days {
        assert!(
            calendar.is_working_day(d),
            "{} {what} on {d}, a day off",
            plan.person_id
        );
    }
}

#[test]
fn plans_avoid_new_year_eve_national_day_and_the_spring_festival() {
    let calendar = Calendar::shipped();
    // The README's start: the evaluation phase used to end on 除夕 2027-02-05.
    for plan in team_plans("2026-12-07", PlanSettings::default()) {
        assert_all_on_working_days(&plan, &calendar);
        for g in &plan.goals {
            assert_ne!(g.deadline, day("2027-02-05"));
        }
        assert!(plan.checkpoints.iter().all(|c| c.date != day("2027-01-01")));
        assert!(plan
            .warnings
            .iter()
            .any(|w| w.code == "CALENDAR_PROVISIONAL"));
    }
    // A plan started 2026-08-03 runs through 中秋 and 国庆.
    for plan in team_plans("2026-08-03", PlanSettings::default()) {
        assert_all_on_working_days(&plan, &calendar);
        assert!(plan
            .warnings
            .iter()
            .all(|w| !w.code.starts_with("CALENDAR")));
    }
    // Every start day of 2026 and a 30-week cycle.
    let settings = PlanSettings {
        cycle_weeks: 30,
        ..PlanSettings::default()
    };
    for start in span("2026-01-01", "2026-01-14") {
        let plan = &team_plans(&start.to_string(), settings.clone())[0];
        assert_all_on_working_days(plan, &calendar);
    }
}

#[test]
fn a_trainers_calendar_replaces_a_year_and_adds_one() {
    let file: WorkCalendar = decode_json(
        r#"{"schemaVersion": 1, "years": [
            {"year": 2027, "source": "公司日历", "holidays": ["2027-02-05", "2027-02-09"], "workingDays": ["2027-02-20"]},
            {"year": 2028, "source": "公司日历", "holidays": ["2028-01-03"], "workingDays": []}
        ]}"#,
    )
    .unwrap();
    let calendar = Calendar::with(Some(&file)).unwrap();
    assert!(!calendar.is_working_day(day("2027-02-09")));
    assert!(calendar.is_working_day(day("2027-02-20")));
    assert!(!calendar.is_provisional(2027));
    assert!(!calendar.is_working_day(day("2028-01-03")));
    // 2026 stays as shipped.
    assert!(!calendar.is_working_day(day("2026-10-01")));
    // The plan keeps the calendar in its settings and says nothing about 2027 any more.
    let settings = PlanSettings {
        calendar: Some(file),
        ..PlanSettings::default()
    };
    let plan = &team_plans("2026-12-07", settings)[0];
    assert!(plan
        .warnings
        .iter()
        .all(|w| !w.code.starts_with("CALENDAR")));
    assert_all_on_working_days(plan, &calendar);
}

#[test]
fn a_year_without_data_is_said_in_the_plan() {
    let plan = &team_plans("2027-11-01", PlanSettings::default())[0];
    let note = plan
        .warnings
        .iter()
        .find(|w| w.code == "CALENDAR_WEEKENDS_ONLY")
        .unwrap();
    assert!(note.message.zh.contains("2028"), "{}", note.message.zh);
}

#[test]
fn bad_calendar_files_name_the_field() {
    let cases = [
        (
            r#"{"schemaVersion":1,"years":[{"year":2027,"source":"x","holidays":["2027-02-30"],"workingDays":[]}]}"#,
            ErrorCode::InvalidDate,
            "calendar.years[0].holidays[0]",
        ),
        (
            r#"{"schemaVersion":1,"years":[{"year":2027,"source":"x","holidays":["2026-02-03"],"workingDays":[]}]}"#,
            ErrorCode::InvalidValue,
            "calendar.years[0].holidays[0]",
        ),
        (
            r#"{"schemaVersion":1,"years":[{"year":2027,"source":"x","holidays":[],"workingDays":["2027-02-03"]}]}"#,
            ErrorCode::InvalidValue,
            "calendar.years[0].workingDays[0]",
        ),
        (
            r#"{"schemaVersion":1,"years":[{"year":2027,"source":"x","holidays":[],"workingDays":[]},{"year":2027,"source":"y","holidays":[],"workingDays":[]}]}"#,
            ErrorCode::DuplicateId,
            "calendar.years[1].year",
        ),
    ];
    for (json, code, path) in cases {
        let settings = PlanSettings {
            calendar: Some(decode_json(json).unwrap()),
            ..PlanSettings::default()
        };
        let e = settings.validate().unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path), "{json}");
    }
}
