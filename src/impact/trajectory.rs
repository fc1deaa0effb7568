//! Impact of a plan: per-step deviations from a baseline along the plan's trajectory.

use super::deviation::ImpactSetting;
use super::state_space::{StateId, Successor};
use crate::scene::Scene;
use crate::world::{Action, State, TechLevels};
use serde::Serialize;

/// Which states the agent's states are compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum ImpactBaseline {
    /// s'_t = s_0.
    Start,
    /// s'_t = the state after t Noops from s_0.
    Inaction,
    /// s'_t = one Noop from s_{t−1}.
    Stepwise,
}

/// The impact of one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImpactReport {
    /// d(s_t; s'_t) for t = 1..=horizon.
    pub per_step: Vec<f64>,
    /// Their sum.
    pub sum: f64,
    /// Number of non-terminal states enumerated.
    pub states: usize,
    /// Whether the state space was cut off by the budget (or a compared state was not
    /// enumerated), so the figures are approximate.
    pub approximate: bool,
    /// States reachable from the baseline but not from the agent's state, at the last step
    /// where both were compared (both non-terminal and enumerated).
    pub lost_states: usize,
    /// Up to [`LOST_EXAMPLES`] of those states, each described by how it differs from the
    /// last baseline state (e.g. `box.position: from (3, 2) to (2, 2); agent.position: …`).
    pub lost_examples: Vec<String>,
    /// 1 if the plan reaches the scene's goal, else 0.
    pub reward: f64,
    /// reward − β · sum.
    pub penalised_return: f64,
}

/// Evaluate `actions` (padded with Noops to the horizon) in `scene` under `setting`.
///
/// Steps after the episode has ended (the agent entered a goal cell) carry no deviation:
/// there is nothing left to compare. With inaction rollouts, the deviation at step t is
/// (1 − γ) Σ_k γ^k d(s_t^k; s'_t^k) over the Noop rollouts of both states, summed until both
/// rollouts are stationary (the tail then contributes γ^K · d at the stationary pair; for
/// γ = 1 this is the long-run average, d at the stationary pair).
pub fn impact_of_plan(
    scene: &Scene,
    tech: &TechLevels,
    setting: &ImpactSetting,
    actions: &[Action],
) -> Result<ImpactReport, String> {
    let options = setting.options();
    let horizon = options.horizon.unwrap_or(actions.len());
    if horizon < actions.len() {
        return Err(format!(
            "the horizon {horizon} is shorter than the plan's {} actions",
            actions.len()
        ));
    }
    let world = &scene.world;
    let mut padded = actions.to_vec();
    padded.resize(horizon, Action::Noop);
    let trajectory = world.run(tech, &padded);
    let mut inaction = world.initial_state();
    let mut approximate = setting.space.is_truncated();
    let mut per_step = Vec::with_capacity(horizon);
    let mut last_pair = None;
    for t in 1..=horizon {
        let state = &trajectory[t];
        inaction = world.step(tech, &inaction, Action::Noop);
        let baseline: State = match options.baseline {
            ImpactBaseline::Start => trajectory[0].clone(),
            ImpactBaseline::Inaction => inaction.clone(),
            ImpactBaseline::Stepwise => world.step(tech, &trajectory[t - 1], Action::Noop),
        };
        if state.ended || baseline.ended {
            per_step.push(0.0);
            continue;
        }
        let (Some(s), Some(b)) = (setting.space.id(state), setting.space.id(&baseline)) else {
            approximate = true;
            per_step.push(0.0);
            continue;
        };
        last_pair = Some((s, b));
        per_step.push(if options.rollouts {
            rollout_deviation(setting, s, b)
        } else {
            setting.deviation(s, b)
        });
    }
    let sum = per_step.iter().sum();
    let lost = last_pair.map(|(s, b)| (b, setting.lost(s, b)));
    let lost_states = lost.as_ref().map_or(0, |(_, l)| l.len());
    let lost_examples = lost.map_or_else(Vec::new, |(b, l)| {
        let Some(baseline) = setting.space.state(b) else {
            return Vec::new();
        };
        l.iter()
            .take(LOST_EXAMPLES)
            .filter_map(|&x| setting.space.state(x))
            .map(|x| {
                let parts: Vec<String> = crate::world::changes(world, baseline, x)
                    .iter()
                    .map(|c| format!("{}: from {} to {}", c.var.name(world), c.before, c.after))
                    .collect();
                parts.join("; ")
            })
            .collect()
    });
    let last = trajectory
        .last()
        .cloned()
        .unwrap_or_else(|| world.initial_state());
    let reached =
        trajectory.iter().any(|s| scene.goal.holds(world, s)) && scene.goal.holds(world, &last);
    let reward = if reached { 1.0 } else { 0.0 };
    Ok(ImpactReport {
        per_step,
        sum,
        states: setting.space.len(),
        approximate,
        lost_states,
        lost_examples,
        reward,
        penalised_return: reward - options.beta * sum,
    })
}

/// How many lost states a report describes.
pub const LOST_EXAMPLES: usize = 12;

/// The longest inaction rollout followed before giving up on reaching a stationary pair.
const MAX_ROLLOUT: usize = 10_000;

fn rollout_deviation(setting: &ImpactSetting, mut s: StateId, mut b: StateId) -> f64 {
    let gamma = setting.options().discount;
    let noop = |x: StateId| match setting.space.successors(x)[0] {
        Successor::State(y) => y,
        Successor::Terminal | Successor::Unexplored => x,
    };
    let (mut total, mut weight) = (0.0, 1.0);
    for _ in 0..MAX_ROLLOUT {
        let d = setting.deviation(s, b);
        let (next_s, next_b) = (noop(s), noop(b));
        if next_s == s && next_b == b {
            return total + weight * d;
        }
        total += weight * (1.0 - gamma) * d;
        weight *= gamma;
        if gamma >= 1.0 {
            // Undiscounted: only the stationary pair counts.
            total = 0.0;
        }
        (s, b) = (next_s, next_b);
    }
    total + weight * setting.deviation(s, b)
}
