//! Criterion benchmarks: the pipeline per document, planlint's evaluation against regorus on
//! the same fifteen rules, and compiling the embedded plan.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use planlint_bench::corpus::corpus;
use planlint_bench::embedded_plan;
use planlint_bench::peer::{PEER_RULES, Peer};
use planlint_bench::pipeline::{end_to_end, options};
use std::hint::black_box;

/// A fixed slice of the corpus: large enough to mix kinds and sizes, small enough for criterion.
const DOCS: u64 = 64;
const SEED: u64 = 2024;

fn benches(c: &mut Criterion) {
    let plan = embedded_plan();
    let mut subset = embedded_plan();
    subset.retain_rules(|id| PEER_RULES.contains(&id));
    let opts = options();
    let docs: Vec<_> = corpus(SEED, DOCS).collect();
    let bytes: u64 = docs.iter().map(|d| d.yaml.len() as u64).sum();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("check + JSON report, 64 documents", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(end_to_end(&plan, "doc.yaml", d.yaml.as_bytes(), &opts));
            }
        })
    });
    g.finish();

    // Evaluation alone: documents read and validated once, outside the timed loop.
    let prepared: Vec<_> = docs
        .iter()
        .map(|d| plan.prepare("doc.yaml", d.yaml.as_bytes(), &opts))
        .collect();
    let prepared_subset: Vec<_> = docs
        .iter()
        .map(|d| subset.prepare("doc.yaml", d.yaml.as_bytes(), &opts))
        .collect();
    let mut g = c.benchmark_group("evaluate");
    g.throughput(Throughput::Elements(DOCS));
    g.bench_function("planlint, all rules", |b| {
        b.iter(|| {
            for p in &prepared {
                black_box(plan.evaluate(p));
            }
        })
    });
    g.bench_function("planlint, the 15 peer rules", |b| {
        b.iter(|| {
            for p in &prepared_subset {
                black_box(subset.evaluate(p));
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
        b.iter(|| black_box(planlint::Plan::embedded().expect("embedded")))
    });
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
