//! Our [`Error`] → a real JS `Error` with `name`, `code`, `path` and `messages` set.
//!
//! Thrown strings lose the stack and cannot carry a code; pages branch on `err.code`, so every
//! failure leaves the module through [`to_js_error`], as a [`Thrown`].

use std::ops::Deref;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use kaohe::error::Error;

use crate::locale::current_locale;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &'static str = r#"
/** A failure caused by the input. `code` is stable; `path` points into the input (`items[12].answer`). */
export interface KaoheError extends Error {
  name: "KaoheError";
  code: KaoheErrorCode;
  /**
   * Where in the arguments, like `items[12].answer`: inside the argument when the function takes
   * one, after the argument's name when it takes several (`blueprint.sections[0]`); a missing or
   * wrongly typed argument is its name, the receiver `this`; "" when no part of the input is at
   * fault or a one-argument call's input is wrong as a whole. See docs/api.md, "Error paths".
   */
  path: string;
  /** The message in both languages; `message` is the one for the current locale. */
  messages: { zh: string; en: string };
}
"#;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_CODES_TS: &'static str = kaohe::error::ErrorCode::TYPESCRIPT;

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

/// What every binding returns on failure: the JS value it throws.
///
/// The core's [`Error`] and wasm-bindgen's `JsValue` are both foreign to this crate, so
/// `From<Error> for JsValue` cannot be written here; this wrapper takes either (so `?` works on
/// core results and on JS calls alike), and wasm-bindgen throws it as the `JsValue` inside. It
/// derefs to that `JsValue`, so tests inspect it as the error JS would catch.
#[derive(Debug)]
pub struct Thrown(JsValue);

impl From<Error> for Thrown {
    fn from(error: Error) -> Thrown {
        Thrown(to_js_error(&error))
    }
}

impl From<JsValue> for Thrown {
    fn from(value: JsValue) -> Thrown {
        Thrown(value)
    }
}

impl From<Thrown> for JsValue {
    fn from(thrown: Thrown) -> JsValue {
        thrown.0
    }
}

impl Deref for Thrown {
    type Target = JsValue;

    fn deref(&self) -> &JsValue {
        &self.0
    }
}
