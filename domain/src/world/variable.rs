//! Variables, their kinds, values and changes: the vocabulary of effects.

use super::World;
use super::color::Color;
use super::entity::EntityState;
use super::geometry::Pos;
use super::state::State;
use serde::Serialize;
use std::fmt;

/// The granularity of a variable, from whole objects down to particles and minds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VarKind {
    /// A property of an object (`car.paint`).
    Object,
    /// A setting of a device (`projector.on`).
    Device,
    /// One cell of a field (`light[x,y]`).
    Field,
    /// One particle (`droplet[x,y]`).
    Particle,
    /// A mind (`observer.percept`).
    Mind,
    /// The agent itself.
    Agent,
}

impl VarKind {
    /// Every kind, coarse to fine.
    pub const ALL: [VarKind; 6] = [
        VarKind::Object,
        VarKind::Device,
        VarKind::Field,
        VarKind::Particle,
        VarKind::Mind,
        VarKind::Agent,
    ];

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            VarKind::Object => "object",
            VarKind::Device => "device",
            VarKind::Field => "field",
            VarKind::Particle => "particle",
            VarKind::Mind => "mind",
            VarKind::Agent => "agent",
        }
    }
}

/// A named property of an entity.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize, Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Prop {
    /// A car's surface colour.
    Paint,
    /// A device's power switch.
    On,
    /// Where a device points.
    Aim,
    /// A device's colour setting.
    Color,
    /// An observer's written percept.
    Percept,
    /// Where a movable object is.
    Position,
    /// Whether a vase is broken or a sushi dish eaten.
    Done,
    /// Steps of work done at a development site.
    Progress,
}

impl Prop {
    /// The kind of variable this property is.
    pub fn kind(self) -> VarKind {
        match self {
            Prop::Paint | Prop::Position | Prop::Done | Prop::Progress => VarKind::Object,
            Prop::On | Prop::Aim | Prop::Color => VarKind::Device,
            Prop::Percept => VarKind::Mind,
        }
    }

    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Prop::Paint => "paint",
            Prop::On => "on",
            Prop::Aim => "aim",
            Prop::Color => "color",
            Prop::Percept => "percept",
            Prop::Position => "position",
            Prop::Done => "done",
            Prop::Progress => "progress",
        }
    }
}

/// One variable of a world.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Var {
    /// A property of an entity, by entity index.
    Entity {
        /// Index of the entity in the scene.
        entity: usize,
        /// Which of its properties.
        prop: Prop,
    },
    /// The projected light on a cell.
    Light(Pos),
    /// The droplet in a cell.
    Droplet(Pos),
    /// Where the agent stands.
    AgentPos,
    /// What the agent carries.
    AgentHolding,
}

impl Var {
    /// The variable's kind.
    pub fn kind(self) -> VarKind {
        match self {
            Var::Entity { prop, .. } => prop.kind(),
            Var::Light(_) => VarKind::Field,
            Var::Droplet(_) => VarKind::Particle,
            Var::AgentPos | Var::AgentHolding => VarKind::Agent,
        }
    }

    /// A readable name such as `car.paint` or `droplet[7, 3]`.
    pub fn name(self, world: &World) -> String {
        match self {
            Var::Entity { entity, prop } => {
                let id = world.entities.get(entity).map_or("?", |e| e.id.as_str());
                format!("{id}.{}", prop.name())
            }
            Var::Light(p) => format!("light[{}, {}]", p.x, p.y),
            Var::Droplet(p) => format!("droplet[{}, {}]", p.x, p.y),
            Var::AgentPos => "agent.position".to_owned(),
            Var::AgentHolding => "agent.holding".to_owned(),
        }
    }
}

/// The value of a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// A switch.
    Bool(bool),
    /// A colour, or none.
    Color(Option<Color>),
    /// A cell, or none.
    Cell(Option<Pos>),
    /// A count (steps of work done at a development site).
    Count(u32),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("on"),
            Value::Bool(false) => f.write_str("off"),
            Value::Color(Some(c)) => write!(f, "{c}"),
            Value::Cell(Some(p)) => write!(f, "{p}"),
            Value::Count(n) => write!(f, "{n}"),
            Value::Color(None) | Value::Cell(None) => f.write_str("none"),
        }
    }
}

/// A variable whose value differs between a baseline and an outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// Which variable.
    pub var: Var,
    /// Its value in the baseline.
    pub before: Value,
    /// Its value after the plan.
    pub after: Value,
}

/// The (property, value) pairs of one entity's state.
pub fn entity_values(state: &EntityState) -> Vec<(Prop, Value)> {
    match *state {
        EntityState::Car { paint } => vec![(Prop::Paint, Value::Color(Some(paint)))],
        EntityState::Projector { on, aim, color } => vec![
            (Prop::On, Value::Bool(on)),
            (Prop::Aim, Value::Cell(aim)),
            (Prop::Color, Value::Color(Some(color))),
        ],
        EntityState::Observer { percept } => vec![(Prop::Percept, Value::Color(percept))],
        EntityState::Crate { at } => vec![(Prop::Position, Value::Cell(Some(at)))],
        EntityState::Carried { at, done } => {
            vec![
                (Prop::Position, Value::Cell(Some(at))),
                (Prop::Done, Value::Bool(done)),
            ]
        }
        EntityState::Lab { progress } => vec![(Prop::Progress, Value::Count(progress))],
        EntityState::PaintShop | EntityState::NeuralInterface => Vec::new(),
    }
}

/// Every variable whose value differs between `before` and `after`, in a stable order:
/// entity properties, light cells, droplets, then the agent.
pub fn changes(world: &World, before: &State, after: &State) -> Vec<Change> {
    let mut out = Vec::new();
    for (entity, (b, a)) in before.entities.iter().zip(&after.entities).enumerate() {
        if b == a {
            continue;
        }
        for ((prop, vb), (_, va)) in entity_values(b).into_iter().zip(entity_values(a)) {
            if vb != va {
                out.push(Change {
                    var: Var::Entity { entity, prop },
                    before: vb,
                    after: va,
                });
            }
        }
    }
    for (i, (b, a)) in before.light.iter().zip(&after.light).enumerate() {
        if b != a {
            let var = Var::Light(world.grid.pos(i));
            out.push(Change {
                var,
                before: Value::Color(*b),
                after: Value::Color(*a),
            });
        }
    }
    for (i, (b, a)) in before.droplets.iter().zip(&after.droplets).enumerate() {
        if b != a {
            let var = Var::Droplet(world.grid.pos(i));
            out.push(Change {
                var,
                before: Value::Bool(*b),
                after: Value::Bool(*a),
            });
        }
    }
    if before.agent != after.agent {
        let (b, a) = (
            Value::Cell(Some(before.agent)),
            Value::Cell(Some(after.agent)),
        );
        out.push(Change {
            var: Var::AgentPos,
            before: b,
            after: a,
        });
    }
    if before.holding != after.holding {
        let (b, a) = (Value::Color(before.holding), Value::Color(after.holding));
        out.push(Change {
            var: Var::AgentHolding,
            before: b,
            after: a,
        });
    }
    out
}
