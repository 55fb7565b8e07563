//! The `planlint` binary as officers and CI pipelines run it: formats, outcomes, exit codes.

mod common;

use common::planlint;
use std::path::{Path, PathBuf};

const SAMPLE: &str = "tests/fixtures/rules/sample";
const OUTCOMES: &str = "tests/fixtures/check/outcomes.yaml";

fn check_sample(extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check", "--rules", SAMPLE];
    args.extend_from_slice(extra);
    planlint(&args)
}

fn validate(schema_path: &Path, instance: &str) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schema_path).expect("the schema is readable"),
    )
    .expect("the schema is JSON");
    let instance: serde_json::Value = serde_json::from_str(instance).expect("the output is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the output does not match {}:\n{}",
        schema_path.display(),
        errors.join("\n")
    );
}

#[test]
fn human_report_shows_every_outcome() {
    let (code, out) = check_sample(&["--lang", "en", OUTCOMES]);
    assert_eq!(code, 1, "a violation makes the exit code 1");
    for word in ["violation:", "review:", "missing information:", "advice:"] {
        assert!(out.contains(word), "no `{word}` in:\n{out}");
    }
    insta::assert_snapshot!("human_en", out);
}

#[test]
fn human_report_in_chinese() {
    let (_, out) = check_sample(&["--lang", "zh", OUTCOMES]);
    insta::assert_snapshot!("human_zh", out);
}

#[test]
fn explain_flag_shows_the_values_behind_findings() {
    let (_, out) = check_sample(&["--lang", "en", "--explain", OUTCOMES]);
    assert!(out.contains("because "));
    insta::assert_snapshot!("human_explain", out);
}

#[test]
fn json_report_matches_its_documented_schema() {
    let (code, out) = check_sample(&["--format", "json", "--include-passes", OUTCOMES]);
    assert_eq!(code, 1);
    validate(Path::new("docs/check-output.schema.json"), &out);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let documents = report["files"][0]["documents"]
        .as_array()
        .expect("documents");
    let outcomes: Vec<&str> = documents
        .iter()
        .flat_map(|d| {
            d["findings"]
                .as_array()
                .into_iter()
                .chain(d["other_outcomes"].as_array())
                .flatten()
        })
        .map(|f| f["outcome"].as_str().unwrap_or(""))
        .collect();
    for outcome in [
        "violation",
        "review",
        "missing_information",
        "advice",
        "pass",
        "not_applicable",
    ] {
        assert!(
            outcomes.contains(&outcome),
            "no {outcome} finding in the JSON report"
        );
    }
    insta::assert_snapshot!("json", out);
}

#[test]
fn sarif_report_is_valid_sarif_2_1_0() {
    let (_, out) = check_sample(&[
        "--format",
        "sarif",
        OUTCOMES,
        "tests/fixtures/check/justifications.yaml",
    ]);
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/sarif-schema-2.1.0.json");
    validate(&schema, &out);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let run = &report["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for rule in rules {
        for key in ["id", "shortDescription", "defaultConfiguration", "help"] {
            assert!(!rule[key].is_null(), "SARIF rules need `{key}`: {rule}");
        }
        assert!(rule["help"]["markdown"].is_string() && rule["help"]["text"].is_string());
        for key in ["tags", "precision", "problem.severity"] {
            assert!(
                !rule["properties"][key].is_null(),
                "`properties.{key}`: {rule}"
            );
        }
    }
    let plan_rule = &rules[0];
    assert!(plan_rule["fullDescription"].is_object());
    assert!(
        plan_rule["help"]["markdown"]
            .as_str()
            .unwrap_or("")
            .contains("> "),
        "the quote"
    );
    assert_eq!(run["automationDetails"]["id"], "planlint/sample-2025/");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/'))
    );
    let results = run["results"].as_array().expect("results");
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"].as_str().unwrap_or("").contains("::")),
        "document problems are results"
    );
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "every result's rule is declared"
        );
        assert!(result["partialFingerprints"]["planlint/v1"].is_string());
        let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        assert!(!artifact["uri"].as_str().unwrap_or("/").starts_with('/'));
    }
    // The working folder differs between machines: the snapshot shows it as a placeholder.
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap_or("")
        .to_string();
    insta::assert_snapshot!("sarif", out.replace(&root, "file:///SRCROOT/"));
}

/// A code-scanning alert follows its finding when lines move: the fingerprint is the rule, the
/// file, the document and the value's pointer, not a line number. An absolute path is a
/// `file://` URI.
#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let original = std::fs::read_to_string(OUTCOMES).expect("the fixture");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let moved = dir.join("outcomes-moved.yaml");
    std::fs::write(
        &moved,
        format!("# a comment\n\n# that moves every line down\n{original}"),
    )
    .expect("writable");
    let fingerprints = |path: &str| -> Vec<String> {
        let (_, out) = check_sample(&["--format", "sarif", path]);
        let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        report["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r["ruleId"], r["partialFingerprints"]["planlint/v1"]
                )
            })
            .collect()
    };
    let copy = dir.join("outcomes.yaml");
    std::fs::write(&copy, &original).expect("writable");
    let before = fingerprints(copy.to_str().expect("a path"));
    let after = fingerprints(moved.to_str().expect("a path"));
    assert!(!before.is_empty());
    assert_eq!(before.len(), after.len());
    // The two files have different names, so compare what the fingerprint hashes without it:
    // the same file moved gives the same fingerprints.
    std::fs::write(
        &copy,
        format!("# a comment\n\n# that moves every line down\n{original}"),
    )
    .expect("writable");
    assert_eq!(before, fingerprints(copy.to_str().expect("a path")));
    let (_, out) = check_sample(&["--format", "sarif", copy.to_str().expect("a path")]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let uri = report["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap_or("");
    assert!(uri.starts_with("file:///"), "{uri}");
}

#[test]
fn junit_report() {
    let (_, out) = check_sample(&["--format", "junit", OUTCOMES]);
    assert!(out.starts_with("<?xml"));
    assert!(out.contains("<failure"));
    insta::assert_snapshot!("junit", out);
}

/// GitLab Code Quality: the fields GitLab's merge-request widget reads, a known severity, and a
/// fingerprint per entry that no other entry shares.
#[test]
fn gitlab_code_quality_report() {
    let (_, out) = check_sample(&["--format", "gitlab", OUTCOMES]);
    let entries: Vec<serde_json::Value> = serde_json::from_str(&out).expect("a JSON array");
    assert!(!entries.is_empty());
    let mut fingerprints = std::collections::HashSet::new();
    for entry in &entries {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(entry[key].is_string(), "`{key}`: {entry}");
        }
        assert!(entry["location"]["path"].is_string());
        assert!(entry["location"]["lines"]["begin"].is_u64());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&entry["severity"].as_str().unwrap_or(""))
        );
        assert!(
            fingerprints.insert(entry["fingerprint"].to_string()),
            "unique: {entry}"
        );
    }
    insta::assert_snapshot!("gitlab", out);
}

/// The concise format: one line per finding or problem, `path:line:col: outcome ID message`,
/// the most serious first.
#[test]
fn concise_report() {
    let (_, out) = check_sample(&["--format", "concise", OUTCOMES]);
    for line in out.lines() {
        let mut parts = line.splitn(4, ':');
        let (path, row, column) = (parts.next(), parts.next(), parts.next());
        assert!(path.is_some_and(|p| p.ends_with(".yaml")), "{line}");
        assert!(row.is_some_and(|r| r.parse::<usize>().is_ok()), "{line}");
        assert!(column.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");
    }
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.contains(": violation ")),
        "violations first"
    );
    insta::assert_snapshot!("concise", out);
}

/// JSON Lines: one complete JSON value per document, each naming its file and plan.
#[test]
fn json_lines_report() {
    let (_, out) = check_sample(&[
        "--format",
        "jsonl",
        OUTCOMES,
        "tests/fixtures/check/justifications.yaml",
    ]);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(lines.len() >= 2);
    for line in &lines {
        assert_eq!(line["schema"], "planlint/check-line/v1");
        assert!(line["file"].is_string());
        assert!(line["document"].is_object() || line["problems"].is_array());
    }
    insta::assert_snapshot!("jsonl", out);
}

#[test]
fn github_annotations() {
    let (_, out) = check_sample(&["--format", "github", OUTCOMES]);
    assert!(out.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    // GitHub shows ten annotations of each level per step: the summary comes first, then the
    // most serious.
    assert!(
        out.starts_with("::notice title=planlint::"),
        "the plan is in force: {out}"
    );
    let levels: Vec<u8> = out
        .lines()
        .skip(1)
        .filter(|l| l.contains(" (") && l.contains("title="))
        .map(|l| {
            if l.starts_with("::error") {
                2
            } else if l.starts_with("::warning") {
                1
            } else {
                0
            }
        })
        .collect();
    assert!(
        levels.windows(2).all(|w| w[0] >= w[1]) || levels.is_empty(),
        "{out}"
    );
    insta::assert_snapshot!("github", out);
}

#[test]
fn justifications_are_refused_or_warned_about() {
    let (code, out) = check_sample(&["--lang", "en", "tests/fixtures/check/justifications.yaml"]);
    // A refused justification is a warning about the submission, which was still checked.
    assert_eq!(code, 0, "a refused justification is no document error");
    assert!(out.contains("allows no exception"));
    assert!(out.contains("which applies to `enterprise` documents"));
    assert!(out.contains(" 0 document errors"));
    insta::assert_snapshot!("justifications", out);
}

#[test]
fn a_plan_out_of_force_is_said_at_the_top() {
    let file = "tests/fixtures/submissions/good/project.yaml";
    let (_, out) = check_sample(&["--lang", "en", "--as-of", "2030-01-01", file]);
    assert!(
        out.lines()
            .next()
            .unwrap_or("")
            .contains("was not in force on 2030-01-01"),
        "{out}"
    );
    let (_, sarif) = check_sample(&["--format", "sarif", "--as-of", "2030-01-01", file]);
    assert!(sarif.contains("was not in force on 2030-01-01"));
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/sarif-schema-2.1.0.json");
    validate(&schema, &sarif);
    let (_, github) = check_sample(&["--format", "github", "--as-of", "2030-01-01", file]);
    assert!(github.starts_with("::warning ") && github.contains("was not in force"));
    let (_, json) = check_sample(&["--format", "json", "--as-of", "2030-01-01", file]);
    assert!(json.contains("\"plan_in_force\": false"));
    let (_, junit) = check_sample(&["--format", "junit", "--as-of", "2030-01-01", file]);
    assert!(junit.contains("was not in force"));
}

#[test]
fn exit_codes() {
    assert_eq!(
        check_sample(&["tests/fixtures/submissions/good/project.yaml"]).0,
        0,
        "clean"
    );
    assert_eq!(
        check_sample(&["tests/fixtures/submissions/bad/unknown-kind.yaml"]).0,
        1,
        "a document that cannot be checked"
    );
    let review_only = "tests/fixtures/submissions/good/with-justification.yaml";
    assert_eq!(
        check_sample(&[review_only]).0,
        0,
        "a review does not fail by default"
    );
    assert_eq!(
        check_sample(&["--fail-on", "review", review_only]).0,
        1,
        "--fail-on review"
    );
    assert_eq!(check_sample(&[OUTCOMES]).0, 1, "a violation");
    assert_eq!(check_sample(&["no/such/file.yaml"]).0, 2, "a missing input");
    assert_eq!(
        check_sample(&["grammar"]).0,
        2,
        "a folder without submissions"
    );
    assert_eq!(
        check_sample(&["--format", "xml", OUTCOMES]).0,
        2,
        "a bad flag"
    );
    assert_eq!(
        planlint(&[
            "check",
            "--rules",
            "tests/fixtures/rules/bad/unknown-field.rules",
            OUTCOMES
        ])
        .0,
        2,
        "rules with errors"
    );
    assert_eq!(planlint(&["rules", "check", SAMPLE]).0, 0);
    assert_eq!(
        planlint(&[
            "rules",
            "check",
            "tests/fixtures/rules/bad/unknown-field.rules"
        ])
        .0,
        1
    );
    assert_eq!(planlint(&["rules", "check", "no/such/plan"]).0, 2);
    assert_eq!(planlint(&["rules", "test", SAMPLE]).0, 0);
    assert_eq!(
        planlint(&["explain", "--rules", SAMPLE, "SY-NO-SUCH-RULE"]).0,
        2
    );
}

#[test]
fn explain_command_describes_a_rule() {
    let (code, out) = planlint(&[
        "explain",
        "--rules",
        SAMPLE,
        "--lang",
        "en",
        "SY-BOILER-OTHER",
    ]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("explain", out);
}

/// A Chinese reader of `explain` is not shown the maintainers' English notes, only told where
/// they are; an English reader sees them.
#[test]
fn explain_keeps_english_notes_for_english_readers() {
    let rule = "JZ-BOILER-COAL-ELIM-LE10T-2025";
    let (_, zh) = planlint(&["explain", "--lang", "zh", rule]);
    assert!(zh.contains("用 `--lang en` 查看"), "{zh}");
    assert!(!zh.contains("Reading A6a: the"), "{zh}");
    let (_, en) = planlint(&["explain", "--lang", "en", rule]);
    assert!(en.contains("Reading A6a: the"), "{en}");
}

#[test]
fn folders_are_checked_recursively_in_a_stable_order() {
    let (_, first) = check_sample(&["--format", "json", "tests/fixtures/submissions/good"]);
    let (_, second) = check_sample(&["--format", "json", "tests/fixtures/submissions/good"]);
    assert_eq!(first, second);
    let report: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    let files: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["file"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(files.iter().any(|f| f.ends_with(".json")));
}

/// A scratch folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("planlint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The hostile fixtures a batch must survive, each with an error of its own.
const HOSTILE: [&str; 8] = [
    "alias-bomb.yaml",
    "deep-block-nesting.yaml",
    "deep-flow-nesting.yaml",
    "invalid-utf8.yaml",
    "empty.yaml",
    "root-is-scalar.yaml",
    "duplicate-keys.yaml",
    "tabs-in-indentation.yaml",
];

#[test]
fn hostile_files_do_not_stop_a_batch() {
    let scratch = Scratch::new("hostile");
    let dir = &scratch.0;
    for name in HOSTILE {
        std::fs::copy(
            Path::new("tests/fixtures/submissions/bad").join(name),
            dir.join(name),
        )
        .expect("copy a fixture");
    }
    std::fs::copy(
        "tests/fixtures/submissions/good/bom.yaml",
        dir.join("bom.yaml"),
    )
    .expect("copy a fixture");
    // Over the 8 MiB limit: a long comment is enough.
    std::fs::write(
        dir.join("huge.yaml"),
        format!("# {}\nkind: project\n", "x".repeat(9 * 1024 * 1024)),
    )
    .expect("write");
    std::fs::copy(
        "tests/fixtures/check/outcomes.yaml",
        dir.join("zz-good.yaml"),
    )
    .expect("copy a fixture");
    // Named one by one: a folder search would skip the ones that declare no `kind`.
    let mut paths: Vec<String> = std::fs::read_dir(dir)
        .expect("the scratch folder")
        .map(|e| e.expect("an entry").path().display().to_string())
        .collect();
    paths.sort();
    let mut args = vec!["--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let (code, out) = check_sample(&args);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let file = |suffix: &str| {
        report["files"]
            .as_array()
            .expect("files")
            .iter()
            .find(|f| f["file"].as_str().unwrap_or("").ends_with(suffix))
            .cloned()
            .expect("the file is reported")
    };
    let good = file("zz-good.yaml");
    assert_eq!(
        good["summary"]["violation"], 1,
        "the good document after the hostile ones is still checked"
    );
    assert_eq!(
        file("bom.yaml")["summary"]["errors"],
        0,
        "a BOM is accepted"
    );
    let huge = file("huge.yaml");
    assert!(
        huge["problems"][0]["message"]
            .as_str()
            .unwrap_or("")
            .contains("over the limit of 8388608 bytes")
    );
    for hostile in HOSTILE {
        assert!(
            file(hostile)["summary"]["errors"].as_u64().unwrap_or(0) >= 1,
            "{hostile} gets an error"
        );
    }
}

/// A run that could not read an input, or whose rules cannot be used, says so in every machine
/// format: SARIF marks the invocation unsuccessful (and stays valid SARIF), JSON says `failed`
/// with the problem, JUnit has an error case; and the exit code is 2.
#[test]
fn failed_runs_say_so_in_every_format() {
    let sarif_schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/sarif-schema-2.1.0.json");
    let json_schema = Path::new("docs/check-output.schema.json");
    let missing = "tests/fixtures/cli/no-such-application.yaml";
    let unusable = [
        "--rules",
        "tests/fixtures/cli/no-submissions",
        "examples/project-clean.yaml",
    ];
    for args in [vec![missing], unusable.to_vec()] {
        let run = |format: &str| {
            let mut all = vec!["check", "--format", format];
            all.extend(&args);
            common::planlint(&all)
        };
        let (code, sarif) = run("sarif");
        assert_eq!(code, 2, "{args:?}");
        validate(&sarif_schema, &sarif);
        let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("JSON");
        let invocation = &sarif["runs"][0]["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false, "{args:?}");
        assert!(
            !invocation["toolExecutionNotifications"][0]["message"]["text"].is_null(),
            "{args:?}"
        );
        let (code, json) = run("json");
        assert_eq!(code, 2, "{args:?}");
        validate(json_schema, &json);
        let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(json["failed"], true, "{args:?}");
        let problems = json["problems"].as_array().into_iter().flatten().chain(
            json["files"][0]["problems"]
                .as_array()
                .into_iter()
                .flatten(),
        );
        assert!(problems.count() > 0, "{args:?}");
        let (code, junit) = run("junit");
        assert_eq!(code, 2, "{args:?}");
        assert!(junit.contains("<error"), "{args:?}: {junit}");
    }
}

/// Whether a character must never reach a terminal or a CI log as it is (as `base::escape`
/// defines it: C0 but tab and line breaks, DEL, C1, bidirectional controls).
fn is_hazard(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Nothing a submission holds can retitle a terminal, reorder a line or start a GitHub workflow
/// command: control characters and bidirectional overrides are written visibly in every
/// human-readable format, and a value cannot end an annotation.
#[test]
fn hostile_values_never_reach_a_terminal_or_a_log_raw() {
    for fixture in [
        "tests/fixtures/hostile/submission-escape-1.yaml",
        "tests/fixtures/hostile/submission-escape-2.yaml",
        "tests/fixtures/hostile/submission-escape-3.yaml",
    ] {
        for format in ["human", "github", "junit"] {
            let (_, out) = planlint(&[
                "check",
                "--as-of",
                "2025-06-01",
                "--format",
                format,
                fixture,
            ]);
            let raw: Vec<String> = out
                .chars()
                .filter(|c| is_hazard(*c))
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(raw.is_empty(), "{fixture} {format}: {raw:?}\n{out}");
            if format == "github" {
                for line in out.lines() {
                    assert!(
                        line.starts_with("::") && !line.starts_with("::error file=evil"),
                        "{fixture}: a line that is not one of ours: {line}"
                    );
                }
            }
        }
    }
    let (_, out) = planlint(&[
        "check",
        "--as-of",
        "2025-06-01",
        "tests/fixtures/hostile/submission-escape-3.yaml",
    ]);
    assert!(
        out.contains("\\u{202e}"),
        "the override is shown, visibly: {out}"
    );
}

/// The reproducers of the reliability review are handled, each with every problem reported:
/// ten thousand documents, a mapping of fifteen thousand keys, two thousand unknown names (whose
/// did-you-means stop after a budget, so the check stays linear).
#[test]
fn the_reliability_reproducers_are_handled() {
    let (_, out) = planlint(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/hostile/submission-slow-1.yaml",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        report["files"][0]["documents"].as_array().map(Vec::len),
        Some(10_000)
    );
    let (_, out) = planlint(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/hostile/submission-slow-2.yaml",
    ]);
    assert!(out.contains("submission::unknown-field"), "{out}");
    let (_, out) = planlint(&[
        "rules",
        "check",
        "tests/fixtures/hostile/rules-slow-1.rules",
    ]);
    assert_eq!(
        out.matches("\nrules::unknown-name\n").count(),
        2000,
        "{out}"
    );
    assert!(
        out.contains("did you mean") || out.contains("declared here"),
        "{out}"
    );
    assert!(
        out.contains("check the spelling; the problems before this one list the declared names")
    );
}

/// A file of a million documents is read up to the per-file limit and refused past it, with
/// the limit said; the documents before it are checked.
#[test]
fn a_file_of_a_million_documents_is_checked_up_to_the_limit() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("a-million-documents.yaml");
    std::fs::write(&path, "--- {}\n".repeat(1_000_000)).expect("writable");
    let (_, out) = planlint(&["check", "--format", "json", path.to_str().expect("a path")]);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let documents = report["files"][0]["documents"]
        .as_array()
        .expect("documents");
    assert_eq!(documents.len(), 10_001, "10,000 checked and the refusal");
    assert!(out.contains("submission::too-many-documents"));
    assert!(
        out.contains("more than 10000 documents"),
        "the limit is said"
    );
}

/// Folders are searched once each and files checked once each, however links loop: a link to a
/// folder is not followed unless `--follow`, and then a folder already searched is skipped.
#[cfg(unix)]
#[test]
fn folder_links_are_searched_once() {
    use std::os::unix::fs::symlink;
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("link-loops");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("sub")).expect("writable");
    let example = std::fs::read("examples/project-clean.yaml").expect("the example");
    std::fs::write(root.join("a.yaml"), &example).expect("writable");
    std::fs::write(root.join("sub/b.yaml"), &example).expect("writable");
    symlink(".", root.join("loop")).expect("a link");
    symlink("..", root.join("sub/up")).expect("a link");
    symlink("a.yaml", root.join("same.yaml")).expect("a link");
    let folder = root.to_str().expect("a path");
    for follow in [false, true] {
        let mut args = vec!["check", "--format", "json", folder];
        if follow {
            args.push("--follow");
        }
        let (code, out) = planlint(&args);
        assert_eq!(code, 0, "{out}");
        let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        assert_eq!(
            report["files"].as_array().map(Vec::len),
            Some(2),
            "follow {follow}: each file once: {out}"
        );
    }
    // A file link loop is an I/O error of the run.
    symlink("x.yaml", root.join("y.yaml")).expect("a link");
    symlink("y.yaml", root.join("x.yaml")).expect("a link");
    let (code, _) = planlint(&["check", folder]);
    assert_eq!(code, 2);
}

/// Reports with only what matters: JSON and JUnit leave passes out unless asked, the human
/// report counts clean documents unless `--verbose`, `--quiet` keeps errors and the last line,
/// `--statistics` counts per rule, `--output` writes the report to a file, `--fail-on never`
/// exits 0.
#[test]
fn reports_show_what_matters_unless_asked_for_more() {
    let (_, json) = check_sample(&["--format", "json", OUTCOMES]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let others = |report: &serde_json::Value| -> usize {
        report["files"][0]["documents"]
            .as_array()
            .expect("documents")
            .iter()
            .map(|d| d["other_outcomes"].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert_eq!(others(&report), 0, "no passes by default");
    let (_, json) = check_sample(&["--format", "json", "--include-passes", OUTCOMES]);
    assert!(others(&serde_json::from_str(&json).expect("JSON")) > 0);
    let (_, junit) = check_sample(&["--format", "junit", OUTCOMES]);
    let (_, junit_all) = check_sample(&["--format", "junit", "--include-passes", OUTCOMES]);
    assert!(junit_all.matches("<testcase").count() > junit.matches("<testcase").count());

    let (_, normal) = check_sample(&["--lang", "en", OUTCOMES]);
    let (_, verbose) = check_sample(&["--lang", "en", "--verbose", OUTCOMES]);
    let lines = |out: &str| out.lines().filter(|l| l.contains(".yaml #")).count();
    assert_eq!(lines(&verbose), 8, "every document");
    assert!(
        lines(&normal) < 8 && normal.contains("with nothing to report"),
        "{normal}"
    );
    let (_, quiet) = check_sample(&["--lang", "en", "--quiet", OUTCOMES]);
    assert!(quiet.contains("× violation"), "{quiet}");
    assert!(!quiet.contains("⚠") && !quiet.contains("☞"), "{quiet}");
    assert!(
        quiet
            .trim_end()
            .lines()
            .last()
            .unwrap_or("")
            .starts_with("checked 1 file")
    );
    let (_, statistics) = check_sample(&["--lang", "en", "--statistics", OUTCOMES]);
    assert!(
        statistics
            .lines()
            .any(|l| l.trim_start().starts_with("1  SY-BOILER-BUILTUP")),
        "{statistics}"
    );

    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.json");
    let _ = std::fs::remove_file(&path);
    let (code, out) = check_sample(&[
        "--format",
        "json",
        "--output",
        path.to_str().expect("a path"),
        OUTCOMES,
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        out.lines().count(),
        1,
        "the terminal gets the last line: {out}"
    );
    let written = std::fs::read_to_string(&path).expect("the report is written");
    assert!(serde_json::from_str::<serde_json::Value>(&written).is_ok());
    let (code, _) = check_sample(&["--fail-on", "never", OUTCOMES]);
    assert_eq!(code, 0);
}

/// `planlint check .` in a repository checks its submissions only: `.gitignore`d folders
/// (`node_modules/`), hidden ones (`.github/`) and YAML or JSON that declares no `kind`
/// (`package.json`) are left out, the last with a note; `--exclude` leaves out more; a file
/// named on the command line is still checked strictly.
#[test]
fn a_repository_is_searched_for_its_submissions_only() {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("a-repository");
    let _ = std::fs::remove_dir_all(&root);
    for dir in [".github/workflows", "node_modules/dep", "submissions/2025"] {
        std::fs::create_dir_all(root.join(dir)).expect("writable");
    }
    let write = |path: &str, text: &str| std::fs::write(root.join(path), text).expect("writable");
    write(".gitignore", "node_modules/\n");
    write(".github/workflows/ci.yml", "name: ci\non: push\n");
    write("package.json", "{\"name\": \"platform\"}\n");
    write("node_modules/dep/package.json", "{\"name\": \"dep\"}\n");
    write("node_modules/dep/kind.yaml", "kind: project\n");
    let example = std::fs::read_to_string("examples/project-clean.yaml").expect("the example");
    write("submissions/2025/a.yaml", &example);
    write("submissions/2025/b.yaml", &example);
    let folder = root.to_str().expect("a path");
    let files = |args: &[&str]| -> Vec<String> {
        let output = common::command(args).output().expect("runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        report["files"]
            .as_array()
            .expect("files")
            .iter()
            .map(|f| f["file"].as_str().unwrap_or("").replace(folder, ""))
            .collect()
    };
    assert_eq!(
        files(&["check", "--format", "json", folder]),
        ["/submissions/2025/a.yaml", "/submissions/2025/b.yaml"]
    );
    assert_eq!(
        files(&["check", "--format", "json", "--exclude", "b.yaml", folder]),
        ["/submissions/2025/a.yaml"]
    );
    let output = common::command(&["check", folder]).output().expect("runs");
    let note = String::from_utf8_lossy(&output.stderr);
    assert!(
        note.contains("1 YAML/JSON file in the folders declare"),
        "{note}"
    );
    let named = root.join("package.json");
    let (code, _) = planlint(&["check", named.to_str().expect("a path")]);
    assert_eq!(code, 1, "a file named is checked strictly");
}

/// `planlint check -` reads the standard input, named in the report by `--stdin-filename`.
#[test]
fn the_standard_input_is_a_submission() {
    use std::io::Write;
    let mut child = common::command(&[
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "application.yaml",
        "-",
    ])
    .stdin(std::process::Stdio::piped())
    .stdout(std::process::Stdio::piped())
    .spawn()
    .expect("runs");
    let example = std::fs::read("examples/project-violations.yaml").expect("the example");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&example)
        .expect("written");
    let output = child.wait_with_output().expect("finishes");
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["files"][0]["file"], "application.yaml");
    assert_eq!(report["summary"]["violation"], 10);
}

/// Completions and the manual page are generated from the command line's definition; the
/// pre-commit hook and the GitHub Action call commands that exist.
#[test]
fn completions_man_page_hook_and_action() {
    for (shell, marker) in [
        ("bash", "_planlint()"),
        ("zsh", "#compdef planlint"),
        ("fish", "complete -c planlint"),
    ] {
        let (code, out) = planlint(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("fail-on"), "{shell} completes the options");
    }
    let (code, man) = planlint(&["man"]);
    assert_eq!(code, 0);
    assert!(man.contains(".TH planlint 1"), "{man}");
    let hook = std::fs::read_to_string(".pre-commit-hooks.yaml").expect("the hook");
    assert!(hook.contains("id: planlint") && hook.contains("entry: planlint check"));
    let action = std::fs::read_to_string("action.yml").expect("the action");
    for needed in [
        "using: composite",
        "--format sarif",
        "upload-sarif",
        "--output planlint.sarif",
    ] {
        assert!(action.contains(needed), "action.yml: {needed}");
    }
}

/// The same check twice gives the same decision id, wherever the plan's files are read from;
/// `replay` says so, and finds a changed rules file, a changed submission and changed outcomes.
#[test]
fn decision_records_are_content_addressed_and_replay_finds_what_changed() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("decision-records");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("writable");
    let record = |name: &str, args: &[&str]| -> serde_json::Value {
        let path = dir.join(name);
        let path = path.to_str().expect("a path");
        let mut all = vec!["check", "--format", "json", "--record", path];
        all.extend_from_slice(args);
        common::planlint(&all);
        serde_json::from_str(&std::fs::read_to_string(path).expect("a record")).expect("JSON")
    };
    let first = record("first.json", &["examples/project-violations.yaml"]);
    let second = record("second.json", &["examples/project-violations.yaml"]);
    assert_eq!(first["schema"], "planlint/decision/v1");
    assert_eq!(first["decision_id"], second["decision_id"]);
    assert!(
        first["decision_id"]
            .as_str()
            .expect("an id")
            .starts_with("sha256:")
    );
    assert_eq!(
        first["inputs"][0]["documents"][0]["date_source"],
        "document"
    );
    assert_eq!(first["counts"]["violation"], 10);
    // The embedded plan and the same files on disk are one plan chain.
    let from_disk = record(
        "disk.json",
        &[
            "--rules",
            "rules/jingzhou-2024",
            "examples/project-violations.yaml",
        ],
    );
    assert_eq!(first["decision_id"], from_disk["decision_id"]);
    // Another date is another decision.
    let dated = record(
        "dated.json",
        &["--as-of", "2026-01-15", "examples/project-violations.yaml"],
    );
    assert_ne!(first["decision_id"], dated["decision_id"]);
    let recorded = dir.join("first.json");
    let recorded = recorded.to_str().expect("a path");
    let (code, out) = common::planlint(&["replay", recorded, "examples/project-violations.yaml"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("reproduced"), "{out}");
    // A rules file changed: the plan chain's digest differs.
    let rules = dir.join("rules");
    for folder in ["jingzhou-2024", "national-2023", "cn-air-schema"] {
        copy_folder(
            &std::path::Path::new("rules").join(folder),
            &rules.join(folder),
        );
    }
    let energy = rules.join("jingzhou-2024/energy.rules");
    let text = std::fs::read_to_string(&energy).expect("energy.rules");
    std::fs::write(
        &energy,
        text.replacen(
            "forbid b.capacity <= 35 t/h",
            "forbid b.capacity <= 30 t/h",
            1,
        ),
    )
    .expect("writable");
    let changed = rules.join("jingzhou-2024");
    let (code, out) = common::planlint(&[
        "replay",
        recorded,
        "examples/project-violations.yaml",
        "--rules",
        changed.to_str().expect("a path"),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("plan chain's files differ") || out.contains("方案链文件不同"),
        "{out}"
    );
    // Another submission: its digest and outcomes differ.
    let (code, out) = common::planlint(&["replay", recorded, "examples/project-clean.yaml"]);
    assert_eq!(code, 1, "{out}");
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("writable");
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copied");
        }
    }
}

/// `planlint init` makes a plan folder on which `rules check`, `rules test` and `rules coverage`
/// pass at once, quoting the text it was given.
#[test]
fn init_makes_a_plan_that_checks_tests_and_covers_clean() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("init-plan");
    let _ = std::fs::remove_dir_all(&dir);
    let folder = dir.to_str().expect("a path");
    let (code, out) = common::planlint(&[
        "init",
        folder,
        "--id",
        "sample-2025",
        "--title",
        "样市空气质量持续改善行动方案",
        "--text",
        "rules/jingzhou-2024/jingzhou-2024.txt",
        "--effective-from",
        "2025-03-01",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("8 files"), "{out}");
    let (code, out) = common::planlint(&["rules", "check", folder, "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 rule, 1 document kind; 0 errors, 0 warnings"),
        "{out}"
    );
    let (code, out) = common::planlint(&["rules", "test", folder, "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 of 1 rules tested, 0 failing; 2/2 expectations"),
        "{out}"
    );
    let (code, out) = common::planlint(&["rules", "coverage", folder, "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    let rules = std::fs::read_to_string(dir.join("rules.rules")).expect("the example rule");
    let text = std::fs::read_to_string("rules/jingzhou-2024/jingzhou-2024.txt").expect("the text");
    let quote = rules
        .lines()
        .find_map(|l| l.trim().strip_prefix("quote \""))
        .and_then(|q| q.strip_suffix('"'))
        .expect("a quote");
    assert!(text.contains(quote), "the example quotes the text: {quote}");
    // A second init into the same folder is refused and changes nothing.
    let (code, _) = common::planlint(&[
        "init",
        folder,
        "--id",
        "other-2025",
        "--title",
        "t",
        "--text",
        "rules/jingzhou-2024/jingzhou-2024.txt",
    ]);
    assert_eq!(code, 2);
    assert_eq!(
        std::fs::read_to_string(dir.join("rules.rules")).expect("kept"),
        rules
    );
}

const WAIVERS: &str = "tests/fixtures/cli/waivers.yaml";
const WAIVED_PROJECT: &str = "tests/fixtures/cli/waivers-project.yaml";

/// An officer's waivers in the machine formats: JSON and SARIF still validate; a waived finding
/// names its waiver, SARIF marks it an accepted external suppression; the decision record holds
/// the register's digest and the waived count; replay without the register, or with another,
/// is another decision; `--fail-on advice` does not fail on a waived finding.
#[test]
fn waivers_are_reported_validated_and_recorded() {
    let base = ["check", "--as-of", "2025-06-01", "--waivers", WAIVERS];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = base.to_vec();
        args.extend_from_slice(extra);
        args.push(WAIVED_PROJECT);
        planlint(&args)
    };
    let (code, json) = run(&["--format", "json", "--include-passes"]);
    assert_eq!(code, 1, "the violations left still fail the run");
    validate(Path::new("docs/check-output.schema.json"), &json);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["summary"]["waived"], 2);
    let findings = report["files"][0]["documents"][0]["findings"]
        .as_array()
        .expect("findings");
    let waived: Vec<&str> = findings
        .iter()
        .filter(|f| f["outcome"] == "waived")
        .map(|f| f["waiver"]["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(waived, ["W-2025-002", "W-2025-001"]);
    let expired = findings
        .iter()
        .find(|f| f["rule"] == "JZ-PROJ-CAPTIVE-COAL-UNIT")
        .expect("the captive unit finding");
    assert_eq!(expired["outcome"], "violation");
    assert_eq!(expired["waiver"]["standing"], "expired");
    // The national rule the city rule implements is not waived by the city's waiver.
    let national = findings
        .iter()
        .find(|f| f["rule"] == "CN-ENERGY-NEW-COAL-BOILER-BUILTUP")
        .expect("the national boiler finding");
    assert_eq!(national["outcome"], "violation");
    let problems: Vec<&str> = report["files"][1]["problems"]
        .as_array()
        .expect("the register's problems")
        .iter()
        .map(|p| p["code"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        problems,
        ["waivers::expired", "waivers::expired", "waivers::unused"]
    );

    let (_, sarif) = run(&["--format", "sarif"]);
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/sarif-schema-2.1.0.json");
    validate(&schema, &sarif);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("JSON");
    let suppressed: Vec<&serde_json::Value> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    for result in suppressed {
        assert_eq!(result["suppressions"][0]["kind"], "external");
        assert_eq!(result["suppressions"][0]["status"], "accepted");
        let justification = result["suppressions"][0]["justification"]
            .as_str()
            .unwrap_or("");
        assert!(justification.contains("荆"), "{justification}");
    }

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("waiver-records");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("writable");
    let record = dir.join("record.json");
    let record = record.to_str().expect("a path");
    run(&["--format", "json", "--record", record]);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(record).expect("a record")).expect("JSON");
    assert!(
        recorded["options"]["waivers"]
            .as_str()
            .unwrap_or("")
            .starts_with("sha256:")
    );
    assert_eq!(recorded["counts"]["waived"], 2);
    assert_eq!(
        recorded["inputs"].as_array().map(Vec::len),
        Some(1),
        "the register is no input"
    );
    let (code, out) = planlint(&["replay", record, WAIVED_PROJECT, "--waivers", WAIVERS]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = planlint(&["replay", record, WAIVED_PROJECT]);
    assert_eq!(
        code, 1,
        "without the register it is another decision: {out}"
    );
    assert!(out.contains("waiver register differs"), "{out}");
    let other = dir.join("other.yaml");
    let text = std::fs::read_to_string(WAIVERS).expect("the register");
    std::fs::write(&other, text.replace("2025-12-31", "2025-05-31")).expect("writable");
    let (code, out) = planlint(&[
        "replay",
        record,
        WAIVED_PROJECT,
        "--waivers",
        other.to_str().expect("a path"),
    ]);
    assert_eq!(code, 1, "{out}");

    // Waived findings never fail a run, whatever `--fail-on` says.
    let only_waived = dir.join("only-waived.yaml");
    std::fs::write(
        &only_waived,
        "waivers:\n".to_string()
            + &text
                .split("\n  - id: ")
                .skip(1)
                .filter(|entry| !entry.starts_with("W-2025-005"))
                .map(|entry| format!("  - id: {entry}\n"))
                .collect::<String>(),
    )
    .expect("writable");
    let (code, _) = planlint(&[
        "check",
        "--as-of",
        "2025-06-01",
        "--fail-on",
        "advice",
        "--waivers",
        only_waived.to_str().expect("a path"),
        "--format",
        "json",
        WAIVED_PROJECT,
    ]);
    assert_eq!(code, 1, "advice and violations are still there");
}
