//! Modal windows: errors, the unsaved-changes question, shortcuts, about; and the file
//! dialog.

use super::file_dialog::Outcome;
use crate::app::command::Command;
use crate::app::explorer::{Explorer, Modal, Pending};

/// Draw whichever modal or dialog is open.
pub fn ui(explorer: &mut Explorer, ctx: &egui::Context) {
    if let Some(dialog) = &mut explorer.file_dialog {
        match dialog.ui(ctx) {
            Outcome::Open => {}
            Outcome::Cancelled => explorer.file_dialog = None,
            Outcome::Chosen(purpose, path) => {
                explorer.file_dialog = None;
                explorer.file_chosen(ctx, purpose, path);
            }
        }
        return;
    }
    let Some(modal) = explorer.modal.clone() else {
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
                    Pending::New => "starting a new scene".to_owned(),
                    Pending::Quit => "quitting".to_owned(),
                };
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "{} has changes that are not saved. Discard them before {doing}?",
                    explorer.document.title()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Discard changes").clicked() {
                        explorer.modal = None;
                        explorer.resolve_pending(ctx, pending.clone());
                    }
                    if ui.button("Save first").clicked() {
                        explorer.modal = None;
                        explorer.queue(Command::Save);
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
    if (close || response.should_close()) && explorer.modal.as_ref() == Some(&modal) {
        explorer.modal = None;
    }
}
