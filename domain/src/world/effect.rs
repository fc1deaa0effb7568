//! Baselines, trajectories and effects: what a plan changed compared with not acting.

use super::World;
use super::action::Action;
use super::goal::Goal;
use super::state::State;
use super::technology::TechLevels;
use super::variable::{Change, VarKind, changes};
use serde::{Deserialize, Serialize};

/// What a plan's outcome is compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// The state after as many `Noop`s as the plan has actions, from the start.
    #[default]
    Inaction,
    /// The starting state.
    Start,
    /// One `Noop` from the state before the plan's last action.
    Stepwise,
}

impl Baseline {
    /// Every baseline.
    pub const ALL: [Baseline; 3] = [Baseline::Inaction, Baseline::Start, Baseline::Stepwise];

    /// The baseline state for a trajectory (which has at least one state).
    pub fn state(self, world: &World, tech: &TechLevels, trajectory: &[State]) -> State {
        let steps = trajectory.len().saturating_sub(1);
        match self {
            Baseline::Start => world.initial_state(),
            Baseline::Inaction => world
                .run(tech, &vec![Action::Noop; steps])
                .pop()
                .unwrap_or_else(|| world.initial_state()),
            Baseline::Stepwise => match steps {
                0 => world.initial_state(),
                n => world.step(tech, &trajectory[n - 1], Action::Noop),
            },
        }
    }
}

/// Everything simulating a plan tells: its states, whether it reaches the goal, and its effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// States from the start to the end, one more than there are actions.
    pub trajectory: Vec<State>,
    /// The state the outcome is compared with.
    pub baseline: State,
    /// Whether the goal holds in the final state.
    pub reaches_goal: bool,
    /// The variables, other than the agent's own, whose final value differs from the
    /// baseline's. The agent's position and hands are how it acts, not what it changes.
    pub effect: Vec<Change>,
}

impl Outcome {
    /// Simulate `actions` and compare the end with `baseline`.
    pub fn simulate(
        world: &World,
        tech: &TechLevels,
        goal: &Goal,
        actions: &[Action],
        baseline: Baseline,
    ) -> Self {
        let trajectory = world.run(tech, actions);
        let baseline_state = baseline.state(world, tech, &trajectory);
        let last = trajectory
            .last()
            .cloned()
            .unwrap_or_else(|| world.initial_state());
        let effect = changes(world, &baseline_state, &last)
            .into_iter()
            .filter(|c| c.var.kind() != VarKind::Agent)
            .collect();
        Self {
            reaches_goal: goal.holds(world, &last),
            trajectory,
            baseline: baseline_state,
            effect,
        }
    }

    /// Number of primitive steps simulated.
    pub fn steps(&self) -> usize {
        self.trajectory.len().saturating_sub(1)
    }
}
