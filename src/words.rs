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
    UnitOfOtherDimension => "{field} 的值 `{raw}` 中的 `{unit}` 计量的是{there}，此字段填写的是{here}", auto,
        "{field}: `{unit}` in `{raw}` measures {there}, and this field is {here}";
    QuantityTooLarge => "{field} 的值 `{raw}` 太大", auto, "{field}: `{raw}` is too large";
    DigitSeparators => "不接受千位分隔符，请写 `1500` 而不是 `1,500`", auto,
        "digit separators are not accepted; write `1500` rather than `1,500`";
    LeadingZero => "以 0 开头的数有歧义（YAML 1.1 把 `010` 读作八进制 8），请去掉开头的 0", auto,
        "a leading zero is ambiguous (YAML 1.1 reads `010` as octal 8); drop the zero";
    ExpectedDigits => "应为数字，可带小数点", auto, "expected digits, with an optional decimal point";
    WriteExpected => "请填写{expected}", auto, "write {expected}";
    ValueHere => "此处", auto, "here";
    ExpectBoolean => "`是` 或 `否`", auto, "`true` or `false` (`是` or `否`)";
    ExpectWholeNumber => "整数", auto, "a whole number";
    ExpectNumber => "数字", auto, "a number";
    ExpectPercentage => "百分比，如 `87%`", auto, "a percentage such as `87%`";
    ExpectText => "文本", auto, "text";
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
    JustificationRuleIdHelp => "写上要说明例外的规则编号，如 `JZ-BOILER-NEW-COAL-BUILTUP`", auto,
        "write the id of the rule the exception is for, e.g. `JZ-BOILER-NEW-COAL-BUILTUP`";
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
}

impl Said {
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
                };
                (*name, text)
            })
            .collect();
        let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        fill(self.word, language, &values)
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
