//! Exports of a plan: CSV for Excel ([`csv`]), iCalendar for Outlook, 钉钉 and Google Calendar
//! ([`ics`]) and the plan JSON itself ([`plan_json`]). Printing is the page's job (HTML + print
//! CSS) over the same plan JSON.

pub mod csv;
pub mod ics;

use crate::error::Error;
use crate::plan::generate::Plan;

/// The plan as pretty JSON (the storage and exchange format, read back with
/// `format::decode_json::<Plan>`).
pub fn plan_json(plan: &Plan) -> Result<String, Error> {
    Ok(crate::format::to_json_pretty(plan))
}
