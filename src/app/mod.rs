//! The desktop window (eframe/egui): a thin layer over the library. This is the first
//! frame of the explorer: the scene on a canvas, the language and technology pickers, and
//! the verdicts of every plan.

mod canvas;
mod state;
mod verdicts;

pub use state::Explorer;

use std::path::PathBuf;

/// Open the window on a scene (default: the bundled pink car). A scene that fails to load
/// is reported in the window, over the pink car, rather than ending the program.
pub fn run(scene: Option<PathBuf>) -> anyhow::Result<()> {
    let explorer = Explorer::open(scene.as_deref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ladders")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    eframe::run_native("Ladders", options, Box::new(|_cc| Ok(Box::new(explorer))))
        .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}

impl eframe::App for Explorer {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("settings").show(ui, |ui| self.settings_ui(ui));
        egui::Panel::right("verdicts")
            .resizable(true)
            .default_size(560.0)
            .min_size(360.0)
            .show(ui, |ui| {
                verdicts::ui(self, ui);
            });
        egui::CentralPanel::default().show(ui, |ui| canvas::ui(self, ui));
        self.error_ui(ui);
    }
}
