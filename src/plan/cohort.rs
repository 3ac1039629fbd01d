//! A team's plans generated in one call and kept together ([`TeamPlans`]), as the binding keeps
//! them inside the module after `generatePlans`.
//!
//! Every plan of a team shares the start day, settings and catalog, so its measures, tasks,
//! phases and checkpoints are copies of the same prepared rows chosen by its focus. The cohort
//! stores each plan without those rows and the [`PlanGenerator`] once; [`TeamPlans::plan`]
//! copies the rows in when a plan is read. Likewise the goals' sentences (a dozen per goal,
//! some 180,000 strings for a team of 2,000) are written when a plan is read, from numbers the
//! plan keeps, as `Team` writes explanations only for `person()`. Generating 2,000 plans then
//! costs their decisions (focus, goals, targets, warnings), not 2,000 copies of texts nobody
//! has asked for yet.

use crate::competency::PersonEvaluation;
use crate::error::Error;
use crate::plan::from_competency::{convert, fill_sources};
use crate::plan::generate::{Plan, PlanFailure, PlanGenerator};
use crate::plan::goals::GoalSeed;
use crate::plan::team::{sessions_with, TeamSession, TeamSettings};

/// The plans of everyone a team evaluation covers, and the evaluations that failed.
#[derive(Debug, Clone)]
pub struct TeamPlans {
    generator: PlanGenerator,
    /// Plans in team order, without the shared rows and the goals' sentences (see the module
    /// doc).
    personal: Vec<Plan>,
    /// Per plan, what its goals' sentences need besides the plan itself.
    seeds: Vec<Vec<GoalSeed>>,
    failures: Vec<PlanFailure>,
}

impl TeamPlans {
    /// One plan per evaluation; an evaluation that cannot become a plan becomes a failure with
    /// its index, code and path (`evaluations[3]…`), so one bad record does not stop the team.
    ///
    /// @example `let plans = TeamPlans::generate(generator, &team.people); plans.plan("E1001")`
    pub fn generate(generator: PlanGenerator, people: &[PersonEvaluation]) -> TeamPlans {
        TeamPlans::generate_with(generator, people, None)
    }

    /// [`TeamPlans::generate`] with the model the people were evaluated on, so KPIs the model
    /// defines become goals in their own unit.
    pub fn generate_with(
        generator: PlanGenerator,
        people: &[PersonEvaluation],
        model: Option<&crate::competency::CompiledModel>,
    ) -> TeamPlans {
        let mut personal = Vec::with_capacity(people.len());
        let mut seeds = Vec::with_capacity(people.len());
        let mut failures = Vec::new();
        for (i, person) in people.iter().enumerate() {
            // The focus first, from the evaluation without sources, then the focus
            // dimensions' sources: the plan is the one `from_competency` gives.
            let mut evaluation = convert(person, model, false);
            let focus = generator.focus_dimension_ids(&evaluation);
            fill_sources(&mut evaluation, person, model, &focus);
            match generator.generate_personal(&evaluation, None, false) {
                Ok((plan, goal_seeds)) => {
                    personal.push(plan);
                    seeds.push(goal_seeds);
                }
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
            seeds,
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
        let index = self
            .personal
            .iter()
            .position(|p| p.person_id == person_id)?;
        self.complete(index)
    }

    /// Every complete plan, in team order.
    pub fn plans(&self) -> Vec<Plan> {
        (0..self.personal.len())
            .filter_map(|i| self.complete(i))
            .collect()
    }

    /// The plan at `index` with its goals' sentences and the shared rows.
    fn complete(&self, index: usize) -> Option<Plan> {
        let mut plan = self.personal.get(index)?.clone();
        let seeds = self.seeds.get(index).map_or(&[][..], Vec::as_slice);
        self.generator.write_goal_sentences(&mut plan, seeds);
        self.generator.attach_rows(&mut plan);
        Some(plan)
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
