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

/// The benchmark page's exam (bench/synthetic.js): single choice (60 %), multiple choice
/// (25 %, exact credit) and true/false (15 %), whole points, one unshuffled section; candidates
/// answer by ability against difficulty, 3 % left blank. The module's cohort path on the page.
fn choice_cohort(candidates: usize, items: usize) -> Cohort {
    use serde_json::json;
    let letters = ["A", "B", "C", "D", "E"];
    let bank_items: Vec<serde_json::Value> = (0..items)
        .map(|k| {
            let id = format!("q{k:04}");
            let tags = json!({ "dimension": "product_knowledge",
                "knowledgePoint": format!("知识点{}", k % 7), "difficulty": 1 + (k * 7) % 5 });
            let options = |n: usize| -> Vec<serde_json::Value> {
                letters[..n]
                    .iter()
                    .map(|o| json!({ "id": o, "text": format!("选项{o}") }))
                    .collect()
            };
            match k % 20 {
                0..=11 => {
                    json!({ "id": id, "type": "single", "stem": "单选", "options": options(4),
                    "answer": letters[k % 4], "points": 1 + k % 2, "tags": tags })
                }
                12..=16 => {
                    json!({ "id": id, "type": "multiple", "stem": "多选", "options": options(5),
                    "answer": if k % 2 == 1 { json!(["A", "C"]) } else { json!(["B", "D", "E"]) },
                    "points": 3, "tags": tags })
                }
                _ => json!({ "id": id, "type": "trueFalse", "stem": "判断", "answer": k % 3 != 0,
                    "points": 1, "tags": tags }),
            }
        })
        .collect();
    let ids: Vec<String> = (0..items).map(|k| format!("q{k:04}")).collect();
    let bank = kaohe::exam::Bank::decode(&json!({ "schemaVersion": 1, "id": "bench",
        "title": "基准题库", "multipleChoicePolicy": { "kind": "exact" }, "items": bank_items }))
    .unwrap();
    let blueprint = kaohe::exam::Blueprint::decode(&json!({ "schemaVersion": 1, "id": "bench-bp",
        "title": "基准考试", "bankId": "bench", "passMarkPercent": 60, "shuffleItems": false,
        "shuffleOptions": false, "sections": [{ "id": "s1", "title": "全部", "fixed": ids }] }))
    .unwrap();
    let paper = kaohe::exam::assemble_paper(&bank, &blueprint, 1).unwrap();
    let exam = CompiledExam::new(&bank, &paper).unwrap();
    let mut state = 7u64;
    let mut uniform = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut packed = Vec::new();
    let mut offsets = vec![0u32];
    let mut first = None;
    for _ in 0..candidates {
        let ability = (0..4).map(|_| uniform()).sum::<f64>() * 1.7 - 3.4;
        let mut r = kaohe::exam::Responses::new();
        for k in 0..items {
            if uniform() < 0.03 {
                continue;
            }
            let difficulty = (1 + (k * 7) % 5) as f64;
            let p = 1.0 / (1.0 + (-1.7 * (ability - 0.6 * (difficulty - 3.0) + 0.5)).exp());
            let right = uniform() < p;
            let wrong = letters[(k % 4 + 1 + (uniform() * 3.0) as usize % 3) % 4];
            let value = match k % 20 {
                0..=11 => json!(if right { letters[k % 4] } else { wrong }),
                12..=16 => match (k % 2 == 1, right) {
                    (true, true) => json!(["A", "C"]),
                    (true, false) => json!(["C"]),
                    (false, true) => json!(["B", "D", "E"]),
                    (false, false) => json!(["A", "B", "D", "E"]),
                },
                _ => json!(if right { k % 3 != 0 } else { k % 3 == 0 }),
            };
            r.insert(format!("q{k:04}"), value);
        }
        packed.extend(exam.encode(&r).unwrap());
        offsets.push(packed.len() as u32);
        first.get_or_insert(r);
    }
    Cohort {
        exam,
        packed,
        offsets,
        bank,
        paper,
        first: first.unwrap_or_default(),
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
    if want("choice") {
        // The page's path: score the packed cohort, analyse it, write the analysis as JSON.
        let c = choice_cohort(2000, 100);
        let (ms, s) = time(runs, || c.exam.score_cohort(&c.packed, &c.offsets).unwrap());
        println!("choice cohort: score_cohort 2,000 × 100: {ms:.3} ms");
        dump("choice_cohort", &cohort_dump(&s));
        let matrix = to_matrix(&s);
        let (ms, a) = time(runs, || analyse_items(&matrix, &options).unwrap());
        println!("choice cohort: analyse_items 2,000 × 100: {ms:.3} ms");
        dump("choice_analysis", &a);
        let (ms, json) = time(runs, || kaohe::format::to_json_string(&a));
        println!(
            "choice cohort: analysis as JSON ({} bytes): {ms:.3} ms",
            json.len()
        );
        let grades = Grades::new();
        let (ms, r) = time(runs.max(101), || {
            c.exam.result(&c.first, &grades, None).unwrap()
        });
        println!("choice cohort: CompiledExam::result 100 items: {ms:.4} ms");
        dump("choice_attempt", &r);
        let (ms, _) = time(runs.max(101), || kaohe::format::to_json_string(&r));
        println!("choice cohort: one result as JSON: {ms:.4} ms");
        let (ms, _) = time(runs.max(101), || {
            CompiledExam::new(&c.bank, &c.paper).unwrap()
        });
        println!("choice cohort: CompiledExam::new 100 items: {ms:.4} ms");
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
