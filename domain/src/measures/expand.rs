//! Running a language forward: every way each action word can be said in a state, what
//! it costs, and the actions and state it leads to. This is the program space that
//! algorithmic probability sums over and that search effort searches.
//!
//! The expansion rules are those the plan description length matches against: a walk
//! is the canonical shortest walk, `Toward(e)` needs `e` beside the agent, and a word
//! fails (has no expansion) when a walk has no path.

use crate::language::{
    ActionWord, Body, CellRef, ColorRef, DirRef, EntityRef, KindName, Language, ParamCode,
    ParamType, Step, elias_gamma_bits,
};
use crate::scene::MAX_PLAN_LENGTH;
use crate::world::{
    Action, Color, Dir, DistanceField, EntityKind, EntityState, Pos, State, TechLevels, World,
};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

/// A bound argument of a word (shared with the plan description's matcher).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Arg {
    Dir(Dir),
    Entity(usize),
    Cell(Pos),
    Color(Color),
}

/// A word's arguments so far, by parameter position.
pub(super) type Bindings = Vec<Option<Arg>>;

/// One way to say a word in a state.
#[derive(Clone, Debug)]
pub struct Expansion {
    /// The word and its arguments, as a derivation shows them.
    pub text: String,
    /// Bits of the word with its arguments.
    pub bits: f64,
    /// The primitive actions it expands to.
    pub actions: Vec<Action>,
    /// The state they lead to.
    pub end: State,
    /// The state before the last action (the start state if there are none).
    pub before_last: State,
}

/// The work one measure may do, shared by its expanders (and so by its threads).
///
/// Work is counted in simulated steps, priced by what takes the time: one for each
/// primitive action simulated (one more per KiB of state it copies), one for each step of a word evaluated with one binding
/// of its arguments (so a binding that fails at once still costs), one per 64 bytes of
/// state for each program or candidate produced (its effect and fingerprint read the
/// whole state), and one per 16 cells for each path search over the grid. It bounds
/// the time a measure takes whatever the language: a word with eight direction
/// parameters tries 4^8 bindings per use.
#[derive(Debug)]
pub struct Meter {
    spent: AtomicU64,
    limit: u64,
}

impl Meter {
    /// A meter allowing `limit` simulated steps.
    pub fn new(limit: u64) -> Self {
        Self {
            spent: AtomicU64::new(0),
            limit,
        }
    }

    /// Steps spent so far (by expanders that have flushed their count).
    pub fn spent(&self) -> u64 {
        self.spent.load(AtomicOrdering::Relaxed)
    }

    /// The limit.
    pub fn limit(&self) -> u64 {
        self.limit
    }
}

/// Steps an expander counts locally before adding them to the shared meter: threads
/// then rarely touch the shared counter, and a thread overshoots the limit by at most this.
const FLUSH_EVERY: u64 = 1024;

/// Expands words of one language in one world. Not shared between threads: it caches
/// distance fields.
pub struct Expander<'a> {
    world: &'a World,
    tech: &'a TechLevels,
    macros: Vec<&'a ActionWord>,
    repeat: Option<&'a ActionWord>,
    code: ParamCode,
    fields: HashMap<(usize, Vec<Pos>), DistanceField>,
    /// Bytes the cached fields may take before the cache is emptied.
    field_cache_limit: u64,
    field_cache_bytes: u64,
    meter: &'a Meter,
    /// Steps spent and not yet added to the meter.
    pending: u64,
    /// What producing one expansion costs: reading its state.
    per_expansion: u64,
    /// What simulating one action costs: a step copies the state.
    per_action: u64,
    /// What one path search over the grid costs.
    per_path_search: u64,
}

impl<'a> Expander<'a> {
    /// An expander for `language` (with technology changes applied) in `world`, spending
    /// its work on `meter` and caching at most `field_cache_limit` bytes of distance fields.
    pub fn new(
        world: &'a World,
        tech: &'a TechLevels,
        language: &'a Language,
        meter: &'a Meter,
        field_cache_limit: u64,
    ) -> Self {
        // A word that works at development sites never expands usefully in a world without
        // one: leaving it out keeps the program space of such worlds what it was before
        // sites existed (same candidates, same work).
        let has_sites = world
            .entities
            .iter()
            .any(|e| matches!(e.kind, EntityKind::Lab { .. }));
        let (macros, repeats): (Vec<&ActionWord>, Vec<&ActionWord>) = language
            .actions
            .words
            .iter()
            .filter(|w| has_sites || !works_at_sites(w))
            .partition(|w| matches!(w.body, Body::Steps(_)));
        let repeat = repeats.into_iter().min_by(|a, b| a.cost.total_cmp(&b.cost));
        Self {
            world,
            tech,
            macros,
            repeat,
            code: ParamCode::for_world(world),
            fields: HashMap::new(),
            field_cache_limit,
            field_cache_bytes: 0,
            meter,
            pending: 0,
            per_expansion: 4 + state_bytes(world) / 64,
            per_action: 1 + state_bytes(world) / 1024,
            per_path_search: 1 + world.grid.len() as u64 / 16,
        }
    }

    /// Count `steps` of work.
    pub fn charge(&mut self, steps: u64) {
        self.pending += steps;
        if self.pending >= FLUSH_EVERY {
            self.flush();
        }
    }

    /// Count one simulated action.
    pub fn charge_action(&mut self) {
        self.charge(self.per_action);
    }

    /// Steps spent on the meter so far, this expander's uncounted ones included.
    pub fn spent(&self) -> u64 {
        self.meter.spent().saturating_add(self.pending)
    }

    /// Whether the meter allows more work. Exact for a meter with one expander.
    pub fn has_work(&self) -> bool {
        self.meter.spent().saturating_add(self.pending) < self.meter.limit
    }

    fn flush(&mut self) {
        self.meter
            .spent
            .fetch_add(std::mem::take(&mut self.pending), AtomicOrdering::Relaxed);
    }

    /// Every expansion of every word (and `repeat`) from `state` costing at most `budget`
    /// bits, found one at a time.
    pub fn expansions(&self, state: &State, budget: f64) -> Expansions {
        Expansions {
            state: state.clone(),
            budget,
            next: Some((0, None)),
            current: None,
        }
    }

    /// How many words (other than `repeat`) the language has.
    pub fn word_count(&self) -> usize {
        self.macros.len()
    }

    /// Bits of word `i` with its arguments, said once, or `repeat`ed `n` times (`None`
    /// if the language has no `repeat`, or `n` exceeds the longest plan a scene may have).
    pub fn bits_of(&self, i: usize, repeat: Option<usize>) -> Option<f64> {
        let bits = self.word_bits(self.macros.get(i)?);
        match repeat {
            None => Some(bits),
            Some(n) if n > MAX_PLAN_LENGTH => None,
            Some(n) => Some(self.repeat?.cost + elias_gamma_bits(n) + bits),
        }
    }

    /// Every expansion of word `i` from `state`, said once or `repeat`ed `n` times,
    /// found one at a time.
    pub fn word_expansions(
        &self,
        state: &State,
        i: usize,
        repeat: Option<usize>,
    ) -> WordExpansions {
        let params = self.macros.get(i).map_or(0, |w| w.params.len());
        WordExpansions {
            word: i,
            repeat,
            binds: vec![None; params],
            choices: Vec::new(),
            actions: Vec::new(),
            start: state.clone(),
            started: false,
            done: self.bits_of(i, repeat).is_none(),
        }
    }

    /// The largest number of bindings a word's use may try: the product of its
    /// parameters' domains (saturating).
    pub fn bindings_of(&self, i: usize) -> u64 {
        self.macros.get(i).map_or(0, |w| {
            w.params
                .iter()
                .fold(1u64, |n, (_, t)| n.saturating_mul(self.domain(*t)))
        })
    }

    /// How many values a parameter of type `t` can take.
    fn domain(&self, t: ParamType) -> u64 {
        match t {
            ParamType::Dir => Dir::ALL.len() as u64,
            ParamType::Color => Color::ALL.len() as u64,
            ParamType::Entity => self.world.entities.len() as u64,
            ParamType::Cell => self.world.grid.len() as u64,
        }
    }

    /// The `k`th value of a parameter of type `t`, in the order the enumeration tries them.
    fn value(&self, t: ParamType, k: u64) -> Option<Arg> {
        let k = usize::try_from(k).ok()?;
        match t {
            ParamType::Dir => Dir::ALL.get(k).copied().map(Arg::Dir),
            ParamType::Color => Color::ALL.get(k).copied().map(Arg::Color),
            ParamType::Entity => (k < self.world.entities.len()).then_some(Arg::Entity(k)),
            ParamType::Cell => {
                (k < self.world.grid.len()).then(|| Arg::Cell(self.world.grid.pos(k)))
            }
        }
    }

    fn word_bits(&self, word: &ActionWord) -> f64 {
        word.cost
            + word
                .params
                .iter()
                .map(|(_, t)| self.code.bits(*t))
                .sum::<f64>()
    }

    fn describe(&self, word: &ActionWord, binds: &Bindings) -> String {
        let args = describe_args(self.world, binds);
        if args.is_empty() {
            word.name.clone()
        } else {
            format!("{}({})", word.name, args.join(", "))
        }
    }

    /// Run `actions` from `at`, appending them to `out`; the end state and the state
    /// before the last action (`before_last` if there are none).
    fn simulate(
        &mut self,
        mut at: State,
        mut before_last: State,
        actions: &[Action],
        out: &mut Vec<Action>,
    ) -> (State, State) {
        for &action in actions {
            self.charge_action();
            let after = self.world.step(self.tech, &at, action);
            before_last = std::mem::replace(&mut at, after);
            out.push(action);
        }
        (at, before_last)
    }

    /// The whole word with every argument bound, from `state`: its actions, the end
    /// state and the state before the last action. `None` if a step fails.
    fn expand_bound(
        &mut self,
        word: &ActionWord,
        state: &State,
        binds: &Bindings,
    ) -> Option<(Vec<Action>, State, State)> {
        let Body::Steps(steps) = &word.body else {
            return None;
        };
        let (mut at, mut before_last) = (state.clone(), state.clone());
        let mut actions = Vec::new();
        for step in steps {
            self.charge(1);
            let more = self.step_actions(word, step, &at, binds)?;
            (at, before_last) = self.simulate(at, before_last, &more, &mut actions);
        }
        Some((actions, at, before_last))
    }

    /// The actions one step adds from `state`, its parameters bound; `None` if it fails
    /// (no path, no such entity beside the agent).
    fn step_actions(
        &mut self,
        word: &ActionWord,
        step: &Step,
        state: &State,
        binds: &Bindings,
    ) -> Option<Vec<Action>> {
        let moves = |path: Vec<Dir>| path.into_iter().map(Action::Move).collect();
        Some(match step {
            Step::WalkTo(target) => {
                let e = self.entity(word, target, state, binds)?;
                let world = self.world;
                moves(self.field(e, state).walk(world, state.agent)?)
            }
            Step::GoTo(cell) => {
                let goal = self.cell(word, cell, state, binds)?;
                self.charge(self.per_path_search);
                moves(
                    DistanceField::to_cells(self.world, state, [goal])
                        .walk(self.world, state.agent)?,
                )
            }
            Step::Noop => vec![Action::Noop],
            Step::Move(r) => vec![Action::Move(self.dir(word, r, state, binds)?)],
            Step::Take(r) => vec![Action::Take(self.dir(word, r, state, binds)?)],
            Step::Apply(r) => vec![Action::Apply(self.dir(word, r, state, binds)?)],
            Step::Toggle(r) => vec![Action::Toggle(self.dir(word, r, state, binds)?)],
            Step::Place(r) => vec![Action::Place(self.dir(word, r, state, binds)?)],
            Step::Aim(r, c) => {
                let d = self.dir(word, r, state, binds)?;
                vec![Action::Aim(d, self.cell(word, c, state, binds)?)]
            }
            Step::Set(r, c) => {
                let d = self.dir(word, r, state, binds)?;
                vec![Action::Set(d, color(word, c, binds)?)]
            }
            Step::Work(r) => vec![Action::Work(self.dir(word, r, state, binds)?)],
            Step::Develop(target) => {
                let site = self.entity(word, target, state, binds)?;
                let remaining = development_left(self.world, self.tech, state, site)?;
                let world = self.world;
                let path = self.field(site, state).walk(world, state.agent)?;
                let mut beside = state.agent;
                for d in &path {
                    beside = beside.step(*d);
                }
                let toward = Dir::ALL
                    .into_iter()
                    .find(|&d| world.entities[site].at == beside.step(d))?;
                let mut actions: Vec<Action> = moves(path);
                actions.extend(std::iter::repeat_n(
                    Action::Work(toward),
                    remaining as usize,
                ));
                actions
            }
        })
    }

    fn dir(
        &mut self,
        word: &ActionWord,
        r: &DirRef,
        state: &State,
        binds: &Bindings,
    ) -> Option<Dir> {
        match r {
            DirRef::Dir(d) => Some(*d),
            DirRef::Param(name) => match bound(word, name, binds)? {
                Arg::Dir(d) => Some(d),
                _ => None,
            },
            DirRef::Toward(e) => {
                let entity = self.entity(word, e, state, binds)?;
                Dir::ALL
                    .into_iter()
                    .find(|&d| self.world.occupant(state, state.agent.step(d)) == Some(entity))
            }
        }
    }

    fn entity(
        &mut self,
        word: &ActionWord,
        r: &EntityRef,
        state: &State,
        binds: &Bindings,
    ) -> Option<usize> {
        match r {
            EntityRef::Param(name) => match bound(word, name, binds)? {
                Arg::Entity(e) => Some(e),
                _ => None,
            },
            EntityRef::Nearest(kind) => self.nearest(*kind, state),
        }
    }

    fn cell(
        &mut self,
        word: &ActionWord,
        r: &CellRef,
        state: &State,
        binds: &Bindings,
    ) -> Option<Pos> {
        match r {
            CellRef::At(e) => {
                let e = self.entity(word, e, state, binds)?;
                self.world.position(state, e)
            }
            CellRef::Param(name) => match bound(word, name, binds)? {
                Arg::Cell(p) => Some(p),
                _ => None,
            },
            CellRef::Cell(p) => Some(*p),
        }
    }

    /// The distance field to the cells beside `entity`, per arrangement of the movable entities.
    fn field(&mut self, entity: usize, state: &State) -> &DistanceField {
        let movable: Vec<Pos> = (0..state.entities.len())
            .filter(|&i| self.world.entities[i].kind.is_movable())
            .filter_map(|i| self.world.position(state, i))
            .collect();
        let key = (entity, movable);
        if !self.fields.contains_key(&key) {
            // Boxes pushed about make new arrangements without end: bound the cache.
            let bytes = field_bytes(self.world, key.1.len());
            if self.field_cache_bytes + bytes > self.field_cache_limit {
                self.fields.clear();
                self.field_cache_bytes = 0;
            }
            self.field_cache_bytes += bytes;
            self.charge(self.per_path_search);
        }
        let world = self.world;
        self.fields
            .entry(key)
            .or_insert_with(|| DistanceField::next_to_entity(world, state, entity))
    }

    /// The entity of `kind` with the shortest walk to a cell beside it (ties: scene order).
    fn nearest(&mut self, kind: KindName, state: &State) -> Option<usize> {
        let mut best: Option<(u32, usize)> = None;
        for i in 0..self.world.entities.len() {
            if !kind_matches(kind, &self.world.entities[i].kind) {
                continue;
            }
            let world = self.world;
            if let Some(d) = self.field(i, state).distance(world, state.agent)
                && best.is_none_or(|(bd, _)| d < bd)
            {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

impl Drop for Expander<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Bytes of one state: an upper bound from the world's size, whatever the state holds.
pub(super) fn state_bytes(world: &World) -> u64 {
    use std::mem::size_of;
    let cells = world.grid.len() * (size_of::<Option<Color>>() + size_of::<bool>());
    let entities = world.entities.len() * size_of::<EntityState>();
    // Three heap blocks with their allocator headers.
    (size_of::<State>() + cells + entities + 3 * 16) as u64
}

/// Bytes of one cached distance field and its key.
pub(super) fn field_bytes(world: &World, movable: usize) -> u64 {
    let entry = std::mem::size_of::<((usize, Vec<Pos>), DistanceField)>();
    (world.grid.len() * std::mem::size_of::<u32>() + movable * std::mem::size_of::<Pos>() + entry)
        as u64
        // Hash table slack.
        * 2
}

/// The argument bound to parameter `name`, if it is bound.
fn bound(word: &ActionWord, name: &str, binds: &Bindings) -> Option<Arg> {
    binds.get(param(word, name)?).copied().flatten()
}

fn color(word: &ActionWord, r: &ColorRef, binds: &Bindings) -> Option<Color> {
    match r {
        ColorRef::Color(c) => Some(*c),
        ColorRef::Param(name) => match bound(word, name, binds)? {
            Arg::Color(c) => Some(c),
            _ => None,
        },
    }
}

/// The parameters a step uses that are not bound yet, in the order the step reads them
/// (a direction before a cell or colour), each once: the step's choices.
fn free_params(word: &ActionWord, step: &Step, binds: &Bindings) -> Vec<(usize, ParamType)> {
    fn entity<'s>(e: &'s EntityRef, names: &mut Vec<(&'s str, ParamType)>) {
        if let EntityRef::Param(p) = e {
            names.push((p, ParamType::Entity));
        }
    }
    fn dir<'s>(d: &'s DirRef, names: &mut Vec<(&'s str, ParamType)>) {
        match d {
            DirRef::Dir(_) => {}
            DirRef::Param(p) => names.push((p, ParamType::Dir)),
            DirRef::Toward(e) => entity(e, names),
        }
    }
    fn cell<'s>(c: &'s CellRef, names: &mut Vec<(&'s str, ParamType)>) {
        match c {
            CellRef::Param(p) => names.push((p, ParamType::Cell)),
            CellRef::At(e) => entity(e, names),
            CellRef::Cell(_) => {}
        }
    }
    let mut names: Vec<(&str, ParamType)> = Vec::new();
    match step {
        Step::Noop => {}
        Step::WalkTo(e) | Step::Develop(e) => entity(e, &mut names),
        Step::GoTo(c) => cell(c, &mut names),
        Step::Move(d)
        | Step::Take(d)
        | Step::Apply(d)
        | Step::Toggle(d)
        | Step::Place(d)
        | Step::Work(d) => dir(d, &mut names),
        Step::Aim(d, c) => {
            dir(d, &mut names);
            cell(c, &mut names);
        }
        Step::Set(d, c) => {
            dir(d, &mut names);
            if let ColorRef::Param(p) = c {
                names.push((p, ParamType::Color));
            }
        }
    }
    let mut free: Vec<(usize, ParamType)> = Vec::new();
    for (name, t) in names {
        if let Some(i) = param(word, name)
            && binds.get(i).is_some_and(Option::is_none)
            && !free.iter().any(|(j, _)| *j == i)
        {
            free.push((i, t));
        }
    }
    free
}

/// A step that binds parameters: where the enumeration comes back to try its next binding.
struct Choice {
    /// The step's index in the body.
    step: usize,
    /// The state before the step.
    at: State,
    /// The state before the last action so far.
    before_last: State,
    /// Actions before the step.
    actions: usize,
    /// The parameters the step binds, with their types.
    free: Vec<(usize, ParamType)>,
    /// The next binding to try, in mixed radix over `free` (the first most significant).
    next: u64,
    /// How many bindings there are.
    options: u64,
}

/// The expansions of one word from one state, found one at a time, depth first over the
/// bindings of its parameters in the order the step of each first uses them. It holds one
/// binding at a time, so its memory does not grow with the number of bindings (millions,
/// for a word with three cell parameters), and each binding tried is charged to the meter.
pub struct WordExpansions {
    word: usize,
    repeat: Option<usize>,
    binds: Bindings,
    choices: Vec<Choice>,
    actions: Vec<Action>,
    start: State,
    started: bool,
    done: bool,
}

/// Where the enumeration of a word goes on from.
enum Resume {
    /// Run the body from this step, state and state before the last action.
    Forward(usize, State, State),
    /// Try the next binding of the innermost choice.
    Next,
}

impl WordExpansions {
    /// The next expansion, or `None` when there are no more or the meter ran out (the
    /// caller asks the meter which).
    pub fn next(&mut self, ex: &mut Expander<'_>) -> Option<Expansion> {
        if self.done {
            return None;
        }
        let Some(word) = ex.macros.get(self.word).copied() else {
            self.done = true;
            return None;
        };
        let Body::Steps(steps) = &word.body else {
            self.done = true;
            return None;
        };
        let mut resume = if self.started {
            Resume::Next
        } else {
            self.started = true;
            Resume::Forward(0, self.start.clone(), self.start.clone())
        };
        loop {
            if !ex.has_work() {
                self.done = true;
                return None;
            }
            resume = match resume {
                Resume::Next => {
                    // Drop the choices whose bindings are all tried.
                    while let Some(c) = self.choices.last()
                        && c.next >= c.options
                    {
                        for (i, _) in &c.free {
                            self.binds[*i] = None;
                        }
                        self.choices.pop();
                    }
                    let Some(c) = self.choices.last_mut() else {
                        self.done = true;
                        return None;
                    };
                    let mut k = c.next;
                    c.next += 1;
                    for &(i, t) in c.free.iter().rev() {
                        let n = ex.domain(t).max(1);
                        self.binds[i] = ex.value(t, k % n);
                        k /= n;
                    }
                    self.actions.truncate(c.actions);
                    let (step, at, before_last) = (c.step, c.at.clone(), c.before_last.clone());
                    ex.charge(1);
                    match ex.step_actions(word, &steps[step], &at, &self.binds) {
                        None => Resume::Next,
                        Some(more) => {
                            let (at, before_last) =
                                ex.simulate(at, before_last, &more, &mut self.actions);
                            Resume::Forward(step + 1, at, before_last)
                        }
                    }
                }
                Resume::Forward(mut i, mut at, mut before_last) => loop {
                    let Some(step) = steps.get(i) else {
                        match self.complete(ex, word, at, before_last) {
                            Some(expansion) => return Some(expansion),
                            None => break Resume::Next,
                        }
                    };
                    let free = free_params(word, step, &self.binds);
                    if !free.is_empty() {
                        let options = free
                            .iter()
                            .fold(1u64, |n, (_, t)| n.saturating_mul(ex.domain(*t)));
                        self.choices.push(Choice {
                            step: i,
                            at,
                            before_last,
                            actions: self.actions.len(),
                            free,
                            next: 0,
                            options,
                        });
                        break Resume::Next;
                    }
                    ex.charge(1);
                    let Some(more) = ex.step_actions(word, step, &at, &self.binds) else {
                        break Resume::Next;
                    };
                    (at, before_last) = ex.simulate(at, before_last, &more, &mut self.actions);
                    i += 1;
                },
            };
        }
    }

    /// The expansion of the word just run with every argument bound, repeated if asked;
    /// `None` if a repetition fails or the plan grows too long.
    fn complete(
        &mut self,
        ex: &mut Expander<'_>,
        word: &ActionWord,
        mut at: State,
        mut before_last: State,
    ) -> Option<Expansion> {
        let mut actions = self.actions.clone();
        for _ in 1..self.repeat.unwrap_or(1) {
            if actions.len() > MAX_PLAN_LENGTH {
                return None;
            }
            // Bindings are complete, so the word expands in at most one way.
            let (more, end, prev) = ex.expand_bound(word, &at, &self.binds)?;
            if !more.is_empty() {
                before_last = prev;
            }
            actions.extend(more);
            at = end;
        }
        ex.charge(ex.per_expansion);
        let text = ex.describe(word, &self.binds);
        let text = match (self.repeat, ex.repeat) {
            (Some(n), Some(r)) => format!("{}({n}, {text})", r.name),
            _ => text,
        };
        Some(Expansion {
            text,
            bits: ex.bits_of(self.word, self.repeat)?,
            actions,
            end: at,
            before_last,
        })
    }
}

/// The expansions of every word from one state within a budget of bits, found one at a
/// time: each word once, then `repeat`ed 2, 3, … times while that fits.
pub struct Expansions {
    state: State,
    budget: f64,
    /// The next (word, repeat) to consider.
    next: Option<(usize, Option<usize>)>,
    current: Option<WordExpansions>,
}

impl Expansions {
    /// The next expansion, or `None` when there are no more or the meter ran out.
    pub fn next(&mut self, ex: &mut Expander<'_>) -> Option<Expansion> {
        loop {
            if let Some(current) = &mut self.current {
                if let Some(expansion) = current.next(ex) {
                    return Some(expansion);
                }
                self.current = None;
                if !ex.has_work() {
                    return None;
                }
            }
            let (word, repeat) = self.next?;
            if word >= ex.word_count() {
                self.next = None;
                return None;
            }
            let fits = ex
                .bits_of(word, repeat)
                .is_some_and(|b| b <= self.budget + 1e-9);
            // Repeats get dearer with n (Elias gamma), so the budget bounds them.
            self.next = Some(if fits {
                (word, Some(repeat.map_or(2, |n| n + 1)))
            } else {
                (word + 1, None)
            });
            if fits {
                self.current = Some(ex.word_expansions(&self.state, word, repeat));
            }
        }
    }
}

/// The arguments as a derivation shows them (`?` for unbound ones).
pub(super) fn describe_args(world: &World, binds: &Bindings) -> Vec<String> {
    describe_args_with(|e| world.entities.get(e).map(|e| e.id.as_str()), binds)
}

/// The arguments as text, naming entities with `id`.
pub(super) fn describe_args_with<'a>(
    id: impl Fn(usize) -> Option<&'a str>,
    binds: &Bindings,
) -> Vec<String> {
    binds
        .iter()
        .map(|b| match b {
            Some(Arg::Dir(d)) => d.to_string(),
            Some(Arg::Entity(e)) => id(*e).unwrap_or("?").to_owned(),
            Some(Arg::Cell(p)) => p.to_string(),
            Some(Arg::Color(c)) => c.to_string(),
            None => "?".into(),
        })
        .collect()
}

/// The position of a word's parameter.
pub(super) fn param(word: &ActionWord, name: &str) -> Option<usize> {
    word.params.iter().position(|(n, _)| n == name)
}

/// Whether a word's body works at development sites (`Work`, `Develop`).
pub(super) fn works_at_sites(word: &ActionWord) -> bool {
    match &word.body {
        Body::Steps(steps) => steps
            .iter()
            .any(|s| matches!(s, Step::Work(_) | Step::Develop(_))),
        Body::Repeat => false,
    }
}

/// The steps of work a `Develop` of entity `site` does from `state`: what is left of
/// the site's work, when the work takes (the site's own technology works, the one it
/// develops does not yet, and every prerequisite of that one does). `None` when the
/// entity is not a site or there is nothing the work would do. Walking to the site
/// changes none of this, so it is decided before the walk.
pub(super) fn development_left(
    world: &World,
    tech: &TechLevels,
    state: &State,
    site: usize,
) -> Option<u32> {
    let entity = world.entities.get(site)?;
    let (EntityKind::Lab { develops, work }, Some(EntityState::Lab { progress })) =
        (&entity.kind, state.entities.get(site))
    else {
        return None;
    };
    let takes = world.technology_works(tech, state, entity.requires)
        && !world.technology_works(tech, state, Some(*develops))
        && world.prerequisites_work(tech, state, *develops);
    (takes && progress < work).then(|| work - progress)
}

/// Whether a language's kind name denotes this entity kind.
pub fn kind_matches(name: KindName, kind: &EntityKind) -> bool {
    matches!(
        (name, kind),
        (KindName::Car, EntityKind::Car)
            | (KindName::PaintShop, EntityKind::PaintShop { .. })
            | (KindName::Projector, EntityKind::Projector { .. })
            | (
                KindName::NeuralInterface,
                EntityKind::NeuralInterface { .. }
            )
            | (KindName::Observer, EntityKind::Observer)
            | (KindName::Lab, EntityKind::Lab { .. })
    )
}
