//! The binding: the only module that names wasm-bindgen.
