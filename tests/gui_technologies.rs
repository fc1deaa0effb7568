//! The technologies window and the searched choice, driven through the accessibility tree
//! with egui_kittest: the tree's nodes change levels (undoably), the sweeps are the
//! library's, and the searched plan shows as a column, plays and joins the scene.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{Action, Command, LaddersApp, Startup};
use ladders_domain::analysis::{AvailabilitySpace, default_order, tech_sweep};
use ladders_domain::language::Language;
use ladders_domain::measures::Measure;
use ladders_domain::world::TechLevel;

mod common;
use common::{click, open, settle};

/// The app on the pink car with the technologies window open and its sweeps in.
fn open_technologies() -> Harness<'static, LaddersApp> {
    let mut harness = open(Startup::default());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::T);
    settle(&mut harness);
    assert!(harness.state().explorer.view.technologies.open);
    harness
}

fn level(harness: &Harness<'static, LaddersApp>, name: &str) -> TechLevel {
    let world = &harness.state().explorer.scene().world;
    let id = world.technologies.id(name).expect("technology");
    world.technologies.level(id)
}

#[test]
fn clicking_a_tree_node_raises_its_level_and_undo_lowers_it_again() {
    let mut harness = open_technologies();
    assert_eq!(level(&harness, "holography"), TechLevel::Available);
    harness
        .get_by_label_contains("holography\navailable")
        .click();
    settle(&mut harness);
    assert_eq!(level(&harness, "holography"), TechLevel::Commodified);
    harness.get_by_label_contains("holography\ncommodified");
    // The verdicts follow: everyday accepts the hologram once holography is commodified.
    let score = harness.state().explorer.current_score().expect("scores");
    let hologram = score
        .plans
        .iter()
        .find(|p| p.plan == "hologram")
        .expect("plan");
    assert!(hologram.verdict.accepted, "{}", hologram.verdict.reason);
    harness
        .state_mut()
        .explorer
        .queue(Action::Run(Command::Undo));
    settle(&mut harness);
    assert_eq!(level(&harness, "holography"), TechLevel::Available);
}

#[test]
fn the_window_shows_the_librarys_commodification_sweep_and_its_crossover() {
    let harness = open_technologies();
    let explorer = &harness.state().explorer;
    let run = explorer.results.tech.as_ref().expect("the sweeps ran");
    let shown = run.sweep.as_ref().expect("a sweep");
    let scene = explorer.scene();
    let languages: Vec<Language> = explorer
        .work
        .languages
        .iter()
        .map(|l| l.language.clone())
        .collect();
    let library =
        tech_sweep(scene, &languages, &default_order(&scene.world), &|_| true).expect("sweep");
    assert_eq!(shown, &library);
    // Under everyday the criterion's choice moves from paint to the hologram when
    // holography is commodified, and the window says so at that step.
    let everyday = library
        .languages
        .iter()
        .position(|l| l == "everyday")
        .expect("everyday");
    let crossover = library
        .crossovers
        .iter()
        .find(|c| c.language == everyday && c.measure == Measure::EffectDl)
        .expect("a crossover under everyday");
    assert_eq!(library.plans[crossover.from.expect("from")], "paint");
    assert_eq!(library.plans[crossover.to.expect("to")], "hologram");
    let step = &library.steps[crossover.step];
    assert_eq!(step.commodified.as_deref(), Some("holography"));
    harness.get_by_label_contains("hologram *");
}

#[test]
fn the_availability_sweep_is_the_librarys_and_names_where_the_choice_switches() {
    let mut harness = open_technologies();
    // Move holography's availability: choose it in the window's settings.
    let mut settings = harness.state().explorer.view.technologies.clone();
    settings.continuous = Some("holography".to_owned());
    harness
        .state_mut()
        .explorer
        .queue(Action::SetTechSettings(Box::new(settings)));
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let run = explorer.results.tech.as_ref().expect("the sweeps ran");
    let shown = run
        .availability
        .as_ref()
        .expect("an availability sweep")
        .as_ref()
        .expect("no error");
    let language = explorer
        .current_language()
        .expect("language")
        .language
        .clone();
    let library = AvailabilitySpace::new(explorer.scene(), &language, "holography", None)
        .and_then(|space| space.sweep(Measure::EffectDl))
        .expect("availability");
    assert_eq!(shown, &library);
    assert!(
        !library.switches.is_empty(),
        "the choice switches somewhere"
    );
    harness.get_by_label_contains("The agent's choice switches: paint -> hologram at a = ");
}

#[test]
fn the_searched_choice_is_a_column_that_plays_and_joins_the_scene_undoably() {
    let mut harness = open(Startup::default());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::J);
    settle(&mut harness);
    let plans = harness.state().explorer.scene().plans.len();
    let searched = harness
        .state()
        .explorer
        .searched_plan()
        .expect("the search found a plan")
        .clone();
    assert!(searched.outcome.reaches_goal);
    harness.get_by_label("searched");
    // Play it on the canvas.
    click(&mut harness, "Play it");
    settle(&mut harness);
    assert_eq!(harness.state().explorer.view.playback.plan, plans);
    assert_eq!(
        harness.state().explorer.plan_length(plans),
        searched.outcome.steps()
    );
    // Explain it word by word.
    click(&mut harness, "Explain it");
    settle(&mut harness);
    harness.get_by_label_contains("Evidence: plan description length of `searched");
    // Add it to the scene; undo takes it out again.
    click(&mut harness, "Add it to the scene");
    settle(&mut harness);
    let scene = harness.state().explorer.scene();
    assert_eq!(scene.plans.len(), plans + 1);
    let added = scene.plans.last().expect("added");
    assert!(
        added.name.starts_with("searched_effect_dl"),
        "{}",
        added.name
    );
    let steps = searched.outcome.steps();
    assert_eq!(added.actions.len(), steps);
    harness
        .state_mut()
        .explorer
        .queue(Action::Run(Command::Undo));
    settle(&mut harness);
    assert_eq!(harness.state().explorer.scene().plans.len(), plans);
}

#[test]
fn cancelling_the_search_stops_it_and_keeps_every_other_result() {
    let mut harness = open(Startup::default());
    harness
        .state_mut()
        .explorer
        .queue(Action::Run(Command::SearchChoice));
    harness.step();
    assert!(harness.state().explorer.search_running());
    harness.state_mut().explorer.queue(Action::CancelSearch);
    harness.step();
    assert!(!harness.state().explorer.search_running());
    settle(&mut harness);
    assert!(harness.state().explorer.results.searched.is_none());
    assert!(harness.state().explorer.current_score().is_some());
}
