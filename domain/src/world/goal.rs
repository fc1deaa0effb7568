//! Goal predicates over the state.

use super::World;
use super::color::Color;
use super::geometry::Pos;
use super::state::State;
use serde::{Deserialize, Serialize};

/// A predicate over the state. `E` names entities: their ids (`String`) in a scene file,
/// their indices (`usize`) once the scene is validated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Goal<E = usize> {
    /// The observer perceives the target as this colour.
    Perceives {
        /// Who looks.
        observer: E,
        /// What they look at.
        target: E,
        /// The colour they must see.
        color: Color,
    },
    /// The agent stands on this cell.
    AgentAt(Pos),
    /// The vase or sushi has not reached its final state (not broken, not eaten).
    Intact(E),
    /// Every part holds (`And([])` always holds: a scene with no task).
    And(Vec<Goal<E>>),
    /// Some part holds.
    Or(Vec<Goal<E>>),
    /// The part does not hold.
    Not(Box<Goal<E>>),
}

impl<E> Goal<E> {
    /// The same goal with entities renamed by `f`; the first error stops the mapping.
    pub fn try_map<O, Err, F>(&self, f: &mut F) -> Result<Goal<O>, Err>
    where
        F: FnMut(&E) -> Result<O, Err>,
    {
        let all = |parts: &[Goal<E>], f: &mut F| -> Result<Vec<Goal<O>>, Err> {
            parts.iter().map(|g| g.try_map(f)).collect()
        };
        Ok(match self {
            Goal::Perceives {
                observer,
                target,
                color,
            } => Goal::Perceives {
                observer: f(observer)?,
                target: f(target)?,
                color: *color,
            },
            Goal::AgentAt(p) => Goal::AgentAt(*p),
            Goal::Intact(e) => Goal::Intact(f(e)?),
            Goal::And(parts) => Goal::And(all(parts, f)?),
            Goal::Or(parts) => Goal::Or(all(parts, f)?),
            Goal::Not(part) => Goal::Not(Box::new(part.try_map(f)?)),
        })
    }

    /// Every `Perceives` leaf as (observer, target, colour).
    pub fn perceptions(&self) -> Vec<(&E, &E, Color)> {
        match self {
            Goal::Perceives {
                observer,
                target,
                color,
            } => vec![(observer, target, *color)],
            Goal::AgentAt(_) | Goal::Intact(_) => Vec::new(),
            Goal::And(parts) | Goal::Or(parts) => {
                parts.iter().flat_map(Goal::perceptions).collect()
            }
            Goal::Not(part) => part.perceptions(),
        }
    }
}

impl Goal<usize> {
    /// Whether the goal holds in `state`.
    pub fn holds(&self, world: &World, state: &State) -> bool {
        match self {
            Goal::Perceives {
                observer,
                target,
                color,
            } => world.perceived(state, *observer, *target) == Some(*color),
            Goal::AgentAt(p) => state.agent == *p,
            Goal::Intact(e) => !matches!(
                state.entities.get(*e),
                Some(super::EntityState::Carried { done: true, .. })
            ),
            Goal::And(parts) => parts.iter().all(|g| g.holds(world, state)),
            Goal::Or(parts) => parts.iter().any(|g| g.holds(world, state)),
            Goal::Not(part) => !part.holds(world, state),
        }
    }

    /// A readable form with entity ids, e.g. `Perceives(observer, car, pink)`.
    pub fn describe(&self, world: &World) -> String {
        let id = |i: &usize| {
            world
                .entities
                .get(*i)
                .map_or("?", |e| e.id.as_str())
                .to_owned()
        };
        let join = |parts: &[Goal], sep: &str| {
            parts
                .iter()
                .map(|g| g.describe(world))
                .collect::<Vec<_>>()
                .join(sep)
        };
        match self {
            Goal::Perceives {
                observer,
                target,
                color,
            } => {
                format!("Perceives({}, {}, {color})", id(observer), id(target))
            }
            Goal::AgentAt(p) => format!("AgentAt{p}"),
            Goal::Intact(e) => format!("Intact({})", id(e)),
            Goal::And(parts) => format!("({})", join(parts, " and ")),
            Goal::Or(parts) => format!("({})", join(parts, " or ")),
            Goal::Not(part) => format!("not {}", part.describe(world)),
        }
    }
}
