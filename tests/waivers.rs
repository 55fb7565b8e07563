//! The officer's waiver register through the library: a waiver's period, its subject, and the
//! rules it may cover, against the embedded plan and a project fixture that gives its code.

use planlint::check::CheckOptions;
use planlint::waiver::Register;
use planlint::{Date, Outcome, Plan};
use std::sync::Arc;

const PROJECT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/cli/waivers-project.yaml"
);
/// The project fixture's in-principle boiler rule, and a rule of the plan that says `forbid`.
const IN_PRINCIPLE: &str = "JZ-BOILER-NEW-COAL-BUILTUP";
const HARD: &str = "JZ-PROJ-HPF-FACILITY-NEW";

fn entry(rule: &str, subject: &str, granted: &str, expires: &str) -> String {
    format!(
        "waivers:\n  - id: W-1\n    rule: {rule}\n    subject: {subject}\n    \
         document: 荆环审〔2025〕12号\n    granted_by: 荆州市生态环境局\n    granted_on: {granted}\n    \
         expires_on: {expires}\n    reason: 热网尚未覆盖\n"
    )
}

fn codes(register: &Register) -> Vec<&'static str> {
    register
        .problems
        .iter()
        .filter_map(|p| p.code())
        .map(|c| c.as_str())
        .collect()
}

/// The outcome of a rule's finding for the project on a check date.
fn outcome_on(plan: &Plan, register: &Register, rule: &str, day: &str) -> Outcome {
    let bytes = std::fs::read(PROJECT).expect("the fixture");
    let options = CheckOptions::new(Date::parse(day).expect("a date"))
        .as_of(Date::parse(day))
        .waivers(Some(Arc::new(register.clone())));
    let report = plan.check("waivers-project.yaml", &bytes, &options);
    plan.outcomes(&report)
        .filter(|(id, _)| *id == rule)
        .map(|(_, outcome)| outcome)
        .max()
        .expect("the rule applies")
}

/// Both ends of a waiver's period are in it; the day before and the day after are not.
#[test]
fn a_waiver_is_in_force_from_its_grant_to_its_expiry_both_days_included() {
    let plan = Plan::embedded().expect("the embedded plan");
    let text = entry(
        IN_PRINCIPLE,
        "2024-421000-26-01-000001",
        "2025-03-01",
        "2025-12-31",
    );
    let register = Register::read(&plan, "waivers.yaml", text.as_bytes());
    assert!(codes(&register).is_empty(), "{:?}", register.problems);
    for (day, outcome) in [
        ("2025-02-28", Outcome::Violation),
        ("2025-03-01", Outcome::Waived),
        ("2025-12-31", Outcome::Waived),
        ("2026-01-01", Outcome::Violation),
    ] {
        assert_eq!(
            outcome_on(&plan, &register, IN_PRINCIPLE, day),
            outcome,
            "{day}"
        );
    }
}

#[test]
fn a_waiver_names_its_subject_by_code_or_file_name() {
    let plan = Plan::embedded().expect("the embedded plan");
    for (subject, outcome) in [
        ("2024-421000-26-01-000002", Outcome::Violation),
        ("waivers-project.yaml", Outcome::Waived),
    ] {
        let text = entry(IN_PRINCIPLE, subject, "2025-03-01", "2025-12-31");
        let register = Register::read(&plan, "waivers.yaml", text.as_bytes());
        assert_eq!(
            outcome_on(&plan, &register, IN_PRINCIPLE, "2025-06-01"),
            outcome,
            "{subject}"
        );
    }
}

#[test]
fn a_rule_that_is_not_in_principle_needs_allow_hard_and_its_grounds() {
    let plan = Plan::embedded().expect("the embedded plan");
    let hard = entry(HARD, "2024-421000-26-01-000001", "2025-03-01", "2025-12-31");
    let read = |text: &str| Register::read(&plan, "waivers.yaml", text.as_bytes());
    assert_eq!(codes(&read(&hard)), ["waivers::hard-rule"]);
    assert_eq!(
        codes(&read(&format!("{hard}    allow_hard: true\n"))),
        ["waivers::hard-rule"]
    );
    let allowed = format!("{hard}    allow_hard: true\n    hard_reason: 市政府专题会议纪要同意\n");
    let register = read(&allowed);
    assert!(codes(&register).is_empty());
    assert_eq!(
        outcome_on(&plan, &register, HARD, "2025-06-01"),
        Outcome::Waived
    );
}

#[test]
fn a_register_that_is_not_one_is_a_problem_not_a_panic() {
    let plan = Plan::embedded().expect("the embedded plan");
    let read = |text: &str| Register::read(&plan, "waivers.yaml", text.as_bytes());
    for text in [
        "",
        "waivers:\n",
        "- a\n- b\n",
        "waivers: 3\n",
        "waivers:\n  - 3\n",
        "\u{0}\u{1}",
    ] {
        assert!(read(text).waivers.is_empty(), "{text:?}");
    }
    assert!(read("waivers: 3\n").has_errors());
    assert!(!read("waivers:\n").has_errors());
}
