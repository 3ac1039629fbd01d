//! Quadrature rules for integrating over θ ~ N(0, 1).
//!
//! - Gauss–Hermite (probabilists'): nodes and weights for ∫ f(θ) φ(θ) dθ, from the physicists'
//!   rule (Newton on the Hermite recurrence, Numerical Recipes `gauher`) scaled by √2, weights
//!   normalised to sum to 1. Exact for polynomials up to degree 2n − 1 times the normal density.
//! - Gauss–Legendre on [lower, upper] with weights multiplied by the N(0, 1) density, unnormalised:
//!   girth's rule (its default is 41 points on [−4.5, 4.5]), so results can be compared with it.

use crate::format::{FromJson, ToJson};

use crate::analytics::distributions::normal_pdf;

/// Which rule, and how many nodes.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", tag = "rule")]
pub enum Quadrature {
    /// Gauss–Hermite with `points` nodes (normal prior built in).
    GaussHermite {
        /// Number of nodes (2–200).
        points: u32,
    },
    /// Gauss–Legendre on [lower, upper], weights × N(0, 1) density.
    GaussLegendre {
        /// Number of nodes (2–400).
        points: u32,
        /// Lower end of θ.
        lower: f64,
        /// Upper end of θ.
        upper: f64,
    },
}

impl Default for Quadrature {
    /// 41 Gauss–Hermite nodes.
    fn default() -> Self {
        Quadrature::GaussHermite { points: 41 }
    }
}

impl Quadrature {
    /// `(nodes, weights)`; weights include the prior density.
    pub fn nodes(&self) -> (Vec<f64>, Vec<f64>) {
        match *self {
            Quadrature::GaussHermite { points } => gauss_hermite(points.clamp(2, 200) as usize),
            Quadrature::GaussLegendre {
                points,
                lower,
                upper,
            } => {
                let (x, w) = gauss_legendre(points.clamp(2, 400) as usize);
                let half = (upper - lower) / 2.0;
                let nodes: Vec<f64> = x.iter().map(|t| half * (t + 1.0) + lower).collect();
                let weights = w
                    .iter()
                    .zip(&nodes)
                    .map(|(w, t)| w * half * normal_pdf(*t))
                    .collect();
                (nodes, weights)
            }
        }
    }
}

/// Gauss–Legendre nodes and weights on [−1, 1] (ascending).
pub fn gauss_legendre(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut x = vec![0.0; n];
    let mut w = vec![0.0; n];
    let m = n.div_ceil(2);
    let nf = n as f64;
    for i in 0..m {
        let mut z = (std::f64::consts::PI * (i as f64 + 0.75) / (nf + 0.5)).cos();
        let mut pp = 1.0;
        for _ in 0..100 {
            let (mut p1, mut p2) = (1.0, 0.0);
            for j in 0..n {
                let p3 = p2;
                p2 = p1;
                let jf = j as f64;
                p1 = ((2.0 * jf + 1.0) * z * p2 - jf * p3) / (jf + 1.0);
            }
            pp = nf * (z * p1 - p2) / (z * z - 1.0);
            let z1 = z;
            z = z1 - p1 / pp;
            if (z - z1).abs() < 1e-15 {
                break;
            }
        }
        x[i] = -z;
        x[n - 1 - i] = z;
        w[i] = 2.0 / ((1.0 - z * z) * pp * pp);
        w[n - 1 - i] = w[i];
    }
    (x, w)
}

/// Probabilists' Gauss–Hermite nodes (ascending) and weights summing to 1.
pub fn gauss_hermite(n: usize) -> (Vec<f64>, Vec<f64>) {
    // Physicists' rule for ∫ e^{−t²} f(t) dt (Numerical Recipes gauher), then θ = √2 t.
    let pim4 = std::f64::consts::PI.powf(-0.25);
    let nf = n as f64;
    let m = n.div_ceil(2);
    let mut t = vec![0.0; n];
    let mut w = vec![0.0; n];
    let mut z = 0.0;
    for i in 0..m {
        z = match i {
            0 => (2.0 * nf + 1.0).sqrt() - 1.85575 * (2.0 * nf + 1.0).powf(-0.16667),
            1 => z - 1.14 * nf.powf(0.426) / z,
            2 => 1.86 * z - 0.86 * t[0],
            3 => 1.91 * z - 0.91 * t[1],
            _ => 2.0 * z - t[i - 2],
        };
        let mut pp = 1.0;
        for _ in 0..200 {
            let (mut p1, mut p2) = (pim4, 0.0);
            for j in 0..n {
                let p3 = p2;
                p2 = p1;
                let jf = j as f64;
                p1 = z * (2.0 / (jf + 1.0)).sqrt() * p2 - (jf / (jf + 1.0)).sqrt() * p3;
            }
            pp = (2.0 * nf).sqrt() * p2;
            let z1 = z;
            z = z1 - p1 / pp;
            if (z - z1).abs() < 1e-15 {
                break;
            }
        }
        t[i] = z;
        t[n - 1 - i] = -z;
        w[i] = 2.0 / (pp * pp);
        w[n - 1 - i] = w[i];
    }
    let total: f64 = w.iter().sum();
    let mut pairs: Vec<(f64, f64)> = t
        .iter()
        .zip(&w)
        .map(|(t, w)| (t * std::f64::consts::SQRT_2, w / total))
        .collect();
    crate::sort::sort_by(&mut pairs, |a, b| a.0.total_cmp(&b.0));
    pairs.into_iter().unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hermite_rule_integrates_normal_moments() {
        let (x, w) = gauss_hermite(41);
        let m = |k: i32| x.iter().zip(&w).map(|(x, w)| w * x.powi(k)).sum::<f64>();
        assert!((m(0) - 1.0).abs() < 1e-14);
        assert!(m(1).abs() < 1e-13);
        assert!((m(2) - 1.0).abs() < 1e-12);
        assert!((m(4) - 3.0).abs() < 1e-11);
    }

    #[test]
    fn legendre_rule_integrates_polynomials() {
        let (x, w) = gauss_legendre(11);
        let i: f64 = x.iter().zip(&w).map(|(x, w)| w * x.powi(4)).sum();
        assert!((i - 0.4).abs() < 1e-14);
    }
}
