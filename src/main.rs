//! Entry point: parse the command line, run, turn errors into exit code 2.

use std::process::ExitCode;

use clap::Parser;
use dossier::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => cli::load(cli.data.as_ref()).map(|_| {
            println!("dossier: the full-screen browser is not built yet; try `dossier --help`.");
            ExitCode::SUCCESS
        }),
    };
    result.unwrap_or_else(|err| {
        eprintln!("dossier: error: {err:#}");
        ExitCode::from(2)
    })
}
