//! Technologies and their levels: locked, available, commodified.

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
