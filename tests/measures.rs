//! The sequence, block and program measures against their definitions: values the peer
//! packages computed (`tests/data/peer_reference.json`, written by
//! `bench/peers/reference.py` with lzcomplexity, antropy and pybdm), hand-checked
//! cases, and the command line's output and errors.

use ladders_domain::complexity::{
    BinaryGrid, CtmTable, Decomposition, Dimensions, Partition, bdm, lz76,
};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn reference() -> Value {
    let text = include_str!("data/peer_reference.json");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("peer_reference.json: {e}"))
}

fn partition(name: &str) -> Partition {
    match name {
        "ignore" => Partition::Ignore,
        "recursive" => Partition::Recursive,
        "correlated" => Partition::Correlated,
        other => panic!("unknown partition {other}"),
    }
}

fn grid_of(rows: &[Value]) -> BinaryGrid {
    let text: String = rows
        .iter()
        .map(|r| format!("{}\n", r.as_str().unwrap_or_default()))
        .collect();
    BinaryGrid::parse(Path::new("reference"), &text).unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn lz76_counts_match_antropy_and_lzcomplexity() {
    let reference = reference();
    let cases = reference["lz76"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(cases.len() >= 10);
    for case in cases {
        let text = case["text"].as_str().unwrap_or_default();
        let expected = case["phrases"].as_u64().unwrap_or(0) as usize;
        let symbols: Vec<char> = text.chars().collect();
        assert_eq!(lz76(&symbols).complexity(), expected, "{text}");
        // antropy counts the final copy too, as Kaspar and Schuster do.
        if let Some(antropy) = case["antropy"].as_u64() {
            assert_eq!(expected, antropy as usize, "{text}");
        }
    }
}

#[test]
fn bdm_1d_matches_pybdm_for_every_partition() {
    let reference = reference();
    let table = CtmTable::bundled(Dimensions::One);
    let cases = reference["bdm1d"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(cases.len() >= 30);
    for case in cases {
        let text = case["text"].as_str().unwrap_or_default();
        let grid =
            BinaryGrid::parse(Path::new("reference"), text).unwrap_or_else(|e| panic!("{e}"));
        let p = partition(case["partition"].as_str().unwrap_or_default());
        let block = case["block"].as_u64().unwrap_or(0) as usize;
        let result = bdm(&grid, &table, block, p).unwrap_or_else(|e| panic!("{e}"));
        let expected = case["bits"].as_f64().unwrap_or(f64::NAN);
        assert!(
            close(result.bits, expected),
            "{text} {p:?} {block}: {} vs {expected}",
            result.bits
        );
        assert_eq!(
            result.occurrences as u64,
            case["blocks"].as_u64().unwrap_or(0),
            "{text} {p:?} {block}"
        );
    }
}

#[test]
fn bdm_2d_matches_pybdm_for_every_partition_and_block() {
    let reference = reference();
    let table = CtmTable::bundled(Dimensions::Two);
    let cases = reference["bdm2d"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(cases.len() >= 30);
    for case in cases {
        let grid = grid_of(case["grid"].as_array().map_or(&[][..], Vec::as_slice));
        let p = partition(case["partition"].as_str().unwrap_or_default());
        let block = case["block"].as_u64().unwrap_or(0) as usize;
        let d = Decomposition::new(&grid, &table, block, p).unwrap_or_else(|e| panic!("{e}"));
        let result = d.measure(&grid);
        let expected = case["bits"].as_f64().unwrap_or(f64::NAN);
        let shape = format!("{}x{} {p:?} {block}", grid.rows(), grid.cols());
        assert!(
            close(result.bits, expected),
            "{shape}: {} vs {expected}",
            result.bits
        );
        assert!(close(d.bits(&grid), expected), "{shape}: fast path");
        assert_eq!(
            result.occurrences as u64,
            case["blocks"].as_u64().unwrap_or(0),
            "{shape}"
        );
    }
}

#[test]
fn perturbation_map_matches_pybdm() {
    let reference = reference();
    let case = &reference["perturbation2d"];
    let grid = grid_of(case["grid"].as_array().map_or(&[][..], Vec::as_slice));
    let table = CtmTable::bundled(Dimensions::Two);
    let d =
        Decomposition::new(&grid, &table, 4, Partition::Ignore).unwrap_or_else(|e| panic!("{e}"));
    assert!(close(
        d.measure(&grid).bits,
        case["bdm"].as_f64().unwrap_or(f64::NAN)
    ));
    let map = d.perturbation(&grid);
    let expected: Vec<f64> = case["delta"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect();
    assert_eq!(map.len(), expected.len());
    for (i, (a, b)) in map.iter().zip(&expected).enumerate() {
        assert!((a - b).abs() < 1e-9, "cell {i}: {a} vs {b}");
    }
}

fn ladders(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ladders: {e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json_of(args: &[&str]) -> Value {
    let (code, out, err) = ladders(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
}

#[test]
fn measure_lz76_prints_the_classic_phrases() {
    let report = json_of(&[
        "measure",
        "lz76",
        "--text",
        "0001101001000101",
        "--format",
        "json",
    ]);
    assert_eq!(report["measure"], "lz76");
    assert_eq!(report["value"], 6);
    assert_eq!(report["unit"], "phrases");
    let phrases: Vec<&str> = report["phrases"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(phrases, ["0", "001", "10", "100", "1000", "101"]);
    // c / (n / log2 n) = 6 / (16 / 4).
    assert_eq!(report["normalised"], 1.5);
    // Tokens: words of a file.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("words.txt");
    std::fs::write(&file, "go left go left go right").unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    let words = json_of(&[
        "measure", "lz76", "--file", &path, "--tokens", "words", "--format", "json",
    ]);
    // go · left · go left go right (a copy of "go left", then the new "right").
    assert_eq!(words["value"], 3);
    assert_eq!(words["alphabet"], 3);
}

#[test]
fn measure_bdm_and_compress_report_value_unit_and_evidence() {
    let report = json_of(&[
        "measure",
        "bdm1d",
        "--text",
        "010101010101010101010101",
        "--format",
        "json",
    ]);
    assert_eq!(report["unit"], "bits");
    assert_eq!(report["partition"], "ignore");
    let blocks = report["blocks"].as_array().map_or(0, Vec::len);
    assert_eq!(blocks, 1, "two equal tiles of 12: one distinct block");
    assert_eq!(report["blocks"][0]["count"], 2);
    let table = CtmTable::bundled(Dimensions::One);
    let expected = table.value(12, 0b0101_0101_0101).0 + 1.0;
    assert!(close(report["value"].as_f64().unwrap_or(0.0), expected));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let grid = dir.path().join("grid.txt");
    std::fs::write(&grid, "0110\n1001\n1001\n0110\n0000\n").unwrap_or_else(|e| panic!("{e}"));
    let path = grid.to_string_lossy().into_owned();
    let report = json_of(&[
        "measure",
        "bdm2d",
        "--grid",
        &path,
        "--partition",
        "recursive",
        "--block",
        "3",
        "--perturbation",
        "--format",
        "json",
    ]);
    assert_eq!(report["block"], 3);
    assert_eq!(report["partition"], "recursive");
    assert_eq!(report["perturbation"].as_array().map_or(0, Vec::len), 5);

    let compressed = json_of(&[
        "measure",
        "compress",
        "--codec",
        "brotli-5",
        "--text",
        "abababababababab",
        "--format",
        "json",
    ]);
    assert_eq!(compressed["codec"], "brotli-5");
    assert_eq!(compressed["level"], 5);
    assert_eq!(compressed["unit"], "bits");
    assert_eq!(compressed["value"].as_u64().map(|v| v % 8), Some(0));
}

#[test]
fn bad_measure_input_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let ragged = dir.path().join("ragged.txt");
    std::fs::write(&ragged, "0101\n010\n").unwrap_or_else(|e| panic!("{e}"));
    let ragged = ragged.to_string_lossy().into_owned();
    let corrupt = dir.path().join("table.tsv");
    std::fs::write(&corrupt, "# header\n4x4\t0000000000000000\tnot-a-number\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let corrupt = corrupt.to_string_lossy().into_owned();
    let good_grid = dir.path().join("good.txt");
    std::fs::write(&good_grid, "0101\n1010\n0101\n1010\n").unwrap_or_else(|e| panic!("{e}"));
    let good_grid = good_grid.to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["measure", "bdm1d", "--text", "01201"],
            "--text:1:3: `2` is not a binary symbol".into(),
        ),
        (
            vec!["measure", "lz76", "--text", ""],
            "the input is empty".into(),
        ),
        (
            vec!["measure", "bdm1d", "--text", "   "],
            "the input is empty".into(),
        ),
        (
            vec!["measure", "compress", "--text", ""],
            "the input is empty".into(),
        ),
        (
            vec!["measure", "bdm2d", "--grid", &ragged],
            format!("{ragged}:2:1: this row has 3 cells but the first row has 4"),
        ),
        (
            vec!["measure", "bdm2d", "--grid", "no/such/grid.txt"],
            "no/such/grid.txt".into(),
        ),
        (
            vec![
                "measure",
                "bdm2d",
                "--grid",
                &good_grid,
                "--table",
                "no/such/table.tsv",
            ],
            "no/such/table.tsv".into(),
        ),
        (
            vec![
                "measure", "bdm2d", "--grid", &good_grid, "--table", &corrupt,
            ],
            format!("{corrupt}:2:22: `not-a-number` is not a number of bits"),
        ),
        (
            vec!["measure", "bdm2d", "--grid", &good_grid, "--block", "5"],
            "block size 5 is not available".into(),
        ),
        (
            vec!["measure", "compress", "--codec", "zip", "--text", "x"],
            "unknown codec `zip`".into(),
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(&expected), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Random bits from a fixed xorshift generator.
fn random_bits(len: usize, seed: u64) -> String {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if (x >> 40) & 1 == 1 { '1' } else { '0' }
        })
        .collect()
}

#[test]
fn measure_lz76_on_files_agrees_with_the_library_and_summarises_its_phrases() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let bits = random_bits(200_000, 11);
    let file = dir.path().join("bits.txt");
    std::fs::write(&file, format!("{bits}\n")).unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    let symbols: Vec<char> = bits.chars().collect();
    let expected = lz76(&symbols);
    let report = json_of(&["measure", "lz76", "--file", &path, "--format", "json"]);
    assert_eq!(report["value"], expected.complexity());
    assert_eq!(report["alphabet"], 2);
    assert_eq!(report["length"], 200_000);
    // The first 1,000 phrases as text, and how many more there are.
    let listed = report["phrases"].as_array().map_or(&[][..], Vec::as_slice);
    assert_eq!(listed.len(), 1000);
    let first: Vec<String> = expected.phrases[..1000]
        .iter()
        .map(|r| bits[r.clone()].to_owned())
        .collect();
    assert_eq!(listed, first.as_slice());
    assert_eq!(report["phrases_omitted"], expected.complexity() - 1000);
    // Every phrase on request, tiling the input.
    let all = json_of(&[
        "measure",
        "lz76",
        "--file",
        &path,
        "--format",
        "json",
        "--all-phrases",
    ]);
    let phrases: String = all["phrases"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(phrases, bits);
    assert!(all.get("phrases_omitted").is_none());
    // Text that is not ASCII, and bytes: the same factorisation as the library's.
    let greek = "αβαβγαβ";
    let report = json_of(&["measure", "lz76", "--text", greek, "--format", "json"]);
    let chars: Vec<char> = greek.chars().collect();
    assert_eq!(report["value"], lz76(&chars).complexity());
    assert_eq!(report["phrases"][0], "α");
    let report = json_of(&[
        "measure", "lz76", "--text", "abcabc", "--tokens", "bytes", "--format", "json",
    ]);
    assert_eq!(
        report["phrases"],
        serde_json::json!(["61", "62", "63", "616263"])
    );
}

#[test]
fn measure_refuses_inputs_beyond_the_memory_budget_and_endless_files() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2 MB of varied bytes: the suffix array would need far more than 16 MiB.
    let bytes: Vec<u8> = (0..2_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let file = dir.path().join("bytes.bin");
    std::fs::write(&file, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let path = file.to_string_lossy().into_owned();
    let (code, _, err) = ladders(&[
        "measure", "--memory", "16", "lz76", "--file", &path, "--tokens", "bytes",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("LZ76 of 2000000 symbols would need about")
            && err.contains("memory budget of 16 MiB"),
        "{err}"
    );
    // The same input within the default budget.
    let (code, out, err) = ladders(&["measure", "lz76", "--file", &path, "--tokens", "bytes"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("lz76: "), "{out}");
    // Files that never end are read up to a limit, not to the end.
    let mut table_args = vec!["measure", "bdm2d", "--grid", "--table", "/dev/zero"];
    let grid = dir.path().join("g.txt");
    std::fs::write(&grid, "0101\n1010\n0101\n1010\n").unwrap_or_else(|e| panic!("{e}"));
    let grid = grid.to_string_lossy().into_owned();
    table_args.insert(3, &grid);
    for args in [
        vec!["measure", "lz76", "--file", "/dev/zero"],
        vec!["measure", "bdm2d", "--grid", "/dev/zero"],
        vec!["measure", "bdm1d", "--file", "/dev/zero"],
        vec!["measure", "compress", "--file", "/dev/zero"],
        table_args,
    ] {
        let (code, _, err) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("/dev/zero: larger than the limit of"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn measure_ctm_numbers_have_ranges_memory_and_work_bounds() {
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--steps", "4294967295"], "is not in 1..=1000000"),
        (vec!["--steps", "0"], "is not in 1..=1000000"),
        (vec!["--states", "6"], "is not in 1..=5"),
        (vec!["--dimensions", "3"], "is not in 1..=2"),
        (vec!["--sample", "0"], "is not in 1..=1099511627776"),
        (
            vec!["--states", "2", "--dimensions", "2", "--steps", "65536"],
            "more than the memory budget of 1024 MiB",
        ),
        (
            vec![
                "--states",
                "3",
                "--steps",
                "100000",
                "--max-work",
                "100000000",
            ],
            "passed the work limit of 100000000 steps",
        ),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["measure", "ctm"];
        args.extend(&extra);
        let (code, _, err) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn measure_ctm_never_replaces_a_table_with_an_empty_one() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("table.tsv");
    let good = "2\t00\t3.0\n2\t01\t4.0\n";
    std::fs::write(&out, good).unwrap_or_else(|e| panic!("{e}"));
    let path = out.to_string_lossy().into_owned();
    // One sampled machine that does not halt in one step: no values.
    let (code, _, err) = ladders(&[
        "measure", "ctm", "--states", "5", "--sample", "1", "--steps", "1", "--out", &path,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not written") && err.contains("empty"),
        "{err}"
    );
    let kept = std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(kept, good);
    // A table with values is written and loads again.
    let (code, _, err) = ladders(&["measure", "ctm", "--states", "2", "--out", &path]);
    assert_eq!(code, 0, "{err}");
    let table = CtmTable::load(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(table.known(1) > 0);
    // A folder that does not exist is refused before the machines run.
    let (code, _, err) = ladders(&["measure", "ctm", "--out", "no/such/folder/t.tsv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a folder"), "{err}");
}

#[test]
fn tables_with_repeated_keys_and_inputs_shorter_than_a_block_say_where_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let table = dir.path().join("dup.tsv");
    std::fs::write(&table, "1x1\t0\t2.0\n1x1\t1\t9.0\n2x2\t0000\t3.0\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let table = table.to_string_lossy().into_owned();
    let grid = dir.path().join("g.txt");
    std::fs::write(&grid, "0101\n1010\n").unwrap_or_else(|e| panic!("{e}"));
    let grid = grid.to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["measure", "bdm2d", "--grid", &grid, "--block", "1", "--table", &table],
            format!("{table}:2:5: the key 1 was given on line 1 already"),
        ),
        (
            vec!["measure", "bdm1d", "--text", "0101"],
            "--text: the string has 4 symbols, shorter than the block length 12: pass --block 4 or less or --partition recursive".into(),
        ),
        (
            vec!["measure", "bdm1d", "--text", "0", "--block", "3"],
            "pass --block 1 or less".into(),
        ),
        (
            vec!["measure", "bdm2d", "--grid", &grid, "--block", "3"],
            format!("{grid}: the grid (2×4) is smaller than the block side 3: pass --block 2 or less or --partition recursive"),
        ),
        (
            vec!["measure", "bdm1d", "--text", "0101", "--block", "13"],
            "block size 13 is not available: 1D blocks have lengths 1 to 12".into(),
        ),
    ];
    for (args, expected) in cases {
        let (code, _, err) = ladders(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(&expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    // Shorter partitions do measure it.
    let report = json_of(&[
        "measure",
        "bdm1d",
        "--text",
        "0101",
        "--partition",
        "recursive",
        "--format",
        "json",
    ]);
    assert_eq!(report["occurrences"], 1);
}

#[test]
fn score_reports_every_measure_for_every_plan_of_every_scene() {
    for scene in ["pink_car", "box", "vase", "sushi", "sushi_goal"] {
        let path = format!("scenes/{scene}.ron");
        let report = json_of(&["score", &path, "--format", "json"]);
        let plans = report["plans"].as_array().map_or(&[][..], Vec::as_slice);
        assert!(!plans.is_empty(), "{scene}");
        for plan in plans {
            let measures = &plan["measures"];
            for key in ["lz76", "compress", "bdm"] {
                assert!(measures[key].is_number(), "{scene} {}: {key}", plan["name"]);
            }
            let evidence = &plan["evidence"];
            assert!(evidence["lz76"]["phrases"].is_array());
            assert_eq!(evidence["compress"]["codec"], "deflate-9");
            assert_eq!(evidence["bdm"]["table"], "pybdm ctm-b2-d4x4");
        }
    }
}

/// The corridor (agent, then a box, then two free cells) and the `steps` language.
fn corridor_space_parts() -> (
    ladders_domain::scene::Scene,
    ladders_domain::analysis::Setting,
) {
    let scene = ladders_domain::scene::load(Path::new("tests/data/corridor.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let language = ladders_domain::language::load(Path::new("tests/data/steps.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let setting = ladders_domain::analysis::Setting::new(&scene, language, &[], None)
        .unwrap_or_else(|e| panic!("{e}"));
    (scene, setting)
}

/// The effect of pushing the box `pushes` times east, as the measures key effects.
fn pushed(
    scene: &ladders_domain::scene::Scene,
    setting: &ladders_domain::analysis::Setting,
    pushes: usize,
) -> String {
    let actions = vec![ladders_domain::world::Action::Move(ladders_domain::world::Dir::E); pushes];
    let outcome = ladders_domain::world::Outcome::simulate(
        &scene.world,
        &setting.technologies,
        &scene.goal,
        &actions,
        setting.baseline,
    );
    ladders_domain::measures::effect_text(&scene.world, &outcome.effect)
}

#[test]
fn algorithmic_probability_sums_the_programs_counted_by_hand() {
    let (scene, setting) = corridor_space_parts();
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let limits = ladders_domain::measures::ProgramLimits::default();
    // Up to 7 bits: the empty program (1 bit), 4 one-step programs (4 bits), 16 two-step
    // programs (7 bits). Only steps east push the box.
    let p = space
        .probability(7.0, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.programs, 21);
    assert_eq!(p.effects.len(), 3);
    let nothing = pushed(&scene, &setting, 0);
    let once = pushed(&scene, &setting, 1);
    let twice = pushed(&scene, &setting, 2);
    assert_eq!(nothing, "");
    // Nothing moves: ε, N/S/W, and the 9 two-step programs without E: 1/2 + 3/16 + 9/128.
    let expect = |mass: f64| -mass.log2();
    assert!((p.bits(&nothing).unwrap_or(f64::NAN) - expect(97.0 / 128.0)).abs() < 1e-12);
    // Pushed once: E (1/16), and E with one of N/S/W before or after it (6/128).
    assert!((p.bits(&once).unwrap_or(f64::NAN) - expect(14.0 / 128.0)).abs() < 1e-12);
    assert_eq!(p.programs_of(&once).map(|e| e.count), Some(7));
    // Pushed twice: only E E, 7 bits.
    assert!((p.bits(&twice).unwrap_or(f64::NAN) - 7.0).abs() < 1e-12);
    // Below the bound of the two-step programs, the twice-pushed effect is out of reach.
    let shorter = space
        .probability(6.0, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shorter.programs, 5);
    assert_eq!(shorter.bits(&twice), None);
    // Cancelling stops the enumeration.
    assert!(space.probability(7.0, &limits, &|_| false).is_err());
}

#[test]
fn search_effort_counts_candidates_in_code_length_order() {
    let (scene, setting) = corridor_space_parts();
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let limits = ladders_domain::measures::ProgramLimits::default();
    let search = |pushes: usize, limit: u64| {
        space
            .search(&pushed(&scene, &setting, pushes), limit, &limits, &|_| true)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    // The empty program is the first candidate and already has the empty effect.
    assert_eq!(search(0, 100).candidates, 1);
    // Then step(N) (the same state as the empty program: not a new candidate), step(E).
    let once = search(1, 100);
    assert_eq!(once.candidates, 2);
    assert_eq!(once.found, Some((vec!["step(E)".to_owned()], 4.0)));
    // Then step(E) step(E): the third new state.
    let twice = search(2, 100);
    assert_eq!(twice.candidates, 3);
    assert_eq!(twice.found.as_ref().map(|f| f.1), Some(7.0));
    // A limit below that gives up.
    let capped = search(2, 2);
    assert_eq!(
        (capped.candidates, capped.found, capped.exhausted),
        (2, None, false)
    );
    // The box cannot be pulled back west of its start: the search tries every reachable
    // state once (box at x = 2, 3, 4 with the agent west of it: 1 + 2 + 3) and gives up.
    let west = pushed(&scene, &setting, 1).replace("(3, 1)", "(1, 1)");
    let impossible = space
        .search(&west, 1000, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((impossible.candidates, impossible.found), (6, None));
    assert!(impossible.exhausted, "every candidate was tried");
}

#[test]
fn commodifying_a_technology_makes_its_plan_easy_to_find() {
    let effort = |extra: &[&str]| -> Vec<(String, Value)> {
        let mut args = vec![
            "score",
            "scenes/pink_car.ron",
            "--programs",
            "--search-limit",
            "2000",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let report = json_of(&args);
        report["plans"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap_or_default().to_owned(),
                    p["measures"]["search_effort"].clone(),
                )
            })
            .collect()
    };
    let of = |efforts: &[(String, Value)], plan: &str| -> Option<u64> {
        efforts
            .iter()
            .find(|(name, _)| name == plan)
            .and_then(|(_, v)| v.as_u64())
    };
    let everyday = effort(&[]);
    // Paint is commodified: a search in everyday's order finds it at once.
    assert!(
        of(&everyday, "paint").is_some_and(|c| c <= 20),
        "{everyday:?}"
    );
    // The hologram is not found within 2000 candidates...
    assert_eq!(of(&everyday, "hologram"), None, "{everyday:?}");
    // ...until holography is commodified and `project` becomes a word.
    let commodified = effort(&["--commodify", "holography"]);
    assert!(
        of(&commodified, "hologram").is_some_and(|c| c <= 100),
        "{commodified:?}"
    );
}

#[test]
fn the_words_stream_is_the_language_tokenization() {
    let phrases_of = |language: &str| -> (u64, Vec<String>) {
        let report = json_of(&[
            "score",
            "scenes/pink_car.ron",
            "--stream",
            "words",
            "--language",
            language,
            "--format",
            "json",
        ]);
        let hologram = &report["plans"][2];
        assert_eq!(hologram["name"], "hologram");
        let phrases = hologram["evidence"]["lz76"]["phrases"]
            .as_array()
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|p| p.as_str().map(str::to_owned))
            .collect();
        (
            hologram["measures"]["lz76"].as_f64().unwrap_or(-1.0) as u64,
            phrases,
        )
    };
    // In optics the hologram is one word; in everyday it takes four, each new.
    assert_eq!(
        phrases_of("optics"),
        (1, vec!["project(car, pink)".to_owned()])
    );
    let (count, phrases) = phrases_of("everyday");
    assert_eq!(count, 4);
    assert_eq!(phrases[0], "walk_to(projector)");
}

/// The program space of the pink car in a language file of `tests/data`.
fn pink_car_in(
    language: &str,
) -> (
    ladders_domain::scene::Scene,
    ladders_domain::analysis::Setting,
) {
    let scene = ladders_domain::scene::load(Path::new("scenes/pink_car.ron"))
        .unwrap_or_else(|e| panic!("{e}"));
    let language =
        ladders_domain::language::load(Path::new(language)).unwrap_or_else(|e| panic!("{e}"));
    let setting = ladders_domain::analysis::Setting::new(&scene, language, &[], None)
        .unwrap_or_else(|e| panic!("{e}"));
    (scene, setting)
}

/// Limits of `work` simulated steps within the default memory budget.
fn work_limits(work: u64) -> ladders_domain::measures::ProgramLimits {
    ladders_domain::measures::ProgramLimits {
        work,
        ..ladders_domain::measures::ProgramLimits::default()
    }
}

#[test]
fn a_word_with_eight_direction_parameters_stops_at_the_work_limit() {
    let (scene, setting) = pink_car_in("tests/data/eight_dirs.ron");
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    // One use of the word tries 4^8 = 65,536 bindings of eight moves each: more than
    // the limit, so the search stops inside the first word it expands.
    let search = space
        .search("no such effect", 1_000_000, &work_limits(200_000), &|_| {
            true
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        search.stopped,
        Some(ladders_domain::measures::Stopped::Work)
    );
    assert!(search.found.is_none() && !search.exhausted);
    assert!(
        (200_000..200_000 + 1_000).contains(&search.work),
        "{}",
        search.work
    );
    assert!(search.candidates > 1 && search.candidates < 1_000_000);
    // With the word within the bound, the enumeration stops too, and says so.
    let probability = space
        .probability(20.0, &work_limits(100_000), &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        probability.stopped,
        Some(ladders_domain::measures::Stopped::Work)
    );
    assert!(probability.programs > 1 && probability.programs < 65_537);
    // Within a larger limit every one of the 65,536 programs of the word runs.
    let whole = space
        .probability(20.0, &work_limits(10_000_000), &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(whole.stopped, None);
    assert_eq!(whole.programs, 1 + 65_536);
}

#[test]
fn a_word_with_three_cell_parameters_stops_at_the_work_limit_in_little_memory() {
    let (scene, setting) = pink_car_in("tests/data/three_cells.ron");
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    // 160^3 = 4,096,000 bindings per use, each aiming nothing (no projector north of the
    // agent): the search used to hold them all at once.
    let limits = ladders_domain::measures::ProgramLimits {
        work: 1_000_000,
        memory: ladders_domain::limits::MemoryBudget::from_mib(16),
    };
    let search = space
        .search("no such effect", 5_000, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        search.stopped,
        Some(ladders_domain::measures::Stopped::Work)
    );
    assert!(search.work >= 1_000_000 && search.work < 1_001_000);
    let probability = space
        .probability(30.0, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        probability.stopped,
        Some(ladders_domain::measures::Stopped::Work)
    );
    assert!(probability.programs > 1);
}

#[test]
fn a_search_that_outgrows_the_memory_budget_stops_and_says_so() {
    let (scene, setting) = pink_car_in("assets/languages/physics.ron");
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    // A huge candidate limit and work limit: only the memory budget can stop it.
    let limits = ladders_domain::measures::ProgramLimits {
        work: 1_000_000_000,
        memory: ladders_domain::limits::MemoryBudget::from_mib(1),
    };
    let search = space
        .search("no such effect", 1_000_000_000, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        search.stopped,
        Some(ladders_domain::measures::Stopped::Memory { budget_mib: 1 })
    );
    assert!(search.candidates > 10, "{}", search.candidates);
}

#[test]
fn a_huge_bound_stops_at_the_work_limit_and_the_report_says_so() {
    let report = json_of(&[
        "score",
        "scenes/box.ron",
        "--programs",
        "--bound",
        "64",
        "--search-limit",
        "100",
        "--work-limit",
        "200000",
        "--format",
        "json",
    ]);
    let plans = report["plans"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(!plans.is_empty());
    for plan in plans {
        let evidence = &plan["evidence"]["algorithmic_probability"];
        assert_eq!(evidence["stopped"], "work", "{evidence}");
        assert_eq!(evidence["bound"], 64.0);
        assert!(evidence["work"].as_u64().is_some_and(|w| w >= 200_000));
    }
    let (code, table, err) = ladders(&[
        "score",
        "scenes/box.ron",
        "--programs",
        "--bound",
        "64",
        "--work-limit",
        "200000",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("alg_prob: enumeration stopped after ")
            && table.contains("simulated steps (the work limit)"),
        "{table}"
    );
    // The effect of doing nothing has programs among those run: an upper bound.
    assert!(table.contains('≤'), "{table}");
}

#[test]
fn a_huge_search_limit_stops_at_the_work_limit_and_the_report_says_so() {
    let report = json_of(&[
        "score",
        "scenes/pink_car.ron",
        "--programs",
        "--bound",
        "8",
        "--search-limit",
        "1000000000",
        "--work-limit",
        "2000000",
        "--format",
        "json",
    ]);
    let search_of = |name: &str| {
        report["plans"]
            .as_array()
            .and_then(|plans| plans.iter().find(|p| p["name"] == name))
            .map(|p| p["evidence"]["search_effort"].clone())
            .unwrap_or_default()
    };
    // The hologram is not found within its share of the work (2,000,000 / 5 plans).
    let hologram = search_of("hologram");
    assert_eq!(hologram["stopped"], "work", "{hologram}");
    assert_eq!(hologram["found"], Value::Null);
    assert!(hologram["work"].as_u64().is_some_and(|w| w >= 400_000));
    assert!(
        hologram["candidates"]
            .as_u64()
            .is_some_and(|c| c < 1_000_000_000)
    );
    // Paint is found at once, as without the limit.
    assert_eq!(search_of("paint")["candidates"], 11);
    assert_eq!(search_of("paint")["stopped"], Value::Null);
}

#[test]
fn program_options_out_of_range_are_refused_and_the_bound_prints_as_given() {
    for bad in [
        &["--bound", "0"][..],
        &["--bound", "-1"],
        &["--bound", "NaN"],
        &["--bound", "inf"],
        &["--bound", "64.5"],
        &["--search-limit", "0"],
        &["--search-limit", "1000000001"],
        &["--work-limit", "0"],
        &["--work-limit", "100000000001"],
    ] {
        let mut args = vec!["score", "scenes/box.ron", "--programs"];
        args.extend_from_slice(bad);
        let (code, _, err) = ladders(&args);
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert!(err.contains(bad[0]), "{bad:?}: {err}");
    }
    let (code, table, err) = ladders(&["score", "scenes/box.ron", "--programs", "--bound", "0.5"]);
    assert_eq!(code, 0, "{err}");
    // Nothing fits in half a bit: every plan's effect is beyond the bound, as given.
    assert!(table.contains(">0.5"), "{table}");
    assert!(!table.contains(">0 ") && !table.contains(">1 "), "{table}");
}

#[test]
fn an_enumeration_whose_effects_outgrow_the_memory_budget_stops_and_says_so() {
    let (scene, setting) = pink_car_in("assets/languages/physics.ron");
    let space = ladders_domain::measures::ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    // Up to 40 bits, `repeat` runs words thousands of times (each program of n steps
    // needs n inaction baselines) and condensing droplets makes new effects: more than
    // the quarter of 1 MiB the tables may take.
    let limits = ladders_domain::measures::ProgramLimits {
        work: 1_000_000_000,
        memory: ladders_domain::limits::MemoryBudget::from_mib(1),
    };
    let probability = space
        .probability(40.0, &limits, &|_| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        probability.stopped,
        Some(ladders_domain::measures::Stopped::Memory { budget_mib: 1 })
    );
    assert!(probability.programs > 1 && !probability.effects.is_empty());
    assert!(probability.work < 1_000_000_000);
}
