//! Plan description length: the shortest sequence of action words whose expansion is
//! exactly the plan.
//!
//! Exact. Words expand against the state the plan has reached, and a derivation must
//! reproduce the plan action for action, so every state a word is matched in is a state
//! of the plan's own trajectory. That makes the search a shortest path over plan
//! positions 0..=n: an edge i → j for every word (with arguments) whose expansion in
//! state i is actions i..j. `repeat(k, w)` adds an edge for each run of k ≥ 2 identical
//! word uses. Dynamic programming over positions finds the optimum in
//! O(n · words · matches).

use super::derivation::{Cover, Derivation, Undescribable, WordUse};
use super::expand::{Arg, Bindings, describe_args_with, kind_matches, param};
use crate::language::{
    ActionWord, Body, CellRef, ColorRef, DirRef, EntityRef, KindName, Language, ParamCode, Step,
    elias_gamma_bits,
};
use crate::world::{Action, Dir, DistanceField, EntityKind, EntityState, Pos, State, World};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// The shortest description of `actions` (whose trajectory is `trajectory`) in `language`.
pub fn plan_description(
    world: &World,
    language: &Language,
    actions: &[Action],
    trajectory: &[State],
) -> Result<Derivation, Undescribable> {
    let costs = ActionCosts::of(language);
    let matches = PlanMatches::find(
        world,
        &language.name,
        &language.actions.words,
        costs.repeat.is_some(),
        actions,
        trajectory,
    )?;
    let n = actions.len();
    matches
        .derivation(&costs, &language.actions.words, 0, n)
        .ok_or_else(|| {
            let stuck = matches.furthest(&costs, 0);
            let action = actions
                .get(stuck)
                .map_or_else(String::new, |a| format!(" ({a})"));
            Undescribable(format!(
                "the language `{}` has no word for action {stuck}{action} of the plan",
                language.name
            ))
        })
}

/// What each action word of a list costs in one language: `None` for a word the language
/// lacks. Matching a plan does not depend on costs, so one [`PlanMatches`] serves every
/// language whose words are drawn from the same list (the random languages of a sweep).
#[derive(Clone, Debug, PartialEq)]
pub struct ActionCosts {
    /// Bits of each word before its arguments, by position in the word list.
    pub word: Vec<Option<f64>>,
    /// The cheapest `repeat` word: its position and bits.
    pub repeat: Option<(usize, f64)>,
    /// Bits of the end word.
    pub end: f64,
}

impl ActionCosts {
    /// The costs of `language`'s own action words.
    pub fn of(language: &Language) -> Self {
        let words = &language.actions.words;
        let repeat = words
            .iter()
            .enumerate()
            .filter(|(_, w)| matches!(w.body, Body::Repeat))
            .min_by(|a, b| a.1.cost.total_cmp(&b.1.cost))
            .map(|(i, w)| (i, w.cost));
        Self {
            word: words.iter().map(|w| Some(w.cost)).collect(),
            repeat,
            end: language.actions.end,
        }
    }
}

/// One way a word (said once, or `repeat`ed) expands to plan actions `start..end`.
#[derive(Clone, Debug)]
pub struct PlanMatch {
    /// First action covered.
    pub start: usize,
    /// One past the last action covered (always after `start`).
    pub end: usize,
    /// The word, by position in the word list matched.
    pub word: usize,
    /// How many times it is said in a row (`Some(n)`, n ≥ 2, under `repeat`), or once.
    pub repeat: Option<usize>,
    /// Bits of the arguments.
    pub param_bits: f64,
    binds: Bindings,
}

impl PlanMatch {
    /// Bits of this use under `costs`, or `None` if the language lacks a word it needs.
    pub fn bits(&self, costs: &ActionCosts) -> Option<f64> {
        let single = costs.word.get(self.word).copied().flatten()? + self.param_bits;
        match self.repeat {
            None => Some(single),
            Some(count) => Some(costs.repeat?.1 + elias_gamma_bits(count) + single),
        }
    }
}

/// Every use of every word of a list that expands to a span of one plan: the edges of
/// the shortest-path problem a plan description is, over plan positions `0..=n`.
#[derive(Clone, Debug)]
pub struct PlanMatches {
    /// By `start`, then in the order a search over the words finds them (ties between
    /// equally short derivations go to the first found, as they always have).
    matches: Vec<PlanMatch>,
    /// The plan's length.
    n: usize,
    /// Entity ids, for arguments as text.
    entity_ids: Vec<String>,
}

impl PlanMatches {
    /// Match `words` against every span of the plan `actions` (with `trajectory`), with
    /// `repeat` runs if `repeats`. Fails when the matching work passes [`MAX_MATCH_WORK`]
    /// (`language` names the language in the message).
    pub fn find(
        world: &World,
        language: &str,
        words: &[ActionWord],
        repeats: bool,
        actions: &[Action],
        trajectory: &[State],
    ) -> Result<Self, Undescribable> {
        Self::find_within(
            world,
            language,
            words,
            repeats,
            actions,
            trajectory,
            MAX_MATCH_WORK,
        )
    }

    /// [`Self::find`] with another limit on the matching work, for word lists longer
    /// than one language's.
    pub fn find_within(
        world: &World,
        language: &str,
        words: &[ActionWord],
        repeats: bool,
        actions: &[Action],
        trajectory: &[State],
        limit: u64,
    ) -> Result<Self, Undescribable> {
        let matcher = Matcher {
            world,
            actions,
            trajectory,
            fields: RefCell::new(HashMap::new()),
            work: Cell::new(0),
            limit,
        };
        let code = ParamCode::for_world(world);
        let n = actions.len();
        let mut matches = Vec::new();
        for start in 0..n {
            for (w, word) in words.iter().enumerate() {
                if !matches!(word.body, Body::Steps(_)) {
                    continue;
                }
                let param_bits = word.params.iter().map(|(_, t)| code.bits(*t)).sum::<f64>();
                for (end, binds) in matcher.matches(word, start, vec![None; word.params.len()]) {
                    if end <= start {
                        continue;
                    }
                    matches.push(PlanMatch {
                        start,
                        end,
                        word: w,
                        repeat: None,
                        param_bits,
                        binds: binds.clone(),
                    });
                    if !repeats {
                        continue;
                    }
                    // Extend a run of the same word with the same arguments.
                    let (mut count, mut at) = (1, end);
                    while let Some(next) = matcher
                        .matches(word, at, binds.clone())
                        .into_iter()
                        .map(|(e, _)| e)
                        .find(|&e| e > at)
                    {
                        count += 1;
                        at = next;
                        matches.push(PlanMatch {
                            start,
                            end: at,
                            word: w,
                            repeat: Some(count),
                            param_bits,
                            binds: binds.clone(),
                        });
                    }
                }
            }
        }
        if matcher.work.get() >= limit {
            return Err(Undescribable(format!(
                "the search for the shortest description in `{language}` stopped after {limit} partial word matches (its words bind in too many ways)"
            )));
        }
        Ok(Self {
            matches,
            n,
            entity_ids: world.entities.iter().map(|e| e.id.clone()).collect(),
        })
    }

    /// The plan's length.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether the plan has no actions.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Shortest bits from position `from` to every later position under `costs`, with
    /// the match that reaches each one last.
    fn distances(&self, costs: &ActionCosts, from: usize) -> (Vec<f64>, Vec<Option<usize>>) {
        let mut best = vec![f64::INFINITY; self.n + 1];
        let mut back = vec![None; self.n + 1];
        if from > self.n {
            return (best, back);
        }
        best[from] = 0.0;
        let first = self.matches.partition_point(|m| m.start < from);
        for (i, m) in self.matches.iter().enumerate().skip(first) {
            if best[m.start].is_infinite() {
                continue;
            }
            let Some(bits) = m.bits(costs) else { continue };
            if best[m.start] + bits < best[m.end] - 1e-12 {
                best[m.end] = best[m.start] + bits;
                back[m.end] = Some(i);
            }
        }
        (best, back)
    }

    /// Bits of the shortest description of the whole plan (its end word included), or
    /// `None` when `costs` cannot describe it. The fast path of a sweep over languages.
    pub fn shortest_bits(&self, costs: &ActionCosts) -> Option<f64> {
        let best = self.distances(costs, 0).0[self.n];
        best.is_finite().then_some(best + costs.end)
    }

    /// The furthest position a description from `from` reaches under `costs`.
    pub fn furthest(&self, costs: &ActionCosts, from: usize) -> usize {
        let best = self.distances(costs, from).0;
        (0..=self.n)
            .rev()
            .find(|&i| best[i].is_finite())
            .unwrap_or(0)
    }

    /// The shortest words for actions `from..to` under `costs` (no end word), or `None`.
    pub fn words_between(
        &self,
        costs: &ActionCosts,
        words: &[ActionWord],
        from: usize,
        to: usize,
    ) -> Option<Vec<WordUse>> {
        let (best, back) = self.distances(costs, from);
        if !best.get(to)?.is_finite() {
            return None;
        }
        let mut out = Vec::new();
        let mut at = to;
        while at != from {
            let m = &self.matches[back[at]?];
            out.push(self.word_use(m, costs, words)?);
            at = m.start;
        }
        out.reverse();
        Some(out)
    }

    /// The shortest derivation of actions `from..to` under `costs`, ending with the end word.
    pub fn derivation(
        &self,
        costs: &ActionCosts,
        words: &[ActionWord],
        from: usize,
        to: usize,
    ) -> Option<Derivation> {
        Some(Derivation {
            words: self.words_between(costs, words, from, to)?,
            end_bits: costs.end,
            exact: true,
            note: None,
        })
    }

    fn word_use(
        &self,
        m: &PlanMatch,
        costs: &ActionCosts,
        words: &[ActionWord],
    ) -> Option<WordUse> {
        let word = words.get(m.word)?;
        let args = describe_args_with(|e| self.entity_ids.get(e).map(String::as_str), &m.binds);
        let covers = Cover::Actions {
            start: m.start,
            end: m.end,
        };
        let bits = m.bits(costs)?;
        Some(match m.repeat {
            None => WordUse {
                word: word.name.clone(),
                args,
                bits,
                covers,
            },
            Some(count) => {
                let repeat = words.get(costs.repeat?.0)?;
                let mut rargs = vec![format!("{count}"), word.name.clone()];
                rargs.extend(args);
                WordUse {
                    word: repeat.name.clone(),
                    args: rargs,
                    bits,
                    covers,
                }
            }
        })
    }
}

struct Matcher<'a> {
    world: &'a World,
    actions: &'a [Action],
    trajectory: &'a [State],
    /// Distance fields to the cells beside each entity, for each arrangement of the
    /// movable entities (always the same one in scenes where nothing is pushed).
    fields: RefCell<HashMap<(usize, Vec<Pos>), DistanceField>>,
    /// Partial matches tried so far, against `limit`.
    work: Cell<u64>,
    /// The most partial matches to try ([`MAX_MATCH_WORK`] for one language).
    limit: u64,
}

/// The most partial word matches one plan's description may try. Words whose parameters
/// can bind in many ways (several free cells) branch at every step; past this the search
/// stops and says so rather than running on.
pub const MAX_MATCH_WORK: u64 = 2_000_000;

impl Matcher<'_> {
    /// Every way `word` (with some arguments already bound) expands, from position
    /// `start`, to a prefix of the remaining plan: (end position, full bindings).
    fn matches(&self, word: &ActionWord, start: usize, binds: Bindings) -> Vec<(usize, Bindings)> {
        let Body::Steps(steps) = &word.body else {
            return Vec::new();
        };
        let mut out = Vec::new();
        self.match_steps(word, steps, start, binds, &mut out);
        out
    }

    fn match_steps(
        &self,
        word: &ActionWord,
        steps: &[Step],
        pos: usize,
        binds: Bindings,
        out: &mut Vec<(usize, Bindings)>,
    ) {
        // (next step, plan position, bindings) on a stack rather than recursion: a word's
        // body comes from a file. Branches are pushed in reverse, so they are taken in
        // the order a recursive search would take them (ties keep the same derivation).
        let mut work = vec![(0usize, pos, binds)];
        while let Some((k, pos, binds)) = work.pop() {
            if self.work.get() >= self.limit {
                return;
            }
            self.work.set(self.work.get() + 1);
            let Some(step) = steps.get(k) else {
                out.push((pos, binds));
                continue;
            };
            let Some(state) = self.trajectory.get(pos) else {
                continue;
            };
            let mut next: Vec<(usize, Bindings)> = Vec::new();
            match step {
                Step::WalkTo(target) => {
                    for (entity, binds) in self.entity_candidates(word, target, state, binds) {
                        let path = self.walk_to_entity(entity, state);
                        if let Some(len) = path.and_then(|p| self.follows_moves(pos, &p)) {
                            next.push((pos + len, binds));
                        }
                    }
                }
                Step::Develop(target) => {
                    for (site, binds) in self.entity_candidates(word, target, state, binds) {
                        if let Some(len) = self.follows_development(site, pos, state) {
                            next.push((pos + len, binds));
                        }
                    }
                }
                Step::GoTo(cell) => {
                    for (goal, binds) in self.cell_candidates(word, cell, pos, binds) {
                        let path = DistanceField::to_cells(self.world, state, [goal])
                            .walk(self.world, state.agent);
                        if let Some(len) = path.and_then(|p| self.follows_moves(pos, &p)) {
                            next.push((pos + len, binds));
                        }
                    }
                }
                primitive => {
                    let Some(&action) = self.actions.get(pos) else {
                        continue;
                    };
                    if let Some(binds) = self.unify(word, primitive, action, state, binds) {
                        next.push((pos + 1, binds));
                    }
                }
            }
            work.extend(next.into_iter().rev().map(|(p, b)| (k + 1, p, b)));
        }
    }

    /// The number of actions from `pos` if they are a `Develop` of `site`: the canonical
    /// walk beside it, then `Work` toward it for the rest of its work, which the plan's
    /// own trajectory shows done (so each step of work took, as the expansion requires).
    fn follows_development(&self, site: usize, pos: usize, state: &State) -> Option<usize> {
        let entity = self.world.entities.get(site)?;
        let (EntityKind::Lab { work, .. }, Some(EntityState::Lab { progress })) =
            (&entity.kind, state.entities.get(site))
        else {
            return None;
        };
        if progress >= work {
            return None;
        }
        let walk = self.follows_moves(pos, &self.walk_to_entity(site, state)?)?;
        let beside = self.trajectory.get(pos + walk)?.agent;
        let toward = Dir::ALL
            .into_iter()
            .find(|&d| beside.step(d) == entity.at)?;
        let left = (work - progress) as usize;
        let actual = self.actions.get(pos + walk..pos + walk + left)?;
        let done = matches!(
            self.trajectory.get(pos + walk + left)?.entities.get(site),
            Some(EntityState::Lab { progress }) if progress == work
        );
        (done && actual.iter().all(|a| *a == Action::Work(toward))).then_some(walk + left)
    }

    /// The number of actions from `pos` if they are exactly the moves of `path`.
    fn follows_moves(&self, pos: usize, path: &[Dir]) -> Option<usize> {
        let actual = self.actions.get(pos..pos + path.len())?;
        actual
            .iter()
            .zip(path)
            .all(|(a, d)| *a == Action::Move(*d))
            .then_some(path.len())
    }

    fn walk_to_entity(&self, entity: usize, state: &State) -> Option<Vec<Dir>> {
        self.with_field(entity, state, |field| field.walk(self.world, state.agent))
    }

    /// Run `f` on the distance field to the cells beside `entity` in `state`, computing it
    /// once per arrangement of the movable entities.
    fn with_field<T>(
        &self,
        entity: usize,
        state: &State,
        f: impl FnOnce(&DistanceField) -> T,
    ) -> T {
        let movable: Vec<Pos> = (0..state.entities.len())
            .filter(|&i| self.world.entities[i].kind.is_movable())
            .filter_map(|i| self.world.position(state, i))
            .collect();
        let mut fields = self.fields.borrow_mut();
        let field = fields
            .entry((entity, movable))
            .or_insert_with(|| DistanceField::next_to_entity(self.world, state, entity));
        f(field)
    }

    /// The entities an entity reference can stand for, each with the bindings it implies.
    fn entity_candidates(
        &self,
        word: &ActionWord,
        r: &EntityRef,
        state: &State,
        binds: Bindings,
    ) -> Vec<(usize, Bindings)> {
        match r {
            EntityRef::Param(name) => {
                let Some(i) = param(word, name) else {
                    return Vec::new();
                };
                match binds[i] {
                    Some(Arg::Entity(e)) => vec![(e, binds)],
                    Some(_) => Vec::new(),
                    None => (0..self.world.entities.len())
                        .map(|e| {
                            let mut b = binds.clone();
                            b[i] = Some(Arg::Entity(e));
                            (e, b)
                        })
                        .collect(),
                }
            }
            EntityRef::Nearest(kind) => self
                .nearest(*kind, state)
                .map(|e| (e, binds))
                .into_iter()
                .collect(),
        }
    }

    /// The entity of `kind` the agent can reach a neighbouring cell of in the fewest steps.
    fn nearest(&self, kind: KindName, state: &State) -> Option<usize> {
        let mut best: Option<(u32, usize)> = None;
        for (i, e) in self.world.entities.iter().enumerate() {
            if !kind_matches(kind, &e.kind) {
                continue;
            }
            let distance =
                self.with_field(i, state, |field| field.distance(self.world, state.agent));
            if let Some(d) = distance
                && best.is_none_or(|(bd, _)| d < bd)
            {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Cells a `GoTo` can aim for: a bound or entity cell, or, for an unbound parameter,
    /// each cell the agent reaches along the run of moves starting at `pos`.
    fn cell_candidates(
        &self,
        word: &ActionWord,
        r: &CellRef,
        pos: usize,
        binds: Bindings,
    ) -> Vec<(Pos, Bindings)> {
        let state = &self.trajectory[pos];
        match r {
            CellRef::At(e) => self
                .entity_candidates(word, e, state, binds)
                .into_iter()
                .filter_map(|(e, b)| Some((self.world.position(state, e)?, b)))
                .collect(),
            CellRef::Param(name) => {
                let Some(i) = param(word, name) else {
                    return Vec::new();
                };
                match binds[i] {
                    Some(Arg::Cell(p)) => vec![(p, binds)],
                    Some(_) => Vec::new(),
                    None => {
                        let run = self.actions[pos..]
                            .iter()
                            .take_while(|a| matches!(a, Action::Move(_)))
                            .count();
                        (1..=run)
                            .map(|k| self.trajectory[pos + k].agent)
                            .map(|p| {
                                let mut b = binds.clone();
                                b[i] = Some(Arg::Cell(p));
                                (p, b)
                            })
                            .collect()
                    }
                }
            }
            CellRef::Cell(p) => vec![(*p, binds)],
        }
    }

    /// Match one primitive step template against the plan's action, binding parameters.
    fn unify(
        &self,
        word: &ActionWord,
        step: &Step,
        action: Action,
        state: &State,
        mut binds: Bindings,
    ) -> Option<Bindings> {
        let ok = match (step, action) {
            (Step::Noop, Action::Noop) => true,
            (Step::Move(r), Action::Move(d))
            | (Step::Take(r), Action::Take(d))
            | (Step::Apply(r), Action::Apply(d))
            | (Step::Toggle(r), Action::Toggle(d))
            | (Step::Place(r), Action::Place(d))
            | (Step::Work(r), Action::Work(d)) => self.unify_dir(word, r, d, state, &mut binds),
            (Step::Aim(r, c), Action::Aim(d, p)) => {
                self.unify_dir(word, r, d, state, &mut binds)
                    && self.unify_cell(word, c, p, state, &mut binds)
            }
            (Step::Set(r, c), Action::Set(d, color)) => {
                self.unify_dir(word, r, d, state, &mut binds)
                    && match c {
                        ColorRef::Color(fixed) => *fixed == color,
                        ColorRef::Param(name) => {
                            bind(&mut binds, param(word, name), Arg::Color(color))
                        }
                    }
            }
            _ => false,
        };
        ok.then_some(binds)
    }

    fn unify_dir(
        &self,
        word: &ActionWord,
        r: &DirRef,
        d: Dir,
        state: &State,
        binds: &mut Bindings,
    ) -> bool {
        match r {
            DirRef::Dir(fixed) => *fixed == d,
            DirRef::Param(name) => bind(binds, param(word, name), Arg::Dir(d)),
            DirRef::Toward(e) => match self.world.occupant(state, state.agent.step(d)) {
                Some(there) => self.unify_entity(word, e, there, state, binds),
                None => false,
            },
        }
    }

    fn unify_cell(
        &self,
        word: &ActionWord,
        r: &CellRef,
        p: Pos,
        state: &State,
        binds: &mut Bindings,
    ) -> bool {
        match r {
            CellRef::Param(name) => bind(binds, param(word, name), Arg::Cell(p)),
            CellRef::At(e) => match self.world.occupant(state, p) {
                Some(there) => self.unify_entity(word, e, there, state, binds),
                None => false,
            },
            CellRef::Cell(fixed) => *fixed == p,
        }
    }

    fn unify_entity(
        &self,
        word: &ActionWord,
        r: &EntityRef,
        entity: usize,
        state: &State,
        binds: &mut Bindings,
    ) -> bool {
        match r {
            EntityRef::Param(name) => bind(binds, param(word, name), Arg::Entity(entity)),
            EntityRef::Nearest(kind) => self.nearest(*kind, state) == Some(entity),
        }
    }
}

/// Bind parameter `index` to `value`, or check it equals the value already bound.
fn bind(binds: &mut Bindings, index: Option<usize>, value: Arg) -> bool {
    let Some(slot) = index.and_then(|i| binds.get_mut(i)) else {
        return false;
    };
    match slot {
        Some(bound) => *bound == value,
        None => {
            *slot = Some(value);
            true
        }
    }
}
