//! Sympson–Hetter exposure control in the adaptive test: parameters calibrated by simulation cap
//! the most used item near the target rate (where randomesque and pure maximum information do
//! not), a refused item is passed over, a resumed test still picks the same item, and the
//! precision lost stays small.

use kaohe::analytics::irt::simulate::bank;
use kaohe::exam::adaptive::{
    calibrate_exposure, simulate, AdaptiveItem, AdaptiveSettings, AdaptiveTest,
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

fn pure_max_info() -> AdaptiveSettings {
    AdaptiveSettings {
        area_targets: vec![1.0; 4],
        randomesque: 1,
        ..AdaptiveSettings::default()
    }
}

#[test]
fn calibrated_parameters_cap_the_exposure_near_the_target() {
    let bank = items(300, 4);
    let plain = pure_max_info();
    let calibration = calibrate_exposure(&bank, &plain, 0.25, 400, 12, 3);
    assert_eq!(calibration.parameters.len(), bank.len());
    assert!(calibration.parameters.iter().all(|k| *k > 0.0 && *k <= 1.0));
    assert!(
        calibration.parameters.iter().any(|k| *k < 0.5),
        "the most informative items are held back"
    );
    let controlled = AdaptiveSettings {
        exposure_parameters: calibration.parameters.clone(),
        ..plain.clone()
    };
    // On agents the calibration did not see (another seed).
    let (without, _) = simulate(&bank, &plain, 400, 30, 99);
    let (with, _) = simulate(&bank, &controlled, 400, 30, 99);
    assert!(without.max_exposure > 0.9, "{without:?}");
    assert!(with.max_exposure < 0.35, "{with:?}");
    // Precision pays a little, not much.
    assert!(with.rmse < without.rmse + 0.08, "{with:?} vs {without:?}");
    assert!(with.bias.abs() < 0.1, "{with:?}");
    // Reproducible from its seed.
    assert_eq!(
        calibration,
        calibrate_exposure(&bank, &plain, 0.25, 400, 12, 3)
    );
}

#[test]
fn a_refused_item_is_passed_over_and_a_resumed_test_agrees() {
    let bank = items(60, 1);
    let plain = AdaptiveSettings {
        randomesque: 1,
        seed: 5,
        ..AdaptiveSettings::default()
    };
    let first = AdaptiveTest::new(bank.len(), &plain)
        .next_item(&bank, &plain)
        .unwrap();
    // k = 0 for the most informative item: it is never given while another can be.
    let mut k = vec![1.0; bank.len()];
    k[first as usize] = 0.0;
    let controlled = AdaptiveSettings {
        exposure_parameters: k,
        ..plain.clone()
    };
    let mut test = AdaptiveTest::new(bank.len(), &controlled);
    let mut order = Vec::new();
    while let Some(item) = test.next_item(&bank, &controlled) {
        assert_ne!(item, first);
        order.push(item);
        test.record(&bank, item, order.len() % 3 != 0);
        // After every response a reload (replay) picks the same next item.
        let resumed = AdaptiveTest::replay(&bank, &controlled, &test.responses);
        assert_eq!(
            resumed.next_item(&bank, &controlled),
            test.next_item(&bank, &controlled)
        );
        assert_eq!(resumed.theta, test.theta);
    }
    assert!(order.len() >= 5);
    // Every item refused: the most informative is given rather than none.
    let refuse_all = AdaptiveSettings {
        exposure_parameters: vec![0.0; bank.len()],
        ..plain.clone()
    };
    assert_eq!(
        AdaptiveTest::new(bank.len(), &refuse_all).next_item(&bank, &refuse_all),
        Some(first)
    );
}
