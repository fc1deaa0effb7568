//! The terrain of a scene: a rectangle of cells, each floor, wall or mist.

use super::geometry::Pos;
use serde::{Deserialize, Serialize};

/// What a cell is made of. Terrain never changes during a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Terrain {
    /// Open ground: the agent walks on it.
    Floor,
    /// Impassable.
    Wall,
    /// Open air with water in it: walkable, and droplets can be placed in it.
    Mist,
    /// A goal cell: walkable; the agent entering it ends the episode.
    Goal,
    /// A conveyor belt cell: walkable; it carries objects one cell east per step.
    Belt,
    /// The belt's end: an object carried or pushed here reaches its final state.
    BeltEnd,
}

impl Terrain {
    /// The character that stands for this terrain in a scene file.
    pub fn symbol(self) -> char {
        match self {
            Terrain::Floor => '.',
            Terrain::Wall => '#',
            Terrain::Mist => '~',
            Terrain::Goal => 'G',
            Terrain::Belt => '=',
            Terrain::BeltEnd => '>',
        }
    }

    /// The terrain a scene-file character stands for.
    pub fn from_symbol(c: char) -> Option<Self> {
        match c {
            '.' => Some(Terrain::Floor),
            '#' => Some(Terrain::Wall),
            '~' => Some(Terrain::Mist),
            'G' => Some(Terrain::Goal),
            '=' => Some(Terrain::Belt),
            '>' => Some(Terrain::BeltEnd),
            _ => None,
        }
    }

    /// Whether the agent can stand here (if no entity is in the way).
    pub fn is_walkable(self) -> bool {
        !matches!(self, Terrain::Wall)
    }
}

/// A rectangular grid of terrain, stored row-major.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    width: i32,
    height: i32,
    cells: Vec<Terrain>,
}

impl Grid {
    /// A grid from rows of equal length; `None` if they are not rectangular or empty.
    pub fn from_rows(rows: Vec<Vec<Terrain>>) -> Option<Self> {
        let width = rows.first()?.len();
        if width == 0 || rows.iter().any(|r| r.len() != width) {
            return None;
        }
        let height = rows.len();
        Some(Self {
            width: i32::try_from(width).ok()?,
            height: i32::try_from(height).ok()?,
            cells: rows.into_iter().flatten().collect(),
        })
    }

    /// Number of columns.
    pub fn width(&self) -> i32 {
        self.width
    }

    /// Number of rows.
    pub fn height(&self) -> i32 {
        self.height
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the grid has no cells (never true for a loaded scene).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Whether `p` lies inside the grid.
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= 0 && p.y >= 0 && p.x < self.width && p.y < self.height
    }

    /// Row-major index of an inside cell.
    pub fn index(&self, p: Pos) -> Option<usize> {
        self.contains(p)
            .then(|| (p.y as usize) * (self.width as usize) + p.x as usize)
    }

    /// The cell at a row-major index.
    pub fn pos(&self, index: usize) -> Pos {
        let w = self.width as usize;
        Pos::new((index % w) as i32, (index / w) as i32)
    }

    /// The terrain at `p`; outside the grid counts as wall.
    pub fn terrain(&self, p: Pos) -> Terrain {
        self.index(p).map_or(Terrain::Wall, |i| self.cells[i])
    }

    /// The rows as scene-file strings.
    pub fn to_rows(&self) -> Vec<String> {
        self.cells
            .chunks(self.width as usize)
            .map(|row| row.iter().map(|t| t.symbol()).collect())
            .collect()
    }

    /// Every cell, row by row.
    pub fn cells(&self) -> impl Iterator<Item = Pos> + '_ {
        (0..self.cells.len()).map(|i| self.pos(i))
    }
}
