//! Group sessions for the team's common weaknesses: when at least `minPeople` plans share a
//! focus dimension, one workshop replaces the separate ones.

use std::collections::BTreeMap;

use crate::format::{FromJson, ToJson};

use crate::date::Date;
use crate::error::Error;
use crate::i18n::Text;
use crate::plan::catalog::{Catalog, OwnerRole};
use crate::plan::check;
use crate::plan::defaults;
use crate::plan::generate::{implement_window, Plan};

/// When a shared weakness becomes a session, and how many dates to suggest.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct TeamSettings {
    /// People sharing a focus dimension before it becomes a session (2–10,000, default 3).
    pub min_people: u32,
    /// Dates suggested per session (1–8, default 2).
    pub sessions_per_topic: u32,
}

impl Default for TeamSettings {
    fn default() -> Self {
        TeamSettings {
            min_people: defaults::TEAM_MIN_PEOPLE,
            sessions_per_topic: defaults::TEAM_SESSIONS_PER_TOPIC,
        }
    }
}

/// A group session on one dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamSession {
    /// The shared focus dimension.
    pub dimension_id: String,
    /// Workshop topic, e.g. 投诉处理六步法工作坊.
    pub topic: Text,
    /// Who attends, by person id.
    pub participants: Vec<Participant>,
    /// Participants ÷ people in the team (0–1).
    pub share: f64,
    /// Workdays inside the participants' common implementation weeks.
    #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
    pub suggested_dates: Vec<Date>,
    /// Who runs it.
    pub owner: OwnerRole,
    /// One sentence for the team view ("12 人中 5 人（42%）…").
    pub finding: Text,
}

/// A person attending a session.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Participant {
    /// Employee id.
    pub person_id: String,
    /// Display name.
    pub name: String,
}

/// Sessions for every focus dimension shared by at least `minPeople` plans, largest first (then
/// by dimension id). Each person counts once (their latest plan in the list).
///
/// @example `team_sessions(&plans, &Catalog::default_catalog()?, &TeamSettings::default())?`
pub fn team_sessions(
    plans: &[Plan],
    catalog: &Catalog,
    settings: &TeamSettings,
) -> Result<Vec<TeamSession>, Error> {
    sessions_with(plans, catalog, settings, &|p: &Plan| {
        implement_window(&p.phases)
    })
}

/// [`team_sessions`] with each plan's implementation window given by `window`: a cohort keeps
/// its plans without the phases every one of them shares (see `PlanGenerator::attach_rows`).
pub(crate) fn sessions_with(
    plans: &[Plan],
    catalog: &Catalog,
    settings: &TeamSettings,
    window: &dyn Fn(&Plan) -> Option<(Date, Date)>,
) -> Result<Vec<TeamSession>, Error> {
    check::count_in_range(settings.min_people, 2, 10_000, "settings.minPeople")?;
    check::count_in_range(
        settings.sessions_per_topic,
        1,
        8,
        "settings.sessionsPerTopic",
    )?;
    let mut people: BTreeMap<&str, &Plan> = BTreeMap::new();
    for plan in plans {
        people.insert(plan.person_id.as_str(), plan);
    }
    let team_size = people.len();
    let mut by_dimension: BTreeMap<&str, Vec<&Plan>> = BTreeMap::new();
    for plan in people.values() {
        for focus in &plan.focus {
            by_dimension
                .entry(focus.dimension_id.as_str())
                .or_default()
                .push(plan);
        }
    }
    let mut sessions = Vec::new();
    for (dimension_id, members) in by_dimension {
        if members.len() < settings.min_people as usize {
            continue;
        }
        let name = members
            .first()
            .and_then(|p| p.focus.iter().find(|f| f.dimension_id == dimension_id))
            .map(|f| f.name.clone())
            .unwrap_or_else(|| Text::new(dimension_id, dimension_id));
        let topic = catalog.dimension(dimension_id).map_or_else(
            || {
                Text::new(
                    format!("{}专题工作坊", name.zh),
                    format!("{} workshop", name.en),
                )
            },
            |d| d.topic.clone(),
        );
        let share = members.len() as f64 / team_size.max(1) as f64;
        let percent = (share * 100.0).round();
        sessions.push(TeamSession {
            dimension_id: dimension_id.to_string(),
            finding: Text::new(
                format!(
                    "{team_size} 人中 {} 人（{percent}%）以{}为提升重点",
                    members.len(),
                    name.zh
                ),
                format!(
                    "{} of {team_size} people ({percent}%) work on {}",
                    members.len(),
                    name.en
                ),
            ),
            topic,
            participants: members
                .iter()
                .map(|p| Participant {
                    person_id: p.person_id.clone(),
                    name: p.name.clone(),
                })
                .collect(),
            share,
            suggested_dates: suggested_dates(&members, settings.sessions_per_topic, window),
            owner: OwnerRole::Supervisor,
        });
    }
    crate::sort::sort_by(&mut sessions, |a, b| {
        b.participants
            .len()
            .cmp(&a.participants.len())
            .then_with(|| a.dimension_id.cmp(&b.dimension_id))
    });
    Ok(sessions)
}

/// Evenly spread workdays in the common implementation window; when the participants' windows
/// do not overlap, the first participant's window.
fn suggested_dates(
    members: &[&Plan],
    count: u32,
    window: &dyn Fn(&Plan) -> Option<(Date, Date)>,
) -> Vec<Date> {
    let windows: Vec<(Date, Date)> = members.iter().filter_map(|p| window(p)).collect();
    let Some(&first) = windows.first() else {
        return Vec::new();
    };
    let start = windows.iter().map(|w| w.0).max().unwrap_or(first.0);
    let end = windows.iter().map(|w| w.1).min().unwrap_or(first.1);
    let (start, end) = if start <= end { (start, end) } else { first };
    let span = end.days_since(start);
    let calendar = members
        .first()
        .and_then(|p| p.settings.working_calendar().ok())
        .unwrap_or_default();
    let mut dates: Vec<Date> = Vec::new();
    for k in 1..=count as i32 {
        let day = start.add_days(span * k / (count as i32 + 1));
        let mut day = calendar.on_or_after(day);
        if day > end {
            day = calendar.on_or_before(end);
        }
        if !dates.contains(&day) {
            dates.push(day);
        }
    }
    dates
}
