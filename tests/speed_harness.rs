//! Native timing of the cohort paths (exam cohort scoring, item analysis, plan batches, one
//! attempt). Ignored by default: timings on a shared machine are not a test. Run with
//! `cargo test --release --test speed_harness -- --ignored --nocapture`.
//!
//! `SPEED_ONLY=cohort|analysis|big|plans|attempt` with `SPEED_RUNS=n` runs one workload n times
//! (for `valgrind --tool=callgrind`); `SPEED_DUMP=dir` writes the outputs as JSON, so results can
//! be compared before and after a change.

use std::time::Instant;

use kaohe::analytics::{analyse_items, synthetic_matrix, AnalysisOptions, ResponseMatrix};
use kaohe::exam::synthetic::synthetic_cohort;
use kaohe::exam::{CohortScores, CompiledExam, Grades};
use kaohe::format::decode_json;
use kaohe::plan::{generate_plans, Evaluation, PlanBatchRequest, PlanSettings};

const LI_NA: &str = include_str!("fixtures/plan/evaluation_li_na.json");

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut last = None;
    let times = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let out = f();
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            last = Some(out);
            ms
        })
        .collect();
    (median(times), last.unwrap())
}

fn to_matrix(s: &CohortScores) -> ResponseMatrix {
    ResponseMatrix {
        candidates: s.candidates,
        items: s.items,
        item_ids: s.item_ids.clone(),
        max_points: s.max_points.clone(),
        // Negative marking can give an item negative points; item analysis takes 0..max.
        points: s.points.iter().map(|p| p.max(0.0)).collect(),
        answered: s.answered.clone(),
        choices: s.choices.clone(),
        option_counts: s.option_counts.clone(),
        correct_masks: s.correct_masks.clone(),
    }
}

struct Cohort {
    exam: CompiledExam,
    packed: Vec<u8>,
    offsets: Vec<u32>,
    bank: kaohe::exam::Bank,
    paper: kaohe::exam::Paper,
    first: kaohe::exam::Responses,
}

fn cohort() -> Cohort {
    let c = synthetic_cohort(2000, 100, 2026).unwrap();
    let exam = CompiledExam::new(&c.bank, &c.paper).unwrap();
    let mut packed = Vec::new();
    let mut offsets = vec![0u32];
    for r in &c.responses {
        packed.extend(exam.encode(r).unwrap());
        offsets.push(packed.len() as u32);
    }
    Cohort {
        exam,
        packed,
        offsets,
        first: c.responses[0].clone(),
        bank: c.bank,
        paper: c.paper,
    }
}

/// 2,000 varied evaluations from the plan tests' fixture: levels, importances and gaps differ,
/// so focus, goals and texts differ from person to person.
fn plan_request() -> PlanBatchRequest {
    let base: Evaluation = decode_json(LI_NA).unwrap();
    let evaluations = (0..2000u32)
        .map(|i| {
            let mut e = base.clone();
            e.person_id = format!("E{i:04}");
            e.name = format!("员工{i}");
            for (k, d) in e.dimensions.iter_mut().enumerate() {
                if let Some(level) = d.level.as_mut() {
                    *level = 1.0 + f64::from((i + k as u32 * 7) % 30) * 0.1;
                }
            }
            let levels: Vec<(String, f64, f64, f64)> = e
                .dimensions
                .iter()
                .filter_map(|d| Some((d.dimension_id.clone(), d.level?, d.target, d.importance)))
                .collect();
            for g in &mut e.gaps {
                if let Some((_, level, target, importance)) =
                    levels.iter().find(|l| l.0 == g.dimension_id)
                {
                    g.gap = ((target - level) * 10.0).round() / 10.0;
                    g.priority = g.gap * importance;
                }
            }
            e
        })
        .collect();
    PlanBatchRequest {
        schema_version: 1,
        evaluations,
        start_date: "2026-11-23".into(),
        settings: PlanSettings::default(),
        catalog: None,
    }
}

fn dump(name: &str, value: &impl kaohe::format::ToJson) {
    if let Ok(dir) = std::env::var("SPEED_DUMP") {
        std::fs::create_dir_all(&dir).unwrap();
        let text = kaohe::format::to_json_string(value);
        std::fs::write(format!("{dir}/{name}.json"), text).unwrap();
    }
}

fn cohort_dump(s: &CohortScores) -> serde_json::Value {
    serde_json::json!({
        "candidates": s.candidates, "items": s.items, "maxPoints": s.max_points,
        "points": s.points, "answered": s.answered, "choices": s.choices, "totals": s.totals,
        "optionCounts": s.option_counts, "correctMasks": s.correct_masks, "itemIds": s.item_ids,
    })
}

#[test]
#[ignore]
fn timings() {
    let runs: usize = std::env::var("SPEED_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(21);
    let only = std::env::var("SPEED_ONLY").unwrap_or_default();
    let want = |w: &str| only.is_empty() || only == w;
    let options = AnalysisOptions::default();

    if want("cohort") || want("analysis") || want("attempt") {
        let c = cohort();
        let scores = c.exam.score_cohort(&c.packed, &c.offsets).unwrap();
        let matrix = to_matrix(&scores);
        if want("cohort") {
            let (ms, s) = time(runs, || c.exam.score_cohort(&c.packed, &c.offsets).unwrap());
            println!("score_cohort 2,000 × 100: {ms:.3} ms");
            dump("cohort", &cohort_dump(&s));
        }
        if want("analysis") {
            let (ms, a) = time(runs, || analyse_items(&matrix, &options).unwrap());
            println!("analyse_items 2,000 × 100 (from score_cohort): {ms:.3} ms");
            dump("analysis_cohort", &a);
            let exclude = AnalysisOptions {
                missing_answers: kaohe::analytics::MissingAnswers::Exclude,
                ..options
            };
            let (ms, a) = time(runs, || analyse_items(&matrix, &exclude).unwrap());
            println!("analyse_items 2,000 × 100 (excluded): {ms:.3} ms");
            dump("analysis_cohort_exclude", &a);
        }
        if want("cohort") && want("analysis") {
            let (ms, _) = time(runs, || {
                let s = c.exam.score_cohort(&c.packed, &c.offsets).unwrap();
                analyse_items(&to_matrix(&s), &options).unwrap()
            });
            println!("score_cohort + analyse_items 2,000 × 100: {ms:.3} ms");
        }
        if want("attempt") {
            let grades = Grades::new();
            let (ms, r) = time(runs.max(101), || {
                kaohe::exam::score_attempt(&c.bank, &c.paper, &c.first, &grades, None).unwrap()
            });
            println!("score_attempt 100 items (compile + score): {ms:.4} ms");
            dump("attempt", &r);
            let (ms, _) = time(runs.max(101), || {
                c.exam.result(&c.first, &grades, None).unwrap()
            });
            println!("CompiledExam::result 100 items: {ms:.4} ms");
        }
    }
    if want("big") {
        let m = synthetic_matrix(20_000, 200, 1);
        let (ms, a) = time(runs.clamp(1, 15), || analyse_items(&m, &options).unwrap());
        println!("analyse_items 20,000 × 200: {ms:.2} ms");
        dump("analysis_big", &a);
        let small = synthetic_matrix(2_000, 100, 1);
        let (ms, a) = time(runs, || analyse_items(&small, &options).unwrap());
        println!("analyse_items 2,000 × 100 (synthetic_matrix): {ms:.3} ms");
        dump("analysis_small", &a);
    }
    if want("plans") {
        let request = plan_request();
        let (ms, batch) = time(runs, || generate_plans(&request).unwrap());
        assert_eq!(batch.plans.len(), 2000);
        println!("generate_plans 2,000: {ms:.2} ms");
        dump("plans", &batch);
    }
}
