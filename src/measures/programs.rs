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

use super::expand::{Expander, Expansion};
use super::streams::effect_text;
pub use crate::complexity::Cancelled;
use crate::language::Language;
use crate::scene::MAX_PLAN_LENGTH;
use crate::world::{Action, Baseline, State, TechLevels, VarKind, World, changes};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

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

/// Queue entries a search may expand per candidate of its limit before it gives up.
const WORK_PER_CANDIDATE: u64 = 64;

/// Stack of an enumeration worker: depth-first recursion goes one frame per word.
const WORKER_STACK: usize = 64 << 20;

/// What every step of one enumeration shares.
struct Walk<'a> {
    bound: f64,
    keep_going: &'a (dyn Fn() -> bool + Sync),
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
    /// program up to the bound does.
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
    /// The program found (words and length), or `None` if the limit came first.
    pub found: Option<(Vec<String>, f64)>,
    /// The candidate limit.
    pub limit: u64,
    /// Whether every reachable candidate was tried without finding the effect (rather
    /// than the limit stopping the search).
    pub exhausted: bool,
}

impl SearchEffort {
    /// log2 of the candidates tried, comparable with bits (about Levin's Kt).
    pub fn bits(&self) -> f64 {
        (self.candidates.max(1) as f64).log2()
    }
}

impl<'a> ProgramSpace<'a> {
    /// The baseline a program that took `steps` actions (the last from `before_last`)
    /// is compared with.
    fn baseline_state(
        &self,
        inaction: &mut Vec<State>,
        steps: usize,
        before_last: &State,
    ) -> State {
        match self.baseline {
            Baseline::Start => self.world.initial_state(),
            Baseline::Stepwise if steps == 0 => self.world.initial_state(),
            Baseline::Stepwise => self
                .world
                .step(self.technologies, before_last, Action::Noop),
            Baseline::Inaction => {
                while inaction.len() <= steps {
                    let last = inaction
                        .last()
                        .cloned()
                        .unwrap_or_else(|| self.world.initial_state());
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
        inaction: &mut Vec<State>,
        steps: usize,
        end: &State,
        before_last: &State,
    ) -> String {
        let baseline = self.baseline_state(inaction, steps, before_last);
        self.effect_of(&baseline, end)
    }

    /// Enumerate every program of at most `bound` bits on both cores and group them by
    /// effect. `progress(fraction)` returning false cancels.
    pub fn probability(
        &self,
        bound: f64,
        progress: &(dyn Fn(f64) -> bool + Sync),
    ) -> Result<Probability, Cancelled> {
        let end = self.language.actions.end;
        let start = self.world.initial_state();
        let mut expander = Expander::new(self.world, self.technologies, self.language);
        let first = expander.expansions(&start, bound - end);
        let result = Mutex::new(Probability {
            bound,
            ..Probability::default()
        });
        // The empty program.
        if end <= bound + 1e-9 {
            let key = self.effect_key(&mut vec![start.clone()], 0, &start, &start);
            record(&mut lock(&result), key, end, &[]);
        }
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let cancelled = std::sync::atomic::AtomicBool::new(false);
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(first.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let work = || {
                    let mut expander = Expander::new(self.world, self.technologies, self.language);
                    let mut local = Probability::default();
                    let mut inaction = vec![start.clone()];
                    // Asked now and then from deep in the enumeration, so a cancel stops
                    // even the first, biggest subtree.
                    let keep_going = || {
                        if cancelled.load(AtomicOrdering::Relaxed) {
                            return false;
                        }
                        let fraction =
                            done.load(AtomicOrdering::Relaxed) as f64 / first.len() as f64;
                        let going = progress(fraction);
                        if !going {
                            cancelled.store(true, AtomicOrdering::Relaxed);
                        }
                        going
                    };
                    loop {
                        let i = next.fetch_add(1, AtomicOrdering::Relaxed);
                        let Some(item) = first.get(i) else { break };
                        let mut words = vec![item.text.clone()];
                        let walk = Walk {
                            bound,
                            keep_going: &keep_going,
                        };
                        let ok = self.walk(
                            &walk,
                            &mut expander,
                            &mut inaction,
                            item,
                            item.bits,
                            item.actions.len(),
                            &mut words,
                            &mut local,
                        );
                        done.fetch_add(1, AtomicOrdering::Relaxed);
                        if !ok || !keep_going() {
                            break;
                        }
                    }
                    merge(&mut lock(&result), local);
                };
                // Deep programs recurse deeply: give the workers room.
                let spawned = std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work);
                if spawned.is_err() {
                    cancelled.store(true, AtomicOrdering::Relaxed);
                }
            }
        });
        if cancelled.load(AtomicOrdering::Relaxed) {
            return Err(Cancelled);
        }
        Ok(result
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Depth-first over the programs extending one prefix. False when cancelled.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        walk: &Walk<'_>,
        expander: &mut Expander<'_>,
        inaction: &mut Vec<State>,
        at: &Expansion,
        bits: f64,
        steps: usize,
        words: &mut Vec<String>,
        out: &mut Probability,
    ) -> bool {
        if out.programs.is_multiple_of(4096) && !(walk.keep_going)() {
            return false;
        }
        let end = self.language.actions.end;
        let key = self.effect_key(inaction, steps, &at.end, &at.before_last);
        record(out, key, bits + end, words);
        // Programs longer than a scene's longest plan are not plans.
        if words.len() >= MAX_PLAN_LENGTH || steps >= MAX_PLAN_LENGTH {
            return true;
        }
        for next in expander.expansions(&at.end, walk.bound - end - bits) {
            words.push(next.text.clone());
            let before_last = if next.actions.is_empty() {
                at.before_last.clone()
            } else {
                next.before_last.clone()
            };
            let step = Expansion {
                before_last,
                ..next.clone()
            };
            let ok = self.walk(
                walk,
                expander,
                inaction,
                &step,
                bits + next.bits,
                steps + next.actions.len(),
                words,
                out,
            );
            words.pop();
            if !ok {
                return false;
            }
        }
        true
    }

    /// Best-first search in order of code length for a program whose effect is
    /// `target` (an `effect_text`), trying at most `limit` candidates.
    /// `progress(candidates so far)` returning false cancels.
    ///
    /// Every binding of a word costs the same bits, so the queue holds (program, word)
    /// pairs and a pair is expanded into its bindings only when it comes up: the queue
    /// grows by the number of words per candidate, not by the number of bindings
    /// (thousands, for a word with a cell parameter). `repeat(n, w)` enters the queue
    /// when `repeat(n − 1, w)` leaves it, so the search needs no length bound.
    pub fn search(
        &self,
        target: &str,
        limit: u64,
        progress: &dyn Fn(u64) -> bool,
    ) -> Result<SearchEffort, Cancelled> {
        let start = self.world.initial_state();
        let mut expander = Expander::new(self.world, self.technologies, self.language);
        let mut search = Frontier {
            inaction: vec![start.clone()],
            ..Frontier::default()
        };
        let root = Node {
            parent: None,
            word: String::new(),
            end: start.clone(),
            before_last: start,
            steps: 0,
        };
        let end_bits = self.language.actions.end;
        if search.admit(self, &expander, root, end_bits, target) == Some(true) {
            return Ok(SearchEffort {
                candidates: 1,
                found: Some((Vec::new(), end_bits)),
                limit,
                exhausted: false,
            });
        }
        let gave_up = |candidates| SearchEffort {
            candidates,
            found: None,
            limit,
            exhausted: false,
        };
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
                return Err(Cancelled);
            }
            // Most pops re-reach known states; bound the work, not just the candidates.
            if pops > limit.saturating_mul(WORK_PER_CANDIDATE) {
                return Ok(gave_up(search.candidates));
            }
            let (state, before_last, steps) = {
                let n = &search.nodes[parent];
                (n.end.clone(), n.before_last.clone(), n.steps)
            };
            let expansions = expander.expand_word(&state, word, repeat);
            // One more repetition can only succeed where this one did.
            if let Some(n) = repeat
                && !expansions.is_empty()
                && let (Some(now), Some(more)) = (
                    expander.bits_of(word, Some(n)),
                    expander.bits_of(word, Some(n + 1)),
                )
            {
                search.push(bits - now + more, parent, word, Some(n + 1));
            }
            for next in expansions {
                let node = Node {
                    parent: Some(parent),
                    before_last: if next.actions.is_empty() {
                        before_last.clone()
                    } else {
                        next.before_last
                    },
                    steps: steps + next.actions.len(),
                    end: next.end,
                    word: next.text,
                };
                match search.admit(self, &expander, node, bits, target) {
                    Some(true) => {
                        return Ok(SearchEffort {
                            candidates: search.candidates,
                            found: Some((words_of(&search.nodes, search.nodes.len() - 1), bits)),
                            limit,
                            exhausted: false,
                        });
                    }
                    Some(false) if search.candidates >= limit => {
                        return Ok(gave_up(search.candidates));
                    }
                    _ => {}
                }
            }
        }
        // Every program tried: no plan of this language has the effect.
        Ok(SearchEffort {
            candidates: search.candidates,
            found: None,
            limit,
            exhausted: true,
        })
    }
}

impl ProgramSpace<'_> {
    /// [`Self::search`] for several targets, on both cores. `progress(searches done)`
    /// returning false cancels.
    pub fn search_all(
        &self,
        targets: &[String],
        limit: u64,
        progress: &(dyn Fn(usize) -> bool + Sync),
    ) -> Result<Vec<SearchEffort>, Cancelled> {
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let cancelled = std::sync::atomic::AtomicBool::new(false);
        let results: Mutex<Vec<Option<SearchEffort>>> = Mutex::new(vec![None; targets.len()]);
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(targets.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, AtomicOrdering::Relaxed);
                        let Some(target) = targets.get(i) else { break };
                        let keep_going = || !cancelled.load(AtomicOrdering::Relaxed);
                        match self.search(target, limit, &|_| keep_going()) {
                            Ok(result) => lock(&results)[i] = Some(result),
                            Err(Cancelled) => break,
                        }
                        let finished = done.fetch_add(1, AtomicOrdering::Relaxed) + 1;
                        if !progress(finished) {
                            cancelled.store(true, AtomicOrdering::Relaxed);
                            break;
                        }
                    }
                });
            }
        });
        let results = results
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if cancelled.load(AtomicOrdering::Relaxed) || results.iter().any(Option::is_none) {
            return Err(Cancelled);
        }
        Ok(results.into_iter().flatten().collect())
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

    /// Count `node` as a candidate unless an earlier one reached its state and
    /// baseline; queue its continuations. `Some(true)` if it has the target effect.
    fn admit(
        &mut self,
        space: &ProgramSpace<'_>,
        expander: &Expander<'_>,
        node: Node,
        bits: f64,
        target: &str,
    ) -> Option<bool> {
        let baseline = space.baseline_state(&mut self.inaction, node.steps, &node.before_last);
        if !self.tried.insert(fingerprint(&node.end, &baseline)) {
            return None;
        }
        self.candidates += 1;
        let found = space.effect_of(&baseline, &node.end) == target;
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

fn fingerprint(state: &State, baseline: &State) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
        .hash_one((state, baseline))
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

fn record(out: &mut Probability, key: String, length: f64, words: &[String]) {
    out.programs += 1;
    let entry = out.effects.entry(key).or_default();
    entry.mass += (-length).exp2();
    entry.count += 1;
    if entry.count == 1 || length < entry.shortest.1 {
        entry.shortest = (words.to_vec(), length);
    }
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
