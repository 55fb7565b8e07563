//! Helpers shared by the integration tests: the sample plan and deterministic rendering.
#![allow(dead_code)]

use planlint::check::CheckOptions;
use planlint::report::{self, Format, Language, ReportOptions};
use planlint::{Date, Plan};
use std::path::Path;
use std::sync::OnceLock;

/// The command line's own plan reader, so that tests read plan folders exactly as users do.
#[path = "../../src/bin/planlint/plan_dir.rs"]
pub mod plan_dir;

/// Reads and compiles the plan folder (or single rules file) at `path`.
pub fn read_plan(path: &str) -> Plan {
    plan_dir::load(Some(Path::new(path))).expect("the plan is readable")
}

pub const SAMPLE_PLAN: &str = "tests/fixtures/rules/sample";

/// The sample plan, compiled once per test binary.
pub fn sample_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let plan = read_plan(SAMPLE_PLAN);
        assert!(
            !plan.has_errors(),
            "the sample plan has errors: {:?}",
            plan.diagnostics()
        );
        plan
    })
}

pub fn options() -> CheckOptions {
    let day = Date::new(2025, 6, 1).expect("a valid date");
    CheckOptions::new(day).as_of(Some(day))
}

/// A path relative to the crate root with forward slashes, as the snapshots show it.
pub fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Checks one submission file against the sample plan and renders it as a person sees it.
pub fn check_rendered(path: &Path) -> String {
    let file = check_fixture(path);
    report::render(
        sample_plan(),
        &[file],
        Format::Human,
        &ReportOptions::new(Language::En),
    )
}

/// The binary in the crate root with a fixed environment.
pub fn command(args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// Runs the binary in the crate root with a fixed environment (no colour, fixed width, English
/// tool words); returns the exit code and stdout.
pub fn planlint(args: &[&str]) -> (i32, String) {
    let output = command(args).output().expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    (output.status.code().unwrap_or(-1), stdout)
}

/// Where the rules fixtures' shared plan header and schema live.
pub const PRELUDE: &str = "tests/fixtures/rules/prelude";

/// A fixture's header directives: the `// key: value` (rules) or `# key: value` (YAML) lines.
pub fn directives(bytes: &[u8]) -> Vec<(String, String)> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix("//").or_else(|| line.strip_prefix('#'))?;
            let (key, value) = rest.split_once(':')?;
            let key = key.trim();
            (!key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
                .then(|| (key.to_string(), value.trim().to_string()))
        })
        .collect()
}

/// The value of one directive, if the fixture gives it.
pub fn directive(bytes: &[u8], key: &str) -> Option<String> {
    directives(bytes)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// Compiles a rules fixture as one plan with the prelude: `header.rules` and `schema.rules`, or
/// only `schema.rules` (`// prelude: schema`), or nothing (`// prelude: none`). The plan's root
/// is the fixture's folder, so its official text is `../sample/official.txt`.
pub fn fixture_plan(path: &Path) -> Plan {
    let bytes = std::fs::read(path).expect("the fixture is readable");
    let prelude: &[&str] = match directive(&bytes, "prelude").as_deref() {
        Some("none") => &[],
        Some("schema") => &["schema.rules"],
        _ => &["header.rules", "schema.rules"],
    };
    let relative = relative(path);
    let folder = Path::new(&relative).parent().expect("a fixture folder");
    let mut files = planlint::PlanFiles::new(folder.display().to_string());
    for name in prelude {
        let prelude_file = Path::new(PRELUDE).join(name);
        files.add(
            *name,
            std::fs::read(prelude_file).expect("the prelude is readable"),
        );
    }
    let name = path.file_name().expect("a file name").to_string_lossy();
    files.add(name.into_owned(), bytes);
    plan_dir::compile(&files, folder)
}

/// Checks a submission fixture against the sample plan, honouring `# max-file-bytes: N`.
pub fn check_fixture(path: &Path) -> planlint::check::FileReport {
    let bytes = std::fs::read(path).expect("the fixture is readable");
    let mut options = options();
    if let Some(limit) = directive(&bytes, "max-file-bytes") {
        options = options.max_file_bytes(limit.parse().expect("a number of bytes"));
    }
    if let Some(limit) = directive(&bytes, "max-documents") {
        options = options.max_documents(limit.parse().expect("a number of documents"));
    }
    sample_plan().check(&relative(path), &bytes, &options)
}

/// Runs a plan-test fixture (`tests/fixtures/plan-tests/tests/…`) as the only test of the
/// sample plan's rules, so that the report names the fixture where it is.
pub fn plan_test_run(path: &Path) -> (Plan, planlint::tools::TestRun) {
    let mut files = planlint::PlanFiles::new("tests/fixtures/plan-tests");
    for entry in std::fs::read_dir(SAMPLE_PLAN).expect("the sample plan is readable") {
        let entry = entry.expect("a readable entry");
        if entry.path().is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            files.add(name, std::fs::read(entry.path()).expect("readable"));
        }
    }
    let name = path.file_name().expect("a file name").to_string_lossy();
    files.add(
        format!("tests/{name}"),
        std::fs::read(path).expect("readable"),
    );
    let plan = plan_dir::compile(&files, Path::new(SAMPLE_PLAN));
    let run = planlint::tools::test(&plan);
    (plan, run)
}

/// The command line of a CLI fixture: its lines that are not `#` comments, split at blanks.
pub fn cli_args(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("the fixture is readable")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .flat_map(|l| l.split_whitespace().map(str::to_string))
        .collect()
}

/// Runs the binary like [`planlint`], returning the exit code and stdout followed by stderr.
pub fn planlint_all_output(args: &[&str]) -> (i32, String) {
    let output = command(args).output().expect("the binary runs");
    let mut text = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    text.push_str(&String::from_utf8(output.stderr).expect("stderr is UTF-8"));
    (output.status.code().unwrap_or(-1), text)
}
