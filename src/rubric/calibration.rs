//! The calibration report (评分校准): the same raters score a set of performances; how well do
//! they agree, per criterion and overall, and who scores high or low?
//!
//! The raters in the statistics are the panel. A reference rater (an expert's scoring, marked by
//! `referenceRaterId`) is the answer key: left out of alpha, ICC and the pairwise figures, and
//! used only for each rater's bias against it.
//!
//! Per criterion the statistics use the raw scale values (N/A = missing). Overall, alpha, ICC and
//! bias use each rater's weighted total (0–100) per performance, and the exact/adjacent figures
//! pool every criterion's rater pairs.
//!
//! ```json
//! { "schemaVersion": 1, "rubricId": "call", "referenceRaterId": "expert-zhou",
//!   "scorecards": [ { "schemaVersion": 1, "rubricId": "call", "performanceId": "p1",
//!                     "raterId": "qa-wang", "ratings": { … } } ] }
//! ```

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::format::check_schema_version;
use crate::rubric::agreement::bias::{bias_vs_panel, bias_vs_reference};
use crate::rubric::agreement::icc::{icc, icc_table, IccReport, IccTable};
use crate::rubric::agreement::kappa::{cohen_kappa_pairs, fleiss_kappa, FleissKappa, PairKappa};
use crate::rubric::agreement::krippendorff::{alpha, Level};
use crate::rubric::agreement::pairwise::PairwiseAgreement;
use crate::rubric::agreement::Statistic;
use crate::rubric::format::{validate_rubric, Rubric};
use crate::rubric::panel::{score_panel, PanelResult};
use crate::rubric::score::score_marks;
use crate::rubric::scorecard::{check_scorecard, Mark, Scorecard};

/// One checked scorecard: its index in the set, its marks, its total.
type Cell = (usize, BTreeMap<String, Mark>, f64);

/// The rating-set format version this build reads and writes.
pub const RATING_SET_SCHEMA_VERSION: u32 = 1;

/// Scorecards of several raters over several performances, for calibration.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RatingSet {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The rubric every scorecard uses.
    pub rubric_id: String,
    /// The rater whose scorecards are the expert reference (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_rater_id: Option<String>,
    /// One scorecard per (performance, rater).
    pub scorecards: Vec<Scorecard>,
}

/// The calibration report.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CalibrationReport {
    /// The rubric's id.
    pub rubric_id: String,
    /// The panel raters, sorted; every per-rater list follows this order.
    pub rater_ids: Vec<String>,
    /// The reference rater, if one was marked.
    pub reference_rater_id: Option<String>,
    /// The performances, sorted.
    pub performance_ids: Vec<String>,
    /// Per criterion, in rubric order.
    pub criteria: Vec<CriterionAgreement>,
    /// On the weighted totals (pairwise figures pooled over criteria).
    pub overall: Agreement,
    /// Each performance's panel result (reference excluded), in `performanceIds` order.
    pub panels: Vec<PanelResult>,
    /// Each performance's reference total, in `performanceIds` order (`None` where not rated).
    pub reference_totals: Vec<Option<f64>>,
}

/// One criterion's agreement.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct CriterionAgreement {
    /// The criterion's id.
    pub criterion_id: String,
    /// Its section's id.
    pub section_id: String,
    /// The statistics.
    pub agreement: Agreement,
}

/// The agreement statistics of one ratings matrix.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// Krippendorff's alpha, interval metric.
    pub alpha_interval: Statistic,
    /// Krippendorff's alpha, ordinal metric.
    pub alpha_ordinal: Statistic,
    /// ICC(2,1), ICC(2,k), ICC(3,1) (units with a missing rating dropped).
    pub icc: IccReport,
    /// Exact and adjacent agreement.
    pub pairwise: PairwiseAgreement,
    /// Each rater's bias, in `raterIds` order.
    pub bias: Vec<RaterBias>,
    /// Cohen's kappa per rater pair, Fleiss' kappa and nominal alpha, on the criterion's scale
    /// (absent for the weighted totals, which are not categories).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kappa: Option<KappaAgreement>,
    /// The six ICC forms with F test and 95 % confidence interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icc_forms: Option<IccTable>,
}

/// Category agreement on one criterion.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct KappaAgreement {
    /// Cohen's kappa (unweighted, linear, quadratic) for every pair of raters; `raterA`/`raterB`
    /// index `raterIds`.
    pub pairs: Vec<PairKappa>,
    /// Fleiss' kappa over the performances every rater rated.
    pub fleiss: FleissKappa,
    /// Krippendorff's alpha, nominal metric.
    pub alpha_nominal: Statistic,
}

/// One rater's bias.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RaterBias {
    /// The rater.
    pub rater_id: String,
    /// Rater mean − panel mean over the same units (+ = scores high).
    pub vs_panel: Option<f64>,
    /// Rater mean − reference mean over the same units.
    pub vs_reference: Option<f64>,
}

/// Builds the calibration report; needs at least two panel raters.
///
/// @example calibrate(&rubric, &decode_json::<RatingSet>(text)?)?.overall.icc.icc2_1
pub fn calibrate(rubric: &Rubric, set: &RatingSet) -> Result<CalibrationReport, Error> {
    validate_rubric(rubric)?;
    check_schema_version(
        set.schema_version,
        RATING_SET_SCHEMA_VERSION,
        "评分集 rating set",
    )?;
    if set.rubric_id != rubric.id {
        return Err(Error::new(
            ErrorCode::UnknownReference,
            "rubricId",
            format!(
                "评分集属于评分细则 “{}”，而非 “{}”",
                set.rubric_id, rubric.id
            ),
            format!(
                "the rating set is for rubric \"{}\", not \"{}\"",
                set.rubric_id, rubric.id
            ),
        ));
    }
    // (performance, rater) → (index, marks, total)
    let mut cells: BTreeMap<(&str, &str), Cell> = BTreeMap::new();
    for (i, card) in set.scorecards.iter().enumerate() {
        let path = format!("scorecards[{i}]");
        let marks = check_scorecard(rubric, card).map_err(|e| e.within(&path))?;
        let total = score_marks(rubric, &marks, &BTreeMap::new(), &card.performance_id)
            .map_err(|e| e.within(&path))?
            .total;
        let key = (card.performance_id.as_str(), card.rater_id.as_str());
        if cells.insert(key, (i, marks, total)).is_some() {
            return Err(Error::new(
                ErrorCode::DuplicateId,
                format!("{path}.raterId"),
                format!(
                    "评分人 “{}” 对 “{}” 有两份评分表",
                    card.rater_id, card.performance_id
                ),
                format!(
                    "rater \"{}\" has two scorecards for \"{}\"",
                    card.rater_id, card.performance_id
                ),
            ));
        }
    }
    let reference = set.reference_rater_id.as_deref();
    if let Some(r) = reference {
        if !cells.keys().any(|(_, rater)| *rater == r) {
            return Err(Error::new(
                ErrorCode::UnknownReference,
                "referenceRaterId",
                format!("没有参考评分人 “{r}” 的评分表"),
                format!("no scorecard is by the reference rater \"{r}\""),
            ));
        }
    }
    let raters: Vec<&str> = crate::sort::set_of(
        cells
            .keys()
            .map(|(_, r)| *r)
            .filter(|r| Some(*r) != reference),
    )
    .into_iter()
    .collect();
    if raters.len() < 2 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "scorecards",
            "校准至少需要两位评分人（不含参考评分人）",
            "calibration needs at least two raters besides the reference",
        ));
    }
    let performances: Vec<&str> = crate::sort::set_of(cells.keys().map(|(p, _)| *p))
        .into_iter()
        .collect();
    let value = |p: &str, r: &str, criterion: &str| -> Option<f64> {
        match cells.get(&(p, r)).and_then(|(_, m, _)| m.get(criterion)) {
            Some(Mark::Value(v)) => Some(*v),
            _ => None,
        }
    };
    let mut criteria = Vec::new();
    for (section, c) in rubric.criteria() {
        let matrix: Vec<Vec<Option<f64>>> = performances
            .iter()
            .map(|p| raters.iter().map(|r| value(p, r, &c.id)).collect())
            .collect();
        let reference_values: Vec<Option<f64>> = performances
            .iter()
            .map(|p| reference.and_then(|r| value(p, r, &c.id)))
            .collect();
        criteria.push(CriterionAgreement {
            criterion_id: c.id.clone(),
            section_id: section.id.clone(),
            agreement: agreement(
                &matrix,
                &reference_values,
                &raters,
                None,
                Some(&c.scale.values()),
            ),
        });
    }
    let total = |p: &str, r: &str| cells.get(&(p, r)).map(|(_, _, t)| *t);
    let totals: Vec<Vec<Option<f64>>> = performances
        .iter()
        .map(|p| raters.iter().map(|r| total(p, r)).collect())
        .collect();
    let reference_totals: Vec<Option<f64>> = performances
        .iter()
        .map(|p| reference.and_then(|r| total(p, r)))
        .collect();
    let pooled = PairwiseAgreement::pooled(criteria.iter().map(|c| &c.agreement.pairwise));
    let overall = agreement(&totals, &reference_totals, &raters, Some(pooled), None);
    let mut panels = Vec::new();
    for p in &performances {
        let cards: Vec<Scorecard> = raters
            .iter()
            .filter_map(|r| cells.get(&(*p, *r)))
            .filter_map(|(i, _, _)| set.scorecards.get(*i).cloned())
            .collect();
        if !cards.is_empty() {
            panels.push(score_panel(rubric, &cards)?);
        }
    }
    Ok(CalibrationReport {
        rubric_id: rubric.id.clone(),
        rater_ids: raters.iter().map(|r| r.to_string()).collect(),
        reference_rater_id: reference.map(str::to_string),
        performance_ids: performances.iter().map(|p| p.to_string()).collect(),
        criteria,
        overall,
        panels,
        reference_totals,
    })
}

fn agreement(
    matrix: &[Vec<Option<f64>>],
    reference: &[Option<f64>],
    raters: &[&str],
    pairwise: Option<PairwiseAgreement>,
    domain: Option<&[f64]>,
) -> Agreement {
    let vs_panel = bias_vs_panel(matrix);
    let vs_reference = bias_vs_reference(matrix, reference);
    Agreement {
        alpha_interval: alpha(matrix, Level::Interval),
        alpha_ordinal: alpha(matrix, Level::Ordinal),
        icc: icc(matrix),
        pairwise: pairwise.unwrap_or_else(|| PairwiseAgreement::of(matrix, 1.0)),
        bias: raters
            .iter()
            .enumerate()
            .map(|(j, r)| RaterBias {
                rater_id: r.to_string(),
                vs_panel: vs_panel.get(j).copied().flatten(),
                vs_reference: vs_reference.get(j).copied().flatten(),
            })
            .collect(),
        kappa: domain.map(|d| KappaAgreement {
            pairs: cohen_kappa_pairs(matrix, Some(d)),
            fleiss: fleiss_kappa(matrix),
            alpha_nominal: alpha(matrix, Level::Nominal),
        }),
        icc_forms: Some(icc_table(matrix)),
    }
}
