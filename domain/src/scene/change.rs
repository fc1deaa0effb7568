//! The edits an editor makes to a scene, as data: each names itself for the Edit menu and
//! changes the scene's file form ([`SceneFile`]). [`super::SceneEdits::apply`] checks the
//! result and refuses it, with the reason, when the scene would be invalid. A change that
//! cannot even be made (a cell outside the grid, an unknown entity) is refused here, with
//! its own reason, before any check.

use super::Plan;
use super::file::{EntityFile, EntityKindFile, RefractionFile, SceneFile};
use crate::world::{Action, Color, Goal, Pos, Terrain};

/// One edit of a scene.
#[derive(Clone, Debug, PartialEq)]
pub enum SceneChange {
    /// Paint these cells with a terrain (a stroke sends one per frame, coalesced).
    PaintTerrain {
        /// The cells.
        cells: Vec<Pos>,
        /// What they become.
        terrain: Terrain,
    },
    /// Add an entity.
    PlaceEntity(EntityFile),
    /// Move the entity with this id to a cell.
    MoveEntity {
        /// Its id.
        id: String,
        /// Where to.
        to: Pos,
    },
    /// Remove the entity with this id.
    DeleteEntity(String),
    /// Replace the entity with id `id` by `entity`; a new id is renamed everywhere the old
    /// one was named (the goal, refractions, neural interfaces).
    SetEntity {
        /// Its id before the change.
        id: String,
        /// The entity after it.
        entity: EntityFile,
    },
    /// Move the agent's starting cell.
    MoveAgent(Pos),
    /// Resize the grid, keeping what is inside the new size (new cells are floor).
    Resize {
        /// Columns.
        width: usize,
        /// Rows.
        height: usize,
    },
    /// Set the scene's name.
    SetName(String),
    /// Set the scene's description.
    SetDescription(String),
    /// Replace the goal.
    SetGoal(Goal<String>),
    /// Set (or with `None` remove) a measure's budget, by the measure's key.
    SetBudget {
        /// The measure's key.
        measure: String,
        /// Bits.
        bits: Option<f64>,
    },
    /// Add a refraction pattern.
    AddRefraction(RefractionFile),
    /// Replace the refraction pattern at this index.
    SetRefraction(usize, RefractionFile),
    /// Remove the refraction pattern at this index.
    RemoveRefraction(usize),
    /// Add the cell to the pattern's droplets, or remove it if it is there.
    ToggleDroplet {
        /// The pattern's index.
        refraction: usize,
        /// The mist cell.
        cell: Pos,
    },
    /// Add a plan at the end.
    AddPlan(Plan),
    /// Replace the plan at this index (its name, description or steps).
    SetPlan(usize, Plan),
    /// Remove the plan at this index.
    RemovePlan(usize),
    /// Add a copy of the plan at this index after it, under a new name.
    DuplicatePlan(usize),
    /// Move the plan at `from` to `to`.
    MovePlan {
        /// Its index now.
        from: usize,
        /// Its index after.
        to: usize,
    },
    /// Add a step to the end of the plan at this index (recording).
    AppendStep(usize, Action),
    /// Replace the scene's language list.
    SetLanguages(Vec<String>),
}

impl SceneChange {
    /// Its name in the Edit menu ("Undo paint wall"). Changes of one name coalesce within
    /// a drag, so a name is per kind, not per value.
    pub fn label(&self) -> String {
        match self {
            SceneChange::PaintTerrain { terrain, .. } => {
                format!("paint {}", terrain_word(*terrain))
            }
            SceneChange::PlaceEntity(e) => format!("place {}", e.id),
            SceneChange::MoveEntity { id, .. } => format!("move {id}"),
            SceneChange::DeleteEntity(id) => format!("delete {id}"),
            SceneChange::SetEntity { id, .. } => format!("edit {id}"),
            SceneChange::MoveAgent(_) => "move the agent".into(),
            SceneChange::Resize { .. } => "resize the grid".into(),
            SceneChange::SetName(_) => "rename the scene".into(),
            SceneChange::SetDescription(_) => "edit the description".into(),
            SceneChange::SetGoal(_) => "edit the goal".into(),
            SceneChange::SetBudget { measure, .. } => format!("{measure} budget"),
            SceneChange::AddRefraction(_) => "add a refraction".into(),
            SceneChange::SetRefraction(..) => "edit a refraction".into(),
            SceneChange::RemoveRefraction(_) => "remove a refraction".into(),
            SceneChange::ToggleDroplet { .. } => "pick droplets".into(),
            SceneChange::AddPlan(p) => format!("add plan {}", p.name),
            SceneChange::SetPlan(_, p) => format!("edit plan {}", p.name),
            SceneChange::RemovePlan(_) => "delete a plan".into(),
            SceneChange::DuplicatePlan(_) => "duplicate a plan".into(),
            SceneChange::MovePlan { .. } => "reorder the plans".into(),
            SceneChange::AppendStep(..) => "record steps".into(),
            SceneChange::SetLanguages(_) => "edit the languages".into(),
        }
    }

    /// Make the change to `file`. `Ok(false)`: nothing changed; `Err`: it cannot be made,
    /// and why.
    pub fn apply(&self, file: &mut SceneFile) -> Result<bool, String> {
        match self {
            SceneChange::PaintTerrain { cells, terrain } => paint(file, cells, *terrain),
            SceneChange::PlaceEntity(entity) => {
                if file.entities.iter().any(|e| e.id == entity.id) {
                    return Err(format!("an entity already has the id `{}`", entity.id));
                }
                file.entities.push(entity.clone());
                Ok(true)
            }
            SceneChange::MoveEntity { id, to } => {
                let entity = entity_mut(file, id)?;
                Ok(std::mem::replace(&mut entity.at, *to) != *to)
            }
            SceneChange::DeleteEntity(id) => {
                let index = entity_index(file, id)?;
                if let Some(user) = naming(file, id) {
                    return Err(format!("`{id}` is named by {user}; change that first"));
                }
                file.entities.remove(index);
                Ok(true)
            }
            SceneChange::SetEntity { id, entity } => {
                let index = entity_index(file, id)?;
                if file.entities[index] == *entity {
                    return Ok(false);
                }
                if entity.id != *id {
                    if file.entities.iter().any(|e| e.id == entity.id) {
                        return Err(format!("an entity already has the id `{}`", entity.id));
                    }
                    rename(file, id, &entity.id);
                }
                file.entities[index] = entity.clone();
                Ok(true)
            }
            SceneChange::MoveAgent(to) => Ok(std::mem::replace(&mut file.agent, *to) != *to),
            SceneChange::Resize { width, height } => resize(file, *width, *height),
            SceneChange::SetName(name) => Ok(set(&mut file.name, name.clone())),
            SceneChange::SetDescription(text) => Ok(set(&mut file.description, text.clone())),
            SceneChange::SetGoal(goal) => Ok(set(&mut file.goal, goal.clone())),
            SceneChange::SetBudget { measure, bits } => Ok(match bits {
                Some(bits) => file.budgets.insert(measure.clone(), *bits) != Some(*bits),
                None => file.budgets.remove(measure).is_some(),
            }),
            SceneChange::AddRefraction(r) => {
                file.refractions.push(r.clone());
                Ok(true)
            }
            SceneChange::SetRefraction(i, r) => Ok(set(refraction_mut(file, *i)?, r.clone())),
            SceneChange::RemoveRefraction(i) => {
                refraction_mut(file, *i)?;
                file.refractions.remove(*i);
                Ok(true)
            }
            SceneChange::ToggleDroplet { refraction, cell } => {
                let droplets = &mut refraction_mut(file, *refraction)?.droplets;
                match droplets.iter().position(|d| d == cell) {
                    Some(i) => {
                        droplets.remove(i);
                    }
                    None => droplets.push(*cell),
                }
                Ok(true)
            }
            SceneChange::AddPlan(plan) => {
                if file.plans.iter().any(|p| p.name == plan.name) {
                    return Err(format!("a plan is already named `{}`", plan.name));
                }
                file.plans.push(plan.clone());
                Ok(true)
            }
            SceneChange::SetPlan(i, plan) => {
                if file
                    .plans
                    .iter()
                    .enumerate()
                    .any(|(j, p)| j != *i && p.name == plan.name)
                {
                    return Err(format!("a plan is already named `{}`", plan.name));
                }
                Ok(set(plan_mut(file, *i)?, plan.clone()))
            }
            SceneChange::RemovePlan(i) => {
                plan_mut(file, *i)?;
                file.plans.remove(*i);
                Ok(true)
            }
            SceneChange::DuplicatePlan(i) => {
                let mut copy = plan_mut(file, *i)?.clone();
                copy.name = fresh_name(&copy.name, |n| file.plans.iter().any(|p| p.name == n));
                file.plans.insert(i + 1, copy);
                Ok(true)
            }
            SceneChange::MovePlan { from, to } => {
                plan_mut(file, *from)?;
                let to = (*to).min(file.plans.len() - 1);
                if *from == to {
                    return Ok(false);
                }
                let plan = file.plans.remove(*from);
                file.plans.insert(to, plan);
                Ok(true)
            }
            SceneChange::AppendStep(i, action) => {
                plan_mut(file, *i)?.actions.push(*action);
                Ok(true)
            }
            SceneChange::SetLanguages(names) => Ok(set(&mut file.languages, names.clone())),
        }
    }
}

/// The lower-case word for a terrain in edit names and palettes.
pub fn terrain_word(terrain: Terrain) -> &'static str {
    match terrain {
        Terrain::Floor => "floor",
        Terrain::Wall => "wall",
        Terrain::Mist => "mist",
        Terrain::Goal => "goal",
        Terrain::Belt => "belt",
        Terrain::BeltEnd => "belt end",
    }
}

/// `name`, or `name 2`, `name 3`, … : the first that `taken` says is free.
pub fn fresh_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_owned();
    }
    // A scene has at most a few hundred names, so this ends long before the bound.
    (2..=100_000)
        .map(|k| format!("{name} {k}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| format!("{name} copy"))
}

/// A new entity of this kind at `at`, with a fresh id and the defaults a user would start
/// from (a neural interface wires itself to the first observer).
pub fn new_entity(file: &SceneFile, kind: EntityKindFile, at: Pos) -> EntityFile {
    let base = kind_word(&kind);
    let taken = |n: &str| file.entities.iter().any(|e| e.id == n);
    let id = if taken(base) {
        (2..)
            .map(|k| format!("{base}{k}"))
            .find(|n| !taken(n))
            .unwrap_or_default()
    } else {
        base.to_owned()
    };
    EntityFile {
        id,
        at,
        kind,
        requires: None,
    }
}

/// The kinds an editor can place, with their defaults.
pub fn placeable_kinds(file: &SceneFile) -> Vec<EntityKindFile> {
    let observer = file
        .entities
        .iter()
        .find(|e| matches!(e.kind, EntityKindFile::Observer { .. }))
        .map(|e| e.id.clone())
        .unwrap_or_default();
    // A lab develops a technology the scene does not yet have; with none locked, the
    // first, which the check then refuses with the reason.
    let locked = file
        .technologies
        .iter()
        .find(|(_, level)| **level == crate::world::TechLevel::Locked)
        .map(|(name, _)| name);
    let tech = locked
        .or_else(|| file.technologies.keys().next())
        .cloned()
        .unwrap_or_default();
    vec![
        EntityKindFile::Car { paint: Color::Grey },
        EntityKindFile::Observer { percept: None },
        EntityKindFile::PaintShop { color: Color::Pink },
        EntityKindFile::Projector {
            color: Color::White,
            radius: 1,
            on: false,
            aim: None,
        },
        EntityKindFile::NeuralInterface { subject: observer },
        EntityKindFile::Box,
        EntityKindFile::Vase,
        EntityKindFile::Sushi,
        EntityKindFile::Lab {
            develops: tech,
            work: 3,
        },
    ]
}

/// The word for an entity kind: ids of new entities and palette labels.
pub fn kind_word(kind: &EntityKindFile) -> &'static str {
    match kind {
        EntityKindFile::Car { .. } => "car",
        EntityKindFile::PaintShop { .. } => "shop",
        EntityKindFile::Projector { .. } => "projector",
        EntityKindFile::NeuralInterface { .. } => "interface",
        EntityKindFile::Observer { .. } => "observer",
        EntityKindFile::Box => "box",
        EntityKindFile::Vase => "vase",
        EntityKindFile::Sushi => "sushi",
        EntityKindFile::Lab { .. } => "lab",
    }
}

fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    if *slot == value {
        return false;
    }
    *slot = value;
    true
}

fn paint(file: &mut SceneFile, cells: &[Pos], terrain: Terrain) -> Result<bool, String> {
    let mut rows: Vec<Vec<char>> = file.grid.iter().map(|r| r.chars().collect()).collect();
    let symbol = terrain.symbol();
    let mut changed = false;
    // A wall cannot hold the agent or an entity: a stroke passes over their cells rather
    // than being refused whole, and only a stroke of nothing else is refused.
    let occupied = |p: &Pos| *p == file.agent || file.entities.iter().any(|e| e.at == *p);
    let blocked = !terrain.is_walkable();
    if blocked
        && let Some(p) = cells
            .iter()
            .find(|p| occupied(p))
            .filter(|_| cells.iter().all(occupied))
    {
        return Err(format!(
            "{p} holds the agent or an entity; a {} cannot go there",
            terrain_word(terrain)
        ));
    }
    for p in cells.iter().filter(|p| !(blocked && occupied(p))) {
        let cell = usize::try_from(p.y)
            .ok()
            .and_then(|y| rows.get_mut(y))
            .zip(usize::try_from(p.x).ok())
            .and_then(|(row, x)| row.get_mut(x))
            .ok_or_else(|| format!("{p} is outside the grid"))?;
        changed |= std::mem::replace(cell, symbol) != symbol;
    }
    if changed {
        file.grid = rows.into_iter().map(String::from_iter).collect();
    }
    Ok(changed)
}

fn resize(file: &mut SceneFile, width: usize, height: usize) -> Result<bool, String> {
    let limit = super::MAX_GRID_SIDE;
    if width == 0 || height == 0 || width > limit || height > limit {
        return Err(format!(
            "a grid is 1 to {limit} cells on a side, not {width}×{height}"
        ));
    }
    let inside = |p: Pos| p.x >= 0 && p.y >= 0 && (p.x as usize) < width && (p.y as usize) < height;
    if let Some(e) = file.entities.iter().find(|e| !inside(e.at)) {
        return Err(format!(
            "`{}` at {} would be outside a {width}×{height} grid; move or delete it first",
            e.id, e.at
        ));
    }
    if !inside(file.agent) {
        return Err(format!(
            "the agent's start {} would be outside a {width}×{height} grid; move it first",
            file.agent
        ));
    }
    let floor = Terrain::Floor.symbol();
    let grid: Vec<String> = (0..height)
        .map(|y| {
            let row: Vec<char> = file
                .grid
                .get(y)
                .map(|r| r.chars().collect())
                .unwrap_or_default();
            (0..width)
                .map(|x| row.get(x).copied().unwrap_or(floor))
                .collect()
        })
        .collect();
    Ok(set(&mut file.grid, grid))
}

fn entity_index(file: &SceneFile, id: &str) -> Result<usize, String> {
    file.entities
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| format!("no entity has the id `{id}`"))
}

fn entity_mut<'a>(file: &'a mut SceneFile, id: &str) -> Result<&'a mut EntityFile, String> {
    let i = entity_index(file, id)?;
    Ok(&mut file.entities[i])
}

fn refraction_mut(file: &mut SceneFile, i: usize) -> Result<&mut RefractionFile, String> {
    let n = file.refractions.len();
    file.refractions
        .get_mut(i)
        .ok_or_else(|| format!("there is no refraction {i} (the scene has {n})"))
}

fn plan_mut(file: &mut SceneFile, i: usize) -> Result<&mut Plan, String> {
    let n = file.plans.len();
    file.plans
        .get_mut(i)
        .ok_or_else(|| format!("there is no plan {i} (the scene has {n})"))
}

/// What names the entity `id`, in words, if anything does.
fn naming(file: &SceneFile, id: &str) -> Option<String> {
    if goal_names(&file.goal, id) {
        return Some("the goal".into());
    }
    if let Some(r) = file
        .refractions
        .iter()
        .find(|r| r.observer == id || r.target == id)
    {
        return Some(format!(
            "the refraction that makes `{}` look {} to `{}`",
            r.target, r.color, r.observer
        ));
    }
    file.entities.iter().find_map(|e| match &e.kind {
        EntityKindFile::NeuralInterface { subject } if subject == id => {
            Some(format!("the neural interface `{}`", e.id))
        }
        _ => None,
    })
}

fn goal_names(goal: &Goal<String>, id: &str) -> bool {
    let mut found = false;
    let _ = goal.try_map(&mut |e: &String| {
        found |= e == id;
        Ok::<_, ()>(())
    });
    found
}

/// Rename the entity `from` to `to` wherever the scene names it.
fn rename(file: &mut SceneFile, from: &str, to: &str) {
    let mut swap = |e: &String| Ok::<_, ()>(if e == from { to.to_owned() } else { e.clone() });
    if let Ok(goal) = file.goal.try_map(&mut swap) {
        file.goal = goal;
    }
    for r in &mut file.refractions {
        for id in [&mut r.observer, &mut r.target] {
            if id == from {
                *id = to.to_owned();
            }
        }
    }
    for e in &mut file.entities {
        if let EntityKindFile::NeuralInterface { subject } = &mut e.kind
            && subject == from
        {
            *subject = to.to_owned();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pink_car() -> SceneFile {
        let scene = super::super::parse(
            std::path::Path::new("pink_car.ron"),
            super::super::PINK_CAR_RON,
        )
        .unwrap();
        scene.to_file()
    }

    #[test]
    fn painting_changes_only_the_cells_named_and_reports_no_change_when_equal() {
        let mut file = pink_car();
        let before = file.grid.clone();
        let wall = Terrain::Wall;
        let at = Pos::new(1, 1);
        let change = SceneChange::PaintTerrain {
            cells: vec![at],
            terrain: wall,
        };
        let already = before[1].chars().nth(1) == Some(wall.symbol());
        assert_eq!(change.apply(&mut file), Ok(!already));
        assert_eq!(file.grid[1].chars().nth(1), Some('#'));
        let differing: usize = before
            .iter()
            .zip(&file.grid)
            .map(|(a, b)| a.chars().zip(b.chars()).filter(|(x, y)| x != y).count())
            .sum();
        assert_eq!(differing, usize::from(!already));
        assert_eq!(change.apply(&mut file), Ok(false));
        let outside = SceneChange::PaintTerrain {
            cells: vec![Pos::new(-1, 0)],
            terrain: wall,
        };
        assert!(outside.apply(&mut file).unwrap_err().contains("outside"));
        // A wall stroke passes over the agent's cell; a wall on it alone is refused.
        let agent = file.agent;
        let beside = Pos::new(agent.x + 1, agent.y);
        let over = SceneChange::PaintTerrain {
            cells: vec![agent, beside],
            terrain: wall,
        };
        over.apply(&mut file).unwrap();
        let at = |f: &SceneFile, p: Pos| f.grid[p.y as usize].chars().nth(p.x as usize);
        assert_eq!(at(&file, beside), Some('#'));
        assert_ne!(at(&file, agent), Some('#'));
        let only = SceneChange::PaintTerrain {
            cells: vec![agent],
            terrain: wall,
        };
        assert!(only.apply(&mut file).unwrap_err().contains("agent"));
    }

    #[test]
    fn resizing_keeps_what_fits_and_refuses_to_drop_an_entity() {
        let mut file = pink_car();
        let (w, h) = (file.grid[0].chars().count(), file.grid.len());
        let grow = SceneChange::Resize {
            width: w + 2,
            height: h + 1,
        };
        assert_eq!(grow.apply(&mut file), Ok(true));
        assert_eq!(file.grid.len(), h + 1);
        assert!(file.grid.iter().all(|r| r.chars().count() == w + 2));
        assert!(file.grid[h].chars().all(|c| c == '.'));
        let shrink = SceneChange::Resize {
            width: 1,
            height: 1,
        };
        let before = file.clone();
        let error = shrink.apply(&mut file).unwrap_err();
        assert!(error.contains("outside"), "{error}");
        assert_eq!(file, before);
        let zero = SceneChange::Resize {
            width: 0,
            height: 3,
        };
        assert!(zero.apply(&mut file).is_err());
    }

    #[test]
    fn renaming_an_entity_renames_it_in_the_goal_and_refractions() {
        let mut file = pink_car();
        let car = file
            .entities
            .iter()
            .find(|e| matches!(e.kind, EntityKindFile::Car { .. }))
            .unwrap()
            .clone();
        let mut renamed = car.clone();
        renamed.id = "auto".into();
        let change = SceneChange::SetEntity {
            id: car.id.clone(),
            entity: renamed,
        };
        assert_eq!(change.apply(&mut file), Ok(true));
        assert!(goal_names(&file.goal, "auto"));
        assert!(!goal_names(&file.goal, &car.id));
        assert!(file.refractions.iter().all(|r| r.target != car.id));
    }

    #[test]
    fn an_entity_the_goal_names_cannot_be_deleted_and_others_can() {
        let mut file = pink_car();
        let car = file
            .entities
            .iter()
            .find(|e| matches!(e.kind, EntityKindFile::Car { .. }))
            .unwrap()
            .id
            .clone();
        let error = SceneChange::DeleteEntity(car).apply(&mut file).unwrap_err();
        assert!(error.contains("the goal"), "{error}");
        let placed = new_entity(&file, EntityKindFile::Box, Pos::new(1, 1));
        let id = placed.id.clone();
        assert_eq!(
            SceneChange::PlaceEntity(placed.clone()).apply(&mut file),
            Ok(true)
        );
        assert!(SceneChange::PlaceEntity(placed).apply(&mut file).is_err());
        assert_eq!(
            SceneChange::DeleteEntity(id.clone()).apply(&mut file),
            Ok(true)
        );
        assert!(SceneChange::DeleteEntity(id).apply(&mut file).is_err());
    }

    #[test]
    fn every_placeable_kind_can_be_placed_on_a_free_cell_of_the_pink_car() {
        // Every technology of the pink car is available: a lab is refused, saying why,
        // until one is locked.
        let mut locked = pink_car();
        locked
            .technologies
            .insert("holography".into(), crate::world::TechLevel::Locked);
        let lab = new_entity(
            &locked,
            placeable_kinds(&locked).pop().unwrap(),
            Pos::new(4, 1),
        );
        assert!(
            matches!(&lab.kind, EntityKindFile::Lab { develops, .. } if develops == "holography")
        );
        for kind in placeable_kinds(&pink_car()) {
            let mut edits = super::super::SceneEdits::new(
                super::super::parse(
                    std::path::Path::new("pink_car.ron"),
                    super::super::PINK_CAR_RON,
                )
                .unwrap(),
                None,
            );
            let placed = new_entity(edits.document().get(), kind, Pos::new(4, 1));
            let id = placed.id.clone();
            let result = edits
                .apply(&SceneChange::PlaceEntity(placed))
                .map_err(|e| e.to_string());
            if id == "lab" {
                let why = result.unwrap_err();
                assert!(why.contains("needs no development"), "{why}");
            } else {
                assert_eq!(result, Ok(true), "{id}");
            }
        }
    }

    #[test]
    fn plans_duplicate_under_a_fresh_name_reorder_and_record() {
        let mut file = pink_car();
        let n = file.plans.len();
        let first = file.plans[0].name.clone();
        assert_eq!(SceneChange::DuplicatePlan(0).apply(&mut file), Ok(true));
        assert_eq!(file.plans.len(), n + 1);
        assert_eq!(file.plans[1].name, format!("{first} 2"));
        assert_eq!(file.plans[1].actions, file.plans[0].actions);
        let mv = SceneChange::MovePlan { from: 1, to: n };
        assert_eq!(mv.apply(&mut file), Ok(true));
        assert_eq!(file.plans[n].name, format!("{first} 2"));
        let steps = file.plans[n].actions.len();
        assert_eq!(
            SceneChange::AppendStep(n, Action::Noop).apply(&mut file),
            Ok(true)
        );
        assert_eq!(file.plans[n].actions.len(), steps + 1);
        let mut clash = file.plans[0].clone();
        clash.name = first.clone();
        assert!(SceneChange::SetPlan(1, clash).apply(&mut file).is_err());
        assert!(SceneChange::RemovePlan(99).apply(&mut file).is_err());
    }

    #[test]
    fn droplets_toggle_in_and_out_of_a_pattern() {
        let mut file = pink_car();
        assert!(
            !file.refractions.is_empty(),
            "the pink car has a refraction"
        );
        let cell = Pos::new(0, 0);
        let before = file.refractions[0].droplets.clone();
        let toggle = SceneChange::ToggleDroplet {
            refraction: 0,
            cell,
        };
        toggle.apply(&mut file).unwrap();
        assert_ne!(file.refractions[0].droplets, before);
        toggle.apply(&mut file).unwrap();
        assert_eq!(file.refractions[0].droplets.len(), before.len());
    }
}
