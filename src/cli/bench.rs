//! `ladders bench`: the time to score every plan of a scene with every measure under
//! every one of its languages. Languages and the scene are loaded once, outside the clock.

use super::BenchArgs;
use crate::analysis::{Setting, score_scene};
use anyhow::Context;
use std::time::Instant;

/// Time the full scoring of a scene and print the distribution.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
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
    let mut times: Vec<f64> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run_once());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let pct = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "score {}: {} plans × {} languages × 3 measures, {iterations} runs",
        scene.name,
        scene.plans.len(),
        settings.len()
    );
    println!(
        "median {:.3} ms, p10 {:.3} ms, p90 {:.3} ms, min {:.3} ms (target: under 5 ms)",
        pct(0.5),
        pct(0.1),
        pct(0.9),
        times[0]
    );
    Ok(())
}
