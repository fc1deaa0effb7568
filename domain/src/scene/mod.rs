//! Scenes: a world plus its goal, candidate plans, languages and budgets, and the RON
//! files they are stored in. Loading a scene never runs code: it is data only.

mod change;
mod edit;
mod file;
mod io;
mod templates;
mod validate;

pub use change::{SceneChange, fresh_name, kind_word, new_entity, placeable_kinds, terrain_word};
pub use edit::SceneEdits;
pub use file::{EntityFile, EntityKindFile, RefractionFile, SceneFile};
pub use io::{load, parse, save, to_ron};
pub use templates::{TEMPLATES, Template};

use crate::measures::Measure;
use crate::world::{Action, Goal, World};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest grid side a scene may have, in cells.
pub const MAX_GRID_SIDE: usize = 128;
/// The most entities a scene may have.
pub const MAX_ENTITIES: usize = 256;
/// The most plans a scene may have.
pub const MAX_PLANS: usize = 64;
/// The most primitive actions one plan may have.
pub const MAX_PLAN_LENGTH: usize = 4096;
/// The most refraction patterns a scene may have.
pub const MAX_REFRACTIONS: usize = 64;
/// The largest projector radius.
pub const MAX_PROJECTOR_RADIUS: i32 = 8;
/// The deepest a goal may nest (`Not(And([Or([..])]))` is 3 levels).
pub const MAX_GOAL_DEPTH: usize = 32;
/// The most parts a goal may have in all.
pub const MAX_GOAL_PARTS: usize = 1024;
/// The most languages a scene may list.
pub const MAX_LANGUAGES: usize = 64;
/// The most technologies a scene may have.
pub const MAX_TECHNOLOGIES: usize = 64;
/// The most prerequisites one technology may list.
pub const MAX_PREREQUISITES: usize = 16;

/// The budget used for the effect description length when a scene sets none, in bits.
pub const DEFAULT_EFFECT_BUDGET: f64 = 12.0;

/// A candidate plan: a named sequence of primitive actions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Unique name within the scene.
    pub name: String,
    /// What the plan does, in words.
    #[serde(default)]
    pub description: String,
    /// The actions, in order.
    pub actions: Vec<Action>,
}

/// A validated scene.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Short title.
    pub name: String,
    /// What the scene is about.
    pub description: String,
    /// Terrain, entities, optics, technologies.
    pub world: World,
    /// What the agent is asked to bring about.
    pub goal: Goal,
    /// Candidate plans.
    pub plans: Vec<Plan>,
    /// Names of the languages to compare, the first being the default.
    pub languages: Vec<String>,
    /// Budgets in bits per measure name (see [`Measure::budgeted`](crate::measures::Measure::budgeted)).
    pub budgets: BTreeMap<String, f64>,
}

impl Scene {
    /// The budget for a measure, in bits; the effect description length has a default.
    pub fn budget(&self, measure: Measure) -> Option<f64> {
        self.budgets
            .get(measure.key())
            .copied()
            .or_else(|| (measure == Measure::EffectDl).then_some(DEFAULT_EFFECT_BUDGET))
    }

    /// The plan with this name.
    pub fn plan(&self, name: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.name == name)
    }
}

/// The pink-car scene compiled into the binary, so the program opens it from any folder.
pub const PINK_CAR_RON: &str = include_str!("../../../scenes/pink_car.ron");
/// Where the bundled pink-car scene lives in the repository.
pub const PINK_CAR_PATH: &str = "scenes/pink_car.ron";

/// The pink-car scene: read from `scenes/pink_car.ron` if present (so edits show), else
/// the copy compiled into the binary.
pub fn pink_car() -> Result<Scene, crate::document::DocumentError> {
    let path = std::path::Path::new(PINK_CAR_PATH);
    match std::fs::read_to_string(path) {
        Ok(text) => parse(path, &text),
        Err(_) => parse(path, PINK_CAR_RON),
    }
}
