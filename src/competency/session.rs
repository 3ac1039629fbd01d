//! A team session: the model and the team's evidence validated and indexed once, evaluated in
//! one pass, the result kept for the views asked of it afterwards (one person's explained
//! evaluation, the levels matrix, the charts). The binding (`Team` in JS) is this type behind
//! decode and encode.
//!
//! Its states: built (nothing evaluated: every view is an error that says `evaluate` comes
//! first) → evaluated (the last options and result kept; `evaluate` again replaces both).

use crate::error::{Error, ErrorCode, Result};
use crate::report::{person_radar, RadarChart};

use super::evaluate::{evaluate_person, evaluate_prepared_team, PreparedEvidence};
use super::evidence::EvidenceSet;
use super::model::{compile_model, CompetencyModel, CompiledModel};
use super::options::EvaluationOptions;
use super::result::PersonEvaluation;
use super::team::TeamEvaluation;

/// The model and the evidence, validated once; evaluates everyone in one call.
///
/// ```
/// # use kaohe::competency::*;
/// # use kaohe::competency::session::TeamSession;
/// let model: CompetencyModel = kaohe::format::decode_json(include_str!("../../www/samples/model.json")).unwrap();
/// let set: EvidenceSet = kaohe::format::decode_json(include_str!("../../www/samples/team.json")).unwrap();
/// let mut team = TeamSession::new(model, set).unwrap();
/// assert!(team.evaluated().is_err()); // evaluate() comes first
/// let options: EvaluationOptions = kaohe::format::decode_json(r#"{ "date": "2026-12-01" }"#).unwrap();
/// team.evaluate(options).unwrap();
/// let first = team.evidence().people[0].id.clone();
/// assert!(!team.explained(&first).unwrap().dimensions.is_empty());
/// ```
#[derive(Debug, Clone)]
pub struct TeamSession {
    model: CompiledModel,
    source: CompetencyModel,
    set: EvidenceSet,
    /// `set` checked against `model` and indexed once; neither changes after `new`.
    prepared: PreparedEvidence,
    /// The options of the last `evaluate`, as the caller gave them.
    options: Option<EvaluationOptions>,
    result: Option<TeamEvaluation>,
}

impl TeamSession {
    /// Validates the model (errors under `model`) and the evidence against it (under
    /// `evidence`).
    pub fn new(source: CompetencyModel, set: EvidenceSet) -> Result<TeamSession> {
        let model = compile_model(source.clone()).map_err(|e| e.within("model"))?;
        let prepared = PreparedEvidence::new(&set, &model).map_err(|e| e.within("evidence"))?;
        Ok(TeamSession {
            model,
            source,
            set,
            prepared,
            options: None,
            result: None,
        })
    }

    /// The compiled model (dimension order, KPIs).
    pub fn model(&self) -> &CompiledModel {
        &self.model
    }

    /// The model as given (validated).
    pub fn source(&self) -> &CompetencyModel {
        &self.source
    }

    /// The evidence set as given.
    pub fn evidence(&self) -> &EvidenceSet {
        &self.set
    }

    /// Evaluates everyone and builds the team view. Explanations are written only for
    /// [`explained`](Self::explained) unless `options.explanations` is true: a team of hundreds
    /// would otherwise pay for sentences nobody reads.
    pub fn evaluate(&mut self, options: EvaluationOptions) -> Result<&TeamEvaluation> {
        let mut run = options.clone();
        run.explanations = Some(options.explanations.unwrap_or(false));
        let result = evaluate_prepared_team(&self.model, &self.set, &self.prepared, &run)?;
        self.options = Some(options);
        Ok(self.result.insert(result))
    }

    /// The last evaluation, or an error saying `evaluate` comes first.
    pub fn evaluated(&self) -> Result<&TeamEvaluation> {
        self.result.as_ref().ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidValue,
                "",
                "请先调用 evaluate() 进行评估",
                "call evaluate() first",
            )
        })
    }

    /// One person's evaluation from the last `evaluate`.
    pub fn find(&self, person_id: &str) -> Result<&PersonEvaluation> {
        self.evaluated()?
            .people
            .iter()
            .find(|p| p.person_id == person_id)
            .ok_or_else(|| unknown_person(person_id))
    }

    /// The person's evaluation with explanations (re-evaluated for them alone when the team
    /// pass skipped the sentences).
    pub fn explained(&self, person_id: &str) -> Result<PersonEvaluation> {
        let found = self.find(person_id)?;
        let options = self
            .options
            .as_ref()
            .ok_or_else(|| unknown_person(person_id))?;
        if options.explanations == Some(true) {
            return Ok(found.clone());
        }
        let mut with_sentences = options.clone();
        with_sentences.explanations = Some(true);
        evaluate_person(&self.model, &self.set, person_id, &with_sentences)
    }

    /// Levels, person-major (`levels[p × dimensions + d]`), NaN where evidence is insufficient.
    pub fn levels(&self) -> Result<Vec<f64>> {
        Ok(self
            .evaluated()?
            .people
            .iter()
            .flat_map(|p| p.dimensions.iter().map(|d| d.level.unwrap_or(f64::NAN)))
            .collect())
    }

    /// The person's radar data: person vs role target vs team mean.
    pub fn radar(&self, person_id: &str) -> Result<RadarChart> {
        let result = self.evaluated()?;
        let person = self.find(person_id)?;
        Ok(person_radar(&self.model, person, Some(&result.team)))
    }
}

/// `UNKNOWN_REFERENCE` at `personId`: the argument that named nobody.
fn unknown_person(person_id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownReference,
        "personId",
        format!("没有工号为 “{person_id}” 的人员"),
        format!("no person has the id \"{person_id}\""),
    )
}
