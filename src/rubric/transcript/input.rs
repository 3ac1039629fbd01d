//! A transcript as pasted or loaded: text, a JSON array or JSON lines, the format given or
//! guessed from the first characters.

use crate::format::{FromJson, ToJson};

use super::config::TranscriptConfig;
use super::indicators::{analyze_transcript, TranscriptReport};
use super::parse::{parse_transcript, transcript_from_lines, LineInput, Transcript};
use crate::error::{Error, ErrorCode};

/// How a transcript is written.
#[derive(Debug, FromJson, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum TranscriptFormat {
    /// One turn per line: `[00:00:02] 客服：您好…`.
    Text,
    /// A JSON array of `{ speaker, text, start?, end? }`.
    Json,
    /// One JSON object `{ speaker, text, start?, end? }` per line.
    JsonLines,
}

/// What `parseTranscript` and `analyzeTranscript` take.
#[derive(Debug, Clone, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TranscriptParams {
    /// The transcript as pasted or loaded.
    pub text: String,
    /// How it is written; guessed when absent (`[{` → JSON, `{` → JSON lines, else text).
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub format: Option<TranscriptFormat>,
    /// Lexicons, frameworks and bands; the domain's defaults when absent.
    #[serde(default)]
    #[cfg_attr(feature = "typescript", tsify(optional))]
    pub config: Option<TranscriptConfig>,
}

/// What `analyzeTranscript` returns: the parsed turns (which matches refer to by index) and
/// every indicator.
#[derive(Debug, Clone, ToJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TranscriptAnalysis {
    /// The parsed transcript.
    pub transcript: Transcript,
    /// The indicators.
    pub report: TranscriptReport,
}

impl TranscriptParams {
    /// Parses the text in its format (given, or guessed by [`guess_format`]); a leading BOM is
    /// ignored. Errors: `text` when a JSON array does not parse, `line N` for a bad line.
    pub fn parse(&self) -> Result<Transcript, Error> {
        let text = self.text.trim_start_matches('\u{feff}');
        match self.format.unwrap_or_else(|| guess_format(text)) {
            TranscriptFormat::Text => parse_transcript(text),
            TranscriptFormat::Json => {
                let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                    Error::new(
                        ErrorCode::InvalidSyntax,
                        "text",
                        format!("通话记录不是有效的 JSON：{e}"),
                        format!("the transcript is not valid JSON: {e}"),
                    )
                })?;
                let lines: Vec<LineInput> = crate::format::decode(&value)?;
                transcript_from_lines(lines)
            }
            TranscriptFormat::JsonLines => {
                let mut lines = Vec::new();
                for (i, raw) in text.lines().enumerate() {
                    let raw = raw.trim();
                    if raw.is_empty() {
                        continue;
                    }
                    let at = format!("line {}", i + 1);
                    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| {
                        Error::new(
                            ErrorCode::InvalidSyntax,
                            at.clone(),
                            format!("第 {} 行不是有效的 JSON：{e}", i + 1),
                            format!("line {} is not valid JSON: {e}", i + 1),
                        )
                    })?;
                    let line: LineInput =
                        crate::format::decode(&value).map_err(|e| e.within(&at))?;
                    lines.push(line);
                }
                transcript_from_lines(lines)
            }
        }
    }

    /// Parses the text and computes every indicator with the config (or the defaults); config
    /// errors are under `config`.
    pub fn analyze(self) -> Result<TranscriptAnalysis, Error> {
        let transcript = self.parse()?;
        let config = self.config.unwrap_or_default();
        let report = analyze_transcript(&transcript, &config).map_err(|e| e.within("config"))?;
        Ok(TranscriptAnalysis { transcript, report })
    }
}

/// The format of `text` by its first characters: `[` then `{` (or an empty array) → JSON,
/// `{` → JSON lines, anything else → text.
pub fn guess_format(text: &str) -> TranscriptFormat {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix('[') {
        if rest.trim_start().starts_with('{') || rest.trim() == "]" {
            return TranscriptFormat::Json;
        }
    }
    if trimmed.starts_with('{') {
        return TranscriptFormat::JsonLines;
    }
    TranscriptFormat::Text
}
