//! The registry of diagnostic codes against the fixtures: every registered code is produced by a
//! fixture under `tests/fixtures/`, every code a fixture expects is registered and produced by it,
//! and every construct of the language appears in a good rules fixture that checks clean.
//!
//! A fixture names what it expects on a header line: `// code: rules::unknown-unit` in a rules
//! file, `# code: submission::duplicate-key` in a submission, plan test or command-line case
//! (several codes are separated by commas; `none` for a case that must produce no diagnostic).
//! Two kinds of fixture cannot hold a comment and
//! declare nothing: the JSON submissions and the empty file; what they produce still counts.

mod common;

use planlint::diagnostic::Code;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files of a fixture folder with one of the extensions, sorted.
fn fixtures(folder: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        })
        .collect();
    paths.sort();
    paths
}

/// What one fixture declares and what it produces.
struct Case {
    path: PathBuf,
    expected: Vec<String>,
    produced: BTreeSet<String>,
}

fn declared(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("the fixture is readable");
    common::directive(&bytes, "code")
        .map(|codes| codes.split(',').map(|c| c.trim().to_string()).collect())
        .unwrap_or_default()
}

fn case(path: PathBuf, produced: impl IntoIterator<Item = String>) -> Case {
    Case {
        expected: declared(&path),
        produced: produced.into_iter().collect(),
        path,
    }
}

/// Every fixture that is expected to produce diagnostics, run.
fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    for path in fixtures("tests/fixtures/rules/bad", &["rules"]) {
        let plan = common::fixture_plan(&path);
        let codes = plan.diagnostics().iter().map(|d| d.code_text().to_string());
        cases.push(case(path, codes));
    }
    for folder in ["tests/fixtures/submissions/bad", "tests/fixtures/check"] {
        for path in fixtures(folder, &["yaml", "json"]) {
            let report = common::check_fixture(&path);
            let codes: Vec<String> = report
                .problems()
                .map(|d| d.code_text().to_string())
                .collect();
            cases.push(case(path, codes));
        }
    }
    for path in fixtures("tests/fixtures/plan-tests/tests", &["yaml"]) {
        let (_, run) = common::plan_test_run(&path);
        let codes = run.problems().iter().map(|d| d.code_text().to_string());
        cases.push(case(path, codes));
    }
    for path in fixtures("tests/fixtures/cli", &["args"]) {
        let args = common::cli_args(&path);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, output) = common::planlint_all_output(&args);
        // The human report prints a problem's code on a line of its own, a blank line, then the
        // message after its severity mark; machine formats quote it (`"code": "…"`, SARIF's
        // `"ruleId"`/`"id"`, JUnit's `name="…"`) or give it as a GitHub annotation's title.
        let lines: Vec<&str> = output.lines().collect();
        let mut codes: Vec<String> = lines
            .windows(3)
            .filter(|w| {
                let marked = ["  ×", "  ⚠", "  ☞"].iter().any(|m| w[2].starts_with(m));
                Code::parse(w[0].trim()).is_some() && w[1].is_empty() && marked
            })
            .map(|w| w[0].trim().to_string())
            .collect();
        for code in Code::ALL {
            let quoted = format!("\"{code}\"");
            // GitHub escapes `:` in a property as `%3A`.
            let titled = format!("title={}", code.as_str().replace(':', "%3A"));
            // The one-line formats name a problem's code between spaces (concise), as a JUnit
            // case's name, or in an HTML element of its own.
            let inline = [
                format!(" {code} "),
                format!(" {code}\""),
                format!(">{code}<"),
            ];
            if output.contains(&quoted)
                || output.contains(&titled)
                || inline.iter().any(|i| output.contains(i.as_str()))
            {
                codes.push(code.as_str().to_string());
            }
        }
        cases.push(case(path, codes));
    }
    cases
}

#[test]
fn every_code_has_a_fixture_and_every_fixture_a_registered_code() {
    let cases = cases();
    let mut problems = Vec::new();
    for case in &cases {
        if case.expected == ["none"] {
            if !case.produced.is_empty() {
                problems.push(format!(
                    "{} expects no diagnostic and produces {:?}",
                    case.path.display(),
                    case.produced
                ));
            }
            continue;
        }
        for code in &case.expected {
            if Code::parse(code).is_none() {
                problems.push(format!(
                    "{} expects `{code}`, which is not a registered code",
                    case.path.display()
                ));
            } else if !case.produced.contains(code) {
                problems.push(format!(
                    "{} expects `{code}` and produces {:?}",
                    case.path.display(),
                    case.produced
                ));
            }
        }
    }
    // An internal error is a bug no input should reach; unit tests in `src/syntax/` cover it.
    for code in Code::ALL.iter().filter(|c| c.stage() != "internal") {
        if !cases.iter().any(|c| c.produced.contains(code.as_str())) {
            problems.push(format!(
                "`{code}` is produced by no fixture under tests/fixtures/"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_bad_fixture_declares_what_it_expects() {
    let silent: Vec<String> = cases()
        .iter()
        .filter(|c| c.expected.is_empty())
        .filter(|c| {
            let json = c.path.extension().is_some_and(|e| e == "json");
            let empty = std::fs::metadata(&c.path).is_ok_and(|m| m.len() == 0);
            let checks_outcomes = c.path.starts_with("tests/fixtures/check");
            !(json || empty || checks_outcomes)
        })
        .map(|c| c.path.display().to_string())
        .collect();
    assert!(
        silent.is_empty(),
        "fixtures without a `code:` line: {silent:?}"
    );
}

#[test]
fn registered_codes_are_spelt_as_stage_and_name() {
    for code in Code::ALL {
        let text = code.as_str();
        let (stage, name) = text.split_once("::").expect("stage::name");
        assert!(
            [
                "io",
                "usage",
                "rules",
                "submission",
                "waivers",
                "test",
                "internal"
            ]
            .contains(&stage),
            "{text}"
        );
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{text}"
        );
        assert_eq!(Code::parse(text), Some(*code));
        let description = code.description();
        assert!(
            !description.ends_with('.')
                && description
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c == '`'),
            "{text}: descriptions are lowercase with no final period"
        );
    }
}

/// Every keyword of the grammar, every built-in function and every operator spelling appears in
/// a good rules fixture, and every good fixture checks clean.
#[test]
fn every_construct_has_a_good_fixture_that_checks_clean() {
    let mut text = String::new();
    let mut doc_lines = 0;
    for path in fixtures("tests/fixtures/rules/good", &["rules"]) {
        let plan = common::fixture_plan(&path);
        let problems: Vec<String> = plan
            .diagnostics()
            .iter()
            .map(|d| format!("{}: {}", d.code_text(), d.message()))
            .collect();
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        let bytes = std::fs::read(&path).expect("readable");
        let source = String::from_utf8(bytes).expect("UTF-8");
        doc_lines += source
            .lines()
            .filter(|l| l.trim_start().starts_with("///"))
            .count();
        // Only the code counts, not what the fixture's comments say about it.
        for line in source.lines() {
            text.push_str(line.split("//").next().unwrap_or_default());
            text.push('\n');
        }
    }
    let grammar = std::fs::read_to_string("grammar/rules.pest").expect("the grammar");
    let keywords = grammar.lines().filter_map(|line| {
        let rest = line.strip_prefix("k_")?;
        let word = rest.split_once("\"")?.1.split_once('"')?.0;
        Some(word.to_string())
    });
    let builtins = [
        "given(",
        "missing(",
        "count(",
        "any(",
        "all(",
        "sum(",
        "min(",
        "max(",
        "ratio(",
        "year(",
        "month(",
        "quarter(",
        "days_between(",
        "share(",
        "check_date",
    ];
    let operators = [
        " = ", " != ", " < ", " <= ", " > ", " >= ", " + ", " - ", " * ", " / ", " × ", " ÷ ",
        " -h", "%",
    ];
    let words: Vec<String> = keywords
        .chain(builtins.iter().map(|s| s.to_string()))
        .chain(operators.iter().map(|s| s.to_string()))
        .collect();
    assert!(words.len() > 70, "the grammar's keywords were found");
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let missing: Vec<&String> = words
        .iter()
        .filter(|word| {
            let alphabetic = word.chars().all(is_word_char);
            !text.match_indices(word.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + word.len()..].chars().next();
                !alphabetic
                    || (!before.is_some_and(is_word_char) && !after.is_some_and(is_word_char))
            })
        })
        .collect();
    assert!(missing.is_empty(), "no good fixture uses {missing:?}");
    assert!(doc_lines > 0, "no good fixture has a `///` doc line");
}
