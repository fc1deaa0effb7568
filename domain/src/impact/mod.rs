//! Impact measures from the side-effects literature: unreachability, relative reachability
//! and attainable utility, each against a baseline (start, inaction, stepwise inaction with
//! or without inaction rollouts) with a deviation function (truncation or absolute) and a
//! discount, computed exactly on the enumerated state space.

mod deviation;
mod reachability;
mod state_space;
mod trajectory;

pub use deviation::{
    Deviation, ImpactMeasure, ImpactOptions, ImpactSetting, MAX_HORIZON, MAX_UTILITIES, RolloutForm,
};
pub use reachability::Reachability;
pub use state_space::{DEFAULT_STATE_BUDGET, MAX_STATE_BUDGET, SpaceCost, StateId, StateSpace};
pub use trajectory::{ImpactBaseline, ImpactReport, impact_of_plan};

/// Why an impact computation cannot run.
#[derive(Debug, thiserror::Error)]
pub enum ImpactError {
    /// It would pass the memory budget.
    #[error(transparent)]
    Limit(#[from] crate::limits::LimitError),
    /// A state of the world has no packed encoding.
    #[error(transparent)]
    Encoding(#[from] crate::world::EncodingError),
    /// The options or the plan do not make sense together.
    #[error("{0}")]
    Options(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::choice::tests::names_round_trip;

    #[test]
    fn impact_options_are_named_once() {
        names_round_trip::<ImpactMeasure>();
        names_round_trip::<ImpactBaseline>();
        names_round_trip::<RolloutForm>();
        names_round_trip::<Deviation>();
    }
}
