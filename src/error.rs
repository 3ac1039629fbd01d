//! The one error type of the crate.
//!
//! Every failure a caller can cause is an [`Error`] with a stable [`ErrorCode`], a `path` into the
//! input (`items[12].answer`, `rows[3].csat`, `line 7`) and a message in both languages the page
//! speaks. The binding turns it into a JS `Error` in one place; the core never panics on input.

use std::fmt;

use crate::i18n::{Locale, Text};

macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)*) => {
        /// A stable, machine-readable reason. The string form (`INVALID_BANK`) is part of the
        /// public API: pages branch on it, so a code is never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The TypeScript declaration of the code union, emitted into the `.d.ts` by the binding.
            pub const TYPESCRIPT: &'static str =
                concat!("export type KaoheErrorCode =" $(, "\n  | \"", $code, "\"")*, ";\n");

            /// The stable string form, e.g. `DUPLICATE_ID`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    // Shape of the input, found while decoding it.
    /// The text is not valid JSON (or CSV, GIFT…) at all.
    InvalidSyntax => "INVALID_SYNTAX",
    /// A value has the wrong JSON type (a string where a number is expected…).
    WrongType => "WRONG_TYPE",
    /// A required field is absent.
    MissingField => "MISSING_FIELD",
    /// A field the format does not define (usually a typo).
    UnknownField => "UNKNOWN_FIELD",
    /// A `type`/`kind` tag the format does not define.
    UnknownVariant => "UNKNOWN_VARIANT",
    /// `schemaVersion` is missing or newer than this build understands.
    UnsupportedSchemaVersion => "UNSUPPORTED_SCHEMA_VERSION",
    /// A number outside its allowed range (negative points, difficulty 7, a level of 6…).
    OutOfRange => "OUT_OF_RANGE",
    /// A value that is well-typed but not allowed here (an empty list, a blank id…).
    InvalidValue => "INVALID_VALUE",
    /// Two things share an id that must be unique.
    DuplicateId => "DUPLICATE_ID",
    /// A reference to an id that does not exist (an answer naming a missing option…).
    UnknownReference => "UNKNOWN_REFERENCE",

    // Exams.
    /// Points that are zero, negative or not finite.
    NonPositivePoints => "NON_POSITIVE_POINTS",
    /// An answer key that does not fit its item (a multiple-choice key with no option…).
    InvalidAnswerKey => "INVALID_ANSWER_KEY",
    /// A blueprint asks for more items than its pool holds.
    PoolTooSmall => "POOL_TOO_SMALL",
    /// A response that does not fit its item's type.
    InvalidResponse => "INVALID_RESPONSE",
    /// The attempt is already submitted, or belongs to another paper.
    AttemptClosed => "ATTEMPT_CLOSED",

    // Rubrics, competency models, plans.
    /// Weights that are not positive or do not sum to what they must.
    WeightsDoNotSum => "WEIGHTS_DO_NOT_SUM",
    /// N/A given where the criterion does not allow it.
    NotApplicableNotAllowed => "NOT_APPLICABLE_NOT_ALLOWED",
    /// A dimension id the model does not define.
    UnknownDimension => "UNKNOWN_DIMENSION",
    /// A role id the model does not define.
    UnknownRole => "UNKNOWN_ROLE",
    /// Evidence or a check-in that belongs to nobody / nothing known.
    OrphanEvidence => "ORPHAN_EVIDENCE",
    /// A date that is not a real `YYYY-MM-DD` day.
    InvalidDate => "INVALID_DATE",
    /// Not enough data for what was asked (an empty cohort for a statistic that needs two…).
    InsufficientData => "INSUFFICIENT_DATA",

    // Imports, backups and storage.
    /// A row or cell of an imported file is unusable.
    InvalidRow => "INVALID_ROW",
    /// A backup or package is corrupt, truncated or fails its integrity check.
    CorruptData => "CORRUPT_DATA",
    /// A passphrase or key does not open a sealed package.
    WrongPassphrase => "WRONG_PASSPHRASE",
    /// An input exceeds a size limit that protects the page.
    TooLarge => "TOO_LARGE",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure caused by the input: what went wrong, where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    code: ErrorCode,
    path: String,
    message: Text,
}

impl Error {
    /// An error at `path` (empty for the whole input), with a message in both languages.
    /// Messages say what was expected, so a trainer can fix the file without reading code.
    pub fn new(
        code: ErrorCode,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Error {
            code,
            path: path.into(),
            message: Text::new(zh, en),
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// Where in the input, like `items[12].answer`; empty when the whole input is at fault.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn message(&self, locale: Locale) -> &str {
        self.message.get(locale)
    }

    pub fn messages(&self) -> &Text {
        &self.message
    }

    /// The same error placed under a parent path: `items[3]` + `answer` → `items[3].answer`.
    pub fn within(mut self, parent: &str) -> Self {
        self.path = join_path(parent, &self.path);
        self
    }

    /// The same error seen from inside `root`, for a function whose whole input is what the
    /// core calls `root`: `responses.pk-001` → `pk-001`, `responses` → "".
    pub fn relative_to(mut self, root: &str) -> Self {
        if self.path == root {
            self.path.clear();
        } else if let Some(rest) = self.path.strip_prefix(root) {
            if let Some(inner) = rest.strip_prefix('.') {
                self.path = inner.to_string();
            } else if rest.starts_with('[') {
                self.path = rest.to_string();
            }
        }
        self
    }

    /// This error, for a function that takes several arguments, located under its argument
    /// `name` (docs/api.md, "Error paths"): a path inside the argument gets the name in front
    /// (`items[3].id` → `bank.items[3].id`); an error that already names the whole argument
    /// (missing, or not of the accepted kind) is left as it is.
    pub fn within_argument(self, name: &str) -> Self {
        if self.path == name {
            return self;
        }
        self.within(name)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message.en)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message.en)
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `parent[i]` followed by `rest` (`items`, 3, `.a` → `items[3].a`): the path of an array's
/// entry. Written without `format!`, as is every path and message the adaptive step can
/// produce, so the adaptive module (docs/statistics-irt.md, section 4) links none of core's
/// formatting machinery.
pub fn index_path(parent: &str, i: usize, rest: &str) -> String {
    let mut out = String::with_capacity(parent.len() + rest.len() + 8);
    out.push_str(parent);
    out.push('[');
    push_decimal(&mut out, i as u64);
    out.push(']');
    out.push_str(rest);
    out
}

/// Appends `n` in decimal (what `{n}` in `format!` writes).
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        out.push(char::from(d));
    }
}

/// Joins path segments the way JS users write them: `a` + `b` → `a.b`, `a` + `[2]` → `a[2]`.
pub fn join_path(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (true, _) => child.to_string(),
        (_, true) => parent.to_string(),
        _ if child.starts_with('[') => [parent, child].concat(),
        _ => [parent, ".", child].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_screaming_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(s.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{s}");
        }
    }

    #[test]
    fn paths_join_like_js() {
        assert_eq!(join_path("items[3]", "answer"), "items[3].answer");
        assert_eq!(join_path("items", "[3]"), "items[3]");
        assert_eq!(join_path("", "answer"), "answer");
        let e = Error::new(ErrorCode::WrongType, "answer", "答案类型错误", "wrong type")
            .within("items[12]");
        assert_eq!(e.path(), "items[12].answer");
        assert_eq!(e.to_string(), "WRONG_TYPE at items[12].answer: wrong type");
    }
}
