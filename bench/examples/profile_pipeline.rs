//! Checks and renders a fixed set of generated documents over and over, for a profiler to watch.

// The allocator the benchmark and the command line use, so the profile is theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use planlint_bench::corpus::generate;
use planlint_bench::embedded_plan;
use planlint_bench::pipeline::{end_to_end, options};

fn main() {
    let plan = embedded_plan();
    let documents: Vec<String> = (0..300).map(|i| generate(2024, i).yaml).collect();
    let mut bytes = 0;
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    for _ in 0..rounds {
        for yaml in &documents {
            bytes += end_to_end(&plan, "generated.yaml", yaml.as_bytes(), &options()).1;
        }
    }
    println!("{bytes} report bytes");
}
