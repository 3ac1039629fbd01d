//! Item analysis and reliability: which questions of an exam work.
//!
//! A trainer who gives the same exam to 2,000 agents needs to see the questions that are too
//! easy, too hard, do not separate strong from weak candidates, or have a distractor nobody
//! picks: Moodle's quiz statistics, computed in the browser. Input is a [`ResponseMatrix`] (flat
//! row-major arrays, as the exam module's cohort scoring produces them); output is an
//! [`ItemAnalysis`], and [`item_table_csv`] exports its item table.
//!
//! Conventions, all matching Moodle's quiz statistics (and SciPy / pingouin in the fixtures):
//! sample SDs (divisor n − 1); discrimination is the corrected item–rest Pearson correlation;
//! skewness and kurtosis are bias-corrected; alpha is Cronbach's (= KR-20 for 0/1 items).
//! Unanswered items count as wrong unless [`MissingAnswers::Exclude`] is chosen.

mod analysis;
mod analysis_counts;
mod csv;
pub mod defaults;
mod distractor_columns;
pub mod distributions;
mod exam_summary;
mod flags;
mod from_exam;
mod groups;
pub mod irt;
mod item_stats;
pub(crate) mod matrix;
mod options;
pub mod overview;
pub mod reliability;
mod stats;
mod synthetic;

pub(crate) use analysis::analyse_checked;
pub use analysis::{analyse_items, ItemAnalysis, ITEM_ANALYSIS_SCHEMA_VERSION};
#[doc(hidden)]
pub use analysis::{analyse_items_f64, counting_applies};
pub use csv::item_table_csv;
pub use distractor_columns::{DistractorColumns, StatisticColumn};
pub use exam_summary::{ExamStatistics, HistogramBin};
pub use flags::{Flag, FlagCode};
pub use item_stats::{ItemStatistics, OptionStatistics};
pub use matrix::{ResponseMatrix, MAX_OPTIONS};
pub use options::{AnalysisOptions, DistractorLayout, FlagThresholds, MissingAnswers};
pub use stats::{Statistic, UndefinedReason};
#[doc(hidden)]
pub use synthetic::synthetic_matrix;
