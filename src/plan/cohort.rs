//! A team's plans generated in one call and kept together ([`TeamPlans`]), as the binding keeps
//! them inside the module after `generatePlans`.
//!
//! Every plan of a team shares the start day, settings and catalog, so its measures, tasks,
//! phases and checkpoints are copies of the same prepared rows chosen by its focus. The cohort
//! stores each plan without those rows and the [`PlanGenerator`] once; [`TeamPlans::plan`]
//! copies the rows in when a plan is read. Generating 2,000 plans then costs what is personal
//! in them (focus, goals, sentences), not 2,000 copies of the catalog's texts.

use crate::competency::PersonEvaluation;
use crate::error::Error;
use crate::plan::from_competency::from_competency;
use crate::plan::generate::{Plan, PlanFailure, PlanGenerator};
use crate::plan::team::{sessions_with, TeamSession, TeamSettings};

/// The plans of everyone a team evaluation covers, and the evaluations that failed.
#[derive(Debug, Clone)]
pub struct TeamPlans {
    generator: PlanGenerator,
    /// Plans in team order, without the shared rows (see the module doc).
    personal: Vec<Plan>,
    failures: Vec<PlanFailure>,
}

impl TeamPlans {
    /// One plan per evaluation; an evaluation that cannot become a plan becomes a failure with
    /// its index, code and path (`evaluations[3]…`), so one bad record does not stop the team.
    ///
    /// @example `let plans = TeamPlans::generate(generator, &team.people); plans.plan("E1001")`
    pub fn generate(generator: PlanGenerator, people: &[PersonEvaluation]) -> TeamPlans {
        let mut personal = Vec::with_capacity(people.len());
        let mut failures = Vec::new();
        for (i, person) in people.iter().enumerate() {
            match generator.generate_personal(&from_competency(person), None) {
                Ok(plan) => personal.push(plan),
                Err(e) => {
                    let e = e.within(&format!("evaluations[{i}]"));
                    failures.push(PlanFailure {
                        index: u32::try_from(i).unwrap_or(u32::MAX),
                        person_id: person.person_id.clone(),
                        code: e.code().as_str().to_string(),
                        path: e.path().to_string(),
                        message: e.messages().clone(),
                    });
                }
            }
        }
        TeamPlans {
            generator,
            personal,
            failures,
        }
    }

    /// Number of plans generated.
    pub fn len(&self) -> usize {
        self.personal.len()
    }

    /// No plan was generated.
    pub fn is_empty(&self) -> bool {
        self.personal.is_empty()
    }

    /// Person ids with a plan, in team order.
    pub fn person_ids(&self) -> impl Iterator<Item = &str> {
        self.personal.iter().map(|p| p.person_id.as_str())
    }

    /// Number of goals per plan, in team order.
    pub fn goal_counts(&self) -> impl Iterator<Item = usize> + '_ {
        self.personal.iter().map(|p| p.goals.len())
    }

    /// Evaluations that could not become plans.
    pub fn failures(&self) -> &[PlanFailure] {
        &self.failures
    }

    /// The person's complete plan (exactly what [`PlanGenerator::generate`] returns).
    pub fn plan(&self, person_id: &str) -> Option<Plan> {
        let mut plan = self
            .personal
            .iter()
            .find(|p| p.person_id == person_id)?
            .clone();
        self.generator.attach_rows(&mut plan);
        Some(plan)
    }

    /// Every complete plan, in team order.
    pub fn plans(&self) -> Vec<Plan> {
        self.personal
            .iter()
            .map(|p| {
                let mut plan = p.clone();
                self.generator.attach_rows(&mut plan);
                plan
            })
            .collect()
    }

    /// Group sessions for the focus dimensions many plans share, as
    /// [`crate::plan::team_sessions`] finds them in the complete plans.
    pub fn sessions(&self, settings: &TeamSettings) -> Result<Vec<TeamSession>, Error> {
        let window = self.generator.implement_window();
        sessions_with(
            &self.personal,
            self.generator.catalog(),
            settings,
            &|_: &Plan| window,
        )
    }
}
