//! Fuzz target: text as a rules file, compiled alone and in place of one file of the embedded
//! plan, and its report rendered; no panic on any input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::report::{Language, ReportOptions};
use planlint::{Plan, PlanFiles, tools};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = ReportOptions::new(Language::En);
    let mut alone = PlanFiles::new("fuzz");
    alone.add("fuzz.rules", text.as_bytes().to_vec());
    let plan = Plan::compile(&alone);
    let _ = tools::rules_report(&plan, &options);

    // In place of one of the embedded plan's files, chosen by the text's length.
    let Some(mut files) = PlanFiles::embedded() else {
        return;
    };
    let names = ["area.rules", "energy.rules", "industry.rules", "reports.rules", "schema.rules"];
    files.add(names[text.len() % names.len()], text.as_bytes().to_vec());
    let plan = Plan::compile(&files);
    let _ = tools::rules_report(&plan, &options);
    if !plan.has_errors() {
        let run = tools::test(&plan);
        let _ = run.report(&plan, &options);
    }
});
