//! Suggested criterion values from transcript indicators, for the criteria a rubric links to one
//! (`indicator`). The rater confirms or overrides each suggestion; nothing is scored from them
//! directly.
//!
//! Each indicator gives a fraction f in 0–1, mapped onto the criterion's scale as
//! `min + round(f × (max − min))`:
//! positive phrases f = min(count / minimum, 1); forbidden phrases, first solution, speech rate
//! and interruptions f = 1 when the rule is met, else 0; step coverage f = covered / total;
//! step order f = 1 when the covered steps are in order, else 0.

use crate::format::{FromJson, ToJson};

use crate::error::Error;
use crate::i18n::Text;
use crate::rubric::format::{validate_rubric, IndicatorLink, Rubric};
use crate::rubric::transcript::indicators::TranscriptReport;

/// A suggested value for one criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// The criterion.
    pub criterion_id: String,
    /// The indicator it is linked to.
    pub indicator: IndicatorLink,
    /// The suggested value on the criterion's scale; `None` when the indicator is unknown here
    /// (no timestamps, an unknown framework id).
    pub value: Option<f64>,
    /// Why, in both languages.
    pub reason: Text,
}

/// One suggestion per criterion with an `indicator` link, in rubric order.
///
/// @example suggest_scores(&rubric, &analyze_transcript(&t, &config)?)?
pub fn suggest_scores(
    rubric: &Rubric,
    report: &TranscriptReport,
) -> Result<Vec<Suggestion>, Error> {
    validate_rubric(rubric)?;
    let mut out = Vec::new();
    for (_, c) in rubric.criteria() {
        let Some(link) = &c.indicator else { continue };
        let (fraction, reason) = fraction(link, report);
        let value = fraction.map(|f| {
            let (lo, hi) = (c.scale.min(), c.scale.max());
            lo + (f.clamp(0.0, 1.0) * (hi - lo)).round()
        });
        out.push(Suggestion {
            criterion_id: c.id.clone(),
            indicator: link.clone(),
            value,
            reason,
        });
    }
    Ok(out)
}

fn pass(ok: bool) -> f64 {
    if ok {
        1.0
    } else {
        0.0
    }
}

fn fraction(link: &IndicatorLink, r: &TranscriptReport) -> (Option<f64>, Text) {
    match link {
        IndicatorLink::PositivePhrases => {
            let min = r.positive.minimum.unwrap_or(0);
            let f = if min == 0 {
                1.0
            } else {
                (f64::from(r.positive.count) / f64::from(min)).min(1.0)
            };
            (
                Some(f),
                Text::new(
                    format!("积极用语 {} 次（要求至少 {min} 次）", r.positive.count),
                    format!(
                        "{} positive phrases (at least {min} wanted)",
                        r.positive.count
                    ),
                ),
            )
        }
        IndicatorLink::ForbiddenPhrases => (
            Some(pass(r.forbidden.passed)),
            Text::new(
                format!("禁用语 {} 次", r.forbidden.count),
                format!("{} forbidden phrases", r.forbidden.count),
            ),
        ),
        IndicatorLink::StepCoverage { framework } | IndicatorLink::StepOrder { framework } => {
            let Some(f) = r.frameworks.iter().find(|f| &f.framework_id == framework) else {
                return (
                    None,
                    Text::new(
                        format!("未配置步骤框架 “{framework}”"),
                        format!("no step framework \"{framework}\" is configured"),
                    ),
                );
            };
            if matches!(link, IndicatorLink::StepCoverage { .. }) {
                let share = if f.total == 0 {
                    0.0
                } else {
                    f64::from(f.covered) / f64::from(f.total)
                };
                (
                    Some(share),
                    Text::new(
                        format!("{}：覆盖 {}/{} 步", f.name.zh, f.covered, f.total),
                        format!("{}: {} of {} steps covered", f.name.en, f.covered, f.total),
                    ),
                )
            } else {
                (
                    Some(pass(f.in_order)),
                    Text::new(
                        if f.in_order {
                            format!("{}：步骤顺序正确", f.name.zh)
                        } else {
                            format!("{}：步骤顺序不对或未覆盖", f.name.zh)
                        },
                        if f.in_order {
                            format!("{}: steps in order", f.name.en)
                        } else {
                            format!("{}: steps out of order or missing", f.name.en)
                        },
                    ),
                )
            }
        }
        IndicatorLink::FirstSolution => {
            let s = &r.first_solution;
            match (s.passed, s.seconds) {
                (Some(ok), Some(sec)) => (
                    Some(pass(ok)),
                    Text::new(
                        format!(
                            "首次提出方案用时 {sec:.0} 秒（要求 ≤ {} 秒）",
                            s.limit_seconds
                        ),
                        format!(
                            "first solution after {sec:.0} s (limit {} s)",
                            s.limit_seconds
                        ),
                    ),
                ),
                (Some(false), None) => (
                    Some(0.0),
                    Text::new("客服未提出解决方案", "the agent offered no solution"),
                ),
                _ => (
                    None,
                    Text::new("通话记录没有时间戳", "the transcript has no timestamps"),
                ),
            }
        }
        IndicatorLink::SpeechRate => {
            let s = &r.speech_rate;
            match (s.chars_per_minute, s.within_band) {
                (Some(rate), Some(ok)) => (
                    Some(pass(ok)),
                    Text::new(
                        format!(
                            "语速 {rate:.0} 字/分钟（标准 {}–{}）",
                            s.band.min, s.band.max
                        ),
                        format!(
                            "speech rate {rate:.0} characters/min (band {}–{})",
                            s.band.min, s.band.max
                        ),
                    ),
                ),
                _ => (
                    None,
                    Text::new(
                        "语速未知（需要时间戳）",
                        "speech rate unknown (timestamps needed)",
                    ),
                ),
            }
        }
        IndicatorLink::Interruptions => {
            let i = &r.interruptions;
            (
                Some(pass(i.count == 0)),
                Text::new(
                    format!("打断客户 {} 次", i.count),
                    format!("{} interruptions", i.count),
                ),
            )
        }
    }
}
