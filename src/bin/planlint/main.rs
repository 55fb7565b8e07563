//! The `planlint` command line: the only place that reads the disk, the clock, the environment
//! and the terminal. Everything else is the library's facade.

mod cli;
mod fmt;
mod lsp;
mod plan_dir;
mod serve;

fn main() -> std::process::ExitCode {
    cli::main()
}
