//! The CLI's exit policy: 0 ok, 1 the operation failed, 2 usage or validation
//! error, 3 the daemon is not running or cannot be reached. Errors print one
//! `error:` line and, where there is one, a `hint:` with the next command.

use std::path::Path;

use harper_rpc::OpError;

/// Exit code: the operation failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: usage or validation error.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the daemon is not running or cannot be reached.
pub const EXIT_NOT_RUNNING: u8 = 3;

/// An error that ends the command.
#[derive(Debug)]
pub struct CliError {
    /// Exit code.
    pub code: u8,
    /// One line.
    pub message: String,
    /// The next command to run, when there is one.
    pub hint: Option<String>,
    /// The daemon's error body, when it refused an operation.
    pub body: Option<Box<serde_json::Value>>,
}

impl CliError {
    /// Exit 1.
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_FAILED,
            message: message.into(),
            hint: None,
            body: None,
        }
    }

    /// Exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: EXIT_USAGE,
            ..Self::failed(message)
        }
    }

    /// Exit 3, with the hint to start the daemon.
    pub fn not_running(root: &Path) -> Self {
        Self {
            code: EXIT_NOT_RUNNING,
            ..Self::failed(format!("harperd is not running in {}", root.display()))
        }
        .with_hint(format!("harper --root {} start", root.display()))
    }

    /// Exit 3: running but not answering.
    pub fn unreachable(root: &Path, why: &str) -> Self {
        Self {
            code: EXIT_NOT_RUNNING,
            ..Self::failed(format!(
                "harperd in {} does not answer: {why}",
                root.display()
            ))
        }
        .with_hint(format!("harper --root {} restart", root.display()))
    }

    /// Add a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl From<OpError> for CliError {
    fn from(e: OpError) -> Self {
        Self {
            body: Some(Box::new(e.body.clone())),
            ..Self::failed(e.message().to_owned())
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::failed(e.to_string())
    }
}

/// Result of a command.
pub type CliResult<T = ()> = Result<T, CliError>;
