//! The story DESIGN.md section 3 tells, checked line by line through the library and
//! through the command line's JSON.

use ladders_domain::analysis::{SceneScore, Setting, score_scene};
use std::path::Path;
use std::process::Command;

const SCENE: &str = "scenes/pink_car.ron";

fn score(language: &str, commodify: &[&str]) -> SceneScore {
    let scene = ladders_domain::scene::load(Path::new(SCENE)).unwrap_or_else(|e| panic!("{e}"));
    let language =
        ladders_domain::language::resolve(language, None).unwrap_or_else(|e| panic!("{e}"));
    let commodify: Vec<String> = commodify.iter().map(|s| s.to_string()).collect();
    let setting =
        Setting::new(&scene, language, &commodify, None).unwrap_or_else(|e| panic!("{e}"));
    score_scene(&scene, &setting)
}

fn accepted(score: &SceneScore) -> Vec<&str> {
    score
        .plans
        .iter()
        .filter(|p| p.verdict.accepted)
        .map(|p| p.plan.as_str())
        .collect()
}

fn is_accepted(score: &SceneScore, plan: &str) -> bool {
    accepted(score).contains(&plan)
}

#[test]
fn everyday_accepts_only_paint() {
    assert_eq!(accepted(&score("everyday", &[])), vec!["paint"]);
}

#[test]
fn optics_accepts_hologram() {
    assert!(is_accepted(&score("optics", &[]), "hologram"));
}

#[test]
fn neuro_accepts_mind_hack() {
    assert!(is_accepted(&score("neuro", &[]), "mind_hack"));
}

#[test]
fn physics_rejects_paint() {
    assert!(!is_accepted(&score("physics", &[]), "paint"));
}

#[test]
fn commodifying_holography_makes_everyday_accept_hologram() {
    assert!(!is_accepted(&score("everyday", &[]), "hologram"));
    assert!(is_accepted(&score("everyday", &["holography"]), "hologram"));
}

#[test]
fn nothing_is_always_rejected_for_missing_the_goal() {
    for language in ["everyday", "optics", "neuro", "physics"] {
        for techs in [
            &[][..],
            &["holography"],
            &["neurotech"],
            &["holography", "neurotech"],
        ] {
            let s = score(language, techs);
            let nothing = s
                .plans
                .iter()
                .find(|p| p.plan == "nothing")
                .unwrap_or_else(|| panic!("no plan nothing"));
            assert!(!nothing.outcome.reaches_goal);
            assert!(!nothing.verdict.accepted);
            assert_eq!(nothing.verdict.reason, "does not reach the goal");
        }
    }
}

#[test]
fn every_other_plan_reaches_the_goal() {
    let s = score("everyday", &[]);
    for p in &s.plans {
        assert_eq!(p.outcome.reaches_goal, p.plan != "nothing", "{}", p.plan);
    }
}

#[test]
fn each_route_changes_the_variables_of_its_layer() {
    use ladders_domain::world::VarKind;
    let s = score("everyday", &[]);
    let kinds = |name: &str| -> Vec<VarKind> {
        let p = s
            .plans
            .iter()
            .find(|p| p.plan == name)
            .unwrap_or_else(|| panic!("{name}"));
        let mut k: Vec<VarKind> = p.outcome.effect.iter().map(|c| c.var.kind()).collect();
        k.dedup();
        k
    };
    assert_eq!(kinds("paint"), vec![VarKind::Object]);
    assert_eq!(kinds("hologram"), vec![VarKind::Device, VarKind::Field]);
    assert_eq!(kinds("mind_hack"), vec![VarKind::Mind]);
    assert_eq!(kinds("rainbow"), vec![VarKind::Particle]);
    assert_eq!(
        s.plans
            .iter()
            .find(|p| p.plan == "rainbow")
            .map(|p| p.outcome.effect.len()),
        Some(12)
    );
}

/// The command line prints the same verdicts as JSON.
#[test]
fn score_json_tells_the_story() {
    let verdicts = |args: &[&str]| -> Vec<(String, String)> {
        let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
            .args(["score", SCENE, "--format", "json"])
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
        for p in json["plans"].as_array().unwrap_or_else(|| panic!("plans")) {
            for m in ["effect_dl", "plan_dl", "levin_kt"] {
                assert!(p["measures"][m].is_number(), "{m} of {}", p["name"]);
            }
        }
        json["plans"]
            .as_array()
            .unwrap_or_else(|| panic!("plans"))
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or("").to_owned(),
                    p["verdict"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect()
    };
    let accepted = |v: &[(String, String)], plan: &str| {
        v.iter()
            .any(|(n, verdict)| n == plan && verdict == "accepted")
    };
    let everyday = verdicts(&[]);
    assert!(accepted(&everyday, "paint"));
    assert_eq!(everyday.iter().filter(|(_, v)| v == "accepted").count(), 1);
    assert!(accepted(&verdicts(&["--language", "optics"]), "hologram"));
    assert!(accepted(&verdicts(&["--language", "neuro"]), "mind_hack"));
    assert!(!accepted(&verdicts(&["--language", "physics"]), "paint"));
    assert!(accepted(
        &verdicts(&["--commodify", "holography"]),
        "hologram"
    ));
    assert!(
        accepted(
            &verdicts(&["--language", "assets/languages/optics.ron"]),
            "hologram"
        ),
        "language by path"
    );
    assert!(
        !accepted(&verdicts(&["--budget", "5"]), "paint"),
        "a lower budget rejects paint (6.32 bits)"
    );
}
