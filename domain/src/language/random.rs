//! Random languages drawn around a base: the program's way of asking how much a verdict
//! depends on the one language it was measured in.
//!
//! A drawn language is a choice of costs over a fixed list of word *slots* (its
//! [`Universe`]): the base's own words, the words its technologies add, a pool of
//! macros (two of the base's action words said in a row) and a pool of state words
//! (one for every kind of variable set). Because the slots are fixed, the plans and
//! effects of a scene are matched against them once, and each drawn language costs
//! only a shortest path and a set cover per plan. A drawn language is written out as
//! an ordinary language file ([`Universe::language`]) that scores exactly the same.
//!
//! Language `i` of seed `s` at radius `r` (bits) is a pure function of (base, s, i, r):
//! PCG64 (`pcg64`, the 128-bit LCG with the XSL-RR output) started at state `s` on stream
//! `i`, read only through `next_u64`, so a dependency update cannot change it. With
//! p = r / (r + 4):
//! - every cost (words, end words, the technologies' words and repricings) moves by a
//!   uniform amount in [−r, r], rounded to 0.01 bits, and stays at least min(1, base);
//! - every non-primitive word of the base is removed with probability p/2 (primitive
//!   words, those that say one primitive action or name one variable, are always kept,
//!   so whatever the base can describe stays describable);
//! - four times, with probability p, a macro from the pool is added; three times, with
//!   probability p, a state word from the pool; each at a uniform cost between the
//!   cheapest and dearest of the base's words of that vocabulary;
//! - if a vocabulary then breaks Kraft's inequality under some technology setting, all
//!   its costs rise by the same amount, the least (to 0.01 bits) that restores it.
//!
//! The same uniforms are used at every radius, so the languages at two radii differ
//! only by how far the same draws are scaled: the robustness curve is smooth in r.

use super::validate::{MAX_BODY_STEPS, MAX_PARAMS, MAX_WORDS};
use super::words::*;
use super::{Language, TechChanges};
use crate::world::Prop;
use rand::Rng as _;
use rand_pcg::Pcg64;
use std::collections::BTreeMap;

/// The largest radius, in bits, a language may be drawn at.
pub const MAX_RADIUS: f64 = 64.0;
/// The most macros in the pool (pairs of the base's words, in the base's order): every
/// one is matched against every plan of a sweep, so a base of hundreds of words must not
/// square into tens of thousands.
pub const MAX_POOL_MACROS: usize = 256;
/// Tries at adding a pool macro to a drawn language.
const MACRO_TRIES: usize = 4;
/// Tries at adding a pool state word.
const STATE_TRIES: usize = 3;

/// Where a slot's word comes from.
#[derive(Clone, Debug, PartialEq)]
enum Origin {
    /// The base's own vocabulary; `primitive` words are never removed.
    Base { primitive: bool },
    /// Added by commodifying this technology.
    Tech(String),
    /// The pool of words a drawn language may add.
    Pool,
}

/// A repricing a technology makes, by the slots of the words it names.
#[derive(Clone, Debug)]
struct Repricing {
    tech: String,
    name: String,
    cost: f64,
    actions: Vec<usize>,
    states: Vec<usize>,
}

/// Every word any language drawn around one base can have.
#[derive(Clone, Debug)]
pub struct Universe {
    base: Language,
    actions: Vec<ActionWord>,
    action_origin: Vec<Origin>,
    states: Vec<StateWord>,
    state_origin: Vec<Origin>,
    repricings: Vec<Repricing>,
    techs: Vec<String>,
    /// Words a vocabulary may gain before it could pass [`MAX_WORDS`] (actions, states).
    room: (usize, usize),
}

/// One drawn language: a cost (or absence) for every slot of its universe.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnLanguage {
    /// Its name, `base~seed.index@radius`.
    pub name: String,
    /// Raw costs of the action slots (before technologies); `None`: absent.
    pub actions: Vec<Option<f64>>,
    /// Raw costs of the state slots.
    pub states: Vec<Option<f64>>,
    /// The repricings' costs, by position in the universe's list.
    pub repricings: Vec<f64>,
    /// The end words' costs (actions, states).
    pub end: (f64, f64),
}

/// Costs of the word slots with some technologies commodified.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotCosts {
    /// Action slots.
    pub actions: Vec<Option<f64>>,
    /// State slots.
    pub states: Vec<Option<f64>>,
}

impl Universe {
    /// The slots for languages drawn around `base`.
    pub fn new(base: &Language) -> Self {
        let mut actions: Vec<ActionWord> = base.actions.words.clone();
        let mut action_origin: Vec<Origin> = actions
            .iter()
            .map(|w| Origin::Base {
                primitive: primitive_action(w),
            })
            .collect();
        let mut states: Vec<StateWord> = base.states.words.clone();
        let mut state_origin: Vec<Origin> = states
            .iter()
            .map(|w| Origin::Base {
                primitive: matches!(
                    w.names,
                    Names::Property(_) | Names::AnyProperty | Names::Cell(_)
                ),
            })
            .collect();
        let tech_words = base.commodified.values().flat_map(|c| {
            c.action_words
                .iter()
                .map(|w| w.name.clone())
                .chain(c.state_words.iter().map(|w| w.name.clone()))
        });
        let mut taken: std::collections::HashSet<String> = actions
            .iter()
            .map(|w| w.name.clone())
            .chain(states.iter().map(|w| w.name.clone()))
            .chain(tech_words)
            .collect();
        let mut fresh = |name: String| {
            let mut candidate = name.clone();
            let mut k = 2;
            while taken.contains(&candidate) {
                candidate = format!("{name}_{k}");
                k += 1;
            }
            taken.insert(candidate.clone());
            candidate
        };
        let macros: Vec<&ActionWord> = base
            .actions
            .words
            .iter()
            .filter(|w| matches!(w.body, Body::Steps(_)))
            .collect();
        let steps = |w: &ActionWord| match &w.body {
            Body::Steps(s) => s.len(),
            Body::Repeat => 0,
        };
        let pairs = macros
            .iter()
            .flat_map(|a| macros.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| {
                a.name != b.name
                    && a.params.len() + b.params.len() <= MAX_PARAMS
                    && steps(a) + steps(b) <= MAX_BODY_STEPS
            })
            .take(MAX_POOL_MACROS);
        for (a, b) in pairs {
            let name = fresh(format!("{}_then_{}", a.name, b.name));
            actions.push(concatenate(name, a, b));
            action_origin.push(Origin::Pool);
        }
        for (label, names) in state_pool() {
            let name = fresh(format!("drawn_{label}"));
            states.push(StateWord {
                name,
                cost: 1.0,
                names,
            });
            state_origin.push(Origin::Pool);
        }
        // Technologies' words come last, as `with_commodified` appends them: the slots
        // keep the written language's word order, so ties break the same way.
        for (tech, changes) in &base.commodified {
            for w in &changes.action_words {
                actions.push(w.clone());
                action_origin.push(Origin::Tech(tech.clone()));
            }
            for w in &changes.state_words {
                states.push(w.clone());
                state_origin.push(Origin::Tech(tech.clone()));
            }
        }
        let repricings = base
            .commodified
            .iter()
            .flat_map(|(tech, changes)| {
                changes.costs.iter().map(|(name, &cost)| Repricing {
                    tech: tech.clone(),
                    name: name.clone(),
                    cost,
                    actions: slots_named(actions.iter().map(|w| &w.name), name),
                    states: slots_named(states.iter().map(|w| &w.name), name),
                })
            })
            .collect();
        let count = |origin: &[Origin]| origin.iter().filter(|o| **o != Origin::Pool).count();
        let room = (
            MAX_WORDS.saturating_sub(count(&action_origin)),
            MAX_WORDS.saturating_sub(count(&state_origin)),
        );
        Self {
            base: base.clone(),
            room,
            techs: base.commodified.keys().cloned().collect(),
            actions,
            action_origin,
            states,
            state_origin,
            repricings,
        }
    }

    /// The base language.
    pub fn base(&self) -> &Language {
        &self.base
    }

    /// The action word of every slot.
    pub fn action_words(&self) -> &[ActionWord] {
        &self.actions
    }

    /// The state word of every slot.
    pub fn state_words(&self) -> &[StateWord] {
        &self.states
    }

    /// The base itself as a drawn language (radius 0).
    pub fn base_drawn(&self) -> DrawnLanguage {
        DrawnLanguage {
            name: self.base.name.clone(),
            actions: (0..self.actions.len())
                .map(|i| (self.action_origin[i] != Origin::Pool).then(|| self.actions[i].cost))
                .collect(),
            states: (0..self.states.len())
                .map(|i| (self.state_origin[i] != Origin::Pool).then(|| self.states[i].cost))
                .collect(),
            repricings: self.repricings.iter().map(|r| r.cost).collect(),
            end: (self.base.actions.end, self.base.states.end),
        }
    }

    /// Language `index` of `seed` at `radius` bits (see the module's documentation).
    pub fn draw(&self, seed: u64, index: u64, radius: f64) -> DrawnLanguage {
        let radius = if radius.is_finite() {
            radius.clamp(0.0, MAX_RADIUS)
        } else {
            0.0
        };
        let mut rng = Pcg64::new(u128::from(seed), u128::from(index));
        let mut uniform = move || (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let p = radius / (radius + 4.0);
        let nudge = |cost: f64, u: f64| {
            let delta = ((2.0 * u - 1.0) * radius * 100.0).round() / 100.0;
            (cost + delta).max(cost.min(1.0))
        };
        let mut drawn = self.base_drawn();
        drawn.name = format!("{}~{seed}.{index}@{radius}", self.base.name);
        drawn.end.0 = nudge(drawn.end.0, uniform());
        drawn.end.1 = nudge(drawn.end.1, uniform());
        for (cost, origin) in drawn.actions.iter_mut().zip(&self.action_origin) {
            let (u, removal) = (uniform(), uniform());
            if let Some(c) = cost {
                *c = nudge(*c, u);
                if *origin == (Origin::Base { primitive: false }) && removal < p / 2.0 {
                    *cost = None;
                }
            }
        }
        for (cost, origin) in drawn.states.iter_mut().zip(&self.state_origin) {
            let (u, removal) = (uniform(), uniform());
            if let Some(c) = cost {
                *c = nudge(*c, u);
                if *origin == (Origin::Base { primitive: false }) && removal < p / 2.0 {
                    *cost = None;
                }
            }
        }
        for cost in &mut drawn.repricings {
            *cost = nudge(*cost, uniform());
        }
        let action_pool = pool_slots(&self.action_origin);
        let action_range = cost_range(self.base.actions.words.iter().map(|w| w.cost));
        for _ in 0..MACRO_TRIES {
            let (add, pick, cost) = (uniform(), uniform(), uniform());
            if add < p && !action_pool.is_empty() && self.room.0 >= MACRO_TRIES {
                let slot = action_pool
                    [((pick * action_pool.len() as f64) as usize).min(action_pool.len() - 1)];
                drawn.actions[slot] = Some(between(action_range, cost));
            }
        }
        let state_pool = pool_slots(&self.state_origin);
        let state_range = cost_range(self.base.states.words.iter().map(|w| w.cost));
        for _ in 0..STATE_TRIES {
            let (add, pick, cost) = (uniform(), uniform(), uniform());
            if add < p && !state_pool.is_empty() && self.room.1 >= STATE_TRIES {
                let slot = state_pool
                    [((pick * state_pool.len() as f64) as usize).min(state_pool.len() - 1)];
                drawn.states[slot] = Some(between(state_range, cost));
            }
        }
        self.restore_kraft(&mut drawn);
        drawn
    }

    /// Raise each vocabulary's costs just enough that Kraft's inequality holds under
    /// every technology setting.
    fn restore_kraft(&self, drawn: &mut DrawnLanguage) {
        for _ in 0..8 {
            let (actions, states) = self.kraft_sums(drawn);
            // 2^-shift · sum ≤ 1; the 10^-12 keeps a sum that rounding left a hair
            // over 1 from costing a shift (the loader allows 10^-9).
            let shift = |sum: f64| {
                if sum <= 1.0 + 1e-12 {
                    0.0
                } else {
                    ((sum.log2() * 100.0).ceil() / 100.0).max(0.01)
                }
            };
            let (da, ds) = (shift(actions), shift(states));
            if da == 0.0 && ds == 0.0 {
                return;
            }
            drawn.end.0 += da;
            drawn.end.1 += ds;
            drawn.actions.iter_mut().flatten().for_each(|c| *c += da);
            drawn.states.iter_mut().flatten().for_each(|c| *c += ds);
            for (cost, r) in drawn.repricings.iter_mut().zip(&self.repricings) {
                let a = if r.actions.is_empty() { 0.0 } else { da };
                let s = if r.states.is_empty() { 0.0 } else { ds };
                *cost += a.max(s);
            }
        }
    }

    /// The largest Kraft sum of each vocabulary (actions, states) over every setting of
    /// the base's technologies.
    pub fn kraft_sums(&self, drawn: &DrawnLanguage) -> (f64, f64) {
        let n = self.techs.len().min(super::MAX_COMMODIFIABLE);
        let mut worst = (0.0f64, 0.0f64);
        for mask in 0u32..(1 << n) {
            let techs: Vec<&str> = (0..n)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| self.techs[i].as_str())
                .collect();
            let costs = self.effective(drawn, &techs);
            let sum = |costs: &[Option<f64>], end: f64| {
                costs.iter().flatten().map(|c| (-c).exp2()).sum::<f64>() + (-end).exp2()
            };
            worst.0 = worst.0.max(sum(&costs.actions, drawn.end.0));
            worst.1 = worst.1.max(sum(&costs.states, drawn.end.1));
        }
        worst
    }

    /// The slot costs with `commodified` technologies applied, as
    /// [`Language::with_commodified`] applies them to the written language: their
    /// words appear, then their repricings apply, in technology-name order.
    pub fn effective(&self, drawn: &DrawnLanguage, commodified: &[&str]) -> SlotCosts {
        let on = |origin: &Origin| match origin {
            Origin::Tech(t) => commodified.contains(&t.as_str()),
            _ => true,
        };
        let mut actions: Vec<Option<f64>> = drawn
            .actions
            .iter()
            .zip(&self.action_origin)
            .map(|(c, o)| c.filter(|_| on(o)))
            .collect();
        let mut states: Vec<Option<f64>> = drawn
            .states
            .iter()
            .zip(&self.state_origin)
            .map(|(c, o)| c.filter(|_| on(o)))
            .collect();
        // Technologies in name order (the universe's repricings are grouped by
        // technology in that order); a repricing sees only the words present by then.
        for tech in &self.techs {
            if !commodified.contains(&tech.as_str()) {
                continue;
            }
            let present = |origin: &Origin| match origin {
                Origin::Tech(t) => t <= tech && commodified.contains(&t.as_str()),
                _ => true,
            };
            for (r, &cost) in self.repricings.iter().zip(&drawn.repricings) {
                if &r.tech != tech {
                    continue;
                }
                for &s in &r.actions {
                    if actions[s].is_some() && present(&self.action_origin[s]) {
                        actions[s] = Some(cost);
                    }
                }
                for &s in &r.states {
                    if states[s].is_some() && present(&self.state_origin[s]) {
                        states[s] = Some(cost);
                    }
                }
            }
        }
        SlotCosts { actions, states }
    }

    /// The drawn language as an ordinary language: it loads, validates and scores
    /// exactly as the drawn costs do.
    pub fn language(&self, drawn: &DrawnLanguage) -> Language {
        let mut language = Language {
            name: drawn.name.clone(),
            description: if drawn.name == self.base.name {
                self.base.description.clone()
            } else {
                format!(
                    "Drawn at random around `{}` (Ladders' random languages).",
                    self.base.name
                )
            },
            actions: Vocabulary {
                end: drawn.end.0,
                words: Vec::new(),
            },
            states: Vocabulary {
                end: drawn.end.1,
                words: Vec::new(),
            },
            commodified: BTreeMap::new(),
            // Drawn languages carry the commodified changes only (see `Universe::new`).
            developed: BTreeMap::new(),
        };
        let mut names: std::collections::HashSet<&str> = Default::default();
        for (i, cost) in drawn.actions.iter().enumerate() {
            let Some(cost) = *cost else { continue };
            let word = ActionWord {
                cost,
                ..self.actions[i].clone()
            };
            names.insert(&self.actions[i].name);
            match &self.action_origin[i] {
                Origin::Tech(t) => tech_entry(&mut language, t).action_words.push(word),
                _ => language.actions.words.push(word),
            }
        }
        for (i, cost) in drawn.states.iter().enumerate() {
            let Some(cost) = *cost else { continue };
            let word = StateWord {
                cost,
                ..self.states[i].clone()
            };
            names.insert(&self.states[i].name);
            match &self.state_origin[i] {
                Origin::Tech(t) => tech_entry(&mut language, t).state_words.push(word),
                _ => language.states.words.push(word),
            }
        }
        for (r, &cost) in self.repricings.iter().zip(&drawn.repricings) {
            let entry = tech_entry(&mut language, &r.tech);
            if names.contains(r.name.as_str()) {
                entry.costs.insert(r.name.clone(), cost);
            }
        }
        // Technologies the base has changes for stay known, even with none left.
        for tech in &self.techs {
            tech_entry(&mut language, tech);
        }
        language
    }
}

fn tech_entry<'a>(language: &'a mut Language, tech: &str) -> &'a mut TechChanges {
    language.commodified.entry(tech.to_owned()).or_default()
}

fn slots_named<'a>(names: impl Iterator<Item = &'a String>, name: &str) -> Vec<usize> {
    names
        .enumerate()
        .filter(|(_, n)| n.as_str() == name)
        .map(|(i, _)| i)
        .collect()
}

fn pool_slots(origin: &[Origin]) -> Vec<usize> {
    (0..origin.len())
        .filter(|&i| origin[i] == Origin::Pool)
        .collect()
}

fn cost_range(costs: impl Iterator<Item = f64>) -> (f64, f64) {
    costs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
        (lo.min(c), hi.max(c))
    })
}

/// A cost between `lo` and `hi` at `u` ∈ [0, 1), rounded to 0.01 bits, at least 1 bit.
fn between((lo, hi): (f64, f64), u: f64) -> f64 {
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (4.0, 8.0) };
    ((lo + u * (hi - lo)) * 100.0).round().max(100.0) / 100.0
}

/// Whether an action word says exactly one primitive action.
fn primitive_action(word: &ActionWord) -> bool {
    match &word.body {
        Body::Steps(steps) => {
            steps.len() == 1 && !matches!(steps[0], Step::WalkTo(_) | Step::GoTo(_))
        }
        Body::Repeat => false,
    }
}

/// The variable sets a drawn language may add a word for.
fn state_pool() -> Vec<(String, Names)> {
    use crate::language::Layer::{Droplets, Light};
    let props = [
        Prop::Paint,
        Prop::On,
        Prop::Aim,
        Prop::Color,
        Prop::Percept,
        Prop::Position,
        Prop::Done,
    ];
    let mut pool: Vec<(String, Names)> = props
        .iter()
        .map(|p| (format!("{}_of", p.name()), Names::Property(*p)))
        .collect();
    pool.extend([
        ("property".to_owned(), Names::AnyProperty),
        ("device".to_owned(), Names::Device),
        ("light".to_owned(), Names::Cell(Light)),
        ("droplet".to_owned(), Names::Cell(Droplets)),
        ("light_rect".to_owned(), Names::Rect(Light)),
        ("droplet_rect".to_owned(), Names::Rect(Droplets)),
        ("light_around".to_owned(), Names::Around(Light, 1)),
        ("droplets_around".to_owned(), Names::Around(Droplets, 1)),
        ("light_around_2".to_owned(), Names::Around(Light, 2)),
        ("droplets_around_2".to_owned(), Names::Around(Droplets, 2)),
        ("refraction".to_owned(), Names::Refraction),
    ]);
    pool
}

/// The macro that says `a` and then `b`, their parameters renamed apart.
fn concatenate(name: String, a: &ActionWord, b: &ActionWord) -> ActionWord {
    let steps = |w: &ActionWord, suffix: &str| -> Vec<Step> {
        match &w.body {
            Body::Steps(steps) => steps.iter().map(|s| rename_step(s, suffix)).collect(),
            Body::Repeat => Vec::new(),
        }
    };
    let params = |w: &ActionWord, suffix: &str| -> Vec<(String, ParamType)> {
        w.params
            .iter()
            .map(|(n, t)| (format!("{n}{suffix}"), *t))
            .collect()
    };
    let mut body = steps(a, "_1");
    body.extend(steps(b, "_2"));
    let mut all = params(a, "_1");
    all.extend(params(b, "_2"));
    ActionWord {
        name,
        cost: 1.0,
        params: all,
        body: Body::Steps(body),
    }
}

fn rename_step(step: &Step, suffix: &str) -> Step {
    let dir = |d: &DirRef| match d {
        DirRef::Dir(d) => DirRef::Dir(*d),
        DirRef::Param(p) => DirRef::Param(format!("{p}{suffix}")),
        DirRef::Toward(e) => DirRef::Toward(rename_entity(e, suffix)),
    };
    let cell = |c: &CellRef| match c {
        CellRef::Param(p) => CellRef::Param(format!("{p}{suffix}")),
        CellRef::At(e) => CellRef::At(rename_entity(e, suffix)),
        CellRef::Cell(p) => CellRef::Cell(*p),
    };
    match step {
        Step::Noop => Step::Noop,
        Step::Move(d) => Step::Move(dir(d)),
        Step::Take(d) => Step::Take(dir(d)),
        Step::Apply(d) => Step::Apply(dir(d)),
        Step::Toggle(d) => Step::Toggle(dir(d)),
        Step::Place(d) => Step::Place(dir(d)),
        Step::Aim(d, c) => Step::Aim(dir(d), cell(c)),
        Step::Set(d, c) => Step::Set(
            dir(d),
            match c {
                ColorRef::Color(c) => ColorRef::Color(*c),
                ColorRef::Param(p) => ColorRef::Param(format!("{p}{suffix}")),
            },
        ),
        Step::WalkTo(e) => Step::WalkTo(rename_entity(e, suffix)),
        Step::GoTo(c) => Step::GoTo(cell(c)),
        Step::Work(d) => Step::Work(dir(d)),
        Step::Develop(e) => Step::Develop(rename_entity(e, suffix)),
    }
}

fn rename_entity(e: &EntityRef, suffix: &str) -> EntityRef {
    match e {
        EntityRef::Param(p) => EntityRef::Param(format!("{p}{suffix}")),
        EntityRef::Nearest(k) => EntityRef::Nearest(*k),
    }
}
