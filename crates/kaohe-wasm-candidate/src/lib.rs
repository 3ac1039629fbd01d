//! The candidate module (`www/pkg-candidate`), which every exam page loads: the exam bindings a
//! candidate's device runs and the shared ones, nothing of the trainer's. Its exports are exactly
//! those of the crates it links; .ci/build checks that none of `kaohe-wasm-trainer`'s is there.

// Named so that the crate is linked (an unused dependency is not), and its exports with it.
pub use kaohe_wasm_exam;
