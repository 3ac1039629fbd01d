//! Turning raw values into levels: piecewise-linear interpolation between anchors and the
//! team percentiles that anchor KPIs.
//!
//! Both are defined so they can be checked against NumPy: [`interpolate_level`] is
//! `numpy.interp(value, anchors, [1, 2, 3, 4, 5])` (clamped at both ends) and [`percentile`] is
//! `numpy.percentile(values, q)` with its default `method="linear"`.

use super::defaults::{LEVEL_MAX, LEVEL_MIN};

/// The level of `value` given the values `anchors[k]` at which level `k + 1` is reached exactly.
///
/// `anchors` must be strictly monotone (increasing when higher is better, decreasing when lower is
/// better; the model validation guarantees it). Below the first anchor the level is 1, beyond the
/// last it is 5, and between two anchors it is interpolated linearly, which gives fractional levels
/// such as 2.4.
pub fn interpolate_level(value: f64, anchors: &[f64; 5]) -> f64 {
    let increasing = anchors[0] < anchors[4];
    // Work on an increasing axis: for decreasing anchors, negate both.
    let sign = if increasing { 1.0 } else { -1.0 };
    let x = value * sign;
    let first = anchors[0] * sign;
    let last = anchors[4] * sign;
    if x <= first {
        return LEVEL_MIN;
    }
    if x >= last {
        return LEVEL_MAX;
    }
    for (k, pair) in anchors.windows(2).enumerate() {
        let (lo, hi) = (pair[0] * sign, pair[1] * sign);
        if x <= hi {
            let span = hi - lo;
            let t = if span > 0.0 { (x - lo) / span } else { 1.0 };
            return LEVEL_MIN + k as f64 + t;
        }
    }
    LEVEL_MAX
}

/// The value at which `level` (1–5) is reached: the inverse of [`interpolate_level`] on the
/// same anchors, so a plan's target is exactly what the model's own rule maps to the planned
/// level. Works for increasing and decreasing anchors; a flat stretch (equal neighbouring team
/// percentiles) is crossed at its end, where [`interpolate_level`] reaches the upper level.
/// `None` when all five anchors are equal (no spread: every value is level 3, so no value
/// reaches any other level) or not finite.
pub fn value_at_level(level: f64, anchors: &[f64; 5]) -> Option<f64> {
    if anchors.iter().any(|a| !a.is_finite()) || anchors[0] == anchors[4] || !level.is_finite() {
        return None;
    }
    let level = level.clamp(LEVEL_MIN, LEVEL_MAX);
    let position = level - LEVEL_MIN;
    let k = (position.floor() as usize).min(3);
    let t = position - k as f64;
    let (lo, hi) = (*anchors.get(k)?, *anchors.get(k + 1)?);
    Some(lo + t * (hi - lo))
}

/// The `q`-th percentile (0–100) of `sorted` (ascending, finite), as NumPy's default
/// `method="linear"` computes it: the value at fractional rank `(n − 1) · q / 100`,
/// interpolated between its neighbours. `None` for an empty slice.
pub fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 || !q.is_finite() {
        return None;
    }
    let rank = (n - 1) as f64 * q.clamp(0.0, 100.0) / 100.0;
    let lo = rank.floor();
    let lo_index = lo as usize;
    let below = *sorted.get(lo_index)?;
    let above = *sorted.get(lo_index + 1).unwrap_or(&below);
    let t = rank - lo;
    // NumPy's lerp: a + t·(b − a), switched to b − (1 − t)·(b − a) for t ≥ 0.5.
    let diff = above - below;
    Some(if t >= 0.5 {
        above - diff * (1.0 - t)
    } else {
        below + diff * t
    })
}

/// Rounds to `decimals` places for display; outputs are rounded so the same input always prints
/// the same JSON and SVG.
pub fn round_to(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let rounded = (value * factor).round() / factor;
    // Avoid "-0" in outputs.
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}

/// The band (the whole level whose anchor is fully reached) of a fractional level: 2.87 → 2.
pub fn band(level: f64) -> u32 {
    let rounded = round_to(level, 2);
    rounded.floor().clamp(LEVEL_MIN, LEVEL_MAX) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_scores_interpolate_and_clamp() {
        let cuts = [30.0, 45.0, 60.0, 75.0, 90.0];
        assert_eq!(interpolate_level(0.0, &cuts), 1.0);
        assert_eq!(interpolate_level(30.0, &cuts), 1.0);
        assert_eq!(interpolate_level(60.0, &cuts), 3.0);
        assert!((interpolate_level(52.5, &cuts) - 2.5).abs() < 1e-12);
        assert_eq!(interpolate_level(100.0, &cuts), 5.0);
    }

    #[test]
    fn decreasing_anchors_reward_lower_values() {
        // AHT in seconds: 600 s is level 1, 240 s is level 5.
        let aht = [600.0, 480.0, 360.0, 300.0, 240.0];
        assert_eq!(interpolate_level(700.0, &aht), 1.0);
        assert!((interpolate_level(420.0, &aht) - 2.5).abs() < 1e-12);
        assert_eq!(interpolate_level(200.0, &aht), 5.0);
        assert!(interpolate_level(300.0, &aht) > interpolate_level(360.0, &aht));
    }

    #[test]
    fn value_at_level_inverts_interpolate_level() {
        let cuts = [30.0, 45.0, 60.0, 75.0, 90.0];
        let aht = [600.0, 480.0, 360.0, 300.0, 240.0];
        for anchors in [cuts, aht] {
            for step in 0..=400 {
                let level = 1.0 + f64::from(step) / 100.0;
                let value = value_at_level(level, &anchors).unwrap();
                assert!(
                    (interpolate_level(value, &anchors) - level).abs() < 1e-9,
                    "{level}"
                );
            }
        }
        assert!((value_at_level(3.46, &cuts).unwrap() - 66.9).abs() < 1e-9);
        assert_eq!(value_at_level(5.0, &cuts), Some(90.0));
        assert_eq!(value_at_level(4.5, &aht), Some(270.0));
        assert_eq!(value_at_level(3.0, &[50.0; 5]), None);
    }

    #[test]
    fn percentile_edges() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[7.0], 90.0), Some(7.0));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), Some(2.5));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 100.0), Some(4.0));
    }

    #[test]
    fn bands_floor_after_rounding() {
        assert_eq!(band(2.87), 2);
        assert_eq!(band(2.9999999), 3);
        assert_eq!(band(5.0), 5);
        assert_eq!(band(1.0), 1);
    }
}
