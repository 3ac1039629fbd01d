//! Our [`Error`] → a real JS `Error` with `name`, `code`, `path` and `messages` set.
//!
//! Thrown strings lose the stack and cannot carry a code; pages branch on `err.code`, so every
//! failure leaves the module through [`to_js_error`].

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorCode};
use crate::wasm::locale::current_locale;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &'static str = r#"
/** A failure caused by the input. `code` is stable; `path` points into the input (`items[12].answer`). */
export interface KaoheError extends Error {
  name: "KaoheError";
  code: KaoheErrorCode;
  /** Where in the input, like `items[12].answer`; "" when the whole input is at fault. */
  path: string;
  /** The message in both languages; `message` is the one for the current locale. */
  messages: { zh: string; en: string };
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_CODES_TS: &'static str = ErrorCode::TYPESCRIPT;

/// Builds the JS error for `error`, in the current locale.
pub fn to_js_error(error: &Error) -> JsValue {
    let js = js_sys::Error::new(error.message(current_locale()));
    js.set_name("KaoheError");
    let messages = Object::new();
    let object: &JsValue = js.as_ref();
    // Reflect::set only fails on frozen or proxied targets; these objects are fresh.
    let _ = Reflect::set(
        &messages,
        &"zh".into(),
        &error.messages().zh.as_str().into(),
    );
    let _ = Reflect::set(
        &messages,
        &"en".into(),
        &error.messages().en.as_str().into(),
    );
    let _ = Reflect::set(object, &"code".into(), &error.code().as_str().into());
    let _ = Reflect::set(object, &"path".into(), &error.path().into());
    let _ = Reflect::set(object, &"messages".into(), &messages);
    js.into()
}

impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        to_js_error(&error)
    }
}
