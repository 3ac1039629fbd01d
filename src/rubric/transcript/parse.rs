//! Parsing role-play transcripts.
//!
//! Text, one turn per line:
//!
//! ```text
//! # 快递延误投诉（注释行以 # 开头，空行忽略）
//! [00:00:03] 客服：您好，云帆电器客服中心，工号 1024，请问有什么可以帮您？
//! [00:12] 客户: 我的订单已经晚了三天了！
//! [01:05-01:20] 坐席：非常抱歉……
//! Agent: …   Customer: …
//! ```
//!
//! A timestamp is `[mm:ss]` or `[hh:mm:ss]`, optionally a range `[start-end]` (also `~`), which
//! gives the turn's end. Speaker labels: 客服, 坐席, 客服代表, Agent → agent; 客户, 顾客, 用户,
//! Customer → customer (a label may carry a name after it, as in `客服小李`). Either every turn has
//! a timestamp or none does; timestamps never go back.
//!
//! Or JSON: an array of `{ "speaker": "agent", "text": "…", "start": 3.0, "end": 9.5 }` (seconds).
//!
//! A turn's end is its explicit end if given, else the next turn's start; the last turn without
//! an explicit end has no known duration and is left out of time-based measures.

use crate::format::{FromJson, ToJson};

use crate::error::{Error, ErrorCode};

/// Most turns a transcript may have (a role play is minutes long; this protects the page).
pub const MAX_LINES: usize = 5000;

/// Who speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Speaker {
    /// The agent (客服, 坐席).
    Agent,
    /// The customer (客户).
    Customer,
}

/// One turn as written in a JSON transcript.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LineInput {
    /// Who speaks.
    pub speaker: Speaker,
    /// What is said.
    pub text: String,
    /// Seconds from the start of the call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// Seconds from the start of the call when the turn ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
}

/// A parsed transcript.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Transcript {
    /// The turns, in order. Indicator matches refer to them by index.
    pub lines: Vec<Line>,
    /// Every turn has a start time.
    pub timed: bool,
}

/// One turn.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Line {
    /// Who speaks.
    pub speaker: Speaker,
    /// What is said (trimmed).
    pub text: String,
    /// Seconds from the start of the call.
    pub start: Option<f64>,
    /// Explicit end, in seconds, when the source gave one.
    pub end: Option<f64>,
    /// 1-based line number in the source text (array position + 1 for JSON).
    pub source_line: u32,
}

impl Transcript {
    /// When turn `i` ends: its explicit end, else the next turn's start.
    pub fn end_of(&self, i: usize) -> Option<f64> {
        let line = self.lines.get(i)?;
        line.end
            .or_else(|| self.lines.get(i + 1).and_then(|n| n.start))
    }

    /// How long turn `i` lasts, when known.
    pub fn duration_of(&self, i: usize) -> Option<f64> {
        let start = self.lines.get(i)?.start?;
        Some((self.end_of(i)? - start).max(0.0))
    }
}

/// Parses a text transcript. A malformed line is `INVALID_ROW` at `line N`.
///
/// @example parse_transcript("[00:03] 客服：您好\n[00:08] 客户：你好")?.lines.len() == 2
pub fn parse_transcript(text: &str) -> Result<Transcript, Error> {
    let mut inputs = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        inputs.push((number as u32, parse_line(line, number)?));
    }
    build(inputs)
}

/// Parses a JSON transcript: an array of `{ speaker, text, start?, end? }`.
///
/// @example parse_transcript_json(r#"[{"speaker":"agent","text":"您好","start":0}]"#)
pub fn parse_transcript_json(text: &str) -> Result<Transcript, Error> {
    transcript_from_lines(crate::format::decode_json(text)?)
}

/// Checks turns decoded from a JSON array (through `crate::format::decode`).
pub fn transcript_from_lines(lines: Vec<LineInput>) -> Result<Transcript, Error> {
    build(
        lines
            .into_iter()
            .enumerate()
            .map(|(i, l)| ((i + 1) as u32, l))
            .collect(),
    )
}

fn row_error(number: impl std::fmt::Display, zh: String, en: String) -> Error {
    Error::new(ErrorCode::InvalidRow, format!("line {number}"), zh, en)
}

fn parse_line(line: &str, number: usize) -> Result<LineInput, Error> {
    let (start, end, rest) = if let Some(after) = line.strip_prefix('[') {
        let Some(close) = after.find(']') else {
            return Err(row_error(
                number,
                "时间戳缺少 “]”".into(),
                "the timestamp has no closing \"]\"".into(),
            ));
        };
        let stamp = after.get(..close).unwrap_or_default();
        let rest = after.get(close + 1..).unwrap_or_default();
        let mut parts = stamp.splitn(2, ['-', '~', '–']);
        let start = parts.next().and_then(parse_time);
        let end = parts.next().map(parse_time);
        let (Some(start), Some(end)) = (start, end.map_or(Some(None), |e| e.map(Some))) else {
            return Err(row_error(
                number,
                format!("时间戳 “[{stamp}]” 无效，应为 [mm:ss]、[hh:mm:ss] 或 [开始-结束]"),
                format!("timestamp \"[{stamp}]\" is invalid; expected [mm:ss], [hh:mm:ss] or [start-end]"),
            ));
        };
        (Some(start), end, rest.trim())
    } else {
        (None, None, line)
    };
    let Some(colon) = rest.find(['：', ':']) else {
        return Err(row_error(
            number,
            "应为 “说话人：内容”，例如 “客服：您好”".into(),
            "expected \"speaker: text\", e.g. \"客服：您好\"".into(),
        ));
    };
    let label = rest.get(..colon).unwrap_or_default().trim();
    let colon_len = rest
        .get(colon..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8);
    let said = rest.get(colon + colon_len..).unwrap_or_default().trim();
    let Some(speaker) = speaker_of(label) else {
        return Err(row_error(
            number,
            format!("无法识别说话人 “{label}”，应为 客服/坐席/Agent 或 客户/顾客/Customer"),
            format!("unknown speaker \"{label}\"; expected 客服/坐席/Agent or 客户/顾客/Customer"),
        ));
    };
    Ok(LineInput {
        speaker,
        text: said.to_string(),
        start,
        end,
    })
}

fn speaker_of(label: &str) -> Option<Speaker> {
    let lower = label.to_lowercase();
    const AGENT: &[&str] = &["客服", "坐席", "agent"];
    const CUSTOMER: &[&str] = &["客户", "顾客", "用户", "customer"];
    if AGENT.iter().any(|p| lower.starts_with(p)) {
        Some(Speaker::Agent)
    } else if CUSTOMER.iter().any(|p| lower.starts_with(p)) {
        Some(Speaker::Customer)
    } else {
        None
    }
}

/// `mm:ss` or `hh:mm:ss` (seconds < 60, minutes < 60 in the three-part form) → seconds.
fn parse_time(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split([':', '：']).collect();
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                p.parse().ok()
            }
        })
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [m, sec] if *sec < 60 => Some(f64::from(*m) * 60.0 + f64::from(*sec)),
        [h, m, sec] if *m < 60 && *sec < 60 => {
            Some(f64::from(*h) * 3600.0 + f64::from(*m) * 60.0 + f64::from(*sec))
        }
        _ => None,
    }
}

fn build(inputs: Vec<(u32, LineInput)>) -> Result<Transcript, Error> {
    if inputs.is_empty() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "",
            "通话记录中没有任何对话",
            "the transcript has no turns",
        ));
    }
    if inputs.len() > MAX_LINES {
        return Err(Error::new(
            ErrorCode::TooLarge,
            "",
            format!("通话记录最多 {MAX_LINES} 行"),
            format!("a transcript may have at most {MAX_LINES} turns"),
        ));
    }
    let timed = inputs.first().is_some_and(|(_, l)| l.start.is_some());
    let mut previous: Option<f64> = None;
    let mut lines = Vec::with_capacity(inputs.len());
    for (number, input) in inputs {
        if input.text.trim().is_empty() {
            return Err(row_error(
                number,
                "对话内容为空".into(),
                "the turn says nothing".into(),
            ));
        }
        match (timed, input.start) {
            (true, None) => {
                return Err(row_error(
                    number,
                    "其他行都有时间戳，这一行也需要".into(),
                    "the other turns have timestamps; this one needs one too".into(),
                ))
            }
            (false, Some(_)) => {
                return Err(row_error(
                    number,
                    "第一行没有时间戳，其余行也不应有".into(),
                    "the first turn has no timestamp, so none may have one".into(),
                ))
            }
            _ => {}
        }
        if let Some(start) = input.start {
            if !(start.is_finite() && start >= 0.0) {
                return Err(row_error(
                    number,
                    format!("开始时间应为非负秒数，实际为 {start}"),
                    format!("start must be a non-negative number of seconds; found {start}"),
                ));
            }
            if previous.is_some_and(|p| start < p) {
                return Err(row_error(
                    number,
                    "时间戳早于上一行".into(),
                    "the timestamp is earlier than the previous turn's".into(),
                ));
            }
            previous = Some(start);
        }
        if let Some(end) = input.end {
            if input.start.is_none() || !end.is_finite() || input.start.is_some_and(|s| end < s) {
                return Err(row_error(
                    number,
                    "结束时间应不早于开始时间".into(),
                    "the end must not be before the start".into(),
                ));
            }
        }
        lines.push(Line {
            speaker: input.speaker,
            text: input.text.trim().to_string(),
            start: input.start,
            end: input.end,
            source_line: number,
        });
    }
    Ok(Transcript { lines, timed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_labels_timestamps_and_ranges() {
        let t = parse_transcript(
            "# 标题\n\n[00:00:03] 客服：您好，云帆电器。\n[00:12] 客户: 我的快递呢？\n[01:05-01:20] 坐席小李：马上查。\n[01:21] Customer: ok\n",
        )
        .unwrap();
        assert!(t.timed);
        assert_eq!(t.lines.len(), 4);
        assert_eq!(t.lines[0].speaker, Speaker::Agent);
        assert_eq!(t.lines[0].start, Some(3.0));
        assert_eq!(t.lines[0].source_line, 3);
        assert_eq!(t.lines[1].text, "我的快递呢？");
        assert_eq!((t.lines[2].start, t.lines[2].end), (Some(65.0), Some(80.0)));
        assert_eq!(t.lines[3].speaker, Speaker::Customer);
        assert_eq!(t.duration_of(0), Some(9.0));
        assert_eq!(t.duration_of(2), Some(15.0));
        assert_eq!(t.duration_of(3), None);
    }

    #[test]
    fn untimed_transcripts_parse() {
        let t = parse_transcript("Agent: Hello\n客户：你好").unwrap();
        assert!(!t.timed);
        assert_eq!(t.duration_of(0), None);
    }

    #[test]
    fn malformed_lines_are_invalid_rows_with_the_line_number() {
        let cases = [
            ("客服：您好\n客户 你好", "line 2"),
            ("[00:03] 客服：您好\n[00:99] 客户：你好", "line 2"),
            ("[00:03] 客服：您好\n客户：你好", "line 2"),
            ("[00:10] 客服：您好\n[00:05] 客户：你好", "line 2"),
            ("客服：您好\n\n主管：你好", "line 3"),
            ("[00:03 客服：您好", "line 1"),
            ("客服：", "line 1"),
            ("[00:10-00:05] 客服：您好", "line 1"),
        ];
        for (text, path) in cases {
            let e = parse_transcript(text).unwrap_err();
            assert_eq!(
                (e.code(), e.path()),
                (ErrorCode::InvalidRow, path),
                "{text}: {e}"
            );
        }
        assert_eq!(
            parse_transcript("\n# 空\n").unwrap_err().code(),
            ErrorCode::InsufficientData
        );
    }

    #[test]
    fn json_lines_are_checked_the_same_way() {
        let lines: Vec<LineInput> = crate::format::decode_json(
            r#"[{"speaker":"agent","text":"您好","start":0,"end":4},{"speaker":"customer","text":"嗯","start":3}]"#,
        )
        .unwrap();
        let t = transcript_from_lines(lines).unwrap();
        assert_eq!(t.end_of(0), Some(4.0));
        let bad: Vec<LineInput> = crate::format::decode_json(
            r#"[{"speaker":"agent","text":"您好","start":5},{"speaker":"customer","text":"嗯","start":3}]"#,
        )
        .unwrap();
        assert_eq!(transcript_from_lines(bad).unwrap_err().path(), "line 2");
        let e = parse_transcript_json(r#"[{"speaker":"boss","text":"x"}]"#).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            (ErrorCode::UnknownVariant, "[0].speaker")
        );
    }
}
