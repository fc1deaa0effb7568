//! Editing in the window, driven as a user would with egui_kittest: strokes and drags on
//! the canvas, the inspector, the recorder, undo and redo, the debounced recomputation,
//! the recovery copy after a crash, a file changed on disk, and the round trip with the
//! command line.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{Action, Command, LaddersApp, Startup};
use ladders_domain::scene::{EntityKindFile, SceneChange};
use ladders_domain::world::{Action as Step, Dir, Pos, Terrain};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;
use common::{click, open, settle, wait_for_recovery_copy};

/// The pink car copied into a temporary folder (so that saving and outside changes touch
/// no bundled file), opened with the editor on, and recovery copies in `recovery`.
fn open_editor(dir: &Path, recovery: Option<&Path>) -> Harness<'static, LaddersApp> {
    let scene = dir.join("pink_car.ron");
    std::fs::copy("scenes/pink_car.ron", &scene).expect("copy the scene");
    let mut harness = open(Startup {
        scene: Some(scene),
        recovery: recovery.map(Path::to_owned),
        ..Startup::default()
    });
    harness.key_press(Key::F2);
    settle(&mut harness);
    assert!(
        harness.state().explorer.view.editor.open,
        "F2 opens the editor"
    );
    harness
}

/// The screen point at the centre of grid cell `p`.
fn cell_point(harness: &Harness<'static, LaddersApp>, p: Pos) -> Pos2 {
    let rect = harness
        .state()
        .grid_on_screen()
        .expect("the canvas was drawn");
    let grid = &harness.state().explorer.scene().world.grid;
    let (w, h) = (grid.width() as f32, grid.height() as f32);
    Pos2::new(
        rect.min.x + (p.x as f32 + 0.5) * rect.width() / w,
        rect.min.y + (p.y as f32 + 0.5) * rect.height() / h,
    )
}

/// Press at `cells[0]`, move through the rest, release at the last: one frame each.
fn drag(harness: &mut Harness<'static, LaddersApp>, cells: &[Pos]) {
    let points: Vec<Pos2> = cells.iter().map(|&c| cell_point(harness, c)).collect();
    harness.hover_at(points[0]);
    harness.step();
    harness.drag_at(points[0]);
    harness.step();
    for &p in &points[1..] {
        // Two moves a cell, so egui sees the drag begin past its threshold.
        harness.hover_at(p - egui::vec2(1.0, 0.0));
        harness.step();
        harness.hover_at(p);
        harness.step();
    }
    harness.drop_at(*points.last().expect("a cell"));
    harness.step();
}

fn set_tool(harness: &mut Harness<'static, LaddersApp>, label: &str) {
    click(harness, label);
}

fn terrain(harness: &Harness<'static, LaddersApp>, p: Pos) -> Terrain {
    harness.state().explorer.scene().world.grid.terrain(p)
}

/// Floor cells of the pink car's top row inside the walls, free of entities.
fn free_row(harness: &Harness<'static, LaddersApp>) -> Vec<Pos> {
    let world = &harness.state().explorer.scene().world;
    (1..world.grid.width() - 1)
        .map(|x| Pos::new(x, 1))
        .filter(|&p| {
            world.grid.terrain(p) == Terrain::Floor
                && world.entity_at(p).is_none()
                && p != world.agent_start
        })
        .take(3)
        .collect()
}

#[test]
fn a_stroke_paints_every_cell_it_crosses_as_one_undo_step_and_ctrl_y_redoes_it() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let cells = free_row(&harness);
    assert_eq!(cells.len(), 3, "the pink car has free floor in row 1");
    set_tool(&mut harness, "Wall");
    drag(&mut harness, &[cells[0], cells[2]]);
    settle(&mut harness);
    // The stroke crosses the agent's start, which keeps its floor.
    let agent = harness.state().explorer.scene().world.agent_start;
    assert!(cells[0].x < agent.x && agent.x < cells[2].x && agent.y == cells[0].y);
    assert_eq!(terrain(&harness, agent), Terrain::Floor);
    for &c in &cells {
        let explorer = &harness.state().explorer;
        assert_eq!(
            terrain(&harness, c),
            Terrain::Wall,
            "{c} painted ({:?}, {:?})",
            explorer.view.editor,
            explorer.work.document.undo_label()
        );
    }
    let explorer = &harness.state().explorer;
    assert_eq!(explorer.work.document.undo_label(), Some("paint wall"));
    assert!(explorer.work.document.is_modified());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    for &c in &cells {
        assert_eq!(
            terrain(&harness, c),
            Terrain::Floor,
            "the whole stroke undone"
        );
    }
    assert!(!harness.state().explorer.work.document.is_modified());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    settle(&mut harness);
    assert_eq!(terrain(&harness, cells[1]), Terrain::Wall, "Ctrl+Y redoes");
}

#[test]
fn placing_dragging_and_deleting_an_entity_are_each_one_undo_step() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let cells = free_row(&harness);
    set_tool(&mut harness, "+car");
    let target = cells[0];
    let at = cell_point(&harness, target);
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    settle(&mut harness);
    let placed = |h: &Harness<'static, LaddersApp>| {
        let file = h.state().explorer.work.document.document().get().clone();
        file.entities
            .into_iter()
            .find(|e| e.id == "car2")
            .map(|e| e.at)
    };
    assert_eq!(
        placed(&harness),
        Some(target),
        "a second car at the click ({:?})",
        harness.state().explorer.view.editor
    );
    set_tool(&mut harness, "Select");
    drag(&mut harness, &[cells[0], cells[1], cells[2]]);
    settle(&mut harness);
    assert_eq!(placed(&harness), Some(cells[2]), "dragged along");
    assert_eq!(
        harness.state().explorer.work.document.undo_label(),
        Some("move car2")
    );
    // The inspector shows the dragged car, with its paint picker.
    harness.get_by_label_contains("A car");
    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    assert_eq!(placed(&harness), Some(cells[0]), "the drag undoes at once");
    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    assert_eq!(placed(&harness), None, "then the placing");
    harness.state_mut().explorer.queue(Command::Redo);
    harness
        .state_mut()
        .explorer
        .queue(Action::EditScene(SceneChange::DeleteEntity("car2".into())));
    settle(&mut harness);
    assert_eq!(placed(&harness), None);
    assert_eq!(
        harness.state().explorer.work.document.undo_label(),
        Some("delete car2")
    );
}

#[test]
fn an_invalid_edit_is_refused_with_its_reason_under_the_palette_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let before = harness.state().explorer.scene().clone();
    // The corner is a wall: the agent cannot start there.
    harness
        .state_mut()
        .explorer
        .queue(Action::EditScene(SceneChange::MoveAgent(Pos::new(0, 0))));
    settle(&mut harness);
    harness.get_by_label_contains("Refused:");
    let explorer = &harness.state().explorer;
    let why = explorer.view.editor.refusal.clone().expect("a refusal");
    assert!(why.contains("agent"), "{why}");
    assert_eq!(explorer.scene(), &before);
    assert!(!explorer.work.document.can_undo());
}

#[test]
fn a_drag_restarts_the_measures_once_and_marks_the_results_stale_meanwhile() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let started = harness.state().explorer.measurements_started();
    let explorer = &mut harness.state_mut().explorer;
    explorer.queue(Action::BeginEdit("effect_dl budget".into()));
    for k in 0..20 {
        let change = SceneChange::SetBudget {
            measure: "effect_dl".into(),
            bits: Some(10.0 + f64::from(k)),
        };
        harness
            .state_mut()
            .explorer
            .queue(Action::EditScene(change));
        harness.step();
    }
    harness.state_mut().explorer.queue(Action::EndEdit);
    harness.step();
    assert!(harness.state().explorer.results_stale());
    harness.get_by_label_contains("Stale:");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert_eq!(
        explorer.measurements_started(),
        started + 1,
        "twenty frames of edits, one scoring run"
    );
    assert!(!explorer.results_stale());
    assert_eq!(
        explorer.current_score().map(|s| s.plans.len()),
        Some(explorer.scene().plans.len())
    );
    assert_eq!(explorer.budget(), 29.0, "the last value of the drag");
    assert_eq!(
        explorer.work.document.undo_label(),
        Some("effect_dl budget")
    );
}

#[test]
fn a_plan_recorded_with_the_keyboard_replays_to_the_state_the_canvas_showed() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let plans = harness.state().explorer.scene().plans.len();
    harness.key_press(Key::F3);
    harness.step();
    for key in [
        Key::ArrowDown,
        Key::ArrowRight,
        Key::N,
        Key::W,
        Key::ArrowUp,
        Key::ArrowLeft,
    ] {
        harness.key_press(key);
        harness.step();
    }
    harness.key_press(Key::Backspace);
    harness.step();
    // While recording the canvas follows: the explorer simulates what it shows.
    let shown = {
        let explorer = &harness.state().explorer;
        let plan = explorer.view.playback.plan;
        assert_eq!(plan, plans, "the new plan is selected");
        let trajectory = explorer.live_trajectory(plan).expect("a trajectory");
        assert_eq!(
            explorer.view.playback.step,
            trajectory.len() - 1,
            "at its end"
        );
        trajectory.last().cloned().expect("a state")
    };
    harness.key_press(Key::Escape);
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(explorer.view.recorder.plan.is_none(), "Esc stops");
    let recorded = explorer.scene().plans.last().expect("a plan");
    assert_eq!(recorded.name, "recorded");
    assert_eq!(
        recorded.actions,
        vec![
            Step::Move(Dir::S),
            Step::Move(Dir::E),
            Step::Noop,
            Step::Work(Dir::N)
        ],
        "arrows move, N waits, W then an arrow works, Backspace took the last step back"
    );
    let score = explorer.current_score().expect("scored");
    let replayed = score.plans.last().expect("scored plan");
    assert_eq!(replayed.plan, "recorded");
    assert_eq!(replayed.outcome.trajectory.last(), Some(&shown));
    let world = &explorer.scene().world;
    assert_eq!(
        world.run(&world.technologies, &recorded.actions).last(),
        Some(&shown)
    );
}

#[test]
fn editing_steps_in_the_plan_list_changes_the_plan() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let selected = harness.state().explorer.view.playback.plan;
    let before = harness.state().explorer.scene().plans[selected].clone();
    click(&mut harness, "Duplicate");
    settle(&mut harness);
    let plans = &harness.state().explorer.scene().plans;
    assert_eq!(plans[selected + 1].name, format!("{} 2", before.name));
    assert_eq!(plans[selected + 1].actions, before.actions);
    // The first step's "insert after" button adds a Noop after it.
    harness
        .get_all_by_label("+")
        .next()
        .expect("a + button")
        .click();
    settle(&mut harness);
    let now = &harness.state().explorer.scene().plans[selected].actions;
    assert_eq!(now.len(), before.actions.len() + 1);
    assert_eq!(now[1], Step::Noop);
    harness
        .get_all_by_label("−")
        .next()
        .expect("a delete button")
        .click();
    settle(&mut harness);
    let now = &harness.state().explorer.scene().plans[selected].actions;
    assert_eq!(now.len(), before.actions.len());
}

#[test]
fn edit_save_and_reopen_gives_an_equal_scene_that_the_command_line_scores_the_same() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let cells = free_row(&harness);
    let explorer = &mut harness.state_mut().explorer;
    let file = explorer.work.document.document().get().clone();
    let observer = ladders_domain::scene::new_entity(
        &file,
        EntityKindFile::Observer { percept: None },
        cells[0],
    );
    explorer.queue(Action::EditScene(SceneChange::PlaceEntity(observer)));
    explorer.queue(Action::EditScene(SceneChange::SetBudget {
        measure: "effect_dl".into(),
        bits: Some(9.5),
    }));
    settle(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert!(!explorer.work.document.is_modified(), "saved");
    let path = explorer.work.document.path().expect("a path").to_owned();
    let reopened = ladders_domain::scene::load(&path).expect("the saved file loads");
    assert_eq!(&reopened, explorer.scene());
    // `ladders score` on the saved file gives the window's numbers.
    let window = explorer.current_score().expect("scored");
    let language = explorer
        .current_language()
        .expect("a language")
        .language
        .name
        .clone();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args([
            "score",
            path.to_str().expect("utf-8"),
            "-l",
            &language,
            "--format",
            "json",
        ])
        .output()
        .expect("run ladders");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["language"], language.as_str());
    assert_eq!(
        json["budget"].as_f64(),
        Some(9.5),
        "the edited budget was saved"
    );
    let rows = json["plans"].as_array().expect("plans");
    assert_eq!(rows.len(), window.plans.len());
    for (row, plan) in rows.iter().zip(&window.plans) {
        assert_eq!(row["name"], plan.plan.as_str());
        let verdict = if plan.verdict.accepted {
            "accepted"
        } else {
            "rejected"
        };
        assert_eq!(row["verdict"], verdict, "{}", plan.plan);
        let measures = row["measures"].as_object().expect("measures");
        assert!(!measures.is_empty());
        for (key, bits) in measures {
            let measure = ladders_domain::measures::Measure::from_key(key).expect("a measure");
            let cli = bits.as_f64().expect("bits");
            let shown = plan.value(measure).expect("the window has it");
            assert!(
                (cli - shown).abs() < 1e-9,
                "{} {key}: {cli} vs {shown}",
                plan.plan
            );
        }
    }
}

#[test]
fn after_a_crash_the_recovery_copy_brings_back_the_unsaved_edit() {
    let dir = tempfile::tempdir().expect("temp");
    let recovery = dir.path().join("recovery");
    let mut harness = open_editor(dir.path(), Some(&recovery));
    let cell = free_row(&harness)[0];
    harness
        .state_mut()
        .explorer
        .queue(Action::EditScene(SceneChange::PaintTerrain {
            cells: vec![cell],
            terrain: Terrain::Mist,
        }));
    settle(&mut harness);
    // The copy is written a few seconds after the last edit, in the background.
    wait_for_recovery_copy(&mut harness, &recovery, "-scene.ron");
    // A crash: the program ends without quitting.
    drop(harness);
    // The next start opens the last scene from disk, as the window does by default; the
    // restored edits must not be replaced by it.
    let mut harness = open(Startup {
        scene: Some(dir.path().join("pink_car.ron")),
        recovery: Some(recovery.clone()),
        ..Startup::default()
    });
    harness.get_by_label_contains("Recover unsaved work?");
    click(&mut harness, "Restore the edits");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    assert_eq!(explorer.scene().world.grid.terrain(cell), Terrain::Mist);
    assert!(
        explorer.work.document.is_modified(),
        "restored edits are unsaved"
    );
    assert_eq!(
        explorer.work.document.path(),
        Some(dir.path().join("pink_car.ron").as_path()),
        "saving goes to the file the edits belong to"
    );
    // A normal quit leaves nothing to offer next time.
    harness.state_mut().explorer.discard_recovery();
    drop(harness);
    let harness = open(Startup {
        recovery: Some(recovery),
        ..Startup::default()
    });
    assert!(
        harness
            .query_by_label_contains("Recover unsaved work?")
            .is_none()
    );
}

#[test]
fn a_file_changed_by_another_program_is_noticed_and_can_be_reloaded() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let path = harness
        .state()
        .explorer
        .work
        .document
        .path()
        .expect("path")
        .to_owned();
    let text = std::fs::read_to_string(&path).expect("read");
    let renamed = text.replacen("name: \"", "name: \"Outside ", 1);
    assert_ne!(renamed, text);
    std::fs::write(&path, renamed).expect("write");
    let start = Instant::now();
    while harness
        .query_by_label_contains("The file changed on disk")
        .is_none()
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the change was not noticed"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
    click(&mut harness, "Reload");
    settle(&mut harness);
    assert!(
        harness
            .state()
            .explorer
            .scene()
            .name
            .starts_with("Outside ")
    );
}

#[test]
fn a_new_scene_starts_from_a_template_after_asking_about_unsaved_edits() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    harness
        .state_mut()
        .explorer
        .queue(Action::EditScene(SceneChange::SetName("Mine".into())));
    settle(&mut harness);
    let vase = ladders_domain::scene::TEMPLATES
        .iter()
        .position(|t| t.name.starts_with("Vase"))
        .expect("a vase template");
    harness
        .state_mut()
        .explorer
        .queue(Action::NewFromTemplate(vase));
    harness.run();
    click(&mut harness, "Discard changes");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let bundled = ladders_domain::scene::load(Path::new("scenes/vase.ron")).expect("vase");
    assert_eq!(explorer.scene(), &bundled);
    assert_eq!(
        explorer.work.document.path(),
        None,
        "a new scene is untitled"
    );
}

#[test]
fn the_droplet_tool_picks_mist_cells_into_the_refraction_pattern() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let (cell, before) = {
        let world = &harness.state().explorer.scene().world;
        let pattern = &world.refractions[0].droplets;
        let cell = world
            .grid
            .cells()
            .find(|&p| world.grid.terrain(p) == Terrain::Mist && !pattern.contains(&p))
            .expect("a mist cell outside the pattern");
        (cell, pattern.len())
    };
    click(&mut harness, "Droplets");
    let at = cell_point(&harness, cell);
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let pattern = &explorer.scene().world.refractions[0].droplets;
    assert_eq!(pattern.len(), before + 1);
    assert!(pattern.contains(&cell));
    assert_eq!(explorer.work.document.undo_label(), Some("pick droplets"));
}

#[test]
fn the_goal_tree_changes_a_part_kind_in_the_inspector_as_one_undoable_edit() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let before = harness.state().explorer.scene().goal.clone();
    click(&mut harness, "part");
    click(&mut harness, "Or");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    match &explorer.work.document.document().get().goal {
        ladders_domain::world::Goal::Or(parts) => {
            assert_eq!(
                parts.len(),
                1,
                "the old goal becomes the one part of the Or"
            );
        }
        other => panic!("the goal is {other:?}"),
    }
    assert_eq!(explorer.work.document.undo_label(), Some("edit the goal"));
    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    assert_eq!(harness.state().explorer.scene().goal, before);
}

#[test]
fn resizing_in_the_inspector_keeps_the_content_and_refuses_to_cut_an_entity_off() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let (width, height) = {
        let grid = &harness.state().explorer.scene().world.grid;
        (grid.width(), grid.height())
    };
    let before = harness
        .state()
        .explorer
        .scene()
        .world
        .grid
        .terrain(Pos::new(0, 0));
    harness
        .get_by_role_and_label(egui::accesskit::Role::SpinButton, "Grid width")
        .set_value_accesskit(f64::from(width + 4));
    harness.run();
    click(&mut harness, "Resize");
    settle(&mut harness);
    let grid = &harness.state().explorer.scene().world.grid;
    assert_eq!((grid.width(), grid.height()), (width + 4, height));
    assert_eq!(grid.terrain(Pos::new(0, 0)), before, "content kept");
    assert_eq!(
        grid.terrain(Pos::new(width + 3, 0)),
        Terrain::Floor,
        "new cells are floor"
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::SpinButton, "Grid width")
        .set_value_accesskit(2.0);
    harness.run();
    click(&mut harness, "Resize");
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let why = explorer.view.editor.refusal.clone().expect("refused");
    assert!(why.contains("outside"), "{why}");
    assert_eq!(explorer.scene().world.grid.width(), width + 4, "unchanged");
    harness.get_by_label_contains("Refused:");
}

#[test]
fn dragging_a_steps_handle_onto_another_moves_the_step_there_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let selected = harness.state().explorer.view.playback.plan;
    let before = harness.state().explorer.scene().plans[selected]
        .actions
        .clone();
    assert!(before.len() >= 3, "the plan has steps to move");
    let handles: Vec<Pos2> = harness
        .get_all_by_label("=")
        .map(|node| node.rect().center())
        .collect();
    assert!(handles.len() >= 3, "a handle a row");
    let (from, to) = (handles[0], handles[2]);
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    for t in [0.1_f32, 0.3, 0.6, 0.9, 1.0] {
        harness.hover_at(from + (to - from) * t);
        harness.step();
    }
    harness.drop_at(to);
    harness.step();
    settle(&mut harness);
    let explorer = &harness.state().explorer;
    let now = &explorer.scene().plans[selected].actions;
    let mut expected = before.clone();
    let step = expected.remove(0);
    expected.insert(2, step);
    assert_eq!(now, &expected, "the first step is now the third");
    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    assert_eq!(
        harness.state().explorer.scene().plans[selected].actions,
        before
    );
}

/// Click cell `p` with the current tool: press and release without moving.
fn click_cell(harness: &mut Harness<'static, LaddersApp>, p: Pos) {
    let at = cell_point(harness, p);
    harness.hover_at(at);
    harness.step();
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    settle(harness);
}

/// Place an entity with the tool `tool` at `p`, select it, and return it as the file has it.
fn place_and_select(
    harness: &mut Harness<'static, LaddersApp>,
    tool: &str,
    p: Pos,
) -> ladders_domain::scene::EntityFile {
    let before: Vec<String> = harness
        .state()
        .explorer
        .work
        .document
        .document()
        .get()
        .entities
        .iter()
        .map(|e| e.id.clone())
        .collect();
    set_tool(harness, tool);
    click_cell(harness, p);
    let refusal = harness.state().explorer.view.editor.refusal.clone();
    set_tool(harness, "Select");
    click_cell(harness, p);
    harness
        .state()
        .explorer
        .work
        .document
        .document()
        .get()
        .entities
        .iter()
        .find(|e| !before.contains(&e.id))
        .cloned()
        .unwrap_or_else(|| panic!("{tool} placed nothing at {p}: {refusal:?}"))
}

fn entity_now(
    harness: &Harness<'static, LaddersApp>,
    id: &str,
) -> ladders_domain::scene::EntityFile {
    harness
        .state()
        .explorer
        .work
        .document
        .document()
        .get()
        .entities
        .iter()
        .find(|e| e.id == id)
        .cloned()
        .expect("the entity")
}

#[test]
fn the_inspector_edits_a_projectors_and_an_observers_variables_and_a_lab_with_nothing_to_develop_is_refused()
 {
    let dir = tempfile::tempdir().expect("temp");
    let mut harness = open_editor(dir.path(), None);
    let cells = free_row(&harness);

    // A lab: every technology of the pink car is already available, so there is
    // nothing for one to develop, and the palette says so where the user is looking.
    set_tool(&mut harness, "+lab");
    click_cell(&mut harness, cells[2]);
    let why = harness
        .state()
        .explorer
        .view
        .editor
        .refusal
        .clone()
        .expect("refused");
    assert!(why.contains("needs no development"), "{why}");
    harness.get_by_label_contains("Refused:");
    // A projector: its radius as a drag value, "on" as a check box.
    let projector = place_and_select(&mut harness, "+projector", cells[0]);
    harness.get_by_label_contains("A projector");
    let EntityKindFile::Projector { on, .. } = projector.kind else {
        panic!("{projector:?}")
    };
    harness
        .get_by_role_and_label(egui::accesskit::Role::SpinButton, "Radius")
        .set_value_accesskit(3.0);
    settle(&mut harness);
    click(&mut harness, "On at the start");
    settle(&mut harness);
    match entity_now(&harness, &projector.id).kind {
        EntityKindFile::Projector {
            radius, on: now, ..
        } => {
            assert_eq!(radius, 3);
            assert_eq!(now, !on);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        harness.state().explorer.work.document.undo_label(),
        Some(format!("edit {}", projector.id).as_str())
    );
    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    match entity_now(&harness, &projector.id).kind {
        EntityKindFile::Projector { on: now, .. } => assert_eq!(now, on, "undone"),
        other => panic!("{other:?}"),
    }

    // An observer: whether it already perceives a colour.
    let observer = place_and_select(&mut harness, "+observer", cells[1]);
    harness.get_by_label_contains("An observer");
    click(&mut harness, "Already perceives a colour");
    settle(&mut harness);
    match entity_now(&harness, &observer.id).kind {
        EntityKindFile::Observer { percept } => assert!(percept.is_some()),
        other => panic!("{other:?}"),
    }

    harness.state_mut().explorer.queue(Command::Undo);
    settle(&mut harness);
    match entity_now(&harness, &observer.id).kind {
        EntityKindFile::Observer { percept } => assert!(percept.is_none(), "undone"),
        other => panic!("{other:?}"),
    }
}
