//! The state of a world at one moment: everything that can change.

use super::color::Color;
use super::entity::EntityState;
use super::geometry::Pos;

/// Every variable of the world at one moment. Terrain and entity positions are fixed
/// and live in [`super::World`]; this holds only what actions and dynamics change.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    /// Where the agent stands.
    pub agent: Pos,
    /// The paint the agent carries, if any.
    pub holding: Option<Color>,
    /// Each entity's variables, in the scene's entity order.
    pub entities: Vec<EntityState>,
    /// Projected light per cell (row-major), a field variable per cell; empty in worlds
    /// without projectors, so that large state spaces stay small.
    pub light: Vec<Option<Color>>,
    /// Whether a droplet hangs in each cell (row-major), a particle variable per cell;
    /// empty in worlds without mist.
    pub droplets: Vec<bool>,
    /// Whether the episode has ended (the agent entered a goal cell); nothing changes after.
    pub ended: bool,
}

impl State {
    /// The light on cell `index` (row-major).
    pub fn light_at(&self, index: usize) -> Option<Color> {
        self.light.get(index).copied().flatten()
    }

    /// Whether a droplet hangs in cell `index` (row-major).
    pub fn droplet_at(&self, index: usize) -> bool {
        self.droplets.get(index).copied().unwrap_or(false)
    }
}
