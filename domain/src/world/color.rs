//! The colours that paint, light, refraction and percepts can take.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A named colour. Kept small on purpose: a colour parameter costs log2(COUNT) bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Color {
    /// Unpainted metal.
    Grey,
    /// The colour the pink-car goal asks for.
    Pink,
    /// A projector's neutral light.
    White,
    /// Red.
    Red,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Yellow.
    Yellow,
    /// Black.
    Black,
}

impl Color {
    /// Every colour, in a fixed order.
    pub const ALL: [Color; 8] = [
        Color::Grey,
        Color::Pink,
        Color::White,
        Color::Red,
        Color::Green,
        Color::Blue,
        Color::Yellow,
        Color::Black,
    ];

    /// sRGB of the colour, for drawing.
    pub fn rgb(self) -> [u8; 3] {
        match self {
            Color::Grey => [150, 150, 155],
            Color::Pink => [255, 105, 180],
            Color::White => [240, 240, 240],
            Color::Red => [220, 40, 40],
            Color::Green => [40, 170, 70],
            Color::Blue => [50, 90, 220],
            Color::Yellow => [240, 210, 40],
            Color::Black => [20, 20, 20],
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Color::Grey => "grey",
            Color::Pink => "pink",
            Color::White => "white",
            Color::Red => "red",
            Color::Green => "green",
            Color::Blue => "blue",
            Color::Yellow => "yellow",
            Color::Black => "black",
        };
        f.write_str(name)
    }
}
