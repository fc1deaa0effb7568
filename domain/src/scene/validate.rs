//! Semantic checks that turn a parsed [`SceneFile`] into a [`Scene`], each failure
//! located in the source text.

use super::file::{EntityKindFile, SceneFile};
use super::*;
use crate::document::{Located, Locator, Seg};
use crate::measures::Measure;
use crate::world::Goal;
use crate::world::{
    Entity, EntityKind, EntityState, Grid, MAX_LAB_WORK, Refraction, TechLevel, TechLevels,
    TechTree, Terrain, line_of_sight,
};

type Check<T> = Result<T, Located>;

/// Validate a parsed scene; `loc` locates errors in its text; `scene_dir` is the folder
/// the scene's language files are looked up in, when it has one.
pub fn validate(
    file: SceneFile,
    loc: &Locator,
    scene_dir: Option<&std::path::Path>,
) -> Check<Scene> {
    let grid = grid(&file.grid, loc)?;
    if file.technologies.len() > MAX_TECHNOLOGIES {
        let msg = format!(
            "{} technologies; the limit is {MAX_TECHNOLOGIES}",
            file.technologies.len()
        );
        return Err(loc.at_path(&[Seg::Field("technologies")], msg));
    }
    let technologies = TechLevels::new(file.technologies.clone());
    let tree = tech_tree(&file, &technologies, loc)?;
    let agent = file.agent;
    if !grid.contains(agent) || !grid.terrain(agent).is_walkable() {
        return Err(loc.at_path(
            &[Seg::Field("agent")],
            format!("the agent's cell {agent} must be a walkable cell inside the grid"),
        ));
    }
    let entities = entities(&file, &grid, &technologies, loc)?;
    let ids: Vec<String> = entities.iter().map(|e| e.id.clone()).collect();
    let index = |id: &str| ids.iter().position(|i| *i == id);
    let refractions = refractions(&file, &grid, &entities, loc)?;
    let world = World::new(grid, entities, agent, refractions, technologies).with_tree(tree);

    goal_parts(&file, &world, loc)?;
    let goal = file.goal.try_map(&mut |id: &String| {
        index(id).ok_or_else(|| {
            loc.at_string_within(
                &[Seg::Field("goal")],
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
            return Err(loc.at_string_within(
                &[Seg::Field("goal")],
                id,
                format!("the goal's observer `{id}` is not an observer"),
            ));
        }
        if observer == target {
            return Err(loc.at_path(
                &[Seg::Field("goal")],
                "an observer cannot be the goal's target",
            ));
        }
    }
    plans(&file, &world, loc)?;
    budgets(&file, loc)?;
    if file.languages.len() > MAX_LANGUAGES {
        let msg = format!(
            "{} languages; the limit is {MAX_LANGUAGES}",
            file.languages.len()
        );
        return Err(loc.at_path(&[Seg::Field("languages")], msg));
    }
    for (i, name) in file.languages.iter().enumerate() {
        let here = |msg: String| loc.at_path(&[Seg::Field("languages"), Seg::Index(i)], msg);
        if name.trim().is_empty() {
            return Err(here("a language name cannot be empty".into()));
        }
        crate::language::check_scene_reference(name, scene_dir).map_err(here)?;
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
    let grid_at = loc.path(&[Seg::Field("grid")]);
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
    for (y, row) in rows.iter().enumerate() {
        let row_path = [Seg::Field("grid"), Seg::Index(y)];
        let len = row.chars().count();
        if len != width {
            let msg = format!(
                "grid row {y} has {len} cells, but row 0 has {width}: rows must have equal length"
            );
            return Err(loc.at_path(&row_path, msg));
        }
        let mut cells = Vec::with_capacity(width);
        for (x, c) in row.chars().enumerate() {
            let Some(t) = Terrain::from_symbol(c) else {
                let msg = format!(
                    "unknown terrain {} at ({x}, {y}); expected `.` floor, `#` wall or `~` mist",
                    shown_char(c)
                );
                return Err(loc.at_char(&row_path, x, msg));
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
        return Err(loc.at_path(&[Seg::Field("entities")], msg));
    }
    let ids: Vec<&str> = file.entities.iter().map(|e| e.id.as_str()).collect();
    let mut out: Vec<Entity> = Vec::with_capacity(ids.len());
    for (i, e) in file.entities.iter().enumerate() {
        let field = |name| [Seg::Field("entities"), Seg::Index(i), Seg::Field(name)];
        let here = |msg: String| loc.at_path(&field("id"), msg);
        let at_cell = |msg: String| loc.at_path(&field("at"), msg);
        if e.id.trim().is_empty() {
            return Err(here("an entity id cannot be empty".into()));
        }
        if ids[..i].contains(&e.id.as_str()) {
            return Err(here(format!("two entities have the id `{}`", e.id)));
        }
        if !grid.contains(e.at) || grid.terrain(e.at) == Terrain::Wall {
            return Err(at_cell(format!(
                "`{}` stands at {}, which is not a free cell inside the grid",
                e.id, e.at
            )));
        }
        if e.at == file.agent {
            return Err(at_cell(format!(
                "`{}` stands on the agent's starting cell {}",
                e.id, e.at
            )));
        }
        if let Some(other) = out.iter().find(|o| o.at == e.at) {
            return Err(at_cell(format!(
                "`{}` and `{}` share the cell {}",
                other.id, e.id, e.at
            )));
        }
        let requires = match &e.requires {
            None => None,
            Some(name) => Some(tech.id(name).ok_or_else(|| {
                let known: Vec<&str> = tech.iter().map(|(n, _)| n).collect();
                loc.at_path(&field("requires"), format!("`{}` requires the technology `{name}`, which the scene does not list (expected one of: {})", e.id, known.join(", ")))
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
                let kind_field = |name| {
                    [
                        Seg::Field("entities"),
                        Seg::Index(i),
                        Seg::Field("kind"),
                        Seg::Field(name),
                    ]
                };
                if !(0..=MAX_PROJECTOR_RADIUS).contains(radius) {
                    return Err(loc.at_path(
                        &kind_field("radius"),
                        format!("projector radius {radius} is outside 0..={MAX_PROJECTOR_RADIUS}"),
                    ));
                }
                if aim.is_some_and(|a| !grid.contains(a)) {
                    return Err(loc.at_path(
                        &kind_field("aim"),
                        format!("`{}` is aimed outside the grid", e.id),
                    ));
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
                    return Err(loc.at_path(
                        &[
                            Seg::Field("entities"),
                            Seg::Index(i),
                            Seg::Field("kind"),
                            Seg::Field("subject"),
                        ],
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
            EntityKindFile::Lab { develops, work } => {
                let kind_field = |name| {
                    [
                        Seg::Field("entities"),
                        Seg::Index(i),
                        Seg::Field("kind"),
                        Seg::Field(name),
                    ]
                };
                let Some(id) = tech.id(develops) else {
                    let known: Vec<&str> = tech.iter().map(|(n, _)| n).collect();
                    return Err(loc.at_path(
                        &kind_field("develops"),
                        format!(
                            "`{}` develops the technology `{develops}`, which the scene does not list (expected one of: {})",
                            e.id,
                            known.join(", ")
                        ),
                    ));
                };
                if tech.level(id) != TechLevel::Locked {
                    return Err(loc.at_path(
                        &kind_field("develops"),
                        format!(
                            "`{}` develops `{develops}`, which needs no development: the scene makes it {}",
                            e.id,
                            tech.level(id)
                        ),
                    ));
                }
                if requires == Some(id) {
                    return Err(loc.at_path(
                        &field("requires"),
                        format!(
                            "`{}` requires `{develops}`, the technology it develops: its work could never start",
                            e.id
                        ),
                    ));
                }
                if !(1..=MAX_LAB_WORK).contains(work) {
                    return Err(loc.at_path(
                        &kind_field("work"),
                        format!(
                            "`{}` takes {work} steps of work; a development takes 1 to {MAX_LAB_WORK}",
                            e.id
                        ),
                    ));
                }
                (
                    EntityKind::Lab {
                        develops: id,
                        work: *work,
                    },
                    EntityState::Lab { progress: 0 },
                )
            }
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

/// The technology tree: every technology and prerequisite listed in `technologies`, no
/// list longer than [`MAX_PREREQUISITES`], no name twice in a list, and no cycle.
fn tech_tree(file: &SceneFile, tech: &TechLevels, loc: &Locator) -> Check<TechTree> {
    let known = || {
        let names: Vec<&str> = tech.iter().map(|(n, _)| n).collect();
        if names.is_empty() {
            "the scene lists none".to_owned()
        } else {
            format!("expected one of: {}", names.join(", "))
        }
    };
    let mut prerequisites = vec![Vec::new(); tech.len()];
    let field = [Seg::Field("prerequisites")];
    for (name, needs) in &file.prerequisites {
        let Some(id) = tech.id(name) else {
            return Err(loc.at_key(
                &field,
                name,
                format!(
                    "prerequisites for `{name}`, which is not one of the scene's technologies ({})",
                    known()
                ),
            ));
        };
        if needs.len() > MAX_PREREQUISITES {
            return Err(loc.at_key(
                &field,
                name,
                format!(
                    "`{name}` lists {} prerequisites; the limit is {MAX_PREREQUISITES}",
                    needs.len()
                ),
            ));
        }
        for (k, need) in needs.iter().enumerate() {
            let here = |msg: String| loc.at_path(&[field[0], Seg::Key(name), Seg::Index(k)], msg);
            let Some(p) = tech.id(need) else {
                return Err(here(format!(
                    "`{name}` needs `{need}`, which is not one of the scene's technologies ({})",
                    known()
                )));
            };
            if needs[..k].contains(need) {
                return Err(here(format!("`{name}` lists `{need}` twice")));
            }
            prerequisites[id].push(p);
        }
    }
    let tree = TechTree::new(prerequisites);
    if let Some(cycle) = tree.find_cycle() {
        let name = |t: usize| tech.iter().nth(t).map_or("?", |(n, _)| n);
        let names: Vec<&str> = cycle.iter().map(|&t| name(t)).collect();
        return Err(loc.at_key(
            &field,
            names[0],
            format!(
                "the prerequisites go round in a cycle: {} (each needs the next)",
                names.join(" -> ")
            ),
        ));
    }
    Ok(tree)
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
        return Err(loc.at_path(&[Seg::Field("refractions")], msg));
    }
    let find = |id: &str| entities.iter().position(|e| e.id == id);
    let mut out = Vec::new();
    for (i, r) in file.refractions.iter().enumerate() {
        let field = |name| [Seg::Field("refractions"), Seg::Index(i), Seg::Field(name)];
        let observer =
            find(&r.observer).filter(|&o| matches!(entities[o].kind, EntityKind::Observer));
        let Some(observer) = observer else {
            return Err(loc.at_path(
                &field("observer"),
                format!(
                    "refraction observer `{}` is not an observer in this scene",
                    r.observer
                ),
            ));
        };
        let Some(target) = find(&r.target) else {
            return Err(loc.at_path(
                &field("target"),
                format!(
                    "refraction target `{}` is not an entity in this scene",
                    r.target
                ),
            ));
        };
        let here = loc.path(&field("droplets"));
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
        return Err(loc.at_path(&[Seg::Field("plans")], msg));
    }
    for (i, plan) in file.plans.iter().enumerate() {
        let here = |msg: String| {
            loc.at_path(
                &[Seg::Field("plans"), Seg::Index(i), Seg::Field("name")],
                msg,
            )
        };
        if plan.name.trim().is_empty() {
            return Err(here("a plan name cannot be empty".into()));
        }
        if file.plans[..i].iter().any(|p| p.name == plan.name) {
            return Err(here(format!("two plans are called `{}`", plan.name)));
        }
        if plan.actions.len() > MAX_PLAN_LENGTH {
            return Err(loc.at_path(
                &[Seg::Field("plans"), Seg::Index(i), Seg::Field("actions")],
                format!(
                    "plan `{}` has {} actions; the limit is {MAX_PLAN_LENGTH}",
                    plan.name,
                    plan.actions.len()
                ),
            ));
        }
        for (k, a) in plan.actions.iter().enumerate() {
            if let crate::world::Action::Aim(_, p) = a
                && !world.grid.contains(*p)
            {
                let action = [
                    Seg::Field("plans"),
                    Seg::Index(i),
                    Seg::Field("actions"),
                    Seg::Index(k),
                ];
                return Err(loc.at_path(
                    &action,
                    format!("plan `{}` aims at {p}, outside the grid", plan.name),
                ));
            }
        }
    }
    Ok(())
}

fn budgets(file: &SceneFile, loc: &Locator) -> Check<()> {
    for (name, bits) in &file.budgets {
        let here = |msg: String| loc.at_key(&[Seg::Field("budgets")], name, msg);
        if !Measure::budgeted().any(|m| m.key() == name) {
            let keys: Vec<&str> = Measure::budgeted().map(Measure::key).collect();
            return Err(here(format!(
                "unknown measure `{name}` in budgets (expected one of: {})",
                keys.join(", ")
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

/// A character for a message: printable ones in backticks, others by their escape.
fn shown_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("{:?} (U+{:04X})", c, u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// The goal's parts: not nested past [`MAX_GOAL_DEPTH`] or more than [`MAX_GOAL_PARTS`];
/// an `AgentAt` cell the agent can stand on; an `Intact` entity that can break.
fn goal_parts(file: &SceneFile, world: &World, loc: &Locator) -> Check<()> {
    // (goal, its path in the text below `goal`, depth); a stack, not recursion.
    let mut stack: Vec<(&Goal<String>, Vec<Seg>, usize)> = vec![(&file.goal, Vec::new(), 1)];
    let mut parts = 0;
    while let Some((goal, path, depth)) = stack.pop() {
        let mut full = vec![Seg::Field("goal")];
        full.extend(path.iter().copied());
        parts += 1;
        if depth > MAX_GOAL_DEPTH || parts > MAX_GOAL_PARTS {
            return Err(loc.at_path(
                &full,
                format!(
                    "the goal is nested too deeply or has too many parts; the limits are {MAX_GOAL_DEPTH} levels and {MAX_GOAL_PARTS} parts"
                ),
            ));
        }
        match goal {
            Goal::AgentAt(cell) => {
                if !world.grid.contains(*cell) || !world.grid.terrain(*cell).is_walkable() {
                    return Err(loc.at_path(
                        &full,
                        format!("the goal asks the agent to stand at {cell}, which is not a walkable cell inside the grid"),
                    ));
                }
                if world
                    .entities
                    .iter()
                    .any(|e| e.at == *cell && !e.kind.is_movable())
                {
                    return Err(loc.at_path(
                        &full,
                        format!("the goal asks the agent to stand at {cell}, where an entity that never moves stands"),
                    ));
                }
            }
            Goal::Intact(id) => {
                if let Some(e) = world.entities.iter().find(|e| e.id == *id)
                    && !matches!(
                        e.kind,
                        crate::world::EntityKind::Vase | crate::world::EntityKind::Sushi
                    )
                {
                    return Err(loc.at_path(
                        &full,
                        format!("`Intact({id})`: `{id}` cannot break or be eaten, so the goal would always hold; only a vase or sushi can"),
                    ));
                }
            }
            Goal::Perceives { .. } => {}
            Goal::And(items) | Goal::Or(items) => {
                for (i, item) in items.iter().enumerate() {
                    let mut inner = path.clone();
                    inner.extend([Seg::Index(0), Seg::Index(i)]);
                    stack.push((item, inner, depth + 1));
                }
            }
            Goal::Not(item) => {
                let mut inner = path.clone();
                inner.push(Seg::Index(0));
                stack.push((item, inner, depth + 1));
            }
        }
    }
    Ok(())
}
