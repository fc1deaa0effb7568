//! Deviation measures d(s; s') between the agent's state s and a baseline state s'.

use super::reachability::{distances_from, reach};
use super::state_space::{StateId, StateSpace, Successor};
use crate::world::{TechLevels, World};
use rand::{RngExt, SeedableRng};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Which deviation measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum ImpactMeasure {
    /// d(s; s') = 1 − R(s, s'): how far the baseline state is out of reach.
    #[value(name = "ur")]
    Unreachability,
    /// d(s; s') = (1/|X|) Σ_x f(R(s', x) − R(s, x)) over all non-terminal states x.
    #[value(name = "rr")]
    RelativeReachability,
    /// d(s; s') = (1/|U|) Σ_u f(V_u(s') − V_u(s)) over random reward functions u.
    #[value(name = "au")]
    AttainableUtility,
}

/// The function f applied to differences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Deviation {
    /// f(x) = max(0, x): only losses count.
    Truncation,
    /// f(x) = |x|: gains count too.
    Absolute,
}

impl Deviation {
    fn apply(self, x: f64) -> f64 {
        match self {
            Deviation::Truncation => x.max(0.0),
            Deviation::Absolute => x.abs(),
        }
    }
}

/// Everything an impact computation is configured by.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImpactOptions {
    /// The deviation measure.
    pub measure: ImpactMeasure,
    /// The baseline.
    pub baseline: super::ImpactBaseline,
    /// Compare inaction rollouts from both states instead of the states themselves.
    pub rollouts: bool,
    /// f.
    pub deviation: Deviation,
    /// γ in (0, 1]; attainable utility needs γ < 1.
    pub discount: f64,
    /// Steps to evaluate; the plan is padded with Noops (default: the plan's length).
    pub horizon: Option<usize>,
    /// Number of random reward functions for attainable utility.
    pub utilities: usize,
    /// Seed of the random reward functions.
    pub seed: u64,
    /// Weight of the penalty in the penalised return.
    pub beta: f64,
    /// The most states to enumerate; beyond it results are approximate.
    pub state_budget: usize,
}

impl Default for ImpactOptions {
    fn default() -> Self {
        Self {
            measure: ImpactMeasure::RelativeReachability,
            baseline: super::ImpactBaseline::Stepwise,
            rollouts: false,
            deviation: Deviation::Truncation,
            discount: 0.99,
            horizon: None,
            utilities: 10,
            seed: 0,
            beta: 1.0,
            state_budget: super::DEFAULT_STATE_BUDGET,
        }
    }
}

/// The enumerated state space of a world with what a measure needs precomputed.
pub struct ImpactSetting {
    /// The states and transitions.
    pub space: StateSpace,
    /// Breadth-first distances from the states compared so far.
    rows: RefCell<HashMap<StateId, Rc<Vec<u16>>>>,
    /// V_u per reward function, per state.
    values: Vec<Vec<f64>>,
    options: ImpactOptions,
}

impl ImpactSetting {
    /// Enumerate the state space and precompute reachability or values.
    pub fn new(world: &World, tech: &TechLevels, options: ImpactOptions) -> Result<Self, String> {
        let space = StateSpace::explore(world, tech, options.state_budget);
        Self::with_space(space, options)
    }

    /// Precompute what `options` needs on an already enumerated state space.
    pub fn with_space(space: StateSpace, options: ImpactOptions) -> Result<Self, String> {
        if !(options.discount > 0.0 && options.discount <= 1.0) {
            return Err(format!(
                "the discount must be in (0, 1], not {}",
                options.discount
            ));
        }
        let values = match options.measure {
            ImpactMeasure::AttainableUtility => {
                if options.discount >= 1.0 {
                    return Err(
                        "attainable utility needs a discount below 1 (values diverge at 1)".into(),
                    );
                }
                if options.utilities == 0 {
                    return Err("attainable utility needs at least one reward function".into());
                }
                value_functions(&space, &options)
            }
            _ => Vec::new(),
        };
        Ok(Self {
            space,
            rows: RefCell::default(),
            values,
            options,
        })
    }

    /// The options.
    pub fn options(&self) -> &ImpactOptions {
        &self.options
    }

    /// Distances from `s` to every state, computed once.
    fn row(&self, s: StateId) -> Rc<Vec<u16>> {
        self.rows
            .borrow_mut()
            .entry(s)
            .or_insert_with(|| Rc::new(distances_from(&self.space, s)))
            .clone()
    }

    /// d(s; s') for two non-terminal states of the space.
    pub fn deviation(&self, s: StateId, baseline: StateId) -> f64 {
        let f = self.options.deviation;
        let gamma = self.options.discount;
        match self.options.measure {
            ImpactMeasure::Unreachability => 1.0 - reach(self.row(s)[baseline as usize], gamma),
            ImpactMeasure::RelativeReachability => {
                let (from_s, from_baseline) = (self.row(s), self.row(baseline));
                let n = from_s.len().max(1) as f64;
                from_baseline
                    .iter()
                    .zip(from_s.iter())
                    .map(|(b, a)| f.apply(reach(*b, gamma) - reach(*a, gamma)))
                    .sum::<f64>()
                    / n
            }
            ImpactMeasure::AttainableUtility => {
                let n = self.values.len().max(1) as f64;
                self.values
                    .iter()
                    .map(|v| f.apply(v[baseline as usize] - v[s as usize]))
                    .sum::<f64>()
                    / n
            }
        }
    }

    /// The states reachable from `baseline` but not from `s`: what the agent's state has
    /// lost compared with the baseline.
    pub fn lost(&self, s: StateId, baseline: StateId) -> Vec<StateId> {
        let (from_s, from_baseline) = (self.row(s), self.row(baseline));
        (0..from_s.len() as StateId)
            .filter(|&x| {
                from_baseline[x as usize] != super::reachability::UNREACHABLE
                    && from_s[x as usize] == super::reachability::UNREACHABLE
            })
            .collect()
    }
}

/// Optimal discounted values of random reward functions: r_u(s) uniform in [0, 1) per
/// state (seeded), V_u(s) = r_u(s) + γ max_a V_u(s'), with nothing after a terminal
/// transition (and after an unexplored state: the source of approximation).
fn value_functions(space: &StateSpace, options: &ImpactOptions) -> Vec<Vec<f64>> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(options.seed);
    let n = space.len();
    (0..options.utilities)
        .map(|_| {
            let reward: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
            let mut value = reward.clone();
            for _ in 0..100_000 {
                let mut change: f64 = 0.0;
                for s in 0..n {
                    let best = space
                        .successors(s as StateId)
                        .iter()
                        .map(|succ| match succ {
                            Successor::State(t) => value[*t as usize],
                            Successor::Terminal | Successor::Unexplored => 0.0,
                        })
                        .fold(f64::NEG_INFINITY, f64::max);
                    let new = reward[s] + options.discount * best.max(0.0);
                    change = change.max((new - value[s]).abs());
                    value[s] = new;
                }
                if change < 1e-10 {
                    break;
                }
            }
            value
        })
        .collect()
}
