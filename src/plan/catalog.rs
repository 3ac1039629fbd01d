//! The catalog of development measures: per competency dimension, the actions a plan can
//! schedule, how often, for how long, with which resources, owned by whom, and what evidence
//! each produces.
//!
//! The default catalog is the domain's measures table (plus entries for the four dimensions the
//! table leaves out), kept as data in `default_catalog.json` so the page can offer it for editing
//! and hand an edited copy back.

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};
use crate::format::{check_schema_version, decode_json};
use crate::i18n::Text;
use crate::plan::check;

/// The catalog format version this build reads.
pub const CATALOG_SCHEMA_VERSION: u32 = 1;

/// The default catalog as JSON text (the domain's measures table), for the page to show and edit.
pub const DEFAULT_CATALOG_JSON: &str = include_str!("default_catalog.json");

/// A catalog of measures: the dimensions it knows and the measures for each.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalog {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// The competency dimensions; an evaluation naming another id is rejected.
    pub dimensions: Vec<CatalogDimension>,
    /// The measures, each tied to one dimension.
    pub measures: Vec<Measure>,
}

/// A competency dimension as the catalog knows it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CatalogDimension {
    /// Dimension id, e.g. `complaint_handling`.
    pub id: String,
    /// Display name, e.g. 投诉处理.
    pub name: Text,
    /// Topic of a group session when several people share this weakness.
    pub topic: Text,
}

/// One development action.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Measure {
    /// Unique id within the catalog, e.g. `ch-role-play`.
    pub id: String,
    /// The dimension this measure develops.
    pub dimension_id: String,
    /// What the person does, e.g. 情景演练（每周 2 次）.
    pub action: Text,
    /// How often it happens.
    pub frequency: Frequency,
    /// Occurrences per period (twice a week = `weekly` × 2); ignored for `daily` and `once`.
    #[serde(default = "one")]
    pub times: u32,
    /// Only during the first N implementation weeks ("weekly for 4 weeks"); absent = all weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub for_weeks: Option<u32>,
    /// Where a one-off (or time-limited) measure sits in the implementation phase.
    #[serde(default)]
    pub timing: Timing,
    /// Minutes per occurrence.
    pub duration_minutes: u32,
    /// Materials and people it needs.
    pub resources: Vec<Text>,
    /// Who is responsible for it happening.
    pub owner: OwnerRole,
    /// What it leaves behind as proof (attendance, a score, a log).
    pub evidence: Text,
}

fn one() -> u32 {
    1
}

/// How often a measure recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Frequency {
    /// Every workday (scheduled as one task per week with 5 occurrences).
    Daily,
    /// `times` per week.
    Weekly,
    /// `times` per month (4 weeks).
    Monthly,
    /// A single occurrence.
    Once,
}

/// Placement of a one-off or time-limited measure within the implementation weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Timing {
    /// At the beginning (a course that the practice builds on).
    Early,
    /// Evenly over the weeks (the default).
    #[default]
    Spread,
    /// At the end (a mock exam before the re-test).
    Late,
}

/// Who owns a measure, a phase or a task (员工, 导师, 主管, HR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum OwnerRole {
    /// 员工: the person following the plan.
    Employee,
    /// 导师: the mentor.
    Mentor,
    /// 主管: the supervisor or team lead.
    Supervisor,
    /// HR.
    Hr,
}

impl OwnerRole {
    /// The role's display name.
    pub fn name(self) -> Text {
        match self {
            OwnerRole::Employee => Text::new("员工", "Employee"),
            OwnerRole::Mentor => Text::new("导师", "Mentor"),
            OwnerRole::Supervisor => Text::new("主管", "Supervisor"),
            OwnerRole::Hr => Text::new("HR", "HR"),
        }
    }
}

impl Catalog {
    /// Checks the catalog against the dimensions of the competency model in use: every
    /// measure's dimension must be one of the model's (`UNKNOWN_DIMENSION` at
    /// `measures[i].dimensionId`, listing the model's ids). Catalog dimensions the model does
    /// not have are allowed as long as no measure uses them.
    pub fn check_against(&self, model: &crate::dimensions::DimensionSet) -> Result<(), Error> {
        for (i, m) in self.measures.iter().enumerate() {
            model.check(&m.dimension_id, &format!("measures[{i}].dimensionId"))?;
        }
        Ok(())
    }

    /// Decodes and validates a catalog from JSON text.
    ///
    /// @example `Catalog::from_json(DEFAULT_CATALOG_JSON)?`
    pub fn from_json(text: &str) -> Result<Catalog, Error> {
        let catalog: Catalog = decode_json(text)?;
        catalog.validate()?;
        Ok(catalog)
    }

    /// `catalog` when given, else the default one.
    pub fn or_default(catalog: Option<Catalog>) -> Result<Catalog, Error> {
        match catalog {
            Some(c) => Ok(c),
            None => Catalog::default_catalog(),
        }
    }

    /// The default catalog (the domain's measures table).
    pub fn default_catalog() -> Result<Catalog, Error> {
        Catalog::from_json(DEFAULT_CATALOG_JSON)
    }

    /// Checks ids, references and numbers; the error path points into the catalog.
    pub fn validate(&self) -> Result<(), Error> {
        check_schema_version(self.schema_version, CATALOG_SCHEMA_VERSION, "catalog")?;
        if self.dimensions.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                "dimensions",
                "目录中没有维度，至少需要一个能力维度",
                "the catalog has no dimensions; expected at least one",
            ));
        }
        for (i, dim) in self.dimensions.iter().enumerate() {
            let path = format!("dimensions[{i}].id");
            check::non_blank(&dim.id, &path)?;
            if self.dimensions[..i].iter().any(|d| d.id == dim.id) {
                return Err(duplicate(&path, &dim.id));
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            let path = format!("measures[{i}]");
            check::non_blank(&m.id, &format!("{path}.id"))?;
            if self.measures[..i].iter().any(|other| other.id == m.id) {
                return Err(duplicate(&format!("{path}.id"), &m.id));
            }
            if self.dimension(&m.dimension_id).is_none() {
                return Err(Error::new(
                    ErrorCode::UnknownDimension,
                    format!("{path}.dimensionId"),
                    format!("措施引用了目录中不存在的维度 “{}”", m.dimension_id),
                    format!(
                        "the measure names dimension \"{}\", which the catalog does not define",
                        m.dimension_id
                    ),
                ));
            }
            let max_times = match m.frequency {
                Frequency::Weekly => 7,
                Frequency::Monthly => 31,
                Frequency::Daily | Frequency::Once => u32::MAX,
            };
            check::count_in_range(m.times, 1, max_times, &format!("{path}.times"))?;
            if let Some(weeks) = m.for_weeks {
                check::count_in_range(weeks, 1, 52, &format!("{path}.forWeeks"))?;
            }
            check::count_in_range(
                m.duration_minutes,
                1,
                24 * 60,
                &format!("{path}.durationMinutes"),
            )?;
        }
        Ok(())
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&CatalogDimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    /// The measures for one dimension, in catalog order.
    pub fn measures_for<'a>(&'a self, dimension_id: &'a str) -> impl Iterator<Item = &'a Measure> {
        self.measures
            .iter()
            .filter(move |m| m.dimension_id == dimension_id)
    }
}

fn duplicate(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::DuplicateId,
        path,
        format!("标识 “{id}” 重复，每个标识必须唯一"),
        format!("id \"{id}\" appears twice; ids must be unique"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_are_checked_against_the_models_dimensions() {
        use crate::dimensions::{DimensionRef, DimensionSet};
        let catalog = Catalog::default_catalog().unwrap();
        catalog.check_against(&DimensionSet::default()).unwrap();
        let only_two = DimensionSet::from_refs(
            vec![
                DimensionRef {
                    id: "product_knowledge".into(),
                    name: "产品知识".into(),
                },
                DimensionRef {
                    id: "corporate_culture".into(),
                    name: "企业文化".into(),
                },
            ],
            "dimensions",
        )
        .unwrap();
        let e = catalog.check_against(&only_two).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownDimension);
        assert!(e.path().starts_with("measures["), "{}", e.path());
        assert!(e.messages().en.contains("corporate_culture"));
    }

    #[test]
    fn default_catalog_covers_every_dimension() {
        let catalog = Catalog::default_catalog().unwrap();
        for (id, _, _) in crate::dimensions::DEFAULT_DIMENSIONS {
            assert!(catalog.dimension(id).is_some(), "{id}");
            assert!(catalog.measures_for(id).count() >= 2, "{id}");
        }
        assert_eq!(catalog.dimensions.len(), 8);
    }

    #[test]
    fn default_catalog_keeps_the_domain_table() {
        let catalog = Catalog::default_catalog().unwrap();
        let weekly = catalog
            .measures
            .iter()
            .find(|m| m.id == "pk-weekly-training")
            .unwrap();
        assert_eq!(weekly.frequency, Frequency::Weekly);
        assert_eq!(weekly.for_weeks, Some(4));
        let role_play = catalog
            .measures
            .iter()
            .find(|m| m.id == "comm-role-play")
            .unwrap();
        assert_eq!(role_play.times, 2);
        let course = catalog
            .measures
            .iter()
            .find(|m| m.id == "comm-psychology-course")
            .unwrap();
        assert_eq!(course.duration_minutes, 480);
        let cases = catalog
            .measures
            .iter()
            .find(|m| m.id == "ps-complex-cases")
            .unwrap();
        assert_eq!((cases.frequency, cases.times), (Frequency::Monthly, 2));
    }

    #[test]
    fn bad_catalogs_name_their_path() {
        let mut catalog = Catalog::default_catalog().unwrap();
        catalog.measures[3].dimension_id = "typing_speed".into();
        let e = catalog.validate().unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownDimension);
        assert_eq!(e.path(), "measures[3].dimensionId");

        let mut catalog = Catalog::default_catalog().unwrap();
        catalog.measures[1].id = catalog.measures[0].id.clone();
        assert_eq!(
            catalog.validate().unwrap_err().code(),
            ErrorCode::DuplicateId
        );

        let mut catalog = Catalog::default_catalog().unwrap();
        catalog.measures[4].times = 0;
        let e = catalog.validate().unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::OutOfRange, "measures[4].times")
        );

        let e = Catalog::from_json(r#"{"schemaVersion":1,"dimensions":[],"measures":[],"x":1}"#)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownField);
    }
}
