//! The menu bar and the status bar.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;

fn item(ui: &mut egui::Ui, explorer: &Explorer, actions: &mut Actions, command: Command) {
    item_named(ui, explorer, actions, command, command.label().to_owned());
}

/// A menu item with its own text (Undo names what it will undo).
fn item_named(
    ui: &mut egui::Ui,
    explorer: &Explorer,
    actions: &mut Actions,
    command: Command,
    text: String,
) {
    let button = egui::Button::new(text).shortcut_text(command.shortcut_text(ui.ctx()));
    let enabled = command.enabled(explorer);
    if ui
        .add_enabled(enabled, button)
        .on_hover_text(command.tooltip())
        .clicked()
    {
        actions.push(command);
        ui.close();
    }
}

fn toggle(ui: &mut egui::Ui, value: &mut bool, text: &str, shortcut: Option<Command>) {
    let mut label = text.to_owned();
    if let Some(c) = shortcut {
        label = format!("{text}  ({})", c.shortcut_text(ui.ctx()));
    }
    ui.checkbox(value, label);
}

/// File, Edit, View and Help.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    // The menus edit a copy of the preferences; a change becomes one action.
    let mut preferences = explorer.preferences.clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, explorer, actions, Command::New);
            ui.menu_button("New from template", |ui| {
                for (i, template) in ladders_domain::scene::TEMPLATES.iter().enumerate() {
                    if ui.button(template.name).clicked() {
                        actions.push(Action::NewFromTemplate(i));
                        ui.close();
                    }
                }
            });
            item(ui, explorer, actions, Command::Open);
            ui.menu_button("Open recent", |ui| {
                preferences.drop_missing_recent();
                if preferences.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in preferences.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        actions.push(Action::Open(path));
                        ui.close();
                    }
                }
            });
            ui.separator();
            item(ui, explorer, actions, Command::Save);
            item(ui, explorer, actions, Command::SaveAs);
            ui.separator();
            item(ui, explorer, actions, Command::LoadLanguage);
            ui.separator();
            item(ui, explorer, actions, Command::Quit);
        });
        ui.menu_button("Edit", |ui| {
            let named = |base: &str, edit: Option<&str>| match edit {
                Some(edit) => format!("{base} {edit}"),
                None => base.to_owned(),
            };
            let undo = named(Command::Undo.label(), explorer.work.document.undo_label());
            let redo = named(Command::Redo.label(), explorer.work.document.redo_label());
            item_named(ui, explorer, actions, Command::Undo, undo);
            item_named(ui, explorer, actions, Command::Redo, redo);
            ui.separator();
            let editing = if explorer.view.editor.open {
                "Stop editing the scene"
            } else {
                Command::ToggleEditor.label()
            };
            item_named(
                ui,
                explorer,
                actions,
                Command::ToggleEditor,
                editing.to_owned(),
            );
            let recording = if explorer.view.recorder.plan.is_some() {
                "Stop recording"
            } else {
                Command::RecordPlan.label()
            };
            item_named(
                ui,
                explorer,
                actions,
                Command::RecordPlan,
                recording.to_owned(),
            );
            item(ui, explorer, actions, Command::EditLanguage);
        });
        ui.menu_button("View", |ui| {
            toggle(
                ui,
                &mut preferences.show_side_panel,
                "Side panel",
                Some(Command::ToggleSidePanel),
            );
            toggle(
                ui,
                &mut preferences.show_results,
                "Results panel",
                Some(Command::ToggleResults),
            );
            toggle(ui, &mut preferences.show_plots, "Plots", None);
            item(ui, explorer, actions, Command::ToggleCompare);
            item(ui, explorer, actions, Command::ToggleTechnologies);
            ui.separator();
            ui.label("Canvas layers");
            let layers = &mut preferences.layers;
            toggle(ui, &mut layers.paint, "Surface paint", None);
            toggle(ui, &mut layers.light, "Projected light", None);
            toggle(ui, &mut layers.droplets, "Droplets", None);
            toggle(ui, &mut layers.minds, "Minds", None);
            item(ui, explorer, actions, Command::FitView);
            ui.separator();
            ui.label("Theme");
            let mut theme = preferences.theme;
            ui.horizontal(|ui| {
                ui.selectable_value(&mut theme, egui::ThemePreference::System, "System");
                ui.selectable_value(&mut theme, egui::ThemePreference::Light, "Light");
                ui.selectable_value(&mut theme, egui::ThemePreference::Dark, "Dark");
            });
            if theme != preferences.theme {
                preferences.theme = theme;
                ui.ctx().set_theme(theme);
            }
            ui.label("Zoom");
            ui.horizontal(|ui| {
                let zoom = &mut preferences.zoom;
                if ui.button("Smaller").clicked() {
                    *zoom = (*zoom / 1.1).max(0.5);
                }
                if ui.button("Reset").clicked() {
                    *zoom = 1.0;
                }
                if ui.button("Larger").clicked() {
                    *zoom = (*zoom * 1.1).min(3.0);
                }
                ui.label(format!("{:.0}%", *zoom * 100.0));
            });
        });
        ui.menu_button("Measures", |ui| {
            item(ui, explorer, actions, Command::RunPrograms);
            item(ui, explorer, actions, Command::SearchChoice);
            item(ui, explorer, actions, Command::ComputeTable);
        });
        ui.menu_button("Help", |ui| {
            item(ui, explorer, actions, Command::Shortcuts);
            item(ui, explorer, actions, Command::About);
        });
    });
    if preferences != explorer.preferences {
        actions.push(Action::SetPreferences(Box::new(preferences)));
    }
}

/// File name, unsaved marker, background activity with progress and cancel.
pub fn status_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let modified = if explorer.work.document.is_modified() {
            " • unsaved changes"
        } else {
            ""
        };
        let path = explorer
            .work
            .document
            .path()
            .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
        ui.label(format!(
            "{} ({path}){modified}",
            explorer.work.document.title()
        ));
        if let Some((label, progress)) = explorer.activity() {
            let label = label.to_owned();
            ui.separator();
            ui.add(
                egui::ProgressBar::new(progress)
                    .desired_width(120.0)
                    .text(label),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop the background work")
                .clicked()
            {
                actions.push(Action::CancelJobs);
            }
        }
    });
}
