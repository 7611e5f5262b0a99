//! Entry point: parse the command line, run, turn errors into exit code 2.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli};
use dossier::sanitize::SafeText;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        // Load before touching the terminal, so a bad file is reported on a
        // normal screen.
        None => cli::open(cli.data.as_ref(), !cli.no_cache)
            .and_then(|opened| dossier::tui::run(opened.dataset, opened.index, opened.key))
            .map(|()| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|err| {
        // `dossier list | head` closing the pipe early is not an error.
        let kind = err
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                err.downcast_ref::<serde_json::Error>()
                    .and_then(|e| e.io_error_kind())
            });
        let broken_pipe = kind == Some(std::io::ErrorKind::BrokenPipe);
        if broken_pipe {
            return ExitCode::SUCCESS;
        }
        // Messages quote what was typed or read (ids, queries, file names).
        let message = format!("dossier: error: {err:#}");
        cli::out::error(&SafeText::multiline(&message));
        ExitCode::from(2)
    })
}
