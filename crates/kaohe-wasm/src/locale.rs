//! The language of thrown error messages. Generated texts carry both languages; only the
//! `message` of a thrown error must pick one, so the page sets it once when the user switches.

use std::cell::Cell;

use wasm_bindgen::prelude::*;

use kaohe::error::{Error, ErrorCode};
use kaohe::i18n::Locale;

use crate::error::Thrown;

thread_local! {
    static LOCALE: Cell<Locale> = const { Cell::new(Locale::ZhCn) };
}

pub fn current_locale() -> Locale {
    LOCALE.with(Cell::get)
}

/// Sets the language of error messages: `"zh-CN"` (the default) or `"en"`.
///
/// @example
/// ```ts
/// setLocale("en");
/// ```
#[wasm_bindgen(js_name = setLocale)]
pub fn set_locale(
    #[wasm_bindgen(unchecked_param_type = "Locale")] locale: JsValue,
) -> Result<(), Thrown> {
    let locale = crate::convert::string_arg(&locale, "locale")?;
    let parsed = match locale.as_str() {
        "zh-CN" | "zh" => Locale::ZhCn,
        "en" => Locale::En,
        other => {
            return Err(Error::new(
                ErrorCode::UnknownVariant,
                "locale",
                // Concatenated, not `format!`: every module links this (see
                // `kaohe::error::index_path`).
                ["不支持的语言 “", other, "”，应为 \"zh-CN\" 或 \"en\""].concat(),
                [
                    "unsupported locale \"",
                    other,
                    "\"; expected \"zh-CN\" or \"en\"",
                ]
                .concat(),
            )
            .into());
        }
    };
    LOCALE.with(|cell| cell.set(parsed));
    Ok(())
}

/// The current language of error messages.
#[wasm_bindgen(js_name = getLocale, unchecked_return_type = "Locale")]
pub fn get_locale() -> String {
    match current_locale() {
        Locale::ZhCn => "zh-CN".into(),
        Locale::En => "en".into(),
    }
}
