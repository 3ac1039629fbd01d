//! Indicators read off a transcript, each with the matches that produced it so the page can
//! highlight them. Only the agent's turns are searched for phrases.
//!
//! Text is handled as Chinese: no word spacing is assumed (phrases match anywhere in a turn);
//! full-width letters and digits match their ASCII forms and ASCII matches case-insensitively.
//! Where several phrases overlap, the longest wins and matches never overlap. Offsets are UTF-16
//! code units into the turn's `text` (what JS `String.prototype.slice` takes).
//!
//! Characters for speech rate and talk ratio are letters, digits and CJK characters
//! (`char::is_alphanumeric`): punctuation (half- or full-width) and spaces do not count.

use crate::format::{FromJson, ToJson};

use crate::error::Error;
use crate::i18n::Text;
use crate::rubric::transcript::config::{Band, TranscriptConfig};
use crate::rubric::transcript::parse::{Speaker, Transcript};

/// Everything the transcript panel shows.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TranscriptReport {
    /// Positive phrases (积极用语): passed when at least `minimum`.
    pub positive: PhraseIndicator,
    /// Forbidden phrases (禁用语): passed when none.
    pub forbidden: PhraseIndicator,
    /// Step frameworks: coverage and order.
    pub frameworks: Vec<FrameworkCoverage>,
    /// Time to the first solution offered.
    pub first_solution: FirstSolution,
    /// The agent's speech rate.
    pub speech_rate: SpeechRate,
    /// Agent/customer talk ratio.
    pub talk_ratio: TalkRatio,
    /// The agent cutting the customer off.
    pub interruptions: Interruptions,
}

/// A phrase found in a turn.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PhraseMatch {
    /// Index of the turn in `transcript.lines`.
    pub line: u32,
    /// The lexicon phrase that matched.
    pub phrase: String,
    /// Start offset in the turn's text, UTF-16 code units.
    pub start: u32,
    /// End offset (exclusive), UTF-16 code units.
    pub end: u32,
}

/// Counting phrases from a lexicon.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct PhraseIndicator {
    /// Occurrences.
    pub count: u32,
    /// Different phrases used.
    pub distinct: u32,
    /// The fewest wanted (positive phrases); `None` for forbidden phrases (wanted: none).
    pub minimum: Option<u32>,
    /// Meets the rule.
    pub passed: bool,
    /// Every occurrence, in transcript order.
    pub matches: Vec<PhraseMatch>,
}

/// Coverage and order of one step framework.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FrameworkCoverage {
    /// The framework's id.
    pub framework_id: String,
    /// Its name.
    pub name: Text,
    /// Each step, in framework order.
    pub steps: Vec<StepHit>,
    /// Steps covered.
    pub covered: u32,
    /// Steps in the framework.
    pub total: u32,
    /// The covered steps first appear in framework order (ties allowed); false when none is.
    pub in_order: bool,
    /// Steps that first appear before a step that should come earlier.
    pub out_of_order: Vec<String>,
}

/// One step of a framework.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct StepHit {
    /// The step's id.
    pub step_id: String,
    /// Its name.
    pub name: Text,
    /// An agent turn contains one of its cues.
    pub covered: bool,
    /// The first such turn.
    pub first_line: Option<u32>,
    /// Every cue found.
    pub matches: Vec<PhraseMatch>,
}

/// Time to the first solution offered.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct FirstSolution {
    /// Seconds from the first turn to the first agent turn with a solution cue.
    pub seconds: Option<f64>,
    /// The limit (default 60 s).
    pub limit_seconds: f64,
    /// Within the limit; `false` when no solution was offered; `None` without timestamps.
    pub passed: Option<bool>,
    /// The turn with the first solution.
    pub line: Option<u32>,
    /// The cues found in that turn.
    pub matches: Vec<PhraseMatch>,
    /// Why a value is missing.
    pub note: Option<Text>,
}

/// The agent's speech rate.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SpeechRate {
    /// Characters per minute over the agent's turns of known duration.
    pub chars_per_minute: Option<f64>,
    /// The acceptable band.
    pub band: Band,
    /// Within the band; `None` when unknown.
    pub within_band: Option<bool>,
    /// Characters in the agent's turns of known duration.
    pub agent_chars: u32,
    /// Their total duration in seconds.
    pub agent_seconds: f64,
    /// Why a value is missing.
    pub note: Option<Text>,
}

/// How much the agent talks compared with the customer.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct TalkRatio {
    /// Characters in all agent turns.
    pub agent_chars: u32,
    /// Characters in all customer turns.
    pub customer_chars: u32,
    /// agentChars / customerChars.
    pub by_chars: Option<f64>,
    /// Seconds of agent turns of known duration.
    pub agent_seconds: Option<f64>,
    /// Seconds of customer turns of known duration.
    pub customer_seconds: Option<f64>,
    /// agentSeconds / customerSeconds.
    pub by_time: Option<f64>,
}

/// Interruptions by the agent.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Interruptions {
    /// How many.
    pub count: u32,
    /// Some customer turn has an explicit end, so overlaps can be seen at all.
    pub overlaps_detectable: bool,
    /// Each one.
    pub items: Vec<Interruption>,
}

/// One interruption.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Interruption {
    /// The agent's turn.
    pub line: u32,
    /// The customer's turn it cut into.
    pub customer_line: u32,
    /// Seconds of overlap, when timestamps show it.
    pub overlap_seconds: Option<f64>,
    /// How it was seen.
    pub evidence: InterruptionEvidence,
}

/// How an interruption was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum InterruptionEvidence {
    /// The agent's turn starts before the customer's explicit end.
    Overlap,
    /// The customer's turn is written as cut off (ends with "——" or "--") and the agent speaks next.
    CutOff,
}

/// Computes every indicator of `transcript` under `config` (validated first).
///
/// @example analyze_transcript(&parse_transcript(text)?, &TranscriptConfig::default())?.positive.count
pub fn analyze_transcript(
    transcript: &Transcript,
    config: &TranscriptConfig,
) -> Result<TranscriptReport, Error> {
    config.validate()?;
    let positive = find_phrases(transcript, &config.positive_phrases);
    let forbidden = find_phrases(transcript, &config.forbidden_phrases);
    Ok(TranscriptReport {
        positive: phrase_indicator(positive, Some(config.min_positive)),
        forbidden: phrase_indicator(forbidden, None),
        frameworks: config
            .frameworks
            .iter()
            .map(|f| {
                let steps: Vec<StepHit> = f
                    .steps
                    .iter()
                    .map(|s| {
                        let matches = find_phrases(transcript, &s.cues);
                        StepHit {
                            step_id: s.id.clone(),
                            name: s.name.clone(),
                            covered: !matches.is_empty(),
                            first_line: matches.first().map(|m| m.line),
                            matches,
                        }
                    })
                    .collect();
                coverage(&f.id, &f.name, steps)
            })
            .collect(),
        first_solution: first_solution(transcript, config),
        speech_rate: speech_rate(transcript, config.speech_rate),
        talk_ratio: talk_ratio(transcript),
        interruptions: interruptions(transcript),
    })
}

/// Characters that count for speech rate: letters, digits, CJK (not punctuation, not spaces).
pub fn count_chars(text: &str) -> u32 {
    text.chars().filter(|c| c.is_alphanumeric()).count() as u32
}

fn normalize(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Every non-overlapping occurrence of `phrases` in the agent's turns, longest match first.
pub fn find_phrases(transcript: &Transcript, phrases: &[String]) -> Vec<PhraseMatch> {
    let mut lexicon: Vec<(Vec<char>, &String)> = phrases
        .iter()
        .map(|p| (p.trim().chars().map(normalize).collect::<Vec<char>>(), p))
        .filter(|(chars, _)| !chars.is_empty())
        .collect();
    crate::sort::sort_by_key(&mut lexicon, |(chars, _)| std::cmp::Reverse(chars.len()));
    let mut out = Vec::new();
    for (index, line) in transcript.lines.iter().enumerate() {
        if line.speaker != Speaker::Agent {
            continue;
        }
        let chars: Vec<char> = line.text.chars().map(normalize).collect();
        // utf16[i] = UTF-16 offset of char i.
        let mut utf16 = Vec::with_capacity(chars.len() + 1);
        let mut acc = 0u32;
        for c in line.text.chars() {
            utf16.push(acc);
            acc += c.len_utf16() as u32;
        }
        utf16.push(acc);
        let mut i = 0;
        while i < chars.len() {
            let hit = lexicon
                .iter()
                .find(|(p, _)| chars.get(i..i + p.len()).is_some_and(|w| w == p.as_slice()));
            match hit {
                Some((p, original)) => {
                    out.push(PhraseMatch {
                        line: index as u32,
                        phrase: original.trim().to_string(),
                        start: utf16.get(i).copied().unwrap_or(0),
                        end: utf16.get(i + p.len()).copied().unwrap_or(acc),
                    });
                    i += p.len();
                }
                None => i += 1,
            }
        }
    }
    out
}

fn phrase_indicator(matches: Vec<PhraseMatch>, minimum: Option<u32>) -> PhraseIndicator {
    let count = matches.len() as u32;
    let distinct = matches
        .iter()
        .map(|m| m.phrase.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u32;
    PhraseIndicator {
        count,
        distinct,
        minimum,
        passed: match minimum {
            Some(min) => count >= min,
            None => count == 0,
        },
        matches,
    }
}

fn coverage(id: &str, name: &Text, steps: Vec<StepHit>) -> FrameworkCoverage {
    let mut latest: Option<u32> = None;
    let mut out_of_order = Vec::new();
    for s in &steps {
        if let Some(line) = s.first_line {
            if latest.is_some_and(|l| line < l) {
                out_of_order.push(s.step_id.clone());
            }
            latest = Some(latest.map_or(line, |l| l.max(line)));
        }
    }
    let covered = steps.iter().filter(|s| s.covered).count() as u32;
    FrameworkCoverage {
        framework_id: id.to_string(),
        name: name.clone(),
        total: steps.len() as u32,
        covered,
        in_order: covered > 0 && out_of_order.is_empty(),
        out_of_order,
        steps,
    }
}

fn first_solution(t: &Transcript, config: &TranscriptConfig) -> FirstSolution {
    let found = find_phrases(t, &config.solution_cues);
    let line = found.first().map(|m| m.line);
    let matches: Vec<PhraseMatch> = found.into_iter().filter(|m| Some(m.line) == line).collect();
    let limit = config.max_first_solution_seconds;
    let call_start = t.lines.first().and_then(|l| l.start);
    let at = line
        .and_then(|i| t.lines.get(i as usize))
        .and_then(|l| l.start);
    let (seconds, passed, note) = match (line, call_start, at) {
        (None, _, _) => (
            None,
            Some(false),
            Some(Text::new(
                "客服未提出解决方案",
                "the agent offered no solution",
            )),
        ),
        (Some(_), Some(s0), Some(s)) => (Some(s - s0), Some(s - s0 <= limit), None),
        _ => (
            None,
            None,
            Some(Text::new(
                "通话记录没有时间戳",
                "the transcript has no timestamps",
            )),
        ),
    };
    FirstSolution {
        seconds,
        limit_seconds: limit,
        passed,
        line,
        matches,
        note,
    }
}

fn speech_rate(t: &Transcript, band: Band) -> SpeechRate {
    let (mut chars, mut seconds) = (0u32, 0.0);
    for (i, line) in t.lines.iter().enumerate() {
        if line.speaker != Speaker::Agent {
            continue;
        }
        if let Some(d) = t.duration_of(i) {
            chars += count_chars(&line.text);
            seconds += d;
        }
    }
    let rate = (seconds > 0.0).then(|| f64::from(chars) / seconds * 60.0);
    SpeechRate {
        chars_per_minute: rate,
        band,
        within_band: rate.map(|r| r >= band.min && r <= band.max),
        agent_chars: chars,
        agent_seconds: seconds,
        note: rate.is_none().then(|| {
            Text::new(
                "客服发言时长未知（需要时间戳）",
                "the agent's speaking time is unknown (timestamps needed)",
            )
        }),
    }
}

fn talk_ratio(t: &Transcript) -> TalkRatio {
    let (mut ac, mut cc) = (0u32, 0u32);
    let (mut at, mut ct) = (0.0, 0.0);
    for (i, line) in t.lines.iter().enumerate() {
        let n = count_chars(&line.text);
        let d = t.duration_of(i).unwrap_or(0.0);
        match line.speaker {
            Speaker::Agent => {
                ac += n;
                at += d;
            }
            Speaker::Customer => {
                cc += n;
                ct += d;
            }
        }
    }
    let timed = t.timed;
    TalkRatio {
        agent_chars: ac,
        customer_chars: cc,
        by_chars: (cc > 0).then(|| f64::from(ac) / f64::from(cc)),
        agent_seconds: timed.then_some(at),
        customer_seconds: timed.then_some(ct),
        by_time: (timed && ct > 0.0).then(|| at / ct),
    }
}

fn interruptions(t: &Transcript) -> Interruptions {
    let mut items = Vec::new();
    for (i, pair) in t.lines.windows(2).enumerate() {
        let [customer, agent] = pair else { continue };
        if customer.speaker != Speaker::Customer || agent.speaker != Speaker::Agent {
            continue;
        }
        let overlap = match (customer.end, agent.start) {
            (Some(end), Some(start)) if start < end => Some(end - start),
            _ => None,
        };
        let cut = customer.text.ends_with("——") || customer.text.ends_with("--");
        let evidence = if overlap.is_some() {
            InterruptionEvidence::Overlap
        } else if cut {
            InterruptionEvidence::CutOff
        } else {
            continue;
        };
        items.push(Interruption {
            line: (i + 1) as u32,
            customer_line: i as u32,
            overlap_seconds: overlap,
            evidence,
        });
    }
    Interruptions {
        count: items.len() as u32,
        overlaps_detectable: t
            .lines
            .iter()
            .any(|l| l.speaker == Speaker::Customer && l.end.is_some()),
        items,
    }
}
