//! The open scene as a document: its file, whether it has unsaved changes, and undo.

use ladders_domain::scene::Scene;
use std::path::PathBuf;

/// How many edits undo remembers.
const UNDO_DEPTH: usize = 100;

/// A scene being edited.
pub struct SceneDocument {
    /// The scene as it is now.
    pub scene: Scene,
    /// Where it is saved; `None` for a new scene never saved.
    pub path: Option<PathBuf>,
    /// The scene as last loaded or saved, to tell whether there are unsaved changes.
    saved: Scene,
    undo: Vec<Scene>,
    redo: Vec<Scene>,
    /// The field being edited in a run of edits that undo treats as one.
    editing: Option<&'static str>,
}

impl SceneDocument {
    /// A document for a scene just loaded from (or to be saved to) `path`.
    pub fn new(scene: Scene, path: Option<PathBuf>) -> Self {
        Self {
            saved: scene.clone(),
            scene,
            path,
            undo: Vec::new(),
            redo: Vec::new(),
            editing: None,
        }
    }

    /// Whether the scene differs from the file.
    pub fn is_modified(&self) -> bool {
        self.scene != self.saved
    }

    /// The file name to show.
    pub fn title(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Record the current scene before an edit of `field`; consecutive edits of the same
    /// field (typing, dragging) undo together.
    pub fn before_edit(&mut self, field: &'static str) {
        if self.editing != Some(field) {
            self.undo.push(self.scene.clone());
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
        self.editing = Some(field);
    }

    /// End a run of edits: the next edit starts a new undo step.
    pub fn end_edit(&mut self) {
        self.editing = None;
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undo the last edit; returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.editing = None;
        let Some(previous) = self.undo.pop() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.scene, previous));
        true
    }

    /// Redo the last undone edit; returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.editing = None;
        let Some(next) = self.redo.pop() else {
            return false;
        };
        self.undo.push(std::mem::replace(&mut self.scene, next));
        true
    }

    /// The scene was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf, saved: Scene) {
        self.path = Some(path);
        self.saved = saved;
    }
}
