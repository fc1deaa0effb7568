//! `ladders measure`: the world-free complexity measures on text, files and grids, as a
//! table for people or JSON with the evidence (phrases, blocks). One file per measure
//! holds its arguments, its run and its report.
//!
//! These are the paths the benchmarks time: a file is read once with a size limit, LZ76
//! runs on the bytes themselves (binary input straight into the packed-bit match
//! finder), the bundled CTM tables load from their binary form, and the evidence lists
//! the first [`EVIDENCE_LISTED`] phrases or blocks unless every one is asked for.

mod bdm;
mod bdm_report;
mod compress;
mod ctm;
mod lz76;

pub use bdm::{Bdm1dArgs, Bdm2dArgs, BdmOptions};
pub use compress::CompressArgs;
pub use ctm::{CTM_SAMPLE_MAX, CTM_STEPS_MAX, CTM_WORK_DEFAULT, CtmArgs};
pub use lz76::{SequenceArgs, Tokens};

use super::Format;
use anyhow::bail;
use clap::{Args, Subcommand};
use ladders_domain::limits::{MemoryBudget, read_limited};
use std::path::Path;

/// Phrases or blocks (and positions per block) a JSON report lists unless told to list all.
pub const EVIDENCE_LISTED: usize = 1000;
/// Phrases or blocks the table shows.
const SHOWN: usize = 40;

/// How many phrases or blocks a report lists: the table shows [`SHOWN`], so no more are
/// built for it.
fn listed(format: Format, all: bool) -> usize {
    match (format, all) {
        (Format::Table, _) => SHOWN,
        (Format::Json, true) => usize::MAX,
        (Format::Json, false) => EVIDENCE_LISTED,
    }
}

/// `ladders measure`.
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// Which measure.
    #[command(subcommand)]
    pub measure: MeasureCommand,
}

/// The measures.
#[derive(Debug, Subcommand)]
pub enum MeasureCommand {
    /// Lempel–Ziv 1976 complexity (Kaspar–Schuster count) and its phrases.
    Lz76(SequenceArgs),
    /// Compressed size under a codec.
    Compress(CompressArgs),
    /// Block decomposition method of a binary string.
    Bdm1d(Bdm1dArgs),
    /// Block decomposition method of a binary grid, optionally with its perturbation map.
    Bdm2d(Bdm2dArgs),
    /// Compute a CTM table from Turing machines and compare its ranking with the bundled one.
    Ctm(CtmArgs),
}

/// Run one measure and print it.
pub fn run(args: &MeasureArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    match &args.measure {
        MeasureCommand::Lz76(a) => lz76::run(a, memory),
        MeasureCommand::Compress(a) => compress::run(a, memory),
        MeasureCommand::Bdm1d(a) => bdm::run_1d(a, memory),
        MeasureCommand::Bdm2d(a) => bdm::run_2d(a, memory),
        MeasureCommand::Ctm(a) => ctm::run(a, memory),
    }
}

/// The bytes and a label for errors: `--text` or the file's path, read up to `limit`.
fn input_bytes(
    text: Option<&str>,
    file: Option<&Path>,
    what: &str,
    limit: u64,
) -> anyhow::Result<(String, Vec<u8>)> {
    match (text, file) {
        (Some(t), _) => Ok(("--text".to_owned(), t.as_bytes().to_vec())),
        (None, Some(f)) => Ok((f.display().to_string(), read_limited(f, what, limit)?)),
        (None, None) => bail!("give --text or --file"),
    }
}
