//! Adaptive recertification (自适应复训考试): a computerized adaptive test over a calibrated bank.
//!
//! - **Start**: θ = `start_theta` (0, the population mean), posterior = the N(0, 1) prior.
//! - **Next item**: the content area furthest below its target share (Kingsbury & Zara 1989:
//!   target share − share given so far; ties to the lower index), then, among that area's items
//!   not yet given, the `randomesque` most informative at the current θ (Fisher information
//!   a² P (1 − P)), one of them drawn at random (Kingsbury & Zara's randomesque exposure
//!   control). The draw is seeded by (seed, step), so a resumed test picks the same item.
//! - **Sympson–Hetter exposure control** (instead of randomesque when `exposure_parameters` is
//!   set): the area's items in order of information are offered one by one; item i is given with
//!   probability k_i, else the next is offered (at this step only); if every one is refused, the
//!   most informative is given. The k_i come from [`calibrate_exposure`]: simulate, then
//!   k_i = r / P(offered_i) where P(offered_i) > r, else 1, and repeat (Sympson & Hetter 1985),
//!   so that no item is given to more than about a share r of candidates.
//! - **Update**: EAP over a fixed grid (the posterior is kept as log-densities on the nodes and
//!   updated by one log P or log (1 − P) per response).
//! - **Stop**: when the posterior SD ≤ `target_se` after at least `min_items`, or at
//!   `max_items`, or when the bank is exhausted.
//!
//! The state is the list of (item, response) pairs plus the settings: replaying it gives the
//! same θ and the same next item, so an attempt survives a reload like any other.

use crate::analytics::irt::simulate::{normal, uniform};
use crate::analytics::irt::{probability, Quadrature};
use crate::error::{index_path, Error, ErrorCode};
use crate::exam::SplitMix64;
use crate::format::{FromJson, ToJson};

/// One calibrated item of the adaptive bank.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveItem {
    /// Discrimination a (1 for Rasch items).
    pub a: f64,
    /// Difficulty b.
    pub b: f64,
    /// Content area (competency dimension) index.
    pub area: u32,
}

/// The rules of an adaptive test.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveSettings {
    /// θ before the first response.
    #[serde(default)]
    pub start_theta: f64,
    /// Never stop before this many items.
    #[serde(default = "default_min")]
    pub min_items: u32,
    /// Always stop at this many items.
    #[serde(default = "default_max")]
    pub max_items: u32,
    /// Stop once the posterior SD is at most this.
    #[serde(default = "default_se")]
    pub target_se: f64,
    /// Draw the next item among this many most informative ones (1 = pure maximum information).
    #[serde(default = "default_randomesque")]
    pub randomesque: u32,
    /// Target share of each content area (any positive numbers; normalised). Empty = no balancing.
    #[serde(default)]
    pub area_targets: Vec<f64>,
    /// Seed of the randomesque and Sympson–Hetter draws.
    #[serde(default)]
    pub seed: u32,
    /// Sympson–Hetter exposure-control parameter per bank item (probability of giving the item
    /// when it is offered), from [`calibrate_exposure`]. Empty = randomesque instead; a missing
    /// entry counts as 1.
    #[serde(default)]
    pub exposure_parameters: Vec<f64>,
}

fn default_min() -> u32 {
    5
}
fn default_max() -> u32 {
    30
}
fn default_se() -> f64 {
    0.3
}
fn default_randomesque() -> u32 {
    5
}

impl Default for AdaptiveSettings {
    fn default() -> Self {
        AdaptiveSettings {
            start_theta: 0.0,
            min_items: default_min(),
            max_items: default_max(),
            target_se: default_se(),
            randomesque: default_randomesque(),
            area_targets: Vec::new(),
            seed: 0,
            exposure_parameters: Vec::new(),
        }
    }
}

/// The grid of the EAP update: 61 Gauss–Legendre nodes on [−5, 5] with N(0, 1) weights
/// (node spacing ≈ 0.1–0.25, fine for posteriors of tests up to ~60 items).
pub const CAT_QUADRATURE: Quadrature = Quadrature::GaussLegendre {
    points: 61,
    lower: -5.0,
    upper: 5.0,
};

/// The nodes of [`CAT_QUADRATURE`] (ascending), as `CAT_QUADRATURE.nodes().0` computes them,
/// printed with `{:?}` (which round-trips exactly). A table rather than the computation: the
/// rule's Newton iteration starts from a cosine, whose argument reduction alone was ≈ 6 KB of
/// the adaptive module (docs/statistics-irt.md, section 4). The device and the trainer's
/// verification both replay through [`AdaptiveTest`], so both use these same numbers;
/// tests/exam_adaptive.rs checks them against the computation bit for bit. (Half of the rule on
/// [−1, 1], scaled at run time, was measured too: 119 bytes gzip more, the scaling's code
/// outweighing the 61 numbers saved.)
pub const CAT_NODES: [f64; 61] = [
    -4.996177988156817,
    -4.979872999075601,
    -4.950583726162585,
    -4.908380056420186,
    -4.853371294165915,
    -4.785700759564921,
    -4.705544933406806,
    -4.613112906914776,
    -4.5086458123700055,
    -4.3924161860744055,
    -4.264727254238317,
    -4.125912140543299,
    -3.976332996411798,
    -3.8163800558615613,
    -3.6464706172473256,
    -3.4670479544724557,
    -3.2785801604753546,
    -3.081558925989609,
    -2.876498256754153,
    -2.6639331325146265,
    -2.4444181113112604,
    -2.218525882692658,
    -1.986845773628783,
    -1.7499822110203347,
    -1.5085531448151537,
    -1.263188435845267,
    -1.0145282125902924,
    -0.7632212011540762,
    -0.5099230328113702,
    -0.2552945335398711,
    0.0,
    0.2552945335398711,
    0.5099230328113702,
    0.7632212011540762,
    1.0145282125902924,
    1.263188435845267,
    1.5085531448151537,
    1.7499822110203347,
    1.986845773628783,
    2.218525882692658,
    2.4444181113112604,
    2.663933132514627,
    2.876498256754153,
    3.0815589259896097,
    3.2785801604753555,
    3.4670479544724557,
    3.646470617247326,
    3.8163800558615613,
    3.9763329964117986,
    4.125912140543299,
    4.264727254238318,
    4.392416186074406,
    4.5086458123700055,
    4.613112906914775,
    4.705544933406806,
    4.78570075956492,
    4.853371294165914,
    4.908380056420185,
    4.950583726162584,
    4.979872999075601,
    4.996177988156818,
];

/// The weights of [`CAT_QUADRATURE`] (Gauss–Legendre weights × the N(0, 1) density), as
/// `CAT_QUADRATURE.nodes().1` computes them; see [`CAT_NODES`].
pub const CAT_WEIGHTS: [f64; 61] = [
    1.4861863007207256e-8,
    3.748600373706392e-8,
    6.798669296072169e-8,
    1.1382474323393727e-7,
    1.8788436157824343e-7,
    3.13698449735381e-7,
    5.357617659513492e-7,
    9.402501456054496e-7,
    1.6971500946093242e-6,
    3.1464628709324576e-6,
    5.974764345926349e-6,
    1.1575114705639301e-5,
    2.277251246248477e-5,
    4.5259006122470235e-5,
    9.035565274126036e-5,
    0.00018013002917895303,
    0.0003564069904773559,
    0.0006955880570785361,
    0.0013308447925255702,
    0.002481071339211615,
    0.004480561230421723,
    0.007794011435853743,
    0.01299026826463794,
    0.02064252158188252,
    0.03113471738966633,
    0.04439437209105966,
    0.05963591847421069,
    0.07525423892346139,
    0.08900348847365862,
    0.09849653616982167,
    0.10189209137582605,
    0.09849653616982167,
    0.08900348847365862,
    0.07525423892346139,
    0.05963591847421069,
    0.04439437209105966,
    0.03113471738966633,
    0.02064252158188252,
    0.01299026826463794,
    0.007794011435853743,
    0.004480561230421723,
    0.002481071339211612,
    0.0013308447925255702,
    0.0006955880570785335,
    0.00035640699047735495,
    0.00018013002917895303,
    9.035565274126018e-5,
    4.5259006122470235e-5,
    2.2772512462484728e-5,
    1.1575114705639301e-5,
    5.974764345926328e-6,
    3.146462870932446e-6,
    1.6971500946093242e-6,
    9.40250145605453e-7,
    5.357617659513492e-7,
    3.1369844973538267e-7,
    1.8788436157824443e-7,
    1.1382474323393787e-7,
    6.798669296072194e-8,
    3.748600373706392e-8,
    1.4861863007207205e-8,
];

/// A test in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct AdaptiveTest {
    nodes: Vec<f64>,
    log_post: Vec<f64>,
    given: Vec<bool>,
    /// (item, response) in the order given.
    pub responses: Vec<(u32, bool)>,
    area_counts: Vec<u32>,
    /// Current EAP θ.
    pub theta: f64,
    /// Current posterior SD.
    pub se: f64,
}

impl AdaptiveTest {
    /// A fresh test over a bank of `bank_len` items.
    pub fn new(bank_len: usize, settings: &AdaptiveSettings) -> Self {
        let log_post: Vec<f64> = CAT_WEIGHTS.iter().map(|w| w.ln()).collect();
        let mut test = AdaptiveTest {
            nodes: CAT_NODES.to_vec(),
            log_post,
            given: vec![false; bank_len],
            responses: Vec::new(),
            area_counts: vec![0; settings.area_targets.len()],
            theta: settings.start_theta,
            se: 1.0,
        };
        test.theta = settings.start_theta;
        test
    }

    /// Rebuilds a test from its responses (after a reload). Unknown or repeated items are skipped.
    pub fn replay(
        bank: &[AdaptiveItem],
        settings: &AdaptiveSettings,
        given: &[(u32, bool)],
    ) -> Self {
        let mut test = AdaptiveTest::new(bank.len(), settings);
        for &(item, correct) in given {
            test.record(bank, item, correct);
        }
        test
    }

    /// Records a response and updates the EAP. Returns false (and changes nothing) for an item
    /// that is not in the bank or was already given.
    pub fn record(&mut self, bank: &[AdaptiveItem], item: u32, correct: bool) -> bool {
        let Some(it) = bank.get(item as usize) else {
            return false;
        };
        if self.given.get(item as usize).copied().unwrap_or(true) {
            return false;
        }
        self.given[item as usize] = true;
        self.responses.push((item, correct));
        if let Some(c) = self.area_counts.get_mut(it.area as usize) {
            *c += 1;
        }
        for (lp, &t) in self.log_post.iter_mut().zip(&self.nodes) {
            let p = probability(t, it.a, it.b);
            *lp += if correct { p.ln() } else { (1.0 - p).ln() };
        }
        let max = self
            .log_post
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
        for (lp, &t) in self.log_post.iter().zip(&self.nodes) {
            let w = (lp - max).exp();
            s0 += w;
            s1 += w * t;
            s2 += w * t * t;
        }
        self.theta = s1 / s0;
        self.se = (s2 / s0 - self.theta * self.theta).max(0.0).sqrt();
        true
    }

    /// Whether the test is over.
    pub fn finished(&self, bank: &[AdaptiveItem], settings: &AdaptiveSettings) -> bool {
        let n = self.responses.len() as u32;
        n >= settings.max_items
            || n >= bank.len() as u32
            || (n >= settings.min_items && self.se <= settings.target_se)
    }

    /// The next item to give, or `None` when the test is over.
    pub fn next_item(&self, bank: &[AdaptiveItem], settings: &AdaptiveSettings) -> Option<u32> {
        self.select(bank, settings, &mut |_| {})
    }

    /// [`Self::next_item`], calling `offered(item)` for every item Sympson–Hetter offers on the
    /// way (what [`calibrate_exposure`] counts).
    fn select(
        &self,
        bank: &[AdaptiveItem],
        settings: &AdaptiveSettings,
        offered: &mut dyn FnMut(u32),
    ) -> Option<u32> {
        if self.finished(bank, settings) {
            return None;
        }
        let area = self.next_area(bank, settings);
        let mut candidates: Vec<(f64, u32)> = bank
            .iter()
            .enumerate()
            .filter(|(i, it)| !self.given[*i] && area.is_none_or(|a| it.area == a))
            .map(|(i, it)| {
                let p = probability(self.theta, it.a, it.b);
                (it.a * it.a * p * (1.0 - p), i as u32)
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let step = self.responses.len() as u64;
        let mut rng = SplitMix64::new(settings.seed);
        // Skip ahead deterministically: the draw at step s is the s-th of the seed's stream.
        for _ in 0..step {
            rng.next_u64();
        }
        if !settings.exposure_parameters.is_empty() {
            // The step's own stream of uniforms, so a replayed test makes the same draws.
            let z = rng.next_u64();
            let mut draws = SplitMix64::new((z ^ (z >> 32)) as u32);
            for rank in 0..candidates.len() {
                let item = rank_next(&mut candidates, rank);
                offered(item);
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
        let pick = rng.below(top);
        let mut item = None;
        for rank in 0..=pick {
            item = Some(rank_next(&mut candidates, rank));
        }
        item
    }

    /// The content area furthest below its target share that still has items, or `None`
    /// without targets.
    fn next_area(&self, bank: &[AdaptiveItem], settings: &AdaptiveSettings) -> Option<u32> {
        let total: f64 = settings.area_targets.iter().filter(|t| **t > 0.0).sum();
        if total <= 0.0 {
            return None;
        }
        let given = self.responses.len() as f64;
        let mut best: Option<(f64, u32)> = None;
        for (a, &target) in settings.area_targets.iter().enumerate() {
            if target <= 0.0 {
                continue;
            }
            let available = bank
                .iter()
                .enumerate()
                .any(|(i, it)| it.area == a as u32 && !self.given[i]);
            if !available {
                continue;
            }
            let share = if given > 0.0 {
                f64::from(self.area_counts[a]) / given
            } else {
                0.0
            };
            let deficit = target / total - share;
            if best.is_none_or(|(d, _)| deficit > d + 1e-12) {
                best = Some((deficit, a as u32));
            }
        }
        best.map(|b| b.1)
    }
}

/// Puts the candidate that ranks `rank`-th (0-based) in the order of information, highest first,
/// ties to the lower item, at `candidates[rank]` and returns its item, given that the first
/// `rank` places already hold the `rank` best: one step of a selection sort. The first k calls
/// give the first k of the fully sorted order (the order is total: items are distinct), so the
/// step ranks only as far as it draws (the randomesque pick is among the first few) and the
/// adaptive module links no general sort. `rank` < `candidates.len()`.
fn rank_next(candidates: &mut [(f64, u32)], rank: usize) -> u32 {
    let mut best = rank;
    for j in rank + 1..candidates.len() {
        let (x, b) = (candidates[j], candidates[best]);
        if x.0.total_cmp(&b.0).then(b.1.cmp(&x.1)).is_gt() {
            best = j;
        }
    }
    candidates.swap(rank, best);
    candidates[rank].1
}

/// What a simulation of many agents shows.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SimulationReport {
    /// Simulated agents.
    pub agents: u32,
    /// Mean number of items given.
    pub mean_length: f64,
    /// Mean (θ̂ − θ).
    pub bias: f64,
    /// √mean (θ̂ − θ)².
    pub rmse: f64,
    /// Largest share of agents who saw any one item.
    pub max_exposure: f64,
    /// Share of agents whose test ended at the target SE (not at the maximum length).
    pub reached_target: f64,
}

/// Simulates `agents` agents with θ ~ N(0, 1) (seeded) taking the adaptive test, and the same
/// agents taking a fixed-length paper of `fixed_length` items drawn at random per agent, evenly
/// across the content areas (as a blueprint draws papers), scored by EAP on the same grid.
/// Returns (adaptive, fixed).
pub fn simulate(
    bank: &[AdaptiveItem],
    settings: &AdaptiveSettings,
    agents: u32,
    fixed_length: u32,
    seed: u32,
) -> (SimulationReport, SimulationReport) {
    let mut rng = SplitMix64::new(seed);
    let areas = bank.iter().map(|i| i.area + 1).max().unwrap_or(0) as usize;
    let mut cat_exposure = vec![0u32; bank.len()];
    let mut fixed_exposure = vec![0u32; bank.len()];
    let (mut cat_err, mut cat_sq, mut cat_len, mut reached) = (0.0, 0.0, 0.0, 0u32);
    let (mut fix_err, mut fix_sq) = (0.0, 0.0);
    for agent in 0..agents {
        let truth = normal(&mut rng);
        let agent_settings = AdaptiveSettings {
            seed: settings.seed.wrapping_add(agent.wrapping_mul(0x9E37_79B9)),
            ..settings.clone()
        };
        let mut test = AdaptiveTest::new(bank.len(), &agent_settings);
        while let Some(item) = test.next_item(bank, &agent_settings) {
            let it = bank[item as usize];
            let correct = uniform(&mut rng) < probability(truth, it.a, it.b);
            test.record(bank, item, correct);
            cat_exposure[item as usize] += 1;
        }
        if test.se <= settings.target_se {
            reached += 1;
        }
        cat_len += test.responses.len() as f64;
        cat_err += test.theta - truth;
        cat_sq += (test.theta - truth).powi(2);
        // Fixed paper: an even share of each area, drawn at random.
        let mut paper: Vec<u32> = Vec::new();
        for area in 0..areas.max(1) {
            let mut pool: Vec<u32> = (0..bank.len() as u32)
                .filter(|&i| areas == 0 || bank[i as usize].area == area as u32)
                .collect();
            let share = (fixed_length as usize * (area + 1)) / areas.max(1)
                - (fixed_length as usize * area) / areas.max(1);
            let take = rng.draw_front(&mut pool, share);
            paper.extend_from_slice(&pool[..take]);
        }
        let mut fixed = AdaptiveTest::new(bank.len(), &agent_settings);
        for &item in &paper {
            let it = bank[item as usize];
            let correct = uniform(&mut rng) < probability(truth, it.a, it.b);
            fixed.record(bank, item, correct);
            fixed_exposure[item as usize] += 1;
        }
        fix_err += fixed.theta - truth;
        fix_sq += (fixed.theta - truth).powi(2);
    }
    let n = f64::from(agents.max(1));
    let max_share = |e: &[u32]| e.iter().copied().max().unwrap_or(0) as f64 / n;
    (
        SimulationReport {
            agents,
            mean_length: cat_len / n,
            bias: cat_err / n,
            rmse: (cat_sq / n).sqrt(),
            max_exposure: max_share(&cat_exposure),
            reached_target: f64::from(reached) / n,
        },
        SimulationReport {
            agents,
            mean_length: f64::from(fixed_length),
            bias: fix_err / n,
            rmse: (fix_sq / n).sqrt(),
            max_exposure: max_share(&fixed_exposure),
            reached_target: 0.0,
        },
    )
}

/// Sympson–Hetter parameters and how they were reached.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ExposureCalibration {
    /// k_i per bank item, for [`AdaptiveSettings::exposure_parameters`].
    pub parameters: Vec<f64>,
    /// The target: no item given to more than this share of candidates.
    pub max_rate: f64,
    /// Largest share of simulated candidates given any one item in the last round.
    pub max_exposure: f64,
    /// Simulation rounds run.
    pub rounds: u32,
}

/// Calibrates Sympson–Hetter parameters by simulation (Sympson & Hetter 1985): `agents` agents
/// with θ ~ N(0, 1) per round; after each round k_i = `max_rate` / P(offered_i) where that share
/// exceeds `max_rate`, else 1. Stops after `rounds` or once the largest exposure is within
/// `max_rate` + 0.01. Seeded, so the parameters are reproducible.
pub fn calibrate_exposure(
    bank: &[AdaptiveItem],
    settings: &AdaptiveSettings,
    max_rate: f64,
    agents: u32,
    rounds: u32,
    seed: u32,
) -> ExposureCalibration {
    let rate = if max_rate.is_finite() {
        max_rate.clamp(1e-3, 1.0)
    } else {
        1.0
    };
    let mut k = vec![1.0; bank.len()];
    let mut max_exposure = 1.0;
    let mut done = 0;
    let n = f64::from(agents.max(1));
    for round in 0..rounds {
        let mut offered = vec![0u32; bank.len()];
        let mut given = vec![0u32; bank.len()];
        let mut rng = SplitMix64::new(seed.wrapping_add(round.wrapping_mul(0x85EB_CA6B)));
        for agent in 0..agents {
            let truth = normal(&mut rng);
            let agent_settings = AdaptiveSettings {
                seed: seed
                    .wrapping_add(agent.wrapping_mul(0x9E37_79B9))
                    .wrapping_add(round),
                exposure_parameters: k.clone(),
                ..settings.clone()
            };
            let mut test = AdaptiveTest::new(bank.len(), &agent_settings);
            while let Some(item) =
                test.select(bank, &agent_settings, &mut |i| offered[i as usize] += 1)
            {
                let it = bank[item as usize];
                let correct = uniform(&mut rng) < probability(truth, it.a, it.b);
                test.record(bank, item, correct);
                given[item as usize] += 1;
            }
        }
        done = round + 1;
        max_exposure = given.iter().copied().max().unwrap_or(0) as f64 / n;
        // Keep the parameters that met the target (the ones just simulated).
        if max_exposure <= rate + 0.01 {
            break;
        }
        for (ki, &o) in k.iter_mut().zip(&offered) {
            let p = f64::from(o) / n;
            *ki = if p > rate { rate / p } else { 1.0 };
        }
    }
    ExposureCalibration {
        parameters: k,
        max_rate: rate,
        max_exposure,
        rounds: done,
    }
}

/// One answered item of an adaptive attempt.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveResponse {
    /// The item's index in `items`.
    pub item: u32,
    /// Whether it was answered correctly.
    pub correct: bool,
}

/// What one step of an adaptive attempt needs: the calibrated bank, the rules and the
/// responses so far (the attempt log's content), so a reload resumes by calling it again.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveStepParams {
    /// The calibrated items.
    pub items: Vec<AdaptiveItem>,
    /// The rules.
    #[serde(default)]
    pub settings: AdaptiveSettings,
    /// Responses in the order given.
    #[serde(default)]
    pub responses: Vec<AdaptiveResponse>,
}

/// Where an adaptive attempt stands.
#[derive(Debug, Clone, Copy, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct AdaptiveStep {
    /// The item to give next (index in `items`); `null` when the test is over.
    pub next_item: Option<u32>,
    /// The EAP ability so far.
    pub theta: f64,
    /// Its posterior SD (the measurement error).
    pub se: f64,
    /// Items answered.
    pub given: u32,
    /// Whether the stop rule is met.
    pub finished: bool,
}

/// Checks the bank, the rules and the responses, replays them and picks the next item.
pub fn adaptive_step(params: &AdaptiveStepParams) -> Result<AdaptiveStep, Error> {
    for (i, it) in params.items.iter().enumerate() {
        if !(it.a.is_finite() && it.a > 0.0) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                index_path("items", i, ".a"),
                "区分度应为正数",
                "discrimination must be a positive number",
            ));
        }
        if !it.b.is_finite() {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                index_path("items", i, ".b"),
                "难度应为有限数值",
                "difficulty must be a finite number",
            ));
        }
    }
    let s = &params.settings;
    let bad_setting = |path: &str, zh: &str, en: &str| {
        Err(Error::new(
            ErrorCode::OutOfRange,
            ["settings.", path].concat(),
            zh.to_string(),
            en.to_string(),
        ))
    };
    if !s.start_theta.is_finite() {
        return bad_setting("startTheta", "起始能力应为有限数值", "must be finite");
    }
    if !(s.target_se.is_finite() && s.target_se >= 0.0) {
        return bad_setting("targetSe", "目标测量误差不能为负", "must be 0 or more");
    }
    if s.min_items > s.max_items {
        return bad_setting(
            "minItems",
            "最少题数不能多于最多题数",
            "must not exceed maxItems",
        );
    }
    if s.area_targets.iter().any(|t| !t.is_finite() || *t < 0.0) {
        return bad_setting(
            "areaTargets",
            "各领域占比不能为负",
            "shares must be 0 or more",
        );
    }
    if s.exposure_parameters
        .iter()
        .any(|k| !(k.is_finite() && (0.0..=1.0).contains(k)))
    {
        return bad_setting(
            "exposureParameters",
            "曝光控制参数应在 0 到 1 之间",
            "each must be between 0 and 1",
        );
    }
    let mut seen = vec![false; params.items.len()];
    for (k, r) in params.responses.iter().enumerate() {
        match seen.get_mut(r.item as usize) {
            None => {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    index_path("responses", k, ".item"),
                    "作答指向不存在的题目",
                    "the response names an item that is not in the bank",
                ))
            }
            Some(true) => {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    index_path("responses", k, ".item"),
                    "同一道题作答了两次",
                    "the item was answered twice",
                ))
            }
            Some(flag) => *flag = true,
        }
    }
    let given: Vec<(u32, bool)> = params
        .responses
        .iter()
        .map(|r| (r.item, r.correct))
        .collect();
    let test = AdaptiveTest::replay(&params.items, s, &given);
    Ok(AdaptiveStep {
        next_item: test.next_item(&params.items, s),
        theta: test.theta,
        se: test.se,
        given: test.responses.len() as u32,
        finished: test.finished(&params.items, s),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_by_selection_is_the_sorted_order() {
        // Exact ties (few distinct values), any starting order: ranking every place gives the
        // stable sort by information descending, item ascending.
        let mut rng = SplitMix64::new(7);
        for n in 1..60 {
            let mut candidates: Vec<(f64, u32)> = (0..n)
                .map(|i| ([0.0, 0.1, 0.25, 0.3][rng.below(4)], i as u32))
                .collect();
            rng.shuffle(&mut candidates);
            let mut sorted = candidates.clone();
            sorted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let ranked: Vec<u32> = (0..candidates.len())
                .map(|rank| rank_next(&mut candidates, rank))
                .collect();
            assert_eq!(ranked, sorted.iter().map(|c| c.1).collect::<Vec<_>>());
            assert_eq!(candidates, sorted);
        }
    }
}
