//! Applying a language's per-technology changes: a commodified technology adds words and
//! makes others cheaper, the way paint is cheap to us because a supply chain makes it.

use super::Language;

impl Language {
    /// This language as it is when the given technologies are commodified. Technologies it
    /// has no changes for are ignored; changes apply in technology-name order.
    pub fn with_commodified<'a>(
        &self,
        technologies: impl IntoIterator<Item = &'a str>,
    ) -> Language {
        let mut names: Vec<&str> = technologies
            .into_iter()
            .filter(|t| self.commodified.contains_key(*t))
            .collect();
        names.sort_unstable();
        names.dedup();
        let mut out = self.clone();
        for tech in names {
            let Some(changes) = self.commodified.get(tech) else {
                continue;
            };
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
}
