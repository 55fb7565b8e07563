//! The tool's own words, in every language it speaks: one table, one row per word.
//!
//! Each row gives Simplified Chinese with mainland terms (文件, 信息缺失, 违规, 人工审核, 条款,
//! 责任单位), Traditional Chinese, and English. `{name}` marks a value filled in by `fill`;
//! Chinese sentences use full-width punctuation. A row may write `auto` for its Traditional text,
//! which is then the Simplified one converted by OpenCC. A test checks every row: all three texts
//! given, the same values in each, each Chinese text in its own script.
//!
//! Every stage may name a word with its values (a [`Said`]) as data; only the report chooses the
//! language a word is written in.

use crate::base::fold;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

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
    /// The language's tag as records and pages write it: `zh-Hans`, `zh-Hant` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhHans => "zh-Hans",
            Language::ZhHant => "zh-Hant",
            Language::En => "en",
        }
    }

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
        // Chinese on both sides, or Chinese before and no space after: English prose that quotes
        // a Chinese term (`terms (两高, 小锅炉) are`) keeps its own punctuation.
        let chinese_context = (is_cjk(before) && !after.is_some_and(char::is_whitespace))
            || (is_cjk(after)
                && !before.is_some_and(|b| b.is_whitespace() || b.is_ascii_alphabetic()));
        match full {
            Some(full) if !in_code && chinese_context => {
                out.push(full);
                changed = true;
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

/// A row's Traditional text: written out, or `auto` for its Simplified text converted.
macro_rules! traditional {
    (auto, $hans:literal) => {
        auto_traditional($hans)
    };
    ($hant:literal, $hans:literal) => {
        $hant
    };
}

/// The Traditional form of a Simplified row, converted once and kept for the run.
fn auto_traditional(hans: &'static str) -> &'static str {
    static CONVERTED: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let cache = CONVERTED.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = match cache.lock() {
        Ok(cache) => cache,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache.entry(hans).or_insert_with(|| {
        // Each row is leaked once: the table is as long-lived as the program.
        Box::leak(fold::to_traditional(hans).into_owned().into_boxed_str())
    })
}

macro_rules! words {
    ($($(#[$doc:meta])* $name:ident => $hans:literal, $hant:tt, $en:literal;)*) => {
        /// One of the tool's own words or sentences.
        // The language server's words are used only when it is built.
        #[cfg_attr(not(feature = "lsp"), allow(dead_code))]
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
                        Language::ZhHant => traditional!($hant, $hans),
                        Language::En => $en,
                    },)*
                }
            }
        }
    };
}

words! {
    /// The label of a diagnostic's notes in the terminal frame: six columns, as wide as `help: `.
    FrameNotes => "说明：", "說明：", "help: ";
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
    SkippedWithoutKind => "说明：文件夹中有 {count} 个 YAML/JSON 文件没有写明 `kind`，不是申报材料，已跳过；直接写出文件名即可检查", auto,
        "note: {count} YAML/JSON file{s_files} in the folders declare no `kind` and are not submissions: skipped (name a file to check it anyway)";
    CleanDocuments => "没有发现问题的文档：{count} 份", "沒有發現問題的文件：{count} 份",
        "{count} document{s_documents} with nothing to report";
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
    UnknownPlanLayer => "方案链中没有方案 `{given}`；链中的方案：{known}", auto,
        "the chain of plans has no plan `{given}`; it has {known}";
    UnknownPlanLayerHelp => "`--plan` 取方案链中某一方案的标识", auto, "`--plan` takes the id of a plan of the chain";
    PlanNote => "方案：{title}（{number}，`{id}`）", auto, "plan: {title} ({number}, `{id}`)";
    PlanNoteUnnumbered => "方案：{title}（`{id}`）", auto, "plan: {title} (`{id}`)";
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
    NotesInEnglish => "维护者对此规则的编码说明以英文写成，用 `--lang en` 查看", auto,
        "the maintainers' notes on this rule are written in English: see `--lang en`";
    ModalityForbid => "禁止", "禁止", "forbid";
    ModalityMust => "必须", "必須", "must";
    ModalityInPrinciple => "原则上（有理由的例外转人工审核）", "原則上（有理由的例外轉人工審核）",
        "in principle (a justified exception goes to review)";
    ModalityEncourage => "鼓励（仅作建议）", "鼓勵（僅作建議）", "encourage (advice only)";
    ModalityStrive => "力争（仅作建议）", "力爭（僅作建議）", "strive (advice only)";
    ModalityTarget => "目标", "目標", "target";
    // The submission's input errors: each names the field by its path and Chinese label.
    FieldWithLabel => "`{path}`（{label}）", auto, "`{path}` ({label})";
    FieldWithoutLabel => "`{path}`", auto, "`{path}`";
    NotBoolean => "{field} 的值 `{raw}` 不是“是”或“否”", auto, "{field}: `{raw}` is not a yes/no value";
    AmbiguousBoolean => "{field} 的值 `{raw}` 有歧义，不当作“是”或“否”读取", auto,
        "{field}: `{raw}` is not read as a yes/no value";
    AmbiguousBooleanHelp => "YAML 1.1 把 `{raw}` 读作是非值，YAML 1.2 读作文本；请写 `是` 或 `否`", auto,
        "YAML 1.1 reads `{raw}` as a boolean and YAML 1.2 as text; write `true` or `false` (`是` or `否`)";
    NotNumber => "{field} 的值 `{raw}` 不是数字：{why}", auto, "{field}: `{raw}` is not a number: {why}";
    NotWholeNumber => "{field} 的值 `{raw}` 不是整数", auto, "{field}: `{raw}` is not a whole number";
    NotPercentage => "{field} 的值 `{raw}` 不是百分比：{why}", auto, "{field}: `{raw}` is not a percentage: {why}";
    NotDate => "{field} 的值 `{raw}` 不是有效的日期", auto, "{field}: `{raw}` is not a calendar date";
    NotDateHelp => "写一个真实的日期，如 `2025-12-31`、`2025年12月31日` 或 `2025.12.31`", auto,
        "write a real day as `2025-12-31`, `2025年12月31日` or `2025.12.31`";
    NotEnumValue => "{field} 的值 `{raw}` 不是可选的值", auto, "{field}: `{raw}` is not one of the accepted values";
    EnumSuggestion => "是否想写 `{best}`？可填写：{values}", auto, "did you mean `{best}`? accepted: {values}";
    NotSingleValue => "{field} 的值 `{raw}` 是单个值，此处应为{expected}", auto,
        "{field}: `{raw}` is a single value, and {expected} is expected";
    QuantityWithoutNumber => "{field} 的值 `{raw}` 不以数字开头", auto, "{field}: `{raw}` does not start with a number";
    NotQuantity => "{field} 的值 `{raw}` 不是数量：{why}", auto, "{field}: `{raw}` is not a quantity: {why}";
    QuantityWithoutUnit => "{field} 的值 `{raw}` 没有单位", auto, "{field}: `{raw}` has no unit";
    UnknownUnit => "{field} 的值 `{raw}` 中的单位 `{unit}` 无法识别", auto,
        "{field}: unknown unit `{unit}` in `{raw}`";
    UnitOfOtherDimension => "{field} 的值 `{raw}` 中的 `{unit}` 用于{there}，此字段填写的是{here}", auto,
        "{field}: `{unit}` in `{raw}` is a unit of {there}, and this field is {here}";
    QuantityTooLarge => "{field} 的值 `{raw}` 太大", auto, "{field}: `{raw}` is too large";
    DigitSeparators => "不接受千位分隔符，请写 `1500` 而不是 `1,500`", auto,
        "digit separators are not accepted; write `1500` rather than `1,500`";
    LeadingZero => "以 0 开头的数有歧义（YAML 1.1 把 `010` 读作八进制 8），请去掉开头的 0", auto,
        "a leading zero is ambiguous (YAML 1.1 reads `010` as octal 8); drop the zero";
    ExpectedDigits => "应为数字，可带小数点", auto, "expected digits, with an optional decimal point";
    NumberTooLarge => "数字过长：最多读取 18 位数字（整数与小数部分合计），最大为 999999999999999999", auto,
        "too many digits: at most 18 (whole and fraction together) are read exactly, so the largest is 999999999999999999";
    ExponentNotation => "不接受科学计数法（如 `1e5`）：请写出完整数字", auto,
        "exponent notation (`1e5`) is not accepted: write the number out";
    WriteExpected => "请填写{expected}", auto, "write {expected}";
    ValueHere => "此处", auto, "here";
    ExpectBoolean => "`是` 或 `否`", auto, "`true` or `false` (`是` or `否`)";
    ExpectWholeNumber => "整数", auto, "a whole number";
    ExpectNumber => "数字", auto, "a number";
    ExpectPercentage => "百分比，如 `87%`", auto, "a percentage such as `87%`";
    ExpectText => "文本", auto, "text";
    ExpectStandardCode => "符合 {standard} 的{label}", auto, "a {label} as {standard} writes it";
    ExpectPatternCode => "形如 {patterns} 的{label}（`#` 为数字，`@` 为大写字母，`*` 为任意字符）", auto,
        "a {label} of the form {patterns} (`#` a digit, `@` a capital letter, `*` anything)";
    IdentifierLength => "{field} 的值 `{raw}` 有 {found} 个字符，{label}应为 {expected} 个", auto,
        "{field}: `{raw}` has {found} characters, and a {label} has {expected}";
    IdentifierCharacter => "{field} 的值 `{raw}` 的第 {position} 个字符 `{found}` 不能用于{label}的该位置（允许：{allowed}）", auto,
        "{field}: character {position} of `{raw}` is `{found}`, which a {label} does not use there (allowed: {allowed})";
    IdentifierCheck => "{field} 的值 `{raw}` 不是有效的{label}：第 {position} 位校验码为 `{found}`，按前面的字符计算应为 `{expected}`", auto,
        "{field}: `{raw}` is not a valid {label}: check character {position} is `{found}`, and the characters before it give `{expected}`";
    IdentifierDivision => "{field} 的值 `{raw}` 的第 {from}–{to} 位 `{found}` 不是 {standard} 中的代码", auto,
        "{field}: positions {from}-{to} of `{raw}`, `{found}`, are not a code of {standard}";
    IdentifierSection => "{field} 的值 `{raw}` 把大类 `{division}` 写在门类 `{found}` 下，GB/T 4754 中该大类属于门类 `{expected}`", auto,
        "{field}: `{raw}` puts division `{division}` under section `{found}`, and GB/T 4754 puts it under `{expected}`";
    IdentifierPattern => "{field} 的值 `{raw}` 不是{label}的形式", auto,
        "{field}: `{raw}` does not have the form of a {label}";
    ExpectDate => "日期，如 `2025-12-31` 或 `2025年12月31日`", auto, "a date such as `2025-12-31` or `2025年12月31日`";
    ExpectQuantity => "带单位的数值：{units}", auto, "a number with a unit: {units}";
    ExpectOneOf => "以下之一：{values}", auto, "one of {values}";
    ExpectRecord => "`{record}` 的各字段", auto, "a mapping of `{record}` fields";
    ExpectList => "列表，每项为{item}", auto, "a list, each item {item}";
    ExpectValue => "一个值", auto, "a value";
    FileTooLarge => "`{file}` 有 {bytes} 字节，超过 {limit} 字节的上限", auto,
        "`{file}` is {bytes} bytes, over the limit of {limit} bytes";
    FileTooLargeHelp => "把申报材料拆成几个文件", auto, "split the submission into several files";
    NotUtf8 => "`{file}` 不是有效的 UTF-8 编码：第 {byte} 字节无法解码", auto,
        "`{file}` is not valid UTF-8: byte {byte} cannot be decoded";
    NotUtf8Label => "此处字节无效", auto, "invalid byte here";
    YamlKeyTooLong => "键名过长：YAML 的键名最多 {limit} 个字符", auto,
        "a key is too long: YAML reads keys of at most {limit} characters";
    YamlKeyTooLongLabel => "过长的键名", auto, "this key is too long";
    YamlKeyTooLongHelp => "缩短键名；字段名及其中文标签都远短于此", auto,
        "shorten the key; every field name and Chinese label is far shorter";
    WideEncoding => "`{file}` 看起来是 {encoding} 编码，而申报材料须为 UTF-8", auto,
        "`{file}` looks like {encoding}, and submissions must be UTF-8";
    WideEncodingHelp => "在编辑器中把文件从 {encoding} 另存为 UTF-8（记事本：另存为 → 编码 → UTF-8）", auto,
        "save the file from {encoding} as UTF-8 (Notepad: Save As → Encoding → UTF-8)";
    NotUtf8Help => "把文件另存为 UTF-8 编码（不接受 GBK 和 Big5）", auto,
        "save the file as UTF-8 (GBK and Big5 are not accepted)";
    NoDocument => "`{file}` 中没有文档", auto, "`{file}` holds no document";
    NoDocumentHelp => "申报材料是以 `kind:` 和 `plan:` 开头的 YAML 映射", auto,
        "a submission is a YAML mapping starting with `kind:` and `plan:`";
    JsonUnreadable => "无法读取 JSON（`{why}`）", auto, "the JSON cannot be read: {why}";
    JsonUnreadableHelp => "在此处改正 JSON（JSON 不允许末尾逗号和注释），或把文件另存为 `.yaml`", auto,
        "fix the JSON at this point (JSON allows no trailing commas or comments), or save the file as `.yaml`";
    YamlTab => "YAML 需要空格的地方用了制表符", auto, "a tab is used where YAML needs spaces";
    YamlTabLabel => "此处是制表符", auto, "tab here";
    YamlTabHelp => "用空格缩进；YAML 不允许用制表符缩进", auto, "indent with spaces; YAML does not allow tabs in indentation";
    YamlTooDeep => "文档嵌套超过 {depth} 层", auto, "the document nests deeper than {depth} levels";
    YamlTooDeepLabel => "从此处起太深", auto, "too deep from here";
    YamlTooDeepHelp => "申报材料不需要这么深的嵌套；请检查文件是否生成有误", auto,
        "a submission never needs this depth; check the file was generated correctly";
    YamlUnknownAnchor => "别名引用了未定义的锚点", auto, "an alias refers to an anchor that is not defined";
    YamlUnknownAnchorLabel => "未知锚点", auto, "unknown anchor";
    YamlUnknownAnchorHelp => "先定义 `&name` 再使用 `*name`", auto, "define `&name` before using `*name`";
    YamlUnreadable => "无法读取 YAML（`{why}`）", auto, "the YAML cannot be read: {why}";
    YamlUnreadableHelp => "在此处改正 YAML 语法；文件其余部分未读取", auto,
        "fix the YAML syntax at this point; the rest of the file was not read";
    TooManyDocuments => "`{file}` 中的文档超过 {limit} 份：前 {limit} 份已检查，其余未读取", auto,
        "`{file}` holds more than {limit} documents: the first {limit} are checked, the rest are not read";
    TooManyDocumentsLabel => "从此处起未读取", auto, "not read from here";
    TooManyDocumentsHelp => "把文档分到多个文件中，每个文件不超过上限", auto,
        "split the documents over several files, each within the limit";
    TooManyValues => "文档展开后超过 {limit} 个值", auto, "the document expands to more than {limit} values";
    TooManyValuesLabel => "在此处超过上限", auto, "the limit is passed here";
    TooManyValuesHelp => "别名（`*name`）会完整展开；别名炸弹或失控的生成程序会造成这种情况", auto,
        "aliases (`*name`) are expanded in full; an alias bomb or a runaway generator produces this";
    ComplexKey => "映射的键必须是单个值", auto, "a mapping key must be a single value";
    ComplexKeyLabel => "用列表或映射作了键", auto, "a list or mapping used as a key";
    ComplexKeyHelp => "键写成简单的名称，如 `boilers:`", auto, "write keys as plain names, e.g. `boilers:`";
    DuplicateKey => "键 `{key}` 在同一映射中出现两次", auto, "key `{key}` appears twice in one mapping";
    RepeatedHere => "此处重复", auto, "repeated here";
    FirstGivenHere => "第一次在此处给出", auto, "first given here";
    DuplicateKeyHelp => "保留其中一个：哪个值算数会有歧义", auto, "keep one of the two: which value counts would be ambiguous";
    JustificationUnknownRule => "例外说明所指的 `{rule}` 不是本方案的规则", auto,
        "the justification names `{rule}`, which is not a rule of this plan";
    UnknownRuleLabel => "未知规则", auto, "unknown rule";
    JustificationRuleIdHelp => "写上要说明例外的规则编号，即该规则的发现开头所写的编号", auto,
        "write the id of the rule the exception is for, as its finding shows it";
    JustificationWrongKind => "例外说明所指的 `{rule}` 适用于 `{applies}` 文档，不适用于本 `{kind}` 文档", auto,
        "the justification names `{rule}`, which applies to `{applies}` documents, not to this `{kind}`";
    JustificationWrongKindLabel => "另一种文档的规则", auto, "a rule of another kind of document";
    JustificationWrongKindHelp => "删除它，或核对规则编号是否写对", auto, "remove it, or check that the rule id is the one meant";
    JustificationRefused => "规则 `{rule}`（条款 {clause}）是 `{modality}` 条款，不接受例外", auto,
        "rule `{rule}` (clause {clause}) is a `{modality}` clause and allows no exception";
    JustificationRefusedLabel => "不能有例外", auto, "no exception possible";
    JustificationRefusedHelp => "只有写明“原则上”的条款才接受例外说明；请遵守此条款，或撤回项目", auto,
        "only clauses that say 「原則上」 (in principle) accept a justification; comply with this one or withdraw the project";
    JustificationUnused => "对 `{rule}` 的例外说明用不上：该规则没有触发", auto,
        "the justification for `{rule}` is not needed: the rule did not fire";
    JustificationUnusedLabel => "没有需要说明的", auto, "nothing to justify";
    JustificationUnusedHelp => "删除它，或核对文档是否如实描述了项目", auto,
        "remove it, or check that the document describes the project as intended";
    JustificationsNotList => "`justifications` 应为列表，此处是{found}", auto,
        "`justifications` must be a list, and this is {found}";
    JustificationsHelp => "每项写 `- rule: 规则编号`，并各附 `reason:`", auto,
        "write `- rule: ID` items with a `reason:` each";
    JustificationNotMapping => "每项例外说明应为含 `rule` 和 `reason` 的映射", auto,
        "a justification must be a mapping with `rule` and `reason`";
    NotMappingLabel => "不是映射", auto, "not a mapping";
    JustificationUnknownKey => "例外说明没有键 `{key}`", auto, "a justification has no key `{key}`";
    JustificationNoRule => "例外说明没有写明规则 `rule`", auto, "a justification does not name its `rule`";
    JustificationNoRuleHelp => "添加 `rule:`，写上规则编号", auto, "add `rule:` with the rule id";
    JustificationNoReason => "例外说明没有写理由 `reason`", auto, "a justification gives no `reason`";
    JustificationNoReasonHelp => "添加 `reason:`，说明为何可以例外", auto,
        "add `reason:` explaining why the exception is justified";
    InThisJustification => "在此例外说明中", auto, "in this justification";
    ShapeSingleValue => "单个值", auto, "a single value";
    ShapeEmptyValue => "空值", auto, "an empty value";
    ShapeList => "列表", auto, "a list";
    ShapeMapping => "映射", auto, "a mapping";
    SubmissionNotAMapping => "申报材料应为由字段组成的映射，此处是{found}", auto,
        "a submission must be a mapping, and this is {found}";
    SubmissionNotAMappingLabel => "此处应为 `kind: …` 和各字段", auto, "expected `kind: …` and fields here";
    SubmissionNotAMappingHelp => "文档以 `kind: project`（或其他种类）和 `plan: …` 开头", auto,
        "start the document with `kind: project` (or another kind) and `plan: …`";
    MissingKind => "文档没有写明种类 `kind`", auto, "the document does not say its `kind`";
    MissingKindHelp => "添加 `kind:`，写以下之一：{kinds}", auto, "add `kind:` with one of {kinds}";
    InThisDocument => "在此文档中", auto, "in this document";
    UnknownKind => "未知的文档种类 `{kind}`", auto, "unknown document kind `{kind}`";
    UnknownKindLabel => "不是已声明的种类", auto, "not a declared kind";
    UnknownKindSuggestion => "是否想写 `{best}`？可用的种类：{kinds}", auto, "did you mean `{best}`? the kinds are {kinds}";
    KindsDeclared => "规则声明的种类：{kinds}", auto, "the rules declare these kinds: {kinds}";
    MissingPlan => "文档没有写明按哪个方案 `plan` 申报", auto,
        "the document does not say which `plan` it is submitted under";
    MissingPlanHelp => "添加 `plan: {plan}`", auto, "add `plan: {plan}`";
    WrongPlan => "文档按方案 `{given}` 申报，而这些规则属于方案 `{plan}`", auto,
        "the document is submitted under plan `{given}`, and these rules are plan `{plan}`";
    WrongPlanLabel => "另一个方案", auto, "another plan";
    WrongPlanHelp => "用 `--rules` 按该方案的规则检查，或写 `plan: {plan}`", auto,
        "check it against that plan's rules with `--rules`, or write `plan: {plan}`";
    UnknownField => "`{record}` 没有字段 `{key}`", auto, "`{record}` has no field `{key}`";
    UnknownFieldLabel => "未知字段", auto, "unknown field";
    DidYouMean => "是否想写 `{best}`？", auto, "did you mean `{best}`?";
    FieldsDeclared => "可填写的字段：{names}", auto, "the fields are {names}";
    MissingRequiredField => "`{record}` 缺少必填字段 {field}", auto, "`{record}` is missing the required field {field}";
    MissingRequiredFieldLabel => "`{name}` 应填写在这一组字段中", auto, "`{name}` belongs in this mapping";
    MissingRequiredFieldHelp => "添加 `{name}:`（{expected}）", auto, "add `{name}:` ({expected})";
    EmptyRequiredField => "必填字段 {field} 是空的", auto, "field {field} is required and is empty";
    EmptyRequiredFieldLabel => "没有值", auto, "no value";
    EmptyRequiredFieldHelp => "给 `{name}` 填写一个值（{expected}）", auto, "give `{name}` a value ({expected})";
    NotList => "{field} 应为列表，此处是{found}", auto, "{field}: expected a list, and this is {found}";
    NotListLabel => "不是列表", auto, "not a list";
    NotListHelp => "每项单独一行，以 `- ` 开头（{item}）", auto, "write each item on a line starting with `- ` ({item})";
    WrongShape => "{field} 应为{expected}，此处是{found}", auto, "{field}: expected {expected}, and this is {found}";
    WrongShapeLabel => "形式不对", auto, "wrong shape";
    WrongShapeHelp => "填写单个值：{expected}", auto, "write a single value: {expected}";
    NotFieldMapping => "`{record}` 应为由字段组成的映射，此处是{found}", auto,
        "`{record}` must be a mapping of fields, and this is {found}";
    NotFieldMappingLabel => "此处应为字段", auto, "expected fields here";
    NotFieldMappingHelp => "按 `字段: 值` 逐行填写", auto, "write it as `field: value` lines";
    // The plan maintainer's diagnostics (`rules check`): the resolver's words.
    WhatPlan => "方案", auto, "plan";
    WhatReading => "解读", auto, "reading";
    WhatRule => "规则", auto, "rule";
    WhatRow => "条目", auto, "row";
    WhatType => "类型", auto, "type";
    WhatEnumValue => "枚举值", auto, "enum value";
    WhatField => "字段", auto, "field";
    WhatName => "名称", auto, "name";
    WhatParameter => "参数", auto, "parameter";
    WhatDefinition => "定义", auto, "definition";
    WhatUnits => "单位", auto, "units";
    WhatTypes => "类型", auto, "types";
    WhatFields => "字段", auto, "fields";
    WhatDocumentKinds => "文档种类", auto, "document kinds";
    WhatReadings => "解读", auto, "readings";
    WhatValues => "枚举值", auto, "values";
    WhatNames => "名称", auto, "names";
    WhatDefinitions => "定义", auto, "definitions";
    WhatRules => "规则", auto, "rules";
    WhatCodes => "诊断代码", auto, "codes";
    NoMoreSuggestions => "检查拼写；前面的问题已列出声明过的名称", auto,
        "check the spelling; the problems before this one list the declared names";
    NoneDeclared => "没有声明任何{what}", auto, "no {what} are declared";
    DeclaredHere => "已声明的{what}：{names}", auto, "{what} declared here: {names}";
    DeclaredHereAndMore => "已声明的{what}：{names}，另有 {more} 个", auto,
        "{what} declared here: {names} and {more} more";
    TypeBool => "布尔值", auto, "bool";
    TypeInteger => "整数", auto, "integer";
    TypeDecimal => "小数", auto, "decimal";
    TypePercent => "百分比", auto, "percent";
    TypeText => "文本", auto, "text";
    TypeDate => "日期", auto, "date";
    TypeQuantity => "`{dimension}` 量纲的数量", auto, "a quantity of `{dimension}`";
    TypeNamed => "`{name}`", auto, "`{name}`";
    TypeList => "由{item}组成的列表", auto, "list {item}";
    TypeUnknown => "未知类型", auto, "unknown";
    DeclaredTwice => "{what} `{name}` 声明了两次", auto, "{what} `{name}` is declared twice";
    DeclaredAgainHere => "在此处再次声明", auto, "declared again here";
    DeclaredTwiceHelp => "重命名其中一个，或删除重复的声明", auto, "rename one of them or remove the copy";
    FirstDeclaredHere => "第一次在此处声明", auto, "first declared here";
    FirstDeclaredAt => "第一次声明于 {place}", auto, "first declared at {place}";
    NoPlan => "规则中没有声明方案 `plan`", auto, "the rules declare no `plan`";
    NoPlanHelp => "添加 `plan ID { title … level … effective … text … }` 块；参见 docs/language.md", auto,
        "add a `plan ID { title … level … effective … text … }` block; see docs/language.md";
    PlanInSchemaFolder => "共享模式文件夹中声明了方案 `{id}`", auto,
        "the shared schema folder declares a plan `{id}`";
    PlanInSchemaFolderHelp => "共享模式文件夹只声明记录、单位、枚举、标识、参数和定义；把方案移到其自己的文件夹", auto,
        "a shared schema folder declares records, units, enums, identifiers, parameters and definitions only; move the plan to a folder of its own";
    LayerFolderMissing => "方案 `{plan}` 指定的{what} `{name}` 不在 `{place}`", auto,
        "the {what} `{name}` that plan `{plan}` names is not at `{place}`";
    LayerFolderMissingHelp => "把该文件夹放在本方案文件夹旁（`rules/{name}`），或删除这一行；缺少上级方案时，按其余方案检查", auto,
        "put that folder beside this plan's (`rules/{name}`), or remove the line; without a parent, submissions are checked against the rest of the chain";
    LayerSkipped => "{level}方案 `{plan}` 的上级方案为{parent_level}方案：方案链跳过了{skipped}方案", auto,
        "the {level} plan `{plan}` names a {parent_level} plan as its parent: the chain skips the {skipped} level";
    LevelCounty => "县级", "縣級", "county";
    LevelCity => "市级", "市級", "city";
    LevelProvince => "省级", "省級", "provincial";
    LevelNational => "国家级", "國家級", "national";
    LayerSkippedHelp => "跳过的层级的规则不予检查；取得其文本后，将其编码为位于两者之间的方案", auto,
        "the rules of the skipped level are not checked; once its text is available, encode it as a plan between the two";
    ImplementsUnknown => "规则 `{rule}` 实施的 `{id}` 不是其上级方案中的规则", auto,
        "rule `{rule}` implements `{id}`, which no plan above it has";
    NotARuleAbove => "不是上级方案的规则", auto, "not a rule of a plan above";
    ImplementsUnknownHelp => "`implements` 取上级方案（`parent`）中某条规则的编号", auto,
        "`implements` takes the id of a rule of a plan above (`parent`)";
    LayerWeaker => "较弱", "較弱", "weaker";
    LayerCannotVerify => "无法核实", "無法核實", "cannot verify";
    LayerNoWeaker => "不弱于上级", "不弱於上級", "no weaker";
    LayerPair => "{verdict}：{child}（{child_plan}）实施 {parent}（{parent_plan}）", auto,
        "{verdict}: {child} ({child_plan}) implements {parent} ({parent_plan})";
    LayerSignWeaker => "可能较弱", "可能較弱", "weaker";
    LayerSignStricter => "较严", "較嚴", "stricter";
    LayerSignNotCompared => "未比较", "未比較", "not compared";
    LayerDifference => "  - {aspect}（{sign}）：{text}", auto, "  - {aspect} ({sign}): {text}";
    AspectModality => "规范性质", "規範性質", "modality";
    AspectKind => "文件类型", "文件類型", "document kind";
    AspectList => "逐项核查的对象", "逐項核查的對象", "items checked";
    AspectScope => "适用范围", "適用範圍", "scope";
    AspectThreshold => "阈值", "閾值", "threshold";
    AspectInclusivity => "是否含本数", "是否含本數", "inclusivity";
    AspectRequirement => "要求", auto, "requirement";
    AspectException => "例外", auto, "exception";
    AspectSofterOutcome => "较轻的结果", "較輕的結果", "softer outcome";
    AspectDeadline => "期限", auto, "deadline";
    DiffModality => "下级为 `{child}`，上级为 `{parent}`", auto, "the child is `{child}` where the parent is `{parent}`";
    DiffKind => "下级核查 `{child}` 文件，上级核查 `{parent}` 文件", auto,
        "the child checks `{child}` documents, the parent `{parent}` documents";
    DiffList => "下级逐项核查 [{child}]，上级逐项核查 [{parent}]", auto,
        "the child runs over [{child}], the parent over [{parent}]";
    DiffDeadline => "下级期限为 {child}，上级为 {parent}", auto, "the child is due {child}, the parent {parent}";
    DiffDeadlineChildOnly => "下级期限为 {child}，上级不设期限、即时适用", auto,
        "the child is due {child}, the parent binds with no deadline";
    DiffDeadlineParentOnly => "上级期限为 {parent}，下级不设期限、即时适用", auto,
        "the parent is due {parent}, the child binds with no deadline";
    DiffException => "下级有上级没有的例外：unless `{text}`", auto,
        "the child has an exception the parent lacks: unless `{text}`";
    DiffSofter => "下级在 `{condition}` 时给出{outcome}而非违规，上级没有", auto,
        "the child gives {outcome} instead of a violation if `{condition}`, which the parent does not";
    DiffBoundNarrower => "下级仅在 `{child}` 时适用，上级在 `{parent}` 时适用", auto,
        "the child applies only when `{child}`, the parent when `{parent}`";
    DiffBoundWider => "下级在 `{child}` 时适用，宽于上级的 `{parent}`", auto,
        "the child applies when `{child}`, wider than the parent's `{parent}`";
    DiffFloorExtra => "下级仅在 `{bound}` 时适用（上级没有此下限）", auto,
        "the child applies only when `{bound}` (a floor the parent does not have)";
    DiffLimitExtra => "下级仅在 `{bound}` 时适用（上级没有此上限）", auto,
        "the child applies only when `{bound}` (a limit the parent does not have)";
    DiffConditionExtra => "下级仅在 `{text}` 时适用，上级没有此条件", auto,
        "the child applies only when `{text}`, a condition the parent does not have";
    DiffConditionParent => "上级仅在 `{text}` 时适用，下级在其他情况下也适用", auto,
        "the parent applies only when `{text}`, the child also otherwise";
    DiffDutyAgainstBan => "下级规定义务（`{child}`）而上级规定禁止（`{parent}`），或相反", auto,
        "the child states a duty (`{child}`) where the parent states a ban (`{parent}`), or the reverse";
    DiffBanBound => "下级禁止 `{child}`，上级禁止 `{parent}`", auto, "the child forbids `{child}`, the parent `{parent}`";
    DiffDutyBound => "下级要求 `{child}`，上级要求 `{parent}`", auto, "the child requires `{child}`, the parent `{parent}`";
    DiffBanMissing => "上级还禁止 {parts}，下级没有", auto, "the parent also forbids {parts}, the child does not";
    DiffDutyMissing => "上级还要求 {parts}，下级没有", auto, "the parent also requires {parts}, the child does not";
    DiffBanExtra => "下级还禁止 {parts}", auto, "the child also forbids {parts}";
    DiffDutyExtra => "下级还要求 {parts}", auto, "the child also requires {parts}";
    LayerCounterExample => "  反例：`{source}`：{parent} 给出{parent_outcome}，{child} 给出{child_outcome}", auto,
        "  counter-example: `{source}`: {parent} gives {parent_outcome}, {child} gives {child_outcome}";
    LayerCounterExampleMade => "  反例：`{source}`，将 {path} 改为 `{value}`：{parent} 给出{parent_outcome}，{child} 给出{child_outcome}", auto,
        "  counter-example: `{source}`, with {path} set to `{value}`: {parent} gives {parent_outcome}, {child} gives {child_outcome}";
    LayerNoCounterExample => "  理由：上述差异可能使下级较弱，但 {tried} 份测试申报材料及在两条规则界限之间尝试的数值均未显示这一点；依据该差异编写一份测试即可判定", auto,
        "  reason: the differences above may make the child weaker, but none of the {tried} test submissions, nor the values tried between the two rules' bounds, shows it; a test written from the difference settles it";
    LayerNotImplemented => "上级方案中没有下级规则实施的规则（仍通过方案链适用）：{count} 条", auto,
        "rules of the plans above that no rule below implements (they still apply through the chain): {count}";
    LayerSummary => "{pairs} 对：{weaker} 对较弱，{cannot} 对无法核实，{no_weaker} 对不弱于上级；尝试了 {tried} 份测试申报材料作为反例", auto,
        "{pairs} pairs: {weaker} weaker, {cannot} cannot verify, {no_weaker} no weaker; {tried} test submissions tried as counter-examples";
    HtmlTitle => "规划符合性审查报告", "規劃符合性審查報告", "Plan compliance review report";
    HtmlPlans => "依据", "依據", "Checked against";
    HtmlFile => "申报文件", "申報文件", "Submission file";
    HtmlKind => "文件类型", "文件類型", "Kind";
    HtmlCheckDate => "检查日期", "檢查日期", "Check date";
    HtmlDateAsOf => "按指定日期检查", "按指定日期檢查", "as given for the check";
    HtmlDateDocument => "取自申报材料的日期", "取自申報材料的日期", "the document's own date";
    HtmlDateToday => "检查当日", "檢查當日", "the day of the check";
    HtmlPlanInForce => "方案效力", "方案效力", "Plan in force";
    HtmlDocumentErrors => "文件错误", "文件錯誤", "document errors";
    HtmlNoFindings => "未发现违规、需人工审核、信息缺失或建议事项。", "未發現違規、需人工審核、資訊缺失或建議事項。",
        "No violation, review, missing information or advice.";
    HtmlFindings => "审查发现", "審查發現", "Findings";
    HtmlJustifications => "申报方说明的例外理由", "申報方說明的例外理由", "Justifications the submitter gives";
    HtmlRule => "规则", "規則", "Rule";
    HtmlReasonAndApproval => "理由（批复文号）", "理由（批覆文號）", "Reason (approval document)";
    HtmlJustificationUsed => "已采用：相关违规转为人工审核", "已採用：相關違規轉為人工審核",
        "applied: the violation goes to review";
    HtmlJustificationUnused => "未采用：该规则未发现违规", "未採用：該規則未發現違規",
        "not applied: the rule found no violation";
    HtmlOpinion => "审查意见", "審查意見", "Review opinion";
    HtmlOfficer => "经办人", "經辦人", "Officer";
    HtmlDate => "日期", auto, "Date";
    HtmlFooter => "由 planlint {version} 生成；方案：{plans}；判定为不通过的最低结果：{fail_on}", auto,
        "Made by planlint {version}; plans: {plans}; the least outcome that fails the check: {fail_on}";
    HtmlRecord => "决定记录 planlint/decision/v1：{id}；方案文件摘要 {digest}；申报文件 {inputs}", auto,
        "decision record planlint/decision/v1: {id}; plan files {digest}; submissions {inputs}";
    ReplayReproduced => "已复现：决定 `{id}` 相同", "已復現：決定 `{id}` 相同", "reproduced: the same decision `{id}`";
    ReplayNotReproduced => "未复现：决定 `{recorded}` 现为 `{now}`", "未復現：決定 `{recorded}` 現為 `{now}`",
        "not reproduced: decision `{recorded}` is now `{now}`";
    ReplayPlanDiffers => "方案链文件不同：记录为 `{recorded}`，现为 `{now}`", auto,
        "the plan chain's files differ: recorded `{recorded}`, now `{now}`";
    ReplayToolDiffers => "工具版本不同：记录为 {recorded}，现为 {now}", auto,
        "the tool differs: recorded version {recorded}, now {now}";
    ReplayInputDiffers => "`{file}` 与记录的 `{recorded}` 内容不同", auto,
        "`{file}` differs from the file recorded as `{recorded}`";
    ReplayDateDiffers => "`{file}` 第 {document} 份文件按 {now} 检查，记录为 {recorded}", auto,
        "`{file}` #{document}: checked as of {now}, recorded {recorded}";
    ReplayInputCount => "记录了 {recorded} 个申报文件，现给出 {now} 个", auto,
        "{recorded} submission files recorded, {now} given";
    ReplayCountsDiffer => "结果不同（违规/人工审核/信息缺失/建议/已豁免/文件错误）：记录为 {recorded}，现为 {now}", auto,
        "the outcomes differ (violations/reviews/missing information/advice/waived/document errors): recorded {recorded}, now {now}";
    ReplayIdDiffers => "决定不同：记录为 `{recorded}`，现为 `{now}`", auto,
        "the decision differs: recorded `{recorded}`, now `{now}`";
    InvalidRecord => "`{path}` 不是可读的决定记录：{reason}", auto, "`{path}` is not a decision record that can be read: {reason}";
    InvalidRecordHelp => "给出 `planlint check --record FILE` 写出的文件（planlint/decision/v1）", auto,
        "give a file `planlint check --record FILE` wrote (planlint/decision/v1)";
    InitFolderNotEmpty => "`{path}` 中已有文件", "`{path}` 中已有檔案", "`{path}` already holds files";
    InitFolderNotEmptyHelp => "为新方案另选一个空文件夹或尚不存在的文件夹", auto,
        "choose an empty folder, or one that does not exist yet, for the new plan";
    InitNoClause => "`{path}` 中没有位于编号部分（一、或（一））内、以「。」结尾的句子可供引用", auto,
        "`{path}` has no sentence ending in `。` inside a numbered part (`一、` or `（一）`) to quote";
    InitNoClauseHelp => "给出方案的官方文本，正文按「一、」「（一）」编号", auto,
        "give the plan's official text, its body numbered `一、` and `（一）`";
    InitCreated => "已创建 `{path}`：{count} 个文件；接下来运行 `planlint rules check {path}`、`planlint rules test {path}` 和 `planlint rules coverage {path}`", auto,
        "created `{path}`: {count} files; next run `planlint rules check {path}`, `planlint rules test {path}` and `planlint rules coverage {path}`";
    FmtRefused => "`{path}` 有语法错误，未格式化", "`{path}` 有語法錯誤，未格式化",
        "`{path}` has syntax errors: not formatted";
    FmtWouldChange => "将重新格式化 `{path}`", "將重新格式化 `{path}`", "would reformat `{path}`";
    FmtSummaryWritten => "已重新格式化 {changed} 个文件，{unchanged} 个未变", "已重新格式化 {changed} 個檔案，{unchanged} 個未變",
        "{changed} file{s_changed} reformatted, {unchanged} left unchanged";
    FmtSummaryChecked => "{changed} 个文件将被重新格式化，{unchanged} 个已符合格式", "{changed} 個檔案將被重新格式化，{unchanged} 個已符合格式",
        "{changed} file{s_changed} would be reformatted, {unchanged} already formatted";
    FmtSummaryRefused => "；{refused} 个文件因错误未处理", "；{refused} 個檔案因錯誤未處理",
        "; {refused} file{s_refused} not formatted because of errors";
    LspClause => "条款", "條款", "clause";
    LspResponsible => "责任单位", "責任單位", "responsible";
    LspReadings => "解读", "解讀", "readings";
    LspAlso => "又写作", "又寫作", "also written";
    LspUnitOf => "量纲 `{dimension}` 的单位", "量綱 `{dimension}` 的單位", "a unit of `{dimension}`";
    LspValueOf => "枚举 `{enum}` 的取值", "枚舉 `{enum}` 的取值", "a value of `{enum}`";
    LspFieldOf => "`{record}` 的字段", "`{record}` 的欄位", "a field of `{record}`";
    LspOptional => "可选", "可選", "optional";
    LspValues => "取值", "取值", "values";
    LspFields => "字段", "欄位", "fields";
    LspUnits => "单位", "單位", "units";
    LspTestsLens => "测试：{passed} 个通过，{failed} 个失败", "測試：{passed} 個通過，{failed} 個失敗",
        "tests: {passed} passed, {failed} failing";
    LspNoTestsLens => "没有测试", "沒有測試", "no tests";
    LspReplaceWith => "改为 `{name}`", "改為 `{name}`", "replace with `{name}`";
    Waived => "已豁免", "已豁免", "waived";
    WaivedBy => "经 `{id}` 豁免（{document}，{granted_by}，有效期至 {expires}）：{reason}", "經 `{id}` 豁免（{document}，{granted_by}，有效期至 {expires}）：{reason}",
        "waived by `{id}` ({document}, {granted_by}, until {expires}): {reason}";
    WaiverNotInForceNote => "豁免 `{id}` 在审查日期不在有效期内（{granted} 至 {expires}），本项结论不变", "豁免 `{id}` 在審查日期不在有效期內（{granted} 至 {expires}），本項結論不變",
        "waiver `{id}` is not in force on the check date ({granted} to {expires}): the finding stands";
    WaiverDuplicateId => "豁免编号 `{id}` 重复", "豁免編號 `{id}` 重複", "waiver id `{id}` is used twice";
    WaiverDuplicateIdHelp => "第 {line} 行已使用此编号；每项豁免使用唯一编号", "第 {line} 行已使用此編號；每項豁免使用唯一編號",
        "line {line} already uses it; give each waiver its own id";
    WaiverRegisterShape => "豁免登记簿应为包含 `waivers:` 列表的映射", "豁免登記簿應為包含 `waivers:` 列表的映射",
        "a waiver register is a mapping with a `waivers:` list";
    WaiverRegisterShapeHelp => "每项为一个映射：id、rule、subject、document、granted_by、granted_on、expires_on、reason", auto,
        "each entry is a mapping: id, rule, subject, document, granted_by, granted_on, expires_on, reason";
    WaiverEntryShape => "豁免条目应为映射", "豁免條目應為映射", "a waiver entry must be a mapping";
    WhatWaiverFields => "豁免字段", "豁免欄位", "waiver fields";
    WaiverUnknownField => "豁免没有字段 `{field}`", "豁免沒有欄位 `{field}`", "a waiver has no field `{field}`";
    WaiverFieldEmpty => "豁免字段 `{field}` 为空", "豁免欄位 `{field}` 為空", "waiver field `{field}` is empty";
    WaiverFieldMissing => "豁免缺少字段 `{field}`", "豁免缺少欄位 `{field}`", "the waiver has no `{field}`";
    WaiverFieldsHelp => "豁免须写明 id、rule、subject（统一社会信用代码、项目代码或文件名）、document（批准文号）、granted_by、granted_on、expires_on 和 reason", auto,
        "a waiver gives id, rule, subject (USCC, project code or file name), document (the approval number), granted_by, granted_on, expires_on and reason";
    WaiverBadDate => "豁免字段 `{field}` 的 `{value}` 不是日期", "豁免欄位 `{field}` 的 `{value}` 不是日期",
        "waiver field `{field}` is `{value}`, not a date";
    WaiverBadDateHelp => "日期写作 YYYY-MM-DD，到期日不早于批准日", auto,
        "write dates as YYYY-MM-DD, the expiry no earlier than the grant";
    WaiverExpiresBeforeGranted => "豁免到期日 {expired} 早于批准日 {granted}", "豁免到期日 {expired} 早於批准日 {granted}",
        "the waiver expires on {expired}, before it was granted on {granted}";
    WaiverAllowHardNotBool => "`allow_hard` 应为 true 或 false", "`allow_hard` 應為 true 或 false", "`allow_hard` must be true or false";
    WaiverAllowHardHelp => "豁免非「原则上」规则时写 `allow_hard: true` 并在 `hard_reason` 中说明理由", auto,
        "to waive a rule that is not `in principle`, write `allow_hard: true` and say why in `hard_reason`";
    WaiverUnknownRule => "豁免指向的规则 `{rule}` 在本方案中不存在", "豁免指向的規則 `{rule}` 在本方案中不存在",
        "the waiver names rule `{rule}`, which the plan does not have";
    WaiverHardRule => "规则 `{rule}` 为 `{modality}`，不是「原则上」规则，不能豁免", "規則 `{rule}` 為 `{modality}`，不是「原則上」規則，不能豁免",
        "rule `{rule}` is `{modality}`, not `in principle`: it cannot be waived";
    WaiverHardRuleHelp => "只有「原则上」规则可以豁免；确需豁免的，写 `allow_hard: true` 并在 `hard_reason` 中说明依据", auto,
        "only `in principle` rules can be waived; where one must be, write `allow_hard: true` and the grounds in `hard_reason`";
    WaiverHardReasonHelp => "`allow_hard: true` 须在 `hard_reason` 中说明依据", "`allow_hard: true` 須在 `hard_reason` 中說明依據",
        "`allow_hard: true` needs the grounds in `hard_reason`";
    WaiverHereLabel => "此处", "此處", "here";
    WaiverNotYetGranted => "豁免 `{id}`（`{rule}`）于 {granted} 批准，晚于审查日期 {date}，不适用", "豁免 `{id}`（`{rule}`）於 {granted} 批准，晚於審查日期 {date}，不適用",
        "waiver `{id}` for `{rule}` was granted on {granted}, after the check date {date}: it does not apply";
    WaiverGrantedLabel => "批准日期", "批准日期", "granted";
    WaiverExpired => "豁免 `{id}`（`{rule}`）已于 {expired} 到期（审查日期 {date}），不再适用", "豁免 `{id}`（`{rule}`）已於 {expired} 到期（審查日期 {date}），不再適用",
        "waiver `{id}` for `{rule}` expired on {expired} (check date {date}): it does not apply";
    WaiverExpiresLabel => "到期", "到期", "expires";
    WaiverExpiredHelp => "本项结论照常报告；如需继续豁免，由审批部门续期", "本項結論照常報告；如需繼續豁免，由審批部門續期",
        "the finding is reported as it stands; the approving authority may renew the waiver";
    WaiverUnused => "豁免 `{id}`（规则 `{rule}`，对象 `{subject}`）未豁免任何结论", "豁免 `{id}`（規則 `{rule}`，對象 `{subject}`）未豁免任何結論",
        "waiver `{id}` (rule `{rule}`, subject `{subject}`) waived nothing";
    WaiverUnusedLabel => "未使用", "未使用", "unused";
    WaiverUnusedHelp => "核对规则编号与对象（统一社会信用代码、项目代码或文件名）；已不需要的豁免可从登记簿中删除", auto,
        "check the rule id and the subject (USCC, project code or file name); remove a waiver no longer needed";
    TallyWaived => "；另有 {waived} 项已豁免", "；另有 {waived} 項已豁免", "; {waived} waived";
    HtmlWaivers => "审批部门的豁免", "審批部門的豁免", "Waivers granted by the approving authority";
    HtmlWaiverTerms => "理由（批准文号，批准人，有效期）", "理由（批准文號，批准人，有效期）", "Reason (approval number, granted by, period)";
    HtmlWaiverApplied => "已适用", "已適用", "applied";
    HtmlWaiverNotInForce => "审查日期不在有效期内，未适用", "審查日期不在有效期內，未適用", "not in force on the check date: not applied";
    ReplayWaiversDiffer => "豁免登记簿不同：记录为 `{recorded}`，现在为 `{now}`", "豁免登記簿不同：記錄為 `{recorded}`，現在為 `{now}`",
        "the waiver register differs: `{recorded}` in the record, `{now}` now";
    DocTitle => "规则与原文对照", "規則與原文對照", "rules beside the text";
    DocNoText => "本方案没有可读的官方文本", "本方案沒有可讀的官方文本", "the plan has no official text that could be read";
    DocText => "官方文本（已编码的段落标出并链接到规则）", "官方文本（已編碼的段落標出並連結到規則）",
        "The official text (each encoded passage marked and linked to its rule)";
    DocOmitted => "未编码的条目及理由", "未編碼的條目及理由", "Rows not encoded, with the reason";
    DocUnquoted => "没有规则引用的规范性句子", "沒有規則引用的規範性句子", "Normative sentences no rule quotes";
    DocTests => "测试用例：{count} 个", "測試用例：{count} 個", "test cases: {count}";
    WhatParentPlan => "上级方案", auto, "parent plan";
    WhatSchemaFolder => "共享模式", auto, "shared schema";
    ParentCycle => "方案链 `{chain}` 回到了自身", auto, "the chain of plans `{chain}` comes back to itself";
    ParentCycleHelp => "上级方案不能是本方案或其下级方案", auto,
        "a parent cannot be the plan itself or one of its children";
    SchemaDiffers => "方案 `{plan}` 使用共享模式 `{found}`，而链中的方案使用 `{expected}`", auto,
        "plan `{plan}` uses the shared schema `{found}` where the chain uses `{expected}`";
    SchemaDiffersHelp => "同一链中的方案读取同一份申报材料，必须使用同一共享模式", auto,
        "the plans of one chain read the same submissions, so they use one shared schema";
    PlanSetTwice => "方案两次设置了 `{key}`", auto, "the plan sets `{key}` twice";
    SetAgainHere => "在此处再次设置", auto, "set again here";
    KeepOne => "保留其中一个", auto, "keep one";
    PlanMissingSetting => "方案没有设置 `{key}`", auto, "the plan does not set `{key}`";
    InThisPlan => "在此方案中", auto, "in this plan";
    PlanMissingSettingHelp => "在方案块中添加一行 `{key}`；参见 docs/language.md", auto,
        "add a `{key}` line to the plan block; see docs/language.md";
    PlanEndsBeforeStart => "方案的结束日期（{until}）早于开始日期（{from}）", auto,
        "the plan ends ({until}) before it starts ({from})";
    EmptyPeriod => "此期间为空", auto, "this period is empty";
    SwapDates => "交换这两个日期", auto, "swap the two dates";
    RulesNotDate => "`{text}` 不是有效的日期", auto, "`{text}` is not a calendar date";
    NoSuchDay => "没有这一天", auto, "no such day";
    RulesNotDateHelp => "写一个真实的日期，格式为 `YYYY-MM-DD`", auto, "write a real day as YYYY-MM-DD";
    UnitSpellingTaken => "单位写法 `{spelling}` 已被单位 `{other}` 使用", auto,
        "unit spelling `{spelling}` is already used by unit `{other}`";
    ThisUnit => "此单位", auto, "this unit";
    RulesAmbiguousUnit => "`{unit}` 是多个量纲的单位写法：{units}", auto,
        "`{unit}` spells a unit of several dimensions: {units}";
    UnitOfSeveralDimensions => "多个量纲的单位", auto, "a unit of several dimensions";
    RulesAmbiguousUnitHelp => "规则文件中写单位的名称，不写其别名", auto,
        "write the unit's name in rules files, not one of its other spellings";
    UnitSpellingTakenHelp => "同一量纲中每种写法只能对应一个单位，单位的名称在整个方案中只能对应一个单位，否则会有歧义", auto,
        "a spelling names one unit of a dimension, and a unit's name one unit of the plan, or they would be ambiguous";
    DimensionWithoutUnits => "量纲 `{dimension}` 没有声明任何单位", auto, "dimension `{dimension}` declares no unit";
    NoUnits => "没有单位", auto, "no units";
    DimensionWithoutUnitsHelp => "至少添加一行 `unit`", auto, "add at least one `unit` line";
    ZeroConversion => "换算系数不能为零", auto, "a conversion factor cannot be zero";
    ZeroHere => "此处为零", auto, "zero here";
    ZeroConversionHelp => "两边都写非零的数量", auto, "give both sides a non-zero amount";
    UnitUnconnected => "单位 `{unit}` 无法换算为 `{dimension}` 的基本单位 `{base}`", auto,
        "unit `{unit}` cannot be converted to `{base}`, the base unit of `{dimension}`";
    NoConversionReaches => "没有换算关系连到此单位", auto, "no conversion reaches this unit";
    UnitUnconnectedHelp => "添加一行，如 `convert 1 {base} = … {unit}`", auto,
        "add a line such as `convert 1 {base} = … {unit}`";
    UnitOfAnotherDimension => "单位 `{unit}` 属于 `{other}`，不属于 `{this}`", auto,
        "unit `{unit}` belongs to `{other}`, not to `{this}`";
    FromAnotherDimension => "来自另一个量纲", auto, "from another dimension";
    UnitOfAnotherDimensionHelp => "换算只能连接其所在量纲的单位", auto,
        "a conversion may only join units of the dimension it is declared in";
    RulesUnknownUnit => "未知单位 `{unit}`", auto, "unknown unit `{unit}`";
    NotADeclaredUnit => "不是已声明的单位", auto, "not a declared unit";
    BuiltinTypeName => "`{name}` 是内置类型", auto, "`{name}` is a built-in type";
    NameTaken => "此名称已被占用", auto, "this name is taken";
    ChooseAnotherName => "换一个名称", auto, "choose another name";
    AmbiguousEnumSpelling => "在枚举 `{enum}` 中，`{spelling}` 同时指 `{owner}` 和 `{value}`", auto,
        "`{spelling}` names both `{owner}` and `{value}` in enum `{enum}`";
    AmbiguousSpelling => "写法有歧义", auto, "ambiguous spelling";
    AmbiguousEnumSpellingHelp => "每个标签和别名只能对应一个枚举值", auto, "each label and alias must name one value";
    UnknownType => "未知类型 `{name}`", auto, "unknown type `{name}`";
    NotAType => "不是类型", auto, "not a type";
    ReservedField => "`{name}` 是每种文档的保留键", auto, "`{name}` is reserved in every document";
    ReservedKey => "保留键", auto, "reserved key";
    ChooseAnotherFieldName => "换一个字段名", auto, "choose another field name";
    DatedByNotDate => "`dated by` 需要日期字段，而 `{field}` 不是", auto,
        "`dated by` needs a date field, and `{field}` is not one";
    NotADate => "不是日期", auto, "not a date";
    DatedByNotDateHelp => "把该字段声明为 `date`", auto, "declare the field as `date`";
    RecordHasNoField => "`{record}` 没有字段 `{field}`", auto, "`{record}` has no field `{field}`";
    NoSuchField => "没有这个字段", auto, "no such field";
    ChainTooDeep => "`{name}` 依赖的定义链超过 {limit} 层", auto,
        "`{name}` depends on a chain of more than {limit} definitions";
    TooDeep => "太深", auto, "too deep";
    ChainTooDeepHelp => "缩短依赖链：让此定义直接使用事实", auto,
        "flatten the chain: let this definition use the facts directly";
    DefinitionCycle => "定义互相依赖，形成循环：{names}", auto, "definitions depend on themselves: {names}";
    CycleStartsHere => "循环从此处开始", auto, "the cycle starts here";
    DefinitionCycleHelp => "打破循环：其中一个定义不能依赖其他定义", auto,
        "break the cycle: one of these must be defined without the others";
    Uses => "使用了 `{name}`", auto, "uses `{name}`";
    NeverUsed => "{what} `{name}` 从未使用", auto, "{what} `{name}` is never used";
    Unused => "未使用", auto, "unused";
    NeverUsedHelp => "在规则中使用它，或将其删除", auto, "use it in a rule or remove it";
    BidiControl => "规则文件中有双向控制字符 `{char}`，文本显示的顺序与其字节不同", auto,
        "a bidirectional control character `{char}` is in the rules file: the text reads differently from its bytes";
    BidiControlHere => "双向控制字符", auto, "bidirectional control";
    BidiControlHelp => "删除该字符；引文须与官方文本逐字一致，不需要它", auto,
        "delete the character; quotes match the official text character for character without it";
    UnknownStandard => "`{name}` 不是本工具认识的标识符标准", auto,
        "`{name}` is not an identifier standard the engine knows";
    NotAKnownStandard => "未知标准", auto, "not a known standard";
    KnownStandards => "本工具认识的标准：{names}；其他编码用 `pattern` 写出其形式", auto,
        "the engine knows {names}; write other codes' shapes with `pattern`";
    EmptyPattern => "标识符 `{name}` 的形式为空", auto, "identifier `{name}` has an empty pattern";
    EmptyPatternHelp => "用 `#` 表示数字，`@` 表示大写字母，`*` 表示一个或多个任意字符", auto,
        "write `#` for a digit, `@` for a capital letter and `*` for one or more of anything";
    RuleUnknownRow => "规则 `{rule}` 编码的条目 `{row}` 不在条款清单中", auto,
        "rule `{rule}` encodes row `{row}`, which the inventory does not have";
    OmitUnknownRow => "`omit {row}` 所指的条目不在条款清单中", auto,
        "`omit {row}` names a row the inventory does not have";
    NotAnInventoryRow => "不是清单中的条目", auto, "not a row of the inventory";
    WhatRows => "清单条目", auto, "inventory rows";
    RowNotEncoded => "条款清单的条目 `{row}` 既没有规则，也没有 `omit`", auto,
        "row `{row}` of the inventory has no rule and no `omit`";
    NoRuleNoOmit => "未编码", auto, "not encoded";
    RowNotEncodedHelp => "编写规则 `rule {row}`，或在另一规则中写 `row {row}`；不编码的，写 `omit {row}` 并说明理由", auto,
        "write `rule {row}`, or `row {row}` in another rule; or `omit {row}` with the reason";
    OmitWithoutReason => "`omit {id}` 没有写理由", auto, "`omit {id}` gives no reason";
    EmptyReason => "理由为空", auto, "empty reason";
    OmitWithoutReasonHelp => "说明此条目为何不编码，例如没有申报材料载有这一事实", auto,
        "say why the row is not encoded, e.g. that no submission carries the fact";
    RuleTwoRequirements => "规则 `{rule}` 有不止一项要求（`must`、`forbid` …）", auto,
        "rule `{rule}` has more than one requirement (`must`, `forbid` …)";
    RuleClauseTwice => "规则 `{rule}` 写了两次 `{key}`", auto, "rule `{rule}` has `{key}` twice";
    RuleTextTwiceHelp => "每种文本在每种语言中只写一次：一条不带标记（中文），一条带 `en`", auto,
        "a rule has one text of each kind per language: one untagged (Chinese) and one `en`";
    RuleClauseTwiceHelp => "规则只写一次；如果条款包含两项义务，拆成两条规则", auto,
        "a rule states this once; split the clause into two rules if it holds two obligations";
    RuleWithoutRequirement => "规则 `{rule}` 没有要求", auto, "rule `{rule}` has no requirement";
    RuleWithoutClause => "规则 `{rule}` 没有 `{key}`", auto, "rule `{rule}` has no `{key}`";
    InThisRule => "在此规则中", auto, "in this rule";
    AddLineSuchAs => "添加一行，如 `{example}`", auto, "add a line such as `{example}`";
    MissingMessageHelp => "添加 `message \"…\"`，说明哪里不符合，值写在 `{…}` 中", auto,
        "add `message \"…\"` saying what is wrong, with values in `{…}`";
    MissingHelpHelp => "添加 `help \"…\"`，说明如何符合", auto, "add `help \"…\"` saying how to comply";
    NotADeclaredDocument => "不是已声明的 `document`", auto, "not a declared `document`";
    UnknownReading => "未知解读 `{name}`", auto, "unknown reading `{name}`";
    NotADeclaredReading => "不是已声明的 `reading`", auto, "not a declared `reading`";
    ReviewOnSoftRule => "规则 `{rule}` 是软性（`{modality}`）规则，而 `review if` 会把它交给审核人员", auto,
        "rule `{rule}` is a soft (`{modality}`) rule, and `review if` sends it to an officer";
    ReviewOnSoftRuleLabel => "软性规则上的人工审核", auto, "review on a soft rule";
    ReviewOnSoftRuleHelp => "软性规则只给出建议，从不转人工审核（决定 A1b）：改写为 `advice if`，理由不变", auto,
        "a soft rule gives advice, never review (decisions A1b): write `advice if` with the same reason";
    Keyword => "`{keyword}`", auto, "`{keyword}`";
    ARequirement => "要求", auto, "a requirement";
    BodyOf => "`{name}` 的主体", auto, "the body of `{name}`";
    NeedsCondition => "{what}需要一个条件（真或假），而此处是{found}", auto,
        "{what} needs a condition (true or false), and this is {found}";
    NotACondition => "不是条件", auto, "not a condition";
    NeedsConditionHelp => "把它与某个值比较，如 `x >= 35 t/h` 或 `x = true`", auto,
        "compare it with something, e.g. `x >= 35 t/h` or `x = true`";
    NumberTooLong => "`{number}` 这个数太长", auto, "`{number}` is too long a number";
    NumberTooLongHelp => "最多写 18 位数字", auto, "use at most 18 digits";
    ListMixesTypes => "列表中混有{wanted}和{found}", auto, "a list mixes {wanted} and {found}";
    OfAnotherType => "类型不同", auto, "of another type";
    ListMixesTypesHelp => "列表的各项必须是同一类型", auto, "every item of a list must be of one type";
    CannotNegate => "不能对{found}取负", auto, "cannot negate {found}";
    CannotNegateHelp => "只有数字、百分比和数量有正负", auto, "only numbers, percentages and quantities have a sign";
    CannotLookFor => "不能在由{found}组成的列表中查找{wanted}", auto, "cannot look for {wanted} in a list of {found}";
    CannotLookForHelp => "查找的项和列表必须是同一类型", auto, "the item and the list must be of one type";
    InNeedsList => "`in` 需要一个列表，而此处是{found}", auto, "`in` needs a list, and this is {found}";
    InNeedsListHelp => "把可选值写成列表：`[a, b]`", auto, "write the choices as a list: `[a, b]`";
    CannotCombine => "不能用 `{symbol}` 把{left}与{right}相组合：两者量纲不同", auto,
        "cannot combine {left} with {right} by `{symbol}`: their dimensions differ";
    CannotCombineHelp => "换算其中一边，或比较同一量纲的数量", auto,
        "convert one side, or compare quantities of one dimension";
    CannotCompute => "无法计算 {left} {symbol} {right}", auto, "cannot compute {left} {symbol} {right}";
    CannotComputeHelp => "算术只适用于数字、百分比和同一量纲的数量", auto,
        "arithmetic works on numbers, percentages and quantities of one dimension";
    CannotCompareDimensions => "不能把{left}与{right}比较：两者量纲不同", auto,
        "cannot compare {left} with {right}: their dimensions differ";
    CannotCompareDimensionsHelp => "比较同一量纲的数量；用已声明的单位换算", auto,
        "compare quantities of one dimension; convert with a declared unit";
    WriteAsPercentage => "把数字写成百分比，如 `87%`", auto, "write the number as a percentage, e.g. `87%`";
    GiveNumberUnit => "给数字加上单位，如 `35 t/h`", auto, "give the number its unit, e.g. `35 t/h`";
    CompareOneType => "比较的两边必须是同一类型", auto, "both sides of a comparison must be of one type";
    CannotCompare => "不能把{left}与{right}比较", auto, "cannot compare {left} with {right}";
    NeedsOrder => "`{symbol}` 需要有顺序的值，而{left}没有顺序", auto,
        "`{symbol}` needs values with an order, and {left} has none";
    NeedsOrderHelp => "使用 `=` 或 `!=`，或 `in [..]`；值有顺序的枚举可以声明为 `ordered`", auto,
        "use `=` or `!=`, or `in [..]`; an enum whose values have an order can be declared `ordered`";
    CannotCompareWhole => "不能整体比较{left}的值", auto, "cannot compare whole {left} values";
    CompareOneField => "比较其中的某个字段", auto, "compare one of their fields";
    DefinitionWithoutArguments => "定义 `{name}` 需要 {arity} 个参数，而此处没有给出", auto,
        "definition `{name}` takes {arity} argument(s), and none are given";
    NoArguments => "没有参数", auto, "no arguments";
    CallItAs => "写成 `{name}(…)` 调用", auto, "call it as `{name}(…)`";
    NotAnEnumValue => "`{name}` 不是 `{enum}` 的枚举值", auto, "`{name}` is not a value of `{enum}`";
    NotInTheEnum => "不在枚举中", auto, "not in the enum";
    UnknownName => "未知名称 `{name}`", auto, "unknown name `{name}`";
    NotDefinedHere => "此处未定义", auto, "not defined here";
    FieldOfList => "不能取列表的字段 `{field}`", auto, "cannot take field `{field}` of a list";
    FieldOfListHelp => "使用聚合，如 `any(x in list: x.field …)`，或使用 `for each`", auto,
        "use an aggregate such as `any(x in list: x.field …)` or `for each`";
    FieldOfValue => "不能取{found}的字段 `{field}`", auto, "cannot take field `{field}` of {found}";
    FieldOfValueHelp => "只有记录才有字段", auto, "only records have fields";
    WrongArity => "`{name}` 需要 {wanted} 个参数，而此处给出了 {given} 个", auto,
        "`{name}` takes {wanted} argument(s), and {given} are given";
    WrongNumberOfArguments => "参数个数不对", auto, "wrong number of arguments";
    WrongArityHelp => "给 `{name}` 正好 {wanted} 个参数", auto, "give `{name}` exactly {wanted}";
    NeedsDocumentField => "`{name}` 需要文档的一个字段", auto, "`{name}` needs a field of the document";
    NeedsDocumentFieldHelp => "写一个字段，如 `given(b.commissioned)`", auto,
        "name a field, e.g. `given(b.commissioned)`";
    CountNeedsList => "`count` 需要一个列表，而此处是{found}", auto, "`count` needs a list, and this is {found}";
    NameAListField => "写一个列表字段", auto, "name a list field";
    TakesTwoNumbers => "`{name}` 需要两个数字，或同一量纲的两个数量", auto,
        "`{name}` takes two numbers, or two quantities of one dimension";
    TakesDates => "`{name}` 需要日期", auto, "`{name}` takes dates";
    SeeBuiltins => "参见 docs/language.md 中的内置函数", auto, "see the built-in functions in docs/language.md";
    UnknownDefinition => "未知定义 `{name}`", auto, "unknown definition `{name}`";
    NotDefined => "未定义", auto, "not defined";
    ArgumentType => "`{callee}` 的参数 `{param}` 应为{wanted}，而此处是{found}", auto,
        "argument `{param}` of `{callee}` must be {wanted}, and this is {found}";
    WrongType => "类型不对", auto, "wrong type";
    ArgumentTypeHelp => "传入声明类型的值", auto, "pass a value of the declared type";
    CountTakesNoBody => "`count` 不接受 `:` 主体", auto, "`count` takes no `:` body";
    RemoveThis => "删除此处", auto, "remove this";
    CountTakesNoBodyHelp => "改用 `where` 选出要计数的项：`count(x in list where …)`", auto,
        "count the items chosen by `where` instead: `count(x in list where …)`";
    NeedsBody => "`{name}` 需要在 `:` 之后写主体", auto, "`{name}` needs a body after `:`";
    NoBody => "没有主体", auto, "no body";
    ForExample => "例如 `{example}`", auto, "for example `{example}`";
    NeedsList => "{what}需要一个列表，而此处是{found}", auto, "{what} needs a list, and this is {found}";
    NeedsListHelp => "写一个声明为 `list …` 的字段", auto, "name a field declared as `list …`";
    AggregateNeedsNumbers => "`{name}` 需要数字或数量，而此处是{found}", auto,
        "`{name}` needs numbers or quantities, and this is {found}";
    AggregateNumericField => "对数值字段做聚合", auto, "aggregate a numeric field";
    UnusedAllow => "规则 `{rule}` 允许了 `{code}`，但该诊断并未在此规则上出现", auto,
        "rule `{rule}` allows `{code}`, which does not fire on it";
    UnusedAllowHelp => "删除这行 `allow`：规则已不再需要这一说明", auto,
        "remove the `allow` line: the rule no longer needs the argument";
    APass => "符合", auto, "a pass";
    AbsentDecides => "文档不填写 `{name}` 时，规则 `{rule}` 的结果是{outcome}", auto,
        "rule `{rule}` gives {outcome} when the document leaves `{name}` out";
    AbsenceDecidesHere => "此处由未填写决定结果", auto, "its absence decides here";
    AbsentDecidesHelp => "未填写即信息缺失（决定 A18）：不用 `given` 直接读取 `{name}`，使不填写成为信息缺失；如果条款原文规定未填写即表示“无”，在规则上用 `/// allow rules::absent-not-applicable: …` 说明理由", auto,
        "silence is missing information (decisions A18): read `{name}` without `given`, so that leaving it out is missing information; where the text makes its absence mean \"none\", say why on the rule with `/// allow rules::absent-not-applicable: …`";
    NeverHolds => "永远不成立", auto, "never holds";
    AlwaysHolds => "总是成立", auto, "always holds";
    RuleNeverApplies => "规则永远不会适用", auto, "the rule never applies";
    RuleNeverGivesOutcome => "规则永远不会给出自己的结果", auto, "the rule can never give its own outcome";
    LineNeverTakesEffect => "这一行永远不起作用", auto, "the line never takes effect";
    IneffectiveLine => "规则 `{rule}` 的 `{keyword}` 在读取之处{how}：{effect}", auto,
        "the `{keyword}` of rule `{rule}` {how} where it is read: {effect}";
    RepeatsOwnCondition => "重复了规则自身的条件或要求", auto, "repeats the rule's own condition or requirement";
    IneffectiveLineHelp => "写出条款所指的条件，或删除这一行", auto,
        "write the condition the clause means, or remove the line";
    IneffectiveDeadline => "规则 `{rule}` 的 `deadline` 永远不起作用：鼓励或力争类规则无论日期如何都只给出建议", auto,
        "the `deadline` of rule `{rule}` never takes effect: an encourage or strive rule gives advice whatever the date";
    NeverTakesEffect => "永远不起作用", auto, "never takes effect";
    IneffectiveDeadlineHelp => "删除期限，或在提示信息中写明日期", auto,
        "remove the deadline, or say the date in the message";
    TextPromisesReview => "规则 `{rule}` 写了 `{word}`，却从不把结果交给审核人员", auto,
        "rule `{rule}` says `{word}` but never sends a finding to an officer";
    TextPromisesReviewHelp => "添加文本所承诺的 `review if … because \"…\"` 一行，或改写文本", auto,
        "add the `review if … because \"…\"` line the text promises, or reword the text";
    ReadingNotChinese => "解读 `{name}` 的文本不是中文", auto, "the text of reading `{name}` is not Chinese";
    ReadingEnglishOnly => "解读 `{name}` 只有英文", auto, "reading `{name}` is written in English only";
    ReadingWithoutEnglish => "解读 `{name}` 没有英文文本", auto, "reading `{name}` has no English text";
    ReadingEnglishNotEnglish => "解读 `{name}` 的英文文本不是英文", auto,
        "the English text of reading `{name}` is not English";
    ThisReading => "此解读", auto, "this reading";
    ReadingLanguagesHelp => "先用中文写解读，再用 `en \"…\"` 写英文：`reading A1 \"中文\" en \"English\"`", auto,
        "write the reading in Chinese, then `en \"…\"` in English: `reading A1 \"中文\" en \"English\"`";
    TextMessage => "提示信息", auto, "message";
    TextHelp => "如何符合", auto, "help";
    TextReason => "理由", auto, "reason";
    TextWithoutChinese => "其{what}没有中文文本", auto, "its {what} has no Chinese text";
    TextMixesEnglish => "其{what}的中文文本中混有英文", auto, "its {what} mixes English into the Chinese text";
    TextWithoutEnglish => "其{what}没有英文文本", auto, "its {what} has no English text";
    EnglishTextNotEnglish => "其{what}的英文文本不是英文", auto, "the English text of its {what} is not English";
    RuleTextProblem => "规则 `{rule}`：{problem}", auto, "rule `{rule}`: {problem}";
    TextLanguagesHelp => "每种文本先写中文，再用 `en \"…\"` 写英文，每个字符串只用一种语言", auto,
        "give each text in Chinese and then `en \"…\"` in English, one language per string";
    PlanHasNoRule => "方案 `{plan}` 没有规则 `{rule}`", auto, "plan `{plan}` has no rule `{rule}`";
    NotACode => "`{code}` 不是 planlint 的诊断代码", auto, "`{code}` is not a diagnostic code of planlint";
    RulesUnusable => "规则有错误，无法使用；请先改正（参见 `planlint rules check`）再检查申报材料", auto,
        "the rules cannot be used; fix them (see `planlint rules check`) before checking submissions";
    RulesSummary => "{root}：规则 {rules} 条，文档种类 {kinds} 种；错误 {errors} 个，警告 {warnings} 个", auto,
        "{root}: {rules} rule{s_rules}, {kinds} document kind{s_kinds}; {errors} error{s_errors}, {warnings} warning{s_warnings}";
    // The syntax stage's words: what the parser expected, in the language's own terms.
    GrammarEndOfFile => "文件末尾", auto, "the end of the file";
    GrammarEndOfLine => "行末", auto, "the end of the line";
    GrammarDeclaration => "声明（`plan`、`dimension`、`enum`、`record`、`document`、`param`、`define`、`rule` …）", auto,
        "a declaration (`plan`, `dimension`, `enum`, `record`, `document`, `param`, `define`, `rule` …)";
    GrammarPlanSetting => "方案设置（`title`、`number`、`level`、`jurisdiction`、`effective`、`text`、`parent`）", auto,
        "a plan setting (`title`, `number`, `level`, `jurisdiction`, `effective`, `text`, `parent`)";
    GrammarDateRange => "`from DATE` 或 `until DATE`", auto, "`from DATE` or `until DATE`";
    GrammarQuotedText => "带引号的文本", auto, "a quoted text";
    GrammarEnumValue => "枚举值", auto, "an enum value";
    GrammarField => "字段（`name: type`）", auto, "a field (`name: type`)";
    GrammarType => "类型", auto, "a type";
    GrammarParameterList => "参数列表", auto, "a parameter list";
    GrammarParameter => "参数（`name: type`）", auto, "a parameter (`name: type`)";
    GrammarRuleLine => "规则行（`clause`、`quote`、`when`、`must`、`forbid`、`message` …）", auto,
        "a rule line (`clause`, `quote`, `when`, `must`, `forbid`, `message` …)";
    GrammarModality => "规范类型（`must`、`forbid`、`in principle must` …）", auto,
        "a modality (`must`, `forbid`, `in principle must` …)";
    GrammarLanguage => "`en` 或 `zh`", auto, "`en` or `zh`";
    GrammarExpression => "表达式", auto, "an expression";
    GrammarComparison => "比较（`=`、`<=`、`>` …）", auto, "a comparison (`=`, `<=`, `>` …)";
    GrammarAddOp => "`+` 或 `-`", auto, "`+` or `-`";
    GrammarMulOp => "`*` 或 `/`", auto, "`*` or `/`";
    GrammarList => "列表（`[a, b]`）", auto, "a list (`[a, b]`)";
    GrammarAggregate => "聚合（`count(x in list where …)`）", auto, "an aggregate (`count(x in list where …)`)";
    GrammarAggregateFn => "`count`、`any`、`all`、`sum`、`min`、`max` 或 `ratio`", auto,
        "`count`, `any`, `all`, `sum`, `min`, `max` or `ratio`";
    GrammarCall => "函数调用", auto, "a call";
    GrammarName => "名称", auto, "a name";
    GrammarDate => "日期（`2025-12-31`）", auto, "a date (`2025-12-31`)";
    GrammarNumber => "数字", auto, "a number";
    GrammarPercent => "百分比（`5%`）", auto, "a percentage (`5%`)";
    GrammarQuantity => "数量（`35 t/h`）", auto, "a quantity (`35 t/h`)";
    GrammarUnit => "单位", auto, "a unit";
    GrammarBoolean => "`true` 或 `false`", auto, "`true` or `false`";
    GrammarQuotedString => "带引号的字符串", auto, "a quoted string";
    GrammarId => "编号", auto, "an id";
    GrammarReserved => "保留字", auto, "a reserved word";
    GrammarDocLine => "`///` 文档注释", auto, "`///` documentation";
    GrammarComment => "注释", auto, "a comment";
    GrammarSomethingElse => "其他内容", auto, "something else";
    SyntaxUnclosedString => "语法错误：此字符串没有结束引号", auto, "syntax error: this string is never closed";
    StringStartsHere => "字符串从此处开始", auto, "the string starts here";
    SyntaxUnclosedStringHelp => "在同一行加上结束的 `\"`；文本中的引号写作 `\\\"`", auto,
        "add the closing `\"` on the same line; write `\\\"` for a quote inside the text";
    SyntaxUnexpected => "语法错误：意外的{found}", auto, "syntax error: unexpected {found}";
    SyntaxExpected => "语法错误：此处应为{expected}", auto, "syntax error: expected {expected}";
    SyntaxExpectedOneOf => "语法错误：此处应为以下之一：{expected}、{last}", auto, "syntax error: expected {expected} or {last}";
    UnexpectedHere => "此处出现意外的{found}", auto, "unexpected {found} here";
    SyntaxHelp => "各种声明的写法参见 docs/language.md；文件的其余部分仍已检查", auto,
        "see docs/language.md for the form of each declaration; the rest of the file was still checked";
    ExpressionTooDeep => "此表达式嵌套太深，无法检查", auto, "this expression is nested too deeply to check";
    ExpressionTooDeepHelp => "括号和 `not` 不超过 {nesting} 层，运算链不超过 {chain} 个运算符；用 `define` 给各部分命名", auto,
        "keep brackets and `not` within {nesting} levels and chains within {chain} operators; name the parts with `define`";
    GrammarNotLowered => "内部错误：语法把此处当作{what}接受，但 planlint 无法读取", auto,
        "internal error: the grammar accepts this as {what}, and planlint cannot read it";
    NotUnderstood => "无法理解", auto, "not understood";
    GrammarNotLoweredHelp => "这是 planlint 的缺陷；请连同此规则文件一起报告", auto,
        "this is a bug in planlint; please report it with this rules file";
    InternalComparison => "比较", auto, "a comparison";
    InternalModality => "规范类型", auto, "a modality";
    InternalAggregate => "聚合", auto, "an aggregate";
    InternalOperator => "算术运算符", auto, "an arithmetic operator";
    // The problems of a plan's own tests (`rules test`).
    WhatKeys => "键", auto, "keys";
    TestNotMapping => "测试文件应为含 `as_of`、`expect` 和 `document` 的映射", auto,
        "a test file must be a mapping with `as_of`, `expect` and `document`";
    TestNotMappingHelp => "参见 docs/language.md 的末尾", auto, "see the end of docs/language.md";
    TestUnknownKey => "测试文件没有键 `{key}`", auto, "a test file has no key `{key}`";
    TestNotDate => "`{text}` 不是日期", auto, "`{text}` is not a date";
    TestNotDateHelp => "写 `as_of: 2025-06-01`", auto, "write `as_of: 2025-06-01`";
    TestWithoutDate => "测试文件必须用 `as_of` 固定日期", auto, "a test file must pin its date with `as_of`";
    TestWithoutDateHelp => "添加 `as_of: 2025-06-01`：测试不能依赖当天的日期", auto,
        "add `as_of: 2025-06-01`: tests must not depend on the current date";
    TestWithoutExpect => "测试文件必须在 `expect` 下写明预期结果", auto,
        "a test file must say what it expects under `expect`";
    TestWithoutExpectHelp => "添加 `expect:`，每行写 `RULE-ID: outcome`", auto,
        "add `expect:` with `RULE-ID: outcome` lines";
    TestWithoutDocument => "测试文件必须在 `document` 下放入申报材料", auto,
        "a test file must hold the submission under `document`";
    TestWithoutDocumentHelp => "添加 `document:`，写入申报材料", auto, "add `document:` with the submission";
    TestPointsAtNotMapping => "`points_at` 应为从规则编号到 JSON 指针的映射", auto,
        "`points_at` must be a mapping of rule ids to JSON pointers";
    TestPointsAtNotMappingHelp => "写 `points_at:`，每行写 `RULE-ID: /field/0/value`", auto,
        "write `points_at:` with `RULE-ID: /field/0/value` lines";
    TestBoundaryNotList => "`boundary` 应为规则编号或规则编号列表", auto,
        "`boundary` must be a rule id or a list of rule ids";
    TestBoundaryNotListHelp => "写 `boundary: [RULE-ID]`，列出文件在其阈值上的规则", auto,
        "write `boundary: [RULE-ID]` with the rules whose threshold the file sits on";
    TestBoundaryNotExpected => "`boundary` 列出的 `{rule}` 在 `expect` 中没有预期结果", auto,
        "`boundary` names `{rule}`, which `expect` gives no outcome for";
    TestBoundaryNotExpectedHelp => "在 `expect` 下写明该规则在此边界上的结果", auto,
        "say under `expect` what the rule gives on this boundary";
    // `rules coverage`.
    CoverageHeading => "条目|状态|类型|触发|通过|边界|缺失|不适用|说明", auto,
        "row|status|kind|firing|passing|boundary|missing|n/a|detail";
    CoverageEncoded => "已编码", auto, "encoded";
    CoverageOmitted => "不编码", auto, "omitted";
    CoverageNotEncoded => "未编码", auto, "not encoded";
    CoverageFailingCases => "{n} 个用例未通过", auto, "{n} failing case(s)";
    CoverageTested => "已测试", auto, "tested";
    CoverageUntested => "未测试", auto, "untested";
    CoverageNoFiring => "没有触发的用例", auto, "no case where it fires";
    CoverageNoPassing => "没有通过的用例", auto, "no case where it passes";
    CoverageLacks => "缺少：{cases}", auto, "lacks: {cases}";
    CoverageBoundaryCase => "边界用例", auto, "a boundary case";
    CoverageMissingCase => "信息缺失用例", auto, "a missing-information case";
    CoverageNotApplicableCase => "不适用用例", auto, "a not-applicable case";
    CoverageNoRule => "没有规则，也没有 `omit`", auto, "no rule and no `omit`";
    CoverageUnquoted => "没有规则引用的规范性语句：", auto, "normative sentences no rule quotes:";
    CoverageLine => "第 {line} 行：", auto, "line {line}:";
    CoverageSummary => "{plan}：{rows} 个条目：已编码 {encoded}，不编码 {omitted}，未编码 {missing}；已测试 {tested}（占条目的 {share}）；规则 {rules} 条，有边界用例的 {boundary}，有信息缺失用例的 {missing_cases}，有不适用用例的 {na}；被引用的规范性语句 {quoted}/{sentences}（{quoted_share}）", auto,
        "{plan}: {rows} rows: {encoded} encoded, {omitted} omitted, {missing} not encoded; {tested} tested ({share} of rows); of {rules} rules, {boundary} have a boundary case, {missing_cases} a missing-information case, {na} a not-applicable case; normative sentences quoted: {quoted}/{sentences} ({quoted_share})";
    TestUnknownRule => "`{rule}` 不是本方案的规则", auto, "`{rule}` is not a rule of this plan";
    TestNotOutcome => "`{word}` 不是结果", auto, "`{word}` is not an outcome";
    TestNotOutcomeHelp => "写 `violation`、`review`、`missing_information`、`advice`、`pass` 或 `not_applicable`", auto,
        "write violation, review, missing_information, advice, pass or not_applicable";
    // A plan that cannot be read from disk.
    NoEmbeddedPlan => "此版本没有内置方案", auto, "this build embeds no plan";
    NoEmbeddedPlanHelp => "传入 `--rules DIR`", auto, "pass `--rules DIR`";
    PathMissing => "`{path}` 不存在", auto, "`{path}` does not exist";
    PathMissingHelp => "给出方案文件夹的路径", auto, "give the path of a plan folder";
    NoRulesFiles => "`{path}` 中没有 `.rules` 文件", auto, "`{path}` holds no `.rules` files";
    NoRulesFilesHelp => "指向方案文件夹，即存放方案 `.rules` 文件的文件夹", auto,
        "point at a plan folder: the one holding the plan's `.rules` files";
    CannotRead => "无法读取 `{path}`：{reason}", auto, "cannot read `{path}`: {reason}";
    CannotReadHelp => "检查路径及其权限", auto, "check the path and its permissions";
    PlanHasNoKind => "方案 `{plan}` 没有文档种类 `{kind}`", auto, "plan `{plan}` has no document kind `{kind}`";
    ProblemError => "错误", auto, "error";
    ProblemWarning => "警告", auto, "warning";
    ProblemNote => "提示", auto, "note";
    Quoted => "`{text}`", auto, "`{text}`";
    IoNotFound => "文件或文件夹不存在", auto, "no such file or folder";
    IoPermissionDenied => "没有读取权限", auto, "permission denied";
    IoIsADirectory => "这是文件夹，不是文件", auto, "it is a folder, not a file";
    IoNotADirectory => "路径中有一段不是文件夹", auto, "a part of the path is not a folder";
    IoInvalidData => "内容不可读", auto, "its content cannot be read";
    SubmissionMissingHelp => "给出申报材料文件或存放申报材料的文件夹", auto,
        "give a submission file or a folder of them";
    NoSubmissionFiles => "{paths} 中没有申报材料文件（`*.yaml`、`*.yml`、`*.json`）", auto,
        "no submission files (`*.yaml`, `*.yml`, `*.json`) under {paths}";
    NoSubmissionFilesHelp => "写出要检查的文件，或存放这些文件的文件夹", auto,
        "name the files to check, or a folder that holds them";
    // The report of `rules test`: a line per rule (its first column nine wide), then a summary.
    TestUntested => "未测试   {rule}", auto, "untested {rule}";
    TestOk => "通过     {rule}  {checked} 例", auto, "ok       {rule}  {checked} case{s_checked}";
    TestFail => "失败     {rule}  {checked} 例中 {failed} 例失败", auto,
        "FAIL     {rule}  {failed} of {checked} cases failed";
    TestCaseFailed => "{file}：预期 `{expected}`，实际 `{actual}`", auto,
        "{file}: expected {expected}, got {actual}";
    TestPointerFailed => "{file}：预期第一个标注在 `{expected}`，实际在 `{actual}`", auto,
        "{file}: expected the first label at `{expected}`, got `{actual}`";
    TestSummary => "已测试 {tested}/{rules} 条规则，{failing} 条失败；{files} 个测试文件中 {passed}/{expectations} 项预期符合；问题 {problems} 个", auto,
        "{tested} of {rules} rules tested, {failing} failing; {passed}/{expectations} expectations met in {files} test files; {problems} problem{s_problems}";
    // The citation stage's words: quotes checked against the official text.
    QuotesNothing => "规则 `{rule}` 的引文为空", auto, "rule `{rule}` quotes nothing";
    EmptyQuote => "空引文", auto, "empty quote";
    QuotesNothingHelp => "从官方文本中复制该条款的原文", auto, "copy the clause's words from the official text";
    QuotesDebris => "规则 `{rule}` 引用了文本的最后一行，而那是页面残留内容", auto,
        "rule `{rule}` quotes the last line of the text, which is page debris";
    NotPlanText => "不是方案正文", auto, "not plan text";
    QuotesDebrisHelp => "方案声明其文本最后一行是页面残留内容（`ignoring last line`）；请引用方案本身的条款", auto,
        "the plan declares its text's last line as page debris (`ignoring last line`); quote a clause of the plan itself";
    QuoteElsewhere => "规则 `{rule}` 的引文在条款 `{found}` 中，不在 `{clause}` 中", auto,
        "the quote of rule `{rule}` is in clause `{found}`, not in `{clause}`";
    ClauseCited => "所引的条款", auto, "the clause cited";
    FromClause => "出自 `{found}`", auto, "from `{found}`";
    QuoteElsewhereHelp => "写 `clause \"{found}\"`，或引用规则所编码的条款", auto,
        "write `clause \"{found}\"`, or quote the clause the rule encodes";
    QuoteAmbiguous => "规则 `{rule}` 的引文在原文中出现 {count} 次（第 {lines} 行）", auto,
        "the quote of rule `{rule}` occurs {count} times in the text (line{s_lines} {lines})";
    OccursMoreThanOnce => "出现不止一次", auto, "occurs more than once";
    QuoteAmbiguousHelp => "加长引文，或让 `clause \"{clause}\"` 指明引文所在的唯一位置（如 `二(二)3 ¶1`）", auto,
        "lengthen the quote, or make `clause \"{clause}\"` name the one place it is from (e.g. `二(二)3 ¶1`)";
    UnknownClause => "规则 `{rule}` 引用的条款 `{clause}` 在官方文本中不存在", auto,
        "rule `{rule}` cites clause `{clause}`, which the official text does not have";
    NotAClauseReference => "规则 `{rule}` 引用的 `{clause}` 不是条款编号", auto,
        "rule `{rule}` cites clause `{clause}`, which is not a clause reference";
    QuoteIsIn => "引文在 `{place}` 中：写 `clause \"{place}\"`", auto,
        "the quote is in `{place}`: write `clause \"{place}\"`";
    ClauseReferenceHelp => "按原文的编号写出位置：部分、（分部分）、项和 ¶段，如 `二(二)3 ¶1`", auto,
        "write the place as the text numbers it: section, (subsection), item and ¶paragraph, e.g. `二(二)3 ¶1`";
    NoSuchClause => "没有这个条款", auto, "no such clause";
    TheQuote => "引文", auto, "the quote";
    QuoteNotFound => "规则 `{rule}` 的引文在官方文本中找不到", auto,
        "the quote of rule `{rule}` does not occur in the official text";
    EndOfText => "文本末尾", auto, "the end of the text";
    TextHasHere => "原文此处是{found}", auto, "the text has {found} here";
    ThisQuote => "此引文", auto, "this quote";
    ClosestPassage => "最接近的段落（第 {line} 行）：{passage}", auto, "closest passage (line {line}): {passage}";
    CopyQuoteExactlyFolded => "从官方文本中原样复制引文；标点的全角半角、空格和简繁字形不影响比对", auto,
        "copy the quote exactly from the official text; punctuation width, spaces and Simplified/Traditional forms do not matter";
    NotInTheText => "不在原文中", auto, "not in the text";
    CopyQuoteExactly => "从官方文本中原样复制引文", auto, "copy the quote exactly from the official text";
    RulesNotUtf8 => "`{file}` 不是有效的 UTF-8 编码（第 {byte} 字节）", auto, "`{file}` is not valid UTF-8 (byte {byte})";
    SaveFileAsUtf8 => "把文件另存为 UTF-8 编码", auto, "save the file as UTF-8";
    OfficialTextNotUtf8 => "官方文本 `{path}` 不是有效的 UTF-8 编码", auto, "the official text `{path}` is not valid UTF-8";
    SaveItAsUtf8 => "把它另存为 UTF-8 编码", auto, "save it as UTF-8";
    OfficialTextMissing => "方案所指的官方文本 `{path}` 不在 `{root}` 中", auto,
        "the official text `{path}` named by the plan is not in `{root}`";
    OfficialTextMissingHelp => "把官方文本放在规则文件旁边，或改正方案的 `text` 一行", auto,
        "put the official text beside the rules files, or correct the plan's `text` line";
}

/// A word with the values it says, as data: any stage may name one, the report writes it in the
/// reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Said {
    word: Word,
    values: Vec<(&'static str, Part)>,
}

/// One value of a [`Said`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// Shown as it is in every language: a value the submitter wrote, a path, a number.
    Text(String),
    /// Words of the plan (a label, a unit's name): shown in the reader's script.
    Plan(String),
    /// Another word, written in the same language.
    Said(Box<Said>),
    /// Spellings of the plan, each in backticks, in the reader's script and list separator.
    PlanList(Vec<String>),
    /// Words, written in the same language and joined with its list separator.
    SaidList(Vec<Said>),
}

impl Said {
    /// The name a "did you mean `…`?" suggests, when this is one.
    pub(crate) fn suggested_name(&self) -> Option<&str> {
        if self.word != Word::DidYouMean {
            return None;
        }
        self.values.iter().find_map(|(key, part)| match part {
            Part::Text(text) | Part::Plan(text) if *key == "best" => Some(text.as_str()),
            _ => None,
        })
    }

    pub(crate) fn new(word: Word) -> Said {
        Said {
            word,
            values: Vec::new(),
        }
    }

    /// The value of one `{name}` of the word, shown as it is.
    pub(crate) fn with(mut self, name: &'static str, value: impl ToString) -> Said {
        self.values.push((name, Part::Text(value.to_string())));
        self
    }

    /// A `{name}` that is the plan's own words, shown in the reader's script.
    pub(crate) fn with_plan(mut self, name: &'static str, text: impl ToString) -> Said {
        self.values.push((name, Part::Plan(text.to_string())));
        self
    }

    /// A `{name}` that lists spellings of the plan (units, enum labels, field names).
    pub(crate) fn with_plan_list(mut self, name: &'static str, items: &[&str]) -> Said {
        let items = items.iter().map(|i| i.to_string()).collect();
        self.values.push((name, Part::PlanList(items)));
        self
    }

    /// A `{name}` that is itself a word, written in the same language.
    pub(crate) fn with_said(mut self, name: &'static str, said: Said) -> Said {
        self.values.push((name, Part::Said(Box::new(said))));
        self
    }

    /// A `{name}` that lists words, joined with the language's list separator.
    pub(crate) fn with_said_list(mut self, name: &'static str, saids: Vec<Said>) -> Said {
        self.values.push((name, Part::SaidList(saids)));
        self
    }

    /// The word in a language, its values filled in.
    pub(crate) fn in_language(&self, language: Language) -> String {
        let values: Vec<(&str, String)> = self
            .values
            .iter()
            .map(|(name, part)| {
                let text = match part {
                    Part::Text(text) => text.clone(),
                    Part::Plan(text) => language.script(text).into_owned(),
                    Part::Said(said) => said.in_language(language),
                    Part::PlanList(items) => items
                        .iter()
                        .map(|i| format!("`{}`", language.script(i)))
                        .collect::<Vec<_>>()
                        .join(language.list_separator()),
                    Part::SaidList(saids) => saids
                        .iter()
                        .map(|s| s.in_language(language))
                        .collect::<Vec<_>>()
                        .join(language.list_separator()),
                };
                (*name, text)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        fill(self.word, language, &values)
    }
}

/// "Did you mean …?" as words: the closest candidate if one is close enough to be a likely typo,
/// else the candidates declared (twelve at most); `what` names them (`Word::WhatUnits` …).
pub(crate) fn suggestion<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    what: Word,
) -> Said {
    if let Some(best) = crate::base::suggest::closest(wanted, candidates.clone()) {
        return Said::new(Word::DidYouMean).with("best", best);
    }
    let mut all: Vec<&str> = candidates.into_iter().collect();
    all.sort_unstable();
    all.dedup();
    let what = Said::new(what);
    if all.is_empty() {
        return Said::new(Word::NoneDeclared).with_said("what", what);
    }
    let shown = &all[..all.len().min(12)];
    if all.len() > 12 {
        Said::new(Word::DeclaredHereAndMore)
            .with_said("what", what)
            .with_plan_list("names", shown)
            .with("more", all.len() - 12)
    } else {
        Said::new(Word::DeclaredHere)
            .with_said("what", what)
            .with_plan_list("names", shown)
    }
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
            // English names Chinese only as spellings to write (in backticks) or quotes (「」).
            let outside_code: String = en.split('`').step_by(2).collect();
            assert!(
                !outside_code
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || en.contains('「'),
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
        assert_eq!(
            Language::ZhHans.script("terms (兩高, 小鍋爐) are"),
            "terms (两高, 小锅炉) are"
        );
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
