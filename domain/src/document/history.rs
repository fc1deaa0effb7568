//! A document being edited: its value, a revision counter, and snapshot undo.
//!
//! Every change gets a new revision number; "modified" means the revision differs from the
//! one last saved, so nothing compares whole values each frame, and undoing back to the
//! saved state reads as unmodified again. Undo keeps whole snapshots (scenes and languages
//! are small next to what the measures compute from them) with the label of the edit that
//! followed each, so a menu can say what it will undo. A run of changes between
//! [`Document::begin_edit`] and [`Document::end_edit`] (a drag, a stroke, typing in one
//! field) is one undo step.

/// How many steps undo remembers by default.
pub const UNDO_DEPTH: usize = 100;

/// One remembered state: the value, its revision, and the edit that left it.
#[derive(Clone, Debug)]
struct Snapshot<T> {
    value: T,
    revision: u64,
    label: String,
}

/// A coalesced edit under way.
#[derive(Clone, Debug)]
struct OpenEdit {
    label: String,
    /// Whether its first change has pushed the undo step the whole edit shares.
    recorded: bool,
}

/// A value under edit, with its history.
#[derive(Clone, Debug)]
pub struct Document<T> {
    value: T,
    revision: u64,
    /// The revision last loaded or saved; `None` for a document never saved.
    saved: Option<u64>,
    /// The last revision given, so that a revision is never reused after an undo.
    last_revision: u64,
    undo: Vec<Snapshot<T>>,
    redo: Vec<Snapshot<T>>,
    open_edit: Option<OpenEdit>,
    depth: usize,
}

impl<T: Clone> Document<T> {
    /// A document as loaded from a file (unmodified).
    pub fn saved(value: T) -> Self {
        Self {
            saved: Some(0),
            ..Self::unsaved(value)
        }
    }

    /// A document never saved (a new one): modified until saved.
    pub fn unsaved(value: T) -> Self {
        Self {
            value,
            revision: 0,
            saved: None,
            last_revision: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            open_edit: None,
            depth: UNDO_DEPTH,
        }
    }

    /// Keep at most `depth` undo steps (at least one).
    pub fn with_depth(mut self, depth: usize) -> Self {
        self.depth = depth.max(1);
        self
    }

    /// The value as it is now.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// Its revision: changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether it differs from what was last loaded or saved.
    pub fn is_modified(&self) -> bool {
        self.saved != Some(self.revision)
    }

    /// The revision `revision` was written to its file (the one current when the save
    /// started: edits made while it was written stay modified).
    pub fn mark_saved(&mut self, revision: u64) {
        self.saved = Some(revision);
    }

    /// Start a coalesced edit: every change named `label` until [`Document::end_edit`]
    /// is one undo step. Starting another label ends the one under way.
    pub fn begin_edit(&mut self, label: &str) {
        if self.open_edit.as_ref().map(|e| e.label.as_str()) != Some(label) {
            self.open_edit = Some(OpenEdit {
                label: label.to_owned(),
                recorded: false,
            });
        }
    }

    /// End the coalesced edit under way, if any.
    pub fn end_edit(&mut self) {
        self.open_edit = None;
    }

    /// Change the value with `change`, as one undo step named `label` (or as part of the
    /// coalesced edit of that name under way). `change` returns whether it changed
    /// anything; nothing is recorded otherwise. Returns that.
    pub fn edit(&mut self, label: &str, change: impl FnOnce(&mut T) -> bool) -> bool {
        let mut next = self.value.clone();
        if !change(&mut next) {
            return false;
        }
        self.replace(label, next);
        true
    }

    /// Replace the value with `next`, as [`Document::edit`] does.
    pub fn replace(&mut self, label: &str, next: T) {
        let open = match &mut self.open_edit {
            Some(open) if open.label == label => Some(open),
            Some(_) => {
                // Another kind of change ends the coalesced edit.
                self.open_edit = None;
                None
            }
            None => None,
        };
        let coalesced = match open {
            Some(open) => std::mem::replace(&mut open.recorded, true),
            None => false,
        };
        let previous = std::mem::replace(&mut self.value, next);
        if !coalesced {
            self.undo.push(Snapshot {
                value: previous,
                revision: self.revision,
                label: label.to_owned(),
            });
            if self.undo.len() > self.depth {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_revision += 1;
        self.revision = self.last_revision;
    }

    /// The name of the edit undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The name of the edit redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Take back the last edit; returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.end_edit();
        let Some(snapshot) = self.undo.pop() else {
            return false;
        };
        let now = self.swap(snapshot.value, snapshot.revision, &snapshot.label);
        self.redo.push(now);
        true
    }

    /// Make the last undone edit again; returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.end_edit();
        let Some(snapshot) = self.redo.pop() else {
            return false;
        };
        let now = self.swap(snapshot.value, snapshot.revision, &snapshot.label);
        self.undo.push(now);
        true
    }

    /// Put `value` at `revision` in place, returning the current state as a snapshot.
    fn swap(&mut self, value: T, revision: u64, label: &str) -> Snapshot<T> {
        Snapshot {
            value: std::mem::replace(&mut self.value, value),
            revision: std::mem::replace(&mut self.revision, revision),
            label: label.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(doc: &mut Document<i32>, label: &str, to: i32) {
        doc.edit(label, |v| {
            let changed = *v != to;
            *v = to;
            changed
        });
    }

    #[test]
    fn modified_follows_the_revision_and_undo_returns_to_saved() {
        let mut doc = Document::saved(1);
        assert!(!doc.is_modified());
        set(&mut doc, "a", 2);
        assert!(doc.is_modified());
        assert_eq!(doc.undo_label(), Some("a"));
        assert!(doc.undo());
        assert_eq!(*doc.get(), 1);
        assert!(!doc.is_modified(), "undone back to the saved state");
        assert_eq!(doc.redo_label(), Some("a"));
        assert!(doc.redo());
        assert_eq!(*doc.get(), 2);
        assert!(doc.is_modified());
        // Setting it back by hand is a new revision: still modified (no value compare).
        set(&mut doc, "b", 1);
        assert!(doc.is_modified());
        assert!(!doc.can_redo(), "an edit clears redo");
        doc.mark_saved(doc.revision());
        assert!(!doc.is_modified());
        assert!(Document::unsaved(0).is_modified());
    }

    #[test]
    fn a_coalesced_edit_is_one_step_and_other_changes_are_their_own() {
        let mut doc = Document::saved(0);
        doc.begin_edit("drag");
        for v in 1..=10 {
            set(&mut doc, "drag", v);
        }
        doc.end_edit();
        set(&mut doc, "drag", 11);
        assert!(doc.undo());
        assert_eq!(*doc.get(), 10, "after end_edit a change is a new step");
        assert!(doc.undo());
        assert_eq!(*doc.get(), 0, "the whole drag undoes at once");
        assert!(!doc.can_undo());
        // Without begin_edit, every change is a step; another label ends a run.
        let mut doc = Document::saved(0);
        doc.begin_edit("drag");
        set(&mut doc, "drag", 1);
        set(&mut doc, "type", 2);
        set(&mut doc, "drag", 3);
        assert_eq!(doc.undo_label(), Some("drag"));
        assert!(doc.undo());
        assert_eq!(*doc.get(), 2);
        assert!(doc.undo());
        assert_eq!(*doc.get(), 1);
        // A change that changes nothing records nothing.
        assert!(!doc.edit("noop", |_| false));
        assert_eq!(doc.undo_label(), Some("drag"));
    }

    #[test]
    fn undo_is_bounded_and_revisions_are_never_reused() {
        let mut doc = Document::saved(0).with_depth(3);
        for v in 1..=10 {
            set(&mut doc, "step", v);
        }
        let mut undone = 0;
        while doc.undo() {
            undone += 1;
        }
        assert_eq!((undone, *doc.get()), (3, 7));
        let at_seven = doc.revision();
        set(&mut doc, "other", 8);
        assert_ne!(doc.revision(), at_seven);
        assert!(
            doc.revision() > 10,
            "a new edit after undo gets a fresh revision"
        );
    }
}
