//! Text normalisation for fill-in-the-blank and short answers, so that `全角ＡＢＣ`, `abc` and
//! ` ABC ` compare equal and Chinese punctuation matches its ASCII twin.

use crate::format::{FromJson, ToJson};

/// Which normalisation steps apply; every step is on unless the bank turns it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Normalize {
    /// Remove leading and trailing whitespace.
    #[serde(default = "on")]
    pub trim: bool,
    /// Compare without regard to letter case (Unicode lower-casing).
    #[serde(default = "on")]
    pub case_insensitive: bool,
    /// Map full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) to half-width.
    #[serde(default = "on")]
    pub full_width: bool,
    /// Map Chinese punctuation （），。；：？！“”‘’【】、 to ASCII ( ) , . ; : ? ! " " ' ' [ ] ,
    #[serde(default = "on")]
    pub punctuation: bool,
    /// Collapse every run of whitespace into one space.
    #[serde(default = "on")]
    pub whitespace: bool,
}

fn on() -> bool {
    true
}

impl Default for Normalize {
    fn default() -> Self {
        Normalize {
            trim: true,
            case_insensitive: true,
            full_width: true,
            punctuation: true,
            whitespace: true,
        }
    }
}

/// The ASCII twin of a Chinese punctuation mark, if it has one.
fn ascii_punctuation(c: char) -> Option<char> {
    Some(match c {
        '（' => '(',
        '）' => ')',
        '，' | '、' => ',',
        '。' => '.',
        '；' => ';',
        '：' => ':',
        '？' => '?',
        '！' => '!',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '【' => '[',
        '】' => ']',
        _ => return None,
    })
}

/// The half-width form of a full-width ASCII character or the ideographic space.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Applies the chosen steps in a fixed order: width, punctuation, case, whitespace, trim.
pub fn normalize(text: &str, options: &Normalize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        let mut c = c;
        if options.full_width {
            c = half_width(c);
        }
        if options.punctuation {
            c = ascii_punctuation(c).unwrap_or(c);
        }
        if options.whitespace && c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if options.case_insensitive {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    if options.trim {
        let trimmed = out.trim();
        if trimmed.len() != out.len() {
            return trimmed.to_string();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_digits_and_spaces() {
        let n = Normalize::default();
        assert_eq!(normalize("全角ＡＢＣ", &n), "全角abc");
        assert_eq!(normalize("３０　天", &n), "30 天");
        assert_eq!(normalize("  退货  ", &n), "退货");
    }

    #[test]
    fn chinese_punctuation_becomes_ascii() {
        let n = Normalize::default();
        assert_eq!(normalize("您好，请问？", &n), "您好,请问?");
        assert_eq!(
            normalize("“先处理心情”（再处理事情）。", &n),
            "\"先处理心情\"(再处理事情)."
        );
        assert_eq!(
            normalize("倾听、道歉；【澄清】：！", &n),
            "倾听,道歉;[澄清]:!"
        );
        assert_eq!(normalize("‘VIP’", &n), "'vip'");
    }

    #[test]
    fn whitespace_runs_collapse() {
        let n = Normalize::default();
        assert_eq!(normalize("a \t\n b", &n), "a b");
    }

    #[test]
    fn each_step_can_be_turned_off() {
        let off = Normalize {
            trim: false,
            case_insensitive: false,
            full_width: false,
            punctuation: false,
            whitespace: false,
        };
        assert_eq!(normalize(" ＡB，  c ", &off), " ＡB，  c ");
        let case_only = Normalize {
            case_insensitive: false,
            ..Normalize::default()
        };
        assert_eq!(normalize("ＡBc", &case_only), "ABc");
    }
}
