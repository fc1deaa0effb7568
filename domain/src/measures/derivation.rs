//! Derivations: the evidence behind a description length, word by word.

use crate::world::Var;

/// One word of a derivation with its arguments and what it covers.
#[derive(Clone, Debug, PartialEq)]
pub struct WordUse {
    /// The word's name.
    pub word: String,
    /// Its arguments, as text (`car`, `E`, `(3, 4)`, `pink`, `5×` for repeat counts).
    pub args: Vec<String>,
    /// Bits for the word plus its arguments.
    pub bits: f64,
    /// What it expands to.
    pub covers: Cover,
}

impl WordUse {
    /// The word with its arguments, e.g. `paint(car)`.
    pub fn call(&self) -> String {
        if self.args.is_empty() {
            self.word.clone()
        } else {
            format!("{}({})", self.word, self.args.join(", "))
        }
    }
}

/// What a word of a derivation expands to.
#[derive(Clone, Debug, PartialEq)]
pub enum Cover {
    /// Plan actions `start..end`.
    Actions {
        /// First action index.
        start: usize,
        /// One past the last action index.
        end: usize,
    },
    /// These effect variables.
    Vars(Vec<Var>),
}

impl Cover {
    /// What the word covers, e.g. `actions 0..18` or `car.paint, projector.on`.
    pub fn describe(&self, world: &crate::world::World) -> String {
        match self {
            Cover::Actions { start, end } => format!("actions {start}..{end}"),
            Cover::Vars(vars) => vars
                .iter()
                .map(|v| v.name(world))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// A description of a plan or an effect in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// The words, in order.
    pub words: Vec<WordUse>,
    /// Bits of the end-of-description word.
    pub end_bits: f64,
    /// Whether this is a shortest derivation (`false`: an upper bound, see `note`).
    pub exact: bool,
    /// How the bound was obtained when not exact.
    pub note: Option<String>,
}

impl Derivation {
    /// Total length in bits: the words plus the end word.
    pub fn bits(&self) -> f64 {
        self.words.iter().map(|w| w.bits).sum::<f64>() + self.end_bits
    }

    /// The words as a phrase, e.g. `paint(car) · end`.
    pub fn phrase(&self) -> String {
        let mut parts: Vec<String> = self.words.iter().map(WordUse::call).collect();
        parts.push("end".to_owned());
        parts.join(" · ")
    }
}

/// Why a plan or an effect has no description in a language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Undescribable(pub String);
