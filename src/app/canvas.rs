//! The grid canvas: terrain, light, droplets, entities, the agent and the observer's line
//! of sight, for the start state or the end of the selected plan, scaled to fit.

use super::Explorer;
use crate::world::{
    Color, EntityKind, EntityState, Pos, State, Terrain, Var, World, line_of_sight,
};
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

fn color32(c: Color) -> Color32 {
    let [r, g, b] = c.rgb();
    Color32::from_rgb(r, g, b)
}

/// Where grid cells land on screen.
struct ScreenFromGrid {
    origin: Pos2,
    cell: f32,
}

impl ScreenFromGrid {
    fn rect(&self, p: Pos) -> Rect {
        Rect::from_min_size(
            self.origin + vec2(p.x as f32, p.y as f32) * self.cell,
            Vec2::splat(self.cell),
        )
    }
    fn center(&self, p: Pos) -> Pos2 {
        self.rect(p).center()
    }
}

/// Draw the scene, with a legend underneath.
pub fn ui(explorer: &Explorer, ui: &mut egui::Ui) {
    let world = &explorer.scene.world;
    let plan = explorer
        .selected_plan
        .and_then(|i| explorer.score.as_ref()?.plans.get(i));
    let initial = world.initial_state();
    let state: &State = plan
        .and_then(|p| p.outcome.trajectory.last())
        .unwrap_or(&initial);
    let caption = match plan {
        Some(p) => format!(
            "End of plan `{}` ({} steps); changed variables are outlined in orange.",
            p.plan,
            p.outcome.steps()
        ),
        None => "Start state. Click a plan in the verdict table to see its outcome.".to_owned(),
    };
    ui.label(caption);
    let legend_height = 28.0;
    let available = ui.available_size() - vec2(0.0, legend_height);
    let cell = (available.x / world.grid.width() as f32)
        .min(available.y / world.grid.height() as f32)
        .max(4.0);
    let size = vec2(world.grid.width() as f32, world.grid.height() as f32) * cell;
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let to_screen = ScreenFromGrid {
        origin: response.rect.min,
        cell,
    };
    draw_world(&painter, &to_screen, world, state);
    if let Some(p) = plan {
        for change in &p.outcome.effect {
            let cell = match change.var {
                Var::Entity { entity, .. } => world.entities.get(entity).map(|e| e.at),
                Var::Light(p) | Var::Droplet(p) => Some(p),
                Var::AgentPos | Var::AgentHolding => None,
            };
            if let Some(c) = cell {
                let rect = to_screen.rect(c).shrink(1.5);
                painter.rect_stroke(
                    rect,
                    2.0,
                    Stroke::new(2.5, Color32::from_rgb(255, 140, 0)),
                    StrokeKind::Inside,
                );
            }
        }
    }
    if let Some(hover) = response.hover_pos() {
        let gx = ((hover.x - to_screen.origin.x) / cell).floor() as i32;
        let gy = ((hover.y - to_screen.origin.y) / cell).floor() as i32;
        let p = Pos::new(gx, gy);
        if world.grid.contains(p) {
            response.on_hover_text_at_pointer(describe_cell(world, state, p));
        }
    }
    legend_ui(ui);
}

fn draw_world(painter: &egui::Painter, to_screen: &ScreenFromGrid, world: &World, state: &State) {
    for p in world.grid.cells() {
        let fill = match world.grid.terrain(p) {
            Terrain::Floor => Color32::from_rgb(236, 230, 214),
            Terrain::Wall => Color32::from_rgb(70, 70, 78),
            Terrain::Mist => Color32::from_rgb(205, 225, 240),
        };
        let rect = to_screen.rect(p);
        painter.rect_filled(rect, 0.0, fill);
        painter.rect_stroke(
            rect,
            0.0,
            Stroke::new(0.5, Color32::from_gray(180)),
            StrokeKind::Inside,
        );
        if let Some(i) = world.grid.index(p) {
            if let Some(light) = state.light[i] {
                painter.rect_filled(rect.shrink(1.0), 0.0, color32(light).gamma_multiply(0.45));
            }
            if state.droplets[i] {
                painter.circle_filled(
                    rect.center(),
                    to_screen.cell * 0.16,
                    Color32::from_rgb(40, 110, 200),
                );
            }
        }
    }
    // The refraction patterns, faintly, so the user sees where the rainbow would go.
    for r in &world.refractions {
        for &p in &r.droplets {
            painter.circle_stroke(
                to_screen.center(p),
                to_screen.cell * 0.22,
                Stroke::new(1.0, Color32::from_rgb(120, 150, 200)),
            );
        }
    }
    // Every observer's line of sight to every car.
    for (o, observer) in world.entities.iter().enumerate() {
        if !matches!(observer.kind, EntityKind::Observer) {
            continue;
        }
        for target in world
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Car))
        {
            let points = [to_screen.center(observer.at), to_screen.center(target.at)];
            painter.extend(Shape::dashed_line(
                &points,
                Stroke::new(1.5, Color32::from_rgb(120, 60, 160)),
                6.0,
                4.0,
            ));
            let _ = (o, line_of_sight(observer.at, target.at));
        }
    }
    for (i, entity) in world.entities.iter().enumerate() {
        draw_entity(painter, to_screen, world, state, i);
        let label_at = to_screen.rect(entity.at).center_bottom() + vec2(0.0, 2.0);
        painter.text(
            label_at,
            egui::Align2::CENTER_TOP,
            &entity.id,
            egui::FontId::proportional(11.0),
            Color32::from_gray(40),
        );
    }
    let agent = to_screen.center(state.agent);
    painter.circle(
        agent,
        to_screen.cell * 0.32,
        Color32::from_rgb(50, 170, 90),
        Stroke::new(1.5, Color32::BLACK),
    );
    if let Some(paint) = state.holding {
        painter.circle_filled(
            agent + vec2(0.25, -0.25) * to_screen.cell,
            to_screen.cell * 0.12,
            color32(paint),
        );
    }
}

fn draw_entity(
    painter: &egui::Painter,
    to_screen: &ScreenFromGrid,
    world: &World,
    state: &State,
    index: usize,
) {
    let entity = &world.entities[index];
    let rect = to_screen.rect(entity.at).shrink(to_screen.cell * 0.12);
    let c = rect.center();
    let r = rect.width() / 2.0;
    let outline = Stroke::new(1.5, Color32::from_gray(30));
    match (&entity.kind, state.entities.get(index)) {
        (EntityKind::Car, Some(EntityState::Car { paint })) => {
            let body = Rect::from_center_size(c, vec2(rect.width(), rect.height() * 0.6));
            painter.rect(body, 4.0, color32(*paint), outline, StrokeKind::Inside);
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
            let iris = percept.map_or(Color32::from_gray(40), color32);
            painter.circle_filled(c, r * 0.35, iris);
        }
        _ => {
            painter.rect_stroke(rect, 2.0, outline, StrokeKind::Inside);
        }
    }
}

fn describe_cell(world: &World, state: &State, p: Pos) -> String {
    let mut lines = vec![format!("{p}: {:?}", world.grid.terrain(p)).to_lowercase()];
    if let Some(i) = world.grid.index(p) {
        if let Some(l) = state.light[i] {
            lines.push(format!("light[{}, {}] = {l}", p.x, p.y));
        }
        if state.droplets[i] {
            lines.push(format!("droplet[{}, {}]", p.x, p.y));
        }
    }
    if let Some(e) = world.entity_at(p) {
        let entity = &world.entities[e];
        lines.push(format!("{} ({})", entity.id, entity.kind.name()));
        if let Some(s) = state.entities.get(e) {
            for (prop, value) in crate::world::entity_values(s) {
                lines.push(format!("  {}.{} = {value}", entity.id, prop.name()));
            }
        }
    }
    if state.agent == p {
        lines.push("the agent".to_owned());
    }
    lines.join("\n")
}

fn legend_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        let swatch = |ui: &mut egui::Ui, color: Color32, text: &str| {
            let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color);
            ui.label(text);
        };
        swatch(ui, Color32::from_rgb(236, 230, 214), "floor");
        swatch(ui, Color32::from_rgb(70, 70, 78), "wall");
        swatch(ui, Color32::from_rgb(205, 225, 240), "mist");
        swatch(ui, Color32::from_rgb(50, 170, 90), "agent");
        swatch(
            ui,
            Color32::from_rgb(40, 110, 200),
            "droplet (rings: the refracting pattern)",
        );
        swatch(ui, Color32::from_rgb(120, 60, 160), "line of sight");
        swatch(ui, Color32::from_rgb(255, 140, 0), "changed by the plan");
    });
}
