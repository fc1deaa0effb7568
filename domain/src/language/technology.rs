//! Applying a language's per-technology changes. A technology at least available brings
//! its `developed` changes (a conceptual unlock: once holography exists, "hologram" is a
//! word); a commodified one brings its `commodified` changes too (words appear and get
//! cheaper, the way paint is cheap to us because a supply chain makes it).
//!
//! The changes follow the *setting's* levels, never a development inside a plan: a
//! description is one code in one language, so a plan that develops holography at a lab
//! is described in the language of its starting levels, and its later words do not get
//! cheaper halfway through.

use super::{Language, TechChanges};
use crate::world::{TechLevel, TechLevels};

impl Language {
    /// This language as it is when the given technologies are commodified (and no other
    /// is available). Technologies it has no changes for are ignored; changes apply in
    /// technology-name order. Same as [`Self::for_levels`] with these technologies
    /// commodified, for a language without `developed` changes.
    pub fn with_commodified<'a>(
        &self,
        technologies: impl IntoIterator<Item = &'a str>,
    ) -> Language {
        let mut names: Vec<&str> = technologies.into_iter().collect();
        names.sort_unstable();
        names.dedup();
        let mut out = self.clone();
        for &tech in &names {
            if let Some(changes) = self.developed.get(tech) {
                apply(&mut out, changes);
            }
        }
        for &tech in &names {
            if let Some(changes) = self.commodified.get(tech) {
                apply(&mut out, changes);
            }
        }
        out
    }

    /// This language under the levels `levels`: the `developed` changes of every
    /// technology at least available, then the `commodified` changes of every commodified
    /// one, each in technology-name order. Technologies the levels do not list are locked.
    pub fn for_levels(&self, levels: &TechLevels) -> Language {
        let mut out = self.clone();
        for (tech, level) in levels.iter() {
            if level.works()
                && let Some(changes) = self.developed.get(tech)
            {
                apply(&mut out, changes);
            }
        }
        for (tech, level) in levels.iter() {
            if level == TechLevel::Commodified
                && let Some(changes) = self.commodified.get(tech)
            {
                apply(&mut out, changes);
            }
        }
        out
    }

    /// Every subset of this language's commodifiable technologies, as lists of names.
    pub fn technology_settings(&self) -> Vec<Vec<&str>> {
        let techs: Vec<&str> = self.commodified.keys().map(String::as_str).collect();
        (0u32..(1u32 << techs.len().min(super::MAX_COMMODIFIABLE)))
            .map(|mask| {
                techs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, t)| *t)
                    .collect()
            })
            .collect()
    }

    /// The technologies this language has changes for (developed or commodified), by name.
    pub fn changing_technologies(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .developed
            .keys()
            .chain(self.commodified.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every combination of levels of [`Self::changing_technologies`] that gives a
    /// different language: locked or available for a technology with only developed
    /// changes, locked or commodified for one with only commodified changes, all three
    /// for one with both. At most 3^[`super::MAX_COMMODIFIABLE`] combinations (the first
    /// that many technologies; validation refuses more).
    pub fn level_settings(&self) -> Vec<TechLevels> {
        let techs: Vec<(&str, Vec<TechLevel>)> = self
            .changing_technologies()
            .into_iter()
            .take(super::MAX_COMMODIFIABLE)
            .map(|t| {
                let mut levels = vec![TechLevel::Locked];
                if self.developed.contains_key(t) {
                    levels.push(TechLevel::Available);
                }
                if self.commodified.contains_key(t) {
                    levels.push(TechLevel::Commodified);
                }
                (t, levels)
            })
            .collect();
        // Mixed radix, the first technology the fastest digit: for a language with only
        // commodified changes this is the order of the subsets of `technology_settings`.
        let total: usize = techs.iter().map(|(_, l)| l.len()).product();
        (0..total)
            .map(|mut k| {
                TechLevels::new(techs.iter().map(|(t, levels)| {
                    let level = levels[k % levels.len()];
                    k /= levels.len();
                    ((*t).to_owned(), level)
                }))
            })
            .collect()
    }
}

/// Add a technology's words and apply its repricings.
fn apply(out: &mut Language, changes: &TechChanges) {
    out.actions
        .words
        .extend(changes.action_words.iter().cloned());
    out.states.words.extend(changes.state_words.iter().cloned());
    for (word, &cost) in &changes.costs {
        for w in out.actions.words.iter_mut().filter(|w| &w.name == word) {
            w.cost = cost;
        }
        for w in out.states.words.iter_mut().filter(|w| &w.name == word) {
            w.cost = cost;
        }
    }
}
