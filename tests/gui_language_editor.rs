//! The language editor, driven as a user would with egui_kittest: open it on `everyday`
//! with F4, make a word cheaper and see the verdicts recomputed in the edited language,
//! break Kraft's inequality and see the words named while the old language stays scored,
//! undo, save as a new file and point the scene at it.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{Action, LaddersApp, Purpose, Startup};
use ladders_domain::analysis::{Setting, score_scene};
use ladders_domain::language::{Language, WhichVocabulary, least_slack};
use std::path::Path;

mod common;
use common::{click, open, settle, wait_for_recovery_copy};

/// The pink car copied into `dir`, with the language editor open on `everyday`.
fn open_language_editor(dir: &Path) -> Harness<'static, LaddersApp> {
    let scene = dir.join("pink_car.ron");
    std::fs::copy("scenes/pink_car.ron", &scene).expect("copy the scene");
    let mut harness = open(Startup {
        scene: Some(scene),
        language: Some("everyday".into()),
        ..Startup::default()
    });
    harness.key_press(Key::F4);
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(explorer.view.language_editor.open, "F4 opens the editor");
    assert_eq!(
        explorer
            .work
            .language_edits
            .as_ref()
            .map(|e| e.draft().name.as_str()),
        Some("everyday")
    );
    harness.get_by_label("Language name");
    harness
}

/// The language the picker scores as `everyday` now.
fn scored_everyday(harness: &Harness<'static, LaddersApp>) -> Language {
    let explorer = &harness.state().explorer;
    explorer
        .work
        .languages
        .iter()
        .find(|l| l.language.name == "everyday")
        .expect("everyday is in the picker")
        .language
        .clone()
}

fn cost_of(language: &Language, word: &str) -> f64 {
    language
        .actions
        .words
        .iter()
        .find(|w| w.name == word)
        .expect("the word")
        .cost
}

#[test]
fn a_cheaper_word_rescores_in_the_edited_language_and_a_broken_kraft_keeps_the_old() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_language_editor(dir.path());
    let started = harness.state().explorer.measurements_started();
    let before = scored_everyday(&harness);
    let plan_bits = |h: &Harness<'static, LaddersApp>| {
        let explorer = &h.state().explorer;
        let index = explorer
            .work
            .languages
            .iter()
            .position(|l| l.language.name == "everyday")
            .expect("everyday");
        let score = explorer.score_in(index).expect("scored");
        score
            .plans
            .iter()
            .map(|p| (p.plan.clone(), p.plan_bits(), p.verdict.accepted))
            .collect::<Vec<_>>()
    };
    let bits_before = plan_bits(&harness);
    // Make `walk_to` cheaper through its drag value, by half the slack that everyday
    // leaves its action words under the tightest setting.
    let slack = least_slack(&before, WhichVocabulary::Actions);
    assert!(slack > 0.0);
    let cheaper = -((-cost_of(&before, "walk_to")).exp2() + slack / 2.0).log2();
    harness.get_by_label("Cost of walk_to").scroll_to_me();
    harness.run();
    harness
        .get_by_label("Cost of walk_to")
        .set_value_accesskit(cheaper);
    harness.step();
    settle(&mut harness);
    let edited = scored_everyday(&harness);
    assert_eq!(
        cost_of(&edited, "walk_to"),
        cheaper,
        "the picker scores the edit"
    );
    let explorer = &harness.state().explorer;
    assert!(explorer.measurements_started() > started, "scored again");
    let scene = explorer.scene().clone();
    let setting = Setting::with_levels(
        edited.clone(),
        scene.world.technologies.clone(),
        explorer.budget(),
    );
    let expected = score_scene(&scene, &setting);
    let index = explorer
        .work
        .languages
        .iter()
        .position(|l| l.language.name == "everyday")
        .expect("everyday");
    let shown = explorer.score_in(index).expect("scored");
    let bits = |s: &ladders_domain::analysis::SceneScore| {
        s.plans
            .iter()
            .map(|p| (p.plan.clone(), p.plan_bits(), p.verdict.accepted))
            .collect::<Vec<_>>()
    };
    assert_eq!(bits(shown), bits(&expected));
    assert_eq!(shown.choice, expected.choice);
    assert_ne!(
        plan_bits(&harness),
        bits_before,
        "some plan walks to something"
    );
    harness.get_by_label_contains("Undo cost of walk_to");

    // Break Kraft: walk_to at half a bit.
    let explorer = &mut harness.state_mut().explorer;
    let walk_to = explorer
        .work
        .language_edits
        .as_ref()
        .and_then(|e| {
            e.draft()
                .actions
                .words
                .iter()
                .position(|w| w.name == "walk_to")
        })
        .expect("walk_to");
    explorer.queue(Action::EditLanguage(
        ladders_domain::language::LanguageChange::SetCost(
            ladders_domain::language::WordSlot::base(WhichVocabulary::Actions, walk_to),
            0.5,
        ),
    ));
    settle(&mut harness);
    harness.get_by_label_contains("the words responsible: walk_to");
    harness.get_by_label_contains("Refused:");
    assert!(
        !harness
            .query_all_by_label_contains("over by")
            .collect::<Vec<_>>()
            .is_empty(),
        "the table marks the broken settings"
    );
    let scored = scored_everyday(&harness);
    assert_eq!(
        cost_of(&scored, "walk_to"),
        cheaper,
        "the last valid cost stays scored"
    );
    assert_eq!(scored, edited);

    // Undo restores the valid draft.
    click(&mut harness, "Undo cost of walk_to");
    settle(&mut harness);
    let edits = harness
        .state()
        .explorer
        .work
        .language_edits
        .clone()
        .expect("edits");
    assert!(edits.checked().is_ok());
    assert_eq!(cost_of(edits.draft(), "walk_to"), cheaper);
    assert_eq!(edits.draft(), &edited);
    assert!(
        harness
            .query_all_by_label_contains("the words responsible")
            .next()
            .is_none()
    );
}

#[test]
fn save_as_writes_an_equal_language_that_the_scene_can_use_and_unsaved_edits_are_guarded() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_language_editor(dir.path());
    harness
        .get_by_label("Cost of take")
        .set_value_accesskit(5.5);
    harness.step();
    settle(&mut harness);
    assert!(
        harness.state().explorer.has_unsaved(),
        "an unsaved language edit"
    );
    // Quitting asks first.
    harness
        .state_mut()
        .explorer
        .queue(ladders::app::Command::Quit);
    settle(&mut harness);
    harness.get_by_label_contains("the language everyday");
    click(&mut harness, "Cancel");
    settle(&mut harness);

    click(&mut harness, "Save language as…");
    settle(&mut harness);
    assert!(harness.state().explorer.view.file_dialog.is_some());
    let path = dir.path().join("thrifty.ron");
    harness
        .state_mut()
        .explorer
        .queue(Action::FileChosen(Purpose::SaveLanguage, path.clone()));
    settle(&mut harness);
    let edits = harness
        .state()
        .explorer
        .work
        .language_edits
        .clone()
        .expect("edits");
    assert!(!edits.is_modified(), "saved");
    assert_eq!(edits.path(), Some(path.as_path()));
    let read = ladders_domain::language::load(&path).expect("the saved file loads");
    assert_eq!(&read, edits.draft());
    assert_eq!(cost_of(&read, "take"), 5.5);
    assert!(!harness.state().explorer.has_unsaved());

    click(&mut harness, "Use in this scene");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(
        explorer
            .scene()
            .languages
            .contains(&"thrifty.ron".to_owned()),
        "{:?} ({:?})",
        explorer.scene().languages,
        explorer.view.language_editor.refusal
    );
    assert_eq!(
        explorer.work.document.undo_label(),
        Some("edit the languages")
    );
}

#[test]
fn words_and_technology_changes_are_added_and_removed_in_the_window() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_language_editor(dir.path());
    click(&mut harness, "Add an action word");
    settle(&mut harness);
    let edits = |h: &Harness<'static, LaddersApp>| {
        h.state()
            .explorer
            .work
            .language_edits
            .clone()
            .expect("edits")
    };
    let added = edits(&harness);
    let word = added.draft().actions.words.last().expect("a word").clone();
    assert_eq!(word.name, "new_word");
    assert!(
        added.checked().is_ok(),
        "its cost keeps Kraft: {:?}",
        added.checked()
    );
    harness.get_by_label("Cost of new_word");
    click(&mut harness, "Remove new_word");
    settle(&mut harness);
    assert!(
        edits(&harness)
            .draft()
            .actions
            .words
            .iter()
            .all(|w| w.name != "new_word")
    );
    harness.get_by_label("Undo remove new_word");
    // Ctrl+Z over the window undoes the language's edit, not the scene's.
    let scene_undo = harness
        .state()
        .explorer
        .work
        .document
        .undo_label()
        .map(str::to_owned);
    harness.get_by_label("Add an action word").scroll_to_me();
    harness.run();
    harness.get_by_label("Add an action word").hover();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(
        edits(&harness)
            .draft()
            .actions
            .words
            .last()
            .map(|w| w.name.as_str()),
        Some("new_word"),
        "the removal undone"
    );
    assert_eq!(
        harness
            .state()
            .explorer
            .work
            .document
            .undo_label()
            .map(str::to_owned),
        scene_undo
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    settle(&mut harness);
    assert!(
        edits(&harness)
            .draft()
            .actions
            .words
            .iter()
            .all(|w| w.name != "new_word"),
        "and redone"
    );

    // A technology's changes: a new one, then a word repriced under it.
    common::type_into(&mut harness, "New technology developed", "optics");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    assert!(edits(&harness).draft().developed.contains_key("optics"));
    click(&mut harness, "Reprice a word when optics is developed");
    click(&mut harness, "light_rect");
    settle(&mut harness);
    let repriced = edits(&harness);
    assert_eq!(
        repriced.draft().developed["optics"].costs.get("light_rect"),
        Some(&10.0),
        "repriced at its cost"
    );
    assert!(repriced.checked().is_ok(), "{:?}", repriced.checked());
    harness
        .get_by_label("Cost of light_rect when optics is developed")
        .set_value_accesskit(8.0);
    harness.step();
    settle(&mut harness);
    // The picker scores the language with optics developed as the scene has it.
    let scored = scored_everyday(&harness);
    assert_eq!(
        scored.developed["optics"].costs.get("light_rect"),
        Some(&8.0)
    );
    click(&mut harness, "Remove the changes when optics is developed");
    settle(&mut harness);
    assert!(!edits(&harness).draft().developed.contains_key("optics"));
}

/// Replace the text of the field labelled `label` with `text` and leave the field, as a
/// user does: select all, type, Escape.
fn retype(harness: &mut Harness<'static, LaddersApp>, label: &str, text: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.key_press(Key::Escape);
    settle(harness);
}

fn edits(harness: &Harness<'static, LaddersApp>) -> ladders_domain::language::LanguageEdits {
    harness
        .state()
        .explorer
        .work
        .language_edits
        .clone()
        .expect("edits")
}

#[test]
fn a_words_parameters_body_and_names_are_typed_in_and_text_that_does_not_read_is_kept() {
    use ladders_domain::language::{Body, DirRef, Names, ParamType, Step, VarName};
    use ladders_domain::world::Prop;
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_language_editor(dir.path());
    click(&mut harness, "Add an action word");
    settle(&mut harness);
    let new_word = |h: &Harness<'static, LaddersApp>| {
        edits(h)
            .draft()
            .actions
            .words
            .iter()
            .find(|w| w.name == "new_word")
            .cloned()
            .expect("new_word")
    };
    // A body that uses a parameter not yet declared: kept, and the language refused.
    retype(
        &mut harness,
        "Body of new_word",
        r#"Steps([Move(Param("d"))])"#,
    );
    let wanted = Body::Steps(vec![Step::Move(DirRef::Param("d".into()))]);
    assert_eq!(new_word(&harness).body, wanted);
    let why = edits(&harness).checked().unwrap_err();
    assert!(why.contains("uses the parameter `d`"), "{why}");
    harness.get_by_label_contains("Refused:");
    retype(&mut harness, "Parameters of new_word", "d: Dir");
    assert_eq!(
        new_word(&harness).params,
        vec![("d".to_owned(), ParamType::Dir)]
    );
    assert!(
        edits(&harness).checked().is_ok(),
        "{:?}",
        edits(&harness).checked()
    );
    harness.get_by_label("Undo parameters of new_word");

    // Text that does not read changes nothing, stays in the field, and says where.
    let typo = "Steps([Move(Dir(Q))])";
    retype(&mut harness, "Body of new_word", typo);
    assert_eq!(new_word(&harness).body, wanted, "unchanged");
    harness.get_by_label_contains("Not used: the body does not read: line 1, column");
    assert_eq!(
        harness.get_by_label("Body of new_word").value().as_deref(),
        Some(typo)
    );
    click(&mut harness, "Revert");
    settle(&mut harness);
    assert!(harness.query_by_label_contains("Not used:").is_none());
    assert_eq!(
        harness.get_by_label("Body of new_word").value().as_deref(),
        Some(r#"Steps([Move(Param("d"))])"#)
    );

    // A state word names exactly the car's paint.
    let first_state = edits(&harness).draft().states.words[0].name.clone();
    retype(
        &mut harness,
        &format!("What {first_state} names"),
        r#"Exactly([Entity("car", paint)])"#,
    );
    assert_eq!(
        edits(&harness).draft().states.words[0].names,
        Names::Exactly(vec![VarName::Entity("car".into(), Prop::Paint)])
    );
}

#[test]
fn a_technology_adds_a_word_with_its_own_entering_cost_in_the_window() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_language_editor(dir.path());
    let tech = edits(&harness)
        .draft()
        .commodified
        .keys()
        .next()
        .cloned()
        .expect("everyday changes when something is commodified");
    let changes = |h: &Harness<'static, LaddersApp>| edits(h).draft().commodified[&tech].clone();
    let had = changes(&harness).action_words.len();
    click(
        &mut harness,
        &format!("Add an action word when {tech} is commodified"),
    );
    settle(&mut harness);
    let added = changes(&harness).action_words;
    assert_eq!(added.len(), had + 1);
    let name = added.last().expect("the new word").name.clone();
    assert!(
        edits(&harness)
            .draft()
            .actions
            .words
            .iter()
            .all(|w| w.name != name),
        "the word is the technology's, not the base language's"
    );
    harness.get_by_label(&format!("Cost of {name}"));
    assert_eq!(changes(&harness).entering_cost, None);
    click(
        &mut harness,
        &format!("Own entering cost when {tech} is commodified"),
    );
    settle(&mut harness);
    assert_eq!(
        changes(&harness).entering_cost,
        Some(ladders_domain::language::DEFAULT_ENTERING_COST)
    );
    let field = format!("Entering cost when {tech} is commodified");
    harness.get_by_label(&field).scroll_to_me();
    harness.run();
    harness.get_by_label(&field).set_value_accesskit(40.0);
    harness.step();
    settle(&mut harness);
    assert_eq!(changes(&harness).entering_cost, Some(40.0));
    assert!(
        edits(&harness).checked().is_ok(),
        "{:?}",
        edits(&harness).checked()
    );
    // The word is scored when the technology is commodified: the picker has it.
    let scored = scored_everyday(&harness);
    assert!(
        scored.commodified[&tech]
            .action_words
            .iter()
            .any(|w| w.name == name)
    );
    click(&mut harness, &format!("Remove {name}"));
    settle(&mut harness);
    assert_eq!(changes(&harness).action_words.len(), had);
}

#[test]
fn after_a_crash_the_edited_languages_recovery_copy_comes_back_in_the_editor() {
    let dir = tempfile::tempdir().expect("temp");
    let recovery = dir.path().join("recovery");
    let scene = dir.path().join("pink_car.ron");
    std::fs::copy("scenes/pink_car.ron", &scene).expect("copy the scene");
    let startup = || Startup {
        scene: Some(scene.clone()),
        language: Some("everyday".into()),
        recovery: Some(recovery.clone()),
        ..Startup::default()
    };
    let mut harness = open(startup());
    harness.key_press(Key::F4);
    settle(&mut harness);
    let walk_to = edits(&harness)
        .draft()
        .actions
        .words
        .iter()
        .position(|w| w.name == "walk_to")
        .expect("walk_to");
    let before = cost_of(edits(&harness).draft(), "walk_to");
    // Over Kraft: a draft being fixed is work too, and comes back as it was.
    harness.state_mut().explorer.queue(Action::EditLanguage(
        ladders_domain::language::LanguageChange::SetCost(
            ladders_domain::language::WordSlot::base(WhichVocabulary::Actions, walk_to),
            0.5,
        ),
    ));
    settle(&mut harness);
    wait_for_recovery_copy(&mut harness, &recovery, "-language.ron");
    // A crash: the program ends without quitting.
    drop(harness);
    let mut harness = open(startup());
    harness.get_by_label_contains("the edits of an untitled language");
    click(&mut harness, "Restore the edits");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(explorer.view.language_editor.open, "shown in the editor");
    let restored = edits(&harness);
    assert!(restored.is_modified());
    assert_eq!(cost_of(restored.draft(), "walk_to"), 0.5);
    assert!(restored.checked().is_err(), "still refused, as it was");
    assert_eq!(
        cost_of(&scored_everyday(&harness), "walk_to"),
        before,
        "the verdicts keep the bundled everyday meanwhile"
    );
    let everydays = explorer
        .work
        .languages
        .iter()
        .filter(|l| l.language.name == "everyday")
        .count();
    assert_eq!(everydays, 1, "one everyday in the picker");
    // Fixed, it replaces everyday in the picker.
    harness.state_mut().explorer.queue(Action::EditLanguage(
        ladders_domain::language::LanguageChange::SetCost(
            ladders_domain::language::WordSlot::base(WhichVocabulary::Actions, walk_to),
            before + 1.0,
        ),
    ));
    settle(&mut harness);
    std::thread::sleep(std::time::Duration::from_millis(300));
    settle(&mut harness);
    assert_eq!(cost_of(&scored_everyday(&harness), "walk_to"), before + 1.0);
    // A normal quit leaves nothing to offer next time.
    harness.state_mut().explorer.discard_all_recovery();
    drop(harness);
    let harness = open(startup());
    assert!(
        harness
            .query_by_label_contains("Recover unsaved work?")
            .is_none()
    );
}
