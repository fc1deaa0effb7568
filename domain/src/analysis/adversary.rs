//! The adversarial word applied to a scene: the verdicts before and after one word that
//! names a chosen plan (or its effect) outright is added to a language. Both front ends
//! run this; the word itself is [`crate::language::adversarial_word`].

use super::score::{SceneScore, score_scene};
use super::setting::Setting;
use crate::language::{
    Adversary, AdversaryError, AdversaryTarget, Body, Language, WhichVocabulary, adversarial_word,
};
use crate::measures::Derivation;
use crate::scene::Scene;
use crate::world::{Outcome, TechLevels};

/// The scene scored in a language and in its adversarial version.
#[derive(Clone, Debug, PartialEq)]
pub struct AdversaryOutcome {
    /// The language with the word added.
    pub adversary: Adversary,
    /// The plan the word names (or whose effect it names).
    pub plan: String,
    /// Every plan scored before.
    pub before: SceneScore,
    /// And after.
    pub after: SceneScore,
    /// Per plan (scene order): the most its description in the word's vocabulary may grow,
    /// (m + 1)·δ for a shortest derivation of m words (`None` if it had none).
    pub bound: Vec<Option<f64>>,
}

impl AdversaryOutcome {
    /// The description length the word changes, of plan `p` before or after.
    pub fn length(&self, after: bool, p: usize) -> Option<f64> {
        let score = if after { &self.after } else { &self.before };
        let plan = score.plans.get(p)?;
        match self.adversary.vocabulary {
            WhichVocabulary::Actions => plan.plan_bits(),
            WhichVocabulary::States => plan.effect_bits(),
        }
    }

    /// Whether the named plan is now the strictly simplest, in the word's vocabulary, of
    /// the scene's plans that reach the goal (the agent's candidates: a plan that does
    /// nothing has the shortest effect of all, and is never chosen).
    pub fn target_is_simplest(&self) -> bool {
        let Some(t) = self.after.plans.iter().position(|p| p.plan == self.plan) else {
            return false;
        };
        let Some(mine) = self.length(true, t) else {
            return false;
        };
        (0..self.after.plans.len())
            .filter(|&p| p != t && self.after.plans[p].outcome.reaches_goal)
            .all(|p| self.length(true, p).is_none_or(|other| other > mine + 1e-9))
    }
}

/// What an adversarial word for plan `plan` of `scene` names: its actions, or with
/// `effect` the variables its effect changes under `technologies`.
pub fn adversary_target(
    scene: &Scene,
    technologies: &TechLevels,
    plan: &str,
    effect: bool,
) -> Result<AdversaryTarget, AdversaryError> {
    let Some(found) = scene.plan(plan) else {
        let names: Vec<&str> = scene.plans.iter().map(|p| p.name.as_str()).collect();
        return Err(AdversaryError::Invalid(format!(
            "the scene has no plan `{plan}`; its plans are {}",
            names.join(", ")
        )));
    };
    Ok(if effect {
        let outcome = Outcome::simulate(
            &scene.world,
            technologies,
            &scene.goal,
            &found.actions,
            crate::world::Baseline::default(),
        );
        AdversaryTarget::Effect {
            name: plan.to_owned(),
            vars: outcome.effect.iter().map(|c| c.var).collect(),
        }
    } else {
        AdversaryTarget::Plan {
            name: plan.to_owned(),
            actions: found.actions.clone(),
        }
    })
}

/// The most a description `derivation` (in `effective`, the language with its
/// technologies applied) may grow when every word of its vocabulary costs `delta` more:
/// (m + 1)·δ for m words and the end word, a `repeat` saying two words.
pub fn growth_bound(derivation: &Derivation, effective: &Language, delta: f64) -> f64 {
    let is_repeat = |name: &str| {
        effective
            .actions
            .words
            .iter()
            .any(|x| x.name == name && matches!(x.body, Body::Repeat))
    };
    let words: usize = derivation
        .words
        .iter()
        .map(|w| if is_repeat(&w.word) { 2 } else { 1 })
        .sum();
    (words + 1) as f64 * delta
}

/// Add to `language` one word of `bits` bits for plan `plan` of `scene` (its actions, or
/// with `effect` its effect under `technologies`), and score the scene before and after
/// under the effect `budget`.
pub fn adversary_outcome(
    scene: &Scene,
    language: &Language,
    technologies: &TechLevels,
    budget: f64,
    plan: &str,
    effect: bool,
    bits: f64,
) -> Result<AdversaryOutcome, AdversaryError> {
    let target = adversary_target(scene, technologies, plan, effect)?;
    let adversary = adversarial_word(language, &scene.world, &target, bits)?;
    let before = score_scene(
        scene,
        &Setting::with_levels(language.clone(), technologies.clone(), budget),
    );
    let after = score_scene(
        scene,
        &Setting::with_levels(adversary.language.clone(), technologies.clone(), budget),
    );
    let effective = language.for_levels(technologies);
    let bound = before
        .plans
        .iter()
        .map(|p| {
            let derivation = match adversary.vocabulary {
                WhichVocabulary::Actions => p.plan_dl.as_ref().ok(),
                WhichVocabulary::States => p.effect_dl.as_ref().ok(),
            };
            derivation.map(|d| growth_bound(d, &effective, adversary.delta))
        })
        .collect();
    Ok(AdversaryOutcome {
        adversary,
        plan: plan.to_owned(),
        before,
        after,
        bound,
    })
}
