//! Evaluates a fixed set of generated documents over and over, for a profiler to watch;
//! `--peer` cuts the plan down to the fifteen rules the regorus peer encodes.

// The allocator the benchmark and the command line use, so the profile is theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use planlint_bench::corpus::generate;
use planlint_bench::embedded_plan;
use planlint_bench::pipeline::options;

fn main() {
    let mut plan = embedded_plan();
    if std::env::args().any(|a| a == "--peer") {
        plan.retain_rules(|id| planlint_bench::peer::PEER_RULES.contains(&id));
    }
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
