//! Plain JS values ⇄ core types, with one serializer setting for the whole API.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::error::{Error, ErrorCode};
use crate::format;

/// Decodes a JS object into a core input type; errors carry our code and a path under `root`
/// (the name of the parameter, e.g. `bank`), so `bank.items[3].answer` points at the culprit.
pub fn from_js<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Err(Error::new(
            ErrorCode::MissingField,
            root,
            format!("缺少参数 “{root}”"),
            format!("missing argument \"{root}\""),
        ));
    }
    format::decode_value(&to_value(value, root)?)
}

/// A JS value as a `serde_json::Value`. Every input is funnelled through this one conversion so
/// the typed decoders exist once in the wasm (for `&Value`), not once per deserializer.
pub fn to_value(value: JsValue, root: &str) -> Result<serde_json::Value, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        Error::new(
            ErrorCode::WrongType,
            root,
            format!("“{root}” 不是普通的 JSON 数据：{e}"),
            format!("\"{root}\" is not plain JSON data: {e}"),
        )
    })
}

/// Serializes an output as plain objects (maps as objects, `None` as null), camelCase already
/// set on the types.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value.serialize(&serializer).map_err(|e| {
        Error::new(
            ErrorCode::InvalidValue,
            "",
            format!("结果无法转换为 JS 对象：{e}"),
            format!("the result could not be converted to a JS object: {e}"),
        )
        .into()
    })
}
