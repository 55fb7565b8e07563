//! Helpers shared by the integration tests: the sample plan and deterministic rendering.
#![allow(dead_code)]

use planlint::check::{CheckOptions, check_file};
use planlint::date::Date;
use planlint::diagnostic::HumanRenderer;
use planlint::eval::Outcome;
use planlint::model::{Language, Plan};
use planlint::project::PlanFiles;
use planlint::render::{self, Run};
use std::path::Path;
use std::sync::OnceLock;

pub const SAMPLE_PLAN: &str = "tests/fixtures/rules/sample";

/// The sample plan, compiled once per test binary.
pub fn sample_plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let compiled = PlanFiles::read(Path::new(SAMPLE_PLAN))
            .expect("the sample plan is readable")
            .compile();
        assert!(
            !compiled.has_errors(),
            "the sample plan has errors: {:?}",
            compiled.diagnostics
        );
        compiled.plan
    })
}

pub fn options() -> CheckOptions {
    CheckOptions {
        as_of: Date::new(2025, 6, 1),
        today: Date::new(2025, 6, 1).expect("a valid date"),
        language: Language::En,
        limits: Default::default(),
    }
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
    let report = check_file(plan, &name, &bytes, &options());
    let files = [report];
    let run = Run {
        plan,
        files: &files,
        language: Language::En,
        fail_on: Outcome::Violation,
        explain: false,
    };
    render::human::render(&run, &HumanRenderer::plain())
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
