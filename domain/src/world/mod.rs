//! The world model: a grid, its entities, the agent, technologies, and a deterministic
//! step function. Nothing here knows about files, languages or the GUI.

mod action;
mod color;
mod effect;
mod entity;
mod geometry;
mod goal;
mod grid;
mod pathing;
mod perception;
mod state;
mod step;
mod technology;
mod variable;

pub use action::Action;
pub use color::Color;
pub use effect::{Baseline, Outcome};
pub use entity::{Entity, EntityKind, EntityState, MAX_LAB_WORK};
pub use geometry::{Dir, Pos};
pub use goal::Goal;
pub use grid::{Grid, Terrain};
pub use pathing::DistanceField;
pub use perception::{PerceptionTrace, line_of_sight};
pub use state::{EncodingError, State, StateCodec};
pub use technology::{TechId, TechLevel, TechLevels, TechTree};
pub use variable::{Change, Prop, Value, Var, VarKind, changes, entity_values};

/// A droplet arrangement that, seen by `observer`, makes `target` look `color`.
///
/// Which arrangements refract which colour is a fact of the scene's optics (sun angle,
/// droplet size), so the scene states it rather than the program simulating wave optics.
#[derive(Clone, Debug, PartialEq)]
pub struct Refraction {
    /// Index of the observer who sees the effect.
    pub observer: usize,
    /// Index of the entity whose appearance changes.
    pub target: usize,
    /// The colour it appears.
    pub color: Color,
    /// The exact set of mist cells that must hold droplets (sorted, no repeats).
    pub droplets: Vec<Pos>,
}

/// The fixed part of a scene: terrain, entities, where the agent starts, the optics,
/// and the technologies with their default levels.
#[derive(Clone, Debug, PartialEq)]
pub struct World {
    /// Terrain.
    pub grid: Grid,
    /// Entities, in scene order; variables refer to them by index.
    pub entities: Vec<Entity>,
    /// The agent's starting cell.
    pub agent_start: Pos,
    /// Droplet arrangements and the colours they refract.
    pub refractions: Vec<Refraction>,
    /// The technologies and their levels as the scene sets them.
    pub technologies: TechLevels,
    /// Which technologies each technology needs before it can be developed, by the ids
    /// of [`Self::technologies`].
    pub tree: TechTree,
    /// Entity index per cell, row-major, for constant-time lookups.
    occupancy: Vec<Option<usize>>,
}

impl World {
    /// A world from its parts. The caller (scene validation) has checked that positions
    /// lie in the grid and that no two entities share a cell.
    pub fn new(
        grid: Grid,
        entities: Vec<Entity>,
        agent_start: Pos,
        refractions: Vec<Refraction>,
        technologies: TechLevels,
    ) -> Self {
        let mut occupancy = vec![None; grid.len()];
        for (i, e) in entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.kind.is_movable())
        {
            if let Some(cell) = grid.index(e.at) {
                occupancy[cell] = Some(i);
            }
        }
        let tree = TechTree::flat(technologies.len());
        Self {
            grid,
            entities,
            agent_start,
            refractions,
            technologies,
            tree,
            occupancy,
        }
    }

    /// This world with the technology tree `tree` (one entry per technology).
    pub fn with_tree(mut self, tree: TechTree) -> Self {
        self.tree = tree;
        self
    }

    /// Every technology, prerequisites first, ties by name (see [`TechTree::tree_order`]).
    pub fn tree_order(&self) -> Vec<TechId> {
        self.tree.tree_order()
    }

    /// The technologies `id` needs before it can be developed.
    pub fn prerequisites(&self, id: TechId) -> &[TechId] {
        self.tree.prerequisites(id)
    }

    /// Whether technology `id` works in `state` with the setting's levels `tech`: its
    /// level is available or commodified, or a development site for it has done all its
    /// work. No technology needed (`None`) always works.
    pub fn technology_works(&self, tech: &TechLevels, state: &State, id: Option<TechId>) -> bool {
        let Some(id) = id else { return true };
        tech.works(Some(id)) || self.developed_in(state, id)
    }

    /// Whether a development site for `id` has done all its work in `state`.
    pub fn developed_in(&self, state: &State, id: TechId) -> bool {
        self.entities
            .iter()
            .zip(&state.entities)
            .any(|(e, s)| match (&e.kind, s) {
                (EntityKind::Lab { develops, work }, EntityState::Lab { progress }) => {
                    *develops == id && progress >= work
                }
                _ => false,
            })
    }

    /// Whether every prerequisite of `id` works in `state`.
    pub fn prerequisites_work(&self, tech: &TechLevels, state: &State, id: TechId) -> bool {
        self.prerequisites(id)
            .iter()
            .all(|&p| self.technology_works(tech, state, Some(p)))
    }

    /// The entity that never moves standing on `p`, if any.
    pub fn entity_at(&self, p: Pos) -> Option<usize> {
        self.grid.index(p).and_then(|i| self.occupancy[i])
    }

    /// The entity on `p` in `state`, fixed or movable.
    pub fn occupant(&self, state: &State, p: Pos) -> Option<usize> {
        self.entity_at(p).or_else(|| {
            state.entities.iter().position(|e| match e {
                EntityState::Crate { at } | EntityState::Carried { at, .. } => *at == p,
                _ => false,
            })
        })
    }

    /// Where entity `index` is in `state`.
    pub fn position(&self, state: &State, index: usize) -> Option<Pos> {
        match state.entities.get(index)? {
            EntityState::Crate { at } | EntityState::Carried { at, .. } => Some(*at),
            _ => self.entities.get(index).map(|e| e.at),
        }
    }

    /// Whether the agent may step onto `p` in `state` without pushing: walkable terrain and
    /// nothing that blocks. A vase or sushi dish in its final state (broken, eaten) no
    /// longer blocks: that is what reproduces the published state counts of the
    /// conveyor-belt benchmarks (370 states rather than 369).
    pub fn is_free_in(&self, state: &State, p: Pos) -> bool {
        self.grid.terrain(p).is_walkable()
            && self.entity_at(p).is_none()
            && !state.entities.iter().any(|e| match e {
                EntityState::Crate { at } | EntityState::Carried { at, done: false } => *at == p,
                _ => false,
            })
    }

    /// Index of the entity with this id.
    pub fn entity_index(&self, id: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.id == id)
    }

    /// The primitive actions that can change something in this world, Noop first: moves
    /// always; interactions only where an entity or mist can answer them (taking and
    /// applying paint, switching, aiming at cars, setting colours, condensing droplets,
    /// working at development sites).
    /// State spaces are enumerated over these.
    pub fn actions(&self) -> Vec<Action> {
        let mut actions = vec![Action::Noop];
        actions.extend(Dir::ALL.map(Action::Move));
        let has = |f: fn(&EntityKind) -> bool| self.entities.iter().any(|e| f(&e.kind));
        let shops = has(|k| matches!(k, EntityKind::PaintShop { .. }));
        let projectors = has(|k| matches!(k, EntityKind::Projector { .. }));
        let interfaces = has(|k| matches!(k, EntityKind::NeuralInterface { .. }));
        let labs = has(|k| matches!(k, EntityKind::Lab { .. }));
        let mist = self
            .grid
            .cells()
            .any(|p| self.grid.terrain(p) == Terrain::Mist);
        for d in Dir::ALL {
            if shops {
                actions.extend([Action::Take(d), Action::Apply(d)]);
            }
            if projectors {
                actions.push(Action::Toggle(d));
                let cars = self
                    .entities
                    .iter()
                    .filter(|e| matches!(e.kind, EntityKind::Car));
                actions.extend(cars.map(|car| Action::Aim(d, car.at)));
            }
            if projectors || interfaces {
                actions.extend(Color::ALL.map(|c| Action::Set(d, c)));
            }
            if mist {
                actions.push(Action::Place(d));
            }
            if labs {
                actions.push(Action::Work(d));
            }
        }
        actions
    }

    /// An unlit light field: one cell per grid cell in worlds with projectors, else empty.
    fn initial_light(&self) -> Vec<Option<Color>> {
        if self
            .entities
            .iter()
            .any(|e| matches!(e.kind, EntityKind::Projector { .. }))
        {
            vec![None; self.grid.len()]
        } else {
            Vec::new()
        }
    }

    /// The state before any action.
    pub fn initial_state(&self) -> State {
        let mut state = State {
            agent: self.agent_start,
            holding: None,
            entities: self.entities.iter().map(|e| e.initial.clone()).collect(),
            light: self.initial_light(),
            droplets: if self
                .grid
                .cells()
                .any(|p| self.grid.terrain(p) == Terrain::Mist)
            {
                vec![false; self.grid.len()]
            } else {
                Vec::new()
            },
            ended: false,
        };
        self.project_light(&mut state);
        state
    }
}

#[cfg(test)]
mod tests;
