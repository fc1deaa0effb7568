//! The adversarial word: one word that names a chosen plan (or its effect) outright, at a
//! cost of k bits, with the rest of its vocabulary made just dear enough to keep the
//! prefix code. It shows how far a description length depends on the language: any plan
//! can be made the simplest by a language that was written with it in mind.

use super::validate::{MAX_BODY_STEPS, MAX_EXACTLY_VARS, kraft_sum};
use super::words::*;
use super::{Language, parse, to_ron};
use crate::scene::MAX_PLAN_LENGTH;
use crate::world::{Action, Var, World};
use std::collections::BTreeSet;
use thiserror::Error;

/// The dearest adversarial word, in bits. Past this the word is never the simplest
/// description of anything a scene holds, and 2^-k vanishes beside the other words.
pub const MAX_ADVERSARY_BITS: f64 = 64.0;

/// What the adversarial word names.
#[derive(Clone, Debug, PartialEq)]
pub enum AdversaryTarget {
    /// A plan: an action word without parameters whose body is exactly these actions.
    Plan {
        /// The plan's name, which the word's name is made from.
        name: String,
        /// Its primitive actions.
        actions: Vec<Action>,
    },
    /// An effect: a state word naming exactly these variables ([`Names::Exactly`]).
    Effect {
        /// The plan's name, which the word's name is made from.
        name: String,
        /// The changed variables.
        vars: Vec<Var>,
    },
}

/// Which vocabulary the adversarial word joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WhichVocabulary {
    /// The action words (plan description length).
    Actions,
    /// The state words (effect description length).
    States,
}

/// A language with an adversarial word added.
#[derive(Clone, Debug, PartialEq)]
pub struct Adversary {
    /// The new language, validated as the loader validates a file.
    pub language: Language,
    /// The new word's name.
    pub word: String,
    /// Bits added to every other word of the vocabulary, its `end` word, and that
    /// vocabulary's words and cost overrides in `commodified`. Any description of m words
    /// in that vocabulary grows by exactly (m + 1)·δ (a `repeat` use says two words: the
    /// repeat and the word repeated); parameters cost what they did.
    pub delta: f64,
    /// The vocabulary the word joined.
    pub vocabulary: WhichVocabulary,
}

/// Why no adversarial word could be made.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum AdversaryError {
    /// The word's cost is not a positive finite number.
    #[error("the adversarial word must cost a positive, finite number of bits, not {0}")]
    BadBits(f64),
    /// The word's cost is past [`MAX_ADVERSARY_BITS`].
    #[error("the adversarial word may cost at most {MAX_ADVERSARY_BITS} bits, not {0}")]
    TooManyBits(f64),
    /// A plan with no actions: no word may expand to nothing.
    #[error("plan `{0}` has no actions, and a word must expand to something")]
    EmptyPlan(String),
    /// A plan longer than a word's body (or a plan) may be.
    #[error("plan `{name}` has {len} actions; a word's body may have at most {limit}")]
    PlanTooLong {
        /// The plan.
        name: String,
        /// Its length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// An empty effect: it already costs only the end word, and no word names nothing.
    #[error("the effect of `{0}` is empty: it costs only the end word, which no word can beat")]
    EmptyEffect(String),
    /// An effect with more variables than a `Names::Exactly` word may name.
    #[error(
        "the effect of `{name}` has {len} variables; a word may name at most {MAX_EXACTLY_VARS}"
    )]
    TooManyVars {
        /// The plan.
        name: String,
        /// How many variables.
        len: usize,
    },
    /// A variable a language file cannot name (the agent's own, or a missing entity).
    #[error("the effect of `{name}` includes {var}, which a language cannot name")]
    Unnameable {
        /// The plan.
        name: String,
        /// The variable.
        var: String,
    },
    /// The result failed the loader's checks. This is a bug; it is reported, not hidden.
    #[error("the adversarial language is not valid: {0}")]
    Invalid(String),
}

/// `language` with one word added that names `target` at `bits` bits, every other word
/// of its vocabulary made δ bits dearer, δ the least that keeps Kraft's inequality under
/// every technology setting (0 when there is room already):
/// with S the largest Σ 2^-cost of the vocabulary over the settings,
/// δ = max(0, log2(S / (1 − 2^-k))).
///
/// The target's own description is then at most k + end + δ bits (one word, then the
/// end word), while any other description of m words grows by (m + 1)·δ, unless it can
/// use the new word itself (a plan containing the target plan, an effect containing the
/// target effect). `world` gives the ids by which the word names the effect's entities.
pub fn adversarial_word(
    language: &Language,
    world: &World,
    target: &AdversaryTarget,
    bits: f64,
) -> Result<Adversary, AdversaryError> {
    if !(bits.is_finite() && bits > 0.0) {
        return Err(AdversaryError::BadBits(bits));
    }
    if bits > MAX_ADVERSARY_BITS {
        return Err(AdversaryError::TooManyBits(bits));
    }
    let mut out = language.clone();
    let (name, vocabulary) = match target {
        AdversaryTarget::Plan { name, .. } => (name, WhichVocabulary::Actions),
        AdversaryTarget::Effect { name, .. } => (name, WhichVocabulary::States),
    };
    let word = unique_name(language, &format!("adv_{name}"));
    let settings = language.level_settings();
    let effective = settings.iter().map(|s| language.for_levels(s));
    let sum = match vocabulary {
        WhichVocabulary::Actions => effective.map(|l| kraft_sum(&l.actions)).fold(0.0, f64::max),
        WhichVocabulary::States => effective.map(|l| kraft_sum(&l.states)).fold(0.0, f64::max),
    };
    let room = 1.0 - (-bits).exp2();
    let delta = if sum <= room {
        0.0
    } else {
        (sum / room).log2()
    };
    shift(&mut out, vocabulary, delta);
    match target {
        AdversaryTarget::Plan { name, actions } => {
            let limit = MAX_BODY_STEPS.min(MAX_PLAN_LENGTH);
            if actions.is_empty() {
                return Err(AdversaryError::EmptyPlan(name.clone()));
            }
            if actions.len() > limit {
                let len = actions.len();
                return Err(AdversaryError::PlanTooLong {
                    name: name.clone(),
                    len,
                    limit,
                });
            }
            out.actions.words.push(ActionWord {
                name: word.clone(),
                cost: bits,
                params: Vec::new(),
                body: Body::Steps(actions.iter().map(|a| fixed_step(*a)).collect()),
            });
        }
        AdversaryTarget::Effect { name, vars } => {
            let names = var_names(name, vars, world)?;
            out.states.words.push(StateWord {
                name: word.clone(),
                cost: bits,
                names: Names::Exactly(names),
            });
        }
    }
    // Checked the way a file is checked, and through a file's text: what is returned is a
    // language a user could save and load again.
    let text = to_ron(&out).map_err(|e| AdversaryError::Invalid(e.to_string()))?;
    let parsed = parse(std::path::Path::new("adversary.ron"), &text)
        .map_err(|e| AdversaryError::Invalid(e.to_string()))?;
    if parsed != out {
        return Err(AdversaryError::Invalid(
            "it does not read back from its own text unchanged".into(),
        ));
    }
    Ok(Adversary {
        language: out,
        word,
        delta,
        vocabulary,
    })
}

/// `base`, or `base_2`, `base_3`, …: the first that no word and no cost override of the
/// language uses, under any technology.
fn unique_name(language: &Language, base: &str) -> String {
    let mut taken: BTreeSet<&str> = BTreeSet::new();
    taken.extend(language.actions.words.iter().map(|w| w.name.as_str()));
    taken.extend(language.states.words.iter().map(|w| w.name.as_str()));
    for changes in language.commodified.values() {
        taken.extend(changes.action_words.iter().map(|w| w.name.as_str()));
        taken.extend(changes.state_words.iter().map(|w| w.name.as_str()));
        taken.extend(changes.costs.keys().map(String::as_str));
    }
    (1..)
        .map(|i| match i {
            1 => base.to_owned(),
            i => format!("{base}_{i}"),
        })
        .find(|n| !taken.contains(n.as_str()))
        .unwrap_or_else(|| base.to_owned())
}

/// Add `delta` bits to the end word and every word of one vocabulary, wherever in the
/// language they are defined or repriced.
fn shift(language: &mut Language, vocabulary: WhichVocabulary, delta: f64) {
    if delta == 0.0 {
        return;
    }
    // Overrides are keyed by name alone: sort them by the vocabulary their word is in.
    let mut names: BTreeSet<String> = BTreeSet::new();
    match vocabulary {
        WhichVocabulary::Actions => {
            language.actions.end += delta;
            for w in &mut language.actions.words {
                w.cost += delta;
                names.insert(w.name.clone());
            }
            for changes in language
                .commodified
                .values_mut()
                .chain(language.developed.values_mut())
            {
                for w in &mut changes.action_words {
                    w.cost += delta;
                    names.insert(w.name.clone());
                }
            }
        }
        WhichVocabulary::States => {
            language.states.end += delta;
            for w in &mut language.states.words {
                w.cost += delta;
                names.insert(w.name.clone());
            }
            for changes in language
                .commodified
                .values_mut()
                .chain(language.developed.values_mut())
            {
                for w in &mut changes.state_words {
                    w.cost += delta;
                    names.insert(w.name.clone());
                }
            }
        }
    }
    for changes in language
        .commodified
        .values_mut()
        .chain(language.developed.values_mut())
    {
        for (name, cost) in &mut changes.costs {
            if names.contains(name) {
                *cost += delta;
            }
        }
    }
}

/// The body step that is exactly this action, wherever the agent stands.
fn fixed_step(action: Action) -> Step {
    use DirRef::Dir as D;
    match action {
        Action::Noop => Step::Noop,
        Action::Move(d) => Step::Move(D(d)),
        Action::Take(d) => Step::Take(D(d)),
        Action::Apply(d) => Step::Apply(D(d)),
        Action::Toggle(d) => Step::Toggle(D(d)),
        Action::Place(d) => Step::Place(D(d)),
        Action::Aim(d, p) => Step::Aim(D(d), CellRef::Cell(p)),
        Action::Set(d, c) => Step::Set(D(d), ColorRef::Color(c)),
        Action::Work(d) => Step::Work(D(d)),
    }
}

/// The effect's variables as a language names them, each once, in the effect's order.
fn var_names(plan: &str, vars: &[Var], world: &World) -> Result<Vec<VarName>, AdversaryError> {
    let mut seen = BTreeSet::new();
    let mut names = Vec::new();
    for &var in vars {
        let Some(name) = VarName::of(var, world) else {
            let var = var.name(world);
            return Err(AdversaryError::Unnameable {
                name: plan.to_owned(),
                var,
            });
        };
        if seen.insert(var) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return Err(AdversaryError::EmptyEffect(plan.to_owned()));
    }
    if names.len() > MAX_EXACTLY_VARS {
        let len = names.len();
        return Err(AdversaryError::TooManyVars {
            name: plan.to_owned(),
            len,
        });
    }
    Ok(names)
}
