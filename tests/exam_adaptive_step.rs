//! `adaptive_step`, the candidate device's one call: it is the replayed test (same item, same
//! θ), a reload (calling it again with the log's responses) resumes exactly, and bad input is an
//! error with a path, never a panic.

use kaohe::analytics::irt::simulate::bank;
use kaohe::exam::adaptive::{
    adaptive_step, AdaptiveItem, AdaptiveResponse, AdaptiveSettings, AdaptiveStepParams,
    AdaptiveTest,
};

fn params() -> AdaptiveStepParams {
    AdaptiveStepParams {
        items: bank(9, 80)
            .into_iter()
            .enumerate()
            .map(|(i, (a, b))| AdaptiveItem {
                a,
                b,
                area: i as u32 % 2,
            })
            .collect(),
        settings: AdaptiveSettings {
            area_targets: vec![1.0, 1.0],
            seed: 4,
            ..AdaptiveSettings::default()
        },
        responses: Vec::new(),
    }
}

#[test]
fn a_whole_attempt_step_by_step_is_the_replayed_test() {
    let mut p = params();
    let mut live = AdaptiveTest::new(p.items.len(), &p.settings);
    loop {
        let step = adaptive_step(&p).unwrap();
        assert_eq!(step.next_item, live.next_item(&p.items, &p.settings));
        assert_eq!(step.theta, live.theta);
        assert_eq!(step.given as usize, p.responses.len());
        let Some(item) = step.next_item else {
            assert!(step.finished);
            break;
        };
        assert!(!step.finished);
        let correct = p.responses.len() % 3 != 1;
        live.record(&p.items, item, correct);
        p.responses.push(AdaptiveResponse { item, correct });
    }
    assert!(p.responses.len() >= 5 && p.responses.len() <= 30);
}

#[test]
fn bad_input_is_an_error_with_a_path() {
    let mut p = params();
    p.items[3].a = 0.0;
    assert_eq!(adaptive_step(&p).unwrap_err().path(), "items[3].a");
    let mut p = params();
    p.responses = vec![
        AdaptiveResponse {
            item: 1,
            correct: true,
        },
        AdaptiveResponse {
            item: 1,
            correct: false,
        },
    ];
    let e = adaptive_step(&p).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path()),
        ("DUPLICATE_ID", "responses[1].item")
    );
    let mut p = params();
    p.responses = vec![AdaptiveResponse {
        item: 80,
        correct: true,
    }];
    assert_eq!(adaptive_step(&p).unwrap_err().path(), "responses[0].item");
    let mut p = params();
    p.settings.exposure_parameters = vec![1.5];
    assert_eq!(
        adaptive_step(&p).unwrap_err().path(),
        "settings.exposureParameters"
    );
    let mut p = params();
    p.settings.min_items = 40;
    assert_eq!(adaptive_step(&p).unwrap_err().path(), "settings.minItems");
}
