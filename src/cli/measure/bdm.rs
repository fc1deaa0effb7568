//! `ladders measure bdm1d` and `bdm2d`: the block decomposition method of a binary string
//! or grid, with the blocks as evidence and, in 2D, the perturbation map.

use super::bdm_report::BdmReport;
use super::{Format, input_bytes, listed};
use crate::cli::choice::choice;
use crate::cli::output;
use anyhow::bail;
use clap::Args;
use ladders_domain::complexity::{
    BinaryGrid, CtmTable, Decomposition, Dimensions, GRID_FILE_LIMIT, Partition, text_of,
};
use ladders_domain::limits::{MemoryBudget, read_limited};
use std::path::{Path, PathBuf};

/// The CTM table and partition BDM uses.
#[derive(Debug, Args)]
pub struct BdmOptions {
    /// How the input is cut into blocks.
    #[arg(long, value_parser = choice::<Partition>(), default_value = "ignore")]
    pub partition: Partition,
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

/// BDM of the binary string, printed.
pub fn run_1d(args: &Bdm1dArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    let size = block_size(&args.options, Dimensions::One)?;
    let (label, bytes) = input_bytes(
        args.text.as_deref(),
        args.file.as_deref(),
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
    measure(&request, &grid, &args.options, memory)
}

/// BDM of the binary grid, and its perturbation map if asked for, printed.
pub fn run_2d(args: &Bdm2dArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    let size = block_size(&args.options, Dimensions::Two)?;
    let bytes = read_limited(&args.grid, "a binary grid", GRID_FILE_LIMIT)?;
    let text = text_of(&args.grid, bytes)?;
    let grid = BinaryGrid::parse(&args.grid, &text)?;
    let label = args.grid.display().to_string();
    let request = BdmRequest {
        measure: "bdm2d",
        label: &label,
        dimensions: Dimensions::Two,
        size,
        perturbation: args.perturbation,
    };
    measure(&request, &grid, &args.options, memory)
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
    measure: &'static str,
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

/// Measure `grid` as `request` asks and print the report.
fn measure(
    request: &BdmRequest,
    grid: &BinaryGrid,
    options: &BdmOptions,
    memory: MemoryBudget,
) -> anyhow::Result<()> {
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
    let partition = options.partition;
    let decomposition = Decomposition::new(grid, &table, size, partition)?;
    let result = decomposition.measure(grid);
    if result.occurrences == 0 {
        bail!("{}", too_short(request, grid, partition));
    }
    let map = request
        .perturbation
        .then(|| decomposition.perturbation(grid));
    let mut report = BdmReport::new(
        request.measure,
        &result,
        &table,
        size,
        partition,
        listed(options.format, options.all_blocks),
    );
    if let Some(map) = &map {
        report = report.with_perturbation(map, grid.cols());
    }
    Ok(output::print(&report, options.format)?)
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
