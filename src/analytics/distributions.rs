//! The few distribution functions the reliability statistics need: the F distribution's tail
//! (p-values of the ICC's F tests) and its quantiles (the ICC and Cronbach's alpha confidence
//! intervals), via the regularized incomplete beta function.
//!
//! Hand-written (about 150 lines) rather than a statistics crate: only these functions are
//! needed, and each is checked against SciPy in `tests/fixtures/rubric/agreement_family.json`
//! to better than 1e-12.
//!
//! - `ln Γ`: Lanczos approximation, g = 607/128, 15 terms (Godfrey's coefficients), relative
//!   error about 1e-15 for x > 0;
//! - `I_x(a, b)`: the continued fraction of Numerical Recipes §6.4 by the modified Lentz method,
//!   evaluated on the side of `(a + 1) / (a + b + 2)` where it converges fast, and returning both
//!   `I` and `1 − I` so an upper tail is never `1 − (something close to 1)`;
//! - quantiles: Newton's method on `I_x(a, b) = q`, safeguarded by bisection, always solved on
//!   the tail below one half (the other tail by symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)`).

const LANCZOS_G: f64 = 607.0 / 128.0;
// Godfrey's published digits, kept verbatim.
#[allow(clippy::excessive_precision)]
const LANCZOS: [f64; 15] = [
    0.999_999_999_999_997_1,
    57.156_235_665_862_92,
    -59.597_960_355_475_49,
    14.136_097_974_741_747,
    -0.491_913_816_097_620_2,
    0.339_946_499_848_118_9e-4,
    0.465_236_289_270_485_76e-4,
    -0.983_744_753_048_795_6e-4,
    0.158_088_703_224_912_5e-3,
    -0.210_264_441_724_104_9e-3,
    0.217_439_618_115_212_64e-3,
    -0.164_318_106_536_763_9e-3,
    0.844_182_239_838_527_4e-4,
    -0.261_908_384_015_814_1e-4,
    0.368_991_826_595_316_2e-5,
];

/// ln Γ(x) for x > 0 (NaN otherwise).
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return f64::NAN;
    }
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// ln B(a, b).
fn ln_beta(a: f64, b: f64) -> f64 {
    ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
}

/// The continued fraction for I_x(a, b) (modified Lentz).
fn beta_cf(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    // Lentz keeps C and D away from zero so no step divides by it.
    let off_zero = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / off_zero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..100_000 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        // The even and the odd coefficient of step m.
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        let mut del = 1.0;
        for aa in [even, odd] {
            d = 1.0 / off_zero(1.0 + aa * d);
            c = off_zero(1.0 + aa / c);
            del = d * c;
            h *= del;
        }
        if (del - 1.0).abs() < 1e-16 {
            break;
        }
    }
    h
}

/// The regularized incomplete beta function and its complement: `(I_x(a, b), 1 − I_x(a, b))`.
pub fn beta_inc(a: f64, b: f64, x: f64) -> (f64, f64) {
    if !(a > 0.0 && b > 0.0) || x.is_nan() {
        return (f64::NAN, f64::NAN);
    }
    if x <= 0.0 {
        return (0.0, 1.0);
    }
    if x >= 1.0 {
        return (1.0, 0.0);
    }
    let front = (a * x.ln() + b * (1.0 - x).ln() - ln_beta(a, b)).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        let i = front * beta_cf(a, b, x) / a;
        (i, 1.0 - i)
    } else {
        let j = front * beta_cf(b, a, 1.0 - x) / b;
        (1.0 - j, j)
    }
}

/// The beta density at x.
fn beta_pdf(a: f64, b: f64, x: f64) -> f64 {
    ((a - 1.0) * x.ln() + (b - 1.0) * (1.0 - x).ln() - ln_beta(a, b)).exp()
}

/// `(x, 1 − x)` with `I_x(a, b) = q`, computed with relative precision on the smaller tail.
pub fn beta_inc_inv(a: f64, b: f64, q: f64) -> (f64, f64) {
    if !(a > 0.0 && b > 0.0 && (0.0..=1.0).contains(&q)) {
        return (f64::NAN, f64::NAN);
    }
    if q > 0.5 {
        let (y, x) = beta_inc_inv(b, a, 1.0 - q);
        return (x, y);
    }
    if q == 0.0 {
        return (0.0, 1.0);
    }
    // Solve on x ∈ (0, 1): I_x is increasing; keep a bracket [lo, hi].
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    let mut x = (a / (a + b)).clamp(1e-6, 1.0 - 1e-6);
    for _ in 0..400 {
        let (i, _) = beta_inc(a, b, x);
        let f = i - q;
        if f == 0.0 {
            break;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let pdf = beta_pdf(a, b, x);
        let mut next = x - f / pdf;
        if !(next > lo && next < hi && next.is_finite()) {
            // Bisect, geometrically near 0 where the root may be tiny.
            next = if lo > 0.0 && hi / lo > 4.0 {
                (lo * hi).sqrt()
            } else if lo == 0.0 {
                hi / 16.0
            } else {
                0.5 * (lo + hi)
            };
        }
        let step = (next - x).abs();
        x = next;
        if step <= 1e-16 * x.max(1e-300) {
            break;
        }
    }
    (x, 1.0 - x)
}

/// Upper tail P(F > f) of the F distribution with `d1`, `d2` degrees of freedom (SciPy's
/// `f.sf`).
pub fn f_sf(f: f64, d1: f64, d2: f64) -> f64 {
    if f <= 0.0 {
        return 1.0;
    }
    // P(F > f) = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2).
    beta_inc(d2 / 2.0, d1 / 2.0, d2 / (d2 + d1 * f)).0
}

/// The quantile of the F distribution: the f with P(F ≤ f) = p (SciPy's `f.ppf`).
pub fn f_ppf(p: f64, d1: f64, d2: f64) -> f64 {
    // F = (d2 / d1) · x / (1 − x) with x ~ Beta(d1 / 2, d2 / 2).
    let (x, one_minus_x) = beta_inc_inv(d1 / 2.0, d2 / 2.0, p);
    d2 * x / (d1 * one_minus_x)
}

/// The standard normal density.
pub fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_gamma_of_integers_and_a_half() {
        // Γ(5) = 24, Γ(1/2) = √π.
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-14);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
        assert!(ln_gamma(-1.0).is_nan());
    }

    #[test]
    fn incomplete_beta_closed_forms() {
        // I_x(1, 1) = x; I_x(a, 1) = x^a.
        let (i, j) = beta_inc(1.0, 1.0, 0.3);
        assert!((i - 0.3).abs() < 1e-15 && (j - 0.7).abs() < 1e-15);
        assert!((beta_inc(3.0, 1.0, 0.5).0 - 0.125).abs() < 1e-15);
        let (x, _) = beta_inc_inv(3.0, 1.0, 0.125);
        assert!((x - 0.5).abs() < 1e-14);
        let (x, y) = beta_inc_inv(2.5, 7.0, 0.975);
        assert!((beta_inc(2.5, 7.0, x).0 - 0.975).abs() < 1e-14 && (x + y - 1.0).abs() < 1e-15);
    }
}
