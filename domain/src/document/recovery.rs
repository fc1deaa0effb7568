//! Recovery copies: unsaved work written aside a few seconds after the last edit, so that a
//! crash loses at most those seconds. Each running program owns one session in the
//! recovery folder, `<session>.lock` (held locked for the program's life) and
//! `<session>-<kind>.ron` (the copy, itself an ordinary scene or language file whose first
//! line is a comment naming the file it belongs to). A copy whose lock nobody holds was
//! left by a program that ended without discarding it, a crash: that is what
//! [`RecoveryStore::orphans`] offers. Copies are never written over the user's file.

use super::write_atomically;
use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// The first line of a recovery copy, before the original's path (or `untitled`).
const HEADER: &str = "// Ladders recovery copy of: ";

/// The largest recovery copy read back, in bytes (a scene file's own limit is smaller).
const COPY_LIMIT: u64 = 64 << 20;

/// This program's session in a recovery folder.
#[derive(Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    session: String,
    /// Held locked while the program runs: released by the OS when it ends, crash or not.
    _lock: File,
}

/// A copy left by a session that ended without discarding it.
#[derive(Clone, Debug, PartialEq)]
pub struct Orphan {
    /// The copy's own file.
    pub copy: PathBuf,
    /// The file it is a copy of (`None`: never saved).
    pub original: Option<PathBuf>,
    /// What kind of document (`scene`, `language`).
    pub kind: String,
    /// Its text, without the header line.
    pub text: String,
    /// When it was written.
    pub written: std::time::SystemTime,
}

impl RecoveryStore {
    /// Open a new session in `dir` (created if missing).
    pub fn open(dir: &Path) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let session = format!("session-{}-{nanos}", std::process::id());
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(format!("{session}.lock")))?;
        lock.try_lock().map_err(io::Error::other)?;
        Ok(Self {
            dir: dir.to_owned(),
            session,
            _lock: lock,
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this session's copy of a `kind` document goes.
    pub fn copy_path(&self, kind: &str) -> PathBuf {
        self.dir.join(format!("{}-{kind}.ron", self.session))
    }

    /// The text a copy of `text` (the file `original`) is written as.
    pub fn copy_text(original: Option<&Path>, text: &str) -> String {
        let name = original.map_or_else(|| "untitled".to_owned(), |p| p.display().to_string());
        // A path with a line break would end the comment early: keep it on one line.
        format!("{HEADER}{}\n{text}", name.replace(['\n', '\r'], " "))
    }

    /// Write this session's copy of a `kind` document, atomically.
    pub fn write(&self, kind: &str, original: Option<&Path>, text: &str) -> io::Result<()> {
        write_atomically(
            &self.copy_path(kind),
            Self::copy_text(original, text).as_bytes(),
        )
    }

    /// Remove this session's copy of a `kind` document (saved, or dropped on purpose).
    pub fn discard(&self, kind: &str) -> io::Result<()> {
        match std::fs::remove_file(self.copy_path(kind)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The copies of sessions that ended without discarding them, newest first. Unreadable
    /// files are skipped: a recovery folder never stops the program from starting.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Orphan> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".ron")?;
                let (session, kind) = stem.rsplit_once('-')?;
                if session == self.session || !session.starts_with("session-") {
                    return None;
                }
                if session_alive(&self.dir, session) {
                    return None;
                }
                let path = entry.path();
                let written = entry.metadata().ok()?.modified().ok()?;
                let bytes =
                    crate::limits::read_limited(&path, "a recovery copy", COPY_LIMIT).ok()?;
                let text = String::from_utf8(bytes).ok()?;
                let (first, rest) = text.split_once('\n')?;
                let original = first.strip_prefix(HEADER)?;
                Some(Orphan {
                    copy: path,
                    original: (original != "untitled").then(|| PathBuf::from(original)),
                    kind: kind.to_owned(),
                    text: rest.to_owned(),
                    written,
                })
            })
            .collect();
        found.sort_by_key(|o| std::cmp::Reverse(o.written));
        found
    }

    /// Remove an orphan's copy and its session's lock (restored or declined).
    pub fn forget(&self, orphan: &Orphan) -> io::Result<()> {
        std::fs::remove_file(&orphan.copy)?;
        if let Some(session) = orphan
            .copy
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.rsplit_once('-'))
            .map(|(session, _)| session.to_owned())
        {
            let _ = std::fs::remove_file(self.dir.join(format!("{session}.lock")));
        }
        Ok(())
    }
}

impl Drop for RecoveryStore {
    fn drop(&mut self) {
        // A session that ends keeps its copies (a crash path drops too) but its lock file
        // goes once it has no copy left.
        let any_copy = std::fs::read_dir(&self.dir).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with(&format!("{}-", self.session)))
            })
        });
        if !any_copy {
            let _ = std::fs::remove_file(self.dir.join(format!("{}.lock", self.session)));
        }
    }
}

/// Whether a running program holds the session's lock.
fn session_alive(dir: &Path, session: &str) -> bool {
    let Ok(file) = File::open(dir.join(format!("{session}.lock"))) else {
        // No lock file at all: its session is gone.
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_an_orphan_only_once_its_session_has_ended() {
        let dir = tempfile::tempdir().unwrap();
        let crashed = RecoveryStore::open(dir.path()).unwrap();
        let original = dir.path().join("scene.ron");
        crashed
            .write("scene", Some(&original), "Scene(name: \"x\")\n")
            .unwrap();
        let running = RecoveryStore::open(dir.path()).unwrap();
        assert!(running.orphans().is_empty(), "its session still runs");
        drop(crashed);
        let orphans = running.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].original.as_deref(), Some(original.as_path()));
        assert_eq!(orphans[0].kind, "scene");
        assert_eq!(orphans[0].text, "Scene(name: \"x\")\n");
        running.forget(&orphans[0]).unwrap();
        assert!(running.orphans().is_empty());
    }

    #[test]
    fn a_discarded_copy_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::open(dir.path()).unwrap();
        store.write("scene", None, "Scene()\n").unwrap();
        store.discard("scene").unwrap();
        store.discard("scene").unwrap();
        drop(store);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
