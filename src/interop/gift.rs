//! Moodle's GIFT text format, in and out.
//!
//! Read: questions separated by blank lines; `//` comment lines; `::title::` (the item id);
//! `$CATEGORY: a/b/c` (its last part becomes the knowledge point of the questions after it);
//! format markers `[html]` `[moodle]` `[markdown]` `[plain]` dropped; escapes `\~ \= \# \{ \} \:
//! \\` and `\n`; per-answer feedback `#…` ignored; general feedback `####…` → `explanation`.
//!
//! | GIFT | item |
//! |---|---|
//! | `{=right ~wrong ~wrong}` | single |
//! | `{~%50%a ~%50%b ~%-100%c}` (only `~`, some positive weights) | multiple (positive = correct) |
//! | `{=best ~%50%fair ~bad}` (`=` plus positive partial weights) | situational (weight × points) |
//! | `{T}` `{TRUE}` `{F}` `{FALSE}` | trueFalse |
//! | `{=a =b}` (only `=`) | fillBlank, one blank; the block's place in the stem becomes `____` |
//! | `{#3:0.5}` `{#1..5}` `{#=3:0 =%50%3:1}` | numeric (absolute tolerance; the first full-credit answer) |
//! | `{=a -> 1 =b -> 2 = -> 3}` | matching (prompts `p1`…, options `A`… in order of first use; `= -> x` adds a distractor) |
//! | `{}` | shortAnswer; needs `[keywords:…]` (below), since our short answers are scored by keywords |
//!
//! Options are given ids `A`, `B`, … in order. Metadata for what GIFT cannot say goes in a
//! comment line right before the question, as Moodle does for `[id:…]` and `[tag:…]`:
//! `// [id:pk-001] [tag:售后] [points:2] [dimension:product_knowledge] [difficulty:2]
//! [knowledgePoint:保修政策] [keywords:倾听/听完=2;道歉=2] [modelAnswer:…] [unit:分钟]`
//! (`\]` for a `]` inside a value). Without them: id from the title, else `gift-001`…; the
//! import defaults for the rest. Errors and skipped questions are located as `line N`.

use serde_json::{json, Map, Value};

use super::outcome::{
    assemble, tags, Fallbacks, ImportOptions, ImportOutcome, Note, NoteKind, Parsed, Problem,
};
use super::text::{format_number, num, parse_number, tidy};
use crate::error::{Error, ErrorCode};

/// Imports a question bank from GIFT text.
///
/// @example
/// `import_gift("::pk-001::云帆空调整机保修多久？{=1 年 ~3 年 ~6 个月}", &ImportOptions::default())`
pub fn import_gift(text: &str, options: &ImportOptions) -> Result<ImportOutcome, Error> {
    let fallbacks = options.fallbacks()?;
    let mut results = Vec::new();
    let mut category: Option<String> = None;
    for block in blocks(text) {
        if let Some(rest) = block.text.trim_start().strip_prefix("$CATEGORY:") {
            let last = rest
                .trim()
                .split('/')
                .map(str::trim)
                .rfind(|p| !p.is_empty() && !p.starts_with('$'));
            category = last.map(String::from);
            continue;
        }
        let seq = results.len() + 1;
        results.push(question(&block, seq, category.as_deref(), &fallbacks));
    }
    if results.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidSyntax,
            "line 1",
            "文件中没有 GIFT 题目",
            "the file holds no GIFT question",
        ));
    }
    assemble(results, options)
}

/// A question's text with its first line number and the metadata of the comments before it.
struct Block {
    line: usize,
    text: String,
    meta: Vec<(String, String)>,
}

fn blocks(text: &str) -> Vec<Block> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    let mut meta = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix("//") {
            meta.extend(metadata(comment));
            continue;
        }
        match current.as_mut() {
            Some(b) => {
                b.text.push('\n');
                b.text.push_str(line);
            }
            None => {
                current = Some(Block {
                    line: i + 1,
                    text: line.to_string(),
                    meta: std::mem::take(&mut meta),
                });
                // A category line stands alone even without a blank line after it.
                if trimmed.starts_with("$CATEGORY:") {
                    out.extend(current.take());
                }
            }
        }
    }
    out.extend(current);
    out
}

/// `[key:value]` pairs of a comment line.
fn metadata(comment: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = comment;
    while let Some(open) = rest.find('[') {
        rest = rest.get(open + 1..).unwrap_or_default();
        let mut value = String::new();
        let mut chars = rest.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                ']' => {
                    end = Some(i);
                    break;
                }
                c => value.push(c),
            }
        }
        let Some(end) = end else { break };
        rest = rest.get(end + 1..).unwrap_or_default();
        if let Some((k, v)) = value.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// A character of GIFT text and whether it was escaped.
type Ch = (char, bool);

fn unescape(text: &str) -> Vec<Ch> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push(('\n', true)),
                Some(n) => out.push((n, true)),
                None => out.push(('\\', true)),
            }
        } else {
            out.push((c, false));
        }
    }
    out
}

fn plain(chs: &[Ch]) -> String {
    chs.iter().map(|c| c.0).collect()
}

fn find(chs: &[Ch], from: usize, pat: &str) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    (from..chs.len()).find(|&i| {
        pat.iter()
            .enumerate()
            .all(|(k, p)| chs.get(i + k).is_some_and(|c| c.0 == *p && !c.1))
    })
}

fn strip_format(s: &str) -> &str {
    let t = s.trim_start();
    for marker in ["[html]", "[moodle]", "[markdown]", "[plain]"] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest;
        }
    }
    s
}

fn err(line: usize, zh: String, en: String) -> Error {
    Error::new(ErrorCode::InvalidSyntax, format!("line {line}"), zh, en)
}

/// One answer of a block: `=` or `~`, an optional `%weight%`, the text (matching: left, right).
struct Answer {
    right: bool,
    weight: Option<f64>,
    text: String,
    pair: Option<(String, String)>,
    /// Per-answer feedback (`#…` after the answer).
    feedback: Option<String>,
}

fn question(
    block: &Block,
    seq: usize,
    category: Option<&str>,
    fb: &Fallbacks,
) -> Result<Parsed, Error> {
    let line = block.line;
    let chs = unescape(&block.text);
    let mut start = 0;
    let mut title = None;
    if let Some(open) =
        find(&chs, 0, "::").filter(|&i| plain(chs.get(..i).unwrap_or_default()).trim().is_empty())
    {
        let close = find(&chs, open + 2, "::").ok_or_else(|| {
            err(
                line,
                format!("第 {line} 行：题目标题缺少结尾的 ::"),
                format!("line {line}: the title has no closing ::"),
            )
        })?;
        title = Some(
            plain(chs.get(open + 2..close).unwrap_or_default())
                .trim()
                .to_string(),
        );
        start = close + 2;
    }
    let open = find(&chs, start, "{").ok_or_else(|| {
        err(
            line,
            format!("第 {line} 行：缺少答案块 {{…}}"),
            format!("line {line}: no answer block {{…}}"),
        )
    })?;
    let close = find(&chs, open + 1, "}").ok_or_else(|| {
        err(
            line,
            format!("第 {line} 行：答案块没有结尾的 }}"),
            format!("line {line}: the answer block has no closing }}"),
        )
    })?;
    if find(&chs, close + 1, "{").is_some() {
        return Err(err(
            line,
            format!("第 {line} 行：一道题只能有一个答案块（不支持 Cloze 多空题）"),
            format!(
                "line {line}: one answer block per question (Cloze questions are not supported)"
            ),
        ));
    }
    let before = plain(chs.get(start..open).unwrap_or_default());
    let after = plain(chs.get(close + 1..).unwrap_or_default());
    let mut body: &[Ch] = chs.get(open + 1..close).unwrap_or_default();
    let mut explanation = None;
    if let Some(g) = find(body, 0, "####") {
        let text = plain(body.get(g + 4..).unwrap_or_default())
            .trim()
            .to_string();
        explanation = Some(strip_format(&text).trim().to_string()).filter(|s| !s.is_empty());
        body = body.get(..g).unwrap_or_default();
    }
    let meta = |k: &str| {
        block
            .meta
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let points = match meta("points") {
        None => fb.points,
        Some(p) => parse_number(p).filter(|p| *p > 0.0).ok_or_else(|| {
            Error::new(
                ErrorCode::NonPositivePoints,
                format!("line {line}"),
                format!("第 {line} 行：[points:{p}] 应为大于 0 的数"),
                format!("line {line}: [points:{p}] must be a number greater than 0"),
            )
        })?,
    };
    let mut item = Map::new();
    let id = meta("id")
        .map(String::from)
        .or(title.filter(|t| !t.is_empty()))
        .unwrap_or_else(|| format!("gift-{seq:03}"));
    item.insert("id".into(), json!(id));
    let mut notes = Vec::new();
    let kind = body_kind(body, line, points, &mut item, block, &mut notes)?;
    // Moodle shows per-answer feedback after an answer is given; the bank has one explanation
    // per item, so the feedback joins it, labelled by option.
    if let Some(feedback) = item
        .remove("_feedback")
        .and_then(|f| f.as_str().map(String::from))
    {
        explanation = Some(match explanation.take() {
            Some(e) => format!("{e}\n{feedback}"),
            None => feedback,
        });
        notes.push(Note::new(
            format!("line {line}"),
            NoteKind::Changed,
            "各答案的反馈（#…）已并入解析，考后与解析一起显示",
            "per-answer feedback (#…) joined the explanation, shown after the exam",
        ));
    }
    let before = strip_format(&before);
    let stem = if kind == "fillBlank" || !after.trim().is_empty() {
        format!("{before}____{after}")
    } else {
        before.to_string()
    };
    let stem = stem.trim();
    if stem.is_empty() {
        return Err(err(
            line,
            format!("第 {line} 行：题干为空"),
            format!("line {line}: the stem is empty"),
        ));
    }
    item.insert("type".into(), json!(kind));
    item.insert("stem".into(), json!(stem));
    // Keep the bank format's key order: id, type, stem, then the type's keys.
    let mut ordered = Map::new();
    for k in ["id", "type", "stem"] {
        if let Some(v) = item.remove(k) {
            ordered.insert(k.into(), v);
        }
    }
    ordered.extend(item);
    ordered.insert("points".into(), num(points));
    if let Some(e) = explanation {
        ordered.insert("explanation".into(), json!(e));
    }
    let difficulty = match meta("difficulty") {
        None => fb.difficulty,
        Some(d) => parse_number(d)
            .filter(|d| *d == d.trunc() && (1.0..=5.0).contains(d))
            .map(|d| d as u32)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::OutOfRange,
                    format!("line {line}"),
                    format!("第 {line} 行：[difficulty:{d}] 应为 1 到 5 的整数"),
                    format!("line {line}: [difficulty:{d}] must be a whole number from 1 to 5"),
                )
            })?,
    };
    let dimension = match meta("dimension") {
        None => fb.dimension.as_str(),
        Some(d) => fb.dimensions.resolve(d).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownDimension,
                format!("line {line}"),
                format!("第 {line} 行：未知的能力维度 “{d}”"),
                format!("line {line}: unknown dimension \"{d}\""),
            )
        })?,
    };
    let kp = meta("knowledgePoint")
        .or(category)
        .unwrap_or(&fb.knowledge_point);
    let labels: Vec<String> = block
        .meta
        .iter()
        .filter(|(k, v)| k == "tag" && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect();
    ordered.insert("tags".into(), tags(dimension, kp, difficulty, &labels));
    Ok(Parsed {
        item: Value::Object(ordered),
        id_path: format!("line {line}"),
        notes,
    })
}

/// Reads the answer block into the item's type-specific keys; returns the type.
fn body_kind(
    body: &[Ch],
    line: usize,
    points: f64,
    item: &mut Map<String, Value>,
    block: &Block,
    notes: &mut Vec<Note>,
) -> Result<&'static str, Error> {
    let text = plain(body);
    let trimmed = text.trim();
    let at = format!("line {line}");
    if trimmed.is_empty() {
        let meta = |k: &str| {
            block
                .meta
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        // A Moodle essay: graded by hand, unless a comment gives scoring keywords.
        let groups = match meta("keywords") {
            Some(keywords) => {
                super::table::keyword_groups(&keywords, points).map_err(|(zh, en)| {
                    err(
                        line,
                        format!("第 {line} 行：{zh}"),
                        format!("line {line}: {en}"),
                    )
                })?
            }
            None => {
                notes.push(Note::new(
                    at.clone(),
                    NoteKind::Info,
                    "问答题 {} 没有得分要点：导入为人工评分的简答题（可在题前注释中用 [keywords:…] 给出要点）",
                    "essay {} without scoring keywords: imported as a short answer graded by hand (a [keywords:…] comment before it gives keywords)",
                ));
                json!([])
            }
        };
        item.insert("keywords".into(), groups);
        if let Some(m) = meta("modelAnswer") {
            item.insert("modelAnswer".into(), json!(m));
        }
        return Ok("shortAnswer");
    }
    let head = trimmed
        .split('#')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_uppercase();
    if matches!(head.as_str(), "T" | "TRUE" | "F" | "FALSE") && !trimmed.starts_with(['=', '~']) {
        let value = head.starts_with('T');
        // {T#feedback for a wrong answer#feedback for a right one}
        let mut parts = trimmed.split('#').skip(1).map(str::trim);
        let (wrong, right) = (parts.next(), parts.next());
        let mut lines = Vec::new();
        for (fb, chosen) in [(right, value), (wrong, !value)] {
            if let Some(f) = fb.filter(|f| !f.is_empty()) {
                lines.push(format!(
                    "{}：{f}",
                    if chosen {
                        "答“正确”"
                    } else {
                        "答“错误”"
                    }
                ));
            }
        }
        if !lines.is_empty() {
            item.insert("_feedback".into(), json!(lines.join("\n")));
        }
        item.insert("answer".into(), json!(value));
        return Ok("trueFalse");
    }
    let start = body.iter().position(|c| !c.0.is_whitespace()).unwrap_or(0);
    if body.get(start) == Some(&('#', false)) {
        let rest = body.get(start + 1..).unwrap_or_default();
        let value = numeric(rest, line)?;
        if plain(rest).trim_start().starts_with('=') {
            let others = answers(rest, line).map_or(0, |a| a.len().saturating_sub(1));
            if others > 0 {
                notes.push(Note::new(
                    at.clone(),
                    NoteKind::Dropped,
                    format!("数值题只保留第一个满分答案，其余 {others} 个答案（含部分得分的）未导入"),
                    format!("a numeric item keeps its first full-credit answer; {others} other answers (partial credit included) were left out"),
                ));
            }
        }
        item.insert("answer".into(), value);
        if let Some(u) = block.meta.iter().find(|(k, _)| k == "unit") {
            item.insert("unit".into(), json!(u.1));
        }
        return Ok("numeric");
    }
    let answers = answers(body, line)?;
    let feedback: Vec<String> = answers
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let label = if a.pair.is_some() || answers.iter().all(|a| a.right) {
                a.text.clone()
            } else {
                letter(i)
            };
            a.feedback.as_ref().map(|f| format!("{label}：{f}"))
        })
        .collect();
    if !feedback.is_empty() {
        item.insert("_feedback".into(), json!(feedback.join("\n")));
    }
    let bad = |zh: &str, en: &str| {
        err(
            line,
            format!("第 {line} 行：{zh}"),
            format!("line {line}: {en}"),
        )
    };
    if answers.iter().any(|a| a.pair.is_some()) {
        if !answers.iter().all(|a| a.right && a.pair.is_some()) {
            return Err(bad(
                "匹配题的每个答案都应写成 =左 -> 右",
                "every matching answer is =left -> right",
            ));
        }
        let mut prompts = Vec::new();
        let mut options: Vec<String> = Vec::new();
        let mut answer = Map::new();
        for a in &answers {
            let Some((left, right)) = &a.pair else {
                continue;
            };
            let oi = match options.iter().position(|o| o == right) {
                Some(i) => i,
                None => {
                    options.push(right.clone());
                    options.len() - 1
                }
            };
            if left.is_empty() {
                continue; // a distractor: an option no prompt matches
            }
            let pid = format!("p{}", prompts.len() + 1);
            answer.insert(pid.clone(), json!(letter(oi)));
            prompts.push(json!({ "id": pid, "text": left }));
        }
        let options: Vec<Value> = options
            .iter()
            .enumerate()
            .map(|(i, t)| json!({ "id": letter(i), "text": t }))
            .collect();
        item.insert("prompts".into(), Value::Array(prompts));
        item.insert("options".into(), Value::Array(options));
        item.insert("answer".into(), Value::Object(answer));
        return Ok("matching");
    }
    let rights = answers.iter().filter(|a| a.right).count();
    let wrongs = answers.len() - rights;
    let options = |answers: &[Answer]| -> Value {
        answers
            .iter()
            .enumerate()
            .map(|(i, a)| json!({ "id": letter(i), "text": a.text }))
            .collect()
    };
    if wrongs == 0 {
        let accepted: Vec<&str> = answers
            .iter()
            .filter(|a| a.weight.is_none_or(|w| w >= 100.0))
            .map(|a| a.text.as_str())
            .collect();
        if accepted.is_empty() {
            return Err(bad(
                "简答题至少需要一个满分答案",
                "a short-answer question needs a full-credit answer",
            ));
        }
        let partial: Vec<String> = answers
            .iter()
            .filter(|a| a.weight.is_some_and(|w| w < 100.0))
            .map(|a| format!("{}（{}%）", a.text, format_number(a.weight.unwrap_or(0.0))))
            .collect();
        if !partial.is_empty() {
            notes.push(Note::new(
                at.clone(),
                NoteKind::Dropped,
                format!("部分得分的答案未导入（填空题只有满分答案）：{}", partial.join("、")),
                format!("answers worth partial credit were left out (a fill-in accepts full-credit answers only): {}", partial.join(", ")),
            ));
        }
        item.insert("blanks".into(), json!([{ "accepted": accepted }]));
        return Ok("fillBlank");
    }
    let partial = answers
        .iter()
        .any(|a| !a.right && a.weight.is_some_and(|w| w > 0.0));
    if rights == 1 && !partial {
        let i = answers.iter().position(|a| a.right).unwrap_or(0);
        item.insert("options".into(), options(&answers));
        item.insert("answer".into(), json!(letter(i)));
        return Ok("single");
    }
    if rights == 1 {
        if answers.iter().any(|a| a.weight.is_some_and(|w| w < 0.0)) {
            notes.push(Note::new(
                at.clone(),
                NoteKind::Dropped,
                "负权重（倒扣分）未导入：情景题的选项最低 0 分",
                "negative weights (penalties) were left out: a situational option scores at least 0",
            ));
        }
        let scored: Vec<Value> = answers
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let p = if a.right {
                    points
                } else {
                    tidy(points * a.weight.unwrap_or(0.0).max(0.0) / 100.0)
                };
                json!({ "id": letter(i), "text": a.text, "points": num(p) })
            })
            .collect();
        item.insert("options".into(), Value::Array(scored));
        return Ok("situational");
    }
    if rights == 0 && partial {
        let correct: Vec<String> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| a.weight.is_some_and(|w| w > 0.0))
            .map(|(i, _)| letter(i))
            .collect();
        item.insert("options".into(), options(&answers));
        item.insert("answer".into(), json!(correct));
        let (policy, note) = moodle_policy(&answers);
        item.insert("policy".into(), policy);
        if let Some((zh, en)) = note {
            notes.push(Note::new(at.clone(), NoteKind::Dropped, zh, en));
        }
        return Ok("multiple");
    }
    Err(bad(
        "无法识别的选择题：应有一个 = 正确答案，或用 ~%50% 这样的正权重标出多选题的正确项",
        "unrecognised choice question: give one = answer, or mark the correct options of a multiple-answer question with positive weights like ~%50%",
    ))
}

/// The credit policy that scores a Moodle multiple-answer question (`~%50%a ~%50%b ~%-100%c`)
/// as Moodle does: Moodle adds the weights of the chosen answers and clamps the sum to 0–100%.
/// - equal positive weights, every other answer at −100% or lower → `perOption` (a subset of
///   the right answers earns its share; any wrong answer brings the sum to 0 or less);
/// - equal positive weights, the others each at −100% ÷ their count → `rightMinusWrong`
///   (right/correct − wrong/incorrect: the same sum).
///
/// Otherwise no policy gives Moodle's scores for every selection: `perOption` is the closest, and
/// the note says what differs.
fn moodle_policy(answers: &[Answer]) -> (Value, Option<(String, String)>) {
    let w = |a: &Answer| a.weight.unwrap_or(if a.right { 100.0 } else { 0.0 });
    let positive: Vec<f64> = answers.iter().map(w).filter(|w| *w > 0.0).collect();
    let others: Vec<f64> = answers.iter().map(w).filter(|w| *w <= 0.0).collect();
    let close = |a: f64, b: f64| (a - b).abs() < 0.01;
    let equal = positive.windows(2).all(|p| close(p[0], p[1]));
    let sum: f64 = positive.iter().sum();
    let per_option = json!({ "kind": "perOption" });
    if equal && close(sum, 100.0) {
        if others.iter().all(|w| *w <= -100.0 + 0.01) {
            return (per_option, None);
        }
        let each = -100.0 / others.len() as f64;
        if others.iter().all(|w| (w - each).abs() < 0.1) {
            return (json!({ "kind": "rightMinusWrong" }), None);
        }
    }
    let weights: Vec<String> = answers
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{}={}%", letter(i), format_number(w(a))))
        .collect();
    let weights = weights.join(" ");
    (
        per_option,
        Some((
            format!("Moodle 权重 {weights} 无法逐一还原：按“少选得部分分、错选不得分”计分（Moodle 按所选权重之和计分，两者对部分作答的得分可能不同）"),
            format!("Moodle weights {weights} cannot be reproduced exactly: scored as \"partial credit for a subset, nothing with a wrong option\" (Moodle adds the chosen weights; partial answers may score differently)"),
        )),
    )
}

fn letter(i: usize) -> String {
    super::text::column_letters(i)
}

fn answers(body: &[Ch], line: usize) -> Result<Vec<Answer>, Error> {
    let markers: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, c)| (c.0 == '=' || c.0 == '~') && !c.1)
        .map(|(i, _)| i)
        .collect();
    let first = markers.first().copied().unwrap_or(body.len());
    if !plain(body.get(..first).unwrap_or_default())
        .trim()
        .is_empty()
        || markers.is_empty()
    {
        return Err(err(
            line,
            format!("第 {line} 行：答案应以 = 或 ~ 开头"),
            format!("line {line}: answers start with = or ~"),
        ));
    }
    let mut out = Vec::new();
    for (k, &m) in markers.iter().enumerate() {
        let end = markers.get(k + 1).copied().unwrap_or(body.len());
        let mut part: &[Ch] = body.get(m + 1..end).unwrap_or_default();
        // Per-answer feedback follows an unescaped #.
        let mut feedback = None;
        if let Some(f) = part.iter().position(|c| c.0 == '#' && !c.1) {
            let text = plain(part.get(f + 1..).unwrap_or_default());
            feedback = Some(strip_format(&text).trim().to_string()).filter(|t| !t.is_empty());
            part = part.get(..f).unwrap_or_default();
        }
        let mut weight = None;
        let lead = part.iter().position(|c| !c.0.is_whitespace()).unwrap_or(0);
        if part.get(lead) == Some(&('%', false)) {
            let close = part
                .iter()
                .skip(lead + 1)
                .position(|c| c.0 == '%' && !c.1)
                .map(|p| p + lead + 1)
                .ok_or_else(|| {
                    err(
                        line,
                        format!("第 {line} 行：权重缺少结尾的 %"),
                        format!("line {line}: a weight has no closing %"),
                    )
                })?;
            let w = plain(part.get(lead + 1..close).unwrap_or_default());
            weight = Some(parse_number(&w).ok_or_else(|| {
                err(
                    line,
                    format!("第 {line} 行：权重 %{w}% 不是数"),
                    format!("line {line}: weight %{w}% is not a number"),
                )
            })?);
            part = part.get(close + 1..).unwrap_or_default();
        }
        let pair = find(part, 0, "->").map(|a| {
            (
                plain(part.get(..a).unwrap_or_default()).trim().to_string(),
                plain(part.get(a + 2..).unwrap_or_default())
                    .trim()
                    .to_string(),
            )
        });
        let text = strip_format(&plain(part)).trim().to_string();
        if text.is_empty() && pair.is_none() {
            return Err(err(
                line,
                format!("第 {line} 行：有空的答案"),
                format!("line {line}: an answer is empty"),
            ));
        }
        out.push(Answer {
            right: body.get(m).is_some_and(|c| c.0 == '='),
            weight,
            text,
            pair,
            feedback,
        });
    }
    Ok(out)
}

/// `3:0.5`, `1..5`, `3`, or `=3:0 =%50%3:1` (the first full-credit answer counts).
fn numeric(rest: &[Ch], line: usize) -> Result<Value, Error> {
    let text = plain(rest);
    let text = text.trim();
    let bad = || {
        err(
            line,
            format!("第 {line} 行：数值答案 “{text}” 无效：应为 #3、#3:0.5 或 #1..5"),
            format!(
                "line {line}: numeric answer \"{text}\" is invalid: expected #3, #3:0.5 or #1..5"
            ),
        )
    };
    let chosen = if text.starts_with('=') {
        let all = answers(rest, line)?;
        all.into_iter()
            .find(|a| a.right && a.weight.is_none_or(|w| w >= 100.0))
            .map(|a| a.text)
            .ok_or_else(bad)?
    } else {
        text.split('#')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let (value, tolerance) = if let Some((lo, hi)) = chosen.split_once("..") {
        let (lo, hi) = (
            parse_number(lo).ok_or_else(bad)?,
            parse_number(hi).ok_or_else(bad)?,
        );
        if hi < lo {
            return Err(bad());
        }
        (tidy((lo + hi) / 2.0), tidy((hi - lo) / 2.0))
    } else if let Some((v, t)) = chosen.split_once(':') {
        (
            parse_number(v).ok_or_else(bad)?,
            parse_number(t).filter(|t| *t >= 0.0).ok_or_else(bad)?,
        )
    } else {
        (parse_number(&chosen).ok_or_else(bad)?, 0.0)
    };
    Ok(json!({ "value": num(value), "tolerance": num(tolerance), "toleranceKind": "absolute" }))
}

/// Escapes GIFT's special characters in text.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

fn escape_meta(s: &str) -> String {
    s.replace('\\', "\\\\").replace(']', "\\]")
}

/// Writes a bank as GIFT. Items GIFT cannot hold (ordering, fill-ins with several blanks,
/// per-item policies aside) are left out and reported. Metadata comments keep points, tags and
/// keywords, so importing the text gives the same items back.
pub fn export_gift(bank: &Value) -> (String, Vec<Problem>) {
    super::export::write_items(bank, "\n\n", gift_question)
}

fn gift_question(item: &Value) -> Result<String, (String, String)> {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let arr = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let t = s(item.get("type"));
    let points = item.get("points").and_then(Value::as_f64).unwrap_or(1.0);
    let tags = item.get("tags");
    let tag = |k: &str| tags.and_then(|x| x.get(k));
    let mut meta = format!(
        "// [points:{}] [dimension:{}] [difficulty:{}] [knowledgePoint:{}]",
        format_number(points),
        s(tag("dimension")),
        tag("difficulty").and_then(Value::as_u64).unwrap_or(3),
        escape_meta(&s(tag("knowledgePoint")))
    );
    for l in arr(tag("labels")) {
        meta.push_str(&format!(
            " [tag:{}]",
            escape_meta(l.as_str().unwrap_or_default())
        ));
    }
    let options = arr(item.get("options"));
    for (i, o) in options.iter().enumerate() {
        if s(o.get("id")) != letter(i) {
            return Err((
                "选项编号不是按顺序的 A、B、C…，GIFT 无法保留".into(),
                "option ids are not A, B, C… in order, which GIFT cannot keep".into(),
            ));
        }
    }
    let answer = item.get("answer");
    let opt_text = |o: &Value| escape(&s(o.get("text")));
    let body = match t.as_str() {
        "single" => {
            let right = s(answer);
            options
                .iter()
                .map(|o| {
                    format!(
                        "{}{}",
                        if s(o.get("id")) == right { "=" } else { "~" },
                        opt_text(o)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        "multiple" => {
            let right: Vec<String> = arr(answer)
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect();
            let share = format_number(tidy(100.0 / right.len().max(1) as f64));
            options
                .iter()
                .map(|o| {
                    let w = if right.contains(&s(o.get("id"))) {
                        share.clone()
                    } else {
                        "-100".into()
                    };
                    format!("~%{w}%{}", opt_text(o))
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        "situational" => {
            let mut best_written = false;
            options
                .iter()
                .map(|o| {
                    let p = o.get("points").and_then(Value::as_f64).unwrap_or(0.0);
                    if p == points && !best_written {
                        best_written = true;
                        format!("={}", opt_text(o))
                    } else {
                        format!(
                            "~%{}%{}",
                            format_number(tidy(p / points * 100.0)),
                            opt_text(o)
                        )
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        "trueFalse" => if answer.and_then(Value::as_bool) == Some(true) {
            "TRUE"
        } else {
            "FALSE"
        }
        .into(),
        "fillBlank" => {
            let blanks = arr(item.get("blanks"));
            let [blank] = blanks.as_slice() else {
                return Err((
                    "GIFT 的填空题只能有一个空".into(),
                    "GIFT fill-ins have exactly one blank".into(),
                ));
            };
            arr(blank.get("accepted"))
                .iter()
                .map(|a| format!("={}", escape(a.as_str().unwrap_or_default())))
                .collect::<Vec<_>>()
                .join(" ")
        }
        "numeric" => {
            let a = answer.cloned().unwrap_or_default();
            let value = a.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            let mut tol = a.get("tolerance").and_then(Value::as_f64).unwrap_or(0.0);
            if a.get("toleranceKind").and_then(Value::as_str) == Some("relative") {
                tol = tidy(tol * value.abs());
            }
            if let Some(u) = item.get("unit").and_then(Value::as_str) {
                meta.push_str(&format!(" [unit:{}]", escape_meta(u)));
            }
            format!("#{}:{}", format_number(value), format_number(tol))
        }
        "matching" => {
            let answer_map = answer
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            let mut used = Vec::new();
            let mut parts: Vec<String> = arr(item.get("prompts"))
                .iter()
                .map(|p| {
                    let oid = answer_map
                        .get(&s(p.get("id")))
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    used.push(oid.to_string());
                    let text = options
                        .iter()
                        .find(|o| s(o.get("id")) == oid)
                        .map(opt_text)
                        .unwrap_or_default();
                    format!("={} -> {}", escape(&s(p.get("text"))), text)
                })
                .collect();
            for o in options.iter().filter(|o| !used.contains(&s(o.get("id")))) {
                parts.push(format!("= -> {}", opt_text(o)));
            }
            parts.join(" ")
        }
        "shortAnswer" => {
            let groups: Vec<String> = arr(item.get("keywords"))
                .iter()
                .map(|g| {
                    let terms: Vec<String> = arr(g.get("terms"))
                        .iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect();
                    format!(
                        "{}={}",
                        terms.join("/"),
                        format_number(g.get("points").and_then(Value::as_f64).unwrap_or(0.0))
                    )
                })
                .collect();
            meta.push_str(&format!(" [keywords:{}]", escape_meta(&groups.join(";"))));
            if let Some(m) = item.get("modelAnswer").and_then(Value::as_str) {
                meta.push_str(&format!(
                    " [modelAnswer:{}]",
                    escape_meta(&m.replace('\n', " "))
                ));
            }
            String::new()
        }
        other => {
            return Err((
                format!("{other} 类型的题目无法写成 GIFT"),
                format!("a {other} item cannot be written as GIFT"),
            ));
        }
    };
    let general = match item.get("explanation").and_then(Value::as_str) {
        Some(e) if !e.is_empty() => format!(" ####{}", escape(e)),
        _ => String::new(),
    };
    let block = format!("{{{body}{general}}}");
    let stem = escape(&s(item.get("stem")));
    let question = match (t.as_str(), stem.matches("____").count()) {
        ("fillBlank", _) | (_, 1) => stem.replacen("____", &block, 1),
        _ => format!("{stem} {block}"),
    };
    Ok(format!(
        "{meta}\n::{}::{question}",
        escape(&s(item.get("id")))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import(text: &str) -> ImportOutcome {
        import_gift(text, &ImportOptions::default()).unwrap()
    }

    fn items(text: &str) -> Vec<Value> {
        let out = import(text);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        out.bank.unwrap()["items"].as_array().unwrap().clone()
    }

    #[test]
    fn each_type() {
        let v = items(
            "$CATEGORY: $course$/客服/保修政策\n\n\
             // 单选\n::pk-1::整机保修多久？{=1 年#对 ~3 年#错 ~6 个月}\n\n\
             ::m::哪些不保修？{~%50%浸水 ~%50%私拆 ~%-100%压缩机故障}\n\n\
             7 日内可无理由退货。{T}\n\n\
             压缩机保修 {=3 =三} 年。\n\n\
             积极词汇至少几个？{#3:0.5 ####每通至少 3 个}\n\n\
             配对 {=七日内 -> 退换修 =八到十五日 -> 换修 = -> 不予受理}\n\n\
             情景 {=道歉并跟进 ~%50%请客户重说 ~转接}\n\n\
             范围 {#1..5}",
        );
        assert_eq!(v[0]["type"], "single");
        assert_eq!(v[0]["answer"], "A");
        assert_eq!(v[0]["tags"]["knowledgePoint"], "保修政策");
        assert_eq!(v[1]["answer"], json!(["A", "B"]));
        assert_eq!(v[1]["id"], "m");
        assert_eq!(v[2]["answer"], json!(true));
        assert_eq!(v[2]["id"], "gift-003");
        assert_eq!(v[3]["stem"], "压缩机保修 ____ 年。");
        assert_eq!(v[3]["blanks"][0]["accepted"], json!(["3", "三"]));
        assert_eq!(
            v[4]["answer"],
            json!({"value": 3, "tolerance": 0.5, "toleranceKind": "absolute"})
        );
        assert_eq!(v[4]["explanation"], "每通至少 3 个");
        assert_eq!(v[5]["answer"], json!({"p1": "A", "p2": "B"}));
        assert_eq!(v[5]["options"][2]["text"], "不予受理");
        assert_eq!(v[6]["type"], "situational");
        assert_eq!(v[6]["options"][1]["points"], json!(0.5));
        assert_eq!(v[7]["answer"]["value"], json!(3));
        assert_eq!(v[7]["answer"]["tolerance"], json!(2));
    }

    #[test]
    fn escapes_and_metadata() {
        let v = items(
            "// [id:x-1] [tag:售后] [points:2] [dimension:投诉处理] [difficulty:4]\n\
             比例 1\\:1 \\{说明\\} {=50\\% 满意\\=好 ~其他}\n\n\
             // [keywords:倾听/听完=2;道歉] [modelAnswer:先倾听] [points:4]\n::essay::写出要点。{}",
        );
        assert_eq!(v[0]["id"], "x-1");
        assert_eq!(v[0]["stem"], "比例 1:1 {说明}");
        assert_eq!(v[0]["options"][0]["text"], "50% 满意=好");
        assert_eq!(
            v[0]["tags"],
            json!({"dimension": "complaint_handling", "knowledgePoint": "未分类", "difficulty": 4, "labels": ["售后"]})
        );
        assert_eq!(v[1]["type"], "shortAnswer");
        assert_eq!(v[1]["keywords"][1], json!({"terms": ["道歉"], "points": 2}));
        assert_eq!(v[1]["modelAnswer"], "先倾听");
    }

    #[test]
    fn moodle_weights_feedback_and_essays() {
        let text = "::w1:: 哪些属于六步法？ {~%50%倾听#对 ~%50%道歉 ~%-100%争辩#不对}\n\n\
                    ::w2:: 哪些属于六步法？（二） {~%50%倾听 ~%50%道歉 ~%-50%争辩 ~%-50%推诿}\n\n\
                    ::w3:: 哪些属于六步法？（三） {~%50%倾听 ~%50%道歉 ~争辩}\n\n\
                    ::e1:: 请写出安抚客户的要点。 {}\n\n\
                    ::t1:: 七日无理由退货适用于所有商品。 {F#错：定制商品除外#对}\n\n\
                    ::n1:: 城区上门服务承诺几小时内响应？ {#=24:0 =%50%48:0}";
        let out = import(text);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let items = out.bank.unwrap()["items"].clone();
        assert_eq!(items[0]["policy"], json!({ "kind": "perOption" }));
        assert_eq!(items[0]["answer"], json!(["A", "B"]));
        assert_eq!(items[0]["explanation"], "A：对\nC：不对");
        assert_eq!(items[1]["policy"], json!({ "kind": "rightMinusWrong" }));
        assert_eq!(items[2]["policy"], json!({ "kind": "perOption" }));
        assert_eq!(items[3]["type"], "shortAnswer");
        assert_eq!(items[3]["keywords"], json!([]));
        assert_eq!(
            items[4]["explanation"],
            "答“错误”：对\n答“正确”：错：定制商品除外"
        );
        let kinds: Vec<(String, NoteKind)> =
            out.notes.iter().map(|n| (n.path.clone(), n.kind)).collect();
        assert!(
            kinds.contains(&("line 1".into(), NoteKind::Changed)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("line 5".into(), NoteKind::Dropped)),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("line 7".into(), NoteKind::Info)),
            "{kinds:?}"
        );
        assert!(!kinds.iter().any(|k| k.0 == "line 3"), "{kinds:?}");
        assert!(
            kinds.contains(&("line 11".into(), NoteKind::Dropped)),
            "{kinds:?}"
        );
        assert_eq!(items[5]["answer"]["value"], 24);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("问题一 {=a ~b}\n\n问题二没有答案块", "line 3"),
            ("\n\n问题 {=a ~b", "line 3"),
            ("问题 {=a ~b} 还有 {=c}", "line 1"),
            ("问题 {~a ~b}", "line 1"),
            ("问题 {#abc}", "line 1"),
        ];
        for (text, line) in cases {
            let out = import(text);
            assert!(out.bank.is_none(), "{text}");
            let p = out.problems.last().unwrap();
            assert_eq!(p.path, line, "{text}");
            assert_eq!(p.code, "INVALID_SYNTAX", "{text}");
        }
    }
}
