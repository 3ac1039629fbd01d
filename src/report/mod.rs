//! See the crate docs; filled in by its own change.
