//! Entities: the things in a scene besides the agent, their fixed parts and their variables.
//! Most stand still; boxes, vases and sushi are pushed and carried, so their cell is a
//! variable in [`EntityState`].

use super::color::Color;
use super::geometry::Pos;
use super::technology::TechId;

/// An entity's fixed description: what it is, where it stands, what technology drives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// The name plans, goals and languages use for it.
    pub id: String,
    /// What it is, with its fixed parameters.
    pub kind: EntityKind,
    /// Its starting cell. Entities block the agent; movable ones keep their current cell
    /// in their [`EntityState`].
    pub at: Pos,
    /// The technology its interactions need; with that technology locked they do nothing.
    pub requires: Option<TechId>,
    /// Its variables before the plan starts.
    pub initial: EntityState,
}

/// The kinds of entity, with the parameters that never change.
#[derive(Clone, Debug, PartialEq)]
pub enum EntityKind {
    /// An object with a painted surface.
    Car,
    /// Hands out paint of one colour to an agent with empty hands (`Take`).
    PaintShop {
        /// The colour of the paint it sells.
        color: Color,
    },
    /// Projects light of its colour onto the square of cells around where it is aimed.
    Projector {
        /// Chebyshev radius of the lit square around the aim point.
        radius: i32,
    },
    /// Writes a colour straight into one observer's percept (`Set`).
    NeuralInterface {
        /// Index of the observer it is wired to.
        subject: usize,
    },
    /// Someone who looks at things; has a mind variable, the percept.
    Observer,
    /// A box the agent pushes by walking into it (Sokoban rules: never pulled).
    Crate,
    /// A vase: pushable; carried by a belt; breaks at the belt's end.
    Vase,
    /// A sushi dish: pushable; carried by a belt; eaten at the belt's end.
    Sushi,
    /// A development site (a lab, a workshop): `work` steps of `Work` here, with every
    /// prerequisite of the technology working, move the technology from locked to
    /// available in the state that follows.
    Lab {
        /// The technology developed here.
        develops: TechId,
        /// Steps of work the development takes (1 to [`MAX_LAB_WORK`]).
        work: u32,
    },
}

/// The most work steps a development site may ask for: enough for a long supply chain,
/// small enough that a site's progress packs into 7 bits and a plan that develops every
/// site of a scene stays far below the longest plan.
pub const MAX_LAB_WORK: u32 = 100;

impl EntityKind {
    /// A short lower-case name of the kind, as languages and the GUI show it.
    pub fn name(&self) -> &'static str {
        match self {
            EntityKind::Car => "car",
            EntityKind::PaintShop { .. } => "paint_shop",
            EntityKind::Projector { .. } => "projector",
            EntityKind::NeuralInterface { .. } => "neural_interface",
            EntityKind::Observer => "observer",
            EntityKind::Crate => "box",
            EntityKind::Vase => "vase",
            EntityKind::Sushi => "sushi",
            EntityKind::Lab { .. } => "lab",
        }
    }

    /// Whether the agent pushes it by walking into it (and so its position is a variable).
    pub fn is_movable(&self) -> bool {
        matches!(
            self,
            EntityKind::Crate | EntityKind::Vase | EntityKind::Sushi
        )
    }
}

/// The variables of one entity, by kind. Kinds without variables carry none.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum EntityState {
    /// A car's surface colour (an object variable).
    Car {
        /// The paint on its surface.
        paint: Color,
    },
    /// A paint shop has no state: its supply never runs out.
    PaintShop,
    /// A projector's settings (device variables).
    Projector {
        /// Whether it is switched on.
        on: bool,
        /// Where it points, if anywhere.
        aim: Option<Pos>,
        /// The colour of its light.
        color: Color,
    },
    /// A neural interface has no state of its own: it writes into its subject.
    NeuralInterface,
    /// A box's position (an object variable).
    Crate {
        /// Its cell.
        at: Pos,
    },
    /// A belt object (vase or sushi): its position, and whether it reached the belt's end
    /// (broken, eaten), after which it never moves again and blocks its cell.
    Carried {
        /// Its cell.
        at: Pos,
        /// Broken or eaten.
        done: bool,
    },
    /// A development site's progress (an object variable: developing a technology is a
    /// change to the world).
    Lab {
        /// Steps of work done so far; the technology is developed when it reaches the
        /// site's `work`.
        progress: u32,
    },
    /// An observer's mind.
    Observer {
        /// A percept written into the mind, overriding what the eyes report; `None` means
        /// the observer perceives what the optics deliver.
        percept: Option<Color>,
    },
}
