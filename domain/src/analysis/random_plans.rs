//! Random plans of a scene: objects to compare languages on besides the plans an author
//! wrote. A comparison over only five hand-picked plans says little about how far apart
//! two languages are; random action sequences, with their effects, fill the space in.
//!
//! Plan `j` of seed `s` is a pure function of (scene, s, j): PCG64 at state `s` on stream
//! 2^64 + j (random languages use the streams below 2^64), read through `next_u64`. Its
//! length is uniform in 1..=[`RANDOM_PLAN_LENGTH`]; each action is a move (probability
//! 1/2, a uniform direction) or one of the other seven actions (uniform), with a uniform
//! direction, colour, or cell of the grid.

use crate::scene::{Plan, Scene};
use crate::world::{Action, Color, Dir, Pos};
use rand::Rng as _;
use rand_pcg::Pcg64;

/// The longest random plan.
pub const RANDOM_PLAN_LENGTH: usize = 24;
/// The most random plans one comparison may draw.
pub const MAX_RANDOM_PLANS: usize = 100_000;

/// Random plan `index` of `seed` for `scene`, named `random_<index>`.
pub fn random_plan(scene: &Scene, seed: u64, index: u64) -> Plan {
    let mut rng = Pcg64::new(u128::from(seed), (1u128 << 64) | u128::from(index));
    let mut pick = move |n: usize| (rng.next_u64() % n as u64) as usize;
    let grid = &scene.world.grid;
    let (width, height) = (grid.width() as usize, grid.height() as usize);
    let length = 1 + pick(RANDOM_PLAN_LENGTH);
    let actions = (0..length)
        .map(|_| {
            let d = Dir::ALL[pick(4)];
            if pick(2) == 0 {
                return Action::Move(d);
            }
            match pick(7) {
                0 => Action::Noop,
                1 => Action::Take(d),
                2 => Action::Apply(d),
                3 => Action::Toggle(d),
                4 => Action::Place(d),
                5 => Action::Set(d, Color::ALL[pick(Color::ALL.len())]),
                _ => Action::Aim(d, Pos::new(pick(width) as i32, pick(height) as i32)),
            }
        })
        .collect();
    Plan {
        name: format!("random_{index}"),
        description: format!("Random plan {index} of seed {seed}."),
        actions,
    }
}
