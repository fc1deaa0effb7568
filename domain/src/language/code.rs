//! Codes for word parameters. Each is a complete prefix code over its choices, so
//! parameters never break Kraft's inequality; only word costs are the language's choice.

use super::words::ParamType;
use crate::world::{Color, World};

/// Bits per parameter type for one scene.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamCode {
    /// Bits for an entity: log2 of the number of entities.
    pub entity: f64,
    /// Bits for a cell: log2 of the number of cells.
    pub cell: f64,
    /// Bits for a column (x or width): log2 of the width.
    pub column: f64,
    /// Bits for a row (y or height): log2 of the height.
    pub row: f64,
    /// Bits for a colour.
    pub color: f64,
    /// Bits for a direction.
    pub dir: f64,
}

impl ParamCode {
    /// The uniform codes for `world`.
    pub fn for_world(world: &World) -> Self {
        let log2 = |n: usize| (n.max(1) as f64).log2();
        Self {
            entity: log2(world.entities.len()),
            cell: log2(world.grid.len()),
            column: log2(world.grid.width() as usize),
            row: log2(world.grid.height() as usize),
            color: log2(Color::ALL.len()),
            dir: 2.0,
        }
    }

    /// Bits for one parameter of type `t`.
    pub fn bits(&self, t: ParamType) -> f64 {
        match t {
            ParamType::Dir => self.dir,
            ParamType::Entity => self.entity,
            ParamType::Cell => self.cell,
            ParamType::Color => self.color,
        }
    }
}

/// Length of the Elias gamma code of `n ≥ 1`: 2⌊log2 n⌋ + 1 bits. It is a complete
/// prefix code over the positive integers (Kraft sum exactly 1).
pub fn elias_gamma_bits(n: usize) -> f64 {
    let n = n.max(1);
    (2 * (usize::BITS - 1 - n.leading_zeros()) + 1) as f64
}
