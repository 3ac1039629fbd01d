//! One integrity record per attempt (完整性校验): everything a trainer relies on about an
//! attempt is bound to its chained event log, and [`Verifier::verify`] checks the stored attempt
//! and result against that log and against the exam itself.
//!
//! What the log binds (see [`super::log`] for the chain):
//! - the `start` event carries the attempt's header: attempt id, candidate (`id`, `name`), bank
//!   and blueprint ids, the content hashes of the bank and blueprint the paper came from
//!   (`bankHash`, `blueprintHash`: their "versions"), the seed, the paper's hash (`paperHash`)
//!   and the deadline (`deadlineAt`);
//! - every answer is an `answer` event; the one `submit` event closes the log;
//! - the result record stores the chain head and `resultHash`, the hash of
//!   `{type:"result", points, maxPoints, percent, passed}` chained after that head.
//!
//! What the verifier finds, besides a broken chain and answers or times that disagree with it:
//! a header that disagrees with the record (candidate, ids, seed, deadline, paper), more than
//! one submit, an answer after the submit, a submit or an answer later than the deadline plus
//! [`DEADLINE_GRACE_MS`], a status that disagrees with the log, a result whose figures are not
//! the ones bound to the head, a submitted attempt of an open exam without its result — and,
//! given the exam: a paper that is not the one the seed builds, a result that does not re-score
//! from the logged answers, packed bytes that are not the logged answers' encoding.
//!
//! What it cannot find: a record whose whole chain was rebuilt by someone running the page's
//! code on their own device (no secret lives there). The re-derivation from the exam still holds
//! then: the paper must be the seed's, the score must be the answers'. See docs/security.md.

use std::collections::BTreeMap;

use serde_json::Value;

use super::attempt::Responses;
use super::bank::Bank;
use super::blueprint::Blueprint;
use super::compiled::CompiledExam;
use super::grading::Grades;
use super::log::{
    event_hash, replay, LogProblem, LogRecord, LogVerification, StoredAnswer, GENESIS,
};
use super::paper::{assemble_paper, cohort_paper, Paper};
use super::sealed::PublicBank;
use crate::error::Result;
use crate::format::{self, FromJson};

/// How long after the deadline a submit (or an answer) still counts: the page checks the clock
/// once a second, storage takes a moment, and a slow device must not be flagged for that.
pub const DEADLINE_GRACE_MS: f64 = 30_000.0;

/// The content hash of a JSON value (a paper, a bank, a blueprint): the chain hash of the value
/// after [`GENESIS`], so the page computes it with the same `chainEvent` it chains events with.
pub fn content_hash(value: &Value) -> Result<String> {
    event_hash(GENESIS, value)
}

/// The hash that binds a result's figures to the chain head: `{type:"result", points,
/// maxPoints, percent, passed}` chained after `head`. The figures are taken as stored (JSON
/// values), so the page and the verifier hash the same text.
pub fn result_hash(head: &str, result: &Value) -> Result<String> {
    let mut bound = serde_json::Map::new();
    bound.insert("type".into(), Value::from("result"));
    for field in ["points", "maxPoints", "percent", "passed"] {
        bound.insert(
            field.into(),
            result.get(field).cloned().unwrap_or(Value::Null),
        );
    }
    event_hash(head, &Value::Object(bound))
}

/// A stored attempt, as the page keeps it (fields the check does not read are ignored).
#[derive(Debug, Clone, Default, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StoredAttempt {
    /// The attempt's id.
    #[serde(default)]
    pub attempt_id: Option<String>,
    /// `inProgress` or `submitted`.
    #[serde(default)]
    pub status: Option<String>,
    /// `{ id, name }`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub candidate: Option<Value>,
    /// The bank's id.
    #[serde(default)]
    pub bank_id: Option<String>,
    /// The blueprint's id.
    #[serde(default)]
    pub blueprint_id: Option<String>,
    /// The paper's seed.
    #[serde(default)]
    pub seed: Option<u32>,
    /// The paper as stored.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub paper: Option<Value>,
    /// The event log.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "Record<string, unknown>[]"))]
    pub events: Vec<Value>,
    /// The chain head stored with the attempt.
    #[serde(default)]
    pub chain_head: Option<String>,
    /// item id → `{ value, answeredAt }`.
    #[serde(default)]
    pub responses: BTreeMap<String, StoredAnswer>,
    /// Start time (ms).
    #[serde(default)]
    pub started_at: Option<f64>,
    /// Submit time (ms).
    #[serde(default)]
    pub submitted_at: Option<f64>,
    /// Deadline (ms), none without a time limit.
    #[serde(default)]
    pub deadline_at: Option<f64>,
    /// The packed answers (as an array of bytes).
    #[serde(default)]
    pub packed: Option<Vec<u8>>,
    /// A sealed exam's attempt (scored by the trainer after unlocking).
    #[serde(default)]
    pub sealed: Option<bool>,
}

/// A stored result record (fields the check does not read are ignored).
#[derive(Debug, Clone, Default, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StoredResult {
    /// The chain head the result was computed at.
    #[serde(default)]
    pub chain_head: Option<String>,
    /// [`result_hash`] of the result's figures after the head.
    #[serde(default)]
    pub result_hash: Option<String>,
    /// The `ExamResult`.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub result: Option<Value>,
    /// The trainer's grades of short answers.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(type = "unknown"))]
    pub grades: Option<Value>,
}

/// The exam an attempt is checked against. With none, only the log and the record are checked.
#[derive(Debug, Default)]
pub struct Verifier {
    /// The full bank (the trainer's, or a sealed exam's joined bank after unlocking): re-scoring.
    bank: Option<Bank>,
    /// The bank papers were assembled from: the full bank, or a sealed package's public bank
    /// (with placeholder keys, see [`PublicBank::assembly_bank`]).
    assembly: Option<Bank>,
    blueprint: Option<Blueprint>,
    /// The cohort layout, for checking packed bytes.
    cohort: Option<CompiledExam>,
    bank_hash: Option<String>,
    blueprint_hash: Option<String>,
}

fn problem(code: &str, path: impl Into<String>) -> LogProblem {
    LogProblem {
        code: code.to_string(),
        path: path.into(),
    }
}

fn same_number(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a.and_then(Value::as_f64), b.and_then(Value::as_f64)) {
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
        (None, None) => a.is_none_or(Value::is_null) && b.is_none_or(Value::is_null),
        _ => false,
    }
}

impl Verifier {
    /// A verifier for an open exam: `bank` and `blueprint` as stored (JSON values). The paper is
    /// rebuilt from this bank, results re-scored against it.
    pub fn open_exam(bank: &Value, blueprint: &Value) -> Result<Verifier> {
        let full = Bank::decode(bank).map_err(|e| e.within("bank"))?;
        let bp = Blueprint::decode(blueprint).map_err(|e| e.within("blueprint"))?;
        let cohort = CompiledExam::new(&full, &cohort_paper(&full, &bp)?)?;
        Ok(Verifier {
            assembly: Some(full.clone()),
            bank: Some(full),
            blueprint: Some(bp),
            cohort: Some(cohort),
            bank_hash: Some(content_hash(bank)?),
            blueprint_hash: Some(content_hash(blueprint)?),
        })
    }

    /// A verifier for a sealed exam: papers are rebuilt from the package's public bank and
    /// blueprint (never from the candidate's file); with `bank` (the joined bank, once unlocked)
    /// results are re-scored too.
    pub fn sealed_exam(
        public_bank: &Value,
        blueprint: &Value,
        bank: Option<&Value>,
    ) -> Result<Verifier> {
        let public = PublicBank::decode(public_bank).map_err(|e| e.within("publicBank"))?;
        let bp = Blueprint::decode(blueprint).map_err(|e| e.within("blueprint"))?;
        let full = bank
            .map(|b| Bank::decode(b).map_err(|e| e.within("bank")))
            .transpose()?;
        let cohort = match &full {
            Some(b) => Some(CompiledExam::new(b, &cohort_paper(b, &bp)?)?),
            None => None,
        };
        Ok(Verifier {
            assembly: Some(public.assembly_bank()?),
            bank: full,
            blueprint: Some(bp),
            cohort,
            bank_hash: Some(content_hash(public_bank)?),
            blueprint_hash: Some(content_hash(blueprint)?),
        })
    }

    /// The paper `seed` builds, when the exam is known.
    pub fn paper_for(&self, seed: u32) -> Option<Result<Paper>> {
        let (bank, blueprint) = (self.assembly.as_ref()?, self.blueprint.as_ref()?);
        Some(assemble_paper(bank, blueprint, seed))
    }

    /// Checks one stored attempt and its result record (if any).
    pub fn verify(
        &self,
        attempt: &StoredAttempt,
        result: Option<&StoredResult>,
    ) -> LogVerification {
        let log = LogRecord {
            events: attempt.events.clone(),
            chain_head: attempt.chain_head.clone(),
            result_chain_head: result.map(|r| r.chain_head.clone().unwrap_or_default()),
            responses: attempt.responses.clone(),
            started_at: attempt.started_at,
            submitted_at: attempt.submitted_at,
        };
        let replayed = replay(&log);
        let mut problems = replayed.verification.problems.clone();
        let head = replayed.verification.computed_head.clone();

        // The header in the start event.
        let start = attempt.events.first();
        let header_of = |field: &str| start.and_then(|e| e.get(field));
        if start.and_then(|e| e.get("type")).and_then(Value::as_str) != Some("start") {
            problems.push(problem("START_MISSING", "events[0]"));
        } else if header_of("paperHash").is_none() {
            problems.push(problem("NO_HEADER", "events[0]"));
        } else {
            let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
            let candidate_field = |c: Option<&Value>, f: &str| c.and_then(|c| c.get(f)).cloned();
            for field in ["id", "name"] {
                if candidate_field(attempt.candidate.as_ref(), field)
                    != candidate_field(header_of("candidate"), field)
                {
                    problems.push(problem("CANDIDATE_MISMATCH", format!("candidate.{field}")));
                }
            }
            if text(header_of("attemptId")) != attempt.attempt_id {
                problems.push(problem("HEADER_MISMATCH", "attemptId"));
            }
            if text(header_of("bankId")) != attempt.bank_id {
                problems.push(problem("EXAM_MISMATCH", "bankId"));
            }
            if text(header_of("blueprintId")) != attempt.blueprint_id {
                problems.push(problem("EXAM_MISMATCH", "blueprintId"));
            }
            let seed = header_of("seed").and_then(Value::as_u64);
            if seed != attempt.seed.map(u64::from) {
                problems.push(problem("SEED_MISMATCH", "seed"));
            }
            if !same_number(
                header_of("deadlineAt"),
                attempt.deadline_at.map(Value::from).as_ref(),
            ) {
                problems.push(problem("DEADLINE_MISMATCH", "deadlineAt"));
            }
            let paper_hash = attempt.paper.as_ref().and_then(|p| content_hash(p).ok());
            if text(header_of("paperHash")) != paper_hash {
                problems.push(problem("PAPER_MISMATCH", "paper"));
            }
            for (field, known) in [
                ("bankHash", &self.bank_hash),
                ("blueprintHash", &self.blueprint_hash),
            ] {
                if let (Some(known), Some(logged)) = (known, text(header_of(field))) {
                    if known != &logged {
                        problems.push(problem("EXAM_CHANGED", field));
                    }
                }
            }
        }

        // Submits, answers after the submit, the deadline.
        let deadline = header_of("deadlineAt").and_then(Value::as_f64);
        let late = |at: Option<f64>| matches!((at, deadline), (Some(at), Some(d)) if at > d + DEADLINE_GRACE_MS);
        let mut submits = 0;
        for (i, event) in attempt.events.iter().enumerate() {
            let at = event.get("at").and_then(Value::as_f64);
            match event.get("type").and_then(Value::as_str) {
                Some("submit") => {
                    submits += 1;
                    if submits > 1 {
                        problems.push(problem("MULTIPLE_SUBMITS", format!("events[{i}]")));
                    }
                    // An automatic submit when time is up (also on returning after the deadline)
                    // is late by design; what counts then is that no answer came after it.
                    let automatic = event.get("reason").and_then(Value::as_str) == Some("timeUp");
                    if late(at) && !automatic {
                        problems.push(problem("LATE_SUBMIT", format!("events[{i}]")));
                    }
                }
                Some("answer") => {
                    if submits > 0 {
                        problems.push(problem("ANSWER_AFTER_SUBMIT", format!("events[{i}]")));
                    } else if late(at) {
                        problems.push(problem("LATE_ANSWER", format!("events[{i}]")));
                    }
                }
                _ => {}
            }
        }
        let status = attempt.status.as_deref();
        if (submits > 0) != (status == Some("submitted")) {
            problems.push(problem("STATUS_MISMATCH", "status"));
        }

        // The result: present when it must be, bound to the head.
        let sealed = attempt.sealed == Some(true);
        match result {
            None if status == Some("submitted") && !sealed => {
                problems.push(problem("RESULT_MISSING", "result"));
            }
            Some(r) => {
                let figures = r.result.clone().unwrap_or(Value::Null);
                let expected = result_hash(&head, &figures).ok();
                if r.result_hash.is_none() || r.result_hash != expected {
                    problems.push(problem("RESULT_HASH_MISMATCH", "result.resultHash"));
                }
            }
            None => {}
        }

        // Against the exam: the paper the seed builds, the score the answers earn, the bytes.
        let responses: Responses = crate::sort::map_of(
            replayed
                .answers
                .iter()
                .map(|(id, a)| (id.clone(), a.value.clone())),
        );
        let rebuilt = attempt.seed.and_then(|seed| self.paper_for(seed));
        let paper = match rebuilt {
            Some(Ok(paper)) => {
                let stored = attempt.paper.as_ref().and_then(|p| Paper::decode(p).ok());
                if stored.as_ref() != Some(&paper) {
                    problems.push(problem("PAPER_NOT_REBUILT", "paper"));
                }
                Some(paper)
            }
            Some(Err(_)) => {
                problems.push(problem("PAPER_NOT_REBUILT", "seed"));
                None
            }
            None => None,
        };
        // The deadline is the start plus the exam's time limit, nothing else.
        if let Some(paper) = &paper {
            let begun = start.and_then(|e| e.get("at")).and_then(Value::as_f64);
            let expected = paper
                .time_limit_seconds
                .and_then(|l| begun.map(|b| b + f64::from(l) * 1000.0));
            let logged = header_of("deadlineAt").and_then(Value::as_f64);
            let fits = match (expected, logged) {
                (Some(e), Some(l)) => (e - l).abs() < 1.0,
                (None, None) => true,
                _ => false,
            };
            if !fits && header_of("paperHash").is_some() {
                problems.push(problem("DEADLINE_NOT_EXAM", "deadlineAt"));
            }
        }
        if let (Some(bank), Some(paper), Some(r)) = (&self.bank, &paper, result) {
            self.rescore(bank, paper, &responses, attempt, r, &mut problems);
        }
        if let (Some(cohort), Some(packed)) = (&self.cohort, &attempt.packed) {
            match cohort.encode(&responses) {
                Ok(bytes) if &bytes == packed => {}
                _ => problems.push(problem("PACKED_MISMATCH", "packed")),
            }
        }

        LogVerification {
            intact: problems.is_empty(),
            events: replayed.verification.events,
            computed_head: head,
            problems,
        }
    }

    fn rescore(
        &self,
        bank: &Bank,
        paper: &Paper,
        responses: &Responses,
        attempt: &StoredAttempt,
        record: &StoredResult,
        problems: &mut Vec<LogProblem>,
    ) {
        let grades: Grades = match &record.grades {
            Some(g) if !g.is_null() => match super::grading::decode_grades(g) {
                Ok(g) => g,
                Err(_) => {
                    problems.push(problem("SCORE_MISMATCH", "result.grades"));
                    return;
                }
            },
            _ => Grades::new(),
        };
        let used = match (attempt.started_at, attempt.submitted_at) {
            (Some(s), Some(e)) if e >= s => Some(((e - s) / 1000.0).round()),
            _ => None,
        };
        let rescored = CompiledExam::new(bank, paper)
            .and_then(|c| c.result(responses, &grades, used))
            .map(|r| format::to_json_value(&r));
        let stored = record.result.as_ref();
        match rescored {
            Ok(fresh) => {
                for field in ["points", "maxPoints", "percent"] {
                    if !same_number(fresh.get(field), stored.and_then(|s| s.get(field))) {
                        problems.push(problem("SCORE_MISMATCH", format!("result.{field}")));
                    }
                }
                if fresh.get("passed") != stored.and_then(|s| s.get("passed")) {
                    problems.push(problem("SCORE_MISMATCH", "result.passed"));
                }
            }
            Err(_) => problems.push(problem("SCORE_MISMATCH", "result")),
        }
    }
}
