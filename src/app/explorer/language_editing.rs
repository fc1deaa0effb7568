//! Editing a language in the window: the typed changes (kept even when they break a
//! rule, which the editor then shows), its own undo and redo, the debounced hand-over of
//! a valid draft to the picker (where every job scores it as it scores a loaded
//! language), "save as" in the background, and pointing the scene's languages at the file.

use super::*;
use ladders_domain::language::{LanguageChange, LanguageEdits};
use ladders_domain::scene::SceneChange;
use std::time::Instant;

/// The language editor's part of the explorer's state.
#[derive(Default)]
pub struct LanguageEditState {
    /// The picker entry the edited language replaces (its latest id).
    in_picker: Option<LanguageId>,
    /// When the edited language is due in the picker after edits.
    settle: Option<Instant>,
}

impl Explorer {
    /// Open the language editor (over the current language, unless edits of another one
    /// are unsaved) or close it; its edits stay while it is closed.
    pub(super) fn toggle_language_editor(&mut self) {
        self.view.language_editor.open ^= true;
        if self.view.language_editor.open {
            self.view.language_editor.refusal = None;
            self.start_language_edits();
        }
    }

    /// Edits over the current language, unless unsaved ones exist.
    fn start_language_edits(&mut self) {
        let current = self.current_language().map(|l| l.id);
        let keep = self
            .work
            .language_edits
            .as_ref()
            .is_some_and(|e| e.is_modified() || self.language_editing.in_picker == current);
        if keep {
            return;
        }
        self.work.language_edits = self.current_language().map(|loaded| {
            let path = (loaded.source != "bundled" && loaded.source != EDITED_SOURCE)
                .then(|| PathBuf::from(&loaded.source));
            LanguageEdits::new(loaded.language.clone(), path)
        });
        self.language_editing.in_picker = current;
        self.language_editing.settle = None;
    }

    /// Make a language change the user asked for; a change that cannot be made says why
    /// in the editor.
    pub(super) fn change_language(&mut self, ctx: &egui::Context, change: &LanguageChange) {
        let Some(edits) = &mut self.work.language_edits else {
            return;
        };
        match edits.apply(change) {
            Ok(true) => {
                self.view.language_editor.refusal = None;
                self.language_edited(ctx);
            }
            Ok(false) => {}
            Err(why) => self.view.language_editor.refusal = Some(why),
        }
    }

    /// Start a coalesced language edit (a drag of a cost).
    pub(super) fn begin_language_edit(&mut self, label: &str) {
        if let Some(edits) = &mut self.work.language_edits {
            edits.begin_edit(label);
        }
    }

    /// End the coalesced language edit under way.
    pub(super) fn end_language_edit(&mut self) {
        if let Some(edits) = &mut self.work.language_edits {
            edits.end_edit();
        }
    }

    /// Undo (`true`) or redo the last language edit.
    pub(super) fn undo_language(&mut self, ctx: &egui::Context, undo: bool) {
        let Some(edits) = &mut self.work.language_edits else {
            return;
        };
        let changed = if undo { edits.undo() } else { edits.redo() };
        if changed {
            self.view.language_editor.refusal = None;
            self.language_edited(ctx);
        }
    }

    /// The draft changed: hand it to the picker once the edits settle.
    fn language_edited(&mut self, ctx: &egui::Context) {
        self.language_editing.settle = Some(Instant::now() + editing::EDIT_SETTLE);
        ctx.request_repaint_after(editing::EDIT_SETTLE);
    }

    /// Whether language edits wait to reach the picker.
    pub fn language_edits_settling(&self) -> bool {
        self.language_editing.settle.is_some()
    }

    /// Once per frame: when the edits have settled, a valid draft replaces its language in
    /// the picker and everything is scored again; a refused one leaves the last valid one.
    pub(super) fn refresh_language_editing(&mut self, ctx: &egui::Context) {
        if self.view.language_editor.open && self.work.language_edits.is_none() {
            self.start_language_edits();
        }
        let Some(due) = self.language_editing.settle else {
            return;
        };
        let now = Instant::now();
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        self.language_editing.settle = None;
        let Some(edits) = &self.work.language_edits else {
            return;
        };
        let Ok(language) = edits.checked() else {
            return;
        };
        let index = self
            .language_editing
            .in_picker
            .and_then(|id| self.work.languages.iter().position(|l| l.id == id));
        if index.is_some_and(|i| self.work.languages[i].language == *language) {
            return;
        }
        let (language, source) = (
            language.clone(),
            edits
                .path()
                .map_or_else(|| EDITED_SOURCE.to_owned(), |p| p.display().to_string()),
        );
        let loaded = LoadedLanguage {
            id: self.language_id(),
            language,
            source,
        };
        self.language_editing.in_picker = Some(loaded.id);
        self.work.language = match index {
            Some(i) => {
                self.work.languages[i] = loaded;
                i
            }
            None => {
                self.work.languages.push(loaded);
                self.work.languages.len() - 1
            }
        };
        self.forget_programs();
        self.rescore(ctx);
    }

    /// Write the edited language to `path` in the background, if it passes its check.
    pub(super) fn start_language_save(&mut self, ctx: &egui::Context, path: PathBuf) {
        let Some(edits) = &self.work.language_edits else {
            return;
        };
        let language = match edits.checked() {
            Ok(language) => language.clone(),
            Err(why) => {
                self.view.language_editor.refusal =
                    Some(format!("not saved: the language is refused: {why}"));
                return;
            }
        };
        let revision = edits.revision();
        let label = format!("Saving {}", path.display());
        self.jobs.start(
            JobKind::SaveLanguage,
            ctx,
            label,
            Delivery::LanguageSaved,
            move |_| {
                Some(
                    ladders_domain::language::save(&path, &language)
                        .map(|()| (revision, path))
                        .map_err(|e| e.to_string()),
                )
            },
        );
    }

    /// The edited language's revision was written to `path`.
    pub(super) fn language_saved(&mut self, revision: u64, path: PathBuf) {
        let Some(edits) = &mut self.work.language_edits else {
            return;
        };
        edits.mark_saved(path.clone(), revision);
        let id = self.language_editing.in_picker;
        if let Some(entry) = self.work.languages.iter_mut().find(|l| Some(l.id) == id) {
            entry.source = path.display().to_string();
        }
        self.view.language_editor.refusal = None;
    }

    /// Add the saved language file to the scene's languages (an undoable scene edit). A
    /// scene names files inside its own folder, by a path relative to it.
    pub(super) fn use_language_in_scene(&mut self, ctx: &egui::Context) {
        let reference = match self.scene_reference() {
            Ok(reference) => reference,
            Err(why) => {
                self.view.language_editor.refusal = Some(why);
                return;
            }
        };
        let mut names = self.scene().languages.clone();
        if names.is_empty() {
            // No list means every bundled language: keep them.
            names = ladders_domain::language::bundled_names()
                .into_iter()
                .map(str::to_owned)
                .collect();
        }
        if names.contains(&reference) {
            return;
        }
        names.push(reference);
        match self.work.document.apply(&SceneChange::SetLanguages(names)) {
            Ok(true) => {
                self.view.language_editor.refusal = None;
                self.scene_edited(ctx);
            }
            Ok(false) => {}
            Err(e) => self.view.language_editor.refusal = Some(e.to_string()),
        }
    }

    /// How the scene would name the edited language's file: its path relative to the
    /// scene's folder, with forward slashes.
    fn scene_reference(&self) -> Result<String, String> {
        let edits = self
            .work
            .language_edits
            .as_ref()
            .ok_or("no language is being edited")?;
        let file = edits
            .path()
            .ok_or("save the language to a file first (Save as…)")?;
        let dir = self
            .work
            .document
            .path()
            .and_then(Path::parent)
            .ok_or("save the scene first: a scene names language files in its own folder")?;
        let real = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
        let relative = real(file)
            .strip_prefix(real(dir))
            .map(Path::to_owned)
            .map_err(|_| {
                format!(
                    "{} is not inside the scene's folder {}: a scene names only language files in its own folder",
                    file.display(),
                    dir.display()
                )
            })?;
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        Ok(parts.join("/"))
    }
}

/// The source shown for an edited language not yet saved to a file.
pub const EDITED_SOURCE: &str = "edited";
