//! The program space of a language: every sequence of action words (ended by the end
//! word), run from the start state. Two measures read it:
//!
//! - **algorithmic probability**: enumerate every program up to a bound on its length,
//!   group the programs by the effect they produce, and score an effect by
//!   −log2 Σ 2^−length over its programs (the coding theorem's estimate of K);
//! - **search effort**: a best-first search in order of code length (Levin style) that
//!   counts the candidates it tries until one produces a given effect. Programs that
//!   reach a state and baseline an earlier candidate reached are the same candidate
//!   again and are skipped.
//!
//! Both depend on the technologies: locked technologies make actions fail, and
//! commodified ones add and cheapen words.
//!
//! Counting programs or candidates does not bound the work: one use of a word tries
//! every binding of its arguments (4^8 for eight directions, millions for three cells),
//! and the number of programs doubles with every bit of the bound. So both measures
//! run under [`ProgramLimits`]: a number of simulated steps and a memory
//! budget for the tables they build. A measure that reaches either stops, and says so
//! ([`Stopped`]) beside its partial result.

use super::expand::{Expander, Expansion, Meter, field_bytes, state_bytes};
use super::streams::effect_text;
pub use crate::complexity::Cancelled;
use crate::language::Language;
use crate::limits::{LimitError, MemoryBudget};
use crate::scene::MAX_PLAN_LENGTH;
use crate::work;
use crate::world::{Action, Baseline, Goal, State, TechLevels, VarKind, World, changes};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering as AtomicOrdering};
use thiserror::Error;

/// Everything the program space depends on.
#[derive(Clone, Copy)]
pub struct ProgramSpace<'a> {
    /// The world.
    pub world: &'a World,
    /// Technology levels: locked technologies' actions fail.
    pub technologies: &'a TechLevels,
    /// The language with the technology changes applied.
    pub language: &'a Language,
    /// What effects are measured against.
    pub baseline: Baseline,
}

/// How much the program measures may do.
///
/// Work is counted in simulated steps: one for each step of a word's body evaluated
/// under one binding of its arguments, one for each primitive action simulated
/// (baselines included; one more per KiB of state it copies), and more for reading a
/// program's state and for path searches (see the expander's meter). The enumeration may take `work` steps; the plans' searches
/// share as many, each an equal part, so a search's result does not depend on how the
/// others ran. On the development machine a million steps take about 0.1 to 0.3 s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgramLimits {
    /// Simulated steps of the enumeration, and of all the searches together.
    pub work: u64,
    /// Memory of the tables: the enumeration's effects, the searches' frontiers.
    pub memory: MemoryBudget,
}

impl ProgramLimits {
    /// The default work: every bundled language's measures on the bundled scenes finish
    /// well within it except where the limit is what they report (physics' searches).
    pub const DEFAULT_WORK: u64 = 48_000_000;
    /// The most work that may be asked for (hours of simulation).
    pub const MAX_WORK: u64 = 100_000_000_000;
    /// The largest bound on program length, in bits: 2^64 programs is beyond any run.
    pub const MAX_BOUND: f64 = 64.0;
    /// The largest candidate limit of a search.
    pub const MAX_SEARCH_LIMIT: u64 = 1_000_000_000;

    /// The default work within a memory budget.
    pub fn new(memory: MemoryBudget) -> Self {
        Self {
            work: Self::DEFAULT_WORK,
            memory,
        }
    }

    /// The bytes distance-field caches may take per expander.
    fn field_cache(&self) -> u64 {
        self.memory.bytes() / 32
    }
}

impl Default for ProgramLimits {
    fn default() -> Self {
        Self::new(MemoryBudget::default())
    }
}

/// Whether `bound` is a bound on program length the enumeration accepts: a finite
/// number of bits in (0, [`ProgramLimits::MAX_BOUND`]].
pub fn valid_bound(bound: f64) -> bool {
    bound.is_finite() && bound > 0.0 && bound <= ProgramLimits::MAX_BOUND
}

/// Why a measure stopped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// It reached its work limit.
    Work,
    /// Its tables reached their part of the memory budget (of `budget_mib` MiB).
    Memory {
        /// The whole budget, in MiB.
        budget_mib: u64,
    },
}

impl Stopped {
    /// "stopped after 1234 simulated steps (the work limit)".
    pub fn describe(&self, steps: u64) -> String {
        match self {
            Self::Work => format!("stopped after {steps} simulated steps (the work limit)"),
            Self::Memory { budget_mib } => format!(
                "stopped after {steps} simulated steps (the memory budget of {budget_mib} MiB)"
            ),
        }
    }

    /// The limit's name in JSON.
    pub fn key(&self) -> &'static str {
        match self {
            Self::Work => "work",
            Self::Memory { .. } => "memory",
        }
    }
}

/// Why the program measures gave no result.
#[derive(Debug, Error)]
pub enum ProgramError {
    /// The caller cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The work could not start within the memory budget.
    #[error(transparent)]
    Limit(#[from] LimitError),
}

impl From<Cancelled> for ProgramError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

/// Queue entries a search may expand per candidate of its limit before it gives up.
const WORK_PER_CANDIDATE: u64 = 64;

/// Stack of an enumeration worker: depth-first recursion goes one frame per word.
const WORKER_STACK: usize = 64 << 20;

/// Bytes of an effect's entry besides its key and words (hash table slot, growth slack).
const EFFECT_ENTRY_BYTES: u64 = 2 * std::mem::size_of::<(String, EffectPrograms)>() as u64 + 64;

/// What every step of one enumeration shares.
struct Walk<'a> {
    bound: f64,
    keep_going: &'a (dyn Fn() -> bool + Sync),
    /// Bytes of the effect tables of all workers, within their part of the budget.
    tables: &'a work::Allowance,
    /// Set when the meter ran out under a walk.
    cut: &'a AtomicBool,
    /// Bytes of one state.
    state_bytes: u64,
    /// When the caller also asked for the programs that reach a goal.
    collect: Option<Collect<'a>>,
}

/// What the workers share when they collect goal-reaching programs.
#[derive(Clone, Copy)]
struct Collect<'a> {
    goal: &'a Goal,
    /// Bytes of the collected programs of all workers, within their part of the budget.
    bytes: &'a work::Allowance,
    /// Programs collected by all workers (a program two workers both hold counts twice).
    count: &'a AtomicU64,
    /// Set when the count or the bytes reached their cap and a program was left out.
    capped: &'a AtomicBool,
}

/// The most goal-reaching programs (distinct action sequences) one enumeration
/// collects. Beyond it, programs are still run and counted but no longer kept, and the
/// result says so ([`GoalPrograms::capped`]). Scoring each kept program as a plan takes
/// about a millisecond, so this many take minutes on two cores: the cap bounds the work
/// of whoever scores them.
pub const MAX_GOAL_PROGRAMS: u64 = 100_000;

/// The part of [`ProgramLimits::memory`] the collected goal-reaching programs may take:
/// an eighth, beside the effect tables' quarter.
const GOAL_MEMORY_SHARE: u64 = 8;

/// A program whose end state reaches the goal.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalProgram {
    /// Its words, with their arguments, as a derivation shows them.
    pub words: Vec<String>,
    /// Its length in bits, end word included.
    pub bits: f64,
    /// The primitive actions its words expand to.
    pub actions: Vec<Action>,
    /// Its effect, as `effect_text` (a key of [`Probability::effects`]).
    pub effect: String,
}

/// The goal-reaching programs of one enumeration: the shortest program of every distinct
/// action sequence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalPrograms {
    /// Shortest first, then by words.
    pub programs: Vec<GoalProgram>,
    /// Goal-reaching programs run, those with the same actions as another included.
    pub found: u64,
    /// Set when [`MAX_GOAL_PROGRAMS`] or the programs' part of the memory budget was
    /// reached: some goal-reaching programs run were not kept.
    pub capped: bool,
}

/// One worker's collection: the actions of the program the walk is on, and the
/// goal-reaching programs by action sequence.
#[derive(Default)]
struct Collected {
    actions: Vec<Action>,
    by_actions: HashMap<Vec<Action>, GoalProgram>,
    found: u64,
}

/// Whether `a` is the program kept for an action sequence over `b`: shorter, then the
/// words in order, so the one kept does not depend on which worker ran which.
fn preferred(a: &GoalProgram, b: &GoalProgram) -> bool {
    a.bits
        .total_cmp(&b.bits)
        .then_with(|| a.words.cmp(&b.words))
        .is_lt()
}

/// Bytes one collected program holds, its table slot and growth slack included.
fn goal_program_bytes(words: &[String], actions: usize, effect: &str) -> u64 {
    use std::mem::size_of;
    let words: usize = words.iter().map(|w| w.len() + size_of::<String>()).sum();
    (2 * (words + actions * size_of::<Action>() + effect.len()) + 2 * size_of::<GoalProgram>() + 64)
        as u64
}

impl Collected {
    /// Keep the program the walk is on, which reaches the goal.
    fn keep(&mut self, collect: &Collect<'_>, words: &[String], bits: f64, effect: &str) {
        self.found += 1;
        let candidate = |actions: Vec<Action>| GoalProgram {
            words: words.to_vec(),
            bits,
            actions,
            effect: effect.to_owned(),
        };
        if let Some(kept) = self.by_actions.get_mut(&self.actions) {
            let program = candidate(self.actions.clone());
            if preferred(&program, kept) {
                *kept = program;
            }
            return;
        }
        let bytes = goal_program_bytes(words, self.actions.len(), effect);
        if collect.count.fetch_add(1, AtomicOrdering::Relaxed) >= MAX_GOAL_PROGRAMS
            || !collect.bytes.spend(bytes)
        {
            collect.capped.store(true, AtomicOrdering::Relaxed);
            return;
        }
        self.by_actions
            .insert(self.actions.clone(), candidate(self.actions.clone()));
    }
}

/// The effects of every program up to a bound.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Probability {
    /// The bound on program length, in bits (end word included).
    pub bound: f64,
    /// Programs run.
    pub programs: u64,
    /// Per effect (as `effect_text`): its programs.
    pub effects: HashMap<String, EffectPrograms>,
    /// Simulated steps the enumeration took.
    pub work: u64,
    /// Set when the enumeration stopped before it ran every program up to the bound.
    /// The masses are then those of the programs run: lower bounds, so the bits are
    /// upper bounds, and an effect without programs may have some that were not run.
    pub stopped: Option<Stopped>,
}

/// The programs producing one effect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EffectPrograms {
    /// Σ 2^−length over them.
    pub mass: f64,
    /// How many.
    pub count: u64,
    /// The shortest one's words and length.
    pub shortest: (Vec<String>, f64),
}

impl Probability {
    /// −log2 of the mass of the programs producing `effect` (an `effect_text`), if any
    /// program run does.
    pub fn bits(&self, effect: &str) -> Option<f64> {
        self.effects.get(effect).map(|e| -e.mass.log2())
    }

    /// The programs of one effect.
    pub fn programs_of(&self, effect: &str) -> Option<&EffectPrograms> {
        self.effects.get(effect)
    }
}

/// The result of a search: how many candidates until the effect appeared.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchEffort {
    /// Candidates tried, the successful one included.
    pub candidates: u64,
    /// The program found (words and length), or `None` if a limit came first.
    pub found: Option<(Vec<String>, f64)>,
    /// The candidate limit.
    pub limit: u64,
    /// Whether every reachable candidate was tried without finding the effect (rather
    /// than a limit stopping the search).
    pub exhausted: bool,
    /// Simulated steps the search took.
    pub work: u64,
    /// Set when the work limit or the memory budget stopped the search before it found
    /// the effect, tried every candidate or reached the candidate limit.
    pub stopped: Option<Stopped>,
}

impl SearchEffort {
    /// log2 of the candidates tried, comparable with bits (about Levin's Kt).
    pub fn bits(&self) -> f64 {
        (self.candidates.max(1) as f64).log2()
    }
}

/// Threads that work on `items` items at once.
fn threads_for(items: usize) -> usize {
    work::threads().min(items.max(1))
}

impl<'a> ProgramSpace<'a> {
    /// The baseline a program that took `steps` actions (the last from `before_last`)
    /// is compared with; the steps it simulates are charged to `ex`.
    fn baseline_state(
        &self,
        ex: &mut Expander<'_>,
        inaction: &mut Vec<State>,
        steps: usize,
        before_last: &State,
    ) -> State {
        match self.baseline {
            Baseline::Start => self.world.initial_state(),
            Baseline::Stepwise if steps == 0 => self.world.initial_state(),
            Baseline::Stepwise => {
                ex.charge_action();
                self.world
                    .step(self.technologies, before_last, Action::Noop)
            }
            Baseline::Inaction => {
                while inaction.len() <= steps {
                    let last = inaction
                        .last()
                        .cloned()
                        .unwrap_or_else(|| self.world.initial_state());
                    ex.charge_action();
                    inaction.push(self.world.step(self.technologies, &last, Action::Noop));
                }
                inaction[steps].clone()
            }
        }
    }

    /// The effect of ending in `end` against `baseline`, as `effect_text`.
    fn effect_of(&self, baseline: &State, end: &State) -> String {
        let effect: Vec<_> = changes(self.world, baseline, end)
            .into_iter()
            .filter(|c| c.var.kind() != VarKind::Agent)
            .collect();
        effect_text(self.world, &effect)
    }

    fn effect_key(
        &self,
        ex: &mut Expander<'_>,
        inaction: &mut Vec<State>,
        steps: usize,
        end: &State,
        before_last: &State,
    ) -> String {
        let baseline = self.baseline_state(ex, inaction, steps, before_last);
        self.effect_of(&baseline, end)
    }

    /// The deepest a program up to `bound` bits can go, in words.
    fn max_depth(&self, ex: &Expander<'_>, bound: f64) -> u64 {
        let cheapest = (0..ex.word_count())
            .filter_map(|i| ex.bits_of(i, None))
            .fold(f64::INFINITY, f64::min);
        let room = bound - self.language.actions.end;
        if room < 0.0 || !cheapest.is_finite() {
            return 0;
        }
        let depth = if cheapest > 0.0 {
            (room / cheapest).floor() + 1.0
        } else {
            f64::INFINITY
        };
        depth.min(MAX_PLAN_LENGTH as f64) as u64
    }

    /// The most first words (with arguments) the enumeration can start from.
    fn first_words(&self, ex: &Expander<'_>, budget: f64) -> u64 {
        let mut total = 0u64;
        for i in 0..ex.word_count() {
            let mut repeat = None;
            while ex.bits_of(i, repeat).is_some_and(|b| b <= budget + 1e-9) {
                total = total.saturating_add(ex.bindings_of(i));
                repeat = Some(repeat.map_or(2, |n| n + 1));
            }
        }
        total
    }

    /// Enumerate every program of at most `bound` bits on both cores and group them by
    /// effect, within `limits`. `progress(fraction)` returning false cancels.
    ///
    /// Refused before it starts if its depth-first stack cannot fit the memory budget;
    /// stopped, with [`Probability::stopped`] set, when it reaches the work limit or
    /// its tables their part of the budget (a quarter: merging the workers' tables
    /// holds two copies).
    pub fn probability(
        &self,
        bound: f64,
        limits: &ProgramLimits,
        progress: &(dyn Fn(f64) -> bool + Sync),
    ) -> Result<Probability, ProgramError> {
        self.enumerate(bound, limits, progress, None)
            .map(|(probability, _)| probability)
    }

    /// [`Self::probability`], also keeping every program whose end state reaches `goal`
    /// (the shortest program of each distinct action sequence), up to
    /// [`MAX_GOAL_PROGRAMS`] of them within an eighth of the memory budget. The
    /// probability is what [`Self::probability`] gives.
    pub fn goal_programs(
        &self,
        goal: &Goal,
        bound: f64,
        limits: &ProgramLimits,
        progress: &(dyn Fn(f64) -> bool + Sync),
    ) -> Result<(Probability, GoalPrograms), ProgramError> {
        self.enumerate(bound, limits, progress, Some(goal))
    }

    /// The enumeration of both: `goal`, if given, is whose programs are kept.
    fn enumerate(
        &self,
        bound: f64,
        limits: &ProgramLimits,
        progress: &(dyn Fn(f64) -> bool + Sync),
        goal: Option<&Goal>,
    ) -> Result<(Probability, GoalPrograms), ProgramError> {
        let goal_bytes = work::Allowance::new(limits.memory.bytes() / GOAL_MEMORY_SHARE);
        let goal_count = AtomicU64::new(0);
        let capped = AtomicBool::new(false);
        let collect = goal.map(|goal| Collect {
            goal,
            bytes: &goal_bytes,
            count: &goal_count,
            capped: &capped,
        });
        let mut collected = Collected::default();
        let end = self.language.actions.end;
        let start = self.world.initial_state();
        let meter = Meter::new(limits.work);
        let source = Expander::new(
            self.world,
            self.technologies,
            self.language,
            &meter,
            limits.field_cache(),
        );
        let threads = work::threads();
        // Each level of the walk holds a word's choices (a state or two per parameter)
        // and the expansion it is on.
        let params = self
            .language
            .actions
            .words
            .iter()
            .map(|w| w.params.len())
            .max()
            .unwrap_or(0) as u64;
        let level = (params + 3) * 2 * state_bytes(self.world) + 512;
        let depth = self.max_depth(&source, bound);
        let workers = threads as u64 + 1;
        limits.memory.check(
            &format!("enumerating programs up to {bound} bits ({depth} words deep)"),
            depth
                .saturating_mul(level)
                .saturating_add(limits.field_cache())
                .saturating_mul(workers),
        )?;
        let first_words = self.first_words(&source, bound - end).max(1);
        let source = Mutex::new((source, None::<super::expand::Expansions>));
        let mut result = Probability {
            bound,
            ..Probability::default()
        };
        let tables = work::Allowance::new(limits.memory.bytes() / 4);
        let cut = AtomicBool::new(false);
        // The empty program.
        if end <= bound + 1e-9 {
            let mut guard = lock(&source);
            let key = self.effect_key(&mut guard.0, &mut vec![start.clone()], 0, &start, &start);
            // Counted like every entry; were it past the tables' part already, the walks
            // would stop at once.
            if let Some(collect) = &collect
                && collect.goal.holds(self.world, &start)
            {
                collected.keep(collect, &[], end, &key);
            }
            let _ = tables.spend(record(&mut result, key, end, &[]));
            let first = guard.0.expansions(&start, bound - end);
            guard.1 = Some(first);
        }
        // First words done, or the work spent, whichever is further.
        let report = |items: u64| {
            let items = items as f64 / first_words as f64;
            let steps = meter.spent() as f64 / meter.limit().max(1) as f64;
            progress(items.max(steps).min(1.0))
        };
        let progress = work::Progress::new(&report);
        // Asked now and then from deep in the enumeration, so a cancel stops even the
        // first, biggest subtree.
        let keep_going = || progress.report();
        let walk = Walk {
            bound,
            keep_going: &keep_going,
            tables: &tables,
            cut: &cut,
            state_bytes: state_bytes(self.world),
            collect,
        };
        let worker = || {
            let mut expander = Expander::new(
                self.world,
                self.technologies,
                self.language,
                &meter,
                limits.field_cache(),
            );
            let mut local = Probability::default();
            let mut goals = Collected::default();
            let mut inaction = vec![start.clone()];
            loop {
                // The first words are found one at a time, under the lock: there may be
                // millions of them.
                let item = {
                    let mut guard = lock(&source);
                    let (ex, first) = &mut *guard;
                    match first.as_mut() {
                        Some(first) => {
                            let item = first.next(ex);
                            if item.is_none() && !ex.has_work() {
                                cut.store(true, AtomicOrdering::Relaxed);
                            }
                            item
                        }
                        None => None,
                    }
                };
                let Some(item) = item else { break };
                let mut words = vec![item.text.clone()];
                if walk.collect.is_some() {
                    goals.actions.clone_from(&item.actions);
                }
                let ok = self.walk(
                    &walk,
                    &mut expander,
                    &mut inaction,
                    &item,
                    item.bits,
                    item.actions.len(),
                    &mut words,
                    &mut local,
                    &mut goals,
                );
                if !(ok && progress.advance(1)) {
                    break;
                }
            }
            (local, goals)
        };
        // Deep programs recurse deeply: the workers get threads with room for that.
        let Ok(locals) = work::on_threads_with_stack(threads, WORKER_STACK, worker) else {
            return Err(ProgramError::Cancelled);
        };
        if progress.is_cancelled() {
            return Err(ProgramError::Cancelled);
        }
        // In thread order, so that the sums are added in one order for a given split.
        for (local, goals) in locals {
            merge(&mut result, local);
            collected.found += goals.found;
            for (actions, program) in goals.by_actions {
                match collected.by_actions.entry(actions) {
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(program);
                    }
                    std::collections::hash_map::Entry::Occupied(mut slot) => {
                        if preferred(&program, slot.get()) {
                            slot.insert(program);
                        }
                    }
                }
            }
        }
        // Every expander has added its count to the meter.
        drop(source);
        result.work = meter.spent();
        result.stopped = if tables.is_passed() {
            Some(Stopped::Memory {
                budget_mib: limits.memory.mib(),
            })
        } else if cut.load(AtomicOrdering::Relaxed) {
            Some(Stopped::Work)
        } else {
            None
        };
        let mut programs: Vec<GoalProgram> = collected.by_actions.into_values().collect();
        programs.sort_by(|a, b| {
            a.bits
                .total_cmp(&b.bits)
                .then_with(|| a.words.cmp(&b.words))
        });
        let goals = GoalPrograms {
            programs,
            found: collected.found,
            capped: capped.load(AtomicOrdering::Relaxed),
        };
        Ok((result, goals))
    }

    /// Depth-first over the programs extending one prefix. False when it stopped:
    /// cancelled, out of work or over the memory budget.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        walk: &Walk<'_>,
        ex: &mut Expander<'_>,
        inaction: &mut Vec<State>,
        at: &Expansion,
        bits: f64,
        steps: usize,
        words: &mut Vec<String>,
        out: &mut Probability,
        goals: &mut Collected,
    ) -> bool {
        if walk.tables.is_passed() || (out.programs.is_multiple_of(4096) && !(walk.keep_going)()) {
            return false;
        }
        let end = self.language.actions.end;
        let baselines = inaction.len();
        let key = self.effect_key(ex, inaction, steps, &at.end, &at.before_last);
        if let Some(collect) = &walk.collect
            && collect.goal.holds(self.world, &at.end)
        {
            goals.keep(collect, words, bits + end, &key);
        }
        // The inaction baselines a long program needs are held too.
        let added = record(out, key, bits + end, words)
            + (inaction.len() - baselines) as u64 * walk.state_bytes;
        if added > 0 && !walk.tables.spend(added) {
            return false;
        }
        // Programs longer than a scene's longest plan are not plans.
        if words.len() >= MAX_PLAN_LENGTH || steps >= MAX_PLAN_LENGTH {
            return true;
        }
        let mut nexts = ex.expansions(&at.end, walk.bound - end - bits);
        while let Some(mut next) = nexts.next(ex) {
            words.push(std::mem::take(&mut next.text));
            let actions_before = goals.actions.len();
            if walk.collect.is_some() {
                goals.actions.extend_from_slice(&next.actions);
            }
            if next.actions.is_empty() {
                next.before_last = at.before_last.clone();
            }
            let (more_bits, more_steps) = (next.bits, next.actions.len());
            let ok = self.walk(
                walk,
                ex,
                inaction,
                &next,
                bits + more_bits,
                steps + more_steps,
                words,
                out,
                goals,
            );
            words.pop();
            goals.actions.truncate(actions_before);
            if !ok {
                return false;
            }
        }
        if !ex.has_work() {
            walk.cut.store(true, AtomicOrdering::Relaxed);
            return false;
        }
        true
    }

    /// Best-first search in order of code length for a program whose effect is
    /// `target` (an `effect_text`), trying at most `limit` candidates, within `limits`
    /// (all of its work and memory for this one search). `progress(candidates so far)`
    /// returning false cancels.
    ///
    /// Every binding of a word costs the same bits, so the queue holds (program, word)
    /// pairs and a pair is expanded into its bindings only when it comes up, one binding
    /// at a time: the queue grows by the number of words per candidate, not by the
    /// number of bindings (thousands, for a word with a cell parameter). `repeat(n, w)`
    /// enters the queue when `repeat(n − 1, w)` leaves it, so the search needs no length
    /// bound.
    pub fn search(
        &self,
        target: &str,
        limit: u64,
        limits: &ProgramLimits,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<SearchEffort, ProgramError> {
        self.search_for(Target::Effect(target), limit, limits, progress)
            .map(|(effort, _)| effort)
    }

    /// [`Self::search`] for the first candidate whose end state reaches `goal`, whatever
    /// its effect: the program a searching agent would find first. Also gives the found
    /// program's primitive actions.
    pub fn search_goal(
        &self,
        goal: &Goal,
        limit: u64,
        limits: &ProgramLimits,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<GoalSearch, ProgramError> {
        let (effort, actions) = self.search_for(Target::Goal(goal), limit, limits, progress)?;
        Ok(GoalSearch { effort, actions })
    }

    /// The search of both.
    fn search_for(
        &self,
        target: Target<'_>,
        limit: u64,
        limits: &ProgramLimits,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<(SearchEffort, Option<Vec<Action>>), ProgramError> {
        let start = self.world.initial_state();
        let meter = Meter::new(limits.work);
        let mut expander = Expander::new(
            self.world,
            self.technologies,
            self.language,
            &meter,
            limits.memory.bytes() / 8,
        );
        let mut search = Frontier {
            inaction: vec![start.clone()],
            state_bytes: state_bytes(self.world),
            keep_actions: matches!(target, Target::Goal(_)),
            ..Frontier::default()
        };
        let frontier_limit = limits.memory.bytes() / 4 * 3;
        limits.memory.check(
            "a search's first candidate",
            search.candidate_bytes(0, expander.word_count()) + field_bytes(self.world, 0),
        )?;
        let root = Node {
            parent: None,
            word: String::new(),
            end: start.clone(),
            before_last: start,
            steps: 0,
        };
        let end_bits = self.language.actions.end;
        let outcome = |search: &Frontier,
                       expander: &Expander<'_>,
                       found: Option<(Vec<String>, f64)>,
                       exhausted: bool,
                       stopped: Option<Stopped>| {
            // The found program is the last node admitted.
            let actions = (found.is_some() && search.keep_actions)
                .then(|| actions_of(&search.nodes, &search.node_actions, search.nodes.len() - 1));
            (
                SearchEffort {
                    candidates: search.candidates,
                    found,
                    limit,
                    exhausted,
                    work: expander.spent(),
                    stopped,
                },
                actions,
            )
        };
        if search.admit(self, &mut expander, root, Vec::new(), end_bits, &target) == Some(true) {
            return Ok(outcome(
                &search,
                &expander,
                Some((Vec::new(), end_bits)),
                false,
                None,
            ));
        }
        let memory = Some(Stopped::Memory {
            budget_mib: limits.memory.mib(),
        });
        let mut pops: u64 = 0;
        while let Some(Queued {
            bits,
            parent,
            word,
            repeat,
            ..
        }) = search.queue.pop()
        {
            pops += 1;
            if pops.is_multiple_of(64) && !progress(search.candidates) {
                return Err(ProgramError::Cancelled);
            }
            // Most pops re-reach known states; bound the pops, not just the candidates.
            if pops > limit.saturating_mul(WORK_PER_CANDIDATE) {
                return Ok(outcome(&search, &expander, None, false, None));
            }
            expander.charge(1);
            if !expander.has_work() {
                return Ok(outcome(
                    &search,
                    &expander,
                    None,
                    false,
                    Some(Stopped::Work),
                ));
            }
            let (state, before_last, steps) = {
                let n = &search.nodes[parent];
                (n.end.clone(), n.before_last.clone(), n.steps)
            };
            let mut bindings = expander.word_expansions(&state, word, repeat);
            let mut next = bindings.next(&mut expander);
            // One more repetition can only succeed where this one did.
            if let Some(n) = repeat
                && next.is_some()
                && let (Some(now), Some(more)) = (
                    expander.bits_of(word, Some(n)),
                    expander.bits_of(word, Some(n + 1)),
                )
            {
                search.push(bits - now + more, parent, word, Some(n + 1));
            }
            while let Some(expansion) = next {
                let actions = if search.keep_actions {
                    expansion.actions.clone()
                } else {
                    Vec::new()
                };
                let node = Node {
                    parent: Some(parent),
                    before_last: if expansion.actions.is_empty() {
                        before_last.clone()
                    } else {
                        expansion.before_last
                    },
                    steps: steps + expansion.actions.len(),
                    end: expansion.end,
                    word: expansion.text,
                };
                match search.admit(self, &mut expander, node, actions, bits, &target) {
                    Some(true) => {
                        let words = words_of(&search.nodes, search.nodes.len() - 1);
                        return Ok(outcome(
                            &search,
                            &expander,
                            Some((words, bits)),
                            false,
                            None,
                        ));
                    }
                    Some(false) if search.candidates >= limit => {
                        return Ok(outcome(&search, &expander, None, false, None));
                    }
                    Some(false) if search.bytes() > frontier_limit => {
                        return Ok(outcome(&search, &expander, None, false, memory));
                    }
                    _ => {}
                }
                next = bindings.next(&mut expander);
            }
            if !expander.has_work() {
                return Ok(outcome(
                    &search,
                    &expander,
                    None,
                    false,
                    Some(Stopped::Work),
                ));
            }
        }
        // Every program tried: no plan of this language has the effect.
        Ok(outcome(&search, &expander, None, true, None))
    }
}

impl ProgramSpace<'_> {
    /// [`Self::search`] for several targets, on both cores. The searches share
    /// `limits.work` equally and half the memory budget. `progress(searches done)`
    /// returning false cancels.
    pub fn search_all(
        &self,
        targets: &[String],
        limit: u64,
        limits: &ProgramLimits,
        progress: &(dyn Fn(usize) -> bool + Sync),
    ) -> Result<Vec<SearchEffort>, ProgramError> {
        let threads = threads_for(targets.len());
        let each = ProgramLimits {
            work: (limits.work / targets.len().max(1) as u64).max(1),
            memory: MemoryBudget::from_mib((limits.memory.mib() / (2 * threads as u64)).max(1)),
        };
        let report = |done: u64| progress(done as usize);
        let progress = work::Progress::new(&report);
        // One rayon job per search: they take very different times.
        let results: Vec<Result<SearchEffort, ProgramError>> = targets
            .par_iter()
            .with_max_len(1)
            .map(|target| {
                if progress.is_cancelled() {
                    return Err(ProgramError::Cancelled);
                }
                let result = self.search(target, limit, &each, &|_| !progress.is_cancelled());
                match &result {
                    Ok(_) => {
                        progress.advance(1);
                    }
                    Err(ProgramError::Cancelled) => {}
                    // The other searches stop: this one's error is the answer.
                    Err(_) => progress.cancel(),
                }
                result
            })
            .collect();
        let mut efforts = Vec::with_capacity(targets.len());
        let mut cancelled = progress.is_cancelled();
        for result in results {
            match result {
                Ok(effort) => efforts.push(effort),
                Err(ProgramError::Cancelled) => cancelled = true,
                // The first target's failure, whichever search failed first.
                Err(e) => return Err(e),
            }
        }
        if cancelled {
            return Err(ProgramError::Cancelled);
        }
        Ok(efforts)
    }
}

/// The state of a search: the candidates so far and the (program, word) pairs to try.
#[derive(Default)]
struct Frontier {
    nodes: Vec<Node>,
    queue: BinaryHeap<Queued>,
    /// Fingerprints of the (state, baseline) pairs of the candidates so far.
    tried: HashSet<u64>,
    candidates: u64,
    pushed: u64,
    inaction: Vec<State>,
    /// Bytes of one state (an upper bound).
    state_bytes: u64,
    /// Bytes the nodes hold on the heap (their states and words).
    node_heap: u64,
    /// Hashes of the states of `inaction`.
    baseline_hashes: Vec<u64>,
    /// Hash of the start state, once needed.
    start_hash: Option<u64>,
    /// Whether each node's primitive actions are kept (in `node_actions`), so that the
    /// found program's actions can be read back.
    keep_actions: bool,
    /// Per node, when kept: the actions of its last word.
    node_actions: Vec<Vec<Action>>,
}

/// What a search looks for.
enum Target<'a> {
    /// A candidate with this effect (as `effect_text`).
    Effect(&'a str),
    /// A candidate whose end state reaches this goal.
    Goal(&'a Goal),
}

/// The result of [`ProgramSpace::search_goal`].
#[derive(Clone, Debug, PartialEq)]
pub struct GoalSearch {
    /// The search: candidates until one reached the goal, and that one's words.
    pub effort: SearchEffort,
    /// The found program's primitive actions, when one was found.
    pub actions: Option<Vec<Action>>,
}

impl Frontier {
    fn push(&mut self, bits: f64, parent: usize, word: usize, repeat: Option<usize>) {
        self.pushed += 1;
        self.queue.push(Queued {
            bits,
            parent,
            word,
            repeat,
            order: self.pushed,
        });
    }

    /// Bytes one candidate adds: its node, its fingerprint and its queue entries, the
    /// tables' growth slack included.
    fn candidate_bytes(&self, word: usize, words: usize) -> u64 {
        use std::mem::size_of;
        2 * self.state_bytes
            + word as u64
            + 2 * (size_of::<Node>() + 2 * size_of::<u64>() + 2 * words * size_of::<Queued>())
                as u64
    }

    /// Bytes the search holds.
    fn bytes(&self) -> u64 {
        use std::mem::size_of;
        let slack = |n: usize, each: usize| 2 * (n * each) as u64;
        self.node_heap
            + slack(self.nodes.len(), size_of::<Node>())
            + slack(self.queue.len(), size_of::<Queued>())
            + slack(self.tried.len(), 2 * size_of::<u64>())
            + self.inaction.len() as u64 * self.state_bytes
    }

    /// Count `node` as a candidate unless an earlier one reached its state and
    /// baseline; queue its continuations. `Some(true)` if it is what the search looks
    /// for. `actions` are those of its last word, kept when the search keeps actions.
    fn admit(
        &mut self,
        space: &ProgramSpace<'_>,
        expander: &mut Expander<'_>,
        node: Node,
        actions: Vec<Action>,
        bits: f64,
        target: &Target<'_>,
    ) -> Option<bool> {
        let baseline =
            space.baseline_state(expander, &mut self.inaction, node.steps, &node.before_last);
        // The inaction baselines and the start state recur: hash each once.
        let baseline_hash = match space.baseline {
            Baseline::Inaction => {
                while self.baseline_hashes.len() < self.inaction.len() {
                    let next = &self.inaction[self.baseline_hashes.len()];
                    self.baseline_hashes.push(state_hash(next));
                }
                self.baseline_hashes
                    .get(node.steps)
                    .copied()
                    .unwrap_or_else(|| state_hash(&baseline))
            }
            Baseline::Start => *self.start_hash.get_or_insert_with(|| state_hash(&baseline)),
            Baseline::Stepwise => state_hash(&baseline),
        };
        if !self
            .tried
            .insert(fingerprint(state_hash(&node.end), baseline_hash))
        {
            return None;
        }
        self.candidates += 1;
        let found = match target {
            Target::Effect(effect) => space.effect_of(&baseline, &node.end) == *effect,
            Target::Goal(goal) => goal.holds(space.world, &node.end),
        };
        self.node_heap += 2 * self.state_bytes + node.word.len() as u64;
        if self.keep_actions {
            self.node_heap += (actions.len() * std::mem::size_of::<Action>()
                + 2 * std::mem::size_of::<Vec<Action>>()) as u64;
            self.node_actions.push(actions);
        }
        self.nodes.push(node);
        let parent = self.nodes.len() - 1;
        for word in 0..expander.word_count() {
            for repeat in [None, Some(2)] {
                if let Some(b) = expander.bits_of(word, repeat) {
                    self.push(bits + b, parent, word, repeat);
                }
            }
        }
        Some(found)
    }
}

/// The words of the program ending at `node`.
fn words_of(nodes: &[Node], mut node: usize) -> Vec<String> {
    let mut words = Vec::new();
    while let Some(parent) = nodes[node].parent {
        words.push(nodes[node].word.clone());
        node = parent;
    }
    words.reverse();
    words
}

/// The primitive actions of the program ending at `node`, from each node's own.
fn actions_of(nodes: &[Node], node_actions: &[Vec<Action>], mut node: usize) -> Vec<Action> {
    let mut parts = Vec::new();
    while let Some(parent) = nodes[node].parent {
        parts.push(&node_actions[node]);
        node = parent;
    }
    parts.into_iter().rev().flatten().copied().collect()
}

/// A state's hash, for fingerprints.
fn state_hash(state: &State) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = FxHasher::default();
    state.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of a candidate: its state and its baseline.
fn fingerprint(state: u64, baseline: u64) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.add(state);
    hasher.add(baseline);
    hasher.add(0x9e37_79b9_7f4a_7c15);
    hasher.hash
}

/// FxHash's mix (rustc's hasher): states hash cell by cell, a few hundred small writes,
/// and SipHash made fingerprinting most of a search's time. Fingerprints only tell
/// candidates apart; nothing an adversary chooses is hashed into a table.
#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u16(&mut self, i: u16) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.hash
    }
}

struct Node {
    parent: Option<usize>,
    word: String,
    end: State,
    before_last: State,
    steps: usize,
}

/// A queue entry: say `word` (or `repeat(n, word)`) after the program of node `parent`.
/// Cheapest first, then first pushed.
struct Queued {
    bits: f64,
    parent: usize,
    word: usize,
    repeat: Option<usize>,
    order: u64,
}

impl PartialEq for Queued {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        // BinaryHeap is a max-heap: reverse both keys.
        other
            .bits
            .total_cmp(&self.bits)
            .then(other.order.cmp(&self.order))
    }
}

/// Count one program; the bytes its effect's entry adds to the table (0 if the effect
/// was there already).
fn record(out: &mut Probability, key: String, length: f64, words: &[String]) -> u64 {
    out.programs += 1;
    let new = if out.effects.contains_key(&key) {
        0
    } else {
        let words_bytes: usize = words
            .iter()
            .map(|w| w.len() + std::mem::size_of::<String>())
            .sum();
        key.len() as u64 + words_bytes as u64 + EFFECT_ENTRY_BYTES
    };
    let entry = out.effects.entry(key).or_default();
    entry.mass += (-length).exp2();
    entry.count += 1;
    if entry.count == 1 || length < entry.shortest.1 {
        entry.shortest = (words.to_vec(), length);
    }
    new
}

fn merge(into: &mut Probability, from: Probability) {
    into.programs += from.programs;
    for (key, e) in from.effects {
        let entry = into.effects.entry(key).or_default();
        entry.mass += e.mass;
        if entry.count == 0 || e.shortest.1 < entry.shortest.1 {
            entry.shortest = e.shortest;
        }
        entry.count += e.count;
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
