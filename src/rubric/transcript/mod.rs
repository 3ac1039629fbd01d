//! Role-play transcripts (通话记录): parsing, indicators, and suggested criterion scores.
//!
//! - [`parse`]: text lines like `[00:01:05] 客服：您好…` or a JSON array of lines;
//! - [`config`]: lexicons, step frameworks and bands (defaults from [`crate::rubric::defaults`]);
//! - [`indicators`]: positive and forbidden phrases, step coverage and order, time to first
//!   solution, speech rate, talk ratio, interruptions; each match with its line and offsets;
//! - [`suggestions`]: indicator → suggested value for criteria linked by `indicator`.

pub mod config;
pub mod indicators;
pub mod input;
pub mod parse;
pub mod suggestions;
