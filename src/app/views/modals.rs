//! Modal windows: errors, the unsaved-changes question, shortcuts, about; and the file
//! dialog.

use super::file_dialog::{FileDialog, Outcome};
use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::{Explorer, Modal, Pending};

/// Draw the file dialog, whose text field and listing are its own state.
pub fn file_dialog_ui(dialog: &mut FileDialog, actions: &mut Actions, ctx: &egui::Context) {
    match dialog.ui(ctx) {
        Outcome::Open => {}
        Outcome::Cancelled => actions.push(Action::CloseFileDialog),
        Outcome::Chosen(purpose, path) => actions.push(Action::FileChosen(purpose, path)),
    }
}

/// Draw whichever modal is open (none while the file dialog is).
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    if explorer.view.file_dialog.is_some() {
        return;
    }
    let Some(modal) = explorer.view.modal.clone() else {
        return;
    };
    let id = egui::Id::unique("modal");
    let mut close = false;
    let response = egui::Modal::new(id).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match &modal {
            Modal::Error { title, message } => {
                ui.heading(title);
                ui.colored_label(ui.visuals().error_fg_color, message);
                ui.label("The current scene is unchanged.");
                close |= ui.button("OK").clicked();
            }
            Modal::ConfirmDiscard(pending) => {
                let doing = match pending {
                    Pending::Open(p) => format!("opening {}", p.display()),
                    Pending::New(_) => "starting a new scene".to_owned(),
                    Pending::Quit => "quitting".to_owned(),
                };
                ui.heading("Unsaved changes");
                let titles = explorer.unsaved_titles();
                let has = if titles.len() > 1 { "have" } else { "has" };
                ui.label(format!(
                    "{} {has} changes that are not saved. Discard them before {doing}?",
                    titles.join(" and ")
                ));
                ui.horizontal(|ui| {
                    if ui.button("Discard changes").clicked() {
                        actions.push(Action::Discard(pending.clone()));
                    }
                    // "Save first" saves the scene; a language is saved from its editor.
                    if explorer.work.document.is_modified() && ui.button("Save first").clicked() {
                        actions.push(Action::CloseModal);
                        actions.push(Command::Save);
                    }
                    close |= ui.button("Cancel").clicked();
                });
            }
            Modal::Shortcuts => {
                ui.heading("Keyboard shortcuts");
                ui.label("Shortcuts do nothing while a text field has focus.");
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for command in Command::all() {
                        if command.shortcut().is_some() {
                            ui.label(command.label());
                            ui.monospace(command.shortcut_text(ctx));
                            ui.end_row();
                        }
                    }
                });
                close |= ui.button("Close").clicked();
            }
            Modal::Recover(orphan) => {
                ui.heading("Recover unsaved work?");
                let of = match &orphan.original {
                    Some(p) => format!("the {} {}", orphan.kind, p.display()),
                    None => format!("an untitled {}", orphan.kind),
                };
                let age = orphan
                    .written
                    .elapsed()
                    .map_or_else(|_| "recently".to_owned(), |d| format!("{} s ago", d.as_secs()));
                ui.label(format!(
                    "Ladders ended without saving the edits of {of}. A recovery copy was written {age}."
                ));
                ui.weak(format!("The copy is {}.", orphan.copy.display()));
                ui.horizontal(|ui| {
                    if ui.button("Restore the edits").clicked() {
                        actions.push(Action::Restore(orphan.clone()));
                    }
                    if ui.button("Discard the copy").clicked() {
                        actions.push(Action::ForgetRecovery(orphan.clone()));
                    }
                    close |= ui.button("Not now").clicked();
                });
            }
            Modal::ChangedOnDisk(path) => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another program since Ladders read or wrote it.",
                    path.display()
                ));
                let modified = explorer.work.document.is_modified();
                if modified {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "You have unsaved edits: reloading drops them. Keeping yours and saving writes over the other program's change.",
                    );
                }
                ui.horizontal(|ui| {
                    let reload = if modified { "Reload and drop my edits" } else { "Reload" };
                    if ui.button(reload).clicked() {
                        actions.push(Action::ReloadFromDisk);
                    }
                    close |= ui.button("Keep what is open").clicked();
                });
            }
            Modal::About => {
                ui.heading("Ladders");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                ui.label(
                    "Explore complexity-relative impact measures: which plans a criterion accepts \
                     when 'simple' is measured in different conceptual languages, and when \
                     different technologies are commodified.",
                );
                close |= ui.button("Close").clicked();
            }
        }
    });
    if close || response.should_close() {
        actions.push(Action::CloseModal);
    }
}
