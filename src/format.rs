//! Decoding the versioned JSON formats, with errors that name our codes and the JS path.
//!
//! Serde's own messages name Rust types ("expected struct Item"); a trainer cannot act on that.
//! Every format is decoded through [`decode`], which records where decoding stopped (via
//! `serde_path_to_error`) and maps the message onto an [`ErrorCode`] and a sentence that says what
//! was expected. The same function serves JSON text natively and JS objects in the binding.

use serde::de::DeserializeOwned;
use serde::Deserializer;

use crate::error::{Error, ErrorCode};

/// Decodes `T` from any deserializer, turning serde errors into path-carrying [`Error`]s.
pub fn decode<'de, T, D>(deserializer: D) -> Result<T, Error>
where
    T: DeserializeOwned,
    D: Deserializer<'de>,
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let path = js_path(&err.path().to_string());
        from_serde_message(&err.inner().to_string(), path)
    })
}

/// Decodes `T` from JSON text (files, backups, native tests).
///
/// The text is parsed into a `serde_json::Value` first and decoded from that, the same way the
/// binding decodes JS objects: every typed decoder is then instantiated for one deserializer
/// only (`&Value`), which keeps the wasm small (each extra deserializer type duplicated the
/// decoding code of every format).
pub fn decode_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| syntax_error(&e.to_string()))?;
    decode(&value)
}

/// Checks `schemaVersion` against what this build reads, so a newer file fails clearly
/// instead of being half-understood.
pub fn check_schema_version(found: u32, supported: u32, what: &str) -> Result<(), Error> {
    if found == 0 || found > supported {
        return Err(Error::new(
            ErrorCode::UnsupportedSchemaVersion,
            "schemaVersion",
            format!("{what} 的 schemaVersion 为 {found}，本版本支持 1 至 {supported}"),
            format!("{what} has schemaVersion {found}; expected 1 to {supported}"),
        ));
    }
    Ok(())
}

/// serde_path_to_error prints `items[12].answer` already; the root is `.`, which we show as "".
fn js_path(raw: &str) -> String {
    if raw == "." {
        String::new()
    } else {
        raw.to_string()
    }
}

fn syntax_error(message: &str) -> Error {
    Error::new(
        ErrorCode::InvalidSyntax,
        "",
        format!("不是有效的 JSON：{message}"),
        format!("not valid JSON: {message}"),
    )
}

/// Maps serde's message families onto our codes. Rust type names are replaced by JSON words.
fn from_serde_message(message: &str, path: String) -> Error {
    // serde_json appends " at line L column C" to every message; the path says more.
    let located = message.rfind(" at line ").map(|i| &message[..i]);
    let is_syntax = located.is_some()
        && ![
            "missing field",
            "unknown field",
            "unknown variant",
            "invalid type",
            "invalid length",
            "invalid value",
        ]
        .iter()
        .any(|p| message.starts_with(p));
    if is_syntax {
        return syntax_error(message).within(&path);
    }
    let message = located.unwrap_or(message);
    let clean = json_words(message);
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let path = crate::error::join_path(&path, field);
        return Error::new(
            ErrorCode::MissingField,
            path,
            format!("缺少必填字段 “{field}”"),
            format!("missing required field \"{field}\""),
        );
    }
    if message.starts_with("unknown field") {
        return Error::new(
            ErrorCode::UnknownField,
            path,
            format!("未知字段：{clean}"),
            clean,
        );
    }
    if message.starts_with("unknown variant") {
        return Error::new(
            ErrorCode::UnknownVariant,
            path,
            format!("不支持的取值：{clean}"),
            clean,
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid length") {
        return Error::new(
            ErrorCode::WrongType,
            path,
            format!("类型错误：{clean}"),
            clean,
        );
    }
    if message.starts_with("invalid value") {
        return Error::new(
            ErrorCode::InvalidValue,
            path,
            format!("取值无效：{clean}"),
            clean,
        );
    }
    Error::new(
        ErrorCode::InvalidValue,
        path,
        format!("取值无效：{clean}"),
        clean,
    )
}

/// Rewrites serde's Rust vocabulary into what a JSON author sees.
fn json_words(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, json) in [
        ("a borrowed string", "a string"),
        ("a string slice", "a string"),
        ("u8", "a whole number 0–255"),
        ("u16", "a whole number 0–65535"),
        ("u32", "a non-negative whole number"),
        ("i32", "a whole number"),
        ("f64", "a number"),
        ("f32", "a number"),
        ("a sequence", "an array"),
        ("a map", "an object"),
        ("unit value", "null"),
        ("boolean `", "boolean `"),
    ] {
        out = out.replace(rust, json);
    }
    // "expected struct Item" / "expected enum Response" name Rust types: say "an object".
    for prefix in ["struct ", "enum ", "tuple struct "] {
        while let Some(start) = out.find(&format!("expected {prefix}")) {
            let name_start = start + "expected ".len() + prefix.len();
            let name_end = out[name_start..]
                .find(|c: char| !c.is_alphanumeric() && c != '_')
                .map_or(out.len(), |i| name_start + i);
            out.replace_range(start..name_end, "expected an object");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Doc {
        #[allow(dead_code)]
        schema_version: u32,
        #[allow(dead_code)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        points: f64,
    }

    #[test]
    fn wrong_type_has_js_path_and_no_rust_names() {
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[{"points":1},{"points":"x"}]}"#)
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "items[1].points");
        assert!(
            e.message(crate::i18n::Locale::En).contains("a number"),
            "{e}"
        );
    }

    #[test]
    fn missing_field_points_at_the_field() {
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[{}]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::MissingField);
        assert_eq!(e.path(), "items[0].points");
    }

    #[test]
    fn struct_names_are_hidden() {
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[3]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert!(!e.to_string().contains("Item"), "{e}");
    }

    #[test]
    fn syntax_and_trailing_garbage() {
        assert_eq!(
            decode_json::<Doc>("{").unwrap_err().code(),
            ErrorCode::InvalidSyntax
        );
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[]} x"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidSyntax);
    }

    #[test]
    fn unknown_field_is_named() {
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[],"itemz":1}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownField);
        assert!(e.message(crate::i18n::Locale::En).contains("itemz"));
    }
}
