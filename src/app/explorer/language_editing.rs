//! Editing a language in the window: the typed changes (kept even when they break a
//! rule, which the editor then shows), its own undo and redo, the debounced hand-over of
//! a valid draft to the picker (where every job scores it as it scores a loaded
//! language), "save as" in the background, pointing the scene's languages at the file, and
//! the draft's recovery copy (written a few seconds after the last edit, offered after a
//! crash like the scene's).

use super::*;
use ladders_domain::document::Orphan;
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
    /// When the draft's recovery copy is due.
    recovery_due: Option<Instant>,
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
        let now = Instant::now();
        self.language_editing.settle = Some(now + editing::EDIT_SETTLE);
        self.language_editing.recovery_due = Some(now + editing::RECOVERY_DELAY);
        ctx.request_repaint_after(editing::EDIT_SETTLE);
    }

    /// Write the draft's recovery copy now, in the background, if it has unsaved edits
    /// (refused or not: a draft being fixed is work too).
    pub fn write_language_recovery(&mut self) {
        self.language_editing.recovery_due = None;
        let Some(edits) = &self.work.language_edits else {
            return;
        };
        if !edits.is_modified() {
            return self.discard_language_recovery();
        }
        let Some(store) = self.recovery_store() else {
            return;
        };
        match ladders_domain::language::to_ron(edits.draft()) {
            Ok(text) => editing::write_copy(store, editing::LANGUAGE_COPY, edits.path(), &text),
            Err(e) => log::warn!("cannot write the language's recovery copy: {e}"),
        }
    }

    /// Drop the draft's recovery copy: saved, or dropped on purpose.
    pub fn discard_language_recovery(&mut self) {
        self.language_editing.recovery_due = None;
        self.discard_copy(editing::LANGUAGE_COPY);
    }

    /// Open a crashed session's language copy in the editor, as unsaved edits of the file
    /// it belonged to. Until the draft passes its check, the language scored is the file
    /// as it is on disk, else the bundled language of its name, else the current one.
    pub(super) fn restore_language(&mut self, ctx: &egui::Context, orphan: &Orphan) {
        let shown = orphan
            .original
            .clone()
            .unwrap_or_else(|| "untitled language.ron".into());
        let draft = match ladders_domain::language::parse_draft(&shown, &orphan.text) {
            Ok(draft) => draft,
            Err(e) => return self.show_error("Could not restore the recovery copy", e.to_string()),
        };
        let on_disk = orphan
            .original
            .as_deref()
            .and_then(|p| ladders_domain::language::load(p).ok());
        let Some(fallback) = on_disk
            .or_else(|| ladders_domain::language::bundled(&draft.name).and_then(Result::ok))
            .or_else(|| self.current_language().map(|l| l.language.clone()))
        else {
            return self.show_error(
                "Could not restore the recovery copy",
                "no language is loaded to stand in for it while it is refused".to_owned(),
            );
        };
        // The picker entry it replaces: its file's, or for a language never saved to a
        // file, the bundled (or edited) one of its name.
        let source = orphan.original.as_ref().map(|p| p.display().to_string());
        self.language_editing.in_picker = self
            .work
            .languages
            .iter()
            .find(|l| match &source {
                Some(source) => l.source == *source,
                None => {
                    (l.source == "bundled" || l.source == EDITED_SOURCE)
                        && l.language.name == draft.name
                }
            })
            .map(|l| l.id);
        self.work.language_edits = Some(LanguageEdits::recovered(
            draft,
            orphan.original.clone(),
            fallback,
        ));
        self.view.language_editor.open = true;
        self.view.language_editor.refusal = None;
        self.language_edited(ctx);
        if let Some(store) = self.recovery_store() {
            let _ = store.forget(orphan);
        }
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
        if let Some(due) = self.language_editing.recovery_due {
            let now = Instant::now();
            if now >= due {
                self.write_language_recovery();
            } else {
                ctx.request_repaint_after(due - now);
            }
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
        if !edits.is_modified() {
            self.discard_language_recovery();
        }
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
