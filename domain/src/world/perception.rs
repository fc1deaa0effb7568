//! What an observer perceives, computed through the layers in order: surface paint,
//! projected light, refraction by droplets on the line of sight, the observer's own percept.

use super::World;
use super::color::Color;
use super::entity::EntityState;
use super::geometry::Pos;
use super::state::State;

/// Each layer's contribution to what an observer sees of a target; the last `Some` wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PerceptionTrace {
    /// The target's own surface colour.
    pub surface: Option<Color>,
    /// Light projected onto the target's cell.
    pub light: Option<Color>,
    /// The colour a refracting droplet arrangement on the line of sight produces.
    pub refraction: Option<Color>,
    /// A percept written into the observer's mind.
    pub percept: Option<Color>,
}

impl PerceptionTrace {
    /// What the observer finally perceives: the outermost layer that says anything.
    pub fn result(&self) -> Option<Color> {
        self.percept
            .or(self.refraction)
            .or(self.light)
            .or(self.surface)
    }
}

impl World {
    /// The layer-by-layer account of how `observer` sees `target` in `state`.
    pub fn perception(&self, state: &State, observer: usize, target: usize) -> PerceptionTrace {
        let surface = match state.entities.get(target) {
            Some(EntityState::Car { paint }) => Some(*paint),
            _ => None,
        };
        let light = self
            .entities
            .get(target)
            .and_then(|e| self.grid.index(e.at))
            .and_then(|i| state.light_at(i));
        let refraction = self
            .refractions
            .iter()
            .filter(|r| r.observer == observer && r.target == target)
            .find(|r| self.droplets_match(state, &r.droplets))
            .map(|r| r.color);
        let percept = match state.entities.get(observer) {
            Some(EntityState::Observer { percept }) => *percept,
            _ => None,
        };
        PerceptionTrace {
            surface,
            light,
            refraction,
            percept,
        }
    }

    /// What `observer` perceives the colour of `target` to be.
    pub fn perceived(&self, state: &State, observer: usize, target: usize) -> Option<Color> {
        self.perception(state, observer, target).result()
    }

    /// Whether the droplets in the world are exactly `pattern` (sorted cells).
    fn droplets_match(&self, state: &State, pattern: &[Pos]) -> bool {
        let count = state.droplets.iter().filter(|&&d| d).count();
        count == pattern.len()
            && pattern
                .iter()
                .all(|&p| self.grid.index(p).is_some_and(|i| state.droplet_at(i)))
    }
}

/// The cells strictly between `from` and `to` on the straight line of sight (Bresenham).
pub fn line_of_sight(from: Pos, to: Pos) -> Vec<Pos> {
    let (dx, dy) = ((to.x - from.x).abs(), -(to.y - from.y).abs());
    let (sx, sy) = ((to.x - from.x).signum(), (to.y - from.y).signum());
    let (mut x, mut y, mut err) = (from.x, from.y, dx + dy);
    let mut cells = Vec::new();
    while (x, y) != (to.x, to.y) {
        let e2 = 2 * err;
        if e2 >= dy {
            err += dy;
            x += sx;
        }
        if e2 <= dx {
            err += dx;
            y += sy;
        }
        if (x, y) != (to.x, to.y) {
            cells.push(Pos::new(x, y));
        }
    }
    cells
}
