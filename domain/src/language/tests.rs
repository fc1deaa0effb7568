//! The fixed-cell and fixed-variable forms: they parse, validate, and describe exactly
//! what they name.

use super::*;
use crate::measures::{effect_description, plan_description};
use crate::scene::Scene;
use crate::world::{Action, Baseline, Outcome, Pos, Prop, Var};
use std::path::Path;

fn pink_car() -> Scene {
    crate::scene::parse(Path::new("pink_car.ron"), crate::scene::PINK_CAR_RON)
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A language with a whole-plan word (fixed cells) and fixed-variable state words.
const FIXED: &str = r#"Language(
    name: "fixed",
    actions: (end: 1.0, words: [
        (name: "step", cost: 3.0, params: [("d", Dir)], body: Steps([Move(Param("d"))])),
        (name: "aim_car", cost: 2.0, body: Steps([Aim(Dir(S), Cell((13, 4)))])),
        (name: "go_corner", cost: 4.0, body: Steps([GoTo(Cell((1, 1)))])),
        (name: "other", cost: 4.0, params: [("d", Dir)], body: Steps([Set(Param("d"), Color(Pink))])),
    ]),
    states: (end: 2.0, words: [
        (name: "pink_car", cost: 2.0, names: Exactly([Entity("car", paint)])),
        (name: "two", cost: 3.0, names: Exactly([Droplet((6, 1)), Light((8, 1))])),
        (name: "ghost", cost: 3.0, names: Exactly([Entity("no_such_thing", paint)])),
        (name: "droplet", cost: 4.0, names: Cell(Droplets)),
    ]),
)"#;

fn fixed() -> Language {
    parse(Path::new("fixed.ron"), FIXED).unwrap_or_else(|e| panic!("{e}"))
}

fn with_states(states: &str) -> Result<Language, crate::document::DocumentError> {
    let text = format!(
        r#"Language(name: "t", actions: (end: 1.0, words: []), states: (end: 1.0, words: [{states}]))"#
    );
    parse(Path::new("t.ron"), &text)
}

#[test]
fn fixed_forms_parse() {
    let language = fixed();
    assert_eq!(
        language.actions.words[1].body,
        Body::Steps(vec![Step::Aim(
            DirRef::Dir(crate::world::Dir::S),
            CellRef::Cell(Pos::new(13, 4))
        )])
    );
    assert_eq!(
        language.states.words[1].names,
        Names::Exactly(vec![
            VarName::Droplet(Pos::new(6, 1)),
            VarName::Light(Pos::new(8, 1))
        ])
    );
}

#[test]
fn fixed_cell_matches_only_that_cell() {
    let scene = pink_car();
    let language = fixed();
    let describe = |actions: &[Action]| {
        let trajectory = scene.world.run(&scene.world.technologies, actions);
        plan_description(&scene.world, &language, actions, &trajectory).map(|d| d.bits())
    };
    use crate::world::Dir::S;
    // `aim_car` (2 bits) + end (1 bit); aiming elsewhere has no word.
    assert_eq!(describe(&[Action::Aim(S, Pos::new(13, 4))]), Ok(3.0));
    assert!(describe(&[Action::Aim(S, Pos::new(13, 5))]).is_err());
    // The agent starts at (3, 1): two steps west reach (1, 1), which `go_corner` names.
    use crate::world::Dir::W;
    assert_eq!(describe(&[Action::Move(W), Action::Move(W)]), Ok(5.0));
    // One step west is not the walk to (1, 1): `step(W)` (3 + 2 bits) + end.
    assert_eq!(describe(&[Action::Move(W)]), Ok(6.0));
}

#[test]
fn exactly_names_its_set_and_nothing_else() {
    let scene = pink_car();
    let world = &scene.world;
    let language = fixed();
    let car = world
        .entities
        .iter()
        .position(|e| e.id == "car")
        .unwrap_or_else(|| panic!("no car"));
    let paint = Var::Entity {
        entity: car,
        prop: Prop::Paint,
    };
    let change = |var| crate::world::Change {
        var,
        before: crate::world::Value::Bool(false),
        after: crate::world::Value::Bool(true),
    };
    let bits = |vars: &[Var]| {
        let effect: Vec<_> = vars.iter().map(|v| change(*v)).collect();
        effect_description(world, &language, &effect).map(|d| (d.bits(), d.phrase()))
    };
    // The word costs only its own bits: no parameters.
    assert_eq!(bits(&[paint]), Ok((4.0, "pink_car · end".to_owned())));
    let (d, l) = (Var::Droplet(Pos::new(6, 1)), Var::Light(Pos::new(8, 1)));
    assert_eq!(bits(&[d, l]), Ok((5.0, "two · end".to_owned())));
    // Half of `two`'s set: the word would name a variable that did not change.
    assert!(bits(&[d]).is_ok_and(|(_, phrase)| phrase.starts_with("droplet(")));
    assert!(bits(&[l]).is_err());
    // A superset: the word covers its part.
    assert_eq!(bits(&[paint, d, l]).map(|b| b.0), Ok(7.0));
    // The real paint plan's effect is the car's paint.
    let plan = scene
        .plan("paint")
        .unwrap_or_else(|| panic!("no paint plan"));
    let outcome = Outcome::simulate(
        world,
        &world.technologies,
        &scene.goal,
        &plan.actions,
        Baseline::Inaction,
    );
    let effect = effect_description(world, &language, &outcome.effect);
    assert_eq!(effect.map(|d| d.phrase()), Ok("pink_car · end".to_owned()));
}

#[test]
fn exactly_is_validated() {
    let word = |names: &str| format!(r#"(name: "w", cost: 2.0, names: Exactly([{names}]))"#);
    assert!(with_states(&word(r#"Entity("car", paint)"#)).is_ok());
    let errors = [
        ("", "names no variables"),
        (r#"Light((1, 1)), Light((1, 1))"#, "twice"),
        (r#"Entity("", paint)"#, "no id"),
        (r#"Droplet((-1, 4))"#, "outside every grid"),
    ];
    for (names, message) in errors {
        match with_states(&word(names)) {
            Ok(_) => panic!("{names} should be refused"),
            Err(e) => assert!(e.to_string().contains(message), "{names}: {e}"),
        }
    }
    let many: Vec<String> = (0..=MAX_EXACTLY_VARS)
        .map(|i| format!("Light(({}, {}))", i % 100, i / 100))
        .collect();
    let refused = with_states(&word(&many.join(", ")));
    assert!(refused.is_err_and(|e| e.to_string().contains("the limit")));
}

#[test]
fn fixed_cell_outside_every_grid_is_refused() {
    let text = r#"Language(name: "t", actions: (end: 1.0, words: [
        (name: "far", cost: 1.0, body: Steps([GoTo(Cell((128, 0)))])),
    ]), states: (end: 1.0, words: []))"#;
    let refused = parse(Path::new("t.ron"), text);
    assert!(refused.is_err_and(|e| e.to_string().contains("outside every grid")));
}

/// Eight technologies, each with developed and commodified changes that add wide words:
/// 3^8 settings to check. Validation reads a skeleton of the language per setting, so this
/// loads in a moment rather than cloning every body 6,561 times.
#[test]
fn many_technology_settings_with_wide_words_load_without_cloning_the_bodies() {
    let body = vec!["Noop"; super::MAX_BODY_STEPS].join(", ");
    let word = |name: String| format!("(name: \"{name}\", cost: 40.0, body: Steps([{body}]))");
    let base: Vec<String> = (0..64).map(|i| word(format!("w{i}"))).collect();
    let changes = |kind: &str| -> String {
        (0..8)
            .map(|t| {
                let words: Vec<String> = (0..8).map(|i| word(format!("{kind}{t}_{i}"))).collect();
                format!("\"t{t}\": (action_words: [{}])", words.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        "Language(name: \"wide\", actions: (end: 1.0, words: [{}]), states: (end: 1.0, words: []), developed: {{{}}}, commodified: {{{}}})",
        base.join(", "),
        changes("d"),
        changes("c")
    );
    let language = parse(Path::new("wide.ron"), &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(language.level_settings().len(), 6561);
}
