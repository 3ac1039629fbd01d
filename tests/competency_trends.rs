//! Change over time: the periods (months, quarters across a year end), levels as of each
//! period's end equal to an independent evaluation of the team on that day (so the trend agrees
//! with the dashboard), KPI period means recomputed from the CSV text, the share below target,
//! and charts that escape names.

use kaohe::competency::trends::{competency_trend, periods, TrendOptions, TrendPeriod};
use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, CompiledModel, EvaluationOptions,
    EvidenceSet,
};
use kaohe::date::Date;
use kaohe::i18n::Locale;
use kaohe::report::trend::{trend_charts, TrendScope};

fn day(s: &str) -> Date {
    Date::parse(s, "").unwrap()
}

const KPI_CSV: &str = include_str!("../www/samples/kpi.csv");

fn sample() -> (CompiledModel, EvidenceSet) {
    let model = parse_model(include_str!("../www/samples/model.json")).unwrap();
    let mut set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    set.evidence
        .extend(import_kpi_csv(KPI_CSV).unwrap().evidence);
    (model, set)
}

fn options(date: &str, period: TrendPeriod, count: u32) -> TrendOptions {
    TrendOptions {
        date: day(date),
        period: Some(period),
        count: Some(count),
    }
}

#[test]
fn periods_are_calendar_months_and_quarters() {
    let months = periods(day("2026-11-15"), TrendPeriod::Month, 3);
    let got: Vec<(String, String, String)> = months
        .iter()
        .map(|p| (p.label.clone(), p.start.to_string(), p.end.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-09".into(), "2026-09-01".into(), "2026-09-30".into()),
            ("2026-10".into(), "2026-10-01".into(), "2026-10-31".into()),
            ("2026-11".into(), "2026-11-01".into(), "2026-11-30".into()),
        ]
    );
    let quarters = periods(day("2027-01-10"), TrendPeriod::Quarter, 3);
    let got: Vec<(String, String)> = quarters
        .iter()
        .map(|p| (p.label.clone(), p.end.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("2026-Q3".into(), "2026-09-30".into()),
            ("2026-Q4".into(), "2026-12-31".into()),
            ("2027-Q1".into(), "2027-03-31".into()),
        ]
    );
    // February of a leap year ends on the 29th.
    assert_eq!(
        periods(day("2028-02-03"), TrendPeriod::Month, 1)[0]
            .end
            .to_string(),
        "2028-02-29"
    );
}

#[test]
fn levels_and_shares_equal_the_dashboards_evaluation_on_each_period_end() {
    let (model, set) = sample();
    let trend =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 4)).unwrap();
    assert_eq!(trend.periods.len(), 4);
    for (t, period) in trend.periods.iter().enumerate() {
        let team = evaluate_team(&model, &set, &EvaluationOptions::on(period.end)).unwrap();
        for (person, trended) in team.people.iter().zip(&trend.people) {
            assert_eq!(person.person_id, trended.person_id);
            for (d, result) in person.dimensions.iter().enumerate() {
                assert_eq!(trended.levels[d].key, result.dimension_id);
                assert_eq!(
                    trended.levels[d].values[t], result.level,
                    "{} {} {}",
                    person.person_id, result.dimension_id, period.label
                );
            }
        }
        for (d, summary) in team.team.dimensions.iter().enumerate() {
            let got = trend.all.below_target[d].values[t];
            match (got, summary.below_target_share) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{a} vs {b}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }
    // Before any evidence (May) nobody has a level; by November most do.
    let early =
        competency_trend(&model, &set, &options("2026-05-31", TrendPeriod::Month, 1)).unwrap();
    assert!(early
        .people
        .iter()
        .all(|p| p.levels.iter().all(|s| s.values[0].is_none())));
    let last = trend
        .people
        .iter()
        .filter(|p| p.levels.iter().any(|s| s.values[3].is_some()))
        .count();
    assert!(last >= 18, "{last}");
}

/// The KPI means recomputed from the CSV text itself (not through the importer).
#[test]
fn kpi_period_means_match_the_file() {
    let (model, set) = sample();
    let trend =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 3)).unwrap();
    let mut lines = KPI_CSV.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let csat = header.iter().position(|h| *h == "客户满意度").unwrap();
    let rows: Vec<Vec<&str>> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    let value = |person: &str, month: &str| -> f64 {
        rows.iter()
            .find(|r| r[0] == person && r[2] == month)
            .map(|r| r[csat].parse::<f64>().unwrap())
            .unwrap()
    };
    let csat_index = trend.kpis.iter().position(|k| k.key == "csat").unwrap();
    let e1001 = trend
        .people
        .iter()
        .find(|p| p.person_id == "E1001")
        .unwrap();
    assert_eq!(e1001.kpis[csat_index].key, "csat");
    for (t, month) in ["2026-09", "2026-10", "2026-11"].iter().enumerate() {
        let got = e1001.kpis[csat_index].values[t].unwrap();
        assert!((got - value("E1001", month)).abs() < 1e-9, "{got} {month}");
    }
    // A team's KPI is the mean of its people's period means.
    let group = &trend.groups[0];
    let members: Vec<&str> = trend
        .people
        .iter()
        .filter(|p| p.group == group.group)
        .map(|p| p.person_id.as_str())
        .collect();
    let present: Vec<f64> = members
        .iter()
        .filter_map(|id| rows.iter().find(|r| r[0] == *id && r[2] == "2026-10"))
        .map(|r| r[csat].parse::<f64>().unwrap())
        .collect();
    let want = present.iter().sum::<f64>() / present.len() as f64;
    assert!((group.kpis[csat_index].values[1].unwrap() - want).abs() < 1e-9);
    // AHT: lower is better, from the model's built-in definition.
    let aht = trend.kpis.iter().find(|k| k.key == "aht").unwrap();
    assert!(!aht.higher_is_better);
}

#[test]
fn bad_counts_and_charts() {
    let (model, mut set) = sample();
    let err =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 0)).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.path()),
        ("OUT_OF_RANGE", "options.count")
    );
    let err =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 25)).unwrap_err();
    assert_eq!(err.code().as_str(), "OUT_OF_RANGE");

    set.people[0].name = "<b>李娜</b>".into();
    set.people[0].team = Some("售后一组 & <i>".into());
    let trend = competency_trend(
        &model,
        &set,
        &options("2026-11-30", TrendPeriod::Quarter, 2),
    )
    .unwrap();
    let person = trend_charts(
        &trend,
        &TrendScope {
            person_id: Some(set.people[0].id.clone()),
            group: None,
        },
        Locale::ZhCn,
    );
    assert!(
        person.levels_svg.contains("&lt;b&gt;李娜&lt;/b&gt;") && !person.levels_svg.contains("<b>")
    );
    assert!(person.levels_svg.contains("虚线为岗位目标"));
    assert!(person.below_target_svg.is_none() && person.kpis_svg.is_some());
    let group = trend_charts(
        &trend,
        &TrendScope {
            person_id: None,
            group: Some("售后一组 & <i>".into()),
        },
        Locale::En,
    );
    assert!(group.levels_svg.contains("售后一组 &amp; &lt;i&gt;"));
    assert!(group
        .below_target_svg
        .unwrap()
        .contains("share below the role target"));
    let all = trend_charts(&trend, &TrendScope::default(), Locale::ZhCn);
    assert!(all.levels_svg.contains("全队"));
}

/// Every element of the charts has each attribute once (a repeated attribute is an XML error
/// and the page would show nothing).
#[test]
fn charts_are_well_formed() {
    let (model, set) = sample();
    let trend =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 6)).unwrap();
    let person = trend_charts(
        &trend,
        &TrendScope {
            person_id: Some("E1001".into()),
            group: None,
        },
        Locale::ZhCn,
    );
    let team = trend_charts(&trend, &TrendScope::default(), Locale::En);
    for svg in [
        person.levels_svg,
        person.kpis_svg.unwrap(),
        team.levels_svg,
        team.below_target_svg.unwrap(),
        team.kpis_svg.unwrap(),
    ] {
        for element in svg.split('<').skip(1) {
            let tag = element.split('>').next().unwrap();
            let names: Vec<&str> = tag
                .split_whitespace()
                .skip(1)
                .filter_map(|a| a.split_once('=').map(|(n, _)| n))
                .collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{tag}");
        }
    }
}

/// 表扬 / 投诉 counts add up over a team (a person with none counts 0), other KPIs average.
#[test]
fn praise_and_complaint_counts_are_team_totals() {
    use kaohe::competency::records::{FeedbackKind, FeedbackRecord};
    use kaohe::competency::{evidence_from_records, StoredRecords};
    let (model, mut set) = sample();
    let praise = |id: &str, person: &str, date: &str| FeedbackRecord {
        id: id.into(),
        person_id: person.into(),
        date: day(date),
        kind: FeedbackKind::Praise,
    };
    let records = StoredRecords {
        people: set.people.iter().map(|p| p.id.clone()).collect(),
        feedback: vec![
            praise("f1", "E1001", "2026-11-03"),
            praise("f2", "E1001", "2026-11-20"),
            praise("f3", "E1002", "2026-11-09"),
        ],
        ..Default::default()
    };
    set.evidence
        .extend(evidence_from_records(&records).evidence);
    let trend =
        competency_trend(&model, &set, &options("2026-11-30", TrendPeriod::Month, 2)).unwrap();
    let k = trend
        .kpis
        .iter()
        .position(|k| k.key == "praiseCount")
        .unwrap();
    let team = trend.groups.iter().find(|g| g.group == "售后一组").unwrap();
    assert_eq!(team.kpis[k].values, [Some(0.0), Some(3.0)]);
    let e1001 = trend
        .people
        .iter()
        .find(|p| p.person_id == "E1001")
        .unwrap();
    assert_eq!(e1001.kpis[k].values, [None, Some(2.0)]);
}
