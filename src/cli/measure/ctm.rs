//! `ladders measure ctm`: a CTM table computed from Turing machines, optionally written
//! out, and its ranking against the bundled one.

use super::Format;
use crate::cli::output::{self, Report, json_text};
use anyhow::bail;
use clap::Args;
use ladders_domain::complexity::{
    CtmTable, Dimensions, Formalism, Stopped, compare_tables, table_from_formalism_within, turing,
};
use ladders_domain::limits::MemoryBudget;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// The largest `--steps` of `ladders measure ctm`.
pub const CTM_STEPS_MAX: u32 = 1_000_000;
/// The largest `--sample` of `ladders measure ctm`.
pub const CTM_SAMPLE_MAX: u64 = 1 << 40;
/// The default `--max-work` of `ladders measure ctm`, in steps of work (a 1D step is
/// one, a 2D step three, each machine sixteen more): under ten seconds on two busy cores.
pub const CTM_WORK_DEFAULT: u64 = 3_000_000_000;

/// `ladders measure ctm`.
#[derive(Debug, Args)]
pub struct CtmArgs {
    /// 1 for machines on a tape (strings), 2 for machines on a grid (square blocks).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub dimensions: u8,
    /// Machine states (2 symbols each), 1 to 5.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub states: u8,
    /// Steps after which a machine counts as not halting, 1 to 1,000,000 (the machines'
    /// tapes must fit in the memory budget: in 2D about 16 · steps² bytes per core).
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=i64::from(CTM_STEPS_MAX)))]
    pub steps: u32,
    /// Run this many machines drawn at random (seeded) instead of all of them, 1 to 2^40.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=CTM_SAMPLE_MAX))]
    pub sample: Option<u64>,
    /// Stop with an error once the machines have done this much work in all: steps, a 2D
    /// step counting three and each machine sixteen more.
    #[arg(long, default_value_t = CTM_WORK_DEFAULT, value_name = "STEPS", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_work: u64,
    /// Write the table here (usable with --table); a table with no values is refused
    /// and the file left as it was.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Run the machines and print the report.
pub fn run(args: &CtmArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    let report = report(args, memory)?;
    Ok(output::print(&report, args.format)?)
}

/// The most bytes one core's tape or grid may reach in `steps` steps: it doubles (from
/// 256 cells, or a 64 × 64 grid) whenever the head comes within a cell of its edge, and
/// the head is never more than `steps` cells from the start; while it grows the old and
/// the new one are both held.
fn ctm_tape_bytes(dimensions: Dimensions, steps: u32) -> u64 {
    let reach = u64::from(steps) + 2;
    let mut side: u64 = match dimensions {
        Dimensions::One => 256,
        Dimensions::Two => 64,
    };
    while side / 2 <= reach {
        side *= 2;
    }
    match dimensions {
        Dimensions::One => side + side / 2,
        Dimensions::Two => side * side + side * side / 4,
    }
}

/// The machines of `ladders measure ctm`, their table, and its ranks against the bundled one.
fn report(args: &CtmArgs, memory: MemoryBudget) -> anyhow::Result<CtmReport> {
    let dimensions = if args.dimensions == 1 {
        Dimensions::One
    } else {
        Dimensions::Two
    };
    let machines = turing::machine_count(dimensions, args.states);
    // Beyond about 10^10 machines an enumeration takes too long here: ask for a sample.
    if args.sample.is_none() && machines > 20_000_000_000 {
        bail!("{machines} machines are too many to enumerate: pass --sample N");
    }
    let cores = ladders_domain::work::threads() as u64;
    memory.check(
        &format!(
            "the machines' {} for {} steps on {cores} cores",
            match dimensions {
                Dimensions::One => "tapes",
                Dimensions::Two => "grids",
            },
            args.steps
        ),
        cores.saturating_mul(ctm_tape_bytes(dimensions, args.steps)),
    )?;
    if let Some(path) = &args.out {
        // Before the run, so a typo does not cost the run.
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(parent) = parent
            && !parent.is_dir()
        {
            bail!(
                "{}: cannot write the table there: {} is not a folder",
                path.display(),
                parent.display()
            );
        }
    }
    let formalism = Formalism {
        dimensions,
        states: args.states,
        max_steps: args.steps,
        sample: args.sample,
    };
    let progress = crate::cli::progress::Progress::fraction("running machines");
    let table = table_from_formalism_within(&formalism, args.max_work, &|f| {
        progress.set_fraction(f);
        true
    });
    progress.finish();
    let table = match table {
        Ok(table) => table,
        Err(Stopped::WorkLimit { limit }) => bail!(
            "the machines passed the work limit of {limit} steps (--max-work): lower --steps or --states, pass a smaller --sample, or raise --max-work"
        ),
        Err(Stopped::Cancelled) => bail!("the run was cancelled"),
    };
    let produced: usize = (1..=dimensions.max_size()).map(|s| table.known(s)).sum();
    if let Some(path) = &args.out {
        // What is written must load again as a table with values; otherwise the file
        // (perhaps a good table) is left as it was.
        if produced == 0 {
            bail!(
                "{}: not written: no machine of {} states halted within {} steps with an output that fits a table, so the table would be empty",
                path.display(),
                args.states,
                args.steps
            );
        }
        let tsv = table.to_tsv();
        let again = CtmTable::parse(path, &tsv, table.name.clone());
        if !matches!(&again, Ok(t) if *t == table) {
            bail!(
                "{}: not written: the table would not load again as it is",
                path.display()
            );
        }
        ladders_domain::document::write_atomically(path, tsv.as_bytes()).map_err(|error| {
            anyhow::anyhow!("{}: cannot write the table: {error}", path.display())
        })?;
    }
    let bundled = CtmTable::shared(dimensions);
    let sizes = (1..=dimensions.max_size())
        .map(|size| {
            let comparison = compare_tables(&bundled, &table, size);
            CtmSize {
                blocks: comparison.blocks.len(),
                produced: table.known(size),
                size,
                spearman: comparison
                    .spearman
                    .is_finite()
                    .then_some(comparison.spearman),
            }
        })
        .collect();
    Ok(CtmReport {
        machines: machines.to_string(),
        measure: "ctm",
        sizes,
        unit: "table",
        value: table.name,
        written_to: args.out.as_ref().map(|p| p.display().to_string()),
    })
}

/// The report of `ladders measure ctm` (fields in alphabetical order, see [`Report`]).
#[derive(Debug, Serialize)]
struct CtmReport {
    /// How many machines the formalism has, as text: the count (a `u128`) may pass what
    /// JSON numbers hold exactly.
    machines: String,
    /// Always `ctm`.
    measure: &'static str,
    /// Per block size, the computed table against the bundled one.
    sizes: Vec<CtmSize>,
    /// Always `table`.
    unit: &'static str,
    /// The computed table's name.
    value: String,
    /// The file the table was written to, if any (`null` if none).
    written_to: Option<String>,
}

/// One block size of a computed CTM table against the bundled one.
#[derive(Debug, Serialize)]
struct CtmSize {
    /// Blocks of this size.
    blocks: usize,
    /// Of them, how many the machines produced.
    produced: usize,
    /// String length or square side.
    size: usize,
    /// Spearman's rank correlation with the bundled table, `null` where it is undefined.
    spearman: Option<f64>,
}

impl Report for CtmReport {}

impl fmt::Display for CtmReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = json_text(self.value.as_str());
        writeln!(f, "{}: {name} {}", self.measure, self.unit)?;
        writeln!(f, "  size  blocks  produced  spearman vs bundled")?;
        for size in &self.sizes {
            let spearman = size
                .spearman
                .map_or_else(|| "-".to_owned(), |r| format!("{r:.3}"));
            // The numbers unpadded, as this table has always printed them.
            writeln!(
                f,
                "  {}  {}  {}  {spearman}",
                size.size, size.blocks, size.produced
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_keys_in_order_and_null_for_no_file_and_no_correlation() {
        let report = CtmReport {
            machines: "104976".to_owned(),
            measure: "ctm",
            sizes: vec![CtmSize {
                blocks: 2,
                produced: 2,
                size: 2,
                spearman: None,
            }],
            unit: "table",
            value: "TM".to_owned(),
            written_to: None,
        };
        assert!(output::keys_are_sorted(&report));
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["written_to"].is_null() && json["sizes"][0]["spearman"].is_null());
        assert_eq!(
            report.to_string(),
            "ctm: \"TM\" table\n  size  blocks  produced  spearman vs bundled\n  2  2  2  -\n"
        );
    }
}
