//! File writing that never leaves a broken document behind.

use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` by writing a temporary file in the same folder, syncing it,
/// and renaming it over the target. Either the old file or the whole new one remains.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".ladders-save-")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
