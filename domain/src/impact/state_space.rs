//! The states reachable from the start, found breadth first, with their transitions.
//!
//! Millions of states must fit in memory, so a state is stored as its packed encoding
//! ([`StateCodec`]: a few bytes on the benchmark worlds, a bit per mist cell for droplets)
//! in one flat arena, found again through a hash table of ids, and its transitions as the
//! list of its distinct successors (compressed rows), plus the successor of Noop, which is
//! all the measures need: reachability follows the distinct successors, values take the
//! best of them, and inaction rollouts follow Noop.

use super::ImpactError;
use crate::limits::MemoryBudget;
use crate::world::{Action, State, StateCodec, TechLevels, World};
use hashbrown::HashTable;
use rayon::prelude::*;
use std::hash::BuildHasher;

/// Index of a state in a [`StateSpace`].
pub type StateId = u32;

/// How many states are enumerated unless asked otherwise (fewer when the memory budget
/// holds fewer: [`StateSpace::default_budget`]).
pub const DEFAULT_STATE_BUDGET: usize = 200_000;

/// The stepping the default state budget allows, in bytes of unpacked state copied (states
/// × actions × bytes of a state): a few seconds on one core.
pub const DEFAULT_WORK: u64 = 15_000_000_000;

/// The most states a space may hold: ids are 32 bits.
pub const MAX_STATE_BUDGET: usize = 100_000_000;

/// Breadth-first levels with fewer states than this are stepped on one thread.
const PARALLEL_LEVEL: usize = 4096;

/// The most bytes of stepped successors one thread holds before they are numbered.
const BLOCK_BYTES: usize = 4 << 20;

/// No successor recorded (a terminal state, or one beyond the budget).
const NONE: StateId = StateId::MAX;

/// The non-terminal states reachable from the start and the transitions between them,
/// over the world's actions ([`World::actions`]; in the benchmark worlds Noop, Up, Down,
/// Left, Right).
#[derive(Clone)]
pub struct StateSpace {
    world: World,
    codec: StateCodec,
    /// `codec.bytes()` bytes per state; a state's id is its position.
    arena: Vec<u8>,
    /// Ids, hashed by their encoding.
    index: HashTable<StateId>,
    hasher: hashbrown::DefaultHashBuilder,
    /// `neighbours[offsets[i]..offsets[i + 1]]` are the distinct enumerated successors of i.
    offsets: Vec<u64>,
    neighbours: Vec<StateId>,
    /// The successor of Noop, `NONE` when terminal or not enumerated.
    noop: Vec<StateId>,
    actions: usize,
    truncated: bool,
}

/// What a state space of a world costs in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpaceCost {
    /// Bytes of one packed state.
    pub packed: usize,
    /// An upper bound on the bytes per state, growth of the arrays included: the packed
    /// state, the hash index, the offsets, Noop's successor and every action's successor
    /// stored as distinct.
    pub per_state: u64,
    /// Bytes independent of the number of states (the successors being stepped).
    pub fixed: u64,
}

impl SpaceCost {
    /// The bound on the bytes of a space of `states` states.
    pub fn bytes(&self, states: usize) -> u64 {
        self.per_state
            .saturating_mul(states as u64)
            .saturating_add(self.fixed)
    }
}

impl StateSpace {
    /// What enumerating `world` costs per state, from its packed state size and its
    /// number of actions.
    pub fn cost(world: &World) -> SpaceCost {
        let packed = StateCodec::new(world).bytes();
        let actions = world.actions().len() as u64;
        // Vectors grow by doubling and the hash table keeps at most 7/8 of its buckets
        // (4-byte id and 1 control byte each) full, and holds old and new while growing.
        let per_state = 2 * packed as u64 + 24 + 2 * (8 + 4) + 2 * 4 * actions;
        let threads = crate::work::threads() as u64;
        SpaceCost {
            packed,
            per_state,
            fixed: threads * (BLOCK_BYTES as u64 + actions * packed as u64),
        }
    }

    /// The state budget when none is given: [`DEFAULT_STATE_BUDGET`], or fewer when the
    /// memory budget holds fewer states of this world, or when stepping that many would
    /// pass [`DEFAULT_WORK`] (a world with hundreds of actions and large states).
    pub fn default_budget(world: &World, memory: &MemoryBudget) -> usize {
        let cost = Self::cost(world);
        let fit = memory.bytes().saturating_sub(cost.fixed) / cost.per_state.max(1);
        // Stepping copies the whole unpacked state once per action.
        let state_bytes = (std::mem::size_of::<State>()
            + world.entities.len() * std::mem::size_of::<crate::world::EntityState>()
            + world.initial_state().light.len()
            + world.initial_state().droplets.len()) as u64;
        let steps = DEFAULT_WORK / (state_bytes * world.actions().len() as u64).max(1);
        let bound = fit.min(steps).max(1);
        DEFAULT_STATE_BUDGET.min(usize::try_from(bound).unwrap_or(usize::MAX))
    }

    /// Enumerate breadth first from the start, stopping after `budget` states. Terminal
    /// states are left out of the set. Refused before anything is allocated when `budget`
    /// states of this world would not fit in `memory`.
    ///
    /// Each breadth-first level is stepped on all cores in blocks (stepping is the costly
    /// part), then each block's successors are numbered in order, so ids do not depend on
    /// the thread count.
    pub fn explore(
        world: &World,
        tech: &TechLevels,
        budget: usize,
        memory: &MemoryBudget,
    ) -> Result<Self, ImpactError> {
        if budget == 0 || budget > MAX_STATE_BUDGET {
            return Err(ImpactError::Options(format!(
                "the state budget must be between 1 and {MAX_STATE_BUDGET}, not {budget}"
            )));
        }
        let cost = Self::cost(world);
        memory.check(
            &format!(
                "the state space of up to {budget} states ({} bytes each at most)",
                cost.per_state
            ),
            cost.bytes(budget),
        )?;
        let actions = world.actions();
        let codec = StateCodec::new(world);
        let stride = codec.bytes();
        let mut space = Self {
            world: world.clone(),
            codec,
            arena: Vec::new(),
            index: HashTable::new(),
            hasher: hashbrown::DefaultHashBuilder::default(),
            offsets: vec![0],
            neighbours: Vec::new(),
            noop: Vec::new(),
            actions: actions.len(),
            truncated: false,
        };
        let start = world.initial_state();
        if start.ended {
            return Ok(space);
        }
        let mut bytes = vec![0; stride];
        space.codec.encode(world, &start, &mut bytes)?;
        let hash = space.hasher.hash_one(&bytes[..]);
        space.insert(&bytes, hash);
        let threads = crate::work::threads();
        // Parents per thread and block, so that a block's successors stay within BLOCK_BYTES.
        let per_thread = (BLOCK_BYTES / (actions.len() * stride).max(1)).clamp(1, 1024);
        let mut next = 0;
        while next < space.len() {
            let level_end = space.len();
            while next < level_end {
                let threads = if level_end - next < PARALLEL_LEVEL {
                    1
                } else {
                    threads
                };
                let block_end = level_end.min(next + per_thread * threads);
                let stepped = space.step_block(tech, &actions, next, block_end, threads)?;
                for part in stepped {
                    space.number(&part, budget);
                }
                next = block_end;
            }
        }
        Ok(space)
    }

    /// Step every action from the states `from..to`, in `threads` ranges stepped on
    /// all cores; the ranges' successors in order.
    fn step_block(
        &self,
        tech: &TechLevels,
        actions: &[Action],
        from: usize,
        to: usize,
        threads: usize,
    ) -> Result<Vec<Stepped>, ImpactError> {
        if threads <= 1 {
            return Ok(vec![self.step_range(tech, actions, from, to)?]);
        }
        let chunk = (to - from).div_ceil(threads).max(1);
        let ranges: Vec<(usize, usize)> = (from..to)
            .step_by(chunk)
            .map(|a| (a, to.min(a + chunk)))
            .collect();
        let results: Vec<Result<Stepped, ImpactError>> = ranges
            .par_iter()
            .map(|&(a, b)| self.step_range(tech, actions, a, b))
            .collect();
        // The first range's error, as on one thread.
        results.into_iter().collect()
    }

    /// The distinct non-terminal successors of each state in `from..to`, encoded.
    fn step_range(
        &self,
        tech: &TechLevels,
        actions: &[Action],
        from: usize,
        to: usize,
    ) -> Result<Stepped, ImpactError> {
        let stride = self.codec.bytes();
        let mut out = Stepped::default();
        let mut bytes = vec![0; stride];
        for id in from..to {
            let state = self.codec.decode(&self.world, self.packed(id as StateId));
            let first = out.hashes.len();
            let mut noop = None;
            for &action in actions {
                let after = self.world.step(tech, &state, action);
                if after.ended {
                    continue;
                }
                self.codec.encode(&self.world, &after, &mut bytes)?;
                let hash = self.hasher.hash_one(&bytes[..]);
                let seen = (first..out.hashes.len()).find(|&k| {
                    out.hashes[k] == hash && out.bytes[k * stride..(k + 1) * stride] == bytes[..]
                });
                let k = seen.unwrap_or_else(|| {
                    out.hashes.push(hash);
                    out.bytes.extend_from_slice(&bytes);
                    out.hashes.len() - 1
                });
                if action == Action::Noop {
                    noop = Some(k - first);
                }
            }
            out.counts.push((out.hashes.len() - first) as u32);
            out.noop.push(noop.map_or(u32::MAX, |k| k as u32));
        }
        Ok(out)
    }

    /// Give ids to the successors of a stepped range, in order, and record the transitions.
    fn number(&mut self, part: &Stepped, budget: usize) {
        let stride = self.codec.bytes();
        let mut k = 0;
        for (&count, &noop) in part.counts.iter().zip(&part.noop) {
            let mut noop_id = NONE;
            for j in 0..count as usize {
                let (hash, bytes) = (part.hashes[k], &part.bytes[k * stride..(k + 1) * stride]);
                let id = match self.find(bytes, hash) {
                    Some(id) => Some(id),
                    None if self.len() < budget => Some(self.insert(bytes, hash)),
                    None => {
                        self.truncated = true;
                        None
                    }
                };
                if let Some(id) = id {
                    self.neighbours.push(id);
                    if j as u32 == noop {
                        noop_id = id;
                    }
                }
                k += 1;
            }
            self.offsets.push(self.neighbours.len() as u64);
            self.noop.push(noop_id);
        }
    }

    fn packed(&self, id: StateId) -> &[u8] {
        let stride = self.codec.bytes();
        let at = id as usize * stride;
        &self.arena[at..at + stride]
    }

    fn find(&self, bytes: &[u8], hash: u64) -> Option<StateId> {
        self.index
            .find(hash, |&id| self.packed(id) == bytes)
            .copied()
    }

    fn insert(&mut self, bytes: &[u8], hash: u64) -> StateId {
        let id = self.len() as StateId;
        self.arena.extend_from_slice(bytes);
        let (arena, stride, hasher) = (&self.arena, self.codec.bytes(), &self.hasher);
        self.index.insert_unique(hash, id, |&other| {
            let at = other as usize * stride;
            hasher.hash_one(&arena[at..at + stride])
        });
        id
    }

    /// Number of (non-terminal) states.
    pub fn len(&self) -> usize {
        self.arena.len() / self.codec.bytes()
    }

    /// Whether there are no states (only when the start is terminal).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the budget stopped the enumeration, so results are approximate.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The id of a state, if enumerated.
    pub fn id(&self, state: &State) -> Option<StateId> {
        if state.ended {
            return None;
        }
        let mut bytes = vec![0; self.codec.bytes()];
        self.codec.encode(&self.world, state, &mut bytes).ok()?;
        self.find(&bytes, self.hasher.hash_one(&bytes[..]))
    }

    /// The state with this id.
    pub fn state(&self, id: StateId) -> Option<State> {
        ((id as usize) < self.len()).then(|| self.codec.decode(&self.world, self.packed(id)))
    }

    /// How many actions transitions were enumerated over.
    pub fn action_count(&self) -> usize {
        self.actions
    }

    /// Where Noop leads from `id`, if to an enumerated non-terminal state.
    pub fn noop(&self, id: StateId) -> Option<StateId> {
        self.noop.get(id as usize).copied().filter(|&n| n != NONE)
    }

    /// The distinct enumerated successors of `id` (itself included when an action leaves
    /// it unchanged).
    pub fn neighbours(&self, id: StateId) -> impl Iterator<Item = StateId> + '_ {
        let i = id as usize;
        let range = match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.neighbours[range].iter().copied()
    }

    /// Bytes of one packed state.
    pub fn packed_bytes(&self) -> usize {
        self.codec.bytes()
    }

    /// The bytes the space holds on the heap (capacities, not lengths), without the world.
    pub fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.index.allocation_size()
            + self.offsets.capacity() * 8
            + self.neighbours.capacity() * 4
            + self.noop.capacity() * 4
    }

    /// The number of stored transitions (distinct successors over all states).
    pub fn transitions(&self) -> usize {
        self.neighbours.len()
    }
}

/// One thread's stepped states: per parent, its distinct successors' hashes and encodings,
/// and which of them Noop gave.
#[derive(Default)]
struct Stepped {
    hashes: Vec<u64>,
    bytes: Vec<u8>,
    counts: Vec<u32>,
    /// Index of Noop's successor among the parent's, `u32::MAX` if terminal.
    noop: Vec<u32>,
}
