//! Shortest walks on the grid, as the `walk_to` words of languages use them.

use super::World;
use super::geometry::{Dir, Pos};
use super::state::State;
use std::collections::VecDeque;

/// Steps from every cell to the nearest goal cell, walking on free cells.
#[derive(Clone, Debug)]
pub struct DistanceField {
    dist: Vec<u32>,
}

impl DistanceField {
    /// Distances to the free cells 4-adjacent to entity `target`, walking around the
    /// entities where they are in `state`.
    pub fn next_to_entity(world: &World, state: &State, target: usize) -> Self {
        let at = world.position(state, target);
        let goals: Vec<Pos> = at
            .into_iter()
            .flat_map(|p| Dir::ALL.map(|d| p.step(d)))
            .filter(|&p| world.is_free_in(state, p))
            .collect();
        Self::to_cells(world, state, goals)
    }

    /// Distances to the given cells (those that are not free are ignored).
    pub fn to_cells(world: &World, state: &State, goals: impl IntoIterator<Item = Pos>) -> Self {
        let mut dist = vec![u32::MAX; world.grid.len()];
        let mut queue = VecDeque::new();
        for g in goals {
            if let Some(i) = world.grid.index(g).filter(|_| world.is_free_in(state, g))
                && dist[i] == u32::MAX
            {
                dist[i] = 0;
                queue.push_back(g);
            }
        }
        while let Some(p) = queue.pop_front() {
            let here = world.grid.index(p).map_or(u32::MAX, |i| dist[i]);
            for d in Dir::ALL {
                let q = p.step(d);
                if let Some(j) = world.grid.index(q)
                    && dist[j] == u32::MAX
                    && world.is_free_in(state, q)
                {
                    dist[j] = here + 1;
                    queue.push_back(q);
                }
            }
        }
        Self { dist }
    }

    /// Steps from `p` to the nearest goal; `None` if unreachable.
    pub fn distance(&self, world: &World, p: Pos) -> Option<u32> {
        world
            .grid
            .index(p)
            .map(|i| self.dist[i])
            .filter(|&d| d != u32::MAX)
    }

    /// The canonical shortest walk from `from`: at each step the first direction in
    /// N, E, S, W order that gets one step closer. `None` if no goal is reachable.
    pub fn walk(&self, world: &World, from: Pos) -> Option<Vec<Dir>> {
        let mut here = from;
        let mut left = self.distance(world, from)?;
        let mut path = Vec::with_capacity(left as usize);
        while left > 0 {
            let dir = Dir::ALL
                .into_iter()
                .find(|&d| self.distance(world, here.step(d)) == Some(left - 1))?;
            here = here.step(dir);
            path.push(dir);
            left -= 1;
        }
        Some(path)
    }
}
