//! Person abilities, the raw-score → θ table and information, for given item parameters.
//!
//! - P_i(θ) = 1 / (1 + exp(−a_i (θ − b_i))) (a_i = 1 for Rasch).
//! - Item information a_i² P_i (1 − P_i); test information is their sum.
//! - **MLE**: Newton (Fisher scoring) on Σ a_i (x_i − P_i(θ)) = 0 over the administered items,
//!   to |step| < 1e-12; SE = 1 / √I(θ̂). An all-correct or all-wrong record has no finite
//!   maximum: the estimate is undefined (`allCorrect` / `allWrong`), never a made-up number.
//! - **EAP**: posterior mean and SD under the quadrature's N(0, 1) prior; defined for every
//!   record (an empty record gives the prior: 0 and 1).
//! - **Score table**: for each raw score r on the whole test, θ with Σ P_i(θ) = r (the test
//!   characteristic curve inverted; for Rasch this is the MLE of everyone with score r;
//!   undefined at 0 and at the maximum) and the summed-score EAP with its SD, from the
//!   Lord–Wingersky recursion (the posterior given only the raw score).

use crate::format::{FromJson, ToJson};

use super::{Estimate, IrtReason, Quadrature, NOT_ADMINISTERED};

/// P(correct | θ) for discrimination `a`, difficulty `b`.
pub fn probability(theta: f64, a: f64, b: f64) -> f64 {
    let z = a * (theta - b);
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Fisher information of one item at θ: a² P (1 − P).
pub fn information(theta: f64, a: f64, b: f64) -> f64 {
    let p = probability(theta, a, b);
    a * a * p * (1.0 - p)
}

/// Test information at θ: the sum over items `(a, b)`.
pub fn test_information(theta: f64, items: &[(f64, f64)]) -> f64 {
    items.iter().map(|&(a, b)| information(theta, a, b)).sum()
}

/// An ability with its standard error (MLE) or posterior SD (EAP).
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AbilityEstimate {
    /// θ.
    pub theta: Estimate,
    /// Standard error (MLE) or posterior standard deviation (EAP).
    pub se: Estimate,
}

/// The MLE of θ from `responses` (1, 0 or [`NOT_ADMINISTERED`]) to items `(a, b)`.
///
/// @example mle(&[1, 0], &[(1.0, 0.0), (1.0, 0.0)]).theta.value == Some(0.0)
pub fn mle(responses: &[u8], items: &[(f64, f64)]) -> AbilityEstimate {
    let (mut n, mut right) = (0usize, 0usize);
    for &x in responses {
        if x != NOT_ADMINISTERED {
            n += 1;
            right += usize::from(x == 1);
        }
    }
    let undefined = |r| AbilityEstimate {
        theta: Estimate::undefined(r),
        se: Estimate::undefined(r),
    };
    if n == 0 {
        return undefined(IrtReason::NoResponses);
    }
    if right == n {
        return undefined(IrtReason::AllCorrect);
    }
    if right == 0 {
        return undefined(IrtReason::AllWrong);
    }
    solve_theta(
        |theta| {
            let (mut g, mut info) = (0.0, 0.0);
            for (&x, &(a, b)) in responses.iter().zip(items) {
                if x != NOT_ADMINISTERED {
                    let p = probability(theta, a, b);
                    g += a * (f64::from(x) - p);
                    info += a * a * p * (1.0 - p);
                }
            }
            (g, info)
        },
        0.0,
    )
}

/// Newton on a score function `f(θ) = (gradient, information)` with a decreasing gradient,
/// steps capped at 1 logit and a bracket kept, to |step| < 1e-12.
fn solve_theta(f: impl Fn(f64) -> (f64, f64), start: f64) -> AbilityEstimate {
    let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
    let mut theta = start;
    for _ in 0..200 {
        let (g, info) = f(theta);
        let newton = g / info;
        if newton.abs() < 1e-12 {
            theta += newton;
            let (_, info) = f(theta);
            return AbilityEstimate {
                theta: Estimate::of(theta),
                se: if info > 0.0 {
                    Estimate::of(1.0 / info.sqrt())
                } else {
                    Estimate::undefined(IrtReason::NoInformation)
                },
            };
        }
        if g > 0.0 {
            lo = theta;
        } else {
            hi = theta;
        }
        let mut next = theta + newton.clamp(-1.0, 1.0);
        if !(next > lo && next < hi && next.is_finite()) {
            next = if lo.is_finite() && hi.is_finite() {
                0.5 * (lo + hi)
            } else {
                theta + g.signum()
            };
        }
        theta = next;
    }
    AbilityEstimate {
        theta: Estimate::undefined(IrtReason::NotConverged),
        se: Estimate::undefined(IrtReason::NotConverged),
    }
}

/// The EAP of θ (posterior mean and SD under the quadrature's N(0, 1) prior).
///
/// @example eap(&[], &[], &Quadrature::default()).theta.value.unwrap().abs() < 1e-12
pub fn eap(responses: &[u8], items: &[(f64, f64)], quadrature: &Quadrature) -> AbilityEstimate {
    let (nodes, weights) = quadrature.nodes();
    eap_on(responses, items, &nodes, &weights)
}

pub(crate) fn eap_on(
    responses: &[u8],
    items: &[(f64, f64)],
    nodes: &[f64],
    weights: &[f64],
) -> AbilityEstimate {
    let log_post: Vec<f64> = nodes
        .iter()
        .zip(weights)
        .map(|(&t, &w)| {
            let mut ll = w.ln();
            for (&x, &(a, b)) in responses.iter().zip(items) {
                if x != NOT_ADMINISTERED {
                    let p = probability(t, a, b);
                    ll += if x == 1 { p.ln() } else { (1.0 - p).ln() };
                }
            }
            ll
        })
        .collect();
    posterior_moments(nodes, &log_post)
}

pub(crate) fn posterior_moments(nodes: &[f64], log_post: &[f64]) -> AbilityEstimate {
    let max = log_post.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (mut s0, mut s1) = (0.0, 0.0);
    for (&t, &l) in nodes.iter().zip(log_post) {
        let w = (l - max).exp();
        s0 += w;
        s1 += w * t;
    }
    let mean = s1 / s0;
    let var: f64 = nodes
        .iter()
        .zip(log_post)
        .map(|(&t, &l)| (l - max).exp() * (t - mean).powi(2))
        .sum::<f64>()
        / s0;
    AbilityEstimate {
        theta: Estimate::of(mean),
        se: Estimate::of(var.sqrt()),
    }
}

/// One raw score's row of the score table.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ScoreRow {
    /// The raw score (number correct on the whole test).
    pub score: u32,
    /// θ where the expected score equals `score` (the Rasch MLE); undefined at 0 and the maximum.
    pub theta: Estimate,
    /// Its standard error 1 / √I(θ).
    pub se: Estimate,
    /// Summed-score EAP: the posterior mean of θ given only the raw score.
    pub eap: Estimate,
    /// Its posterior standard deviation.
    pub eap_sd: Estimate,
}

/// The raw-score → θ table for the whole test of items `(a, b)`.
pub fn score_table(items: &[(f64, f64)], quadrature: &Quadrature) -> Vec<ScoreRow> {
    let k = items.len();
    let (nodes, weights) = quadrature.nodes();
    // Lord–Wingersky: L[q][r] = P(raw score r | θ_q).
    let mut lw: Vec<Vec<f64>> = nodes
        .iter()
        .map(|&t| {
            let mut dist = vec![1.0];
            for &(a, b) in items {
                let p = probability(t, a, b);
                let mut next = vec![0.0; dist.len() + 1];
                for (r, d) in dist.iter().enumerate() {
                    next[r] += d * (1.0 - p);
                    next[r + 1] += d * p;
                }
                dist = next;
            }
            dist
        })
        .collect();
    for row in &mut lw {
        row.resize(k + 1, 0.0);
    }
    (0..=k)
        .map(|r| {
            let log_post: Vec<f64> = lw
                .iter()
                .zip(&weights)
                .map(|(row, w)| (row[r] * w).ln())
                .collect();
            let post = posterior_moments(&nodes, &log_post);
            let tcc = if r == 0 {
                AbilityEstimate {
                    theta: Estimate::undefined(IrtReason::AllWrong),
                    se: Estimate::undefined(IrtReason::AllWrong),
                }
            } else if r == k {
                AbilityEstimate {
                    theta: Estimate::undefined(IrtReason::AllCorrect),
                    se: Estimate::undefined(IrtReason::AllCorrect),
                }
            } else {
                let target = r as f64;
                solve_theta(
                    |theta| {
                        // Newton on E(θ) = r: the slope of E is Σ a P (1 − P).
                        let (mut e, mut slope) = (0.0, 0.0);
                        for &(a, b) in items {
                            let p = probability(theta, a, b);
                            e += p;
                            slope += a * p * (1.0 - p);
                        }
                        (target - e, slope)
                    },
                    0.0,
                )
            };
            let se = match tcc.theta.value {
                Some(t) => {
                    let info = test_information(t, items);
                    if info > 0.0 {
                        Estimate::of(1.0 / info.sqrt())
                    } else {
                        Estimate::undefined(IrtReason::NoInformation)
                    }
                }
                None => tcc.se,
            };
            ScoreRow {
                score: r as u32,
                theta: tcc.theta,
                se,
                eap: post.theta,
                eap_sd: post.se,
            }
        })
        .collect()
}
