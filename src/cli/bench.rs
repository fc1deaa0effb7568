//! `ladders bench`: the time to score every plan of a scene with every measure under
//! every one of its languages. Languages and the scene are loaded once, outside the clock.

use super::BenchArgs;
use crate::analysis::{Setting, score_scene};
use anyhow::Context;
use std::time::Instant;

/// Time the full scoring of a scene and print the distribution.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    if args.frame {
        return frame(args);
    }
    if args.reachability {
        return reachability(args);
    }
    let scene = match &args.scene {
        Some(path) => crate::scene::load(path)?,
        None => crate::scene::pink_car()?,
    };
    let dir = args.scene.as_deref().and_then(|p| p.parent());
    let settings = scene
        .languages
        .iter()
        .map(|name| {
            let language = crate::language::resolve(name, dir)
                .with_context(|| format!("cannot use the language `{name}`"))?;
            Ok(Setting::new(&scene, language, &[], None)?)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let iterations = args.iterations.max(1);
    let run_once = || {
        let mut accepted = 0;
        for setting in &settings {
            accepted += score_scene(&scene, setting)
                .plans
                .iter()
                .filter(|p| p.verdict.accepted)
                .count();
        }
        accepted
    };
    for _ in 0..iterations.div_ceil(10) {
        std::hint::black_box(run_once());
    }
    let times: Vec<f64> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run_once());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let summary = summarize(times);
    println!(
        "score {}: {} plans × {} languages × 3 measures, {iterations} runs",
        scene.name,
        scene.plans.len(),
        settings.len()
    );
    println!("{summary} (target: under 5 ms)");
    Ok(())
}

/// Median, p10, p90 and minimum of timings in milliseconds.
fn summarize(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    let pct = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.3} ms, p10 {:.3} ms, p90 {:.3} ms, min {:.3} ms",
        pct(0.5),
        pct(0.1),
        pct(0.9),
        times[0]
    )
}

/// CPU time to build one frame of the full 1400×860 window on a scene: layout, painting
/// and tessellation, without a GPU. The hologram plan is shown at its end with its
/// evidence open, so every panel has content.
fn frame(args: &BenchArgs) -> anyhow::Result<()> {
    use crate::app::{LaddersApp, Preferences, Startup};
    let ctx = egui::Context::default();
    let startup = Startup {
        scene: args.scene.clone(),
        plan: Some("hologram".into()),
        ..Startup::default()
    };
    let mut app = LaddersApp::with_preferences(&ctx, Preferences::default(), startup);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 860.0),
        )),
        ..Default::default()
    };
    let draw = |app: &mut LaddersApp| {
        let output = ctx.run_ui(input(), |ui| app.ui_all(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    let settle = Instant::now();
    while app.explorer.is_busy() || app.explorer.wants_pending() {
        draw(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(1));
        anyhow::ensure!(
            settle.elapsed().as_secs() < 30,
            "the scene did not finish loading and scoring"
        );
    }
    app.explorer.evidence = Some(crate::app::Evidence {
        plan: 2,
        measure: crate::measures::Measure::EffectDl,
        language: 0,
    });
    for _ in 0..20 {
        draw(&mut app);
    }
    let iterations = args.iterations.max(1);
    let mut primitives = 0;
    let times: Vec<f64> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            primitives = std::hint::black_box(draw(&mut app));
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    println!("one frame of the full window ({primitives} clipped primitives), {iterations} frames");
    println!("{} (target: under 4 ms)", summarize(times));
    Ok(())
}

/// Time the state-space enumeration and the all-pairs reachability table of a scene
/// (default: the vase), each on its own, and both together.
fn reachability(args: &BenchArgs) -> anyhow::Result<()> {
    use crate::impact::{DEFAULT_STATE_BUDGET, Reachability, StateSpace};
    let path = args
        .scene
        .clone()
        .unwrap_or_else(|| "scenes/vase.ron".into());
    let scene = crate::scene::load(&path)?;
    let (world, tech) = (&scene.world, &scene.world.technologies);
    let iterations = args.iterations.max(1);
    let space = StateSpace::explore(world, tech, DEFAULT_STATE_BUDGET);
    let time = |f: &mut dyn FnMut()| -> String {
        for _ in 0..iterations.div_ceil(10) {
            f();
        }
        let times = (0..iterations)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        summarize(times)
    };
    let explore = time(&mut || {
        std::hint::black_box(StateSpace::explore(world, tech, DEFAULT_STATE_BUDGET).len());
    });
    let table = time(&mut || {
        std::hint::black_box(Reachability::compute(&space).len());
    });
    let both = time(&mut || {
        let space = StateSpace::explore(world, tech, DEFAULT_STATE_BUDGET);
        std::hint::black_box(Reachability::compute(&space).len());
    });
    println!(
        "{}: {} states, table of {} distances, {iterations} runs",
        scene.name,
        space.len(),
        space.len() * space.len()
    );
    println!("enumerate states: {explore}");
    println!("reachability table: {table}");
    println!("both (target: under 10 ms): {both}");
    Ok(())
}
