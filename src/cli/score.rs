//! `ladders score`.

use super::{Format, ScoreArgs, load_scene, report, setting};
use crate::analysis::score_scene;

/// Print every plan's goal, measures and verdict.
pub fn run(args: &ScoreArgs) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let setting = setting(&scene, &args.scene, &args.setting)?;
    let score = score_scene(&scene, &setting);
    match args.format {
        Format::Table => print!("{}", report::score_table(&scene, &setting, &score)),
        Format::Json => println!("{:#}", report::score_json(&scene, &setting, &score)),
    }
    Ok(())
}
