//! The language editor (issue 13): a window over the language being edited. Its name and
//! description; the word tables ([`super::language_words`]: every word's name, cost,
//! parameters and body or what it names, the words each technology adds and the costs it
//! gives); and Kraft's inequality under every
//! technology setting, live, with the words that break it. Undo and redo are the
//! language's own (its buttons, or Ctrl+Z and Ctrl+Shift+Z with the pointer over it); "Save as…" writes a new language file, and "Use in this scene" adds
//! that file to the scene's languages. Every change is an action; the explorer keeps a
//! draft that breaks a rule (so another cost can fix it) and scores only a valid one.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::language::{
    KraftRow, LanguageChange, LanguageEdits, Section, WhichVocabulary, kraft_report,
    vocabulary_word,
};

/// The editor's view state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LanguageEditorState {
    /// Whether the window is open.
    pub open: bool,
    /// Why the last change (or save, or use in the scene) was refused.
    pub refusal: Option<String>,
}

/// The window, when open.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    if !explorer.view.language_editor.open {
        return;
    }
    let mut open = true;
    let shown = egui::Window::new("Language editor")
        .open(&mut open)
        .default_pos(ctx.content_rect().left_top() + egui::vec2(120.0, 60.0))
        .default_size([860.0, 700.0])
        .vscroll(true)
        .show(ctx, |ui| contents_ui(explorer, actions, ui));
    if !open {
        actions.push(Command::EditLanguage);
    }
    // Under the pointer, the window's undo and redo keys are the language's: taken here,
    // before the scene's commands read the keys at the end of the frame.
    let hovered = shown.as_ref().is_some_and(|w| {
        ctx.pointer_latest_pos().is_some_and(|p| {
            w.response.rect.contains(p) && ctx.layer_id_at(p) == Some(w.response.layer_id)
        })
    });
    if hovered && !ctx.egui_wants_keyboard_input() {
        let shortcut = |modifiers, key| egui::KeyboardShortcut::new(modifiers, key);
        let redo = [
            shortcut(
                egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
                egui::Key::Z,
            ),
            shortcut(egui::Modifiers::COMMAND, egui::Key::Y),
        ];
        let undo = shortcut(egui::Modifiers::COMMAND, egui::Key::Z);
        ctx.input_mut(|input| {
            for s in redo {
                if input.consume_shortcut(&s) {
                    actions.push(Action::RedoLanguage);
                }
            }
            if input.consume_shortcut(&undo) {
                actions.push(Action::UndoLanguage);
            }
        });
    }
}

fn contents_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let Some(edits) = &explorer.work.language_edits else {
        ui.weak("No language is loaded.");
        return;
    };
    let draft = edits.draft();
    let modified = if edits.is_modified() {
        ", with unsaved changes"
    } else {
        ""
    };
    ui.label(match edits.path() {
        Some(path) => format!("Editing {} from {}{modified}", draft.name, path.display()),
        None => format!(
            "Editing {}, not yet in a file of its own (Save language as… writes one){modified}",
            draft.name
        ),
    });
    toolbar_ui(edits, actions, ui);
    status_ui(explorer, edits, ui);
    ui.separator();
    if let Some(name) =
        super::language_words::committed_text_cell(ui, "Language name", &draft.name, 240.0, true)
    {
        actions.push(Action::EditLanguage(LanguageChange::SetName(name)));
    }
    if let Some(text) =
        super::edit_widgets::committed_text(ui, "Language description", &draft.description, true)
    {
        actions.push(Action::EditLanguage(LanguageChange::SetDescription(text)));
    }
    let report = kraft_report(draft);
    for which in [WhichVocabulary::Actions, WhichVocabulary::States] {
        super::language_words::vocabulary_ui(draft, which, actions, ui);
    }
    for section in Section::ALL {
        super::language_words::section_ui(draft, section, actions, ui);
    }
    kraft_ui(&report, ui);
}

/// Undo and redo (naming the edit), save as, use in this scene.
fn toolbar_ui(edits: &LanguageEdits, actions: &mut Actions, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let named = |base: &str, edit: Option<&str>| match edit {
            Some(edit) => format!("{base} {edit}"),
            None => base.to_owned(),
        };
        let undo = named("Undo", edits.undo_label());
        if ui
            .add_enabled(edits.document().can_undo(), egui::Button::new(undo))
            .on_hover_text("Take back the last change to this language")
            .clicked()
        {
            actions.push(Action::UndoLanguage);
        }
        let redo = named("Redo", edits.redo_label());
        if ui
            .add_enabled(edits.document().can_redo(), egui::Button::new(redo))
            .on_hover_text("Make the last undone language change again")
            .clicked()
        {
            actions.push(Action::RedoLanguage);
        }
        ui.separator();
        if ui
            .add_enabled(
                edits.checked().is_ok(),
                egui::Button::new("Save language as…"),
            )
            .on_hover_text("Write the language to a new language file (only a language that passes its check)")
            .clicked()
        {
            actions.push(Action::SaveLanguageAs);
        }
        if ui
            .add_enabled(edits.path().is_some(), egui::Button::new("Use in this scene"))
            .on_hover_text(
                "Add the saved language file to the scene's languages (an undoable scene edit); the file must be in the scene's folder",
            )
            .clicked()
        {
            actions.push(Action::UseLanguageInScene);
        }
    });
}

/// Whether the draft is in use, or refused and why.
fn status_ui(explorer: &Explorer, edits: &LanguageEdits, ui: &mut egui::Ui) {
    let error = ui.visuals().error_fg_color;
    match edits.checked() {
        Ok(_) if explorer.language_edits_settling() => {
            ui.weak("The language passes its check; the verdicts follow in a moment.");
        }
        Ok(_) => {
            ui.label("The language passes its check; the verdicts use it.");
        }
        Err(why) => {
            ui.colored_label(error, format!("Refused: {why}"));
            ui.label(format!(
                "The verdicts keep the last valid version of {}.",
                edits.last_valid().name
            ));
        }
    }
    if let Some(refusal) = &explorer.view.language_editor.refusal {
        ui.colored_label(error, format!("Not done: {refusal}"));
    }
}

/// Every setting × vocabulary: the sum, the slack, and a violation with its words.
fn kraft_ui(report: &[KraftRow], ui: &mut egui::Ui) {
    let error = ui.visuals().error_fg_color;
    let settings = report.len() / 2;
    let broken: Vec<&KraftRow> = report.iter().filter(|r| r.violated()).collect();
    ui.separator();
    ui.strong("Kraft's inequality under every technology setting");
    if broken.is_empty() {
        ui.label(format!(
            "Every vocabulary's Σ 2^-cost is at most 1 under all {settings} settings."
        ));
    } else {
        let mut words: Vec<&str> = broken
            .iter()
            .flat_map(|r| r.responsible.iter().map(String::as_str))
            .collect();
        words.sort_unstable();
        words.dedup();
        ui.colored_label(
            error,
            format!(
                "Kraft's inequality fails in {} of {} vocabularies; the words responsible: {}",
                broken.len(),
                report.len(),
                words.join(", ")
            ),
        );
    }
    egui::Grid::new("kraft")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for heading in ["Setting", "Vocabulary", "Sum", "Slack", ""] {
                ui.strong(heading);
            }
            ui.end_row();
            for row in report {
                ui.label(&row.setting);
                ui.label(vocabulary_word(row.vocabulary));
                ui.monospace(format!("{:.4}", row.sum));
                ui.monospace(format!("{:+.4}", row.slack));
                if row.violated() {
                    ui.colored_label(
                        error,
                        format!("over by {:.4}: {}", -row.slack, row.responsible.join(", ")),
                    );
                } else {
                    ui.label("ok");
                }
                ui.end_row();
            }
        });
}
