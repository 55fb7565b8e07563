//! `planlint serve`: binds the socket, starts the runtime, and serves the API until interrupted.

use crate::cli::{exit, today, usable_plan, write_diagnostic};
use planlint::serve::{Settings, router};
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

/// Serves on `address` until Ctrl-C; the exit code says whether it could start.
pub fn run(
    address: SocketAddr,
    rules: Option<&Path>,
    timeout: u64,
    concurrency: Option<usize>,
    out: &mut dyn Write,
) -> u8 {
    let language = crate::cli::default_language();
    let Some(plan) = usable_plan(rules, None, language, out) else {
        return exit::TROUBLE;
    };
    let mut settings = Settings {
        timeout: Duration::from_secs(timeout.max(1)),
        ..Settings::default()
    };
    if let Some(n) = concurrency {
        settings.concurrency = n.max(1);
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            write_diagnostic(
                out,
                crate::plan_dir::io_error(Path::new("-"), &error),
                language,
            );
            return exit::TROUBLE;
        }
    };
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(address).await?;
        let bound = listener.local_addr()?;
        eprintln!(
            "planlint serve: listening on http://{bound} (plan `{}`)",
            plan.id()
        );
        let app = router(plan, today, settings);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    });
    match served {
        Ok(()) => exit::CLEAN,
        Err(error) => {
            let shown = Path::new(&address.to_string()).to_path_buf();
            write_diagnostic(out, crate::plan_dir::io_error(&shown, &error), language);
            exit::TROUBLE
        }
    }
}
