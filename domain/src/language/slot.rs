//! Where a word lives in a language, as an editor points at it: a base vocabulary, or the
//! words a technology adds when developed or commodified. Edits of a word go through its
//! slot, so the same name, cost, parameter, body and names edits serve every word.

use super::change::{Section, vocabulary_word};
use super::{ActionWord, Language, StateWord, WhichVocabulary};

/// Whose words.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The language's base vocabularies.
    Base,
    /// The words a technology adds in this section (developed or commodified).
    Added(Section, String),
}

/// One word: its vocabulary, whose words, and its index among them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WordSlot {
    /// Action or state word.
    pub which: WhichVocabulary,
    /// Base or added by a technology.
    pub owner: Owner,
    /// Its index among the owner's words of that vocabulary.
    pub index: usize,
}

impl WordSlot {
    /// A word of a base vocabulary.
    pub fn base(which: WhichVocabulary, index: usize) -> Self {
        Self {
            which,
            owner: Owner::Base,
            index,
        }
    }

    /// A word a technology adds.
    pub fn added(which: WhichVocabulary, section: Section, tech: &str, index: usize) -> Self {
        Self {
            which,
            owner: Owner::Added(section, tech.to_owned()),
            index,
        }
    }
}

impl WordSlot {
    /// "action word 3", "state word 1 added when optics is commodified".
    pub fn describe(&self) -> String {
        let whose = match &self.owner {
            Owner::Base => String::new(),
            Owner::Added(section, tech) => format!(" added when {tech} is {}", section.word()),
        };
        format!(
            "{} word {}{whose}",
            vocabulary_word(self.which),
            self.index + 1
        )
    }
}

/// A word, borrowed for editing.
pub enum WordMut<'a> {
    /// An action word.
    Action(&'a mut ActionWord),
    /// A state word.
    State(&'a mut StateWord),
}

impl WordMut<'_> {
    /// Its cost in bits.
    pub fn cost(&mut self) -> &mut f64 {
        match self {
            WordMut::Action(w) => &mut w.cost,
            WordMut::State(w) => &mut w.cost,
        }
    }

    /// Its name.
    pub fn name(&mut self) -> &mut String {
        match self {
            WordMut::Action(w) => &mut w.name,
            WordMut::State(w) => &mut w.name,
        }
    }
}

/// The action words and state words of an owner, for editing.
pub fn words_mut<'a>(
    language: &'a mut Language,
    owner: &Owner,
) -> Result<(&'a mut Vec<ActionWord>, &'a mut Vec<StateWord>), String> {
    match owner {
        Owner::Base => Ok((&mut language.actions.words, &mut language.states.words)),
        Owner::Added(section, tech) => section
            .of_mut(language)
            .get_mut(tech)
            .map(|c| (&mut c.action_words, &mut c.state_words))
            .ok_or_else(|| no_technology(*section, tech)),
    }
}

/// The word at `slot`, for editing.
pub fn word_mut<'a>(language: &'a mut Language, slot: &WordSlot) -> Result<WordMut<'a>, String> {
    let (actions, states) = words_mut(language, &slot.owner)?;
    let word = match slot.which {
        WhichVocabulary::Actions => actions.get_mut(slot.index).map(WordMut::Action),
        WhichVocabulary::States => states.get_mut(slot.index).map(WordMut::State),
    };
    word.ok_or_else(|| no_word(slot))
}

/// The name of the word at `slot`, if there is one.
pub fn slot_name(language: &Language, slot: &WordSlot) -> Option<String> {
    let (actions, states) = match &slot.owner {
        Owner::Base => (&language.actions.words, &language.states.words),
        Owner::Added(section, tech) => {
            let changes = section.of(language).get(tech)?;
            (&changes.action_words, &changes.state_words)
        }
    };
    match slot.which {
        WhichVocabulary::Actions => actions.get(slot.index).map(|w| w.name.clone()),
        WhichVocabulary::States => states.get(slot.index).map(|w| w.name.clone()),
    }
}

/// Whether any word of the language, base or added by a technology, is called `name`.
pub fn name_taken(language: &Language, name: &str) -> bool {
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
}

/// `base`, or `base_2`, `base_3`, … : the first name no word of the language has.
pub fn fresh_word_name(language: &Language, base: &str) -> String {
    if !name_taken(language, base) {
        return base.to_owned();
    }
    (2..)
        .map(|k| format!("{base}_{k}"))
        .find(|n| !name_taken(language, n))
        .unwrap_or_else(|| base.to_owned())
}

/// Why a slot names nothing.
pub fn no_word(slot: &WordSlot) -> String {
    format!("the language has no {}", slot.describe())
}

/// Why a technology's changes are missing.
pub fn no_technology(section: Section, tech: &str) -> String {
    format!("no {} changes for `{tech}`", section.word())
}
