//! Conceptual languages: the vocabularies in which plans and effects are described, with
//! costs in bits. A language is the program's stand-in for a choice of universal machine.

mod adversary;
mod bundled;
mod change;
mod code;
mod edit;
mod fragment;
mod kraft;
mod random;
mod slot;
mod technology;
mod validate;
mod words;

#[cfg(test)]
mod adversary_tests;
#[cfg(test)]
mod change_tests;
#[cfg(test)]
mod tests;

pub use adversary::{
    Adversary, AdversaryError, AdversaryTarget, MAX_ADVERSARY_BITS, WhichVocabulary,
    adversarial_word,
};
pub use bundled::{
    BUNDLED, LanguageError, bundled, bundled_names, check_scene_reference, load, parse,
    parse_draft, resolve, resolve_for_scene, save, to_ron,
};
pub use change::{LanguageChange, Section, vocabulary_with_article, vocabulary_word, word_names};
pub use code::{ParamCode, elias_gamma_bits};
pub use edit::LanguageEdits;
pub use fragment::{
    FRAGMENT_LIMIT, fragment_text, names_form, names_forms, params_text, parse_fragment,
    parse_params,
};
pub use kraft::{KraftRow, cost_keeping_kraft, kraft_report, least_slack};
pub use random::{DrawnLanguage, MAX_RADIUS, SlotCosts, Universe};
pub use slot::{Owner, WordSlot, fresh_word_name, slot_name};
pub use validate::{
    MAX_BODY_STEPS, MAX_COMMODIFIABLE, MAX_ENTERING_COST, MAX_EXACTLY_VARS, kraft_sum,
};
pub use words::*;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A conceptual language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Unique name, e.g. `everyday`.
    pub name: String,
    /// Whose language it is and what it finds cheap.
    #[serde(default)]
    pub description: String,
    /// Words for describing plans.
    pub actions: Vocabulary<ActionWord>,
    /// Words for describing effects.
    pub states: Vocabulary<StateWord>,
    /// What changes when a technology is commodified, by technology name.
    #[serde(default)]
    pub commodified: BTreeMap<String, TechChanges>,
    /// What changes when a technology is at least available (a conceptual unlock: the
    /// idea exists), by technology name. Applied before the commodified changes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub developed: BTreeMap<String, TechChanges>,
}

/// The changes a language undergoes when a technology becomes available (`developed`)
/// or commodified (`commodified`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechChanges {
    /// Action words that appear.
    #[serde(default)]
    pub action_words: Vec<ActionWord>,
    /// State words that appear.
    #[serde(default)]
    pub state_words: Vec<StateWord>,
    /// New costs for existing words, by word name.
    #[serde(default)]
    pub costs: BTreeMap<String, f64>,
    /// Bits the words this technology adds cost while it is merely available, for the
    /// continuous commodification sweep: at availability 0 an added word is this dear,
    /// and it cheapens linearly in bits to its stated cost at availability 1. `None`:
    /// [`DEFAULT_ENTERING_COST`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entering_cost: Option<f64>,
}

/// Bits a word that commodification adds costs at availability 0 when its technology's
/// changes state no `entering_cost`: dear enough that no description in the bundled
/// languages uses it there, so that availability 0 scores as the technology merely
/// available does. (32 bits is not: everyday's `project` at 32 bits already describes the
/// pink car's hologram plan in 40.32 bits, below the 40.64 it takes without the word.)
pub const DEFAULT_ENTERING_COST: f64 = 64.0;
