//! What the transcript indicators look for. Every field defaults to the domain's figure
//! ([`crate::rubric::defaults`]); a trainer overrides any of them.
//!
//! ```json
//! { "schemaVersion": 1, "minPositive": 3, "speechRate": { "min": 70, "max": 90 },
//!   "forbiddenPhrases": ["我理解你的感受", "应该这样"] }
//! ```

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::i18n::Text;
use crate::rubric::defaults;

/// The transcript-config format version this build reads and writes.
pub const TRANSCRIPT_CONFIG_SCHEMA_VERSION: u32 = 1;

/// Lexicons, step frameworks and bands for the indicators.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscriptConfig {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// Positive phrases counted in the agent's turns.
    #[serde(default = "positive")]
    pub positive_phrases: Vec<String>,
    /// Fewest positive phrases a call should have (default 3).
    #[serde(default = "min_positive")]
    pub min_positive: u32,
    /// Phrases the agent must never say.
    #[serde(default = "forbidden")]
    pub forbidden_phrases: Vec<String>,
    /// Step frameworks whose coverage and order are checked.
    #[serde(default = "defaults::step_frameworks")]
    pub frameworks: Vec<StepFramework>,
    /// Phrases that mark the agent offering a solution.
    #[serde(default = "solution")]
    pub solution_cues: Vec<String>,
    /// Latest acceptable first solution, in seconds from the first line (default 60).
    #[serde(default = "max_first_solution")]
    pub max_first_solution_seconds: f64,
    /// The agent's acceptable speech rate, characters per minute (default 70–90).
    #[serde(default)]
    pub speech_rate: Band,
}

/// A closed range `min ≤ x ≤ max`.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Band {
    /// Lowest acceptable value.
    pub min: f64,
    /// Highest acceptable value.
    pub max: f64,
}

impl Default for Band {
    fn default() -> Self {
        Band {
            min: defaults::SPEECH_RATE_MIN,
            max: defaults::SPEECH_RATE_MAX,
        }
    }
}

/// An ordered sequence of steps (the six complaint steps, LEARN…).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StepFramework {
    /// Id used by rubric indicator links, e.g. `complaintSixSteps`.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// The steps, in the order they should happen.
    pub steps: Vec<Step>,
}

/// One step, recognised when an agent turn contains one of its cue phrases.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Step {
    /// Unique within the framework.
    pub id: String,
    /// Display name.
    pub name: Text,
    /// Cue phrases.
    pub cues: Vec<String>,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}
fn positive() -> Vec<String> {
    strings(defaults::POSITIVE_PHRASES)
}
fn forbidden() -> Vec<String> {
    strings(defaults::FORBIDDEN_PHRASES)
}
fn solution() -> Vec<String> {
    strings(defaults::SOLUTION_CUES)
}
fn min_positive() -> u32 {
    defaults::MIN_POSITIVE_PHRASES
}
fn max_first_solution() -> f64 {
    defaults::MAX_FIRST_SOLUTION_SECONDS
}

impl Default for TranscriptConfig {
    fn default() -> Self {
        TranscriptConfig {
            schema_version: TRANSCRIPT_CONFIG_SCHEMA_VERSION,
            positive_phrases: positive(),
            min_positive: min_positive(),
            forbidden_phrases: forbidden(),
            frameworks: defaults::step_frameworks(),
            solution_cues: solution(),
            max_first_solution_seconds: max_first_solution(),
            speech_rate: Band::default(),
        }
    }
}

impl TranscriptConfig {
    /// Checks version, bands and that no phrase or cue is blank and framework ids are unique.
    pub fn validate(&self) -> Result<(), Error> {
        check_schema_version(
            self.schema_version,
            TRANSCRIPT_CONFIG_SCHEMA_VERSION,
            "通话指标配置 transcript config",
        )?;
        let t = self.max_first_solution_seconds;
        if !(t.is_finite() && t > 0.0) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "maxFirstSolutionSeconds",
                format!("应为正数秒，实际为 {t}"),
                format!("expected a positive number of seconds; found {t}"),
            ));
        }
        let b = self.speech_rate;
        if !(b.min.is_finite() && b.max.is_finite() && 0.0 < b.min && b.min <= b.max) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "speechRate",
                format!("语速区间应满足 0 < min ≤ max，实际为 {}–{}", b.min, b.max),
                format!("expected 0 < min ≤ max; found {}–{}", b.min, b.max),
            ));
        }
        no_blank(&self.positive_phrases, "positivePhrases")?;
        no_blank(&self.forbidden_phrases, "forbiddenPhrases")?;
        no_blank(&self.solution_cues, "solutionCues")?;
        let mut ids = std::collections::BTreeSet::new();
        for (f, framework) in self.frameworks.iter().enumerate() {
            if !ids.insert(framework.id.as_str()) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("frameworks[{f}].id"),
                    format!("框架 id “{}” 重复", framework.id),
                    format!("framework id \"{}\" is used twice", framework.id),
                ));
            }
            if framework.steps.is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("frameworks[{f}].steps"),
                    "框架至少需要一个步骤",
                    "a framework needs at least one step",
                ));
            }
            for (s, step) in framework.steps.iter().enumerate() {
                let path = format!("frameworks[{f}].steps[{s}].cues");
                if step.cues.is_empty() {
                    return Err(Error::new(
                        ErrorCode::InvalidValue,
                        path,
                        "每个步骤至少需要一个提示词",
                        "a step needs at least one cue phrase",
                    ));
                }
                no_blank(&step.cues, &path)?;
            }
        }
        Ok(())
    }
}

fn no_blank(list: &[String], path: &str) -> Result<(), Error> {
    for (i, p) in list.iter().enumerate() {
        if p.trim().is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!("{path}[{i}]"),
                "词语不能为空",
                "a phrase must not be blank",
            ));
        }
    }
    Ok(())
}
