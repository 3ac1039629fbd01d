//! Plain JS values ⇄ core types, through JSON text on both sides.
//!
//! `JSON.stringify` + serde_json on the way in and `ToJson` + `JSON.parse` on the way out
//! replace serde-wasm-bindgen: the JSON parser and printer are in the module anyway (files,
//! backups), so the boundary costs no extra code, and one string crossing is faster than
//! serde-wasm-bindgen's one JS call per field. Maps arrive as plain objects, `None` as null,
//! fields in camelCase as set on the types. Typed arrays do not pass through here.

use wasm_bindgen::JsValue;

use kaohe::error::{Error, ErrorCode};
use kaohe::format;

use crate::error::Thrown;

/// Decodes a JS object into a core input type; errors carry our code and a path under `root`
/// (the name of the parameter, e.g. `bank`), so `bank.items[3].answer` points at the culprit.
pub fn from_js<T: format::FromJson>(value: JsValue, root: &str) -> Result<T, Error> {
    format::decode_value(&argument(value, root)?)
}

/// A required argument as a `serde_json::Value`: the part of [`from_js`] that does not depend on
/// the type, kept out of line so each decoded type does not carry a copy.
#[inline(never)]
fn argument(value: JsValue, root: &str) -> Result<serde_json::Value, Error> {
    if value.is_undefined() || value.is_null() {
        return Err(Error::new(
            ErrorCode::MissingField,
            root,
            format!("缺少参数 “{root}”"),
            format!("missing argument \"{root}\""),
        ));
    }
    to_value(value, root)
}

/// A JS value as a `serde_json::Value`. Every input is funnelled through this one conversion so
/// the typed decoders exist once in the wasm (for `&Value`), not once per deserializer.
///
/// What `JSON.stringify` does is what the input means: `undefined` fields are absent, `NaN` is
/// null. Values it cannot write (a cycle, a `BigInt`, a bare function) are a `WRONG_TYPE` error.
pub fn to_value(value: JsValue, root: &str) -> Result<serde_json::Value, Error> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string());
    let parsed = match text {
        Some(text) => serde_json::from_str(&text).map_err(|e| e.to_string()),
        None => Err("JSON.stringify failed".to_string()),
    };
    parsed.map_err(|e| {
        Error::new(
            ErrorCode::WrongType,
            root,
            format!("“{root}” 不是普通的 JSON 数据：{e}"),
            format!("\"{root}\" is not plain JSON data: {e}"),
        )
    })
}

/// Serializes an output as plain objects: JSON text parsed by `JSON.parse`.
pub fn to_js<T: format::ToJson + ?Sized>(value: &T) -> Result<JsValue, Thrown> {
    json_to_js(&format::to_json_string(value))
}

/// `JSON.parse` of our own output; one copy for every output type.
#[inline(never)]
fn json_to_js(text: &str) -> Result<JsValue, Thrown> {
    js_sys::JSON::parse(text).map_err(|_| {
        let e = "JSON.parse failed";
        Error::new(
            ErrorCode::InvalidValue,
            "",
            format!("结果无法转换为 JS 对象：{e}"),
            format!("the result could not be converted to a JS object: {e}"),
        )
        .into()
    })
}
