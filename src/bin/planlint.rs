//! The `planlint` command line: parses arguments, does the I/O, and sets the exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    planlint::cli::main()
}
