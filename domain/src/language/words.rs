//! The two vocabularies of a conceptual language: action words (macros over primitive
//! actions, used to describe plans) and state words (names for variables and sets of
//! variables, used to describe effects).

use crate::world::{Color, Dir, Pos, Prop, Var, World};
use serde::{Deserialize, Serialize};

/// A list of words plus the cost of the word that ends a description. Together they are
/// the choices at every point of a description, so their costs obey Kraft's inequality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary<W> {
    /// Bits of the end-of-description word.
    pub end: f64,
    /// The words.
    pub words: Vec<W>,
}

/// A named macro over primitive actions, with typed parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionWord {
    /// Unique name.
    pub name: String,
    /// Bits to say the word, before its parameters.
    pub cost: f64,
    /// Parameters as (name, type); each costs the bits of its type's code.
    #[serde(default)]
    pub params: Vec<(String, ParamType)>,
    /// What the word expands to.
    pub body: Body,
}

/// What an action word expands to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// These steps, in order, each expanding in the state the previous ones left.
    Steps(Vec<Step>),
    /// `repeat(n, w)`: another word with its arguments, n ≥ 2 times; n costs Elias-gamma bits.
    Repeat,
}

/// The type of a word parameter, which fixes its code: a direction costs 2 bits, a colour
/// log2 of the number of colours, an entity log2 of the scene's entity count, a cell
/// log2 of the grid's cell count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamType {
    /// N, E, S or W.
    Dir,
    /// An entity of the scene.
    Entity,
    /// A cell of the grid.
    Cell,
    /// A colour.
    Color,
}

/// One step of an action word's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// `Noop`.
    Noop,
    /// `Move`.
    Move(DirRef),
    /// `Take`.
    Take(DirRef),
    /// `Apply`.
    Apply(DirRef),
    /// `Toggle`.
    Toggle(DirRef),
    /// `Place`.
    Place(DirRef),
    /// `Aim`.
    Aim(DirRef, CellRef),
    /// `Set`.
    Set(DirRef, ColorRef),
    /// The canonical shortest walk to a free cell next to an entity (zero or more moves).
    WalkTo(EntityRef),
    /// The canonical shortest walk onto a cell.
    GoTo(CellRef),
    /// `Work`: one step of work at the adjacent development site.
    Work(DirRef),
    /// Develop the technology of a development site in one step of the description: the
    /// canonical shortest walk to a cell beside the site, then `Work` toward it until its
    /// work is done. Fails (the word has no expansion) when the entity is not a site, its
    /// work is already done, or the work does not take (a prerequisite does not work yet,
    /// or the technology already works without the site).
    Develop(EntityRef),
}

/// A direction in a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DirRef {
    /// A fixed direction.
    Dir(Dir),
    /// A parameter of type `Dir`.
    Param(String),
    /// The direction from the agent to an adjacent entity.
    Toward(EntityRef),
}

/// An entity in a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EntityRef {
    /// A parameter of type `Entity`.
    Param(String),
    /// The entity of this kind nearest to the agent by walking (ties: scene order).
    Nearest(KindName),
}

/// A cell in a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CellRef {
    /// A parameter of type `Cell`.
    Param(String),
    /// The cell an entity stands on.
    At(EntityRef),
    /// A fixed cell, `Cell((13, 4))`: plans aim at fixed cells, so a word that spells out
    /// a whole plan needs them.
    Cell(Pos),
}

/// A colour in a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ColorRef {
    /// A fixed colour.
    Color(Color),
    /// A parameter of type `Color`.
    Param(String),
}

/// Entity kinds as languages name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KindName {
    /// A car.
    Car,
    /// A paint shop.
    PaintShop,
    /// A projector.
    Projector,
    /// A neural interface.
    NeuralInterface,
    /// An observer.
    Observer,
    /// A development site.
    Lab,
}

/// A name for a set of variables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateWord {
    /// Unique name.
    pub name: String,
    /// Bits to say the word, before its parameters.
    pub cost: f64,
    /// Which variables it names; this fixes its parameters.
    pub names: Names,
}

/// The variable sets a state word can name. A word names a set only if the language can
/// see every variable in it: this is the language's state abstraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Names {
    /// One property of an entity; parameter: the entity.
    Property(Prop),
    /// Any one property of an entity; parameters: the entity, then which of its properties.
    AnyProperty,
    /// Every device variable of an entity at once; parameter: the entity.
    Device,
    /// One cell of a layer; parameter: the cell.
    Cell(Layer),
    /// A rectangle of cells of a layer; parameters: corner cell, width, height.
    Rect(Layer),
    /// The non-wall cells of a layer within a Chebyshev radius of an entity; parameter: the entity.
    Around(Layer, i32),
    /// The droplets of one of the scene's refraction patterns; parameter: which pattern.
    Refraction,
    /// A projector's hologram as one thing, the way "the car's paint" is one thing: every
    /// device variable of the projector (on, aim, colour) together with the light cells
    /// it lights, which are the non-wall cells of the grid within the projector's
    /// Chebyshev radius of its aim point after the effect (the aim the effect gives it,
    /// or its initial aim if the effect leaves the aim alone). A projector with no aim
    /// point names nothing. Parameter: which projector, log2 of the scene's number of
    /// projectors in bits (0 bits when there is one), as a refraction pattern is chosen
    /// among the scene's patterns. Once holograms are everyday things (holography
    /// commodified), a language may name "the car's hologram" with one word.
    Projection,
    /// Exactly these variables, all at once; no parameters. A word that names one
    /// particular effect outright, e.g.
    /// `Exactly([Entity("car", paint), Light((12, 4)), Droplet((6, 1))])`.
    Exactly(Vec<VarName>),
}

/// A variable named in a language file. Entities go by id rather than index, because a
/// language is written without a scene in mind; the agent's own variables are never part
/// of an effect, so they have no name here.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum VarName {
    /// A property of the entity with this id: `Entity("car", paint)`.
    Entity(String, Prop),
    /// The projected light on a cell: `Light((12, 4))`.
    Light(Pos),
    /// The droplet in a cell: `Droplet((6, 1))`.
    Droplet(Pos),
}

impl VarName {
    /// The scene variable this names, or `None` when the scene has no entity with the id.
    pub fn resolve(&self, world: &World) -> Option<Var> {
        match self {
            VarName::Entity(id, prop) => {
                world
                    .entities
                    .iter()
                    .position(|e| &e.id == id)
                    .map(|entity| Var::Entity {
                        entity,
                        prop: *prop,
                    })
            }
            VarName::Light(p) => Some(Var::Light(*p)),
            VarName::Droplet(p) => Some(Var::Droplet(*p)),
        }
    }

    /// The name of a scene variable, or `None` for the agent's own (and for an entity
    /// index the world does not have).
    pub fn of(var: Var, world: &World) -> Option<VarName> {
        match var {
            Var::Entity { entity, prop } => world
                .entities
                .get(entity)
                .map(|e| VarName::Entity(e.id.clone(), prop)),
            Var::Light(p) => Some(VarName::Light(p)),
            Var::Droplet(p) => Some(VarName::Droplet(p)),
            Var::AgentPos | Var::AgentHolding => None,
        }
    }
}

/// Per-cell layers of the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layer {
    /// Projected light (field variables).
    Light,
    /// Droplets (particle variables).
    Droplets,
}
