//! The states reachable from the start, found breadth first, with their transitions.

use crate::world::{Action, State, TechLevels, World};
use std::collections::HashMap;

/// Index of a state in a [`StateSpace`].
pub type StateId = u32;

/// How many states are enumerated unless asked otherwise.
pub const DEFAULT_STATE_BUDGET: usize = 200_000;

/// Where an action leads from a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Successor {
    /// A non-terminal state of the space.
    State(StateId),
    /// A terminal state: the episode ends.
    Terminal,
    /// A state beyond the budget, not enumerated.
    Unexplored,
}

/// The non-terminal states reachable from the start and the transitions between them,
/// over the world's actions ([`World::actions`]; in the benchmark worlds Noop, Up, Down,
/// Left, Right), Noop first.
#[derive(Clone)]
pub struct StateSpace {
    states: Vec<State>,
    index: HashMap<State, StateId>,
    actions: Vec<Action>,
    /// `actions.len()` successors per state, row-major.
    successors: Vec<Successor>,
    truncated: bool,
}

impl StateSpace {
    /// Enumerate breadth first from the start, stopping after `budget` states. Terminal
    /// states are left out of the set (transitions into them are kept as `Terminal`).
    pub fn explore(world: &World, tech: &TechLevels, budget: usize) -> Self {
        let actions = world.actions();
        let mut space = Self {
            states: Vec::new(),
            index: HashMap::new(),
            actions: actions.clone(),
            successors: Vec::new(),
            truncated: false,
        };
        space.insert(world.initial_state());
        let mut next = 0;
        while next < space.states.len() {
            let state = space.states[next].clone();
            for &action in &actions {
                let after = world.step(tech, &state, action);
                let successor = if after.ended {
                    Successor::Terminal
                } else if let Some(&id) = space.index.get(&after) {
                    Successor::State(id)
                } else if space.states.len() < budget {
                    Successor::State(space.insert(after))
                } else {
                    space.truncated = true;
                    Successor::Unexplored
                };
                space.successors.push(successor);
            }
            next += 1;
        }
        space
    }

    fn insert(&mut self, state: State) -> StateId {
        let id = self.states.len() as StateId;
        self.index.insert(state.clone(), id);
        self.states.push(state);
        id
    }

    /// Number of (non-terminal) states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether there are no states (never: the start is always there unless terminal).
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// Whether the budget stopped the enumeration, so results are approximate.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The id of a state, if enumerated.
    pub fn id(&self, state: &State) -> Option<StateId> {
        self.index.get(state).copied()
    }

    /// The state with this id.
    pub fn state(&self, id: StateId) -> &State {
        &self.states[id as usize]
    }

    /// Where each action leads from `id`, in the order of [`Self::actions`].
    pub fn successors(&self, id: StateId) -> &[Successor] {
        let width = self.actions.len();
        &self.successors[id as usize * width..(id as usize + 1) * width]
    }

    /// The actions transitions are enumerated over; Noop is first.
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// The distinct enumerated successors of `id`.
    pub fn neighbours(&self, id: StateId) -> impl Iterator<Item = StateId> + '_ {
        self.successors(id).iter().filter_map(|s| match s {
            Successor::State(n) => Some(*n),
            _ => None,
        })
    }
}
