//! The lite module (`www/pkg-lite`), which the page's trainer views load: the trainer's bindings
//! without the heavy statistics (feature `stats` of `kaohe-wasm-trainer`: cohort scoring and item
//! analysis, rater agreement, IRT), the exam bindings and the shared ones, built for size. The
//! routes that need the statistics load the full module. Its exports are exactly those of the
//! crates it links.

// Named so that the crate is linked (an unused dependency is not), and its exports with it.
pub use kaohe_wasm_trainer;
