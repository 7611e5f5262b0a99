//! Commands about the program rather than a dossier: the dataset JSON
//! Schema, shell completions, the manual page and the default
//! configuration, all generated from the Rust types, the clap definitions
//! and the key table so they cannot drift from them.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;

use super::Cli;
use super::out::Out;
use crate::config;
use crate::model::json_schema as dataset_schema;
use crate::safe_format;
use crate::sanitize::SafeText;

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

/// `dossier config`: with `print_default` the default file; else which
/// file is read and whether it is usable (a bad one is an error, exit 2).
pub fn config(
    flag: Option<&Path>,
    print_default: bool,
    out: &mut Out<impl Write>,
) -> anyhow::Result<ExitCode> {
    if print_default {
        out.generated(|w| w.write_all(config::default_file().as_bytes()))?;
        return Ok(ExitCode::SUCCESS);
    }
    config::read(flag)?;
    let path = flag.map(Path::to_path_buf).or_else(config::default_path);
    match path {
        Some(path) if path.exists() => out.line(&safe_format!("{path}: ok", path = SafeText::path(&path)))?,
        Some(path) => out.line(&safe_format!(
            "no configuration at {path}: using the defaults (see `dossier config --print-default`)",
            path = SafeText::path(&path)
        ))?,
        None => out.line(&SafeText::lit(
            "no home directory to look for a configuration in: using the defaults",
        ))?,
    }
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
