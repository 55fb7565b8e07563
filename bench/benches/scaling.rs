//! Scaling series for hostile input: time per document, per key and per unknown name at three
//! sizes each, so that a regression to quadratic time shows as a ratio between the sizes of one
//! run (criterion reports each as time per element). The limits that protect a real run (10,000
//! documents a file, 200,000 values a document) are raised here, so the series measures the
//! reader, the checks and the report, not the refusal.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use planlint::report::{self, Format, Language, ReportOptions};
use planlint::{Plan, PlanFiles};
use planlint_bench::embedded_plan;
use planlint_bench::pipeline::options;
use std::hint::black_box;

/// A file of `n` documents, each an empty mapping (each one a missing-kind problem to render).
fn documents(n: usize) -> String {
    "--- {}\n".repeat(n)
}

/// A project with `n` keys the schema does not declare (each an unknown-field problem).
fn keys(n: usize) -> String {
    let mut text = String::from("kind: project\nplan: jingzhou-2024\nsubmitted_on: 2025-06-01\n");
    for i in 0..n {
        text.push_str(&format!("k{i}: {i}\n"));
    }
    text
}

/// A rules file of `n` parameters, each naming something never declared.
fn unknown_names(n: usize) -> String {
    (0..n)
        .map(|i| format!("param p{i} = undefined_name_{i}\n"))
        .collect()
}

/// Checks a file and renders the human report, as a terminal run does.
fn check_and_render(plan: &Plan, text: &str, options: &planlint::check::CheckOptions) -> usize {
    let report = plan.check("scaling.yaml", text.as_bytes(), options);
    report::render(
        plan,
        std::slice::from_ref(&report),
        Format::Human,
        &ReportOptions::new(Language::En),
    )
    .len()
}

/// One series: the same work at each size, timed per element so the sizes compare as a ratio.
fn series(
    c: &mut Criterion,
    name: &str,
    sizes: [usize; 3],
    input: impl Fn(usize) -> String,
    work: impl Fn(&str) -> usize,
) {
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    for n in sizes {
        let text = input(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| black_box(work(text)))
        });
    }
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let plan = embedded_plan();
    let options = options().max_documents(usize::MAX).max_values(usize::MAX);
    let check = |text: &str| check_and_render(&plan, text, &options);
    series(
        c,
        "documents in one file",
        [1_000, 10_000, 100_000],
        documents,
        check,
    );
    series(
        c,
        "keys in one mapping",
        [1_000, 10_000, 100_000],
        keys,
        check,
    );
    series(
        c,
        "unknown names in a rules file",
        [100, 1_000, 10_000],
        unknown_names,
        |text| {
            let mut files = PlanFiles::new("scaling");
            files.add("names.rules", text.as_bytes().to_vec());
            let plan = Plan::compile(&files);
            planlint::tools::rules_report(&plan, &ReportOptions::new(Language::En)).len()
        },
    );
}

criterion_group!(benches, scaling);
criterion_main!(benches);
