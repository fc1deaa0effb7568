//! The explorer's runtime state and the controls that change it.

use crate::analysis::{SceneScore, Setting, score_scene};
use crate::language::Language;
use crate::scene::Scene;
use crate::world::{TechLevel, TechLevels};
use std::path::{Path, PathBuf};

/// What the window shows: a scene, its languages, the current setting and the scores.
pub struct Explorer {
    /// The scene on screen.
    pub scene: Scene,
    /// Where it was loaded from.
    pub scene_path: PathBuf,
    /// The scene's languages that could be loaded.
    pub languages: Vec<Language>,
    /// Index into `languages`.
    pub language: usize,
    /// Technology levels as the user set them.
    pub technologies: TechLevels,
    /// Scores of every plan in the current setting.
    pub score: Option<SceneScore>,
    /// The plan whose outcome the canvas shows, if any.
    pub selected_plan: Option<usize>,
    /// An error to show in a modal until dismissed.
    pub error: Option<String>,
}

impl Explorer {
    /// Open `path`, or the bundled pink car; a failure is kept to be shown in the window.
    pub fn open(path: Option<&Path>) -> Self {
        let mut error = None;
        let loaded = match path {
            Some(p) => crate::scene::load(p).map(|s| (s, p.to_owned())),
            None => {
                crate::scene::pink_car().map(|s| (s, PathBuf::from(crate::scene::PINK_CAR_PATH)))
            }
        };
        let (scene, scene_path) = match loaded {
            Ok(found) => found,
            Err(e) => {
                error = Some(e.to_string());
                match crate::scene::parse(
                    Path::new(crate::scene::PINK_CAR_PATH),
                    crate::scene::PINK_CAR_RON,
                ) {
                    Ok(s) => (s, PathBuf::from(crate::scene::PINK_CAR_PATH)),
                    Err(e) => panic_free_empty(e.to_string()),
                }
            }
        };
        let mut languages = Vec::new();
        for name in &scene.languages {
            match crate::language::resolve(name, scene_path.parent()) {
                Ok(l) => languages.push(l),
                Err(e) => error = Some(e.to_string()),
            }
        }
        if languages.is_empty() {
            languages.extend(
                crate::language::bundled_names()
                    .into_iter()
                    .filter_map(|n| crate::language::bundled(n)?.ok()),
            );
        }
        let technologies = scene.world.technologies.clone();
        let mut explorer = Self {
            scene,
            scene_path,
            languages,
            language: 0,
            technologies,
            score: None,
            selected_plan: None,
            error,
        };
        explorer.rescore();
        explorer
    }

    /// The setting the scores are computed in.
    pub fn setting(&self) -> Option<Setting> {
        let language = self.languages.get(self.language)?.clone();
        let budget = self
            .scene
            .budget("effect_dl")
            .unwrap_or(crate::scene::DEFAULT_EFFECT_BUDGET);
        Some(Setting::with_levels(
            language,
            self.technologies.clone(),
            budget,
        ))
    }

    /// Recompute every score: a few milliseconds for the bundled scenes, so it runs within
    /// the frame in which a control changed.
    pub fn rescore(&mut self) {
        self.score = self.setting().map(|s| score_scene(&self.scene, &s));
    }

    /// The language picker and the technology levels.
    pub fn settings_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&self.scene.name);
            ui.separator();
            ui.label("Language");
            let current = self
                .languages
                .get(self.language)
                .map_or("none", |l| l.name.as_str())
                .to_owned();
            let mut changed = false;
            egui::ComboBox::from_id_salt("language")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, l) in self.languages.iter().enumerate() {
                        changed |= ui
                            .selectable_value(&mut self.language, i, &l.name)
                            .on_hover_text(&l.description)
                            .changed();
                    }
                });
            ui.separator();
            let names: Vec<(String, TechLevel)> = self
                .technologies
                .iter()
                .map(|(n, l)| (n.to_owned(), l))
                .collect();
            for (id, (name, level)) in names.into_iter().enumerate() {
                let mut commodified = level == TechLevel::Commodified;
                let response = ui
                    .checkbox(&mut commodified, format!("{name} commodified"))
                    .on_hover_text(format!("{name} is {level}"));
                if response.changed() {
                    let new = if commodified {
                        TechLevel::Commodified
                    } else {
                        TechLevel::Available
                    };
                    self.technologies.set(id, new);
                    changed = true;
                }
            }
            if changed {
                self.rescore();
            }
        });
    }

    /// The modal that shows an error until dismissed.
    pub fn error_ui(&mut self, ui: &mut egui::Ui) {
        let Some(message) = self.error.clone() else {
            return;
        };
        let modal = egui::Modal::new(egui::Id::unique("error")).show(ui.ctx(), |ui| {
            ui.heading("Could not open");
            ui.colored_label(ui.visuals().error_fg_color, message);
            ui.button("OK").clicked()
        });
        if modal.inner || modal.should_close() {
            self.error = None;
        }
    }
}

/// Only reachable if the compiled-in pink car were invalid, which a test rules out.
fn panic_free_empty(message: String) -> (Scene, PathBuf) {
    log::error!("the bundled scene is invalid: {message}");
    std::process::exit(1)
}
