//! Settings of plan generation and tracking; every field defaults to the domain's figure.

use crate::format::{FromJson, ToJson};

use crate::error::Error;
use crate::plan::calendar::{Calendar, WorkCalendar};
use crate::plan::check;
use crate::plan::defaults;

/// How plans are generated and tracked. Every field is optional in JSON and defaults to the
/// domain's figure (see `plan::defaults`). A plan keeps a copy, so tracking uses the same rules.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct PlanSettings {
    /// Length of the cycle in weeks (4–52, default 10: weeks 1 | 2–8 | 9 | 10). For other lengths
    /// the start, evaluate and optimise phases each take `round(weeks × 0.1)` weeks (at least 1)
    /// and the implementation phase the rest.
    pub cycle_weeks: u32,
    /// At most this many gaps become focus dimensions (1–8, default 3).
    pub max_focus: u32,
    /// Achievable step: at most this many levels per cycle (0.1–4, default 1).
    pub level_step_per_cycle: f64,
    /// Step of a stretch goal when the evaluation shows no gap (0.1–4, default 0.5).
    pub stretch_step: f64,
    /// At most this many evidence goals (exam, rubric, KPI) per focus dimension (0–5, default 2),
    /// besides the level goal.
    pub max_evidence_goals_per_dimension: u32,
    /// Attainment trailing elapsed time by more than this → at risk (default 0.15).
    pub at_risk_lag: f64,
    /// Attainment trailing elapsed time by more than this → behind (default 0.30).
    pub behind_lag: f64,
    /// Best handle time a target may aim at, in seconds (default 180).
    pub aht_floor_seconds: f64,
    /// The trainer's working-day calendar: its years replace the shipped ones (2025–2027) of
    /// the same number and add others. Absent = the shipped calendar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<WorkCalendar>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            cycle_weeks: defaults::CYCLE_WEEKS,
            max_focus: defaults::MAX_FOCUS,
            level_step_per_cycle: defaults::LEVEL_STEP_PER_CYCLE,
            stretch_step: defaults::STRETCH_STEP,
            max_evidence_goals_per_dimension: defaults::MAX_EVIDENCE_GOALS_PER_DIMENSION,
            at_risk_lag: defaults::AT_RISK_LAG,
            behind_lag: defaults::BEHIND_LAG,
            aht_floor_seconds: defaults::AHT_FLOOR_SECONDS,
            calendar: None,
        }
    }
}

impl PlanSettings {
    /// Checks every field; paths are relative to the settings object.
    pub fn validate(&self) -> Result<(), Error> {
        check::count_in_range(
            self.cycle_weeks,
            defaults::MIN_CYCLE_WEEKS,
            defaults::MAX_CYCLE_WEEKS,
            "cycleWeeks",
        )?;
        check::count_in_range(self.max_focus, 1, 8, "maxFocus")?;
        check::in_range(self.level_step_per_cycle, 0.1, 4.0, "levelStepPerCycle")?;
        check::in_range(self.stretch_step, 0.1, 4.0, "stretchStep")?;
        check::count_in_range(
            self.max_evidence_goals_per_dimension,
            0,
            5,
            "maxEvidenceGoalsPerDimension",
        )?;
        check::in_range(self.at_risk_lag, 0.0, 1.0, "atRiskLag")?;
        check::in_range(self.behind_lag, self.at_risk_lag, 1.0, "behindLag")?;
        check::in_range(self.aht_floor_seconds, 0.0, 3600.0, "ahtFloorSeconds")?;
        self.working_calendar()?;
        Ok(())
    }

    /// The calendar plans are scheduled on: the shipped one with the trainer's years.
    pub fn working_calendar(&self) -> Result<Calendar, Error> {
        Calendar::with(self.calendar.as_ref()).map_err(|e| e.within("calendar"))
    }
}
