//! `ladders measure`: the world-free complexity measures on text, files and grids, as a
//! table for people or JSON with the evidence (phrases, blocks).
//!
//! These are the paths the benchmarks time: a file is read once with a size limit, LZ76
//! runs on the bytes themselves (binary input straight into the packed-bit match
//! finder), the bundled CTM tables load from their binary form, and the evidence lists
//! the first [`EVIDENCE_LISTED`] phrases or blocks unless every one is asked for.

use super::Format;
use anyhow::bail;
use clap::{Args, Subcommand, ValueEnum};
use ladders_domain::complexity::{
    Bdm, BinaryGrid, Codec, CtmTable, Decomposition, Dimensions, GRID_FILE_LIMIT, Lz76, Partition,
    Stopped, lz76, lz76_bytes, lz76_memory, text_of,
};
use ladders_domain::limits::{MemoryBudget, read_limited};
use serde_json::{Value, json};
use std::ops::Range;
use std::path::{Path, PathBuf};

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

/// The fewest bytes LZ76 needs per input byte (binary input): the file read is limited
/// to the memory budget over this.
const LZ76_LEAST_BYTES_PER_SYMBOL: u64 = 6;

/// The largest `--steps` of `ladders measure ctm`.
pub const CTM_STEPS_MAX: u32 = 1_000_000;
/// The largest `--sample` of `ladders measure ctm`.
pub const CTM_SAMPLE_MAX: u64 = 1 << 40;
/// The default `--max-work` of `ladders measure ctm`, in steps of work (a 1D step is
/// one, a 2D step three, each machine sixteen more): under ten seconds on two busy cores.
pub const CTM_WORK_DEFAULT: u64 = 3_000_000_000;

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

/// Where a sequence comes from and how it splits into symbols.
#[derive(Debug, Args)]
pub struct SequenceArgs {
    /// The sequence itself.
    #[arg(long, conflicts_with = "file", required_unless_present = "file")]
    pub text: Option<String>,
    /// A file holding the sequence (at most the memory budget / 6 bytes).
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// What a symbol is.
    #[arg(long, value_enum, default_value_t)]
    pub tokens: Tokens,
    /// List every phrase in JSON (by default the first 1,000; the count is always whole).
    #[arg(long)]
    pub all_phrases: bool,
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
    /// List every block, and every position of each, in JSON (by default 1,000 of each).
    #[arg(long)]
    pub all_blocks: bool,
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
pub fn run(args: &MeasureArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    let (report, format) = match &args.measure {
        MeasureCommand::Lz76(a) => (lz76_report(a, memory)?, a.format),
        MeasureCommand::Compress(a) => (compress_report(a, memory)?, a.format),
        MeasureCommand::Bdm1d(a) => {
            let size = block_size(&a.options, Dimensions::One)?;
            let (label, bytes) = input_bytes(
                a.text.as_deref(),
                a.file.as_deref(),
                "a binary string",
                GRID_FILE_LIMIT,
            )?;
            let text = text_of(Path::new(&label), bytes)?;
            let grid = BinaryGrid::parse(Path::new(&label), text.trim())?;
            if grid.rows() != 1 {
                bail!(
                    "{label}: bdm1d needs one binary string, but the input has {} lines",
                    grid.rows()
                );
            }
            let request = BdmRequest {
                measure: "bdm1d",
                label: &label,
                dimensions: Dimensions::One,
                size,
                perturbation: false,
            };
            (
                bdm_report(&request, &grid, &a.options, memory)?,
                a.options.format,
            )
        }
        MeasureCommand::Ctm(a) => (ctm_report(a, memory)?, a.format),
        MeasureCommand::Bdm2d(a) => {
            let size = block_size(&a.options, Dimensions::Two)?;
            let bytes = read_limited(&a.grid, "a binary grid", GRID_FILE_LIMIT)?;
            let text = text_of(&a.grid, bytes)?;
            let grid = BinaryGrid::parse(&a.grid, &text)?;
            let label = a.grid.display().to_string();
            let request = BdmRequest {
                measure: "bdm2d",
                label: &label,
                dimensions: Dimensions::Two,
                size,
                perturbation: a.perturbation,
            };
            (
                bdm_report(&request, &grid, &a.options, memory)?,
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

/// How many distinct byte values `bytes` holds.
fn distinct_bytes(bytes: &[u8]) -> usize {
    let mut present = [false; 256];
    for &b in bytes {
        present[usize::from(b)] = true;
    }
    present.iter().filter(|&&p| p).count()
}

fn lz76_report(args: &SequenceArgs, memory: MemoryBudget) -> anyhow::Result<Value> {
    let limit = memory.bytes() / LZ76_LEAST_BYTES_PER_SYMBOL;
    let (label, bytes) = input_bytes(
        args.text.as_deref(),
        args.file.as_deref(),
        "an LZ76 input",
        limit,
    )?;
    // Refuse before the match finder allocates: `extra` is what the symbols take beyond
    // the bytes already read.
    let check = |n: usize, alphabet: usize, extra: u64| {
        memory.check(
            &format!("LZ76 of {n} symbols"),
            lz76_memory(n, alphabet) + extra,
        )
    };
    let listed = listed(args.format, args.all_phrases);
    let empty = || anyhow::anyhow!("{label}: the input is empty: LZ76 needs at least one symbol");
    let report = match args.tokens {
        Tokens::Chars | Tokens::Bytes => {
            let symbols = match args.tokens {
                Tokens::Chars => bytes.strip_suffix(b"\n").unwrap_or(&bytes[..]),
                _ => &bytes[..],
            };
            if symbols.is_empty() {
                return Err(empty());
            }
            if args.tokens == Tokens::Bytes || symbols.is_ascii() {
                // One byte, one symbol: the match finder reads the bytes themselves.
                check(symbols.len(), distinct_bytes(symbols), 0)?;
                let result = lz76_bytes(symbols);
                if args.tokens == Tokens::Bytes {
                    lz76_json(&result, listed, |r| {
                        symbols[r].iter().map(|b| format!("{b:02x}")).collect()
                    })
                } else {
                    lz76_json(&result, listed, |r| {
                        String::from_utf8_lossy(&symbols[r]).into_owned()
                    })
                }
            } else {
                let text = String::from_utf8_lossy(&bytes);
                let chars: Vec<char> = text.strip_suffix('\n').unwrap_or(&text).chars().collect();
                check(chars.len(), 3, 8 * chars.len() as u64)?;
                let result = lz76(&chars);
                lz76_json(&result, listed, |r| chars[r].iter().collect())
            }
        }
        Tokens::Words | Tokens::Lines => {
            let text = String::from_utf8_lossy(&bytes);
            let words: Vec<&str> = if args.tokens == Tokens::Words {
                text.split_whitespace().collect()
            } else {
                text.lines().collect()
            };
            if words.is_empty() {
                return Err(empty());
            }
            check(words.len(), 3, 24 * words.len() as u64)?;
            let result = lz76(&words);
            lz76_json(&result, listed, |r| words[r].join(" "))
        }
    };
    Ok(report)
}

/// JSON of an LZ76 result: the first `listed` phrases as text (`text` of each range),
/// and how many more there are.
pub fn lz76_json(result: &Lz76, listed: usize, text: impl Fn(Range<usize>) -> String) -> Value {
    let phrases: Vec<String> = result
        .phrases
        .iter()
        .take(listed)
        .map(|r| text(r.clone()))
        .collect();
    let omitted = result.complexity() - phrases.len();
    let mut report = json!({
        "measure": "lz76",
        "value": result.complexity(),
        "unit": "phrases",
        "normalised": result.normalised(),
        "length": result.length,
        "alphabet": result.alphabet,
        "phrases": phrases,
    });
    if omitted > 0 {
        report["phrases_omitted"] = json!(omitted);
    }
    report
}

fn compress_report(args: &CompressArgs, memory: MemoryBudget) -> anyhow::Result<Value> {
    let codec: Codec = args.codec.parse()?;
    // The input and a compressed copy of at most about its size.
    let (label, bytes) = input_bytes(
        args.text.as_deref(),
        args.file.as_deref(),
        "an input to compress",
        memory.bytes() / 3,
    )?;
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

/// The block size the options ask for, checked before any input is read.
fn block_size(options: &BdmOptions, dimensions: Dimensions) -> anyhow::Result<usize> {
    let size = options.block.unwrap_or(dimensions.max_size());
    if !(1..=dimensions.max_size()).contains(&size) {
        bail!(
            "block size {size} is not available: {} blocks have {} 1 to {}",
            match dimensions {
                Dimensions::One => "1D",
                Dimensions::Two => "2D",
            },
            match dimensions {
                Dimensions::One => "lengths",
                Dimensions::Two => "sides",
            },
            dimensions.max_size()
        );
    }
    Ok(size)
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

/// What one BDM command asks for.
struct BdmRequest<'a> {
    measure: &'a str,
    /// The input, for messages.
    label: &'a str,
    dimensions: Dimensions,
    size: usize,
    perturbation: bool,
}

/// About how many bytes BDM of `cells` cells takes at most: the grid, the block
/// occurrences (at most one per cell) with their positions, and for the perturbation
/// map the blocks covering each cell and the map's JSON.
fn bdm_memory(cells: u64, block_cells: u64, perturbation: bool, all_blocks: bool) -> u64 {
    let mut bytes = cells * 2 + cells * 48;
    if perturbation {
        bytes += cells * (24 + 4 * block_cells) + cells * 48;
    }
    if all_blocks {
        bytes += cells * 120;
    }
    bytes
}

fn bdm_report(
    request: &BdmRequest,
    grid: &BinaryGrid,
    options: &BdmOptions,
    memory: MemoryBudget,
) -> anyhow::Result<Value> {
    let (dimensions, size) = (request.dimensions, request.size);
    let cells = (grid.rows() * grid.cols()) as u64;
    memory.check(
        &format!("BDM of a {}×{} grid", grid.rows(), grid.cols()),
        bdm_memory(
            cells,
            dimensions.cells(size) as u64,
            request.perturbation,
            options.all_blocks,
        ),
    )?;
    let table = table_for(options, dimensions)?;
    let partition = Partition::from(options.partition);
    let decomposition = Decomposition::new(grid, &table, size, partition)?;
    let result = decomposition.measure(grid);
    if result.occurrences == 0 {
        bail!("{}", too_short(request, grid, partition));
    }
    let listed = listed(options.format, options.all_blocks);
    let mut report = bdm_json(request.measure, &result, &table, size, partition, listed);
    if request.perturbation {
        let map = decomposition.perturbation(grid);
        let rows: Vec<&[f64]> = map.chunks(grid.cols()).collect();
        report["perturbation"] = json!(rows);
    }
    Ok(report)
}

/// What to do when the input holds no whole block.
fn too_short(request: &BdmRequest, grid: &BinaryGrid, partition: Partition) -> String {
    let size = request.size;
    match request.dimensions {
        Dimensions::One => {
            let length = grid.cols();
            let recursive = if length >= 2 && partition != Partition::Recursive {
                " or --partition recursive (which measures a short end with a shorter block)"
            } else {
                ""
            };
            format!(
                "{}: the string has {length} symbol{}, shorter than the block length {size}: pass --block {length} or less{recursive}",
                request.label,
                if length == 1 { "" } else { "s" }
            )
        }
        Dimensions::Two => {
            let side = grid.rows().min(grid.cols());
            let recursive = if side >= 2 && partition != Partition::Recursive {
                " or --partition recursive (which retiles the edges with smaller squares)"
            } else {
                ""
            };
            format!(
                "{}: the grid ({}×{}) is smaller than the block side {size}: pass --block {side} or less{recursive}",
                request.label,
                grid.rows(),
                grid.cols()
            )
        }
    }
}

/// JSON of a BDM result, listing the `listed` dearest blocks with at most `listed`
/// positions each.
pub fn bdm_json(
    measure: &str,
    result: &Bdm,
    table: &CtmTable,
    size: usize,
    partition: Partition,
    listed: usize,
) -> Value {
    let blocks: Vec<Value> = result
        .blocks
        .iter()
        .take(listed)
        .map(|b| {
            let mut block = json!({
                "block": b.text(),
                "count": b.count,
                "ctm": b.ctm,
                "in_table": b.known,
                "bits": b.bits_contributed(),
                "positions": &result.positions[b.positions.clone()][..b.count.min(listed)],
            });
            if b.count > listed {
                block["positions_omitted"] = json!(b.count - listed);
            }
            block
        })
        .collect();
    let mut report = json!({
        "measure": measure,
        "value": result.bits,
        "unit": "bits",
        "table": table.name,
        "partition": partition.key(),
        "block": size,
        "occurrences": result.occurrences,
        "uncovered_cells": result.uncovered,
        "distinct_blocks": result.blocks.len(),
        "blocks": blocks,
    });
    if result.blocks.len() > listed {
        report["blocks_omitted"] = json!(result.blocks.len() - listed);
    }
    report
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
fn ctm_report(args: &CtmArgs, memory: MemoryBudget) -> anyhow::Result<Value> {
    use ladders_domain::complexity::{
        Formalism, compare_tables, table_from_formalism_within, turing,
    };
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
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
    let progress = super::progress::Progress::fraction("running machines");
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
    if let Some(phrases) = report["phrases"].as_array() {
        let shown: Vec<&str> = phrases
            .iter()
            .take(SHOWN)
            .filter_map(Value::as_str)
            .collect();
        out += &format!("  phrases: {}", shown.join("·"));
        let total = report["value"].as_u64().unwrap_or(0) as usize;
        if total > shown.len() {
            out += &format!(" … ({} more)", total - shown.len());
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
        let distinct = report["distinct_blocks"].as_u64().unwrap_or(0) as usize;
        if distinct > SHOWN {
            out += &format!("  … ({} more distinct blocks)\n", distinct - SHOWN);
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
