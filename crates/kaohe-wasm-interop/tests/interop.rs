//! The interop module's boundary in headless Chromium: bytes in as a `Uint8Array`, plain objects
//! out, `.xlsx` out as a `Uint8Array`, stored records with their packed bytes accepted, and every
//! failure a real JS `Error` with `code` and `path`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, Uint8Array, JSON};
use kaohe_wasm_interop::{
    export_bank, import_bank_js, results_csv_js, template_xlsx_js, xapi_statements,
};
use kaohe_wasm_testing::{assert_error, get, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CSV: &[u8] = include_bytes!("../../../www/samples/import/sample.csv");
const BAD_XLSX: &[u8] = include_bytes!("../../../tests/fixtures/interop/bad_rows.xlsx");
const BANK: &str = include_str!("../../../www/samples/bank.json");

#[wasm_bindgen_test]
fn csv_imports_into_a_plain_bank() {
    let out = import_bank_js(
        js_sys::Uint8Array::from(CSV).into(),
        json(r#"{"format":"csv","title":"售后题库","bankId":"after-sales"}"#),
    )
    .unwrap();
    assert_eq!(get(&out, "itemCount").as_f64(), Some(9.0));
    assert_eq!(Array::from(&get(&out, "problems")).length(), 0);
    let bank = get(&out, "bank");
    assert_eq!(get(&bank, "id").as_string().unwrap(), "after-sales");
    assert_eq!(Array::from(&get(&bank, "items")).length(), 9);
}

/// Excel's plain "CSV (逗号分隔)" on Chinese Windows: GBK without a mark, decoded by the
/// browser's own TextDecoder, to the same items as the UTF-8 file.
#[wasm_bindgen_test]
fn gbk_csv_is_detected_and_read_by_the_browser() {
    let gbk = import_bank_js(
        js_sys::Uint8Array::from(
            &include_bytes!("../../../tests/fixtures/interop/encodings/bank40.gbk.csv")[..],
        )
        .into(),
        json(r#"{"format":"csv"}"#),
    )
    .unwrap();
    let utf8 = import_bank_js(
        js_sys::Uint8Array::from(
            &include_bytes!("../../../tests/fixtures/interop/encodings/bank40.utf8.csv")[..],
        )
        .into(),
        json(r#"{"format":"csv"}"#),
    )
    .unwrap();
    assert_eq!(get(&gbk, "itemCount").as_f64(), Some(40.0));
    assert_eq!(get(&gbk, "encoding").as_string().unwrap(), "gb18030");
    assert_eq!(
        JSON::stringify(&get(&get(&gbk, "bank"), "items")).unwrap(),
        JSON::stringify(&get(&get(&utf8, "bank"), "items")).unwrap()
    );
    let err = import_bank_js(
        js_sys::Uint8Array::from(
            &include_bytes!("../../../tests/fixtures/interop/encodings/bank40.utf8.csv")[..],
        )
        .into(),
        json(r#"{"format":"csv","encoding":"gbk"}"#),
    )
    .unwrap_err();
    assert_error(&err, "INVALID_SYNTAX", "encoding");
}

#[wasm_bindgen_test]
fn bad_rows_give_problems_and_no_bank() {
    let out = import_bank_js(
        js_sys::Uint8Array::from(BAD_XLSX).into(),
        json(r#"{"format":"xlsx"}"#),
    )
    .unwrap();
    assert!(get(&out, "bank").is_null());
    let problems = Array::from(&get(&out, "problems"));
    assert_eq!(problems.length(), 8);
    assert_eq!(
        get(&problems.get(0), "path").as_string().unwrap(),
        "Sheet1!H3"
    );
    assert!(!get(&get(&problems.get(0), "message"), "zh")
        .as_string()
        .unwrap()
        .is_empty());
    let accepted = import_bank_js(
        js_sys::Uint8Array::from(BAD_XLSX).into(),
        json(r#"{"format":"xlsx","acceptPartial":true}"#),
    )
    .unwrap();
    assert!(get(&accepted, "itemCount").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn bad_params_are_errors() {
    let e = import_bank_js(
        js_sys::Uint8Array::from(CSV).into(),
        json(r#"{"format":"docx"}"#),
    )
    .unwrap_err();
    assert_error(&e, "UNKNOWN_VARIANT", "params.format");
    let e = import_bank_js(
        js_sys::Uint8Array::from(CSV).into(),
        json(r#"{"title":"x"}"#),
    )
    .unwrap_err();
    assert_error(&e, "MISSING_FIELD", "params.format");
    let e = import_bank_js(
        js_sys::Uint8Array::from(CSV).into(),
        json(r#"{"format":"csv","colour":"red"}"#),
    )
    .unwrap_err();
    assert_error(&e, "UNKNOWN_FIELD", "params.colour");
    let e = import_bank_js(
        js_sys::Uint8Array::from(&b"\x00\x01"[..]).into(),
        json(r#"{"format":"xlsx"}"#),
    )
    .unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "CORRUPT_DATA");
}

#[wasm_bindgen_test]
fn exports_and_the_template() {
    let template = template_xlsx_js();
    assert_eq!(&template[..2], b"PK");
    let xlsx = export_bank(json(BANK), "xlsx".into()).unwrap();
    let bytes = get(&xlsx, "bytes");
    assert!(
        bytes.is_instance_of::<Uint8Array>(),
        "bytes cross as a Uint8Array"
    );
    assert_eq!(Uint8Array::from(bytes).get_index(0), b'P');
    assert!(get(&xlsx, "fileName")
        .as_string()
        .unwrap()
        .ends_with(".xlsx"));
    let aiken = export_bank(json(BANK), "aiken".into()).unwrap();
    assert!(get(&aiken, "text").as_string().unwrap().contains("ANSWER:"));
    assert!(
        Array::from(&get(&aiken, "skipped")).length() > 0,
        "Aiken holds only choice items"
    );
    let e = export_bank(json(r#"{"schemaVersion":1}"#), "csv".into()).unwrap_err();
    assert_eq!(get(&e, "code").as_string().unwrap(), "MISSING_FIELD");
    assert!(get(&e, "path").as_string().unwrap().starts_with("bank"));
}

/// A stored attempt as the page keeps it, `packed` bytes included, answering pk-001 only.
fn stored() -> (JsValue, JsValue) {
    let attempt = json(
        r#"{"schemaVersion":1,"status":"submitted","attemptId":"0b7e3c52-9a1d-4f7e-8c2b-5d6a7e8f9a01",
        "bankId":"cs-theory-2026","blueprintId":"bp-x","examTitle":"抽测","candidate":{"name":"王芳","id":"YF-20417"},
        "paper":{"schemaVersion":1,"bankId":"cs-theory-2026","blueprintId":"bp-x","title":"抽测","seed":1,
          "passMarkPercent":60,"sections":[{"id":"s","title":"产品","itemIds":["pk-001","pk-004"]}],
          "optionOrder":{"pk-001":["A","B","C","D"]}},
        "responses":{"pk-001":{"value":"B","answeredAt":1793581260000}},"events":[{"type":"blur"}],
        "startedAt":1793581200000,"submittedAt":1793581500000}"#,
    );
    Reflect::set(
        &attempt,
        &"packed".into(),
        &Uint8Array::from(&[1u8, 2, 3][..]),
    )
    .unwrap();
    let result = json(
        r#"{"points":2,"maxPoints":3,"passed":true,"timeUsedSeconds":300,
        "items":[{"itemId":"pk-001","points":2},{"itemId":"pk-004","points":0}]}"#,
    );
    (attempt, result)
}

#[wasm_bindgen_test]
fn statements_from_stored_records() {
    let (attempt, result) = stored();
    let params = js_sys::Object::new();
    Reflect::set(&params, &"attempt".into(), &attempt).unwrap();
    Reflect::set(&params, &"result".into(), &result).unwrap();
    Reflect::set(&params, &"bank".into(), &json(BANK)).unwrap();
    let statements = Array::from(&xapi_statements(params.clone().into()).unwrap());
    assert_eq!(
        statements.length(),
        4,
        "one answered item, completed, passed, scored"
    );
    let first = statements.get(0);
    assert_eq!(
        get(&get(&first, "verb"), "id").as_string().unwrap(),
        "http://adlnet.gov/expapi/verbs/answered"
    );
    assert_eq!(
        get(&first, "timestamp").as_string().unwrap(),
        "2026-11-02T01:01:00.000Z"
    );
    assert!(
        get(&attempt, "packed").is_instance_of::<Uint8Array>(),
        "the caller's record is untouched"
    );
    let again = Array::from(&xapi_statements(params.into()).unwrap());
    assert_eq!(
        get(&again.get(3), "id").as_string(),
        get(&statements.get(3), "id").as_string()
    );

    let records = Array::of1(&{
        let r = js_sys::Object::new();
        Reflect::set(&r, &"attempt".into(), &attempt).unwrap();
        Reflect::set(&r, &"result".into(), &result).unwrap();
        r.into()
    });
    let csv_params = js_sys::Object::new();
    Reflect::set(&csv_params, &"records".into(), &records).unwrap();
    Reflect::set(&csv_params, &"banks".into(), &Array::of1(&json(BANK))).unwrap();
    let csv = results_csv_js(csv_params.clone().into()).unwrap();
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.contains("YF-20417,王芳,抽测"));
    Reflect::set(&csv_params, &"banks".into(), &Array::new()).unwrap();
    let e = results_csv_js(csv_params.into()).unwrap_err();
    assert_error(&e, "UNKNOWN_REFERENCE", "records[0].attempt.paper.bankId");
}
