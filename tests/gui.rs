//! The window, driven through its accessibility tree with egui_kittest: no display needed.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{Command, LaddersApp, Selection, Startup};
use std::time::{Duration, Instant};

mod common;
use common::{open, settle, type_into};

fn accepted(harness: &Harness<'static, LaddersApp>, plan: &str) -> bool {
    let score = harness.state().explorer.current_score().expect("scores");
    score
        .plans
        .iter()
        .find(|p| p.plan == plan)
        .expect("plan")
        .verdict
        .accepted
}

#[test]
fn opens_the_pink_car_with_the_everyday_verdicts() {
    let harness = open(Startup::default());
    assert_eq!(harness.state().explorer.scene().name, "The pink car");
    harness.get_by_label("Verdicts in everyday");
    assert!(accepted(&harness, "paint"));
    assert!(!accepted(&harness, "hologram"));
}

#[test]
fn switching_language_changes_the_hologram_verdict() {
    let mut harness = open(Startup::default());
    assert!(!accepted(&harness, "hologram"));
    harness
        .get_by_role_and_label(Role::RadioButton, "optics")
        .click();
    settle(&mut harness);
    harness.get_by_label("Verdicts in optics");
    assert!(accepted(&harness, "hologram"));
    // The next-language shortcut walks on to neuro, where the hologram is rejected again.
    harness.key_press(egui::Key::CloseBracket);
    settle(&mut harness);
    harness.get_by_label("Verdicts in neuro");
    assert!(!accepted(&harness, "hologram"));
    assert!(accepted(&harness, "mind_hack"));
}

#[test]
fn commodifying_holography_changes_the_verdict_and_undo_restores_it() {
    let mut harness = open(Startup::default());
    assert!(!accepted(&harness, "hologram"));
    harness.get_by_label("holography commodified").click();
    settle(&mut harness);
    assert!(accepted(&harness, "hologram"));
    assert!(harness.state().explorer.work.document.is_modified());
    harness.get_by_label_contains("unsaved changes");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    settle(&mut harness);
    assert!(!accepted(&harness, "hologram"));
    assert!(!harness.state().explorer.work.document.is_modified());
}

#[test]
fn playing_a_plan_runs_it_to_its_end_and_shows_the_effect() {
    let mut harness = open(Startup::default());
    harness.key_press(egui::Key::ArrowDown); // next plan: rainbow
    harness.run();
    let explorer = &harness.state().explorer;
    assert_eq!(
        explorer.scene().plans[explorer.view.playback.plan].name,
        "rainbow"
    );
    harness.get_by_label("Play").click();
    harness.step();
    assert!(harness.state().explorer.view.playback.playing);
    let start = Instant::now();
    while harness.state().explorer.view.playback.playing {
        harness.step();
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "playback never ended"
        );
    }
    harness.run();
    let explorer = &harness.state().explorer;
    assert_eq!(explorer.view.playback.step, 30, "at the last state");
    harness.get_by_label("Effect of `rainbow`: 12 changed variable(s)");
    harness.get_by_label("droplet[6, 1]: from off to on");
    // Stepping back leaves the end.
    harness.get_by_label("Back").click();
    harness.run();
    assert_eq!(harness.state().explorer.view.playback.step, 29);
}

#[test]
fn opening_a_broken_scene_shows_its_error_and_keeps_the_scene() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    std::fs::write(
        &broken,
        "Scene(\n    name: \"Broken\",\n    grid: [\"###\", \"#.\"],\n",
    )
    .expect("write");
    let mut harness = open(Startup::default());
    harness.get_by_label("File").click();
    harness.run();
    // The menu item's accessible label carries its shortcut, e.g. "Open… Ctrl+O".
    harness.get_by_label_contains("Open…").click();
    harness.run();
    type_into(&mut harness, "File name", &broken.display().to_string());
    harness.get_by_label("Open").click();
    settle(&mut harness);
    harness.get_by_label("Could not open the scene");
    // The message names the file, line and column, as the command line does.
    let Some(ladders::app::Modal::Error { message, .. }) =
        harness.state().explorer.view.modal.clone()
    else {
        panic!("no error modal");
    };
    let expected = ladders_domain::scene::load(&broken)
        .map(|_| ())
        .map_err(|e| e.to_string());
    assert_eq!(Err(message.clone()), expected);
    assert!(message.contains("broken.ron:"), "{message}");
    harness.get_by_label(&message);
    assert_eq!(
        harness.state().explorer.scene().name,
        "The pink car",
        "the old scene stays"
    );
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().explorer.view.modal.is_none());
}

#[test]
fn the_command_line_opens_a_scene_language_and_plan() {
    let startup = Startup {
        scene: Some("scenes/pink_car.ron".into()),
        language: Some("neuro".into()),
        plan: Some("mind_hack".into()),
        screenshot: None,
        evidence: Some(ladders_domain::measures::Measure::Lz76),
        recovery: None,
    };
    let harness = open(startup);
    assert_eq!(
        harness
            .state()
            .explorer
            .measure_evidence()
            .map(|e| (e.plan, e.measure)),
        Some((3, ladders_domain::measures::Measure::Lz76))
    );
    let explorer = &harness.state().explorer;
    assert_eq!(
        explorer
            .current_language()
            .map(|l| l.language.name.as_str()),
        Some("neuro")
    );
    assert_eq!(
        explorer.scene().plans[explorer.view.playback.plan].name,
        "mind_hack"
    );
    assert_eq!(explorer.view.playback.step, 8, "shown at its end");
}

#[test]
fn unsaved_changes_are_not_dropped_silently() {
    let mut harness = open(Startup::default());
    harness.get_by_label("neurotech commodified").click();
    settle(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().explorer.scene().name, "The pink car");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    harness.get_by_label("Discard changes").click();
    settle(&mut harness);
    assert_eq!(harness.state().explorer.scene().name, "Untitled");
    assert!(!harness.state().explorer.work.document.is_modified());
}

#[test]
fn save_as_writes_a_scene_that_loads_back_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("copy.ron");
    let mut harness = open(Startup::default());
    harness.get_by_label("paint commodified").click();
    settle(&mut harness);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    harness.run();
    // The field starts with the current file name; replace it with the full target path.
    harness.state_mut().explorer.view.file_dialog = Some(ladders::app::FileDialog::new(
        ladders::app::Purpose::SaveScene,
        dir.path().to_owned(),
        "",
    ));
    harness.run();
    type_into(&mut harness, "File name", "copy");
    harness.run();
    harness.get_by_label("Save").click();
    settle(&mut harness);
    let saved = ladders_domain::scene::load(&target).expect("saved scene loads");
    assert_eq!(&saved, harness.state().explorer.scene());
    assert!(!harness.state().explorer.work.document.is_modified());
    assert_eq!(
        harness.state().explorer.work.document.path(),
        Some(target.as_path())
    );
}

#[test]
fn shortcuts_do_not_fire_while_a_text_field_has_focus() {
    let mut text = String::new();
    let mut fired = Vec::new();
    {
        let mut harness = Harness::new_ui(|ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut text).id_salt("name"))
                .on_hover_text("Name");
            fired.extend(Command::pressed(ui.ctx()));
        });
        harness.key_press(egui::Key::Space);
        harness.run();
        harness.get_by_role(Role::TextInput).focus();
        harness.run();
        harness.key_press(egui::Key::Space);
        harness.run();
    }
    assert_eq!(
        fired,
        vec![Command::PlayPause],
        "only the press without focus fired"
    );
}

#[test]
fn help_lists_every_shortcut() {
    let mut harness = open(Startup::default());
    harness.key_press(egui::Key::F1);
    harness.run();
    assert!(matches!(
        harness.state().explorer.view.modal,
        Some(ladders::app::Modal::Shortcuts)
    ));
    for command in Command::all() {
        if command.shortcut().is_some() {
            assert!(
                harness.query_all_by_label(command.label()).next().is_some(),
                "{}",
                command.label()
            );
        }
    }
}

/// A file dropped on the window, as eframe delivers it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_scene_file_opens_it_and_remembers_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("small.ron");
    std::fs::write(&path, ladders::app::NEW_SCENE_RON).expect("write");
    let mut harness = open(Startup::default());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert_eq!(explorer.scene().name, "Untitled");
    let canonical = path.canonicalize().expect("canonical");
    assert_eq!(
        explorer.preferences.recent.first(),
        Some(&canonical),
        "listed first in Open recent"
    );
    assert_eq!(
        explorer.preferences.last_scene.as_deref(),
        Some(path.as_path())
    );
}

#[test]
fn preferences_persist_and_gone_recent_files_are_dropped() {
    use ladders::app::{Preferences, STORAGE_KEY};
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);
    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }
    let mut harness = open(Startup::default());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B); // hide the side panel
    harness.run();
    {
        let preferences = &mut harness.state_mut().explorer.preferences;
        preferences.theme = egui::ThemePreference::Light;
        preferences.recent = vec!["scenes/pink_car.ron".into(), "/no/such/scene.ron".into()];
    }
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let mut restored: Preferences = eframe::get_value(&storage, STORAGE_KEY).expect("stored");
    assert!(!restored.show_side_panel);
    assert_eq!(restored.theme, egui::ThemePreference::Light);
    assert!(
        storage
            .0
            .get(STORAGE_KEY)
            .is_some_and(|s| !s.contains("The pink car")),
        "no document in preferences"
    );
    restored.drop_missing_recent();
    assert_eq!(
        restored.recent,
        vec![std::path::PathBuf::from("scenes/pink_car.ron")]
    );
}

#[test]
fn clicking_a_number_shows_its_derivation() {
    let mut harness = open(Startup::default());
    harness.get_by_label("Click a number to see its derivation, word by word.");
    // paint's effect description in everyday: the matrix cell comes first.
    harness
        .get_all_by_label("6.32")
        .next()
        .expect("a 6.32 cell")
        .click();
    harness.run();
    harness.get_by_label("Evidence: effect description length of `paint` in everyday");
    harness.get_by_label("paint_of(car)");
    harness.get_by_label("Total 6.32 bits (shortest derivation)");
    // The plan description of the hologram in optics, from the language table's neighbour.
    harness
        .get_by_role_and_label(Role::RadioButton, "optics")
        .click();
    settle(&mut harness);
    harness.get_by_label("10.32").click();
    harness.run();
    harness.get_by_label("Evidence: plan description length of `hologram` in optics");
    harness.get_by_label("project(car, pink)");
}

#[test]
fn impact_columns_follow_the_chosen_baseline() {
    let startup = Startup {
        scene: Some("scenes/box.ron".into()),
        ..Startup::default()
    };
    let mut harness = open(startup);
    let rr = |harness: &Harness<'static, LaddersApp>, plan: usize| {
        let table = harness
            .state()
            .explorer
            .results
            .impacts
            .as_ref()
            .expect("impacts");
        table.reports[plan][1]
            .as_ref()
            .map(|r| r.sum)
            .expect("a report")
    };
    let stepwise = (rr(&harness, 0), rr(&harness, 1));
    assert!(
        stepwise.0 > stepwise.1,
        "the corner costs more than the detour: {stepwise:?}"
    );
    harness.get_by_label("start").click();
    settle(&mut harness);
    let start = (rr(&harness, 0), rr(&harness, 1));
    assert_ne!(start, stepwise, "the baseline changes the numbers");
    assert!(start.0 > start.1);
    harness.get_by_label("absolute").click();
    settle(&mut harness);
    assert!(
        rr(&harness, 0) >= start.0,
        "absolute deviation never counts less than truncation"
    );
    // The evidence of the corner's RR lists states the push put out of reach.
    harness.state_mut().explorer.view.selection = Some(Selection::Impact { plan: 0, column: 1 });
    harness.run();
    harness.get_by_label("Evidence: RR of `corner`");
    harness.get_by_label_contains("out of reach after the plan, for example");
    assert!(
        harness
            .query_all_by_label_contains("  box.position: from")
            .next()
            .is_some()
    );
}

#[test]
fn running_the_programs_fills_and_explains_the_program_columns() {
    let startup = Startup {
        scene: Some("scenes/box.ron".into()),
        ..Startup::default()
    };
    let mut harness = open(startup);
    assert!(harness.state().explorer.current_programs().is_none());
    harness.get_by_label("Run the language's programs").click();
    settle(&mut harness);
    let programs = harness
        .state()
        .explorer
        .current_programs()
        .expect("programs after the job")
        .clone();
    assert_eq!(programs.language, "everyday");
    assert_eq!(programs.searches.len(), 2);
    // The corner plan's search effort cell shows its candidate count; click it.
    let corner = &programs.searches[0];
    let text = match corner.found {
        Some(_) => corner.candidates.to_string(),
        None => format!("> {}", corner.limit),
    };
    harness
        .get_all_by_label(&text)
        .next()
        .expect("the search cell")
        .click();
    harness.run();
    harness.get_by_label("Evidence: search effort of `corner` in everyday");
    // Switching language forgets nothing: the programs are per language.
    harness
        .get_by_role_and_label(Role::RadioButton, "optics")
        .click();
    settle(&mut harness);
    assert!(harness.state().explorer.current_programs().is_none());
    harness
        .get_by_role_and_label(Role::RadioButton, "everyday")
        .click();
    settle(&mut harness);
    assert!(harness.state().explorer.current_programs().is_some());
}

#[test]
fn bdm_evidence_draws_the_perturbation_map_and_codec_choice_rescores() {
    let startup = Startup {
        plan: Some("paint".into()),
        ..Startup::default()
    };
    let mut harness = open(startup);
    let bdm = |h: &Harness<'static, LaddersApp>| {
        h.state().explorer.current_score().expect("scores").plans[0]
            .bdm
            .bits
    };
    let text = format!("{:.2}", bdm(&harness));
    harness
        .get_all_by_label(&text)
        .next()
        .expect("the bdm cell")
        .click();
    harness.run();
    harness.get_by_label("Evidence: block decomposition method of `paint` in everyday");
    harness.get_by_label("Show ΔBDM on the grid").click();
    harness.run();
    let heat = harness
        .state()
        .explorer
        .results
        .heat_map
        .clone()
        .expect("a heat map");
    assert_eq!((heat.plan, heat.kind.name()), (0, "object"));
    assert!(heat.max_abs() > 0.0);
    harness.get_by_label_contains("ΔBDM of flipping each cell of the object grid");
    harness.get_by_label("Hide ΔBDM map").click();
    harness.run();
    assert!(harness.state().explorer.results.heat_map.is_none());

    // Another codec is another language for compressed size.
    let compressed = |h: &Harness<'static, LaddersApp>| {
        h.state().explorer.current_score().expect("scores").plans[1].compressed_bits
    };
    let deflate = compressed(&harness);
    harness.get_by_label("brotli-11").click();
    settle(&mut harness);
    assert_ne!(compressed(&harness), deflate);

    // A table computed from 2-state 2D machines replaces the bundled one in BDM (2 states
    // keep the test fast; the window's default is 3).
    let bundled = bdm(&harness);
    harness
        .state_mut()
        .explorer
        .work
        .measure_options
        .formalism
        .states = 2;
    harness
        .state_mut()
        .explorer
        .work
        .measure_options
        .formalism
        .max_steps = 200;
    harness.get_by_label("Compute CTM table").click();
    settle(&mut harness);
    let table = harness
        .state()
        .explorer
        .work
        .measure_options
        .bdm
        .table
        .name
        .clone();
    assert_eq!(table, "TM 2D 2 states 200 steps");
    assert_ne!(bdm(&harness), bundled);
    // The evidence still open shows how both tables rank the effect's blocks.
    harness.get_by_label_contains(
        "Spearman rank correlation of pybdm ctm-b2-d4x4 and TM 2D 2 states 200 steps",
    );
    harness.get_by_label("bundled (pybdm)").click();
    settle(&mut harness);
    assert!((bdm(&harness) - bundled).abs() < 1e-12);
}

/// The window on `scene` with the side and results panels hidden, so that what remains to
/// name a plan or a language is the playback bar, the canvas and the plots.
fn open_plots_and_canvas(scene: &str, plan: &str) -> Harness<'static, LaddersApp> {
    let preferences = ladders::app::Preferences {
        show_side_panel: false,
        show_results: false,
        ..Default::default()
    };
    let startup = Startup {
        scene: Some(scene.into()),
        plan: Some(plan.into()),
        ..Default::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| LaddersApp::with_preferences(&cc.egui_ctx, preferences, startup));
    settle(&mut harness);
    harness
}

/// Every piece of text painted in the last frame that its clip rect lets be seen, with its
/// rectangle on screen.
fn painted_texts(harness: &Harness<'static, LaddersApp>) -> Vec<(String, egui::Rect)> {
    fn walk(shape: &egui::Shape, clip: egui::Rect, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, clip, out);
                }
            }
            egui::Shape::Text(text) => {
                let rect = text.visual_bounding_rect();
                if clip.contains_rect(rect) {
                    out.push((text.galley.text().to_owned(), rect));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, clipped.clip_rect, &mut out);
    }
    out
}

#[test]
fn the_canvas_legend_names_only_what_the_scene_has() {
    let has = |harness: &Harness<'static, LaddersApp>, label: &str| {
        harness.query_by_label(label).is_some()
    };
    // The Box: floor, walls and a goal; no mist, droplets, observer or car.
    let harness = open_plots_and_canvas("scenes/box.ron", "corner");
    for label in ["floor", "wall", "goal", "agent", "changed by the plan"] {
        assert!(has(&harness, label), "the Box's legend lacks {label}");
    }
    for label in [
        "mist",
        "droplet",
        "ring: a refraction's droplet",
        "line of sight",
        "bubble: the car as the observer sees it",
        "belt",
    ] {
        assert!(!has(&harness, label), "the Box's legend lists {label}");
    }
    // The Vase: a belt and its end, still no mist.
    let harness = open_plots_and_canvas("scenes/vase.ron", "off");
    for label in ["belt", "end of the belt"] {
        assert!(has(&harness, label), "the Vase's legend lacks {label}");
    }
    assert!(!has(&harness, "mist") && !has(&harness, "line of sight"));
    // The pink car has them all, and a hidden layer leaves the legend with it.
    let mut harness = open_plots_and_canvas("scenes/pink_car.ron", "hologram");
    for label in [
        "mist",
        "droplet",
        "ring: a refraction's droplet",
        "line of sight",
        "bubble: the car as the observer sees it",
    ] {
        assert!(has(&harness, label), "the pink car's legend lacks {label}");
    }
    assert!(!has(&harness, "goal") && !has(&harness, "belt"));
    harness.state_mut().explorer.preferences.layers.droplets = false;
    harness.state_mut().explorer.preferences.layers.minds = false;
    harness.run();
    assert!(!has(&harness, "droplet"));
    assert!(!has(&harness, "ring: a refraction's droplet"));
    assert!(!has(&harness, "bubble: the car as the observer sees it"));
    assert!(has(&harness, "mist"), "the terrain stays");
}

#[test]
fn every_plan_and_language_is_named_on_its_chart_without_overlap() {
    for (scene, plan) in [
        ("scenes/pink_car.ron", "hologram"),
        ("scenes/box.ron", "corner"),
        ("scenes/vase.ron", "off"),
    ] {
        // The default layout, side and results panels shown: the charts get the width a
        // user's window gives them.
        let harness = open(Startup {
            scene: Some(scene.into()),
            plan: Some(plan.into()),
            ..Default::default()
        });
        let explorer = &harness.state().explorer;
        let plans: Vec<String> = explorer
            .scene()
            .plans
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let languages: Vec<String> = explorer
            .work
            .languages
            .iter()
            .map(|l| l.language.name.clone())
            .collect();
        // The bits and by-language charts lie below their titles, from the first title to
        // the impact chart's.
        let bits_title = harness.get_by_label("Bits per plan").rect();
        let impact_title = harness
            .get_by_label(&format!("`{plan}` impact per step"))
            .rect();
        let charts = egui::Rect::from_min_max(
            bits_title.left_top(),
            egui::pos2(impact_title.left(), f32::INFINITY),
        );
        let texts = painted_texts(&harness);
        let names: Vec<&(String, egui::Rect)> = texts
            .iter()
            .filter(|(t, r)| {
                charts.contains_rect(*r) && (plans.contains(t) || languages.contains(t))
            })
            .collect();
        for name in plans.iter().chain(&languages) {
            let copies = names.iter().filter(|(t, _)| t == name).count();
            assert_eq!(
                copies, 1,
                "{scene}: `{name}` named {copies} times on the charts"
            );
        }
        for (i, (a, ra)) in names.iter().enumerate() {
            for (b, rb) in &names[i + 1..] {
                assert!(!ra.intersects(*rb), "{scene}: `{a}` overlaps `{b}`");
            }
        }
        // The legends sit between a chart's title and its first row, outside the data.
        let top_row = names
            .iter()
            .map(|(_, r)| r.top())
            .fold(f32::INFINITY, f32::min);
        for entry in ["effect_dl", "compress", "bdm", "effect_dl budget"] {
            let nodes: Vec<_> = harness
                .get_all_by_label(entry)
                .filter(|n| charts.contains_rect(n.rect()))
                .collect();
            assert!(!nodes.is_empty(), "{scene}: no legend entry {entry}");
            for node in nodes {
                assert!(
                    node.rect().bottom() <= top_row,
                    "{scene}: the legend entry {entry} reaches into the chart"
                );
            }
        }
    }
}

#[test]
fn a_budget_drag_judges_again_without_measuring_again() {
    let mut harness = open(Startup::default());
    assert!(accepted(&harness, "paint"));
    let measured = harness.state().explorer.measurements_started();
    let effect = |harness: &Harness<'static, LaddersApp>| -> Vec<Option<f64>> {
        let score = harness.state().explorer.current_score().expect("scores");
        score.plans.iter().map(|p| p.effect_bits()).collect()
    };
    let before = effect(&harness);
    // A drag is many small changes, one per frame, down to nothing and back.
    let ctx = harness.ctx.clone();
    for step in (0..=20).rev().chain(0..=20) {
        harness
            .state_mut()
            .explorer
            .set_budget(&ctx, f64::from(step) * 0.5);
        harness.step();
        if step == 0 {
            assert!(
                !accepted(&harness, "paint"),
                "no plan fits a budget of 0 bits"
            );
            assert_eq!(
                harness
                    .state()
                    .explorer
                    .current_score()
                    .expect("scores")
                    .choice,
                None
            );
        }
    }
    settle(&mut harness);
    assert_eq!(harness.state().explorer.measurements_started(), measured);
    assert_eq!(effect(&harness), before);
    assert!(
        accepted(&harness, "paint"),
        "a budget of 10 bits takes paint again"
    );
}

#[test]
fn a_cell_of_the_table_across_languages_replaces_an_impact_cell_as_the_evidence() {
    let mut harness = open(Startup::default());
    harness
        .state_mut()
        .explorer
        .toggle_selection(Selection::Impact { plan: 0, column: 1 });
    harness.run();
    harness.get_by_label_contains("Evidence: RR of");
    // What a click in the table across languages does: select optics' cell of plan 1.
    harness
        .state_mut()
        .explorer
        .toggle_selection(Selection::Measure(ladders::app::Evidence {
            plan: 1,
            measure: ladders_domain::measures::Measure::EffectDl,
            language: 1,
        }));
    harness.run();
    assert!(harness.query_by_label_contains("Evidence: RR of").is_none());
    harness.get_by_label_contains("Evidence: effect description length of");
    harness.get_by_label_contains("in optics");
    // A second click on the same cell closes it.
    harness
        .state_mut()
        .explorer
        .toggle_selection(Selection::Measure(ladders::app::Evidence {
            plan: 1,
            measure: ladders_domain::measures::Measure::EffectDl,
            language: 1,
        }));
    assert_eq!(harness.state().explorer.view.selection, None);
}

#[test]
fn loading_a_listed_language_again_keeps_the_order_and_never_shows_another_languages_scores() {
    let mut harness = open(Startup::default());
    let names = |harness: &Harness<'static, LaddersApp>| -> Vec<String> {
        let explorer = &harness.state().explorer;
        explorer
            .work
            .languages
            .iter()
            .map(|l| l.language.name.clone())
            .collect()
    };
    let effects = |harness: &Harness<'static, LaddersApp>, j: usize| -> Option<Vec<Option<f64>>> {
        let score = harness.state().explorer.score_in(j)?;
        Some(score.plans.iter().map(|p| p.effect_bits()).collect())
    };
    let order = names(&harness);
    let optics = order
        .iter()
        .position(|n| n == "optics")
        .expect("optics listed");
    let first = order.len() - 1;
    assert_ne!(
        optics, first,
        "the test needs optics before the last language"
    );
    let known: Vec<Vec<Option<f64>>> = (0..order.len())
        .map(|j| effects(&harness, j).expect("scored"))
        .collect();
    let old_id = harness.state().explorer.work.languages[optics].id;
    let ctx = harness.ctx.clone();
    harness.state_mut().explorer.start_language_load(
        &ctx,
        std::path::PathBuf::from("assets/languages/optics.ron"),
    );
    // Every frame until the rescoring ends: the order holds, and each listed language
    // shows its own scores or none.
    let start = Instant::now();
    loop {
        harness.step();
        assert_eq!(names(&harness), order);
        for (j, expected) in known.iter().enumerate() {
            if let Some(shown) = effects(&harness, j) {
                assert_eq!(
                    &shown, expected,
                    "{} shows another language's scores",
                    order[j]
                );
            }
        }
        let explorer = &harness.state().explorer;
        if explorer.work.languages[optics].id != old_id && !explorer.is_busy() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the language did not load"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(harness.state().explorer.work.language, optics);
    assert_eq!(effects(&harness, optics).as_ref(), Some(&known[optics]));
}

#[test]
fn a_budget_drag_is_one_undo_step_that_the_edit_menu_names() {
    let mut harness = open(Startup::default());
    let start = harness.state().explorer.budget();
    let ctx = harness.ctx.clone();
    for bits in [13.0, 14.0, 15.0, 16.0] {
        harness
            .state_mut()
            .explorer
            .queue(ladders::app::Action::SetBudget(bits));
        harness.step();
    }
    harness
        .state_mut()
        .explorer
        .queue(ladders::app::Action::EndEdit);
    harness.step();
    assert_eq!(harness.state().explorer.budget(), 16.0);
    assert!(harness.state().explorer.work.document.is_modified());
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo budget");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.state_mut().explorer.run(&ctx, Command::Undo);
    settle(&mut harness);
    assert_eq!(
        harness.state().explorer.budget(),
        start,
        "the whole drag undone at once"
    );
    assert!(!harness.state().explorer.work.document.is_modified());
}

/// `ladders ARGS` as a user runs it: its standard output as JSON.
fn command_line_json(args: &[&str]) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .expect("run ladders");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn the_window_and_the_command_line_give_the_same_numbers() {
    use ladders_domain::measures::Measure;
    let startup = Startup {
        scene: Some("scenes/vase.ron".into()),
        ..Startup::default()
    };
    let mut harness = open(startup);
    harness.get_by_label("Run the language's programs").click();
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let language = explorer
        .current_language()
        .expect("a language")
        .language
        .name
        .clone();
    let score = explorer.current_score().expect("scores");
    let programs = explorer.current_programs().expect("programs");
    let json = command_line_json(&[
        "score",
        "scenes/vase.ron",
        "--language",
        &language,
        "--programs",
        "--format",
        "json",
    ]);
    let plans = json["plans"].as_array().expect("plans");
    assert_eq!(plans.len(), score.plans.len());
    for ((plan, cli), search) in score.plans.iter().zip(plans).zip(&programs.searches) {
        assert_eq!(cli["name"], plan.plan.as_str());
        assert_eq!(
            cli["verdict"] == "accepted",
            plan.verdict.accepted,
            "{}",
            plan.plan
        );
        for measure in Measure::scored() {
            let window = plan.value(measure);
            let line = cli["measures"][measure.key()].as_f64();
            match (window, line) {
                (Some(w), Some(c)) => assert!(close(w, c), "{} {measure:?}: {w} vs {c}", plan.plan),
                (w, c) => assert_eq!(w, c, "{} {measure:?}", plan.plan),
            }
        }
        let found = search.found.as_ref().map(|_| search.candidates);
        assert_eq!(
            cli["measures"]["search_effort"].as_u64(),
            found,
            "{}",
            plan.plan
        );
        let bits = programs.probability_bits(explorer.scene(), &plan.outcome.effect);
        match (bits, cli["measures"]["algorithmic_probability"].as_f64()) {
            (Some(w), Some(c)) => assert!(close(w, c), "{}: {w} vs {c}", plan.plan),
            (w, c) => assert_eq!(w, c, "{}", plan.plan),
        }
    }
    // The impact columns: each cell as `ladders impact` computes it with the same options.
    let impacts = explorer.results.impacts.as_ref().expect("impact table");
    for (i, plan) in explorer.scene().plans.iter().enumerate() {
        for (k, key) in ["ur", "rr"].into_iter().enumerate() {
            let window = impacts.reports[i][k].as_ref().expect("a report").sum;
            let states = ladders::app::GUI_STATE_BUDGET.to_string();
            let line = command_line_json(&[
                "impact",
                "scenes/vase.ron",
                "--plan",
                &plan.name,
                "--measure",
                key,
                "--states",
                &states,
                "--format",
                "json",
            ]);
            let sum = line["sum"].as_f64().expect("sum");
            assert!(close(window, sum), "{} {key}: {window} vs {sum}", plan.name);
        }
    }
}
