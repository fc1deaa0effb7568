//! Effect description length: the shortest list of state words whose named variable
//! sets together are exactly the effect's changed variables.
//!
//! Every word use names a subset of the effect (a word naming a variable that did not
//! change would describe a different effect), so the problem is a weighted set cover of
//! the effect by those subsets. Variables that no word use links are independent, so the
//! cover splits into connected groups. Groups of up to [`EXACT_GROUP_LIMIT`] variables
//! are solved exactly by dynamic programming over subsets; larger groups greedily, which
//! is within a factor H(s) = 1 + 1/2 + … + 1/s of optimal (s: the largest word set), and
//! the derivation then says so.

use super::derivation::{Cover, Derivation, Undescribable, WordUse};
use crate::language::{Language, Layer, Names, ParamCode, StateWord};
use crate::world::{
    Change, EntityKind, EntityState, Pos, Prop, Terrain, Value, Var, VarKind, World, entity_values,
};
use std::collections::HashMap;

/// The largest group of linked variables solved exactly.
pub const EXACT_GROUP_LIMIT: usize = 20;

/// A use of a state word: its arguments, the bits of its arguments, and the effect
/// variables it names (by index into the effect, ascending).
#[derive(Clone, Debug)]
struct Candidate {
    word: usize,
    args: Vec<String>,
    extra_bits: f64,
    set: Vec<usize>,
}

/// What each state word of a list costs in one language: `None` for a word it lacks.
/// Which variables a word names does not depend on its cost, so one
/// [`EffectCandidates`] serves every language drawn from the same word list.
#[derive(Clone, Debug, PartialEq)]
pub struct StateCosts {
    /// Bits of each word before its arguments, by position in the word list.
    pub word: Vec<Option<f64>>,
    /// Bits of the end word.
    pub end: f64,
}

impl StateCosts {
    /// The costs of `language`'s own state words.
    pub fn of(language: &Language) -> Self {
        Self {
            word: language.states.words.iter().map(|w| Some(w.cost)).collect(),
            end: language.states.end,
        }
    }
}

/// The shortest description of an effect (a list of changes) in `language`.
pub fn effect_description(
    world: &World,
    language: &Language,
    effect: &[Change],
) -> Result<Derivation, Undescribable> {
    let candidates = EffectCandidates::find(world, &language.states.words, effect);
    let costs = StateCosts::of(language);
    candidates
        .derivation(&costs, &language.states.words, None)
        .map_err(|i| {
            let var = candidates.vars[i];
            Undescribable(format!(
                "the language `{}` has no word that names {} (a {} variable)",
                language.name,
                var.name(world),
                var.kind().name()
            ))
        })
}

/// Every use of every word of a list that names a non-empty subset of one effect: the
/// sets a description of the effect (or of part of it) is a cover by.
#[derive(Clone, Debug)]
pub struct EffectCandidates {
    vars: Vec<Var>,
    candidates: Vec<Candidate>,
}

impl EffectCandidates {
    /// The uses of `words` that name part of `effect`.
    pub fn find(world: &World, words: &[StateWord], effect: &[Change]) -> Self {
        let vars: Vec<Var> = effect.iter().map(|c| c.var).collect();
        let index: HashMap<Var, usize> = vars.iter().enumerate().map(|(i, v)| (*v, i)).collect();
        let candidates = candidates(world, words, effect, &vars, &index);
        Self { vars, candidates }
    }

    /// The effect's variables, in the effect's order.
    pub fn vars(&self) -> &[Var] {
        &self.vars
    }

    /// The cheapest cover of the variables marked in `within` (all of them if `None`)
    /// by words that name only marked variables, as chosen candidates in the order a
    /// derivation lists them, and whether it is exact; or the first variable no word
    /// names.
    fn solve(
        &self,
        costs: &StateCosts,
        within: Option<&[bool]>,
    ) -> Result<(Vec<(usize, f64)>, bool), usize> {
        let inside = |v: usize| within.is_none_or(|w| w.get(v).copied().unwrap_or(false));
        let usable: Vec<(usize, f64)> = self
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.set.iter().all(|&v| inside(v)))
            .filter_map(|(i, c)| {
                Some((i, costs.word.get(c.word).copied().flatten()? + c.extra_bits))
            })
            .collect();
        let mut covered = vec![false; self.vars.len()];
        for &(i, _) in &usable {
            self.candidates[i]
                .set
                .iter()
                .for_each(|&v| covered[v] = true);
        }
        if let Some(v) = (0..self.vars.len()).find(|&v| inside(v) && !covered[v]) {
            return Err(v);
        }
        let sets: Vec<&[usize]> = usable
            .iter()
            .map(|&(i, _)| &self.candidates[i].set[..])
            .collect();
        let mut chosen: Vec<(usize, f64)> = Vec::new();
        let mut exact = true;
        for group in groups(self.vars.len(), &sets) {
            if !inside(group[0]) {
                continue;
            }
            let in_group: Vec<(usize, f64)> = usable
                .iter()
                .copied()
                .filter(|&(i, _)| group.contains(&self.candidates[i].set[0]))
                .collect();
            let group_sets: Vec<&[usize]> = in_group
                .iter()
                .map(|&(i, _)| &self.candidates[i].set[..])
                .collect();
            let bits: Vec<f64> = in_group.iter().map(|&(_, b)| b).collect();
            let picks = if group.len() <= EXACT_GROUP_LIMIT {
                exact_cover(&group, &group_sets, &bits)
            } else {
                exact = false;
                greedy_cover(&group, &group_sets, &bits)
            };
            chosen.extend(picks.into_iter().map(|k| in_group[k]));
        }
        chosen.sort_by_key(|&(i, _)| (self.candidates[i].set[0], self.candidates[i].word));
        Ok((chosen, exact))
    }

    /// Bits of the shortest description (end word included) of the variables marked in
    /// `within` (all if `None`), or `None` when some variable has no word. The fast path
    /// of a sweep over languages: the same sum, in the same order, as the derivation's.
    pub fn shortest_bits(&self, costs: &StateCosts, within: Option<&[bool]>) -> Option<f64> {
        let (chosen, _) = self.solve(costs, within).ok()?;
        Some(chosen.iter().map(|&(_, b)| b).sum::<f64>() + costs.end)
    }

    /// The shortest description of the variables marked in `within` (all if `None`)
    /// under `costs`, naming words from `words`; or the index of a variable no usable
    /// word names.
    pub fn derivation(
        &self,
        costs: &StateCosts,
        words: &[StateWord],
        within: Option<&[bool]>,
    ) -> Result<Derivation, usize> {
        let (chosen, exact) = self.solve(costs, within)?;
        let words = chosen
            .into_iter()
            .map(|(i, bits)| {
                let c = &self.candidates[i];
                WordUse {
                    word: words
                        .get(c.word)
                        .map_or_else(String::new, |w| w.name.clone()),
                    args: c.args.clone(),
                    bits,
                    covers: Cover::Vars(c.set.iter().map(|&v| self.vars[v]).collect()),
                }
            })
            .collect();
        let note = (!exact).then(|| {
            format!("a group had more than {EXACT_GROUP_LIMIT} linked variables: greedy cover, at most H(s) times the shortest")
        });
        Ok(Derivation {
            words,
            end_bits: costs.end,
            exact,
            note,
        })
    }
}

/// Every use of every state word that names a non-empty subset of the effect.
fn candidates(
    world: &World,
    words: &[StateWord],
    effect: &[Change],
    vars: &[Var],
    index: &HashMap<Var, usize>,
) -> Vec<Candidate> {
    let code = ParamCode::for_world(world);
    let id = |e: usize| world.entities[e].id.clone();
    let subset = |set: &[Var]| -> Option<Vec<usize>> {
        if set.is_empty() {
            return None;
        }
        let mut ids: Vec<usize> = set
            .iter()
            .map(|v| index.get(v).copied())
            .collect::<Option<_>>()?;
        ids.sort_unstable();
        Some(ids)
    };
    let layer_var = |layer: Layer, p: Pos| match layer {
        Layer::Light => Var::Light(p),
        Layer::Droplets => Var::Droplet(p),
    };
    let mut out = Vec::new();
    for (w, word) in words.iter().enumerate() {
        let mut push = |args: Vec<String>, extra_bits: f64, set: Option<Vec<usize>>| {
            if let Some(set) = set {
                out.push(Candidate {
                    word: w,
                    args,
                    extra_bits,
                    set,
                });
            }
        };
        match &word.names {
            Names::Property(prop) => {
                for v in vars {
                    if let Var::Entity { entity, prop: p } = *v
                        && p == *prop
                    {
                        push(vec![id(entity)], code.entity, subset(&[*v]));
                    }
                }
            }
            Names::AnyProperty => {
                for v in vars {
                    if let Var::Entity { entity, prop } = *v {
                        let props = entity_values(&world.entities[entity].initial).len();
                        let bits = code.entity + (props.max(1) as f64).log2();
                        push(vec![id(entity), prop.name().into()], bits, subset(&[*v]));
                    }
                }
            }
            Names::Device => {
                for (e, entity) in world.entities.iter().enumerate() {
                    let set: Vec<Var> = device_props(&entity.initial)
                        .map(|prop| Var::Entity { entity: e, prop })
                        .collect();
                    push(vec![id(e)], code.entity, subset(&set));
                }
            }
            Names::Cell(layer) => {
                for v in vars.iter().filter(|v| on_layer(**v, *layer)) {
                    let p = cell_of(*v);
                    push(vec![p.to_string()], code.cell, subset(&[*v]));
                }
            }
            Names::Rect(layer) => {
                let cells: Vec<Pos> = vars
                    .iter()
                    .filter(|v| on_layer(**v, *layer))
                    .map(|v| cell_of(*v))
                    .collect();
                let bits = 2.0 * (code.column + code.row);
                for (corner, w, h) in rectangles(&cells) {
                    let set: Vec<Var> = (0..h)
                        .flat_map(|dy| (0..w).map(move |dx| Pos::new(corner.x + dx, corner.y + dy)))
                        .map(|p| layer_var(*layer, p))
                        .collect();
                    push(
                        vec![corner.to_string(), format!("{w}×{h}")],
                        bits,
                        subset(&set),
                    );
                }
            }
            Names::Around(layer, radius) => {
                for (e, entity) in world.entities.iter().enumerate() {
                    let c = entity.at;
                    let set: Vec<Var> = (-radius..=*radius)
                        .flat_map(|dy| {
                            (-radius..=*radius).map(move |dx| Pos::new(c.x + dx, c.y + dy))
                        })
                        .filter(|&p| {
                            world.grid.contains(p) && world.grid.terrain(p) != Terrain::Wall
                        })
                        .map(|p| layer_var(*layer, p))
                        .collect();
                    push(vec![id(e)], code.entity, subset(&set));
                }
            }
            Names::Projection => {
                let projectors = world
                    .entities
                    .iter()
                    .filter(|e| matches!(e.kind, EntityKind::Projector { .. }))
                    .count();
                let bits = (projectors.max(1) as f64).log2();
                for (e, entity) in world.entities.iter().enumerate() {
                    let EntityKind::Projector { radius } = entity.kind else {
                        continue;
                    };
                    let Some(aim) = aim_after(world, effect, e) else {
                        continue;
                    };
                    let mut set: Vec<Var> = device_props(&entity.initial)
                        .map(|prop| Var::Entity { entity: e, prop })
                        .collect();
                    set.extend(
                        (-radius..=radius)
                            .flat_map(|dy| {
                                (-radius..=radius).map(move |dx| Pos::new(aim.x + dx, aim.y + dy))
                            })
                            .filter(|&p| {
                                world.grid.contains(p) && world.grid.terrain(p) != Terrain::Wall
                            })
                            .map(Var::Light),
                    );
                    push(vec![id(e)], bits, subset(&set));
                }
            }
            Names::Refraction => {
                let bits = (world.refractions.len().max(1) as f64).log2();
                for (i, r) in world.refractions.iter().enumerate() {
                    let set: Vec<Var> = r.droplets.iter().map(|&p| Var::Droplet(p)).collect();
                    let label =
                        format!("#{i}: {} sees {} {}", id(r.observer), id(r.target), r.color);
                    push(vec![label], bits, subset(&set));
                }
            }
            Names::Exactly(names) => {
                // All or nothing: a variable the scene lacks (an unknown entity id), or
                // one the effect did not change, leaves the word no use here.
                let set: Option<Vec<Var>> = names.iter().map(|n| n.resolve(world)).collect();
                if let Some(set) = set {
                    push(Vec::new(), 0.0, subset(&set));
                }
            }
        }
    }
    out
}

/// Where projector `e` aims after `effect`: the aim the effect gives it, else its initial aim.
fn aim_after(world: &World, effect: &[Change], e: usize) -> Option<Pos> {
    let changed = effect.iter().find(|c| {
        c.var
            == Var::Entity {
                entity: e,
                prop: Prop::Aim,
            }
    });
    match changed.map(|c| c.after) {
        Some(Value::Cell(aim)) => aim,
        Some(_) => None,
        None => match world.entities[e].initial {
            EntityState::Projector { aim, .. } => aim,
            _ => None,
        },
    }
}

fn device_props(state: &EntityState) -> impl Iterator<Item = Prop> {
    entity_values(state)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.kind() == VarKind::Device)
}

fn on_layer(v: Var, layer: Layer) -> bool {
    matches!(
        (v, layer),
        (Var::Light(_), Layer::Light) | (Var::Droplet(_), Layer::Droplets)
    )
}

fn cell_of(v: Var) -> Pos {
    match v {
        Var::Light(p) | Var::Droplet(p) => p,
        _ => Pos::new(-1, -1),
    }
}

/// Every axis-aligned rectangle (corner, width, height) lying wholly inside `cells`.
fn rectangles(cells: &[Pos]) -> Vec<(Pos, i32, i32)> {
    let set: std::collections::HashSet<Pos> = cells.iter().copied().collect();
    let mut out = Vec::new();
    for &corner in cells {
        let mut max_w = i32::MAX;
        for h in 1.. {
            let mut w = 0;
            while w < max_w && set.contains(&Pos::new(corner.x + w, corner.y + h - 1)) {
                w += 1;
            }
            if w == 0 {
                break;
            }
            max_w = w;
            out.extend((1..=w).map(|w| (corner, w, h)));
        }
    }
    out
}

/// Connected groups of variables, linked by candidate sets that name several of them.
fn groups(n: usize, sets: &[&[usize]]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for set in sets {
        for pair in set.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent[a] = b;
        }
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..n {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().collect()
}

/// Minimum-cost cover of a group by the sets (with their bits), by dynamic programming
/// over its subsets: from each reachable subset, cover its lowest missing variable with
/// every set containing it. Returns the positions of the chosen sets.
fn exact_cover(group: &[usize], sets: &[&[usize]], bits: &[f64]) -> Vec<usize> {
    let local: HashMap<usize, usize> = group.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let masks: Vec<u32> = sets
        .iter()
        .map(|set| set.iter().fold(0u32, |m, v| m | 1 << local[v]))
        .collect();
    let full = (1u32 << group.len()) - 1;
    let mut best = vec![f64::INFINITY; full as usize + 1];
    let mut choice = vec![(0u32, usize::MAX); full as usize + 1];
    best[0] = 0.0;
    for mask in 0..full {
        if best[mask as usize].is_infinite() {
            continue;
        }
        let lowest = (!mask).trailing_zeros();
        for (c, &m) in masks.iter().enumerate() {
            if m & (1 << lowest) == 0 {
                continue;
            }
            let next = (mask | m) as usize;
            let total = best[mask as usize] + bits[c];
            if total < best[next] - 1e-12 {
                best[next] = total;
                choice[next] = (mask, c);
            }
        }
    }
    let mut out = Vec::new();
    let mut at = full;
    while at != 0 {
        let (prev, c) = choice[at as usize];
        if c == usize::MAX {
            break;
        }
        out.push(c);
        at = prev;
    }
    out
}

/// Greedy cover: repeatedly the set with the fewest bits per newly named variable.
fn greedy_cover(group: &[usize], sets: &[&[usize]], bits: &[f64]) -> Vec<usize> {
    let mut left: std::collections::HashSet<usize> = group.iter().copied().collect();
    let mut out = Vec::new();
    while !left.is_empty() {
        let pick = sets
            .iter()
            .enumerate()
            .filter_map(|(c, set)| {
                let new = set.iter().filter(|v| left.contains(v)).count();
                (new > 0).then(|| (bits[c] / new as f64, c))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, c)) = pick else { break };
        sets[c].iter().for_each(|v| {
            left.remove(v);
        });
        out.push(c);
    }
    out
}
