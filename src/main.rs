//! Entry point: parse the command line, run, turn errors into exit code 2.

use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue};
use dossier::cli::{self, Cli};
use dossier::sanitize::{SafeText, echo};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::try_parse().unwrap_or_else(|err| short_echoes(err).exit());
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        // The browser loads the data while it shows how far it has got.
        None => {
            let (config, note) = cli::browser_config(cli.config.as_deref());
            let data = cli.data.as_ref().or(config.data.as_ref()).cloned();
            let name = data
                .as_deref()
                .map_or(SafeText::lit("the embedded dossier"), SafeText::path);
            let use_cache = !cli.no_cache;
            let open = Box::new(move || cli::open::<dossier::cache::Browse>(data.as_ref(), use_cache));
            dossier::tui::run(open, name, config, note).map(|()| ExitCode::SUCCESS)
        }
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

/// A command-line error with the arguments it quotes echoed short: clap
/// quotes an unknown argument or a bad value whole, however long.
fn short_echoes(mut err: clap::Error) -> clap::Error {
    for kind in [
        ContextKind::InvalidArg,
        ContextKind::InvalidValue,
        ContextKind::InvalidSubcommand,
    ] {
        if let Some(ContextValue::String(given)) = err.get(kind) {
            let short = echo(given).to_string();
            err.insert(kind, ContextValue::String(short));
        }
    }
    err
}
