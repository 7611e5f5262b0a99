//! Commands about the program rather than a dossier: the dataset JSON
//! Schema, shell completions and the manual page, all generated from the
//! Rust types and the clap definitions so they cannot drift from them.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Cli;
use super::out::Out;
use crate::model::json_schema as dataset_schema;

/// `dossier schema`.
pub fn schema(out: &mut Out<impl Write>) -> anyhow::Result<ExitCode> {
    out.json(&dataset_schema())?;
    Ok(ExitCode::SUCCESS)
}

/// `dossier completions SHELL`.
pub fn completions(shell: clap_complete::Shell, out: &mut Out<impl Write>) -> anyhow::Result<ExitCode> {
    out.generated(|w| {
        clap_complete::generate(shell, &mut Cli::command(), "dossier", w);
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `dossier man`.
pub fn man(out: &mut Out<impl Write>) -> anyhow::Result<ExitCode> {
    out.generated(|w| clap_mangen::Man::new(Cli::command()).render(w))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_draft_2020_12_and_requires_only_what_the_loader_does() {
        let schema = dataset_schema();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let required = |def: &serde_json::Value| -> Vec<String> {
            serde_json::from_value(def["required"].clone()).unwrap_or_default()
        };
        assert_eq!(required(&schema), ["document", "tabs", "events"]);
        assert_eq!(required(&schema["$defs"]["Document"]), ["title"]);
        assert_eq!(required(&schema["$defs"]["Event"]), ["id", "tab", "title"]);
    }

    #[test]
    fn completions_and_man_page_name_every_subcommand() {
        let mut bash = Out::buffer();
        completions(clap_complete::Shell::Bash, &mut bash).unwrap();
        let mut page = Out::buffer();
        man(&mut page).unwrap();
        let bash = String::from_utf8(bash.into_bytes()).unwrap();
        let page = String::from_utf8(page.into_bytes()).unwrap();
        for sub in Cli::command().get_subcommands() {
            assert!(
                bash.contains(sub.get_name()),
                "{} not in completions",
                sub.get_name()
            );
            assert!(
                page.contains(sub.get_name()),
                "{} not in the man page",
                sub.get_name()
            );
        }
    }
}
