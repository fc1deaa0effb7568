//! The random sweep: how robust each plan's verdict is as the language drifts from a base.
//!
//! For each radius, `languages` random languages are drawn around the base
//! ([`crate::language::Universe`]) and every plan of the scene is described in each: its
//! effect description length, its plan description length, and the criterion's verdict.
//! A sweep keeps only counts (histograms in whole-bit bins, acceptances) and extremes, so
//! shards of a sweep merge into exactly the unsharded result, whatever order they ran in.

use super::score::within_budget;
use crate::language::{DrawnLanguage, Language, MAX_RADIUS, Universe};
use crate::measures::{ActionCosts, EffectCandidates, PlanMatches, StateCosts};
use crate::scene::Scene;
use crate::world::{Baseline, Outcome, TechLevels};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use thiserror::Error;

/// The most random languages one sweep may draw per radius.
pub const MAX_SWEEP_LANGUAGES: u64 = 10_000_000;
/// The most radii one sweep may have.
pub const MAX_RADII: usize = 64;
/// The share of languages that must keep the base's verdict for it to count as holding.
pub const HOLDS: f64 = 0.9;
/// Languages one worker draws and describes between progress reports.
const CHUNK: u64 = 64;
/// How much more matching work the sweep's word list may take than one language's:
/// it holds the base's words and the pool of macros together.
const MATCH_WORK_FACTOR: u64 = 16;

/// Which part of a sweep to run: languages `i` with `i % count == index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// This shard, from 0.
    pub index: u64,
    /// How many shards there are.
    pub count: u64,
}

impl Shard {
    /// The whole sweep.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };
}

/// What to sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepOptions {
    /// Random languages per radius.
    pub languages: u64,
    /// Their seed.
    pub seed: u64,
    /// The radii, in bits.
    pub radii: Vec<f64>,
    /// The part to run.
    pub shard: Shard,
    /// Technology levels.
    pub technologies: TechLevels,
    /// The effect budget.
    pub budget: f64,
}

/// Why a sweep cannot run.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SweepError {
    /// Options out of range.
    #[error("{0}")]
    Options(String),
    /// A plan's words match in too many ways.
    #[error("{0}")]
    Plan(String),
    /// The callback asked to stop.
    #[error("the sweep was cancelled")]
    Cancelled,
}

/// Counts of a description length over languages, in whole-bit bins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Languages in which it could not be described.
    pub undescribable: u64,
    /// Languages per bin: bin `b` counts lengths in [b, b + 1) bits.
    pub bins: BTreeMap<i64, u64>,
    /// The shortest length seen.
    pub min: Option<f64>,
    /// The longest.
    pub max: Option<f64>,
}

impl Histogram {
    fn add(&mut self, bits: Option<f64>) {
        let Some(bits) = bits else {
            self.undescribable += 1;
            return;
        };
        *self.bins.entry(bits.floor() as i64).or_default() += 1;
        self.min = Some(self.min.map_or(bits, |m| m.min(bits)));
        self.max = Some(self.max.map_or(bits, |m| m.max(bits)));
    }

    fn merge(&mut self, other: &Histogram) {
        self.undescribable += other.undescribable;
        for (bin, n) in &other.bins {
            *self.bins.entry(*bin).or_default() += n;
        }
        self.min = [self.min, other.min].into_iter().flatten().reduce(f64::min);
        self.max = [self.max, other.max].into_iter().flatten().reduce(f64::max);
    }

    /// How many lengths it counts, undescribable ones included (saturating: a file may
    /// hold any numbers).
    pub fn count(&self) -> u64 {
        self.bins
            .values()
            .fold(self.undescribable, |sum, n| sum.saturating_add(*n))
    }
}

/// One plan at one radius.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanSweep {
    /// The plan.
    pub plan: String,
    /// Whether the base language accepts it.
    pub base_accepted: bool,
    /// Languages that accept it.
    pub accepted: u64,
    /// Its effect description length.
    pub effect_dl: Histogram,
    /// Its plan description length.
    pub plan_dl: Histogram,
}

impl PlanSweep {
    /// The share of languages whose verdict is the base's.
    pub fn agreement(&self, languages: u64) -> f64 {
        let agree = if self.base_accepted {
            self.accepted
        } else {
            languages - self.accepted.min(languages)
        };
        agree as f64 / languages.max(1) as f64
    }
}

/// One radius of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RadiusSweep {
    /// The radius in bits.
    pub radius: f64,
    /// Languages drawn (in this shard).
    pub languages: u64,
    /// Per plan, in scene order.
    pub plans: Vec<PlanSweep>,
}

/// A sweep's result, or one shard's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sweep {
    /// The scene's name.
    pub scene: String,
    /// The base language.
    pub around: String,
    /// The seed.
    pub seed: u64,
    /// Random languages per radius, over all shards.
    pub random: u64,
    /// The effect budget.
    pub budget: f64,
    /// The shards this result holds, by index (all of them once merged).
    pub shards: Vec<u64>,
    /// How many shards the sweep was cut into.
    pub shard_count: u64,
    /// Per radius, in the order given.
    pub radii: Vec<RadiusSweep>,
}

impl Sweep {
    /// Per plan (scene order), the smallest radius at which fewer than [`HOLDS`] of the
    /// languages keep the base's verdict, or `None` if it holds at every radius swept.
    pub fn breaking_radii(&self) -> Vec<Option<f64>> {
        let plans = self.radii.first().map_or(0, |r| r.plans.len());
        (0..plans)
            .map(|p| {
                self.radii
                    .iter()
                    .filter(|r| r.plans[p].agreement(r.languages) < HOLDS)
                    .map(|r| r.radius)
                    .reduce(f64::min)
            })
            .collect()
    }

    /// Check a sweep read from a file: its counts fit together, so nothing downstream
    /// indexes out of range or adds past the limits. The most languages in all is
    /// [`MAX_SWEEP_LANGUAGES`] per radius, which keeps every sum far from overflowing.
    pub fn validate(&self) -> Result<(), String> {
        let bad = |m: String| Err(format!("not a consistent sweep: {m}"));
        if self.random == 0 || self.random > MAX_SWEEP_LANGUAGES {
            return bad(format!("random = {}", self.random));
        }
        if self.shard_count == 0 || self.shard_count > self.random {
            return bad(format!("shard_count = {}", self.shard_count));
        }
        if self.shards.is_empty() || self.shards.iter().any(|s| *s >= self.shard_count) {
            return bad("a shard index is out of range".into());
        }
        if self.radii.is_empty() || self.radii.len() > MAX_RADII {
            return bad(format!("{} radii", self.radii.len()));
        }
        let plans: Vec<&str> = self.radii[0]
            .plans
            .iter()
            .map(|p| p.plan.as_str())
            .collect();
        for r in &self.radii {
            if !(r.radius.is_finite() && (0.0..=MAX_RADIUS).contains(&r.radius)) {
                return bad(format!("radius {}", r.radius));
            }
            if r.languages > self.random {
                return bad(format!(
                    "{} languages at radius {} of {}",
                    r.languages, r.radius, self.random
                ));
            }
            if r.plans
                .iter()
                .map(|p| p.plan.as_str())
                .ne(plans.iter().copied())
            {
                return bad("the radii list different plans".into());
            }
            for p in &r.plans {
                if p.accepted > r.languages
                    || p.effect_dl.count() != r.languages
                    || p.plan_dl.count() != r.languages
                {
                    return bad(format!(
                        "the counts of `{}` at radius {} do not add up",
                        p.plan, r.radius
                    ));
                }
            }
        }
        Ok(())
    }

    /// Whether every shard is present.
    pub fn is_complete(&self) -> bool {
        self.shards.len() as u64 == self.shard_count
    }

    /// Combine shards of one sweep. They must be of the same sweep (scene, base, seed,
    /// size, budget, radii, plans) and disjoint; the merge of all shards equals the
    /// unsharded sweep exactly.
    pub fn merge(parts: &[Sweep]) -> Result<Sweep, String> {
        let Some(first) = parts.first() else {
            return Err("nothing to merge".into());
        };
        for part in parts {
            part.validate()?;
        }
        let mut out = first.clone();
        for part in &parts[1..] {
            let same = part.scene == out.scene
                && part.around == out.around
                && part.seed == out.seed
                && part.random == out.random
                && part.budget == out.budget
                && part.shard_count == out.shard_count
                && part.radii.len() == out.radii.len()
                && part.radii.iter().zip(&out.radii).all(|(a, b)| {
                    a.radius == b.radius
                        && a.plans.len() == b.plans.len()
                        && a.plans.iter().zip(&b.plans).all(|(x, y)| x.plan == y.plan)
                });
            if !same {
                return Err(
                    "these are not shards of one sweep: the scene, base language, seed, number of languages, budget, radii or plans differ"
                        .into(),
                );
            }
            if let Some(s) = part.shards.iter().find(|s| out.shards.contains(s)) {
                return Err(format!("shard {s} is given twice"));
            }
            out.shards.extend(&part.shards);
            for (mine, theirs) in out.radii.iter_mut().zip(&part.radii) {
                mine.languages += theirs.languages;
                for (a, b) in mine.plans.iter_mut().zip(&theirs.plans) {
                    a.accepted += b.accepted;
                    a.effect_dl.merge(&b.effect_dl);
                    a.plan_dl.merge(&b.plan_dl);
                }
            }
            out.validate()?;
        }
        out.shards.sort_unstable();
        // All the shards together are the whole sweep, and say so as it does.
        if out.is_complete() {
            out.shards = vec![0];
            out.shard_count = 1;
        }
        Ok(out)
    }
}

/// The scene's plans matched once against every word a drawn language can have.
pub struct SweepSpace<'a> {
    scene: &'a Scene,
    universe: Universe,
    commodified: Vec<String>,
    plans: Vec<(Outcome, PlanMatches, EffectCandidates)>,
    budget: f64,
}

/// One language's lengths for one plan: (effect, plan), in bits.
pub type Lengths = (Option<f64>, Option<f64>);

impl<'a> SweepSpace<'a> {
    /// Match `scene`'s plans against the words of languages around `base`.
    pub fn new(
        scene: &'a Scene,
        base: &Language,
        technologies: &TechLevels,
        budget: f64,
    ) -> Result<Self, SweepError> {
        let universe = Universe::new(base);
        let commodified: Vec<String> = technologies.commodified().map(str::to_owned).collect();
        let effective = base.for_levels(technologies);
        let world = &scene.world;
        let limit = crate::measures::MAX_MATCH_WORK.saturating_mul(MATCH_WORK_FACTOR);
        let plans = scene
            .plans
            .iter()
            .map(|plan| {
                let outcome = Outcome::simulate(
                    world,
                    technologies,
                    &scene.goal,
                    &plan.actions,
                    Baseline::default(),
                );
                let matches = PlanMatches::find_within(
                    world,
                    &effective.name,
                    universe.action_words(),
                    true,
                    &plan.actions,
                    &outcome.trajectory,
                    limit,
                )
                .map_err(|e| SweepError::Plan(format!("plan `{}`: {e}", plan.name)))?;
                let candidates =
                    EffectCandidates::find(world, universe.state_words(), &outcome.effect);
                Ok((outcome, matches, candidates))
            })
            .collect::<Result<_, SweepError>>()?;
        Ok(Self {
            scene,
            universe,
            commodified,
            plans,
            budget,
        })
    }

    /// The word slots languages are drawn over.
    pub fn universe(&self) -> &Universe {
        &self.universe
    }

    /// Every plan's lengths in `drawn`, in scene order.
    pub fn lengths(&self, drawn: &DrawnLanguage) -> Vec<Lengths> {
        let techs: Vec<&str> = self.commodified.iter().map(String::as_str).collect();
        let slots = self.universe.effective(drawn, &techs);
        let repeat = slots
            .actions
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                matches!(
                    self.universe.action_words()[*i].body,
                    crate::language::Body::Repeat
                )
            })
            .filter_map(|(i, c)| Some((i, (*c)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let actions = ActionCosts {
            word: slots.actions,
            repeat,
            end: drawn.end.0,
        };
        let states = StateCosts {
            word: slots.states,
            end: drawn.end.1,
        };
        self.plans
            .iter()
            .map(|(_, matches, candidates)| {
                (
                    candidates.shortest_bits(&states, None),
                    matches.shortest_bits(&actions),
                )
            })
            .collect()
    }

    /// Whether the criterion accepts plan `p` with effect length `effect`.
    pub fn accepts(&self, p: usize, effect: Option<f64>) -> bool {
        within_budget(self.plans[p].0.reaches_goal, effect, self.budget)
    }

    /// Run the sweep. `progress` hears (languages done, languages in this shard, over all
    /// radii) and returns whether to go on.
    pub fn run(
        &self,
        options: &SweepOptions,
        progress: &(dyn Fn(u64, u64) -> bool + Sync),
    ) -> Result<Sweep, SweepError> {
        check(options)?;
        let shard = options.shard;
        // This shard's languages are shard.index + k · shard.count for k < mine.
        let mine = (options.languages - shard.index).div_ceil(shard.count);
        let chunks = mine.div_ceil(CHUNK);
        let total = mine * options.radii.len() as u64;
        let done = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let base = self.lengths(&self.universe.base_drawn());
        let empty: Vec<PlanSweep> = self
            .scene
            .plans
            .iter()
            .zip(&base)
            .enumerate()
            .map(|(p, (plan, (effect, _)))| PlanSweep {
                plan: plan.name.clone(),
                base_accepted: self.accepts(p, *effect),
                ..PlanSweep::default()
            })
            .collect();
        let mut radii = Vec::new();
        for &radius in &options.radii {
            let plans = (0..chunks)
                .into_par_iter()
                .map(|c| {
                    let mut acc = empty.clone();
                    if stop.load(Ordering::Relaxed) {
                        return acc;
                    }
                    let ks = c * CHUNK..((c + 1) * CHUNK).min(mine);
                    let size = (ks.end - ks.start) as usize;
                    for k in ks {
                        let i = shard.index + k * shard.count;
                        let drawn = self.universe.draw(options.seed, i, radius);
                        for (p, (effect, plan)) in self.lengths(&drawn).into_iter().enumerate() {
                            let a = &mut acc[p];
                            a.accepted += u64::from(self.accepts(p, effect));
                            a.effect_dl.add(effect);
                            a.plan_dl.add(plan);
                        }
                    }
                    let finished = done.fetch_add(size, Ordering::Relaxed) + size;
                    if !progress(finished as u64, total) {
                        stop.store(true, Ordering::Relaxed);
                    }
                    acc
                })
                .reduce(
                    || empty.clone(),
                    |mut a, b| {
                        for (x, y) in a.iter_mut().zip(&b) {
                            x.accepted += y.accepted;
                            x.effect_dl.merge(&y.effect_dl);
                            x.plan_dl.merge(&y.plan_dl);
                        }
                        a
                    },
                );
            if stop.load(Ordering::Relaxed) {
                return Err(SweepError::Cancelled);
            }
            radii.push(RadiusSweep {
                radius,
                languages: mine,
                plans,
            });
        }
        Ok(Sweep {
            scene: self.scene.name.clone(),
            around: self.universe.base().name.clone(),
            seed: options.seed,
            random: options.languages,
            budget: self.budget,
            shards: vec![shard.index],
            shard_count: shard.count,
            radii,
        })
    }
}

/// Check a sweep's options before any work.
pub fn check(options: &SweepOptions) -> Result<(), SweepError> {
    let bad = |m: String| Err(SweepError::Options(m));
    if options.languages == 0 || options.languages > MAX_SWEEP_LANGUAGES {
        return bad(format!(
            "the number of random languages must be 1 to {MAX_SWEEP_LANGUAGES}, not {}",
            options.languages
        ));
    }
    if options.radii.is_empty() || options.radii.len() > MAX_RADII {
        return bad(format!("give 1 to {MAX_RADII} radii"));
    }
    if let Some(r) = options
        .radii
        .iter()
        .find(|r| !(r.is_finite() && (0.0..=MAX_RADIUS).contains(*r)))
    {
        return bad(format!("a radius must be 0 to {MAX_RADIUS} bits, not {r}"));
    }
    let Shard { index, count } = options.shard;
    if count == 0 || index >= count || count > options.languages {
        return bad(format!(
            "shard {}/{count}: the shard must be K/N with 0 ≤ K < N ≤ the number of languages",
            index
        ));
    }
    Ok(())
}
