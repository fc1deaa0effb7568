//! The side-effect benchmarks: rules, state counts, and each impact formula on cases that
//! can be checked by hand.

use ladders::impact::{
    Deviation, ImpactBaseline, ImpactMeasure, ImpactOptions, ImpactSetting, Reachability,
    StateSpace, impact_of_plan,
};
use ladders::scene::Scene;
use ladders::world::{Action, Dir, EntityState, Pos};
use std::path::Path;

fn scene(name: &str) -> Scene {
    ladders::scene::load(Path::new(&format!("scenes/{name}.ron"))).unwrap_or_else(|e| panic!("{e}"))
}

fn states(name: &str) -> usize {
    let s = scene(name);
    StateSpace::explore(&s.world, &s.world.technologies, 1_000_000).len()
}

#[test]
fn reachable_state_counts_match_the_published_ones() {
    assert_eq!(states("box"), 54);
    assert_eq!(states("vase"), 370);
    assert_eq!(states("sushi"), 370);
}
