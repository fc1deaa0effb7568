//! A scene under edit. The document is the scene's file form ([`SceneFile`]: entities by
//! id, terrain as text), which is what an editor changes and what undo keeps; the checked
//! [`Scene`] the measures read is derived from it after every edit. An edit that would
//! make the scene invalid is refused with the reason and leaves the scene as it was.

use super::change::SceneChange;
use super::file::SceneFile;
use super::io::file_to_ron;
use super::validate::validate;
use super::{Scene, parse};
use crate::document::{Document, DocumentError, Locator};
use std::path::{Path, PathBuf};

/// The scene being edited, its file, and its history.
#[derive(Clone, Debug)]
pub struct SceneEdits {
    document: Document<SceneFile>,
    scene: Scene,
    /// Where it is saved; `None` for a scene never saved.
    path: Option<PathBuf>,
}

impl SceneEdits {
    /// A scene as loaded from `path`, or a new one never saved (`None`): unmodified
    /// until edited.
    pub fn new(scene: Scene, path: Option<PathBuf>) -> Self {
        Self {
            document: Document::saved(scene.to_file()),
            scene,
            path,
        }
    }

    /// A scene restored from a recovery copy of the file at `path`: modified, since what is
    /// on disk is older.
    pub fn recovered(scene: Scene, path: Option<PathBuf>) -> Self {
        Self {
            document: Document::unsaved(scene.to_file()),
            scene,
            path,
        }
    }

    /// Whether it differs from what was last loaded, created or saved.
    pub fn is_modified(&self) -> bool {
        self.document.is_modified()
    }

    /// Its revision (see [`Document::revision`]).
    pub fn revision(&self) -> u64 {
        self.document.revision()
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        self.document.can_undo()
    }

    /// The name of the edit undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.document.undo_label()
    }

    /// The name of the edit redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.document.redo_label()
    }

    /// Whether there is an edit to redo.
    pub fn can_redo(&self) -> bool {
        self.document.can_redo()
    }

    /// The checked scene, as it is now.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The file form and its history.
    pub fn document(&self) -> &Document<SceneFile> {
        &self.document
    }

    /// Where it is saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Change the file form with `change`, as the undo step `label` (or part of the
    /// coalesced edit of that name under way, see [`Document::begin_edit`]), and check the
    /// result. `change` returns whether it changed anything. Refused, leaving everything
    /// as it was, when the result is not a valid scene. Returns whether it changed.
    pub fn edit(
        &mut self,
        label: &str,
        change: impl FnOnce(&mut SceneFile) -> bool,
    ) -> Result<bool, DocumentError> {
        let mut next = self.document.get().clone();
        if !change(&mut next) {
            return Ok(false);
        }
        let scene = self.check(&next)?;
        self.document.replace(label, next);
        self.scene = scene;
        Ok(true)
    }

    /// Make a [`SceneChange`] as an undo step named by it (coalesced with the changes of
    /// the same name while an edit is under way). Refused, with the reason, when it cannot
    /// be made or the scene would be invalid.
    pub fn apply(&mut self, change: &SceneChange) -> Result<bool, DocumentError> {
        let mut refusal = None;
        let changed = self.edit(&change.label(), |file| match change.apply(file) {
            Ok(changed) => changed,
            Err(reason) => {
                refusal = Some(reason);
                false
            }
        })?;
        match refusal {
            Some(message) => Err(DocumentError::Refused { message }),
            None => Ok(changed),
        }
    }

    /// Start a coalesced edit (a drag): see [`Document::begin_edit`].
    pub fn begin_edit(&mut self, label: &str) {
        self.document.begin_edit(label);
    }

    /// End the coalesced edit under way.
    pub fn end_edit(&mut self) {
        self.document.end_edit();
    }

    /// Take back the last edit; returns whether anything changed.
    pub fn undo(&mut self) -> bool {
        self.document.undo() && self.rederive()
    }

    /// Make the last undone edit again; returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        self.document.redo() && self.rederive()
    }

    /// The revision current when a save of it started was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf, revision: u64) {
        self.path = Some(path);
        self.document.mark_saved(revision);
    }

    /// The file name to show.
    pub fn title(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The checked scene of a file form. A valid one is checked directly (a stroke on a
    /// 128 × 128 grid checks every frame); an invalid one again through its text, so that
    /// the refusal says what the file would say, with its line and column.
    fn check(&self, file: &SceneFile) -> Result<Scene, DocumentError> {
        let dir = self.path.as_deref().and_then(Path::parent);
        if let Ok(scene) = validate(file.clone(), &Locator::new(""), dir) {
            return Ok(scene);
        }
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("untitled.ron"));
        let text = file_to_ron(file).map_err(|e| DocumentError::Serialize {
            path: path.clone(),
            message: e.to_string(),
        })?;
        parse(&path, &text)
    }

    /// The scene of a state that was valid once (undo and redo only move between those).
    fn rederive(&mut self) -> bool {
        match self.check(self.document.get()) {
            Ok(scene) => {
                self.scene = scene;
                true
            }
            // Unreachable unless validation grew stricter since: keep the last scene.
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::Measure;

    fn pink_car() -> SceneEdits {
        let scene = parse(Path::new("pink_car.ron"), super::super::PINK_CAR_RON).unwrap();
        SceneEdits::new(scene, Some(PathBuf::from("pink_car.ron")))
    }

    #[test]
    fn an_edit_changes_the_file_form_and_the_checked_scene_and_undoes() {
        let mut edits = pink_car();
        let before = edits.scene().clone();
        edits.begin_edit("budget");
        for bits in [3.0, 4.0, 5.0] {
            let changed = edits
                .edit("budget", |file| {
                    file.budgets
                        .insert(Measure::EffectDl.key().to_owned(), bits)
                        != Some(bits)
                })
                .unwrap();
            assert!(changed);
        }
        edits.end_edit();
        assert_eq!(edits.scene().budget(Measure::EffectDl), Some(5.0));
        assert!(edits.document().is_modified());
        assert!(edits.undo());
        assert_eq!(edits.scene(), &before, "the drag undoes in one step");
        assert!(!edits.document().is_modified());
        assert!(edits.redo());
        assert_eq!(edits.scene().budget(Measure::EffectDl), Some(5.0));
    }

    #[test]
    fn an_edit_that_breaks_the_scene_is_refused_and_changes_nothing() {
        let mut edits = pink_car();
        let before = edits.scene().clone();
        let revision = edits.document().revision();
        let error = edits
            .edit("agent", |file| {
                file.agent = crate::world::Pos::new(999, 999);
                true
            })
            .unwrap_err()
            .to_string();
        assert!(error.contains("agent"), "{error}");
        assert_eq!(edits.scene(), &before);
        assert_eq!(edits.document().revision(), revision);
        assert!(!edits.document().can_undo());
    }
}
