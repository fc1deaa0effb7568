//! Preferences kept between runs in eframe's storage. Documents never go here.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key preferences are stored under.
pub const STORAGE_KEY: &str = "ladders-preferences";
/// How many recent files the File menu lists.
pub const RECENT_LIMIT: usize = 10;

/// Which per-cell layers the canvas draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layers {
    /// Surface paint of objects.
    pub paint: bool,
    /// Projected light.
    pub light: bool,
    /// Droplets and refraction patterns.
    pub droplets: bool,
    /// Observers' percepts.
    pub minds: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Self {
            paint: true,
            light: true,
            droplets: true,
            minds: true,
        }
    }
}

/// Everything remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Light, dark or follow the system.
    pub theme: egui::ThemePreference,
    /// UI zoom factor.
    pub zoom: f32,
    /// The scene open when the program last closed.
    pub last_scene: Option<PathBuf>,
    /// Recently opened or saved scenes, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the side panel is shown.
    pub show_side_panel: bool,
    /// Whether the results panel (verdicts) is shown.
    pub show_results: bool,
    /// Whether the plots are shown.
    pub show_plots: bool,
    /// Canvas layers.
    pub layers: Layers,
    /// Playback speed in steps per second.
    pub playback_speed: f32,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            theme: egui::ThemePreference::System,
            zoom: 1.0,
            last_scene: None,
            recent: Vec::new(),
            show_side_panel: true,
            show_results: true,
            show_plots: true,
            layers: Layers::default(),
            playback_speed: 8.0,
        }
    }
}

impl Preferences {
    /// Put `path` at the top of the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }

    /// Forget recent files that no longer exist.
    pub fn drop_missing_recent(&mut self) {
        self.recent.retain(|p| p.is_file());
    }
}
