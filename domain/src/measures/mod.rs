//! Complexity measures: how many bits it takes to describe a plan or its effect in a
//! conceptual language, with the derivation as evidence.

mod derivation;
mod effect_dl;
mod expand;
mod plan_dl;
mod programs;
mod registry;
mod streams;
mod translation;

pub use derivation::{Cover, Derivation, Undescribable, WordUse};
pub use effect_dl::{EffectCandidates, StateCosts, effect_description};
pub use plan_dl::{ActionCosts, MAX_MATCH_WORK, PlanMatch, PlanMatches, plan_description};
pub use programs::{
    Cancelled, EffectPrograms, GoalProgram, GoalPrograms, GoalSearch, MAX_GOAL_PROGRAMS,
    Probability, ProgramError, ProgramLimits, ProgramSpace, SearchEffort, Stopped, valid_bound,
};
pub use registry::{Measure, MeasureInfo};
pub use streams::{Stream, effect_grids, effect_text, stream_bytes, stream_tokens};
pub use translation::{Piece, Translation, translate_effect, translate_plan};

/// Levin's Kt: description length plus log2 of the running time (at least one step).
pub fn levin_kt(plan_bits: f64, steps: usize) -> f64 {
    plan_bits + (steps.max(1) as f64).log2()
}

#[cfg(test)]
mod tests;
