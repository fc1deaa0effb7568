//! Running a language forward: every way each action word can be said in a state, what
//! it costs, and the actions and state it leads to. This is the program space that
//! algorithmic probability sums over and that search effort searches.
//!
//! The expansion rules are those the plan description length matches against: a walk
//! is the canonical shortest walk, `Toward(e)` needs `e` beside the agent, and a word
//! fails (has no expansion) when a walk has no path.

use crate::language::{
    ActionWord, Body, CellRef, ColorRef, DirRef, EntityRef, KindName, Language, ParamCode, Step,
    elias_gamma_bits,
};
use crate::scene::MAX_PLAN_LENGTH;
use crate::world::{Action, Color, Dir, DistanceField, EntityKind, Pos, State, TechLevels, World};
use std::collections::HashMap;

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

/// Expands words of one language in one world. Not shared between threads: it caches
/// distance fields.
pub struct Expander<'a> {
    world: &'a World,
    tech: &'a TechLevels,
    macros: Vec<&'a ActionWord>,
    repeat: Option<&'a ActionWord>,
    code: ParamCode,
    fields: HashMap<(usize, Vec<Pos>), DistanceField>,
}

impl<'a> Expander<'a> {
    /// An expander for `language` (with technology changes applied) in `world`.
    pub fn new(world: &'a World, tech: &'a TechLevels, language: &'a Language) -> Self {
        let (macros, repeats): (Vec<&ActionWord>, Vec<&ActionWord>) = language
            .actions
            .words
            .iter()
            .partition(|w| matches!(w.body, Body::Steps(_)));
        let repeat = repeats.into_iter().min_by(|a, b| a.cost.total_cmp(&b.cost));
        Self {
            world,
            tech,
            macros,
            repeat,
            code: ParamCode::for_world(world),
            fields: HashMap::new(),
        }
    }

    /// Every expansion of every word (and `repeat`) from `state` costing at most `budget` bits.
    pub fn expansions(&mut self, state: &State, budget: f64) -> Vec<Expansion> {
        let mut out = Vec::new();
        for word in 0..self.word_count() {
            if self.bits_of(word, None).is_some_and(|b| b <= budget + 1e-9) {
                out.extend(self.expand_word(state, word, None));
            }
            // Repeats get dearer with n (Elias gamma), so the budget bounds them.
            let mut n = 2;
            while self
                .bits_of(word, Some(n))
                .is_some_and(|b| b <= budget + 1e-9)
            {
                out.extend(self.expand_word(state, word, Some(n)));
                n += 1;
            }
        }
        out
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

    /// Every expansion of word `i` from `state`, said once or `repeat`ed `n` times.
    pub fn expand_word(
        &mut self,
        state: &State,
        i: usize,
        repeat: Option<usize>,
    ) -> Vec<Expansion> {
        let Some(word) = self.macros.get(i).copied() else {
            return Vec::new();
        };
        let Some(bits) = self.bits_of(i, repeat) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (binds, actions, end, before_last) in
            self.expand(word, state, vec![None; word.params.len()])
        {
            let text = self.describe(word, &binds);
            let (mut actions, mut at, mut before_last) = (actions, end, before_last);
            let mut complete = true;
            for _ in 1..repeat.unwrap_or(1) {
                if actions.len() > MAX_PLAN_LENGTH {
                    complete = false;
                    break;
                }
                // Bindings are complete, so the word expands in at most one way.
                let Some((_, more, end, prev)) =
                    self.expand(word, &at, binds.clone()).into_iter().next()
                else {
                    complete = false;
                    break;
                };
                if !more.is_empty() {
                    before_last = prev;
                }
                actions.extend(more);
                at = end;
            }
            if !complete {
                continue;
            }
            let text = match (repeat, self.repeat) {
                (Some(n), Some(r)) => format!("{}({n}, {text})", r.name),
                _ => text,
            };
            out.push(Expansion {
                text,
                bits,
                actions,
                end: at,
                before_last,
            });
        }
        out
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

    /// Every (bindings, actions, end state, state before the last action) of `word` from `state`.
    fn expand(
        &mut self,
        word: &ActionWord,
        state: &State,
        binds: Bindings,
    ) -> Vec<(Bindings, Vec<Action>, State, State)> {
        let Body::Steps(steps) = &word.body else {
            return Vec::new();
        };
        let mut partial = vec![(binds, Vec::new(), state.clone(), state.clone())];
        for step in steps {
            let mut next = Vec::new();
            for (binds, actions, at, before_last) in partial {
                for (binds, more) in self.step_options(word, step, &at, binds) {
                    let (mut actions, mut at, mut before_last) =
                        (actions.clone(), at.clone(), before_last.clone());
                    for action in more {
                        let after = self.world.step(self.tech, &at, action);
                        before_last = std::mem::replace(&mut at, after);
                        actions.push(action);
                    }
                    next.push((binds, actions, at, before_last));
                }
            }
            partial = next;
            if partial.is_empty() {
                break;
            }
        }
        partial
    }

    /// The ways one step can go from `state`: bindings and the actions it adds.
    fn step_options(
        &mut self,
        word: &ActionWord,
        step: &Step,
        state: &State,
        binds: Bindings,
    ) -> Vec<(Bindings, Vec<Action>)> {
        match step {
            Step::WalkTo(target) => self
                .entities(word, target, state, binds)
                .into_iter()
                .filter_map(|(e, b)| {
                    let world = self.world;
                    let path = self.field(e, state).walk(world, state.agent)?;
                    Some((b, path.into_iter().map(Action::Move).collect()))
                })
                .collect(),
            Step::GoTo(cell) => self
                .cells(word, cell, state, binds)
                .into_iter()
                .filter_map(|(goal, b)| {
                    let path = DistanceField::to_cells(self.world, state, [goal])
                        .walk(self.world, state.agent)?;
                    Some((b, path.into_iter().map(Action::Move).collect()))
                })
                .collect(),
            Step::Noop => vec![(binds, vec![Action::Noop])],
            Step::Move(r) => self.dirs(word, r, state, binds, Action::Move),
            Step::Take(r) => self.dirs(word, r, state, binds, Action::Take),
            Step::Apply(r) => self.dirs(word, r, state, binds, Action::Apply),
            Step::Toggle(r) => self.dirs(word, r, state, binds, Action::Toggle),
            Step::Place(r) => self.dirs(word, r, state, binds, Action::Place),
            Step::Aim(r, c) => {
                let mut out = Vec::new();
                for (b, d) in self.dir_bindings(word, r, state, binds) {
                    for (p, b) in self.cells(word, c, state, b) {
                        out.push((b, vec![Action::Aim(d, p)]));
                    }
                }
                out
            }
            Step::Set(r, c) => {
                let mut out = Vec::new();
                for (b, d) in self.dir_bindings(word, r, state, binds) {
                    for (color, b) in self.colors(word, c, b) {
                        out.push((b, vec![Action::Set(d, color)]));
                    }
                }
                out
            }
        }
    }

    fn dirs(
        &mut self,
        word: &ActionWord,
        r: &DirRef,
        state: &State,
        binds: Bindings,
        make: fn(Dir) -> Action,
    ) -> Vec<(Bindings, Vec<Action>)> {
        self.dir_bindings(word, r, state, binds)
            .into_iter()
            .map(|(b, d)| (b, vec![make(d)]))
            .collect()
    }

    fn dir_bindings(
        &mut self,
        word: &ActionWord,
        r: &DirRef,
        state: &State,
        binds: Bindings,
    ) -> Vec<(Bindings, Dir)> {
        match r {
            DirRef::Dir(d) => vec![(binds, *d)],
            DirRef::Param(name) => match param(word, name) {
                Some(i) => match binds[i] {
                    Some(Arg::Dir(d)) => vec![(binds, d)],
                    Some(_) => Vec::new(),
                    None => Dir::ALL
                        .iter()
                        .map(|&d| (with(&binds, i, Arg::Dir(d)), d))
                        .collect(),
                },
                None => Vec::new(),
            },
            DirRef::Toward(e) => self
                .entities(word, e, state, binds)
                .into_iter()
                .filter_map(|(entity, b)| {
                    let d = Dir::ALL.into_iter().find(|&d| {
                        self.world.occupant(state, state.agent.step(d)) == Some(entity)
                    })?;
                    Some((b, d))
                })
                .collect(),
        }
    }

    fn entities(
        &mut self,
        word: &ActionWord,
        r: &EntityRef,
        state: &State,
        binds: Bindings,
    ) -> Vec<(usize, Bindings)> {
        match r {
            EntityRef::Param(name) => match param(word, name) {
                Some(i) => match binds[i] {
                    Some(Arg::Entity(e)) => vec![(e, binds)],
                    Some(_) => Vec::new(),
                    None => (0..self.world.entities.len())
                        .map(|e| (e, with(&binds, i, Arg::Entity(e))))
                        .collect(),
                },
                None => Vec::new(),
            },
            EntityRef::Nearest(kind) => self
                .nearest(*kind, state)
                .map(|e| (e, binds))
                .into_iter()
                .collect(),
        }
    }

    fn cells(
        &mut self,
        word: &ActionWord,
        r: &CellRef,
        state: &State,
        binds: Bindings,
    ) -> Vec<(Pos, Bindings)> {
        match r {
            CellRef::At(e) => self
                .entities(word, e, state, binds)
                .into_iter()
                .filter_map(|(e, b)| Some((self.world.position(state, e)?, b)))
                .collect(),
            CellRef::Param(name) => match param(word, name) {
                Some(i) => match binds[i] {
                    Some(Arg::Cell(p)) => vec![(p, binds)],
                    Some(_) => Vec::new(),
                    None => self
                        .world
                        .grid
                        .cells()
                        .map(|p| (p, with(&binds, i, Arg::Cell(p))))
                        .collect(),
                },
                None => Vec::new(),
            },
        }
    }

    fn colors(&self, word: &ActionWord, r: &ColorRef, binds: Bindings) -> Vec<(Color, Bindings)> {
        match r {
            ColorRef::Color(c) => vec![(*c, binds)],
            ColorRef::Param(name) => match param(word, name) {
                Some(i) => match binds[i] {
                    Some(Arg::Color(c)) => vec![(c, binds)],
                    Some(_) => Vec::new(),
                    None => Color::ALL
                        .iter()
                        .map(|&c| (c, with(&binds, i, Arg::Color(c))))
                        .collect(),
                },
                None => Vec::new(),
            },
        }
    }

    /// The distance field to the cells beside `entity`, per arrangement of the movable entities.
    fn field(&mut self, entity: usize, state: &State) -> &DistanceField {
        let movable: Vec<Pos> = (0..state.entities.len())
            .filter(|&i| self.world.entities[i].kind.is_movable())
            .filter_map(|i| self.world.position(state, i))
            .collect();
        let world = self.world;
        self.fields
            .entry((entity, movable))
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

/// The arguments as a derivation shows them (`?` for unbound ones).
pub(super) fn describe_args(world: &World, binds: &Bindings) -> Vec<String> {
    binds
        .iter()
        .map(|b| match b {
            Some(Arg::Dir(d)) => d.to_string(),
            Some(Arg::Entity(e)) => world.entities.get(*e).map_or("?".into(), |e| e.id.clone()),
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

fn with(binds: &Bindings, i: usize, arg: Arg) -> Bindings {
    let mut b = binds.clone();
    b[i] = Some(arg);
    b
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
    )
}
