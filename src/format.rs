//! Decoding the versioned JSON formats, with errors that name our codes and the JS path.
//!
//! Every format is decoded from a `serde_json::Value` by [`decode_value`] through the
//! [`FromJson`] impls that `#[derive(FromJson)]` writes (crates/kaohe-json-derive), which record where
//! decoding stopped; the message, worded as serde words it, is then mapped onto an [`ErrorCode`]
//! and a sentence that says what was expected. JSON text natively and JS objects in the binding
//! both become a `Value` first, so each typed decoder exists once in the wasm. Outputs are
//! written as JSON text by [`ToJson`].

/// The derives' runtime (crates/kaohe-json), under the name the core has always used.
pub use kaohe_json as json;

pub use kaohe_json::{to_json_pretty, to_json_string, to_json_value, FromJson, PathError, ToJson};
pub use kaohe_json_derive::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};

/// Decodes `T` from a JSON value (the name the format types' `decode` functions use).
pub fn decode<T: FromJson>(value: &serde_json::Value) -> Result<T, Error> {
    decode_value(value)
}

/// Decodes `T` from a JSON value, turning decoding errors into path-carrying [`Error`]s
/// (`items[12].answer`; for a missing field, the object's path and the field).
pub fn decode_value<T: FromJson>(value: &serde_json::Value) -> Result<T, Error> {
    T::from_json(value).map_err(path_error)
}

#[inline(never)]
fn path_error(err: PathError) -> Error {
    from_serde_message(err.message(), err.path())
}

/// Decodes `T` from JSON text (files, backups, native tests).
///
/// The text is parsed into a `serde_json::Value` first and decoded from that, the same way the
/// binding decodes JS objects, so every typed decoder exists once.
pub fn decode_json<T: FromJson>(text: &str) -> Result<T, Error> {
    decode_value(&parse_json(text)?)
}

/// Parses JSON text into a `serde_json::Value`; a syntax error is `INVALID_SYNTAX`.
pub fn parse_json(text: &str) -> Result<serde_json::Value, Error> {
    serde_json::from_str(text).map_err(|e| syntax_error(&e.to_string()))
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

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Doc {
        #[allow(dead_code)]
        schema_version: u32,
        #[allow(dead_code)]
        items: Vec<Item>,
    }

    #[derive(Debug, FromJson)]
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

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        #[allow(dead_code)]
        items: Vec<Inner>,
        #[allow(dead_code)]
        #[serde(default)]
        shape: Option<Shape>,
    }

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        #[allow(dead_code)]
        options: Vec<Opt>,
    }

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    struct Opt {
        #[allow(dead_code)]
        id: String,
    }

    #[derive(Debug, FromJson)]
    #[serde(rename_all = "camelCase")]
    enum Shape {
        Round,
        Box(#[allow(dead_code)] Opt),
    }

    #[test]
    fn nested_paths_are_exact() {
        let e =
            decode_json::<Outer>(r#"{"items":[{"options":[]},{"options":[{"id":"a"},{"id":2}]}]}"#)
                .unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "items[1].options[1].id");
        let e = decode_json::<Outer>(r#"{"items":[{"options":[{}]}]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::MissingField);
        assert_eq!(e.path(), "items[0].options[0].id");
        let e = decode_json::<Outer>(r#"{"items":[{"options":[],"x":1}]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownField);
        assert_eq!(e.path(), "items[0].x");
    }

    #[test]
    fn enums_unit_and_newtype() {
        assert!(decode_json::<Outer>(r#"{"items":[],"shape":"round"}"#).is_ok());
        assert!(decode_json::<Outer>(r#"{"items":[],"shape":{"box":{"id":"a"}}}"#).is_ok());
        let e = decode_json::<Outer>(r#"{"items":[],"shape":"oval"}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownVariant);
        assert_eq!(e.path(), "shape");
        let e = decode_json::<Outer>(r#"{"items":[],"shape":{"box":{"id":1}}}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "shape.box.id");
        let e = decode_json::<Outer>(r#"{"items":[],"shape":3}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "shape");
    }

    #[test]
    fn a_struct_must_be_an_object() {
        let e = decode_json::<Outer>(r#"{"items":[[[]]]}"#).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.path(), "items[0]");
        assert!(!e.to_string().contains("Inner"), "{e}");
    }

    #[test]
    fn a_parsed_value_decodes_the_same() {
        let value = parse_json(r#"{"items":[{"options":[{"id":3}]}]}"#).unwrap();
        let e = decode::<Outer>(&value).unwrap_err();
        assert_eq!(e.path(), "items[0].options[0].id");
    }
}
