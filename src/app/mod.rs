//! The desktop window (eframe/egui): a thin layer over the library. One file per panel;
//! panels queue [`Command`]s and the [`Explorer`] runs them once per frame.

mod action;
mod command;
mod explorer;
mod job;
mod jobs;
mod playback;
mod preferences;
mod programs;
mod screenshot;
mod state;
mod views;

pub use action::Action;
pub use command::Command;
pub use explorer::{
    Evidence, Explorer, GUI_STATE_BUDGET, Modal, NEW_SCENE_RON, Pending, Selection,
};
pub use preferences::{Layers, Preferences, STORAGE_KEY};
pub use views::file_dialog::{FileDialog, Purpose};
pub use views::scene_editor::{EditorState, Tool};

use action::Actions;
use screenshot::{ScreenshotRequest, ScreenshotResult};
use std::path::PathBuf;
use views::canvas::CanvasView;

/// How the window starts.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// A scene to open instead of the last one (or the bundled pink car).
    pub scene: Option<PathBuf>,
    /// A language to select, by name.
    pub language: Option<String>,
    /// A plan to show at its end, by name.
    pub plan: Option<String>,
    /// Take a screenshot to this file and exit.
    pub screenshot: Option<PathBuf>,
    /// Open this measure's evidence for the plan.
    pub evidence: Option<ladders_domain::measures::Measure>,
    /// The folder of recovery copies (`None`: no copies written or offered).
    pub recovery: Option<PathBuf>,
}

/// The folder recovery copies go to: `LADDERS_STATE_DIR` if set, else the platform's
/// state directory (`~/.local/state/ladders` on Linux), else its local data directory.
pub fn recovery_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LADDERS_STATE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("recovery"));
    }
    let dirs = directories::ProjectDirs::from("", "", "ladders")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
    Some(base.join("recovery"))
}

/// The eframe application: the explorer plus what only a real window has.
pub struct LaddersApp {
    /// The state and logic.
    pub explorer: Explorer,
    /// The canvas's pan and zoom.
    canvas: CanvasView,
    screenshot: Option<ScreenshotRequest>,
}

impl LaddersApp {
    /// The app as eframe creates it; preferences come from storage unless taking a screenshot.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let preferences: Preferences = if startup.screenshot.is_some() {
            // A screenshot shows the defaults, not panel sizes left in egui's memory by
            // earlier runs.
            cc.egui_ctx.memory_mut(|m| *m = egui::Memory::default());
            Preferences::default()
        } else {
            cc.storage
                .and_then(|s| eframe::get_value(s, STORAGE_KEY))
                .unwrap_or_default()
        };
        Self::with_preferences(&cc.egui_ctx, preferences, startup)
    }

    /// The app with explicit preferences (tests, benchmarks).
    pub fn with_preferences(
        ctx: &egui::Context,
        preferences: Preferences,
        startup: Startup,
    ) -> Self {
        ctx.set_theme(preferences.theme);
        let open = startup
            .scene
            .clone()
            .or_else(|| preferences.last_scene.clone().filter(|p| p.is_file()));
        let mut explorer = Explorer::new(ctx, preferences, open, startup.recovery.as_deref());
        explorer.want(startup.language, startup.plan);
        explorer.want_evidence(startup.evidence);
        Self {
            explorer,
            canvas: CanvasView::default(),
            screenshot: startup.screenshot.map(ScreenshotRequest::new),
        }
    }

    /// Where the canvas drew the grid on screen last frame.
    pub fn grid_on_screen(&self) -> Option<egui::Rect> {
        self.canvas.grid_on_screen()
    }

    /// Draw the whole window into `ui` and run the frame's commands.
    pub fn ui_all(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let explorer = &mut self.explorer;
        if (ctx.zoom_factor() - explorer.preferences.zoom).abs() > 1e-3 {
            ctx.set_zoom_factor(explorer.preferences.zoom);
        }
        explorer.poll_jobs(&ctx);
        for path in ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .collect::<Vec<_>>()
        }) {
            explorer.request_open(&ctx, path);
        }
        let length = explorer.plan_length(explorer.view.playback.plan);
        explorer.view.playback.speed = explorer.preferences.playback_speed;
        explorer
            .view
            .playback
            .tick(ctx.input(|i| i.stable_dt).min(0.1), length);
        if explorer.view.playback.playing {
            ctx.request_repaint();
        }

        // The views read the state and ask for changes; the changes are made after them.
        let mut actions = Actions::default();
        let (explorer, canvas) = (&self.explorer, &mut self.canvas);
        let actions_ref = &mut actions;
        egui::Panel::top("menu").show(ui, |ui| views::menu::ui(explorer, actions_ref, ui));
        egui::Panel::bottom("status")
            .show(ui, |ui| views::menu::status_ui(explorer, actions_ref, ui));
        if explorer.preferences.show_side_panel {
            if explorer.view.editor.open {
                // The inspector has its own panel (and width) beside the usual one.
                egui::Panel::left("editor")
                    .resizable(true)
                    .default_size(340.0)
                    .min_size(240.0)
                    .max_size(520.0)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            views::scene_editor::inspector_ui(explorer, actions_ref, ui);
                        });
                    });
            } else {
                egui::Panel::left("side")
                    .resizable(true)
                    .default_size(250.0)
                    .min_size(180.0)
                    .show(ui, |ui| {
                        views::side_panel::ui(explorer, actions_ref, ui);
                    });
            }
        }
        if explorer.preferences.show_results {
            egui::Panel::right("results")
                .resizable(true)
                .default_size(520.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    views::results::ui(explorer, actions_ref, ui);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let plans: Vec<String> = explorer
                .scene()
                .plans
                .iter()
                .map(|p| p.name.clone())
                .collect();
            explorer.view.playback.ui(ui, &plans, length, actions_ref);
            if explorer.view.editor.open {
                views::scene_editor::toolbar_ui(explorer, actions_ref, ui);
            }
            ui.separator();
            if explorer.preferences.show_plots {
                egui::Panel::bottom("plots")
                    .resizable(true)
                    .default_size(270.0)
                    .min_size(120.0)
                    .show(ui, |ui| {
                        views::plots::ui(explorer, ui);
                    });
            }
            views::canvas::ui(explorer, actions_ref, canvas, ui);
        });
        views::compare::ui(explorer, actions_ref, &ctx);
        views::technologies::ui(explorer, actions_ref, &ctx);
        views::language_editor::ui(explorer, actions_ref, &ctx);
        views::modals::ui(explorer, actions_ref, &ctx);
        if let Some(dialog) = &mut self.explorer.view.file_dialog {
            views::modals::file_dialog_ui(dialog, &mut actions, &ctx);
        }
        let explorer = &mut self.explorer;
        explorer.run_commands(&ctx, actions.take());

        // A close from the window manager with unsaved changes asks first.
        if ctx.input(|i| i.viewport().close_requested())
            && explorer.has_unsaved()
            && !explorer.view.quit_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            explorer.view.modal = Some(Modal::ConfirmDiscard(Pending::Quit));
        } else if ctx.input(|i| i.viewport().close_requested()) {
            // A normal quit leaves no recovery copy behind.
            explorer.discard_all_recovery();
        }
        if let Some(shot) = &mut self.screenshot {
            let ready = !explorer.is_busy() && !explorer.wants_pending();
            shot.tick(&ctx, ready);
        }
    }
}

impl eframe::App for LaddersApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_all(ui);
    }

    fn persist_egui_memory(&self) -> bool {
        self.screenshot.is_none()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            eframe::set_value(storage, STORAGE_KEY, &self.explorer.preferences);
        }
    }
}

/// Open the window. With a screenshot requested, the window closes itself after writing it
/// and the result says whether the PNG was written.
pub fn run(startup: Startup) -> anyhow::Result<()> {
    let screenshot = startup.screenshot.is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Ladders")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        persist_window: !screenshot,
        ..Default::default()
    };
    let result = ScreenshotResult::default();
    let app_result = result.clone();
    eframe::run_native(
        "Ladders",
        options,
        Box::new(move |cc| {
            let mut app = LaddersApp::new(cc, startup);
            if let Some(shot) = &mut app.screenshot {
                shot.result = app_result;
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    if !screenshot {
        return Ok(());
    }
    match result.lock().ok().and_then(|r| r.clone()) {
        Some(Ok(())) => Ok(()),
        Some(Err(e)) => Err(anyhow::anyhow!("cannot write the screenshot: {e}")),
        None => Err(anyhow::anyhow!(
            "the window closed before the screenshot was taken"
        )),
    }
}
