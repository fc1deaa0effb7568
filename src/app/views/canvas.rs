//! The grid canvas: terrain, light, droplets, entities, the agent and the observers' lines
//! of sight at the playback step, with pan, zoom and fit-to-view. Grid cells are
//! `CELL` units wide in the canvas's own coordinates.

use super::legend::{self, Entry, Mark};
use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use crate::app::preferences::Layers;
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};
use ladders_domain::world::{Color, EntityKind, EntityState, Pos, State, Terrain, Var, World};

/// Size of a grid cell in canvas units.
const CELL: f32 = 32.0;
/// Outline of variables the plan changed.
pub const CHANGED: Color32 = Color32::from_rgb(255, 140, 0);
const AGENT: Color32 = Color32::from_rgb(50, 170, 90);
const DROPLET: Color32 = Color32::from_rgb(40, 110, 200);
const RING: Color32 = Color32::from_rgb(120, 150, 200);
const SIGHT: Color32 = Color32::from_rgb(120, 60, 160);
/// Outline of what the editor's inspector shows.
const SELECTED: Color32 = Color32::from_rgb(20, 120, 255);
/// Every terrain kind, in the legend's order.
pub const TERRAINS: [Terrain; 6] = [
    Terrain::Floor,
    Terrain::Wall,
    Terrain::Mist,
    Terrain::Goal,
    Terrain::Belt,
    Terrain::BeltEnd,
];

fn terrain_color(terrain: Terrain) -> Color32 {
    match terrain {
        Terrain::Floor => Color32::from_rgb(236, 230, 214),
        Terrain::Wall => Color32::from_rgb(70, 70, 78),
        Terrain::Mist => Color32::from_rgb(205, 225, 240),
        Terrain::Goal => Color32::from_rgb(150, 215, 140),
        Terrain::Belt => Color32::from_rgb(190, 185, 170),
        Terrain::BeltEnd => Color32::from_rgb(150, 140, 120),
    }
}

fn terrain_name(terrain: Terrain) -> &'static str {
    match terrain {
        Terrain::Floor => "floor",
        Terrain::Wall => "wall",
        Terrain::Mist => "mist",
        Terrain::Goal => "goal",
        Terrain::Belt => "belt",
        Terrain::BeltEnd => "end of the belt",
    }
}

fn color32(c: Color) -> Color32 {
    let [r, g, b] = c.rgb();
    Color32::from_rgb(r, g, b)
}

fn canvas_from_grid(p: Pos) -> Rect {
    Rect::from_min_size(pos2(p.x as f32, p.y as f32) * CELL, Vec2::splat(CELL))
}

fn grid_from_canvas(p: Pos2) -> Pos {
    Pos::new((p.x / CELL).floor() as i32, (p.y / CELL).floor() as i32)
}

/// The canvas's pan and zoom: screen-only state the canvas keeps itself.
#[derive(Debug, Default)]
pub struct CanvasView {
    /// The visible region in grid units; `None` fits the grid to the view.
    rect: Option<Rect>,
    /// The explorer's fit request last honoured.
    fitted: u64,
    /// The drag under way in edit mode.
    stroke: Option<EditDrag>,
    /// Where the grid was drawn on screen last frame.
    grid_on_screen: Option<Rect>,
    /// The cell the primary button went down on, while it is down.
    pressed_at: Option<Pos>,
}

impl CanvasView {
    /// Where the grid was drawn on screen in the last frame (tests aim clicks with it).
    pub fn grid_on_screen(&self) -> Option<Rect> {
        self.grid_on_screen
    }
}

/// A drag in edit mode: its last cell, and what it moves (an entity's id, or the agent),
/// if it moves something rather than painting.
#[derive(Debug)]
struct EditDrag {
    last: Pos,
    moving: Option<Moving>,
}

#[derive(Debug, Clone)]
enum Moving {
    Entity(String),
    Agent,
}

/// The cells on the way from `a` to `b`, `b` included and `a` not, so that a fast drag
/// paints a line and not dots.
fn cells_between(a: Pos, b: Pos) -> Vec<Pos> {
    let steps = (b.x - a.x).abs().max((b.y - a.y).abs());
    (1..=steps)
        .map(|k| {
            let t = k as f32 / steps as f32;
            Pos::new(
                (a.x as f32 + (b.x - a.x) as f32 * t).round() as i32,
                (a.y as f32 + (b.y - a.y) as f32 * t).round() as i32,
            )
        })
        .collect()
}

/// Turn the clicks and drags of edit mode into scene changes, by the palette's tool.
fn edit_input(
    explorer: &Explorer,
    actions: &mut Actions,
    canvas: &mut CanvasView,
    response: &egui::Response,
) {
    use super::scene_editor::{Selected, Tool};
    use ladders_domain::scene::{SceneChange, new_entity, placeable_kinds};
    let world = &explorer.scene().world;
    let file = explorer.work.document.document().get();
    let Some(pointer) = response.interact_pointer_pos().or(response.hover_pos()) else {
        return;
    };
    let cell = grid_from_canvas(pointer);
    let inside = world.grid.contains(cell);
    let tool = explorer.view.editor.tool;
    let occupant = file
        .entities
        .iter()
        .find(|e| e.at == cell)
        .map(|e| e.id.clone());
    let mut state = explorer.view.editor.clone();
    let edit = |actions: &mut Actions, change: SceneChange| actions.push(Action::EditScene(change));
    // A drag is recognised only once the pointer has moved a few pixels, perhaps into
    // another cell: it starts where the button went down.
    if response.is_pointer_button_down_on() {
        canvas.pressed_at.get_or_insert(cell);
    } else if !response.dragged() {
        canvas.pressed_at = None;
    }
    if response.drag_started() && inside {
        let origin = canvas
            .pressed_at
            .filter(|p| world.grid.contains(*p))
            .unwrap_or(cell);
        let at_origin = file
            .entities
            .iter()
            .find(|e| e.at == origin)
            .map(|e| e.id.clone());
        let moving = match (tool, &at_origin) {
            (Tool::Select, Some(id)) => Some(Moving::Entity(id.clone())),
            (Tool::Select, None) if file.agent == origin => Some(Moving::Agent),
            _ => None,
        };
        let label = match (&moving, tool) {
            (Some(Moving::Entity(id)), _) => Some(format!("move {id}")),
            (Some(Moving::Agent), _) => Some("move the agent".to_owned()),
            (None, Tool::Paint(t)) => {
                Some(format!("paint {}", ladders_domain::scene::terrain_word(t)))
            }
            _ => None,
        };
        if let Some(label) = label {
            actions.push(Action::BeginEdit(label));
        }
        if let (None, Tool::Paint(terrain)) = (&moving, tool) {
            edit(
                actions,
                SceneChange::PaintTerrain {
                    cells: vec![origin],
                    terrain,
                },
            );
        }
        // The frame's move from the origin is made below, as every later one is.
        canvas.stroke = Some(EditDrag {
            last: origin,
            moving,
        });
    }
    if (response.drag_started() || response.dragged())
        && let Some(stroke) = &mut canvas.stroke
        && stroke.last != cell
        && inside
    {
        match (&stroke.moving, tool) {
            (Some(Moving::Entity(id)), _) => {
                edit(
                    actions,
                    SceneChange::MoveEntity {
                        id: id.clone(),
                        to: cell,
                    },
                );
                state.selected = Some(Selected::Entity(id.clone()));
            }
            (Some(Moving::Agent), _) => edit(actions, SceneChange::MoveAgent(cell)),
            (None, Tool::Paint(terrain)) => edit(
                actions,
                SceneChange::PaintTerrain {
                    cells: cells_between(stroke.last, cell),
                    terrain,
                },
            ),
            _ => {}
        }
        stroke.last = cell;
    }
    if response.drag_stopped() {
        canvas.stroke = None;
        actions.push(Action::EndEdit);
    }
    if response.clicked() && inside {
        match tool {
            Tool::Select => {
                state.selected = Some(match occupant {
                    Some(id) => Selected::Entity(id),
                    None if file.agent == cell => Selected::Agent,
                    None => Selected::Cell(cell),
                });
            }
            Tool::Paint(terrain) => {
                edit(
                    actions,
                    SceneChange::PaintTerrain {
                        cells: vec![cell],
                        terrain,
                    },
                );
            }
            Tool::Place(kind) => {
                if let Some(kind) = placeable_kinds(file).into_iter().nth(kind) {
                    let entity = new_entity(file, kind, cell);
                    state.selected = Some(Selected::Entity(entity.id.clone()));
                    edit(actions, SceneChange::PlaceEntity(entity));
                }
            }
            Tool::Erase => {
                if let Some(id) = occupant {
                    edit(actions, SceneChange::DeleteEntity(id));
                }
            }
            Tool::Droplets => edit(
                actions,
                SceneChange::ToggleDroplet {
                    refraction: explorer.view.editor.refraction,
                    cell,
                },
            ),
        }
    }
    if state.selected != explorer.view.editor.selected {
        actions.push(Action::SelectForEditing(state.selected));
    }
}

/// The selection and the droplet tool's pattern, over the grid.
fn draw_edit_marks(painter: &egui::Painter, explorer: &Explorer) {
    use super::scene_editor::{Selected, Tool};
    let editor = &explorer.view.editor;
    let world = &explorer.scene().world;
    if editor.tool == Tool::Droplets
        && let Some(r) = world.refractions.get(editor.refraction)
    {
        for &p in &r.droplets {
            painter.circle_filled(
                canvas_from_grid(p).center(),
                CELL * 0.2,
                DROPLET.gamma_multiply(0.7),
            );
        }
    }
    let cell = match &editor.selected {
        Some(Selected::Entity(id)) => world.entities.iter().find(|e| e.id == *id).map(|e| e.at),
        Some(Selected::Cell(p)) => Some(*p),
        Some(Selected::Agent) => Some(world.agent_start),
        None => None,
    };
    if let Some(p) = cell {
        painter.rect_stroke(
            canvas_from_grid(p).expand(1.0),
            2.0,
            Stroke::new(2.5, SELECTED),
            StrokeKind::Outside,
        );
    }
}

/// Draw the canvas with its legend.
pub fn ui(explorer: &Explorer, actions: &mut Actions, canvas: &mut CanvasView, ui: &mut egui::Ui) {
    if canvas.fitted != explorer.view.fit_requests {
        canvas.fitted = explorer.view.fit_requests;
        canvas.rect = None;
    }
    let world = &explorer.scene().world;
    let plan_index = explorer.view.playback.plan;
    let editing = explorer.view.editor.open;
    let recording = explorer.view.recorder.plan.is_some();
    // Scores behind the scene (an edit settling, a recording) would show an old plan:
    // the plan is simulated here instead, and what it changed is not outlined.
    let stale = explorer.results_stale();
    // In edit mode the scene is shown as it starts, unless a plan is being recorded.
    let playing = !editing || recording;
    let plan = explorer
        .plan_score(explorer.work.language, plan_index)
        .filter(|_| !stale && playing);
    let initial = world.initial_state();
    let step = explorer.view.playback.step;
    let state: State = match plan {
        Some(p) => p.outcome.trajectory.get(step).cloned(),
        None if stale && playing => explorer
            .live_trajectory(plan_index)
            .and_then(|t| t.get(step.min(t.len().saturating_sub(1))).cloned()),
        None => None,
    }
    .unwrap_or(initial);
    let at_end = plan.is_some_and(|p| step >= p.outcome.steps());
    let changed: Vec<Var> = match plan {
        Some(p) if at_end => p.outcome.effect.iter().map(|c| c.var).collect(),
        _ => Vec::new(),
    };
    let has_plans = !explorer.scene().plans.is_empty();
    legend_ui(ui, world, explorer.preferences.layers, has_plans);
    let heat_map = explorer
        .results
        .heat_map
        .clone()
        .filter(|h| h.plan == plan_index && at_end);
    if let Some(h) = &heat_map {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!(
                "ΔBDM of flipping each cell of the {} grid: red adds bits, blue removes them (largest {:.2} bits).",
                h.kind.name(),
                h.max_abs()
            ));
            if ui.button("Hide").clicked() {
                actions.push(Action::HideHeatMap);
            }
        });
    }
    let grid_rect = Rect::from_min_size(
        Pos2::ZERO,
        vec2(world.grid.width() as f32, world.grid.height() as f32) * CELL,
    );
    let mut view = canvas.rect.unwrap_or(grid_rect.expand(CELL * 0.25));
    let layers = explorer.preferences.layers;
    egui::Scene::new()
        .zoom_range(0.1..=8.0)
        .show(ui, &mut view, |ui| {
            let sense = if editing {
                egui::Sense::click_and_drag()
            } else {
                egui::Sense::hover()
            };
            let response = ui.allocate_rect(grid_rect, sense);
            // Named for screen readers; its rect there is in the scene's own units.
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Scene grid"));
            let to_screen = ui.ctx().layer_transform_to_global(ui.layer_id());
            canvas.grid_on_screen = Some(to_screen.map_or(grid_rect, |t| t * grid_rect));
            if editing {
                edit_input(explorer, actions, canvas, &response);
            }
            let painter = ui.painter();
            draw_world(painter, world, &state, layers);
            for var in &changed {
                let cell = match *var {
                    Var::Entity { entity, .. } => world.position(&state, entity),
                    Var::Light(p) | Var::Droplet(p) => Some(p),
                    Var::AgentPos | Var::AgentHolding => None,
                };
                if let Some(c) = cell {
                    painter.rect_stroke(
                        canvas_from_grid(c).shrink(1.5),
                        3.0,
                        Stroke::new(3.0, CHANGED),
                        StrokeKind::Inside,
                    );
                }
            }
            if let Some(h) = &heat_map {
                draw_heat_map(painter, world, h);
            }
            if editing {
                draw_edit_marks(painter, explorer);
            }
            if let Some(hover) = response.hover_pos() {
                let p = grid_from_canvas(hover);
                if world.grid.contains(p) {
                    let mut text = describe_cell(world, &state, p);
                    if let Some(h) = &heat_map
                        && let Some(d) = h.deltas.get(p.y as usize * h.cols + p.x as usize)
                    {
                        text += &format!("\nΔBDM if flipped: {d:+.2} bits");
                    }
                    response.on_hover_text_at_pointer(text);
                }
            }
        });
    canvas.rect = Some(view);
}

fn draw_world(painter: &egui::Painter, world: &World, state: &State, layers: Layers) {
    // A 128 × 128 grid is 16,384 cells: terrain is drawn as one rectangle per run of equal
    // cells in a row and the grid lines as lines, so a frame tessellates hundreds of
    // shapes rather than tens of thousands.
    let (width, height) = (world.grid.width(), world.grid.height());
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let terrain = world.grid.terrain(Pos::new(x, y));
            let start = x;
            while x < width && world.grid.terrain(Pos::new(x, y)) == terrain {
                x += 1;
            }
            let run = Rect::from_min_max(
                pos2(start as f32, y as f32) * CELL,
                pos2(x as f32, (y + 1) as f32) * CELL,
            );
            painter.rect_filled(run, 0.0, terrain_color(terrain));
        }
    }
    let line = Stroke::new(0.5, Color32::from_gray(180));
    let (right, bottom) = (width as f32 * CELL, height as f32 * CELL);
    for x in 0..=width {
        let at = x as f32 * CELL;
        painter.line_segment([pos2(at, 0.0), pos2(at, bottom)], line);
    }
    for y in 0..=height {
        let at = y as f32 * CELL;
        painter.line_segment([pos2(0.0, at), pos2(right, at)], line);
    }
    for (i, light) in state.light.iter().enumerate() {
        if let (true, Some(light)) = (layers.light, light) {
            let rect = canvas_from_grid(world.grid.pos(i)).shrink(1.0);
            painter.rect_filled(rect, 0.0, color32(*light).gamma_multiply(0.45));
        }
    }
    if layers.droplets {
        for (i, _) in state.droplets.iter().enumerate().filter(|(_, d)| **d) {
            let center = canvas_from_grid(world.grid.pos(i)).center();
            painter.circle_filled(center, CELL * 0.16, DROPLET);
        }
    }
    if layers.droplets {
        for r in &world.refractions {
            for &p in &r.droplets {
                let ring = Stroke::new(1.0, RING);
                painter.circle_stroke(canvas_from_grid(p).center(), CELL * 0.22, ring);
            }
        }
    }
    for observer in world
        .entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Observer))
    {
        for target in world
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Car))
        {
            let points = [
                canvas_from_grid(observer.at).center(),
                canvas_from_grid(target.at).center(),
            ];
            let sight = Stroke::new(1.5, SIGHT);
            painter.extend(Shape::dashed_line(&points, sight, 6.0, 4.0));
        }
    }
    for (i, entity) in world.entities.iter().enumerate() {
        draw_entity(painter, world, state, i, layers);
        let at = world.position(state, i).unwrap_or(entity.at);
        let label_at = canvas_from_grid(at).center_bottom();
        let font = egui::FontId::proportional(9.0);
        painter.text(
            label_at,
            egui::Align2::CENTER_TOP,
            &entity.id,
            font,
            Color32::from_gray(30),
        );
    }
    if layers.minds {
        draw_percepts(painter, world, state);
    }
    let agent = canvas_from_grid(state.agent).center();
    painter.circle(agent, CELL * 0.32, AGENT, Stroke::new(1.5, Color32::BLACK));
    if let Some(paint) = state.holding {
        painter.circle_filled(
            agent + vec2(0.25, -0.25) * CELL,
            CELL * 0.12,
            color32(paint),
        );
    }
}

/// A thought bubble above each observer filled with the colour it perceives the first car
/// to be, so every route to "the car looks pink" shows where it counts.
fn draw_percepts(painter: &egui::Painter, world: &World, state: &State) {
    let Some(car) = world
        .entities
        .iter()
        .position(|e| matches!(e.kind, EntityKind::Car))
    else {
        return;
    };
    for (i, observer) in world.entities.iter().enumerate() {
        if !matches!(observer.kind, EntityKind::Observer) {
            continue;
        }
        let Some(seen) = world.perceived(state, i, car) else {
            continue;
        };
        let base = canvas_from_grid(observer.at).right_top();
        let bubble = base + vec2(CELL * 0.05, -CELL * 0.05);
        painter.circle_filled(
            base + vec2(-CELL * 0.08, CELL * 0.1),
            CELL * 0.06,
            Color32::WHITE,
        );
        painter.circle(
            bubble,
            CELL * 0.2,
            color32(seen),
            Stroke::new(1.2, Color32::from_gray(30)),
        );
    }
}

fn draw_entity(
    painter: &egui::Painter,
    world: &World,
    state: &State,
    index: usize,
    layers: Layers,
) {
    let entity = &world.entities[index];
    let rect =
        canvas_from_grid(world.position(state, index).unwrap_or(entity.at)).shrink(CELL * 0.12);
    let c = rect.center();
    let r = rect.width() / 2.0;
    let outline = Stroke::new(1.5, Color32::from_gray(30));
    match (&entity.kind, state.entities.get(index)) {
        (EntityKind::Car, Some(EntityState::Car { paint })) => {
            let fill = if layers.paint {
                color32(*paint)
            } else {
                Color32::from_gray(200)
            };
            let body = Rect::from_center_size(c, vec2(rect.width(), rect.height() * 0.6));
            painter.rect(body, 4.0, fill, outline, StrokeKind::Inside);
            for dx in [-0.3, 0.3] {
                painter.circle_filled(
                    pos2(c.x + dx * rect.width(), body.bottom()),
                    r * 0.22,
                    Color32::BLACK,
                );
            }
        }
        (EntityKind::PaintShop { color }, _) => {
            painter.rect(
                rect,
                2.0,
                Color32::from_rgb(190, 160, 120),
                outline,
                StrokeKind::Inside,
            );
            painter.circle_filled(c, r * 0.4, color32(*color));
        }
        (EntityKind::Projector { .. }, Some(EntityState::Projector { on, color, .. })) => {
            let tip = if *on {
                color32(*color)
            } else {
                Color32::from_gray(120)
            };
            let points = vec![
                pos2(c.x, rect.top()),
                rect.right_bottom(),
                rect.left_bottom(),
            ];
            painter.add(Shape::convex_polygon(points, tip, outline));
        }
        (EntityKind::NeuralInterface { .. }, _) => {
            let points = vec![
                pos2(c.x, rect.top()),
                pos2(rect.right(), c.y),
                pos2(c.x, rect.bottom()),
                pos2(rect.left(), c.y),
            ];
            painter.add(Shape::convex_polygon(
                points,
                Color32::from_rgb(170, 110, 200),
                outline,
            ));
        }
        (EntityKind::Observer, Some(EntityState::Observer { percept })) => {
            painter.circle(c, r, Color32::from_rgb(250, 215, 170), outline);
            let iris = match percept {
                Some(p) if layers.minds => color32(*p),
                _ => Color32::from_gray(40),
            };
            painter.circle_filled(c, r * 0.35, iris);
        }
        (EntityKind::Crate, _) => {
            painter.rect(
                rect,
                2.0,
                Color32::from_rgb(170, 120, 60),
                outline,
                StrokeKind::Inside,
            );
            painter.line_segment([rect.left_top(), rect.right_bottom()], outline);
            painter.line_segment([rect.right_top(), rect.left_bottom()], outline);
        }
        (EntityKind::Vase | EntityKind::Sushi, Some(EntityState::Carried { done, .. })) => {
            let fill = match (&entity.kind, done) {
                (_, true) => Color32::from_gray(90),
                (EntityKind::Vase, false) => Color32::from_rgb(80, 140, 210),
                _ => Color32::from_rgb(240, 150, 110),
            };
            painter.circle(c, r * 0.8, fill, outline);
            if *done {
                painter.line_segment(
                    [rect.left_top(), rect.right_bottom()],
                    Stroke::new(2.0, Color32::WHITE),
                );
            }
        }
        (EntityKind::Lab { work, .. }, Some(EntityState::Lab { progress })) => {
            // A bench with a bar that fills as the work is done.
            painter.rect(
                rect,
                2.0,
                Color32::from_rgb(200, 210, 225),
                outline,
                StrokeKind::Inside,
            );
            let done = (*progress as f32 / (*work).max(1) as f32).clamp(0.0, 1.0);
            let bar = Rect::from_min_max(
                pos2(rect.left(), rect.bottom() - rect.height() * 0.25),
                pos2(rect.left() + rect.width() * done, rect.bottom()),
            );
            painter.rect_filled(bar, 0.0, Color32::from_rgb(60, 160, 90));
        }
        _ => {
            painter.rect_stroke(rect, 2.0, outline, StrokeKind::Inside);
        }
    }
}

fn describe_cell(world: &World, state: &State, p: Pos) -> String {
    let terrain = match world.grid.terrain(p) {
        Terrain::Floor => "floor",
        Terrain::Wall => "wall",
        Terrain::Mist => "mist",
        Terrain::Goal => "goal (entering it ends the episode)",
        Terrain::Belt => "conveyor belt (carries objects east)",
        Terrain::BeltEnd => "end of the belt",
    };
    let mut lines = vec![format!("{p}: {terrain}")];
    if let Some(i) = world.grid.index(p) {
        let light = state
            .light_at(i)
            .map_or_else(|| "none".to_owned(), |c| c.to_string());
        lines.push(format!("light[{}, {}] = {light}", p.x, p.y));
        if world.grid.terrain(p) == Terrain::Mist {
            lines.push(format!(
                "droplet[{}, {}] = {}",
                p.x,
                p.y,
                if state.droplet_at(i) { "yes" } else { "no" }
            ));
        }
    }
    if let Some(e) = world.occupant(state, p) {
        let entity = &world.entities[e];
        lines.push(format!("{} ({})", entity.id, entity.kind.name()));
        if let Some(s) = state.entities.get(e) {
            for (prop, value) in ladders_domain::world::entity_values(s) {
                lines.push(format!("  {}.{} = {value}", entity.id, prop.name()));
            }
        }
        if let (EntityKind::Observer, Some(target)) = (
            &entity.kind,
            world
                .entities
                .iter()
                .position(|t| matches!(t.kind, EntityKind::Car)),
        ) {
            let trace = world.perception(state, e, target);
            let show = |c: Option<Color>| c.map_or_else(|| "—".to_owned(), |c| c.to_string());
            lines.push(format!(
                "  sees {} as {5}: paint {1}, light {2}, refraction {3}, percept {4}",
                world.entities[target].id,
                show(trace.surface),
                show(trace.light),
                show(trace.refraction),
                show(trace.percept),
                show(trace.result())
            ));
        }
    }
    if state.agent == p {
        let holding = state
            .holding
            .map_or_else(|| "nothing".to_owned(), |c| format!("{c} paint"));
        lines.push(format!("the agent, holding {holding}"));
    }
    lines.join("\n")
}

/// Colour every grid cell by its ΔBDM.
fn draw_heat_map(painter: &egui::Painter, world: &World, heat: &crate::app::programs::HeatMap) {
    let max = heat.max_abs();
    for p in world.grid.cells() {
        let Some(&delta) = heat.deltas.get(p.y as usize * heat.cols + p.x as usize) else {
            continue;
        };
        painter.rect_filled(
            canvas_from_grid(p).shrink(1.0),
            2.0,
            super::measure_evidence::heat_color(delta, max),
        );
    }
}

/// What this scene can show with these layers, and nothing else: its terrain kinds, the
/// agent, and only the overlays its entities make possible (a line of sight and a bubble
/// need an observer and a car, droplets need mist, rings a refracting pattern).
fn legend_entries(world: &World, layers: Layers, has_plans: bool) -> Vec<Entry> {
    let mut entries: Vec<Entry> = TERRAINS
        .into_iter()
        .filter(|t| world.grid.cells().any(|p| world.grid.terrain(p) == *t))
        .map(|t| Entry::new(terrain_color(t), Mark::Fill, terrain_name(t)))
        .collect();
    entries.push(Entry::new(AGENT, Mark::Dot, "agent"));
    let has_kind = |wanted: fn(&EntityKind) -> bool| world.entities.iter().any(|e| wanted(&e.kind));
    let sees_a_car = has_kind(|k| matches!(k, EntityKind::Observer))
        && has_kind(|k| matches!(k, EntityKind::Car));
    if layers.droplets
        && entries
            .iter()
            .any(|e| e.text == terrain_name(Terrain::Mist))
    {
        entries.push(Entry::new(DROPLET, Mark::Dot, "droplet"));
    }
    if layers.droplets && !world.refractions.is_empty() {
        entries.push(Entry::new(RING, Mark::Ring, "ring: a refraction's droplet"));
    }
    if sees_a_car {
        entries.push(Entry::new(SIGHT, Mark::Dashed, "line of sight"));
    }
    if has_plans {
        entries.push(Entry::new(CHANGED, Mark::Outline, "changed by the plan"));
    }
    if layers.minds && sees_a_car {
        entries.push(Entry::new(
            Color32::from_rgb(255, 105, 180),
            Mark::Dot,
            "bubble: the car as the observer sees it",
        ));
    }
    entries
}

fn legend_ui(ui: &mut egui::Ui, world: &World, layers: Layers, has_plans: bool) {
    let entries = legend_entries(world, layers, has_plans);
    let hint = "Drag to pan, scroll or pinch to zoom, F to fit.";
    legend::ui(ui, &entries, false, Some(hint));
}
