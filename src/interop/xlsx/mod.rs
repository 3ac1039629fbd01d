//! `.xlsx` in and out, with no zip or XML crate: a hand-written zip container ([`zip`]) over
//! `miniz_oxide`'s inflate/deflate, a small XML tokenizer ([`xml`]), the worksheet reader
//! ([`read`]) and writer ([`write`]), and the template trainers download.

pub mod read;
pub mod write;
pub mod xml;
pub mod zip;

pub use write::{write_workbook, Sheet};

use super::defaults::MAX_INFLATED_BYTES;
use super::import::check_file_size;
use super::outcome::{assemble, ImportOptions, ImportOutcome};
use super::table::{parse_table, Table, TEMPLATE_HEADER};
use crate::error::{Error, ErrorCode};

/// A broken `.xlsx` (bad zip, missing or malformed part), with what is wrong in both languages;
/// the zip and the sheet readers share it so the message starts the same.
pub(crate) fn corrupt(zh: &str, en: &str) -> Error {
    Error::new(
        ErrorCode::CorruptData,
        "",
        format!("不是有效的 .xlsx 文件：{zh}"),
        format!("not a valid .xlsx file: {en}"),
    )
}

/// Reads one worksheet of an `.xlsx` (the first, or the one named) into rows of cell texts.
/// Numbers read as their shortest decimal form (`2`, `2.5`), booleans as `TRUE`/`FALSE`.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Table, Error> {
    check_file_size(bytes)?;
    read::read_table(bytes, sheet, MAX_INFLATED_BYTES)
}

/// Imports a question bank from an `.xlsx` in the template (see [`super::table`]). Problems
/// are located as `题库!C7`.
///
/// @example
/// `let outcome = import_xlsx(&std::fs::read("题库.xlsx")?, &ImportOptions::default())?;`
pub fn import_xlsx(bytes: &[u8], options: &ImportOptions) -> Result<ImportOutcome, Error> {
    let fallbacks = options.fallbacks()?;
    let table = read_xlsx(bytes, options.sheet.as_deref())?;
    let results = parse_table(&table, &fallbacks)?;
    assemble(results, options)
}

/// The rows of the template's first sheet: the header and one example per common type.
pub fn template_rows() -> Vec<Vec<String>> {
    let examples: [[&str; 19]; 5] = [
        [
            "单选",
            "按《云帆电器售后服务手册》，云帆空调的整机保修期为多久？",
            "6 个月",
            "1 年",
            "3 年",
            "6 年",
            "",
            "",
            "",
            "",
            "B",
            "2",
            "整机保修 1 年；压缩机等主要部件保修 3 年。",
            "1",
            "保修政策",
            "产品知识",
            "售后,保修",
            "",
            "",
        ],
        [
            "多选",
            "投诉处理六步法包括下列哪些步骤？",
            "倾听",
            "道歉",
            "与客户争辩责任",
            "跟进",
            "",
            "",
            "",
            "",
            "ABD",
            "3",
            "六步法：倾听、道歉、澄清、解决、补偿/感谢、跟进；争辩会激化矛盾。",
            "2",
            "投诉处理六步法",
            "投诉处理",
            "六步法",
            "",
            "少选得一半分",
        ],
        [
            "判断",
            "网购商品自收到之日起 7 日内可以无理由退货（定制等商品除外）。",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "正确",
            "1",
            "《消费者权益保护法》第二十五条。",
            "1",
            "七日无理由退货",
            "合规意识",
            "消法",
            "",
            "",
        ],
        [
            "填空",
            "云帆空调压缩机保修____年，整机保修____年。",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "3;三|1;一",
            "2",
            "| 分隔各空，; 分隔同一空的多个可接受答案。",
            "2",
            "保修政策",
            "产品知识",
            "售后",
            "",
            "",
        ],
        [
            "简答",
            "客户因空调漏水泡坏木地板来电投诉，情绪激动。请写出你的处理要点。",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "先耐心听完客户陈述并真诚道歉；安抚情绪后安排上门检修，评估地板损失并说明补偿方案；处理后回访跟进。",
            "8",
            "正确答案写参考答案（阅卷时显示）；关键词列写得分要点：要点之间用 ; 分隔，同义词用 / 分隔，= 后为该要点分值；最终由培训师复核。",
            "4",
            "投诉处理六步法",
            "投诉处理",
            "六步法",
            "倾听/听完=2;道歉/抱歉=2;上门/维修/检修=2;回访/跟进=2",
            "",
        ],
    ];
    let mut rows = vec![TEMPLATE_HEADER.iter().map(|h| h.to_string()).collect()];
    rows.extend(
        examples
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect()),
    );
    rows
}

/// The rows of the template's second sheet: how to fill in each column.
pub fn instruction_rows() -> Vec<Vec<String>> {
    let lines: [[&str; 2]; 16] = [
        ["列", "填写说明"],
        ["题型", "单选、多选、判断、填空、简答、数值、排序、情景（也可写 single、multiple、true-false、fill、short…）"],
        ["题干", "题目内容；填空题用 ____（三个以上下划线）或空括号（）标出每个空"],
        ["选项A…选项H", "选择题、排序题、情景题的选项，从 A 开始连续填写"],
        ["正确答案（单选/多选）", "选项字母：B、ABC、A,B、A;B 或 A、B"],
        ["正确答案（判断）", "正确/错误、对/错、T/F、√/×"],
        ["正确答案（填空）", "| 分隔各空，; 分隔同一空的可接受答案，如 3;三|1;一"],
        ["正确答案（简答）", "参考答案原文，阅卷时显示给阅卷人；得分要点写在 关键词 列"],
        ["关键词（简答）", "得分要点用 ; 分隔，同义词用 / 分隔，可用 =分值，如 倾听/听完=2;道歉=2；留空则由人工评分"],
        ["计分方式（多选）", "全对得分（默认）、少选得部分分、少选得一半分（或 少选得0.3）、对减错"],
        ["正确答案（数值）", "30、30±2、28~32 或 30±5%"],
        ["正确答案（排序/情景）", "排序：按正确顺序写字母，如 BDAC；情景：各选项分值，如 A=0;B=1;C=4"],
        ["分值", "大于 0 的数，留空为 1 分"],
        ["难度", "1–5 或 易、较易、中等、较难、难，留空为 3"],
        ["知识点 / 维度 / 标签", "维度：产品知识、沟通表达、问题解决、投诉处理、情绪管理、系统操作、应急处理、合规意识；标签用逗号分隔"],
        ["可选列", "编号（题目 id）、参考答案（简答题）、单位（数值题）"],
    ];
    lines
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// The template `.xlsx` the page offers for download: sheet 题库 with the header and examples,
/// sheet 填写说明 with the instructions. Deterministic bytes.
pub fn template_xlsx() -> Vec<u8> {
    let mut widths = vec![8.0, 48.0];
    widths.extend([14.0; 8]);
    widths.extend([18.0, 6.0, 36.0, 6.0, 16.0, 10.0, 12.0]);
    write_workbook(&[
        Sheet {
            name: "题库".into(),
            rows: template_rows(),
            widths,
        },
        Sheet {
            name: "填写说明".into(),
            rows: instruction_rows(),
            widths: vec![24.0, 90.0],
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_reads_back_and_imports() {
        let bytes = template_xlsx();
        let table = read_xlsx(&bytes, None).unwrap();
        assert_eq!(table.sheet.as_deref(), Some("题库"));
        // Empty trailing cells are not written, so they do not read back.
        let mut expected = template_rows();
        for row in &mut expected {
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
        }
        assert_eq!(table.rows, expected);
        let outcome = import_xlsx(&bytes, &ImportOptions::default()).unwrap();
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(outcome.item_count, 5);
        let second = read_xlsx(&bytes, Some("填写说明")).unwrap();
        assert_eq!(second.rows, instruction_rows());
        let e = read_xlsx(&bytes, Some("Sheet9")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::UnknownReference);
        assert!(e.messages().zh.contains("题库、填写说明"));
    }

    #[test]
    fn not_a_zip_is_corrupt() {
        let e = read_xlsx("题型,题干".as_bytes(), None).unwrap_err();
        assert_eq!(e.code(), ErrorCode::CorruptData);
    }
}
