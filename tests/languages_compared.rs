//! `ladders compare`, `ladders sweep --random` and `ladders merge` from the command line:
//! the JSON the issue promises, byte-for-byte reproducibility, exact merges, and drawn
//! languages that score from their files as they did inside the sweep.

use ladders_domain::analysis::{CompareOptions, compare_languages};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const SCENE: &str = "scenes/pink_car.ron";

fn ladders(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ladders: {e}"))
}

fn ok(args: &[&str]) -> Vec<u8> {
    let out = ladders(args, "2");
    assert!(
        out.status.success(),
        "ladders {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn json(args: &[&str]) -> Value {
    serde_json::from_slice(&ok(args)).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn fails(args: &[&str], needle: &str) {
    let out = ladders(args, "2");
    assert_eq!(out.status.code(), Some(2), "ladders {args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(needle),
        "ladders {args:?}: `{err}` lacks `{needle}`"
    );
}

#[test]
fn compare_reports_the_invariance_matrix_pairs_and_flips() {
    let args = [
        "compare",
        SCENE,
        "--languages",
        "everyday,optics,neuro",
        "--random-plans",
        "30",
        "--seed",
        "4",
        "--format",
        "json",
    ];
    let v = json(&args);
    let names = ["everyday", "optics", "neuro"];
    assert_eq!(v["languages"], serde_json::json!(names));
    // The same numbers as the library's comparison on the same inputs.
    let scene = ladders_domain::scene::load(Path::new(SCENE)).unwrap_or_else(|e| panic!("{e}"));
    let languages: Vec<_> = names
        .iter()
        .map(|n| ladders_domain::language::resolve(n, None).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let options = CompareOptions {
        random_plans: 30,
        seed: 4,
        technologies: scene.world.technologies.clone(),
        budget: 14.0,
    };
    let c = compare_languages(&scene, &languages, &options, &|_, _| true)
        .unwrap_or_else(|e| panic!("{e}"));
    for m in &c.measures {
        let matrix = &v["invariance"][m.measure.key()];
        for a in 0..3 {
            for b in 0..3 {
                let expected = m.invariance[a][b].bits;
                let got = matrix[a][b].as_f64();
                assert_eq!(got, expected, "c[{a}][{b}] of {}", m.measure.key());
            }
            assert_eq!(matrix[a][a].as_f64(), Some(0.0));
        }
    }
    let pairs = v["pairs"].as_array().unwrap_or_else(|| panic!("pairs"));
    assert_eq!(pairs.len(), 6, "every ordered pair");
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| p["from"] == a && p["to"] == b)
            .unwrap_or_else(|| panic!("{a}→{b}"))
    };
    // Under everyday the mind hack is rejected; under neuro it is accepted.
    let flips = pair("everyday", "neuro")["flips"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let hack = flips
        .iter()
        .find(|f| f["plan"] == "mind_hack")
        .unwrap_or_else(|| panic!("mind_hack flips between everyday and neuro"));
    assert_eq!(hack["accepted_in"], "neuro");
    assert_eq!(hack["rejected_in"], "everyday");
    assert!(pair("everyday", "optics")["tau"]["effect_dl"].is_number());
    // The table says the same in words.
    let table = String::from_utf8_lossy(&ok(&args[..8])).into_owned();
    assert!(
        table.contains("`mind_hack`: accepted in neuro, rejected in everyday"),
        "{table}"
    );
}

#[test]
fn the_same_seed_gives_the_same_output_byte_for_byte() {
    let compare = [
        "compare",
        SCENE,
        "--random-plans",
        "50",
        "--seed",
        "9",
        "--format",
        "json",
    ];
    let sweep = [
        "sweep", SCENE, "--random", "200", "--seed", "9", "--radii", "1,6", "--format", "json",
    ];
    for args in [&compare[..], &sweep[..]] {
        let one = ladders(args, "1");
        let two = ladders(args, "2");
        assert!(one.status.success() && two.status.success());
        assert_eq!(one.stdout, two.stdout, "{args:?} on 1 and 2 threads");
    }
    let other = json(&[
        "sweep", SCENE, "--random", "200", "--seed", "10", "--radii", "1,6", "--format", "json",
    ]);
    assert_ne!(other, json(&sweep), "another seed, other languages");
}

#[test]
fn merged_shards_equal_the_unsharded_sweep() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let base = [
        "sweep", SCENE, "--random", "301", "--seed", "2", "--radii", "0,2,8",
    ];
    let whole = ok(&[&base[..], &["--format", "json"]].concat());
    let mut files = Vec::new();
    for (k, format) in [(0, "json"), (1, "jsonl"), (2, "json"), (3, "jsonl")] {
        let shard = format!("{k}/4");
        let out = ok(&[&base[..], &["--shard", &shard, "--format", format]].concat());
        let path = dir.path().join(format!("shard{k}.{format}"));
        std::fs::write(&path, out).unwrap_or_else(|e| panic!("{e}"));
        files.push(path.display().to_string());
    }
    files.reverse();
    let mut merge = vec!["merge"];
    merge.extend(files.iter().map(String::as_str));
    assert_eq!(
        ok(&merge),
        whole,
        "the merge of the shards is the whole sweep"
    );
    // Three of four shards are a partial sweep, and say so.
    let partial = json(&merge[..4]);
    assert_eq!(partial["shards"].as_array().map(Vec::len), Some(3));
    fails(&["merge", &files[0], &files[0]], "given twice");
}

#[test]
fn written_languages_score_from_their_files_as_in_the_sweep() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().display().to_string();
    let v = json(&[
        "sweep",
        SCENE,
        "--random",
        "6",
        "--seed",
        "5",
        "--radius",
        "6",
        "--format",
        "json",
        "--write-languages",
        &out,
    ]);
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "one file per drawn language");
    // Rebuild each plan's acceptance count and effect histogram from `ladders score`.
    let plans = v["radii"][0]["plans"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut accepted = vec![0u64; plans.len()];
    let mut extremes = vec![(f64::INFINITY, f64::NEG_INFINITY); plans.len()];
    for file in &files {
        let score = json(&[
            "score",
            SCENE,
            "--language",
            &file.display().to_string(),
            "--format",
            "json",
        ]);
        let scored = score["plans"].as_array().cloned().unwrap_or_default();
        for (p, plan) in scored.iter().enumerate() {
            assert_eq!(plan["name"], plans[p]["plan"]);
            if plan["verdict"] == "accepted" {
                accepted[p] += 1;
            }
            let bits = plan["measures"]["effect_dl"]
                .as_f64()
                .unwrap_or_else(|| panic!("{plan}"));
            extremes[p] = (extremes[p].0.min(bits), extremes[p].1.max(bits));
        }
    }
    for (p, plan) in plans.iter().enumerate() {
        assert_eq!(
            plan["accepted"].as_u64(),
            Some(accepted[p]),
            "{}",
            plan["plan"]
        );
        assert_eq!(
            plan["effect_dl"]["min"].as_f64(),
            Some(extremes[p].0),
            "{}",
            plan["plan"]
        );
        assert_eq!(
            plan["effect_dl"]["max"].as_f64(),
            Some(extremes[p].1),
            "{}",
            plan["plan"]
        );
    }
}

#[test]
fn bad_sweeps_and_comparisons_are_refused_before_any_work() {
    fails(&["sweep", SCENE], "--random N");
    fails(
        &["sweep", SCENE, "--random", "10", "--shard", "3/3"],
        "not a shard",
    );
    fails(
        &["sweep", SCENE, "--random", "10", "--shard", "x"],
        "not a shard",
    );
    fails(
        &["sweep", SCENE, "--random", "10", "--radius", "-1"],
        "not a radius",
    );
    fails(
        &["sweep", SCENE, "--random", "10", "--radius", "NaN"],
        "not a radius",
    );
    fails(&["sweep", SCENE, "--random", "0"], "out of range");
    fails(
        &["sweep", SCENE, "--random", "3", "--shard", "0/4"],
        "shard",
    );
    fails(
        &["sweep", SCENE, "--random", "10", "--around", "klingon"],
        "klingon",
    );
    fails(
        &[
            "sweep",
            SCENE,
            "--random",
            "100000",
            "--radii",
            "1,2",
            "--write-languages",
            "/tmp/never",
        ],
        "the limit is",
    );
    fails(
        &["compare", SCENE, "--languages", "everyday"],
        "two or more",
    );
    fails(
        &["compare", SCENE, "--languages", "everyday,klingon"],
        "klingon",
    );
    fails(
        &["compare", SCENE, "--random-plans", "100001"],
        "out of range",
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"scene\": 3\n}\n").unwrap_or_else(|e| panic!("{e}"));
    fails(&["merge", &bad.display().to_string()], "bad.json:2:");
}

#[test]
fn an_adversarial_word_makes_the_mind_hack_the_simplest() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let written = dir.path().join("adversary.ron").display().to_string();
    let v = json(&[
        "adversary",
        SCENE,
        "--plan",
        "mind_hack",
        "--bits",
        "1",
        "--language",
        "everyday",
        "--format",
        "json",
        "--write",
        &written,
    ]);
    assert_eq!(v["simplest"], true);
    assert_eq!(v["measure"], "plan_dl");
    let delta = v["delta"].as_f64().unwrap_or(f64::NAN);
    assert!(
        delta > 0.0 && delta <= 1.0 + 1e-9,
        "about one bit at k = 1: {delta}"
    );
    for p in v["plans"].as_array().cloned().unwrap_or_default() {
        if p["plan"] == "mind_hack" {
            continue;
        }
        let growth = p["growth"].as_f64().unwrap_or(f64::NAN);
        let bound = p["bound"].as_f64().unwrap_or(f64::NAN);
        assert!(growth <= bound + 1e-9, "{p}: grows by at most (m + 1)δ");
    }
    // The written language is an ordinary file: score reads it and finds the word.
    let scored = json(&["score", SCENE, "--language", &written, "--format", "json"]);
    let hack = scored["plans"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "mind_hack").cloned())
        .unwrap_or_else(|| panic!("mind_hack"));
    let after = v["plans"][3]["after"].as_f64().unwrap_or(f64::NAN);
    assert_eq!(hack["measures"]["plan_dl"].as_f64(), Some(after));
    // On its effect, the criterion then accepts it.
    let e = json(&[
        "adversary",
        SCENE,
        "--plan",
        "mind_hack",
        "--effect",
        "--format",
        "json",
    ]);
    assert_eq!(e["measure"], "effect_dl");
    assert_eq!(e["plans"][3]["accepted_before"], false);
    assert_eq!(e["plans"][3]["accepted_after"], true);
    fails(
        &["adversary", SCENE, "--plan", "mind_hack", "--bits", "0"],
        "positive",
    );
    fails(
        &["adversary", SCENE, "--plan", "mind_hack", "--bits", "65"],
        "at most",
    );
    fails(&["adversary", SCENE, "--plan", "nope"], "no plan `nope`");
    fails(
        &["adversary", SCENE, "--plan", "nothing", "--effect"],
        "nothing",
    );
}

#[test]
fn hostile_inputs_to_the_new_commands_end_with_a_message() {
    let repro = Path::new("../shared/fuzz-repro");
    // Languages found by fuzzing: a deep walk and a word with eight direction parameters,
    // swept around and compared; each ends, with a result or a message, never a crash.
    for name in ["deep_walk.ron", "eight_dirs.ron", "three_cells.ron"] {
        let path = repro.join(name);
        if !path.exists() {
            continue;
        }
        let lang = path.display().to_string();
        for args in [
            vec![
                "sweep", SCENE, "--random", "20", "--radius", "3", "--around", &lang,
            ],
            vec![
                "compare",
                SCENE,
                "--languages",
                &format!("everyday,{lang}"),
                "--random-plans",
                "10",
            ],
        ] {
            let out = ladders(&args, "2");
            assert!(
                matches!(out.status.code(), Some(0 | 2)),
                "ladders {args:?}: {:?} {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    fails(
        &[
            "compare",
            SCENE,
            "--languages",
            "everyday,optics,neuro,physics",
            "--random-plans",
            "100000",
            "--languages",
            "everyday,optics,neuro,physics,everyday,optics",
        ],
        "more than",
    );
    // A sweep file whose counts do not add up is refused, not merged into nonsense.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let good = ok(&[
        "sweep", SCENE, "--random", "10", "--radius", "1", "--format", "json",
    ]);
    let text = String::from_utf8_lossy(&good).replace("\"languages\": 10", "\"languages\": 7");
    let bad = dir.path().join("lies.json");
    std::fs::write(&bad, text).unwrap_or_else(|e| panic!("{e}"));
    fails(&["merge", &bad.display().to_string()], "consistent");
}
