//! A file dialog drawn by egui itself, so opening and saving work on any desktop (system
//! dialogs need a portal or zenity). Lists folders and `.ron` files; a path can be typed.

use std::path::{Path, PathBuf};

/// What the dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Choose an existing scene.
    OpenScene,
    /// Choose where to save the scene.
    SaveScene,
    /// Choose a language file.
    OpenLanguage,
    /// Choose where to save the edited language.
    SaveLanguage,
}

impl Purpose {
    fn title(self) -> &'static str {
        match self {
            Purpose::OpenScene => "Open scene",
            Purpose::SaveScene => "Save scene as",
            Purpose::OpenLanguage => "Load language",
            Purpose::SaveLanguage => "Save language as",
        }
    }

    fn action(self) -> &'static str {
        match self {
            Purpose::OpenScene | Purpose::OpenLanguage => "Open",
            Purpose::SaveScene | Purpose::SaveLanguage => "Save",
        }
    }
}

/// What the user did with the dialog this frame.
pub enum Outcome {
    /// Still choosing.
    Open,
    /// Closed without choosing.
    Cancelled,
    /// Chose this file.
    Chosen(Purpose, PathBuf),
}

/// The dialog's state.
pub struct FileDialog {
    purpose: Purpose,
    dir: PathBuf,
    name: String,
    entries: Vec<(String, bool)>,
    error: Option<String>,
}

impl FileDialog {
    /// A dialog in `dir`, with `name` prefilled.
    pub fn new(purpose: Purpose, dir: PathBuf, name: &str) -> Self {
        let mut dialog = Self {
            purpose,
            dir,
            name: name.to_owned(),
            entries: Vec::new(),
            error: None,
        };
        dialog.refresh();
        dialog
    }

    fn refresh(&mut self) {
        self.entries.clear();
        match std::fs::read_dir(&self.dir) {
            Ok(read) => {
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    if name.starts_with('.') || !(is_dir || name.ends_with(".ron")) {
                        continue;
                    }
                    self.entries.push((name, is_dir));
                }
                self.entries
                    .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                self.error = None;
            }
            Err(e) => self.error = Some(format!("{}: {e}", self.dir.display())),
        }
    }

    fn enter(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.refresh();
    }

    /// The chosen path, if the name field holds one that fits the purpose.
    fn target(&self) -> Result<PathBuf, String> {
        let typed = Path::new(self.name.trim());
        if typed.as_os_str().is_empty() {
            return Err("type or pick a file name".into());
        }
        let mut path = if typed.is_absolute() {
            typed.to_owned()
        } else {
            self.dir.join(typed)
        };
        match self.purpose {
            Purpose::SaveScene | Purpose::SaveLanguage => {
                if path.extension().is_none() {
                    path.set_extension("ron");
                }
                if !path.parent().is_some_and(Path::is_dir) {
                    return Err("that folder does not exist".into());
                }
            }
            Purpose::OpenScene | Purpose::OpenLanguage => {
                if !path.is_file() {
                    return Err(format!("no file {}", path.display()));
                }
            }
        }
        Ok(path)
    }

    /// Draw the dialog.
    pub fn ui(&mut self, ctx: &egui::Context) -> Outcome {
        let mut outcome = Outcome::Open;
        let modal = egui::Modal::new(egui::Id::unique("file_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(self.purpose.title());
            ui.horizontal(|ui| {
                if ui.button("Up").on_hover_text("Parent folder").clicked()
                    && let Some(parent) = self.dir.parent().map(Path::to_owned)
                {
                    self.enter(parent);
                }
                ui.label(self.dir.display().to_string());
            });
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .show(ui, |ui| {
                    let mut enter = None;
                    for (name, is_dir) in &self.entries {
                        let text = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        let response = ui.selectable_label(!is_dir && self.name == *name, text);
                        if response.clicked() {
                            if *is_dir {
                                enter = Some(self.dir.join(name));
                            } else {
                                self.name = name.clone();
                            }
                        }
                        if response.double_clicked() && !is_dir {
                            outcome = Outcome::Chosen(self.purpose, self.dir.join(name));
                        }
                    }
                    if let Some(dir) = enter {
                        self.enter(dir);
                    }
                });
            if let Some(e) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            let target = self.target();
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                let edit = ui
                    .text_edit_singleline(&mut self.name)
                    .labelled_by(label.id);
                let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let chosen = ui
                    .add_enabled(target.is_ok(), egui::Button::new(self.purpose.action()))
                    .clicked();
                if let (true, Ok(path)) = (chosen || enter, &target) {
                    outcome = Outcome::Chosen(self.purpose, path.clone());
                }
                if ui.button("Cancel").clicked() {
                    outcome = Outcome::Cancelled;
                }
            });
            if let Err(why) = &target {
                ui.weak(why);
            }
        });
        if modal.should_close() && matches!(outcome, Outcome::Open) {
            outcome = Outcome::Cancelled;
        }
        outcome
    }
}
