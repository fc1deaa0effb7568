use super::*;
use crate::language::resolve;
use crate::world::VarKind;

fn pink_setting(language: &str) -> (Scene, Setting) {
    let scene = crate::scene::pink_car().unwrap();
    let language = resolve(language, None).unwrap();
    let setting = Setting::new(&scene, language, &[], None).unwrap();
    (scene, setting)
}

/// Small enough for a debug test run, long enough for `paint(car)` and `implant(pink)`.
fn options() -> ChoiceOptions {
    ChoiceOptions {
        bound: 16.0,
        ..ChoiceOptions::new(ProgramLimits::default())
    }
}

fn choice(scene: &Scene, setting: &Setting, measure: Measure) -> SearchedChoice {
    searched_choice(scene, setting, measure, &options(), &|_| true).unwrap()
}

/// What every searched choice must satisfy against the scene it was searched in.
fn check_consistent(scene: &Scene, setting: &Setting, c: &SearchedChoice) {
    let rivals: Vec<f64> = (c.scene.iter())
        .filter(|p| p.reaches_goal)
        .filter_map(|p| p.value)
        .collect();
    let Some(found) = &c.found else {
        assert!(!c.beats_scene && c.matches_scene_plan.is_none());
        return;
    };
    // The found plan, simulated, reaches the goal.
    let outcome = Outcome::simulate(
        &scene.world,
        &setting.technologies,
        &scene.goal,
        &found.actions,
        setting.baseline,
    );
    assert!(outcome.reaches_goal, "{:?}", found.words);
    // Its full scoring is score_plan's.
    let plan = found.plan(SEARCHED_PLAN_NAME);
    let mut rescored = score_plan(scene, setting, &plan);
    rescored.plan = SEARCHED_PLAN_NAME.to_owned();
    assert_eq!(found.plan_score, rescored);
    if c.measure.info().scored {
        assert_eq!(
            Some(found.score),
            rescored.value(c.measure),
            "{:?}",
            c.measure
        );
    }
    // Plan description length is at most the program's.
    if let Some(bits) = rescored.plan_bits() {
        assert!(bits <= found.program_bits + 1e-9);
    }
    // It beats the scene exactly when every goal-reaching plan scores higher.
    let beaten = !rivals.is_empty() && rivals.iter().all(|v| found.score < v - TIE);
    assert_eq!(
        c.beats_scene, beaten,
        "{:?}: {} vs {rivals:?}",
        c.measure, found.score
    );
    if let Some(i) = c.matches_scene_plan {
        assert!((c.scene[i].value.unwrap() - found.score).abs() <= TIE);
        assert!(!c.beats_scene);
    }
}

#[test]
fn the_found_plan_reaches_the_goal_and_scores_as_score_plan_does() {
    for language in ["everyday", "neuro"] {
        let (scene, setting) = pink_setting(language);
        let scored = score_scene(&scene, &setting);
        for &measure in Measure::ALL {
            let c = choice(&scene, &setting, measure);
            assert!(c.found.is_some(), "{language} {measure:?}");
            check_consistent(&scene, &setting, &c);
            // The scene's values are its own scoring's.
            if measure.info().scored {
                for (value, plan) in c.scene.iter().zip(&scored.plans) {
                    assert_eq!(value.value, plan.value(measure));
                }
            }
        }
    }
}

#[test]
fn under_everyday_the_effect_is_no_worse_than_paints() {
    let (scene, setting) = pink_setting("everyday");
    let c = choice(&scene, &setting, Measure::EffectDl);
    let paint = score_plan(&scene, &setting, scene.plan("paint").unwrap());
    let paint_bits = paint.effect_bits().unwrap();
    assert!((paint_bits - 6.32).abs() < 0.01, "{paint_bits}");
    let found = c.found.unwrap();
    assert!(found.score <= paint_bits + TIE, "{}", found.score);
    assert_eq!(
        c.scene_best.map(|(i, _)| i),
        Some(0),
        "paint is the scene's best"
    );
    assert_eq!(found.within_budget, Some(true));
}

#[test]
fn under_neuro_the_choice_writes_the_observers_percept() {
    let (scene, setting) = pink_setting("neuro");
    let c = choice(&scene, &setting, Measure::EffectDl);
    let found = c.found.unwrap();
    let effect = &found.plan_score.outcome.effect;
    assert!(
        effect
            .iter()
            .any(|change| change.var.kind() == VarKind::Mind
                && change.var.name(&scene.world) == "observer.percept"),
        "{:?}",
        found.words
    );
    assert!(
        effect
            .iter()
            .all(|change| change.var.kind() == VarKind::Mind),
        "the car is left alone: {:?}",
        found.words
    );
}

#[test]
fn without_the_paint_plan_painting_is_a_cheaper_way_than_any_plan_in_the_scene() {
    let (mut scene, setting) = pink_setting("everyday");
    scene.plans.retain(|p| p.name != "paint");
    let c = choice(&scene, &setting, Measure::EffectDl);
    check_consistent(&scene, &setting, &c);
    assert!(c.beats_scene);
    assert_eq!(c.matches_scene_plan, None);
    assert_eq!(c.same_actions_as, None);
    let found = c.found.unwrap();
    let effect = &found.plan_score.outcome.effect;
    assert!(
        effect
            .iter()
            .any(|change| change.var.name(&scene.world) == "car.paint"),
        "{:?}",
        found.words
    );
}

#[test]
fn the_search_effort_choice_is_found_no_later_than_any_scene_plans_effect() {
    let (scene, setting) = pink_setting("everyday");
    let c = choice(&scene, &setting, Measure::SearchEffort);
    check_consistent(&scene, &setting, &c);
    let found = c.found.as_ref().unwrap();
    assert_eq!(found.score, c.bound.programs_run as f64);
    let (_, best) = c.scene_best.unwrap();
    assert!(found.score <= best, "{} > {best}", found.score);
}

#[test]
fn the_probability_choice_is_the_most_probable_goal_effect() {
    let (scene, setting) = pink_setting("everyday");
    let c = choice(&scene, &setting, Measure::AlgorithmicProbability);
    let space = ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let (probability, goals) = space
        .goal_programs(&scene.goal, 16.0, &ProgramLimits::default(), &|_| true)
        .unwrap();
    let found = c.found.unwrap();
    let effect = crate::measures::effect_text(&scene.world, &found.plan_score.outcome.effect);
    // Another run: equal to the order the sums were added in.
    let bits = probability.bits(&effect).unwrap();
    assert!(
        (bits - found.score).abs() < 1e-9,
        "{bits} vs {}",
        found.score
    );
    for program in &goals.programs {
        assert!(probability.bits(&program.effect).unwrap() >= found.score - TIE);
    }
    // The probability is the plain enumeration's (to the order the workers' sums were
    // added in, which depends on how they split the first words).
    let plain = space
        .probability(16.0, &ProgramLimits::default(), &|_| true)
        .unwrap();
    assert_eq!(probability.programs, plain.programs);
    assert_eq!(probability.stopped, plain.stopped);
    assert_eq!(probability.effects.len(), plain.effects.len());
    for (effect, programs) in &plain.effects {
        let collected = &probability.effects[effect];
        assert_eq!(collected.count, programs.count);
        assert_eq!(collected.shortest, programs.shortest);
        assert!((collected.mass - programs.mass).abs() <= 1e-12 * programs.mass);
    }
}

#[test]
fn goal_programs_are_distinct_by_actions_and_each_reaches_the_goal() {
    let (scene, setting) = pink_setting("everyday");
    let space = ProgramSpace {
        world: &scene.world,
        technologies: &setting.technologies,
        language: &setting.effective,
        baseline: setting.baseline,
    };
    let (_, goals) = space
        .goal_programs(&scene.goal, 16.0, &ProgramLimits::default(), &|_| true)
        .unwrap();
    assert!(!goals.capped);
    assert!(goals.found >= goals.programs.len() as u64);
    let distinct: std::collections::HashSet<&Vec<Action>> =
        goals.programs.iter().map(|p| &p.actions).collect();
    assert_eq!(distinct.len(), goals.programs.len());
    for p in &goals.programs {
        let outcome = Outcome::simulate(
            &scene.world,
            &setting.technologies,
            &scene.goal,
            &p.actions,
            setting.baseline,
        );
        assert!(outcome.reaches_goal, "{:?}", p.words);
        assert!(p.bits <= 16.0 + 1e-9);
    }
    // Shortest first.
    assert!(goals.programs.windows(2).all(|w| w[0].bits <= w[1].bits));
}

#[test]
fn a_tiny_bound_finds_nothing_and_says_so() {
    let (scene, setting) = pink_setting("everyday");
    let options = ChoiceOptions {
        bound: 0.5,
        ..options()
    };
    let c = searched_choice(&scene, &setting, Measure::EffectDl, &options, &|_| true).unwrap();
    assert!(c.found.is_none());
    assert!(!c.beats_scene);
    assert_eq!(c.bound.goal_programs, 0);
    let text = c.bound.describe();
    assert!(text.contains("up to 0.5 bits"), "{text}");
    assert!(text.contains("0 reach the goal"), "{text}");
}

#[test]
fn a_work_limit_of_one_step_is_reported() {
    let (scene, setting) = pink_setting("everyday");
    let options = ChoiceOptions {
        limits: ProgramLimits {
            work: 1,
            ..ProgramLimits::default()
        },
        ..options()
    };
    for measure in [Measure::EffectDl, Measure::SearchEffort] {
        let c = searched_choice(&scene, &setting, measure, &options, &|_| true).unwrap();
        assert_eq!(c.bound.stopped, Some(Stopped::Work), "{measure:?}");
        assert!(c.bound.cut_short());
        assert!(c.bound.describe().contains("the work limit"));
        assert!(
            !c.bound.describe().contains("every program up to"),
            "a stopped enumeration did not run every program"
        );
    }
}

#[test]
fn cancelling_returns_an_error() {
    let (scene, setting) = pink_setting("everyday");
    for measure in [Measure::EffectDl, Measure::SearchEffort] {
        let result = searched_choice(&scene, &setting, measure, &options(), &|_| false);
        assert!(
            matches!(result, Err(ChoiceError::Program(ProgramError::Cancelled))),
            "{measure:?}: {result:?}"
        );
    }
}

#[test]
fn bad_bounds_and_limits_are_refused() {
    let (scene, setting) = pink_setting("everyday");
    for bound in [0.0, -1.0, f64::NAN, f64::INFINITY, 64.5] {
        let options = ChoiceOptions { bound, ..options() };
        let result = searched_choice(&scene, &setting, Measure::EffectDl, &options, &|_| true);
        assert!(matches!(result, Err(ChoiceError::Bound(_))), "{bound}");
    }
    let options = ChoiceOptions {
        search_limit: 0,
        ..options()
    };
    let result = searched_choice(&scene, &setting, Measure::SearchEffort, &options, &|_| true);
    assert!(matches!(result, Err(ChoiceError::SearchLimit(0))));
}
