//! Writes generated documents to a folder, to look at them and check them with the binary.

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "corpus".into());
    let n: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    for i in 0..n {
        let g = planlint_bench::corpus::generate(2024, i);
        std::fs::write(format!("{dir}/doc-{i:05}.yaml"), g.yaml).expect("written");
    }
}
