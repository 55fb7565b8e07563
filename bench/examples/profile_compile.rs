//! Compiles the embedded plan over and over, for a profiler to watch where cold start goes.

fn main() {
    let mut rules = 0;
    let times: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    for _ in 0..times {
        rules += planlint_bench::embedded_plan().rule_ids().count();
    }
    println!("{rules} rules compiled");
}
