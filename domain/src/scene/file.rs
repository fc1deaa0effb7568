//! The RON form of a scene, as written in `scenes/*.ron`: entities by id, terrain as
//! strings. [`super::validate`] turns it into a [`Scene`]; [`Scene::to_file`] goes back.

use super::{Plan, Scene};
use crate::world::{Color, EntityKind, EntityState, Goal, Pos, TechLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A scene as stored in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Scene", deny_unknown_fields)]
pub struct SceneFile {
    /// Short title.
    pub name: String,
    /// What the scene is about.
    #[serde(default)]
    pub description: String,
    /// Terrain rows, north to south: `.` floor, `#` wall, `~` mist.
    pub grid: Vec<String>,
    /// The agent's starting cell `(x, y)`.
    pub agent: Pos,
    /// The entities.
    pub entities: Vec<EntityFile>,
    /// Droplet arrangements and the colours they refract.
    #[serde(default)]
    pub refractions: Vec<RefractionFile>,
    /// Technology levels by name.
    #[serde(default)]
    pub technologies: BTreeMap<String, TechLevel>,
    /// The technology tree: for a technology, the technologies it needs before it can be
    /// developed (`{"paint": ["pigment", "chemistry"]}`). Technologies not listed need none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prerequisites: BTreeMap<String, Vec<String>>,
    /// The goal, naming entities by id.
    pub goal: Goal<String>,
    /// Candidate plans.
    pub plans: Vec<Plan>,
    /// Languages to compare, by name; the first is the default.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Budgets in bits by measure name.
    #[serde(default)]
    pub budgets: BTreeMap<String, f64>,
}

/// An entity as stored in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityFile {
    /// Unique id.
    pub id: String,
    /// Its cell `(x, y)`.
    pub at: Pos,
    /// What it is, with its starting values.
    pub kind: EntityKindFile,
    /// The technology its interactions need.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
}

/// An entity kind with its parameters and starting values, as stored in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum EntityKindFile {
    /// A paintable object.
    Car {
        /// Starting paint.
        paint: Color,
    },
    /// A paint dispenser.
    PaintShop {
        /// The colour it sells.
        color: Color,
    },
    /// A light projector.
    Projector {
        /// Starting colour.
        color: Color,
        /// Chebyshev radius of the lit square.
        #[serde(default = "default_radius")]
        radius: i32,
        /// Starting power.
        #[serde(default)]
        on: bool,
        /// Starting aim.
        #[serde(default)]
        aim: Option<Pos>,
    },
    /// A neural interface wired to an observer.
    NeuralInterface {
        /// The observer's id.
        subject: String,
    },
    /// An observer.
    Observer {
        /// A percept already written into the mind.
        #[serde(default)]
        percept: Option<Color>,
    },
    /// A box the agent pushes.
    Box,
    /// A vase: pushable, carried by belts, broken at a belt's end.
    Vase,
    /// A sushi dish: pushable, carried by belts, eaten at a belt's end.
    Sushi,
    /// A development site: `work` steps of `Work` here develop the technology `develops`
    /// (from locked to available) once its prerequisites work.
    Lab {
        /// The technology's name.
        develops: String,
        /// Steps of work it takes, 1 to `MAX_LAB_WORK` (100).
        work: u32,
    },
}

fn default_radius() -> i32 {
    1
}

/// A refraction pattern as stored in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefractionFile {
    /// The observer's id.
    pub observer: String,
    /// The target's id.
    pub target: String,
    /// The colour the target appears.
    pub color: Color,
    /// The mist cells that must hold droplets, and no others.
    pub droplets: Vec<Pos>,
}

impl Scene {
    /// The file form of this scene, for saving.
    pub fn to_file(&self) -> SceneFile {
        let w = &self.world;
        let id = |i: usize| w.entities.get(i).map_or_else(String::new, |e| e.id.clone());
        let tech_name = |t: Option<usize>| {
            t.and_then(|t| w.technologies.iter().nth(t))
                .map(|(n, _)| n.to_owned())
        };
        let entities = w
            .entities
            .iter()
            .map(|e| EntityFile {
                id: e.id.clone(),
                at: e.at,
                kind: match (&e.kind, &e.initial) {
                    (EntityKind::Car, EntityState::Car { paint }) => {
                        EntityKindFile::Car { paint: *paint }
                    }
                    (EntityKind::PaintShop { color }, _) => {
                        EntityKindFile::PaintShop { color: *color }
                    }
                    (
                        EntityKind::Projector { radius },
                        EntityState::Projector { on, aim, color },
                    ) => EntityKindFile::Projector {
                        color: *color,
                        radius: *radius,
                        on: *on,
                        aim: *aim,
                    },
                    (EntityKind::NeuralInterface { subject }, _) => {
                        EntityKindFile::NeuralInterface {
                            subject: id(*subject),
                        }
                    }
                    (_, EntityState::Observer { percept }) => {
                        EntityKindFile::Observer { percept: *percept }
                    }
                    (EntityKind::Crate, _) => EntityKindFile::Box,
                    (EntityKind::Vase, _) => EntityKindFile::Vase,
                    (EntityKind::Sushi, _) => EntityKindFile::Sushi,
                    (EntityKind::Lab { develops, work }, _) => EntityKindFile::Lab {
                        develops: tech_name(Some(*develops)).unwrap_or_default(),
                        work: *work,
                    },
                    // Kind and state always match in a validated scene.
                    (_, _) => EntityKindFile::Observer { percept: None },
                },
                requires: tech_name(e.requires),
            })
            .collect();
        let mut to_id = |i: &usize| Ok::<_, ()>(id(*i));
        SceneFile {
            name: self.name.clone(),
            description: self.description.clone(),
            grid: w.grid.to_rows(),
            agent: w.agent_start,
            entities,
            refractions: w
                .refractions
                .iter()
                .map(|r| RefractionFile {
                    observer: id(r.observer),
                    target: id(r.target),
                    color: r.color,
                    droplets: r.droplets.clone(),
                })
                .collect(),
            technologies: w
                .technologies
                .iter()
                .map(|(n, l)| (n.to_owned(), l))
                .collect(),
            prerequisites: (0..w.technologies.len())
                .filter(|&t| !w.prerequisites(t).is_empty())
                .filter_map(|t| {
                    let names = w
                        .prerequisites(t)
                        .iter()
                        .filter_map(|&p| tech_name(Some(p)));
                    Some((tech_name(Some(t))?, names.collect()))
                })
                .collect(),
            goal: self
                .goal
                .try_map(&mut to_id)
                .unwrap_or(Goal::And(Vec::new())),
            plans: self.plans.clone(),
            languages: self.languages.clone(),
            budgets: self.budgets.clone(),
        }
    }
}
