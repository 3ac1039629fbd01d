//! Rasch calibration by exact conditional maximum likelihood (CML).
//!
//! Given a person's raw score r on the items they took, the response pattern's probability does
//! not depend on θ: P(x | r) = Π ε_i^{x_i} / γ_r(ε), with ε_i = exp(−b_i) and γ_r the elementary
//! symmetric function of order r. So the item difficulties are estimated without any assumption
//! about the ability distribution (Andersen 1970). Here γ_r is never formed directly: with
//! p_i = ε_i / (1 + ε_i), γ_r = P(R = r) · Π (1 + ε_i) where P(R = r) is the Poisson-binomial
//! distribution of the score, built by convolution (prefix and suffix products over the items),
//! which only adds positive numbers, so it neither overflows nor cancels for long tests.
//!
//! - Persons with a zero or perfect score on the items they took carry no information and are
//!   left out; items that every remaining person answered right (or wrong) have no finite
//!   estimate (`allCorrect` / `allWrong`) and are left out; repeated until stable.
//! - Persons are grouped by the set of items they took (missing = not administered); each group
//!   has its own symmetric functions.
//! - Newton's method with the exact conditional information
//!   I_ii = Σ_r n_r π_ri (1 − π_ri), I_ij = Σ_r n_r (π_rij − π_ri π_rj), where π_ri is the
//!   probability of item i correct given score r, and π_rij of i and j both correct; step
//!   halving if the log-likelihood would fall; stops when max |gradient| < `tolerance`.
//! - Identification: Σ b_i = 0. Standard errors: the square roots of the diagonal of the
//!   pseudo-inverse of I, (I + 11ᵀ/m)⁻¹ − 11ᵀ/m, which is the covariance of the centred estimates.

use std::collections::HashMap;

use crate::format::{FromJson, ToJson};

use super::{cholesky, cholesky_apply, Estimate, IrtReason, ResponseTable, NOT_ADMINISTERED};

/// Convergence settings; a missing field takes its value from [`RaschOptions::default`].
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct RaschOptions {
    /// Stop when the largest gradient component (in log-likelihood units) is below this.
    pub tolerance: f64,
    /// At most this many Newton steps.
    pub max_iterations: u32,
}

impl Default for RaschOptions {
    /// A tolerance of 1e-9 and at most 100 Newton steps.
    fn default() -> Self {
        RaschOptions {
            tolerance: 1e-9,
            max_iterations: 100,
        }
    }
}

/// One item's Rasch estimate.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RaschItem {
    /// The item's column.
    pub item: u32,
    /// Difficulty b (logits, centred to mean 0 over the estimated items).
    pub difficulty: Estimate,
    /// Its standard error.
    pub se: Estimate,
    /// Correct answers among the persons used.
    pub correct: u32,
    /// Persons used who took the item.
    pub administered: u32,
}

/// The result of a CML calibration.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RaschCalibration {
    /// One entry per item column.
    pub items: Vec<RaschItem>,
    /// Newton steps taken.
    pub iterations: u32,
    /// The largest gradient component at the end.
    pub gradient_max: f64,
    /// Whether it fell below the tolerance.
    pub converged: bool,
    /// The conditional log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// Persons used (neither zero nor perfect on the items kept).
    pub persons_used: u32,
    /// Distinct sets of items taken (groups with their own symmetric functions).
    pub item_sets: u32,
}

struct Group {
    /// Kept-local item indices.
    items: Vec<usize>,
    /// n_r: persons with raw score r.
    counts: Vec<f64>,
}

/// Calibrates the Rasch model by exact CML.
pub fn rasch_cml(table: &ResponseTable, options: &RaschOptions) -> RaschCalibration {
    let (n_persons, n_items) = (table.persons(), table.items());
    let mut kept: Vec<bool> = vec![true; n_items];
    let mut reasons: Vec<Option<IrtReason>> = vec![None; n_items];
    let mut used: Vec<bool>;
    let mut correct = vec![0u32; n_items];
    let mut administered = vec![0u32; n_items];
    loop {
        used = (0..n_persons)
            .map(|p| {
                let (mut m, mut r) = (0, 0);
                for (i, &x) in table.row(p).iter().enumerate() {
                    if kept[i] && x != NOT_ADMINISTERED {
                        m += 1;
                        r += usize::from(x == 1);
                    }
                }
                m >= 2 && r > 0 && r < m
            })
            .collect();
        correct.iter_mut().for_each(|c| *c = 0);
        administered.iter_mut().for_each(|c| *c = 0);
        for p in (0..n_persons).filter(|&p| used[p]) {
            for (i, &x) in table.row(p).iter().enumerate() {
                if x != NOT_ADMINISTERED {
                    administered[i] += 1;
                    correct[i] += u32::from(x == 1);
                }
            }
        }
        let mut changed = false;
        for i in 0..n_items {
            if !kept[i] {
                continue;
            }
            let reason = IrtReason::of_item(correct[i], administered[i]);
            if reason.is_some() {
                kept[i] = false;
                reasons[i] = reason;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let global: Vec<usize> = (0..n_items).filter(|&i| kept[i]).collect();
    let m = global.len();
    let mut local = vec![usize::MAX; n_items];
    for (l, &g) in global.iter().enumerate() {
        local[g] = l;
    }
    // Group the persons used by the set of kept items they took.
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut s = vec![0.0; m];
    for p in (0..n_persons).filter(|&p| used[p]) {
        let mut mask = vec![0u64; m.div_ceil(64)];
        let mut r = 0;
        for (i, &x) in table.row(p).iter().enumerate() {
            let l = local[i];
            if l != usize::MAX && x != NOT_ADMINISTERED {
                mask[l / 64] |= 1 << (l % 64);
                if x == 1 {
                    r += 1;
                    s[l] += 1.0;
                }
            }
        }
        let g = *index.entry(mask.clone()).or_insert_with(|| {
            let items: Vec<usize> = (0..m)
                .filter(|l| mask[l / 64] & (1 << (l % 64)) != 0)
                .collect();
            groups.push(Group {
                counts: vec![0.0; items.len() + 1],
                items,
            });
            groups.len() - 1
        });
        if let Some(c) = groups.get_mut(g).and_then(|g| g.counts.get_mut(r)) {
            *c += 1.0;
        }
    }
    let persons_used = used.iter().filter(|u| **u).count() as u32;
    let mut out = RaschCalibration {
        items: (0..n_items)
            .map(|i| RaschItem {
                item: i as u32,
                difficulty: Estimate::undefined(reasons[i].unwrap_or(IrtReason::NoResponses)),
                se: Estimate::undefined(reasons[i].unwrap_or(IrtReason::NoResponses)),
                correct: correct[i],
                administered: administered[i],
            })
            .collect(),
        iterations: 0,
        gradient_max: 0.0,
        converged: false,
        log_likelihood: 0.0,
        persons_used,
        item_sets: groups.len() as u32,
    };
    if m < 2 {
        for &g in &global {
            out.items[g].difficulty = Estimate::undefined(IrtReason::NoInformation);
            out.items[g].se = Estimate::undefined(IrtReason::NoInformation);
        }
        return out;
    }
    // Start: logits of the proportions correct, centred.
    let mut b: Vec<f64> = global
        .iter()
        .map(|&g| (f64::from(administered[g] - correct[g]) / f64::from(correct[g])).ln())
        .collect();
    centre(&mut b);
    let mut state = evaluate(&groups, &s, &b, m);
    let mut converged = false;
    let mut iterations = 0;
    for _ in 0..options.max_iterations {
        let gmax = state.gradient.iter().fold(0.0_f64, |a, g| a.max(g.abs()));
        if gmax < options.tolerance {
            converged = true;
            break;
        }
        iterations += 1;
        let Some(l) = cholesky(&add_ones(&state.information, m), m) else {
            break;
        };
        let delta = cholesky_apply(&l, m, &state.gradient);
        let mut step = 1.0;
        let mut next = state_after(&groups, &s, &b, &delta, step, m);
        while next.1.log_likelihood < state.log_likelihood - 1e-12 * state.log_likelihood.abs()
            && step > 1e-4
        {
            step /= 2.0;
            next = state_after(&groups, &s, &b, &delta, step, m);
        }
        b = next.0;
        state = next.1;
    }
    let gmax = state.gradient.iter().fold(0.0_f64, |a, g| a.max(g.abs()));
    converged = converged || gmax < options.tolerance;
    out.iterations = iterations;
    out.gradient_max = gmax;
    out.converged = converged;
    out.log_likelihood = state.log_likelihood;
    let cov_diag = cholesky(&add_ones(&state.information, m), m).map(|l| {
        (0..m)
            .map(|i| {
                let mut e = vec![0.0; m];
                e[i] = 1.0;
                cholesky_apply(&l, m, &e)[i] - 1.0 / m as f64
            })
            .collect::<Vec<f64>>()
    });
    for (l, &g) in global.iter().enumerate() {
        if converged {
            out.items[g].difficulty = Estimate::of(b[l]);
            out.items[g].se = match &cov_diag {
                Some(v) if v[l] > 0.0 => Estimate::of(v[l].sqrt()),
                _ => Estimate::undefined(IrtReason::NoInformation),
            };
        } else {
            out.items[g].difficulty = Estimate::undefined(IrtReason::NotConverged);
            out.items[g].se = Estimate::undefined(IrtReason::NotConverged);
        }
    }
    out
}

fn centre(b: &mut [f64]) {
    let mean = b.iter().sum::<f64>() / b.len() as f64;
    b.iter_mut().for_each(|x| *x -= mean);
}

fn add_ones(info: &[f64], m: usize) -> Vec<f64> {
    let add = 1.0 / m as f64;
    info.iter().map(|x| x + add).collect()
}

fn state_after(
    groups: &[Group],
    s: &[f64],
    b: &[f64],
    delta: &[f64],
    step: f64,
    m: usize,
) -> (Vec<f64>, State) {
    let mut next: Vec<f64> = b.iter().zip(delta).map(|(b, d)| b + step * d).collect();
    centre(&mut next);
    let state = evaluate(groups, s, &next, m);
    (next, state)
}

struct State {
    log_likelihood: f64,
    gradient: Vec<f64>,
    /// m × m, row-major.
    information: Vec<f64>,
}

fn convolve_item(dist: &[f64], p: f64) -> Vec<f64> {
    let mut out = vec![0.0; dist.len() + 1];
    for (r, d) in dist.iter().enumerate() {
        out[r] += d * (1.0 - p);
        out[r + 1] += d * p;
    }
    out
}

/// The conditional log-likelihood, its gradient and the conditional information at `b`.
fn evaluate(groups: &[Group], s: &[f64], b: &[f64], m: usize) -> State {
    let mut ll: f64 = -s.iter().zip(b).map(|(s, b)| s * b).sum::<f64>();
    let mut gradient: Vec<f64> = s.iter().map(|s| -s).collect();
    let mut information = vec![0.0; m * m];
    for group in groups {
        let items = &group.items;
        let k = items.len();
        // p_i = ε_i / (1 + ε_i) = logistic(−b_i).
        let p: Vec<f64> = items.iter().map(|&l| 1.0 / (1.0 + b[l].exp())).collect();
        let mut pre: Vec<Vec<f64>> = Vec::with_capacity(k + 1);
        pre.push(vec![1.0]);
        for i in 0..k {
            let next = convolve_item(&pre[i], p[i]);
            pre.push(next);
        }
        let mut suf: Vec<Vec<f64>> = vec![Vec::new(); k + 1];
        suf[k] = vec![1.0];
        for j in (0..k).rev() {
            suf[j] = convolve_item(&suf[j + 1], p[j]);
        }
        let full = &pre[k];
        let log_norm: f64 = p.iter().map(|p| -(1.0 - p).ln()).sum();
        let mut w = vec![0.0; k + 1];
        for (r, &n) in group.counts.iter().enumerate() {
            if n > 0.0 {
                ll -= n * (full[r].ln() + log_norm);
                w[r] = n / full[r];
            }
        }
        // π_ri = p_i L_i(r − 1) / P(r), L_i = pre[i] ⊛ suf[i + 1].
        let mut pi = vec![0.0; k * (k + 1)];
        for i in 0..k {
            let (a, c) = (&pre[i], &suf[i + 1]);
            let mut leave = vec![0.0; k];
            for (x, av) in a.iter().enumerate() {
                for (y, cv) in c.iter().enumerate() {
                    leave[x + y] += av * cv;
                }
            }
            for r in 1..=k {
                if full[r] > 0.0 {
                    pi[i * (k + 1) + r] = p[i] * leave[r - 1] / full[r];
                }
            }
        }
        let n = &group.counts;
        for i in 0..k {
            let row = &pi[i * (k + 1)..(i + 1) * (k + 1)];
            let e: f64 = row.iter().zip(n).map(|(x, n)| x * n).sum();
            gradient[items[i]] += e;
            let d: f64 = row.iter().zip(n).map(|(x, n)| n * x * (1.0 - x)).sum();
            information[items[i] * m + items[i]] += d;
            for j in (i + 1)..k {
                let other = &pi[j * (k + 1)..(j + 1) * (k + 1)];
                let prod: f64 = row
                    .iter()
                    .zip(other)
                    .zip(n)
                    .map(|((x, y), n)| n * x * y)
                    .sum();
                information[items[i] * m + items[j]] -= prod;
                information[items[j] * m + items[i]] -= prod;
            }
        }
        // Σ_r n_r π_rij = p_i p_j Σ_s A_ij(s) U_{j+1}(s), with A_ij the score distribution of
        // items 0..j except i, and U_j(s) = Σ_t suf[j](t) w(s + t + 2).
        let mut u: Vec<Vec<f64>> = vec![Vec::new(); k + 1];
        for (j, uj) in u.iter_mut().enumerate().skip(1) {
            *uj = (0..j)
                .map(|sv| {
                    suf[j]
                        .iter()
                        .enumerate()
                        .map(|(t, v)| v * w.get(sv + t + 2).copied().unwrap_or(0.0))
                        .sum()
                })
                .collect();
        }
        for i in 0..k {
            let mut a = pre[i].clone();
            for j in (i + 1)..k {
                let val: f64 = a.iter().zip(&u[j + 1]).map(|(x, y)| x * y).sum();
                let both = p[i] * p[j] * val;
                information[items[i] * m + items[j]] += both;
                information[items[j] * m + items[i]] += both;
                a = convolve_item(&a, p[j]);
            }
        }
    }
    State {
        log_likelihood: ll,
        gradient,
        information,
    }
}
