use super::*;
use std::sync::atomic::{AtomicUsize, Ordering};

fn all(dimensions: Dimensions, states: u8, max_steps: u32) -> OutputCounts {
    let formalism = Formalism {
        dimensions,
        states,
        max_steps,
        sample: None,
    };
    run_machines(&formalism, &|_| true).unwrap()
}

fn one(text: &str) -> Output {
    Output {
        rows: 1,
        cols: text.len() as u8,
        bits: u64::from_str_radix(text, 2).unwrap(),
    }
}

fn table(dimensions: Dimensions, states: u8, index: u128) -> Vec<Transition> {
    machine_digits(dimensions, states, index)
        .into_iter()
        .map(|c| Transition::decode(c, moves(dimensions)))
        .collect()
}

/// A transition as in the busy beaver literature: "1RB" = write 1, move right, go to
/// state B; "1-H" = write 1 and halt.
fn tr(text: &str) -> Transition {
    let b = text.as_bytes();
    let next = if b[2] == b'H' { HALT } else { b[2] - b'A' };
    let dir = match b[1] {
        b'L' | b'N' | b'-' => 0,
        b'R' | b'E' => 1,
        b'S' => 2,
        _ => 3,
    };
    Transition {
        write: b[0] - b'0',
        dir,
        next,
    }
}

/// The reference: a plain simulation on a hash-map tape, no reductions or early
/// stops. `Some((steps, output))` if it halts.
fn plain_run(
    dimensions: Dimensions,
    table: &[Transition],
    max_steps: u32,
) -> Option<(u32, Option<Output>)> {
    let mut tape: HashMap<(i64, i64), u8> = HashMap::new();
    let (mut x, mut y, mut state) = (0i64, 0i64, 0usize);
    let (mut x0, mut x1, mut y0, mut y1) = (0, 0, 0, 0);
    for step in 1..=max_steps {
        let cell = tape.entry((x, y)).or_insert(0);
        let t = table[2 * state + usize::from(*cell)];
        *cell = t.write;
        if t.halts() {
            let (rows, cols) = (y1 - y0 + 1, x1 - x0 + 1);
            if rows * cols > 64 {
                return Some((step, None));
            }
            let mut bits = 0;
            for yy in y0..=y1 {
                for xx in x0..=x1 {
                    bits = (bits << 1) | u64::from(*tape.get(&(xx, yy)).unwrap_or(&0));
                }
            }
            let output = Output {
                rows: rows as u8,
                cols: cols as u8,
                bits,
            };
            return Some((step, Some(output)));
        }
        state = usize::from(t.next);
        match (dimensions, t.dir) {
            (Dimensions::One, 0) => x -= 1,
            (Dimensions::One, _) => x += 1,
            (Dimensions::Two, 0) => y -= 1,
            (Dimensions::Two, 1) => x += 1,
            (Dimensions::Two, 2) => y += 1,
            (Dimensions::Two, _) => x -= 1,
        }
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    None
}

/// Every machine of the space run plainly.
fn plain(dimensions: Dimensions, states: u8, max_steps: u32) -> OutputCounts {
    let count = machine_count(dimensions, states);
    let mut result = OutputCounts {
        machines: count as u64,
        ..OutputCounts::default()
    };
    for index in 0..count {
        if let Some((steps, output)) =
            plain_run(dimensions, &table(dimensions, states, index), max_steps)
        {
            result.halted += 1;
            result.longest_halt = result.longest_halt.max(steps);
            match output {
                Some(o) => *result.counts.entry(o).or_insert(0) += 1,
                None => result.too_large += 1,
            }
        }
    }
    result
}

fn outcome(plain: Option<(u32, Option<Output>)>) -> Outcome {
    plain.map_or(Outcome::Running, |(steps, output)| Outcome::Halted {
        steps,
        output,
    })
}

#[test]
fn machine_counts() {
    assert_eq!(machine_count(Dimensions::One, 0), 0);
    assert_eq!(machine_count(Dimensions::One, 1), 36);
    assert_eq!(machine_count(Dimensions::One, 2), 10_000);
    assert_eq!(machine_count(Dimensions::One, 3), 7_529_536);
    assert_eq!(machine_count(Dimensions::One, 4), 11_019_960_576);
    assert_eq!(machine_count(Dimensions::One, 5), 26_559_922_791_424);
    assert_eq!(machine_count(Dimensions::Two, 1), 100);
    assert_eq!(machine_count(Dimensions::Two, 2), 104_976);
    assert_eq!(machine_count(Dimensions::Two, 3), 308_915_776);
    assert_eq!(machine_count(Dimensions::Two, 4), 1_785_793_904_896);
    assert_eq!(machine_count(Dimensions::Two, 255), u128::MAX);
}

#[test]
fn transitions_and_machine_numbers_decode_as_documented() {
    // 1D, 2 states: K = 10. 0, 1 halt; then (next, dir, write) in order.
    let m = moves(Dimensions::One);
    assert_eq!(Transition::decode(0, m), tr("0-H"));
    assert_eq!(Transition::decode(1, m), tr("1-H"));
    assert_eq!(Transition::decode(2, m), tr("0LA"));
    assert_eq!(Transition::decode(5, m), tr("1RA"));
    assert_eq!(Transition::decode(8, m), tr("0RB"));
    assert_eq!(Transition::decode(9, m), tr("1RB"));
    assert_eq!(code(1, 1, 0, m), 8);
    // 2D, 1 state: K = 10, codes 2..10 are (dir, write) for N, E, S, W.
    let m = moves(Dimensions::Two);
    assert_eq!(Transition::decode(4, m), tr("0EA"));
    assert_eq!(Transition::decode(9, m), tr("1WA"));
    // Digit 0 (state 0 reading 0) is the most significant.
    assert_eq!(machine_digits(Dimensions::One, 2, 0), vec![0, 0, 0, 0]);
    assert_eq!(machine_digits(Dimensions::One, 2, 1234), vec![1, 2, 3, 4]);
    assert_eq!(machine_digits(Dimensions::One, 2, 9999), vec![9, 9, 9, 9]);
    // The odometer agrees with decoding afresh, across carries.
    let mut machine = Machine::new(Dimensions::Two, 2);
    machine.set_index(1000);
    for index in 1000..1400 {
        assert_eq!(machine.table, table(Dimensions::Two, 2, index));
        machine.increment();
    }
}

#[test]
fn one_state_1d_by_hand() {
    // 36 machines: (transition reading 0, transition reading 1), 6 choices each.
    // Reading 0 first: if that transition halts (0-H or 1-H), the machine halts in
    // one step with output "0" or "1", whatever it does on 1: 2 × 6 = 12 machines.
    // Otherwise it moves to a fresh 0 in the same (only) state and repeats forever:
    // the other 24 never halt.
    let counts = all(Dimensions::One, 1, 100);
    assert_eq!(counts.machines, 36);
    assert_eq!(counts.halted, 12);
    assert_eq!(counts.too_large, 0);
    assert_eq!(counts.longest_halt, 1);
    assert_eq!(counts.counts, HashMap::from([(one("0"), 6), (one("1"), 6)]));
    for index in 0..36 {
        let expected = match index / 6 {
            0 => Outcome::Halted {
                steps: 1,
                output: Some(one("0")),
            },
            1 => Outcome::Halted {
                steps: 1,
                output: Some(one("1")),
            },
            _ => Outcome::Running,
        };
        let mut scratch = Scratch::new(Dimensions::One, 1);
        assert_eq!(
            scratch.run(&table(Dimensions::One, 1, index), 100),
            expected,
            "{index}"
        );
    }
    // One step is enough; none is too few.
    assert_eq!(all(Dimensions::One, 1, 1).counts, counts.counts);
    assert_eq!(all(Dimensions::One, 1, 0).halted, 0);
    assert!(all(Dimensions::One, 1, 0).counts.is_empty());
    // Complements merge: "0" gets probability 12/24 = 1/2 per string, one bit.
    assert_eq!(ctm_bits(&counts), vec![(one("0"), 1.0)]);
}

#[test]
fn one_state_2d_by_hand() {
    // 100 machines, 10 transitions per symbol: the same argument as in 1D, with four
    // directions: 2 × 10 halt at once with a 1×1 output, 80 walk off forever.
    let counts = all(Dimensions::Two, 1, 100);
    assert_eq!(counts.machines, 100);
    assert_eq!(counts.halted, 20);
    assert_eq!(
        counts.counts,
        HashMap::from([(one("0"), 10), (one("1"), 10)])
    );
    assert_eq!(counts, plain(Dimensions::Two, 1, 100));
}

#[test]
fn busy_beavers_run_as_known() {
    let mut scratch = Scratch::new(Dimensions::One, 2);
    // The 2-state busy beaver: four 1s in 6 steps (the halting step included).
    let bb2 = [tr("1RB"), tr("1LB"), tr("1LA"), tr("1-H")];
    assert_eq!(
        scratch.run(&bb2, 100),
        Outcome::Halted {
            steps: 6,
            output: Some(one("1111"))
        }
    );
    // Five steps are not enough.
    assert_eq!(scratch.run(&bb2, 5), Outcome::Running);
    // The 3-state busy beaver for steps: S(3) = 21 steps, leaving five 1s.
    let mut scratch = Scratch::new(Dimensions::One, 3);
    let s3 = [
        tr("1RB"),
        tr("1-H"),
        tr("1LB"),
        tr("0RC"),
        tr("1LC"),
        tr("1LA"),
    ];
    let Outcome::Halted {
        steps,
        output: Some(output),
    } = scratch.run(&s3, 100)
    else {
        panic!("the S(3) champion did not halt");
    };
    assert_eq!((steps, output.bits.count_ones()), (21, 5));
    assert_eq!(scratch.run(&s3, 20), Outcome::Running);
}

#[test]
fn two_states_1d() {
    let counts = all(Dimensions::One, 2, 100);
    assert_eq!(counts.machines, 10_000);
    // No 2-state machine that halts runs longer than the busy beaver (S(2) = 6) or
    // writes more than its four 1s (Σ(2) = 4).
    assert_eq!(counts.longest_halt, 6);
    assert_eq!(
        counts.counts.keys().map(|o| o.bits.count_ones()).max(),
        Some(4)
    );
    // Of 10 000 machines, 2 000 halt at once (first transition halts) and 4 000
    // never halt (the first transition moves and stays in state 0). Of the 4 000
    // that move to state 1 first, 1 044 halt: a quarter, plausible as only 2 of the
    // 10 transitions halt and a machine must reach one before looping.
    assert_eq!(counts.halted, 3_044);
    assert_eq!(counts.counts[&one("0")], 1_000);
    assert_eq!(counts.counts[&one("1")], 1_000);
    // A blank tape of 0s breaks the 0/1 symmetry a little ("00" 264, "11" 244);
    // pooled, each of "00" and "11" gets (264 + 244) / (2 · 3 044) = 0.0834.
    assert_eq!(counts.counts[&one("00")], 264);
    assert_eq!(counts.counts[&one("11")], 244);
    assert_eq!(counts.counts[&one("01")], 254);
    assert_eq!(counts.counts[&one("10")], 254);
    assert_eq!(counts.counts.len(), 17);
    // The count does not change from S(2) steps on.
    assert_eq!(all(Dimensions::One, 2, 6), counts);
    assert_ne!(all(Dimensions::One, 2, 5).halted, counts.halted);
}

#[test]
fn three_states_1d() {
    let counts = all(Dimensions::One, 3, 100);
    assert_eq!(counts.machines, 7_529_536);
    assert_eq!(counts.halted, 2_147_184);
    // The busy beaver values: S(3) = 21 steps, Σ(3) = six 1s.
    assert_eq!(counts.longest_halt, 21);
    assert_eq!(
        counts.counts.keys().map(|o| o.bits.count_ones()).max(),
        Some(6)
    );
    // Nothing halts after S(3) steps, so a longer cut-off changes nothing.
    assert_eq!(all(Dimensions::One, 3, 21), counts);
    let values = ctm_bits(&counts);
    let value = |text: &str| {
        values
            .iter()
            .find(|(o, _)| *o == one(text))
            .map(|&(_, v)| v)
    };
    assert!(value("0") < value("00") && value("00") < value("000"));
}

#[test]
fn two_dimensional_small_spaces() {
    let two = all(Dimensions::Two, 2, 100);
    assert_eq!(
        (two.machines, two.halted, two.longest_halt),
        (104_976, 17_688, 6)
    );
    // A 1×2 output and its 2×1 rotation come from equally many machines.
    let vertical = Output {
        rows: 2,
        cols: 1,
        bits: 0b01,
    };
    assert_eq!(two.counts[&one("01")], two.counts[&vertical]);
    assert_eq!(all(Dimensions::Two, 2, 6), two);
}

#[test]
fn sampled_machines_run_as_plainly() {
    // Larger spaces can't be checked whole in a test: check single machines.
    for (dimensions, states) in [
        (Dimensions::One, 3),
        (Dimensions::Two, 3),
        (Dimensions::One, 4),
    ] {
        let mut machine = Machine::new(dimensions, states);
        let mut scratch = Scratch::new(dimensions, states);
        for i in 0..20_000 {
            machine.set_sample(i);
            assert_eq!(
                scratch.run(&machine.table, 200),
                outcome(plain_run(dimensions, &machine.table, 200)),
                "{dimensions:?} {states} sample {i}"
            );
        }
    }
}

#[test]
fn reductions_give_the_plain_counts() {
    for (dimensions, states, max_steps) in [
        (Dimensions::One, 1, 10),
        (Dimensions::One, 2, 3),
        (Dimensions::One, 2, 100),
        (Dimensions::Two, 1, 10),
        (Dimensions::Two, 2, 4),
        (Dimensions::Two, 2, 30),
    ] {
        assert_eq!(
            all(dimensions, states, max_steps),
            plain(dimensions, states, max_steps),
            "{dimensions:?} {states} {max_steps}"
        );
    }
}

#[test]
fn every_machine_runs_as_plainly_even_on_a_growing_tape() {
    for (dimensions, states, max_steps) in [(Dimensions::One, 2, 40), (Dimensions::Two, 2, 40)] {
        let mut scratch = Scratch::new(dimensions, states);
        // Tiny buffers, so growth happens constantly.
        match dimensions {
            Dimensions::One => scratch.cells = vec![0; 3],
            Dimensions::Two => (scratch.cells, scratch.side) = (vec![0; 9], 3),
        }
        for index in 0..machine_count(dimensions, states) {
            let t = table(dimensions, states, index);
            assert_eq!(
                scratch.run(&t, max_steps),
                outcome(plain_run(dimensions, &t, max_steps)),
                "{dimensions:?} machine {index}"
            );
        }
        assert!(scratch.cells.iter().all(|&c| c == 0));
    }
}

#[test]
fn ctm_prefers_short_simple_outputs() {
    let counts = all(Dimensions::One, 2, 100);
    let values = ctm_bits(&counts);
    let value = |text: &str| {
        values
            .iter()
            .find(|(o, _)| *o == one(text))
            .map(|&(_, v)| v)
    };
    let zero = value("0").unwrap();
    for &(output, bits) in &values {
        // Keys are normalised: first cell 0.
        assert_eq!(output, output.normalised());
        if output.cols > 1 {
            assert!(zero < bits, "{output} {bits}");
        }
    }
    assert!(value("00").unwrap() < value("0101").unwrap_or(f64::INFINITY));
    // Both members of every key: total probability 1, as nothing was too large.
    let total: f64 = values.iter().map(|&(_, v)| 2.0 * (-v).exp2()).sum();
    assert!((total - 1.0).abs() < 1e-12, "{total}");
    let sorted = values.windows(2).all(|w| w[0].0 < w[1].0);
    assert!(sorted);
    assert!(ctm_bits(&OutputCounts::default()).is_empty());
}

#[test]
fn the_work_limit_stops_a_run_and_says_so() {
    let formalism = Formalism {
        dimensions: Dimensions::One,
        states: 3,
        max_steps: 10_000,
        sample: None,
    };
    assert_eq!(
        run_machines_within(&formalism, 1_000_000, &|_| true),
        Err(Stopped::WorkLimit { limit: 1_000_000 })
    );
    // Within the limit, the same counts as without one.
    let small = Formalism {
        max_steps: 50,
        ..formalism
    };
    assert_eq!(
        run_machines_within(&small, u64::MAX / 2, &|_| true).ok(),
        run_machines(&small, &|_| true).ok()
    );
}

#[test]
fn cancelling_stops_the_run() {
    let formalism = Formalism {
        dimensions: Dimensions::One,
        states: 3,
        max_steps: 100,
        sample: None,
    };
    assert_eq!(run_machines(&formalism, &|_| false), Err(Cancelled));
    // Cancel partway: after a few progress reports.
    let calls = AtomicUsize::new(0);
    let fractions = std::sync::Mutex::new(Vec::new());
    let result = run_machines(&formalism, &|f| {
        fractions.lock().unwrap().push(f);
        calls.fetch_add(1, Ordering::Relaxed) < 3
    });
    assert_eq!(result, Err(Cancelled));
    let fractions = fractions.into_inner().unwrap();
    assert!(
        fractions.iter().all(|f| (0.0..0.5).contains(f)),
        "{fractions:?}"
    );
    assert_eq!(Cancelled.to_string(), "cancelled");
    // A complete run reports reaching 1.
    let last = std::sync::Mutex::new(0.0);
    let small = Formalism {
        states: 2,
        ..formalism
    };
    run_machines(&small, &|f| {
        let mut last = last.lock().unwrap();
        *last = f64::max(*last, f);
        true
    })
    .unwrap();
    assert_eq!(*last.lock().unwrap(), 1.0);
}

#[test]
fn sampling_is_reproducible_and_estimates_frequencies() {
    let exact = all(Dimensions::One, 2, 100);
    let formalism = Formalism {
        dimensions: Dimensions::One,
        states: 2,
        max_steps: 100,
        sample: Some(50_000),
    };
    let sampled = run_machines(&formalism, &|_| true).unwrap();
    assert_eq!(sampled.machines, 50_000);
    assert_eq!(run_machines(&formalism, &|_| true).unwrap(), sampled);
    let fraction = |c: &OutputCounts| c.halted as f64 / c.machines as f64;
    assert!((fraction(&sampled) - fraction(&exact)).abs() < 0.01);
    assert!(sampled.counts.keys().all(|o| exact.counts.contains_key(o)));
    // Spaces far too large to enumerate.
    let big = Formalism {
        dimensions: Dimensions::Two,
        states: 20,
        max_steps: 200,
        sample: Some(1_000),
    };
    let counts = run_machines(&big, &|_| true).unwrap();
    assert_eq!(counts.machines, 1_000);
    assert!(counts.halted >= counts.counts.values().sum::<u64>());
    // Zero states: no machines.
    let none = Formalism { states: 0, ..big };
    assert_eq!(
        run_machines(&none, &|_| true).unwrap(),
        OutputCounts::default()
    );
}

#[test]
fn sampled_numbers_are_uniform() {
    let mut rng = SplitMix64(mix(SEED));
    let mut histogram = [0u32; 7];
    for _ in 0..70_000 {
        histogram[rng.below(7) as usize] += 1;
    }
    assert!(
        histogram.iter().all(|&h| (9_500..10_500).contains(&h)),
        "{histogram:?}"
    );
}

#[test]
fn outputs_mirror_and_rotate() {
    assert_eq!(one("0011").mirrored(), one("1100"));
    assert_eq!(one("1").mirrored(), one("1"));
    // 2×3 "110/001" turned clockwise: 3×2 "01/01/10".
    let block = Output {
        rows: 2,
        cols: 3,
        bits: 0b110_001,
    };
    assert_eq!(
        block.rotated(),
        Output {
            rows: 3,
            cols: 2,
            bits: 0b01_01_10
        }
    );
    assert_eq!(block.rotated().rotated().rotated().rotated(), block);
    assert_eq!(block.to_string(), "110/001");
    assert_eq!(block.normalised().to_string(), "001/110");
}

/// The reductions at 3 states, against the plain run of all 7.5 million machines
/// (seconds in a release build).
#[test]
#[ignore]
fn reductions_give_the_plain_counts_at_three_states() {
    assert_eq!(all(Dimensions::One, 3, 30), plain(Dimensions::One, 3, 30));
}

/// All 11 billion 4-state 1D machines, cut off at S(4) = 107 steps so the counts
/// are exact (about half a minute on two cores in a release build).
#[test]
#[ignore]
fn four_states_1d_complete() {
    let counts = all(Dimensions::One, 4, 107);
    assert_eq!(counts.machines, 11_019_960_576);
    assert_eq!(counts.halted, 2_985_384_480);
    assert_eq!(counts.longest_halt, 107);
    // Σ(4) = thirteen 1s.
    assert_eq!(
        counts.counts.keys().map(|o| o.bits.count_ones()).max(),
        Some(13)
    );
}

/// Sizes and timings of the larger enumerations, in a release build:
/// `cargo test --release --lib complexity::turing -- --ignored --nocapture`.
#[test]
#[ignore]
fn timings() {
    for (dimensions, states, max_steps, sample) in [
        (Dimensions::One, 2, 100, None),
        (Dimensions::One, 3, 100, None),
        (Dimensions::One, 3, 500, None),
        (Dimensions::Two, 2, 500, None),
        (Dimensions::One, 4, 500, Some(10_000_000)),
        (Dimensions::Two, 3, 500, None),
    ] {
        let formalism = Formalism {
            dimensions,
            states,
            max_steps,
            sample,
        };
        let start = std::time::Instant::now();
        let counts = run_machines(&formalism, &|_| true).unwrap();
        let elapsed = start.elapsed();
        eprintln!(
            "{dimensions:?} n={states} max_steps={max_steps} sample={sample:?}: {} machines, {} halted, {} too large, longest halt {}, {} outputs, {:.2?}",
            counts.machines,
            counts.halted,
            counts.too_large,
            counts.longest_halt,
            counts.counts.len(),
            elapsed
        );
        let mut values = ctm_bits(&counts);
        values.sort_by(|a, b| a.1.total_cmp(&b.1));
        for (output, bits) in values.iter().take(10) {
            eprintln!("    {output}\t{bits:.4}");
        }
    }
}
