//! Bytes → text for every file a trainer imports (question banks, KPI CSV): UTF-8 with or
//! without a byte-order mark, UTF-16 with a mark, and GB18030 (which includes GBK and GB2312),
//! found by looking at the bytes or named by the caller, and reported.
//!
//! Why GB18030 matters: "CSV (逗号分隔)" saved by Excel on Chinese Windows is GBK without a mark,
//! and it is what most trainers' files are.
//!
//! Detection, in order: a byte-order mark (`EF BB BF`, `FF FE`, `FE FF`); valid UTF-8; bytes that
//! are well-formed GB18030 (lead `81–FE` then `40–7E`/`80–FE`, or the four-byte form
//! `81–FE 30–39 81–FE 30–39`). Anything else is refused with the line of the first bad byte.
//!
//! GB18030 itself is decoded by a [`LegacyDecoder`] the caller supplies. The binding passes the
//! browser's own `TextDecoder('gb18030')` (zero bytes of wasm); the native tests pass
//! `encoding_rs`. Measured (wasm32, opt-level z, LTO, wasm-opt -Oz, December 2026): a cdylib
//! that only calls `encoding_rs::GB18030.decode` is 162 KB raw / 128 KB gzip; an in-house
//! decoder would need at least the two-byte GBK table, 23,940 UTF-16 units = 48 KB raw / 41 KB
//! gzip. The interop module must shrink, so the browser's decoder it is.

use crate::error::{Error, ErrorCode};
use crate::format::{FromJson, ToJson};

/// A text encoding the importers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
pub enum TextEncoding {
    /// UTF-8 (Excel's "CSV UTF-8", every text editor's default).
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-16, little-endian, with its byte-order mark (Excel's "Unicode 文本").
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian, with its byte-order mark.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// GB18030, a superset of GBK and GB2312 (Excel's plain "CSV (逗号分隔)" on Chinese Windows).
    #[serde(rename = "gb18030")]
    Gb18030,
}

impl TextEncoding {
    /// The encoding a label names: `utf-8`/`utf8`, `utf-16le`/`utf-16`, `utf-16be`,
    /// `gb18030`/`gbk`/`gb2312`/`cp936` (any case).
    pub fn from_label(label: &str) -> Option<TextEncoding> {
        let key = label.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        Some(match key.as_str() {
            "utf-8" | "utf8" => TextEncoding::Utf8,
            "utf-16" | "utf-16le" | "utf16" | "utf16le" | "unicode" => TextEncoding::Utf16Le,
            "utf-16be" | "utf16be" => TextEncoding::Utf16Be,
            "gb18030" | "gbk" | "gb2312" | "cp936" | "windows-936" | "ansi" => {
                TextEncoding::Gb18030
            }
            _ => return None,
        })
    }

    /// The WHATWG label (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }

    /// What to call it on a screen: `UTF-8`, `UTF-16`, `GBK/GB18030`.
    pub fn display_name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => "UTF-16",
            TextEncoding::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Decodes GB18030 bytes. `None` when the bytes are not valid GB18030 or no decoder is at hand.
pub trait LegacyDecoder {
    /// The text of `bytes` read as GB18030, or `None`.
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String>;
}

/// No GB18030 decoder: for callers that only read Unicode files.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnicodeOnly;

impl LegacyDecoder for UnicodeOnly {
    fn decode_gb18030(&self, _bytes: &[u8]) -> Option<String> {
        None
    }
}

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: TextEncoding,
    /// True when the encoding was found from the bytes, false when the caller named it.
    pub detected: bool,
    /// True when the file started with a byte-order mark.
    pub bom: bool,
}

/// Reads a file's bytes as text: in `requested` when given (a mark that contradicts it is an
/// error), else in the encoding detected as described in the module docs.
///
/// @example
/// `let d = decode_text(&std::fs::read("题库.csv")?, None, &UnicodeOnly)?;`
pub fn decode_text(
    bytes: &[u8],
    requested: Option<TextEncoding>,
    legacy: &dyn LegacyDecoder,
) -> Result<Decoded, Error> {
    let (bom_encoding, body) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (Some(TextEncoding::Utf8), rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (Some(TextEncoding::Utf16Le), rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Some(TextEncoding::Utf16Be), rest)
    } else {
        (None, bytes)
    };
    let bom = bom_encoding.is_some();
    let encoding = match (requested, bom_encoding) {
        (Some(r), Some(b)) if r != b => {
            return Err(Error::new(
                ErrorCode::InvalidSyntax,
                "encoding",
                format!(
                    "文件开头标明是 {} 编码，与所选的 {} 不符",
                    b.display_name(),
                    r.display_name()
                ),
                format!(
                    "the file starts with a {} byte-order mark, not {} as chosen",
                    b.display_name(),
                    r.display_name()
                ),
            ));
        }
        (Some(r), _) => r,
        (None, Some(b)) => b,
        (None, None) if std::str::from_utf8(body).is_ok() => TextEncoding::Utf8,
        (None, None) if gb18030_well_formed(body) => TextEncoding::Gb18030,
        (None, None) => return Err(not_text(body, utf8_error_at(body))),
    };
    let text = match encoding {
        TextEncoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(e) => return Err(not_text(body, e.valid_up_to())),
        },
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => utf16(body, encoding)?,
        TextEncoding::Gb18030 => {
            if !gb18030_well_formed(body) {
                return Err(not_text(body, gb18030_error_at(body)));
            }
            match std::str::from_utf8(body) {
                // Pure ASCII reads the same in both.
                Ok(s) if body.is_ascii() => s.to_string(),
                _ => legacy.decode_gb18030(body).ok_or_else(|| {
                    Error::new(
                        ErrorCode::InvalidSyntax,
                        "encoding",
                        "无法读取 GBK/GB18030 编码：请将文件另存为 “CSV UTF-8（逗号分隔）”",
                        "GBK/GB18030 cannot be read here: save the file as \"CSV UTF-8 (Comma delimited)\"",
                    )
                })?,
            }
        }
    };
    Ok(Decoded {
        text,
        encoding,
        detected: requested.is_none(),
        bom,
    })
}

fn utf16(body: &[u8], encoding: TextEncoding) -> Result<String, Error> {
    if !body.len().is_multiple_of(2) {
        return Err(not_text(body, body.len().saturating_sub(1)));
    }
    let units = body.chunks_exact(2).map(|p| match encoding {
        TextEncoding::Utf16Be => u16::from_be_bytes([p[0], p[1]]),
        _ => u16::from_le_bytes([p[0], p[1]]),
    });
    let mut out = String::with_capacity(body.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                let line = out.chars().filter(|&c| c == '\n').count() + 1;
                return Err(bad_line(line));
            }
        }
    }
    Ok(out)
}

/// The byte offset where `body` stops being UTF-8.
fn utf8_error_at(body: &[u8]) -> usize {
    std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), |_| body.len())
}

/// The byte offset of the first malformed GB18030 sequence, or the length when there is none.
fn gb18030_error_at(body: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = body.get(i) {
        let step = match b {
            0x00..=0x80 => 1,
            0x81..=0xFE => match body.get(i + 1) {
                Some(0x40..=0x7E | 0x80..=0xFE) => 2,
                Some(0x30..=0x39) => match (body.get(i + 2), body.get(i + 3)) {
                    (Some(0x81..=0xFE), Some(0x30..=0x39)) => 4,
                    _ => return i,
                },
                _ => return i,
            },
            0xFF => return i,
        };
        i += step;
    }
    body.len()
}

/// Whether every byte of `body` belongs to a well-formed GB18030 sequence.
pub fn gb18030_well_formed(body: &[u8]) -> bool {
    gb18030_error_at(body) == body.len()
}

fn not_text(body: &[u8], at: usize) -> Error {
    let line = body
        .get(..at)
        .map_or(1, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
    bad_line(line)
}

fn bad_line(line: usize) -> Error {
    Error::new(
        ErrorCode::InvalidSyntax,
        format!("line {line}"),
        format!("第 {line} 行既不是 UTF-8 也不是 GBK 编码的文字：请确认这是文本文件，或将其另存为 “CSV UTF-8（逗号分隔）”"),
        format!("line {line} is neither UTF-8 nor GBK text: check that this is a text file, or save it as \"CSV UTF-8 (Comma delimited)\""),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "正确" in GBK.
    const ZHENGQUE_GBK: &[u8] = b"\xd5\xfd\xc8\xb7";

    struct Fake;
    impl LegacyDecoder for Fake {
        fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
            (bytes == ZHENGQUE_GBK).then(|| "正确".to_string())
        }
    }

    #[test]
    fn marks_and_utf8() {
        let d = decode_text("\u{FEFF}题型".as_bytes(), None, &UnicodeOnly).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            ("题型", TextEncoding::Utf8, true)
        );
        let d = decode_text("题型".as_bytes(), None, &UnicodeOnly).unwrap();
        assert_eq!(
            (d.encoding, d.bom, d.detected),
            (TextEncoding::Utf8, false, true)
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("题\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&le, None, &UnicodeOnly).unwrap().text, "题\n");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("题".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode_text(&be, None, &UnicodeOnly).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("题", TextEncoding::Utf16Be));
    }

    #[test]
    fn gbk_is_detected_and_needs_a_decoder() {
        let d = decode_text(ZHENGQUE_GBK, None, &Fake).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("正确", TextEncoding::Gb18030)
        );
        let e = decode_text(ZHENGQUE_GBK, None, &UnicodeOnly).unwrap_err();
        assert_eq!(e.path(), "encoding");
        assert!(e.messages().zh.contains("CSV UTF-8"));
    }

    #[test]
    fn requested_encodings_and_bad_bytes() {
        let d = decode_text(b"abc", Some(TextEncoding::Gb18030), &UnicodeOnly).unwrap();
        assert_eq!((d.text.as_str(), d.detected), ("abc", false));
        let e = decode_text(b"\xEF\xBB\xBFa", Some(TextEncoding::Gb18030), &Fake).unwrap_err();
        assert_eq!(e.path(), "encoding");
        // 0xFF is neither UTF-8 nor GB18030: located by line.
        let e = decode_text(b"a\nb\n\xFF\n", None, &Fake).unwrap_err();
        assert_eq!(e.path(), "line 3");
        let e = decode_text(b"a\n\xd5", Some(TextEncoding::Gb18030), &Fake).unwrap_err();
        assert_eq!(e.path(), "line 2");
        assert_eq!(TextEncoding::from_label("GBK"), Some(TextEncoding::Gb18030));
        assert_eq!(TextEncoding::from_label("UTF8"), Some(TextEncoding::Utf8));
        assert_eq!(TextEncoding::from_label("big5"), None);
    }
}
