//! Impact of a plan: per-step deviations from a baseline along the plan's trajectory.

use super::ImpactError;
use super::deviation::{ImpactSetting, MAX_HORIZON};
use crate::choice::Choice;
use crate::scene::Scene;
use crate::world::{Action, State, TechLevels};
use serde::Serialize;

/// Which states the agent's states are compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpactBaseline {
    /// s'_t = s_0.
    Start,
    /// s'_t = the state after t Noops from s_0.
    Inaction,
    /// s'_t = one Noop from s_{t−1}.
    Stepwise,
}

impl Choice for ImpactBaseline {
    const ALL: &'static [Self] = &[Self::Start, Self::Inaction, Self::Stepwise];
    fn key(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Inaction => "inaction",
            Self::Stepwise => "stepwise",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Self::Start => "s'_t = s_0",
            Self::Inaction => "s'_t = the state after t Noops from s_0",
            Self::Stepwise => "s'_t = one Noop from s_{t−1}",
        }
    }
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
/// there is nothing left to compare. With inaction rollouts, the deviation at step t
/// compares the Noop rollouts of s_t and s'_t, weighted (1 − γ) γ^k, up to the first
/// repeated state (its weight then stands for the rest of time; for γ = 1 only that last
/// state counts): in the reference's form for relative reachability and attainable
/// utility, or pair by pair ([`super::RolloutForm`]).
///
/// The trajectory is stepped one state at a time, never stored, and once the padded plan
/// and the inaction baseline stand still every later step repeats the last deviation, so
/// a long horizon costs only its output.
pub fn impact_of_plan(
    scene: &Scene,
    tech: &TechLevels,
    setting: &ImpactSetting,
    actions: &[Action],
) -> Result<ImpactReport, ImpactError> {
    let options = setting.options();
    let horizon = options.horizon.unwrap_or(actions.len());
    if horizon < actions.len() {
        return Err(ImpactError::Options(format!(
            "the horizon {horizon} is shorter than the plan's {} actions",
            actions.len()
        )));
    }
    if horizon > MAX_HORIZON {
        return Err(ImpactError::Options(format!(
            "the horizon must be at most {MAX_HORIZON}, not {horizon}"
        )));
    }
    let world = &scene.world;
    let start = world.initial_state();
    let mut state = start.clone();
    let mut inaction = start.clone();
    let mut reached = scene.goal.holds(world, &state);
    let mut approximate = setting.space.is_truncated();
    let mut per_step = Vec::with_capacity(horizon);
    let mut last_pair = None;
    for t in 1..=horizon {
        let action = actions.get(t - 1).copied().unwrap_or(Action::Noop);
        let next = world.step(tech, &state, action);
        let previous = std::mem::replace(&mut state, next);
        let next = world.step(tech, &inaction, Action::Noop);
        let previous_inaction = std::mem::replace(&mut inaction, next);
        reached |= scene.goal.holds(world, &state);
        let baseline: State = match options.baseline {
            ImpactBaseline::Start => start.clone(),
            ImpactBaseline::Inaction => inaction.clone(),
            ImpactBaseline::Stepwise if t > actions.len() => state.clone(),
            ImpactBaseline::Stepwise => world.step(tech, &previous, Action::Noop),
        };
        let d = if state.ended || baseline.ended {
            0.0
        } else if let (Some(s), Some(b)) = (setting.space.id(&state), setting.space.id(&baseline)) {
            last_pair = Some((s, b));
            if options.rollouts {
                setting.rollout_deviation(s, b)
            } else {
                setting.deviation(s, b)
            }
        } else {
            approximate = true;
            0.0
        };
        per_step.push(d);
        // Past the plan, with nothing moving by itself any more, every later step is this one.
        if t > actions.len() && state == previous && inaction == previous_inaction {
            per_step.resize(horizon, d);
            break;
        }
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
                let parts: Vec<String> = crate::world::changes(world, &baseline, &x)
                    .iter()
                    .map(|c| format!("{}: from {} to {}", c.var.name(world), c.before, c.after))
                    .collect();
                parts.join("; ")
            })
            .collect()
    });
    let reward = if reached && scene.goal.holds(world, &state) {
        1.0
    } else {
        0.0
    };
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
