//! Description lengths on hand-checkable cases.

use super::*;
use crate::language::{Language, elias_gamma_bits};
use crate::scene::Scene;
use crate::world::{Action, Change, Dir, Pos, Value, Var};
use std::path::Path;

fn pink_car() -> Scene {
    crate::scene::parse(Path::new("pink_car.ron"), crate::scene::PINK_CAR_RON)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn language(text: &str) -> Language {
    crate::language::parse(Path::new("test.ron"), text).unwrap_or_else(|e| panic!("{e}"))
}

/// A small language: steps, a cheap `east`, repeat; droplet cells and rectangles.
const TINY: &str = r#"Language(
    name: "tiny",
    actions: (end: 2.0, words: [
        (name: "step", cost: 3.0, params: [("d", Dir)], body: Steps([Move(Param("d"))])),
        (name: "east", cost: 2.0, body: Steps([Move(Dir(E))])),
        (name: "wait", cost: 4.0, body: Steps([Noop])),
        (name: "repeat", cost: 4.0, body: Repeat),
        (name: "go", cost: 4.0, params: [("c", Cell)], body: Steps([GoTo(Param("c"))])),
    ]),
    states: (end: 1.0, words: [
        (name: "droplet", cost: 3.0, names: Cell(Droplets)),
        (name: "block", cost: 2.0, names: Rect(Droplets)),
    ]),
)"#;

fn droplets(cells: &[(i32, i32)]) -> Vec<Change> {
    cells
        .iter()
        .map(|&(x, y)| Change {
            var: Var::Droplet(Pos::new(x, y)),
            before: Value::Bool(false),
            after: Value::Bool(true),
        })
        .collect()
}

#[test]
fn elias_gamma_lengths() {
    assert_eq!(
        [1, 2, 3, 4, 7, 8].map(elias_gamma_bits),
        [1.0, 3.0, 3.0, 5.0, 5.0, 7.0]
    );
}

#[test]
fn empty_effect_costs_only_the_end_word() {
    let scene = pink_car();
    let d =
        effect_description(&scene.world, &language(TINY), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.bits(), 1.0);
    assert!(d.words.is_empty());
}

#[test]
fn a_rectangle_is_cheaper_than_its_cells_but_only_when_it_fits() {
    let scene = pink_car();
    let lang = language(TINY);
    // 16×10 grid: a cell is log2(160) bits, a rectangle 2·(log2 16 + log2 10).
    let cell = 3.0 + 160f64.log2();
    let rect = 2.0 + 2.0 * (16f64.log2() + 10f64.log2());
    let two_by_two = droplets(&[(6, 1), (7, 1), (6, 2), (7, 2)]);
    let d = effect_description(&scene.world, &lang, &two_by_two).unwrap_or_else(|e| panic!("{e}"));
    assert!((d.bits() - (rect + 1.0)).abs() < 1e-9, "{}", d.bits());
    assert_eq!(d.phrase(), "block((6, 1), 2×2) · end");
    // An L of three cells: one 2-cell rectangle plus one cell beats three cells.
    let ell = droplets(&[(6, 1), (7, 1), (6, 2)]);
    let d = effect_description(&scene.world, &lang, &ell).unwrap_or_else(|e| panic!("{e}"));
    let best = (rect + cell).min(3.0 * cell) + 1.0;
    assert!((d.bits() - best).abs() < 1e-9, "{} vs {best}", d.bits());
    // Scattered cells: one word each.
    let scattered = droplets(&[(6, 1), (8, 3), (6, 5)]);
    let d = effect_description(&scene.world, &lang, &scattered).unwrap_or_else(|e| panic!("{e}"));
    assert!((d.bits() - (3.0 * cell + 1.0)).abs() < 1e-9);
    assert!(d.exact);
}

#[test]
fn an_effect_the_language_cannot_see_is_undescribable() {
    let scene = pink_car();
    let paint = vec![Change {
        var: Var::Entity {
            entity: 1,
            prop: crate::world::Prop::Paint,
        },
        before: Value::Color(None),
        after: Value::Color(None),
    }];
    let e = effect_description(&scene.world, &language(TINY), &paint)
        .map(|_| ())
        .unwrap_err();
    assert!(e.0.contains("car.paint"), "{e}");
}

fn plan_bits(actions: &[Action]) -> Result<Derivation, Undescribable> {
    let scene = pink_car();
    let tech = &scene.world.technologies;
    let trajectory = scene.world.run(tech, actions);
    plan_description(&scene.world, &language(TINY), actions, &trajectory)
}

#[test]
fn repeat_beats_a_run_of_single_words_when_the_run_is_long() {
    // Agent starts at (3, 1); five steps east are free.
    let east = |n| vec![Action::Move(Dir::E); n];
    let d = plan_bits(&east(1)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.bits(), 2.0 + 2.0, "east · end");
    let d = plan_bits(&east(2)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.bits(),
        2.0 * 2.0 + 2.0,
        "two easts beat repeat(2, east) = 4 + 3 + 2"
    );
    let d = plan_bits(&east(5)).unwrap_or_else(|e| panic!("{e}"));
    // repeat(5, east) = 4 + gamma(5) + 2 = 11 bits, against 5 × 2 = 10: singles still win.
    assert_eq!(d.bits(), 10.0 + 2.0);
    let d = plan_bits(&east(8)).unwrap_or_else(|e| panic!("{e}"));
    // go(cell) walks there in 4 + log2(160) ≈ 11.3 bits; repeat(8, east) = 4 + 7 + 2 = 13.
    let go = 4.0 + 160f64.log2();
    assert!(
        (d.bits() - (go + 2.0)).abs() < 1e-9,
        "{}: {}",
        d.bits(),
        d.phrase()
    );
}

#[test]
fn a_plan_with_an_action_the_language_lacks_is_undescribable() {
    let e = plan_bits(&[Action::Place(Dir::E)]).map(|_| ()).unwrap_err();
    assert!(e.0.contains("action 0"), "{e}");
}

#[test]
fn levin_kt_adds_log_steps() {
    assert_eq!(levin_kt(10.0, 8), 13.0);
    assert_eq!(levin_kt(10.0, 0), 10.0, "at least one step");
}

/// Every bundled scene, read from `scenes/`.
fn bundled_scenes() -> Vec<Scene> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenes");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 5,
        "the bundled scenes are in {}",
        dir.display()
    );
    paths
        .iter()
        .map(|p| crate::scene::load(p).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn bundled_languages() -> Vec<Language> {
    let mut out: Vec<Language> = crate::language::bundled_names()
        .into_iter()
        .map(|n| crate::language::resolve(n, None).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    out.push(language(TINY));
    out
}

/// Whether some word of `language` said in `state` has `bits` and expands to `actions`.
fn some_word_expands_to(
    world: &crate::world::World,
    tech: &crate::world::TechLevels,
    language: &Language,
    state: &crate::world::State,
    bits: f64,
    actions: &[Action],
) -> bool {
    let meter = expand::Meter::new(u64::MAX);
    let mut ex = expand::Expander::new(world, tech, language, &meter, 1 << 26);
    let mut all = ex.expansions(state, bits + 1e-6);
    while let Some(e) = all.next(&mut ex) {
        if e.actions == actions && (e.bits - bits).abs() < 1e-9 {
            return true;
        }
    }
    false
}

/// The translation properties for one plan between every pair of `languages`: it is a
/// valid derivation in the target (so the target's shortest is no longer), it expands to
/// exactly the plan and its effect, and a language translated into itself is unchanged.
fn check_translations(scene: &Scene, plan: &crate::scene::Plan, languages: &[Language]) {
    let world = &scene.world;
    let tech = &world.technologies;
    let outcome = crate::world::Outcome::simulate(
        world,
        tech,
        &scene.goal,
        &plan.actions,
        crate::world::Baseline::default(),
    );
    let effective: Vec<Language> = languages
        .iter()
        .map(|l| l.with_commodified(tech.commodified()))
        .collect();
    let vars: std::collections::BTreeSet<Var> = outcome.effect.iter().map(|c| c.var).collect();
    for a in &effective {
        let plan_a = plan_description(world, a, &plan.actions, &outcome.trajectory);
        let effect_a = effect_description(world, a, &outcome.effect);
        for b in &effective {
            let what = format!(
                "{} → {} on `{}` of {}",
                a.name, b.name, plan.name, scene.name
            );
            if let Ok(da) = &plan_a {
                let matches = PlanMatches::find(
                    world,
                    &b.name,
                    &b.actions.words,
                    true,
                    &plan.actions,
                    &outcome.trajectory,
                )
                .unwrap_or_else(|e| panic!("{what}: {e}"));
                let t = translate_plan(da, &matches, &ActionCosts::of(b), &b.actions.words);
                if a.name == b.name {
                    let bits = t.bits().unwrap_or_else(|| panic!("{what}: no translation"));
                    assert!(
                        (bits - da.bits()).abs() < 1e-9,
                        "{what}: {bits} ≠ {}",
                        da.bits()
                    );
                }
                if let Some(derivation) = t.derivation() {
                    let kb = plan_description(world, b, &plan.actions, &outcome.trajectory)
                        .unwrap_or_else(|e| panic!("{what}: translated but {e}"));
                    assert!(kb.bits() <= derivation.bits() + 1e-9, "{what}: K_B > T_AB");
                    let mut at = 0;
                    for w in &derivation.words {
                        let Cover::Actions { start, end } = w.covers else {
                            panic!("{what}: a plan word covers variables")
                        };
                        assert_eq!(start, at, "{what}: the words do not follow on");
                        assert!(
                            some_word_expands_to(
                                world,
                                tech,
                                b,
                                &outcome.trajectory[start],
                                w.bits,
                                &plan.actions[start..end]
                            ),
                            "{what}: `{}` does not expand to actions {start}..{end}",
                            w.call()
                        );
                        at = end;
                    }
                    assert_eq!(
                        at,
                        plan.actions.len(),
                        "{what}: the translation stops short"
                    );
                }
            }
            if let Ok(da) = &effect_a {
                let candidates = EffectCandidates::find(world, &b.states.words, &outcome.effect);
                let t = translate_effect(da, &candidates, &StateCosts::of(b), &b.states.words);
                if a.name == b.name {
                    let bits = t
                        .bits()
                        .unwrap_or_else(|| panic!("{what}: no effect translation"));
                    assert!(
                        (bits - da.bits()).abs() < 1e-9,
                        "{what}: {bits} ≠ {}",
                        da.bits()
                    );
                }
                if t.bits().is_some() {
                    let kb = effect_description(world, b, &outcome.effect)
                        .unwrap_or_else(|e| panic!("{what}: translated but {e}"));
                    let tb = t.bits().unwrap_or_default();
                    assert!(kb.bits() <= tb + 1e-9, "{what}: effect K_B > T_AB");
                    let mut named = std::collections::BTreeSet::new();
                    for piece in &t.pieces {
                        let Cover::Vars(source) = &piece.source.covers else {
                            panic!("{what}: an effect word covers actions")
                        };
                        for w in piece.target.iter().flatten() {
                            let Cover::Vars(target) = &w.covers else {
                                panic!("{what}: an effect word covers actions")
                            };
                            assert!(
                                target.iter().all(|v| source.contains(v)),
                                "{what}: `{}` names more than `{}`",
                                w.call(),
                                piece.source.call()
                            );
                            named.extend(target.iter().copied());
                        }
                    }
                    assert_eq!(named, vars, "{what}: the translation names another effect");
                }
            }
        }
    }
}

#[test]
fn translations_are_valid_derivations_on_the_bundled_scenes() {
    let languages = bundled_languages();
    for scene in bundled_scenes() {
        for plan in &scene.plans {
            check_translations(&scene, plan, &languages);
        }
    }
}

#[test]
fn translation_between_two_languages_costs_what_the_target_says() {
    // everyday says the paint plan in one word, `paint(car)`; optics has no `paint`,
    // so its translation of that one word is the walks and primitive actions.
    let scene = pink_car();
    let world = &scene.world;
    let tech = &world.technologies;
    let plan = &scene.plans[0];
    let outcome = crate::world::Outcome::simulate(
        world,
        tech,
        &scene.goal,
        &plan.actions,
        crate::world::Baseline::default(),
    );
    let get = |n: &str| {
        crate::language::resolve(n, None)
            .unwrap_or_else(|e| panic!("{e}"))
            .with_commodified(tech.commodified())
    };
    let (everyday, optics) = (get("everyday"), get("optics"));
    let d = plan_description(world, &everyday, &plan.actions, &outcome.trajectory)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.phrase(), "paint(car) · end");
    let matches = PlanMatches::find(
        world,
        "optics",
        &optics.actions.words,
        true,
        &plan.actions,
        &outcome.trajectory,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let t = translate_plan(
        &d,
        &matches,
        &ActionCosts::of(&optics),
        &optics.actions.words,
    );
    let ko = plan_description(world, &optics, &plan.actions, &outcome.trajectory)
        .unwrap_or_else(|e| panic!("{e}"));
    // One source word spanning the whole plan: its translation is optics' shortest.
    let tb = t.bits().unwrap_or_else(|| panic!("no translation"));
    assert!((tb - ko.bits()).abs() < 1e-9, "{tb} vs {}", ko.bits());
    assert!(t.pieces[0].target.as_ref().is_some_and(|w| w.len() > 1));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn translations_are_valid_derivations_on_random_plans(seed in 0u64..1_000_000, index in 0u64..1000) {
        let scene = pink_car();
        let plan = crate::analysis::random_plan(&scene, seed, index);
        check_translations(&scene, &plan, &bundled_languages());
    }
}
