//! The samples the page ships load, and every sample blueprint assembles for any seed.
use kaohe::exam::{assemble_paper, candidate_view, Bank, Blueprint};

const BANK: &str = include_str!("../www/samples/bank.json");
const BLUEPRINTS: [(&str, &str); 3] = [
    (
        "blueprint.json",
        include_str!("../www/samples/blueprint.json"),
    ),
    (
        "blueprint-practice.json",
        include_str!("../www/samples/blueprint-practice.json"),
    ),
    (
        "blueprint-newhire.json",
        include_str!("../www/samples/blueprint-newhire.json"),
    ),
];

#[test]
fn every_sample_blueprint_assembles_for_many_seeds() {
    let bank = Bank::from_json(BANK).unwrap();
    assert!(bank.items().len() >= 60);
    for (name, text) in BLUEPRINTS {
        let blueprint = Blueprint::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        blueprint
            .validate_against(&bank)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        for seed in 0..200 {
            let paper = assemble_paper(&bank, &blueprint, seed).unwrap();
            let view = candidate_view(&bank, &paper).unwrap();
            let expected: u32 = blueprint
                .sections
                .iter()
                .map(|s| s.fixed.len() as u32 + s.draw.iter().map(|d| d.count).sum::<u32>())
                .sum();
            assert_eq!(view.item_count, expected, "{name} seed {seed}");
        }
    }
}

#[test]
fn the_sectioned_sample_limits_each_section() {
    let blueprint = Blueprint::from_json(BLUEPRINTS[2].1).unwrap();
    assert!(blueprint
        .sections
        .iter()
        .all(|s| s.time_limit_seconds == Some(600)));
    assert_eq!(blueprint.time_limit_seconds, Some(1500));
    assert_eq!(
        blueprint.pass_mark(),
        90.0,
        "the domain's new-hire product test ≥ 90"
    );
}
