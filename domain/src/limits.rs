//! Limits on what one command may take: memory, input sizes, and the errors that say a
//! limit would be passed. Every limit is checked before the work starts, so a command
//! either fits or is refused with a message; it never runs out of memory half way.

use std::io::Read;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The memory a command may use for its own data (state spaces, tables, match finders).
/// Work estimates its need up front and asks [`MemoryBudget::check`] before allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryBudget {
    bytes: u64,
}

impl MemoryBudget {
    /// The default budget, in MiB: 1 GiB.
    pub const DEFAULT_MIB: u64 = 1024;
    /// The largest budget `--memory` accepts, in MiB (1 TiB): beyond any machine this runs on.
    pub const MAX_MIB: u64 = 1 << 20;

    /// A budget of `mib` mebibytes (clamped to [`Self::MAX_MIB`]).
    pub fn from_mib(mib: u64) -> Self {
        Self {
            bytes: mib.min(Self::MAX_MIB) << 20,
        }
    }

    /// The budget in bytes.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The budget in MiB.
    pub fn mib(&self) -> u64 {
        self.bytes >> 20
    }

    /// Refuse work that would need about `needed` bytes when that is more than the budget.
    /// `what` says what the memory is for ("the state space of 4,000,000 states").
    pub fn check(&self, what: &str, needed: u64) -> Result<(), LimitError> {
        if needed <= self.bytes {
            Ok(())
        } else {
            Err(LimitError::Memory {
                what: what.to_owned(),
                needed_mib: needed.div_ceil(1 << 20),
                budget_mib: self.mib(),
            })
        }
    }

    /// How many items of `bytes_each` fit in the budget.
    pub fn items(&self, bytes_each: u64) -> u64 {
        self.bytes / bytes_each.max(1)
    }
}

impl Default for MemoryBudget {
    fn default() -> Self {
        Self::from_mib(Self::DEFAULT_MIB)
    }
}

/// A limit that the work would pass.
#[derive(Debug, Error)]
pub enum LimitError {
    /// More memory than the budget.
    #[error(
        "{what} would need about {needed_mib} MiB, more than the memory budget of {budget_mib} MiB (raise it with --memory MIB)"
    )]
    Memory {
        /// What the memory is for.
        what: String,
        /// The estimate, in MiB.
        needed_mib: u64,
        /// The budget, in MiB.
        budget_mib: u64,
    },
    /// An input file larger than its limit.
    #[error("{}: larger than the limit of {limit} bytes for {what}", path.display())]
    InputTooLarge {
        /// The file.
        path: PathBuf,
        /// What the file was read as ("a scene").
        what: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The file could not be read.
    #[error("{}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        error: std::io::Error,
    },
}

/// The largest scene file read, in bytes (a 128 × 128 grid with every limit reached is
/// far below this).
pub const SCENE_FILE_LIMIT: u64 = 16 << 20;
/// The largest language file read, in bytes.
pub const LANGUAGE_FILE_LIMIT: u64 = 4 << 20;

/// Read at most `limit` bytes of `path`; a longer file (or an endless one such as
/// `/dev/zero`) is refused after reading `limit + 1` bytes, never read to the end.
pub fn read_limited(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, LimitError> {
    let io = |error| LimitError::Io {
        path: path.to_owned(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(LimitError::InputTooLarge {
            path: path.to_owned(),
            what: what.to_owned(),
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_refuses_more_than_it_has() {
        let budget = MemoryBudget::from_mib(1);
        assert!(budget.check("a table", 1 << 20).is_ok());
        let error = budget.check("a table", (1 << 20) + 1).unwrap_err();
        assert!(error.to_string().contains("a table would need about 2 MiB"));
        assert!(error.to_string().contains("--memory"));
    }

    #[test]
    fn endless_input_is_cut_at_the_limit() {
        let error = read_limited(Path::new("/dev/zero"), "a scene", 1000).unwrap_err();
        assert!(matches!(
            error,
            LimitError::InputTooLarge { limit: 1000, .. }
        ));
    }

    #[test]
    fn a_file_within_the_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_limited(&path, "a text", 5).unwrap(), b"12345");
        assert!(read_limited(&path, "a text", 4).is_err());
    }
}
