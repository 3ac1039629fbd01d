//! The mixed-integer formulation of parallel papers (van der Linden's minimax test assembly),
//! solved exactly by `good_lp` with the pure-Rust `microlp` backend, to measure the seeded
//! heuristic of `src/exam/parallel.rs` against the optimum. Shared by
//! `tests/exam_parallel_mip.rs` and `examples/parallel_mip.rs`.
//!
//! Variables: x_ip ∈ {0, 1} (item i in paper p), l_g, u_g, y ≥ 0. Constraints: every paper meets
//! the blueprint (Σ_{i ∈ area c} x_ip = n_c), every item is used at most `max_uses` times,
//! l_g ≤ Σ_i I_i(θ_g) x_ip ≤ u_g for every paper p and grid point g, and u_g − l_g ≤ y · w_g.
//! Minimise y: the largest information gap between two papers, relative to w_g, the
//! information a paper of the blueprint's length has at θ_g on average over the bank (a scale
//! that does not depend on the solution, so the problem stays linear).

use good_lp::{
    constraint, microlp, variable, variables, Expression, Solution, SolverModel,
    WithInitialSolution,
};
use kaohe::analytics::irt::information;
use kaohe::exam::adaptive::AdaptiveItem;
use kaohe::exam::parallel::ParallelSpec;

/// w_g: the expected information of a paper of the blueprint's length at each grid point.
pub fn scale(bank: &[AdaptiveItem], spec: &ParallelSpec) -> Vec<f64> {
    let per_paper: u32 = spec.area_counts.iter().sum();
    spec.grid
        .iter()
        .map(|&t| {
            let mean = bank
                .iter()
                .map(|it| information(t, it.a, it.b))
                .sum::<f64>()
                / bank.len() as f64;
            mean * f64::from(per_paper)
        })
        .collect()
}

/// The objective for any papers: max over g of (max_p I_p(θ_g) − min_p I_p(θ_g)) / w_g.
pub fn objective(bank: &[AdaptiveItem], spec: &ParallelSpec, papers: &[Vec<u32>]) -> f64 {
    bounds(bank, spec, papers).2
}

/// Per grid point the lowest and highest paper information, and the objective.
fn bounds(
    bank: &[AdaptiveItem],
    spec: &ParallelSpec,
    papers: &[Vec<u32>],
) -> (Vec<f64>, Vec<f64>, f64) {
    let w = scale(bank, spec);
    let (mut lows, mut highs, mut worst) = (Vec::new(), Vec::new(), 0.0f64);
    for (&t, &wg) in spec.grid.iter().zip(&w) {
        let tif: Vec<f64> = papers
            .iter()
            .map(|p| {
                p.iter()
                    .map(|&i| information(t, bank[i as usize].a, bank[i as usize].b))
                    .sum()
            })
            .collect();
        let hi = tif.iter().copied().fold(f64::MIN, f64::max);
        let lo = tif.iter().copied().fold(f64::MAX, f64::min);
        lows.push(lo);
        highs.push(hi);
        worst = worst.max((hi - lo) / wg);
    }
    (lows, highs, worst)
}

/// The optimal papers (item indices, sorted) and the optimal objective. `start` (e.g. the
/// heuristic's papers) is handed to the solver as a first incumbent, which prunes the search;
/// it does not change the optimum. Papers are interchangeable, so they are ordered by their
/// information at the first grid point (a valid cut that removes the N! mirror images).
// x is items × papers: a paper's column is read across rows, which an iterator cannot do.
#[allow(clippy::needless_range_loop)]
pub fn solve(
    bank: &[AdaptiveItem],
    spec: &ParallelSpec,
    start: Option<&[Vec<u32>]>,
) -> (Vec<Vec<u32>>, f64) {
    let papers = spec.papers as usize;
    let w = scale(bank, spec);
    let mut vars = variables!();
    let x: Vec<Vec<_>> = (0..bank.len())
        .map(|_| (0..papers).map(|_| vars.add(variable().binary())).collect())
        .collect();
    let lower: Vec<_> = spec
        .grid
        .iter()
        .map(|_| vars.add(variable().min(0.0)))
        .collect();
    let upper: Vec<_> = spec
        .grid
        .iter()
        .map(|_| vars.add(variable().min(0.0)))
        .collect();
    let y = vars.add(variable().min(0.0));
    let mut initial = Vec::new();
    if let Some(start) = start {
        for (i, row) in x.iter().enumerate() {
            for (p, &v) in row.iter().enumerate() {
                let used = start
                    .get(p)
                    .is_some_and(|paper| paper.contains(&(i as u32)));
                initial.push((v, if used { 1.0 } else { 0.0 }));
            }
        }
        let (lo, hi, gap) = bounds(bank, spec, start);
        for g in 0..spec.grid.len() {
            initial.push((lower[g], lo[g]));
            initial.push((upper[g], hi[g]));
        }
        initial.push((y, gap));
    }
    let mut model = vars.minimise(y).using(microlp);
    if !initial.is_empty() {
        model = model.with_initial_solution(initial);
    }
    let first_point = |p: usize| -> Expression {
        (0..bank.len())
            .map(|i| information(spec.grid[0], bank[i].a, bank[i].b) * x[i][p])
            .sum()
    };
    for p in 1..papers {
        model = model.with(constraint!(first_point(p - 1) >= first_point(p)));
    }
    for p in 0..papers {
        for (area, &count) in spec.area_counts.iter().enumerate() {
            let sum: Expression = (0..bank.len())
                .filter(|&i| bank[i].area as usize == area)
                .map(|i| x[i][p])
                .sum();
            model = model.with(constraint!(sum == f64::from(count)));
        }
        for (g, &t) in spec.grid.iter().enumerate() {
            let tif: Expression = (0..bank.len())
                .map(|i| information(t, bank[i].a, bank[i].b) * x[i][p])
                .sum();
            model = model.with(constraint!(tif.clone() >= lower[g]));
            model = model.with(constraint!(tif <= upper[g]));
        }
    }
    for row in &x {
        let uses: Expression = row.iter().copied().sum();
        model = model.with(constraint!(uses <= f64::from(spec.max_uses)));
    }
    for g in 0..spec.grid.len() {
        model = model.with(constraint!(upper[g] - lower[g] <= w[g] * y));
    }
    let solution = model.solve().expect("the assembly problem is feasible");
    let chosen: Vec<Vec<u32>> = (0..papers)
        .map(|p| {
            (0..bank.len() as u32)
                .filter(|&i| solution.value(x[i as usize][p]) > 0.5)
                .collect()
        })
        .collect();
    (chosen, solution.value(y))
}
