//! A language under edit. Unlike a scene edit, a language edit that breaks a rule is kept
//! in the draft: costs are fixed by lowering one word and raising another, and refusing
//! the first step would make the second impossible. The draft is checked after every
//! change; the language is refused (the last valid one stays in use) until the check
//! passes, and the check's message names the line and column its file would have.

use super::Language;
use super::bundled::{parse, save, to_ron};
use super::change::LanguageChange;
use super::validate::validate;
use crate::document::{Document, DocumentError, Locator};
use std::path::{Path, PathBuf};

/// The language being edited, its file, its history and the last valid version.
#[derive(Clone, Debug)]
pub struct LanguageEdits {
    document: Document<Language>,
    /// Where it is saved; `None` for a language never saved (a bundled one).
    path: Option<PathBuf>,
    /// The last draft that passed the check.
    valid: Language,
    /// The check of the draft as it is: `Err` with the reason when it is refused.
    check: Result<(), String>,
}

impl LanguageEdits {
    /// Edits of a valid language, as read from `path` (`None`: bundled, or never saved).
    pub fn new(language: Language, path: Option<PathBuf>) -> Self {
        // Unmodified until edited, whether it came from a file or is bundled: merely
        // opening the editor asks nothing on quit.
        let document = Document::saved(language.clone());
        let mut edits = Self {
            document,
            path,
            valid: language,
            check: Ok(()),
        };
        edits.recheck();
        edits
    }

    /// Edits restored from a recovery copy: `draft` (valid or not) as unsaved edits of
    /// `path`, with `fallback` (a valid language: the file as it is on disk, or a bundled
    /// one) used until the draft passes its check.
    pub fn recovered(draft: Language, path: Option<PathBuf>, fallback: Language) -> Self {
        let mut edits = Self {
            document: Document::unsaved(draft),
            path,
            valid: fallback,
            check: Ok(()),
        };
        edits.recheck();
        edits
    }

    /// The draft, valid or not.
    pub fn draft(&self) -> &Language {
        self.document.get()
    }

    /// The last valid version (the draft itself when it passes).
    pub fn last_valid(&self) -> &Language {
        &self.valid
    }

    /// The last check's result: the draft when it passes, else why it is refused.
    pub fn checked(&self) -> Result<&Language, String> {
        self.check.clone().map(|()| &self.valid)
    }

    /// Its history.
    pub fn document(&self) -> &Document<Language> {
        &self.document
    }

    /// Whether it differs from what was last loaded or saved.
    pub fn is_modified(&self) -> bool {
        self.document.is_modified()
    }

    /// Its revision (see [`Document::revision`]).
    pub fn revision(&self) -> u64 {
        self.document.revision()
    }

    /// Where it is saved.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The name of the edit undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.document.undo_label()
    }

    /// The name of the edit redo would make again.
    pub fn redo_label(&self) -> Option<&str> {
        self.document.redo_label()
    }

    /// Make a change as an undo step named by it (coalesced with changes of the same name
    /// while an edit is under way), then check the draft. Refused only when it cannot be
    /// made at all; a draft that breaks a rule is kept and [`Self::checked`] says why.
    pub fn apply(&mut self, change: &LanguageChange) -> Result<bool, String> {
        let label = change.label(self.document.get());
        let mut refusal = None;
        let changed = self.document.edit(&label, |language| {
            change.apply(language).unwrap_or_else(|reason| {
                refusal = Some(reason);
                false
            })
        });
        if let Some(reason) = refusal {
            return Err(reason);
        }
        if changed {
            self.recheck();
        }
        Ok(changed)
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
        let undone = self.document.undo();
        if undone {
            self.recheck();
        }
        undone
    }

    /// Make the last undone edit again; returns whether anything changed.
    pub fn redo(&mut self) -> bool {
        let redone = self.document.redo();
        if redone {
            self.recheck();
        }
        redone
    }

    /// The revision current when a save of it started was written to `path`.
    pub fn mark_saved(&mut self, path: PathBuf, revision: u64) {
        self.path = Some(path);
        self.document.mark_saved(revision);
    }

    /// Write the draft to `path` now, if it passes its check ("save as").
    pub fn save_as(&mut self, path: &Path) -> Result<(), DocumentError> {
        let language = self
            .checked()
            .map_err(|message| DocumentError::Refused { message })?;
        save(path, language)?;
        self.mark_saved(path.to_owned(), self.revision());
        Ok(())
    }

    /// The file name to show.
    pub fn title(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || format!("{} (not saved to a file)", self.draft().name),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Check the draft: directly when it is valid, else again through its text so that
    /// the reason says what its file would say, with line and column.
    fn recheck(&mut self) {
        let draft = self.document.get();
        if validate(draft.clone(), &Locator::new("")).is_ok() {
            self.valid = draft.clone();
            self.check = Ok(());
            return;
        }
        let path = self
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{}.ron", draft.name)));
        self.check = Err(match to_ron(draft) {
            Ok(text) => match parse(&path, &text) {
                Err(e) => e.to_string(),
                // Unreachable: the text reads back as the draft, which failed.
                Ok(_) => "the language does not pass its check".to_owned(),
            },
            Err(e) => format!("{}: cannot write: {e}", path.display()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::change::{LanguageChange, Section};
    use super::super::kraft::kraft_report;
    use super::super::{Owner, WhichVocabulary, WordSlot, bundled, load};
    use super::*;

    fn everyday() -> LanguageEdits {
        let language = bundled("everyday").unwrap().unwrap();
        LanguageEdits::new(language, None)
    }

    fn index_of(edits: &LanguageEdits, name: &str) -> usize {
        edits
            .draft()
            .actions
            .words
            .iter()
            .position(|w| w.name == name)
            .unwrap()
    }

    #[test]
    fn an_edit_over_kraft_is_kept_refused_with_its_words_and_undo_restores() {
        let mut edits = everyday();
        let before = edits.draft().clone();
        let walk_to = index_of(&edits, "walk_to");
        let changed = edits
            .apply(&LanguageChange::SetCost(
                WordSlot::base(WhichVocabulary::Actions, walk_to),
                0.5,
            ))
            .unwrap();
        assert!(changed);
        assert!(edits.is_modified());
        assert_eq!(
            edits.draft().actions.words[walk_to].cost,
            0.5,
            "kept in the draft"
        );
        let why = edits.checked().unwrap_err();
        assert!(why.contains("Kraft"), "{why}");
        assert!(why.contains(":"), "names a line and column: {why}");
        assert_eq!(edits.last_valid(), &before, "the last valid language stays");
        let broken: Vec<_> = kraft_report(edits.draft())
            .into_iter()
            .filter(|r| r.violated())
            .collect();
        assert!(!broken.is_empty());
        for row in &broken {
            assert_eq!(row.vocabulary, WhichVocabulary::Actions);
            assert_eq!(row.responsible.first().map(String::as_str), Some("walk_to"));
            assert!(row.sum > 1.0 && row.slack < 0.0);
        }
        assert_eq!(edits.undo_label(), Some("cost of walk_to"));
        assert!(edits.undo());
        assert_eq!(edits.draft(), &before);
        assert!(edits.checked().is_ok());
        assert!(!edits.is_modified());
        assert!(kraft_report(edits.draft()).iter().all(|r| !r.violated()));
    }

    #[test]
    fn a_valid_edit_passes_and_a_new_word_keeps_kraft() {
        let mut edits = everyday();
        let step = index_of(&edits, "step");
        edits
            .apply(&LanguageChange::SetCost(
                WordSlot::base(WhichVocabulary::Actions, step),
                4.0,
            ))
            .unwrap();
        assert_eq!(edits.checked().unwrap().actions.words[step].cost, 4.0);
        for which in [WhichVocabulary::Actions, WhichVocabulary::States] {
            edits
                .apply(&LanguageChange::AddWord(which, Owner::Base))
                .unwrap();
            assert!(edits.checked().is_ok(), "{:?}", edits.checked());
        }
        let last = edits.draft().actions.words.last().unwrap();
        assert_eq!(last.name, "new_word");
        // Renaming a word carries its repricings along; removing it drops them.
        let paint = index_of(&edits, "paint");
        edits
            .apply(&LanguageChange::Rename(
                WordSlot::base(WhichVocabulary::Actions, paint),
                "daub".into(),
            ))
            .unwrap();
        assert!(edits.checked().is_ok(), "{:?}", edits.checked());
        assert!(
            edits.draft().commodified["paint"]
                .costs
                .contains_key("daub")
        );
        edits
            .apply(&LanguageChange::RemoveWord(WordSlot::base(
                WhichVocabulary::Actions,
                paint,
            )))
            .unwrap();
        assert!(edits.checked().is_ok(), "{:?}", edits.checked());
        // Per-technology changes.
        edits
            .apply(&LanguageChange::AddTechnology(
                Section::Developed,
                "optics".into(),
            ))
            .unwrap();
        edits
            .apply(&LanguageChange::SetTechCost {
                section: Section::Developed,
                tech: "optics".into(),
                word: "light".into(),
                cost: Some(8.0),
            })
            .unwrap();
        assert!(edits.checked().is_ok(), "{:?}", edits.checked());
        assert!(
            edits
                .apply(&LanguageChange::AddTechnology(
                    Section::Developed,
                    "optics".into()
                ))
                .is_err()
        );
    }

    #[test]
    fn save_as_round_trips_and_marks_the_draft_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.ron");
        let mut edits = everyday();
        edits
            .apply(&LanguageChange::SetName("mine".into()))
            .unwrap();
        edits
            .apply(&LanguageChange::SetCost(
                WordSlot::base(WhichVocabulary::States, 0),
                7.0,
            ))
            .unwrap();
        assert!(edits.is_modified());
        edits.save_as(&path).unwrap();
        assert!(!edits.is_modified());
        assert_eq!(edits.path(), Some(path.as_path()));
        assert_eq!(&load(&path).unwrap(), edits.draft());
        // A refused draft is not written.
        edits
            .apply(&LanguageChange::SetCost(
                WordSlot::base(WhichVocabulary::States, 0),
                0.1,
            ))
            .unwrap();
        let other = dir.path().join("broken.ron");
        assert!(edits.save_as(&other).is_err());
        assert!(!other.exists());
    }
}
