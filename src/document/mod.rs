//! What scene and language files share: errors that name the file, line and column,
//! locating semantic errors in the text, and atomic saving.

mod atomic;
mod locate;

pub use atomic::write_atomically;
pub use locate::{Located, Locator};

use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a document (scene or language) could not be loaded or saved. Every variant names
/// the file.
#[derive(Debug, Error)]
pub enum DocumentError {
    /// The file could not be read or written.
    // The OS message is part of this one's text, not a separate cause, so that `{:#}`
    // chains do not print it twice.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The file is not a valid document: bad syntax, wrong type, unknown name, broken rule.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong, and what was expected.
        message: String,
    },
    /// The document could not be turned into RON.
    #[error("{}: cannot write: {message}", path.display())]
    Serialize {
        /// The file.
        path: PathBuf,
        /// The serializer's message.
        message: String,
    },
}

impl DocumentError {
    /// An error at a located place in `path`.
    pub fn at(path: &Path, located: Located) -> Self {
        DocumentError::Invalid {
            path: path.to_owned(),
            line: located.line,
            column: located.column,
            message: located.message,
        }
    }

    /// A RON syntax or type error in `path`, with its position.
    pub fn from_ron(path: &Path, error: &ron::error::SpannedError) -> Self {
        let mut message = error.code.to_string();
        if let Some(first) = message.get(..1) {
            message = first.to_lowercase() + &message[1..];
        }
        DocumentError::Invalid {
            path: path.to_owned(),
            line: error.span.start.line,
            column: error.span.start.col,
            message,
        }
    }
}

/// Parse RON text into `T`, then check it with `validate`, with errors naming `path`.
pub fn parse_ron<T, U>(
    path: &Path,
    text: &str,
    validate: impl FnOnce(T, &Locator) -> Result<U, Located>,
) -> Result<U, DocumentError>
where
    T: serde::de::DeserializeOwned,
{
    let parsed: T = ron_options()
        .from_str(text)
        .map_err(|e| DocumentError::from_ron(path, &e))?;
    validate(parsed, &Locator::new(text)).map_err(|l| DocumentError::at(path, l))
}

/// Read a file to a string, with errors naming it.
pub fn read_text(path: &Path) -> Result<String, DocumentError> {
    std::fs::read_to_string(path).map_err(|error| DocumentError::Io {
        path: path.to_owned(),
        error,
    })
}

/// The RON dialect of Ladders files: `Option` fields may be written without `Some(..)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
