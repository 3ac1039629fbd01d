//! What every binding crate's boundary tests (headless Chromium, `tests/`, wasm32 only) need:
//! JS values from JSON text, reading and writing properties, and the check that a call threw
//! a real `KaoheError` with a given `code` and `path`. A dev-dependency only; it panics freely,
//! as tests do.

use js_sys::{Error as JsError, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// The JS value of JSON `text` (`JSON.parse`).
pub fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

/// The property at `path`, dot-separated (`criteria.1.values`: a key or an array index a
/// step); `undefined` once a step finds nothing.
pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| {
        if v.is_undefined() || v.is_null() {
            JsValue::UNDEFINED
        } else {
            Reflect::get(&v, &key.into()).unwrap()
        }
    })
}

/// Sets `target[key] = value`.
pub fn set(target: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(target, &key.into(), value).unwrap();
}

/// A plain object of `pairs`.
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let out: JsValue = Object::new().into();
    for (key, value) in pairs {
        set(&out, key, value);
    }
    out
}

/// Asserts that `error` is a `KaoheError` (an `Error`) with `code`, `path` and a message in
/// both languages.
pub fn assert_error(error: &JsValue, code: &str, path: &str) {
    assert!(error.is_instance_of::<JsError>(), "not an Error: {error:?}");
    let js: &JsError = error.unchecked_ref();
    let message = String::from(js.message());
    assert_eq!(String::from(js.name()), "KaoheError", "{message}");
    assert_eq!(get(error, "code").as_string().unwrap(), code, "{message}");
    assert_eq!(get(error, "path").as_string().unwrap(), path, "{message}");
    let messages = get(error, "messages");
    assert!(!get(&messages, "zh").as_string().unwrap().is_empty());
    assert!(!get(&messages, "en").as_string().unwrap().is_empty());
}
