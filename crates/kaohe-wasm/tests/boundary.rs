//! The JS boundary in headless Chromium: what crosses is plain data, and every failure is a real
//! JS `Error` carrying `code`, `path` and both messages.
#![cfg(target_arch = "wasm32")]

use js_sys::{Error as JsError, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Reads a string property of a JS object.
pub fn prop(value: &JsValue, name: &str) -> String {
    Reflect::get(value, &name.into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Asserts `error` is a KaoheError with `code` and `path`.
pub fn assert_kaohe_error(error: &JsValue, code: &str, path: &str) {
    assert!(error.is_instance_of::<JsError>(), "not an Error: {error:?}");
    let js: &JsError = error.unchecked_ref();
    assert_eq!(String::from(js.name()), "KaoheError");
    assert_eq!(
        prop(error, "code"),
        code,
        "{:?}",
        String::from(js.message())
    );
    assert_eq!(prop(error, "path"), path);
    let messages = Reflect::get(error, &"messages".into()).unwrap();
    assert!(!prop(&messages, "zh").is_empty());
    assert!(!prop(&messages, "en").is_empty());
}

#[wasm_bindgen_test]
fn unknown_locale_is_a_kaohe_error_and_leaves_the_locale_alone() {
    kaohe_wasm::locale::set_locale("en").unwrap();
    let error = kaohe_wasm::locale::set_locale("fr").unwrap_err();
    assert_kaohe_error(&error, "UNKNOWN_VARIANT", "locale");
    let js: &JsError = error.unchecked_ref();
    assert!(
        String::from(js.message()).contains("expected"),
        "English message in en"
    );
    assert_eq!(kaohe_wasm::locale::get_locale(), "en");
    kaohe_wasm::locale::set_locale("zh-CN").unwrap();
    let error = kaohe_wasm::locale::set_locale("xx").unwrap_err();
    let js: &JsError = error.unchecked_ref();
    assert!(
        String::from(js.message()).contains("不支持"),
        "Chinese message in zh-CN"
    );
}
