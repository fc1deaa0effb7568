//! Property tests: invariants that hold for any plan, effect or scene edit.

use ladders_domain::analysis::{Setting, score_plan};
use ladders_domain::measures::{Cover, Derivation};
use ladders_domain::scene::{Plan, Scene};
use ladders_domain::world::{Action, Color, Dir, Pos};
use proptest::prelude::*;
use std::path::Path;

fn pink_car() -> Scene {
    ladders_domain::scene::parse(
        Path::new("pink_car.ron"),
        ladders_domain::scene::PINK_CAR_RON,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn action() -> impl Strategy<Value = Action> {
    let dir = prop_oneof![Just(Dir::N), Just(Dir::E), Just(Dir::S), Just(Dir::W)];
    let color = prop::sample::select(Color::ALL.to_vec());
    let cell = (0..16i32, 0..10i32).prop_map(|(x, y)| Pos::new(x, y));
    prop_oneof![
        4 => dir.clone().prop_map(Action::Move),
        1 => Just(Action::Noop),
        1 => dir.clone().prop_map(Action::Take),
        1 => dir.clone().prop_map(Action::Apply),
        1 => dir.clone().prop_map(Action::Toggle),
        1 => dir.clone().prop_map(Action::Place),
        1 => (dir.clone(), cell).prop_map(|(d, c)| Action::Aim(d, c)),
        1 => (dir, color).prop_map(|(d, c)| Action::Set(d, c)),
    ]
}

/// The plan words' spans tile 0..n without gaps or overlaps.
fn tiles(d: &Derivation, n: usize) -> bool {
    let mut at = 0;
    for w in &d.words {
        match w.covers {
            Cover::Actions { start, end } if start == at && end > start => at = end,
            _ => return false,
        }
    }
    at == n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For any plan, in every bundled language: the plan derivation reproduces the plan
    /// exactly, costs no more than spelling it out with one word per action when the
    /// language has such words, and the effect derivation names exactly the effect.
    #[test]
    fn derivations_cover_exactly_and_stay_within_bounds(actions in prop::collection::vec(action(), 0..40)) {
        let scene = pink_car();
        let plan = Plan { name: "random".into(), description: String::new(), actions: actions.clone() };
        for name in ladders_domain::language::bundled_names() {
            let language = ladders_domain::language::resolve(name, None).unwrap_or_else(|e| panic!("{e}"));
            let setting = Setting::new(&scene, language, &[], None).unwrap_or_else(|e| panic!("{e}"));
            let score = score_plan(&scene, &setting, &plan);
            let d = score.plan_dl.as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
            prop_assert!(tiles(d, actions.len()), "{name}: {}", d.phrase());
            prop_assert!(d.bits() >= setting.effective.actions.end);
            let e = score.effect_dl.as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut named: Vec<_> = e.words.iter().flat_map(|w| match &w.covers { Cover::Vars(v) => v.clone(), _ => Vec::new() }).collect();
            named.sort();
            named.dedup();
            let mut changed: Vec<_> = score.outcome.effect.iter().map(|c| c.var).collect();
            changed.sort();
            prop_assert_eq!(named, changed);
            prop_assert!(e.bits() >= setting.effective.states.end);
            prop_assert!(score.levin_kt().unwrap_or(0.0) >= d.bits());
        }
    }

    /// Any plan list survives load → save → load unchanged.
    #[test]
    fn scenes_round_trip(plans in prop::collection::vec(prop::collection::vec(action(), 0..30), 1..6), budget in 0.0f64..100.0) {
        let mut scene = pink_car();
        scene.plans = plans
            .into_iter()
            .enumerate()
            .map(|(i, actions)| Plan { name: format!("plan {i}"), description: format!("random \"plan\" #{i}"), actions })
            .collect();
        scene.budgets.insert("effect_dl".into(), budget);
        let text = ladders_domain::scene::to_ron(&scene).unwrap_or_else(|e| panic!("{e}"));
        let again = ladders_domain::scene::parse(Path::new("x.ron"), &text).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(scene, again);
    }

    /// Random word costs: a language loads exactly when its Kraft sums are at most 1.
    #[test]
    fn languages_load_exactly_when_kraft_holds(costs in prop::collection::vec(0.5f64..8.0, 4)) {
        let text = format!(
            r#"Language(name: "random",
                actions: (end: {}, words: [(name: "step", cost: {}, params: [("d", Dir)], body: Steps([Move(Param("d"))]))]),
                states: (end: {}, words: [(name: "cell", cost: {}, names: Cell(Droplets))]))"#,
            costs[0], costs[1], costs[2], costs[3]
        );
        let kraft = |a: f64, b: f64| (-a).exp2() + (-b).exp2();
        let holds = kraft(costs[0], costs[1]) <= 1.0 + 1e-9 && kraft(costs[2], costs[3]) <= 1.0 + 1e-9;
        let loaded = ladders_domain::language::parse(Path::new("random.ron"), &text);
        prop_assert_eq!(loaded.is_ok(), holds, "{:?}", loaded.err().map(|e| e.to_string()));
    }
}
