//! The benchmark entry point: streams a generated corpus through planlint and regorus and
//! prints throughput, stage shares, cold start, peak memory and the peer comparison.
//!
//! `cargo run --release -p planlint-bench -- [--docs N] [--seed S]`

use planlint::Outcome;
use planlint_bench::corpus::{Kind, corpus, generate};
use planlint_bench::embedded_plan;
use planlint_bench::peer::{
    PEER_RULES, Peer, Verdict, check_peer_rules, planlint_verdicts, rego_verdicts,
};
use planlint_bench::pipeline::{
    Stages, document_errors, document_warnings, end_to_end, options, outcomes as outcomes_of,
    peak_rss_kib, staged,
};
use std::process::{Command, ExitCode};

// The allocator the planlint binary ships with, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

struct Args {
    docs: u64,
    seed: u64,
    /// Internal: run the streaming pipeline over N documents and print VmHWM (a child process).
    rss_child: Option<u64>,
    /// Skip the two memory children (for quick runs while editing the corpus).
    skip_memory: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        docs: 100_000,
        seed: 2024,
        rss_child: None,
        skip_memory: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || -> Result<u64, String> {
            it.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .ok_or_else(|| format!("{flag} needs a number"))
        };
        match flag.as_str() {
            "--docs" => args.docs = value()?,
            "--seed" => args.seed = value()?,
            "--rss-child" => args.rss_child = Some(value()?),
            "--skip-memory" => args.skip_memory = true,
            "--help" | "-h" => {
                return Err("usage: planlint-bench [--docs N] [--seed S] [--skip-memory]".into());
            }
            other => return Err(format!("unknown argument {other}; try --help")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(n) = args.rss_child {
        return rss_child(n, args.seed);
    }
    match run(&args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Generate, check, render, drop: nothing of a document outlives its turn, so the peak must
/// not grow with N.
fn rss_child(n: u64, seed: u64) -> ExitCode {
    let plan = embedded_plan();
    let opts = options();
    let mut bytes = 0usize;
    for g in corpus(seed, n) {
        let (report, rendered) = end_to_end(&plan, "doc.yaml", g.yaml.as_bytes(), &opts);
        bytes += rendered + report.document_count();
    }
    std::hint::black_box(bytes);
    println!("{}", peak_rss_kib().unwrap_or(0));
    ExitCode::SUCCESS
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn pct(part: Duration, whole: Duration) -> f64 {
    100.0 * secs(part) / secs(whole).max(1e-12)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run(args: &Args) -> Result<bool, String> {
    let n = args.docs;
    let plan = embedded_plan();
    check_peer_rules(&plan)?;
    let opts = options();
    let mut peer = Peer::new()?;
    // The same plan cut down to the peer's fifteen rules, for a like-for-like evaluation time.
    let mut subset = embedded_plan();
    subset.retain_rules(|id| PEER_RULES.contains(&id));
    let mut subset_time = Duration::ZERO;

    // ---- Pass 1, one thread: end to end, stages, regorus, agreement. -----------------------
    let mut generation = Duration::ZERO;
    let mut e2e = Duration::ZERO;
    let mut stages = Stages::default();
    let mut rego_time = Duration::ZERO;
    let mut bytes = 0u64;
    let (mut errors, mut warnings) = (0usize, 0usize);
    let mut first_errors = Vec::new();
    let mut disagreements = 0u64;
    let mut first_disagreements = Vec::new();
    let (mut with_violation, mut with_review_only, mut projects) = (0u64, 0u64, 0u64);
    let mut per_rule = [[0u64; 3]; PEER_RULES.len()];
    let mut largest = 0usize;
    // Which rules give violations, over all rules (not just the peer's), to show the mix.
    let rule_ids: Vec<String> = plan.rule_ids().map(str::to_string).collect();
    let mut fired = vec![[0u64; 2]; rule_ids.len()];
    for i in 0..n {
        let t = Instant::now();
        let g = generate(args.seed, i);
        let input = regorus::Value::from(g.input.clone());
        generation += t.elapsed();
        bytes += g.yaml.len() as u64;
        largest = largest.max(g.yaml.len());
        projects += u64::from(g.kind == Kind::Project);
        let name = format!("doc-{i}.yaml");

        let t = Instant::now();
        let (report, _) = end_to_end(&plan, &name, g.yaml.as_bytes(), &opts);
        e2e += t.elapsed();
        let errs = document_errors(&report);
        warnings += document_warnings(&report);
        if errs > 0 {
            errors += errs;
            if first_errors.len() < 3 {
                let messages: Vec<String> =
                    report.problems().map(|p| p.message().to_string()).collect();
                first_errors.push(format!("document {i}: {}", messages.join("; ")));
            }
        }
        let violation = report.outcomes().any(|o| o == Outcome::Violation);
        let review = report.outcomes().any(|o| o == Outcome::Review);
        let mut seen = vec![[false; 2]; rule_ids.len()];
        for (id, outcome) in plan.outcomes(&report) {
            let Some(r) = rule_ids.iter().position(|r| r == id) else {
                continue;
            };
            match outcome {
                Outcome::Violation => seen[r][0] = true,
                Outcome::Review => seen[r][1] = true,
                _ => {}
            }
        }
        for (r, s) in seen.iter().enumerate() {
            fired[r][0] += u64::from(s[0]);
            fired[r][1] += u64::from(s[1]);
        }
        with_violation += u64::from(violation);
        with_review_only += u64::from(review && !violation);
        drop(report);

        let (st, outcomes) = match staged(&plan, &name, g.yaml.as_bytes(), &opts) {
            Ok(x) => x,
            Err(e) => {
                errors += 1;
                if first_errors.len() < 3 {
                    first_errors.push(format!("document {i}: {e}"));
                }
                continue;
            }
        };
        stages.add(&st);
        let ours = planlint_verdicts(&outcomes);
        let prepared = subset.prepare(&name, g.yaml.as_bytes(), &opts);
        let t = Instant::now();
        let evaluation = subset.evaluate(&prepared);
        subset_time += t.elapsed();
        // The cut-down plan must give the same verdicts as the whole one.
        let sub = subset.finish(prepared, evaluation);
        if planlint_verdicts(&outcomes_of(&subset, &sub)) != ours {
            return Err(format!(
                "document {i}: the 15-rule plan disagrees with the whole plan"
            ));
        }

        let t = Instant::now();
        let result = peer.eval(input)?;
        rego_time += t.elapsed();
        let theirs = rego_verdicts(&result)?;
        for (k, v) in ours.iter().enumerate() {
            per_rule[k][*v as usize] += 1;
        }
        if ours != theirs {
            disagreements += 1;
            if first_disagreements.len() < 5 {
                let diffs: Vec<String> = PEER_RULES
                    .iter()
                    .zip(ours.iter().zip(theirs.iter()))
                    .filter(|(_, (a, b))| a != b)
                    .map(|(r, (a, b))| format!("{r}: planlint {a:?}, rego {b:?}"))
                    .collect();
                first_disagreements.push(format!(
                    "document {i} (seed {}): {}",
                    args.seed,
                    diffs.join(", ")
                ));
            }
        }
    }

    // ---- Pass 2, two threads: end to end over batches generated beforehand. ------------------
    let workers = std::thread::available_parallelism()
        .map_or(2, |p| p.get())
        .min(2);
    let mut parallel = Duration::ZERO;
    let batch = 2048u64;
    let mut start = 0u64;
    // Every document, as the target is stated: N documents end to end on two threads.
    let parallel_docs = n;
    let mut parallel_bytes = 0u64;
    while start < parallel_docs {
        let docs: Vec<_> = (start..(start + batch).min(parallel_docs))
            .map(|i| generate(args.seed, i).yaml)
            .collect();
        parallel_bytes += docs.iter().map(|d| d.len() as u64).sum::<u64>();
        let t = Instant::now();
        // Each thread takes the next document when it is done with one, as the command line's
        // thread pool does: a fixed split would leave one thread idle behind a large document.
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            for _ in 0..workers {
                let (plan, docs, opts, next) = (&plan, &docs, &opts, &next);
                s.spawn(move || {
                    while let Some(d) =
                        docs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                    {
                        std::hint::black_box(end_to_end(plan, "doc.yaml", d.as_bytes(), opts));
                    }
                });
            }
        });
        parallel += t.elapsed();
        start += batch;
    }

    // ---- Cold start. --------------------------------------------------------------------------
    // The embedded plan as a run gets it (its precompiled form when the build has a fresh one),
    // and compiled from its text, as a plan folder given with `--rules` is.
    let mut loads = Vec::new();
    let mut compiles = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        std::hint::black_box(planlint::Plan::embedded().ok_or("no embedded plan")?);
        loads.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(planlint::Plan::embedded_from_text().ok_or("no embedded plan")?);
        compiles.push(t.elapsed());
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let binary = root.join("target/release/planlint");
    let cold = if binary.exists() {
        let mut runs = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let out = Command::new(&binary)
                .args(["check", "examples/project-clean.yaml"])
                .current_dir(&root)
                .output()
                .map_err(|e| format!("spawning {}: {e}", binary.display()))?;
            runs.push(t.elapsed());
            if !out.status.success() {
                return Err(format!(
                    "planlint check examples/project-clean.yaml exited {}",
                    out.status
                ));
            }
        }
        Some(median(runs))
    } else {
        None
    };

    // ---- Peak memory, each N in its own process. ----------------------------------------------
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut rss = Vec::new();
    let sizes: &[u64] = if args.skip_memory {
        &[]
    } else {
        &[10_000, 100_000]
    };
    for &m in sizes {
        let out = Command::new(&exe)
            .args([
                "--rss-child",
                &m.to_string(),
                "--seed",
                &args.seed.to_string(),
            ])
            .output()
            .map_err(|e| format!("spawning the memory child: {e}"))?;
        let kib: u64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        rss.push((m, kib));
    }

    // ---- Report. ------------------------------------------------------------------------------
    let mb = bytes as f64 / 1e6;
    let machine = machine();
    println!(
        "planlint benchmark — seed {}, {} documents ({} projects, {} enterprise declarations)",
        args.seed,
        n,
        projects,
        n - projects
    );
    println!("machine: {machine}");
    println!(
        "corpus: {:.1} MB of YAML, mean {:.1} KB, largest {:.1} KB; generated in {:.2} s (not counted)",
        mb,
        mb * 1e3 / n as f64,
        largest as f64 / 1e3,
        secs(generation)
    );
    println!(
        "documents with a violation: {:.1}%; with reviews but no violation: {:.1}%",
        100.0 * with_violation as f64 / n as f64,
        100.0 * with_review_only as f64 / n as f64
    );
    println!("document errors: {errors}; document warnings: {warnings}");
    let mut top: Vec<(usize, [u64; 2])> = fired
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c[0] + c[1] > 0)
        .collect();
    top.sort_by_key(|(_, c)| std::cmp::Reverse(c[0] + c[1]));
    println!(
        "rules giving violations or reviews ({} of {}), documents each:",
        top.len(),
        rule_ids.len()
    );
    for (r, c) in top {
        println!(
            "  {:<40} violation {:>6}  review {:>6}",
            rule_ids[r], c[0], c[1]
        );
    }
    println!();
    println!(
        "end to end (check_file + JSON report), 1 thread: {:.0} docs/s, {:.2} MB/s ({:.3} s)",
        n as f64 / secs(e2e),
        mb / secs(e2e),
        secs(e2e)
    );
    println!(
        "end to end, {workers} threads ({parallel_docs} documents): {:.0} docs/s, {:.2} MB/s ({:.3} s)",
        parallel_docs as f64 / secs(parallel),
        parallel_bytes as f64 / 1e6 / secs(parallel),
        secs(parallel)
    );
    let total = stages.total();
    println!(
        "stage shares (staged run, {:.3} s): read {:.1}%, evaluate {:.1}%, render {:.1}%",
        secs(total),
        pct(stages.read, total),
        pct(stages.evaluate, total),
        pct(stages.render, total)
    );
    println!(
        "human (miette) report instead of JSON: {:.1} µs/doc (the JSON render takes {:.2}× as long)",
        secs(stages.render_human) * 1e6 / n as f64,
        secs(stages.render) / secs(stages.render_human).max(1e-12)
    );
    let human_total = stages.read + stages.evaluate + stages.render_human;
    println!(
        "stage shares with the human report instead: read {:.1}%, evaluate {:.1}%, render {:.1}%",
        pct(stages.read, human_total),
        pct(stages.evaluate, human_total),
        pct(stages.render_human, human_total)
    );
    println!(
        "findings per document (every outcome, pass and not applicable included): {:.0}; JSON report {:.1} KB/doc",
        stages.findings as f64 / n as f64,
        stages.report_bytes as f64 / 1e3 / n as f64
    );
    println!(
        "per document: read (decode, parse, validate) {:.1} µs, evaluate {:.1} µs, render {:.1} µs",
        secs(stages.read) * 1e6 / n as f64,
        secs(stages.evaluate) * 1e6 / n as f64,
        secs(stages.render) * 1e6 / n as f64
    );
    println!();
    println!(
        "cold start: embedded plan, precompiled form read (in process, median of 20): {:.2} ms",
        secs(median(loads)) * 1e3
    );
    println!(
        "cold start: embedded plan compiled from its text (in process, median of 20): {:.2} ms",
        secs(median(compiles)) * 1e3
    );
    match cold {
        Some(d) => println!(
            "cold start: `planlint check examples/project-clean.yaml` (release binary, median of 20): {:.2} ms",
            secs(d) * 1e3
        ),
        None => println!(
            "cold start: {} not found; run `cargo build --release` first",
            binary.display()
        ),
    }
    for (m, kib) in &rss {
        println!(
            "peak RSS (VmHWM), streaming {m} documents: {:.1} MiB",
            *kib as f64 / 1024.0
        );
    }
    println!();
    let eval_per_doc = secs(stages.evaluate) / n as f64;
    let rego_per_doc = secs(rego_time) / n as f64;
    let subset_per_doc = secs(subset_time) / n as f64;
    println!(
        "peer: regorus, {} rules, set_input + eval_rule: {:.1} µs/doc",
        PEER_RULES.len(),
        rego_per_doc * 1e6
    );
    println!(
        "      planlint evaluate, same {} rules: {:.1} µs/doc; ratio regorus/planlint {:.2}×",
        PEER_RULES.len(),
        subset_per_doc * 1e6,
        rego_per_doc / subset_per_doc
    );
    println!(
        "      planlint evaluate, all {} rules: {:.1} µs/doc; ratio regorus(15)/planlint(all) {:.2}×",
        rule_ids.len(),
        eval_per_doc * 1e6,
        rego_per_doc / eval_per_doc
    );
    println!(
        "verdicts over {} rules × {} documents: {} violation, {} review, {} neither; disagreements: {}",
        PEER_RULES.len(),
        n,
        per_rule
            .iter()
            .map(|r| r[Verdict::Violation as usize])
            .sum::<u64>(),
        per_rule
            .iter()
            .map(|r| r[Verdict::Review as usize])
            .sum::<u64>(),
        per_rule
            .iter()
            .map(|r| r[Verdict::Neither as usize])
            .sum::<u64>(),
        disagreements
    );
    for (rule, counts) in PEER_RULES.iter().zip(per_rule.iter()) {
        println!(
            "  {rule:<36} violation {:>6}  review {:>6}",
            counts[2], counts[1]
        );
    }
    println!();
    let cold_ok = cold.map(|d| d <= Duration::from_millis(30));
    // 100,000 documents in 30 s is 3,333 a second; a shorter run is held to the same rate.
    let parallel_rate = parallel_docs as f64 / secs(parallel).max(1e-12);
    let targets = [
        (
            "100,000 documents end to end in ≤ 30 s on two threads (≥ 3,333 docs/s)",
            Some(workers == 2 && parallel_rate >= 100_000.0 / 30.0),
        ),
        (
            "rule evaluation ≥10× faster per document than regorus (same 15 rules)",
            Some(rego_per_doc / subset_per_doc >= 10.0),
        ),
        (
            "evaluation ≤ a quarter of end-to-end time (JSON report)",
            Some(secs(stages.evaluate) <= secs(total) / 4.0),
        ),
        (
            "evaluation ≤ a quarter of end-to-end time (human report)",
            Some(secs(stages.evaluate) <= secs(human_total) / 4.0),
        ),
        ("cold single-file check ≤ 30 ms", cold_ok),
        (
            "peak memory flat from 10k to 100k documents (within 10%)",
            (rss.len() == 2 && rss[0].1 > 0).then(|| (rss[1].1 as f64) <= rss[0].1 as f64 * 1.1),
        ),
    ];
    for (name, met) in targets {
        let word = match met {
            Some(true) => "MET",
            Some(false) => "NOT MET",
            None => "NOT MEASURED",
        };
        println!("target: {name}: {word}");
    }
    let mut ok = true;
    if errors > 0 {
        ok = false;
        eprintln!(
            "FAIL: {errors} document errors; first: {}",
            first_errors.join(" | ")
        );
    }
    if disagreements > 0 {
        ok = false;
        eprintln!("FAIL: planlint and regorus disagree on {disagreements} documents; first:");
        for d in &first_disagreements {
            eprintln!("  {d}");
        }
    }
    Ok(ok)
}

/// `nproc`, the CPU model and the memory, from /proc.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |p| p.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    format!(
        "{cpus} CPUs ({model}), {:.1} GiB RAM",
        mem_kib as f64 / (1024.0 * 1024.0)
    )
}
