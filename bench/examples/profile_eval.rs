//! Evaluates a fixed set of generated documents over and over, for a profiler to watch.

use planlint::check::check_file;
use planlint::eval::evaluate;
use planlint::model::Language;
use planlint_bench::corpus::generate;
use planlint_bench::embedded_plan;
use planlint_bench::pipeline::options;

fn main() {
    let plan = embedded_plan();
    let documents: Vec<_> = (0..300)
        .filter_map(|i| {
            let g = generate(2024, i);
            let report = check_file(&plan, "generated.yaml", g.yaml.as_bytes(), &options());
            report.documents.into_iter().next().and_then(|d| d.document)
        })
        .collect();
    let date = options().as_of.unwrap_or(planlint::date::Date::today());
    let mut findings = 0;
    for _ in 0..20 {
        for document in &documents {
            findings += evaluate(&plan, document, date, Language::En).len();
        }
    }
    println!("{findings} findings");
}
