//! Helpers shared by the integration tests: the sample plan and deterministic rendering.
#![allow(dead_code)]

use planlint::report::{self, Format, Language, ReportOptions};
use planlint::{CheckOptions, Date, Plan};
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
    let plan = sample_plan();
    let name = relative(path);
    let bytes = std::fs::read(path).expect("the fixture is readable");
    let file = plan.check(&name, &bytes, &options());
    report::render(
        plan,
        &[file],
        Format::Human,
        &ReportOptions::new(Language::En),
    )
}

/// Runs the binary in the crate root with a fixed environment (no colour, fixed width, English
/// tool words); returns the exit code and stdout.
pub fn planlint(args: &[&str]) -> (i32, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("stdout is UTF-8");
    (output.status.code().unwrap_or(-1), stdout)
}
