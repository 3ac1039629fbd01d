//! Charts rendered as SVG text: the competency radar, the team heatmap and the level
//! distribution bars.
//!
//! Every chart is deterministic (fixed number formatting, no randomness, no clock), so the same
//! input gives byte-identical SVG and tests compare snapshots. Every label is XML-escaped: names
//! come from users. Colors, font sizes and the viewBox are explicit, so the charts print well.

pub mod bars;
pub mod heatmap;
pub mod overview;
pub mod radar;
pub mod svg;
pub mod trend;

pub use bars::distribution_svg;
pub use heatmap::heatmap_svg;
pub use radar::{person_radar, radar_svg, RadarChart, RadarSeries, SeriesStyle};
