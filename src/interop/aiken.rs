//! Moodle's Aiken format: a question (one or more lines), options `A.` or `A)` (also `A、`,
//! `A．`, `A）` as Chinese editors type them), then `ANSWER: B`. One letter gives a single-choice
//! item; several (`ANSWER: A,C`, an extension Moodle does not read) a multiple-choice item.
//! Aiken carries no ids, points or tags: items are `aiken-001`… with the import defaults.
//! Errors and skipped questions are located as `line N`.

use serde_json::{json, Value};

use super::outcome::{assemble, tags, Fallbacks, ImportOptions, ImportOutcome, Parsed, Problem};
use super::table::parse_letters;
use super::text::{column_letters, fold_width, num};
use crate::error::{Error, ErrorCode};

/// Imports a question bank from Aiken text.
///
/// @example
/// `import_aiken("整机保修多久？\nA. 6 个月\nB. 1 年\nANSWER: B\n", &ImportOptions::default())`
pub fn import_aiken(text: &str, options: &ImportOptions) -> Result<ImportOutcome, Error> {
    let fallbacks = options.fallbacks()?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut results = Vec::new();
    let mut q = Question::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            if !q.options.is_empty() {
                // Options without an ANSWER line: report at the question's first line.
                results.push(Err(q.no_answer()));
                q = Question::default();
            }
            continue;
        }
        if let Some(answer) = answer_line(trimmed) {
            let done = std::mem::take(&mut q);
            results.push(done.finish(answer, line, results.len() + 1, &fallbacks));
            continue;
        }
        if q.start == 0 {
            q.start = line;
        }
        if let Some((letter, text)) = option_line(trimmed) {
            if q.stem.is_empty() {
                q.stem.push(trimmed.to_string());
                continue;
            }
            let expected = column_letters(q.options.len());
            if letter != expected {
                q.error.get_or_insert_with(|| {
                    syntax(
                        line,
                        format!("选项应为 {expected}，却是 {letter}"),
                        format!("expected option {expected}, found {letter}"),
                    )
                });
            }
            q.options.push(text.to_string());
        } else if q.options.is_empty() {
            q.stem.push(trimmed.to_string());
        } else {
            q.error.get_or_insert_with(|| {
                syntax(
                    line,
                    "选项之后应是 ANSWER: 行".into(),
                    "expected an ANSWER: line after the options".into(),
                )
            });
        }
    }
    if q.start != 0 {
        results.push(Err(q.no_answer()));
    }
    if results.is_empty() {
        return Err(syntax(
            1,
            "文件中没有 Aiken 题目".into(),
            "the file holds no Aiken question".into(),
        ));
    }
    assemble(results, options)
}

#[derive(Default)]
struct Question {
    start: usize,
    stem: Vec<String>,
    options: Vec<String>,
    error: Option<Error>,
}

fn syntax(line: usize, zh: String, en: String) -> Error {
    Error::new(
        ErrorCode::InvalidSyntax,
        format!("line {line}"),
        format!("第 {line} 行：{zh}"),
        format!("line {line}: {en}"),
    )
}

impl Question {
    fn no_answer(self) -> Error {
        self.error.unwrap_or_else(|| {
            syntax(
                self.start,
                "这道题缺少 ANSWER: 行".into(),
                "this question has no ANSWER: line".into(),
            )
        })
    }

    fn finish(
        self,
        answer: &str,
        line: usize,
        seq: usize,
        fb: &Fallbacks,
    ) -> Result<Parsed, Error> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.stem.is_empty() || self.options.len() < 2 {
            return Err(syntax(
                line,
                "ANSWER: 之前应有题干和至少 2 个选项".into(),
                "a question and at least 2 options must come before ANSWER:".into(),
            ));
        }
        let bad = || {
            Error::new(
                ErrorCode::InvalidAnswerKey,
                format!("line {line}"),
                format!("第 {line} 行：答案 “{answer}” 应为已有选项的字母"),
                format!("line {line}: answer \"{answer}\" must name existing options"),
            )
        };
        let letters = parse_letters(answer).ok_or_else(bad)?;
        let ids: Vec<String> = (0..self.options.len()).map(column_letters).collect();
        if letters.iter().any(|l| !ids.contains(l)) {
            return Err(bad());
        }
        let mut distinct = letters.clone();
        distinct.dedup();
        if distinct.len() != letters.len() {
            return Err(bad());
        }
        let options: Vec<Value> = ids
            .iter()
            .zip(&self.options)
            .map(|(id, text)| json!({ "id": id, "text": text }))
            .collect();
        let (kind, key) = match letters.as_slice() {
            [one] => ("single", json!(one)),
            _ => ("multiple", json!(letters)),
        };
        let item = json!({
            "id": format!("aiken-{seq:03}"),
            "type": kind,
            "stem": self.stem.join("\n"),
            "options": options,
            "answer": key,
            "points": num(fb.points),
            "tags": tags(&fb.dimension, &fb.knowledge_point, fb.difficulty, &[]),
        });
        Ok(Parsed::new(item, format!("line {}", self.start)))
    }
}

fn answer_line(line: &str) -> Option<&str> {
    let head = line.get(..6)?;
    if !head.eq_ignore_ascii_case("answer") {
        return None;
    }
    let rest = line.get(6..)?.trim_start();
    rest.strip_prefix(':')
        .or_else(|| rest.strip_prefix('：'))
        .map(str::trim)
}

/// `A. text`, `B) text`, `C、text` → (letter, text).
fn option_line(line: &str) -> Option<(String, &str)> {
    let mut chars = line.char_indices();
    let (_, letter) = chars.next()?;
    if !letter.is_ascii_uppercase() {
        return None;
    }
    let (i, sep) = chars.next()?;
    if !matches!(fold_width(&sep.to_string()).as_str(), "." | ")" | "、") {
        return None;
    }
    let text = line.get(i + sep.len_utf8()..)?.trim();
    (!text.is_empty()).then(|| (letter.to_string(), text))
}

/// Writes single- and multiple-choice items as Aiken; every other item is left out and
/// reported (Aiken has nothing else). Points, tags and explanations are not kept.
pub fn export_aiken(bank: &Value) -> (String, Vec<Problem>) {
    super::export::write_items(bank, "\n", aiken_question)
}

fn aiken_question(item: &Value) -> Result<String, (String, String)> {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let t = s(item.get("type"));
    let answer = match (t.as_str(), item.get("answer")) {
        ("single", Some(Value::String(a))) => vec![a.clone()],
        ("multiple", Some(Value::Array(a))) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => {
            return Err((
                format!("{t} 类型的题目无法写成 Aiken"),
                format!("a {t} item cannot be written as Aiken"),
            ))
        }
    };
    let options = item
        .get("options")
        .and_then(Value::as_array)
        .map_or(&[][..], |v| v);
    let mut out = format!("{}\n", s(item.get("stem")).trim());
    for (i, o) in options.iter().enumerate() {
        if s(o.get("id")) != column_letters(i) {
            return Err((
                "选项编号不是按顺序的 A、B、C…".into(),
                "option ids are not A, B, C… in order".into(),
            ));
        }
        out.push_str(&format!(
            "{}. {}\n",
            column_letters(i),
            s(o.get("text")).replace('\n', " ")
        ));
    }
    out.push_str(&format!("ANSWER: {}\n", answer.join(",")));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_single_and_multiple() {
        let text = "整机保修多久？\nA. 6 个月\nB) 1 年\nC、3 年\nANSWER: B\n\n哪些不保修？\n（可多选）\nA. 浸水\nB. 私拆\nC. 压缩机故障\nANSWER: A,B\n";
        let out = import_aiken(text, &ImportOptions::default()).unwrap();
        let items = out.bank.unwrap()["items"].clone();
        assert_eq!(items[0]["answer"], "B");
        assert_eq!(items[0]["options"][2]["text"], "3 年");
        assert_eq!(items[1]["type"], "multiple");
        assert_eq!(items[1]["stem"], "哪些不保修？\n（可多选）");
        assert_eq!(items[1]["answer"], json!(["A", "B"]));
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "问题\nA. 甲\nB. 乙\nANSWER: C\n",
                "line 4",
                "INVALID_ANSWER_KEY",
            ),
            (
                "问题\nA. 甲\nC. 乙\nANSWER: A\n",
                "line 3",
                "INVALID_SYNTAX",
            ),
            ("\n问题\nA. 甲\nB. 乙\n\n", "line 2", "INVALID_SYNTAX"),
            ("问题\nA. 甲\nANSWER: A\n", "line 3", "INVALID_SYNTAX"),
            (
                "问题\nA. 甲\nB. 乙\n多余的一行\nANSWER: A\n",
                "line 4",
                "INVALID_SYNTAX",
            ),
        ];
        for (text, line, code) in cases {
            let out = import_aiken(text, &ImportOptions::default()).unwrap();
            assert!(out.bank.is_none(), "{text}");
            assert_eq!(out.problems[0].path, line, "{text}");
            assert_eq!(out.problems[0].code, code, "{text}");
        }
    }
}
