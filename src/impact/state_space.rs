//! The states reachable from the start, found breadth first, with their transitions.

use crate::world::{Action, Dir, State, TechLevels, World};
use std::collections::HashMap;

/// Index of a state in a [`StateSpace`].
pub type StateId = u32;

/// How many states are enumerated unless asked otherwise.
pub const DEFAULT_STATE_BUDGET: usize = 200_000;

/// The actions of the benchmark worlds: Up, Down, Left, Right, Noop. Noop comes first so
/// that baselines can find it at index 0.
pub const ACTIONS: [Action; 5] = [
    Action::Noop,
    Action::Move(Dir::N),
    Action::Move(Dir::S),
    Action::Move(Dir::W),
    Action::Move(Dir::E),
];

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

/// The non-terminal states reachable from the start and the transitions between them.
pub struct StateSpace {
    states: Vec<State>,
    index: HashMap<State, StateId>,
    successors: Vec<[Successor; ACTIONS.len()]>,
    truncated: bool,
}

impl StateSpace {
    /// Enumerate breadth first from the start, stopping after `budget` states. Terminal
    /// states are left out of the set (transitions into them are kept as `Terminal`).
    pub fn explore(world: &World, tech: &TechLevels, budget: usize) -> Self {
        let start = world.initial_state();
        let mut space = Self {
            states: Vec::new(),
            index: HashMap::new(),
            successors: Vec::new(),
            truncated: false,
        };
        space.insert(start);
        let mut next = 0;
        while next < space.states.len() {
            let state = space.states[next].clone();
            let mut row = [Successor::Unexplored; ACTIONS.len()];
            for (slot, action) in row.iter_mut().zip(ACTIONS) {
                let after = world.step(tech, &state, action);
                *slot = if after.ended {
                    Successor::Terminal
                } else if let Some(&id) = space.index.get(&after) {
                    Successor::State(id)
                } else if space.states.len() < budget {
                    Successor::State(space.insert(after))
                } else {
                    space.truncated = true;
                    Successor::Unexplored
                };
            }
            space.successors.push(row);
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

    /// Where each action leads from `id`.
    pub fn successors(&self, id: StateId) -> &[Successor; ACTIONS.len()] {
        &self.successors[id as usize]
    }

    /// The distinct enumerated successors of `id`.
    pub fn neighbours(&self, id: StateId) -> impl Iterator<Item = StateId> + '_ {
        self.successors(id).iter().filter_map(|s| match s {
            Successor::State(n) => Some(*n),
            _ => None,
        })
    }
}
