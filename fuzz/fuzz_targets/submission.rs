//! Fuzz target: bytes as a submission file, checked against the embedded plan and rendered in
//! every format; no panic, and no control character reaches a human-readable report raw.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planlint::check::CheckOptions;
use planlint::report::{self, Format, Language, ReportOptions};
use planlint::{Date, Plan};
use std::sync::OnceLock;

fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| Plan::embedded().expect("a plan is embedded"))
}

/// What no human-readable format may print raw (as `planlint`'s own escape module defines it).
fn is_hazard(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how the rest is read: the file's extension and the language.
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = if selector & 1 == 1 { "fuzz.yaml" } else { "fuzz.json" };
    let language = if selector & 2 == 2 { Language::ZhHans } else { Language::En };
    let today = Date::new(2025, 6, 1).expect("a date");
    let options = CheckOptions::new(today);
    let file = plan().check(name, bytes, &options);
    let mut report_options = ReportOptions::new(language);
    report_options.explain = selector & 4 == 4;
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Junit, Format::Github] {
        let rendered = report::render(plan(), std::slice::from_ref(&file), format, &report_options);
        if matches!(format, Format::Human | Format::Github | Format::Junit) {
            assert!(!rendered.chars().any(is_hazard), "a raw control character in {format:?}");
        }
    }
});
