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
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Some(command) => cli::run(command, ladders::limits::MemoryBudget::from_mib(cli.memory))
            .map_err(|e| (2, e)),
        None if let Err(e) = cli::check_window_startup(&cli) => Err((2, e)),
        None => ladders::app::run(ladders::app::Startup {
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
