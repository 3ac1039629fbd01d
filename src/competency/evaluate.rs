//! Evidence → levels: one pass over the evidence, team percentiles once per KPI source, then one
//! result per person. The whole team is evaluated in one call ([`evaluate_team`]).

use std::collections::{BTreeMap, HashMap};

use super::defaults::{self, KpiDirection};
use super::evidence::{
    check_rating_dimensions, validate_people, validate_record, EvidenceKind, EvidenceSet,
    IgnoredRecord, Person,
};
use super::explain;
use super::mapping::{band, interpolate_level, percentile, round_to};
use super::model::{CompiledDimension, CompiledModel, SourceMapping};
use super::options::EvaluationOptions;
use super::result::{
    BlindSpot, BlindSpotAgainst, Change, DimensionResult, DimensionStatus, Gap, IgnoredEvidence,
    IgnoredReason, PersonEvaluation, SourceContribution,
};
use super::team::{team_view, TeamEvaluation};
use crate::date::Date;
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;
use rustc_hash::FxHashMap;

/// Format version of evaluation outputs.
pub const EVALUATION_SCHEMA_VERSION: u32 = 1;

/// Evaluates everyone in `set` and builds the team view, in one call.
///
/// The model is compiled once by the caller; evidence is indexed once; KPI percentiles are
/// computed once per source; so 2,000 people × 8 dimensions stay cheap.
///
/// @example `let team = evaluate_team(&model, &set, &EvaluationOptions::on(today))?;`
pub fn evaluate_team(
    model: &CompiledModel,
    set: &EvidenceSet,
    options: &EvaluationOptions,
) -> Result<TeamEvaluation, Error> {
    team_evaluation(model, set, options, None)
}

/// The evidence of a set checked against a model once, reduced to what evaluation reads: per
/// record the person's index, which of the model's (kind, key) pairs it is, its day and value.
/// Records no dimension reads are dropped. Evaluating from this skips hashing 60,000 id strings
/// scattered over the heap on every `evaluate`, which dominated the evaluation of a big team.
#[derive(Debug, Clone)]
pub struct PreparedEvidence {
    /// Ratings of dimensions the model lacks, left out because the set asked to skip them.
    ignored: Vec<IgnoredRecord>,
    /// The distinct (kind, key) pairs the model's dimensions read.
    keys: Vec<(EvidenceKind, String)>,
    records: Vec<PreparedRecord>,
}

#[derive(Debug, Clone, Copy)]
struct PreparedRecord {
    person: u32,
    key: u32,
    date: Date,
    value: f64,
}

impl PreparedEvidence {
    /// Checks the set against the model ([`super::validate_evidence`]'s checks and errors) and
    /// keeps the records the model reads.
    pub fn new(set: &EvidenceSet, model: &CompiledModel) -> Result<PreparedEvidence, Error> {
        let people = validate_people(set, model)?;
        let ignored = check_rating_dimensions(set, model)?;
        let mut key_of: FxHashMap<(EvidenceKind, &str), u32> = FxHashMap::default();
        let mut keys = Vec::new();
        for dim in &model.dimensions {
            let read = dim.sources.iter().map(|s| (s.kind, s.key.as_str())).chain([
                (EvidenceKind::SelfRating, dim.id.as_str()),
                (EvidenceKind::SupervisorRating, dim.id.as_str()),
            ]);
            for (kind, key) in read {
                if let std::collections::hash_map::Entry::Vacant(slot) = key_of.entry((kind, key)) {
                    slot.insert(u32::try_from(keys.len()).unwrap_or(u32::MAX));
                    keys.push((kind, key.to_string()));
                }
            }
        }
        let mut records = Vec::with_capacity(set.evidence.len());
        for (i, record) in set.evidence.iter().enumerate() {
            validate_record(record, &people, model)
                .map_err(|e| e.within(&format!("evidence[{i}]")))?;
            let (Some(&key), Some(&person)) = (
                key_of.get(&(record.kind, record.key.as_str())),
                people.get(record.person_id.as_str()),
            ) else {
                continue;
            };
            records.push(PreparedRecord {
                person: u32::try_from(person).unwrap_or(u32::MAX),
                key,
                date: record.date,
                value: record.value,
            });
        }
        Ok(PreparedEvidence {
            ignored,
            keys,
            records,
        })
    }
}

/// [`evaluate_team`] from evidence prepared (and so checked) once against this model and set:
/// the binding's `Team` prepares its evidence when built and may evaluate it many times.
/// `prepared` must come from the same `set` and `model`; other evidence is read as if it were
/// theirs (never a panic: indices out of range are skipped).
pub fn evaluate_prepared_team(
    model: &CompiledModel,
    set: &EvidenceSet,
    prepared: &PreparedEvidence,
    options: &EvaluationOptions,
) -> Result<TeamEvaluation, Error> {
    team_evaluation(model, set, options, Some(prepared))
}

fn team_evaluation(
    model: &CompiledModel,
    set: &EvidenceSet,
    options: &EvaluationOptions,
    prepared: Option<&PreparedEvidence>,
) -> Result<TeamEvaluation, Error> {
    let context = Context::build(model, set, options, prepared)?;
    let ignored_records = match prepared {
        Some(p) => p.ignored.clone(),
        None => check_rating_dimensions(set, model)?,
    };
    let people = (0..set.people.len())
        .map(|i| context.person(i))
        .collect::<Result<Vec<_>, _>>()?;
    let team = team_view(model, set, &people, options)?;
    Ok(TeamEvaluation {
        ignored_records,
        schema_version: EVALUATION_SCHEMA_VERSION,
        date: options.date,
        model_id: model.model.id.clone(),
        people,
        team,
    })
}

/// Evaluates one person; KPI percentiles still rank them among everyone in `set`.
pub fn evaluate_person(
    model: &CompiledModel,
    set: &EvidenceSet,
    person_id: &str,
    options: &EvaluationOptions,
) -> Result<PersonEvaluation, Error> {
    let index = set
        .people
        .iter()
        .position(|p| p.id == person_id)
        .ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                "personId",
                format!("没有工号为 “{person_id}” 的人员"),
                format!("no person has the id \"{person_id}\""),
            )
        })?;
    let context = Context::build(model, set, options, None)?;
    context.person(index)
}

/// Evaluates everyone in `set`, in the order of `set.people`.
pub fn evaluate_people(
    model: &CompiledModel,
    set: &EvidenceSet,
    options: &EvaluationOptions,
) -> Result<Vec<PersonEvaluation>, Error> {
    let context = Context::build(model, set, options, None)?;
    (0..set.people.len()).map(|i| context.person(i)).collect()
}

/// Recent evidence of one source for one person, aggregated.
#[derive(Debug, Clone, Copy)]
struct Aggregate {
    raw: f64,
    date: Date,
    count: u32,
}

/// What one slot (a dimension's source, or its self / supervisor rating) collected for one
/// person in one pass over the evidence.
#[derive(Debug, Clone, Copy, Default)]
struct Accumulator {
    sum: f64,
    count: u32,
    latest: Option<(Date, f64)>,
    stale: Option<(u32, Date)>,
    future: Option<(u32, Date)>,
}

/// A slot: which evidence a dimension reads, and how it is summarised.
struct Slot<'a> {
    kind: EvidenceKind,
    key: &'a str,
    window_start: Date,
}

/// The slots of one dimension.
struct DimensionSlots {
    sources: Vec<usize>,
    self_rating: usize,
    supervisor_rating: usize,
}

/// Everything shared by the people of one evaluation: the model's rules resolved into slots,
/// and the evidence summarised per (slot, person) in a flat table, so evaluating a person does
/// no hashing and no parsing.
struct Context<'a> {
    model: &'a CompiledModel,
    set: &'a EvidenceSet,
    options: &'a EvaluationOptions,
    slots: Vec<Slot<'a>>,
    dimension_slots: Vec<DimensionSlots>,
    /// `slots.len() × people` accumulators, slot-major.
    table: Vec<Accumulator>,
    /// Percentile anchors per (dimension, source), `None` when too few peers.
    percentile_anchors: HashMap<(usize, usize), Option<[f64; 5]>>,
    previous: BTreeMap<&'a str, &'a PersonEvaluation>,
}

impl<'a> Context<'a> {
    fn build(
        model: &'a CompiledModel,
        set: &'a EvidenceSet,
        options: &'a EvaluationOptions,
        prepared: Option<&PreparedEvidence>,
    ) -> Result<Context<'a>, Error> {
        options.validate()?;
        let as_of = options.date;
        let mut slots: Vec<Slot<'a>> = Vec::new();
        let mut slot_of: FxHashMap<(EvidenceKind, &'a str), Vec<usize>> = FxHashMap::default();
        let mut dimension_slots = Vec::with_capacity(model.dimensions.len());
        for dim in &model.dimensions {
            let window_start = as_of.add_days(-(dim.recency_days.min(i32::MAX as u32) as i32));
            let mut add = |kind: EvidenceKind, key: &'a str| -> usize {
                let existing = slot_of.get(&(kind, key)).and_then(|ids| {
                    ids.iter()
                        .copied()
                        .find(|&i| slots.get(i).is_some_and(|s| s.window_start == window_start))
                });
                existing.unwrap_or_else(|| {
                    slots.push(Slot {
                        kind,
                        key,
                        window_start,
                    });
                    let id = slots.len() - 1;
                    slot_of.entry((kind, key)).or_default().push(id);
                    id
                })
            };
            let sources = dim.sources.iter().map(|s| add(s.kind, &s.key)).collect();
            let self_rating = add(EvidenceKind::SelfRating, &dim.id);
            let supervisor_rating = add(EvidenceKind::SupervisorRating, &dim.id);
            dimension_slots.push(DimensionSlots {
                sources,
                self_rating,
                supervisor_rating,
            });
        }
        let n = set.people.len();
        let mut table = vec![Accumulator::default(); slots.len() * n];
        let mut add = |ids: &[usize], p: usize, date: Date, value: f64| {
            for &id in ids {
                let (Some(slot), Some(acc)) = (slots.get(id), table.get_mut(id * n + p)) else {
                    continue;
                };
                accumulate(acc, slot, date, value, as_of);
            }
        };
        match prepared {
            Some(prepared) => {
                let slots_of_key: Vec<&[usize]> = prepared
                    .keys
                    .iter()
                    .map(|(kind, key)| {
                        slot_of
                            .get(&(*kind, key.as_str()))
                            .map_or(&[][..], Vec::as_slice)
                    })
                    .collect();
                for record in &prepared.records {
                    if let Some(ids) = slots_of_key.get(record.key as usize) {
                        add(ids, record.person as usize, record.date, record.value);
                    }
                }
            }
            None => {
                let people = validate_people(set, model)?;
                check_rating_dimensions(set, model)?;
                for (i, record) in set.evidence.iter().enumerate() {
                    validate_record(record, &people, model)
                        .map_err(|e| e.within(&format!("evidence[{i}]")))?;
                    let Some(ids) = slot_of.get(&(record.kind, record.key.as_str())) else {
                        continue;
                    };
                    let Some(&p) = people.get(record.person_id.as_str()) else {
                        continue;
                    };
                    add(ids, p, record.date, record.value);
                }
            }
        }
        let previous =
            crate::sort::map_of(options.previous.iter().map(|e| (e.person_id.as_str(), e)));
        let mut context = Context {
            model,
            set,
            options,
            slots,
            dimension_slots,
            table,
            percentile_anchors: HashMap::new(),
            previous,
        };
        for (d, dim) in model.dimensions.iter().enumerate() {
            for (s, source) in dim.sources.iter().enumerate() {
                if let SourceMapping::TeamPercentiles(ps, direction) = &source.mapping {
                    let slot = context.source_slot(d, s);
                    let mut values: Vec<f64> = (0..n)
                        .filter_map(|p| context.aggregate(slot, p).0)
                        .map(|a| a.raw)
                        .collect();
                    crate::sort::sort_by(&mut values, f64::total_cmp);
                    let anchors = percentile_anchors(&values, ps, *direction);
                    context.percentile_anchors.insert((d, s), anchors);
                }
            }
        }
        Ok(context)
    }

    fn source_slot(&self, d: usize, s: usize) -> usize {
        self.dimension_slots
            .get(d)
            .and_then(|slots| slots.sources.get(s))
            .copied()
            .unwrap_or(usize::MAX)
    }

    /// Mean (latest for ratings) of the records in the window, and what was left out.
    fn aggregate(&self, slot: usize, person: usize) -> (Option<Aggregate>, Vec<IgnoredEvidence>) {
        let n = self.set.people.len();
        let (Some(spec), Some(acc)) = (
            self.slots.get(slot),
            slot.checked_mul(n)
                .and_then(|base| self.table.get(base + person)),
        ) else {
            return (None, Vec::new());
        };
        let latest_wins = matches!(
            spec.kind,
            EvidenceKind::SelfRating | EvidenceKind::SupervisorRating
        );
        let aggregate = acc.latest.map(|(date, last_value)| Aggregate {
            raw: if latest_wins {
                last_value
            } else {
                acc.sum / f64::from(acc.count.max(1))
            },
            date,
            count: if latest_wins { 1 } else { acc.count },
        });
        let mut ignored = Vec::new();
        for (found, reason) in [
            (acc.stale, IgnoredReason::Stale),
            (acc.future, IgnoredReason::Future),
        ] {
            if let Some((count, latest)) = found {
                ignored.push(IgnoredEvidence {
                    kind: spec.kind,
                    key: spec.key.to_string(),
                    reason,
                    count,
                    latest,
                });
            }
        }
        (aggregate, ignored)
    }

    fn person(&self, p: usize) -> Result<PersonEvaluation, Error> {
        let person = self.set.people.get(p).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownReference,
                "people",
                "人员不存在",
                "no such person",
            )
        })?;
        let role = self.model.roles.get(&person.role).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownRole,
                format!("people[{p}].role"),
                format!("能力模型中没有岗位 “{}”", person.role),
                format!("the model has no role \"{}\"", person.role),
            )
        })?;
        let mut dimensions = Vec::with_capacity(self.model.dimensions.len());
        for (d, dim) in self.model.dimensions.iter().enumerate() {
            let target = role.targets.get(d).copied().flatten();
            dimensions.push(self.dimension(p, d, dim, target));
        }
        Ok(self.summarise(person, dimensions))
    }

    fn dimension(
        &self,
        p: usize,
        d: usize,
        dim: &CompiledDimension,
        target: Option<(f64, f64)>,
    ) -> DimensionResult {
        // `weight` holds the model's raw weight until renormalised below.
        let mut sources: Vec<SourceContribution> = Vec::with_capacity(dim.sources.len());
        let mut ignored = Vec::new();
        for (s, source) in dim.sources.iter().enumerate() {
            let (aggregate, mut left_out) = self.aggregate(self.source_slot(d, s), p);
            ignored.append(&mut left_out);
            let Some(aggregate) = aggregate else { continue };
            let (level, anchors) = match &source.mapping {
                SourceMapping::Anchors(anchors) => (
                    interpolate_level(aggregate.raw, anchors),
                    Some(anchors.to_vec()),
                ),
                SourceMapping::Rating => (aggregate.raw, None),
                SourceMapping::TeamPercentiles(..) => {
                    match self.percentile_anchors.get(&(d, s)).copied().flatten() {
                        Some(anchors) => (
                            level_from_team_anchors(aggregate.raw, &anchors),
                            // Rounded like the other printed figures: they are team values,
                            // read back from JSON by the plan.
                            Some(anchors.iter().map(|a| round_to(*a, 4)).collect()),
                        ),
                        None => {
                            ignored.push(IgnoredEvidence {
                                kind: source.kind,
                                key: source.key.clone(),
                                reason: IgnoredReason::TooFewPeers,
                                count: aggregate.count,
                                latest: aggregate.date,
                            });
                            continue;
                        }
                    }
                }
            };
            sources.push(SourceContribution {
                kind: source.kind,
                key: source.key.clone(),
                raw_value: round_to(aggregate.raw, 2),
                level: round_to(level, 2),
                weight: source.weight,
                date: aggregate.date,
                count: aggregate.count,
                anchors,
            });
        }
        let total: f64 = sources.iter().map(|c| c.weight).sum();
        // Combine the source levels as printed (2 decimals), so a reader can redo the sum from
        // the explanation; only the combined level is rounded again.
        let mut exact = None;
        if total > 0.0 {
            let mut weighted = 0.0;
            for contribution in &mut sources {
                let share = contribution.weight / total;
                weighted += share * contribution.level;
                contribution.weight = round_to(share, 4);
            }
            exact = Some(weighted);
        }
        let enough = sources.len() >= dim.min_evidence as usize;
        let confidence = exact.map_or(0.0, |level| confidence(&sources, level));
        let level = exact.filter(|_| enough).map(|l| round_to(l, 2));
        let score = weighted_score(&sources, dim);
        let rating = |slot: Option<usize>| {
            slot.and_then(|slot| self.aggregate(slot, p).0)
                .map(|a| a.raw)
        };
        let slots = self.dimension_slots.get(d);
        let (target_level, importance) = match target {
            Some((t, i)) => (Some(t), Some(i)),
            None => (None, None),
        };
        let status = if enough {
            DimensionStatus::Ok
        } else {
            DimensionStatus::InsufficientEvidence
        };
        let explanation = if self.options.explanations.unwrap_or(true) {
            explain::dimension(dim, level, &sources, dim.min_evidence)
        } else {
            Text::default()
        };
        DimensionResult {
            dimension_id: dim.id.clone(),
            name: dim.name.clone(),
            level,
            band: level.map(band),
            target: target_level,
            gap: level.zip(target_level).map(|(l, t)| round_to(t - l, 2)),
            importance,
            confidence,
            status,
            score,
            self_rating: rating(slots.map(|s| s.self_rating)),
            supervisor_rating: rating(slots.map(|s| s.supervisor_rating)),
            sources,
            ignored,
            explanation,
        }
    }

    fn summarise(&self, person: &Person, dimensions: Vec<DimensionResult>) -> PersonEvaluation {
        let blind_margin = self
            .options
            .blind_spot_margin
            .unwrap_or(defaults::BLIND_SPOT_MARGIN);
        let strength_margin = self
            .options
            .strength_margin
            .unwrap_or(defaults::STRENGTH_MARGIN);
        let mut gaps: Vec<(usize, Gap)> = Vec::new();
        let mut strengths: Vec<(usize, f64, String)> = Vec::new();
        let mut blind_spots = Vec::new();
        for (d, dim) in dimensions.iter().enumerate() {
            if let (Some(gap), Some(importance)) = (dim.gap, dim.importance) {
                if gap > 0.0 {
                    gaps.push((
                        d,
                        Gap {
                            dimension_id: dim.dimension_id.clone(),
                            gap,
                            importance,
                            priority: round_to(gap * importance, 2),
                        },
                    ));
                }
            }
            if let Some(level) = dim.level {
                let margin = match dim.target {
                    Some(t) => level - t - strength_margin,
                    None => level - defaults::STRENGTH_LEVEL_WITHOUT_TARGET,
                };
                if margin >= -1e-9 {
                    strengths.push((d, margin, dim.dimension_id.clone()));
                }
            }
            if let Some(spot) = blind_spot(dim, blind_margin) {
                blind_spots.push(spot);
            }
        }
        crate::sort::sort_by(&mut gaps, |(da, a), (db, b)| {
            b.priority
                .total_cmp(&a.priority)
                .then(b.gap.total_cmp(&a.gap))
                .then(da.cmp(db))
        });
        crate::sort::sort_by(&mut strengths, |a, b| {
            b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
        });
        let change = self
            .previous
            .get(person.id.as_str())
            .map(|prev| changes(prev, &dimensions))
            .unwrap_or_default();
        PersonEvaluation {
            schema_version: EVALUATION_SCHEMA_VERSION,
            person_id: person.id.clone(),
            name: person.name.clone(),
            role: person.role.clone(),
            group: person.group.clone(),
            date: self.options.date,
            model_id: self.model.model.id.clone(),
            model_version: self.model.model.version.clone(),
            dimensions,
            gaps: gaps.into_iter().map(|(_, g)| g).collect(),
            strengths: strengths.into_iter().map(|(_, _, id)| id).collect(),
            blind_spots,
            change,
        }
    }
}

/// Adds one record to a slot's accumulator: in the window, stale, or after the evaluation date.
fn accumulate(acc: &mut Accumulator, slot: &Slot, date: Date, value: f64, as_of: Date) {
    let bucket = if date > as_of {
        Some(&mut acc.future)
    } else if date < slot.window_start {
        Some(&mut acc.stale)
    } else {
        None
    };
    if let Some(found) = bucket {
        let (count, latest) = found.get_or_insert((0, date));
        *count += 1;
        *latest = (*latest).max(date);
        return;
    }
    acc.sum += value;
    acc.count += 1;
    // Ties go to the later record in the input: a re-entered rating replaces the earlier one.
    if acc.latest.is_none_or(|(d, _)| date >= d) {
        acc.latest = Some((date, value));
    }
}

/// Levels 1…5 anchored at the team's percentiles; for a lower-is-better KPI level k sits at the
/// (100 − p_k)-th percentile, so the anchors decrease. `None` with too few peers.
pub fn percentile_anchors(
    sorted: &[f64],
    percentiles: &[f64; 5],
    direction: KpiDirection,
) -> Option<[f64; 5]> {
    if sorted.len() < defaults::MIN_PERCENTILE_PEERS {
        return None;
    }
    let mut anchors = [0.0; 5];
    for (anchor, p) in anchors.iter_mut().zip(percentiles) {
        let q = match direction {
            KpiDirection::HigherIsBetter => *p,
            KpiDirection::LowerIsBetter => 100.0 - p,
        };
        *anchor = percentile(sorted, q)?;
    }
    Some(anchors)
}

/// A team where everyone has the same value has no spread to rank: everyone is at the median.
fn level_from_team_anchors(value: f64, anchors: &[f64; 5]) -> f64 {
    if anchors[0] == anchors[4] {
        return 3.0;
    }
    interpolate_level(value, anchors)
}

/// `(1 − 0.5^n) × max(0, 1 − sd / 2)` with n sources and sd the weighted standard deviation of
/// their levels around the combined level (2 is the largest possible sd on a 1–5 scale).
fn confidence(sources: &[SourceContribution], level: f64) -> f64 {
    if sources.is_empty() {
        return 0.0;
    }
    let amount = 1.0 - 0.5f64.powi(sources.len().min(30) as i32);
    let variance: f64 = sources
        .iter()
        .map(|s| s.weight * (s.level - level).powi(2))
        .sum();
    let agreement = (1.0 - variance.max(0.0).sqrt() / 2.0).clamp(0.0, 1.0);
    round_to(amount * agreement, 2)
}

/// Weighted mean of the 0–100 sources (exams and rubrics) of a dimension.
fn weighted_score(sources: &[SourceContribution], dim: &CompiledDimension) -> Option<f64> {
    let mut sum = 0.0;
    let mut weights = 0.0;
    for contribution in sources {
        if matches!(contribution.kind, EvidenceKind::Exam | EvidenceKind::Rubric) {
            let weight = dim
                .sources
                .iter()
                .find(|s| s.kind == contribution.kind && s.key == contribution.key)
                .map_or(0.0, |s| s.weight);
            sum += weight * contribution.raw_value;
            weights += weight;
        }
    }
    (weights > 0.0).then(|| round_to(sum / weights, 2))
}

fn blind_spot(dim: &DimensionResult, margin: f64) -> Option<BlindSpot> {
    let own = dim.self_rating?;
    let others: Vec<&SourceContribution> = dim
        .sources
        .iter()
        .filter(|s| {
            !matches!(
                s.kind,
                EvidenceKind::SelfRating | EvidenceKind::SupervisorRating
            )
        })
        .collect();
    let weight: f64 = others.iter().map(|s| s.weight).sum();
    let evidence_level = (weight > 0.0).then(|| {
        round_to(
            others.iter().map(|s| s.weight * s.level).sum::<f64>() / weight,
            2,
        )
    });
    let tolerance = 1e-9;
    let over_supervisor = dim
        .supervisor_rating
        .map(|s| own - s)
        .filter(|d| *d >= margin - tolerance);
    let over_evidence = evidence_level
        .map(|e| own - e)
        .filter(|d| *d >= margin - tolerance);
    let (against, difference) = match (over_supervisor, over_evidence) {
        (Some(a), Some(b)) => (BlindSpotAgainst::Both, a.max(b)),
        (Some(a), None) => (BlindSpotAgainst::Supervisor, a),
        (None, Some(b)) => (BlindSpotAgainst::Evidence, b),
        (None, None) => return None,
    };
    Some(BlindSpot {
        dimension_id: dim.dimension_id.clone(),
        self_rating: own,
        supervisor_rating: dim.supervisor_rating,
        evidence_level,
        against,
        difference: round_to(difference, 2),
    })
}

fn changes(previous: &PersonEvaluation, now: &[DimensionResult]) -> Vec<Change> {
    now.iter()
        .filter_map(|dim| {
            let before = previous
                .dimensions
                .iter()
                .find(|d| d.dimension_id == dim.dimension_id)?
                .level
                .filter(|l| l.is_finite())?;
            let level = dim.level?;
            Some(Change {
                dimension_id: dim.dimension_id.clone(),
                previous_level: before,
                level,
                delta: round_to(level - before, 2),
                previous_date: previous.date,
            })
        })
        .collect()
}
