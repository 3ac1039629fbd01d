//! GB18030 (GBK) decoding at the boundary, by the browser's own `TextDecoder('gb18030')`:
//! zero bytes of wasm, where a decoder crate costs 128 KB gzip (see `crate::encoding`). The core
//! detects the encoding and calls [`BrowserDecoder`] only for GB18030 bytes.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use kaohe::encoding::LegacyDecoder;

#[wasm_bindgen]
extern "C" {
    type TextDecoder;

    #[wasm_bindgen(constructor, catch)]
    fn new(label: &str, options: &JsValue) -> Result<TextDecoder, JsValue>;

    #[wasm_bindgen(method, catch)]
    fn decode(this: &TextDecoder, bytes: &Uint8Array) -> Result<String, JsValue>;
}

/// The browser's (or Node's) `TextDecoder`, fatal on malformed bytes.
pub struct BrowserDecoder;

impl LegacyDecoder for BrowserDecoder {
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"fatal".into(), &JsValue::TRUE).ok()?;
        let decoder = TextDecoder::new("gb18030", &options).ok()?;
        decoder.decode(&Uint8Array::from(bytes)).ok()
    }
}
