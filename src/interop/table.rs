//! The spreadsheet template shared by `.xlsx` and `.csv`: one question per row.
//!
//! | 题型 | 题干 | 选项A … 选项H | 正确答案 | 分值 | 解析 | 难度 | 知识点 | 维度 (分类) | 标签 |
//!
//! English headers (Type, Stem, Option A…, Answer, Points, Explanation, Difficulty, Knowledge
//! point, Dimension, Tags) are accepted too; headers are compared without spaces, case or
//! full-width differences, and a bracketed note (`分值（分）`) is ignored. Optional columns: 编号
//! (Id; otherwise ids are `q-001`, `q-002`… by data row), 参考答案 (Model answer, short answers),
//! 单位 (Unit, numeric). Unknown columns (序号…) are ignored. The header is the first of the
//! first ten rows that has both 题型 and 题干, so a title row above it is fine.
//!
//! What the 正确答案 (Answer) column holds, by 题型:
//! - 单选 single: one letter, `B`; 多选 multiple: `ABC`, `A,B`, `A;B`, `A、B` (full-width too);
//! - 判断 true/false: 正确/错误, 对/错, T/F, true/false, √/×, 是/否 — or the letter of an option
//!   whose text is one of these;
//! - 填空 fill: `|` between blanks, `;` between a blank's accepted answers: `3;三|1;一`; the stem
//!   marks each blank with a run of three or more underscores (written back as `____`);
//! - 简答 short answer: keyword groups (得分要点) separated by `;`, alternatives within a group by
//!   `/`, optional points after `=`: `倾听/听完=2;道歉/抱歉=2;跟进`. Groups without points share
//!   what is left of the item's points equally;
//! - 数值 numeric: `30`, `30±2` (also `30:2`), `28~32` (range), `30±5%` (relative);
//! - 排序 ordering: the option letters in the right order, `BDAC`;
//! - 情景 situational: each option's points, `A=0;B=1;C=4;D=2` (an option left out scores 0).
//!
//! 匹配 matching items need a prompt list the template has no place for: use JSON or GIFT.
//! 难度 takes 1–5 or 易/较易/中等/较难/难. Empty 分值, 难度, 知识点, 维度 take the import defaults.
//!
//! Problems are located in A1 notation: `题库!C7` (sheet, column letter, the row number the
//! spreadsheet shows), `C7` for CSV, and `题库!7:7` for a row as a whole.

use serde_json::{json, Map, Value};

use super::outcome::{tags, Fallbacks, Note, NoteKind, Parsed, Problem};
use super::text::{column_letters, fold_width, format_number, header_key, num, parse_number, tidy};
use crate::dimensions::{DimensionRef, DimensionSet};
use crate::error::{Error, ErrorCode};
use crate::i18n::Text;

/// A sheet read from a file: rows of cell texts, row `i` being spreadsheet row `i + 1`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The worksheet name, or `None` for CSV.
    pub sheet: Option<String>,
    /// The cells, row by row; missing cells are empty strings or absent.
    pub rows: Vec<Vec<String>>,
}

/// The columns the template knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Type,
    Stem,
    Option(usize),
    Answer,
    Points,
    Explanation,
    Difficulty,
    KnowledgePoint,
    Dimension,
    Labels,
    ModelAnswer,
    Unit,
    Keywords,
    Policy,
}

/// The template's header, in the order the template and exports write it.
pub const TEMPLATE_HEADER: [&str; 19] = [
    "题型",
    "题干",
    "选项A",
    "选项B",
    "选项C",
    "选项D",
    "选项E",
    "选项F",
    "选项G",
    "选项H",
    "正确答案",
    "分值",
    "解析",
    "难度",
    "知识点",
    "维度",
    "标签",
    "关键词",
    "计分方式",
];

fn column_for(key: &str) -> Option<Column> {
    let col = match key {
        "编号" | "题目编号" | "试题编号" | "id" | "itemid" => Column::Id,
        "题型" | "题目类型" | "试题类型" | "type" | "questiontype" => Column::Type,
        "题干" | "题目" | "试题内容" | "题目内容" | "stem" | "question" => Column::Stem,
        "正确答案" | "答案" | "标准答案" | "answer" | "correctanswer" => Column::Answer,
        "分值" | "分数" | "points" | "score" | "mark" => Column::Points,
        "解析" | "答案解析" | "试题解析" | "explanation" => Column::Explanation,
        "难度" | "difficulty" => Column::Difficulty,
        "知识点" | "knowledgepoint" => Column::KnowledgePoint,
        "维度" | "分类" | "能力维度" | "分类/维度" | "dimension" | "category" => {
            Column::Dimension
        }
        "标签" | "tags" | "labels" => Column::Labels,
        "参考答案" | "答案要点" | "modelanswer" | "referenceanswer" => Column::ModelAnswer,
        "关键词" | "得分要点" | "评分关键词" | "评分要点" | "keywords" | "scoringkeywords" => {
            Column::Keywords
        }
        "计分方式" | "多选计分" | "多选计分方式" | "评分方式" | "policy" | "scoring" => {
            Column::Policy
        }
        "单位" | "unit" => Column::Unit,
        _ => {
            let letter = key
                .strip_prefix("选项")
                .or_else(|| key.strip_prefix("option"))?;
            let mut chars = letter.chars();
            let c = chars.next()?.to_ascii_uppercase();
            if chars.next().is_some() || !c.is_ascii_uppercase() {
                return None;
            }
            Column::Option(c as usize - 'A' as usize)
        }
    };
    Some(col)
}

/// The item types the template knows, with the names people write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Single,
    Multiple,
    TrueFalse,
    FillBlank,
    ShortAnswer,
    Numeric,
    Ordering,
    Situational,
    Matching,
}

fn kind_for(cell: &str) -> Option<Kind> {
    let key = header_key(cell).replace(['-', '_', '/'], "");
    let kind = match key.as_str() {
        "单选" | "单选题" | "单项选择" | "单项选择题" | "single" | "singlechoice" => {
            Kind::Single
        }
        "多选" | "多选题" | "多项选择" | "多项选择题" | "multiple" | "multiplechoice" => {
            Kind::Multiple
        }
        "判断" | "判断题" | "truefalse" | "tf" | "judge" => Kind::TrueFalse,
        "填空" | "填空题" | "fill" | "fillin" | "fillblank" => Kind::FillBlank,
        "简答" | "简答题" | "问答" | "问答题" | "short" | "shortanswer" | "essay" => {
            Kind::ShortAnswer
        }
        "数值" | "数值题" | "numeric" | "number" => Kind::Numeric,
        "排序" | "排序题" | "ordering" | "order" => Kind::Ordering,
        "情景" | "情景题" | "情景判断" | "情景判断题" | "situational" => {
            Kind::Situational
        }
        "匹配" | "匹配题" | "连线" | "连线题" | "matching" => Kind::Matching,
        _ => return None,
    };
    Some(kind)
}

impl Kind {
    fn zh(self) -> &'static str {
        match self {
            Kind::Single => "单选",
            Kind::Multiple => "多选",
            Kind::TrueFalse => "判断",
            Kind::FillBlank => "填空",
            Kind::ShortAnswer => "简答",
            Kind::Numeric => "数值",
            Kind::Ordering => "排序",
            Kind::Situational => "情景",
            Kind::Matching => "匹配",
        }
    }

    fn from_bank(t: &str) -> Option<Kind> {
        Some(match t {
            "single" => Kind::Single,
            "multiple" => Kind::Multiple,
            "trueFalse" => Kind::TrueFalse,
            "fillBlank" => Kind::FillBlank,
            "shortAnswer" => Kind::ShortAnswer,
            "numeric" => Kind::Numeric,
            "ordering" => Kind::Ordering,
            "situational" => Kind::Situational,
            "matching" => Kind::Matching,
            _ => return None,
        })
    }
}

/// Where the columns are, found from the header row.
struct Layout {
    header_row: usize,
    columns: Vec<(usize, Column)>,
}

impl Layout {
    fn find(&self, wanted: Column) -> Option<usize> {
        self.columns
            .iter()
            .find(|(_, c)| *c == wanted)
            .map(|(i, _)| *i)
    }

    /// Option columns as (letter id, column index), in letter order.
    fn options(&self) -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = self
            .columns
            .iter()
            .filter_map(|(i, c)| match c {
                Column::Option(letter) => Some((*letter, *i)),
                _ => None,
            })
            .collect();
        crate::sort::sort(&mut v);
        v
    }
}

impl Table {
    /// A cell reference in A1 notation: `题库!C7`, or `C7` for CSV.
    pub fn cell_ref(&self, col: usize, row: usize) -> String {
        format!("{}{}{}", self.prefix(), column_letters(col), row + 1)
    }

    /// A whole-row reference: `题库!7:7`.
    pub fn row_ref(&self, row: usize) -> String {
        format!("{}{}:{}", self.prefix(), row + 1, row + 1)
    }

    fn prefix(&self) -> String {
        match &self.sheet {
            None => String::new(),
            Some(s) if s.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("{s}!"),
            Some(s) => format!("'{}'!", s.replace('\'', "''")),
        }
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.trim())
    }

    fn layout(&self) -> Result<Layout, Error> {
        for (r, row) in self.rows.iter().enumerate().take(10) {
            let found: Vec<(usize, Option<Column>)> = row
                .iter()
                .enumerate()
                .map(|(i, h)| (i, column_for(&header_key(h))))
                .collect();
            let has = |c: Column| found.iter().any(|(_, f)| *f == Some(c));
            if !(has(Column::Type) && has(Column::Stem)) {
                continue;
            }
            let mut columns: Vec<(usize, Column)> = Vec::new();
            for (i, c) in found {
                let Some(c) = c else { continue };
                if columns.iter().any(|(_, seen)| *seen == c) {
                    return Err(Error::new(
                        ErrorCode::InvalidRow,
                        self.cell_ref(i, r),
                        format!("表头 “{}” 重复", self.cell(r, i)),
                        format!("the header \"{}\" appears twice", self.cell(r, i)),
                    ));
                }
                columns.push((i, c));
            }
            let layout = Layout {
                header_row: r,
                columns,
            };
            if layout.find(Column::Answer).is_none() {
                return Err(Error::new(
                    ErrorCode::MissingField,
                    self.row_ref(r),
                    "表头缺少 “正确答案” 列",
                    "the header has no 正确答案 (Answer) column",
                ));
            }
            return Ok(layout);
        }
        Err(Error::new(
            ErrorCode::MissingField,
            self.row_ref(0),
            "找不到表头：前 10 行中没有同时包含 “题型” 和 “题干” 的一行",
            "no header found: none of the first 10 rows has both 题型 (Type) and 题干 (Stem)",
        ))
    }
}

/// Reads every data row of a table into an item, or the reason it cannot be one. A table
/// without a usable header is an error as a whole.
pub(crate) fn parse_table(
    table: &Table,
    fallbacks: &Fallbacks,
) -> Result<Vec<Result<Parsed, Error>>, Error> {
    let layout = table.layout()?;
    let mut out = Vec::new();
    let mut seq = 0usize;
    for r in layout.header_row + 1..table.rows.len() {
        let blank = table
            .rows
            .get(r)
            .is_none_or(|row| row.iter().all(|c| c.trim().is_empty()));
        if blank {
            continue;
        }
        seq += 1;
        let row = RowReader {
            table,
            layout: &layout,
            row: r,
        };
        out.push(row.item(seq, fallbacks));
    }
    if out.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidRow,
            table.row_ref(layout.header_row + 1),
            "表头下面没有题目",
            "there are no items below the header",
        ));
    }
    Ok(out)
}

struct RowReader<'a> {
    table: &'a Table,
    layout: &'a Layout,
    row: usize,
}

impl RowReader<'_> {
    fn get(&self, c: Column) -> &str {
        self.layout
            .find(c)
            .map_or("", |i| self.table.cell(self.row, i))
    }

    fn at(&self, c: Column) -> String {
        match self.layout.find(c) {
            Some(i) => self.table.cell_ref(i, self.row),
            None => self.table.row_ref(self.row),
        }
    }

    fn err(&self, code: ErrorCode, c: Column, zh: String, en: String) -> Error {
        Error::new(code, self.at(c), zh, en)
    }

    fn item(&self, seq: usize, fb: &Fallbacks) -> Result<Parsed, Error> {
        let type_cell = self.get(Column::Type);
        let kind = kind_for(type_cell).ok_or_else(|| {
            self.err(
                ErrorCode::UnknownVariant,
                Column::Type,
                format!("未知题型 “{type_cell}”：应为 单选、多选、判断、填空、简答、数值、排序 或 情景"),
                format!("unknown type \"{type_cell}\": expected single, multiple, true-false, fill, short, numeric, ordering or situational"),
            )
        })?;
        let stem = self.get(Column::Stem);
        if stem.is_empty() {
            return Err(self.err(
                ErrorCode::MissingField,
                Column::Stem,
                "题干为空".into(),
                "the stem is empty".into(),
            ));
        }
        let (id, id_path) = match self.get(Column::Id) {
            "" => (format!("q-{seq:03}"), self.table.row_ref(self.row)),
            id => (id.to_string(), self.at(Column::Id)),
        };
        let points = self.points(fb)?;
        let mut notes = Vec::new();
        let mut item = Map::new();
        item.insert("id".into(), json!(id));
        item.insert("type".into(), json!(bank_type(kind)));
        item.insert("stem".into(), json!(stem));
        self.fill_kind(kind, stem, points, &mut item, &mut notes)?;
        self.policy(kind, &mut item, &mut notes)?;
        item.insert("points".into(), num(points));
        let explanation = self.get(Column::Explanation);
        if !explanation.is_empty() {
            item.insert("explanation".into(), json!(explanation));
        }
        item.insert("tags".into(), self.tags(fb)?);
        Ok(Parsed {
            item: Value::Object(item),
            id_path,
            notes,
        })
    }

    fn points(&self, fb: &Fallbacks) -> Result<f64, Error> {
        let cell = self.get(Column::Points);
        if cell.is_empty() {
            return Ok(fb.points);
        }
        match parse_number(cell) {
            Some(p) if p > 0.0 => Ok(p),
            _ => Err(self.err(
                ErrorCode::NonPositivePoints,
                Column::Points,
                format!("分值 “{cell}” 无效：应为大于 0 的数"),
                format!("points \"{cell}\" are invalid: expected a number greater than 0"),
            )),
        }
    }

    fn tags(&self, fb: &Fallbacks) -> Result<Value, Error> {
        let d = self.get(Column::Difficulty);
        let difficulty = if d.is_empty() {
            fb.difficulty
        } else {
            parse_difficulty(d).ok_or_else(|| {
                self.err(
                    ErrorCode::OutOfRange,
                    Column::Difficulty,
                    format!("难度 “{d}” 无效：应为 1 到 5 的整数，或 易、较易、中等、较难、难"),
                    format!("difficulty \"{d}\" is invalid: expected a whole number from 1 to 5"),
                )
            })?
        };
        let dim = self.get(Column::Dimension);
        let dimension = if dim.is_empty() {
            fb.dimension.as_str()
        } else {
            fb.dimensions.resolve(dim).ok_or_else(|| {
                let names: Vec<&str> = fb.dimensions.entries().iter().map(|d| d.name.as_str()).collect();
                self.err(
                    ErrorCode::UnknownDimension,
                    Column::Dimension,
                    format!("未知的能力维度 “{dim}”：应为能力模型中的 {}（或其英文标识）", names.join("、")),
                    format!("unknown dimension \"{dim}\": expected one of the model's {} (or the Chinese name)", fb.dimensions.ids().join(", ")),
                )
            })?
        };
        let kp = match self.get(Column::KnowledgePoint) {
            "" => fb.knowledge_point.as_str(),
            kp => kp,
        };
        let labels: Vec<String> = self
            .get(Column::Labels)
            .split([',', '，', ';', '；', '、', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        Ok(tags(dimension, kp, difficulty, &labels))
    }

    /// The non-empty option cells as (letter, text).
    fn options(&self) -> Vec<(String, String)> {
        self.layout
            .options()
            .into_iter()
            .filter_map(|(letter, col)| {
                let text = self.table.cell(self.row, col);
                let id = column_letters(letter);
                (!text.is_empty()).then(|| (id, text.to_string()))
            })
            .collect()
    }

    fn need_options(&self, options: &[(String, String)], kind: Kind) -> Result<(), Error> {
        if options.len() >= 2 {
            return Ok(());
        }
        let at = self.layout.options().first().map_or_else(
            || self.table.row_ref(self.row),
            |(_, c)| self.table.cell_ref(*c, self.row),
        );
        Err(Error::new(
            ErrorCode::InvalidValue,
            at,
            format!("{}题至少需要 2 个选项（选项A、选项B…）", kind.zh()),
            format!(
                "a {} item needs at least 2 options (Option A, Option B…)",
                bank_type(kind)
            ),
        ))
    }

    fn answer_err(&self, zh: String, en: String) -> Error {
        self.err(ErrorCode::InvalidAnswerKey, Column::Answer, zh, en)
    }

    fn letters(&self, options: &[(String, String)]) -> Result<Vec<String>, Error> {
        let answer = self.get(Column::Answer);
        let letters = parse_letters(answer).ok_or_else(|| {
            self.answer_err(
                format!("答案 “{answer}” 无效：应为选项字母，如 B、ABC、A,B 或 A、B"),
                format!(
                    "answer \"{answer}\" is invalid: expected option letters such as B, ABC, A,B"
                ),
            )
        })?;
        let mut seen = Vec::new();
        for l in letters {
            if !options.iter().any(|(id, _)| *id == l) {
                return Err(self.answer_err(
                    format!("答案中的 {l} 没有对应的选项"),
                    format!("the answer names option {l}, which is empty or missing"),
                ));
            }
            if seen.contains(&l) {
                return Err(self.answer_err(
                    format!("答案中的 {l} 重复"),
                    format!("option {l} appears twice in the answer"),
                ));
            }
            seen.push(l);
        }
        Ok(seen)
    }

    /// The 计分方式 (credit policy) cell of a multiple-choice row.
    fn policy(
        &self,
        kind: Kind,
        item: &mut Map<String, Value>,
        notes: &mut Vec<Note>,
    ) -> Result<(), Error> {
        let cell = self.get(Column::Policy);
        if cell.is_empty() {
            return Ok(());
        }
        if kind != Kind::Multiple {
            notes.push(Note::new(
                self.at(Column::Policy),
                NoteKind::Dropped,
                format!("计分方式 “{cell}” 只用于多选题，{}题已忽略", kind.zh()),
                format!("the credit policy \"{cell}\" applies to multiple-choice items only; ignored for a {} item", bank_type(kind)),
            ));
            return Ok(());
        }
        let policy = parse_policy(cell).ok_or_else(|| {
            self.err(
                ErrorCode::UnknownVariant,
                Column::Policy,
                format!("计分方式 “{cell}” 无效：应为 全对得分、少选得部分分、少选得一半分（或 少选得0.3）、对减错"),
                format!("credit policy \"{cell}\" is invalid: expected exact, perOption, fixedShare (or a share such as 0.3) or rightMinusWrong"),
            )
        })?;
        item.insert("policy".into(), policy);
        Ok(())
    }

    fn fill_kind(
        &self,
        kind: Kind,
        stem: &str,
        points: f64,
        item: &mut Map<String, Value>,
        notes: &mut Vec<Note>,
    ) -> Result<(), Error> {
        let answer = self.get(Column::Answer);
        if kind == Kind::ShortAnswer {
            return self.short_answer(answer, points, item, notes);
        }
        if answer.is_empty() {
            return Err(self.err(
                ErrorCode::MissingField,
                Column::Answer,
                "正确答案为空".into(),
                "the answer is empty".into(),
            ));
        }
        let options = self.options();
        let options_json = |opts: &[(String, String)]| -> Value {
            opts.iter()
                .map(|(id, text)| json!({ "id": id, "text": text }))
                .collect()
        };
        match kind {
            Kind::Single | Kind::Multiple | Kind::Ordering => {
                self.need_options(&options, kind)?;
                let letters = self.letters(&options)?;
                item.insert("options".into(), options_json(&options));
                match kind {
                    Kind::Single => {
                        let [one] = letters.as_slice() else {
                            return Err(self.answer_err(
                                format!("单选题只能有一个答案，却是 “{answer}”"),
                                format!("a single-choice item has one answer, found \"{answer}\""),
                            ));
                        };
                        item.insert("answer".into(), json!(one));
                    }
                    Kind::Multiple => {
                        item.insert("answer".into(), json!(letters));
                    }
                    _ => {
                        if letters.len() != options.len() {
                            return Err(self.answer_err(
                                format!(
                                    "排序题的答案应按顺序列出全部 {} 个选项，如 BDAC",
                                    options.len()
                                ),
                                format!(
                                    "an ordering answer lists all {} options in order, e.g. BDAC",
                                    options.len()
                                ),
                            ));
                        }
                        item.insert("answer".into(), json!(letters));
                    }
                }
            }
            Kind::TrueFalse => {
                let value = parse_bool(answer).or_else(|| {
                    let letters = parse_letters(answer)?;
                    let [one] = letters.as_slice() else {
                        return None;
                    };
                    let text = options.iter().find(|(id, _)| id == one)?;
                    parse_bool(&text.1)
                });
                let value = value.ok_or_else(|| {
                    self.answer_err(
                        format!("判断题答案 “{answer}” 无效：应为 正确/错误、对/错、T/F、√/×"),
                        format!("true/false answer \"{answer}\" is invalid: expected 正确/错误, T/F, true/false, √/×"),
                    )
                })?;
                item.insert("answer".into(), json!(value));
            }
            Kind::FillBlank => {
                let blanks = parse_blanks(answer).ok_or_else(|| {
                    self.answer_err(
                        format!("填空答案 “{answer}” 无效：用 | 分隔各空，用 ; 分隔同一空的可接受答案，每空至少一个答案"),
                        format!("fill-in answer \"{answer}\" is invalid: | between blanks, ; between accepted answers, at least one per blank"),
                    )
                })?;
                let marks = mark_blanks(stem);
                let (marked, count) = (marks.stem, marks.count);
                if count != blanks.len() {
                    return Err(self.err(
                        ErrorCode::InvalidAnswerKey,
                        Column::Stem,
                        format!(
                            "题干中有 {count} 个空（用 ____、（）或 () 标出），答案却有 {} 个空",
                            blanks.len()
                        ),
                        format!(
                            "the stem marks {count} blanks (____, （） or ()) but the answer has {}",
                            blanks.len()
                        ),
                    ));
                }
                if marks.brackets > 0 {
                    notes.push(Note::new(
                        self.at(Column::Stem),
                        NoteKind::Changed,
                        format!("题干中的 {} 处空括号已改为填空线 ____", marks.brackets),
                        format!(
                            "{} empty brackets in the stem became blanks (____)",
                            marks.brackets
                        ),
                    ));
                }
                item.insert("stem".into(), json!(marked));
                let blanks: Vec<Value> = blanks
                    .into_iter()
                    .map(|a| json!({ "accepted": a }))
                    .collect();
                item.insert("blanks".into(), Value::Array(blanks));
            }
            Kind::ShortAnswer => {}
            Kind::Numeric => {
                let parsed = parse_numeric(answer).ok_or_else(|| {
                    self.answer_err(
                        format!("数值答案 “{answer}” 无效：应为 30、30±2、28~32 或 30±5%"),
                        format!("numeric answer \"{answer}\" is invalid: expected 30, 30±2, 28~32 or 30±5%"),
                    )
                })?;
                item.insert("answer".into(), parsed);
                let unit = self.get(Column::Unit);
                if !unit.is_empty() {
                    item.insert("unit".into(), json!(unit));
                }
            }
            Kind::Situational => {
                self.need_options(&options, kind)?;
                let scored = self.situational(&options, answer, points)?;
                item.insert("options".into(), Value::Array(scored));
            }
            Kind::Matching => {
                return Err(self.err(
                    ErrorCode::UnknownVariant,
                    Column::Type,
                    "表格模板不支持匹配题：请用 JSON 或 GIFT 格式导入".into(),
                    "matching items do not fit the table template: import them as JSON or GIFT"
                        .into(),
                ));
            }
        }
        Ok(())
    }

    /// A short answer: the reference answer (shown to graders) from 参考答案, else from 正确答案;
    /// scoring keywords from 关键词, else from 正确答案 only when written as keywords (`关键词：…`,
    /// or with points after some group, `倾听/听完=2;道歉;跟进`). Prose such as `补偿/感谢客户` is
    /// never split into keyword alternatives: without keywords the item is graded by hand.
    fn short_answer(
        &self,
        answer: &str,
        points: f64,
        item: &mut Map<String, Value>,
        notes: &mut Vec<Note>,
    ) -> Result<(), Error> {
        let keywords_cell = self.get(Column::Keywords);
        let model_cell = self.get(Column::ModelAnswer);
        let (keywords, at, model) = if !keywords_cell.is_empty() {
            let model = if model_cell.is_empty() {
                answer
            } else {
                model_cell
            };
            (Some(keywords_cell), Column::Keywords, model)
        } else if let Some(rest) = keyword_prefix(answer) {
            (Some(rest), Column::Answer, model_cell)
        } else if !answer.is_empty() && some_group_has_points(answer) {
            (Some(answer), Column::Answer, model_cell)
        } else {
            let model = if model_cell.is_empty() {
                answer
            } else {
                model_cell
            };
            (None, Column::Answer, model)
        };
        match keywords {
            Some(k) => {
                let groups = keyword_groups(k, points)
                    .map_err(|(zh, en)| self.err(ErrorCode::InvalidAnswerKey, at, zh, en))?;
                item.insert("keywords".into(), groups);
            }
            None => {
                item.insert("keywords".into(), json!([]));
                notes.push(Note::new(
                    self.at(Column::Answer),
                    NoteKind::Changed,
                    "简答题没有关键词（关键词列为空）：答案文字作为参考答案显示给阅卷人，由人工评分",
                    "no scoring keywords (the 关键词 column is empty): the answer text is kept as the reference answer for graders, and the item is graded by hand",
                ));
            }
        }
        if !model.is_empty() {
            item.insert("modelAnswer".into(), json!(model));
        }
        Ok(())
    }

    fn situational(
        &self,
        options: &[(String, String)],
        answer: &str,
        points: f64,
    ) -> Result<Vec<Value>, Error> {
        let bad = || {
            self.answer_err(
                format!("情景题答案 “{answer}” 无效：应为各选项的分值，如 A=0;B=1;C=4，至少一个选项等于本题分值"),
                format!("situational answer \"{answer}\" is invalid: expected each option's points, e.g. A=0;B=1;C=4, one of them equal to the item's points"),
            )
        };
        let mut given: Vec<(String, f64)> = Vec::new();
        for part in fold_width(answer).split([';', ',', '、', '；', '，']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (letter, value) = part.split_once(['=', ':']).ok_or_else(bad)?;
            let letter = letter.trim().to_ascii_uppercase();
            let value = parse_number(value).ok_or_else(bad)?;
            if !options.iter().any(|(id, _)| *id == letter) || !(0.0..=points).contains(&value) {
                return Err(bad());
            }
            given.push((letter, value));
        }
        if !given.iter().any(|(_, v)| *v == points) {
            return Err(bad());
        }
        Ok(options
            .iter()
            .map(|(id, text)| {
                let p = given.iter().find(|(l, _)| l == id).map_or(0.0, |(_, v)| *v);
                json!({ "id": id, "text": text, "points": num(p) })
            })
            .collect())
    }
}

/// `v[key]` as a slice, empty when it is missing or not an array: the exports read a bank that
/// has already been validated, so a missing list simply writes nothing.
fn array_at<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map_or(&[][..], |a| a)
}

/// The strings of an optional JSON array (other elements skipped), as the exports write them.
fn strings_of(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map_or(&[][..], |a| a)
        .iter()
        .filter_map(Value::as_str)
        .map(String::from)
        .collect()
}

/// The strings of `v[key]` (see [`strings_of`]).
fn strings_at(v: &Value, key: &str) -> Vec<String> {
    strings_of(v.get(key))
}

/// The Chinese name of a bank item type (`multiple` → 多选), for exports people read.
pub fn type_name_zh(bank_type: &str) -> Option<&'static str> {
    Kind::from_bank(bank_type).map(Kind::zh)
}

/// A bank item's answer key in words, as the results CSV shows it: `B`, `A、C`, 正确, `3（或 三）；1`,
/// `28～32`, `B、D、A、C`, `1→A；2→C`, `A（4 分）`, or （人工评分） for short answers.
pub fn answer_in_words(item: &Value) -> String {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let answer = item.get("answer");
    match s(item.get("type")).as_str() {
        "single" => s(answer),
        "multiple" | "ordering" => strings_of(answer).join("、"),
        "trueFalse" => match answer.and_then(Value::as_bool) {
            Some(true) => "正确".into(),
            _ => "错误".into(),
        },
        "fillBlank" => array_at(item, "blanks")
            .iter()
            .map(|b| {
                let accepted = strings_at(b, "accepted");
                match accepted.split_first() {
                    Some((first, [])) => first.clone(),
                    Some((first, rest)) => format!("{first}（或 {}）", rest.join("、")),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join("；"),
        "numeric" => {
            let a = answer.cloned().unwrap_or_default();
            let value = a.get("value").and_then(Value::as_f64).unwrap_or(0.0);
            let mut tol = a.get("tolerance").and_then(Value::as_f64).unwrap_or(0.0);
            if a.get("toleranceKind").and_then(Value::as_str) == Some("relative") {
                tol *= value.abs();
            }
            if tol > 0.0 {
                format!(
                    "{}～{}",
                    format_number(tidy(value - tol)),
                    format_number(tidy(value + tol))
                )
            } else {
                format_number(value)
            }
        }
        "matching" => answer
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(p, o)| format!("{p}→{}", o.as_str().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default(),
        "situational" => {
            let points = item.get("points").and_then(Value::as_f64).unwrap_or(0.0);
            array_at(item, "options")
                .iter()
                .filter(|o| o.get("points").and_then(Value::as_f64) == Some(points))
                .map(|o| format!("{}（{} 分）", s(o.get("id")), format_number(points)))
                .collect::<Vec<_>>()
                .join("、")
        }
        "shortAnswer" => "（人工评分）".into(),
        _ => String::new(),
    }
}

fn bank_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Single => "single",
        Kind::Multiple => "multiple",
        Kind::TrueFalse => "trueFalse",
        Kind::FillBlank => "fillBlank",
        Kind::ShortAnswer => "shortAnswer",
        Kind::Numeric => "numeric",
        Kind::Ordering => "ordering",
        Kind::Situational => "situational",
        Kind::Matching => "matching",
    }
}

/// Option letters from `ABC`, `A,B`, `A;B`, `A、B`, `a b` (full-width too); `None` when
/// anything else is there.
pub fn parse_letters(s: &str) -> Option<Vec<String>> {
    let folded = fold_width(s);
    let mut out = Vec::new();
    for c in folded.chars() {
        match c {
            ',' | ';' | '、' | '，' | '；' | ' ' | '/' => {}
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_uppercase().to_string()),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

/// 正确/错误, 对/错, T/F, true/false, √/×, 是/否, Y/N, 1/0 (any case, full-width too).
pub fn parse_bool(s: &str) -> Option<bool> {
    let t = fold_width(s).trim().to_lowercase();
    match t.as_str() {
        "正确" | "对" | "t" | "true" | "√" | "✓" | "✔" | "是" | "y" | "yes" | "1" => {
            Some(true)
        }
        "错误" | "错" | "f" | "false" | "×" | "✗" | "✘" | "x" | "否" | "n" | "no" | "0" => {
            Some(false)
        }
        _ => None,
    }
}

fn parse_difficulty(s: &str) -> Option<u32> {
    if let Some(n) = parse_number(s) {
        return (n == n.trunc() && (1.0..=5.0).contains(&n)).then_some(n as u32);
    }
    match s.trim() {
        "易" | "容易" | "简单" => Some(1),
        "较易" | "较容易" => Some(2),
        "中" | "中等" | "一般" | "适中" => Some(3),
        "较难" => Some(4),
        "难" | "困难" => Some(5),
        _ => None,
    }
}

/// `3;三|1;一` → `[["3","三"],["1","一"]]`; `None` when a blank has no answer.
fn parse_blanks(s: &str) -> Option<Vec<Vec<String>>> {
    s.split(['|', '｜'])
        .map(|blank| {
            let alts: Vec<String> = blank
                .split([';', '；'])
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect();
            (!alts.is_empty()).then_some(alts)
        })
        .collect()
}

/// A fill-in stem with its blanks marked the bank's way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedStem {
    /// The stem with every blank written `____`.
    pub stem: String,
    /// How many blanks it has.
    pub count: usize,
    /// How many of them were empty brackets (`（）`, `（ ）`, `()`), as most Chinese banks write
    /// blanks.
    pub brackets: usize,
}

/// Rewrites every blank of a fill-in stem as `____` and counts them: a run of two or more
/// underscores (also full-width `＿`), or empty brackets, full- or half-width, with only spaces
/// inside (`（）`, `（ ）`, `()`, `(　)`). Brackets with text inside (`（至少两点）`) are text.
pub fn mark_blanks(stem: &str) -> MarkedStem {
    let chars: Vec<char> = stem.chars().collect();
    let mut out = String::new();
    let (mut count, mut brackets) = (0usize, 0usize);
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c == '_' || c == '＿' {
            let run = chars
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&c| c == '_' || c == '＿')
                .count();
            if run >= 2 {
                out.push_str("____");
                count += 1;
            } else {
                out.push(c);
            }
            i += run;
            continue;
        }
        if c == '（' || c == '(' {
            let inner = chars
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&c| c == ' ' || c == '\u{3000}' || c == '\u{a0}')
                .count();
            if matches!(chars.get(i + 1 + inner), Some('）' | ')')) {
                out.push_str("____");
                count += 1;
                brackets += 1;
                i += inner + 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    MarkedStem {
        stem: out,
        count,
        brackets,
    }
}

/// The 计分方式 cell for a policy object (the inverse of [`parse_policy`]).
fn policy_name(policy: &Value) -> String {
    let share = policy.get("share").and_then(Value::as_f64);
    match policy
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
    {
        "perOption" => "少选得部分分".into(),
        "fixedShare" => match share {
            Some(x) if x != 0.5 => format!("少选得{}", format_number(x)),
            _ => "少选得一半分".into(),
        },
        "rightMinusWrong" => "对减错".into(),
        _ => "全对得分".into(),
    }
}

/// `关键词：倾听;道歉` (also `关键词:`, `得分要点：`, `keywords:`) → `倾听;道歉`.
fn keyword_prefix(answer: &str) -> Option<&str> {
    [
        "关键词：",
        "关键词:",
        "得分要点：",
        "得分要点:",
        "keywords:",
        "Keywords:",
    ]
    .iter()
    .find_map(|p| answer.strip_prefix(p))
    .map(str::trim)
}

/// Whether some `;` group of `s` ends in `=points` (`倾听/听完=2;道歉;跟进`): the author used the
/// keyword syntax, which prose does not look like.
fn some_group_has_points(s: &str) -> bool {
    s.split([';', '；'])
        .filter_map(|part| part.trim().rsplit_once(['=', '＝']))
        .any(|(terms, p)| !terms.trim().is_empty() && parse_number(p).is_some())
}

/// A 计分方式 cell: 全对得分 / 少选不得分 / exact; 少选得部分分 / 按比例 / perOption; 少选得一半分 /
/// 少选得0.3 / fixedShare; 对减错 / 倒扣 / rightMinusWrong.
fn parse_policy(cell: &str) -> Option<Value> {
    let key = header_key(cell).replace(['-', '_'], "");
    let kind = match key.as_str() {
        "全对得分" | "全对才得分" | "少选不得分" | "漏选不得分" | "exact" => {
            "exact"
        }
        "少选得部分分" | "按比例" | "按比例得分" | "按选项得分" | "peroption" => {
            "perOption"
        }
        "少选得一半分" | "少选得半分" | "半对半分" | "fixedshare" => "fixedShare",
        "对减错" | "倒扣" | "错选倒扣" | "rightminuswrong" => "rightMinusWrong",
        _ => {
            let share = key
                .strip_prefix("少选得")
                .or_else(|| key.strip_prefix("fixedshare"))
                .map(|r| r.trim_end_matches('分'))
                .and_then(parse_number)?;
            return (share > 0.0 && share < 1.0)
                .then(|| json!({ "kind": "fixedShare", "share": num(share) }));
        }
    };
    Some(json!({ "kind": kind }))
}

/// Keyword groups `倾听/听完=2;道歉;跟进=1`: groups without points share what is left of the
/// item's points equally.
pub(crate) fn keyword_groups(s: &str, points: f64) -> Result<Value, (String, String)> {
    let bad = |why_zh: &str, why_en: &str| {
        (
            format!("简答题得分要点 “{s}” 无效：{why_zh}。格式：要点之间用 ;，同义词用 /，可用 =分值，如 倾听/听完=2;道歉=2"),
            format!("short-answer keywords \"{s}\" are invalid: {why_en}. Format: ; between groups, / between alternatives, optional =points, e.g. 倾听/听完=2;道歉=2"),
        )
    };
    let mut groups: Vec<(Vec<String>, Option<f64>)> = Vec::new();
    for part in s.split([';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (terms, pts) = match part.rsplit_once(['=', '＝']) {
            Some((t, p)) => match parse_number(p) {
                Some(p) if p > 0.0 => (t, Some(p)),
                _ => return Err(bad("分值应为大于 0 的数", "points must be greater than 0")),
            },
            None => (part, None),
        };
        let terms: Vec<String> = terms
            .split(['/', '／'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect();
        if terms.is_empty() {
            return Err(bad("有要点没有关键词", "a group has no term"));
        }
        groups.push((terms, pts));
    }
    if groups.is_empty() {
        return Err(bad("至少需要一个要点", "at least one group is needed"));
    }
    let fixed: f64 = groups.iter().filter_map(|g| g.1).sum();
    let open = groups.iter().filter(|g| g.1.is_none()).count();
    let share = if open > 0 {
        let left = points - fixed;
        if left <= 0.0 {
            return Err(bad(
                "未写分值的要点分不到剩余分值",
                "no points are left for the groups without points",
            ));
        }
        tidy(left / open as f64)
    } else {
        0.0
    };
    Ok(groups
        .into_iter()
        .map(|(terms, p)| json!({ "terms": terms, "points": num(p.unwrap_or(share)) }))
        .collect())
}

/// `30`, `30±2`, `30:2`, `28~32`, `28..32`, `30±5%` → the numeric answer object.
fn parse_numeric(s: &str) -> Option<Value> {
    let t = fold_width(s).replace(' ', "");
    let answer = |value: f64, tolerance: f64, kind: &str| {
        (tolerance >= 0.0).then(
            || json!({ "value": num(value), "tolerance": num(tolerance), "toleranceKind": kind }),
        )
    };
    if let Some((v, tol)) = t.split_once(['±', ':']) {
        let value = parse_number(v)?;
        return match tol.strip_suffix('%') {
            Some(pct) => answer(value, tidy(parse_number(pct)? / 100.0), "relative"),
            None => answer(value, parse_number(tol)?, "absolute"),
        };
    }
    if let Some((lo, hi)) = t.split_once("..").or_else(|| t.split_once('~')) {
        let (lo, hi) = (parse_number(lo)?, parse_number(hi)?);
        if hi < lo {
            return None;
        }
        return answer(tidy((lo + hi) / 2.0), tidy((hi - lo) / 2.0), "absolute");
    }
    answer(parse_number(&t)?, 0.0, "absolute")
}

/// The bank as template rows (header first), for CSV and `.xlsx` exports; items the template
/// cannot hold (matching, option ids that are not A, B, C… in order, answers containing the
/// template's separators) are left out and reported.
pub fn bank_rows(bank: &Value) -> (Vec<Vec<String>>, Vec<Problem>) {
    let items = array_at(bank, "items");
    let max_options = items
        .iter()
        .filter_map(|i| i.get("options").and_then(Value::as_array).map(Vec::len))
        .max()
        .unwrap_or(0)
        .clamp(8, 26);
    let mut header = vec!["编号".to_string(), "题型".into(), "题干".into()];
    header.extend((0..max_options).map(|i| format!("选项{}", column_letters(i))));
    header.extend(
        [
            "正确答案",
            "分值",
            "解析",
            "难度",
            "知识点",
            "维度",
            "标签",
            "参考答案",
            "单位",
            "关键词",
            "计分方式",
        ]
        .map(String::from),
    );
    // Labels of the bank's own dimensions when it declares them (a custom 企业文化…).
    let dimensions = bank
        .get("dimensions")
        .and_then(|d| crate::format::decode::<Vec<DimensionRef>>(d).ok())
        .and_then(|d| DimensionSet::from_refs(d, "dimensions").ok())
        .unwrap_or_default();
    let mut rows = vec![header];
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item_row(item, max_options, &dimensions) {
            Ok(row) => rows.push(row),
            Err((zh, en)) => problems.push(Problem {
                path: format!("items[{i}]"),
                code: ErrorCode::InvalidValue.as_str().to_string(),
                message: Text::new(zh, en),
            }),
        }
    }
    (rows, problems)
}

fn item_row(
    item: &Value,
    max_options: usize,
    dimensions: &DimensionSet,
) -> Result<Vec<String>, (String, String)> {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    let t = s(item.get("type"));
    let kind = Kind::from_bank(&t)
        .filter(|k| *k != Kind::Matching)
        .ok_or_else(|| {
            (
                format!("{t} 类型的题目无法写入表格模板"),
                format!("a {t} item does not fit the table template"),
            )
        })?;
    let options = array_at(item, "options");
    for (i, o) in options.iter().enumerate() {
        if s(o.get("id")) != column_letters(i) {
            return Err((
                "选项编号不是按顺序的 A、B、C…，无法写入表格模板".into(),
                "option ids are not A, B, C… in order, so the item does not fit the template"
                    .into(),
            ));
        }
    }
    let answer = item.get("answer");
    let sep_free = |x: &str, seps: &[char]| !x.contains(seps);
    let answer_text = match kind {
        Kind::Single => s(answer),
        Kind::Multiple | Kind::Ordering => answer
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect::<String>())
            .unwrap_or_default(),
        Kind::TrueFalse => match answer.and_then(Value::as_bool) {
            Some(true) => "正确".into(),
            _ => "错误".into(),
        },
        Kind::FillBlank => {
            let mut blanks = Vec::new();
            for b in array_at(item, "blanks") {
                let accepted = strings_at(b, "accepted");
                if !accepted
                    .iter()
                    .all(|a| sep_free(a, &['|', ';', '｜', '；']))
                {
                    return Err((
                        "填空答案含有 | 或 ;".into(),
                        "an accepted answer contains | or ;".into(),
                    ));
                }
                blanks.push(accepted.join(";"));
            }
            blanks.join("|")
        }
        Kind::ShortAnswer => s(item.get("modelAnswer")),
        Kind::Numeric => {
            let value = answer
                .and_then(|a| a.get("value"))
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            let tol = answer
                .and_then(|a| a.get("tolerance"))
                .and_then(Value::as_f64)
                .unwrap_or(0.0);
            let relative = answer
                .and_then(|a| a.get("toleranceKind"))
                .and_then(Value::as_str)
                == Some("relative");
            match (relative, tol == 0.0) {
                (false, true) => format_number(value),
                (false, false) => format!("{}±{}", format_number(value), format_number(tol)),
                (true, _) => format!(
                    "{}±{}%",
                    format_number(value),
                    format_number(tidy(tol * 100.0))
                ),
            }
        }
        Kind::Situational => options
            .iter()
            .map(|o| {
                format!(
                    "{}={}",
                    s(o.get("id")),
                    format_number(o.get("points").and_then(Value::as_f64).unwrap_or(0.0))
                )
            })
            .collect::<Vec<_>>()
            .join(";"),
        Kind::Matching => String::new(),
    };
    let mut groups = Vec::new();
    for g in array_at(item, "keywords") {
        let terms = strings_at(g, "terms");
        if !terms
            .iter()
            .all(|x| sep_free(x, &['/', ';', '=', '／', '；', '＝']))
        {
            return Err((
                "关键词含有 / ; 或 =".into(),
                "a keyword contains / ; or =".into(),
            ));
        }
        let p = g.get("points").and_then(Value::as_f64).unwrap_or(0.0);
        groups.push(format!("{}={}", terms.join("/"), format_number(p)));
    }
    let policy = item.get("policy").map_or(String::new(), policy_name);
    let tags = item.get("tags");
    let tag = |k: &str| tags.and_then(|t| t.get(k));
    let mut row = vec![
        s(item.get("id")),
        kind.zh().to_string(),
        s(item.get("stem")),
    ];
    for i in 0..max_options {
        row.push(s(options.get(i).and_then(|o| o.get("text"))));
    }
    let labels = strings_of(tag("labels"));
    row.extend([
        answer_text,
        format_number(item.get("points").and_then(Value::as_f64).unwrap_or(0.0)),
        s(item.get("explanation")),
        tag("difficulty")
            .and_then(Value::as_u64)
            .map_or(String::new(), |d| d.to_string()),
        s(tag("knowledgePoint")),
        dimensions.name(&s(tag("dimension"))).to_string(),
        labels.join(","),
        if kind == Kind::ShortAnswer {
            String::new()
        } else {
            s(item.get("modelAnswer"))
        },
        s(item.get("unit")),
        groups.join(";"),
        policy,
    ]);
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::outcome::ImportOptions;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            sheet: Some("题库".into()),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    fn parse(rows: &[&[&str]]) -> Vec<Result<Value, Error>> {
        let fb = ImportOptions::default().fallbacks().unwrap();
        parse_table(&table(rows), &fb)
            .unwrap()
            .into_iter()
            .map(|r| r.map(|p| p.item))
            .collect()
    }

    const HEADER: &[&str] = &[
        "题型",
        "题干",
        "选项A",
        "选项B",
        "选项C",
        "正确答案",
        "分值",
        "维度",
    ];

    #[test]
    fn answers_in_every_spelling() {
        let out = parse(&[
            HEADER,
            &["多选", "哪些?", "甲", "乙", "丙", "A、C", "2", "投诉处理"],
            &["多选", "哪些?", "甲", "乙", "丙", "ａ；ｂ", "2", ""],
            &["判断", "对吗?", "", "", "", "√", "1", ""],
            &["判断", "对吗?", "正确", "错误", "", "B", "1", ""],
            &[
                "填空",
                "保修____年，整机______年",
                "",
                "",
                "",
                "3;三|1;一",
                "2",
                "",
            ],
        ]);
        let items: Vec<Value> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(items[0]["answer"], json!(["A", "C"]));
        assert_eq!(items[0]["tags"]["dimension"], "complaint_handling");
        assert_eq!(items[1]["answer"], json!(["A", "B"]));
        assert_eq!(items[1]["tags"]["dimension"], "product_knowledge");
        assert_eq!(items[2]["answer"], json!(true));
        assert_eq!(items[3]["answer"], json!(false));
        assert!(items[3].get("options").is_none());
        assert_eq!(items[4]["stem"], "保修____年，整机____年");
        assert_eq!(items[4]["blanks"][1]["accepted"], json!(["1", "一"]));
        assert_eq!(items[4]["id"], "q-005");
    }

    #[test]
    fn errors_name_the_cell() {
        let out = parse(&[
            HEADER,
            &["单选", "哪个?", "甲", "乙", "", "C", "2", ""],
            &["单选", "哪个?", "甲", "乙", "", "A", "-1", ""],
            &["问卷", "哪个?", "甲", "乙", "", "A", "1", ""],
            &["单选", "哪个?", "甲", "乙", "", "A", "1", "售后"],
            &["填空", "只有____一个空", "", "", "", "a|b", "1", ""],
        ]);
        let paths: Vec<(String, ErrorCode)> = out
            .iter()
            .map(|r| {
                let e = r.as_ref().unwrap_err();
                (e.path().to_string(), e.code())
            })
            .collect();
        assert_eq!(paths[0], ("题库!F2".into(), ErrorCode::InvalidAnswerKey));
        assert_eq!(paths[1], ("题库!G3".into(), ErrorCode::NonPositivePoints));
        assert_eq!(paths[2], ("题库!A4".into(), ErrorCode::UnknownVariant));
        assert_eq!(paths[3], ("题库!H5".into(), ErrorCode::UnknownDimension));
        assert_eq!(paths[4], ("题库!B6".into(), ErrorCode::InvalidAnswerKey));
    }

    #[test]
    fn english_headers_title_row_and_keywords() {
        let out = parse(&[
            &["客服题库导入"],
            &[
                "Type",
                "Stem",
                "Option A",
                "Option B",
                "Answer",
                "Points",
                "Model answer",
            ],
            &[
                "short",
                "如何处理投诉?",
                "",
                "",
                "关键词：倾听/听完=2;道歉;跟进",
                "6",
                "先倾听",
            ],
            &["numeric", "至少几个积极词汇?", "", "", "3±0.5", "1", ""],
            &["situational", "怎么回?", "甲", "乙", "A=0;B=2", "2", ""],
        ]);
        let items: Vec<Value> = out.into_iter().map(Result::unwrap).collect();
        assert_eq!(
            items[0]["keywords"][1],
            json!({ "terms": ["道歉"], "points": 2 })
        );
        assert_eq!(items[0]["modelAnswer"], "先倾听");
        assert_eq!(items[1]["answer"]["tolerance"], json!(0.5));
        assert_eq!(items[1]["answer"]["value"], json!(3));
        assert_eq!(items[2]["options"][1]["points"], json!(2));
    }

    #[test]
    fn bracket_blanks_reference_answers_and_policies() {
        let fb = ImportOptions::default().fallbacks().unwrap();
        let t = table(&[
            &[
                "题型",
                "题干",
                "选项A",
                "选项B",
                "正确答案",
                "关键词",
                "计分方式",
                "分值",
            ],
            &[
                "填空",
                "压缩机保修（　）年，整机（）年，配件( )年。",
                "",
                "",
                "3|1|1",
                "",
                "",
                "2",
            ],
            &[
                "填空",
                "请说明原因（至少两点）：____",
                "",
                "",
                "略",
                "",
                "",
                "1",
            ],
            &[
                "简答",
                "如何安抚客户？",
                "",
                "",
                "先倾听，再表示理解；补偿/感谢客户",
                "",
                "",
                "4",
            ],
            &[
                "简答",
                "如何安抚客户？（二）",
                "",
                "",
                "先倾听，再道歉",
                "倾听=2;道歉/抱歉=2",
                "",
                "4",
            ],
            &["多选", "哪些？", "甲", "乙", "AB", "", "少选得0.3", "2"],
            &["单选", "哪个？", "甲", "乙", "A", "", "对减错", "2"],
        ]);
        let parsed: Vec<Parsed> = parse_table(&t, &fb)
            .unwrap()
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            parsed[0].item["stem"],
            "压缩机保修____年，整机____年，配件____年。"
        );
        assert_eq!(parsed[0].notes[0].kind, NoteKind::Changed);
        assert_eq!(parsed[0].notes[0].path, "题库!B2");
        assert_eq!(parsed[1].item["stem"], "请说明原因（至少两点）：____");
        assert!(parsed[1].notes.is_empty());
        // Prose is the reference answer, never split into keyword alternatives.
        assert_eq!(parsed[2].item["keywords"], json!([]));
        assert_eq!(
            parsed[2].item["modelAnswer"],
            "先倾听，再表示理解；补偿/感谢客户"
        );
        assert_eq!(parsed[2].notes[0].path, "题库!E4");
        assert_eq!(parsed[3].item["modelAnswer"], "先倾听，再道歉");
        assert_eq!(
            parsed[3].item["keywords"][1],
            json!({ "terms": ["道歉", "抱歉"], "points": 2 })
        );
        assert_eq!(
            parsed[4].item["policy"],
            json!({ "kind": "fixedShare", "share": 0.3 })
        );
        assert!(parsed[5].item.get("policy").is_none());
        assert_eq!(parsed[5].notes[0].kind, NoteKind::Dropped);
        assert_eq!(
            parse_policy("少选得部分分"),
            Some(json!({ "kind": "perOption" }))
        );
        assert_eq!(parse_policy("随便"), None);
        assert_eq!(mark_blanks("f(x)").count, 0);
    }

    #[test]
    fn missing_header_is_an_error() {
        let fb = ImportOptions::default().fallbacks().unwrap();
        let e = parse_table(&table(&[&["a", "b"]]), &fb).unwrap_err();
        assert_eq!(e.code(), ErrorCode::MissingField);
        assert_eq!(e.path(), "题库!1:1");
    }

    #[test]
    fn numeric_spellings() {
        assert_eq!(parse_numeric("28~32").unwrap()["tolerance"], json!(2));
        assert_eq!(parse_numeric("30±5%").unwrap()["tolerance"], json!(0.05));
        assert_eq!(parse_numeric("30:2").unwrap()["toleranceKind"], "absolute");
        assert!(parse_numeric("三十").is_none());
    }
}
