//! What scene and language files share: errors that name the file, line and column,
//! locating semantic errors in the text, and atomic saving.

mod atomic;
mod history;
mod locate;
mod outline;
mod recovery;

pub use atomic::write_atomically;
pub use history::{Document, UNDO_DEPTH};
pub use locate::{Located, Locator};
pub use outline::{Kind, Node, Outline, Seg};
pub use recovery::{Orphan, RecoveryStore};

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
    /// The file is larger than the limit for its kind (or endless, such as `/dev/zero`).
    #[error("{}: larger than {limit} bytes, the limit for this kind of file", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// An edit that cannot be made, and why (before any file is involved).
    #[error("{message}")]
    Refused {
        /// Why.
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
        let mut message = match error.code {
            ron::Error::ExceededRecursionLimit => format!(
                "values are nested more than {RON_NESTING_LIMIT} levels deep here; that is the limit"
            ),
            _ => error.code.to_string(),
        };
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
///
/// `kind` is the struct the file must hold (`Scene`, `Language`): a file that does not
/// start with it (or with a bare `(`) is refused without quoting any of its text, since it
/// may be any file a scene pointed at. A leading byte-order mark is skipped; a key written
/// twice in one map or struct is an error at the second one (serde would keep the last).
pub fn parse_ron<T, U>(
    path: &Path,
    kind: &str,
    text: &str,
    validate: impl FnOnce(T, &Locator) -> Result<U, Located>,
) -> Result<U, DocumentError>
where
    T: serde::de::DeserializeOwned,
{
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let locator = Locator::new(text);
    let root = locator.outline().root();
    let starts_right = root.is_some_and(|node| match &node.kind {
        Kind::Group { name, open: '(' } => name.as_deref().is_none_or(|n| n == kind),
        _ => false,
    });
    if !starts_right {
        let at = root.map(|node| node.start);
        return Err(DocumentError::at(
            path,
            locator.at(
                at,
                format!(
                    "this is not a {} file: it must start with `{kind}(`",
                    kind.to_lowercase()
                ),
            ),
        ));
    }
    let parsed: T = ron_options()
        .from_str(text)
        .map_err(|e| DocumentError::from_ron(path, &e))?;
    if let Some((key, at, first)) = locator.outline().duplicate_key() {
        let first = locator.at(Some(first), "");
        return Err(DocumentError::at(
            path,
            locator.at(
                Some(at),
                format!(
                    "`{key}` is written twice here (first at line {}, column {}); keep one",
                    first.line, first.column
                ),
            ),
        ));
    }
    validate(parsed, &locator).map_err(|l| DocumentError::at(path, l))
}

/// The largest text file [`read_text`] reads, in bytes: far beyond any scene or language.
pub const TEXT_FILE_LIMIT: u64 = 64 << 20;

/// Read a text file of at most [`TEXT_FILE_LIMIT`] bytes, with errors naming it.
pub fn read_text(path: &Path) -> Result<String, DocumentError> {
    read_text_limited(path, TEXT_FILE_LIMIT)
}

/// Read a UTF-8 text file of at most `limit` bytes (an endless file such as `/dev/zero`
/// is cut there, never read to the end). Invalid UTF-8 is reported at its line and column.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, DocumentError> {
    let io = |error| DocumentError::Io {
        path: path.to_owned(),
        error,
    };
    use crate::limits::{LimitError, read_limited};
    let bytes = read_limited(path, "a text file", limit).map_err(|e| match e {
        LimitError::Io { error, .. } => io(error),
        _ => DocumentError::TooLarge {
            path: path.to_owned(),
            limit,
        },
    })?;
    text_from_bytes(path, bytes)
}

/// Bytes as UTF-8 text, or an error at the line and column of the first invalid byte.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, DocumentError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The prefix is valid by definition.
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        DocumentError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "not UTF-8 text: byte 0x{:02x} cannot start or continue a character",
                bytes.get(valid).copied().unwrap_or(0)
            ),
        }
    })
}

/// How deeply values may nest in a Ladders file (brackets inside brackets).
pub const RON_NESTING_LIMIT: usize = 128;

/// The RON dialect of Ladders files: `Option` fields may be written without `Some(..)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RON_NESTING_LIMIT)
}
