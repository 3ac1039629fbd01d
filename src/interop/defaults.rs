//! The figures an import falls back on when a file leaves something out, in one place. Each can
//! be overridden through [`ImportOptions`](super::ImportOptions); a test pins every value.

/// Points (分值) of an item whose file gives none: one point, as Moodle's GIFT and Aiken imports
/// do (their default mark is 1).
pub const DEFAULT_POINTS: f64 = 1.0;

/// Difficulty (难度) of an item whose file gives none: the middle of the 1–5 scale.
pub const DEFAULT_DIFFICULTY: u32 = 3;

/// Competency dimension of an item whose file gives none. Product knowledge (产品知识) is the
/// first dimension of the domain and what most imported theory banks test.
pub const DEFAULT_DIMENSION: &str = "product_knowledge";

/// Knowledge point (知识点) of an item whose file gives none.
pub const DEFAULT_KNOWLEDGE_POINT: &str = "未分类";

/// Bank id when the caller gives none.
pub const DEFAULT_BANK_ID: &str = "imported-bank";

/// Bank title when the caller gives none.
pub const DEFAULT_BANK_TITLE: &str = "导入的题库";

/// The largest a single part of an `.xlsx` may inflate to (50 MB): a zip bomb is refused with
/// `TOO_LARGE` instead of exhausting the tab's memory.
pub const MAX_INFLATED_BYTES: usize = 50 * 1024 * 1024;

/// The largest imported file accepted (50 MB), for the same reason.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Language tag of the xAPI language maps (`name`, `description`, `display`).
pub const XAPI_LANGUAGE: &str = "zh-CN";

/// The actor's `account.homePage` when the page gives none: the system whose employee ids (工号)
/// name the candidates. Replace it with the company's HR system in the LRS settings.
pub const XAPI_ACCOUNT_HOME_PAGE: &str = "https://kaohe.example/staff";

/// The exams' activity IRIs start with this when the page gives none (`{base}/{blueprintId}`).
pub const XAPI_ACTIVITY_BASE: &str = "https://kaohe.example/exams";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_pinned() {
        assert_eq!(DEFAULT_POINTS, 1.0);
        assert_eq!(DEFAULT_DIFFICULTY, 3);
        assert_eq!(DEFAULT_DIMENSION, "product_knowledge");
        assert_eq!(DEFAULT_KNOWLEDGE_POINT, "未分类");
        assert_eq!(MAX_INFLATED_BYTES, 52_428_800);
        assert_eq!(XAPI_LANGUAGE, "zh-CN");
        assert_eq!(XAPI_ACCOUNT_HOME_PAGE, "https://kaohe.example/staff");
        assert_eq!(XAPI_ACTIVITY_BASE, "https://kaohe.example/exams");
    }
}
