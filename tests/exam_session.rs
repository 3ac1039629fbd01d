//! The exam session behind `Exam` in JS: the paper cache of `score`, and the cohort's pass
//! flags and analysis defaults.

use kaohe::exam::session::{ExamSession, ScoreParams};
use kaohe::exam::*;
use kaohe::format::{decode_value, to_json_value};
use kaohe::ErrorCode;
use serde_json::{json, Value};

fn session() -> ExamSession {
    let bank = Bank::from_json(include_str!("fixtures/exam/sample_bank.json")).unwrap();
    let blueprint =
        Blueprint::from_json(include_str!("fixtures/exam/sample_blueprint.json")).unwrap();
    ExamSession::new(bank, blueprint).unwrap()
}

/// Scores `params` in a new session, where nothing is cached.
fn fresh(params: &Value) -> Result<ExamResult, kaohe::Error> {
    session().score_value(params.clone())
}

/// The first single-choice item on `paper`.
fn first_single(s: &ExamSession, paper: &Paper) -> String {
    paper
        .item_ids()
        .find(|id| {
            s.bank()
                .item(id)
                .map(|i| to_json_value(i)["type"] == "single")
                == Some(true)
        })
        .unwrap()
        .to_string()
}

fn attempt(paper: &Paper, responses: Value) -> Value {
    json!({ "paper": to_json_value(paper), "responses": responses, "timeUsedSeconds": 600 })
}

#[test]
fn the_same_paper_is_compiled_once_and_scores_as_a_fresh_one() {
    let s = session();
    let paper = s.assemble(42).unwrap();
    let paper_json = to_json_value(&paper);
    assert!(!s.has_compiled(&paper_json));
    let first = attempt(&paper, json!({}));
    assert_eq!(
        s.score_value(first.clone()).unwrap(),
        fresh(&first).unwrap()
    );
    assert!(s.has_compiled(&paper_json));
    // Each answer of a practice exam: the cached paper, the same result as a fresh session.
    let id = &first_single(&s, &paper);
    for answer in ["A", "B", "C"] {
        let params = attempt(&paper, json!({ id.clone(): answer }));
        let cached = s.score_value(params.clone()).unwrap();
        assert_eq!(cached, fresh(&params).unwrap());
        assert!(s.has_compiled(&paper_json));
    }
}

#[test]
fn another_paper_replaces_the_cached_one() {
    let s = session();
    let (a, b) = (s.assemble(1).unwrap(), s.assemble(2).unwrap());
    assert_ne!(a, b, "two seeds, two papers");
    s.score_value(attempt(&a, json!({}))).unwrap();
    let on_b = attempt(&b, json!({}));
    assert_eq!(s.score_value(on_b.clone()).unwrap(), fresh(&on_b).unwrap());
    assert!(s.has_compiled(&to_json_value(&b)));
    assert!(!s.has_compiled(&to_json_value(&a)));
}

#[test]
fn a_bad_attempt_on_the_cached_paper_fails_as_on_a_fresh_session() {
    let s = session();
    let paper = s.assemble(42).unwrap();
    s.score_value(attempt(&paper, json!({}))).unwrap();
    let id = &paper.sections[0].item_ids[0];
    for bad in [
        json!({ "paper": to_json_value(&paper), "responses": { id.clone(): 5 } }),
        json!({ "paper": to_json_value(&paper), "responses": [] }),
        json!({ "paper": to_json_value(&paper), "extra": 1 }),
        json!({ "paper": to_json_value(&paper), "timeUsedSeconds": "soon" }),
    ] {
        let cached = s.score_value(bad.clone()).unwrap_err();
        let uncached = fresh(&bad).unwrap_err();
        assert_eq!(
            (cached.code(), cached.path()),
            (uncached.code(), uncached.path()),
            "{bad}"
        );
        // …and the cached paper is still there for the next good attempt.
        assert!(s.has_compiled(&to_json_value(&paper)));
    }
}

#[test]
fn a_paper_not_from_this_bank_is_an_error_and_not_cached() {
    let s = session();
    let mut paper = s.assemble(42).unwrap();
    paper.sections[0].item_ids[0] = "no-such-item".into();
    let err = s.score_value(attempt(&paper, json!({}))).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownReference);
    assert!(!s.has_compiled(&to_json_value(&paper)));
}

#[test]
fn review_and_view_use_the_session_bank() {
    let s = session();
    let paper = s.assemble(3).unwrap();
    let view = s.view(&paper).unwrap();
    let items: usize = view.sections.iter().map(|v| v.items.len()).sum();
    assert_eq!(
        items,
        paper
            .sections
            .iter()
            .map(|p| p.item_ids.len())
            .sum::<usize>()
    );
    let params: ScoreParams = decode_value(&attempt(&paper, json!({}))).unwrap();
    let review = s.review(&params).unwrap();
    assert_eq!(review.items.len(), items);
}

#[test]
fn cohort_pass_flags_follow_the_pass_mark_and_draws_exclude_missing_answers() {
    let s = session();
    let layout = s.cohort();
    let ids: Vec<String> = layout.paper().item_ids().map(str::to_string).collect();
    // One candidate answers every single-choice item right, one answers nothing.
    let bank = s.bank();
    let mut all = Responses::new();
    for id in &ids {
        if let Some(item) = bank.item(id) {
            let item = to_json_value(item);
            if item["type"] == "single" {
                all.insert(id.clone(), item["answer"].clone());
            }
        }
    }
    let mut packed = s.encode(&all).unwrap();
    let first = u32::try_from(packed.len()).unwrap();
    packed.extend(s.encode(&Responses::new()).unwrap());
    let offsets = [0, first, u32::try_from(packed.len()).unwrap()];
    let cohort = s.score_cohort(&packed, &offsets).unwrap();
    assert_eq!(cohort.candidates(), 2);
    assert!(cohort.totals()[0] > 0.0);
    assert_eq!(cohort.totals()[1], 0.0);
    assert_eq!(cohort.passed()[1], 0);
    // The sample blueprint draws items: papers differ, so unanswered items are excluded unless
    // the options say otherwise.
    let default = cohort.options(None).unwrap();
    assert_eq!(
        default.missing_answers,
        kaohe::analytics::MissingAnswers::Exclude
    );
    let given = cohort.options(Some(json!({}))).unwrap();
    assert_eq!(
        given.missing_answers,
        kaohe::analytics::MissingAnswers::Exclude
    );
    let wrong = cohort
        .options(Some(json!({ "missingAnswers": "countAsWrong" })))
        .unwrap();
    assert_eq!(
        wrong.missing_answers,
        kaohe::analytics::MissingAnswers::CountAsWrong
    );
    let err = cohort
        .options(Some(json!({ "groupFraction": 2 })))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::OutOfRange);
    assert!(err.path().starts_with("groupFraction"), "{}", err.path());
    let csv = cohort
        .analysis_csv(&default, kaohe::i18n::Locale::En)
        .unwrap();
    assert!(csv.starts_with('\u{feff}'));
}
