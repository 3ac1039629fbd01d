//! KPI CSV import: headers in Chinese or English, BOM, quotes, percentages, and errors that
//! name the data row (1-based) and the column.

use kaohe::competency::{import_kpi_csv, EvidenceKind};
use kaohe::{ErrorCode, Locale};

const SAMPLE: &str = include_str!("../www/samples/kpi.csv");

#[test]
fn the_sample_file_imports() {
    let import = import_kpi_csv(SAMPLE).unwrap();
    assert_eq!(import.rows, 60, "20 agents × 3 months");
    // The new hire's September row is blank: 59 rows × 6 KPIs.
    assert_eq!(import.evidence.len(), 59 * 6);
    assert_eq!(import.ignored_columns, ["姓名"]);
    let fields: Vec<_> = import.columns.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "agentId",
            "period",
            "csat",
            "fcr",
            "aht",
            "complaintRate",
            "resolutionRate",
            "qaScore"
        ]
    );
    let first = &import.evidence[0];
    assert_eq!(
        (first.person_id.as_str(), first.kind, first.key.as_str()),
        ("E1001", EvidenceKind::Kpi, "csat")
    );
    assert_eq!(first.date.to_string(), "2026-09-30");
    assert_eq!(first.source_id.as_deref(), Some("kpi:2026-09"));
    for e in &import.evidence {
        let ok = match e.key.as_str() {
            "csat" => (4.0..=4.9).contains(&e.value),
            "fcr" => (60.0..=90.0).contains(&e.value),
            "aht" => (180.0..=600.0).contains(&e.value),
            "complaintRate" => (0.5..=5.0).contains(&e.value),
            "resolutionRate" => (80.0..=98.0).contains(&e.value),
            "qaScore" => (70.0..=98.0).contains(&e.value),
            _ => false,
        };
        assert!(ok, "{} {} = {}", e.person_id, e.key, e.value);
    }
}

#[test]
fn english_headers_bom_quotes_and_formats() {
    let text =
        "\u{feff}Agent ID,Period,CSAT,FCR,AHT (s),Complaint rate,Resolution rate,QA score,Note\r\n\
                E1001,2026-09,4.6,85%,\"5:30\",1.5%,92,88,\"late, then fine\"\r\n\
                E1002,2026年10月,4.2,,420,2,90.5%,79,\r\n";
    let import = import_kpi_csv(text).unwrap();
    assert_eq!(import.rows, 2);
    assert_eq!(import.ignored_columns, ["Note"]);
    let values: Vec<_> = import
        .evidence
        .iter()
        .map(|e| (e.person_id.as_str(), e.key.as_str(), e.value))
        .collect();
    assert_eq!(
        values,
        [
            ("E1001", "csat", 4.6),
            ("E1001", "fcr", 85.0),
            ("E1001", "aht", 330.0),
            ("E1001", "complaintRate", 1.5),
            ("E1001", "resolutionRate", 92.0),
            ("E1001", "qaScore", 88.0),
            ("E1002", "csat", 4.2),
            ("E1002", "aht", 420.0),
            ("E1002", "complaintRate", 2.0),
            ("E1002", "resolutionRate", 90.5),
            ("E1002", "qaScore", 79.0),
        ]
    );
    assert_eq!(import.evidence[6].date.to_string(), "2026-10-31");
}

fn error(text: &str) -> kaohe::Error {
    import_kpi_csv(text).unwrap_err()
}

#[test]
fn errors_name_row_and_column() {
    let head = "工号,周期,客户满意度,首次解决率\n";
    let e = error(&format!(
        "{head}E1,2026-09,4.5,80%\nE2,2026-09,4.4,81%\nE3,2026-09,很好,82%\n"
    ));
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidRow, "rows[3].csat")
    );
    assert!(e.message(Locale::ZhCn).contains("客户满意度"), "{e}");
    assert!(e.message(Locale::En).contains("CSAT"), "{e}");

    let e = error(&format!("{head}E1,2026-09,4.5,180%\n"));
    assert_eq!((e.code(), e.path()), (ErrorCode::OutOfRange, "rows[1].fcr"));

    let e = error(&format!("{head},2026-09,4.5,80%\n"));
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::MissingField, "rows[1].agentId")
    );

    let e = error(&format!("{head}E1,九月,4.5,80%\n"));
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::InvalidRow, "rows[1].period")
    );

    let e = error(&format!("{head}E1,2026-09,4.5\n"));
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidRow, "rows[1]"));

    let e = error(&format!("{head}E1,2026-09,4.5,80%\nE1,2026-09,4.6,81%\n"));
    assert_eq!((e.code(), e.path()), (ErrorCode::DuplicateId, "rows[2]"));

    let e = error("周期,客户满意度\n2026-09,4.5\n");
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::MissingField, "header.agentId")
    );

    let e = error("工号,周期,姓名\nE1,2026-09,李娜\n");
    assert_eq!((e.code(), e.path()), (ErrorCode::MissingField, "header"));

    let e = error("工号,周期,CSAT,满意度\n");
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "header.csat")
    );

    let e = error("");
    assert_eq!(e.code(), ErrorCode::InsufficientData);

    let e = error(&format!("{head}E1,2026-09,\"4.5,80%\n"));
    assert_eq!((e.code(), e.path()), (ErrorCode::InvalidSyntax, "line 2"));
}
