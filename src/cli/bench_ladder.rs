//! `ladders bench --sweep N`, `--compare N`, `--tech` and `--choose`: the time of the
//! random sweep, of the comparison, of the commodification sweeps and of the searched
//! choice, through the same calls `ladders sweep`, `ladders compare` and `ladders choose`
//! make, and how the random sweep scales with the number of plans and the scene's size.

use ladders_domain::analysis::{
    ChoiceOptions, CompareOptions, Setting, Shard, SweepOptions, SweepSpace, compare_languages,
    searched_choice,
};
use ladders_domain::language::{Language, resolve};
use ladders_domain::limits::MemoryBudget;
use ladders_domain::measures::{Measure, ProgramLimits};
use ladders_domain::scene::{Scene, SceneEdits};
use std::time::Instant;

/// Timed runs of each case (the median is reported).
const RUNS: usize = 5;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Seconds of `f`, median of [`RUNS`] after one warm-up run.
fn time<T>(mut f: impl FnMut() -> anyhow::Result<T>) -> anyhow::Result<f64> {
    std::hint::black_box(f()?);
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        std::hint::black_box(f()?);
        times.push(start.elapsed().as_secs_f64());
    }
    Ok(median(times))
}

/// The whole sweep of `scene` around `base`: matching the plans, then drawing and
/// describing `languages` languages at radius 2.
fn sweep_seconds(scene: &Scene, base: &Language, languages: u64) -> anyhow::Result<f64> {
    let tech = &scene.world.technologies;
    let options = SweepOptions {
        languages,
        seed: 0,
        radii: vec![2.0],
        shard: Shard::WHOLE,
        technologies: tech.clone(),
        budget: 14.0,
    };
    time(|| {
        let space = SweepSpace::new(scene, base, tech, 14.0)?;
        Ok(space.run(&options, &|_, _| true)?)
    })
}

/// The pink car with its plans said `copies` times (renamed apart).
fn more_plans(scene: &Scene, copies: usize) -> anyhow::Result<Scene> {
    let mut edits = SceneEdits::new(scene.clone(), None);
    edits.edit("copy plans", |file| {
        let plans = file.plans.clone();
        for k in 1..copies {
            file.plans.extend(plans.iter().map(|p| {
                let mut p = p.clone();
                p.name = format!("{}_{k}", p.name);
                p
            }));
        }
        true
    })?;
    Ok(edits.scene().clone())
}

/// The pink car in a grid `factor` times as wide and as high (floor beyond its walls,
/// so the plans are unchanged but every cell code and path search covers more cells).
fn larger(scene: &Scene, factor: usize) -> anyhow::Result<Scene> {
    let mut edits = SceneEdits::new(scene.clone(), None);
    edits.edit("enlarge", |file| {
        let width = file.grid.first().map_or(0, |r| r.chars().count());
        let height = file.grid.len();
        for row in &mut file.grid {
            row.push_str(&".".repeat(width * (factor - 1)));
        }
        let blank = ".".repeat(width * factor);
        file.grid
            .extend((height..height * factor).map(|_| blank.clone()));
        true
    })?;
    Ok(edits.scene().clone())
}

/// Time the sweep: `languages` random languages × the pink car's plans × effect and
/// plan description length, then its scaling.
pub fn sweep(languages: u64) -> anyhow::Result<()> {
    let scene = ladders_domain::scene::pink_car()?;
    let base = resolve("everyday", None)?;
    let threads = ladders_domain::work::threads();
    let total = sweep_seconds(&scene, &base, languages)?;
    crate::outln!(
        "sweep of the pink car around everyday, radius 2: {languages} languages × {} plans × effect and plan DL: {:.1} ms ({:.2} µs per language, drawing included), median of {RUNS}, {threads} threads",
        scene.plans.len(),
        total * 1e3,
        total * 1e6 / languages as f64
    );
    let scaling = (languages / 5).max(100);
    crate::outln!("\nscaling with the number of plans ({scaling} languages):");
    for copies in [1, 2, 4, 8] {
        let bigger = more_plans(&scene, copies)?;
        let t = sweep_seconds(&bigger, &base, scaling)?;
        crate::outln!(
            "  {:>3} plans: {:>8.1} ms, {:>7.2} µs per language, {:>6.2} µs per language and plan",
            bigger.plans.len(),
            t * 1e3,
            t * 1e6 / scaling as f64,
            t * 1e6 / scaling as f64 / bigger.plans.len() as f64
        );
    }
    crate::outln!("\nscaling with the scene's size ({scaling} languages, the same plans):");
    for factor in [1, 2, 4, 8] {
        let bigger = larger(&scene, factor)?;
        let t = sweep_seconds(&bigger, &base, scaling)?;
        crate::outln!(
            "  {:>4} cells: {:>8.1} ms, {:>7.2} µs per language",
            bigger.world.grid.len(),
            t * 1e3,
            t * 1e6 / scaling as f64
        );
    }
    Ok(())
}

/// Time the comparison of the bundled languages on the pink car with `random_plans`.
pub fn compare(random_plans: usize) -> anyhow::Result<()> {
    let scene = ladders_domain::scene::pink_car()?;
    let languages = ladders_domain::language::bundled_names()
        .into_iter()
        .map(|n| resolve(n, None))
        .collect::<Result<Vec<_>, _>>()?;
    let options = CompareOptions {
        random_plans,
        seed: 0,
        technologies: scene.world.technologies.clone(),
        budget: 14.0,
    };
    let t = time(|| {
        Ok(compare_languages(&scene, &languages, &options, &|_, _| {
            true
        })?)
    })?;
    crate::outln!(
        "comparison of the {} bundled languages on the pink car with {random_plans} random plans: {:.1} ms, median of {RUNS}, {} threads",
        languages.len(),
        t * 1e3,
        ladders_domain::work::threads()
    );
    Ok(())
}

/// `ladders sweep pink_car.ron --tech ARGS..`'s arguments, as the command parses them.
fn tech_args(extra: &[&str]) -> anyhow::Result<super::sweep::SweepArgs> {
    use clap::Parser as _;
    let words = ["ladders", "sweep", "scenes/pink_car.ron", "--tech"];
    let cli = super::Cli::try_parse_from(words.iter().chain(extra))?;
    match cli.command {
        Some(super::Command::Sweep(args)) => Ok(args),
        _ => anyhow::bail!("not a sweep command"),
    }
}

/// Time the commodification sweeps of the pink car: the discrete sweep (its 3
/// technologies, its 4 languages, every scored measure; target under 50 ms) and the
/// continuous crossover search for holography under everyday (target under 200 ms), in
/// the library and through the command's own function (scene and languages loaded,
/// table and JSON rendered; only the writing to stdout is left out).
pub fn tech() -> anyhow::Result<()> {
    use ladders_domain::analysis::{AvailabilitySpace, default_order, tech_sweep};
    use ladders_domain::measures::Measure;
    let scene = ladders_domain::scene::pink_car()?;
    let languages = scene
        .languages
        .iter()
        .map(|n| resolve(n, None))
        .collect::<Result<Vec<_>, _>>()?;
    let order = default_order(&scene.world);
    let threads = ladders_domain::work::threads();
    let discrete = time(|| Ok(tech_sweep(&scene, &languages, &order, &|_| true)?))?;
    crate::outln!(
        "discrete commodification sweep of the pink car: {} technologies, {} languages, {} plans, {} measures: {:.2} ms (target < 50 ms), median of {RUNS}, {threads} threads",
        order.len(),
        languages.len(),
        scene.plans.len(),
        Measure::scored().count(),
        discrete * 1e3
    );
    let everyday = resolve("everyday", None)?;
    let continuous = time(|| {
        let space = AvailabilitySpace::new(&scene, &everyday, "holography", None)?;
        Ok(space.sweep(Measure::EffectDl)?)
    })?;
    crate::outln!(
        "continuous crossover search, holography under everyday (101 points, switches bisected to 1e-4): {:.2} ms (target < 200 ms), median of {RUNS}",
        continuous * 1e3
    );
    for (label, extra) in [
        ("sweep --tech", vec![]),
        (
            "sweep --tech --continuous holography -l everyday",
            vec!["--continuous", "holography", "-l", "everyday"],
        ),
    ] {
        let args = tech_args(&extra)?;
        let whole = time(|| {
            let scene = ladders_domain::scene::pink_car()?;
            let languages = super::languages_for(&scene, None, &args.language)?;
            let report = super::tech_sweep::compute(&scene, &languages, &args, &|_| true)?;
            Ok((format!("{report}"), serde_json::to_string(&report)?))
        })?;
        crate::outln!(
            "  the command path of `ladders {label}` (scene, languages, sweep, table and JSON): {:.2} ms, median of {RUNS}",
            whole * 1e3
        );
    }
    Ok(())
}

/// `ladders bench --choose`: the searched choice on the pink car under everyday at its
/// own levels within the default bound, per measure, and the whole of `ladders choose`
/// with its defaults (loading the scene and the language, the choice, the table).
pub fn choose(memory: MemoryBudget) -> anyhow::Result<()> {
    let options = ChoiceOptions::new(ProgramLimits::new(memory));
    let scene = ladders_domain::scene::pink_car()?;
    let setting = Setting::new(&scene, resolve("everyday", None)?, &[], None)?;
    crate::outln!(
        "searched choice, pink car, everyday at its levels, programs up to {} bits, {} cores; median of {RUNS} runs:",
        options.bound,
        ladders_domain::work::threads()
    );
    for &measure in Measure::ALL {
        let mut found = String::new();
        let seconds = time(|| {
            let choice = searched_choice(&scene, &setting, measure, &options, &|_| true)?;
            found = choice
                .found
                .as_ref()
                .map_or_else(|| "nothing".to_owned(), |f| f.words.join(" "));
            Ok(choice)
        })?;
        crate::outln!(
            "  {:<24} {:>8.1} ms  (found: {found})",
            measure.key(),
            seconds * 1e3
        );
    }
    let whole = time(|| {
        let scene = ladders_domain::scene::pink_car()?;
        let setting = Setting::new(&scene, resolve("everyday", None)?, &[], None)?;
        let choice = searched_choice(&scene, &setting, Measure::EffectDl, &options, &|_| true)?;
        Ok(super::choose::table(&scene, &setting, &choice))
    })?;
    crate::outln!(
        "  whole command (ladders choose, effect_dl) {:>8.1} ms (target: under 2000 ms)",
        whole * 1e3
    );
    Ok(())
}
