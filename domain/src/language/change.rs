//! Typed changes to a language, as an editor makes them: each has a name for the undo
//! button and applies to the language's file form (a [`Language`] is its own file form).
//! A change that cannot be made at all (no such word or technology) is refused; one that
//! breaks a rule of languages (Kraft's inequality, a name used twice) is made, and the
//! check that follows says what is wrong (see [`super::LanguageEdits`]).

use super::kraft::cost_keeping_kraft;
use super::{ActionWord, Body, Language, Names, StateWord, Step, TechChanges, WhichVocabulary};
use std::collections::BTreeMap;

/// Which per-technology changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// `developed`: when the technology is at least available.
    Developed,
    /// `commodified`: when it is commodified.
    Commodified,
}

impl Section {
    /// Both, in the order a language applies them.
    pub const ALL: [Section; 2] = [Section::Developed, Section::Commodified];

    /// Its field name in a language file.
    pub fn word(self) -> &'static str {
        match self {
            Section::Developed => "developed",
            Section::Commodified => "commodified",
        }
    }

    /// Its changes in `language`.
    pub fn of(self, language: &Language) -> &BTreeMap<String, TechChanges> {
        match self {
            Section::Developed => &language.developed,
            Section::Commodified => &language.commodified,
        }
    }

    fn of_mut(self, language: &mut Language) -> &mut BTreeMap<String, TechChanges> {
        match self {
            Section::Developed => &mut language.developed,
            Section::Commodified => &mut language.commodified,
        }
    }
}

/// The word "action" or "state".
pub fn vocabulary_word(which: WhichVocabulary) -> &'static str {
    match which {
        WhichVocabulary::Actions => "action",
        WhichVocabulary::States => "state",
    }
}

/// One change to a language.
#[derive(Clone, Debug, PartialEq)]
pub enum LanguageChange {
    /// Rename the language.
    SetName(String),
    /// Replace its description.
    SetDescription(String),
    /// Set the cost of a vocabulary's end word.
    SetEnd(WhichVocabulary, f64),
    /// Set the cost of the word at this index of the base vocabulary.
    SetCost(WhichVocabulary, usize, f64),
    /// Rename the word at this index (its repricings follow it).
    Rename(WhichVocabulary, usize, String),
    /// Add a word with a fresh name, at the cheapest whole number of bits that keeps the
    /// vocabulary's Kraft sum ≤ 1 under every setting. An action word does nothing (`Noop`)
    /// until its body is written; a state word names an entity's device.
    AddWord(WhichVocabulary),
    /// Remove the word at this index (and its repricings).
    RemoveWord(WhichVocabulary, usize),
    /// Add empty changes for a technology.
    AddTechnology(Section, String),
    /// Remove a technology's changes.
    RemoveTechnology(Section, String),
    /// Set (`Some`) or remove (`None`) the cost a technology gives a word.
    SetTechCost {
        /// Developed or commodified.
        section: Section,
        /// The technology.
        tech: String,
        /// The word repriced.
        word: String,
        /// Its cost then.
        cost: Option<f64>,
    },
}

impl LanguageChange {
    /// Its name on the undo button ("Undo cost of walk_to"). Changes of one name coalesce
    /// within a drag, so the name says which word but not the value.
    pub fn label(&self, language: &Language) -> String {
        let word = |which: WhichVocabulary, i: usize| {
            word_names(language, which)
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("{} word {i}", vocabulary_word(which)))
        };
        match self {
            LanguageChange::SetName(_) => "rename the language".into(),
            LanguageChange::SetDescription(_) => "edit the description".into(),
            LanguageChange::SetEnd(which, _) => {
                format!("cost of the {} end word", vocabulary_word(*which))
            }
            LanguageChange::SetCost(which, i, _) => format!("cost of {}", word(*which, *i)),
            LanguageChange::Rename(which, i, _) => format!("rename {}", word(*which, *i)),
            LanguageChange::AddWord(which) => format!("add an {} word", vocabulary_word(*which)),
            LanguageChange::RemoveWord(which, i) => format!("remove {}", word(*which, *i)),
            LanguageChange::AddTechnology(section, tech) => {
                format!("add {} {tech}", section.word())
            }
            LanguageChange::RemoveTechnology(section, tech) => {
                format!("remove {} {tech}", section.word())
            }
            LanguageChange::SetTechCost {
                section,
                tech,
                word,
                cost,
            } => match cost {
                Some(_) => format!("cost of {word} {} {tech}", section.word()),
                None => format!("unprice {word} {} {tech}", section.word()),
            },
        }
    }

    /// Make the change. `Ok(false)`: nothing changed; `Err`: it cannot be made, and why.
    pub fn apply(&self, language: &mut Language) -> Result<bool, String> {
        match self {
            LanguageChange::SetName(name) => Ok(set(&mut language.name, name.clone())),
            LanguageChange::SetDescription(text) => {
                Ok(set(&mut language.description, text.clone()))
            }
            LanguageChange::SetEnd(which, bits) => Ok(match which {
                WhichVocabulary::Actions => set(&mut language.actions.end, *bits),
                WhichVocabulary::States => set(&mut language.states.end, *bits),
            }),
            LanguageChange::SetCost(which, i, bits) => {
                let cost = match which {
                    WhichVocabulary::Actions => {
                        language.actions.words.get_mut(*i).map(|w| &mut w.cost)
                    }
                    WhichVocabulary::States => {
                        language.states.words.get_mut(*i).map(|w| &mut w.cost)
                    }
                };
                cost.map(|c| set(c, *bits))
                    .ok_or_else(|| no_word(*which, *i))
            }
            LanguageChange::Rename(which, i, name) => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    return Err("a word needs a name".into());
                }
                let old = word_names(language, *which)
                    .get(*i)
                    .cloned()
                    .ok_or_else(|| no_word(*which, *i))?;
                if old == name {
                    return Ok(false);
                }
                match which {
                    WhichVocabulary::Actions => language.actions.words[*i].name = name.clone(),
                    WhichVocabulary::States => language.states.words[*i].name = name.clone(),
                }
                for section in Section::ALL {
                    for changes in section.of_mut(language).values_mut() {
                        if let Some(cost) = changes.costs.remove(&old) {
                            changes.costs.insert(name.clone(), cost);
                        }
                    }
                }
                Ok(true)
            }
            LanguageChange::AddWord(which) => {
                let cost = cost_keeping_kraft(language, *which);
                let name = fresh_word_name(language, "new_word");
                match which {
                    WhichVocabulary::Actions => language.actions.words.push(ActionWord {
                        name,
                        cost,
                        params: Vec::new(),
                        body: Body::Steps(vec![Step::Noop]),
                    }),
                    WhichVocabulary::States => language.states.words.push(StateWord {
                        name,
                        cost,
                        names: Names::Device,
                    }),
                }
                Ok(true)
            }
            LanguageChange::RemoveWord(which, i) => {
                let name = word_names(language, *which)
                    .get(*i)
                    .cloned()
                    .ok_or_else(|| no_word(*which, *i))?;
                match which {
                    WhichVocabulary::Actions => {
                        language.actions.words.remove(*i);
                    }
                    WhichVocabulary::States => {
                        language.states.words.remove(*i);
                    }
                }
                // A repricing of a word that is gone would make the language invalid.
                let still_named = language.actions.words.iter().any(|w| w.name == name)
                    || language.states.words.iter().any(|w| w.name == name);
                if !still_named {
                    for section in Section::ALL {
                        for changes in section.of_mut(language).values_mut() {
                            changes.costs.remove(&name);
                        }
                    }
                }
                Ok(true)
            }
            LanguageChange::AddTechnology(section, tech) => {
                let tech = tech.trim();
                if tech.is_empty() {
                    return Err("a technology needs a name".into());
                }
                let changes = section.of_mut(language);
                if changes.contains_key(tech) {
                    return Err(format!("`{tech}` already has {} changes", section.word()));
                }
                changes.insert(tech.to_owned(), TechChanges::default());
                Ok(true)
            }
            LanguageChange::RemoveTechnology(section, tech) => {
                Ok(section.of_mut(language).remove(tech).is_some())
            }
            LanguageChange::SetTechCost {
                section,
                tech,
                word,
                cost,
            } => {
                let changes = section
                    .of_mut(language)
                    .get_mut(tech)
                    .ok_or_else(|| format!("no {} changes for `{tech}`", section.word()))?;
                Ok(match cost {
                    Some(bits) => changes.costs.insert(word.clone(), *bits) != Some(*bits),
                    None => changes.costs.remove(word).is_some(),
                })
            }
        }
    }
}

/// The names of a base vocabulary's words, in order.
pub fn word_names(language: &Language, which: WhichVocabulary) -> Vec<String> {
    match which {
        WhichVocabulary::Actions => language
            .actions
            .words
            .iter()
            .map(|w| w.name.clone())
            .collect(),
        WhichVocabulary::States => language
            .states
            .words
            .iter()
            .map(|w| w.name.clone())
            .collect(),
    }
}

/// `base`, or `base_2`, `base_3`, … : the first that no word of the language (base or
/// added by a technology) has.
fn fresh_word_name(language: &Language, base: &str) -> String {
    let taken = |name: &str| {
        let changes = language
            .developed
            .values()
            .chain(language.commodified.values());
        language.actions.words.iter().any(|w| w.name == name)
            || language.states.words.iter().any(|w| w.name == name)
            || changes.clone().any(|c| {
                c.action_words.iter().any(|w| w.name == name)
                    || c.state_words.iter().any(|w| w.name == name)
            })
    };
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|k| format!("{base}_{k}"))
        .find(|n| !taken(n))
        .unwrap_or_else(|| base.to_owned())
}

fn no_word(which: WhichVocabulary, i: usize) -> String {
    format!("the language has no {} word {i}", vocabulary_word(which))
}

/// Replace `slot` with `value`; whether it changed.
fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
