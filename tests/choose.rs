//! `ladders choose`: the searched choice from the command line. Its JSON carries the
//! library's numbers, bad input is exit 2 with one clear line, and a plan cheaper than
//! every plan of the scene is said so in words.

use ladders_domain::analysis::{ChoiceOptions, Setting, searched_choice};
use ladders_domain::measures::{Measure, ProgramLimits};
use std::process::Command;

const SCENE: &str = "scenes/pink_car.ron";
const PINK: &str = include_str!("../scenes/pink_car.ron");

/// Exit code, stdout and stderr.
fn ladders(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, stdout, stderr) = ladders(args);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn setting(scene: &ladders_domain::scene::Scene, language: &str) -> Setting {
    let language =
        ladders_domain::language::resolve(language, None).unwrap_or_else(|e| panic!("{e}"));
    Setting::new(scene, language, &[], None).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn json_numbers_are_the_librarys() {
    let scene = ladders_domain::scene::load(std::path::Path::new(SCENE)).unwrap();
    for (language, measure) in [
        ("everyday", Measure::EffectDl),
        ("neuro", Measure::PlanDl),
        ("everyday", Measure::SearchEffort),
    ] {
        let report = json(&[
            "choose",
            SCENE,
            "--language",
            language,
            "--measure",
            measure.key(),
            "--bound",
            "16",
            "--format",
            "json",
        ]);
        let options = ChoiceOptions {
            bound: 16.0,
            ..ChoiceOptions::new(ProgramLimits::default())
        };
        let choice = searched_choice(
            &scene,
            &setting(&scene, language),
            measure,
            &options,
            &|_| true,
        )
        .unwrap();
        let found = choice.found.as_ref().unwrap();
        let at = |key: &str| &report["found"][key];
        assert_eq!(
            at("score").as_f64(),
            Some(found.score),
            "{language} {measure:?}"
        );
        assert_eq!(at("program_bits").as_f64(), Some(found.program_bits));
        let words: Vec<&str> = (at("words").as_array().unwrap().iter())
            .filter_map(|w| w.as_str())
            .collect();
        assert_eq!(words, found.words);
        assert_eq!(at("steps").as_u64(), Some(found.actions.len() as u64));
        assert_eq!(
            at("plan_derivation")["bits"].as_f64(),
            found.plan_score.plan_bits()
        );
        assert_eq!(report["beats_scene"].as_bool(), Some(choice.beats_scene));
        assert_eq!(report["measure"].as_str(), Some(measure.key()));
        assert_eq!(
            report["bound"]["programs_run"].as_u64(),
            Some(choice.bound.programs_run)
        );
        let values: Vec<Option<f64>> = (report["scene"].as_array().unwrap().iter())
            .map(|p| p["value"].as_f64())
            .collect();
        let expected: Vec<Option<f64>> = choice.scene.iter().map(|p| p.value).collect();
        assert_eq!(values, expected);
    }
}

#[test]
fn a_plan_cheaper_than_the_scenes_is_said_in_words() {
    // The pink car without its paint plan: the search paints the car anyway.
    let start = PINK.find("        (\n            name: \"paint\"").unwrap();
    let end = start
        + PINK[start..]
            .find("        (\n            name: \"rainbow\"")
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no_paint.ron");
    std::fs::write(&path, format!("{}{}", &PINK[..start], &PINK[end..])).unwrap();
    let path = path.to_string_lossy().into_owned();
    let (code, stdout, stderr) = ladders(&["choose", &path, "--bound", "16"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("a cheaper way than any plan in the scene"),
        "{stdout}"
    );
    assert!(stdout.contains("paint(car)"), "{stdout}");
    let report = json(&["choose", &path, "--bound", "16", "--format", "json"]);
    assert_eq!(report["beats_scene"].as_bool(), Some(true));
    // With the paint plan the search finds it again.
    let (_, stdout, _) = ladders(&["choose", SCENE, "--bound", "16"]);
    assert!(!stdout.contains("a cheaper way"), "{stdout}");
    assert!(
        stdout.contains("it found the scene's plan `paint` again"),
        "{stdout}"
    );
    assert!(stdout.contains("every program up to 16 bits"), "{stdout}");
}

#[test]
fn bad_input_is_exit_2_with_one_line() {
    for (args, expected) in [
        (vec!["--measure", "nope"], "unknown measure `nope`"),
        (vec!["--language", "klingon"], "klingon"),
        (vec!["--commodify", "warp"], "unknown technology `warp`"),
        (vec!["--bound", "0"], "--bound must be"),
        (vec!["--bound", "-3"], "--bound must be"),
        (vec!["--bound", "65"], "--bound must be"),
        (vec!["--bound", "inf"], "--bound must be"),
        (vec!["--bound", "NaN"], "--bound must be"),
    ] {
        let mut all = vec!["choose", SCENE];
        all.extend(&args);
        let (code, _, stderr) = ladders(&all);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn a_limit_reached_is_reported() {
    let report = json(&["choose", SCENE, "--work-limit", "1", "--format", "json"]);
    assert_eq!(report["bound"]["stopped"].as_str(), Some("work"));
    let description = report["bound"]["description"].as_str().unwrap();
    assert!(description.contains("the work limit"), "{description}");
}
