//! Rater bias (偏差): how far a rater sits above (+) or below (−) the others.
//!
//! - Against the panel: the mean, over the units the rater rated that have at least two ratings,
//!   of (rater's value − the unit's panel mean), the panel mean including the rater. This is
//!   "rater mean − panel mean" over the same units.
//! - Against a reference (an expert's scoring): the mean of (rater's value − reference value) over
//!   the units both rated.
//!
//! `None` where a rater shares no unit.

/// Each column's bias against the unit means (rows = units, columns = raters).
///
/// @example bias_vs_panel(&[vec![Some(4.0), Some(2.0)]]) == vec![Some(1.0), Some(-1.0)]
pub fn bias_vs_panel(units: &super::RatingMatrix) -> Vec<Option<f64>> {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let mut sums = vec![(0.0, 0u32); k];
    for unit in units {
        let given: Vec<f64> = unit.iter().flatten().copied().collect();
        if given.len() < 2 {
            continue;
        }
        let panel = given.iter().sum::<f64>() / given.len() as f64;
        for (j, v) in unit.iter().enumerate() {
            if let (Some(v), Some(acc)) = (v, sums.get_mut(j)) {
                acc.0 += v - panel;
                acc.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(s, c)| (c > 0).then(|| s / f64::from(c)))
        .collect()
}

/// Each column's bias against `reference` (one value per unit, `None` where the expert did not
/// rate).
///
/// @example bias_vs_reference(&[vec![Some(4.0)]], &[Some(3.0)]) == vec![Some(1.0)]
pub fn bias_vs_reference(
    units: &super::RatingMatrix,
    reference: &[Option<f64>],
) -> Vec<Option<f64>> {
    let k = units.iter().map(Vec::len).max().unwrap_or(0);
    let mut sums = vec![(0.0, 0u32); k];
    for (unit, r) in units.iter().zip(reference) {
        let Some(r) = r else { continue };
        for (j, v) in unit.iter().enumerate() {
            if let (Some(v), Some(acc)) = (v, sums.get_mut(j)) {
                acc.0 += v - r;
                acc.1 += 1;
            }
        }
    }
    sums.into_iter()
        .map(|(s, c)| (c > 0).then(|| s / f64::from(c)))
        .collect()
}
