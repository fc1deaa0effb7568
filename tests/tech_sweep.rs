//! `ladders sweep SCENE --tech`: its JSON carries the library's numbers under stable keys,
//! its table names the crossovers, and bad input is exit 2 with a clear message.

use ladders_domain::analysis::{AvailabilitySpace, default_order, tech_sweep};
use ladders_domain::language::Language;
use ladders_domain::measures::Measure;
use ladders_domain::scene::Scene;
use serde_json::Value;
use std::process::Command;

const SCENE: &str = "scenes/pink_car.ron";

/// Exit code, stdout and stderr of `ladders ARGS`.
fn ladders(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("the binary does not run: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = ladders(args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn pink() -> (Scene, Vec<Language>) {
    let scene =
        ladders_domain::scene::load(std::path::Path::new(SCENE)).unwrap_or_else(|e| panic!("{e}"));
    let languages = scene
        .languages
        .iter()
        .map(|n| ladders_domain::language::resolve(n, None).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    (scene, languages)
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn the_discrete_json_is_the_librarys_sweep() {
    let (scene, languages) = pink();
    let sweep = tech_sweep(&scene, &languages, &default_order(&scene.world), &|_| true).unwrap();
    let out = json(&["sweep", SCENE, "--tech", "--format", "json"]);
    let d = &out["discrete"];
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "budgets",
            "crossovers",
            "languages",
            "measures",
            "order",
            "plans",
            "scene",
            "steps"
        ]
    );
    assert_eq!(
        d["order"],
        serde_json::json!(["holography", "neurotech", "paint"])
    );
    assert_eq!(
        d["languages"],
        serde_json::json!(["everyday", "optics", "neuro", "physics"])
    );
    assert_eq!(
        d["measures"].as_array().unwrap().len(),
        Measure::scored().count()
    );
    for (s, step) in sweep.steps.iter().enumerate() {
        let js = &d["steps"][s];
        assert_eq!(js["changed"], step.changed);
        for (l, per_language) in step.values.iter().enumerate() {
            for (p, per_plan) in per_language.iter().enumerate() {
                for (k, v) in per_plan.iter().enumerate() {
                    assert_eq!(number(&js["values"][l][p][k]), *v, "step {s} {l} {p} {k}");
                }
            }
            for (k, c) in step.choices[l].iter().enumerate() {
                assert_eq!(js["choices"][l][k].as_u64().map(|c| c as usize), *c);
            }
        }
    }
    let crossovers = d["crossovers"].as_array().unwrap();
    assert_eq!(crossovers.len(), sweep.crossovers.len());
    // The paint -> hologram crossover under everyday at step 1, by its keys.
    let plan = |n: &str| sweep.plans.iter().position(|p| p == n).unwrap() as u64;
    assert!(crossovers.iter().any(|c| c["language"] == 0
        && c["measure"] == "effect_dl"
        && c["step"] == 1
        && c["from"] == plan("paint")
        && c["to"] == plan("hologram")));
}

#[test]
fn the_table_marks_and_names_the_crossovers() {
    let (code, out, err) = ladders(&["sweep", SCENE, "--tech", "--measure", "effect_dl"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "under everyday, effect_dl: paint -> hologram at step 1 (holography commodified)"
        ),
        "{out}"
    );
    assert!(out.contains("hologram*"), "{out}");
    assert!(
        out.contains("step 3: paint already commodified, no change"),
        "{out}"
    );
    assert!(
        !out.contains("plan_dl"),
        "only the measure asked for: {out}"
    );
    // A given order.
    let out = json(&[
        "sweep",
        SCENE,
        "--tech",
        "--order",
        "neurotech,holography",
        "--format",
        "json",
    ]);
    assert_eq!(
        out["discrete"]["order"],
        serde_json::json!(["neurotech", "holography"])
    );
}

#[test]
fn the_continuous_json_is_the_librarys_and_finds_the_hologram() {
    let (scene, _) = pink();
    let everyday = ladders_domain::language::resolve("everyday", None).unwrap();
    let space = AvailabilitySpace::new(&scene, &everyday, "holography", None).unwrap();
    let library = space.sweep(Measure::EffectDl).unwrap();
    let out = json(&[
        "sweep",
        SCENE,
        "--tech",
        "--continuous",
        "holography",
        "-l",
        "everyday",
        "--format",
        "json",
    ]);
    let c = &out["continuous"][0];
    let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "budget",
            "choices",
            "entering_cost",
            "grid",
            "language",
            "measure",
            "plans",
            "switches",
            "technology",
            "values"
        ]
    );
    assert_eq!(c["grid"].as_array().unwrap().len(), 101);
    for (p, values) in library.values.iter().enumerate() {
        for (i, v) in values.iter().enumerate() {
            assert_eq!(number(&c["values"][p][i]), *v);
        }
    }
    assert_eq!(
        c["switches"].as_array().unwrap().len(),
        library.switches.len()
    );
    assert_eq!(
        number(&c["switches"][0]["at"]),
        Some(library.switches[0].at)
    );
    let (code, table, err) = ladders(&[
        "sweep",
        SCENE,
        "--tech",
        "--continuous",
        "holography",
        "-l",
        "everyday",
    ]);
    assert_eq!(code, 0, "{err}");
    let line = format!(
        "switch at a = {:.2}: paint below, hologram above",
        library.switches[0].at
    );
    assert!(table.contains(&line), "{table}");
    // A stated entering cost moves the switch; one too cheap for a prefix code is refused.
    let cheaper = json(&[
        "sweep",
        SCENE,
        "--tech",
        "--continuous",
        "holography",
        "-l",
        "everyday",
        "--entering-cost",
        "32",
        "--format",
        "json",
    ]);
    assert_eq!(cheaper["continuous"][0]["entering_cost"], 32.0);
    let (code, _, err) = ladders(&[
        "sweep",
        SCENE,
        "--tech",
        "--continuous",
        "holography",
        "-l",
        "everyday",
        "--entering-cost",
        "1",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("not a prefix code"), "{err}");
}

#[test]
fn bad_input_is_exit_2_with_a_clear_message() {
    let cases: [(&[&str], &str); 7] = [
        (&["--order", "holography,warp"], "unknown technology `warp`"),
        (&["--order", "paint,paint"], "`paint` is given twice"),
        (&["--continuous", "warp"], "unknown technology `warp`"),
        (&["--measure", "beauty"], "unknown measure `beauty`"),
        (&["--measure", "search_effort"], "not `search_effort`"),
        (&["-l", "klingon"], "klingon"),
        (&["--random", "5"], "cannot be used with"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["sweep", SCENE, "--tech"];
        args.extend(extra);
        let (code, out, err) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(message), "{args:?}: {err}");
    }
    // --random still works as before, and its options need no --tech.
    let (code, out, err) = ladders(&[
        "sweep", SCENE, "--random", "20", "--radius", "1", "--format", "json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"robustness\""));
    let (code, _, err) = ladders(&["sweep", SCENE, "--order", "paint"]);
    assert_eq!(code, 2);
    assert!(err.contains("--tech"), "{err}");
    // From scratch, an order against the tree (a technology before what it needs) is
    // refused like a cycle; the tree's own order runs.
    let scratch = "scenes/pink_car_scratch.ron";
    for order in ["paint,pigment,chemistry", "holography"] {
        let (code, out, err) = ladders(&["sweep", scratch, "--tech", "--order", order]);
        assert_eq!(code, 2, "{order}: {out}{err}");
        assert!(err.contains("which it needs"), "{order}: {err}");
    }
    let (code, out, err) = ladders(&[
        "sweep",
        scratch,
        "--tech",
        "--order",
        "pigment,chemistry,paint",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("paint commodified"), "{out}");
}
