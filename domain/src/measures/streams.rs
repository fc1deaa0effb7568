//! Plans and effects as token streams and binary grids, so that world-free measures
//! (LZ76, compressed size, BDM) can score them. The tokenization and the grids are
//! choices too, and they are stated here once.

use crate::choice::Choice;
use crate::complexity::BinaryGrid;
use crate::world::{Action, Change, Outcome, Prop, Var, VarKind, World};
use serde::{Deserialize, Serialize};

/// Which stream LZ76 and compressed size read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// The effect as text, one `variable=value` line per changed variable, read
    /// character by character: what the criterion is about.
    #[default]
    Effect,
    /// The plan's primitive actions, one token per action.
    Plan,
    /// The words of the plan's shortest description in the language, one token per word
    /// with its arguments: the language's own tokenization of the plan.
    Words,
}

impl Choice for Stream {
    const ALL: &'static [Self] = &[Stream::Effect, Stream::Plan, Stream::Words];

    fn key(self) -> &'static str {
        match self {
            Stream::Effect => "effect",
            Stream::Plan => "plan",
            Stream::Words => "words",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Stream::Effect => "the effect as `variable=value` lines",
            Stream::Plan => "the plan's primitive actions",
            Stream::Words => "the words of the plan's shortest description in the language",
        }
    }
}

/// The effect as text: `name=value` per changed variable, in the effect's stable order.
pub fn effect_text(world: &World, effect: &[Change]) -> String {
    effect
        .iter()
        .map(|c| format!("{}={}\n", c.var.name(world), c.after))
        .collect()
}

/// The tokens of a stream: actions for a plan, the calls of its shortest derivation for
/// `words` (empty if it has none), characters for an effect.
pub fn stream_tokens(
    world: &World,
    outcome: &Outcome,
    actions: &[Action],
    words: &[String],
    stream: Stream,
) -> Vec<String> {
    match stream {
        Stream::Plan => actions.iter().map(Action::to_string).collect(),
        Stream::Words => words.to_vec(),
        Stream::Effect => effect_text(world, &outcome.effect)
            .chars()
            .map(String::from)
            .collect(),
    }
}

/// The bytes a codec compresses: one action or word per line, or the effect text.
pub fn stream_bytes(
    world: &World,
    outcome: &Outcome,
    actions: &[Action],
    words: &[String],
    stream: Stream,
) -> Vec<u8> {
    let lines = |tokens: Vec<String>| tokens.iter().map(|t| format!("{t}\n")).collect::<String>();
    match stream {
        Stream::Plan => lines(actions.iter().map(Action::to_string).collect()).into_bytes(),
        Stream::Words => lines(words.to_vec()).into_bytes(),
        Stream::Effect => effect_text(world, &outcome.effect).into_bytes(),
    }
}

/// One binary grid per variable kind the effect touches: a cell is 1 where a changed
/// variable of that kind lives (an entity's variables live on its cell; a moved
/// object marks where it was and where it is). The grids are padded with zeros to a
/// multiple of `pad` on each side, so no change falls outside the tiles of a partition.
pub fn effect_grids(world: &World, outcome: &Outcome, pad: usize) -> Vec<(VarKind, BinaryGrid)> {
    let pad = pad.max(1);
    let rows = (world.grid.height().max(1) as usize).div_ceil(pad) * pad;
    let cols = (world.grid.width().max(1) as usize).div_ceil(pad) * pad;
    let last = outcome.trajectory.last();
    let mut grids: Vec<(VarKind, BinaryGrid)> = Vec::new();
    for change in &outcome.effect {
        let kind = change.var.kind();
        if kind == VarKind::Agent {
            continue;
        }
        let cells = match change.var {
            Var::Light(p) | Var::Droplet(p) => vec![p],
            Var::Entity { entity, prop } => {
                let mut cells: Vec<_> = last
                    .and_then(|s| world.position(s, entity))
                    .into_iter()
                    .collect();
                if prop == Prop::Position
                    && let crate::world::Value::Cell(Some(before)) = change.before
                {
                    cells.push(before);
                }
                cells
            }
            Var::AgentPos | Var::AgentHolding => Vec::new(),
        };
        let index = match grids.iter().position(|(k, _)| *k == kind) {
            Some(i) => i,
            None => {
                let Some(zeros) = BinaryGrid::zeros(rows, cols) else {
                    continue;
                };
                grids.push((kind, zeros));
                grids.len() - 1
            }
        };
        for p in cells {
            if p.x >= 0 && p.y >= 0 {
                grids[index].1.set(p.y as usize, p.x as usize, true);
            }
        }
    }
    grids.sort_by_key(|(k, _)| VarKind::ALL.iter().position(|a| a == k));
    grids
}
