//! Shortest path lengths between every pair of states, from which R(x, y) = γ^d(x, y).

use super::state_space::{StateId, StateSpace};
use rayon::prelude::*;
use std::collections::VecDeque;

/// Distance `UNREACHABLE` means no path.
pub const UNREACHABLE: u16 = u16::MAX;

/// Steps from `source` to every state (one breadth-first search), `UNREACHABLE` where
/// there is no path. Distances saturate at `UNREACHABLE - 1`.
pub fn distances_from(space: &StateSpace, source: StateId) -> Vec<u16> {
    let mut row = vec![UNREACHABLE; space.len()];
    bfs(space, source, &mut row, &mut VecDeque::new());
    row
}

/// R = γ^d for a distance, 1 when γ = 1 and reachable, 0 when unreachable.
pub fn reach(distance: u16, discount: f64) -> f64 {
    match distance {
        UNREACHABLE => 0.0,
        _ if discount >= 1.0 => 1.0,
        d => discount.powi(i32::from(d)),
    }
}

/// All-pairs shortest path lengths over a state space (one breadth-first search per
/// state), stored as a dense `n × n` table of `u16`: 2·n² bytes. Impact computations use
/// only the rows they need ([`distances_from`]); the full table is for benchmarks and views.
pub struct Reachability {
    n: usize,
    distance: Vec<u16>,
}

impl Reachability {
    /// Compute the table, one breadth-first search per source state, sources shared out
    /// over all cores; refused before allocating when 2·n² bytes pass `memory`.
    pub fn compute(
        space: &StateSpace,
        memory: &crate::limits::MemoryBudget,
    ) -> Result<Self, super::ImpactError> {
        let n = space.len();
        memory.check(
            &format!("the reachability table of {n} × {n} states"),
            Self::bytes(n),
        )?;
        let mut distance = vec![UNREACHABLE; n * n];
        // Row `source` is the search from `source`; `max(1)` because an empty table has
        // no rows and rayon refuses chunks of 0.
        distance.par_chunks_mut(n.max(1)).enumerate().for_each_init(
            VecDeque::new,
            |queue, (source, row)| {
                bfs(space, source as StateId, row, queue);
            },
        );
        Ok(Self { n, distance })
    }

    /// Bytes of the table of `n` states.
    pub fn bytes(n: usize) -> u64 {
        (n as u64).saturating_mul(n as u64).saturating_mul(2)
    }

    /// Steps from `from` to `to`, if reachable.
    pub fn distance(&self, from: StateId, to: StateId) -> Option<u32> {
        let d = self.distance[from as usize * self.n + to as usize];
        (d != UNREACHABLE).then_some(u32::from(d))
    }

    /// R(from, to) = γ^d, 1 when γ = 1 and reachable, 0 when unreachable.
    pub fn value(&self, from: StateId, to: StateId, discount: f64) -> f64 {
        reach(
            self.distance[from as usize * self.n + to as usize],
            discount,
        )
    }

    /// Number of states.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

fn bfs(space: &StateSpace, source: StateId, row: &mut [u16], queue: &mut VecDeque<StateId>) {
    queue.clear();
    row[source as usize] = 0;
    queue.push_back(source);
    while let Some(x) = queue.pop_front() {
        let d = row[x as usize];
        for y in space.neighbours(x) {
            if row[y as usize] == UNREACHABLE {
                row[y as usize] = d.saturating_add(1).min(UNREACHABLE - 1);
                queue.push_back(y);
            }
        }
    }
}
