//! Plan playback: which plan, which step, playing or not, how fast.

use super::action::{Action, Actions};
use super::command::Command;

/// The playback position.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Index of the plan being played.
    pub plan: usize,
    /// The state shown: 0 is the start, the plan's length its end.
    pub step: usize,
    /// Whether it advances by itself.
    pub playing: bool,
    /// Steps per second.
    pub speed: f32,
    /// Time carried over between frames, in steps.
    carry: f32,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            plan: 0,
            step: 0,
            playing: false,
            speed: 8.0,
            carry: 0.0,
        }
    }
}

impl Playback {
    /// Show plan `plan` from its start.
    pub fn select(&mut self, plan: usize) {
        self.plan = plan;
        self.step = 0;
        self.playing = false;
        self.carry = 0.0;
    }

    /// Keep the position valid after the plans changed.
    pub fn clamp(&mut self, lengths: Vec<usize>) {
        if self.plan >= lengths.len() {
            self.plan = 0;
        }
        self.step = self.step.min(lengths.get(self.plan).copied().unwrap_or(0));
    }

    /// Play, or pause; playing at the end starts over.
    pub fn toggle(&mut self, length: usize) {
        if !self.playing && self.step >= length {
            self.step = 0;
        }
        self.playing = !self.playing;
    }

    /// Move by `delta` steps and pause.
    pub fn step_by(&mut self, delta: i64, length: usize) {
        self.playing = false;
        self.step = (self.step as i64 + delta).clamp(0, length as i64) as usize;
    }

    /// Whether the end of the plan is shown.
    pub fn at_end(&self, length: usize) -> bool {
        self.step >= length
    }

    /// Advance by the time since the last frame; stops at the end.
    pub fn tick(&mut self, seconds: f32, length: usize) {
        if !self.playing {
            return;
        }
        self.carry += seconds * self.speed;
        let whole = self.carry.floor();
        self.carry -= whole;
        self.step = (self.step + whole as usize).min(length);
        if self.step >= length {
            self.playing = false;
        }
    }

    /// The playback bar: plan picker, buttons, step slider and speed; what the user does
    /// becomes actions.
    pub fn ui(&self, ui: &mut egui::Ui, plans: &[String], length: usize, actions: &mut Actions) {
        let ctx = ui.ctx().clone();
        let button = |ui: &mut egui::Ui, text: &str, command: Command| {
            let hint = format!("{} ({})", command.label(), command.shortcut_text(&ctx));
            ui.button(text)
                .on_hover_text(hint)
                .clicked()
                .then_some(command)
        };
        ui.horizontal(|ui| {
            let label = ui.label("Plan");
            let current = plans.get(self.plan).cloned().unwrap_or_default();
            let mut chosen = self.plan;
            egui::ComboBox::from_id_salt("plan")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for (i, name) in plans.iter().enumerate() {
                        ui.selectable_value(&mut chosen, i, name);
                    }
                })
                .response
                .labelled_by(label.id);
            if chosen != self.plan {
                actions.push(Action::SelectPlan(chosen));
            }
            let play = if self.playing { "Pause" } else { "Play" };
            for (text, command) in [
                ("Back", Command::StepBack),
                (play, Command::PlayPause),
                ("Forward", Command::StepForward),
            ] {
                if let Some(command) = button(ui, text, command) {
                    actions.push(command);
                }
            }
            let mut speed = self.speed;
            let slider = egui::Slider::new(&mut speed, 1.0..=60.0)
                .logarithmic(true)
                .text("steps/s");
            if ui.add(slider).changed() {
                actions.push(Action::SetSpeed(speed));
            }
        });
        ui.horizontal(|ui| {
            let mut step = self.step;
            ui.spacing_mut().slider_width = (ui.available_width() - 110.0).max(80.0);
            let slider = egui::Slider::new(&mut step, 0..=length.max(1)).text("step");
            if ui.add_enabled(length > 0, slider).changed() {
                actions.push(Action::SetStep(step));
            }
        });
    }
}
