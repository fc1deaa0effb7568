//! Bad input gets a clear error naming file, line and column, and exit code 2; nothing
//! panics and a failed save leaves the old file in place.

use std::path::Path;
use std::process::Command;

const PINK: &str = include_str!("../scenes/pink_car.ron");

fn error_of(text: &str) -> String {
    match ladders_domain::scene::parse(Path::new("broken.ron"), text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

/// The `line:column` of an error message `broken.ron:L:C: ...`.
fn position(message: &str) -> (usize, usize) {
    let mut parts = message.splitn(4, ':');
    assert_eq!(parts.next(), Some("broken.ron"), "{message}");
    let line = parts
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("no line in {message}"));
    let column = parts
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no column in {message}"));
    (line, column)
}

/// 1-based (line, column) of the first occurrence of `needle` in `text`.
fn where_is(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let line = text[..at].matches('\n').count() + 1;
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn truncated_file() {
    let cut = &PINK[..PINK.len() / 2];
    let e = error_of(cut);
    let (line, _) = position(&e);
    assert!(line >= cut.lines().count() - 1, "{e}");
}

#[test]
fn wrong_type() {
    let text = PINK.replace("agent: (3, 1)", "agent: \"north-west\"");
    let e = error_of(&text);
    assert_eq!(position(&e).0, where_is(&text, "agent:").0, "{e}");
}

#[test]
fn unknown_field_and_unknown_variant() {
    let e = error_of(&PINK.replace("name: \"The pink car\"", "nmae: \"The pink car\""));
    assert!(e.contains("nmae"), "{e}");
    let text = PINK.replace("Car(paint: Grey)", "Truck(paint: Grey)");
    let e = error_of(&text);
    assert!(e.contains("Truck"), "{e}");
    assert_eq!(position(&e).0, where_is(&text, "Truck").0);
}

#[test]
fn unknown_entity_in_goal() {
    let text = PINK.replace(
        "target: \"car\", color: Pink)",
        "target: \"cra\", color: Pink)",
    );
    let e = error_of(&text);
    assert!(e.contains("`cra`"), "{e}");
    assert_eq!(position(&e), where_is(&text, "\"cra\""), "{e}");
}

#[test]
fn goal_on_a_missing_observer() {
    let text = PINK.replace(
        "goal: Perceives(observer: \"observer\"",
        "goal: Perceives(observer: \"watcher\"",
    );
    let e = error_of(&text);
    assert!(e.contains("watcher"), "{e}");
    assert_eq!(position(&e), where_is(&text, "\"watcher\""));
    let text = PINK.replace(
        "goal: Perceives(observer: \"observer\"",
        "goal: Perceives(observer: \"shop\"",
    );
    assert!(error_of(&text).contains("is not an observer"));
}

#[test]
fn unknown_technology() {
    let text = PINK.replace("requires: \"holography\"", "requires: \"holograhpy\"");
    let e = error_of(&text);
    assert!(e.contains("holograhpy") && e.contains("holography"), "{e}");
    assert_eq!(position(&e), where_is(&text, "\"holograhpy\""));
}

#[test]
fn unequal_rows() {
    let text = PINK.replacen(
        "\"#.....~~~~.....#\",\n        \"#.....~~~~.....#\",",
        "\"#.....~~~~.....#\",\n        \"#.....~~~~....#\",",
        1,
    );
    let e = error_of(&text);
    assert!(e.contains("equal length"), "{e}");
    assert_eq!(position(&e), where_is(&text, "\"#.....~~~~....#\""));
}

#[test]
fn unknown_terrain_names_its_column() {
    let text = PINK.replacen("\"#.....~~~~.....#\"", "\"#.....~~X~.....#\"", 1);
    let e = error_of(&text);
    let (line, column) = where_is(&text, "X~.....#");
    assert_eq!(position(&e), (line, column), "{e}");
}

#[test]
fn oversized_grid() {
    let row = format!("\"{}\"", ".".repeat(200));
    let text = PINK.replacen("\"################\",", &format!("{row},"), 1);
    let e = error_of(&text);
    assert!(e.contains("limit"), "{e}");
}

#[test]
fn plan_beyond_the_length_limit() {
    let long = vec!["Noop"; ladders_domain::scene::MAX_PLAN_LENGTH + 1].join(", ");
    let e = error_of(&PINK.replace("actions: [Noop]", &format!("actions: [{long}]")));
    assert!(e.contains("limit"), "{e}");
}

fn language_error(text: &str) -> String {
    match ladders_domain::language::parse(Path::new("bad.ron"), text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn malformed_language_names_file_line_and_column() {
    let text = include_str!("../assets/languages/everyday.ron").replace(
        "cost: 2.0, params: [(\"place\", Entity)]",
        "cost: \"two\", params: [(\"place\", Entity)]",
    );
    let e = language_error(&text);
    assert!(e.starts_with("bad.ron:"), "{e}");
    let unkraft = include_str!("../assets/languages/everyday.ron").replace("end: 3.0", "end: 0.1");
    let e = language_error(&unkraft);
    assert!(e.contains("Kraft"), "{e}");
    let undeclared = include_str!("../assets/languages/everyday.ron")
        .replace("Move(Param(\"d\"))", "Move(Param(\"dir\"))");
    let e = language_error(&undeclared);
    assert!(e.contains("does not declare"), "{e}");
}

#[test]
fn failed_save_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let scene =
        ladders_domain::scene::parse(Path::new("x"), PINK).unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("scene.ron");
    ladders_domain::scene::save(&target, &scene).unwrap_or_else(|e| panic!("{e}"));
    let before = std::fs::read_to_string(&target).unwrap_or_else(|e| panic!("{e}"));
    // Saving into a folder that does not exist fails without touching anything.
    assert!(ladders_domain::scene::save(&dir.path().join("missing/scene.ron"), &scene).is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap_or_default(), before);
    let leftovers = std::fs::read_dir(dir.path())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(leftovers, 1, "no temporary files left behind");
}

fn ladders(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_line_exits_2_with_one_line_on_bad_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, &PINK[..300]).unwrap_or_else(|e| panic!("{e}"));
    let broken = broken.to_string_lossy().into_owned();
    let cases: Vec<Vec<&str>> = vec![
        vec!["score", &broken],
        vec!["score", "does/not/exist.ron"],
        vec!["score", "scenes/pink_car.ron", "--language", "klingon"],
        vec![
            "score",
            "scenes/pink_car.ron",
            "--commodify",
            "teleportation",
        ],
        vec!["score", "scenes/pink_car.ron", "--budget", "-3"],
        vec!["score", "scenes/pink_car.ron", "--format", "yaml"],
        vec!["explain", "scenes/pink_car.ron", "--plan", "teleport"],
        vec!["score"],
    ];
    for args in cases {
        let (code, stderr) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args.len() > 1 && args[1] != "--format" && !args.contains(&"yaml") {
            assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
            assert!(stderr.starts_with("ladders: "), "{stderr}");
        }
    }
    let (code, stderr) = ladders(&["score", &broken]);
    assert_eq!(code, 2);
    assert!(stderr.contains("broken.ron:"), "{stderr}");
}

#[test]
fn explain_prints_both_derivations() {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(["explain", "scenes/pink_car.ron", "--plan", "paint"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("paint_of(car)"), "{text}");
    assert!(text.contains("paint(car)"), "{text}");
    assert!(text.contains("verdict: accepted"), "{text}");
}
