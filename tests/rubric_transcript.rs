//! Transcript parsing, every indicator, and suggestions, on realistic Chinese role plays.
//! Expected values are worked out by hand from the transcripts (see the comments).

use kaohe::format::decode_json;
use kaohe::rubric::format::{parse_rubric, Rubric};
use kaohe::rubric::transcript::config::{Band, TranscriptConfig};
use kaohe::rubric::transcript::indicators::{
    analyze_transcript, count_chars, find_phrases, InterruptionEvidence, TranscriptReport,
};
use kaohe::rubric::transcript::parse::parse_transcript;
use kaohe::rubric::transcript::suggestions::suggest_scores;
use kaohe::ErrorCode;

const LATE: &str = include_str!("../www/samples/transcripts/late-delivery.txt");
const ANGRY: &str = include_str!("../www/samples/transcripts/angry-customer.txt");
const ENQUIRY: &str = include_str!("../www/samples/transcripts/product-enquiry.txt");
const RUBRIC: &str = include_str!("../www/samples/rubric.json");

fn report(text: &str) -> TranscriptReport {
    analyze_transcript(
        &parse_transcript(text).unwrap(),
        &TranscriptConfig::default(),
    )
    .unwrap()
}

fn framework<'a>(
    r: &'a TranscriptReport,
    id: &str,
) -> &'a kaohe::rubric::transcript::indicators::FrameworkCoverage {
    r.frameworks.iter().find(|f| f.framework_id == id).unwrap()
}

// A tiny call whose figures are easy to check by hand.
const TINY: &str = "\
[00:00] 客服：😊您好，请问有什么可以帮您？
[00:10-00:25] 客户：我的订单ＹＦ１２３还没到——
[00:22] 客服：非常抱歉，我马上为您安排补发。
[00:40] 客户：好的，谢谢！
";

#[test]
fn characters_are_counted_without_punctuation_or_spaces() {
    assert_eq!(count_chars("😊您好，请问有什么可以帮您？"), 11);
    assert_eq!(count_chars("我的订单ＹＦ１２３还没到——"), 12);
    assert_eq!(count_chars("OK, 好 的 。"), 4);
}

#[test]
fn tiny_call_figures() {
    let r = report(TINY);
    // Positive: 您好 (line 0), 非常抱歉 and 马上为您 (line 2) = 3 ≥ 3.
    assert_eq!(r.positive.count, 3);
    assert!(r.positive.passed);
    let hello = &r.positive.matches[0];
    // The emoji is two UTF-16 units, so 您好 sits at 2..4.
    assert_eq!(
        (hello.line, hello.start, hello.end, hello.phrase.as_str()),
        (0, 2, 4, "您好")
    );
    let quick = &r.positive.matches[2];
    assert_eq!((quick.line, quick.start, quick.end), (2, 6, 10));
    // Agent: 11 chars over 10 s (to the next start) + 13 chars over 18 s (22 → 40) = 24 / 28 s.
    let rate = r.speech_rate.chars_per_minute.unwrap();
    assert!((rate - 24.0 / 28.0 * 60.0).abs() < 1e-9, "{rate}");
    assert_eq!(r.speech_rate.within_band, Some(false));
    // Talk ratio: 24 agent chars / (12 + 4) customer chars; time 28 s / 15 s (explicit end;
    // the last turn has no known duration).
    assert_eq!(r.talk_ratio.by_chars, Some(1.5));
    assert!((r.talk_ratio.by_time.unwrap() - 28.0 / 15.0).abs() < 1e-12);
    // The agent starts at 22 s, the customer's turn ends at 25 s: one overlap of 3 s.
    assert_eq!(r.interruptions.count, 1);
    let i = &r.interruptions.items[0];
    assert_eq!(
        (i.line, i.customer_line, i.overlap_seconds),
        (2, 1, Some(3.0))
    );
    assert_eq!(i.evidence, InterruptionEvidence::Overlap);
    // First solution: 为您安排 at 22 s.
    assert_eq!(r.first_solution.seconds, Some(22.0));
    assert_eq!(r.first_solution.passed, Some(true));
    assert_eq!(r.forbidden.count, 0);
}

#[test]
fn late_delivery_complaint_follows_the_six_steps() {
    let r = report(LATE);
    // 您好, 很高兴, 非常抱歉, 马上为您, 请您放心, 感谢, 祝您.
    assert_eq!(r.positive.count, 7);
    assert!(r.forbidden.passed);
    let six = framework(&r, "complaintSixSteps");
    assert_eq!((six.covered, six.total), (6, 6));
    assert!(six.in_order, "{:?}", six.out_of_order);
    let first: Vec<Option<u32>> = six.steps.iter().map(|s| s.first_line).collect();
    assert_eq!(
        first,
        [Some(2), Some(2), Some(2), Some(4), Some(8), Some(10)]
    );
    // 00:00:59 − 00:00:02.
    assert_eq!(r.first_solution.seconds, Some(57.0));
    assert_eq!(r.first_solution.passed, Some(true));
    assert_eq!(r.first_solution.line, Some(4));
    assert_eq!(
        r.speech_rate.within_band,
        Some(true),
        "{:?}",
        r.speech_rate.chars_per_minute
    );
    assert_eq!(r.interruptions.count, 0);
}

#[test]
fn angry_customer_shows_the_bad_habits() {
    let r = report(ANGRY);
    let found: Vec<(u32, &str)> = r
        .forbidden
        .matches
        .iter()
        .map(|m| (m.line, m.phrase.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "我理解你的感受"),
            (4, "你听我说"),
            (4, "不可能"),
            (6, "应该这样")
        ]
    );
    assert!(!r.forbidden.passed);
    // A turn cut off with "——", then an overlap (customer until 01:31, agent from 01:28).
    let kinds: Vec<(u32, InterruptionEvidence)> = r
        .interruptions
        .items
        .iter()
        .map(|i| (i.line, i.evidence))
        .collect();
    assert_eq!(
        kinds,
        [
            (4, InterruptionEvidence::CutOff),
            (8, InterruptionEvidence::Overlap)
        ]
    );
    assert_eq!(r.interruptions.items[1].overlap_seconds, Some(3.0));
    // First solution at 00:01:28 − 00:00:02 = 86 s > 60 s.
    assert_eq!(r.first_solution.seconds, Some(86.0));
    assert_eq!(r.first_solution.passed, Some(false));
    assert_eq!(r.speech_rate.within_band, Some(false));
    assert!(r.speech_rate.chars_per_minute.unwrap() > 90.0);
    // No listening cue; the agent asks (请问, turn 2) before apologising (非常抱歉, turn 8),
    // so clarifying is out of order.
    let six = framework(&r, "complaintSixSteps");
    assert!(!six.steps[0].covered);
    assert_eq!(six.steps[1].first_line, Some(8));
    assert!(!six.in_order);
    assert_eq!(six.out_of_order, ["clarify"]);
}

#[test]
fn product_enquiry_follows_the_diagnosis_steps() {
    let r = report(ENQUIRY);
    let d = framework(&r, "diagnosisFourSteps");
    let first: Vec<Option<u32>> = d.steps.iter().map(|s| s.first_line).collect();
    assert_eq!(first, [Some(2), Some(4), Some(6), Some(8)]);
    assert!(d.in_order);
    let six = framework(&r, "complaintSixSteps");
    assert!(six.covered < 6);
    assert!(r.forbidden.passed);
}

#[test]
fn configurable_lexicons_bands_and_frameworks() {
    let config: TranscriptConfig = decode_json(
        r#"{"schemaVersion":1,"positivePhrases":["yf123","补发"],"minPositive":1,
            "speechRate":{"min":40,"max":60},"maxFirstSolutionSeconds":20,
            "frameworks":[{"id":"x","name":{"zh":"测试","en":"test"},"steps":[
              {"id":"a","name":{"zh":"甲","en":"A"},"cues":["补发"]},
              {"id":"b","name":{"zh":"乙","en":"B"},"cues":["您好"]}]}]}"#,
    )
    .unwrap();
    let mut text = TINY.replace("客服：😊您好", "客服：😊您好，ＹＦ１２３号");
    text.push('\n');
    let r = analyze_transcript(&parse_transcript(&text).unwrap(), &config).unwrap();
    // Full-width ＹＦ１２３ matches "yf123".
    assert_eq!(r.positive.matches[0].phrase, "yf123");
    assert_eq!(r.positive.count, 2);
    assert_eq!(
        r.speech_rate.band,
        Band {
            min: 40.0,
            max: 60.0
        }
    );
    assert_eq!(r.first_solution.passed, Some(false), "22 s > 20 s");
    let x = &r.frameworks[0];
    assert!(!x.in_order);
    assert_eq!(x.out_of_order, ["b"]);
    let bad: TranscriptConfig =
        decode_json(r#"{"schemaVersion":1,"speechRate":{"min":90,"max":70}}"#).unwrap();
    let e = analyze_transcript(&parse_transcript(TINY).unwrap(), &bad).unwrap_err();
    assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "speechRate"));
    let e = decode_json::<TranscriptConfig>(r#"{"schemaVersion":1,"minPositve":2}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownField);
}

#[test]
fn longest_phrase_wins_and_matches_do_not_overlap() {
    let t = parse_transcript("客服：非常抱歉，抱歉").unwrap();
    let m = find_phrases(&t, &["抱歉".into(), "非常抱歉".into()]);
    let got: Vec<(&str, u32, u32)> = m
        .iter()
        .map(|m| (m.phrase.as_str(), m.start, m.end))
        .collect();
    assert_eq!(got, [("非常抱歉", 0, 4), ("抱歉", 5, 7)]);
    // Customer turns are not searched.
    let t = parse_transcript("客户：非常抱歉").unwrap();
    assert!(find_phrases(&t, &["抱歉".into()]).is_empty());
}

#[test]
fn untimed_transcripts_give_no_time_figures_but_still_count_phrases() {
    let untimed: String = LATE
        .lines()
        .map(|l| l.split_once("] ").map_or(l, |(_, rest)| rest))
        .collect::<Vec<_>>()
        .join("\n");
    let r = report(&untimed);
    assert_eq!(r.positive.count, 7);
    assert_eq!(r.speech_rate.chars_per_minute, None);
    assert!(r.speech_rate.note.is_some());
    assert_eq!(r.first_solution.passed, None);
    assert_eq!(r.talk_ratio.by_time, None);
    assert!(r.talk_ratio.by_chars.is_some());
}

fn rubric() -> Rubric {
    parse_rubric(RUBRIC).unwrap()
}

#[test]
fn suggestions_follow_the_rubric_links() {
    let s = suggest_scores(&rubric(), &report(ANGRY)).unwrap();
    let value = |id: &str| s.iter().find(|x| x.criterion_id == id).unwrap().value;
    assert_eq!(value("noForbiddenPhrases"), Some(0.0));
    assert_eq!(value("listening"), Some(1.0), "interrupted → lowest level");
    assert_eq!(value("firstSolution"), Some(0.0));
    assert_eq!(value("speechRate"), Some(0.0));
    assert_eq!(value("stepOrder"), Some(0.0));
    let good = suggest_scores(&rubric(), &report(LATE)).unwrap();
    let value = |id: &str| good.iter().find(|x| x.criterion_id == id).unwrap().value;
    assert_eq!(value("positiveLanguage"), Some(5.0));
    assert_eq!(value("noForbiddenPhrases"), Some(1.0));
    assert_eq!(value("sixSteps"), Some(5.0));
    assert_eq!(value("stepOrder"), Some(1.0));
    assert_eq!(value("firstSolution"), Some(1.0));
    assert_eq!(value("speechRate"), Some(2.0));
    // Enquiry: diagnosis steps 4 / 4 → level 5.
    let e = suggest_scores(&rubric(), &report(ENQUIRY)).unwrap();
    assert_eq!(
        e.iter()
            .find(|x| x.criterion_id == "diagnosis")
            .unwrap()
            .value,
        Some(5.0)
    );
    assert!(good
        .iter()
        .all(|x| !x.reason.zh.is_empty() && !x.reason.en.is_empty()));
}

#[test]
fn the_sample_rubric_has_the_five_sections() {
    let r = rubric();
    let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["礼仪", "沟通", "问题解决", "效率", "投诉处理"]);
    assert_eq!(r.sections.iter().map(|s| s.weight).sum::<f64>(), 100.0);
    assert!(r.criteria().any(|(_, c)| c.bonus_points.is_some()));
    assert!(r.criteria().filter(|(_, c)| c.critical.is_some()).count() >= 2);
}
