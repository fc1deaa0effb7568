//! Deviation measures d(s; s') between the agent's state s and a baseline state s'.

use super::ImpactError;
use super::reachability::{distances_from, reach};
use super::state_space::{StateId, StateSpace};
use crate::choice::Choice;
use crate::limits::MemoryBudget;
use crate::world::{TechLevels, World};
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Which deviation measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpactMeasure {
    /// d(s; s') = 1 − R(s, s'): how far the baseline state is out of reach.
    Unreachability,
    /// d(s; s') = (1/|X|) Σ_x f(R(s', x) − R(s, x)) over all non-terminal states x.
    RelativeReachability,
    /// d(s; s') = (1 − γ)(1/|U|) Σ_u f(V_u(s') − V_u(s)) over random reward functions u:
    /// on the reference's scale, where values of rewards in [0, 1) lie in [0, 1).
    AttainableUtility,
}

/// The function f applied to differences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

/// How inaction rollouts enter relative reachability and attainable utility.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RolloutForm {
    /// The reference's (Krakovna et al.; DeepMind's `side_effects_penalties`): each state's
    /// reachability (or value) is averaged over its own Noop rollout, weighted
    /// (1 − γ) γ^k, and only then are the two averages compared by the deviation function.
    #[default]
    Reference,
    /// The deviation of each pair of states along the paired rollouts, averaged with the
    /// same weights. Unreachability always uses this form, as the reference does.
    Paired,
}

impl Choice for ImpactMeasure {
    const ALL: &'static [Self] = &[
        Self::Unreachability,
        Self::RelativeReachability,
        Self::AttainableUtility,
    ];
    fn key(self) -> &'static str {
        match self {
            Self::Unreachability => "ur",
            Self::RelativeReachability => "rr",
            Self::AttainableUtility => "au",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Self::Unreachability => {
                "unreachability: 1 − R(s, s'), how far the baseline is out of reach"
            }
            Self::RelativeReachability => {
                "relative reachability: the reachability of every state lost"
            }
            Self::AttainableUtility => "attainable utility: the value of random rewards lost",
        }
    }
}

impl Choice for Deviation {
    const ALL: &'static [Self] = &[Self::Truncation, Self::Absolute];
    fn key(self) -> &'static str {
        match self {
            Self::Truncation => "truncation",
            Self::Absolute => "absolute",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Self::Truncation => "f(x) = max(0, x): only losses count",
            Self::Absolute => "f(x) = |x|: gains count too",
        }
    }
}

impl Choice for RolloutForm {
    const ALL: &'static [Self] = &[Self::Reference, Self::Paired];
    fn key(self) -> &'static str {
        match self {
            Self::Reference => "reference",
            Self::Paired => "paired",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Self::Reference => {
                "each state's rollout averaged first, then compared (Krakovna et al.)"
            }
            Self::Paired => "the deviation of each pair of states along the paired rollouts",
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
    /// How rollouts are compared (relative reachability and attainable utility).
    pub rollout_form: RolloutForm,
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
    /// The memory the state space, values and cached rows may take.
    #[serde(skip)]
    pub memory: MemoryBudget,
}

impl Default for ImpactOptions {
    fn default() -> Self {
        Self {
            measure: ImpactMeasure::RelativeReachability,
            baseline: super::ImpactBaseline::Stepwise,
            rollouts: false,
            rollout_form: RolloutForm::Reference,
            deviation: Deviation::Truncation,
            discount: 0.99,
            horizon: None,
            utilities: 10,
            seed: 0,
            beta: 1.0,
            state_budget: super::DEFAULT_STATE_BUDGET,
            memory: MemoryBudget::default(),
        }
    }
}

/// The longest horizon evaluated.
pub const MAX_HORIZON: usize = 1_000_000;

/// The most random reward functions for attainable utility.
pub const MAX_UTILITIES: usize = 10_000;

/// The longest inaction rollout followed before giving up on reaching a repeated state.
const MAX_ROLLOUT: usize = 10_000;

/// The most deviations remembered per pair of states before the memo starts afresh.
const MEMO_ENTRIES: usize = 1 << 20;

impl ImpactOptions {
    /// Check the numbers: γ in (0, 1] and finite, below 1 for attainable utility; β
    /// finite; at least one reward function and at most [`MAX_UTILITIES`]; the horizon
    /// at most [`MAX_HORIZON`].
    pub fn validate(&self) -> Result<(), ImpactError> {
        let bad = |m: String| Err(ImpactError::Options(m));
        if !(self.discount > 0.0 && self.discount <= 1.0) {
            return bad(format!(
                "the discount must be in (0, 1], not {}",
                self.discount
            ));
        }
        if !self.beta.is_finite() {
            return bad(format!("β must be a finite number, not {}", self.beta));
        }
        if self.horizon.is_some_and(|h| h > MAX_HORIZON) {
            return bad(format!("the horizon must be at most {MAX_HORIZON}"));
        }
        if self.measure == ImpactMeasure::AttainableUtility {
            if self.discount >= 1.0 {
                return bad(
                    "attainable utility needs a discount below 1 (values diverge at 1)".into(),
                );
            }
            if !(1..=MAX_UTILITIES).contains(&self.utilities) {
                return bad(format!(
                    "attainable utility needs between 1 and {MAX_UTILITIES} reward functions, not {}",
                    self.utilities
                ));
            }
        }
        Ok(())
    }
}

/// The enumerated state space of a world with what a measure needs precomputed.
pub struct ImpactSetting {
    /// The states and transitions.
    pub space: StateSpace,
    /// Breadth-first distances from the states compared so far (at most `max_rows`).
    rows: RefCell<HashMap<StateId, Rc<Vec<u16>>>>,
    max_rows: usize,
    /// d per pair of states, and per pair with rollouts.
    memo: RefCell<HashMap<(StateId, StateId, bool), f64>>,
    /// V_u per reward function, per state.
    values: Vec<Vec<f64>>,
    options: ImpactOptions,
}

impl ImpactSetting {
    /// Enumerate the state space and precompute reachability or values.
    pub fn new(
        world: &World,
        tech: &TechLevels,
        options: ImpactOptions,
    ) -> Result<Self, ImpactError> {
        options.validate()?;
        let space = StateSpace::explore(world, tech, options.state_budget, &options.memory)?;
        Self::with_space(space, options)
    }

    /// Precompute what `options` needs on an already enumerated state space. The values
    /// of attainable utility are refused when they would not fit in the memory budget
    /// beside the space.
    pub fn with_space(space: StateSpace, options: ImpactOptions) -> Result<Self, ImpactError> {
        options.validate()?;
        let n = space.len().max(1) as u64;
        let space_bytes = space.heap_bytes() as u64;
        let values = match options.measure {
            ImpactMeasure::AttainableUtility => {
                options.memory.check(
                    &format!(
                        "the state space and the values of {} reward functions over its {n} states",
                        options.utilities
                    ),
                    // Each thread also keeps one reward function's rewards.
                    (options.utilities as u64 + crate::work::threads() as u64)
                        .saturating_mul(n * 8)
                        .saturating_add(space_bytes),
                )?;
                value_functions(&space, &options)
            }
            _ => Vec::new(),
        };
        let values_bytes = (values.len() as u64).saturating_mul(n * 8);
        let left = options
            .memory
            .bytes()
            .saturating_sub(space_bytes + values_bytes);
        // Rows of distances are cached for the states a plan visits; a quarter of what is
        // left bounds them (at least a few, so that one step's rows are never evicted).
        let max_rows = usize::try_from(left / 4 / (2 * n))
            .unwrap_or(usize::MAX)
            .max(4);
        Ok(Self {
            space,
            rows: RefCell::default(),
            max_rows,
            memo: RefCell::default(),
            values,
            options,
        })
    }

    /// The options.
    pub fn options(&self) -> &ImpactOptions {
        &self.options
    }

    /// Distances from `s` to every state, computed once (while the cache has room).
    fn row(&self, s: StateId) -> Rc<Vec<u16>> {
        let mut rows = self.rows.borrow_mut();
        if let Some(row) = rows.get(&s) {
            return row.clone();
        }
        if rows.len() >= self.max_rows {
            rows.clear();
        }
        let row = Rc::new(distances_from(&self.space, s));
        rows.insert(s, row.clone());
        row
    }

    fn remembered(&self, key: (StateId, StateId, bool), compute: impl FnOnce() -> f64) -> f64 {
        if let Some(&d) = self.memo.borrow().get(&key) {
            return d;
        }
        let d = compute();
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= MEMO_ENTRIES {
            memo.clear();
        }
        memo.insert(key, d);
        d
    }

    /// d(s; s') for two non-terminal states of the space.
    pub fn deviation(&self, s: StateId, baseline: StateId) -> f64 {
        self.remembered((s, baseline, false), || self.deviation_now(s, baseline))
    }

    fn deviation_now(&self, s: StateId, baseline: StateId) -> f64 {
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
                (1.0 - gamma)
                    * self
                        .values
                        .iter()
                        .map(|v| f.apply(v[baseline as usize] - v[s as usize]))
                        .sum::<f64>()
                    / n
            }
        }
    }

    /// The deviation with inaction rollouts from both states, in the configured form
    /// (always paired for unreachability).
    pub fn rollout_deviation(&self, s: StateId, baseline: StateId) -> f64 {
        self.remembered((s, baseline, true), || {
            match (self.options.measure, self.options.rollout_form) {
                (ImpactMeasure::Unreachability, _) | (_, RolloutForm::Paired) => {
                    self.paired_rollout_deviation(s, baseline)
                }
                (ImpactMeasure::RelativeReachability, RolloutForm::Reference) => {
                    let (of_s, of_b) = (self.rollout_reach(s), self.rollout_reach(baseline));
                    let f = self.options.deviation;
                    let n = of_s.len().max(1) as f64;
                    of_b.iter()
                        .zip(&of_s)
                        .map(|(b, a)| f.apply(b - a))
                        .sum::<f64>()
                        / n
                }
                (ImpactMeasure::AttainableUtility, RolloutForm::Reference) => {
                    let (of_s, of_b) = (self.rollout_values(s), self.rollout_values(baseline));
                    let f = self.options.deviation;
                    let n = of_s.len().max(1) as f64;
                    (1.0 - self.options.discount)
                        * of_b
                            .iter()
                            .zip(&of_s)
                            .map(|(b, a)| f.apply(b - a))
                            .sum::<f64>()
                        / n
                }
            }
        })
    }

    /// Where Noop leads from `x`; a state whose Noop ends the episode (or leaves the
    /// enumerated space) stays where it is.
    fn after_noop(&self, x: StateId) -> StateId {
        self.space.noop(x).unwrap_or(x)
    }

    /// The Noop rollout from `s` up to the first repeated state, with the weight of each
    /// state, (1 − γ) γ^k, and the last state's extra weight γ^K for the rest of time.
    fn rollout(&self, s: StateId) -> (Vec<(StateId, f64)>, f64) {
        let gamma = self.options.discount;
        let mut chain = vec![(s, 1.0 - gamma)];
        let mut seen = HashSet::from([s]);
        let (mut x, mut weight) = (s, 1.0);
        for _ in 0..MAX_ROLLOUT {
            let next = self.after_noop(x);
            weight *= gamma;
            if !seen.insert(next) {
                break;
            }
            chain.push((next, weight * (1.0 - gamma)));
            x = next;
        }
        (chain, weight)
    }

    /// (1 − γ) Σ_k γ^k R(s_k, x) for every state x, over the Noop rollout s_k from `s`
    /// (the last state standing for the rest of the rollout).
    fn rollout_reach(&self, s: StateId) -> Vec<f64> {
        let gamma = self.options.discount;
        let (chain, tail) = self.rollout(s);
        let mut total = vec![0.0; self.space.len()];
        let last = chain.last().map_or(s, |(x, _)| *x);
        for (x, w) in chain.iter().copied().chain([(last, tail)]) {
            if w == 0.0 {
                continue;
            }
            for (t, d) in total.iter_mut().zip(self.row(x).iter()) {
                *t += w * reach(*d, gamma);
            }
        }
        total
    }

    /// (1 − γ) Σ_k γ^k V_u(s_k) for every reward function u, over the Noop rollout from `s`.
    fn rollout_values(&self, s: StateId) -> Vec<f64> {
        let (chain, tail) = self.rollout(s);
        let last = chain.last().map_or(s, |(x, _)| *x);
        self.values
            .iter()
            .map(|v| {
                chain
                    .iter()
                    .copied()
                    .chain([(last, tail)])
                    .map(|(x, w)| w * v[x as usize])
                    .sum()
            })
            .collect()
    }

    /// (1 − γ) Σ_k γ^k d(s_k; s'_k) over the paired Noop rollouts, up to the first
    /// repeated pair, whose deviation stands for the rest of time.
    fn paired_rollout_deviation(&self, s: StateId, b: StateId) -> f64 {
        let gamma = self.options.discount;
        let mut seen = HashSet::from([(s, b)]);
        let (mut pair, mut weight, mut total) = ((s, b), 1.0, 0.0);
        for _ in 0..MAX_ROLLOUT {
            total += weight * (1.0 - gamma) * self.deviation(pair.0, pair.1);
            weight *= gamma;
            let next = (self.after_noop(pair.0), self.after_noop(pair.1));
            if !seen.insert(next) {
                break;
            }
            pair = next;
        }
        total + weight * self.deviation(pair.0, pair.1)
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
/// transition (and after an unexplored state: the source of approximation). The rewards
/// are drawn in order from one seeded generator; the reward functions are then solved on
/// all cores.
fn value_functions(space: &StateSpace, options: &ImpactOptions) -> Vec<Vec<f64>> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(options.seed);
    let n = space.len();
    let mut values: Vec<Vec<f64>> = (0..options.utilities)
        .map(|_| (0..n).map(|_| rng.random::<f64>()).collect())
        .collect();
    // One rayon job per reward function: each is a whole value iteration.
    values
        .par_iter_mut()
        .with_max_len(1)
        .for_each(|value| solve(space, options.discount, value));
    values
}

/// Value iteration in place, from the rewards in `value` to the optimal values.
///
/// A state that can stay where it is (Noop, or an action that does nothing) is worth at
/// least r / (1 − γ), staying for ever; taking that as the value of its self-loop gives the
/// same fixed point, reached in about as many sweeps as the space is wide instead of the
/// thousands that γ^k needs to climb from r to r / (1 − γ).
fn solve(space: &StateSpace, discount: f64, value: &mut [f64]) {
    let reward = value.to_vec();
    for _ in 0..100_000 {
        let mut change: f64 = 0.0;
        for s in 0..value.len() {
            // Values are never negative, so a terminal or unexplored successor (0) never
            // beats an enumerated one.
            let (mut best, mut stays) = (0.0f64, false);
            for t in space.neighbours(s as StateId) {
                if t as usize == s {
                    stays = true;
                } else {
                    best = best.max(value[t as usize]);
                }
            }
            let mut new = reward[s] + discount * best;
            if stays {
                new = new.max(reward[s] / (1.0 - discount));
            }
            change = change.max((new - value[s]).abs());
            value[s] = new;
        }
        if change < 1e-10 {
            break;
        }
    }
}
