//! The full module (`www/pkg`, and `www/pkg-node` for Node): the trainer's bindings, the exam
//! bindings and the shared ones. Its exports are exactly those of the crates it links.

// Named so that the crate is linked (an unused dependency is not), and its exports with it.
pub use kaohe_wasm_trainer;
