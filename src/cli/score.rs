//! `ladders score`.

use super::progress::Progress;
use super::report::ProgramResults;
use super::{Format, ScoreArgs, load_scene, report, setting};
use ladders_domain::analysis::score_scene;
use ladders_domain::measures::{ProgramLimits, ProgramSpace, effect_text};

/// Print every plan's goal, measures and verdict.
pub fn run(args: &ScoreArgs, memory: ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
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
        let limits = ProgramLimits {
            work: args.measures.work_limit,
            memory,
        };
        let progress = Progress::fraction(&format!(
            "running programs up to {} bits",
            args.measures.bound
        ));
        let probability = space.probability(args.measures.bound, &limits, &|f| {
            progress.set_fraction(f);
            true
        })?;
        progress.finish();
        let targets: Vec<String> = score
            .plans
            .iter()
            .map(|p| effect_text(&scene.world, &p.outcome.effect))
            .collect();
        let progress = Progress::counting("searching for each plan's effect", targets.len() as u64);
        let searches =
            space.search_all(&targets, args.measures.search_limit, &limits, &|done| {
                progress.set_count(done as u64);
                true
            })?;
        progress.finish();
        Some(ProgramResults {
            probability,
            searches,
        })
    } else {
        None
    };
    match args.format {
        Format::Table => crate::out!(
            "{}",
            report::score_table(&scene, &setting, &score, programs.as_ref())
        ),
        Format::Json => crate::outln!(
            "{:#}",
            report::score_json(&scene, &setting, &score, programs.as_ref())
        ),
    }
    Ok(())
}
