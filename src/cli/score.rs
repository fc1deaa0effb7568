//! `ladders score`.

use super::report::ProgramResults;
use super::{Format, ScoreArgs, load_scene, report, setting};
use crate::analysis::score_scene;
use crate::measures::{ProgramSpace, effect_text};
use std::io::Write;

/// Print every plan's goal, measures and verdict.
pub fn run(args: &ScoreArgs) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let mut setting = setting(&scene, &args.scene, &args.setting)?;
    args.measures.apply(&mut setting)?;
    let score = score_scene(&scene, &setting);
    let programs = if args.measures.programs {
        let space = ProgramSpace {
            world: &scene.world,
            technologies: &setting.technologies,
            language: &setting.effective,
            baseline: setting.baseline,
        };
        // Workers report often and out of order; print only when the whole percentage
        // grows.
        let shown = std::sync::Mutex::new(0u32);
        let progress = |f: f64| {
            let percent = (100.0 * f) as u32;
            // Checked and printed under one lock, so lines cannot overtake each other.
            if let Ok(mut last) = shown.lock()
                && percent + 1 > *last
            {
                *last = percent + 1;
                eprint!(
                    "\rrunning programs up to {} bits: {percent:3}%",
                    args.measures.bound
                );
                let _ = std::io::stderr().flush();
            }
            true
        };
        let probability = space.probability(args.measures.bound, &progress)?;
        eprintln!();
        let targets: Vec<String> = score
            .plans
            .iter()
            .map(|p| effect_text(&scene.world, &p.outcome.effect))
            .collect();
        let searches = space.search_all(&targets, args.measures.search_limit, &|done| {
            eprint!(
                "\rsearching for each plan's effect: {done} of {}",
                targets.len()
            );
            let _ = std::io::stderr().flush();
            true
        })?;
        eprintln!();
        Some(ProgramResults {
            probability,
            searches,
        })
    } else {
        None
    };
    match args.format {
        Format::Table => print!(
            "{}",
            report::score_table(&scene, &setting, &score, programs.as_ref())
        ),
        Format::Json => println!(
            "{:#}",
            report::score_json(&scene, &setting, &score, programs.as_ref())
        ),
    }
    Ok(())
}
