//! Development plans (个人业务能力提升计划) generated from a competency evaluation.
//!
//! - [`catalog`]: the editable catalog of measures (the domain's measures table by default);
//! - [`evaluation`]: the evaluation read from the competency module, validated;
//! - [`goals`]: SMART goals with bounded targets in the evidence's own unit;
//! - [`schedule`]: the four phases, tasks and checkpoints on workdays;
//! - [`generate`]: one plan or a batch of 2,000, with the catalog prepared once;
//! - [`cohort`]: a team's plans kept together, the rows they share stored once;
//! - [`tracking`]: check-ins, attainment (达成度), status, goal edits, the next cycle;
//! - [`team`]: group sessions for weaknesses many people share;
//! - [`kirkpatrick`]: training effectiveness on Kirkpatrick's four levels;
//! - [`export`]: CSV (with a BOM, for Excel), iCalendar and JSON.
//!
//! The domain's figures live in [`defaults`].

pub mod calendar;
pub mod catalog;
mod check;
pub mod cohort;
pub mod defaults;
pub mod evaluation;
pub mod export;
pub mod from_competency;
pub mod generate;
pub mod goals;
pub mod kirkpatrick;
pub mod programme;
pub mod schedule;
pub mod settings;
pub mod team;
pub mod tracking;
pub mod validate;

pub use calendar::{Calendar, CalendarYear, WorkCalendar};
pub use catalog::{Catalog, CatalogDimension, Frequency, Measure, OwnerRole, Timing};
pub use cohort::TeamPlans;
pub use evaluation::{
    DimensionEvaluation, DimensionStatus, Evaluation, Gap, Source, SourceKind, SourceKpi,
};
pub use from_competency::{from_competency, from_competency_with};
pub use generate::{
    generate_plan, generate_plans, FocusArea, Plan, PlanBatch, PlanBatchRequest, PlanFailure,
    PlanGenerator, PlanRequest, PlanWarning, PlannedMeasure,
};
pub use goals::{Direction, Goal, Metric, MetricKind, Smart};
pub use kirkpatrick::{
    kirkpatrick, BehaviourObservation, CohortData, Figure, KirkpatrickLevel, KirkpatrickReport,
    KirkpatrickTargets, KpiChange, KpiResult, LearningData, LevelResult,
};
pub use schedule::{Checkpoint, CheckpointKind, Phase, PhaseKey, Task};
pub use settings::PlanSettings;
pub use team::{team_sessions, Participant, TeamSession, TeamSettings};
pub use tracking::{
    edit_goal, generate_next_cycle, goal_attainment, progress_at, record_check_in, refresh,
    track_status, CheckIn, GoalEdit, GoalProgress, NewEvidence, Progress, TrackStatus,
};
pub use validate::validate_plan;
