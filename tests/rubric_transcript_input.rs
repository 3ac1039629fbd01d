//! A transcript as pasted: the three formats, the guess, and where errors point.

use kaohe::format::decode_value;
use kaohe::rubric::transcript::input::{guess_format, TranscriptFormat, TranscriptParams};
use kaohe::ErrorCode;
use serde_json::json;

fn params(value: serde_json::Value) -> TranscriptParams {
    decode_value(&value).unwrap()
}

#[test]
fn the_format_is_guessed_from_the_first_characters() {
    assert_eq!(guess_format("[00:02] 客服：您好"), TranscriptFormat::Text);
    assert_eq!(
        guess_format("  [ {\"speaker\":\"agent\"}]"),
        TranscriptFormat::Json
    );
    assert_eq!(guess_format("[]"), TranscriptFormat::Json);
    assert_eq!(
        guess_format("{\"speaker\":\"agent\"}\n{}"),
        TranscriptFormat::JsonLines
    );
    assert_eq!(guess_format("客服：您好"), TranscriptFormat::Text);
}

#[test]
fn the_three_formats_give_the_same_turns() {
    let text =
        params(json!({ "text": "\u{feff}[00:02] 客服：您好\n[00:09] 客户：我的快递还没到" }));
    let array = params(
        json!({ "text": r#"[{"speaker":"agent","text":"您好","start":2},{"speaker":"customer","text":"我的快递还没到","start":9}]"# }),
    );
    let lines = params(
        json!({ "text": "{\"speaker\":\"agent\",\"text\":\"您好\",\"start\":2}\n\n{\"speaker\":\"customer\",\"text\":\"我的快递还没到\",\"start\":9}" }),
    );
    let a = text.parse().unwrap();
    assert_eq!(a.lines.len(), 2);
    assert!(a.timed);
    for other in [array.parse().unwrap(), lines.parse().unwrap()] {
        assert_eq!(other.lines.len(), 2);
        assert_eq!(other.lines[1].text, a.lines[1].text);
    }
}

#[test]
fn errors_point_at_the_text_or_the_line() {
    let err = params(json!({ "text": "[{\"speaker\":", "format": "json" }))
        .parse()
        .unwrap_err();
    assert_eq!((err.code(), err.path()), (ErrorCode::InvalidSyntax, "text"));
    let err = params(json!({ "text": "{\"speaker\":\"agent\",\"text\":\"您好\"}\n{oops" }))
        .parse()
        .unwrap_err();
    assert_eq!(
        (err.code(), err.path()),
        (ErrorCode::InvalidSyntax, "line 2")
    );
    let err =
        params(json!({ "text": "{\"speaker\":\"agent\",\"text\":\"您好\"}\n{\"speaker\":1}" }))
            .parse()
            .unwrap_err();
    assert!(err.path().starts_with("line 2"), "{}", err.path());
}

#[test]
fn analyze_uses_the_default_config_and_keeps_the_turns() {
    let analysis =
        params(json!({ "text": include_str!("../www/samples/transcripts/late-delivery.txt") }))
            .analyze()
            .unwrap();
    assert!(!analysis.transcript.lines.is_empty());
    let bad: Result<TranscriptParams, _> = decode_value(
        &json!({ "text": "[00:01] 客服：您好", "config": { "schemaVersion": 1, "minPositive": -1 } }),
    );
    assert_eq!(bad.unwrap_err().path(), "config.minPositive");
}
