//! Every bundled scene and language loads, validates, and keeps its invariants.

use ladders_domain::analysis::{Setting, score_scene};
use ladders_domain::language::{BUNDLED, kraft_sum};
use std::path::{Path, PathBuf};

fn scene_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("scenes")
        .unwrap_or_else(|e| panic!("scenes/: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bundled_language_file_is_bundled_and_valid() {
    let mut on_disk: Vec<String> = std::fs::read_dir("assets/languages")
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
        .collect();
    on_disk.sort();
    let mut bundled: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
    bundled.sort();
    assert_eq!(
        on_disk, bundled,
        "every file in assets/languages is compiled in"
    );
    for (name, _) in BUNDLED {
        let language = ladders_domain::language::bundled(name)
            .unwrap_or_else(|| panic!("{name}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(language.name, name, "file name and language name agree");
        assert!(!language.description.is_empty());
    }
}

#[test]
fn kraft_holds_for_every_language_under_every_technology_setting() {
    for (name, _) in BUNDLED {
        let language = ladders_domain::language::bundled(name)
            .unwrap_or_else(|| panic!("{name}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let settings = language.technology_settings();
        assert_eq!(settings.len(), 1 << language.commodified.len());
        for setting in settings {
            let effective = language.with_commodified(setting.iter().copied());
            for (what, sum) in [
                ("actions", kraft_sum(&effective.actions)),
                ("states", kraft_sum(&effective.states)),
            ] {
                assert!(
                    sum <= 1.0 + 1e-12,
                    "{name} {what} with {setting:?}: Σ2^-cost = {sum}"
                );
                assert!(sum > 0.0);
            }
        }
    }
}

#[test]
fn every_scene_loads_round_trips_and_scores_in_each_of_its_languages() {
    let files = scene_files();
    assert!(files.iter().any(|f| f.ends_with("pink_car.ron")));
    for path in files {
        let scene = ladders_domain::scene::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(!scene.plans.is_empty(), "{}", path.display());
        // Load, save, load gives an equal scene.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let copy = dir.path().join("copy.ron");
        ladders_domain::scene::save(&copy, &scene).unwrap_or_else(|e| panic!("{e}"));
        let again = ladders_domain::scene::load(&copy).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(scene, again, "{} round trip", path.display());
        for name in &scene.languages {
            let language = ladders_domain::language::resolve(name, path.parent())
                .unwrap_or_else(|e| panic!("{e}"));
            let setting =
                Setting::new(&scene, language, &[], None).unwrap_or_else(|e| panic!("{e}"));
            let score = score_scene(&scene, &setting);
            for p in &score.plans {
                // Every bundled language can describe every bundled plan and effect.
                let effect = p
                    .effect_dl
                    .as_ref()
                    .unwrap_or_else(|e| panic!("{name} {}: {e}", p.plan));
                let plan = p
                    .plan_dl
                    .as_ref()
                    .unwrap_or_else(|e| panic!("{name} {}: {e}", p.plan));
                assert!(effect.exact && plan.exact);
                assert!(p.levin_kt().unwrap_or(0.0) >= plan.bits());
            }
        }
    }
}

#[test]
fn the_compiled_in_pink_car_matches_the_file() {
    let from_file = ladders_domain::scene::load(Path::new(ladders_domain::scene::PINK_CAR_PATH))
        .unwrap_or_else(|e| panic!("{e}"));
    let compiled =
        ladders_domain::scene::parse(Path::new("x"), ladders_domain::scene::PINK_CAR_RON)
            .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_file, compiled);
}

#[test]
fn the_new_scene_template_is_valid_and_its_walk_reaches_the_goal() {
    let scene = ladders_domain::scene::parse(
        Path::new("assets/new_scene.ron"),
        ladders::app::NEW_SCENE_RON,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let language =
        ladders_domain::language::resolve("everyday", None).unwrap_or_else(|e| panic!("{e}"));
    let setting = Setting::new(&scene, language, &[], None).unwrap_or_else(|e| panic!("{e}"));
    let score = score_scene(&scene, &setting);
    let walk = score
        .plans
        .iter()
        .find(|p| p.plan == "walk")
        .unwrap_or_else(|| panic!("walk"));
    assert!(walk.outcome.reaches_goal);
    assert!(
        walk.verdict.accepted,
        "walking changes nothing but the agent: {}",
        walk.verdict.reason
    );
}
