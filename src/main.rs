//! The `ladders` binary: parse the command line, then open the window or run a subcommand.
//! Errors become one line on stderr and a non-zero exit, never a panic.

use clap::Parser;
use ladders::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    if let Err(e) = cli::check_first_word(std::env::args_os().nth(1).as_deref()) {
        eprintln!("ladders: {e:#}");
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // A usage error is one line, like every other error: clap's message and its tip.
        Err(e) => {
            eprintln!("ladders: {}", one_line(&e.render().to_string()));
            return ExitCode::from(2);
        }
    };
    if let Some(what) = cli.window_options_with_subcommand() {
        eprintln!(
            "ladders: {what} is an option of the window, not of a subcommand; give a subcommand's options after it (see `ladders --help`)"
        );
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Some(command) => cli::run(
            command,
            ladders_domain::limits::MemoryBudget::from_mib(cli.memory),
        )
        .map_err(|e| (2, e)),
        None if let Err(e) = cli::check_window_startup(&cli) => Err((2, e)),
        None => ladders::app::run(ladders::app::Startup {
            // A screenshot run neither writes nor offers recovery copies.
            recovery: cli
                .screenshot
                .is_none()
                .then(ladders::app::recovery_dir)
                .flatten(),
            scene: cli.scene,
            language: cli.language,
            plan: cli.plan,
            screenshot: cli.screenshot,
            evidence: cli.evidence,
        })
        .map_err(|e| (1, e)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((_, e)) if cli::output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err((code, e)) => {
            eprintln!("ladders: {e:#}");
            ExitCode::from(code)
        }
    }
}

/// Clap's multi-line usage error as one line: the error and any tip, without the usage
/// block (which `--help` shows).
fn one_line(rendered: &str) -> String {
    let mut message = String::new();
    let mut in_usage = false;
    for line in rendered.lines().map(str::trim) {
        if line.starts_with("Usage:") {
            in_usage = true;
        } else if line.is_empty() {
            in_usage = false;
        } else if !in_usage && !line.starts_with("For more information") {
            let separator = if line.starts_with("tip:") { "; " } else { " " };
            if !message.is_empty() {
                message.push_str(separator);
            }
            message.push_str(line.trim_start_matches("error:").trim());
        }
    }
    format!("{} (see `ladders --help`)", message.trim())
}
