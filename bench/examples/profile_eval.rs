//! Evaluates a fixed set of generated documents over and over, for a profiler to watch.

use planlint_bench::corpus::generate;
use planlint_bench::embedded_plan;
use planlint_bench::pipeline::options;

fn main() {
    let plan = embedded_plan();
    let prepared: Vec<_> = (0..300)
        .map(|i| {
            let g = generate(2024, i);
            plan.prepare("generated.yaml", g.yaml.as_bytes(), &options())
        })
        .collect();
    let mut findings = 0;
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    for _ in 0..rounds {
        for p in &prepared {
            findings += plan.evaluate(p).len();
        }
    }
    println!("{findings} findings");
}
