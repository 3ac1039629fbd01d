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

/// The `WRONG_TYPE` error of an argument that is not what its parameter takes.
#[inline(never)]
fn wrong_type(root: &str, zh: &str, en: &str) -> Error {
    Error::new(
        ErrorCode::WrongType,
        root,
        ["参数 “", root, "” 应为", zh].concat(),
        ["argument \"", root, "\" must be ", en].concat(),
    )
}

// Checked primitives. wasm-bindgen's own glue for `&str`, `String`, `&[u8]`… parameters reads
// whatever it is given as a string or an array (a number's missing `length`, a symbol…) and can
// write out of bounds, which traps and kills the instance; `u32` silently turns "abc" into 0.
// So every such parameter is a `JsValue`, checked here, and a wrong one is a coded error.

/// A string argument.
pub fn string_arg(value: &JsValue, root: &str) -> Result<String, Error> {
    value
        .as_string()
        .ok_or_else(|| wrong_type(root, "字符串", "a string"))
}

/// An optional string argument: `undefined` and `null` are `None`.
pub fn optional_string_arg(value: &JsValue, root: &str) -> Result<Option<String>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    string_arg(value, root).map(Some)
}

/// A whole number 0 … 4294967295.
pub fn u32_arg(value: &JsValue, root: &str) -> Result<u32, Error> {
    value
        .as_f64()
        .filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x))
        .map(|x| x as u32)
        .ok_or_else(|| {
            wrong_type(
                root,
                " 0 到 4294967295 之间的整数",
                "a whole number 0 … 4294967295",
            )
        })
}

/// Bytes: a `Uint8Array`.
pub fn bytes_arg(value: &JsValue, root: &str) -> Result<Vec<u8>, Error> {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| wrong_type(root, " Uint8Array", "a Uint8Array"))
}

/// Numbers: a `Float64Array`, or an array of numbers.
pub fn f64s_arg(value: &JsValue, root: &str) -> Result<Vec<f64>, Error> {
    use wasm_bindgen::JsCast;
    if let Some(array) = value.dyn_ref::<js_sys::Float64Array>() {
        return Ok(array.to_vec());
    }
    numbers(value, root)?
        .into_iter()
        .map(|x| x.ok_or_else(|| wrong_type(root, "数字数组", "an array of numbers")))
        .collect()
}

/// Whole numbers 0 … 4294967295: a `Uint32Array`, or an array of such numbers.
pub fn u32s_arg(value: &JsValue, root: &str) -> Result<Vec<u32>, Error> {
    use wasm_bindgen::JsCast;
    if let Some(array) = value.dyn_ref::<js_sys::Uint32Array>() {
        return Ok(array.to_vec());
    }
    let bad = || wrong_type(root, " Uint32Array", "a Uint32Array");
    numbers(value, root)?
        .into_iter()
        .map(|x| {
            x.filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x))
                .map(|x| x as u32)
                .ok_or_else(bad)
        })
        .collect()
}

/// Bytes 0 … 255: a `Uint8Array`, or an array of such numbers.
pub fn u8s_arg(value: &JsValue, root: &str) -> Result<Vec<u8>, Error> {
    if let Ok(bytes) = bytes_arg(value, root) {
        return Ok(bytes);
    }
    let bad = || wrong_type(root, " Uint8Array", "a Uint8Array");
    numbers(value, root)?
        .into_iter()
        .map(|x| {
            x.filter(|x| x.fract() == 0.0 && (0.0..=255.0).contains(x))
                .map(|x| x as u8)
                .ok_or_else(bad)
        })
        .collect()
}

/// A plain JS array as numbers (`None` for an element that is not one).
fn numbers(value: &JsValue, root: &str) -> Result<Vec<Option<f64>>, Error> {
    if !js_sys::Array::is_array(value) {
        return Err(wrong_type(root, "数组", "an array"));
    }
    Ok(js_sys::Array::from(value)
        .iter()
        .map(|v| v.as_f64())
        .collect())
}
