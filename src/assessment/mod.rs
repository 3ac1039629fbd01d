//! The assessment result (考核结果): the composite of theory and practical components, and the
//! cohort figures (pass rate against the target, score distribution).
//!
//! - [`composite::composite`]: one candidate's components → weighted total, grade, pass/fail;
//! - [`cohort::cohort_summary`]: many candidates' results → pass rate, histogram, grade counts.

pub mod assess;
pub mod cohort;
pub mod composite;
pub mod defaults;
