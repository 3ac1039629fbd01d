//! Parallel papers: blueprint met, overlap bounded, and much closer in information than papers
//! drawn at random from the same bank.

use std::collections::HashSet;

use kaohe::analytics::irt::information;
use kaohe::analytics::irt::simulate::bank;
use kaohe::exam::adaptive::AdaptiveItem;
use kaohe::exam::parallel::{assemble_parallel, ParallelSpec};
use kaohe::exam::SplitMix64;

fn items() -> Vec<AdaptiveItem> {
    bank(31, 240)
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| AdaptiveItem {
            a,
            b,
            area: i as u32 % 4,
        })
        .collect()
}

fn spec(max_uses: u32) -> ParallelSpec {
    ParallelSpec {
        papers: 3,
        area_counts: vec![8, 8, 7, 7],
        max_uses,
        grid: (0..9).map(|i| -2.0 + 0.5 * f64::from(i)).collect(),
        seed: 5,
        restarts: 0,
    }
}

fn relative_gap(bank: &[AdaptiveItem], papers: &[Vec<u32>], grid: &[f64]) -> f64 {
    grid.iter()
        .map(|&t| {
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
            (hi - lo) / (tif.iter().sum::<f64>() / tif.len() as f64)
        })
        .fold(0.0, f64::max)
}

#[test]
fn three_shift_papers_meet_the_blueprint_without_overlap_and_match_closely() {
    let bank = items();
    let s = spec(1);
    let out = assemble_parallel(&bank, &s).unwrap();
    assert_eq!(out.papers.len(), 3);
    let mut seen = HashSet::new();
    for paper in &out.papers {
        let mut counts = [0u32; 4];
        for &i in paper {
            counts[bank[i as usize].area as usize] += 1;
            assert!(seen.insert(i), "item {i} in two papers");
        }
        assert_eq!(counts.to_vec(), s.area_counts);
    }
    // Random papers from the same bank (same blueprint) as the baseline.
    let mut rng = SplitMix64::new(1);
    let mut worst_random: f64 = 0.0;
    for _ in 0..20 {
        let mut papers = vec![Vec::new(); 3];
        for (area, &count) in s.area_counts.iter().enumerate() {
            let mut pool: Vec<u32> = (0..bank.len() as u32)
                .filter(|&i| bank[i as usize].area == area as u32)
                .collect();
            rng.shuffle(&mut pool);
            for (p, paper) in papers.iter_mut().enumerate() {
                let start = p * count as usize;
                paper.extend_from_slice(&pool[start..start + count as usize]);
            }
        }
        worst_random = worst_random.max(relative_gap(&bank, &papers, &s.grid));
    }
    let ours = relative_gap(&bank, &out.papers, &s.grid);
    assert!((ours - out.max_information_gap).abs() < 1e-12);
    eprintln!("information gap: assembled {ours:.4}, worst of 20 random {worst_random:.4}");
    // Measured: 4.2 % (the heuristic stops at a local optimum of single swaps).
    assert!(ours < 0.05, "within 5 % of each other: {ours}");
    assert!(ours < worst_random / 5.0);
    // Seeded: the same spec gives the same papers.
    assert_eq!(assemble_parallel(&bank, &s).unwrap(), out);
}

#[test]
fn bounded_overlap_and_a_pool_too_small() {
    let bank = items();
    let out = assemble_parallel(
        &bank,
        &ParallelSpec {
            papers: 4,
            ..spec(2)
        },
    )
    .unwrap();
    let mut uses = vec![0; bank.len()];
    for paper in &out.papers {
        let distinct: HashSet<_> = paper.iter().collect();
        assert_eq!(distinct.len(), paper.len(), "no repeat inside a paper");
        for &i in paper {
            uses[i as usize] += 1;
        }
    }
    assert!(uses.iter().all(|&u| u <= 2));
    let err = assemble_parallel(
        &bank,
        &ParallelSpec {
            area_counts: vec![30, 8, 7, 7],
            ..spec(1)
        },
    )
    .unwrap_err();
    assert_eq!(err.code().as_str(), "POOL_TOO_SMALL");
    assert_eq!(err.path(), "areaCounts[0]");
}
