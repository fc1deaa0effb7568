//! `ladders score`: every plan's goal, measures and verdict, and the choices of measure
//! that only it makes.

use super::choice::choice;
use super::progress::Progress;
use super::score_json::ScoreJson;
use super::{Format, ScoreArgs, load_scene, output, report, setting};
use anyhow::bail;
use clap::Args;
use ladders_domain::analysis::{ProgramBounds, ProgramStage, program_measures, score_scene};
use ladders_domain::complexity::{CtmTable, Dimensions, Partition};
use ladders_domain::measures::{ProgramLimits, Stream, valid_bound};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Print every plan's goal, measures and verdict.
pub fn run(args: &ScoreArgs, memory: ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
    let scene = load_scene(&args.scene)?;
    let mut setting = setting(&scene, &args.scene, &args.setting)?;
    args.measures.apply(&mut setting)?;
    let score = score_scene(&scene, &setting);
    let programs = if args.measures.programs {
        let bounds = ProgramBounds {
            probability_bound: args.measures.bound,
            search_limit: args.measures.search_limit,
            limits: ProgramLimits {
                work: args.measures.work_limit,
                memory,
            },
        };
        let enumerating = Progress::fraction(&format!(
            "running programs up to {} bits",
            args.measures.bound
        ));
        let searching: OnceLock<Progress> = OnceLock::new();
        let progress = |stage| {
            match stage {
                ProgramStage::Enumerating(f) => enumerating.set_fraction(f),
                ProgramStage::Searching { done, of } => {
                    let bar = searching.get_or_init(|| {
                        enumerating.finish();
                        Progress::counting("searching for each plan's effect", of as u64)
                    });
                    bar.set_count(done as u64);
                }
            }
            true
        };
        let measures = program_measures(&scene, &setting, &bounds, &progress)?;
        enumerating.finish();
        if let Some(bar) = searching.get() {
            bar.finish();
        }
        Some(measures)
    } else {
        None
    };
    match args.format {
        Format::Table => crate::out!(
            "{}",
            report::score_table(&scene, &setting, &score, programs.as_ref())
        ),
        Format::Json => {
            output::print_json(&ScoreJson::new(&scene, &setting, &score, programs.as_ref()))?
        }
    }
    Ok(())
}

/// The choices `ladders score` makes for the sequence, block and program measures.
#[derive(Debug, Clone, Args)]
pub struct ScoreMeasureArgs {
    /// What LZ76 and compressed size read: the effect as text, the plan's actions, or the
    /// words of the plan's shortest description in the language.
    #[arg(long, value_parser = choice::<Stream>(), default_value = "effect")]
    pub stream: Stream,
    /// Codec of compressed size: deflate, brotli or lz4, optionally with a level.
    #[arg(long, default_value = "deflate-9")]
    pub codec: String,
    /// How BDM cuts the effect's grids.
    #[arg(long, value_parser = choice::<Partition>(), default_value = "ignore")]
    pub partition: Partition,
    /// Side of BDM's square blocks (1 to 4).
    #[arg(long, default_value_t = 4)]
    pub block: usize,
    /// A 2D CTM table file for BDM instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Also run the language's programs: algorithmic probability and search effort.
    #[arg(long)]
    pub programs: bool,
    /// Longest program algorithmic probability enumerates, in bits: more than 0, at most 64.
    #[arg(
        long,
        default_value_t = 16.0,
        value_name = "BITS",
        allow_negative_numbers = true
    )]
    pub bound: f64,
    /// Most candidates search effort tries per plan: 1 to 1,000,000,000.
    #[arg(long, default_value_t = 5_000, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=ProgramLimits::MAX_SEARCH_LIMIT))]
    pub search_limit: u64,
    /// Most simulated steps of the program measures: the enumeration takes at most this
    /// many, and the plans' searches as many together (an equal part each); 1 to
    /// 100,000,000,000. A measure that reaches it stops and says so.
    #[arg(long, default_value_t = ProgramLimits::DEFAULT_WORK, value_name = "STEPS",
          value_parser = clap::value_parser!(u64).range(1..=ProgramLimits::MAX_WORK))]
    pub work_limit: u64,
}

impl ScoreMeasureArgs {
    /// Apply the choices to a setting.
    pub fn apply(&self, setting: &mut ladders_domain::analysis::Setting) -> anyhow::Result<()> {
        setting.stream = self.stream;
        setting.codec = self.codec.parse()?;
        if !(1..=Dimensions::Two.max_size()).contains(&self.block) {
            bail!(
                "--block {} is not available: 2D blocks have sides 1 to 4",
                self.block
            );
        }
        setting.bdm.block = self.block;
        setting.bdm.partition = self.partition;
        if let Some(path) = &self.table {
            let table = CtmTable::load(path)?;
            if table.dimensions != Dimensions::Two {
                bail!(
                    "{}: BDM of effect grids needs a 2D table (shapes such as 4x4)",
                    path.display()
                );
            }
            setting.bdm.table = std::sync::Arc::new(table);
        }
        if !valid_bound(self.bound) {
            bail!(
                "--bound must be a finite number of bits above 0 and at most {}, not {}",
                ProgramLimits::MAX_BOUND,
                self.bound
            );
        }
        Ok(())
    }
}
