//! The program measures of a scene in one setting: algorithmic probability (every program
//! of the language up to a bound, run forward and grouped by effect) and search effort
//! (for each plan, the candidates a search in code-length order tries before one has the
//! plan's effect). The window's job and `ladders score --programs` both call this, so
//! they give the same numbers for the same setting.

use super::setting::Setting;
use crate::measures::{
    Probability, ProgramError, ProgramLimits, ProgramSpace, SearchEffort, effect_text,
};
use crate::scene::Scene;
use crate::world::{Change, Outcome};

/// How far the program measures go.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProgramBounds {
    /// Longest program algorithmic probability enumerates, in bits.
    pub probability_bound: f64,
    /// Most candidates one search tries.
    pub search_limit: u64,
    /// Work and memory limits of the enumeration and of all the searches together.
    pub limits: ProgramLimits,
}

/// Where a run of the program measures is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ProgramStage {
    /// Enumerating programs: the fraction done.
    Enumerating(f64),
    /// Searching for the plans' effects: how many of how many are done.
    Searching {
        /// Searches finished.
        done: usize,
        /// Searches in all.
        of: usize,
    },
}

/// Algorithmic probability and search effort of every plan of a scene in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramMeasures {
    /// The language's name.
    pub language: String,
    /// Every program up to the bound, grouped by effect.
    pub probability: Probability,
    /// Per plan, in scene order, the search for its effect.
    pub searches: Vec<SearchEffort>,
}

impl ProgramMeasures {
    /// Algorithmic probability of an effect in bits, if a program run has it.
    pub fn probability_bits(&self, scene: &Scene, effect: &[Change]) -> Option<f64> {
        self.probability.bits(&effect_text(&scene.world, effect))
    }
}

/// Run the program measures of `scene`'s plans in `setting`. `progress` hears where the
/// run is and returns whether to go on; `false` ends it with [`ProgramError::Cancelled`].
pub fn program_measures(
    scene: &Scene,
    setting: &Setting,
    bounds: &ProgramBounds,
    progress: &(dyn Fn(ProgramStage) -> bool + Sync),
) -> Result<ProgramMeasures, ProgramError> {
    let space = ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let probability = space.probability(bounds.probability_bound, &bounds.limits, &|f| {
        progress(ProgramStage::Enumerating(f))
    })?;
    let targets = plan_effects(scene, setting);
    let of = targets.len();
    let searches = space.search_all(&targets, bounds.search_limit, &bounds.limits, &|done| {
        progress(ProgramStage::Searching { done, of })
    })?;
    Ok(ProgramMeasures {
        language: setting.language.name.clone(),
        probability,
        searches,
    })
}

/// Per plan, in scene order, its effect as the program measures key it (`effect_text`).
pub(super) fn plan_effects(scene: &Scene, setting: &Setting) -> Vec<String> {
    scene
        .plans
        .iter()
        .map(|plan| {
            let outcome = Outcome::simulate(
                &scene.world,
                &setting.technologies,
                &scene.goal,
                &plan.actions,
                setting.baseline,
            );
            effect_text(&scene.world, &outcome.effect)
        })
        .collect()
}
