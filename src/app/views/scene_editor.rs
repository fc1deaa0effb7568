//! The scene editor: the canvas's edit mode (its tool palette, the refusal of the last
//! edit shown under it) and the inspector in the side panel, which edits the scene's name,
//! grid size, budgets and languages, the selected entity or cell, the goal as a tree, and
//! the refraction patterns. Every change is a [`SceneChange`] action; the canvas turns
//! clicks and drags into the same changes.

use super::edit_widgets::{cell_picker, color_picker, committed_text};
use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::measures::Measure;
use ladders_domain::scene::{
    EntityFile, EntityKindFile, RefractionFile, SceneChange, SceneFile, kind_word, placeable_kinds,
    terrain_word,
};
use ladders_domain::world::{Color, Goal, Pos, Terrain};

/// What a click or drag on the canvas does in edit mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Select what is under the pointer; drag an entity (or the agent) to move it.
    #[default]
    Select,
    /// Paint a terrain, click or drag (a stroke is one undo step).
    Paint(Terrain),
    /// Place a new entity of the kind at this index of [`placeable_kinds`].
    Place(usize),
    /// Delete the entity clicked.
    Erase,
    /// Add or remove the clicked mist cell from the selected refraction's droplets.
    Droplets,
}

impl Tool {
    /// The terrains the palette paints: every kind, in the legend's order.
    pub const TERRAINS: [Terrain; 6] = super::canvas::TERRAINS;
}

/// What the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selected {
    /// The entity with this id.
    Entity(String),
    /// A cell.
    Cell(Pos),
    /// The agent's start.
    Agent,
}

/// The editor's view state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditorState {
    /// Whether the canvas is in edit mode.
    pub open: bool,
    /// The tool of the palette.
    pub tool: Tool,
    /// What the inspector shows.
    pub selected: Option<Selected>,
    /// The refraction the droplet tool picks cells for.
    pub refraction: usize,
    /// Why the last edit was refused, shown under the palette until the next edit.
    pub refusal: Option<String>,
}

/// The palette above the canvas, and the last refusal.
pub fn toolbar_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let state = &explorer.view.editor;
    let mut next = state.clone();
    let file = explorer.work.document.document().get();
    ui.horizontal_wrapped(|ui| {
        ui.strong("Edit");
        ui.selectable_value(&mut next.tool, Tool::Select, "Select")
            .on_hover_text("Click to inspect; drag an entity or the agent to move it");
        for t in Tool::TERRAINS {
            ui.selectable_value(&mut next.tool, Tool::Paint(t), capitalised(terrain_word(t)))
                .on_hover_text(format!("Paint {}: click or drag", terrain_word(t)));
        }
        ui.selectable_value(&mut next.tool, Tool::Erase, "Erase")
            .on_hover_text("Click an entity to delete it");
        let droplets = !file.refractions.is_empty();
        ui.add_enabled_ui(droplets, |ui| {
            ui.selectable_value(&mut next.tool, Tool::Droplets, "Droplets")
                .on_hover_text("Click mist cells to add them to (or remove them from) the selected refraction pattern");
        });
        if ui
            .button("Done")
            .on_hover_text(format!(
                "Leave edit mode ({})",
                Command::ToggleEditor.shortcut_text(ui.ctx())
            ))
            .clicked()
        {
            actions.push(Command::ToggleEditor);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("Place");
        for (i, kind) in placeable_kinds(file).iter().enumerate() {
            ui.selectable_value(
                &mut next.tool,
                Tool::Place(i),
                format!("+{}", kind_word(kind)),
            )
            .on_hover_text(format!("Place a {}: click a free cell", kind_word(kind)));
        }
    });
    match &state.refusal {
        Some(why) => {
            ui.colored_label(ui.visuals().error_fg_color, format!("Refused: {why}"));
        }
        None => {
            ui.weak("Edits are checked as you make them; an invalid one is refused and says why here. Ctrl+Z undoes.");
        }
    }
    if next != *state {
        next.refusal = None;
        actions.push(Action::SetEditor(Box::new(next)));
    }
}

/// The inspector: the scene, the selection, the goal, the refractions, the plans.
pub fn inspector_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    let file = explorer.work.document.document().get();
    egui::CollapsingHeader::new("Scene")
        .default_open(true)
        .show(ui, |ui| scene_ui(explorer, actions, ui, file));
    egui::CollapsingHeader::new("Selection")
        .default_open(true)
        .show(ui, |ui| selection_ui(explorer, actions, ui, file));
    egui::CollapsingHeader::new("Goal")
        .default_open(true)
        .show(ui, |ui| {
            let mut goal = file.goal.clone();
            let ids: Vec<String> = file.entities.iter().map(|e| e.id.clone()).collect();
            if goal_ui(ui, &mut goal, &ids, 0, &mut vec![]) {
                actions.push(Action::EditScene(SceneChange::SetGoal(goal)));
            }
        });
    egui::CollapsingHeader::new("Refractions").show(ui, |ui| {
        refractions_ui(explorer, actions, ui, file);
    });
    egui::CollapsingHeader::new("Plans")
        .default_open(true)
        .show(ui, |ui| super::plan_editor::ui(explorer, actions, ui));
}

/// `word` with a capital first letter: the palette's names, apart from the legend's.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn edit(actions: &mut Actions, change: SceneChange) {
    actions.push(Action::EditScene(change));
}

fn scene_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, file: &SceneFile) {
    if let Some(name) = committed_text(ui, "Name", &file.name, false) {
        edit(actions, SceneChange::SetName(name));
    }
    if let Some(text) = committed_text(ui, "Description", &file.description, true) {
        edit(actions, SceneChange::SetDescription(text));
    }
    let width = file.grid.first().map_or(0, |r| r.chars().count());
    let height = file.grid.len();
    // The size is typed, then applied: a grid resized on every drag frame would refuse
    // and accept by turns as entities fell outside.
    let id = ui.make_persistent_id("resize");
    let (mut w, mut h) = ui
        .data(|d| d.get_temp::<(usize, usize)>(id))
        .unwrap_or((width, height));
    let max = ladders_domain::scene::MAX_GRID_SIDE;
    ui.horizontal(|ui| {
        let wide = ui.label("Grid width");
        ui.add(egui::DragValue::new(&mut w).range(1..=max))
            .labelled_by(wide.id);
        let high = ui.label("height");
        ui.add(egui::DragValue::new(&mut h).range(1..=max))
            .labelled_by(high.id);
        let differs = (w, h) != (width, height);
        if ui
            .add_enabled(differs, egui::Button::new("Resize"))
            .clicked()
        {
            edit(
                actions,
                SceneChange::Resize {
                    width: w,
                    height: h,
                },
            );
            ui.data_mut(|d| d.remove::<(usize, usize)>(id));
        } else if differs {
            ui.data_mut(|d| d.insert_temp(id, (w, h)));
        }
    });
    ui.label("Budgets");
    for measure in Measure::budgeted() {
        let key = measure.key().to_owned();
        let current = file.budgets.get(&key).copied();
        ui.horizontal(|ui| {
            let mut on = current.is_some();
            let toggled = ui.checkbox(&mut on, measure.label()).changed();
            if toggled {
                let bits = on.then_some(ladders_domain::scene::DEFAULT_EFFECT_BUDGET);
                edit(
                    actions,
                    SceneChange::SetBudget {
                        measure: key.clone(),
                        bits,
                    },
                );
            }
            if let Some(mut bits) = current {
                let r = ui.add(
                    egui::DragValue::new(&mut bits)
                        .range(0.0..=1000.0)
                        .speed(0.1)
                        .suffix(" bits"),
                );
                if r.drag_started() {
                    actions.push(Action::BeginEdit(format!("{key} budget")));
                }
                if r.changed() {
                    edit(
                        actions,
                        SceneChange::SetBudget {
                            measure: key.clone(),
                            bits: Some(bits),
                        },
                    );
                }
                if r.drag_stopped() {
                    actions.push(Action::EndEdit);
                }
            }
        });
    }
    let languages = file.languages.join(", ");
    if let Some(text) = committed_text(ui, "Languages", &languages, false) {
        let names = text
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect();
        edit(actions, SceneChange::SetLanguages(names));
    }
    let _ = explorer;
}

fn selection_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, file: &SceneFile) {
    let size = (
        explorer.scene().world.grid.width(),
        explorer.scene().world.grid.height(),
    );
    match &explorer.view.editor.selected {
        None => {
            ui.weak("Click a cell, an entity or the agent on the canvas (Select tool).");
        }
        Some(Selected::Agent) => {
            ui.label("The agent's start");
            let (moved, _) = cell_picker(ui, "At", file.agent, size);
            if let Some(p) = moved {
                edit(actions, SceneChange::MoveAgent(p));
            }
        }
        Some(Selected::Cell(p)) => {
            let terrain = explorer.scene().world.grid.terrain(*p);
            ui.label(format!("Cell {p}: {}", terrain_word(terrain)));
            ui.horizontal_wrapped(|ui| {
                for t in Tool::TERRAINS {
                    if ui.selectable_label(t == terrain, terrain_word(t)).clicked() && t != terrain
                    {
                        edit(
                            actions,
                            SceneChange::PaintTerrain {
                                cells: vec![*p],
                                terrain: t,
                            },
                        );
                    }
                }
            });
        }
        Some(Selected::Entity(id)) => match file.entities.iter().find(|e| e.id == *id) {
            Some(entity) => entity_ui(actions, ui, file, entity, size),
            None => {
                ui.weak(format!("`{id}` is gone."));
            }
        },
    }
}

/// Every variable of an entity with its widget; a change replaces the entity.
fn entity_ui(
    actions: &mut Actions,
    ui: &mut egui::Ui,
    file: &SceneFile,
    entity: &EntityFile,
    size: (i32, i32),
) {
    let mut next = entity.clone();
    let word = kind_word(&entity.kind);
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    ui.label(format!("{article} {word}"));
    if let Some(id) = committed_text(ui, "Id", &entity.id, false) {
        next.id = id;
    }
    let (moved, _) = cell_picker(ui, "At", entity.at, size);
    if let Some(p) = moved {
        next.at = p;
    }
    let observers: Vec<&str> = file
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKindFile::Observer { .. }))
        .map(|e| e.id.as_str())
        .collect();
    let technologies: Vec<&str> = file.technologies.keys().map(String::as_str).collect();
    match &mut next.kind {
        EntityKindFile::Car { paint } => {
            if let Some(c) = color_picker(ui, "Paint", *paint) {
                *paint = c;
            }
        }
        EntityKindFile::PaintShop { color } => {
            if let Some(c) = color_picker(ui, "Sells", *color) {
                *color = c;
            }
        }
        EntityKindFile::Projector {
            color,
            radius,
            on,
            aim,
        } => {
            if let Some(c) = color_picker(ui, "Light", *color) {
                *color = c;
            }
            ui.horizontal(|ui| {
                let l = ui.label("Radius");
                ui.add(
                    egui::DragValue::new(radius)
                        .range(0..=ladders_domain::scene::MAX_PROJECTOR_RADIUS),
                )
                .labelled_by(l.id);
            });
            ui.checkbox(on, "On at the start");
            let mut aimed = aim.is_some();
            ui.checkbox(&mut aimed, "Aimed at the start");
            match (aimed, *aim) {
                (true, Some(p)) => {
                    if let (Some(p), _) = cell_picker(ui, "Aim", p, size) {
                        *aim = Some(p);
                    }
                }
                (true, None) => *aim = Some(entity.at),
                (false, _) => *aim = None,
            }
        }
        EntityKindFile::NeuralInterface { subject } => {
            pick(ui, "Wired to", subject, &observers);
        }
        EntityKindFile::Observer { percept } => {
            let mut has = percept.is_some();
            ui.checkbox(&mut has, "Already perceives a colour");
            match (has, *percept) {
                (true, Some(c)) => {
                    if let Some(c) = color_picker(ui, "Percept", c) {
                        *percept = Some(c);
                    }
                }
                (true, None) => *percept = Some(Color::Pink),
                (false, _) => *percept = None,
            }
        }
        EntityKindFile::Box | EntityKindFile::Vase | EntityKindFile::Sushi => {}
        EntityKindFile::Lab { develops, work } => {
            pick(ui, "Develops", develops, &technologies);
            ui.horizontal(|ui| {
                let l = ui.label("Work steps");
                ui.add(egui::DragValue::new(work).range(1..=ladders_domain::world::MAX_LAB_WORK))
                    .labelled_by(l.id);
            });
        }
    }
    let mut requires = next.requires.clone().unwrap_or_default();
    let mut options = vec![""];
    options.extend(technologies.iter().copied());
    pick(ui, "Needs technology", &mut requires, &options);
    next.requires = (!requires.is_empty()).then_some(requires);
    if next != *entity {
        edit(
            actions,
            SceneChange::SetEntity {
                id: entity.id.clone(),
                entity: next,
            },
        );
    }
    if ui.button("Delete entity").clicked() {
        edit(actions, SceneChange::DeleteEntity(entity.id.clone()));
    }
}

/// A labelled drop-down over names (`""` shows as "none").
fn pick(ui: &mut egui::Ui, label: &str, value: &mut String, names: &[&str]) {
    let shown = |n: &str| {
        if n.is_empty() {
            "none".to_owned()
        } else {
            n.to_owned()
        }
    };
    egui::ComboBox::from_label(label)
        .selected_text(shown(value))
        .show_ui(ui, |ui| {
            for n in names {
                ui.selectable_value(value, (*n).to_owned(), shown(n));
            }
        });
}

const GOAL_KINDS: [&str; 6] = ["Perceives", "AgentAt", "Intact", "And", "Or", "Not"];

fn goal_kind(goal: &Goal<String>) -> &'static str {
    match goal {
        Goal::Perceives { .. } => "Perceives",
        Goal::AgentAt(_) => "AgentAt",
        Goal::Intact(_) => "Intact",
        Goal::And(_) => "And",
        Goal::Or(_) => "Or",
        Goal::Not(_) => "Not",
    }
}

/// A part of the goal of another kind, keeping what it can.
fn goal_of_kind(kind: &str, from: &Goal<String>, ids: &[String]) -> Goal<String> {
    let first = ids.first().cloned().unwrap_or_default();
    let second = ids.get(1).cloned().unwrap_or_else(|| first.clone());
    let parts = match from {
        Goal::And(p) | Goal::Or(p) => p.clone(),
        Goal::Not(p) => vec![(**p).clone()],
        other => vec![other.clone()],
    };
    match kind {
        "Perceives" => Goal::Perceives {
            observer: first,
            target: second,
            color: Color::Pink,
        },
        "AgentAt" => Goal::AgentAt(Pos::new(0, 0)),
        "Intact" => Goal::Intact(first),
        "And" => Goal::And(parts),
        "Or" => Goal::Or(parts),
        _ => Goal::Not(Box::new(
            parts.into_iter().next().unwrap_or(Goal::And(Vec::new())),
        )),
    }
}

/// The goal as a tree of parts, each with its kind and fields; returns whether it changed.
/// `path` keeps the widgets of each part apart.
fn goal_ui(
    ui: &mut egui::Ui,
    goal: &mut Goal<String>,
    ids: &[String],
    depth: usize,
    path: &mut Vec<usize>,
) -> bool {
    let mut changed = false;
    ui.push_id(path.clone(), |ui| {
        ui.horizontal_wrapped(|ui| {
            let mut kind = goal_kind(goal);
            egui::ComboBox::from_label("part")
                .width(90.0)
                .selected_text(kind)
                .show_ui(ui, |ui| {
                    for k in GOAL_KINDS {
                        ui.selectable_value(&mut kind, k, k);
                    }
                });
            if kind != goal_kind(goal) {
                *goal = goal_of_kind(kind, goal, ids);
                changed = true;
            }
            let names: Vec<&str> = ids.iter().map(String::as_str).collect();
            match goal {
                Goal::Perceives {
                    observer,
                    target,
                    color,
                } => {
                    let (o, t) = (observer.clone(), target.clone());
                    pick(ui, "sees", observer, &names);
                    pick(ui, "as", target, &names);
                    if let Some(c) = color_picker(ui, "colour", *color) {
                        *color = c;
                        changed = true;
                    }
                    changed |= *observer != o || *target != t;
                }
                Goal::AgentAt(p) => {
                    let (moved, _) = cell_picker(
                        ui,
                        "cell",
                        *p,
                        (
                            ladders_domain::scene::MAX_GRID_SIDE as i32,
                            ladders_domain::scene::MAX_GRID_SIDE as i32,
                        ),
                    );
                    if let Some(m) = moved {
                        *p = m;
                        changed = true;
                    }
                }
                Goal::Intact(e) => {
                    let before = e.clone();
                    pick(ui, "entity", e, &names);
                    changed |= *e != before;
                }
                _ => {}
            }
        });
        // Deeper parts than the scene may have are not offered.
        let room = depth + 1 < ladders_domain::scene::MAX_GOAL_DEPTH;
        ui.indent("parts", |ui| match goal {
            Goal::And(parts) | Goal::Or(parts) => {
                let mut remove = None;
                for (i, part) in parts.iter_mut().enumerate() {
                    path.push(i);
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("−")
                            .on_hover_text("Remove this part")
                            .clicked()
                        {
                            remove = Some(i);
                        }
                        ui.vertical(|ui| changed |= goal_ui(ui, part, ids, depth + 1, path));
                    });
                    path.pop();
                }
                if let Some(i) = remove {
                    parts.remove(i);
                    changed = true;
                }
                if room && ui.small_button("Add a part").clicked() {
                    parts.push(Goal::AgentAt(Pos::new(0, 0)));
                    changed = true;
                }
            }
            Goal::Not(part) => {
                path.push(0);
                changed |= goal_ui(ui, part, ids, depth + 1, path);
                path.pop();
            }
            _ => {}
        });
    });
    changed
}

fn refractions_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, file: &SceneFile) {
    let names: Vec<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    let selected = explorer.view.editor.refraction;
    for (i, r) in file.refractions.iter().enumerate() {
        ui.push_id(("refraction", i), |ui| {
            let mut next = r.clone();
            ui.horizontal(|ui| {
                let mut state = explorer.view.editor.clone();
                if ui
                    .radio(i == selected, format!("Pattern {i}"))
                    .on_hover_text("The droplet tool picks cells for this one")
                    .clicked()
                {
                    state.refraction = i;
                    state.tool = Tool::Droplets;
                    actions.push(Action::SetEditor(Box::new(state)));
                }
                if ui
                    .small_button("−")
                    .on_hover_text("Remove this pattern")
                    .clicked()
                {
                    edit(actions, SceneChange::RemoveRefraction(i));
                }
            });
            pick(ui, "Observer", &mut next.observer, &names);
            pick(ui, "Target", &mut next.target, &names);
            if let Some(c) = color_picker(ui, "Looks", next.color) {
                next.color = c;
            }
            ui.weak(format!(
                "{} droplets: pick them with the Droplets tool",
                r.droplets.len()
            ));
            if next != *r {
                edit(actions, SceneChange::SetRefraction(i, next));
            }
        });
    }
    if ui.button("Add a refraction pattern").clicked() {
        let id = |k: fn(&EntityKindFile) -> bool| {
            file.entities
                .iter()
                .find(|e| k(&e.kind))
                .map(|e| e.id.clone())
                .unwrap_or_default()
        };
        edit(
            actions,
            SceneChange::AddRefraction(RefractionFile {
                observer: id(|k| matches!(k, EntityKindFile::Observer { .. })),
                target: id(|k| matches!(k, EntityKindFile::Car { .. })),
                color: Color::Pink,
                droplets: Vec::new(),
            }),
        );
    }
}
