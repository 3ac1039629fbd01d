//! The domain's figures for practical assessment, in one place. Each is a default that an input
//! (the rubric, the transcript config) can override; `tests::pinned_to_the_domain_brief` ties
//! each to `shared/domain.md`.

use crate::i18n::Text;
use crate::rubric::transcript::config::{Step, StepFramework};

/// Pass mark of a rubric's weighted total when the rubric does not set one (合格分数线).
pub const PASS_MARK: f64 = 60.0;

/// Raters disagree on a criterion when their 0–100 scores differ by more than this
/// (25 = more than one level on a 1–5 scale).
pub const MAX_RATER_SPREAD: f64 = 25.0;

/// Proportion cut from each end by the trimmed mean (as `scipy.stats.trim_mean`).
pub const TRIM_PROPORTION: f64 = 0.2;

/// "At least 3 positive words per call."
pub const MIN_POSITIVE_PHRASES: u32 = 3;

/// "A solution proposed within 1 minute."
pub const MAX_FIRST_SOLUTION_SECONDS: f64 = 60.0;

/// "Speech rate 70–90 characters per minute" (lower bound).
pub const SPEECH_RATE_MIN: f64 = 70.0;

/// "Speech rate 70–90 characters per minute" (upper bound).
pub const SPEECH_RATE_MAX: f64 = 90.0;

/// Positive phrases (积极用语) counted in the agent's turns.
pub const POSITIVE_PHRASES: &[&str] = &[
    "您好",
    "请您放心",
    "请放心",
    "谢谢",
    "感谢",
    "非常抱歉",
    "不好意思",
    "很高兴",
    "马上为您",
    "没问题",
    "辛苦您",
    "麻烦您",
    "祝您",
    "请稍等",
];

/// Forbidden phrases (禁用语): the hollow "我理解你的感受", "应该这样", and other classics.
pub const FORBIDDEN_PHRASES: &[&str] = &[
    "我理解你的感受",
    "我理解您的感受",
    "应该这样",
    "你应该",
    "不归我们管",
    "这不是我们的问题",
    "我也没办法",
    "你听我说",
    "我不知道",
    "不可能",
];

/// Cue phrases that mark the agent offering a solution (for time to first solution).
pub const SOLUTION_CUES: &[&str] = &[
    "为您安排",
    "为您办理",
    "为您申请",
    "帮您处理",
    "帮您申请",
    "给您安排",
    "给您补发",
    "为您补发",
    "重新发货",
    "换货",
    "退款",
    "解决方案",
    "两个方案",
    "两种方案",
    "建议您",
    "加急",
];

/// Id of the six complaint-handling steps framework.
pub const COMPLAINT_SIX_STEPS: &str = "complaintSixSteps";
/// Id of the LEARN framework.
pub const LEARN: &str = "learn";
/// Id of the four diagnosis steps framework (倾听-复述-分类-解决).
pub const DIAGNOSIS_FOUR_STEPS: &str = "diagnosisFourSteps";

const LISTEN_CUES: &[&str] = &[
    "您慢慢说",
    "您请说",
    "您请讲",
    "请您详细说",
    "您详细说",
    "我在听",
    "您先别着急",
    "您别着急",
];

const ASK_CUES: &[&str] = &[
    "请问",
    "确认一下",
    "核实一下",
    "方便提供",
    "方便告诉我",
    "订单号",
];

const RESTATE_CUES: &[&str] = &["您是说", "也就是说", "跟您确认", "您的意思是", "我复述一下"];

fn step(id: &str, zh: &str, en: &str, cues: &[&str]) -> Step {
    Step {
        id: id.to_string(),
        name: Text::new(zh, en),
        cues: cues.iter().map(|c| c.to_string()).collect(),
    }
}

/// The default step frameworks: the six complaint steps, LEARN, and the four diagnosis steps,
/// each step recognised by cue phrases in the agent's turns.
pub fn step_frameworks() -> Vec<StepFramework> {
    vec![
        StepFramework {
            id: COMPLAINT_SIX_STEPS.to_string(),
            name: Text::new("投诉处理六步法", "Six complaint-handling steps"),
            steps: vec![
                step("listen", "倾听", "Listen", LISTEN_CUES),
                step(
                    "apologize",
                    "道歉",
                    "Apologise",
                    &["非常抱歉", "很抱歉", "对不起", "给您添麻烦", "向您道歉"],
                ),
                step("clarify", "澄清", "Clarify", ASK_CUES),
                step("resolve", "解决", "Resolve", SOLUTION_CUES),
                step(
                    "compensateOrThank",
                    "补偿/感谢",
                    "Compensate or thank",
                    &["补偿", "优惠券", "赠送", "积分", "感谢您", "谢谢您"],
                ),
                step(
                    "followUp",
                    "跟进",
                    "Follow up",
                    &["跟进", "回访", "回电", "短信通知", "随时联系", "同步进度"],
                ),
            ],
        },
        StepFramework {
            id: LEARN.to_string(),
            name: Text::new("LEARN 模型", "LEARN"),
            steps: vec![
                step("listen", "倾听", "Listen", LISTEN_CUES),
                step(
                    "empathize",
                    "共情",
                    "Empathize",
                    &[
                        "换作是我",
                        "确实让您",
                        "给您带来不便",
                        "给您添麻烦",
                        "让您久等",
                        "您着急",
                        "能体会",
                    ],
                ),
                step("ask", "询问", "Ask", ASK_CUES),
                step(
                    "resolve",
                    "解决（提供 2–3 个方案）",
                    "Resolve (offer 2–3 options)",
                    &[
                        "两个方案",
                        "两种方案",
                        "三个方案",
                        "第一种",
                        "第二种",
                        "您看哪种",
                        "可以选择",
                    ],
                ),
                step(
                    "now",
                    "限时承诺（≤30 分钟）",
                    "Now (promise a time ≤ 30 minutes)",
                    &["分钟内", "半小时内", "马上", "立即", "现在就"],
                ),
            ],
        },
        StepFramework {
            id: DIAGNOSIS_FOUR_STEPS.to_string(),
            name: Text::new("问题诊断四步法", "Four diagnosis steps"),
            steps: vec![
                step("listen", "倾听", "Listen", LISTEN_CUES),
                step("restate", "复述", "Restate", RESTATE_CUES),
                step(
                    "classify",
                    "分类",
                    "Classify",
                    &[
                        "属于",
                        "这类问题",
                        "这种情况是",
                        "是物流问题",
                        "是质量问题",
                        "归类",
                    ],
                ),
                step("resolve", "解决", "Resolve", SOLUTION_CUES),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinned_to_the_domain_brief() {
        // "at least 3 positive words per call; a solution proposed within 1 minute"
        assert_eq!(MIN_POSITIVE_PHRASES, 3);
        assert_eq!(MAX_FIRST_SOLUTION_SECONDS, 60.0);
        // "speech rate 70–90 characters per minute"
        assert_eq!((SPEECH_RATE_MIN, SPEECH_RATE_MAX), (70.0, 90.0));
        // "never the hollow 我理解你的感受; never interrupt and say 应该这样"
        assert!(FORBIDDEN_PHRASES.contains(&"我理解你的感受"));
        assert!(FORBIDDEN_PHRASES.contains(&"应该这样"));
        let frameworks = step_frameworks();
        let names = |id: &str| -> Vec<String> {
            frameworks
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.steps.iter().map(|s| s.name.zh.clone()).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            names(COMPLAINT_SIX_STEPS),
            ["倾听", "道歉", "澄清", "解决", "补偿/感谢", "跟进"]
        );
        assert_eq!(
            names(DIAGNOSIS_FOUR_STEPS),
            ["倾听", "复述", "分类", "解决"]
        );
        let learn: Vec<String> = frameworks
            .iter()
            .find(|f| f.id == LEARN)
            .map(|f| f.steps.iter().map(|s| s.name.en.clone()).collect())
            .unwrap_or_default();
        assert_eq!(learn.len(), 5);
        assert!(learn[0].starts_with("Listen") && learn[4].starts_with("Now"));
        for f in &frameworks {
            assert!(f.steps.iter().all(|s| !s.cues.is_empty()), "{}", f.id);
        }
        // A rubric's pass mark defaults to the composite pass line (合格).
        assert_eq!(PASS_MARK, crate::assessment::defaults::PASS_MARK);
    }

    #[test]
    fn forbidden_and_positive_lists_do_not_overlap() {
        for f in FORBIDDEN_PHRASES {
            assert!(!POSITIVE_PHRASES
                .iter()
                .any(|p| f.contains(p) || p.contains(f)));
        }
    }
}
