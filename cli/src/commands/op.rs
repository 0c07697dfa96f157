//! `harper op OPERATION key=value ...`: HarperDB's `harperdb <operation>
//! key=value`. Values are parsed as JSON when they parse; the answer prints as
//! YAML, or 2-space JSON with `json=true` (HarperDB's CLI), unless `-o` says otherwise.

use serde_json::{Map, Value};

use super::data::json_or_string;
use super::prelude::connect;
use crate::Global;
use crate::error::{CliError, CliResult};
use crate::output::{self, Format};

#[derive(Debug, clap::Args)]
pub struct OpArgs {
    /// The operation name, e.g. describe_table
    #[arg(add = crate::complete::operations())]
    operation: String,
    /// Fields as key=value (value parsed as JSON when it parses)
    #[arg(value_name = "KEY=VALUE")]
    fields: Vec<String>,
}

pub async fn run(g: &Global, a: OpArgs) -> CliResult {
    let mut req = Map::new();
    req.insert("operation".into(), Value::String(a.operation.clone()));
    for f in &a.fields {
        let Some((k, v)) = f.split_once('=') else {
            return Err(CliError::usage(format!("'{f}' is not KEY=VALUE")));
        };
        req.insert(k.to_owned(), json_or_string(v));
    }
    let pretty_json = req.get("json").is_some_and(|v| v == &Value::Bool(true));
    let client = connect(g).await?;
    let (value, failed) = match client.execute(req).await? {
        Ok(v) => (v, None),
        Err(e) => (e.body.clone(), Some(CliError::from(e))),
    };
    // A refusal is said once, on the `error:` line (with the body's details);
    // the machine formats still print the body, as they print every answer.
    match (g.output, &failed) {
        (Format::Table, Some(_)) => {}
        (Format::Table, None) if pretty_json => output::out(&output::json_pretty(&value))?,
        (Format::Table, None) => output::out(output::yaml(&value).trim_end())?,
        (other, _) => {
            output::machine(other, &value)?;
        }
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
