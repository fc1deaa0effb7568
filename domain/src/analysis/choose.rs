//! The agent's choice, searched: instead of the cheapest of the plans a scene's author
//! wrote down, the cheapest plan of all the language's programs up to a bound, under one
//! measure. It answers "is there a plan cheaper than all the scene's plans that nobody
//! wrote down?".
//!
//! The programs are those the program measures run ([`ProgramSpace`]): every program up
//! to the bound, in the language with the technology changes applied, run from the start
//! state. The goal-reaching ones, one per distinct action sequence (the shortest program
//! saying it), are the candidates:
//!
//! - the scored measures score each candidate as a plan ([`score_plan`]);
//! - algorithmic probability scores a candidate by −log2 of the mass of every program
//!   enumerated with its effect;
//! - search effort is a best-first search in code-length order that stops at the first
//!   candidate reaching the goal: that one is the choice and the candidates it tried
//!   are its score.
//!
//! Ties go to the shorter plan description, then the program's words, so the choice does
//! not depend on the order the workers ran in.

use super::programs::plan_effects;
use super::score::{PlanScore, score_plan, score_scene, within_budget};
use super::setting::Setting;
use crate::measures::{
    GoalProgram, MAX_GOAL_PROGRAMS, Measure, ProgramError, ProgramLimits, ProgramSpace, Stopped,
    valid_bound,
};
use crate::scene::{Plan, Scene};
use crate::work;
use crate::world::{Action, Outcome};
use rayon::prelude::*;
use std::cmp::Ordering;
use thiserror::Error;

/// The default bound on program length, in bits. The pink car under `everyday` at its
/// own levels runs about 40,000 programs to 22 bits and scores the 2,700 distinct
/// goal-reaching ones in about 0.5 s on two cores in release (`ladders bench --choose`);
/// every bit more multiplies the programs by about 1.9 (24 bits: 2.3 s).
pub const DEFAULT_CHOICE_BOUND: f64 = 22.0;

/// The default most candidates the search-effort choice tries: what `ladders score
/// --programs` tries per plan.
pub const DEFAULT_CHOICE_SEARCH_LIMIT: u64 = 5_000;

/// The name of the searched plan when it is made a plan of the scene.
pub const SEARCHED_PLAN_NAME: &str = "searched";

/// Two scores this close are equal: a value printed as another's is that value.
const TIE: f64 = 1e-9;

/// How far the searched choice goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChoiceOptions {
    /// Longest program enumerated, in bits (end word included).
    pub bound: f64,
    /// Most candidates the search-effort choice tries, and each scene plan's search.
    pub search_limit: u64,
    /// Work and memory of the enumeration; for search effort, of the choice's search,
    /// and as much again for the scene plans' searches together.
    pub limits: ProgramLimits,
}

impl ChoiceOptions {
    /// The default bound and search limit within `limits`.
    pub fn new(limits: ProgramLimits) -> Self {
        Self {
            bound: DEFAULT_CHOICE_BOUND,
            search_limit: DEFAULT_CHOICE_SEARCH_LIMIT,
            limits,
        }
    }
}

/// Why there is no searched choice.
#[derive(Debug, Error)]
pub enum ChoiceError {
    /// A bound the enumeration does not accept.
    #[error(
        "the bound must be a finite number of bits above 0 and at most {max}, not {0}",
        max = ProgramLimits::MAX_BOUND
    )]
    Bound(f64),
    /// A search limit out of range.
    #[error(
        "the search limit must be 1 to {max}, not {0}",
        max = ProgramLimits::MAX_SEARCH_LIMIT
    )]
    SearchLimit(u64),
    /// The enumeration or a search was cancelled or refused.
    #[error(transparent)]
    Program(#[from] ProgramError),
}

/// The plan the search chose.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundPlan {
    /// The program's words, with their arguments.
    pub words: Vec<String>,
    /// The program's length in bits, end word included.
    pub program_bits: f64,
    /// The primitive actions.
    pub actions: Vec<Action>,
    /// Its value under the measure, in the measure's unit.
    pub score: f64,
    /// Everything measured about it as a plan: its effect, both derivations word by word,
    /// the verdict.
    pub plan_score: PlanScore,
    /// Whether it is within the scene's budget for the measure, when there is one.
    pub within_budget: Option<bool>,
}

impl FoundPlan {
    /// The found plan as a plan of the scene, named `name`.
    pub fn plan(&self, name: &str) -> Plan {
        Plan {
            name: name.to_owned(),
            description: format!("Found by the searched choice: {}.", self.words.join(" ")),
            actions: self.actions.clone(),
        }
    }
}

/// How far the search went: the limits it reached are here, never hidden.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoiceBound {
    /// The bound on program length, in bits (the enumeration's; search effort's search
    /// has none and is bounded by `search_limit`).
    pub bits: f64,
    /// For search effort: the most candidates its search could try.
    pub search_limit: Option<u64>,
    /// Programs run (for search effort: candidates tried).
    pub programs_run: u64,
    /// Goal-reaching programs run, several with the same actions included.
    pub goal_programs: u64,
    /// Distinct goal-reaching action sequences compared.
    pub candidates: u64,
    /// Simulated steps taken.
    pub work: u64,
    /// Set when the work limit or the memory budget stopped the run.
    pub stopped: Option<Stopped>,
    /// Set when [`MAX_GOAL_PROGRAMS`] or the collection's part of the memory budget was
    /// reached: some goal-reaching programs were not compared.
    pub capped: bool,
    /// For search effort: every reachable candidate was tried.
    pub exhausted: bool,
}

impl ChoiceBound {
    /// One sentence: what was run and every limit reached.
    pub fn describe(&self) -> String {
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut text = match self.search_limit {
            Some(limit) => format!(
                "a search in code-length order tried {} of at most {limit}",
                plural(self.programs_run, "candidate", "candidates")
            ),
            None if self.stopped.is_some() => format!(
                "programs up to {} bits were run until a limit stopped the enumeration ({}; {} reach the goal, {} distinct plans), so some within the bound were not",
                self.bits,
                plural(self.programs_run, "program", "programs"),
                self.goal_programs,
                self.candidates
            ),
            None => format!(
                "every program up to {} bits was run ({}; {} reach the goal, {} distinct plans); longer programs were not",
                self.bits,
                plural(self.programs_run, "program", "programs"),
                self.goal_programs,
                self.candidates
            ),
        };
        if self.exhausted {
            text += "; every reachable candidate was tried";
        } else if let Some(limit) = self.search_limit
            && self.goal_programs == 0
            && self.stopped.is_none()
            && self.programs_run >= limit
        {
            text += "; it reached the candidate limit";
        }
        if let Some(stopped) = self.stopped {
            text += &format!("; {}", stopped.describe(self.work));
        }
        if self.capped {
            text += &format!(
                "; only {} goal-reaching plans were kept (the cap of {MAX_GOAL_PROGRAMS} or the memory budget), the others not compared",
                self.candidates
            );
        }
        text
    }

    /// Whether a limit other than the bound itself cut the run short.
    pub fn cut_short(&self) -> bool {
        self.stopped.is_some() || self.capped
    }
}

/// One scene plan's value under the measure, as the scene's own scoring gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenePlanValue {
    /// The plan's name.
    pub name: String,
    /// Whether it reaches the goal.
    pub reaches_goal: bool,
    /// Its value, when it has one (describable; for the program measures, found).
    pub value: Option<f64>,
    /// Whether it is within the measure's budget, when there is one.
    pub within_budget: Option<bool>,
}

/// The searched choice under one measure, compared with the scene's plans.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchedChoice {
    /// The measure.
    pub measure: Measure,
    /// The language's name.
    pub language: String,
    /// The chosen plan, if any program within the bound reaches the goal.
    pub found: Option<FoundPlan>,
    /// The scene's plans under the same measure and setting, in scene order.
    pub scene: Vec<ScenePlanValue>,
    /// The budget the verdict applies to the measure, if any.
    pub budget: Option<f64>,
    /// The scene's best plan: the lowest value among those reaching the goal (and within
    /// the budget, when there is one), as (index, value).
    pub scene_best: Option<(usize, f64)>,
    /// The found plan's score is strictly below every goal-reaching scene plan's.
    pub beats_scene: bool,
    /// A goal-reaching scene plan with the found plan's score (the one with the same
    /// actions, if any): the search found that plan again, or one as cheap.
    pub matches_scene_plan: Option<usize>,
    /// A scene plan with the found plan's very actions.
    pub same_actions_as: Option<usize>,
    /// How far the search went.
    pub bound: ChoiceBound,
}

/// The searched choice of `scene` under `measure` in `setting`, within `options`.
/// `progress(fraction)` returning false cancels, with [`ProgramError::Cancelled`].
pub fn searched_choice(
    scene: &Scene,
    setting: &Setting,
    measure: Measure,
    options: &ChoiceOptions,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<SearchedChoice, ChoiceError> {
    if !valid_bound(options.bound) {
        return Err(ChoiceError::Bound(options.bound));
    }
    if !(1..=ProgramLimits::MAX_SEARCH_LIMIT).contains(&options.search_limit) {
        return Err(ChoiceError::SearchLimit(options.search_limit));
    }
    let space = ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let budget = match measure {
        Measure::EffectDl => Some(setting.budget),
        _ => scene.budget(measure),
    };
    let (found, scene_values, bound) = match measure {
        Measure::SearchEffort => by_search(scene, setting, &space, options, budget, progress)?,
        _ => by_enumeration(scene, setting, &space, measure, options, budget, progress)?,
    };
    Ok(compare(
        scene,
        setting,
        measure,
        found,
        scene_values,
        budget,
        bound,
    ))
}

/// The searched choice under a measure the enumeration decides: a scored measure or
/// algorithmic probability.
fn by_enumeration(
    scene: &Scene,
    setting: &Setting,
    space: &ProgramSpace<'_>,
    measure: Measure,
    options: &ChoiceOptions,
    budget: Option<f64>,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<(Option<FoundPlan>, Vec<ScenePlanValue>, ChoiceBound), ChoiceError> {
    // The enumeration takes most of the time; scoring the candidates the rest.
    const ENUMERATION_SHARE: f64 = 0.8;
    let (probability, goals) =
        space.goal_programs(&scene.goal, options.bound, &options.limits, &|f| {
            progress(f * ENUMERATION_SHARE)
        })?;
    let bound = ChoiceBound {
        bits: options.bound,
        search_limit: None,
        programs_run: probability.programs,
        goal_programs: goals.found,
        candidates: goals.programs.len() as u64,
        work: probability.work,
        stopped: probability.stopped,
        capped: goals.capped,
        exhausted: false,
    };
    let scored = |programs: &[&GoalProgram]| {
        score_programs(scene, setting, measure, programs, &|done| {
            let f = done as f64 / programs.len().max(1) as f64;
            progress(ENUMERATION_SHARE + (1.0 - ENUMERATION_SHARE) * f)
        })
    };
    let (found, scene_values) = if measure == Measure::AlgorithmicProbability {
        let bits = |effect: &str| probability.bits(effect).unwrap_or(f64::INFINITY);
        // The most probable effect; its programs compete on plan description length.
        let best = goals
            .programs
            .iter()
            .map(|p| bits(&p.effect))
            .fold(f64::INFINITY, f64::min);
        let rivals: Vec<&GoalProgram> = goals
            .programs
            .iter()
            .filter(|p| bits(&p.effect) <= best + TIE)
            .collect();
        let scores = scored(&rivals)?;
        let found = choose(
            scene,
            setting,
            rivals.iter().zip(scores).map(|(p, s)| {
                let value = bits(&p.effect);
                (*p, s.plan_bits, Some(value))
            }),
        );
        let values = scene
            .plans
            .iter()
            .zip(plan_effects(scene, setting))
            .map(|(plan, effect)| (plan, probability.bits(&effect)))
            .map(|(plan, value)| scene_value(scene, setting, plan, value, budget))
            .collect();
        (found, values)
    } else {
        let programs: Vec<&GoalProgram> = goals.programs.iter().collect();
        let scores = scored(&programs)?;
        let found = choose(
            scene,
            setting,
            programs
                .iter()
                .zip(scores)
                .map(|(p, s)| (*p, s.plan_bits, s.value)),
        );
        let values = score_scene(scene, setting)
            .plans
            .iter()
            .map(|p| ScenePlanValue {
                name: p.plan.clone(),
                reaches_goal: p.outcome.reaches_goal,
                value: p.value(measure),
                within_budget: budget
                    .map(|b| within_budget(p.outcome.reaches_goal, p.value(measure), b)),
            })
            .collect();
        (found, values)
    };
    let found = found.map(|mut f| {
        f.within_budget = budget.map(|b| within_budget(true, Some(f.score), b));
        f
    });
    Ok((found, scene_values, bound))
}

/// The searched choice under search effort: the first candidate of a best-first search
/// that reaches the goal, against the scene plans' searches for their effects.
fn by_search(
    scene: &Scene,
    setting: &Setting,
    space: &ProgramSpace<'_>,
    options: &ChoiceOptions,
    budget: Option<f64>,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<(Option<FoundPlan>, Vec<ScenePlanValue>, ChoiceBound), ChoiceError> {
    let limit = options.search_limit;
    let search = space.search_goal(&scene.goal, limit, &options.limits, &|candidates| {
        progress(0.5 * candidates as f64 / limit as f64)
    })?;
    let effort = &search.effort;
    let found = match (&effort.found, &search.actions) {
        (Some((words, bits)), Some(actions)) => {
            let plan = Plan {
                name: SEARCHED_PLAN_NAME.to_owned(),
                description: String::new(),
                actions: actions.clone(),
            };
            let score = effort.candidates as f64;
            Some(FoundPlan {
                words: words.clone(),
                program_bits: *bits,
                actions: actions.clone(),
                score,
                plan_score: score_plan(scene, setting, &plan),
                within_budget: budget.map(|b| within_budget(true, Some(score), b)),
            })
        }
        _ => None,
    };
    let targets = plan_effects(scene, setting);
    let of = targets.len().max(1);
    let searches = space.search_all(&targets, limit, &options.limits, &|done| {
        progress(0.5 + 0.5 * done as f64 / of as f64)
    })?;
    let values = scene
        .plans
        .iter()
        .zip(&searches)
        .map(|(plan, s)| {
            let value = s.found.as_ref().map(|_| s.candidates as f64);
            scene_value(scene, setting, plan, value, budget)
        })
        .collect();
    let bound = ChoiceBound {
        bits: options.bound,
        search_limit: Some(limit),
        programs_run: effort.candidates,
        goal_programs: u64::from(found.is_some()),
        candidates: u64::from(found.is_some()),
        work: effort.work,
        stopped: effort.stopped,
        capped: false,
        exhausted: effort.exhausted,
    };
    Ok((found, values, bound))
}

/// A scene plan's value, with whether it reaches the goal and its budget verdict.
fn scene_value(
    scene: &Scene,
    setting: &Setting,
    plan: &Plan,
    value: Option<f64>,
    budget: Option<f64>,
) -> ScenePlanValue {
    let reaches_goal = Outcome::simulate(
        &scene.world,
        &setting.technologies,
        &scene.goal,
        &plan.actions,
        setting.baseline,
    )
    .reaches_goal;
    ScenePlanValue {
        name: plan.name.clone(),
        reaches_goal,
        value,
        within_budget: budget.map(|b| within_budget(reaches_goal, value, b)),
    }
}

/// What choosing needs of a scored program: its value under the measure and its plan
/// description length. Only these are kept, not the whole score (a trajectory, two
/// derivations, a token stream): a hundred thousand of those would not fit the budget.
struct Scored {
    value: Option<f64>,
    plan_bits: Option<f64>,
}

/// Score a program's actions as a plan.
fn score_program(scene: &Scene, setting: &Setting, program: &GoalProgram) -> PlanScore {
    let plan = Plan {
        name: SEARCHED_PLAN_NAME.to_owned(),
        description: String::new(),
        actions: program.actions.clone(),
    };
    score_plan(scene, setting, &plan)
}

/// Score each program as a plan, on every core. `progress(done)` returning false cancels.
fn score_programs(
    scene: &Scene,
    setting: &Setting,
    measure: Measure,
    programs: &[&GoalProgram],
    progress: &(dyn Fn(u64) -> bool + Sync),
) -> Result<Vec<Scored>, ProgramError> {
    let progress = work::Progress::new(progress);
    let scores: Vec<Option<Scored>> = programs
        .par_iter()
        .map(|program| {
            if progress.is_cancelled() {
                return None;
            }
            let score = score_program(scene, setting, program);
            let scored = Scored {
                value: score.value(measure),
                plan_bits: score.plan_bits(),
            };
            progress.advance(1).then_some(scored)
        })
        .collect();
    if progress.is_cancelled() {
        return Err(ProgramError::Cancelled);
    }
    Ok(scores.into_iter().flatten().collect())
}

/// The lowest value, then the shortest plan description, then the first program (the
/// programs come shortest first, then by words).
/// Candidates are (program, its plan description length, its value); the winner is
/// scored again in full.
fn choose<'a>(
    scene: &Scene,
    setting: &Setting,
    candidates: impl Iterator<Item = (&'a GoalProgram, Option<f64>, Option<f64>)>,
) -> Option<FoundPlan> {
    let better = |(score_a, plan_a): (f64, f64), (score_b, plan_b): (f64, f64)| {
        if (score_a - score_b).abs() > TIE {
            return score_a < score_b;
        }
        plan_a.total_cmp(&plan_b) == Ordering::Less && (plan_a - plan_b).abs() > TIE
    };
    let mut best: Option<(&GoalProgram, (f64, f64))> = None;
    for (program, plan_bits, value) in candidates {
        let Some(score) = value.filter(|v| v.is_finite()) else {
            continue;
        };
        let key = (score, plan_bits.unwrap_or(f64::INFINITY));
        if best.is_none_or(|(_, b)| better(key, b)) {
            best = Some((program, key));
        }
    }
    let (program, (score, _)) = best?;
    Some(FoundPlan {
        words: program.words.clone(),
        program_bits: program.bits,
        actions: program.actions.clone(),
        score,
        plan_score: score_program(scene, setting, program),
        within_budget: None,
    })
}

/// The comparison with the scene's plans.
fn compare(
    scene: &Scene,
    setting: &Setting,
    measure: Measure,
    found: Option<FoundPlan>,
    scene_values: Vec<ScenePlanValue>,
    budget: Option<f64>,
    bound: ChoiceBound,
) -> SearchedChoice {
    let scene_best = scene_values
        .iter()
        .enumerate()
        .filter(|(_, p)| p.reaches_goal && p.within_budget != Some(false))
        .filter_map(|(i, p)| p.value.map(|v| (i, v)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let same_actions_as = found
        .as_ref()
        .and_then(|f| scene.plans.iter().position(|p| p.actions == f.actions));
    let (beats_scene, matches_scene_plan) = match &found {
        None => (false, None),
        Some(f) => {
            let rivals = || {
                scene_values
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.reaches_goal)
                    .filter_map(|(i, p)| p.value.map(|v| (i, v)))
            };
            // With no scene plan to beat, nothing is beaten.
            let beats = rivals().next().is_some() && rivals().all(|(_, v)| f.score < v - TIE);
            let ties = || rivals().filter(|(_, v)| (f.score - v).abs() <= TIE);
            let matches = ties()
                .find(|(i, _)| Some(*i) == same_actions_as)
                .or_else(|| ties().next())
                .map(|(i, _)| i);
            (beats, matches)
        }
    };
    SearchedChoice {
        measure,
        language: setting.language.name.clone(),
        found,
        scene: scene_values,
        budget,
        scene_best,
        beats_scene,
        matches_scene_plan,
        same_actions_as,
        bound,
    }
}

#[cfg(test)]
#[path = "choose_tests.rs"]
mod tests;
