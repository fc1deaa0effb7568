//! Cells and compass directions on the grid.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A cell of the grid: `x` grows to the east, `y` to the south, both from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "(i32, i32)", into = "(i32, i32)")]
pub struct Pos {
    /// Column, from the west edge.
    pub x: i32,
    /// Row, from the north edge.
    pub y: i32,
}

impl Pos {
    /// The cell at column `x`, row `y`.
    pub const fn new(x: i32, y: i32) -> Self {
        Self { x, y }
    }

    /// The neighbouring cell one step in `dir`.
    pub fn step(self, dir: Dir) -> Self {
        let (dx, dy) = dir.offset();
        Self::new(self.x + dx, self.y + dy)
    }

    /// The direction from `self` to a 4-neighbour `other`, if it is one.
    pub fn direction_to(self, other: Pos) -> Option<Dir> {
        Dir::ALL.into_iter().find(|&d| self.step(d) == other)
    }

    /// Chebyshev (king-move) distance, used for square neighbourhoods.
    pub fn chebyshev(self, other: Pos) -> i32 {
        (self.x - other.x).abs().max((self.y - other.y).abs())
    }
}

impl From<(i32, i32)> for Pos {
    fn from((x, y): (i32, i32)) -> Self {
        Self::new(x, y)
    }
}

impl From<Pos> for (i32, i32) {
    fn from(p: Pos) -> Self {
        (p.x, p.y)
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

/// A compass direction. The order of `ALL` is the tie-break order of path finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Dir {
    /// North: towards row 0.
    N,
    /// East: towards higher columns.
    E,
    /// South: towards higher rows.
    S,
    /// West: towards column 0.
    W,
}

impl Dir {
    /// Every direction, in path finding's tie-break order.
    pub const ALL: [Dir; 4] = [Dir::N, Dir::E, Dir::S, Dir::W];

    /// The (dx, dy) of one step.
    pub fn offset(self) -> (i32, i32) {
        match self {
            Dir::N => (0, -1),
            Dir::E => (1, 0),
            Dir::S => (0, 1),
            Dir::W => (-1, 0),
        }
    }
}

impl fmt::Display for Dir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Dir::N => "N",
            Dir::E => "E",
            Dir::S => "S",
            Dir::W => "W",
        };
        f.write_str(name)
    }
}
