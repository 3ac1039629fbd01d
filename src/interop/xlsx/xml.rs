//! A small XML tokenizer, enough for the parts of an `.xlsx`: start and end tags with
//! attributes, text with the five named entities and numeric references, CDATA; comments,
//! processing instructions and DOCTYPEs are skipped. Names are reduced to their local part
//! (`x:row` → `row`), which is how the workbook parts are matched.

use crate::error::{Error, ErrorCode};

/// One piece of an XML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// `<name a="1">` or `<name/>` (then `empty` is true).
    Start {
        /// The local name.
        name: String,
        /// Attributes as (local name, decoded value).
        attrs: Vec<(String, String)>,
        /// Whether the tag closes itself.
        empty: bool,
    },
    /// `</name>`.
    End(String),
    /// Text between tags, entities decoded.
    Text(String),
}

impl Token {
    /// The value of an attribute of a start tag.
    pub fn attr(&self, key: &str) -> Option<&str> {
        match self {
            Token::Start { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }
}

fn bad(part: &str) -> Error {
    Error::new(
        ErrorCode::CorruptData,
        "",
        format!("不是有效的 .xlsx 文件：{part} 不是有效的 XML"),
        format!("not a valid .xlsx file: {part} is not well-formed XML"),
    )
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

/// Splits a document into tokens; `part` names it in errors.
pub fn tokenize(xml: &str, part: &str) -> Result<Vec<Token>, Error> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest, part)?;
            break;
        };
        if lt > 0 {
            push_text(&mut out, rest.get(..lt).unwrap_or_default(), part)?;
        }
        rest = rest.get(lt..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").ok_or_else(|| bad(part))?;
            out.push(Token::Text(
                after.get(..end).unwrap_or_default().to_string(),
            ));
            rest = after.get(end + 3..).unwrap_or_default();
            continue;
        }
        let skip_to = if rest.starts_with("<!--") {
            Some("-->")
        } else if rest.starts_with("<?") {
            Some("?>")
        } else if rest.starts_with("<!") {
            Some(">")
        } else {
            None
        };
        if let Some(end_marker) = skip_to {
            let end = rest.find(end_marker).ok_or_else(|| bad(part))?;
            rest = rest.get(end + end_marker.len()..).unwrap_or_default();
            continue;
        }
        let gt = find_tag_end(rest).ok_or_else(|| bad(part))?;
        let inner = rest.get(1..gt).unwrap_or_default();
        rest = rest.get(gt + 1..).unwrap_or_default();
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::End(local(name.trim())));
            continue;
        }
        let (inner, empty) = match inner.strip_suffix('/') {
            Some(i) => (i, true),
            None => (inner, false),
        };
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let name = local(inner.get(..name_end).unwrap_or_default());
        if name.is_empty() {
            return Err(bad(part));
        }
        let attrs = parse_attrs(inner.get(name_end..).unwrap_or_default(), part)?;
        out.push(Token::Start { name, attrs, empty });
    }
    Ok(out)
}

/// The `>` that ends a tag, skipping any inside quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn parse_attrs(mut s: &str, part: &str) -> Result<Vec<(String, String)>, Error> {
    let mut attrs = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(attrs);
        }
        let eq = s.find('=').ok_or_else(|| bad(part))?;
        let key = local(s.get(..eq).unwrap_or_default().trim());
        s = s.get(eq + 1..).unwrap_or_default().trim_start();
        let q = s
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| bad(part))?;
        let body = s.get(1..).unwrap_or_default();
        let end = body.find(q).ok_or_else(|| bad(part))?;
        attrs.push((key, decode(body.get(..end).unwrap_or_default(), part)?));
        s = body.get(end + 1..).unwrap_or_default();
    }
}

fn push_text(out: &mut Vec<Token>, raw: &str, part: &str) -> Result<(), Error> {
    out.push(Token::Text(decode(raw, part)?));
    Ok(())
}

/// Decodes `&lt; &gt; &amp; &quot; &apos; &#123; &#x1F;`.
pub fn decode(raw: &str, part: &str) -> Result<String, Error> {
    if !raw.contains('&') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        rest = rest.get(amp + 1..).unwrap_or_default();
        let semi = rest
            .find(';')
            .filter(|&i| i <= 10)
            .ok_or_else(|| bad(part))?;
        let entity = rest.get(..semi).unwrap_or_default();
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    entity.strip_prefix('#').and_then(|d| d.parse::<u32>().ok())
                };
                code.and_then(char::from_u32).ok_or_else(|| bad(part))?
            }
        };
        out.push(c);
        rest = rest.get(semi + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

/// Escapes text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            // Control characters other than tab and line breaks are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_entities() {
        let t = tokenize(
            r#"<?xml version="1.0"?><!-- c --><x:row r="7" a='b>c'><c t="s"/><t xml:space="preserve"> A&amp;B &#x4E2D;&#25991; </t><![CDATA[<raw>]]></x:row>"#,
            "p",
        )
        .unwrap();
        assert_eq!(t[0].attr("r"), Some("7"));
        assert_eq!(t[0].attr("a"), Some("b>c"));
        assert_eq!(
            t[1],
            Token::Start {
                name: "c".into(),
                attrs: vec![("t".into(), "s".into())],
                empty: true
            }
        );
        assert_eq!(t[3], Token::Text(" A&B 中文 ".into()));
        assert_eq!(t[5], Token::Text("<raw>".into()));
        assert_eq!(t[6], Token::End("row".into()));
    }

    #[test]
    fn malformed_is_corrupt() {
        assert!(tokenize("<a b=\"1></a>", "p").is_err());
        assert!(tokenize("<a>&bogus;</a>", "p").is_err());
        assert_eq!(escape("a<b&\"c\u{1}"), "a&lt;b&amp;&quot;c");
    }
}
