//! Primitive actions: what the agent can do in one step.

use super::color::Color;
use super::geometry::{Dir, Pos};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One primitive action. Interactions act on the adjacent cell in the given direction;
/// an action that does not apply there (or whose technology is locked) does nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Wait one step.
    Noop,
    /// Step into the neighbouring cell, if it is walkable and free.
    Move(Dir),
    /// Take an item (paint) from the adjacent dispenser, hands empty.
    Take(Dir),
    /// Apply the held item (paint) to the adjacent object.
    Apply(Dir),
    /// Switch the adjacent device on or off.
    Toggle(Dir),
    /// Point the adjacent device at a cell.
    Aim(Dir, Pos),
    /// Set the adjacent device's colour, or write a colour through a neural interface.
    Set(Dir, Color),
    /// Condense a droplet in the adjacent mist cell.
    Place(Dir),
    /// Do one step of work at the adjacent development site.
    Work(Dir),
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Noop => write!(f, "Noop"),
            Action::Move(d) => write!(f, "Move({d})"),
            Action::Take(d) => write!(f, "Take({d})"),
            Action::Apply(d) => write!(f, "Apply({d})"),
            Action::Toggle(d) => write!(f, "Toggle({d})"),
            Action::Aim(d, p) => write!(f, "Aim({d}, {p})"),
            Action::Set(d, c) => write!(f, "Set({d}, {c})"),
            Action::Place(d) => write!(f, "Place({d})"),
            Action::Work(d) => write!(f, "Work({d})"),
        }
    }
}
