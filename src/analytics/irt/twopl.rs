//! 2PL calibration by marginal maximum likelihood: Bock–Aitkin EM over a quadrature rule,
//! accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3, with the log-likelihood as the
//! safeguard).
//!
//! - Model: P_i(θ) = 1 / (1 + exp(−(a_i θ + c_i))), reported as a_i and b_i = −c_i / a_i.
//! - E-step: for person p and node q, log L_pq = Σ_{i taken} log(1 − P_iq) + Σ_{i correct}
//!   (a_i θ_q + c_i), so a person costs O(items + nodes) plus O(nodes) per correct answer for the
//!   expected counts r_iq; n_iq counts only the persons who took item i (missing = not
//!   administered).
//! - M-step: each item's (a, c) by Newton on the expected complete-data log-likelihood (a
//!   logistic regression on the nodes, concave), to |step| < 1e-12.
//! - Convergence: the gradient of the marginal log-likelihood (Fisher's identity: the
//!   E-step's expected score) has max |component| < `tolerance`.
//! - Items answered right (or wrong) by everyone have no finite estimate and are left out
//!   (`allCorrect` / `allWrong`).
//! - Standard errors: each item's 2 × 2 block of the observed information, computed exactly by
//!   Louis's formula (expected complete-data information minus the posterior variance of the
//!   complete-data score), inverted, then carried from (a, c) to (a, b) by the delta method.
//!   Covariances with other items' parameters are ignored, which makes the SEs slightly small.

use crate::format::{FromJson, ToJson};

use super::{Estimate, IrtReason, Quadrature, ResponseTable, NOT_ADMINISTERED};

/// Quadrature and convergence settings; a missing field takes its value from
/// [`TwoPlOptions::default`].
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", default)]
pub struct TwoPlOptions {
    /// The rule integrating over θ ~ N(0, 1).
    pub quadrature: Quadrature,
    /// Stop when the largest gradient component of the marginal log-likelihood is below this.
    pub tolerance: f64,
    /// At most this many E-steps.
    pub max_steps: u32,
}

impl Default for TwoPlOptions {
    /// A tolerance of 1e-4 in log-likelihood units: each parameter's information is about N/5
    /// (N persons), so the remaining error in a parameter is about 1e-4 / (N/5), e.g. 1e-7 for
    /// 5,000 persons, far below its standard error; the tests ask for 1e-9. At most 3,000 E-steps.
    fn default() -> Self {
        TwoPlOptions {
            quadrature: Quadrature::default(),
            tolerance: 1e-4,
            max_steps: 3000,
        }
    }
}

/// One item's 2PL estimate.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TwoPlItem {
    /// The item's column.
    pub item: u32,
    /// Discrimination a.
    pub discrimination: Estimate,
    /// Difficulty b.
    pub difficulty: Estimate,
    /// Standard error of a.
    pub se_discrimination: Estimate,
    /// Standard error of b.
    pub se_difficulty: Estimate,
    /// Correct answers.
    pub correct: u32,
    /// Persons who took the item.
    pub administered: u32,
}

/// The result of a 2PL calibration.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TwoPlCalibration {
    /// One entry per item column.
    pub items: Vec<TwoPlItem>,
    /// E-steps done.
    pub steps: u32,
    /// The largest gradient component at the end.
    pub gradient_max: f64,
    /// Whether it fell below the tolerance.
    pub converged: bool,
    /// The marginal log-likelihood at the estimates.
    pub log_likelihood: f64,
    /// Persons with at least one response.
    pub persons_used: u32,
}

struct Data<'a> {
    table: &'a ResponseTable,
    /// Kept item columns.
    global: Vec<usize>,
    /// Column → kept index, or usize::MAX.
    local: Vec<usize>,
    persons: Vec<usize>,
    nodes: Vec<f64>,
    log_weights: Vec<f64>,
    /// Per person (in `persons` order), the kept items answered correctly: `correct[start[p]..
    /// start[p + 1]]`; built once so the E-steps do not rescan the rows.
    correct: Vec<u32>,
    correct_start: Vec<usize>,
    /// Per person, the kept items not administered (usually none).
    missing: Vec<u32>,
    missing_start: Vec<usize>,
}

struct EStep {
    log_likelihood: f64,
    /// k × Q expected correct.
    r: Vec<f64>,
    /// k × Q expected persons.
    n: Vec<f64>,
}

impl Data<'_> {
    fn k(&self) -> usize {
        self.global.len()
    }

    fn e_step(&self, x: &[f64]) -> EStep {
        self.e_step_keeping(x, None)
    }

    /// The E-step; with `keep`, each person's posterior over the nodes is appended to it.
    fn e_step_keeping(&self, x: &[f64], mut keep: Option<&mut Vec<f64>>) -> EStep {
        let (k, q) = (self.k(), self.nodes.len());
        // log(1 − P_iq) for kept items.
        let mut log_q = vec![0.0; k * q];
        for l in 0..k {
            let (a, c) = (x[2 * l], x[2 * l + 1]);
            for (j, t) in self.nodes.iter().enumerate() {
                let z = a * t + c;
                // log(1 − logistic(z)) = −softplus(z).
                log_q[l * q + j] = -(z.max(0.0) + (-z.abs()).exp().ln_1p());
            }
        }
        let mut base = self.log_weights.clone();
        for l in 0..k {
            for j in 0..q {
                base[j] += log_q[l * q + j];
            }
        }
        let mut r = vec![0.0; k * q];
        let mut n = vec![0.0; k * q];
        let mut n_all = vec![0.0; q];
        let mut ll_total = 0.0;
        let mut ll = vec![0.0; q];
        for idx in 0..self.persons.len() {
            let correct = &self.correct[self.correct_start[idx]..self.correct_start[idx + 1]];
            let missing = &self.missing[self.missing_start[idx]..self.missing_start[idx + 1]];
            let (mut sa, mut sc) = (0.0, 0.0);
            for &l in correct {
                sa += x[2 * l as usize];
                sc += x[2 * l as usize + 1];
            }
            for ((v, b), t) in ll.iter_mut().zip(&base).zip(&self.nodes) {
                *v = b + sa * t + sc;
            }
            for &l in missing {
                let lq = &log_q[l as usize * q..(l as usize + 1) * q];
                for (v, m) in ll.iter_mut().zip(lq) {
                    *v -= m;
                }
            }
            let max = ll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut sum = 0.0;
            for v in ll.iter_mut() {
                *v = (*v - max).exp();
                sum += *v;
            }
            ll_total += max + sum.ln();
            let inv = 1.0 / sum;
            for v in ll.iter_mut() {
                *v *= inv;
            }
            if let Some(keep) = keep.as_deref_mut() {
                keep.extend_from_slice(&ll);
            }
            for &l in correct {
                let l = l as usize;
                for (acc, w) in r[l * q..(l + 1) * q].iter_mut().zip(&ll) {
                    *acc += w;
                }
            }
            if missing.is_empty() {
                for (acc, w) in n_all.iter_mut().zip(&ll) {
                    *acc += w;
                }
            } else {
                // n_iq for this person's items: everything kept but the missing ones.
                for l in 0..k {
                    if !missing.contains(&(l as u32)) {
                        for (acc, w) in n[l * q..(l + 1) * q].iter_mut().zip(&ll) {
                            *acc += w;
                        }
                    }
                }
            }
        }
        for l in 0..k {
            for j in 0..q {
                n[l * q + j] += n_all[j];
            }
        }
        EStep {
            log_likelihood: ll_total,
            r,
            n,
        }
    }

    /// Gradient of the marginal log-likelihood in (a, c) at `x`, from its E-step.
    fn gradient(&self, x: &[f64], e: &EStep) -> Vec<f64> {
        let (k, q) = (self.k(), self.nodes.len());
        let mut g = vec![0.0; 2 * k];
        for l in 0..k {
            let (a, c) = (x[2 * l], x[2 * l + 1]);
            for (j, t) in self.nodes.iter().enumerate() {
                let p = logistic(a * t + c);
                let resid = e.r[l * q + j] - e.n[l * q + j] * p;
                g[2 * l] += resid * t;
                g[2 * l + 1] += resid;
            }
        }
        g
    }

    /// The M-step: each item's (a, c) maximising Σ_q r log P + (n − r) log(1 − P).
    fn m_step(&self, x: &[f64], e: &EStep) -> Vec<f64> {
        let (k, q) = (self.k(), self.nodes.len());
        let mut out = x.to_vec();
        for l in 0..k {
            let (mut a, mut c) = (x[2 * l], x[2 * l + 1]);
            let r = &e.r[l * q..(l + 1) * q];
            let n = &e.n[l * q..(l + 1) * q];
            for _ in 0..50 {
                let (mut ga, mut gc, mut haa, mut hac, mut hcc) = (0.0, 0.0, 0.0, 0.0, 0.0);
                for (j, t) in self.nodes.iter().enumerate() {
                    let p = logistic(a * t + c);
                    let resid = r[j] - n[j] * p;
                    let w = n[j] * p * (1.0 - p);
                    ga += resid * t;
                    gc += resid;
                    haa += w * t * t;
                    hac += w * t;
                    hcc += w;
                }
                let det = haa * hcc - hac * hac;
                if det <= 0.0 || !det.is_finite() {
                    break;
                }
                let da = (hcc * ga - hac * gc) / det;
                let dc = (haa * gc - hac * ga) / det;
                // Keep steps modest so a flat item cannot jump far in one step.
                let scale = (2.0 / da.abs().max(dc.abs())).min(1.0);
                a += da * scale;
                c += dc * scale;
                if da.abs().max(dc.abs()) < 1e-12 {
                    break;
                }
            }
            out[2 * l] = a;
            out[2 * l + 1] = c;
        }
        out
    }
}

fn logistic(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Calibrates the 2PL model by marginal maximum likelihood.
pub fn twopl_mml(table: &ResponseTable, options: &TwoPlOptions) -> TwoPlCalibration {
    twopl_mml_observed(table, options, &mut |_, _| {})
}

/// How far an EM run is, in `[0, 1]`, from the first gradient to the tolerance on a log scale
/// (the gradient falls roughly geometrically), so a progress bar moves evenly; never NaN.
pub fn em_progress(first_gradient: f64, gradient: f64, tolerance: f64) -> f64 {
    if !(first_gradient > tolerance && tolerance > 0.0 && gradient > 0.0) {
        return if gradient <= tolerance { 1.0 } else { 0.0 };
    }
    let span = (first_gradient / tolerance).ln();
    ((first_gradient / gradient).ln() / span).clamp(0.0, 1.0)
}

/// [`twopl_mml`], calling `progress(e_steps, largest_gradient)` once per EM cycle, so a worker
/// can post a progress bar during a calibration that takes seconds.
pub fn twopl_mml_observed(
    table: &ResponseTable,
    options: &TwoPlOptions,
    progress: &mut dyn FnMut(u32, f64),
) -> TwoPlCalibration {
    let (n_persons, n_items) = (table.persons(), table.items());
    let mut correct = vec![0u32; n_items];
    let mut administered = vec![0u32; n_items];
    let mut persons = Vec::new();
    for p in 0..n_persons {
        let row = table.row(p);
        if row.iter().any(|&v| v != NOT_ADMINISTERED) {
            persons.push(p);
        }
        for (i, &v) in row.iter().enumerate() {
            if v != NOT_ADMINISTERED {
                administered[i] += 1;
                correct[i] += u32::from(v == 1);
            }
        }
    }
    let reason = |i: usize| IrtReason::of_item(correct[i], administered[i]);
    let global: Vec<usize> = (0..n_items).filter(|&i| reason(i).is_none()).collect();
    let mut local = vec![usize::MAX; n_items];
    for (l, &g) in global.iter().enumerate() {
        local[g] = l;
    }
    let (nodes, weights) = options.quadrature.nodes();
    let (mut correct_list, mut correct_start) = (Vec::new(), vec![0]);
    let (mut missing_list, mut missing_start) = (Vec::new(), vec![0]);
    for &p in &persons {
        for (i, &v) in table.row(p).iter().enumerate() {
            let l = local[i];
            if l == usize::MAX {
                continue;
            }
            if v == NOT_ADMINISTERED {
                missing_list.push(l as u32);
            } else if v == 1 {
                correct_list.push(l as u32);
            }
        }
        correct_start.push(correct_list.len());
        missing_start.push(missing_list.len());
    }
    let data = Data {
        table,
        global,
        local,
        persons,
        correct: correct_list,
        correct_start,
        missing: missing_list,
        missing_start,
        log_weights: weights.iter().map(|w| w.ln()).collect(),
        nodes,
    };
    let k = data.k();
    let mut out = TwoPlCalibration {
        items: (0..n_items)
            .map(|i| {
                let r = reason(i).unwrap_or(IrtReason::NotConverged);
                TwoPlItem {
                    item: i as u32,
                    discrimination: Estimate::undefined(r),
                    difficulty: Estimate::undefined(r),
                    se_discrimination: Estimate::undefined(r),
                    se_difficulty: Estimate::undefined(r),
                    correct: correct[i],
                    administered: administered[i],
                }
            })
            .collect(),
        steps: 0,
        gradient_max: 0.0,
        converged: false,
        log_likelihood: 0.0,
        persons_used: data.persons.len() as u32,
    };
    if k == 0 {
        return out;
    }
    // Start: a = 1, b = the normal-ogive guess from the proportion correct.
    let mut x: Vec<f64> = Vec::with_capacity(2 * k);
    for &g in &data.global {
        let prop = f64::from(correct[g]) / f64::from(administered[g]);
        x.push(1.0);
        x.push((prop / (1.0 - prop)).ln());
    }
    let mut steps = 0u32;
    let mut e0 = data.e_step(&x);
    steps += 1;
    let mut converged = false;
    let mut gmax;
    loop {
        let g = data.gradient(&x, &e0);
        gmax = g.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        progress(steps, gmax);
        if gmax < options.tolerance {
            converged = true;
            break;
        }
        if steps + 3 > options.max_steps {
            break;
        }
        let x1 = data.m_step(&x, &e0);
        let e1 = data.e_step(&x1);
        let x2 = data.m_step(&x1, &e1);
        steps += 1;
        let rr: Vec<f64> = x1.iter().zip(&x).map(|(a, b)| a - b).collect();
        let vv: Vec<f64> = x2
            .iter()
            .zip(&x1)
            .zip(&rr)
            .map(|((c, b), r)| c - b - r)
            .collect();
        let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
        let (nr, nv) = (norm(&rr), norm(&vv));
        let alpha = if nv > 0.0 { (-nr / nv).min(-1.0) } else { -1.0 };
        let xp: Vec<f64> = x
            .iter()
            .zip(&rr)
            .zip(&vv)
            .map(|((x0, r), v)| x0 - 2.0 * alpha * r + alpha * alpha * v)
            .collect();
        let ep = data.e_step(&xp);
        steps += 1;
        if ep.log_likelihood.is_finite() && ep.log_likelihood >= e1.log_likelihood {
            x = data.m_step(&xp, &ep);
        } else {
            x = x2;
        }
        e0 = data.e_step(&x);
        steps += 1;
    }
    out.steps = steps;
    out.gradient_max = gmax;
    out.converged = converged;
    out.log_likelihood = e0.log_likelihood;
    let se = standard_errors(&data, &x, &e0);
    for (l, &g) in data.global.iter().enumerate() {
        let item = &mut out.items[g];
        if !converged {
            continue;
        }
        let (a, c) = (x[2 * l], x[2 * l + 1]);
        item.discrimination = Estimate::of(a);
        item.difficulty = if a.abs() > 1e-12 {
            Estimate::of(-c / a)
        } else {
            Estimate::undefined(IrtReason::NoInformation)
        };
        match se[l] {
            Some((sa, sb)) => {
                item.se_discrimination = Estimate::of(sa);
                item.se_difficulty = Estimate::of(sb);
            }
            None => {
                item.se_discrimination = Estimate::undefined(IrtReason::NoInformation);
                item.se_difficulty = Estimate::undefined(IrtReason::NoInformation);
            }
        }
    }
    out
}

/// Per item: SE(a), SE(b) from the 2 × 2 observed information (Louis), or `None`.
fn standard_errors(data: &Data, x: &[f64], e: &EStep) -> Vec<Option<(f64, f64)>> {
    let (k, q) = (data.k(), data.nodes.len());
    // Expected complete-data information: Σ_q n_q P(1 − P) v vᵀ, v = (θ, 1).
    let mut info = vec![[0.0f64; 3]; k];
    for l in 0..k {
        let (a, c) = (x[2 * l], x[2 * l + 1]);
        for (j, t) in data.nodes.iter().enumerate() {
            let p = logistic(a * t + c);
            let w = e.n[l * q + j] * p * (1.0 - p);
            info[l][0] += w * t * t;
            info[l][1] += w * t;
            info[l][2] += w;
        }
    }
    // Minus each person's posterior variance of the complete-data score g = (x − P)(θ, 1).
    let p_iq: Vec<f64> = (0..k)
        .flat_map(|l| {
            let (a, c) = (x[2 * l], x[2 * l + 1]);
            data.nodes.iter().map(move |t| logistic(a * t + c))
        })
        .collect();
    let mut post_all = Vec::with_capacity(data.persons.len() * q);
    data.e_step_keeping(x, Some(&mut post_all));
    for (idx, &p) in data.persons.iter().enumerate() {
        let post = &post_all[idx * q..(idx + 1) * q];
        for (i, &v) in data.table.row(p).iter().enumerate() {
            let l = data.local[i];
            if l == usize::MAX || v == NOT_ADMINISTERED {
                continue;
            }
            let xv = f64::from(v);
            let (mut m1, mut m2, mut s11, mut s12, mut s22) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (j, t) in data.nodes.iter().enumerate() {
                let resid = xv - p_iq[l * q + j];
                let (g1, g2) = (resid * t, resid);
                let w = post[j];
                m1 += w * g1;
                m2 += w * g2;
                s11 += w * g1 * g1;
                s12 += w * g1 * g2;
                s22 += w * g2 * g2;
            }
            info[l][0] -= s11 - m1 * m1;
            info[l][1] -= s12 - m1 * m2;
            info[l][2] -= s22 - m2 * m2;
        }
    }
    (0..k)
        .map(|l| {
            let [iaa, iac, icc] = info[l];
            let det = iaa * icc - iac * iac;
            if det <= 0.0 || iaa <= 0.0 || !det.is_finite() {
                return None;
            }
            let (vaa, vac, vcc) = (icc / det, -iac / det, iaa / det);
            let (a, c) = (x[2 * l], x[2 * l + 1]);
            // b = −c / a: ∂b/∂a = c / a², ∂b/∂c = −1 / a.
            let (da, dc) = (c / (a * a), -1.0 / a);
            let vb = da * da * vaa + 2.0 * da * dc * vac + dc * dc * vcc;
            (vaa > 0.0 && vb > 0.0).then(|| (vaa.sqrt(), vb.sqrt()))
        })
        .collect()
}
