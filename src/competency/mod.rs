//! The competency model (能力模型) and its evaluation: levels from exams, rubrics, KPIs and
//! ratings; gaps to role targets; blind spots; the team view; the KPI CSV import.
//!
//! The flow: [`parse_model`] (or [`compile_model`]) once → an [`EvidenceSet`] (people and
//! evidence records; KPIs from [`import_kpi_csv`]) → [`evaluate_team`] → [`TeamEvaluation`]
//! with a [`PersonEvaluation`] per person and the [`TeamView`]. Charts are drawn by
//! [`crate::report`].

pub mod defaults;
pub mod evaluate;
pub mod evidence;
pub mod explain;
pub mod from_results;
pub mod kpi_csv;
pub mod mapping;
pub mod model;
pub mod options;
pub mod records;
pub mod result;
pub mod session;
pub mod team;
pub mod trends;

pub use evaluate::{
    evaluate_people, evaluate_person, evaluate_prepared_team, evaluate_team, PreparedEvidence,
};
pub use evidence::{
    check_rating_dimensions, parse_evidence, validate_evidence, EvidenceColumns, EvidenceKind,
    EvidenceRecord, EvidenceSet, IgnoredRecord, Person,
};
pub use from_results::{exam_evidence, rubric_evidence};
pub use kpi_csv::{
    import_kpi_csv, import_kpi_csv_bytes, import_kpi_csv_with, preview_kpi_csv, HeaderAlias,
    KpiDictionary, KpiImport, KpiName, KpiPreview, KpiProblem,
};
pub use model::{
    compile_model, parse_model, CompetencyModel, CompiledModel, KpiDefinition, KpiInfo,
};
pub use options::{EvaluationOptions, ShareThreshold};
pub use records::{evidence_from_records, RecordEvidence, StoredRecords};
pub use result::{DimensionResult, DimensionStatus, PersonEvaluation};
pub use team::{team_view, TeamEvaluation, TeamView};
