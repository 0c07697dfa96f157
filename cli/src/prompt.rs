//! Questions at the terminal (dialoguer, on stderr): confirmations before a
//! destructive command, text and password prompts with defaults, and what a
//! cancelled question means. Only on a TTY and without `--yes`
//! ([`Global::interactive`]); callers decide what happens without one.
//!
//! Cancelling (Esc or `q` at a picker or a confirmation, answering No) ends
//! the command with exit 1 and `nothing changed`: nothing was done, and a
//! `harper table drop X && harper table create X` chain must not go on as if
//! it had been.

use crate::Global;
use crate::error::{CliError, CliResult};

/// The error of a question the user declined or cancelled: exit 1.
pub fn cancelled(what: &str) -> CliError {
    CliError::failed(format!("cancelled: {what}; nothing changed"))
}

fn prompt_failed(e: dialoguer::Error) -> CliError {
    CliError::failed(format!("prompt failed: {e}"))
}

/// Ask `question [y/N]` when interactive, default No; Esc and `q` are No too.
/// `y` must be followed by Enter, so a stray keystroke typed ahead cannot
/// confirm. Without a TTY, or with `--yes`, the answer is yes (scripts
/// proceed as they always did).
pub fn confirm(g: &Global, question: &str) -> CliResult<bool> {
    if !g.interactive() {
        return Ok(true);
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .wait_for_newline(true)
        .interact_opt()
        .map_err(prompt_failed)?;
    Ok(answer == Some(true))
}

/// [`confirm`], or the [`cancelled`] error naming what was not done.
pub fn confirm_or_cancel(g: &Global, question: &str, not_done: &str) -> CliResult {
    if confirm(g, question)? {
        Ok(())
    } else {
        Err(cancelled(not_done))
    }
}

/// A line of text, with `default` shown and taken on Enter.
pub fn text(what: &str, default: Option<&str>) -> CliResult<String> {
    let mut input = dialoguer::Input::<String>::new().with_prompt(what);
    if let Some(d) = default {
        input = input.default(d.to_owned());
    }
    input.interact_text().map_err(prompt_failed)
}

/// A line of text that `valid` accepts, asked again (with `rule` shown) until it does.
pub fn text_until(
    what: &str,
    default: Option<&str>,
    valid: impl Fn(&str) -> bool,
    rule: &str,
) -> CliResult<String> {
    loop {
        let answer = text(what, default)?;
        if valid(&answer) {
            return Ok(answer);
        }
        eprintln!("{rule}");
    }
}

/// A password, typed twice.
pub fn new_password(what: &str) -> CliResult<String> {
    dialoguer::Password::new()
        .with_prompt(what)
        .with_confirmation("Repeat the password", "The passwords do not match")
        .interact()
        .map_err(prompt_failed)
}

/// A password, typed once (to prove one that exists).
pub fn password(what: &str) -> CliResult<String> {
    dialoguer::Password::new()
        .with_prompt(what)
        .interact()
        .map_err(prompt_failed)
}

/// Yes or no with a default taken on Enter (a wizard's question, not a
/// confirmation).
pub fn yes_no(what: &str, default: bool) -> CliResult<bool> {
    dialoguer::Confirm::new()
        .with_prompt(what)
        .default(default)
        .interact()
        .map_err(prompt_failed)
}

/// A port, with `default` shown and taken on Enter.
pub fn port(what: &str, default: u16) -> CliResult<u16> {
    let d = default.to_string();
    let answer = text_until(
        what,
        Some(&d),
        |s| s.trim().parse::<u16>().is_ok_and(|p| p > 0),
        "A port is a number from 1 to 65535",
    )?;
    Ok(answer.trim().parse().unwrap_or(default))
}
