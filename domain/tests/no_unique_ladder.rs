//! Languages compared: random languages, the sweep, and the comparison of loaded languages.

use ladders_domain::analysis::{
    CompareOptions, Setting, Shard, Sweep, SweepOptions, SweepSpace, compare_languages,
    kendall_tau, random_plan, score_scene,
};
use ladders_domain::language::{self, Language, Universe};
use ladders_domain::measures::Measure;
use ladders_domain::scene::Scene;
use proptest::prelude::*;
use std::path::Path;

fn scenes() -> Vec<Scene> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenes");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| ladders_domain::scene::load(p).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn pink_car() -> Scene {
    ladders_domain::scene::pink_car().unwrap_or_else(|e| panic!("{e}"))
}

fn bundled(name: &str) -> Language {
    language::resolve(name, None).unwrap_or_else(|e| panic!("{e}"))
}

fn all_bundled() -> Vec<Language> {
    language::bundled_names().into_iter().map(bundled).collect()
}

/// A drawn language written as a file and read back.
fn written(universe: &Universe, seed: u64, index: u64, radius: f64) -> Language {
    let drawn = universe.draw(seed, index, radius);
    let language = universe.language(&drawn);
    let text = language::to_ron(&language).unwrap_or_else(|e| panic!("{e}"));
    let reread = language::parse(Path::new("drawn.ron"), &text).unwrap_or_else(|e| {
        panic!("language {index} at radius {radius} does not load: {e}\n{text}")
    });
    assert_eq!(reread, language, "the file reads back as the language");
    reread
}

#[test]
fn radius_zero_draws_the_base() {
    for base in all_bundled() {
        let universe = Universe::new(&base);
        let drawn = universe.draw(7, 3, 0.0);
        let mut language = universe.language(&drawn);
        language.name = base.name.clone();
        language.description = base.description.clone();
        assert_eq!(language, base, "{}", base.name);
        assert_eq!(universe.language(&universe.base_drawn()), base);
    }
}

#[test]
fn a_drawn_language_depends_only_on_seed_index_and_radius() {
    let universe = Universe::new(&bundled("everyday"));
    let a = universe.draw(42, 17, 3.0);
    assert_eq!(a, universe.draw(42, 17, 3.0));
    assert_ne!(a, universe.draw(42, 18, 3.0));
    assert_ne!(a, universe.draw(43, 17, 3.0));
    // The same draws, scaled: at a larger radius the same words move further.
    let b = universe.draw(42, 17, 6.0);
    assert_ne!(a, b);
}

/// Every drawn language is a valid prefix code under every technology setting (the
/// loader checks Kraft), keeps the primitive words, and scores from its file exactly as
/// the sweep scores it.
fn drawn_languages_score_as_the_sweep_does(scene: &Scene, base: &Language, seed: u64, radius: f64) {
    let tech = &scene.world.technologies;
    let space = SweepSpace::new(scene, base, tech, 14.0)
        .unwrap_or_else(|e| panic!("{} around {}: {e}", scene.name, base.name));
    let universe = space.universe();
    for index in 0..6 {
        let file = written(universe, seed, index, radius);
        if radius >= 4.0 && index == 0 {
            assert_ne!(
                file.actions, base.actions,
                "a drawn language differs from its base"
            );
        }
        let (actions, states) = universe.kraft_sums(&universe.draw(seed, index, radius));
        assert!(
            actions <= 1.0 + 1e-9 && states <= 1.0 + 1e-9,
            "Kraft: {actions}, {states}"
        );
        let setting = Setting::with_levels(file, tech.clone(), 14.0);
        let score = score_scene(scene, &setting);
        let lengths = space.lengths(&universe.draw(seed, index, radius));
        for (plan, (effect, plan_bits)) in score.plans.iter().zip(&lengths) {
            let what = format!(
                "{} #{index} r={radius} `{}` of {}",
                base.name, plan.plan, scene.name
            );
            let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                (None, None) => true,
                _ => false,
            };
            assert!(
                close(plan.effect_bits(), *effect),
                "{what}: effect {:?} vs {effect:?}",
                plan.effect_bits()
            );
            assert!(
                close(plan.plan_bits(), *plan_bits),
                "{what}: plan {:?} vs {plan_bits:?}",
                plan.plan_bits()
            );
        }
    }
}

#[test]
fn drawn_languages_load_and_score_as_in_the_sweep_on_every_scene() {
    for scene in scenes() {
        for base in all_bundled() {
            for radius in [0.0, 1.0, 4.0, 12.0] {
                drawn_languages_score_as_the_sweep_does(&scene, &base, 5, radius);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn any_seed_and_radius_gives_a_valid_language(seed in any::<u64>(), radius in 0.0f64..40.0, b in 0usize..4) {
        let base = &all_bundled()[b];
        drawn_languages_score_as_the_sweep_does(&pink_car(), base, seed, radius);
    }
}

fn sweep_options(shard: Shard) -> SweepOptions {
    let scene = pink_car();
    SweepOptions {
        languages: 300,
        seed: 11,
        radii: vec![0.0, 2.0, 8.0],
        shard,
        technologies: scene.world.technologies.clone(),
        budget: 14.0,
    }
}

#[test]
fn shards_merge_into_the_whole_sweep() {
    let scene = pink_car();
    let base = bundled("everyday");
    let space = SweepSpace::new(&scene, &base, &scene.world.technologies, 14.0)
        .unwrap_or_else(|e| panic!("{e}"));
    let whole = space
        .run(&sweep_options(Shard::WHOLE), &|_, _| true)
        .unwrap_or_else(|e| panic!("{e}"));
    let parts: Vec<Sweep> = [2, 0, 1]
        .iter()
        .map(|&index| {
            space
                .run(&sweep_options(Shard { index, count: 3 }), &|_, _| true)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    assert!(!parts[0].is_complete());
    let merged = Sweep::merge(&parts).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(merged, whole);
    assert!(
        Sweep::merge(&[parts[0].clone(), parts[0].clone()]).is_err(),
        "a shard twice"
    );
    // At radius 0 every language is the base: all agree with it.
    for plan in &whole.radii[0].plans {
        assert_eq!(
            plan.agreement(whole.radii[0].languages),
            1.0,
            "{}",
            plan.plan
        );
        assert_eq!(plan.effect_dl.count(), 300);
    }
}

#[test]
fn the_sweep_stops_when_asked() {
    let scene = pink_car();
    let base = bundled("everyday");
    let space = SweepSpace::new(&scene, &base, &scene.world.technologies, 14.0)
        .unwrap_or_else(|e| panic!("{e}"));
    let result = space.run(&sweep_options(Shard::WHOLE), &|done, _| done < 64);
    assert!(result.is_err());
    let mut bad = sweep_options(Shard { index: 3, count: 3 });
    assert!(
        space.run(&bad, &|_, _| true).is_err(),
        "shard index out of range"
    );
    bad = sweep_options(Shard::WHOLE);
    bad.radii = vec![f64::NAN];
    assert!(space.run(&bad, &|_, _| true).is_err(), "a NaN radius");
}

#[test]
fn comparing_the_bundled_languages_on_the_pink_car() {
    let scene = pink_car();
    let languages = all_bundled();
    let options = CompareOptions {
        random_plans: 40,
        seed: 1,
        technologies: scene.world.technologies.clone(),
        budget: 14.0,
    };
    let c = compare_languages(&scene, &languages, &options, &|_, _| true)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.objects.len(), scene.plans.len() + 40);
    for m in &c.measures {
        let n = languages.len();
        for a in 0..n {
            assert_eq!(m.invariance[a][a].bits, Some(0.0), "c_AA = 0");
            assert_eq!(m.tau[a][a], Some(1.0));
            for b in 0..n {
                // c_AB bounds every object's difference, and the witness attains it.
                let Some(c_ab) = m.invariance[a][b].bits else {
                    continue;
                };
                for x in 0..c.objects.len() {
                    if let (Some(ka), Some(kb)) = (m.lengths[a][x], m.lengths[b][x]) {
                        assert!(kb - ka <= c_ab + 1e-9);
                    }
                    if let (Some(kb), Some(t)) = (m.lengths[b][x], m.translated[a][b][x]) {
                        assert!(kb <= t + 1e-9, "K_B ≤ T_AB");
                    }
                }
                let w = m.invariance[a][b]
                    .object
                    .unwrap_or_else(|| panic!("a witness"));
                let d = m.lengths[b][w].unwrap_or(f64::NAN) - m.lengths[a][w].unwrap_or(f64::NAN);
                assert!((d - c_ab).abs() < 1e-9);
            }
        }
        let sum: f64 = m.centre.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9, "the centre is a distribution");
        assert_eq!(m.centre_growth.len(), n);
        assert_eq!(m.centre_growth[n - 1], m.centre);
    }
    // everyday and optics are not the same distance apart both ways.
    let effect = c
        .measure(Measure::EffectDl)
        .unwrap_or_else(|| panic!("effect"));
    let (e, o) = (0, 1);
    assert_ne!(effect.invariance[e][o].bits, effect.invariance[o][e].bits);
    // Flips: the same plans both ways, each naming the language that accepts it.
    for a in 0..languages.len() {
        for b in 0..languages.len() {
            assert_eq!(c.flips[a][b], c.flips[b][a]);
            for f in &c.flips[a][b] {
                let p = scene
                    .plans
                    .iter()
                    .position(|p| p.name == f.plan)
                    .unwrap_or(usize::MAX);
                let yes = c
                    .languages
                    .iter()
                    .position(|l| *l == f.accepted_in)
                    .unwrap_or(usize::MAX);
                assert!(c.verdicts[yes][p]);
            }
        }
    }
}

#[test]
fn kendall_tau_counts_concordant_pairs() {
    let s = |v: &[f64]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
    assert_eq!(
        kendall_tau(&s(&[1.0, 2.0, 3.0]), &s(&[10.0, 20.0, 30.0])),
        Some(1.0)
    );
    assert_eq!(
        kendall_tau(&s(&[1.0, 2.0, 3.0]), &s(&[3.0, 2.0, 1.0])),
        Some(-1.0)
    );
    assert_eq!(kendall_tau(&s(&[1.0, 1.0]), &s(&[1.0, 2.0])), None);
    // One discordant pair of three: (2 − 1) / 3.
    let t = kendall_tau(&s(&[1.0, 2.0, 3.0]), &s(&[1.0, 3.0, 2.0])).unwrap_or(f64::NAN);
    assert!((t - 1.0 / 3.0).abs() < 1e-12);
}

#[test]
fn random_plans_are_reproducible() {
    let scene = pink_car();
    assert_eq!(random_plan(&scene, 3, 9), random_plan(&scene, 3, 9));
    assert_ne!(
        random_plan(&scene, 3, 9).actions,
        random_plan(&scene, 3, 10).actions
    );
}
