//! Typed changes to a language, as an editor makes them: each has a name for the undo
//! button and applies to the language's file form (a [`Language`] is its own file form).
//! A change that cannot be made at all (no such word or technology) is refused; one that
//! breaks a rule of languages (Kraft's inequality, a name used twice) is made, and the
//! check that follows says what is wrong (see [`super::LanguageEdits`]).

use super::kraft::cost_keeping_kraft;
use super::slot::{
    Owner, WordMut, WordSlot, fresh_word_name, name_taken, no_technology, no_word, slot_name,
    word_mut, words_mut,
};
use super::{
    ActionWord, Body, Language, Names, ParamType, StateWord, Step, TechChanges, WhichVocabulary,
};
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

    pub(super) fn of_mut(self, language: &mut Language) -> &mut BTreeMap<String, TechChanges> {
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
    /// Set the cost of a word.
    SetCost(WordSlot, f64),
    /// Rename a word (its repricings follow it).
    Rename(WordSlot, String),
    /// Add a word with a fresh name, to the base vocabulary or to the words a technology
    /// adds, at the cheapest whole number of bits that keeps the vocabulary's Kraft sum
    /// ≤ 1 under every setting. An action word does nothing (`Noop`) until its body is
    /// written; a state word names an entity's device.
    AddWord(WhichVocabulary, Owner),
    /// Remove a word (and, when no other word has its name, its repricings).
    RemoveWord(WordSlot),
    /// Replace an action word's parameters.
    SetParams(WordSlot, Vec<(String, ParamType)>),
    /// Replace an action word's body.
    SetBody(WordSlot, Body),
    /// Replace what a state word names.
    SetNames(WordSlot, Names),
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
    /// Set (`Some`) or clear (`None`: the default) the bits a technology's added words
    /// cost while it is merely available.
    SetEnteringCost(Section, String, Option<f64>),
}

impl LanguageChange {
    /// Its name on the undo button ("Undo cost of walk_to"). Changes of one name coalesce
    /// within a drag, so the name says which word but not the value.
    pub fn label(&self, language: &Language) -> String {
        let word = |slot: &WordSlot| {
            slot_name(language, slot).unwrap_or_else(|| {
                format!("{} word {}", vocabulary_word(slot.which), slot.index + 1)
            })
        };
        match self {
            LanguageChange::SetName(_) => "rename the language".into(),
            LanguageChange::SetDescription(_) => "edit the description".into(),
            LanguageChange::SetEnd(which, _) => {
                format!("cost of the {} end word", vocabulary_word(*which))
            }
            LanguageChange::SetCost(slot, _) => format!("cost of {}", word(slot)),
            LanguageChange::Rename(slot, _) => format!("rename {}", word(slot)),
            LanguageChange::AddWord(which, owner) => match owner {
                Owner::Base => format!("add {} word", vocabulary_with_article(*which)),
                Owner::Added(section, tech) => {
                    format!(
                        "add {} word {} {tech}",
                        vocabulary_with_article(*which),
                        section.word()
                    )
                }
            },
            LanguageChange::RemoveWord(slot) => format!("remove {}", word(slot)),
            LanguageChange::SetParams(slot, _) => format!("parameters of {}", word(slot)),
            LanguageChange::SetBody(slot, _) => format!("body of {}", word(slot)),
            LanguageChange::SetNames(slot, _) => format!("what {} names", word(slot)),
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
            LanguageChange::SetEnteringCost(section, tech, _) => {
                format!("entering cost {} {tech}", section.word())
            }
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
            LanguageChange::SetCost(slot, bits) => Ok(set(word_mut(language, slot)?.cost(), *bits)),
            LanguageChange::Rename(slot, name) => rename(language, slot, name),
            LanguageChange::AddWord(which, owner) => {
                let cost = cost_keeping_kraft(language, *which);
                let name = fresh_word_name(language, "new_word");
                let (actions, states) = words_mut(language, owner)?;
                match which {
                    WhichVocabulary::Actions => actions.push(ActionWord {
                        name,
                        cost,
                        params: Vec::new(),
                        body: Body::Steps(vec![Step::Noop]),
                    }),
                    WhichVocabulary::States => states.push(StateWord {
                        name,
                        cost,
                        names: Names::Device,
                    }),
                }
                Ok(true)
            }
            LanguageChange::RemoveWord(slot) => remove_word(language, slot),
            LanguageChange::SetParams(slot, params) => match word_mut(language, slot)? {
                WordMut::Action(word) => Ok(set(&mut word.params, params.clone())),
                WordMut::State(word) => Err(format!(
                    "{} is a state word: its parameters follow from what it names",
                    word.name
                )),
            },
            LanguageChange::SetBody(slot, body) => match word_mut(language, slot)? {
                WordMut::Action(word) => Ok(set(&mut word.body, body.clone())),
                WordMut::State(word) => {
                    Err(format!("{} is a state word: it has no body", word.name))
                }
            },
            LanguageChange::SetNames(slot, names) => match word_mut(language, slot)? {
                WordMut::State(word) => Ok(set(&mut word.names, names.clone())),
                WordMut::Action(word) => Err(format!(
                    "{} is an action word: it names steps, not variables",
                    word.name
                )),
            },
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
                    .ok_or_else(|| no_technology(*section, tech))?;
                Ok(match cost {
                    Some(bits) => changes.costs.insert(word.clone(), *bits) != Some(*bits),
                    None => changes.costs.remove(word).is_some(),
                })
            }
            LanguageChange::SetEnteringCost(section, tech, bits) => {
                let changes = section
                    .of_mut(language)
                    .get_mut(tech)
                    .ok_or_else(|| no_technology(*section, tech))?;
                Ok(set(&mut changes.entering_cost, *bits))
            }
        }
    }
}

/// Rename a word; the repricings of its old name follow it (unless another word still
/// has the old name, which the check then reports as a name used twice).
fn rename(language: &mut Language, slot: &WordSlot, name: &str) -> Result<bool, String> {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err("a word needs a name".into());
    }
    let old = slot_name(language, slot).ok_or_else(|| no_word(slot))?;
    if old == name {
        return Ok(false);
    }
    *word_mut(language, slot)?.name() = name.clone();
    if !name_taken(language, &old) {
        for section in Section::ALL {
            for changes in section.of_mut(language).values_mut() {
                if let Some(cost) = changes.costs.remove(&old) {
                    changes.costs.insert(name.clone(), cost);
                }
            }
        }
    }
    Ok(true)
}

/// Remove a word; a repricing of a name no word has any more would make the language
/// invalid, so those go too.
fn remove_word(language: &mut Language, slot: &WordSlot) -> Result<bool, String> {
    let name = slot_name(language, slot).ok_or_else(|| no_word(slot))?;
    let (actions, states) = words_mut(language, &slot.owner)?;
    match slot.which {
        WhichVocabulary::Actions => {
            actions.remove(slot.index);
        }
        WhichVocabulary::States => {
            states.remove(slot.index);
        }
    }
    if !name_taken(language, &name) {
        for section in Section::ALL {
            for changes in section.of_mut(language).values_mut() {
                changes.costs.remove(&name);
            }
        }
    }
    Ok(true)
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

/// "an action", "a state".
pub fn vocabulary_with_article(which: WhichVocabulary) -> &'static str {
    match which {
        WhichVocabulary::Actions => "an action",
        WhichVocabulary::States => "a state",
    }
}

/// Replace `slot` with `value`; whether it changed.
fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}
