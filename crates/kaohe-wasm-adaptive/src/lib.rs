//! The adaptive module (`www/pkg-adaptive`): one step of an adaptive exam (自适应复训考试) on the
//! candidate's device. A module of its own, loaded by the exam view only when the exam is
//! adaptive, so the candidate module every ordinary exam page loads does not grow (the binding
//! measured +10.6 KB gzip on it; docs/statistics-irt.md, section 4). Pure function in → out: the
//! candidate module's store keeps the attempt log, and each call replays it.
//!
//! The step reads only what it needs straight from the JS objects (the items' calibration, salts
//! and commitments, the rules, the answers), not the whole package through JSON: so the module
//! links no JSON parser or printer, no item decoder and no float printer, and an adaptive exam
//! adds about a third of what it did (issue 19).

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

use js_sys::{Array, Object, Reflect};
use kaohe::error::{Error, ErrorCode};
use kaohe::exam::adaptive::AdaptiveSettings;
use kaohe::exam::adaptive_exam::{AdaptiveNext, AnswerValue, LeanItem, LeanPackage, StepCache};
use kaohe_wasm::Thrown;
use std::cell::Cell;
use wasm_bindgen::prelude::*;

// Named so that the shared binding (setLocale, getLocale) is linked.
pub use kaohe_wasm;

/// This module's allocator: talc instead of Rust's default dlmalloc, for size (the module is
/// what an adaptive exam adds to the page; docs/statistics-irt.md, section 4). The step
/// allocates a few hundred small strings and vectors per call and frees them all, well within
/// what talc is built for. Single-threaded wasm only (no `atomics`), as this module is built.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Checks the logged answers against the package's commitments, replays the test and returns
/// the next item (its index in `package.items`), the provisional ability and whether the stop
/// rule is met. The same answers always give the same step, so a reload resumes. The module
/// keeps what it read of the package object for the next step on the same object: change a
/// package by passing a new object (load it again), never by editing the one passed.
///
/// @example
/// ```js
/// const step = adaptiveNext({ package: pkg, seed: attempt.seed, answers: [{ itemId: 'pk-001', value: 'B' }] });
/// if (!step.finished) show(pkg.items[step.nextItem]);
/// ```
// The package is read and checked once per package object: the module keeps the last one (the
// core's `StepCache`, keyed by the object's identity) and a step on the same object only
// replays the answers (a step read 500 items from JS each time: 2.3 ms, nine tenths of it;
// docs/statistics-irt.md, section 4). The page reads the package once per attempt view and
// never edits it; freezing it instead of that rule cost 330 bytes gzip the module has not got.
#[wasm_bindgen(js_name = adaptiveNext, unchecked_return_type = "AdaptiveNext")]
pub fn adaptive_next(
    #[wasm_bindgen(unchecked_param_type = "AdaptiveNextParams")] params: JsValue,
) -> Result<JsValue, Thrown> {
    if absent(&params) {
        return Err(Error::new(
            ErrorCode::MissingField,
            "params",
            "缺少参数 “params”",
            "missing argument \"params\"",
        )
        .into());
    }
    // Taken out of its cell for the step: a JS exception thrown through the step (a hostile
    // object's getter) loses the kept package instead of leaving it half-taken.
    let mut cache = KEPT.take();
    let step = step(&mut cache, &params);
    KEPT.set(cache);
    let step = step?;
    let out = Object::new();
    let set = |key: &str, value: JsValue| Reflect::set(&out, &key.into(), &value);
    set(
        "nextItem",
        step.next_item
            .map_or(JsValue::NULL, |i| f64::from(i).into()),
    )?;
    set("given", f64::from(step.given).into())?;
    set("correct", f64::from(step.correct).into())?;
    set("theta", step.theta.into())?;
    set("se", step.se.into())?;
    set("finished", step.finished.into())?;
    set("passed", step.passed.into())?;
    Ok(out.into())
}

thread_local! {
    /// The package the last step read, kept for the next step on the same object.
    static KEPT: Cell<StepCache<JsValue>> = const { Cell::new(StepCache::new()) };
}

/// Reads (or finds kept) the package, then the answers and the seed, and steps.
fn step(cache: &mut StepCache<JsValue>, params: &JsValue) -> Result<AdaptiveNext, Error> {
    let (package, p) = required(params, "package", "")?;
    let checked = cache.package(package.clone(), || read_package(&package, &p))?;
    let answers = read_answers(params)?;
    checked.next(whole(params, "seed", "", None)?, &answers)
}

#[inline(never)]
fn wrong(path: &str, zh: &str, en: &str) -> Error {
    Error::new(ErrorCode::WrongType, path, zh, en)
}

/// `object[key]` of a plain object; `undefined` when absent. Not an object: `WRONG_TYPE`.
#[inline(never)]
fn field(object: &JsValue, key: &str, path: &str) -> Result<JsValue, Error> {
    if !object.is_object() || Array::is_array(object) {
        return Err(wrong(path, "应为对象", "must be an object"));
    }
    Reflect::get(object, &key.into()).map_err(|_| wrong(path, "无法读取", "cannot be read"))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        [path, ".", key].concat()
    }
}

fn absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// A required field (`MISSING_FIELD` when absent) or, with a default, an optional one.
#[inline(never)]
fn required(object: &JsValue, key: &str, path: &str) -> Result<(JsValue, String), Error> {
    let value = field(object, key, path)?;
    let at = join(path, key);
    if absent(&value) {
        return Err(Error::new(
            ErrorCode::MissingField,
            at,
            "缺少字段",
            "missing field",
        ));
    }
    Ok((value, at))
}

#[inline(never)]
fn string(object: &JsValue, key: &str, path: &str) -> Result<String, Error> {
    let (value, at) = required(object, key, path)?;
    value
        .as_string()
        .ok_or_else(|| wrong(&at, "应为字符串", "must be a string"))
}

/// A number as JSON carries it (finite; `NaN` and infinities are what `JSON.stringify` turns
/// into null, so a wrong type as before). `default` makes the field optional.
#[inline(never)]
fn number(object: &JsValue, key: &str, path: &str, default: Option<f64>) -> Result<f64, Error> {
    let value = field(object, key, path)?;
    if let (true, Some(d)) = (absent(&value), default) {
        return Ok(d);
    }
    let (value, at) = required(object, key, path)?;
    value
        .as_f64()
        .filter(|x| x.is_finite())
        .ok_or_else(|| wrong(&at, "应为数值", "must be a number"))
}

#[inline(never)]
fn whole(object: &JsValue, key: &str, path: &str, default: Option<u32>) -> Result<u32, Error> {
    let x = number(object, key, path, default.map(f64::from))?;
    if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) {
        Ok(x as u32)
    } else {
        Err(wrong(
            &join(path, key),
            "应为 0 到 4294967295 之间的整数",
            "must be a whole number 0 to 4294967295",
        ))
    }
}

/// An array field: its entries and its path. `optional`: absent is empty.
#[inline(never)]
fn array(
    object: &JsValue,
    key: &str,
    path: &str,
    optional: bool,
) -> Result<(Vec<JsValue>, String), Error> {
    let value = field(object, key, path)?;
    let at = join(path, key);
    if optional && absent(&value) {
        return Ok((Vec::new(), at));
    }
    let (value, at) = required(object, key, path)?;
    match entries(&value) {
        Some(values) => Ok((values, at)),
        None => Err(wrong(&at, "应为数组", "must be an array")),
    }
}

/// The entries of an array; `None` for anything else, for an array longer than any package (a
/// sparse `new Array(1e9)` would otherwise exhaust the memory: a trap, not an error), and for one
/// whose reads throw (a proxy). Read through `Reflect.get`, which catches what a read throws.
fn entries(value: &JsValue) -> Option<Vec<JsValue>> {
    if !Array::is_array(value) {
        return None;
    }
    let length = Reflect::get(value, &"length".into()).ok()?.as_f64()?;
    if !(0.0..=f64::from(MAX_ENTRIES)).contains(&length) {
        return None;
    }
    (0..length as u32)
        .map(|i| Reflect::get(value, &f64::from(i).into()).ok())
        .collect()
}

/// More entries than any package or attempt has.
const MAX_ENTRIES: u32 = 1 << 20;

fn index(path: &str, i: usize) -> String {
    kaohe::error::index_path(path, i, "")
}

fn numbers(object: &JsValue, key: &str, path: &str) -> Result<Vec<f64>, Error> {
    let (values, at) = array(object, key, path, true)?;
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        match v.as_f64().filter(|x| x.is_finite()) {
            Some(x) => out.push(x),
            None => return Err(wrong(&index(&at, i), "应为数值", "must be a number")),
        }
    }
    Ok(out)
}

/// The rules, with the defaults of [`AdaptiveSettings`] for absent fields.
fn settings(package: &JsValue) -> Result<AdaptiveSettings, Error> {
    let (s, at) = required(package, "settings", "package")?;
    let d = AdaptiveSettings::default();
    Ok(AdaptiveSettings {
        start_theta: number(&s, "startTheta", &at, Some(d.start_theta))?,
        min_items: whole(&s, "minItems", &at, Some(d.min_items))?,
        max_items: whole(&s, "maxItems", &at, Some(d.max_items))?,
        target_se: number(&s, "targetSe", &at, Some(d.target_se))?,
        randomesque: whole(&s, "randomesque", &at, Some(d.randomesque))?,
        area_targets: numbers(&s, "areaTargets", &at)?,
        seed: whole(&s, "seed", &at, Some(d.seed))?,
        exposure_parameters: numbers(&s, "exposureParameters", &at)?,
    })
}

/// A logged answer's value: the cases the commitment check tells apart.
fn answer_value(value: &JsValue) -> AnswerValue {
    if let Some(s) = value.as_string() {
        AnswerValue::Text(s)
    } else if let Some(b) = value.as_bool() {
        AnswerValue::Flag(b)
    } else if let Some(values) = entries(value) {
        AnswerValue::List(values.iter().map(JsValue::as_string).collect())
    } else {
        AnswerValue::Other
    }
}

/// The package, read field by field (paths as the JSON decoder gave them, under `package.`).
fn read_package(package: &JsValue, p: &str) -> Result<LeanPackage, Error> {
    let (items, items_at) = array(package, "items", p, false)?;
    let mut lean = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = index(&items_at, i);
        lean.push(LeanItem {
            id: string(item, "id", &at)?,
            kind: string(item, "kind", &at)?,
            a: number(item, "a", &at, None)?,
            b: number(item, "b", &at, None)?,
            area: whole(item, "area", &at, None)?,
            salt: string(item, "salt", &at)?,
            commitment: string(item, "commitment", &at)?,
        });
    }
    let (areas, _) = array(package, "areas", p, false)?;
    Ok(LeanPackage {
        format: string(package, "format", p)?,
        schema_version: whole(package, "schemaVersion", p, None)?,
        cut_theta: number(package, "cutTheta", p, None)?,
        settings: settings(package)?,
        areas: areas.len(),
        items: lean,
    })
}

/// The logged answers (item id, value), in order.
fn read_answers(params: &JsValue) -> Result<Vec<(String, AnswerValue)>, Error> {
    let (logged, answers_at) = array(params, "answers", "", true)?;
    let mut answers = Vec::with_capacity(logged.len());
    for (k, answer) in logged.iter().enumerate() {
        let at = index(&answers_at, k);
        let item_id = string(answer, "itemId", &at)?;
        answers.push((item_id, answer_value(&field(answer, "value", &at)?)));
    }
    Ok(answers)
}
