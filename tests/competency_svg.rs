//! SVG snapshots of the radar, heatmap and distribution bars for the sample team, plus
//! structural facts (polygon points, labels, escaping). Regenerate the snapshots after an
//! intended change with `KAOHE_UPDATE_SNAPSHOTS=1 cargo test --test competency_svg`.

use kaohe::competency::{
    evaluate_team, import_kpi_csv, parse_evidence, parse_model, CompiledModel, EvaluationOptions,
    TeamEvaluation,
};
use kaohe::date::Date;
use kaohe::report::{distribution_svg, heatmap_svg, person_radar, radar_svg};
use kaohe::Locale;

const MODEL: &str = include_str!("../www/samples/model.json");
const TEAM: &str = include_str!("../www/samples/team.json");
const KPI: &str = include_str!("../www/samples/kpi.csv");

fn sample(rename_first: Option<&str>) -> (CompiledModel, TeamEvaluation) {
    let model = parse_model(MODEL).unwrap();
    let mut set = parse_evidence(TEAM).unwrap();
    if let Some(name) = rename_first {
        set.people[0].name = name.to_string();
    }
    set.evidence.extend(import_kpi_csv(KPI).unwrap().evidence);
    let date = Date::parse("2026-12-01", "").unwrap();
    let team = evaluate_team(&model, &set, &EvaluationOptions::on(date)).unwrap();
    (model, team)
}

fn snapshot(name: &str, svg: &str) {
    let path = format!(
        "{}/tests/fixtures/competency/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("KAOHE_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, svg).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {path}; run with KAOHE_UPDATE_SNAPSHOTS=1"));
    assert!(expected == svg, "{name} differs from its snapshot");
}

fn polygons(svg: &str) -> Vec<usize> {
    svg.split("<polygon points=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().split(' ').count())
        .collect()
}

#[test]
fn radar_snapshots_and_structure() {
    let (model, team) = sample(None);
    let li = &team.people[0];
    let chart = person_radar(&model, li, Some(&team.team));
    let zh = radar_svg(&chart, Locale::ZhCn);
    let en = radar_svg(&chart, Locale::En);
    snapshot("radar_E1001_zh.svg", &zh);
    snapshot("radar_E1001_en.svg", &en);
    // 5 rings + team mean + target + person, each with one point per dimension.
    assert_eq!(polygons(&zh), vec![8; 8]);
    for label in [
        "投诉处理",
        "情绪管理",
        "岗位目标",
        "团队均值",
        "李娜 能力雷达图",
    ] {
        assert!(zh.contains(label), "{label}");
    }
    for label in ["Complaint handling", "Role target", "Team mean"] {
        assert!(en.contains(label), "{label}");
    }
    assert!(zh.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(zh.contains("viewBox=\"0 0 600 500\""));
    assert_eq!(zh, radar_svg(&chart, Locale::ZhCn), "deterministic");
    // A dimension without enough evidence is marked, not drawn as a guess.
    let new_hire = team.people.iter().find(|p| p.person_id == "E1020").unwrap();
    let svg = radar_svg(&person_radar(&model, new_hire, None), Locale::ZhCn);
    assert!(svg.contains("投诉处理 ?"));
    assert_eq!(polygons(&svg), vec![8; 7]);
}

#[test]
fn user_text_is_escaped() {
    let (model, team) = sample(Some("<script>alert('x')</script>&"));
    let chart = person_radar(&model, &team.people[0], Some(&team.team));
    let radar = radar_svg(&chart, Locale::En);
    let heatmap = heatmap_svg(&team.team.heatmap, Locale::En);
    for svg in [&radar, &heatmap] {
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"));
    }
}

#[test]
fn heatmap_and_bars_snapshots() {
    let (_, team) = sample(None);
    let heatmap = heatmap_svg(&team.team.heatmap, Locale::ZhCn);
    snapshot("heatmap_zh.svg", &heatmap);
    // 20 people × 8 dimensions of cells, plus the background and 6 legend swatches.
    assert_eq!(heatmap.matches("<rect ").count(), 1 + 160 + 6);
    assert!(heatmap.contains("罗佳（VIP）"));
    assert!(
        heatmap.contains(">—<"),
        "the new hire's missing level is shown as a dash"
    );
    let bars = distribution_svg(&team.team, Locale::En);
    snapshot("distribution_en.svg", &bars);
    assert!(bars.contains("Complaint handling"));
    assert!(bars.contains("below threshold"));
    let zh = distribution_svg(&team.team, Locale::ZhCn);
    assert!(zh.contains("各维度等级分布"));
}
