//! Criterion benchmarks: the pipeline per document, planlint's evaluation against regorus on
//! the same fifteen rules, and compiling the embedded plan.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint::project::PlanFiles;
use planlint::submission::Document;
use planlint_bench::corpus::corpus;
use planlint_bench::embedded_plan;
use planlint_bench::peer::{PEER_RULES, Peer};
use planlint_bench::pipeline::{end_to_end, options};
use std::hint::black_box;

/// A fixed slice of the corpus: large enough to mix kinds and sizes, small enough for criterion.
const DOCS: u64 = 64;
const SEED: u64 = 2024;

fn validated(plan: &planlint::model::Plan, yaml: &str) -> Document {
    let limits = Default::default();
    let source = planlint::yaml::decode("doc.yaml", yaml.as_bytes(), &limits).expect("decodes");
    let root = planlint::yaml::parse(&source, &limits)
        .pop()
        .expect("one document")
        .expect("parses");
    planlint::submission::validate(plan, &source, &root).expect("validates")
}

fn benches(c: &mut Criterion) {
    let plan = embedded_plan();
    let mut subset = embedded_plan();
    subset.rules.retain(|r| PEER_RULES.contains(&r.id.as_str()));
    let opts = options();
    let docs: Vec<_> = corpus(SEED, DOCS).collect();
    let bytes: u64 = docs.iter().map(|d| d.yaml.len() as u64).sum();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("check_file + JSON report, 64 documents", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(end_to_end(&plan, "doc.yaml", d.yaml.as_bytes(), &opts));
            }
        })
    });
    g.finish();

    // Evaluation alone: documents validated once, outside the timed loop.
    let documents: Vec<Document> = docs.iter().map(|d| validated(&plan, &d.yaml)).collect();
    let dates: Vec<_> = documents
        .iter()
        .map(|d| d.date.unwrap_or(opts.today))
        .collect();
    let mut g = c.benchmark_group("evaluate");
    g.throughput(Throughput::Elements(DOCS));
    g.bench_function("planlint, all rules", |b| {
        b.iter(|| {
            for (d, date) in documents.iter().zip(&dates) {
                black_box(planlint::eval::evaluate(&plan, d, *date, opts.language));
            }
        })
    });
    g.bench_function("planlint, the 15 peer rules", |b| {
        b.iter(|| {
            for (d, date) in documents.iter().zip(&dates) {
                black_box(planlint::eval::evaluate(&subset, d, *date, opts.language));
            }
        })
    });
    // Inputs converted once; cloning a regorus value only bumps reference counts.
    let inputs: Vec<regorus::Value> = docs
        .iter()
        .map(|d| regorus::Value::from(d.input.clone()))
        .collect();
    let mut peer = Peer::new().expect("the policy loads");
    g.bench_function("regorus, the 15 peer rules", |b| {
        b.iter(|| {
            for input in &inputs {
                black_box(peer.eval(input.clone()).expect("evaluates"));
            }
        })
    });
    g.finish();

    c.bench_function("compile the embedded plan", |b| {
        b.iter(|| black_box(PlanFiles::embedded().expect("embedded").compile()))
    });
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
