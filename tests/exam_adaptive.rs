//! The adaptive test: its rules (content balancing, stop rule, resumability) and a small
//! simulation that must beat a fixed paper of the same bank.

use kaohe::analytics::irt::simulate::bank;
use kaohe::analytics::irt::{eap, Quadrature};
use kaohe::exam::adaptive::{
    simulate, AdaptiveItem, AdaptiveSettings, AdaptiveTest, CAT_QUADRATURE,
};

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
