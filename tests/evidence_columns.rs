//! The column form of evidence records (what the JS package sends for `new Team`): decoded, it
//! is exactly the records the JSON form gives; broken columns are coded errors at the column and
//! record.

use kaohe::competency::{parse_evidence, EvidenceColumns, EvidenceKind, EvidenceRecord};
use kaohe::error::ErrorCode;

/// The columns of `records`, every distinct string once, as the package writes them.
fn columns_of(records: &[EvidenceRecord]) -> EvidenceColumns {
    let mut columns = EvidenceColumns::default();
    let intern = |columns: &mut EvidenceColumns, text: String| -> u32 {
        match columns.strings.iter().position(|s| *s == text) {
            Some(i) => i as u32,
            None => {
                columns.strings.push(text);
                (columns.strings.len() - 1) as u32
            }
        }
    };
    for r in records {
        let person = intern(&mut columns, r.person_id.clone());
        let key = intern(&mut columns, r.key.clone());
        let date = intern(&mut columns, r.date.to_string());
        let source = match &r.source_id {
            Some(s) => intern(&mut columns, s.clone()),
            None => EvidenceColumns::NONE,
        };
        columns.person.push(person);
        columns.kind.push(r.kind.code());
        columns.key.push(key);
        columns.value.push(r.value);
        columns.date.push(date);
        columns.source.push(source);
    }
    columns
}

#[test]
fn the_sample_team_decodes_to_the_same_records_as_its_json() {
    let set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    assert!(set.evidence.len() > 100);
    assert!(set.evidence.iter().any(|r| r.source_id.is_some()));
    let columns = columns_of(&set.evidence);
    // Shared strings are given once: far fewer strings than fields.
    assert!(columns.strings.len() < set.evidence.len());
    assert_eq!(columns.records().unwrap(), set.evidence);
}

#[test]
fn every_kind_has_its_code() {
    for (code, kind) in EvidenceKind::EVERY.iter().enumerate() {
        assert_eq!(usize::from(kind.code()), code);
    }
}

#[test]
fn minus_zero_reads_as_zero_as_through_json() {
    let set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    let mut columns = columns_of(&set.evidence[..1]);
    columns.value[0] = -0.0;
    let records = columns.records().unwrap();
    assert!(records[0].value == 0.0 && records[0].value.is_sign_positive());
}

#[test]
fn broken_columns_are_coded_errors_at_the_column_and_record() {
    let set = parse_evidence(include_str!("../www/samples/team.json")).unwrap();
    let good = columns_of(&set.evidence[..3]);
    let check = |columns: EvidenceColumns, code: ErrorCode, path: &str| {
        let e = columns.records().unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path));
    };
    let mut c = good.clone();
    c.key.pop();
    check(c, ErrorCode::InvalidValue, "key");
    let mut c = good.clone();
    c.person[1] = 999;
    check(c, ErrorCode::OutOfRange, "person[1]");
    let mut c = good.clone();
    c.kind[2] = 5;
    check(c, ErrorCode::InvalidValue, "kind[2]");
    let mut c = good.clone();
    c.value[0] = f64::NAN;
    check(c, ErrorCode::InvalidValue, "value[0]");
    let mut c = good.clone();
    c.strings.push("2026-02-30".into());
    c.date[1] = (c.strings.len() - 1) as u32;
    check(c, ErrorCode::InvalidDate, "date[1]");
    let mut c = good;
    c.source[0] = 12345;
    check(c, ErrorCode::OutOfRange, "source[0]");
}
