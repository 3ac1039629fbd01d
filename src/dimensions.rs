//! The competency dimensions: the one list every module checks dimension ids against.
//!
//! The trainer's competency model is the source of truth. A new workspace starts from the
//! domain's eight dimensions, [`DEFAULT_DIMENSIONS`], defined here and nowhere else. Banks and
//! rubrics may carry the dimension list of the model they were written against (`dimensions`),
//! so a candidate's or rater's page, which has no model, can still check them; without it they
//! are checked against the default eight.
//!
//! A dimension's label can be renamed freely: records store the id only. A retired dimension
//! stays in the list (marked `retired` in the model) so history stays readable.

use crate::error::{Error, ErrorCode, Result};
use crate::format::{FromJson, ToJson};

/// The domain's eight dimensions: `(id, 中文名, English name)`, in the domain brief's order.
/// The default competency model (`www/samples/model.json`) lists the same ids in this order.
pub const DEFAULT_DIMENSIONS: [(&str, &str, &str); 8] = [
    ("product_knowledge", "产品知识", "Product knowledge"),
    ("communication", "沟通表达", "Communication"),
    ("problem_solving", "问题解决", "Problem solving"),
    ("complaint_handling", "投诉处理", "Complaint handling"),
    ("emotion_management", "情绪管理", "Emotion management"),
    ("system_operation", "系统操作", "System operation"),
    ("emergency_handling", "应急处理", "Emergency handling"),
    ("compliance", "合规意识", "Compliance"),
];

/// A dimension as banks, rubrics and imports name it: its id and its (Chinese) label.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DimensionRef {
    /// Stable id (`complaint_handling`, `corporate_culture`); what records store.
    pub id: String,
    /// The label trainers read and write in files (`投诉处理`, `企业文化`).
    pub name: String,
}

/// The dimensions in use: ids with their labels, in order. Checks ids and reads labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionSet {
    entries: Vec<DimensionRef>,
}

impl Default for DimensionSet {
    fn default() -> Self {
        DimensionSet {
            entries: DEFAULT_DIMENSIONS
                .iter()
                .map(|(id, zh, _)| DimensionRef {
                    id: (*id).to_string(),
                    name: (*zh).to_string(),
                })
                .collect(),
        }
    }
}

impl DimensionSet {
    /// The set a bank or rubric declares (`dimensions`), or the default eight when it declares
    /// none. A declared list is checked: ids non-blank and unique (`path` locates it).
    pub fn declared(list: Option<&[DimensionRef]>, path: &str) -> Result<DimensionSet> {
        match list {
            None => Ok(DimensionSet::default()),
            Some(list) => DimensionSet::from_refs(list.to_vec(), path),
        }
    }

    /// A set from a list of dimensions (a model's), checked: at least one, ids non-blank and
    /// unique.
    pub fn from_refs(entries: Vec<DimensionRef>, path: &str) -> Result<DimensionSet> {
        if entries.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                path,
                "维度列表不能为空",
                "the list of dimensions must not be empty",
            ));
        }
        for (i, d) in entries.iter().enumerate() {
            if d.id.trim().is_empty() {
                return Err(Error::new(
                    ErrorCode::InvalidValue,
                    format!("{path}[{i}].id"),
                    "维度标识不能为空",
                    "a dimension id must not be blank",
                ));
            }
            if entries[..i].iter().any(|e| e.id == d.id) {
                return Err(Error::new(
                    ErrorCode::DuplicateId,
                    format!("{path}[{i}].id"),
                    format!("维度标识 “{}” 重复", d.id),
                    format!("dimension id \"{}\" is listed twice", d.id),
                ));
            }
        }
        Ok(DimensionSet { entries })
    }

    /// The dimensions, in order.
    pub fn entries(&self) -> &[DimensionRef] {
        &self.entries
    }

    /// Whether `id` is one of the set's ids.
    pub fn contains(&self, id: &str) -> bool {
        self.entries.iter().any(|d| d.id == id)
    }

    /// Whether this is exactly the default eight (then banks need not carry the list).
    pub fn is_default(&self) -> bool {
        *self == DimensionSet::default()
    }

    /// `Ok` when `id` is in the set; else `UNKNOWN_DIMENSION` at `path`, listing the valid ids
    /// with their labels so the trainer can fix the file.
    pub fn check(&self, id: &str, path: &str) -> Result<()> {
        if self.contains(id) {
            return Ok(());
        }
        let zh: Vec<String> = self
            .entries
            .iter()
            .map(|d| format!("{}（{}）", d.name, d.id))
            .collect();
        let en: Vec<&str> = self.entries.iter().map(|d| d.id.as_str()).collect();
        Err(Error::new(
            ErrorCode::UnknownDimension,
            path,
            format!(
                "未知能力维度 “{id}”，应为能力模型中的维度之一：{}",
                zh.join("、")
            ),
            format!(
                "unknown competency dimension \"{id}\"; the model's dimensions are {}",
                en.join(", ")
            ),
        ))
    }

    /// The id a person wrote: the id itself (any case, spaces or hyphens for underscores) or
    /// the label (`投诉处理`, full-width letters folded).
    pub fn resolve(&self, written: &str) -> Option<&str> {
        let trimmed = written.trim();
        let key: String = fold(trimmed).to_lowercase().replace([' ', '-'], "_");
        self.entries
            .iter()
            .find(|d| {
                d.id.to_lowercase() == key || d.name == trimmed || fold(&d.name) == fold(trimmed)
            })
            .map(|d| d.id.as_str())
    }

    /// The label of `id`, or the id itself when the set does not know it.
    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.entries
            .iter()
            .find(|d| d.id == id)
            .map_or(id, |d| d.name.as_str())
    }

    /// The ids, comma-separated, for messages.
    pub fn ids(&self) -> Vec<&str> {
        self.entries.iter().map(|d| d.id.as_str()).collect()
    }
}

/// Full-width ASCII folded to half-width, the ideographic space to a space (the importers' rule).
fn fold(s: &str) -> String {
    crate::interop::text::fold_width(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_set_is_the_domain_brief() {
        let set = DimensionSet::default();
        assert_eq!(
            set.ids(),
            [
                "product_knowledge",
                "communication",
                "problem_solving",
                "complaint_handling",
                "emotion_management",
                "system_operation",
                "emergency_handling",
                "compliance"
            ]
        );
        assert_eq!(set.name("complaint_handling"), "投诉处理");
        assert!(set.is_default());
    }

    #[test]
    fn ids_and_labels_resolve() {
        let set = DimensionSet::default();
        assert_eq!(set.resolve("投诉处理"), Some("complaint_handling"));
        assert_eq!(
            set.resolve("Complaint Handling"),
            Some("complaint_handling")
        );
        assert_eq!(set.resolve("售后"), None);
    }

    #[test]
    fn an_unknown_id_lists_the_valid_ones() {
        let mut refs = DimensionSet::default().entries().to_vec();
        refs.push(DimensionRef {
            id: "corporate_culture".into(),
            name: "企业文化".into(),
        });
        let set = DimensionSet::from_refs(refs, "dimensions").unwrap();
        assert!(set.check("corporate_culture", "x").is_ok());
        let e = set.check("culture", "items[2].tags.dimension").unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownDimension);
        assert_eq!(e.path(), "items[2].tags.dimension");
        assert!(e.messages().en.contains("corporate_culture"), "{e}");
        assert!(e.messages().zh.contains("企业文化（corporate_culture）"));
        assert!(!set.is_default());
    }

    #[test]
    fn declared_lists_are_checked() {
        let twice = vec![
            DimensionRef {
                id: "a".into(),
                name: "甲".into(),
            },
            DimensionRef {
                id: "a".into(),
                name: "乙".into(),
            },
        ];
        let e = DimensionSet::declared(Some(&twice), "dimensions").unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::DuplicateId, "dimensions[1].id")
        );
        let e = DimensionSet::declared(Some(&[]), "dimensions").unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidValue);
        assert!(DimensionSet::declared(None, "dimensions")
            .unwrap()
            .is_default());
    }
}
