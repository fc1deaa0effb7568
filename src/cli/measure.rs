//! `ladders measure`: the world-free complexity measures on text, files and grids, as a
//! table for people or JSON with the evidence (phrases, blocks).

use super::Format;
use crate::complexity::{
    Bdm, BinaryGrid, Codec, CtmTable, Decomposition, Dimensions, Lz76, Partition, lz76,
};
use crate::document::read_text;
use crate::measures::{ProgramLimits, valid_bound};
use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

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

/// `ladders measure ctm`.
#[derive(Debug, Args)]
pub struct CtmArgs {
    /// 1 for machines on a tape (strings), 2 for machines on a grid (square blocks).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub dimensions: u8,
    /// Machine states (2 symbols each).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub states: u8,
    /// Steps after which a machine counts as not halting.
    #[arg(long, default_value_t = 500)]
    pub steps: u32,
    /// Run this many machines drawn at random (seeded) instead of all of them.
    #[arg(long)]
    pub sample: Option<u64>,
    /// Write the table here (usable with --table).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Where a sequence comes from and how it splits into symbols.
#[derive(Debug, Args)]
pub struct SequenceArgs {
    /// The sequence itself.
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    pub text: Option<String>,
    /// A file holding the sequence.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// What a symbol is.
    #[arg(long, value_enum, default_value_t)]
    pub tokens: Tokens,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// What one symbol of a sequence is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Tokens {
    /// Each character (the default; a trailing newline of a file is dropped).
    #[default]
    Chars,
    /// Each byte.
    Bytes,
    /// Each whitespace-separated word.
    Words,
    /// Each line.
    Lines,
}

/// `ladders measure compress`.
#[derive(Debug, Args)]
pub struct CompressArgs {
    /// Codec: deflate, brotli or lz4, optionally with a level (deflate-6, brotli-9).
    #[arg(long, default_value = "deflate-9")]
    pub codec: String,
    /// The data itself.
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    pub text: Option<String>,
    /// A file holding the data (compressed byte for byte).
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The CTM table and partition BDM uses.
#[derive(Debug, Args)]
pub struct BdmOptions {
    /// How the input is cut into blocks.
    #[arg(long, value_enum, default_value_t)]
    pub partition: PartitionArg,
    /// Block size: string length (1 to 12) in 1D, square side (1 to 4) in 2D.
    #[arg(long)]
    pub block: Option<usize>,
    /// A CTM table file (shape, key, bits per line) instead of the bundled one.
    #[arg(long, value_name = "FILE")]
    pub table: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `ladders measure bdm1d`.
#[derive(Debug, Args)]
pub struct Bdm1dArgs {
    /// The binary string.
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    pub text: Option<String>,
    /// A file holding the binary string.
    #[arg(long)]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub options: BdmOptions,
}

/// `ladders measure bdm2d`.
#[derive(Debug, Args)]
pub struct Bdm2dArgs {
    /// A file of rows of 0 and 1.
    #[arg(long)]
    pub grid: PathBuf,
    /// Also the map of ΔBDM for flipping each cell.
    #[arg(long)]
    pub perturbation: bool,
    #[command(flatten)]
    pub options: BdmOptions,
}

/// Partition names for the command line.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum PartitionArg {
    /// Non-overlapping tiles; partial tiles dropped.
    #[default]
    Ignore,
    /// Non-overlapping tiles; partial tiles retiled with smaller squares (side ≥ 2).
    Recursive,
    /// Sliding window, stride 1.
    Correlated,
}

impl From<PartitionArg> for Partition {
    fn from(p: PartitionArg) -> Self {
        match p {
            PartitionArg::Ignore => Partition::Ignore,
            PartitionArg::Recursive => Partition::Recursive,
            PartitionArg::Correlated => Partition::Correlated,
        }
    }
}

/// Run one measure and print it.
pub fn run(args: &MeasureArgs, _memory: crate::limits::MemoryBudget) -> anyhow::Result<()> {
    let (report, format) = match &args.measure {
        MeasureCommand::Lz76(a) => (lz76_report(a)?, a.format),
        MeasureCommand::Compress(a) => (compress_report(a)?, a.format),
        MeasureCommand::Bdm1d(a) => {
            let (label, text) = input_text(a.text.as_deref(), a.file.as_deref())?;
            let grid = BinaryGrid::parse(Path::new(&label), text.trim())?;
            if grid.rows() != 1 {
                bail!(
                    "{label}: bdm1d needs one binary string, but the input has {} lines",
                    grid.rows()
                );
            }
            (
                bdm_report("bdm1d", &grid, Dimensions::One, &a.options, false)?,
                a.options.format,
            )
        }
        MeasureCommand::Ctm(a) => (ctm_report(a)?, a.format),
        MeasureCommand::Bdm2d(a) => {
            let text = read_text(&a.grid)?;
            let grid = BinaryGrid::parse(&a.grid, &text)?;
            (
                bdm_report("bdm2d", &grid, Dimensions::Two, &a.options, a.perturbation)?,
                a.options.format,
            )
        }
    };
    match format {
        Format::Json => crate::outln!("{report:#}"),
        Format::Table => crate::out!("{}", table_text(&report)),
    }
    Ok(())
}

/// The text and a label for errors: `--text` or the file's path.
fn input_text(text: Option<&str>, file: Option<&Path>) -> anyhow::Result<(String, String)> {
    match (text, file) {
        (Some(t), _) => Ok(("--text".to_owned(), t.to_owned())),
        (None, Some(f)) => Ok((f.display().to_string(), read_text(f)?)),
        (None, None) => bail!("give --text or --file"),
    }
}

fn input_bytes(text: Option<&str>, file: Option<&Path>) -> anyhow::Result<(String, Vec<u8>)> {
    match (text, file) {
        (Some(t), _) => Ok(("--text".to_owned(), t.as_bytes().to_vec())),
        (None, Some(f)) => Ok((
            f.display().to_string(),
            std::fs::read(f).with_context(|| format!("{}: cannot read", f.display()))?,
        )),
        (None, None) => bail!("give --text or --file"),
    }
}

/// Split a sequence into symbols.
pub fn tokens_of(bytes: &[u8], tokens: Tokens) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    match tokens {
        Tokens::Chars => text
            .strip_suffix('\n')
            .unwrap_or(&text)
            .chars()
            .map(String::from)
            .collect(),
        Tokens::Bytes => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        Tokens::Words => text.split_whitespace().map(str::to_owned).collect(),
        Tokens::Lines => text.lines().map(str::to_owned).collect(),
    }
}

fn lz76_report(args: &SequenceArgs) -> anyhow::Result<Value> {
    let (label, bytes) = input_bytes(args.text.as_deref(), args.file.as_deref())?;
    let symbols = tokens_of(&bytes, args.tokens);
    if symbols.is_empty() {
        bail!("{label}: the input is empty: LZ76 needs at least one symbol");
    }
    let result = lz76(&symbols);
    Ok(lz76_json(&result, &symbols, args.tokens))
}

/// JSON of an LZ76 result over `symbols`.
pub fn lz76_json(result: &Lz76, symbols: &[String], tokens: Tokens) -> Value {
    let separator = if matches!(tokens, Tokens::Chars | Tokens::Bytes) {
        ""
    } else {
        " "
    };
    let phrases: Vec<String> = result
        .phrases
        .iter()
        .map(|r| symbols[r.clone()].join(separator))
        .collect();
    json!({
        "measure": "lz76",
        "value": result.complexity(),
        "unit": "phrases",
        "normalised": result.normalised(),
        "length": result.length,
        "alphabet": result.alphabet,
        "phrases": phrases,
    })
}

fn compress_report(args: &CompressArgs) -> anyhow::Result<Value> {
    let codec: Codec = args.codec.parse()?;
    let (label, bytes) = input_bytes(args.text.as_deref(), args.file.as_deref())?;
    if bytes.is_empty() {
        bail!("{label}: the input is empty: there is nothing to compress");
    }
    let compressed = codec.compressed_bytes(&bytes);
    Ok(json!({
        "measure": "compress",
        "value": 8 * compressed,
        "unit": "bits",
        "codec": codec.to_string(),
        "level": codec.level,
        "input_bytes": bytes.len(),
        "compressed_bytes": compressed,
    }))
}

/// The CTM table the options ask for.
fn table_for(options: &BdmOptions, dimensions: Dimensions) -> anyhow::Result<CtmTable> {
    let table = match &options.table {
        Some(path) => CtmTable::load(path)?,
        None => CtmTable::bundled(dimensions),
    };
    if table.dimensions != dimensions {
        bail!(
            "the table `{}` holds {} but this measure needs {}",
            table.name,
            dimensions_name(table.dimensions),
            dimensions_name(dimensions)
        );
    }
    Ok(table)
}

fn dimensions_name(d: Dimensions) -> &'static str {
    match d {
        Dimensions::One => "strings (1D)",
        Dimensions::Two => "square blocks (2D)",
    }
}

fn bdm_report(
    measure: &str,
    grid: &BinaryGrid,
    dimensions: Dimensions,
    options: &BdmOptions,
    perturbation: bool,
) -> anyhow::Result<Value> {
    let table = table_for(options, dimensions)?;
    let size = options.block.unwrap_or(dimensions.max_size());
    let partition = Partition::from(options.partition);
    let decomposition = Decomposition::new(grid, &table, size, partition)?;
    let result = decomposition.measure(grid);
    if result.occurrences == 0 {
        bail!(
            "the input ({}×{}) holds no whole block of size {size} under the {} partition: use a smaller --block",
            grid.rows(),
            grid.cols(),
            partition.key()
        );
    }
    let mut report = bdm_json(measure, &result, &table, size, partition);
    if perturbation {
        let map = decomposition.perturbation(grid);
        let rows: Vec<&[f64]> = map.chunks(grid.cols()).collect();
        report["perturbation"] = json!(rows);
    }
    Ok(report)
}

/// JSON of a BDM result.
pub fn bdm_json(
    measure: &str,
    result: &Bdm,
    table: &CtmTable,
    size: usize,
    partition: Partition,
) -> Value {
    let blocks: Vec<Value> = result
        .blocks
        .iter()
        .map(|b| {
            json!({
                "block": b.text(),
                "count": b.count,
                "ctm": b.ctm,
                "in_table": b.known,
                "bits": b.bits_contributed(),
                "positions": b.positions,
            })
        })
        .collect();
    json!({
        "measure": measure,
        "value": result.bits,
        "unit": "bits",
        "table": table.name,
        "partition": partition.key(),
        "block": size,
        "occurrences": result.occurrences,
        "uncovered_cells": result.uncovered,
        "blocks": blocks,
    })
}

/// The machines of `ladders measure ctm`, their table, and its ranks against the bundled one.
fn ctm_report(args: &CtmArgs) -> anyhow::Result<Value> {
    use crate::complexity::{Formalism, compare_tables, table_from_formalism, turing};
    let dimensions = if args.dimensions == 1 {
        Dimensions::One
    } else {
        Dimensions::Two
    };
    let formalism = Formalism {
        dimensions,
        states: args.states,
        max_steps: args.steps,
        sample: args.sample,
    };
    let machines = turing::machine_count(dimensions, args.states);
    // Beyond about 10^10 machines an enumeration takes too long here: ask for a sample.
    if args.sample.is_none() && machines > 20_000_000_000 {
        bail!("{machines} machines are too many to enumerate: pass --sample N");
    }
    let progress = super::progress::Progress::fraction("running machines");
    let table = table_from_formalism(&formalism, &|f| {
        progress.set_fraction(f);
        true
    })?;
    progress.finish();
    if let Some(path) = &args.out {
        crate::document::write_atomically(path, table.to_tsv().as_bytes())
            .with_context(|| format!("{}: cannot write the table", path.display()))?;
    }
    let bundled = CtmTable::shared(dimensions);
    let sizes: Vec<Value> = (1..=dimensions.max_size())
        .map(|size| {
            let comparison = compare_tables(&bundled, &table, size);
            json!({
                "size": size,
                "blocks": comparison.blocks.len(),
                "produced": table.known(size),
                "spearman": if comparison.spearman.is_finite() { json!(comparison.spearman) } else { Value::Null },
            })
        })
        .collect();
    Ok(json!({
        "measure": "ctm",
        "value": table.name,
        "unit": "table",
        "machines": machines.to_string(),
        "sizes": sizes,
        "written_to": args.out.as_ref().map(|p| p.display().to_string()),
    }))
}

/// A short human summary of a report.
fn table_text(report: &Value) -> String {
    let mut out = format!(
        "{}: {} {}\n",
        report["measure"].as_str().unwrap_or("?"),
        report["value"],
        report["unit"].as_str().unwrap_or("")
    );
    for key in [
        "normalised",
        "length",
        "alphabet",
        "codec",
        "input_bytes",
        "compressed_bytes",
        "table",
        "partition",
        "block",
        "occurrences",
        "uncovered_cells",
    ] {
        if let Some(v) = report.get(key) {
            out += &format!("  {key}: {v}\n");
        }
    }
    const SHOWN: usize = 40;
    if let Some(phrases) = report["phrases"].as_array() {
        let shown: Vec<&str> = phrases
            .iter()
            .take(SHOWN)
            .filter_map(Value::as_str)
            .collect();
        out += &format!("  phrases: {}", shown.join("·"));
        if phrases.len() > SHOWN {
            out += &format!(" … ({} more)", phrases.len() - SHOWN);
        }
        out.push('\n');
    }
    if let Some(blocks) = report["blocks"].as_array() {
        out += "  block            count    ctm     bits\n";
        for b in blocks.iter().take(SHOWN) {
            out += &format!(
                "  {:<16} {:>5} {:>7.3} {:>8.3}\n",
                b["block"].as_str().unwrap_or("?"),
                b["count"],
                b["ctm"].as_f64().unwrap_or(f64::NAN),
                b["bits"].as_f64().unwrap_or(f64::NAN)
            );
        }
        if blocks.len() > SHOWN {
            out += &format!("  … ({} more distinct blocks)\n", blocks.len() - SHOWN);
        }
    }
    if let Some(sizes) = report["sizes"].as_array() {
        out += "  size  blocks  produced  spearman vs bundled\n";
        for size in sizes {
            out += &format!(
                "  {:>4}  {:>6}  {:>8}  {}\n",
                size["size"],
                size["blocks"],
                size["produced"],
                size["spearman"]
                    .as_f64()
                    .map_or_else(|| "-".to_owned(), |r| format!("{r:.3}"))
            );
        }
    }
    if let Some(rows) = report["perturbation"].as_array() {
        out += &format!(
            "  perturbation map: {} rows (use --format json for the values)\n",
            rows.len()
        );
    }
    out
}

/// The choices `ladders score` makes for the sequence, block and program measures.
#[derive(Debug, Clone, Args)]
pub struct ScoreMeasureArgs {
    /// What LZ76 and compressed size read: the effect as text, the plan's actions, or the
    /// words of the plan's shortest description in the language.
    #[arg(long, value_enum, default_value_t)]
    pub stream: StreamArg,
    /// Codec of compressed size: deflate, brotli or lz4, optionally with a level.
    #[arg(long, default_value = "deflate-9")]
    pub codec: String,
    /// How BDM cuts the effect's grids.
    #[arg(long, value_enum, default_value_t)]
    pub partition: PartitionArg,
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

/// Stream names for the command line.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum StreamArg {
    /// The effect as `variable=value` lines.
    #[default]
    Effect,
    /// The plan's primitive actions.
    Plan,
    /// The words of the plan's shortest description in the language.
    Words,
}

impl ScoreMeasureArgs {
    /// Apply the choices to a setting.
    pub fn apply(&self, setting: &mut crate::analysis::Setting) -> anyhow::Result<()> {
        setting.stream = match self.stream {
            StreamArg::Effect => crate::measures::Stream::Effect,
            StreamArg::Plan => crate::measures::Stream::Plan,
            StreamArg::Words => crate::measures::Stream::Words,
        };
        setting.codec = self.codec.parse()?;
        if !(1..=Dimensions::Two.max_size()).contains(&self.block) {
            bail!(
                "--block {} is not available: 2D blocks have sides 1 to 4",
                self.block
            );
        }
        setting.bdm.block = self.block;
        setting.bdm.partition = self.partition.into();
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
