//! The tool's own words, in every language it speaks: one table, one row per word.
//!
//! Each row gives Simplified Chinese with mainland terms (文件, 信息缺失, 违规, 人工审核, 条款,
//! 责任单位), Traditional Chinese, and English. `{name}` marks a value filled in by `fill`;
//! Chinese sentences use full-width punctuation. A test checks every row: all three texts given,
//! the same values in each, each Chinese text in its own script.

use crate::base::fold;
use std::borrow::Cow;

/// The language of a report's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Simplified Chinese, mainland usage: `zh`, `zh-Hans`, `zh-CN`.
    ZhHans,
    /// Traditional Chinese: `zh-Hant`, `zh-TW`, `zh-HK`.
    ZhHant,
    /// English: `en`.
    En,
}

impl Language {
    /// A language tag as `--lang` takes it: `zh` (Simplified), `zh-Hans`, `zh-CN`, `zh-SG`,
    /// `zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`, `en` (any case, `_` or `-`).
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
        let primary = tag.split('-').next().unwrap_or_default();
        match primary {
            "en" => Some(Language::En),
            "zh" => {
                let traditional = tag
                    .split('-')
                    .skip(1)
                    .any(|part| matches!(part, "hant" | "tw" | "hk" | "mo"));
                Some(if traditional {
                    Language::ZhHant
                } else {
                    Language::ZhHans
                })
            }
            _ => None,
        }
    }

    /// The language of a locale such as `zh_CN.UTF-8` or `zh_TW.UTF-8`; `None` for `C`, `POSIX`
    /// and languages the tool does not speak.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let name = locale.split(['.', '@']).next().unwrap_or_default();
        Language::parse(name)
    }

    /// Whether the words are Chinese (in either script).
    pub fn is_zh(self) -> bool {
        self != Language::En
    }

    /// The language a rules file's texts are chosen in: its Chinese texts serve both scripts.
    pub(crate) fn texts(self) -> crate::model::Language {
        match self {
            Language::En => crate::model::Language::En,
            _ => crate::model::Language::Zh,
        }
    }

    /// A text of the plan (a message, a label, a quote) in this language's script: the plan is
    /// written in either script, the reader reads one. English leaves Chinese text as it is.
    pub(crate) fn script<'a>(self, text: &'a str) -> Cow<'a, str> {
        let converted = match self {
            Language::ZhHans => fold::to_simplified(text),
            Language::ZhHant => fold::to_traditional(text),
            Language::En => return Cow::Borrowed(text),
        };
        match full_width_punctuation(&converted) {
            Some(typeset) => Cow::Owned(typeset),
            None => converted,
        }
    }

    /// The separator of a list in running text: 、 in Chinese.
    pub(crate) fn list_separator(self) -> &'static str {
        if self.is_zh() { "、" } else { ", " }
    }
}

/// Chinese typography: an ASCII comma, colon, semicolon or parenthesis next to a Chinese
/// character becomes its full-width form (`违规 1,人工审核` → `违规 1，人工审核`). Text in backticks
/// (a field, a value) is left alone. `None` when nothing changes.
fn full_width_punctuation(text: &str) -> Option<String> {
    let is_cjk = |c: Option<char>| c.is_some_and(|c| crate::base::width::char_width(c) == 2);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '`' {
            in_code = !in_code;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let full = match c {
            ',' => Some('，'),
            ';' => Some('；'),
            ':' => Some('：'),
            '(' => Some('（'),
            ')' => Some('）'),
            _ => None,
        };
        match full {
            Some(full) if !in_code && (is_cjk(before) || is_cjk(after)) => {
                out.push(full);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

macro_rules! words {
    ($($(#[$doc:meta])* $name:ident => $hans:literal, $hant:literal, $en:literal;)*) => {
        /// One of the tool's own words or sentences.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Word {
            $($(#[$doc])* $name,)*
        }

        impl Word {
            /// Every word, for the test that checks the table.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Word] = &[$(Word::$name,)*];

            /// The word in a language, its `{name}` values not yet filled in.
            pub(crate) fn text(self, language: Language) -> &'static str {
                match self {
                    $(Word::$name => match language {
                        Language::ZhHans => $hans,
                        Language::ZhHant => $hant,
                        Language::En => $en,
                    },)*
                }
            }
        }
    };
}

words! {
    Violation => "违规", "違規", "violation";
    Review => "人工审核", "需人工審核", "review";
    MissingInformation => "信息缺失", "資料不足", "missing information";
    Advice => "建议", "建議", "advice";
    Pass => "符合", "符合", "pass";
    NotApplicable => "不适用", "不適用", "not applicable";
    /// The counts of one document or run. English adds its plural endings in `{s…}`.
    Tally => "违规 {violation}，人工审核 {review}，信息缺失 {missing}，建议 {advice}，文件错误 {errors}",
        "違規 {violation}，需人工審核 {review}，資料不足 {missing}，建議 {advice}，文件錯誤 {errors}",
        "{violation} violation{s_violation}, {review} review{s_review}, {missing} missing information, {advice} advice, {errors} document error{s_errors}";
    RunSummary => "共检查 {files} 个文件、{documents} 份文档：{tally}",
        "共檢查 {files} 個檔案、{documents} 份文件：{tally}",
        "checked {files} file{s_files}, {documents} document{s_documents}: {tally}";
    NotInForce => "注意：方案 `{plan}` 于检查日 {date} 不在有效期内（有效期 {period}），以下结果仅供参考",
        "注意：方案 `{plan}` 於檢查日 {date} 不在有效期內（有效期 {period}），以下結果僅供參考",
        "note: plan `{plan}` was not in force on {date}, the check date (in force {period}); findings are for reference only";
    /// One document's line of the summary: its kind, its check date and where that came from.
    DocumentSummary => "{path} #{index}（{kind}，检查日 {date}［{source}］{with_errors}）：{tally}",
        "{path} #{index}（{kind}，檢查日 {date}［{source}］{with_errors}）：{tally}",
        "{path} #{index} ({kind}, as of {date} [{source}]{with_errors}): {tally}";
    DocumentNotChecked => "{path} #{index}（无法检查）：{tally}", "{path} #{index}（無法檢查）：{tally}",
        "{path} #{index} (not checked): {tally}";
    DateFromDocument => "文档日期", "文件日期", "the document's date";
    DateToday => "今天", "今日", "today";
    CheckedWithErrors => "，检查时有错误", "，檢查時有錯誤", ", checked with errors";
    ValueRefusedLabel => "`{field}` 的值未被接受", "`{field}` 的值未被接受", "the value of `{field}` was refused";
    ValueRefusedHelp => "更正 `{field}` 的值，以便按此条款检查", "更正 `{field}` 的值，以便按此條款檢查",
        "correct the value of `{field}` so that this clause can be checked";
    MissingLabel => "此处缺少 `{field}`", "此處缺少 `{field}`", "`{field}` is not given here";
    MissingHelp => "在文档中填写 `{field}`，以便按此条款检查", "在文件中填寫 `{field}`，以便按此條款檢查",
        "add `{field}` to the document so that this clause can be checked";
    AbsentLabel => "此处未填写 `{field}`", "此處未填寫 `{field}`", "`{field}` is not given here";
    ThisItem => "此项", "此項", "this item";
    AtLine => "{value}（第 {line} 行）", "{value}（第 {line} 行）", "{value} (line {line})";
    AlsoDecidedBy => "同样决定结果的值：{list}", "同樣決定結果的值：{list}", "also decided by {list}";
    AppliesBecause => "适用条件：{list}", "適用條件：{list}", "applies because {list}";
    ClauseNote => "条款 {clause}：「{quote}」", "條款 {clause}：「{quote}」", "clause {clause}: 「{quote}」";
    ResponsibleNote => "责任单位：{units}", "責任單位：{units}", "responsible: {units}";
    ReadingNote => "采用的解读：{readings}", "採用的解讀：{readings}", "reading: {readings}";
    WhyNote => "原因：{reason}", "原因：{reason}", "why: {reason}";
    NotYetDue => "期限 {due} 尚未届满，届时仍未达成即为违规", "期限 {due} 尚未屆滿，屆時仍未達成即為違規",
        "not yet due: this falls due on {due}";
    JustificationNote => "申请人说明的例外理由：{reason}{approval}；原则上条款的例外须由审批人员判断",
        "申請人說明的例外理由：{reason}{approval}；原則上條款的例外須由審批人員判斷",
        "justification given: {reason}{approval}; an in-principle exception is for the officer to decide";
    HowToComply => "如何符合：{help}", "如何符合：{help}", "how to comply: {help}";
    ExplainWhen => "条件成立：{condition}", "條件成立：{condition}", "when: {condition}";
    ExplainForbids => "禁止：{requirement}", "禁止：{requirement}", "forbids: {requirement}";
    ExplainRequires => "要求：{requirement}", "要求：{requirement}", "requires: {requirement}";
    ExplainBecause => "依据 {path} = {value}（{pointer}）", "依據 {path} = {value}（{pointer}）",
        "because {path} = {value} ({pointer})";
    ExplainEveryCondition => "依据：条件均成立", "依據：條件均成立", "because: every condition of the rule holds";
    CountNote => "计数：`{path}`{label}共 {items} 项，计入 {holding} 项",
        "計數：`{path}`{label}共 {items} 項，計入 {holding} 項",
        "count: {holding} of {items} items of `{path}`{label}";
    RangeNote => "计算范围（{aggregate}）：`{path}`{label}共 {items} 项中的 {chosen} 项",
        "計算範圍（{aggregate}）：`{path}`{label}共 {items} 項中的 {chosen} 項",
        "{aggregate} over {chosen} of {items} items of `{path}`{label}";
    HoldNote => "`{path}`{label}共 {items} 项，其中 {holding} 项符合",
        "`{path}`{label}共 {items} 項，其中 {holding} 項符合",
        "{holding} of {items} items of `{path}`{label} hold";
    HoldChosenNote => "`{path}`{label}共 {items} 项，选中 {chosen} 项，其中 {holding} 项符合",
        "`{path}`{label}共 {items} 項，選中 {chosen} 項，其中 {holding} 項符合",
        "{holding} of {chosen} chosen items of `{path}`{label} hold ({items} items in all)";
    Uncomputable => "无法就本文档判定此条款，由审核人员判断", "無法就本文件判定此條款，由審核人員判斷",
        "the rule cannot be decided on this document; an officer decides";
    ExceptionApplies => "条款所写的例外适用", "條款所寫的例外適用", "the exception written in the clause applies";
    Overflow => "计算结果超出精确数值的范围，无法判定", "計算結果超出精確數值的範圍，無法判定",
        "a value it computes is too large to compute exactly";
    DivisionByZero => "计算中出现除以零，无法判定", "計算中出現除以零，無法判定", "it divides by zero on this document";
    NoItems => "没有可计算比例、最小值或最大值的项目，无法判定", "沒有可計算比例、最小值或最大值的項目，無法判定",
        "it takes a share, least or greatest value of no items";
    InternalError => "planlint 内部错误，无法判定；请报告此问题", "planlint 內部錯誤，無法判定；請回報此問題",
        "an internal error in planlint kept it from being computed; please report it";
    FieldRefused => "判定所需的字段 `{field}` 的值未被接受，无法按此条款检查",
        "判定所需的欄位 `{field}` 的值未被接受，無法按此條款檢查",
        "the rule needs field `{field}`, and the value the document gives was refused";
    FieldMissing => "缺少判定所需的字段 `{field}`", "缺少判定所需的欄位 `{field}`",
        "the rule needs field `{field}`, which the document does not give";
    KeyClause => "条款", "條款", "clause";
    KeyQuote => "原文", "原文", "quote";
    KeyOfficialQuote => "官方文本原文", "官方文本原文", "official text";
    KeyModality => "类型", "類型", "modality";
    KeyResponsible => "责任单位", "責任單位", "responsible";
    KeyAppliesTo => "适用文档", "適用文件", "applies to";
    KeyForEach => "逐项", "逐項", "for each";
    KeyWhen => "条件", "條件", "when";
    KeyForbids => "禁止", "禁止", "forbids";
    KeyRequires => "要求", "要求", "requires";
    KeyUnless => "例外", "例外", "unless";
    KeyReviewIf => "转人工审核", "轉人工審核", "review if";
    KeyAdviceIf => "仅作建议", "僅作建議", "advice if";
    KeyDeadline => "期限", "期限", "deadline";
    KeyInForce => "生效期间", "生效期間", "in force";
    KeyReading => "解读", "解讀", "reading";
    KeyMessage => "提示信息", "訊息", "message";
    KeyHowToComply => "如何符合", "如何符合", "how to comply";
    KeyNote => "说明", "說明", "note";
    ModalityForbid => "禁止", "禁止", "forbid";
    ModalityMust => "必须", "必須", "must";
    ModalityInPrinciple => "原则上（有理由的例外转人工审核）", "原則上（有理由的例外轉人工審核）",
        "in principle (a justified exception goes to review)";
    ModalityEncourage => "鼓励（仅作建议）", "鼓勵（僅作建議）", "encourage (advice only)";
    ModalityStrive => "力争（仅作建议）", "力爭（僅作建議）", "strive (advice only)";
    ModalityTarget => "目标", "目標", "target";
}

/// A word with its `{name}` values filled in. A value not given stays as `{name}`, which the
/// table's test rules out for the words the tool uses.
pub(crate) fn fill(word: Word, language: Language, values: &[(&str, &str)]) -> String {
    let mut out = word.text(language).to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The English plural ending for a count.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every row has all three texts, the two Chinese ones fill in the same values and English
    /// fills in those too (plus its plural endings), and each Chinese text is in its own script.
    #[test]
    fn every_word_exists_in_every_language() {
        for word in Word::ALL {
            let [hans, hant, en] =
                [Language::ZhHans, Language::ZhHant, Language::En].map(|l| word.text(l));
            assert!(
                !hans.is_empty() && !hant.is_empty() && !en.is_empty(),
                "{word:?}"
            );
            assert_eq!(placeholders(hans), placeholders(hant), "{word:?}");
            let english: Vec<&str> = placeholders(en)
                .into_iter()
                .filter(|p| !p.starts_with("s_"))
                .collect();
            assert_eq!(placeholders(hans), english, "{word:?}");
            assert_eq!(
                fold::to_simplified(hans),
                hans,
                "{word:?} is not Simplified"
            );
            assert!(
                !en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) || en.contains('「'),
                "{word:?}: English with Chinese"
            );
        }
    }

    /// Chinese sentences use full-width punctuation, never an ASCII comma, colon or semicolon.
    #[test]
    fn chinese_words_use_full_width_punctuation() {
        for word in Word::ALL {
            for language in [Language::ZhHans, Language::ZhHant] {
                let text = word.text(language);
                let outside_code: String = text.split('`').step_by(2).collect();
                for ascii in [',', ';', ':', '(', ')'] {
                    assert!(
                        !outside_code.contains(ascii),
                        "{word:?} in {language:?} has `{ascii}`: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn plan_text_is_typeset_for_its_reader() {
        assert_eq!(
            Language::ZhHans.script("燃料,已超過期限(見條款)"),
            "燃料，已超过期限（见条款）"
        );
        assert_eq!(
            Language::ZhHant.script("违规 1,人工审核"),
            "違規 1，人工審核"
        );
        assert_eq!(Language::ZhHans.script("`a,b` 與 x"), "`a,b` 与 x");
        assert_eq!(Language::En.script("燃料,已"), "燃料,已");
    }

    #[test]
    fn language_tags_and_locales() {
        for (tag, language) in [
            ("zh", Language::ZhHans),
            ("zh-Hans", Language::ZhHans),
            ("zh-CN", Language::ZhHans),
            ("zh_CN", Language::ZhHans),
            ("zh-Hant", Language::ZhHant),
            ("zh-TW", Language::ZhHant),
            ("zh-HK", Language::ZhHant),
            ("zh-Hant-TW", Language::ZhHant),
            ("en", Language::En),
            ("en-US", Language::En),
        ] {
            assert_eq!(Language::parse(tag), Some(language), "{tag}");
        }
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(Language::from_locale("zh_CN.UTF-8"), Some(Language::ZhHans));
        assert_eq!(Language::from_locale("zh_TW.UTF-8"), Some(Language::ZhHant));
        assert_eq!(Language::from_locale("C"), None);
        assert_eq!(Language::from_locale("en_GB.UTF-8"), Some(Language::En));
    }
}
