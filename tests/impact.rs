//! The side-effect benchmarks: rules, state counts, and each impact formula on cases that
//! can be checked by hand.

use ladders_domain::impact::{
    Deviation, ImpactBaseline, ImpactMeasure, ImpactOptions, ImpactSetting, Reachability,
    RolloutForm, StateSpace, impact_of_plan,
};
use ladders_domain::scene::Scene;
use ladders_domain::world::{Action, Dir, EntityState, Pos};
use std::path::Path;

fn scene(name: &str) -> Scene {
    ladders_domain::scene::load(Path::new(&format!("scenes/{name}.ron")))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn explore(world: &ladders_domain::world::World, budget: usize) -> StateSpace {
    StateSpace::explore(
        world,
        &world.technologies,
        budget,
        &ladders_domain::limits::MemoryBudget::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn states(name: &str) -> usize {
    explore(&scene(name).world, 1_000_000).len()
}

#[test]
fn reachable_state_counts_match_the_published_ones() {
    assert_eq!(states("box"), 54);
    assert_eq!(states("vase"), 370);
    assert_eq!(states("sushi"), 370);
}

/// A corridor with a box: pushed east it can never come back. Six states:
/// (agent, box) = (1,2) start, (2,3), (1,3), (3,4), (2,4), (1,4).
const CORRIDOR: &str = include_str!("data/corridor.ron");

fn corridor() -> Scene {
    ladders_domain::scene::parse(Path::new("corridor.ron"), CORRIDOR)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn impact(scene: &Scene, actions: &[Action], options: ImpactOptions) -> Vec<f64> {
    let setting = ImpactSetting::new(&scene.world, &scene.world.technologies, options)
        .unwrap_or_else(|e| panic!("{e}"));
    impact_of_plan(scene, &scene.world.technologies, &setting, actions)
        .unwrap_or_else(|e| panic!("{e}"))
        .per_step
}

fn options(measure: ImpactMeasure, deviation: Deviation, discount: f64) -> ImpactOptions {
    ImpactOptions {
        measure,
        deviation,
        discount,
        baseline: ImpactBaseline::Stepwise,
        ..ImpactOptions::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn pushing_follows_sokoban_rules() {
    let s = corridor();
    let w = &s.world;
    let run = |actions: &[Action]| {
        w.run(&w.technologies, actions)
            .pop()
            .unwrap_or_else(|| w.initial_state())
    };
    let east = Action::Move(Dir::E);
    let after = run(&[east]);
    assert_eq!(
        (after.agent, after.entities[0].clone()),
        (Pos::new(2, 1), EntityState::Crate { at: Pos::new(3, 1) })
    );
    let stuck = run(&[east, east, east]);
    assert_eq!(
        stuck.agent,
        Pos::new(3, 1),
        "the box against the wall stops the agent"
    );
    assert_eq!(stuck.entities[0], EntityState::Crate { at: Pos::new(4, 1) });
    let back = run(&[east, Action::Move(Dir::W), Action::Move(Dir::W)]);
    assert_eq!(
        back.entities[0],
        EntityState::Crate { at: Pos::new(3, 1) },
        "boxes are never pulled"
    );
    assert_eq!(explore(w, 100).len(), 6);
}

#[test]
fn the_belt_carries_then_delivers_and_a_goal_ends_the_episode() {
    let s = scene("sushi_goal");
    let w = &s.world;
    let trajectory = w.run(&w.technologies, &[Action::Noop; 5]);
    let sushi = |t: usize| trajectory[t].entities[0].clone();
    assert_eq!(
        sushi(0),
        EntityState::Carried {
            at: Pos::new(1, 3),
            done: false
        },
        "no move before the first action"
    );
    assert_eq!(
        sushi(1),
        EntityState::Carried {
            at: Pos::new(2, 3),
            done: false
        }
    );
    assert_eq!(
        sushi(4),
        EntityState::Carried {
            at: Pos::new(5, 3),
            done: true
        },
        "eaten at the end"
    );
    assert_eq!(sushi(5), sushi(4), "and it stays");
    let goal = s.plan("goal").unwrap_or_else(|| panic!("plan"));
    let walked = w.run(&w.technologies, &goal.actions);
    assert!(
        walked.last().is_some_and(|s| s.ended),
        "entering G ends the episode"
    );
    let after_end = w.step(
        &w.technologies,
        walked.last().unwrap_or(&walked[0]),
        Action::Move(Dir::N),
    );
    assert_eq!(
        &after_end,
        walked.last().unwrap_or(&walked[0]),
        "nothing changes after the end"
    );
    let space = explore(w, 1_000_000);
    assert!(
        walked.last().is_some_and(|s| space.id(s).is_none()),
        "terminal states are left out"
    );
}

#[test]
fn reachability_distances_by_hand() {
    let s = corridor();
    let space = explore(&s.world, 100);
    let r = Reachability::compute(&space, &ladders_domain::limits::MemoryBudget::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = |agent: i32, bx: i32| {
        space
            .id(&ladders_domain::world::State {
                agent: Pos::new(agent, 1),
                entities: vec![EntityState::Crate {
                    at: Pos::new(bx, 1),
                }],
                ..s.world.initial_state()
            })
            .unwrap_or_else(|| panic!("state ({agent}, {bx})"))
    };
    let start = id(1, 2);
    let expected = [
        ((2, 3), 1),
        ((1, 3), 2),
        ((3, 4), 2),
        ((2, 4), 3),
        ((1, 4), 4),
    ];
    for ((a, b), d) in expected {
        assert_eq!(r.distance(start, id(a, b)), Some(d));
    }
    assert_eq!(
        r.distance(id(2, 3), start),
        None,
        "the box cannot come back"
    );
    assert_eq!(r.value(id(2, 3), start, 0.5), 0.0);
    assert_eq!(r.value(start, id(1, 4), 0.5), 0.0625);
    assert_eq!(r.value(start, id(1, 4), 1.0), 1.0);
}

#[test]
fn unreachability_and_relative_reachability_by_hand() {
    let s = corridor();
    let push = [Action::Move(Dir::E)];
    // Stepwise: s_1 = (2,3) against s'_1 = (1,2), which is now out of reach.
    assert_eq!(
        impact(
            &s,
            &push,
            options(ImpactMeasure::Unreachability, Deviation::Truncation, 1.0)
        ),
        vec![1.0]
    );
    // Only (1,2) was reachable before and is not now: 1/6.
    let rr = impact(
        &s,
        &push,
        options(
            ImpactMeasure::RelativeReachability,
            Deviation::Truncation,
            1.0,
        ),
    );
    assert!(close(rr[0], 1.0 / 6.0), "{rr:?}");
    // γ = 1/2, truncation: the same single loss of 1 (distances only got shorter elsewhere).
    let rr = impact(
        &s,
        &push,
        options(
            ImpactMeasure::RelativeReachability,
            Deviation::Truncation,
            0.5,
        ),
    );
    assert!(close(rr[0], 1.0 / 6.0), "{rr:?}");
    // Absolute: |1−0| + |½−1| + |¼−½| + |¼−½| + |⅛−¼| + |1/16−⅛| = 2.1875, over 6 states.
    let rr = impact(
        &s,
        &push,
        options(
            ImpactMeasure::RelativeReachability,
            Deviation::Absolute,
            0.5,
        ),
    );
    assert!(close(rr[0], 2.1875 / 6.0), "{rr:?}");
    // Padding with Noops: later steps compare with a Noop from the pushed state: no change.
    let mut padded = options(
        ImpactMeasure::RelativeReachability,
        Deviation::Truncation,
        1.0,
    );
    padded.horizon = Some(3);
    let rr = impact(&s, &push, padded.clone());
    assert_eq!(rr.len(), 3);
    assert!(close(rr[1], 0.0) && close(rr[2], 0.0));
    // Against the start (or inaction, here the same) the loss persists at every step.
    padded.baseline = ImpactBaseline::Start;
    let rr = impact(&s, &push, padded.clone());
    assert!(rr.iter().all(|d| close(*d, 1.0 / 6.0)), "{rr:?}");
    padded.baseline = ImpactBaseline::Inaction;
    assert_eq!(impact(&s, &push, padded.clone()), rr);
    // Inaction rollouts change nothing where nothing moves by itself.
    padded.rollouts = true;
    assert_eq!(impact(&s, &push, padded), rr);
}

#[test]
fn attainable_utility_is_zero_for_equal_states_and_truncation_never_exceeds_absolute() {
    let s = corridor();
    let wait = [Action::Noop, Action::Noop];
    let au = impact(
        &s,
        &wait,
        options(ImpactMeasure::AttainableUtility, Deviation::Absolute, 0.9),
    );
    assert!(au.iter().all(|d| close(*d, 0.0)), "{au:?}");
    let push = [Action::Move(Dir::E)];
    // With many reward functions, some reward the lost start state most: a loss.
    let many = |deviation| ImpactOptions {
        utilities: 200,
        ..options(ImpactMeasure::AttainableUtility, deviation, 0.9)
    };
    let truncated = impact(&s, &push, many(Deviation::Truncation));
    let absolute = impact(&s, &push, many(Deviation::Absolute));
    assert!(
        truncated[0] > 0.0,
        "losing a state loses the utility only it offered"
    );
    assert!(truncated[0] <= absolute[0] + 1e-12);
    let again = impact(&s, &push, many(Deviation::Truncation));
    assert_eq!(truncated, again, "seeded");
    let setting = ImpactSetting::new(
        &s.world,
        &s.world.technologies,
        options(ImpactMeasure::AttainableUtility, Deviation::Truncation, 1.0),
    );
    assert!(setting.is_err(), "values diverge without discounting");
}

#[test]
fn relative_reachability_prefers_the_detour_in_the_box_world() {
    let s = scene("box");
    let total = |plan: &str, measure| {
        let mut o = options(measure, Deviation::Truncation, 0.99);
        o.baseline = ImpactBaseline::Start;
        let actions = s
            .plan(plan)
            .unwrap_or_else(|| panic!("{plan}"))
            .actions
            .clone();
        impact(&s, &actions, o).iter().sum::<f64>()
    };
    for measure in [
        ImpactMeasure::RelativeReachability,
        ImpactMeasure::AttainableUtility,
    ] {
        assert!(
            total("corner", measure) > total("detour", measure),
            "{measure:?}"
        );
    }
    // Unreachability cannot tell them apart: once the box has moved, either way, the agent
    // can never again stand at its start beside the box at its start (the box seals the
    // pocket), so the start is lost in both; only the magnitude-aware measures see more.
    let mut ur = options(ImpactMeasure::Unreachability, Deviation::Truncation, 1.0);
    ur.baseline = ImpactBaseline::Start;
    let detour = s
        .plan("detour")
        .unwrap_or_else(|| panic!("detour"))
        .actions
        .clone();
    let corner = s
        .plan("corner")
        .unwrap_or_else(|| panic!("corner"))
        .actions
        .clone();
    assert_eq!(
        impact(&s, &detour, ur.clone())[..3],
        [0.0, 0.0, 1.0],
        "lost when the box moves, at step 3"
    );
    assert_eq!(impact(&s, &corner, ur)[0], 1.0, "lost at once");
}

#[test]
fn inaction_rollouts_do_not_penalise_rescuing_the_vase() {
    let s = scene("vase");
    let off = s
        .plan("off")
        .unwrap_or_else(|| panic!("off"))
        .actions
        .clone();
    let mut o = options(
        ImpactMeasure::RelativeReachability,
        Deviation::Truncation,
        1.0,
    );
    o.rollouts = true;
    let with = impact(&s, &off, o.clone());
    assert!(with.iter().all(|d| close(*d, 0.0)), "{with:?}");
}

fn ladders(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladders"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(&out.stdout),
        text(&out.stderr),
    )
}

#[test]
fn impact_command_prints_json_for_every_combination() {
    for measure in ["ur", "rr", "au"] {
        for baseline in ["start", "inaction", "stepwise"] {
            for deviation in ["truncation", "absolute"] {
                for rollouts in [false, true] {
                    let mut args = vec![
                        "impact",
                        "scenes/vase.ron",
                        "--plan",
                        "off",
                        "--measure",
                        measure,
                    ];
                    args.extend([
                        "--baseline",
                        baseline,
                        "--deviation",
                        deviation,
                        "--discount",
                        "0.9",
                    ]);
                    args.extend(["--horizon", "8", "--format", "json"]);
                    if rollouts {
                        args.push("--rollouts");
                    }
                    let (code, out, err) = ladders(&args);
                    assert_eq!(code, 0, "{args:?}: {err}");
                    let json: serde_json::Value =
                        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
                    let steps = json["per_step"]
                        .as_array()
                        .unwrap_or_else(|| panic!("per_step"));
                    assert_eq!(steps.len(), 8);
                    let sum: f64 = steps.iter().filter_map(serde_json::Value::as_f64).sum();
                    assert!((sum - json["sum"].as_f64().unwrap_or(f64::NAN)).abs() < 1e-9);
                    assert_eq!(json["states"], 370);
                    assert_eq!(json["approximate"], false);
                }
            }
        }
    }
    let (code, out, _) = ladders(&[
        "impact",
        "scenes/box.ron",
        "--actions",
        "D,R,R,D,D",
        "--baseline",
        "start",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("54 reachable non-terminal states"), "{out}");
}

#[test]
fn impact_command_rejects_bad_arguments_with_exit_2() {
    let cases: [&[&str]; 24] = [
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--horizon",
            "18446744073709551615",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--horizon",
            "100000000",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--horizon",
            "0",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--beta",
            "NaN",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--beta",
            "inf",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--discount",
            "0",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--discount",
            "1.5",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--discount",
            "NaN",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--utilities",
            "0",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--utilities",
            "100000",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--states",
            "0",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--states",
            "4294967296",
        ],
        &["bench", "--iterations", "0"],
        &["bench", "--scale", "0"],
        &["bench", "--scale", "100000000", "--memory", "16"],
        &[
            "bench",
            "scenes/pink_car.ron",
            "--reachability",
            "--iterations",
            "1",
        ],
        &["impact", "scenes/box.ron", "--plan", "teleport"],
        &["impact", "scenes/box.ron", "--actions", "U,X"],
        &["impact", "scenes/box.ron", "--actions", ""],
        &["impact", "scenes/box.ron"],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--actions",
            "U",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--measure",
            "au",
            "--discount",
            "1",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--horizon",
            "2",
        ],
        &[
            "impact",
            "scenes/box.ron",
            "--plan",
            "corner",
            "--measure",
            "xx",
        ],
    ];
    for args in cases {
        let (code, _, err) = ladders(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let (code, _, err) = ladders(&[
        "impact",
        "scenes/pink_car.ron",
        "--plan",
        "paint",
        "--states",
        "10000000",
        "--memory",
        "16",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("states") && err.contains("--memory"),
        "the refusal names the states and the option: {err}"
    );
    let (code, _, err) = ladders(&["impact", "tests/data/corridor.ron", "--actions", "U"]);
    assert_eq!(
        (code, err.contains("walks off the grid")),
        (0, false),
        "a wall is not the edge: {err}"
    );
}

/// The two forms of inaction rollouts differ where a state's reachability difference
/// changes sign along the rollout. Belt corridor (tests/data/belt_corridor.ron), γ = 1/2,
/// truncation, start baseline, plan Move(E): the agent pushes the vase onto the belt, which
/// breaks it at once, so s_1 = (agent 2, broken) stands still, while the baseline's rollout
/// is b_0 = (1, vase 2), b_1 = (1, vase 3), b_2 = (1, broken), weighted (1 − γ) γ^k and the
/// last for the rest of time: 1/2, 1/4, 1/4.
///
/// R(b_k, x) − R(s_1, x) per state x (the broken states by the agent's cell):
///
/// | x          | k = 0      | k = 1 | k = 2 |
/// | (1, v2)    | 1          | 0     | 0     |
/// | (1, v3)    | γ = 1/2    | 1     | 0     |
/// | (1, b)     | γ² − γ     | 0     | 1 − γ |   <- changes sign
/// | (2, b)     | γ − 1      | γ − 1 | γ − 1 |
/// | (3, b)     | γ² − γ     | γ² − γ| γ² − γ|
/// | (4, b)     | γ³ − γ²    | ...   | ...   |   (all negative)
///
/// Paired: Σ_k w_k · (1/6) Σ_x max(0, ·) = (1/2 · 3/2 + 1/4 · 1 + 1/4 · 1/2) / 6 = 0.1875.
/// Reference: (1/6) Σ_x max(0, Σ_k w_k ·): (1, v2) gives 1/2, (1, v3) 1/4 + 1/4 = 1/2, and
/// (1, b) −1/8 + 0 + 1/8 = 0, so (1/2 + 1/2) / 6 = 1/6.
#[test]
fn reference_and_paired_rollouts_differ_where_a_difference_changes_sign() {
    let s = ladders_domain::scene::parse(
        Path::new("belt_corridor.ron"),
        include_str!("data/belt_corridor.ron"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(explore(&s.world, 100).len(), 6);
    let rollouts = |form| ImpactOptions {
        baseline: ImpactBaseline::Start,
        rollouts: true,
        rollout_form: form,
        ..options(
            ImpactMeasure::RelativeReachability,
            Deviation::Truncation,
            0.5,
        )
    };
    let push = [Action::Move(Dir::E)];
    let paired = impact(&s, &push, rollouts(RolloutForm::Paired));
    let reference = impact(&s, &push, rollouts(RolloutForm::Reference));
    assert!(close(paired[0], 0.1875), "{paired:?}");
    assert!(close(reference[0], 1.0 / 6.0), "{reference:?}");
    // Unreachability is always paired: both forms give the same.
    let ur = |form| ImpactOptions {
        measure: ImpactMeasure::Unreachability,
        ..rollouts(form)
    };
    assert_eq!(
        impact(&s, &push, ur(RolloutForm::Paired)),
        impact(&s, &push, ur(RolloutForm::Reference))
    );
}

/// Every state a random walk visits decodes from its packed form to itself, and two
/// states share a packed form only when they are equal; the state space finds each again.
#[test]
fn packed_states_round_trip_on_every_bundled_scene() {
    for name in ["pink_car", "box", "vase", "sushi", "sushi_goal"] {
        let s = scene(name);
        let w = &s.world;
        let codec = ladders_domain::world::StateCodec::new(w);
        let actions = w.actions();
        let mut seen: std::collections::HashMap<Vec<u8>, ladders_domain::world::State> =
            std::collections::HashMap::new();
        let mut state = w.initial_state();
        let mut seed: u64 = 7;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let action = actions[(seed >> 33) as usize % actions.len()];
            state = w.step(&w.technologies, &state, action);
            if state.ended {
                state = w.initial_state();
            }
            let mut bytes = vec![0; codec.bytes()];
            codec
                .encode(w, &state, &mut bytes)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(codec.decode(w, &bytes), state, "{name}");
            let earlier = seen.entry(bytes).or_insert_with(|| state.clone());
            assert_eq!(*earlier, state, "{name}: two states, one encoding");
        }
        let space = explore(w, 5000);
        for id in (0..space.len() as u32).step_by(7) {
            let state = space.state(id).unwrap_or_else(|| panic!("{name}: {id}"));
            assert_eq!(space.id(&state), Some(id), "{name}");
        }
    }
}

/// The pink car's states take at most 200 bytes each (packed state, index, transitions).
#[test]
fn the_pink_car_takes_under_200_bytes_per_state() {
    let s = scene("pink_car");
    let space = explore(&s.world, 50_000);
    assert_eq!(space.len(), 50_000);
    let per_state = space.heap_bytes() as f64 / space.len() as f64;
    assert!(per_state <= 200.0, "{per_state} bytes per state");
    assert!(
        StateSpace::cost(&s.world).per_state >= per_state as u64,
        "the estimate bounds the use"
    );
}

/// Work past the memory budget is refused before it starts: the state space, the dense
/// table and attainable utility's values.
#[test]
fn memory_budget_is_checked_before_allocating() {
    use ladders_domain::limits::MemoryBudget;
    let s = scene("pink_car");
    let w = &s.world;
    let small = MemoryBudget::from_mib(16);
    let error = StateSpace::explore(w, &w.technologies, 10_000_000, &small)
        .err()
        .unwrap_or_else(|| panic!("ten million states in 16 MiB"));
    assert!(error.to_string().contains("--memory"), "{error}");
    let space =
        StateSpace::explore(w, &w.technologies, 3000, &small).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        Reachability::compute(&space, &small).is_err(),
        "a 3000 × 3000 table is 18 MB"
    );
    let values = ImpactOptions {
        utilities: 10_000,
        memory: small,
        ..options(ImpactMeasure::AttainableUtility, Deviation::Absolute, 0.9)
    };
    assert!(ImpactSetting::with_space(space, values).is_err());
    assert!(
        StateSpace::default_budget(w, &small) < ladders_domain::impact::DEFAULT_STATE_BUDGET,
        "the default number of states follows the budget"
    );
}

/// A long horizon costs its output, not a stored trajectory: the stationary tail repeats.
#[test]
fn a_long_horizon_repeats_the_stationary_tail() {
    let s = corridor();
    let mut o = options(
        ImpactMeasure::RelativeReachability,
        Deviation::Truncation,
        1.0,
    );
    o.baseline = ImpactBaseline::Start;
    o.horizon = Some(ladders_domain::impact::MAX_HORIZON);
    let per_step = impact(&s, &[Action::Move(Dir::E)], o.clone());
    assert_eq!(per_step.len(), ladders_domain::impact::MAX_HORIZON);
    assert!(per_step.iter().all(|d| close(*d, 1.0 / 6.0)));
    o.horizon = Some(ladders_domain::impact::MAX_HORIZON + 1);
    assert!(ImpactSetting::new(&s.world, &s.world.technologies, o).is_err());
}

/// The output says on which scale attainable utility is, and which rollout form was used.
#[test]
fn impact_command_states_the_scale_of_au_and_the_rollout_form() {
    let base = [
        "impact",
        "scenes/vase.ron",
        "--plan",
        "off",
        "--measure",
        "au",
    ];
    let (code, out, err) = ladders(&[&base[..], &["--format", "json"]].concat());
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        json["scale"]
            .as_str()
            .is_some_and(|s| s.contains("(1 − γ)") && s.contains("reference")),
        "{json}"
    );
    let (code, out, _) =
        ladders(&[&base[..], &["--rollouts", "--rollout-form", "paired"]].concat());
    assert_eq!(code, 0);
    assert!(out.contains("reference's scale"), "{out}");
    assert!(out.contains("rollouts (paired)"), "{out}");
    let (_, out, _) = ladders(&[&base[..], &["--rollouts"]].concat());
    assert!(out.contains("rollouts (reference form)"), "{out}");
}

/// Without --states, a world whose steps are costly (hundreds of actions, a 128 × 128 light
/// field and droplet field) enumerates fewer states than the default, so that the default
/// run stays a matter of seconds; the pink car keeps the full default.
#[test]
fn the_default_state_budget_follows_the_work_of_a_step() {
    let mut rows = vec!["#".repeat(128)];
    rows.extend((0..126).map(|_| format!("#{}{}#", ".".repeat(62), "~".repeat(64))));
    rows.push("#".repeat(128));
    let grid: Vec<String> = rows.iter().map(|r| format!("\"{r}\"")).collect();
    let mut entities = vec![
        "(id: \"projector\", at: (5, 5), kind: Projector(color: White, radius: 8))".to_owned(),
    ];
    entities.extend((0..200).map(|k| {
        format!(
            "(id: \"car{k}\", at: ({}, {}), kind: Car(paint: Grey))",
            10 + 5 * (k % 10),
            10 + 5 * (k / 10)
        )
    }));
    let text = format!(
        "Scene(name: \"stress\", grid: [{}], agent: (2, 2), entities: [{}], goal: And([]), \
         plans: [(name: \"p\", actions: [Move(E)])])",
        grid.join(", "),
        entities.join(", ")
    );
    let s = ladders_domain::scene::parse(Path::new("stress.ron"), &text)
        .unwrap_or_else(|e| panic!("{e}"));
    let memory = ladders_domain::limits::MemoryBudget::default();
    let stress = StateSpace::default_budget(&s.world, &memory);
    assert!(
        (1..10_000).contains(&stress),
        "{stress} states of 800 actions each"
    );
    assert_eq!(
        StateSpace::default_budget(&scene("pink_car").world, &memory),
        ladders_domain::impact::DEFAULT_STATE_BUDGET
    );
}
