//! Command-line interface: argument parsing, reading inputs, printing reports, exit codes.

use crate::diagnostic::{Diagnostic, HumanRenderer};
use crate::project::{Compiled, PlanFiles};
use clap::{Parser, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "planlint", version, about = "Check submissions against an air-quality plan encoded as rules")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check and maintain a plan's rules.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Check a plan's rules files: syntax, names, types, units and citations.
    Check {
        /// The plan folder; the embedded plan when not given.
        dir: Option<PathBuf>,
    },
}

/// Exit codes: 0 clean, 1 findings or rule errors, 2 usage, I/O or rules errors.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const TROUBLE: u8 = 2;
}

/// How diagnostics are drawn on this terminal.
pub fn human_renderer() -> HumanRenderer {
    let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    HumanRenderer::new(colour, width)
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { exit::TROUBLE } else { exit::CLEAN };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    let mut out = std::io::stdout().lock();
    let code = match cli.command {
        Command::Rules { command: RulesCommand::Check { dir } } => rules_check(dir.as_deref(), &mut out),
    };
    let _ = out.flush();
    ExitCode::from(code)
}

/// Reads the plan at `dir`, or the embedded one.
pub fn load_plan(dir: Option<&Path>) -> Result<PlanFiles, Diagnostic> {
    match dir {
        Some(dir) => PlanFiles::read(dir),
        None => PlanFiles::embedded().ok_or_else(|| Diagnostic::error("rules::io", "this build embeds no plan").help("pass `--rules DIR`")),
    }
}

fn write_text(out: &mut dyn Write, text: &str) {
    // A closed pipe (`planlint … | head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes());
}

fn rules_check(dir: Option<&Path>, out: &mut dyn Write) -> u8 {
    let renderer = human_renderer();
    let files = match load_plan(dir) {
        Ok(files) => files,
        Err(diagnostic) => {
            write_text(out, &renderer.render(&diagnostic));
            return exit::TROUBLE;
        }
    };
    let compiled = files.compile();
    write_text(out, &rules_report(&compiled, &files, &renderer));
    if compiled.has_errors() { exit::FINDINGS } else { exit::CLEAN }
}

/// The report of `rules check`: every diagnostic, then a summary line.
pub fn rules_report(compiled: &Compiled, files: &PlanFiles, renderer: &HumanRenderer) -> String {
    let mut text = renderer.render_all(&compiled.diagnostics);
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = compiled.diagnostics.len() - errors;
    if !text.is_empty() {
        text.push('\n');
    }
    let plan = &compiled.plan;
    text.push_str(&format!(
        "{}: {} rules, {} document kinds; {} error{}, {} warning{}\n",
        files.root,
        plan.rules.len(),
        plan.document_kinds().count(),
        errors,
        if errors == 1 { "" } else { "s" },
        warnings,
        if warnings == 1 { "" } else { "s" },
    ));
    text
}
