//! The deterministic step function: state × action → state.

use super::World;
use super::action::Action;
use super::entity::{EntityKind, EntityState};
use super::grid::Terrain;
use super::state::State;
use super::technology::TechLevels;

impl World {
    /// The state after the agent does `action` in `state`, with technologies at `tech`.
    /// An action that does not apply (a wall, nothing to take, a locked technology)
    /// leaves the state unchanged, like `Noop`.
    pub fn step(&self, tech: &TechLevels, state: &State, action: Action) -> State {
        let mut next = state.clone();
        self.apply(tech, &mut next, action);
        next
    }

    /// Run a sequence of actions; the trajectory has one more state than there are actions.
    pub fn run(&self, tech: &TechLevels, actions: &[Action]) -> Vec<State> {
        let mut trajectory = Vec::with_capacity(actions.len() + 1);
        let mut state = self.initial_state();
        for &action in actions {
            let next = self.step(tech, &state, action);
            trajectory.push(std::mem::replace(&mut state, next));
        }
        trajectory.push(state);
        trajectory
    }

    fn apply(&self, tech: &TechLevels, s: &mut State, action: Action) {
        if s.ended {
            return;
        }
        self.act(tech, s, action);
        self.advance_belts(s);
        if self.grid.terrain(s.agent) == Terrain::Goal {
            s.ended = true;
        }
    }

    /// The agent's part of a step.
    fn act(&self, tech: &TechLevels, s: &mut State, action: Action) {
        let dir = match action {
            Action::Noop => return,
            Action::Move(d)
            | Action::Take(d)
            | Action::Apply(d)
            | Action::Toggle(d)
            | Action::Aim(d, _)
            | Action::Set(d, _)
            | Action::Place(d)
            | Action::Work(d) => d,
        };
        let cell = s.agent.step(dir);
        if let Action::Move(_) = action {
            self.walk(s, cell, dir);
            return;
        }
        if let Action::Place(_) = action {
            if self.grid.terrain(cell) == Terrain::Mist
                && self.occupant(s, cell).is_none()
                && let Some(i) = self.grid.index(cell)
                && let Some(d) = s.droplets.get_mut(i)
            {
                *d = true;
            }
            return;
        }
        let Some(target) = self.occupant(s, cell) else {
            return;
        };
        let entity = &self.entities[target];
        if !self.technology_works(tech, s, entity.requires) {
            return;
        }
        if let (Action::Work(_), EntityKind::Lab { develops, work }) = (action, &entity.kind) {
            // Work counts only while the technology does not work yet and everything it
            // needs does; a step of work before then does nothing.
            let ready = !self.technology_works(tech, s, Some(*develops))
                && self.prerequisites_work(tech, s, *develops);
            if ready && let EntityState::Lab { progress } = &mut s.entities[target] {
                *progress = (*progress + 1).min(*work);
            }
            return;
        }
        let mut projector_changed = false;
        match (action, &entity.kind, &mut s.entities[target]) {
            (Action::Take(_), EntityKind::PaintShop { color }, _) if s.holding.is_none() => {
                s.holding = Some(*color);
            }
            (Action::Apply(_), EntityKind::Car, EntityState::Car { paint }) => {
                if let Some(color) = s.holding.take() {
                    *paint = color;
                }
            }
            (
                Action::Toggle(_),
                EntityKind::Projector { .. },
                EntityState::Projector { on, .. },
            ) => {
                *on = !*on;
                projector_changed = true;
            }
            (
                Action::Aim(_, at),
                EntityKind::Projector { .. },
                EntityState::Projector { aim, .. },
            ) if self.grid.contains(at) => {
                *aim = Some(at);
                projector_changed = true;
            }
            (
                Action::Set(_, c),
                EntityKind::Projector { .. },
                EntityState::Projector { color, .. },
            ) => {
                *color = c;
                projector_changed = true;
            }
            (Action::Set(_, c), EntityKind::NeuralInterface { subject }, _) => {
                if let Some(EntityState::Observer { percept }) = s.entities.get_mut(*subject) {
                    *percept = Some(c);
                }
            }
            _ => {}
        }
        if projector_changed {
            self.project_light(s);
        }
    }

    /// Step onto `cell`, pushing a movable object one cell further in `dir` if the cell
    /// beyond is walkable and free; otherwise stay. Objects in their final state neither
    /// move nor block.
    fn walk(&self, s: &mut State, cell: super::Pos, dir: super::Dir) {
        if self.is_free_in(s, cell) {
            s.agent = cell;
            return;
        }
        if !self.grid.terrain(cell).is_walkable() || self.entity_at(cell).is_some() {
            return;
        }
        let beyond = cell.step(dir);
        if !self.is_free_in(s, beyond) {
            return;
        }
        let pushed = s.entities.iter_mut().find(|e| match e {
            EntityState::Crate { at } | EntityState::Carried { at, done: false } => *at == cell,
            _ => false,
        });
        if let Some(EntityState::Crate { at } | EntityState::Carried { at, .. }) = pushed {
            *at = beyond;
            s.agent = cell;
        }
    }

    /// Belts carry each object on them one cell east, unless something blocks the way; an
    /// object the belt carries onto its end reaches its final state there. (An object the
    /// agent pushes onto the end stays intact: only the belt delivers.)
    fn advance_belts(&self, s: &mut State) {
        for i in 0..s.entities.len() {
            let EntityState::Carried { at, done: false } = s.entities[i] else {
                continue;
            };
            if self.grid.terrain(at) != Terrain::Belt {
                continue;
            }
            let next = at.step(super::Dir::E);
            if self.is_free_in(s, next) && s.agent != next {
                let done = self.grid.terrain(next) == Terrain::BeltEnd;
                s.entities[i] = EntityState::Carried { at: next, done };
            }
        }
    }

    /// Recompute the light field from the projectors: each projector that is on and aimed
    /// lights the non-wall cells within its radius of the aim point with its colour.
    pub(super) fn project_light(&self, s: &mut State) {
        s.light.iter_mut().for_each(|l| *l = None);
        for (entity, state) in self.entities.iter().zip(&s.entities) {
            let (
                EntityKind::Projector { radius },
                EntityState::Projector {
                    on: true,
                    aim: Some(aim),
                    color,
                },
            ) = (&entity.kind, state)
            else {
                continue;
            };
            for dy in -radius..=*radius {
                for dx in -radius..=*radius {
                    let p = super::Pos::new(aim.x + dx, aim.y + dy);
                    if self.grid.terrain(p) != Terrain::Wall
                        && let Some(i) = self.grid.index(p)
                        && let Some(l) = s.light.get_mut(i)
                    {
                        *l = Some(*color);
                    }
                }
            }
        }
    }
}
