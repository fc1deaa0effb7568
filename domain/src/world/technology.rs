//! Technologies, their levels (locked, available, commodified) and the tree of their
//! prerequisites. A scene sets each level; a technology locked there may still be
//! developed inside the world at a development site (see [`super::EntityKind::Lab`]),
//! which [`super::World::technology_works`] takes into account.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Index of a technology in its scene's technology list.
pub type TechId = usize;

/// How far a technology has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TechLevel {
    /// Its actions fail: a projector does nothing.
    Locked,
    /// Its actions work.
    Available,
    /// Available, and cheap in the languages that say so (a supply chain exists).
    Commodified,
}

impl TechLevel {
    /// Every level, lowest first.
    pub const ALL: [TechLevel; 3] = [
        TechLevel::Locked,
        TechLevel::Available,
        TechLevel::Commodified,
    ];

    /// The level with this lower-case name (`locked`, `available`, `commodified`).
    pub fn from_name(name: &str) -> Option<TechLevel> {
        Self::ALL.into_iter().find(|l| l.to_string() == name)
    }

    /// Whether actions needing this technology work.
    pub fn works(self) -> bool {
        !matches!(self, TechLevel::Locked)
    }
}

impl fmt::Display for TechLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TechLevel::Locked => "locked",
            TechLevel::Available => "available",
            TechLevel::Commodified => "commodified",
        })
    }
}

/// The level of every technology of a scene, indexed by [`TechId`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TechLevels {
    names: Vec<String>,
    levels: Vec<TechLevel>,
}

impl TechLevels {
    /// Levels for technologies sorted by name.
    pub fn new(entries: impl IntoIterator<Item = (String, TechLevel)>) -> Self {
        let mut entries: Vec<_> = entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let (names, levels) = entries.into_iter().unzip();
        Self { names, levels }
    }

    /// The id of a technology by name.
    pub fn id(&self, name: &str) -> Option<TechId> {
        self.names.iter().position(|n| n == name)
    }

    /// The level of a technology.
    pub fn level(&self, id: TechId) -> TechLevel {
        self.levels.get(id).copied().unwrap_or(TechLevel::Locked)
    }

    /// Set a technology's level.
    pub fn set(&mut self, id: TechId, level: TechLevel) {
        if let Some(l) = self.levels.get_mut(id) {
            *l = level;
        }
    }

    /// Whether the technology's actions work; no technology needed always works.
    pub fn works(&self, id: Option<TechId>) -> bool {
        id.is_none_or(|id| self.level(id).works())
    }

    /// Names and levels, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, TechLevel)> {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.levels.iter().copied())
    }

    /// Names of the commodified technologies, by name.
    pub fn commodified(&self) -> impl Iterator<Item = &str> {
        self.iter()
            .filter(|(_, l)| *l == TechLevel::Commodified)
            .map(|(n, _)| n)
    }

    /// Number of technologies.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the scene has no technologies.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Which technologies each technology needs before it can be developed: the scene's
/// technology tree, indexed by [`TechId`] like its [`TechLevels`]. Scene validation has
/// checked that every prerequisite exists and that there is no cycle.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TechTree {
    prerequisites: Vec<Vec<TechId>>,
}

impl TechTree {
    /// A tree from each technology's prerequisites (sorted, without repeats here). The
    /// caller (scene validation) has refused cycles and unknown ids; a cycle left in
    /// anyway only drops its technologies from [`Self::tree_order`].
    pub fn new(prerequisites: Vec<Vec<TechId>>) -> Self {
        let prerequisites = prerequisites
            .into_iter()
            .map(|mut p| {
                p.sort_unstable();
                p.dedup();
                p
            })
            .collect();
        Self { prerequisites }
    }

    /// A tree of `count` technologies that need nothing.
    pub fn flat(count: usize) -> Self {
        Self {
            prerequisites: vec![Vec::new(); count],
        }
    }

    /// The technologies `id` needs, by id (empty for an unknown id).
    pub fn prerequisites(&self, id: TechId) -> &[TechId] {
        self.prerequisites.get(id).map_or(&[], Vec::as_slice)
    }

    /// Whether any technology has a prerequisite.
    pub fn has_prerequisites(&self) -> bool {
        self.prerequisites.iter().any(|p| !p.is_empty())
    }

    /// Every technology, prerequisites before the technologies that need them; among
    /// those ready at the same time, the lowest id (the first by name) first.
    pub fn tree_order(&self) -> Vec<TechId> {
        let n = self.prerequisites.len();
        let mut placed = vec![false; n];
        let mut order = Vec::with_capacity(n);
        // n is small (a scene's technologies); a quadratic pass keeps ties by name simple.
        while order.len() < n {
            let ready = (0..n).find(|&t| {
                !placed[t]
                    && self.prerequisites[t]
                        .iter()
                        .all(|&p| placed.get(p).copied().unwrap_or(true))
            });
            let Some(t) = ready else { break };
            placed[t] = true;
            order.push(t);
        }
        order
    }

    /// A cycle among the prerequisites, as the ids along it with the first repeated at
    /// the end (`a -> b -> a`), if there is one.
    pub fn find_cycle(&self) -> Option<Vec<TechId>> {
        // Iterative depth-first search: 0 unvisited, 1 on the stack, 2 done.
        let n = self.prerequisites.len();
        let mut mark = vec![0u8; n];
        for root in 0..n {
            if mark[root] != 0 {
                continue;
            }
            let mut stack: Vec<(TechId, usize)> = vec![(root, 0)];
            mark[root] = 1;
            while let Some((t, next)) = stack.last_mut() {
                let t = *t;
                match self.prerequisites[t].get(*next).copied() {
                    None => {
                        mark[t] = 2;
                        stack.pop();
                    }
                    Some(p) => {
                        *next += 1;
                        match mark.get(p).copied() {
                            Some(0) => {
                                mark[p] = 1;
                                stack.push((p, 0));
                            }
                            Some(1) => {
                                let from = stack.iter().position(|(s, _)| *s == p).unwrap_or(0);
                                let mut cycle: Vec<TechId> =
                                    stack[from..].iter().map(|(s, _)| *s).collect();
                                cycle.push(p);
                                return Some(cycle);
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        None
    }

    /// Number of technologies.
    pub fn len(&self) -> usize {
        self.prerequisites.len()
    }

    /// Whether the tree has no technologies.
    pub fn is_empty(&self) -> bool {
        self.prerequisites.is_empty()
    }
}
