//! The HTML report an officer files: self-contained, never reaching the network, every value
//! escaped, and every reported finding on the page with its clause.

mod common;

use common::planlint;

/// The page must not fetch anything: no script, no attribute that names a resource, no URL.
fn assert_self_contained(page: &str, what: &str) {
    assert!(
        page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        ),
        "{what}: the policy that forbids every fetch"
    );
    for forbidden in [
        "<script", " src=", " href=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!page.contains(forbidden), "{what} holds `{forbidden}`");
    }
    assert!(page.starts_with("<!DOCTYPE html>"), "{what}: a whole page");
    assert!(page.trim_end().ends_with("</html>"), "{what}: a whole page");
}

#[test]
fn every_example_is_a_self_contained_page_with_every_finding() {
    for entry in std::fs::read_dir("examples").expect("the examples") {
        let path = entry.expect("an entry").path();
        let path = path.to_str().expect("a path");
        let (_, page) = planlint(&["check", "--format", "html", "--lang", "zh", path]);
        assert_self_contained(&page, path);
        assert!(
            page.contains("<html lang=\"zh-CN\">"),
            "{path}: Chinese first"
        );
        assert!(
            page.contains("审查意见") && page.contains("经办人"),
            "{path}: the opinion block"
        );
        // The footer carries the decision record, so a printed page is traced to its run.
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-records");
        std::fs::create_dir_all(&dir).expect("writable");
        let record = dir.join("record.json");
        let record_path = record.to_str().expect("a path");
        planlint(&[
            "check",
            "--format",
            "json",
            "--lang",
            "zh",
            "--record",
            record_path,
            path,
        ]);
        let record: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&record).expect("a record"))
                .expect("JSON");
        let id = record["decision_id"].as_str().expect("an id");
        assert!(
            page.contains(&format!("决定记录 planlint/decision/v1：{id}")),
            "{path}: the record"
        );
        // Each reported finding of the JSON report is a block on the page, with its quote.
        let (_, json) = planlint(&["check", "--format", "json", path]);
        let report: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let mut findings = 0;
        for document in report["files"][0]["documents"]
            .as_array()
            .expect("documents")
        {
            for finding in document["findings"].as_array().expect("findings") {
                findings += 1;
                let rule = finding["rule"].as_str().expect("a rule id");
                assert!(
                    page.contains(&format!("<span class=\"rule\">{rule}</span>")),
                    "{path}: {rule}"
                );
            }
        }
        assert_eq!(
            page.matches("<div class=\"finding ").count(),
            findings,
            "{path}"
        );
    }
}

#[test]
fn values_from_a_submission_are_escaped() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-escaping");
    std::fs::create_dir_all(&dir).expect("writable");
    let example = std::fs::read_to_string("examples/project-violations.yaml").expect("the example");
    let hostile = example.replacen(
        "name: ",
        "name: \"<script>alert('x')</script> & <b>bold</b>\"\nold_name: ",
        1,
    );
    let hostile = hostile.replacen("old_name: ", "# ", 1);
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, hostile).expect("writable");
    let (_, page) = planlint(&["check", "--format", "html", path.to_str().expect("a path")]);
    assert_self_contained(&page, "the hostile submission");
    assert!(
        page.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        )
    );
    assert!(!page.contains("<b>bold</b>"));
}

#[test]
fn the_page_speaks_the_readers_language() {
    let (_, page) = planlint(&[
        "check",
        "--format",
        "html",
        "--lang",
        "en",
        "examples/project-clean.yaml",
    ]);
    assert_self_contained(&page, "English");
    assert!(page.contains("<html lang=\"en\">") && page.contains("Review opinion"));
    let (_, page) = planlint(&[
        "check",
        "--format",
        "html",
        "--lang",
        "zh-Hant",
        "examples/project-clean.yaml",
    ]);
    assert!(page.contains("<html lang=\"zh-Hant\">") && page.contains("審查意見"));
}

/// `planlint doc`: the literate page has a card for every rule of the plan, each quote in the
/// text linked to it, the rows left out with their reasons, and fetches nothing.
#[test]
fn the_literate_page_shows_every_rule_beside_the_text() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("literate");
    std::fs::create_dir_all(&dir).expect("writable");
    for (plan, omitted) in [("rules/jingzhou-2024", 0), ("rules/national-2023", 48)] {
        let page_path = dir.join(format!("{}.html", plan.replace('/', "-")));
        let page_arg = page_path.to_str().expect("a path");
        let (code, out) = planlint(&["doc", plan, "--out", page_arg, "--lang", "zh"]);
        assert_eq!(code, 0, "{out}");
        let page = std::fs::read_to_string(&page_path).expect("the page");
        for forbidden in ["<script", " src=", "url(", "http://", "https://"] {
            assert!(
                !page.contains(forbidden),
                "{plan}: the page holds `{forbidden}`"
            );
        }
        let (_, ids) = planlint(&["rules", "coverage", plan, "--format", "json"]);
        let coverage: serde_json::Value = serde_json::from_str(&ids).expect("JSON");
        for row in coverage["rows"].as_array().expect("rows") {
            for rule in row["rules"].as_array().expect("rules") {
                let id = rule["id"].as_str().expect("an id");
                assert!(
                    page.contains(&format!("<div class=\"card\" id=\"{id}\">")),
                    "{plan}: {id}"
                );
                assert!(
                    page.contains(&format!("href=\"#{id}\"")),
                    "{plan}: {id}'s passage"
                );
            }
            if row["status"] == "omitted" {
                let id = row["id"].as_str().expect("an id");
                assert!(
                    page.contains(&format!("<span class=\"rule\">{id}</span>")),
                    "{plan}: {id}"
                );
            }
        }
        let shown = coverage["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["status"] == "omitted")
            .count();
        assert_eq!(shown, omitted, "{plan}");
    }
}
