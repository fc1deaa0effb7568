//! Translating a description from one language into another, word by word.
//!
//! The invariance theorem says two universal machines agree on description lengths up
//! to a constant, the length of an interpreter of one in the other. Conceptual
//! languages have no interpreters, but they have phrasebooks: every word instance of a
//! shortest derivation in A covers a span of the plan (or a set of the effect's
//! variables), and B can say that same span (or set) in its own cheapest words. The
//! pieces, in order, are a B-derivation of the same object, so
//!
//! K_B(x) ≤ T_AB(x) = Σ over the words of x's shortest A-derivation of
//! (the cheapest B-words for what the word covers) + B's end word.
//!
//! T_AB(x) − K_A(x) is then what the phrasebook costs on x. A piece fails when B has
//! no words for exactly what an A word covers (B's words straddle its boundaries):
//! then there is no word-by-word translation, although B may still describe x.

use super::derivation::{Cover, Derivation, WordUse};
use super::effect_dl::{EffectCandidates, StateCosts};
use super::plan_dl::{ActionCosts, PlanMatches};
use crate::language::{ActionWord, StateWord};

/// One word of the A-derivation and what B says for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// The A word instance.
    pub source: WordUse,
    /// B's cheapest words for exactly what it covers, or `None` when B has none.
    pub target: Option<Vec<WordUse>>,
}

impl Piece {
    /// Bits of B's words for this piece.
    pub fn bits(&self) -> Option<f64> {
        self.target
            .as_ref()
            .map(|words| words.iter().map(|w| w.bits).sum())
    }
}

/// A derivation translated word by word into another language.
#[derive(Clone, Debug, PartialEq)]
pub struct Translation {
    /// One piece per word of the source derivation, in order.
    pub pieces: Vec<Piece>,
    /// Bits of the target language's end word.
    pub end_bits: f64,
}

impl Translation {
    /// T_AB(x): the target-language length of the translation, or `None` when a piece
    /// has no translation.
    pub fn bits(&self) -> Option<f64> {
        self.pieces
            .iter()
            .try_fold(self.end_bits, |sum, p| Some(sum + p.bits()?))
    }

    /// The translation as one target-language derivation (an upper bound on the
    /// target's shortest), or `None` when a piece has no translation.
    pub fn derivation(&self) -> Option<Derivation> {
        let mut words = Vec::new();
        for piece in &self.pieces {
            words.extend(piece.target.clone()?);
        }
        Some(Derivation {
            words,
            end_bits: self.end_bits,
            exact: false,
            note: Some("a word-by-word translation: an upper bound".to_owned()),
        })
    }
}

/// Translate a plan's derivation `source` (in A) into B, whose matches on the same plan
/// are `target` under `costs` with words `words`.
pub fn translate_plan(
    source: &Derivation,
    target: &PlanMatches,
    costs: &ActionCosts,
    words: &[ActionWord],
) -> Translation {
    let pieces = source
        .words
        .iter()
        .map(|w| Piece {
            source: w.clone(),
            target: match w.covers {
                Cover::Actions { start, end } => target.words_between(costs, words, start, end),
                Cover::Vars(_) => None,
            },
        })
        .collect();
    Translation {
        pieces,
        end_bits: costs.end,
    }
}

/// Translate an effect's derivation `source` (in A) into B, whose word uses on the same
/// effect are `target` under `costs` with words `words`.
pub fn translate_effect(
    source: &Derivation,
    target: &EffectCandidates,
    costs: &StateCosts,
    words: &[StateWord],
) -> Translation {
    let vars = target.vars();
    let pieces = source
        .words
        .iter()
        .map(|w| {
            let translated = match &w.covers {
                Cover::Vars(covered) => {
                    let mut within = vec![false; vars.len()];
                    let all_known =
                        covered
                            .iter()
                            .all(|v| match vars.iter().position(|x| x == v) {
                                Some(i) => {
                                    within[i] = true;
                                    true
                                }
                                None => false,
                            });
                    all_known
                        .then(|| target.derivation(costs, words, Some(&within)).ok())
                        .flatten()
                        .map(|d| d.words)
                }
                Cover::Actions { .. } => None,
            };
            Piece {
                source: w.clone(),
                target: translated,
            }
        })
        .collect();
    Translation {
        pieces,
        end_bits: costs.end,
    }
}
