//! A competency evaluation → the evaluation a plan reads, converted field by field (no JSON
//! round trip, so a batch of 2,000 stays cheap). Dimensions the role sets no target for are left
//! out: a plan can set no goal against a missing target.

use crate::competency::defaults::KpiDirection;
use crate::competency::{CompiledModel, DimensionResult, EvidenceKind, PersonEvaluation};
use crate::i18n::Text;
use crate::plan::check::day_text;
use crate::plan::evaluation::{DimensionEvaluation, Evaluation, Source, SourceKind, SourceKpi};

/// Converts one person's evaluation (KPIs the plan does not know by id get no goal; see
/// [`from_competency_with`]).
///
/// @example `let plan_input = from_competency(&team.people[0]);`
pub fn from_competency(person: &PersonEvaluation) -> Evaluation {
    convert(person, None, true)
}

/// Converts one person's evaluation, giving every KPI source its unit, direction and range from
/// the model, so a KPI the model defines can become a goal.
///
/// @example `let plan_input = from_competency_with(&team.people[0], &model);`
pub fn from_competency_with(person: &PersonEvaluation, model: &CompiledModel) -> Evaluation {
    convert(person, Some(model), true)
}

/// The evaluation a plan reads; with `sources` false, every dimension's evidence sources are
/// left empty (see [`fill_sources`]).
pub(crate) fn convert(
    person: &PersonEvaluation,
    model: Option<&CompiledModel>,
    sources: bool,
) -> Evaluation {
    let dimensions: Vec<DimensionEvaluation> = person
        .dimensions
        .iter()
        .filter_map(|d| {
            let target = d.target?;
            Some(DimensionEvaluation {
                dimension_id: d.dimension_id.clone(),
                name: d.name.clone(),
                level: d.level,
                band: d.band,
                target,
                gap: d.gap,
                importance: d.importance.unwrap_or(1.0),
                confidence: Some(d.confidence),
                status: d.status,
                self_rating: d.self_rating,
                supervisor_rating: d.supervisor_rating,
                sources: if sources {
                    sources_of(d, model)
                } else {
                    Vec::new()
                },
                explanation: Some(d.explanation.clone())
                    .filter(|t: &Text| !t.zh.is_empty() || !t.en.is_empty()),
            })
        })
        .collect();
    Evaluation {
        schema_version: 1,
        person_id: person.person_id.clone(),
        name: person.name.clone(),
        role: person.role.clone(),
        group: Some(person.group.clone()).filter(|g| !g.is_empty()),
        date: day_text(person.date),
        dimensions,
        gaps: person.gaps.clone(),
        strengths: person.strengths.clone(),
    }
}

/// Copies the evidence sources of the dimensions `focus` names into `evaluation`, converted
/// without sources. A plan reads a dimension's sources only to set the evidence goals of a
/// focus area, and the focus is chosen from levels, gaps and importance alone, so a team's
/// plans copy the sources of its two or three focus dimensions instead of all eight (each a
/// key, a date written out and anchors per record): the same plan for less work
/// (docs/benchmarks.md, "The full module at opt-level z").
pub(crate) fn fill_sources(
    evaluation: &mut Evaluation,
    person: &PersonEvaluation,
    model: Option<&CompiledModel>,
    focus: &[String],
) {
    for dim in &mut evaluation.dimensions {
        if !focus.contains(&dim.dimension_id) {
            continue;
        }
        if let Some(d) = person
            .dimensions
            .iter()
            .find(|d| d.dimension_id == dim.dimension_id)
        {
            dim.sources = sources_of(d, model);
        }
    }
}

/// One dimension's evidence sources as a plan reads them.
fn sources_of(d: &DimensionResult, model: Option<&CompiledModel>) -> Vec<Source> {
    // KPIs the plan module knows by id keep their own metric (and cost nothing per person);
    // the others carry the model's definition.
    let kpi_of = |key: &str| -> Option<SourceKpi> {
        if crate::plan::evaluation::kpi_range(key).is_some() {
            return None;
        }
        let k = model?.kpi(key)?;
        Some(SourceKpi {
            name: k.name.clone(),
            unit: k.unit.clone(),
            higher_is_better: k.direction == KpiDirection::HigherIsBetter,
            min: k.min,
            max: k.max,
            decimals: k.decimals,
        })
    };
    d.sources
        .iter()
        .map(|s| Source {
            kind: kind(s.kind),
            key: s.key.clone(),
            raw_value: s.raw_value,
            level: s.level,
            weight: s.weight,
            date: day_text(s.date),
            anchors: s.anchors.clone(),
            kpi: (s.kind == EvidenceKind::Kpi)
                .then(|| kpi_of(&s.key))
                .flatten(),
        })
        .collect()
}

fn kind(kind: EvidenceKind) -> SourceKind {
    match kind {
        EvidenceKind::Exam => SourceKind::Exam,
        EvidenceKind::Rubric => SourceKind::Rubric,
        EvidenceKind::Kpi => SourceKind::Kpi,
        EvidenceKind::SelfRating => SourceKind::SelfRating,
        EvidenceKind::SupervisorRating => SourceKind::SupervisorRating,
    }
}
