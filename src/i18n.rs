//! The two languages the page speaks. Generated sentences (error messages, goal texts, team
//! findings) are produced in both at once, so switching language never calls back into the core.

use crate::format::{FromJson, ToJson};

/// 简体中文 is the default: the users are Chinese enterprises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum Locale {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

/// A sentence in both languages: `{ "zh": "…", "en": "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Default, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::ZhCn => &self.zh,
            Locale::En => &self.en,
        }
    }
}
