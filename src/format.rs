//! Decoding the versioned JSON formats, with errors that name our codes and the JS path.
//!
//! Every format is decoded from a `serde_json::Value` by [`decode_value`] through the
//! [`FromJson`] impls that `#[derive(FromJson)]` writes (crates/kaohe-json-derive), which record where
//! decoding stopped and what went wrong as data ([`ErrorKind`]); that is mapped onto an
//! [`ErrorCode`] and a sentence, in JSON words, that says what was expected. JSON text natively and JS objects in the binding
//! both become a `Value` first, so each typed decoder exists once in the wasm. Outputs are
//! written as JSON text by [`ToJson`].

/// The derives' runtime (crates/kaohe-json), under the name the core has always used.
pub use kaohe_json as json;

pub use kaohe_json::{
    to_json_pretty, to_json_string, to_json_value, ErrorKind, Found, FromJson, PathError, ToJson,
};
pub use kaohe_json_derive::{FromJson, ToJson};

/// A number in a message, written as `{}` writes an `f64` (`0.5`, `100`, `-0`), by
/// [`kaohe_json::f64_to_string`]: core's float printer is not linked into the candidate module
/// (what every exam page loads) for the few numbers its messages show. Use it for every `f64` in a
/// message of the exam engine.
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&kaohe_json::f64_to_string(self.0))
    }
}

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
    from_kind(err.kind(), err.path())
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
        // Concatenated, not `format!`: the adaptive module reaches this check (see
        // `error::index_path`).
        let number = |n: u32| {
            let mut s = String::new();
            crate::error::push_decimal(&mut s, u64::from(n));
            s
        };
        let (found, supported) = (number(found), number(supported));
        return Err(Error::new(
            ErrorCode::UnsupportedSchemaVersion,
            "schemaVersion",
            [
                what,
                " 的 schemaVersion 为 ",
                &found,
                "，本版本支持 1 至 ",
                &supported,
            ]
            .concat(),
            [
                what,
                " has schemaVersion ",
                &found,
                "; expected 1 to ",
                &supported,
            ]
            .concat(),
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

/// Our code and message for a decoding error, worded in JSON terms from its parts: only the
/// `expected` side (written by the decoders) is translated, never the input's own text.
fn from_kind(kind: &ErrorKind, path: String) -> Error {
    match kind {
        ErrorKind::MissingField { field } => {
            let path = crate::error::join_path(&path, field);
            Error::new(
                ErrorCode::MissingField,
                path,
                format!("缺少必填字段 “{field}”"),
                format!("missing required field \"{field}\""),
            )
        }
        ErrorKind::UnknownField { field, expected } => {
            let en = match expected.is_empty() {
                true => format!("unknown field `{field}`, there are no fields"),
                false => format!(
                    "unknown field `{field}`, expected {}",
                    json::one_of(expected)
                ),
            };
            Error::new(ErrorCode::UnknownField, path, format!("未知字段：{en}"), en)
        }
        ErrorKind::UnknownVariant { variant, expected } => {
            let en = match expected.is_empty() {
                true => format!("unknown variant `{variant}`, there are no variants"),
                false => format!(
                    "unknown variant `{variant}`, expected {}",
                    json::one_of(expected)
                ),
            };
            Error::new(
                ErrorCode::UnknownVariant,
                path,
                format!("不支持的取值：{en}"),
                en,
            )
        }
        ErrorKind::InvalidType { found, expected } => {
            let en = format!(
                "invalid type: {}, expected {}",
                json_found(found),
                json_words(expected)
            );
            Error::new(ErrorCode::WrongType, path, format!("类型错误：{en}"), en)
        }
        ErrorKind::InvalidLength { len, expected } => {
            let en = format!("invalid length {len}, expected {}", json_words(expected));
            Error::new(ErrorCode::WrongType, path, format!("类型错误：{en}"), en)
        }
        ErrorKind::InvalidValue { found, expected } => {
            let en = format!(
                "invalid value: {}, expected {}",
                json_found(found),
                json_words(expected)
            );
            // A day that is not a real YYYY-MM-DD date has one code everywhere (`Date`'s decoder).
            if expected.contains("YYYY-MM-DD") {
                return Error::new(ErrorCode::InvalidDate, path, format!("日期无效：{en}"), en);
            }
            Error::new(ErrorCode::InvalidValue, path, format!("取值无效：{en}"), en)
        }
        ErrorKind::Custom(message) => Error::new(
            ErrorCode::InvalidValue,
            path,
            format!("取值无效：{message}"),
            message.clone(),
        ),
    }
}

/// The offending value as a JSON author sees it (serde_json's wording: `null`, `string "x"`).
fn json_found(found: &Found) -> String {
    found.to_string()
}

/// What the decoder expected, in a JSON author's words: the Rust type names serde uses become
/// JSON words, and struct and enum names become "an object".
fn json_words(expected: &str) -> String {
    let named = [
        "struct ",
        "enum ",
        "tuple struct ",
        "internally tagged enum ",
    ];
    if named.iter().any(|p| expected.starts_with(p)) {
        return "an object".to_string();
    }
    let word = match expected {
        "a borrowed string" | "a string slice" => "a string",
        "u8" => "a whole number 0–255",
        "u16" => "a whole number 0–65535",
        "u32" | "u64" | "usize" => "a non-negative whole number",
        "i32" | "i64" => "a whole number",
        "f64" | "f32" => "a number",
        "a sequence" => "an array",
        "a map" => "an object",
        "unit value" => "null",
        other => other,
    };
    word.to_string()
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
    fn the_input_s_own_text_is_never_rewritten() {
        // The old message rewriting replaced Rust words anywhere in the text, the input included.
        let e =
            decode_json::<Doc>(r#"{"schemaVersion":1,"items":[{"points":"f64"}]}"#).unwrap_err();
        let en = e.message(crate::i18n::Locale::En);
        assert_eq!(en, "invalid type: string \"f64\", expected a number");
        let e = decode_json::<Doc>(r#"{"schemaVersion":1,"items":[],"a map":1}"#).unwrap_err();
        assert!(
            e.message(crate::i18n::Locale::En).contains("`a map`"),
            "{e}"
        );
        let e = decode_json::<Doc>(r#"{"schemaVersion":null,"items":[]}"#).unwrap_err();
        assert_eq!(
            e.message(crate::i18n::Locale::En),
            "invalid type: null, expected a non-negative whole number"
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
