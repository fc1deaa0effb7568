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
