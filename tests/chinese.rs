//! A Chinese report speaks Chinese: every example and every bad submission, checked with
//! `--lang zh` and `--lang zh-Hant`, shows no English outside ids, codes, paths, units and values.
//!
//! The rule, precisely: after removing what is not the tool's words — the submission's own lines
//! in a snippet, text in backticks or 「」 (field names, values, quotes of the plan), file paths
//! and field paths (a token with `/`, `.`, `_`, `[` or `:`), rule ids and codes, and `path = value`
//! labels — no run of three or more lowercase Latin letters may remain. Capitalised acronyms
//! (VOCs, LDAR, PM2.5, OBD) are the plan's own Chinese terms and stay allowed. The diagnostics of
//! `rules check` (for plan maintainers) are held to the same rule on every bad rules fixture.

mod common;

use std::path::Path;

/// Words a run of lowercase letters in what remains, with the line it is on.
fn english_left(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in output.lines() {
        let trimmed = line.trim_start();
        // A snippet's source line: the submission as written.
        if trimmed
            .split_once('│')
            .is_some_and(|(number, _)| number.trim().chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let mut text = remove_delimited(line, '`', '`');
        text = remove_delimited(&text, '「', '」');
        for word in text.split(|c: char| c.is_whitespace() || c == '，' || c == '、' || c == '：')
        {
            let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
            if word.contains(['/', '.', '_', '[', ':', '-', '#']) || word.is_empty() {
                continue;
            }
            let lowercase_run = word
                .split(|c: char| !c.is_ascii_lowercase())
                .any(|run| run.len() >= 3);
            if lowercase_run && !word.chars().any(|c| c.is_ascii_uppercase()) {
                found.push(format!("`{word}` in: {line}"));
            }
        }
    }
    found
}

/// The text without the parts between an opening and a closing mark.
fn remove_delimited(text: &str, open: char, close: char) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        if !inside && c == open {
            inside = true;
        } else if inside && c == close {
            inside = false;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// The report without `path = value` labels and notes: a field's path and the value as written.
fn without_values(output: &str) -> String {
    output
        .lines()
        .map(|line| {
            let mut kept = Vec::new();
            let words: Vec<&str> = line.split(' ').collect();
            let mut i = 0;
            while i < words.len() {
                if words.get(i + 1) == Some(&"=") {
                    i += 3;
                    continue;
                }
                kept.push(words[i]);
                i += 1;
            }
            kept.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check_in(language: &str, path: &str, rules: Option<&str>) -> String {
    let mut args = vec!["check", "--lang", language, "--as-of", "2026-01-20"];
    if let Some(rules) = rules {
        args.extend(["--rules", rules]);
    }
    args.push(path);
    let (_, output) = common::planlint_all_output(&args);
    output
}

fn files(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the folder is readable")
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".yaml") || p.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_example_speaks_chinese() {
    for language in ["zh", "zh-Hant"] {
        for example in files("examples") {
            let output = check_in(language, &example, None);
            let left = english_left(&without_values(&output));
            assert!(
                left.is_empty(),
                "{example} in {language}:\n{}",
                left.join("\n")
            );
        }
    }
}

#[test]
fn every_bad_submission_is_explained_in_chinese() {
    for submission in files("tests/fixtures/submissions/bad") {
        let output = check_in("zh", &submission, Some(common::SAMPLE_PLAN));
        let left = english_left(&without_values(&output));
        assert!(left.is_empty(), "{submission}:\n{}", left.join("\n"));
    }
}

/// `rules check --lang zh` on every bad rules fixture: the plan maintainer's diagnostics, the
/// syntax, resolver and citation stages' words, in Chinese.
#[test]
fn every_bad_rules_file_is_explained_in_chinese() {
    use planlint::report::{Language, ReportOptions};
    let mut names: Vec<_> = std::fs::read_dir("tests/fixtures/rules/bad")
        .expect("the folder is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut left = Vec::new();
    for path in names {
        let plan = common::fixture_plan(&path);
        for language in [Language::ZhHans, Language::ZhHant] {
            let output = planlint::tools::rules_report(&plan, &ReportOptions::new(language));
            let found = english_left(&output);
            if !found.is_empty() {
                let shown = format!("{} in {language:?}", path.display());
                left.push(format!("{shown}:\n{}", found.join("\n")));
            }
        }
    }
    assert!(left.is_empty(), "{}", left.join("\n\n"));
}

/// `rules check`, `rules test` and `rules coverage` take `--lang` like `check`.
#[test]
fn rules_commands_take_the_language() {
    let (_, output) = common::planlint_all_output(&[
        "rules",
        "check",
        "--lang",
        "zh",
        "tests/fixtures/rules/bad/unknown-unit.rules",
    ]);
    assert!(output.contains("未知的文档种类 `project`"), "{output}");
    assert!(output.contains("错误 "), "{output}");
    for command in ["test", "coverage"] {
        let (_, output) = common::planlint_all_output(&[
            "rules",
            command,
            "--lang",
            "zh-Hant",
            "tests/fixtures/rules/bad/unknown-unit.rules",
        ]);
        assert!(
            output.contains("規則中沒有聲明方案 `plan`"),
            "{command}: {output}"
        );
        assert!(output.contains("規則有錯誤"), "{command}: {output}");
    }
}

/// One example of each kind, as a mainland officer and a Traditional-script reader see it.
#[test]
fn an_example_of_each_kind_in_each_chinese_script() {
    for (language, name) in [("zh", "zh_hans"), ("zh-Hant", "zh_hant")] {
        for example in [
            "project-violations",
            "enterprise-violations",
            "progress-report-violations",
        ] {
            let path = format!("examples/{example}.yaml");
            assert!(Path::new(&path).exists());
            insta::assert_snapshot!(format!("{example}_{name}"), check_in(language, &path, None));
        }
    }
}

/// `rules coverage` and `rules test` of the embedded plan in Simplified Chinese: the table's
/// headings, statuses, kinds and details, and both summaries, are Chinese words.
#[test]
fn the_maintainer_tables_speak_chinese() {
    for command in ["coverage", "test"] {
        let (_, output) = common::planlint_all_output(&["rules", command, "--lang", "zh"]);
        let left = english_left(&output);
        assert!(left.is_empty(), "rules {command}:\n{}", left.join("\n"));
    }
    let (_, coverage) = common::planlint_all_output(&["rules", "coverage", "--lang", "zh"]);
    assert!(coverage.starts_with("条目"), "{coverage}");
    assert!(coverage.contains("已编码  建设项目申请"), "{coverage}");
}
