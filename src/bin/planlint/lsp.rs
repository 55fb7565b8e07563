//! `planlint lsp`: the language server on stdin and stdout, reading the plan folders from disk.

use crate::cli::exit;
use crate::plan_dir;
use planlint::PlanFiles;
use planlint::lsp::{DEBOUNCE, Host};
use std::path::{Path, PathBuf};

/// The disk, as the language server sees the files the editor has not opened.
struct Disk;

impl Host for Disk {
    fn read_folder(&self, folder: &Path) -> Option<PlanFiles> {
        plan_dir::read_dir(folder).ok()
    }

    fn read_file(&self, path: &Path) -> Option<Vec<u8>> {
        std::fs::read(path).ok()
    }

    fn folders_in(&self, folder: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return Vec::new();
        };
        let mut folders: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        folders
    }
}

/// Serves the editor until it exits; the exit code says whether the protocol broke.
pub fn run() -> u8 {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let served = planlint::lsp::serve(&connection, &Disk, DEBOUNCE);
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(()), Ok(())) => exit::CLEAN,
        (Err(error), _) => {
            eprintln!("planlint lsp: {error}");
            exit::TROUBLE
        }
        (_, Err(error)) => {
            eprintln!("planlint lsp: {error}");
            exit::TROUBLE
        }
    }
}
