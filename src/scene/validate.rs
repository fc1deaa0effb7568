//! Semantic checks that turn a parsed [`SceneFile`] into a [`Scene`], each failure
//! located in the source text.

use super::file::{EntityKindFile, SceneFile};
use super::*;
use crate::document::{Located, Locator};
use crate::world::{
    Entity, EntityKind, EntityState, Grid, Refraction, TechLevels, Terrain, line_of_sight,
};

type Check<T> = Result<T, Located>;

/// Validate a parsed scene; `loc` searches its text to locate errors.
pub fn validate(file: SceneFile, loc: &Locator) -> Check<Scene> {
    let grid = grid(&file.grid, loc)?;
    let technologies = TechLevels::new(file.technologies.clone());
    let agent = file.agent;
    if !grid.contains(agent) || !grid.terrain(agent).is_walkable() {
        return Err(loc.at(
            loc.find_key("agent", 0),
            format!("the agent's cell {agent} must be a walkable cell inside the grid"),
        ));
    }
    let entities = entities(&file, &grid, &technologies, loc)?;
    let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    let index = |id: &str| ids.iter().position(|i| *i == id);
    let refractions = refractions(&file, &grid, &entities, loc)?;
    let world = World::new(grid, entities, agent, refractions, technologies);

    let goal = file.goal.try_map(&mut |id: &String| {
        index(id).ok_or_else(|| {
            loc.at_string(
                "goal",
                id,
                format!(
                    "the goal names `{id}`, but no entity has that id (expected one of: {})",
                    ids.join(", ")
                ),
            )
        })
    })?;
    for (observer, target, _) in goal.perceptions() {
        if !matches!(world.entities[*observer].kind, EntityKind::Observer) {
            let id = &world.entities[*observer].id;
            return Err(loc.at_string(
                "goal",
                id,
                format!("the goal's observer `{id}` is not an observer"),
            ));
        }
        if observer == target {
            return Err(loc.at(
                loc.find_key("goal", 0),
                "an observer cannot be the goal's target",
            ));
        }
    }
    plans(&file, &world, loc)?;
    budgets(&file, loc)?;
    for name in &file.languages {
        if name.trim().is_empty() {
            return Err(loc.at_string("languages", name, "a language name cannot be empty"));
        }
    }
    Ok(Scene {
        name: file.name,
        description: file.description,
        world,
        goal,
        plans: file.plans,
        languages: file.languages,
        budgets: file.budgets,
    })
}

fn grid(rows: &[String], loc: &Locator) -> Check<Grid> {
    let grid_at = loc.find_key("grid", 0);
    if rows.is_empty() || rows[0].is_empty() {
        return Err(loc.at(
            grid_at,
            "the grid needs at least one row of at least one cell",
        ));
    }
    let width = rows[0].chars().count();
    if rows.len() > MAX_GRID_SIDE || width > MAX_GRID_SIDE {
        let msg = format!(
            "the grid is {width}×{} cells; the limit is {MAX_GRID_SIDE}×{MAX_GRID_SIDE}",
            rows.len()
        );
        return Err(loc.at(grid_at, msg));
    }
    let mut parsed = Vec::with_capacity(rows.len());
    let mut search_from = grid_at.unwrap_or(0);
    for (y, row) in rows.iter().enumerate() {
        let row_at = loc.find_from(&format!("\"{row}\""), search_from);
        search_from = row_at.map_or(search_from, |a| a + row.len());
        let len = row.chars().count();
        if len != width {
            let msg = format!(
                "grid row {y} has {len} cells, but row 0 has {width}: rows must have equal length"
            );
            return Err(loc.at(row_at, msg));
        }
        let mut cells = Vec::with_capacity(width);
        for (x, c) in row.chars().enumerate() {
            let Some(t) = Terrain::from_symbol(c) else {
                let msg = format!(
                    "unknown terrain `{c}` at ({x}, {y}); expected `.` floor, `#` wall or `~` mist"
                );
                let at = row_at.map(|a| a + 1 + row.char_indices().nth(x).map_or(0, |(i, _)| i));
                return Err(loc.at(at, msg));
            };
            cells.push(t);
        }
        parsed.push(cells);
    }
    Grid::from_rows(parsed).ok_or_else(|| loc.at(grid_at, "the grid is not rectangular"))
}

fn entities(file: &SceneFile, grid: &Grid, tech: &TechLevels, loc: &Locator) -> Check<Vec<Entity>> {
    if file.entities.len() > MAX_ENTITIES {
        let msg = format!(
            "{} entities; the limit is {MAX_ENTITIES}",
            file.entities.len()
        );
        return Err(loc.at(loc.find_key("entities", 0), msg));
    }
    let ids: Vec<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    let mut out: Vec<Entity> = Vec::with_capacity(ids.len());
    for (i, e) in file.entities.iter().enumerate() {
        let here = |msg: String| loc.at_string("id", &e.id, msg);
        if e.id.trim().is_empty() {
            return Err(here("an entity id cannot be empty".into()));
        }
        if ids[..i].contains(&e.id.as_str()) {
            return Err(here(format!("two entities have the id `{}`", e.id)));
        }
        if !grid.contains(e.at) || grid.terrain(e.at) == Terrain::Wall {
            return Err(here(format!(
                "`{}` stands at {}, which is not a free cell inside the grid",
                e.id, e.at
            )));
        }
        if e.at == file.agent {
            return Err(here(format!(
                "`{}` stands on the agent's starting cell {}",
                e.id, e.at
            )));
        }
        if let Some(other) = out.iter().find(|o| o.at == e.at) {
            return Err(here(format!(
                "`{}` and `{}` share the cell {}",
                other.id, e.id, e.at
            )));
        }
        let requires = match &e.requires {
            None => None,
            Some(name) => Some(tech.id(name).ok_or_else(|| {
                let known: Vec<&str> = tech.iter().map(|(n, _)| n).collect();
                loc.at_string("requires", name, format!("`{}` requires the technology `{name}`, which the scene does not list (expected one of: {})", e.id, known.join(", ")))
            })?),
        };
        let (kind, initial) = match &e.kind {
            EntityKindFile::Car { paint } => (EntityKind::Car, EntityState::Car { paint: *paint }),
            EntityKindFile::PaintShop { color } => (
                EntityKind::PaintShop { color: *color },
                EntityState::PaintShop,
            ),
            EntityKindFile::Projector {
                color,
                radius,
                on,
                aim,
            } => {
                if !(0..=MAX_PROJECTOR_RADIUS).contains(radius) {
                    return Err(here(format!(
                        "projector radius {radius} is outside 0..={MAX_PROJECTOR_RADIUS}"
                    )));
                }
                if aim.is_some_and(|a| !grid.contains(a)) {
                    return Err(here(format!("`{}` is aimed outside the grid", e.id)));
                }
                (
                    EntityKind::Projector { radius: *radius },
                    EntityState::Projector {
                        on: *on,
                        aim: *aim,
                        color: *color,
                    },
                )
            }
            EntityKindFile::NeuralInterface { subject } => {
                let s = ids
                    .iter()
                    .position(|id| id == subject)
                    .filter(|&s| matches!(file.entities[s].kind, EntityKindFile::Observer { .. }));
                let Some(subject) = s else {
                    return Err(loc.at_string(
                        "subject",
                        subject,
                        format!(
                            "`{}` is wired to `{subject}`, which is not an observer in this scene",
                            e.id
                        ),
                    ));
                };
                (
                    EntityKind::NeuralInterface { subject },
                    EntityState::NeuralInterface,
                )
            }
            EntityKindFile::Observer { percept } => (
                EntityKind::Observer,
                EntityState::Observer { percept: *percept },
            ),
            EntityKindFile::Box => (EntityKind::Crate, EntityState::Crate { at: e.at }),
            EntityKindFile::Vase => (
                EntityKind::Vase,
                EntityState::Carried {
                    at: e.at,
                    done: false,
                },
            ),
            EntityKindFile::Sushi => (
                EntityKind::Sushi,
                EntityState::Carried {
                    at: e.at,
                    done: false,
                },
            ),
        };
        out.push(Entity {
            id: e.id.clone(),
            kind,
            at: e.at,
            requires,
            initial,
        });
    }
    Ok(out)
}

fn refractions(
    file: &SceneFile,
    grid: &Grid,
    entities: &[Entity],
    loc: &Locator,
) -> Check<Vec<Refraction>> {
    if file.refractions.len() > MAX_REFRACTIONS {
        let msg = format!(
            "{} refractions; the limit is {MAX_REFRACTIONS}",
            file.refractions.len()
        );
        return Err(loc.at(loc.find_key("refractions", 0), msg));
    }
    let find = |id: &str| entities.iter().position(|e| e.id == id);
    let mut out = Vec::new();
    for r in &file.refractions {
        let observer =
            find(&r.observer).filter(|&o| matches!(entities[o].kind, EntityKind::Observer));
        let Some(observer) = observer else {
            return Err(loc.at_string(
                "observer",
                &r.observer,
                format!(
                    "refraction observer `{}` is not an observer in this scene",
                    r.observer
                ),
            ));
        };
        let Some(target) = find(&r.target) else {
            return Err(loc.at_string(
                "target",
                &r.target,
                format!(
                    "refraction target `{}` is not an entity in this scene",
                    r.target
                ),
            ));
        };
        let here = loc
            .find_key("refractions", 0)
            .and_then(|a| loc.find_from(&format!("\"{}\"", r.target), a));
        let mut droplets = r.droplets.clone();
        droplets.sort();
        droplets.dedup();
        if droplets.is_empty() || droplets.len() != r.droplets.len() {
            return Err(loc.at(
                here,
                "a refraction needs at least one droplet cell, each listed once",
            ));
        }
        if let Some(bad) = droplets
            .iter()
            .find(|&&p| grid.terrain(p) != Terrain::Mist || entities.iter().any(|e| e.at == p))
        {
            return Err(loc.at(
                here,
                format!("refraction droplet {bad} is not a free mist cell"),
            ));
        }
        let sight = line_of_sight(entities[observer].at, entities[target].at);
        if !droplets.iter().any(|p| sight.contains(p)) {
            return Err(loc.at(
                here,
                format!(
                    "no droplet of this refraction lies on the line of sight from `{}` to `{}`",
                    r.observer, r.target
                ),
            ));
        }
        out.push(Refraction {
            observer,
            target,
            color: r.color,
            droplets,
        });
    }
    Ok(out)
}

fn plans(file: &SceneFile, world: &World, loc: &Locator) -> Check<()> {
    if file.plans.len() > MAX_PLANS {
        let msg = format!("{} plans; the limit is {MAX_PLANS}", file.plans.len());
        return Err(loc.at(loc.find_key("plans", 0), msg));
    }
    for (i, plan) in file.plans.iter().enumerate() {
        let here = |msg: String| loc.at_string("name", &plan.name, msg);
        if plan.name.trim().is_empty() {
            return Err(here("a plan name cannot be empty".into()));
        }
        if file.plans[..i].iter().any(|p| p.name == plan.name) {
            return Err(here(format!("two plans are called `{}`", plan.name)));
        }
        if plan.actions.len() > MAX_PLAN_LENGTH {
            return Err(here(format!(
                "plan `{}` has {} actions; the limit is {MAX_PLAN_LENGTH}",
                plan.name,
                plan.actions.len()
            )));
        }
        for a in &plan.actions {
            if let crate::world::Action::Aim(_, p) = a
                && !world.grid.contains(*p)
            {
                return Err(here(format!(
                    "plan `{}` aims at {p}, outside the grid",
                    plan.name
                )));
            }
        }
    }
    Ok(())
}

fn budgets(file: &SceneFile, loc: &Locator) -> Check<()> {
    for (name, bits) in &file.budgets {
        let here = |msg: String| loc.at_string("budgets", name, msg);
        if !BUDGETED_MEASURES.contains(&name.as_str()) {
            return Err(here(format!(
                "unknown measure `{name}` in budgets (expected one of: {})",
                BUDGETED_MEASURES.join(", ")
            )));
        }
        if !bits.is_finite() || *bits < 0.0 {
            return Err(here(format!(
                "the budget for `{name}` must be a non-negative number of bits, not {bits}"
            )));
        }
    }
    Ok(())
}
