//! How close the seeded parallel-papers heuristic (src/exam/parallel.rs) gets to the optimum of
//! the mixed-integer formulation (tests/support/parallel_mip.rs, good_lp + microlp), on seeded
//! banks of growing size. `cargo run --release --example parallel_mip`
//!
//! The objective is the MIP's: the largest information gap between two papers at any grid
//! point, relative to the information a paper of that length has there on average over the bank.

#[path = "../tests/support/parallel_mip.rs"]
mod parallel_mip;

use std::time::Instant;

use kaohe::analytics::irt::simulate::bank;
use kaohe::exam::adaptive::AdaptiveItem;
use kaohe::exam::parallel::{assemble_parallel, ParallelSpec};

fn main() {
    // `--no-mip` prints the heuristics only (the MIP takes minutes on the larger banks).
    let mip = !std::env::args().any(|a| a == "--no-mip");
    println!(
        "{:<34} {:>10} {:>10} {:>12} {:>10} {:>9} {:>9}",
        "instance", "MIP opt.", "heuristic", "20 restarts", "random", "MIP s", "heur. ms"
    );
    let cases: &[(u32, usize, u32, u32, &[u32])] = &[
        // (seed, bank size, areas, papers, items per area)
        // Larger banks do not finish in minutes: the LP relaxation of a minimax assembly has
        // the bound 0 (fractional items match any curve), so branch and bound prunes little.
        (40, 12, 2, 2, &[2, 2]),
        (42, 18, 2, 3, &[2, 2]),
        (43, 20, 2, 2, &[3, 3]),
        (41, 24, 2, 2, &[3, 3]),
        // Beyond exact solving: the heuristics only (run with --no-mip).
        (31, 240, 4, 3, &[8, 8, 7, 7]),
    ];
    for &(seed, n, areas, papers, counts) in cases {
        let items: Vec<AdaptiveItem> = bank(seed, n)
            .into_iter()
            .enumerate()
            .map(|(i, (a, b))| AdaptiveItem {
                a,
                b,
                area: i as u32 % areas,
            })
            .collect();
        let spec = ParallelSpec {
            papers,
            area_counts: counts.to_vec(),
            max_uses: 1,
            grid: vec![-1.0, 0.0, 1.0],
            seed: 3,
            restarts: 0,
        };
        let t = Instant::now();
        let heuristic = assemble_parallel(&items, &spec).expect("feasible");
        let heur_ms = t.elapsed().as_secs_f64() * 1e3;
        let ours = parallel_mip::objective(&items, &spec, &heuristic.papers);
        let restarted = assemble_parallel(
            &items,
            &ParallelSpec {
                restarts: 20,
                ..spec.clone()
            },
        )
        .expect("feasible");
        let with_restarts = parallel_mip::objective(&items, &spec, &restarted.papers);
        let t = Instant::now();
        let optimum = if mip {
            parallel_mip::solve(&items, &spec, Some(&heuristic.papers)).1
        } else {
            f64::NAN
        };
        let mip_s = t.elapsed().as_secs_f64();
        // The baseline: papers dealt in order from a seeded shuffle of each area.
        let random = {
            let mut rng = kaohe::exam::SplitMix64::new(seed);
            let mut chosen = vec![Vec::new(); papers as usize];
            for area in 0..areas {
                let mut pool: Vec<u32> = (0..n as u32).filter(|&i| i % areas == area).collect();
                rng.shuffle(&mut pool);
                let k = counts[area as usize] as usize;
                for (p, paper) in chosen.iter_mut().enumerate() {
                    paper.extend_from_slice(&pool[p * k..(p + 1) * k]);
                }
            }
            parallel_mip::objective(&items, &spec, &chosen)
        };
        println!(
            "{:<34} {:>10.4} {:>10.4} {:>12.4} {:>10.4} {:>9.2} {:>9.2}",
            format!("{n} items, {papers} papers × {:?}", counts),
            optimum,
            ours,
            with_restarts,
            random,
            mip_s,
            heur_ms
        );
    }
}
