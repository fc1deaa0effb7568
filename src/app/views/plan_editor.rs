//! The plan editor: the scene's plans (new, name, describe, duplicate, reorder, delete),
//! the selected plan's steps as a list (insert, delete, drag to reorder, change an
//! action's direction or argument), and the recorder that writes a plan from the keyboard.

use super::edit_widgets::{cell_picker, color_picker, committed_text, dir_picker};
use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::scene::{Plan, SceneChange, fresh_name};
use ladders_domain::world::{Action as Step, Color, Dir, Pos};

/// What an arrow key does while recording.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Interaction {
    /// Step that way.
    #[default]
    Move,
    /// Take paint from the dispenser on that side.
    Take,
    /// Apply the held paint to that side.
    Apply,
    /// Switch the device on that side.
    Toggle,
    /// Condense a droplet on that side.
    Place,
    /// Work at the site on that side.
    Work,
    /// Set the colour of the device (or mind, through an interface) on that side.
    Set,
    /// Aim the device on that side at the recorder's cell.
    Aim,
}

impl Interaction {
    /// The key that chooses each interaction while recording.
    pub const KEYS: [(egui::Key, Interaction); 8] = [
        (egui::Key::G, Interaction::Move),
        (egui::Key::T, Interaction::Take),
        (egui::Key::A, Interaction::Apply),
        (egui::Key::O, Interaction::Toggle),
        (egui::Key::P, Interaction::Place),
        (egui::Key::W, Interaction::Work),
        (egui::Key::C, Interaction::Set),
        (egui::Key::M, Interaction::Aim),
    ];

    /// Its name.
    pub fn label(self) -> &'static str {
        match self {
            Interaction::Move => "move",
            Interaction::Take => "take",
            Interaction::Apply => "apply",
            Interaction::Toggle => "toggle",
            Interaction::Place => "place",
            Interaction::Work => "work",
            Interaction::Set => "set colour",
            Interaction::Aim => "aim",
        }
    }
}

/// The recorder: which plan it writes and what the next arrow does.
#[derive(Clone, Debug, PartialEq)]
pub struct RecorderState {
    /// The plan being recorded, if recording.
    pub plan: Option<usize>,
    /// What the next arrow does.
    pub interaction: Interaction,
    /// The colour a Set step writes.
    pub color: Color,
    /// The cell an Aim step points at.
    pub aim: Pos,
}

impl Default for RecorderState {
    fn default() -> Self {
        Self {
            plan: None,
            interaction: Interaction::Move,
            color: Color::Pink,
            aim: Pos::new(0, 0),
        }
    }
}

impl RecorderState {
    /// The step an arrow towards `dir` records.
    pub fn step(&self, dir: Dir) -> Step {
        match self.interaction {
            Interaction::Move => Step::Move(dir),
            Interaction::Take => Step::Take(dir),
            Interaction::Apply => Step::Apply(dir),
            Interaction::Toggle => Step::Toggle(dir),
            Interaction::Place => Step::Place(dir),
            Interaction::Work => Step::Work(dir),
            Interaction::Set => Step::Set(dir, self.color),
            Interaction::Aim => Step::Aim(dir, self.aim),
        }
    }
}

/// The kinds of step, in the step list's picker.
const KINDS: [&str; 9] = [
    "Noop", "Move", "Take", "Apply", "Toggle", "Aim", "Set", "Place", "Work",
];

fn kind_of(step: Step) -> &'static str {
    match step {
        Step::Noop => "Noop",
        Step::Move(_) => "Move",
        Step::Take(_) => "Take",
        Step::Apply(_) => "Apply",
        Step::Toggle(_) => "Toggle",
        Step::Aim(..) => "Aim",
        Step::Set(..) => "Set",
        Step::Place(_) => "Place",
        Step::Work(_) => "Work",
    }
}

fn dir_of(step: Step) -> Option<Dir> {
    match step {
        Step::Noop => None,
        Step::Move(d)
        | Step::Take(d)
        | Step::Apply(d)
        | Step::Toggle(d)
        | Step::Aim(d, _)
        | Step::Set(d, _)
        | Step::Place(d)
        | Step::Work(d) => Some(d),
    }
}

/// A step of another kind, keeping its direction and argument where it has them.
fn with_kind(step: Step, kind: &str) -> Step {
    let d = dir_of(step).unwrap_or(Dir::E);
    let color = match step {
        Step::Set(_, c) => c,
        _ => Color::Pink,
    };
    let at = match step {
        Step::Aim(_, p) => p,
        _ => Pos::new(0, 0),
    };
    match kind {
        "Move" => Step::Move(d),
        "Take" => Step::Take(d),
        "Apply" => Step::Apply(d),
        "Toggle" => Step::Toggle(d),
        "Aim" => Step::Aim(d, at),
        "Set" => Step::Set(d, color),
        "Place" => Step::Place(d),
        "Work" => Step::Work(d),
        _ => Step::Noop,
    }
}

fn with_dir(step: Step, d: Dir) -> Step {
    match step {
        Step::Noop => Step::Noop,
        Step::Move(_) => Step::Move(d),
        Step::Take(_) => Step::Take(d),
        Step::Apply(_) => Step::Apply(d),
        Step::Toggle(_) => Step::Toggle(d),
        Step::Aim(_, p) => Step::Aim(d, p),
        Step::Set(_, c) => Step::Set(d, c),
        Step::Place(_) => Step::Place(d),
        Step::Work(_) => Step::Work(d),
    }
}

/// Draw the plans and the selected plan's steps.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let scene = explorer.scene();
    let selected = explorer.view.playback.plan;
    let edit = |actions: &mut Actions, change: SceneChange| actions.push(Action::EditScene(change));
    ui.horizontal_wrapped(|ui| {
        if ui.button("New plan").clicked() {
            let name = fresh_name("plan", |n| scene.plans.iter().any(|p| p.name == n));
            edit(
                actions,
                SceneChange::AddPlan(Plan {
                    name,
                    description: String::new(),
                    actions: Vec::new(),
                }),
            );
            actions.push(Action::SelectPlan(scene.plans.len()));
        }
        let recording = explorer.view.recorder.plan.is_some();
        let record = if recording { "Stop recording" } else { "Record a plan" };
        let tip = format!(
            "{} ({}): arrows move; T take, A apply, O toggle, P place, W work, C set colour, M aim, then an arrow for the side; N waits; Backspace takes a step back; Esc stops",
            Command::RecordPlan.label(),
            Command::RecordPlan.shortcut_text(ui.ctx())
        );
        if ui.selectable_label(recording, record).on_hover_text(tip).clicked() {
            actions.push(Command::RecordPlan);
        }
    });
    if let Some(plan) = explorer.view.recorder.plan {
        recorder_ui(explorer, actions, ui, plan);
    }
    for (i, plan) in scene.plans.iter().enumerate() {
        let n = plan.actions.len();
        let text = format!("{} ({n} step{})", plan.name, if n == 1 { "" } else { "s" });
        if ui.selectable_label(i == selected, text).clicked() && i != selected {
            actions.push(Action::SelectPlan(i));
        }
    }
    let Some(plan) = scene.plans.get(selected) else {
        ui.weak("No plan selected.");
        return;
    };
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        if ui.button("Duplicate").clicked() {
            edit(actions, SceneChange::DuplicatePlan(selected));
        }
        if ui
            .add_enabled(selected > 0, egui::Button::new("Move up"))
            .clicked()
        {
            edit(
                actions,
                SceneChange::MovePlan {
                    from: selected,
                    to: selected - 1,
                },
            );
            actions.push(Action::SelectPlan(selected - 1));
        }
        let last = scene.plans.len().saturating_sub(1);
        if ui
            .add_enabled(selected < last, egui::Button::new("Move down"))
            .clicked()
        {
            edit(
                actions,
                SceneChange::MovePlan {
                    from: selected,
                    to: selected + 1,
                },
            );
            actions.push(Action::SelectPlan(selected + 1));
        }
        if ui.button("Delete plan").clicked() {
            edit(actions, SceneChange::RemovePlan(selected));
        }
    });
    if let Some(name) = committed_text(ui, "Plan name", &plan.name, false) {
        let mut edited = plan.clone();
        edited.name = name;
        edit(actions, SceneChange::SetPlan(selected, edited));
    }
    if let Some(text) = committed_text(ui, "Plan description", &plan.description, true) {
        let mut edited = plan.clone();
        edited.description = text;
        edit(actions, SceneChange::SetPlan(selected, edited));
    }
    steps_ui(explorer, actions, ui, selected, plan);
}

fn recorder_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, plan: usize) {
    let recorder = &explorer.view.recorder;
    let name = explorer
        .scene()
        .plans
        .get(plan)
        .map_or("", |p| p.name.as_str());
    ui.colored_label(
        egui::Color32::from_rgb(200, 40, 40),
        format!(
            "• Recording {name}: the next arrow will {}",
            recorder.interaction.label()
        ),
    );
    let mut next = recorder.clone();
    ui.horizontal_wrapped(|ui| {
        for (_, interaction) in Interaction::KEYS {
            ui.selectable_value(&mut next.interaction, interaction, interaction.label());
        }
    });
    ui.horizontal(|ui| {
        if let Some(c) = color_picker(ui, "Set colour", next.color) {
            next.color = c;
        }
    });
    let world = &explorer.scene().world;
    let (aim, _) = cell_picker(
        ui,
        "Aim at",
        next.aim,
        (world.grid.width(), world.grid.height()),
    );
    if let Some(p) = aim {
        next.aim = p;
    }
    if next != *recorder {
        actions.push(Action::SetRecorder(Box::new(next)));
    }
}

/// The steps of one plan, one row each; rows drag to reorder.
fn steps_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    ui: &mut egui::Ui,
    index: usize,
    plan: &Plan,
) {
    ui.strong(format!("Steps of {}", plan.name));
    let world = &explorer.scene().world;
    let size = (world.grid.width(), world.grid.height());
    let mut edited: Option<Vec<Step>> = None;
    let mut steps = plan.actions.clone();
    let row_height = ui.spacing().interact_size.y + 4.0;
    let mut moved: Option<(usize, usize)> = None;
    egui::ScrollArea::vertical()
        .id_salt("plan_steps")
        .max_height(320.0)
        .show_rows(ui, row_height, steps.len() + 1, |ui, rows| {
            for k in rows {
                if k == steps.len() {
                    if ui.button("Add a step").clicked() {
                        steps.push(Step::Noop);
                        edited = Some(steps.clone());
                    }
                    continue;
                }
                let row = ui.horizontal(|ui| {
                    let handle_id = egui::Id::unique(("step", index, k));
                    let handle = ui
                        .dnd_drag_source(handle_id, k, |ui| {
                            ui.label("=");
                        })
                        .response
                        .on_hover_text("Drag to move this step onto another's handle");
                    // A step dropped on this handle moves here.
                    if let Some(from) = handle.dnd_release_payload::<usize>() {
                        moved = Some((*from, k));
                    }
                    let step = steps[k];
                    let mut kind = kind_of(step);
                    egui::ComboBox::from_label(format!("step {k}"))
                        .width(70.0)
                        .selected_text(kind)
                        .show_ui(ui, |ui| {
                            for name in KINDS {
                                ui.selectable_value(&mut kind, name, name);
                            }
                        });
                    if kind != kind_of(step) {
                        steps[k] = with_kind(step, kind);
                        edited = Some(steps.clone());
                    }
                    if let Some(d) = dir_of(steps[k]) {
                        ui.push_id(("dir", k), |ui| {
                            if let Some(d) = dir_picker(ui, "side", d) {
                                steps[k] = with_dir(steps[k], d);
                                edited = Some(steps.clone());
                            }
                        });
                    }
                    match steps[k] {
                        Step::Set(d, c) => {
                            ui.push_id(("colour", k), |ui| {
                                if let Some(c) = color_picker(ui, "colour", c) {
                                    steps[k] = Step::Set(d, c);
                                    edited = Some(steps.clone());
                                }
                            });
                        }
                        Step::Aim(d, p) => {
                            ui.push_id(("aim", k), |ui| {
                                if let (Some(p), _) = cell_picker(ui, "at", p, size) {
                                    steps[k] = Step::Aim(d, p);
                                    edited = Some(steps.clone());
                                }
                            });
                        }
                        _ => {}
                    }
                    if ui
                        .small_button("+")
                        .on_hover_text("Insert a step after this one")
                        .clicked()
                    {
                        steps.insert(k + 1, Step::Noop);
                        edited = Some(steps.clone());
                    }
                    if ui
                        .small_button("−")
                        .on_hover_text("Delete this step")
                        .clicked()
                    {
                        steps.remove(k);
                        edited = Some(steps.clone());
                    }
                });
                if let Some(from) = row.response.dnd_release_payload::<usize>() {
                    moved = Some((*from, k));
                }
                if k >= steps.len() {
                    break;
                }
            }
        });
    if let Some((from, to)) = moved
        && from != to
        && from < steps.len()
        && to < steps.len()
    {
        let step = steps.remove(from);
        steps.insert(to, step);
        edited = Some(steps);
    }
    if let Some(actions_now) = edited {
        let mut plan = plan.clone();
        plan.actions = actions_now;
        actions.push(Action::EditScene(SceneChange::SetPlan(index, plan)));
    }
}
