//! Complexity measures: how many bits it takes to describe a plan or its effect in a
//! conceptual language, with the derivation as evidence.

mod derivation;
mod effect_dl;
mod expand;
mod plan_dl;
mod programs;
mod streams;

pub use derivation::{Cover, Derivation, Undescribable, WordUse};
pub use effect_dl::effect_description;
pub use plan_dl::plan_description;
pub use programs::{
    Cancelled, EffectPrograms, Probability, ProgramError, ProgramLimits, ProgramSpace,
    SearchEffort, Stopped, valid_bound,
};
pub use streams::{Stream, effect_grids, effect_text, stream_bytes, stream_tokens};

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
    /// Lempel–Ziv 1976 phrases of the chosen stream (effect text or plan actions).
    Lz76,
    /// Size of the chosen stream under the chosen codec.
    Compress,
    /// Block decomposition method of the effect's grids, one per variable kind.
    Bdm,
    /// −log2 of the weight of all programs up to a bound that produce the plan's effect.
    AlgorithmicProbability,
    /// Candidates a search in code-length order tries before it finds the plan's effect.
    SearchEffort,
}

impl Measure {
    /// Every measure, in display order.
    pub const ALL: [Measure; 8] = [
        Measure::EffectDl,
        Measure::PlanDl,
        Measure::LevinKt,
        Measure::Lz76,
        Measure::Compress,
        Measure::Bdm,
        Measure::AlgorithmicProbability,
        Measure::SearchEffort,
    ];

    /// The measures scoring computes at once; the others run the language's programs
    /// and are computed on request.
    pub const SCORED: [Measure; 6] = [
        Measure::EffectDl,
        Measure::PlanDl,
        Measure::LevinKt,
        Measure::Lz76,
        Measure::Compress,
        Measure::Bdm,
    ];

    /// Key in JSON and budgets.
    pub fn key(self) -> &'static str {
        match self {
            Measure::EffectDl => "effect_dl",
            Measure::PlanDl => "plan_dl",
            Measure::LevinKt => "levin_kt",
            Measure::Lz76 => "lz76",
            Measure::Compress => "compress",
            Measure::Bdm => "bdm",
            Measure::AlgorithmicProbability => "algorithmic_probability",
            Measure::SearchEffort => "search_effort",
        }
    }

    /// The measure with this key (as in JSON and budgets).
    pub fn from_key(key: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Short column header.
    pub fn short(self) -> &'static str {
        match self {
            Measure::AlgorithmicProbability => "alg_prob",
            Measure::SearchEffort => "search",
            other => other.key(),
        }
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Measure::EffectDl => "effect description length",
            Measure::PlanDl => "plan description length",
            Measure::LevinKt => "Levin Kt",
            Measure::Lz76 => "LZ76 complexity",
            Measure::Compress => "compressed size",
            Measure::Bdm => "block decomposition method",
            Measure::AlgorithmicProbability => "algorithmic probability",
            Measure::SearchEffort => "search effort",
        }
    }

    /// The unit of its value.
    pub fn unit(self) -> &'static str {
        match self {
            Measure::Lz76 => "phrases",
            Measure::SearchEffort => "candidates",
            _ => "bits",
        }
    }

    /// What makes it relative to a language.
    pub fn relative_through(self) -> &'static str {
        match self {
            Measure::EffectDl => "the state words",
            Measure::PlanDl | Measure::LevinKt | Measure::AlgorithmicProbability => {
                "the action words"
            }
            Measure::SearchEffort => "the action words and the technologies",
            Measure::Lz76 => "the tokenization",
            Measure::Compress => "the codec",
            Measure::Bdm => "the machine formalism behind the CTM table",
        }
    }
}

/// Levin's Kt: description length plus log2 of the running time (at least one step).
pub fn levin_kt(plan_bits: f64, steps: usize) -> f64 {
    plan_bits + (steps.max(1) as f64).log2()
}

#[cfg(test)]
mod tests;
