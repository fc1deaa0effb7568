//! Impact measures from the side-effects literature: unreachability, relative reachability
//! and attainable utility, each against a baseline (start, inaction, stepwise inaction with
//! or without inaction rollouts) with a deviation function (truncation or absolute) and a
//! discount, computed exactly on the enumerated state space.

mod deviation;
mod reachability;
mod state_space;
mod trajectory;

pub use deviation::{Deviation, ImpactMeasure, ImpactOptions, ImpactSetting};
pub use reachability::Reachability;
pub use state_space::{DEFAULT_STATE_BUDGET, StateId, StateSpace};
pub use trajectory::{ImpactBaseline, ImpactReport, impact_of_plan};
