//! The same 40-row bank saved by Excel three ways (tests/fixtures/interop/encodings, written by
//! the committed Python script with openpyxl and Python's own 'gbk' codec) imports to identical
//! items: .xlsx, "CSV UTF-8" (with a byte-order mark) and plain "CSV" in GBK without a mark.

use kaohe::encoding::{decode_text, LegacyDecoder, TextEncoding, UnicodeOnly};
use kaohe::interop::import::{import_bank_with, BankFormat};
use kaohe::interop::{ImportOptions, NoteKind};
use serde_json::Value;

/// GB18030 by encoding_rs, standing in for the browser's TextDecoder('gb18030').
struct EncodingRs;

impl LegacyDecoder for EncodingRs {
    fn decode_gb18030(&self, bytes: &[u8]) -> Option<String> {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        (!had_errors).then(|| text.into_owned())
    }
}

const DIR: &str = "tests/fixtures/interop/encodings";

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap()
}

fn items(bytes: &[u8], format: BankFormat, options: &ImportOptions) -> (Value, Option<String>) {
    let out = import_bank_with(bytes, format, options, &EncodingRs).unwrap();
    assert!(out.problems.is_empty(), "{format:?}: {:?}", out.problems);
    assert_eq!(out.item_count, 40);
    (out.bank.unwrap()["items"].clone(), out.encoding)
}

#[test]
fn xlsx_utf8_csv_and_gbk_csv_give_identical_items() {
    let options = ImportOptions::default();
    let (xlsx, none) = items(&read("bank40.xlsx"), BankFormat::Xlsx, &options);
    let (utf8, utf8_enc) = items(&read("bank40.utf8.csv"), BankFormat::Csv, &options);
    let (gbk, gbk_enc) = items(&read("bank40.gbk.csv"), BankFormat::Csv, &options);
    assert_eq!(none, None);
    assert_eq!(utf8_enc.as_deref(), Some("utf-8"));
    assert_eq!(gbk_enc.as_deref(), Some("gb18030"));
    assert_eq!(xlsx, utf8);
    assert_eq!(xlsx, gbk);
    // What the rows say came through: （） blanks, reference answers, keywords, policies.
    assert_eq!(
        xlsx[3]["stem"],
        "云帆空调整机保修____年，主要部件保修____年。"
    );
    assert_eq!(
        xlsx[4]["modelAnswer"],
        "先耐心听完并真诚道歉；说明迟到原因，不推诿；补偿/感谢客户的耐心；维修后回访跟进。"
    );
    assert_eq!(xlsx[4]["keywords"][2]["terms"], serde_json::json!(["补偿"]));
    assert_eq!(xlsx[1]["policy"]["kind"], "fixedShare");
}

#[test]
fn the_encoding_is_reported_and_can_be_named() {
    let gbk = read("bank40.gbk.csv");
    let out = import_bank_with(
        &gbk,
        BankFormat::Csv,
        &ImportOptions::default(),
        &EncodingRs,
    )
    .unwrap();
    let first = &out.notes[0];
    assert_eq!((first.path.as_str(), first.kind), ("", NoteKind::Info));
    assert!(first.message.zh.contains("GBK"), "{first:?}");
    assert!(first.message.zh.contains("自动识别"), "{first:?}");
    // Named explicitly: same items, reported as chosen.
    let named = ImportOptions {
        encoding: Some("GBK".into()),
        ..Default::default()
    };
    let out2 = import_bank_with(&gbk, BankFormat::Csv, &named, &EncodingRs).unwrap();
    assert_eq!(out2.bank.unwrap()["items"], out.bank.unwrap()["items"]);
    assert!(out2.notes[0].message.zh.contains("所选"));
    // Named wrongly: a UTF-8 file with a mark is not GBK.
    let utf8 = read("bank40.utf8.csv");
    let e = import_bank_with(&utf8, BankFormat::Csv, &named, &EncodingRs).unwrap_err();
    assert_eq!(e.path(), "encoding");
    let bad = ImportOptions {
        encoding: Some("big5".into()),
        ..Default::default()
    };
    let e = import_bank_with(&utf8, BankFormat::Csv, &bad, &EncodingRs).unwrap_err();
    assert_eq!(
        (e.code().as_str(), e.path()),
        ("UNKNOWN_VARIANT", "encoding")
    );
    // Without a GB18030 decoder, GBK is refused with the way out, never read as garbage.
    let e = import_bank_with(
        &gbk,
        BankFormat::Csv,
        &ImportOptions::default(),
        &UnicodeOnly,
    )
    .unwrap_err();
    assert!(e.messages().zh.contains("CSV UTF-8"));
}

#[test]
fn the_shared_decoder_agrees_with_python_on_the_whole_file() {
    let utf8 = read("bank40.utf8.csv");
    let gbk = read("bank40.gbk.csv");
    let a = decode_text(&utf8, None, &EncodingRs).unwrap();
    let b = decode_text(&gbk, None, &EncodingRs).unwrap();
    assert_eq!((a.encoding, a.bom), (TextEncoding::Utf8, true));
    assert_eq!(
        (b.encoding, b.bom, b.detected),
        (TextEncoding::Gb18030, false, true)
    );
    assert_eq!(a.text, b.text);
}

#[test]
fn the_kpi_import_reads_gbk_through_the_same_decoder() {
    use kaohe::competency::{import_kpi_csv, import_kpi_csv_bytes};
    let text = std::fs::read_to_string("www/samples/kpi.csv").unwrap();
    let text = text.trim_start_matches('\u{FEFF}');
    // Python's 'gbk' codec and encoding_rs agree on these characters; the sample is all GBK.
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let from_gbk = import_kpi_csv_bytes(&gbk, &EncodingRs).unwrap();
    let from_text = import_kpi_csv(text).unwrap();
    assert_eq!(from_gbk.evidence, from_text.evidence);
    assert_eq!(from_gbk.rows, 60);
    let e = import_kpi_csv_bytes(&gbk, &UnicodeOnly).unwrap_err();
    assert_eq!(e.path(), "encoding");
}
