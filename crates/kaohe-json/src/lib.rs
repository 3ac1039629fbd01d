//! The runtime of the `FromJson`/`ToJson` derives: decoding from a `serde_json::Value` with the
//! error path recorded on the way out, and encoding straight to JSON text.
//!
//! The derives (crates/kaohe-json-derive) emit a few calls per type into the non-generic helpers
//! here; only the per-field `from_json`/`write_json` calls are generic. Shapes, paths and
//! messages follow serde's derives over serde_json's `&Value` deserializer, which the formats
//! used before (tests/differential.rs compares them over generated and mutated inputs). Errors
//! are data ([`ErrorKind`]): `PathError`'s Display words them as serde did, and the core words
//! its coded, bilingual messages from the same data. One deliberate difference kept from that
//! deserializer: a struct must be a JSON object (serde also took an array of the fields in
//! order).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The derives name this crate `::kaohe_json`; this makes that path work inside it too (tests).
extern crate self as kaohe_json;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Number, Value};

mod number;
pub use number::{f64_to_string, parse_f64};

/// One step into the input: an array index or an object key.
#[derive(Debug)]
enum Segment {
    Index(usize),
    Key(String),
}

/// What a decoding error is, as data: the core words its messages from this (in JSON terms, and
/// in Chinese), and [`PathError::message`] words it as serde did; nothing is re-parsed from text,
/// so the input's own strings are never rewritten.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// A value of the wrong JSON type; `expected` is serde's wording ("f64", "struct Item").
    InvalidType { found: Found, expected: String },
    /// A value of the right type that is not allowed (out of range, not a real day…).
    InvalidValue { found: Found, expected: String },
    /// An array of the wrong length.
    InvalidLength { len: usize, expected: String },
    /// A required field is absent (the path is the object's).
    MissingField { field: String },
    /// A field the type does not have, where unknown fields are refused.
    UnknownField {
        field: String,
        expected: Vec<String>,
    },
    /// A variant name the enum does not have.
    UnknownVariant {
        variant: String,
        expected: Vec<String>,
    },
    /// Anything else, worded by whoever raised it.
    Custom(String),
}

/// The offending value of an [`ErrorKind`], as serde's `Unexpected` classifies it, owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(String),
    Array,
    Object,
    /// A bare variant name where a variant with data was expected.
    UnitVariant,
}

impl Found {
    /// The JSON value's class.
    pub fn of(value: &Value) -> Found {
        match value {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    Found::Unsigned(u)
                } else if let Some(i) = n.as_i64() {
                    Found::Signed(i)
                } else {
                    Found::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => Found::Str(s.clone()),
            Value::Array(_) => Found::Array,
            Value::Object(_) => Found::Object,
        }
    }
}

/// serde_json's wording of the found value ("string \"x\"", "integer `3`", "null",
/// "floating point `3e300`"): serde's `Unexpected`, with null and floats as serde_json writes them.
impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Null => f.write_str("null"),
            Found::Float(value) => {
                write!(f, "floating point `{}`", zmij::Buffer::new().format(*value))
            }
            // serde's `Unexpected` wording, written out: its Display formats floats with core's
            // printer, which nothing else in the candidate module needs (see number.rs).
            Found::Bool(b) => write!(f, "boolean `{b}`"),
            Found::Unsigned(u) => write!(f, "integer `{u}`"),
            Found::Signed(i) => write!(f, "integer `{i}`"),
            Found::Str(s) => write!(f, "string {s:?}"),
            Found::Array => f.write_str("sequence"),
            Found::Object => f.write_str("map"),
            Found::UnitVariant => f.write_str("unit variant"),
        }
    }
}

/// An [`ErrorKind`] and the path to where it arose, innermost segment first.
#[derive(Debug)]
pub struct PathError {
    kind: ErrorKind,
    rev_path: Vec<Segment>,
}

// The error paths are cold and never inlined: they are shared by every decoded type.
impl PathError {
    #[cold]
    #[inline(never)]
    pub fn new(kind: ErrorKind) -> Self {
        PathError {
            kind,
            rev_path: Vec::new(),
        }
    }

    /// An error worded by its caller.
    #[cold]
    #[inline(never)]
    pub fn custom(message: String) -> Self {
        PathError::new(ErrorKind::Custom(message))
    }

    #[cold]
    #[inline(never)]
    fn at(mut self, segment: Segment) -> Self {
        self.rev_path.push(segment);
        self
    }

    #[cold]
    #[inline(never)]
    pub fn at_key(self, key: &str) -> Self {
        self.at(Segment::Key(key.to_string()))
    }

    #[cold]
    #[inline(never)]
    pub fn at_index(self, index: usize) -> Self {
        self.at(Segment::Index(index))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// serde's message for this error, e.g. "invalid type: string \"x\", expected f64".
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The JS path, like `items[12].answer`; "" for the whole input.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for segment in self.rev_path.iter().rev() {
            match segment {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
            }
        }
        out
    }
}

/// serde's wording, as its derives over serde_json's `Value` deserializer wrote it.
impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidType { found, expected } => {
                write!(f, "invalid type: {found}, expected {expected}")
            }
            ErrorKind::InvalidValue { found, expected } => {
                write!(f, "invalid value: {found}, expected {expected}")
            }
            ErrorKind::InvalidLength { len, expected } => {
                write!(f, "invalid length {len}, expected {expected}")
            }
            ErrorKind::MissingField { field } => write!(f, "missing field `{field}`"),
            ErrorKind::UnknownField { field, expected } if expected.is_empty() => {
                write!(f, "unknown field `{field}`, there are no fields")
            }
            ErrorKind::UnknownField { field, expected } => {
                write!(f, "unknown field `{field}`, expected {}", one_of(expected))
            }
            ErrorKind::UnknownVariant { variant, expected } if expected.is_empty() => {
                write!(f, "unknown variant `{variant}`, there are no variants")
            }
            ErrorKind::UnknownVariant { variant, expected } => {
                write!(
                    f,
                    "unknown variant `{variant}`, expected {}",
                    one_of(expected)
                )
            }
            ErrorKind::Custom(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for PathError {}

/// A type decoded from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, PathError>;

    /// The value of an absent field without a default: an error, except for `Option` (None),
    /// as with serde's derive.
    fn missing(field: &'static str) -> Result<Self, PathError> {
        Err(missing_field(field))
    }
}

/// A type written as JSON text, byte for byte what serde_json's `to_string` wrote.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

// ---------------------------------------------------------------------------------------------
// Error messages, worded as serde words them.

#[cold]
#[inline(never)]
pub fn invalid_type(value: &Value, expected: &str) -> PathError {
    invalid_type_of(Found::of(value), expected)
}

#[cold]
#[inline(never)]
fn invalid_type_of(found: Found, expected: &str) -> PathError {
    PathError::new(ErrorKind::InvalidType {
        found,
        expected: expected.to_string(),
    })
}

#[cold]
#[inline(never)]
pub fn invalid_value(value: &Value, expected: &str) -> PathError {
    PathError::new(ErrorKind::InvalidValue {
        found: Found::of(value),
        expected: expected.to_string(),
    })
}

#[cold]
#[inline(never)]
fn invalid_length(len: usize, expected: &str) -> PathError {
    PathError::new(ErrorKind::InvalidLength {
        len,
        expected: expected.to_string(),
    })
}

#[cold]
#[inline(never)]
pub fn missing_field(field: &str) -> PathError {
    PathError::new(ErrorKind::MissingField {
        field: field.to_string(),
    })
}

/// serde's `OneOf`: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
pub fn one_of(names: &[String]) -> String {
    match names {
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

#[cold]
#[inline(never)]
fn unknown_field(field: &str, expected: &[&str]) -> PathError {
    PathError::new(ErrorKind::UnknownField {
        field: field.to_string(),
        expected: expected.iter().map(|e| e.to_string()).collect(),
    })
}

#[cold]
#[inline(never)]
fn unknown_variant(variant: &str, expected: &[&str]) -> PathError {
    PathError::new(ErrorKind::UnknownVariant {
        variant: variant.to_string(),
        expected: expected.iter().map(|e| e.to_string()).collect(),
    })
}

// ---------------------------------------------------------------------------------------------
// Helpers called by the derived code.

/// The value as an object; `expected` names the type the way serde did ("struct Item").
#[inline(never)]
pub fn object<'v>(value: &'v Value, expected: &str) -> Result<&'v Map<String, Value>, PathError> {
    match value {
        Value::Object(o) => Ok(o),
        other => Err(invalid_type(other, expected)),
    }
}

/// A field being decoded: what `decode_fields` sees of a [`Field`].
pub trait Slot {
    fn decode(&mut self, value: &Value) -> Result<(), PathError>;
    /// Fills in the field when its key was absent: its default, or `T::missing`'s verdict.
    fn absent(&mut self, name: &'static str) -> Result<(), PathError>;
}

/// A field's value once decoded, and what it takes when absent.
pub struct Field<T> {
    value: Option<T>,
    default: Option<fn() -> T>,
}

impl<T> Field<T> {
    pub fn new() -> Self {
        Field {
            value: None,
            default: None,
        }
    }

    /// A field with `#[serde(default)]` or `#[serde(default = "path")]`.
    pub fn with_default(default: fn() -> T) -> Self {
        Field {
            value: None,
            default: Some(default),
        }
    }

    /// A field of a struct with `#[serde(default)]`: the default struct's value until decoded.
    pub fn with_value(value: T) -> Self {
        Field {
            value: Some(value),
            default: None,
        }
    }

    /// The value after a successful `decode_fields`, which fills every slot or fails. Out of
    /// line: one copy per field type rather than a check at every field of every struct.
    #[inline(never)]
    pub fn into_value(self) -> T {
        match self.value {
            Some(value) => value,
            None => unreachable!("decode_fields fills every field or fails"),
        }
    }
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field::new()
    }
}

impl<T: FromJson> Slot for Field<T> {
    fn decode(&mut self, value: &Value) -> Result<(), PathError> {
        self.value = Some(T::from_json(value)?);
        Ok(())
    }

    fn absent(&mut self, name: &'static str) -> Result<(), PathError> {
        if self.value.is_none() {
            self.value = Some(match self.default {
                Some(default) => default(),
                None => T::missing(name)?,
            });
        }
        Ok(())
    }
}

/// Decodes a struct's fields from `object`, one slot per name in `fields`.
///
/// Entries are walked in order (the order serde visited them, so the first error is the same):
/// a known key's value goes to its slot, other keys are refused when `deny` and skipped
/// otherwise; `tag` (an internally tagged enum's key, or "") is not a field. Absent fields are
/// then filled in declaration order, the first required one failing as serde's derive did.
#[inline(never)]
pub fn decode_fields(
    object: &Map<String, Value>,
    fields: &[&'static str],
    deny: bool,
    tag: &str,
    slots: &mut [&mut dyn Slot],
) -> Result<(), PathError> {
    for (key, value) in object {
        if !tag.is_empty() && key == tag {
            continue;
        }
        match fields
            .iter()
            .position(|f| f == key)
            .and_then(|i| slots.get_mut(i))
        {
            Some(slot) => slot.decode(value).map_err(|e| e.at_key(key))?,
            None if deny => return Err(unknown_field(key, fields).at_key(key)),
            None => {}
        }
    }
    for (slot, name) in slots.iter_mut().zip(fields) {
        slot.absent(name)?;
    }
    Ok(())
}

/// An externally tagged enum's variant index and payload: `"variant"` (no payload) or
/// `{ "variant": payload }`.
#[inline(never)]
pub fn variant<'v>(
    value: &'v Value,
    variants: &[&str],
) -> Result<(usize, Option<&'v Value>), PathError> {
    let (name, payload) = match value {
        Value::String(name) => (name, None),
        Value::Object(object) => {
            let mut iter = object.iter();
            match (iter.next(), iter.next()) {
                (Some((name, payload)), None) => (name, Some(payload)),
                _ => {
                    return Err(PathError::new(ErrorKind::InvalidValue {
                        found: Found::Object,
                        expected: "map with a single key".to_string(),
                    }))
                }
            }
        }
        other => return Err(invalid_type(other, "string or map")),
    };
    match variants.iter().position(|v| v == name) {
        Some(i) => Ok((i, payload)),
        None => Err(unknown_variant(name, variants)),
    }
}

/// The variant index of an enum whose variants are all units: `"variant"`, or
/// `{ "variant": null }` as serde also took.
#[inline(never)]
pub fn unit_enum(value: &Value, variants: &[&str]) -> Result<usize, PathError> {
    let (index, payload) = variant(value, variants)?;
    unit_variant(payload, variants.get(index).copied().unwrap_or_default())?;
    Ok(index)
}

/// A unit variant's payload: none, or null.
#[inline(never)]
pub fn unit_variant(payload: Option<&Value>, name: &str) -> Result<(), PathError> {
    match payload {
        None | Some(Value::Null) => Ok(()),
        Some(other) => Err(invalid_type(other, "unit").at_key(name)),
    }
}

/// A data variant's payload; a bare string naming it is an error.
#[inline(never)]
pub fn payload<'v>(payload: Option<&'v Value>, expected: &str) -> Result<&'v Value, PathError> {
    payload.ok_or_else(|| invalid_type_of(Found::UnitVariant, expected))
}

/// Adds the variant's key to an error from its payload.
pub fn within<T>(result: Result<T, PathError>, key: &str) -> Result<T, PathError> {
    result.map_err(|e| e.at_key(key))
}

/// An internally tagged enum's content after its tag: the object (tag included, skipped when
/// decoding), or the elements after the tag when it came as an array, as serde also took.
pub enum Content<'v> {
    Object(&'v Map<String, Value>),
    Seq(&'v [Value]),
}

/// The variant index and content of an internally tagged enum; `expected` names it the way
/// serde did ("internally tagged enum Scale").
#[inline(never)]
pub fn tagged<'v>(
    value: &'v Value,
    tag: &str,
    variants: &[&str],
    expected: &str,
) -> Result<(usize, Content<'v>), PathError> {
    match value {
        Value::Object(object) => match object.get(tag) {
            None => Err(missing_field(tag)),
            Some(name) => Ok((
                identifier(name, variants).map_err(|e| e.at_key(tag))?,
                Content::Object(object),
            )),
        },
        Value::Array(items) => match items.split_first() {
            None => Err(missing_field(tag)),
            Some((name, rest)) => Ok((
                identifier(name, variants).map_err(|e| e.at_index(0))?,
                Content::Seq(rest),
            )),
        },
        other => Err(invalid_type(other, expected)),
    }
}

/// A variant named by a string. serde_json's `Value` deserializes identifiers as strings only,
/// so a variant index (which serde's visitors would take from other formats) is a wrong type.
fn identifier(value: &Value, variants: &[&str]) -> Result<usize, PathError> {
    match value {
        Value::String(name) => variants
            .iter()
            .position(|v| v == name)
            .ok_or_else(|| unknown_variant(name, variants)),
        other => Err(invalid_type(other, "variant identifier")),
    }
}

/// serde's `ExpectedInSeq`: "1 element in sequence", "2 elements in sequence".
#[cold]
#[inline(never)]
fn too_many(len: usize, expected: usize) -> PathError {
    let plural = if expected == 1 { "" } else { "s" };
    invalid_length(len, &format!("{expected} element{plural} in sequence"))
}

/// An internally tagged unit variant: any other keys of the object are ignored, as serde did;
/// elements after an array's tag are too many.
#[inline(never)]
pub fn tagged_unit(content: Content<'_>) -> Result<(), PathError> {
    match content {
        Content::Seq(rest) if !rest.is_empty() => Err(too_many(rest.len(), 0)),
        _ => Ok(()),
    }
}

/// An internally tagged struct variant's fields, from its object (see [`decode_fields`]) or
/// positionally from the elements after an array's tag; `expected` is serde's wording of the
/// variant ("struct variant Scale::Points with 1 element"). Errors carry the enum's path only
/// (see [`flat`]).
#[inline(never)]
pub fn tagged_fields(
    content: Content<'_>,
    fields: &[&'static str],
    deny: bool,
    tag: &str,
    expected: &str,
    slots: &mut [&mut dyn Slot],
) -> Result<(), PathError> {
    let decoded = match content {
        Content::Object(object) => decode_fields(object, fields, deny, tag, slots),
        Content::Seq(rest) => (|| {
            for (i, slot) in slots.iter_mut().enumerate() {
                match rest.get(i) {
                    Some(value) => slot.decode(value)?,
                    None => return Err(invalid_length(i, expected)),
                }
            }
            if rest.len() > slots.len() {
                return Err(too_many(rest.len(), slots.len()));
            }
            Ok(())
        })(),
    };
    flat(decoded)
}

/// Errors inside an internally tagged enum's content carry the enum's path only (serde decoded
/// the content from a buffer that does not track paths); a missing field still names itself.
pub fn flat<T>(result: Result<T, PathError>) -> Result<T, PathError> {
    result.map_err(|mut e| {
        e.rev_path.clear();
        e
    })
}

/// Writes `"key":` (the literal, quotes and colon included) after a comma unless it is the
/// object's first key.
pub fn key(out: &mut String, literal: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    out.push_str(literal);
}

/// Merges an internally tagged newtype variant's object (written at `at`, after the tag) into
/// the tag's object.
pub fn splice_tagged(out: &mut String, at: usize) {
    if &out[at..] == "{}" {
        out.truncate(at);
        out.push('}');
    } else {
        out.replace_range(at..at + 1, ",");
    }
}

// ---------------------------------------------------------------------------------------------
// Entry points.

/// JSON text of `value`, as serde_json's `to_string` wrote it.
pub fn to_json_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// Indented JSON text of `value`, as serde_json's `to_string_pretty` wrote it.
pub fn to_json_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    pretty(&to_json_string(value))
}

/// `value` as a `serde_json::Value` (for tests and for merging documents).
pub fn to_json_value<T: ToJson + ?Sized>(value: &T) -> Value {
    parse_own(&to_json_string(value))
}

/// Compact JSON text (our own output) re-indented as serde_json's `to_string_pretty` writes it:
/// two spaces, `": "`, and `[]`/`{}` for empty containers.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(ch) = chars.next() {
        if in_string {
            out.push(ch);
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_string = false;
            }
            continue;
        }
        match ch {
            '"' => {
                in_string = true;
                out.push(ch);
            }
            '{' | '[' => {
                out.push(ch);
                let close = if ch == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(ch);
            }
            ',' => {
                out.push(ch);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(ch),
        }
    }
    out
}

#[inline(never)]
fn parse_own(text: &str) -> Value {
    // Our own output always parses; Null only if that ever stopped being true.
    serde_json::from_str(text).unwrap_or(Value::Null)
}

// ---------------------------------------------------------------------------------------------
// FromJson for the building blocks.

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(invalid_type(other, "a boolean")),
        }
    }
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(invalid_type(other, "a string")),
        }
    }
}

/// An integer as serde's primitive visitors take it: out-of-range whole numbers are an invalid
/// value, fractions and everything else an invalid type.
#[inline(never)]
fn integer(value: &Value, min: i64, max: u64, expected: &str) -> Result<i128, PathError> {
    if let Value::Number(n) = value {
        if let Some(u) = n.as_u64() {
            return if u <= max {
                Ok(u as i128)
            } else {
                Err(invalid_value(value, expected))
            };
        }
        if let Some(i) = n.as_i64() {
            return if i >= min {
                Ok(i as i128)
            } else {
                Err(invalid_value(value, expected))
            };
        }
    }
    Err(invalid_type(value, expected))
}

macro_rules! integers {
    ($($t:ident)*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Value) -> Result<Self, PathError> {
                integer(value, $t::MIN as i64, $t::MAX as u64, stringify!($t)).map(|n| n as $t)
            }
        }

        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                out.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}

integers!(u8 u16 u32 u64 usize i32 i64);

#[inline(never)]
fn float(value: &Value, expected: &str) -> Result<f64, PathError> {
    match value {
        Value::Number(n) => Ok(n.as_f64().unwrap_or(f64::NAN)),
        other => Err(invalid_type(other, expected)),
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        float(value, "f64")
    }
}

impl FromJson for f32 {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        float(value, "f32").map(|f| f as f32)
    }
}

impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        Ok(value.clone())
    }
}

impl FromJson for Map<String, Value> {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        object(value, "a map").cloned()
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        match value {
            Value::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }

    fn missing(_field: &'static str) -> Result<Self, PathError> {
        Ok(None)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        T::from_json(value).map(Box::new)
    }
}

/// The value as an array; `expected` as serde words it.
#[inline(never)]
fn array<'v>(value: &'v Value, expected: &str) -> Result<&'v [Value], PathError> {
    match value {
        Value::Array(a) => Ok(a),
        other => Err(invalid_type(other, expected)),
    }
}

/// Hands each element of an array to `element`, adding its index to an error: the loop of every
/// `Vec<T>` decoder, once.
#[inline(never)]
fn each_element(
    value: &Value,
    element: &mut dyn FnMut(&Value) -> Result<(), PathError>,
) -> Result<usize, PathError> {
    let items = array(value, "a sequence")?;
    for (i, item) in items.iter().enumerate() {
        element(item).map_err(|e| e.at_index(i))?;
    }
    Ok(items.len())
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        let mut out = Vec::new();
        each_element(value, &mut |item| {
            out.push(T::from_json(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// A fixed-length array's elements, checked the way serde checked tuples.
#[inline(never)]
fn exactly<'v>(value: &'v Value, len: usize, expected: &str) -> Result<&'v [Value], PathError> {
    let items = array(value, expected)?;
    if items.len() < len {
        return Err(invalid_length(items.len(), expected));
    }
    if items.len() > len {
        return Err(invalid_length(items.len(), "fewer elements in array"));
    }
    Ok(items)
}

impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        let items = exactly(value, 2, "a tuple of size 2")?;
        Ok((
            A::from_json(&items[0]).map_err(|e| e.at_index(0))?,
            B::from_json(&items[1]).map_err(|e| e.at_index(1))?,
        ))
    }
}

/// Map keys: strings, or unit enums named by their variant.
pub trait FromJsonKey: Sized + Ord {
    fn from_key(key: &str) -> Result<Self, PathError>;
}

impl FromJsonKey for String {
    fn from_key(key: &str) -> Result<Self, PathError> {
        Ok(key.to_string())
    }
}

impl<K: FromJsonKey, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: &Value) -> Result<Self, PathError> {
        let mut out = BTreeMap::new();
        for (key, item) in object(value, "a map")? {
            let k = K::from_key(key).map_err(|e| e.at_key(key))?;
            out.insert(k, V::from_json(item).map_err(|e| e.at_key(key))?);
        }
        Ok(out)
    }
}

// ---------------------------------------------------------------------------------------------
// ToJson for the building blocks.

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// serde_json's float format (zmij's shortest round-trip digits); null when not finite.
#[inline(never)]
fn write_f64(value: f64, out: &mut String) {
    if value.is_finite() {
        out.push_str(zmij::Buffer::new().format_finite(value));
    } else {
        out.push_str("null");
    }
}

impl ToJson for f64 {
    fn write_json(&self, out: &mut String) {
        write_f64(*self, out);
    }
}

impl ToJson for f32 {
    fn write_json(&self, out: &mut String) {
        if self.is_finite() {
            out.push_str(zmij::Buffer::new().format_finite(*self));
        } else {
            out.push_str("null");
        }
    }
}

/// A JSON string, escaped as serde_json escapes it (quote, backslash and control characters;
/// everything else verbatim).
#[inline(never)]
pub fn write_str(value: &str, out: &mut String) {
    out.push('"');
    let mut start = 0;
    for (i, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&value[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(byte >> 4) as usize] as char);
            out.push(HEX[(byte & 0xf) as usize] as char);
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&value[start..]);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for Box<T> {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

/// Writes `[`, or a comma before the next element.
#[inline(never)]
fn separator(out: &mut String, open: char) {
    if out.ends_with(open) {
        return;
    }
    out.push(',');
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for item in self {
            separator(out, '[');
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

/// Map keys written as JSON strings.
pub trait ToJsonKey {
    fn key_str(&self) -> &str;
}

impl ToJsonKey for String {
    fn key_str(&self) -> &str {
        self
    }
}

impl ToJsonKey for &str {
    fn key_str(&self) -> &str {
        self
    }
}

#[inline(never)]
fn map_key(out: &mut String, key: &str) {
    separator(out, '{');
    write_str(key, out);
    out.push(':');
}

impl<K: ToJsonKey, V: ToJson> ToJson for BTreeMap<K, V> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (key, value) in self {
            map_key(out, key.key_str());
            value.write_json(out);
        }
        out.push('}');
    }
}

impl ToJson for Map<String, Value> {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        for (key, value) in self {
            map_key(out, key);
            value.write_json(out);
        }
        out.push('}');
    }
}

impl ToJson for Number {
    fn write_json(&self, out: &mut String) {
        // Number's Display is serde_json's own number output (itoa, zmij).
        out.push_str(&self.to_string());
    }
}

impl ToJson for Value {
    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(n) => n.write_json(out),
            Value::String(s) => write_str(s, out),
            Value::Array(a) => a.write_json(out),
            Value::Object(o) => o.write_json(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::Unexpected;
    use serde_json::json;

    /// What `Found`'s Display words by hand is serde's `Unexpected` (floats aside: serde_json's).
    #[test]
    fn found_words_as_serde_s_unexpected() {
        let unexpected = |found: &Found| match found {
            Found::Null => "null".to_string(),
            Found::Bool(b) => Unexpected::Bool(*b).to_string(),
            Found::Unsigned(u) => Unexpected::Unsigned(*u).to_string(),
            Found::Signed(i) => Unexpected::Signed(*i).to_string(),
            Found::Float(f) => format!("floating point `{}`", zmij::Buffer::new().format(*f)),
            Found::Str(s) => Unexpected::Str(s).to_string(),
            Found::Array => Unexpected::Seq.to_string(),
            Found::Object => Unexpected::Map.to_string(),
            Found::UnitVariant => Unexpected::UnitVariant.to_string(),
        };
        for found in [
            Found::Null,
            Found::Bool(true),
            Found::Bool(false),
            Found::Unsigned(u64::MAX),
            Found::Signed(i64::MIN),
            Found::Float(-1.5e300),
            Found::Str("引号\"、换行\n、制表\t、\u{7f}、\u{301}é、😀".to_string()),
            Found::Array,
            Found::Object,
            Found::UnitVariant,
        ] {
            assert_eq!(found.to_string(), unexpected(&found));
        }
    }

    #[test]
    fn paths_read_as_js() {
        let e = missing_field("id")
            .at_key("options")
            .at_index(3)
            .at_key("items");
        assert_eq!(e.path(), "items[3].options");
        assert_eq!(e.to_string(), "missing field `id`");
        assert_eq!(invalid_type(&json!(1), "a string").path(), "");
    }

    #[test]
    fn found_values_are_worded_as_serde_json_words_them() {
        let worded = |v: Value| Found::of(&v).to_string();
        assert_eq!(worded(json!(null)), "null");
        assert_eq!(worded(json!(true)), "boolean `true`");
        assert_eq!(worded(json!(3)), "integer `3`");
        assert_eq!(worded(json!(-3)), "integer `-3`");
        assert_eq!(worded(json!(1.5)), "floating point `1.5`");
        assert_eq!(worded(json!(3e300)), "floating point `3e+300`");
        assert_eq!(worded(json!("x")), "string \"x\"");
        assert_eq!(worded(json!([])), "sequence");
        assert_eq!(worded(json!({})), "map");
    }

    #[test]
    fn lists_of_names() {
        let names = |n: &[&str]| one_of(&n.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(names(&["a"]), "`a`");
        assert_eq!(names(&["a", "b"]), "`a` or `b`");
        assert_eq!(names(&["a", "b", "c"]), "one of `a`, `b`, `c`");
        let e = unknown_field("x", &[]);
        assert_eq!(e.to_string(), "unknown field `x`, there are no fields");
    }

    #[test]
    fn integers_out_of_range_are_values_fractions_are_types() {
        let e = u8::from_json(&json!(300)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidValue { .. }), "{e}");
        let e = u8::from_json(&json!(1.5)).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::InvalidType { .. }), "{e}");
        assert_eq!(u32::from_json(&json!(7)).unwrap(), 7);
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for v in [0.1, 1e21, 1.0, -0.0, 123456.789, f64::MIN_POSITIVE] {
            assert_eq!(to_json_string(&v), serde_json::to_string(&v).unwrap());
        }
        assert_eq!(to_json_string(&f64::NAN), "null");
        assert_eq!(
            to_json_string("a\"\n<"),
            serde_json::to_string("a\"\n<").unwrap()
        );
    }
}
