//! The states reachable from the start, found breadth first, with their transitions.

use crate::world::{Action, State, TechLevels, World};
use indexmap::IndexSet;

/// Index of a state in a [`StateSpace`].
pub type StateId = u32;

/// How many states are enumerated unless asked otherwise.
pub const DEFAULT_STATE_BUDGET: usize = 200_000;

/// Breadth-first levels with fewer states than this are stepped on one thread.
const PARALLEL_LEVEL: usize = 4096;

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
    /// Each state once; its position is its id.
    states: IndexSet<State>,
    actions: Vec<Action>,
    /// `actions.len()` successors per state, row-major.
    successors: Vec<Successor>,
    truncated: bool,
}

impl StateSpace {
    /// Enumerate breadth first from the start, stopping after `budget` states. Terminal
    /// states are left out of the set (transitions into them are kept as `Terminal`).
    ///
    /// Each breadth-first level is stepped on all cores (stepping is the costly part), then
    /// its successors are numbered in order, so ids do not depend on the thread count.
    pub fn explore(world: &World, tech: &TechLevels, budget: usize) -> Self {
        let actions = world.actions();
        let mut states = IndexSet::new();
        states.insert(world.initial_state());
        let mut successors = Vec::new();
        let mut truncated = false;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut level_start = 0;
        while level_start < states.len() {
            let level_end = states.len();
            let level: Vec<&State> = (level_start..level_end)
                .filter_map(|i| states.get_index(i))
                .collect();
            // Small levels are not worth a thread's start-up.
            let threads = if level.len() < PARALLEL_LEVEL {
                1
            } else {
                threads
            };
            let chunk = level.len().div_ceil(threads).max(1);
            let stepped: Vec<Vec<State>> = std::thread::scope(|scope| {
                let workers: Vec<_> = level
                    .chunks(chunk)
                    .map(|part| {
                        let actions = &actions;
                        scope.spawn(move || {
                            part.iter()
                                .flat_map(|state| {
                                    actions.iter().map(move |&a| world.step(tech, state, a))
                                })
                                .collect::<Vec<State>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            });
            for after in stepped.into_iter().flatten() {
                let successor = if after.ended {
                    Successor::Terminal
                } else if let Some(id) = states.get_index_of(&after) {
                    Successor::State(id as StateId)
                } else if states.len() < budget {
                    Successor::State(states.insert_full(after).0 as StateId)
                } else {
                    truncated = true;
                    Successor::Unexplored
                };
                successors.push(successor);
            }
            level_start = level_end;
        }
        Self {
            states,
            actions,
            successors,
            truncated,
        }
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
        self.states.get_index_of(state).map(|i| i as StateId)
    }

    /// The state with this id.
    pub fn state(&self, id: StateId) -> Option<&State> {
        self.states.get_index(id as usize)
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
