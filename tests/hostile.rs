//! What a careless or hostile user hits (issue 9): errors located at the value they are
//! about, nonsense refused, files a scene may not read, limits on what a file controls,
//! mistyped names and closed pipes on the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use ladders_domain::language::LanguageError;
use std::path::Path;
use std::process::{Command, Stdio};

const PINK: &str = include_str!("../scenes/pink_car.ron");
const EVERYDAY: &str = include_str!("../assets/languages/everyday.ron");

fn scene_error(text: &str) -> String {
    match ladders_domain::scene::parse(Path::new("s.ron"), text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn language_error(text: &str) -> String {
    match ladders_domain::language::parse(Path::new("l.ron"), text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

/// The (line, column) an error message `FILE:L:C: …` names.
fn position(message: &str) -> (usize, usize) {
    let mut parts = message.splitn(4, ':');
    parts.next();
    let line = parts.next().and_then(|l| l.parse().ok());
    let column = parts.next().and_then(|c| c.parse().ok());
    match (line, column) {
        (Some(l), Some(c)) => (l, c),
        _ => panic!("no line and column in {message}"),
    }
}

/// 1-based (line, column) of byte offset `at` in `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    (line, column)
}

/// Position of the `nth` (0-based) occurrence of `needle`.
fn nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle} #{n} not in text"))
        .0;
    line_column(text, at)
}

#[test]
fn a_plan_error_points_at_the_plan_not_at_a_string_like_its_name() {
    // The shop `requires: "paint"` and the technology "paint" come before the plan.
    let text = PINK.replace(
        "actions: [Move(S), Move(S), Move(S), Move(S), Move(S), Move(S), Take(S)",
        "actions: [Aim(N, (99, 99)), Move(S), Move(S), Move(S), Move(S), Move(S), Take(S)",
    );
    assert!(
        text.contains("Aim(N, (99, 99))"),
        "the pink car's paint plan changed"
    );
    let e = scene_error(&text);
    assert!(e.contains("plan `paint` aims at (99, 99)"), "{e}");
    assert_eq!(position(&e), nth(&text, "Aim(N, (99, 99))", 0), "{e}");

    let hologram = "name: \"hologram\"";
    assert!(PINK.contains(hologram));
    let text = PINK.replace(hologram, "name: \"paint\"");
    let e = scene_error(&text);
    assert!(e.contains("two plans are called `paint`"), "{e}");
    let (line, column) = nth(&text, "name: \"paint\"", 1);
    assert_eq!(position(&e), (line, column + "name: ".len()), "{e}");
}

#[test]
fn a_duplicate_is_located_at_the_second_one() {
    let text = PINK.replace("(id: \"shop\"", "(id: \"car\"");
    let e = scene_error(&text);
    assert!(e.contains("two entities have the id `car`"), "{e}");
    let second_car = text.find("(id: \"car\"").unwrap();
    let second = text[second_car + 1..].find("(id: \"car\"").unwrap() + second_car + 1;
    assert_eq!(position(&e), line_column(&text, second + 5), "{e}");
}

#[test]
fn a_key_written_twice_is_refused_at_the_second() {
    let text = PINK.replace("budgets: {", "budgets: {\"effect_dl\": 99.0, ");
    let e = scene_error(&text);
    assert!(e.contains("`effect_dl` is written twice"), "{e}");
    assert_eq!(position(&e), nth(&text, "\"effect_dl\"", 1), "{e}");

    let text = PINK.replace("technologies: {", "technologies: {\"paint\": Locked, ");
    let e = scene_error(&text);
    assert!(e.contains("`paint` is written twice"), "{e}");

    let text = EVERYDAY.replacen("costs: {", "costs: {\"paint\": 1.0, \"paint\": 9.0, ", 1);
    let e = language_error(&text);
    assert!(e.contains("`paint` is written twice"), "{e}");
}

#[test]
fn an_escape_in_a_grid_row_is_located_at_the_escape() {
    let row = PINK
        .lines()
        .find(|l| l.trim_start().starts_with("\"#....."))
        .unwrap();
    for escape in ["\\u{58}", "\\t"] {
        let bad = row.replacen(".", escape, 1);
        let text = PINK.replacen(row, &bad, 1);
        let e = scene_error(&text);
        assert!(e.contains("unknown terrain"), "{e}");
        assert_eq!(position(&e), nth(&text, escape, 0), "{escape}: {e}");
    }
}

#[test]
fn invalid_utf8_names_its_line_and_column_and_a_byte_order_mark_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    let mut bytes = PINK
        .replacen("The pink car", "The pink car X", 1)
        .into_bytes();
    let at = PINK.find("The pink car").unwrap() + "The pink car ".len();
    bytes[at] = 0xe9;
    std::fs::write(&path, &bytes).unwrap();
    let e = ladders_domain::scene::load(&path).unwrap_err().to_string();
    assert!(e.contains("not UTF-8"), "{e}");
    assert_eq!(position(&e), line_column(PINK, at), "{e}");

    let with_bom = format!("\u{feff}{PINK}");
    let scene = ladders_domain::scene::parse(Path::new("bom.ron"), &with_bom).unwrap();
    assert_eq!(scene.name, "The pink car");
}

#[test]
fn goals_that_cannot_mean_anything_are_refused() {
    let goal = "goal: Perceives(observer: \"observer\", target: \"car\", color: Pink),";
    assert!(PINK.contains(goal));
    for (bad, says) in [
        (
            "goal: AgentAt((99, -5)),",
            "not a walkable cell inside the grid",
        ),
        ("goal: AgentAt((0, 0)),", "not a walkable cell"),
        ("goal: And([Intact(\"car\")]),", "cannot break"),
    ] {
        let text = PINK.replace(goal, bad);
        let e = scene_error(&text);
        assert!(e.contains(says), "{bad}: {e}");
        let (line, _) = position(&e);
        assert_eq!(line, nth(&text, "goal:", 0).0, "{e}");
    }
    let deep = format!(
        "goal: {}AgentAt((3, 1)){},",
        "Not(".repeat(40),
        ")".repeat(40)
    );
    let e = scene_error(&PINK.replace(goal, &deep));
    assert!(e.contains("the limits are 32 levels"), "{e}");
    let deeper = format!(
        "goal: {}AgentAt((3, 1)){},",
        "Not(".repeat(200),
        ")".repeat(200)
    );
    let e = scene_error(&PINK.replace(goal, &deeper));
    assert!(e.contains("nested more than 128 levels"), "{e}");
}

#[test]
fn a_language_error_points_at_the_word_not_at_a_parameter_of_that_name() {
    let text = EVERYDAY.replacen(
        "words: [",
        "words: [\n            (name: \"go\", cost: 9.0, params: [(\"place\", Entity)], body: Steps([WalkTo(Param(\"place\"))])),\n            (name: \"place\", cost: NaN, params: [(\"d\", Dir)], body: Steps([Place(Param(\"d\"))])),",
        1,
    );
    let e = language_error(&text);
    assert!(e.contains("`place` must cost a positive number"), "{e}");
    assert_eq!(position(&e), nth(&text, "NaN", 0), "{e}");

    let text = EVERYDAY.replacen(
        "words: [",
        "words: [\n            (name: \"walk_to\", cost: 9.0, params: [], body: Steps([Noop])),",
        1,
    );
    let e = language_error(&text);
    assert!(e.contains("two words are called `walk_to`"), "{e}");
    // The first `walk_to` is the inserted one; the duplicate is the original, later.
    assert_eq!(position(&e), nth(&text, "\"walk_to\"", 1), "{e}");
}

/// A language with one word whose body is `steps` zero-length walks then a step east.
fn walking_language(steps: usize) -> String {
    let walks = vec!["WalkTo(Param(\"p\"))"; steps].join(", ");
    format!(
        "Language(name: \"walker\", actions: (end: 1.0, words: [(name: \"deep\", cost: 2.0, params: [(\"p\", Entity)], body: Steps([{walks}, Move(Dir(E))])), (name: \"step\", cost: 2.0, params: [(\"d\", Dir)], body: Steps([Move(Param(\"d\"))]))]), states: (end: 1.0, words: [(name: \"any\", cost: 1.0, names: AnyProperty)]))"
    )
}

#[test]
fn a_word_body_is_limited_and_matching_it_needs_no_recursion() {
    let e = language_error(&walking_language(16_000));
    assert!(e.contains("16001 steps; the limit is 1024"), "{e}");

    // The longest body allowed, matched against a plan on a small thread stack: a
    // recursive matcher would need a frame per step.
    let language =
        ladders_domain::language::parse(Path::new("l.ron"), &walking_language(1023)).unwrap();
    let scene = ladders_domain::scene::parse(
        Path::new("s.ron"),
        "Scene(name: \"t\", grid: [\"....\"], agent: (0, 0), entities: [(id: \"c\", at: (3, 0), kind: Car(paint: Grey))], goal: And([]), plans: [(name: \"p\", actions: [Move(E), Move(E)])])",
    )
    .unwrap();
    let setting = ladders_domain::analysis::Setting::new(&scene, language, &[], None).unwrap();
    let plans = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || ladders_domain::analysis::score_scene(&scene, &setting).plans)
        .unwrap()
        .join()
        .unwrap();
    assert!(plans[0].plan_dl.is_ok(), "{:?}", plans[0].plan_dl);
}

#[test]
fn a_scene_names_only_bundled_languages_and_files_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let scene_dir = dir.path().join("scene");
    std::fs::create_dir_all(scene_dir.join("languages")).unwrap();
    std::fs::create_dir_all(scene_dir.join("more")).unwrap();
    std::fs::write(scene_dir.join("languages/mine.ron"), EVERYDAY).unwrap();
    std::fs::write(scene_dir.join("more/other.ron"), EVERYDAY).unwrap();
    std::fs::write(dir.path().join("outside.ron"), EVERYDAY).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("outside.ron"),
        scene_dir.join("more/link.ron"),
    )
    .unwrap();
    let with_languages = |list: &str| {
        let text = PINK.replace(
            "languages: [\"everyday\", \"optics\", \"neuro\", \"physics\"]",
            &format!("languages: [{list}]"),
        );
        assert!(text.contains(list));
        let path = scene_dir.join("s.ron");
        std::fs::write(&path, &text).unwrap();
        (path, text)
    };
    // Names and relative paths resolve against the scene's folder, wherever we are.
    let (path, _) = with_languages("\"mine\", \"more/other.ron\", \"optics\"");
    let scene = ladders_domain::scene::load(&path).unwrap();
    for name in &scene.languages {
        ladders_domain::language::resolve_for_scene(name, Some(&scene_dir)).unwrap();
    }
    for bad in [
        "\"/etc/passwd\"",
        "\"../outside.ron\"",
        "\"more/../../outside.ron\"",
    ] {
        let (path, text) = with_languages(bad);
        let e = ladders_domain::scene::load(&path).unwrap_err().to_string();
        assert!(e.contains("inside its own folder"), "{bad}: {e}");
        assert_eq!(position(&e), nth(&text, bad, 0), "{e}");
        assert!(!e.contains("root"), "{e}");
    }
    let (path, text) = with_languages("\"klingon\"");
    let e = ladders_domain::scene::load(&path).unwrap_err().to_string();
    assert!(e.contains("unknown language `klingon`"), "{e}");
    assert_eq!(position(&e), nth(&text, "\"klingon\"", 0), "{e}");
    #[cfg(unix)]
    {
        let error = ladders_domain::language::resolve_for_scene("more/link.ron", Some(&scene_dir));
        assert!(
            matches!(error, Err(LanguageError::Refused { .. })),
            "{error:?}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_language_is_never_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passwd");
    std::fs::write(&path, "root:x:0:0:secretword:/root:/bin/sh\n").unwrap();
    let e = ladders_domain::language::load(&path)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not a language file"), "{e}");
    assert!(!e.contains("root") && !e.contains("secretword"), "{e}");
    // An endless file is cut at the limit instead of read to the end.
    let e = ladders_domain::language::load(Path::new("/dev/zero"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("larger than"), "{e}");
}

fn ladders(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_mistyped_subcommand_or_name_is_exit_2_before_any_window() {
    let (code, stderr) = ladders(&["scroe", "scenes/pink_car.ron"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no such subcommand or scene file"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `ladders score`"), "{stderr}");
    let shot = std::env::temp_dir().join("ladders-never-written.png");
    let shot = shot.to_string_lossy();
    for (args, says) in [
        (
            vec!["--screenshot", &*shot, "--plan", "teleport"],
            "no plan `teleport`",
        ),
        (
            vec![
                "scenes/box.ron",
                "--screenshot",
                &*shot,
                "--language",
                "klingon",
            ],
            "no language `klingon`",
        ),
        (
            vec!["scenes/pink_car.ron", "--plan", "teleport"],
            "the scene's plans are",
        ),
    ] {
        let (code, stderr) = ladders(&args);
        // Exit 1 would be the window failing to open without a display.
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn the_memory_budget_goes_before_or_after_the_subcommand() {
    for args in [
        ["--memory", "64", "score", "scenes/box.ron"],
        ["score", "scenes/box.ron", "--memory", "64"],
    ] {
        let (code, stderr) = ladders(&args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
    let (code, stderr) = ladders(&["--plan", "corner", "score", "scenes/box.ron"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("option of the window"), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(["score", "scenes/pink_car.ron", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program has written anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_window_reports_a_plan_or_language_it_does_not_have_instead_of_waiting() {
    use ladders::app::{LaddersApp, Modal, Startup};
    for (startup, says) in [
        (
            Startup {
                plan: Some("teleport".into()),
                ..Startup::default()
            },
            "no plan `teleport`: the scene's plans are",
        ),
        (
            Startup {
                language: Some("klingon".into()),
                ..Startup::default()
            },
            "no language `klingon` in this scene: use one of everyday",
        ),
    ] {
        let mut harness = egui_kittest::Harness::builder()
            .with_size([1400.0, 900.0])
            .build_eframe(move |cc| LaddersApp::new(cc, startup));
        let start = std::time::Instant::now();
        while harness.state().explorer.is_busy() {
            harness.step();
            assert!(
                start.elapsed().as_secs() < 30,
                "background work did not finish"
            );
        }
        harness.run();
        let explorer = &harness.state().explorer;
        assert!(
            !explorer.wants_pending(),
            "the window still waits for the name"
        );
        match &explorer.view.modal {
            Some(Modal::Error { message, .. }) => assert!(message.contains(says), "{message}"),
            other => panic!("expected an error dialog, got {other:?}"),
        }
    }
}
