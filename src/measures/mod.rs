//! Complexity measures: how many bits it takes to describe a plan or its effect in a
//! conceptual language, with the derivation as evidence.

mod derivation;
mod effect_dl;
mod plan_dl;

pub use derivation::{Cover, Derivation, Undescribable, WordUse};
pub use effect_dl::effect_description;
pub use plan_dl::plan_description;

use serde::Serialize;

/// The measures of this module, by their names in JSON and budgets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Shortest description of the effect in the language's state words: the criterion.
    EffectDl,
    /// Shortest description of the plan in the language's action words.
    PlanDl,
    /// Plan description length plus log2 of the simulated steps (Levin's Kt).
    LevinKt,
}

impl Measure {
    /// Every measure, in display order.
    pub const ALL: [Measure; 3] = [Measure::EffectDl, Measure::PlanDl, Measure::LevinKt];

    /// Key in JSON and budgets.
    pub fn key(self) -> &'static str {
        match self {
            Measure::EffectDl => "effect_dl",
            Measure::PlanDl => "plan_dl",
            Measure::LevinKt => "levin_kt",
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Measure::EffectDl => "effect description length",
            Measure::PlanDl => "plan description length",
            Measure::LevinKt => "Levin Kt",
        }
    }
}

/// Levin's Kt: description length plus log2 of the running time (at least one step).
pub fn levin_kt(plan_bits: f64, steps: usize) -> f64 {
    plan_bits + (steps.max(1) as f64).log2()
}

#[cfg(test)]
mod tests;
