//! The adaptive test: its rules (content balancing, stop rule, resumability) and a small
//! simulation that must beat a fixed paper of the same bank.

use kaohe::analytics::irt::probability;
use kaohe::analytics::irt::simulate::bank;
use kaohe::analytics::irt::simulate::uniform;
use kaohe::analytics::irt::{eap, Quadrature};
use kaohe::exam::adaptive::{
    simulate, AdaptiveItem, AdaptiveSettings, AdaptiveTest, CAT_NODES, CAT_QUADRATURE, CAT_WEIGHTS,
};
use kaohe::exam::rng::SplitMix64;

fn items(n: usize, areas: u32) -> Vec<AdaptiveItem> {
    bank(2026, n)
        .into_iter()
        .enumerate()
        .map(|(i, (a, b))| AdaptiveItem {
            a,
            b,
            area: i as u32 % areas,
        })
        .collect()
}

#[test]
fn the_update_is_the_eap_of_the_responses_so_far() {
    let bank = items(60, 3);
    let settings = AdaptiveSettings::default();
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    let mut record = Vec::new();
    let mut ab = Vec::new();
    for (k, item) in [4u32, 17, 33, 2, 50].into_iter().enumerate() {
        assert!(test.record(&bank, item, k % 2 == 0));
        record.push(u8::from(k % 2 == 0));
        let it = bank[item as usize];
        ab.push((it.a, it.b));
    }
    let reference = eap(&record, &ab, &CAT_QUADRATURE);
    assert!((test.theta - reference.theta.value.unwrap()).abs() < 1e-12);
    assert!((test.se - reference.se.value.unwrap()).abs() < 1e-12);
    // A repeated or unknown item changes nothing.
    assert!(!test.record(&bank, 4, true));
    assert!(!test.record(&bank, 999, true));
    assert_eq!(test.responses.len(), 5);
    // The grid is fine enough: the same EAP on 201 nodes differs by < 1e-4.
    let fine = eap(
        &record,
        &ab,
        &Quadrature::GaussLegendre {
            points: 201,
            lower: -8.0,
            upper: 8.0,
        },
    );
    assert!((test.theta - fine.theta.value.unwrap()).abs() < 1e-4);
}

#[test]
fn a_resumed_test_picks_the_same_next_item() {
    let bank = items(120, 4);
    let settings = AdaptiveSettings {
        area_targets: vec![1.0; 4],
        seed: 99,
        ..AdaptiveSettings::default()
    };
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    for k in 0..12 {
        let item = test.next_item(&bank, &settings).unwrap();
        test.record(&bank, item, k % 3 != 0);
        let resumed = AdaptiveTest::replay(&bank, &settings, &test.responses);
        assert_eq!(resumed.theta, test.theta);
        assert_eq!(
            resumed.next_item(&bank, &settings),
            test.next_item(&bank, &settings)
        );
    }
}

#[test]
fn content_areas_follow_their_targets_and_the_stop_rule_holds() {
    let bank = items(200, 4);
    let settings = AdaptiveSettings {
        area_targets: vec![2.0, 1.0, 1.0, 0.0],
        max_items: 20,
        target_se: 0.0,
        ..AdaptiveSettings::default()
    };
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    let mut counts = [0u32; 4];
    while let Some(item) = test.next_item(&bank, &settings) {
        counts[bank[item as usize].area as usize] += 1;
        test.record(&bank, item, item % 2 == 0);
    }
    assert_eq!(test.responses.len(), 20, "stops at the maximum length");
    assert_eq!(counts, [10, 5, 5, 0], "shares 2:1:1:0");
    // Stop at the target SE, but not before the minimum length.
    let settings = AdaptiveSettings {
        min_items: 8,
        target_se: 0.9,
        ..AdaptiveSettings::default()
    };
    let mut test = AdaptiveTest::new(bank.len(), &settings);
    while let Some(item) = test.next_item(&bank, &settings) {
        test.record(&bank, item, true);
    }
    assert_eq!(test.responses.len(), 8);
}

#[test]
fn the_adaptive_test_is_shorter_and_more_accurate_than_a_fixed_paper() {
    let bank = items(300, 4);
    let settings = AdaptiveSettings {
        area_targets: vec![1.0; 4],
        ..AdaptiveSettings::default()
    };
    let (cat, fixed) = simulate(&bank, &settings, 300, 30, 11);
    assert!(cat.mean_length < 30.0, "{cat:?}");
    assert!(cat.rmse < fixed.rmse, "{cat:?} vs {fixed:?}");
    assert!(cat.bias.abs() < 0.1 && fixed.bias.abs() < 0.1);
    assert!(cat.reached_target > 0.8, "{cat:?}");
    // Randomesque among 5 keeps any item below everyone.
    assert!(cat.max_exposure < 0.9, "{cat:?}");
    // Same seed, same report.
    assert_eq!(
        simulate(&bank, &settings, 50, 30, 11),
        simulate(&bank, &settings, 50, 30, 11)
    );
}

#[test]
fn the_grid_table_is_the_computed_rule_bit_for_bit() {
    // The adaptive module uses the table, the rule's computation is what it replaced: the same
    // bits, so a test replayed by the trainer picks the same items as before the table.
    let (nodes, weights) = CAT_QUADRATURE.nodes();
    let bits = |x: &[f64]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&CAT_NODES), bits(&nodes));
    assert_eq!(bits(&CAT_WEIGHTS), bits(&weights));
}

/// The selection as it was written before the ranking by selection (a full stable sort by
/// information, ties to the lower item), without content balancing.
fn next_item_by_sorting(
    bank: &[AdaptiveItem],
    settings: &AdaptiveSettings,
    test: &AdaptiveTest,
) -> Option<u32> {
    if test.finished(bank, settings) {
        return None;
    }
    let given: Vec<u32> = test.responses.iter().map(|r| r.0).collect();
    let mut candidates: Vec<(f64, u32)> = bank
        .iter()
        .enumerate()
        .filter(|(i, _)| !given.contains(&(*i as u32)))
        .map(|(i, it)| {
            let p = probability(test.theta, it.a, it.b);
            (it.a * it.a * p * (1.0 - p), i as u32)
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut rng = SplitMix64::new(settings.seed);
    for _ in 0..test.responses.len() {
        rng.next_u64();
    }
    if !settings.exposure_parameters.is_empty() {
        let z = rng.next_u64();
        let mut draws = SplitMix64::new((z ^ (z >> 32)) as u32);
        for &(_, item) in &candidates {
            let k = settings
                .exposure_parameters
                .get(item as usize)
                .copied()
                .unwrap_or(1.0);
            if uniform(&mut draws) < k {
                return Some(item);
            }
        }
        return candidates.first().map(|c| c.1);
    }
    let top = (settings.randomesque.max(1) as usize).min(candidates.len());
    candidates.get(rng.below(top)).map(|c| c.1)
}

#[test]
fn ranking_by_selection_picks_what_the_full_sort_picked() {
    // Many seeded banks (with exact ties in information: repeated (a, b)), both exposure
    // controls, whole tests: every step's item is the one the sort gave.
    let mut rng = SplitMix64::new(2026);
    let mut steps = 0;
    for case in 0..300u32 {
        let n = 1 + rng.below(if case % 5 == 0 { 300 } else { 40 });
        let bank: Vec<AdaptiveItem> = (0..n)
            .map(|_| AdaptiveItem {
                a: [1.0, 0.8, 1.7][rng.below(3)],
                b: if rng.below(3) == 0 {
                    0.0
                } else {
                    4.0 * uniform(&mut rng) - 2.0
                },
                area: 0,
            })
            .collect();
        let exposure = if case % 2 == 0 {
            Vec::new()
        } else {
            (0..n)
                .map(|_| {
                    if rng.below(2) == 0 {
                        1.0
                    } else {
                        uniform(&mut rng)
                    }
                })
                .collect()
        };
        let settings = AdaptiveSettings {
            randomesque: rng.below(9) as u32,
            seed: case,
            max_items: 40,
            exposure_parameters: exposure,
            ..AdaptiveSettings::default()
        };
        let mut test = AdaptiveTest::new(bank.len(), &settings);
        loop {
            let item = test.next_item(&bank, &settings);
            assert_eq!(
                item,
                next_item_by_sorting(&bank, &settings, &test),
                "case {case}"
            );
            let Some(item) = item else { break };
            steps += 1;
            test.record(&bank, item, rng.below(2) == 0);
        }
    }
    assert!(steps > 3000, "{steps} steps");
}
