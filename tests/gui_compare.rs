//! The comparison window, driven through its accessibility tree with egui_kittest.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{Action, LaddersApp, Startup};
use ladders_domain::analysis::{CompareOptions, compare_languages};
use ladders_domain::language::Language;
use ladders_domain::measures::Measure;

mod common;
use common::{click, open, settle};

/// The window open on the pink car, its comparison computed.
fn open_comparison() -> Harness<'static, LaddersApp> {
    let mut harness = open(Startup::default());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    settle(&mut harness);
    assert!(harness.state().explorer.view.compare.open);
    harness
}

/// Ask for sweeps of `languages` random languages per radius, as the field would.
fn sweep_size(harness: &mut Harness<'static, LaddersApp>, languages: u64) {
    let explorer = &mut harness.state_mut().explorer;
    let mut settings = explorer.view.compare.clone();
    settings.sweep_languages = languages;
    explorer.queue(Action::SetCompare(Box::new(settings)));
    harness.run();
}

#[test]
fn compare_window_shows_the_constants_compare_languages_gives() {
    let harness = open_comparison();
    let explorer = &harness.state().explorer;
    let scene = explorer.scene().clone();
    let languages: Vec<Language> = explorer
        .work
        .languages
        .iter()
        .map(|l| l.language.clone())
        .collect();
    let options = CompareOptions {
        random_plans: 200,
        seed: 0,
        technologies: scene.world.technologies.clone(),
        budget: explorer.budget(),
    };
    let expected =
        compare_languages(&scene, &languages, &options, &|_, _| true).expect("the comparison runs");
    let shown = &explorer
        .results
        .comparison
        .as_ref()
        .expect("a comparison")
        .comparison;
    assert_eq!(*shown, expected);
    let index = |name: &str| {
        expected
            .languages
            .iter()
            .position(|l| l == name)
            .expect("a bundled language")
    };
    let (everyday, optics) = (index("everyday"), index("optics"));
    let constant = &expected
        .measure(Measure::EffectDl)
        .expect("effect DL compared")
        .invariance[everyday][optics];
    let text = match constant.bits {
        Some(bits) => format!("{bits:.2}"),
        None => "∞".to_owned(),
    };
    harness.get_by_label(&format!("c from everyday to optics: {text}"));
    // Not stale: it was computed from what is open.
    assert!(harness.query_by_label_contains("stale").is_none());
}

#[test]
fn compare_choosing_language_b_changes_the_scatters_pair() {
    let mut harness = open_comparison();
    let scatter = |a: &str, b: &str| format!("{} in {a} and {b}", Measure::EffectDl.label());
    harness.get_by_label(&scatter("everyday", "optics"));
    harness.get_by_label("Language B").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "neuro").click();
    harness.run();
    assert_eq!(
        harness.state().explorer.view.compare.b.as_deref(),
        Some("neuro")
    );
    harness.get_by_label(&scatter("everyday", "neuro"));
    harness.get_by_label_contains(&format!(
        "Kendall τ of the plans' {}",
        scatter("everyday", "neuro")
    ));
    // Swapping makes neuro language A.
    harness.get_by_label("Swap").click();
    harness.run();
    harness.get_by_label(&scatter("neuro", "everyday"));
}

#[test]
fn compare_running_the_sweep_fills_in_every_radius() {
    let mut harness = open_comparison();
    sweep_size(&mut harness, 20);
    harness.get_by_label("Not run yet.");
    click(&mut harness, "Run sweep");
    settle(&mut harness);
    let run = harness
        .state()
        .explorer
        .results
        .sweep
        .clone()
        .expect("a sweep");
    assert!(run.ended);
    assert_eq!(run.error, None);
    let sweep = run.sweep.expect("radii");
    let radii: Vec<f64> = sweep.radii.iter().map(|r| r.radius).collect();
    assert_eq!(radii, vec![0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0]);
    assert!(sweep.radii.iter().all(|r| r.languages == 20));
    assert_eq!(run.around_name, "everyday");
    harness.get_by_label_contains("7 of 7 radii, 20 languages each, around everyday");
    // At radius 0 every language is the base: every plan keeps its verdict.
    assert!(sweep.breaking_radii().iter().all(|b| b != &Some(0.0)));
}

#[test]
fn compare_cancelling_the_sweep_stops_it_and_keeps_what_is_in() {
    let mut harness = open_comparison();
    sweep_size(&mut harness, 100_000);
    click(&mut harness, "Run sweep");
    assert!(harness.state().explorer.sweep_progress().is_some());
    click(&mut harness, "Cancel sweep");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(explorer.sweep_progress().is_none());
    let run = explorer.results.sweep.as_ref().expect("a sweep");
    assert!(run.ended);
    assert_eq!(run.error.as_deref(), Some("cancelled"));
    assert!(run.done() < 7);
    harness.get_by_label("Run sweep");
}

#[test]
fn an_adversarial_word_loads_a_language_that_accepts_the_mind_hack() {
    let mut harness = open_comparison();
    {
        let explorer = &mut harness.state_mut().explorer;
        let mut settings = explorer.view.compare.clone();
        settings.adversary.plan = Some("mind_hack".to_owned());
        settings.adversary.effect = true;
        settings.adversary.bits = 1.0;
        explorer.queue(Action::SetCompare(Box::new(settings)));
    }
    harness.run();
    click(&mut harness, "Add to everyday");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let names: Vec<&str> = explorer
        .work
        .languages
        .iter()
        .map(|l| l.language.name.as_str())
        .collect();
    assert!(names.contains(&"everyday+adv_mind_hack"), "{names:?}");
    let made = explorer
        .results
        .adversary
        .as_ref()
        .expect("the word is recorded");
    let scores = explorer.results.scores.as_ref().expect("scores");
    let before = scores.of(made.base).expect("the base is scored");
    let after = scores.of(made.made).expect("the new language is scored");
    let hack = |s: &ladders_domain::analysis::SceneScore| {
        s.plans
            .iter()
            .find(|p| p.plan == "mind_hack")
            .expect("plan")
            .clone()
    };
    assert!(!hack(before).verdict.accepted);
    assert!(
        hack(after).verdict.accepted,
        "one cheap word and the mind hack passes"
    );
    // The window's numbers are the command line's: 1 + end + δ bits.
    let bits = hack(after).effect_bits().expect("describable");
    let end = explorer.work.languages[0].language.states.end;
    assert!((bits - (1.0 + end + made.delta)).abs() < 1e-9, "{bits}");
    harness.get_by_label_contains("names `mind_hack` outright");
}

#[test]
fn a_budget_drag_starts_one_comparison_when_it_settles() {
    let mut harness = open_comparison();
    let first = harness
        .state()
        .explorer
        .results
        .comparison
        .clone()
        .expect("compared");
    // Frame after frame the budget moves, as under a drag: no comparison starts meanwhile.
    for step in 0..6 {
        let explorer = &mut harness.state_mut().explorer;
        explorer.queue(Action::SetBudget(14.0 + step as f64));
        harness.step();
        assert!(
            !harness.state().explorer.comparing(),
            "a comparison started mid-drag, at step {step}"
        );
    }
    settle(&mut harness);
    let after = harness
        .state()
        .explorer
        .results
        .comparison
        .clone()
        .expect("compared");
    assert_ne!(
        first.inputs, after.inputs,
        "compared again once the drag settled"
    );
    assert_eq!(after.inputs.budget, 19.0);
}

#[test]
fn the_scatter_can_draw_logarithmic_axes() {
    let mut harness = open_comparison();
    assert!(!harness.state().explorer.view.compare.log_scatter);
    click(&mut harness, "Logarithmic axes");
    harness.run();
    assert!(harness.state().explorer.view.compare.log_scatter);
    click(&mut harness, "Logarithmic axes");
    harness.run();
    assert!(
        !harness.state().explorer.view.compare.log_scatter,
        "and back"
    );
}
