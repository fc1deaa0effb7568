//! Comparing languages on one scene: how far apart they are in bits, in each direction,
//! and what that does to the verdicts. Definitions (README, "No unique ladder"):
//!
//! - K_L(x): the description length of object x (a plan, or its effect) in language L;
//! - T_AB(x): the length in B of the word-by-word translation of x's shortest
//!   A-derivation ([`crate::measures::Translation`]); K_B(x) ≤ T_AB(x);
//! - the *phrasebook cost* of A in B: for each A word, the most B bits any of its
//!   instances (over the objects compared) translates to; their sum stands in for the
//!   length of an interpreter of A in B;
//! - the *empirical invariance constant* c_AB = max over the objects of K_B(x) − K_A(x),
//!   with the object attaining it; unbounded when B cannot describe an object A can;
//! - the *centre*: the stationary distribution of the chain that steps from A to B with
//!   weight 2^−c_AB (2^0 = 1 for staying), the languages the others translate into most
//!   cheaply. Adding a language moves it (Müller: no machine-independent centre).
//!
//! The objects are the scene's plans and seeded random plans (see [`super::random_plans`]).

use super::random_plans::random_plan;
use super::score::within_budget;
use crate::language::Language;
use crate::measures::{
    ActionCosts, Derivation, EffectCandidates, Measure, PlanMatches, StateCosts, translate_effect,
    translate_plan,
};
use crate::scene::{Plan, Scene};
use crate::world::{Baseline, Outcome, TechLevels};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The description lengths a comparison compares.
pub const COMPARED: [Measure; 2] = [Measure::EffectDl, Measure::PlanDl];
/// The most (object, ordered pair of languages) cells one comparison may hold: it keeps a
/// translated length for each, per measure (about 32 bytes a cell).
pub const MAX_COMPARE_CELLS: usize = 4_000_000;

/// What to compare on.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareOptions {
    /// Random plans besides the scene's own.
    pub random_plans: usize,
    /// Their seed.
    pub seed: u64,
    /// Technology levels the languages are read under.
    pub technologies: TechLevels,
    /// The effect budget of the criterion.
    pub budget: f64,
}

/// An object compared: one of the scene's plans or a random one.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// The plan's name (`random_j` for random plans).
    pub name: String,
    /// Whether it is a random plan.
    pub random: bool,
    /// Whether it reaches the goal.
    pub reaches_goal: bool,
}

/// c_AB with the object that shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Invariance {
    /// max_x K_B(x) − K_A(x) in bits; `None` when B cannot describe some object A can
    /// (unbounded), or no object is described by both.
    pub bits: Option<f64>,
    /// The object attaining it (or one B cannot describe), by index into the objects.
    pub object: Option<usize>,
}

/// What the words of A cost in B.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrasebook {
    /// Per A word used by some derivation: the most B bits one of its instances takes,
    /// `None` when an instance has no word-by-word translation.
    pub words: BTreeMap<String, Option<f64>>,
    /// The sum over the words (`None` if any word has no translation).
    pub total: Option<f64>,
    /// Objects whose translation T_AB exists, and those whose does not.
    pub translated: usize,
    /// Objects with an A-derivation and no translation.
    pub untranslated: usize,
}

/// One description length compared over every language and object.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureComparison {
    /// Effect or plan description length.
    pub measure: Measure,
    /// K by language, then object (`None`: undescribable).
    pub lengths: Vec<Vec<Option<f64>>>,
    /// T_AB(x) by source A, target B, object.
    pub translated: Vec<Vec<Vec<Option<f64>>>>,
    /// c_AB by A, then B.
    pub invariance: Vec<Vec<Invariance>>,
    /// The phrasebook of A in B, by A, then B.
    pub phrasebooks: Vec<Vec<Phrasebook>>,
    /// The centre: one probability per language.
    pub centre: Vec<f64>,
    /// The centre of the first k languages, for k = 1..=n: how adding one moves it.
    pub centre_growth: Vec<Vec<f64>>,
    /// Kendall's τ-b between the rankings of the scene's plans, by A, then B.
    pub tau: Vec<Vec<Option<f64>>>,
}

/// A plan whose verdict differs between two languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Flip {
    /// The plan.
    pub plan: String,
    /// The language of the pair that accepts it.
    pub accepted_in: String,
    /// The one that rejects it.
    pub rejected_in: String,
}

/// Everything a comparison finds.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Language names, in the order given.
    pub languages: Vec<String>,
    /// The objects: the scene's plans, then the random ones.
    pub objects: Vec<Object>,
    /// Per compared measure.
    pub measures: Vec<MeasureComparison>,
    /// The criterion's verdict by language, then scene plan.
    pub verdicts: Vec<Vec<bool>>,
    /// Flips by A, then B (the same plans both ways, A < B listed).
    pub flips: Vec<Vec<Vec<Flip>>>,
    /// How many of the objects are the scene's plans.
    pub scene_plans: usize,
}

impl Comparison {
    /// The comparison of one measure.
    pub fn measure(&self, measure: Measure) -> Option<&MeasureComparison> {
        self.measures.iter().find(|m| m.measure == measure)
    }
}

/// One object described in one language: derivations and the costless structures that
/// other languages' derivations are translated through.
struct Described {
    effect: Option<Derivation>,
    plan: Option<Derivation>,
    matches: Option<PlanMatches>,
    candidates: EffectCandidates,
}

/// Why a comparison did not finish.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompareError {
    /// The callback asked to stop.
    #[error("the comparison was cancelled")]
    Cancelled,
    /// More objects × pairs than [`MAX_COMPARE_CELLS`].
    #[error(
        "{objects} objects × {pairs} ordered pairs of languages is more than the {MAX_COMPARE_CELLS} a comparison may hold: compare fewer languages or random plans"
    )]
    TooLarge {
        /// Objects asked for.
        objects: usize,
        /// Ordered pairs of languages.
        pairs: usize,
    },
}

/// A word of a source derivation and the bits of its translation (`None`: it has none).
type PieceBits = (String, Option<f64>);

/// One object's numbers in every language and pair, for one measure.
struct ObjectMeasure {
    /// K by language.
    lengths: Vec<Option<f64>>,
    /// T_AB by A, then B.
    translated: Vec<Vec<Option<f64>>>,
    /// Per A, then B: each A word used, with what that instance costs in B.
    pieces: Vec<Vec<Vec<PieceBits>>>,
}

/// Compare `languages` on `scene`. `progress` hears (objects done, objects) and returns
/// whether to go on.
pub fn compare_languages(
    scene: &Scene,
    languages: &[Language],
    options: &CompareOptions,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Comparison, CompareError> {
    let objects = scene.plans.len() + options.random_plans;
    let pairs = languages.len() * languages.len();
    if options.random_plans > super::random_plans::MAX_RANDOM_PLANS
        || objects.saturating_mul(pairs) > MAX_COMPARE_CELLS
    {
        return Err(CompareError::TooLarge { objects, pairs });
    }
    let world = &scene.world;
    let tech = &options.technologies;
    let n = languages.len();
    let effective: Vec<Language> = languages.iter().map(|l| l.for_levels(tech)).collect();
    let plans: Vec<Plan> = scene
        .plans
        .iter()
        .cloned()
        .chain((0..options.random_plans as u64).map(|j| random_plan(scene, options.seed, j)))
        .collect();
    let total = plans.len();
    let done = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let described: Vec<(Object, Vec<ObjectMeasure>, Vec<Option<f64>>)> = plans
        .par_iter()
        .enumerate()
        .map(|(i, plan)| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let outcome =
                Outcome::simulate(world, tech, &scene.goal, &plan.actions, Baseline::default());
            let per_language: Vec<Described> = effective
                .iter()
                .map(|l| describe(scene, l, plan, &outcome))
                .collect();
            let measures = COMPARED
                .iter()
                .map(|&m| object_measure(m, &effective, &per_language))
                .collect();
            let effect_bits = per_language
                .iter()
                .map(|d| d.effect.as_ref().map(Derivation::bits))
                .collect();
            let object = Object {
                name: plan.name.clone(),
                random: i >= scene.plans.len(),
                reaches_goal: outcome.reaches_goal,
            };
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            if !progress(finished, total) {
                stop.store(true, Ordering::Relaxed);
            }
            Some((object, measures, effect_bits))
        })
        .collect::<Option<_>>()
        .ok_or(CompareError::Cancelled)?;
    if stop.load(Ordering::Relaxed) {
        return Err(CompareError::Cancelled);
    }
    let mut objects = Vec::with_capacity(described.len());
    let mut per_object = Vec::with_capacity(described.len());
    let mut effect_bits = Vec::with_capacity(described.len());
    for (object, measures, bits) in described {
        objects.push(object);
        per_object.push(measures);
        effect_bits.push(bits);
    }
    let scene_plans = scene.plans.len();
    let verdicts: Vec<Vec<bool>> = (0..n)
        .map(|l| {
            (0..scene_plans)
                .map(|x| within_budget(objects[x].reaches_goal, effect_bits[x][l], options.budget))
                .collect()
        })
        .collect();
    let names: Vec<String> = languages.iter().map(|l| l.name.clone()).collect();
    let flips = (0..n)
        .map(|a| {
            (0..n)
                .map(|b| {
                    (0..scene_plans)
                        .filter(|&x| verdicts[a][x] != verdicts[b][x])
                        .map(|x| {
                            let (yes, no) = if verdicts[a][x] { (a, b) } else { (b, a) };
                            Flip {
                                plan: objects[x].name.clone(),
                                accepted_in: names[yes].clone(),
                                rejected_in: names[no].clone(),
                            }
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let measures = COMPARED
        .iter()
        .enumerate()
        .map(|(k, &m)| compare_measure(m, n, &per_object, k, scene_plans))
        .collect();
    Ok(Comparison {
        languages: names,
        objects,
        measures,
        verdicts,
        flips,
        scene_plans,
    })
}

fn describe(scene: &Scene, language: &Language, plan: &Plan, outcome: &Outcome) -> Described {
    let world = &scene.world;
    let candidates = EffectCandidates::find(world, &language.states.words, &outcome.effect);
    let state_costs = StateCosts::of(language);
    let effect = candidates
        .derivation(&state_costs, &language.states.words, None)
        .ok();
    let action_costs = ActionCosts::of(language);
    let matches = PlanMatches::find(
        world,
        &language.name,
        &language.actions.words,
        action_costs.repeat.is_some(),
        &plan.actions,
        &outcome.trajectory,
    )
    .ok();
    let plan_dl = matches.as_ref().and_then(|m| {
        m.derivation(
            &action_costs,
            &language.actions.words,
            0,
            plan.actions.len(),
        )
    });
    Described {
        effect,
        plan: plan_dl,
        matches,
        candidates,
    }
}

/// One object's lengths, translations and pieces for `measure` in every language.
fn object_measure(
    measure: Measure,
    languages: &[Language],
    described: &[Described],
) -> ObjectMeasure {
    let n = languages.len();
    let derivation = |l: usize| match measure {
        Measure::PlanDl => described[l].plan.as_ref(),
        _ => described[l].effect.as_ref(),
    };
    let translate = |a: usize, b: usize| {
        let source = derivation(a)?;
        let target = &described[b];
        let lang = &languages[b];
        Some(match measure {
            Measure::PlanDl => translate_plan(
                source,
                target.matches.as_ref()?,
                &ActionCosts::of(lang),
                &lang.actions.words,
            ),
            _ => translate_effect(
                source,
                &target.candidates,
                &StateCosts::of(lang),
                &lang.states.words,
            ),
        })
    };
    let mut translated = vec![vec![None; n]; n];
    let mut pieces = vec![vec![Vec::new(); n]; n];
    for a in 0..n {
        for b in 0..n {
            let Some(t) = translate(a, b) else { continue };
            translated[a][b] = t.bits();
            pieces[a][b] = t
                .pieces
                .iter()
                .map(|p| (p.source.word.clone(), p.bits()))
                .collect();
        }
    }
    ObjectMeasure {
        lengths: (0..n)
            .map(|l| derivation(l).map(Derivation::bits))
            .collect(),
        translated,
        pieces,
    }
}

fn compare_measure(
    measure: Measure,
    n: usize,
    per_object: &[Vec<ObjectMeasure>],
    k: usize,
    scene_plans: usize,
) -> MeasureComparison {
    let of = |x: usize| &per_object[x][k];
    let lengths: Vec<Vec<Option<f64>>> = (0..n)
        .map(|l| (0..per_object.len()).map(|x| of(x).lengths[l]).collect())
        .collect();
    let mut translated = vec![vec![Vec::new(); n]; n];
    let mut phrasebooks = vec![vec![]; n];
    for (a, row) in translated.iter_mut().enumerate() {
        for (b, cell) in row.iter_mut().enumerate() {
            let mut words: BTreeMap<String, Option<f64>> = BTreeMap::new();
            let (mut done, mut failed) = (0, 0);
            for x in 0..per_object.len() {
                let o = of(x);
                if o.lengths[a].is_none() {
                    continue;
                }
                if o.translated[a][b].is_some() {
                    done += 1;
                } else {
                    failed += 1;
                }
                for (word, bits) in &o.pieces[a][b] {
                    let entry = words.entry(word.clone()).or_insert(Some(0.0));
                    *entry = match (*entry, *bits) {
                        (Some(old), Some(new)) => Some(old.max(new)),
                        _ => None,
                    };
                }
            }
            let total = words.values().try_fold(0.0, |s, w| Some(s + (*w)?));
            *cell = (0..per_object.len())
                .map(|x| of(x).translated[a][b])
                .collect();
            phrasebooks[a].push(Phrasebook {
                words,
                total,
                translated: done,
                untranslated: failed,
            });
        }
    }
    let invariance: Vec<Vec<Invariance>> = (0..n)
        .map(|a| {
            (0..n)
                .map(|b| invariance(&lengths[a], &lengths[b]))
                .collect()
        })
        .collect();
    let centre = centre(&invariance);
    let centre_growth = (1..=n)
        .map(|k| {
            let sub: Vec<Vec<Invariance>> = invariance[..k]
                .iter()
                .map(|row| row[..k].to_vec())
                .collect();
            self::centre(&sub)
        })
        .collect();
    let tau = (0..n)
        .map(|a| {
            (0..n)
                .map(|b| kendall_tau(&lengths[a][..scene_plans], &lengths[b][..scene_plans]))
                .collect()
        })
        .collect();
    MeasureComparison {
        measure,
        lengths,
        translated,
        invariance,
        phrasebooks,
        centre,
        centre_growth,
        tau,
    }
}

/// c_AB from the lengths in A and in B.
fn invariance(a: &[Option<f64>], b: &[Option<f64>]) -> Invariance {
    let mut best: Option<(f64, usize)> = None;
    for (x, (ka, kb)) in a.iter().zip(b).enumerate() {
        match (ka, kb) {
            (Some(_), None) => {
                return Invariance {
                    bits: None,
                    object: Some(x),
                };
            }
            (Some(ka), Some(kb)) => {
                let d = kb - ka;
                if best.is_none_or(|(bd, _)| d > bd + 1e-12) {
                    best = Some((d, x));
                }
            }
            _ => {}
        }
    }
    Invariance {
        bits: best.map(|(d, _)| d),
        object: best.map(|(_, x)| x),
    }
}

/// The stationary distribution of the chain A → B with weight 2^−c_AB (unbounded: 0),
/// by power iteration from the uniform distribution.
pub fn centre(invariance: &[Vec<Invariance>]) -> Vec<f64> {
    let n = invariance.len();
    if n == 0 {
        return Vec::new();
    }
    let rows: Vec<Vec<f64>> = invariance
        .iter()
        .enumerate()
        .map(|(a, row)| {
            let w: Vec<f64> = row
                .iter()
                .enumerate()
                .map(|(b, c)| {
                    if a == b {
                        1.0
                    } else {
                        c.bits.map_or(0.0, |bits| (-bits.clamp(-60.0, 60.0)).exp2())
                    }
                })
                .collect();
            let sum: f64 = w.iter().sum();
            w.into_iter().map(|x| x / sum).collect()
        })
        .collect();
    let mut pi = vec![1.0 / n as f64; n];
    for _ in 0..100_000 {
        let mut next = vec![0.0; n];
        for (a, row) in rows.iter().enumerate() {
            for (b, p) in row.iter().enumerate() {
                next[b] += pi[a] * p;
            }
        }
        let change: f64 = next.iter().zip(&pi).map(|(x, y)| (x - y).abs()).sum();
        pi = next;
        if change < 1e-15 {
            break;
        }
    }
    pi
}

/// Kendall's τ-b between two rankings (an undescribable object ranks last, tied with
/// the others that are); `None` when either ranking is all ties.
pub fn kendall_tau(a: &[Option<f64>], b: &[Option<f64>]) -> Option<f64> {
    let key = |v: Option<f64>| v.unwrap_or(f64::INFINITY);
    let sign = |x: f64, y: f64| {
        if (x - y).abs() <= 1e-9 || (x.is_infinite() && y.is_infinite()) {
            0i64
        } else if x < y {
            -1
        } else {
            1
        }
    };
    let (mut concordant, mut discordant, mut ties_a, mut ties_b, mut pairs) = (0i64, 0, 0, 0, 0);
    for i in 0..a.len() {
        for j in i + 1..a.len() {
            pairs += 1;
            let sa = sign(key(a[i]), key(a[j]));
            let sb = sign(key(b[i]), key(b[j]));
            if sa == 0 {
                ties_a += 1;
            }
            if sb == 0 {
                ties_b += 1;
            }
            match sa * sb {
                1 => concordant += 1,
                -1 => discordant += 1,
                _ => {}
            }
        }
    }
    let denominator = (((pairs - ties_a) * (pairs - ties_b)) as f64).sqrt();
    (denominator > 0.0).then(|| (concordant - discordant) as f64 / denominator)
}
