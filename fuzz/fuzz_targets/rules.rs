//! Fuzz target: text as a rules file, compiled alone, with the fixtures' plan header and schema
//! (as the bad-rules fixtures are), and now and then in place of one file of the embedded plan;
//! its report rendered; no panic on any input. The embedded plan takes a tenth of a second to
//! compile, so it is used for one input in sixteen, to leave the fuzzer its speed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::report::{Language, ReportOptions};
use planlint::{Plan, PlanFiles, tools};

const HEADER: &str = include_str!("../../tests/fixtures/rules/prelude/header.rules");
const SCHEMA: &str = include_str!("../../tests/fixtures/rules/prelude/schema.rules");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = ReportOptions::new(Language::En);
    let mut alone = PlanFiles::new("fuzz");
    alone.add("fuzz.rules", text.as_bytes().to_vec());
    let _ = tools::rules_report(&Plan::compile(&alone), &options);

    let mut with_prelude = PlanFiles::new("fuzz");
    with_prelude.add("header.rules", HEADER.as_bytes().to_vec());
    with_prelude.add("schema.rules", SCHEMA.as_bytes().to_vec());
    with_prelude.add("fuzz.rules", text.as_bytes().to_vec());
    let plan = Plan::compile(&with_prelude);
    let _ = tools::rules_report(&plan, &options);
    if !plan.has_errors() {
        let _ = tools::coverage(&plan, &tools::test(&plan)).table(Language::ZhHans);
    }

    if data.iter().fold(0u8, |a, b| a.wrapping_add(*b)) % 16 != 0 {
        return;
    }
    let Some(mut files) = PlanFiles::embedded() else {
        return;
    };
    let names = ["area.rules", "energy.rules", "industry.rules", "reports.rules", "schema.rules"];
    files.add(names[text.len() % names.len()], text.as_bytes().to_vec());
    let _ = tools::rules_report(&Plan::compile(&files), &options);
});
