//! The packed response encoding: one candidate's responses as compact bytes, so a cohort
//! crosses the JS/wasm boundary as one buffer instead of thousands of strings.
//!
//! # Layout, version 1 (all integers little-endian)
//!
//! ```text
//! u8   version = 1
//! u16  item count (must equal the paper's)
//! then per paper position, in paper order:
//!   u8 0 = unanswered, or u8 1 followed by the payload of the item's type:
//!     single, situational   u8 option index (bank order)
//!     multiple              u32 option bitmask (bit i = option i in bank order), non-zero
//!     trueFalse             u8 1 = true, 0 = false
//!     fillBlank             u8 n = the item's blank count, then n × (u16 byte length, UTF-8)
//!     numeric               f64 (finite)
//!     ordering              u8 n ≤ option count, then n distinct option indexes
//!     matching              u8 n = prompt count, then n × (u8 option index, or 0xFF = none)
//!     shortAnswer           u16 byte length, UTF-8
//! ```
//!
//! Text is stored already normalised with the item's settings, so scoring compares bytes.
//! Decoding checks every length and index against the item and fails with `CORRUPT_DATA`
//! (never a panic) on anything else, including trailing bytes.

use super::attempt::{Answer, Responses};
use super::compiled::CompiledExam;
use super::item::ItemType;
use super::policy::{FloorScope, PolicyKind};
use super::score_item::{AnswerRef, CompiledItem, ItemScore, ItemStatus, Key, NO_MATCH};
use crate::analytics::matrix::RowPass;
use crate::error::{Error, ErrorCode, Result};

/// One candidate's row of the cohort's arrays, and the analysis's limit per item.
pub(crate) struct CohortRow<'r> {
    pub points: &'r mut [f64],
    pub answered: &'r mut [bool],
    pub choices: &'r mut [u32],
    /// The highest points the item analysis accepts per item.
    pub limits: &'r [f64],
}

/// A scored row as the item analysis's row pass sees it.
pub(crate) struct RowSum {
    /// The sum of the row's cells (the analysis's total: no floors).
    pub total: f64,
    /// Every cell's points are within `0..=limit`.
    pub valid: bool,
    /// Every cell's points are a whole number.
    pub whole: bool,
}

/// The first byte of every packed record this build writes and reads.
pub const PACKED_VERSION: u8 = 1;

fn corrupt(offset: usize, zh: &str, en: &str) -> Error {
    Error::new(
        ErrorCode::CorruptData,
        "",
        format!("作答数据损坏（第 {offset} 字节）：{zh}"),
        format!("corrupt response data at byte {offset}: {en}"),
    )
}

fn too_long(path: &str) -> Error {
    Error::new(
        ErrorCode::TooLarge,
        path,
        "文本过长，无法打包",
        "the text is too long to pack",
    )
}

fn push_text(out: &mut Vec<u8>, text: &str, path: &dyn Fn() -> String) -> Result<()> {
    let len = u16::try_from(text.len()).map_err(|_| too_long(&path()))?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

fn byte(n: usize, path: &dyn Fn() -> String) -> Result<u8> {
    u8::try_from(n).map_err(|_| too_long(&path()))
}

impl CompiledExam {
    /// Encodes one candidate's responses (validated exactly as [`CompiledExam::parse`] does).
    pub fn encode(&self, responses: &Responses) -> Result<Vec<u8>> {
        let answers = self.parse(responses)?;
        self.encode_answers(&answers)
    }

    /// Encodes parsed answers, in paper order.
    pub fn encode_answers(&self, answers: &[Answer]) -> Result<Vec<u8>> {
        let count = u16::try_from(self.compiled.len()).map_err(|_| too_long("items"))?;
        let mut out = Vec::with_capacity(3 + 4 * answers.len());
        out.push(PACKED_VERSION);
        out.extend_from_slice(&count.to_le_bytes());
        for (c, answer) in self.compiled.iter().zip(answers) {
            let path = || format!("responses.{}", c.id);
            if matches!(answer, Answer::Unanswered) {
                out.push(0);
                continue;
            }
            out.push(1);
            match answer {
                Answer::Unanswered => {}
                Answer::Choice(i) => out.push(*i),
                Answer::Choices(m) => out.extend_from_slice(&m.to_le_bytes()),
                Answer::Bool(b) => out.push(u8::from(*b)),
                Answer::Blanks(blanks) => {
                    out.push(byte(blanks.len(), &path)?);
                    for b in blanks {
                        push_text(&mut out, b, &path)?;
                    }
                }
                Answer::Number(x) => out.extend_from_slice(&x.to_le_bytes()),
                Answer::Order(o) | Answer::Matches(o) => {
                    out.push(byte(o.len(), &path)?);
                    out.extend_from_slice(o);
                }
                Answer::Text(t) => push_text(&mut out, t, &path)?,
            }
        }
        Ok(out)
    }

    /// Scores one packed candidate, item by item in paper order.
    pub fn score_packed(&self, packed: &[u8]) -> Result<Vec<ItemScore>> {
        let mut scores = Vec::with_capacity(self.compiled.len());
        self.each_packed_score(packed, |_, s| scores.push(s))?;
        Ok(scores)
    }

    /// Decodes `packed` and calls `f(position, score)` for every item, without allocating per
    /// item.
    pub(crate) fn each_packed_score(
        &self,
        packed: &[u8],
        mut f: impl FnMut(usize, ItemScore),
    ) -> Result<()> {
        let mut blanks = Vec::new();
        let mut r = self.packed_reader(packed)?;
        for (position, c) in self.compiled.iter().enumerate() {
            f(position, packed_item_score(&mut r, c, &mut blanks)?);
        }
        r.finish()
    }

    /// Scores one packed candidate straight into its row of the cohort's arrays (each as long
    /// as the paper) and returns the exam total. `blanks` is scratch reused across candidates.
    /// Each cell is also added to `sums` (the item analysis's row pass, see
    /// [`RowChecker`]) while it is in a register; the returned [`RowSum`] says whether every
    /// cell is one the analysis takes. Never inlined into its one caller: called once per row,
    /// it is swapped for the browser's optimised code after the first rows, where a loop inside
    /// one call would run on the baseline compiler to its end (wasm has no on-stack replacement).
    #[inline(never)]
    pub(crate) fn score_packed_row<'a>(
        &self,
        packed: &'a [u8],
        blanks: &mut Vec<&'a str>,
        plans: &[CellPlan],
        row: CohortRow<'_>,
        sums: &mut RowPass,
    ) -> Result<(f64, RowSum)> {
        let r = self.packed_reader(packed)?;
        let CohortRow {
            points,
            answered,
            choices,
            limits,
        } = row;
        let n = self.compiled.len();
        let (
            Some(points),
            Some(answered),
            Some(choices),
            Some(limits),
            Some(item_sums),
            Some(counts),
        ) = (
            points.get_mut(..n),
            answered.get_mut(..n),
            choices.get_mut(..n),
            limits.get(..n),
            sums.item_sums.get_mut(..n),
            sums.answered.get_mut(..n),
        )
        else {
            return Err(corrupt(
                0,
                "试卷与数组长度不符",
                "the row does not fit the paper",
            ));
        };
        // Locals, not a struct's fields: each is carried from cell to cell in a register.
        let (mut total, mut valid, mut whole) = (0.0, true, true);
        // The paper's points in order, as `CompiledSection::points` adds them (from -0.0, as
        // `Iterator::sum` does), for a paper of one section.
        let mut paper_sum = -0.0;
        let bytes = r.bytes;
        let mut pos = r.pos;
        // Index loops over slices of one length: no iterator adaptors for a build that inlines
        // little to leave as calls.
        for j in 0..n {
            let (p, a, ch) = match plans.get(j).and_then(|plan| plan.read(bytes, &mut pos)) {
                Some(cell) => cell,
                // Off the fast lane: the careful reader scores the cell or names the fault.
                None => careful_cell(bytes, &mut pos, &self.compiled[j], blanks)?,
            };
            points[j] = p;
            answered[j] = a;
            choices[j] = ch;
            paper_sum += p;
            // What `RowChecker::add_row` does for the analysis, on a cell the scorer made, whose
            // choice mask names only options the item has.
            let x = if a { p } else { 0.0 };
            valid &= (x >= 0.0) & (x <= limits[j]);
            total += x;
            item_sums[j] += x;
            counts[j] += usize::from(a);
            whole &= x.trunc() == x;
        }
        Reader { bytes, pos }.finish()?;
        let sum = RowSum {
            total,
            valid,
            whole,
        };
        let exam_total = match self.sections.as_slice() {
            // One section over the whole paper (the usual exam): its sum is `paper_sum`, so the
            // row is not read again. Bit for bit what `total` gives.
            [only] if only.start == 0 && only.end == n => {
                let section = if only.floor_at_zero {
                    paper_sum.max(0.0)
                } else {
                    paper_sum
                };
                section.max(0.0)
            }
            _ => self.total(points),
        };
        Ok((exam_total, sum))
    }

    /// Checks the header: version and item count.
    fn packed_reader<'a>(&self, packed: &'a [u8]) -> Result<Reader<'a>> {
        let mut r = Reader {
            bytes: packed,
            pos: 0,
        };
        let version = r.u8()?;
        if version != PACKED_VERSION {
            return Err(corrupt(0, "版本不受支持", "unsupported version"));
        }
        let count = usize::from(r.u16()?);
        if count != self.compiled.len() {
            return Err(corrupt(
                1,
                "题目数量与试卷不符",
                "the item count does not match the paper",
            ));
        }
        Ok(r)
    }
}

/// One item of the paper as the cohort scorer's fast lane reads its packed cell: the kind, the
/// key and the points when right and when wrong, so a choice cell costs one bounds check and no
/// decoding of the item's [`Key`]. Other types, partial-credit policies and any byte out of place
/// leave the lane for the careful reader ([`choice_fast_path`], [`packed_item_score`]), which
/// scores the cell the same way or names the fault.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellPlan {
    kind: CellKind,
    /// Options of a single-choice item.
    options: u8,
    /// The correct option (single), answer as 0/1 (true/false) or the correct mask (multiple).
    key: u32,
    /// The options a multiple-choice item has, as a mask.
    allowed: u32,
    /// Points when wrong and when right.
    points: [f64; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellKind {
    Single,
    TrueFalse,
    /// Multiple choice with exact-set credit (the default): all points or none.
    MultipleExact,
    /// Everything else: the careful reader.
    Careful,
}

impl CellPlan {
    /// The plan of each item of `exam`'s paper, in paper order.
    pub(crate) fn for_exam(exam: &CompiledExam) -> Vec<CellPlan> {
        exam.compiled.iter().map(CellPlan::new).collect()
    }

    fn new(c: &CompiledItem) -> CellPlan {
        let max = c.points;
        let careful = CellPlan {
            kind: CellKind::Careful,
            options: 0,
            key: 0,
            allowed: 0,
            points: [0.0, max],
        };
        match &c.key {
            Key::Single {
                correct,
                penalty,
                floor,
            } => CellPlan {
                kind: CellKind::Single,
                options: c.option_count,
                key: u32::from(*correct),
                // As `choice_fast_path` and `CompiledItem::score` mark a wrong answer.
                points: [
                    if *floor != FloorScope::Item && *penalty > 0.0 {
                        -penalty * max
                    } else {
                        0.0
                    },
                    max,
                ],
                ..careful
            },
            Key::TrueFalse { answer } => CellPlan {
                kind: CellKind::TrueFalse,
                key: u32::from(*answer),
                ..careful
            },
            Key::Multiple {
                correct,
                option_count,
                policy,
            } if policy.kind == PolicyKind::Exact => CellPlan {
                kind: CellKind::MultipleExact,
                key: *correct,
                allowed: 1u32.checked_shl(*option_count).map_or(u32::MAX, |b| b - 1),
                ..careful
            },
            _ => careful,
        }
    }

    /// Reads one well-formed cell at `*pos` and moves past it: `(points, answered, choice)`.
    /// `None`, with `*pos` unchanged, for a careful item or anything unexpected.
    #[inline(always)]
    fn read(&self, bytes: &[u8], pos: &mut usize) -> Option<(f64, bool, u32)> {
        if self.kind == CellKind::Careful {
            return None;
        }
        let at = *pos;
        let cell = bytes.get(at..)?;
        let (cell, used) = match (self.kind, cell) {
            (_, [0, ..]) => ((0.0, false, 0), 1),
            (CellKind::Single, [1, i, ..]) if *i < self.options => (
                (
                    self.points[usize::from(u32::from(*i) == self.key)],
                    true,
                    1u32.checked_shl(u32::from(*i)).unwrap_or(0),
                ),
                2,
            ),
            (CellKind::TrueFalse, [1, b @ (0 | 1), ..]) => (
                (
                    self.points[usize::from(u32::from(*b) == self.key)],
                    true,
                    2 - u32::from(*b),
                ),
                2,
            ),
            (CellKind::MultipleExact, [1, m0, m1, m2, m3, ..]) => {
                let mask = u32::from_le_bytes([*m0, *m1, *m2, *m3]);
                if mask == 0 || mask & !self.allowed != 0 {
                    return None;
                }
                ((self.points[usize::from(mask == self.key)], true, mask), 5)
            }
            _ => return None,
        };
        *pos = at + used;
        Some(cell)
    }
}

/// One cell the fast lane left, read by the careful reader at `*pos` (moved past it): the
/// points, whether it was answered and the choice mask. Never inlined: every item type's reader
/// is in here, and out of the row loop it leaves that loop small for the browser to optimise
/// early.
#[inline(never)]
fn careful_cell<'a>(
    bytes: &'a [u8],
    pos: &mut usize,
    c: &CompiledItem,
    blanks: &mut Vec<&'a str>,
) -> Result<(f64, bool, u32)> {
    let mut r = Reader { bytes, pos: *pos };
    let cell = match choice_fast_path(&mut r, c)? {
        Some(cell) => cell,
        None => {
            let s = packed_item_score(&mut r, c, blanks)?;
            (s.points, s.status != ItemStatus::Unanswered, s.choice)
        }
    };
    *pos = r.pos;
    Ok(cell)
}

/// Reads and scores a single-choice, multiple-choice or true/false cell, returning the points
/// whether it was answered and the choice mask; `None`, with nothing read, for other types.
#[inline(always)]
fn choice_fast_path(r: &mut Reader<'_>, c: &CompiledItem) -> Result<Option<(f64, bool, u32)>> {
    let max = c.points;
    let flag_at = r.pos;
    let bad_index = |at| corrupt(at, "选项序号超出范围", "option index out of range");
    Ok(match &c.key {
        Key::Single {
            correct,
            penalty,
            floor,
        } => {
            if !r.answered_flag()? {
                return Ok(Some((0.0, false, 0)));
            }
            let at = r.pos;
            let i = r.u8()?;
            if i >= c.option_count {
                return Err(bad_index(at));
            }
            let wrong = if *floor != FloorScope::Item && *penalty > 0.0 {
                -penalty * max
            } else {
                0.0
            };
            // Picked by index, not by a branch: whether a candidate is right is as good as
            // random to the processor's branch predictor.
            let points = [wrong, max][usize::from(i == *correct)];
            Some((points, true, 1u32.checked_shl(u32::from(i)).unwrap_or(0)))
        }
        Key::TrueFalse { answer } => {
            if !r.answered_flag()? {
                return Ok(Some((0.0, false, 0)));
            }
            let at = r.pos;
            let b = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(corrupt(at, "判断值无效", "invalid true/false byte")),
            };
            Some((
                [0.0, max][usize::from(b == *answer)],
                true,
                2 - u32::from(b),
            ))
        }
        Key::Multiple {
            correct,
            option_count,
            policy,
        } => {
            if !r.answered_flag()? {
                return Ok(Some((0.0, false, 0)));
            }
            let at = r.pos;
            let mask = r.u32()?;
            let allowed = 1u32.checked_shl(*option_count).map_or(u32::MAX, |b| b - 1);
            if mask == 0 || mask & !allowed != 0 {
                return Err(bad_index(at));
            }
            // Exact-set credit (the default policy) is 1 or 0, picked by index as for single
            // choice; the other policies' partial credit is worked out.
            let partial = if policy.kind == PolicyKind::Exact {
                0.0
            } else {
                policy.credit(*correct, mask, *option_count)
            };
            let fraction = [partial, 1.0][usize::from(mask == *correct)];
            Some((
                super::score_item::clamp_points(fraction * max, max),
                true,
                mask,
            ))
        }
        _ => {
            debug_assert_eq!(r.pos, flag_at);
            None
        }
    })
}

/// Reads and scores one item: the answered flag, then the payload.
#[inline(always)]
fn packed_item_score<'a>(
    r: &mut Reader<'a>,
    c: &CompiledItem,
    blanks: &mut Vec<&'a str>,
) -> Result<ItemScore> {
    Ok(match r.u8()? {
        0 => c.score(AnswerRef::Unanswered),
        1 => {
            let answer = read_answer(r, c, blanks)?;
            c.score(answer)
        }
        _ => return Err(corrupt(r.pos, "作答标记无效", "invalid answered flag")),
    })
}

/// Reads one answered payload and checks it against the item.
#[inline(always)]
fn read_answer<'a, 's>(
    r: &mut Reader<'a>,
    c: &CompiledItem,
    blanks: &'s mut Vec<&'a str>,
) -> Result<AnswerRef<'s>>
where
    'a: 's,
{
    let options = c.option_count();
    let at = r.pos;
    let bad_index = || corrupt(at, "选项序号超出范围", "option index out of range");
    Ok(match c.item_type() {
        ItemType::Single | ItemType::Situational => {
            let i = r.u8()?;
            if i >= options {
                return Err(bad_index());
            }
            AnswerRef::Choice(i)
        }
        ItemType::Multiple => {
            let mask = r.u32()?;
            let allowed = 1u32
                .checked_shl(u32::from(options))
                .map_or(u32::MAX, |b| b - 1);
            if mask == 0 || mask & !allowed != 0 {
                return Err(bad_index());
            }
            AnswerRef::Choices(mask)
        }
        ItemType::TrueFalse => match r.u8()? {
            0 => AnswerRef::Bool(false),
            1 => AnswerRef::Bool(true),
            _ => return Err(corrupt(at, "判断值无效", "invalid true/false byte")),
        },
        ItemType::FillBlank => {
            let n = usize::from(r.u8()?);
            let expected = match &c.key {
                super::score_item::Key::FillBlank { accepted, .. } => accepted.len(),
                _ => 0,
            };
            if n != expected {
                return Err(corrupt(
                    at,
                    "空的数量与题目不符",
                    "blank count does not match",
                ));
            }
            blanks.clear();
            for _ in 0..n {
                blanks.push(r.text()?);
            }
            AnswerRef::Blanks(blanks.as_slice())
        }
        ItemType::Numeric => {
            let x = r.f64()?;
            if !x.is_finite() {
                return Err(corrupt(at, "数值无效", "number is not finite"));
            }
            AnswerRef::Number(x)
        }
        ItemType::Ordering => {
            let n = usize::from(r.u8()?);
            let order = r.take(n)?;
            let mut seen = 0u32;
            for &i in order {
                if i >= options || seen & (1 << i) != 0 {
                    return Err(bad_index());
                }
                seen |= 1 << i;
            }
            AnswerRef::Order(order)
        }
        ItemType::Matching => {
            let n = usize::from(r.u8()?);
            let prompts = match &c.key {
                super::score_item::Key::Matching { answer, .. } => answer.len(),
                _ => 0,
            };
            if n != prompts {
                return Err(corrupt(
                    at,
                    "题干项数量与题目不符",
                    "prompt count does not match",
                ));
            }
            let chosen = r.take(n)?;
            if chosen.iter().any(|&i| i != NO_MATCH && i >= options) {
                return Err(bad_index());
            }
            AnswerRef::Matches(chosen)
        }
        ItemType::ShortAnswer => AnswerRef::Text(r.text()?),
    })
}

/// A bounds-checked cursor over packed bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Fails unless every byte was read.
    fn finish(&self) -> Result<()> {
        if self.pos != self.bytes.len() {
            return Err(corrupt(self.pos, "数据末尾有多余字节", "trailing bytes"));
        }
        Ok(())
    }

    #[inline(always)]
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let slice = end.and_then(|e| self.bytes.get(self.pos..e));
        match slice {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(corrupt(self.pos, "数据提前结束", "unexpected end of data")),
        }
    }

    #[inline(always)]
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    /// The byte before each item: 0 = unanswered, 1 = a payload follows.
    #[inline(always)]
    fn answered_flag(&mut self) -> Result<bool> {
        match self.u8()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(corrupt(self.pos, "作答标记无效", "invalid answered flag")),
        }
    }

    #[inline(always)]
    fn u8(&mut self) -> Result<u8> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(corrupt(self.pos, "数据提前结束", "unexpected end of data")),
        }
    }

    #[inline(always)]
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_le_bytes(self.array()?))
    }

    #[inline(always)]
    fn text(&mut self) -> Result<&'a str> {
        let len = usize::from(self.u16()?);
        let at = self.pos;
        std::str::from_utf8(self.take(len)?)
            .map_err(|_| corrupt(at, "文本不是有效的 UTF-8", "text is not valid UTF-8"))
    }
}
