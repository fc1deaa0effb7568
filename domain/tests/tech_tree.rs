//! The technology tree: prerequisites, development sites, the checks on both, the
//! languages' developed changes, and the story `scenes/pink_car_scratch.ron` tells.
#![allow(clippy::expect_used, clippy::panic)] // A test that cannot set itself up should fail loudly.

use ladders_domain::analysis::{ProgramBounds, Setting, program_measures, score_plan};
use ladders_domain::document::DocumentError;
use ladders_domain::language::{self, Language};
use ladders_domain::measures::{ProgramLimits, SearchEffort};
use ladders_domain::scene::{self, Scene};
use ladders_domain::world::{
    Action, Color, Dir, EntityState, Outcome, TechLevel, TechLevels, Var, VarKind,
};
use std::path::Path;

const SCRATCH: &str = include_str!("../../scenes/pink_car_scratch.ron");
const PINK: &str = include_str!("../../scenes/pink_car.ron");

fn scratch() -> Scene {
    scene::parse(Path::new("scenes/pink_car_scratch.ron"), SCRATCH).expect("the scene loads")
}

/// The scratch scene's levels set to pink_car.ron's.
fn pink_levels(scene: &Scene) -> TechLevels {
    let mut levels = scene.world.technologies.clone();
    for (name, level) in [
        ("paint", TechLevel::Commodified),
        ("holography", TechLevel::Available),
        ("neurotech", TechLevel::Available),
    ] {
        levels.set(levels.id(name).expect("listed"), level);
    }
    levels
}

fn tech(scene: &Scene, name: &str) -> usize {
    scene.world.technologies.id(name).expect("listed")
}

#[test]
fn the_tree_orders_prerequisites_first_and_ties_by_name() {
    let scene = scratch();
    let w = &scene.world;
    let names: Vec<&str> = w
        .tree_order()
        .into_iter()
        .map(|t| w.technologies.iter().nth(t).expect("a technology").0)
        .collect();
    assert_eq!(
        names,
        [
            "chemistry",
            "neurotech",
            "optics",
            "holography",
            "pigment",
            "paint"
        ]
    );
    let paint = w.prerequisites(tech(&scene, "paint"));
    assert_eq!(paint, [tech(&scene, "chemistry"), tech(&scene, "pigment")]);
    assert!(w.prerequisites(tech(&scene, "neurotech")).is_empty());
}

#[test]
fn work_before_the_prerequisites_does_nothing_and_then_takes_exactly_the_stated_steps() {
    let scene = scratch();
    let w = &scene.world;
    let levels = &w.technologies;
    let paint_lab = w.entity_index("paint_lab").expect("a site");
    let progress = |s: &ladders_domain::world::State| match s.entities[paint_lab] {
        EntityState::Lab { progress } => progress,
        _ => unreachable!("a site's state"),
    };
    // The agent stands above the paint lab (9, 8) at (9, 7) by teleporting the state.
    let mut s = w.initial_state();
    s.agent = ladders_domain::world::Pos::new(9, 7);
    for _ in 0..10 {
        s = w.step(levels, &s, Action::Work(Dir::S));
    }
    assert_eq!(progress(&s), 0, "no pigment and no chemistry yet");
    // Develop pigment and chemistry by setting their sites' progress.
    for site in ["pigment_lab", "chemistry_lab"] {
        let i = w.entity_index(site).expect("a site");
        s.entities[i] = EntityState::Lab { progress: 4 };
    }
    let paint = Some(tech(&scene, "paint"));
    for k in 1..=4 {
        assert!(
            !w.technology_works(levels, &s, paint),
            "after {} steps",
            k - 1
        );
        s = w.step(levels, &s, Action::Work(Dir::S));
        assert_eq!(progress(&s), k);
    }
    assert!(w.technology_works(levels, &s, paint));
    s = w.step(levels, &s, Action::Work(Dir::S));
    assert_eq!(progress(&s), 4, "a finished site takes no more work");
    // The shop (3, 8) requires paint: from (3, 7) it now hands out pink.
    s.agent = ladders_domain::world::Pos::new(3, 7);
    let taken = w.step(levels, &s, Action::Take(Dir::S));
    assert_eq!(taken.holding, Some(Color::Pink));
    // Not so before the development.
    let mut before = w.initial_state();
    before.agent = ladders_domain::world::Pos::new(3, 7);
    assert_eq!(w.step(levels, &before, Action::Take(Dir::S)).holding, None);
}

#[test]
fn a_sites_progress_is_an_object_variable_of_the_effect_and_packs_in_the_codec() {
    let scene = scratch();
    let w = &scene.world;
    let plan = scene.plan("mind_hack_from_scratch").expect("a plan");
    let outcome = Outcome::simulate(
        w,
        &w.technologies,
        &scene.goal,
        &plan.actions,
        Default::default(),
    );
    let lab = w.entity_index("neuro_lab").expect("a site");
    let change = outcome
        .effect
        .iter()
        .find(|c| matches!(c.var, Var::Entity { entity, .. } if entity == lab))
        .expect("the development is part of the effect");
    assert_eq!(change.var.kind(), VarKind::Object);
    assert_eq!(change.var.name(w), "neuro_lab.progress");
    let codec = ladders_domain::world::StateCodec::new(w);
    let mut bytes = vec![0; codec.bytes()];
    for state in &outcome.trajectory {
        codec.encode(w, state, &mut bytes).expect("encodes");
        assert_eq!(&codec.decode(w, &bytes), state);
    }
}

#[test]
fn every_from_scratch_plan_reaches_the_goal_from_all_locked_and_not_without_its_work() {
    let scene = scratch();
    let w = &scene.world;
    assert!(w.technologies.iter().all(|(_, l)| l == TechLevel::Locked));
    for name in [
        "paint_from_scratch",
        "hologram_from_scratch",
        "mind_hack_from_scratch",
    ] {
        let plan = scene.plan(name).expect("a plan");
        let run = |actions: &[Action]| {
            Outcome::simulate(w, &w.technologies, &scene.goal, actions, Default::default())
        };
        assert!(run(&plan.actions).reaches_goal, "{name}");
        // Leave out one step of work: the development is unfinished and the deed fails.
        let last_work = plan
            .actions
            .iter()
            .rposition(|a| matches!(a, Action::Work(_)))
            .expect("the plan works");
        let mut short = plan.actions.clone();
        short.remove(last_work);
        assert!(!run(&short).reaches_goal, "{name} without its last work");
    }
    // The original plans fail with everything locked (except the rainbow, which needs
    // no technology).
    for name in ["paint", "hologram", "mind_hack"] {
        let plan = scene.plan(name).expect("a plan");
        let o = Outcome::simulate(
            w,
            &w.technologies,
            &scene.goal,
            &plan.actions,
            Default::default(),
        );
        assert!(!o.reaches_goal, "{name}");
    }
}

#[test]
fn the_five_original_plans_run_as_in_pink_car_under_its_levels() {
    let scratch = scratch();
    let pink = scene::parse(Path::new("scenes/pink_car.ron"), PINK).expect("loads");
    let levels = pink_levels(&scratch);
    let original = pink.world.entities.len();
    for plan in &pink.plans {
        assert_eq!(
            scratch.plan(&plan.name),
            Some(plan),
            "{} unchanged",
            plan.name
        );
        let a = Outcome::simulate(
            &pink.world,
            &pink.world.technologies,
            &pink.goal,
            &plan.actions,
            Default::default(),
        );
        let b = Outcome::simulate(
            &scratch.world,
            &levels,
            &scratch.goal,
            &plan.actions,
            Default::default(),
        );
        assert_eq!(a.reaches_goal, b.reaches_goal, "{}", plan.name);
        assert_eq!(a.effect, b.effect, "{}", plan.name);
        for (x, y) in a.trajectory.iter().zip(&b.trajectory) {
            assert_eq!(x.agent, y.agent, "{}", plan.name);
            assert_eq!(x.holding, y.holding);
            assert_eq!(x.entities[..], y.entities[..original]);
            assert_eq!(x.light, y.light);
            assert_eq!(x.droplets, y.droplets);
        }
        assert_eq!(a.trajectory.len(), b.trajectory.len());
    }
}

#[test]
fn the_scene_saves_and_loads_back_as_itself() {
    let scene = scratch();
    let text = scene::to_ron(&scene).expect("serializes");
    assert!(text.contains("prerequisites"), "{text}");
    let again = scene::parse(Path::new("again.ron"), &text).expect("reloads");
    assert_eq!(again, scene);
    // A scene without a tree writes no `prerequisites` field, as before.
    let pink = scene::parse(Path::new("scenes/pink_car.ron"), PINK).expect("loads");
    assert!(
        !scene::to_ron(&pink)
            .expect("serializes")
            .contains("prerequisites")
    );
}

/// The scratch scene with `from` replaced by `to`, parsed: the error's line, column and message.
fn refused(from: &str, to: &str) -> (usize, usize, String) {
    assert!(SCRATCH.contains(from), "{from}");
    let text = SCRATCH.replacen(from, to, 1);
    match scene::parse(Path::new("bad.ron"), &text) {
        Err(DocumentError::Invalid {
            line,
            column,
            message,
            ..
        }) => {
            // The position points into the replaced text's line.
            let at = text.lines().nth(line - 1).expect("the line exists");
            assert!(
                column >= 1 && column <= at.len() + 1,
                "{line}:{column} {message}"
            );
            (line, column, message)
        }
        other => panic!("expected a located refusal, got {other:?}"),
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    let text = SCRATCH.replacen(text, needle, 1);
    text.lines()
        .position(|l| l.contains(needle))
        .expect("present")
        + 1
}

#[test]
fn an_unknown_prerequisite_is_refused_where_it_is_named() {
    let to = r#""holography": ["optix"],"#;
    let (line, column, message) = refused(r#""holography": ["optics"],"#, to);
    assert_eq!(line, line_of(r#""holography": ["optics"],"#, to));
    let at = SCRATCH.replacen(r#""holography": ["optics"],"#, to, 1);
    let row = at.lines().nth(line - 1).expect("line");
    assert_eq!(&row[column - 1..column + 6], "\"optix\"", "{message}");
    assert!(message.contains("`optix`"), "{message}");
}

#[test]
fn a_cycle_is_refused_and_named() {
    let to = r#""holography": ["optics"], "chemistry": ["paint"],"#;
    let (line, _, message) = refused(r#""holography": ["optics"],"#, to);
    assert!(
        message.contains("chemistry -> paint -> chemistry"),
        "{message}"
    );
    assert_eq!(line, line_of(r#""holography": ["optics"],"#, to));
    // A technology that needs itself.
    let (_, _, message) = refused(
        r#""holography": ["optics"],"#,
        r#""holography": ["holography"],"#,
    );
    assert!(message.contains("holography -> holography"), "{message}");
}

#[test]
fn a_prerequisite_for_an_unknown_technology_or_too_many_are_refused() {
    let (_, _, message) = refused(r#""holography": ["optics"],"#, r#""holo": ["optics"],"#);
    assert!(message.contains("`holo`"), "{message}");
    let many = vec!["\"optics\""; ladders_domain::scene::MAX_PREREQUISITES + 1].join(", ");
    let (_, _, message) = refused(
        r#""holography": ["optics"],"#,
        &format!(r#""holography": [{many}],"#),
    );
    assert!(message.contains("the limit is 16"), "{message}");
}

#[test]
fn bad_development_sites_are_refused_at_their_field() {
    let site = r#"kind: Lab(develops: "optics", work: 3)"#;
    for (to, field, says) in [
        (
            r#"kind: Lab(develops: "optix", work: 3)"#,
            "\"optix\"",
            "`optix`",
        ),
        (r#"kind: Lab(develops: "optics", work: 0)"#, "0", "1 to 100"),
        (
            r#"kind: Lab(develops: "optics", work: 101)"#,
            "101",
            "1 to 100",
        ),
        (
            r#"kind: Lab(develops: "optics", work: 4000000000)"#,
            "4000000000",
            "1 to 100",
        ),
    ] {
        let (line, column, message) = refused(site, to);
        assert_eq!(line, line_of(site, to), "{message}");
        let text = SCRATCH.replacen(site, to, 1);
        let row = text.lines().nth(line - 1).expect("line");
        assert!(
            row[column - 1..].starts_with(field),
            "{row} at {column}: {message}"
        );
        assert!(message.contains(says), "{message}");
    }
    // A site that needs the technology it develops could never start.
    let (line, _, message) = refused(site, &format!(r#"{site}, requires: "optics""#));
    assert!(message.contains("could never start"), "{message}");
    assert_eq!(line, line_of(site, site));
    // A site for a technology the scene already makes available needs no development.
    let (line, _, message) = refused(r#""optics": Locked,"#, r#""optics": Available,"#);
    assert!(message.contains("needs no development"), "{message}");
    assert_eq!(line, line_of(site, site));
}

#[test]
fn hostile_trees_are_refused_not_hung() {
    // A chain of 64 technologies closed into a cycle, and 65 technologies.
    let names: Vec<String> = (0..64).map(|i| format!("t{i:02}")).collect();
    let techs: Vec<String> = names.iter().map(|n| format!("\"{n}\": Locked")).collect();
    let chain: Vec<String> = (0..64)
        .map(|i| format!("\"{}\": [\"{}\"]", names[i], names[(i + 1) % 64]))
        .collect();
    let scene = |techs: &[String], prereqs: &[String]| {
        format!(
            "Scene(name: \"x\", grid: [\"...\"], agent: (0, 0), entities: [], technologies: {{{}}}, prerequisites: {{{}}}, goal: And([]), plans: [])",
            techs.join(", "),
            prereqs.join(", ")
        )
    };
    let cyclic = scene(&techs, &chain);
    let err = scene::parse(Path::new("x.ron"), &cyclic).expect_err("a cycle");
    assert!(err.to_string().contains("t00 -> t01 -> t02"), "{err}");
    // The same chain without the closing edge loads, in chain order.
    let open = scene(&techs, &chain[..63]);
    let loaded = scene::parse(Path::new("x.ron"), &open).expect("a long chain loads");
    assert_eq!(loaded.world.tree_order().first(), Some(&63));
    let mut more = techs.clone();
    more.push("\"t64\": Locked".into());
    let err = scene::parse(Path::new("x.ron"), &scene(&more, &[])).expect_err("too many");
    assert!(err.to_string().contains("the limit is 64"), "{err}");
}

const DEVELOPED_LANGUAGE: &str = r#"Language(
    name: "t",
    actions: (end: 1.0, words: [(name: "step", cost: 2.0, params: [("d", Dir)], body: Steps([Move(Param("d"))]))]),
    states: (end: 1.0, words: [(name: "paint_of", cost: 2.0, names: Property(paint))]),
    developed: {"holography": (action_words: [(name: "beam", cost: 3.0, body: Steps([Noop]))], costs: {"step": 3.0})},
    commodified: {"holography": (costs: {"beam": COST})},
)"#;

#[test]
fn developed_changes_apply_from_available_and_before_the_commodified_ones() {
    let text = DEVELOPED_LANGUAGE.replace("COST", "2.5");
    let l = language::parse(Path::new("t.ron"), &text).expect("valid");
    let at = |level| l.for_levels(&TechLevels::new([("holography".to_owned(), level)]));
    let cost = |l: &Language, w: &str| l.actions.words.iter().find(|x| x.name == w).map(|x| x.cost);
    assert_eq!(cost(&at(TechLevel::Locked), "beam"), None);
    assert_eq!(cost(&at(TechLevel::Available), "beam"), Some(3.0));
    assert_eq!(cost(&at(TechLevel::Available), "step"), Some(3.0));
    assert_eq!(cost(&at(TechLevel::Locked), "step"), Some(2.0));
    assert_eq!(cost(&at(TechLevel::Commodified), "beam"), Some(2.5));
    assert_eq!(l.level_settings().len(), 3);
    // The Setting uses them.
    let scene = scratch();
    let mut levels = scene.world.technologies.clone();
    levels.set(tech(&scene, "holography"), TechLevel::Available);
    let setting = Setting::with_levels(l.clone(), levels, 14.0);
    assert_eq!(cost(&setting.effective, "beam"), Some(3.0));
}

#[test]
fn kraft_is_checked_under_every_level_the_changes_can_produce() {
    // step 3 (0.125) + beam 3 (0.125) + end 1 (0.5) = 0.75 when available; with beam
    // at 1 when commodified: 0.125 + 0.5 + 0.5 > 1.
    let text = DEVELOPED_LANGUAGE.replace("COST", "1.0");
    let err = language::parse(Path::new("t.ron"), &text).expect_err("not a prefix code");
    let message = err.to_string();
    assert!(message.contains("with holography commodified"), "{message}");
    // Available alone is refused too when the developed words overflow.
    let text = DEVELOPED_LANGUAGE
        .replace("COST", "2.5")
        .replace(r#"cost: 3.0, body"#, r#"cost: 1.0, body"#);
    let err = language::parse(Path::new("t.ron"), &text).expect_err("not a prefix code");
    assert!(
        err.to_string().contains("with holography available"),
        "{err}"
    );
}

#[test]
fn every_bundled_language_is_a_prefix_code_under_every_level_setting() {
    for name in language::bundled_names() {
        let l = language::bundled(name).expect("bundled").expect("valid");
        for setting in l.level_settings() {
            let e = l.for_levels(&setting);
            assert!(language::kraft_sum(&e.actions) <= 1.0 + 1e-9, "{name}");
            assert!(language::kraft_sum(&e.states) <= 1.0 + 1e-9, "{name}");
        }
        assert!(
            l.actions.words.iter().any(|w| w.name == "develop"),
            "{name}"
        );
    }
}

/// (Levin Kt, search candidates or `None` when the search stopped or hit its limit) per
/// plan, under everyday at `levels`.
fn measured(scene: &Scene, levels: TechLevels, plans: &[&str]) -> Vec<(f64, Option<u64>)> {
    let everyday = language::bundled("everyday")
        .expect("bundled")
        .expect("valid");
    let setting = Setting::with_levels(everyday, levels, 14.0);
    let bounds = ProgramBounds {
        probability_bound: 16.0,
        search_limit: 5_000,
        limits: ProgramLimits::default(),
    };
    let programs = program_measures(scene, &setting, &bounds, &|_| true).expect("runs");
    plans
        .iter()
        .map(|name| {
            let i = scene
                .plans
                .iter()
                .position(|p| p.name == *name)
                .expect("a plan");
            let kt = score_plan(scene, &setting, &scene.plans[i])
                .levin_kt()
                .expect("describable");
            let search: &SearchEffort = &programs.searches[i];
            (kt, search.found.as_ref().map(|_| search.candidates))
        })
        .collect()
}

/// Whether search `a` is less effort than `b`: a search that found its target beats
/// one that did not, and two that found theirs compare by candidates.
fn less_effort(a: Option<u64>, b: Option<u64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a < b,
        (Some(_), None) => true,
        _ => false,
    }
}

#[test]
fn from_scratch_the_mind_hack_is_easier_than_paint_and_with_pink_cars_levels_paint_is() {
    let scene = scratch();
    let m = measured(
        &scene,
        scene.world.technologies.clone(),
        &["mind_hack_from_scratch", "paint_from_scratch"],
    );
    let ((hack_kt, hack_search), (paint_kt, paint_search)) = (m[0], m[1]);
    assert!(hack_kt < paint_kt, "Kt {hack_kt} vs {paint_kt}");
    assert!(
        hack_search.is_some(),
        "the mind hack is found within 5,000 candidates"
    );
    assert!(
        less_effort(hack_search, paint_search),
        "{hack_search:?} vs {paint_search:?}"
    );

    let m = measured(&scene, pink_levels(&scene), &["paint", "mind_hack"]);
    let ((paint_kt, paint_search), (hack_kt, hack_search)) = (m[0], m[1]);
    assert!(paint_kt < hack_kt, "Kt {paint_kt} vs {hack_kt}");
    assert!(
        less_effort(paint_search, hack_search),
        "{paint_search:?} vs {hack_search:?}"
    );
}

#[test]
fn a_commodification_order_against_the_tree_is_refused_and_the_trees_own_is_not() {
    use ladders_domain::analysis::{TechSweepError, default_order, resolve_order};
    let scene = scratch();
    let world = &scene.world;
    let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
    let against = |v: &[&str]| {
        matches!(
            resolve_order(world, &names(v)),
            Err(TechSweepError::AgainstTree { .. })
        )
    };
    assert!(
        against(&["paint", "pigment", "chemistry"]),
        "paint before its prerequisites"
    );
    assert!(
        against(&["paint"]),
        "paint while pigment and chemistry stay locked"
    );
    assert!(against(&["holography", "optics"]));
    assert!(resolve_order(world, &names(&["pigment", "chemistry", "paint"])).is_ok());
    let tree: Vec<String> = default_order(world)
        .into_iter()
        .map(|t| {
            world
                .technologies
                .iter()
                .nth(t)
                .map(|(n, _)| n.to_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        tree,
        names(&[
            "chemistry",
            "neurotech",
            "optics",
            "holography",
            "pigment",
            "paint"
        ])
    );
    assert!(resolve_order(world, &tree).is_ok());
    // At pink_car.ron's own levels nothing is locked, so any order goes.
    let pink = scene::pink_car().expect("pink car");
    assert!(resolve_order(&pink.world, &names(&["paint", "holography"])).is_ok());
}
