//! Small text helpers shared by the importers: width folding, header keys, dimensions, numbers
//! and spreadsheet cell references.

/// Maps full-width ASCII (U+FF01–FF5E) to half-width and the ideographic space (U+3000) to a
/// space, so `ＡＢＣ` and `ABC` read the same.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// The comparable form of a column header: width-folded, lower-case, without whitespace,
/// required-markers (`*`) or a trailing note in brackets (`分值（分）` → `分值`).
pub fn header_key(header: &str) -> String {
    let folded = fold_width(header);
    let mut key: String = folded
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .flat_map(char::to_lowercase)
        .collect();
    if key.ends_with(')') {
        if let Some(open) = key.rfind('(') {
            if open > 0 {
                key.truncate(open);
            }
        }
    }
    key
}

/// A number as people write it: `2`, `2.5`, `0.1` (shortest form that reads back the same).
pub fn format_number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A JSON number, written as an integer when it is one (`2`, not `2.0`).
pub fn num(x: f64) -> serde_json::Value {
    if x == x.trunc() && x.abs() <= 9_007_199_254_740_992.0 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Value::from(x)
    }
}

/// Parses a number written by a person or a spreadsheet (full-width digits allowed).
pub fn parse_number(s: &str) -> Option<f64> {
    let t = fold_width(s);
    let t = t.trim();
    if t.is_empty() {
        return None;
    }
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Rounds away floating-point noise (`0.30000000000000004` → `0.3`) in computed points.
pub fn tidy(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Spreadsheet column letters of a 0-based column index: 0 → `A`, 26 → `AA`.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The 0-based column index of letters like `C` or `AA`.
pub fn column_index(letters: &str) -> Option<usize> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for c in letters.chars() {
        if !c.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + (c as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_compare_tolerantly() {
        assert_eq!(header_key(" 选项Ａ "), "选项a");
        assert_eq!(header_key("分值（分）"), "分值");
        assert_eq!(header_key("*正确 答案"), "正确答案");
        assert_eq!(header_key("Option A"), "optiona");
    }

    #[test]
    fn columns_and_numbers() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_index("AA"), Some(26));
        assert_eq!(column_index("C"), Some(2));
        assert_eq!(format_number(2.0), "2");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_number(tidy(0.1 + 0.2)), "0.3");
        assert_eq!(parse_number("３０"), Some(30.0));
        assert_eq!(parse_number("NaN"), None);
    }
}
