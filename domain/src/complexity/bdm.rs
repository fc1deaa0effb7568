//! The block decomposition method (Zenil et al. 2018): cut a binary string or grid into
//! small blocks, and add up what a CTM table says each distinct block costs, plus the
//! bits to say how often it repeats:
//!
//! BDM = Σ over distinct raw blocks b of CTM(normalise(b)) + log2(occurrences of b).
//!
//! A block and its complement share one CTM value but count as two blocks.

use super::ctm::{CtmTable, Dimensions, block_text};
use super::grid::BinaryGrid;
use crate::choice::Choice;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;
use thiserror::Error;

/// How a grid is cut into blocks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Partition {
    /// Non-overlapping tiles from the origin; partial tiles at the edges are dropped.
    #[default]
    Ignore,
    /// Non-overlapping tiles; a partial tile is retiled with the largest square blocks
    /// that fit, down to a side of 2; thinner remainders are dropped.
    Recursive,
    /// Every block position (a sliding window with stride 1).
    Correlated,
}

impl Choice for Partition {
    const ALL: &'static [Self] = &[
        Partition::Ignore,
        Partition::Recursive,
        Partition::Correlated,
    ];

    fn key(self) -> &'static str {
        match self {
            Partition::Ignore => "ignore",
            Partition::Recursive => "recursive",
            Partition::Correlated => "correlated",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Partition::Ignore => "non-overlapping tiles; partial tiles dropped",
            Partition::Recursive => {
                "non-overlapping tiles; partial tiles retiled with smaller squares (side ≥ 2)"
            }
            Partition::Correlated => "sliding window, stride 1",
        }
    }
}

/// The smallest side a recursive partition retiles with.
const RECURSIVE_MIN_SIDE: usize = 2;

/// Why BDM cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum BdmError {
    /// The block size is not one the table holds.
    #[error("block size {size} is not available: the table `{table}` holds sizes 1 to {max}")]
    BlockSize {
        /// Asked for.
        size: usize,
        /// The table's name.
        table: String,
        /// The largest size.
        max: usize,
    },
    /// A 1D table applied to a grid of several rows.
    #[error("a 1D table needs a single string, but the input has {0} rows")]
    NotAString(usize),
    /// More block occurrences than a measure indexes (2^32).
    #[error("the grid has {0} block occurrences; at most 2^32 are measured")]
    TooManyBlocks(usize),
}

/// One distinct raw block, how often it occurs and what it costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockCount {
    /// Rows of the block (1 for strings).
    pub rows: usize,
    /// Columns of the block.
    pub cols: usize,
    /// The cells, row-major, first cell in the most significant bit.
    pub bits: u64,
    /// Occurrences in the partition.
    pub count: usize,
    /// CTM value of its normalised form, in bits.
    pub ctm: f64,
    /// Whether the table had the value (otherwise it is the table's fallback).
    pub known: bool,
    /// Top-left cell (row, col) of the first occurrence.
    pub first: (usize, usize),
    /// Where its occurrences are in [`Bdm::positions`]: one flat list instead of a list
    /// per block, which cost a third of the measure in allocations.
    pub positions: Range<usize>,
}

impl BlockCount {
    /// This block's share of BDM: CTM + log2(count).
    pub fn bits_contributed(&self) -> f64 {
        self.ctm + (self.count as f64).log2()
    }

    /// The block as `0`/`1` text, rows separated by `/`.
    pub fn text(&self) -> String {
        block_text(self.bits, self.rows, self.cols)
    }
}

/// BDM of a grid, with the blocks as evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bdm {
    /// The value in bits.
    pub bits: f64,
    /// Distinct blocks, dearest contribution first.
    pub blocks: Vec<BlockCount>,
    /// Top-left cell (row, col) of every occurrence, grouped by block
    /// ([`BlockCount::positions`]).
    pub positions: Vec<(usize, usize)>,
    /// How many block occurrences the partition has.
    pub occurrences: usize,
    /// Cells that no block covers (dropped by the partition).
    pub uncovered: usize,
}

/// One block occurrence: top-left corner and size (side in 2D, length in 1D).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Place {
    row: usize,
    col: usize,
    size: usize,
}

/// A grid cut into blocks, ready to measure and perturb.
pub struct Decomposition<'t> {
    table: &'t CtmTable,
    dimensions: Dimensions,
    places: Vec<Place>,
    rows: usize,
    cols: usize,
    /// Whether blocks overlap (the correlated partition).
    overlapping: bool,
}

impl<'t> Decomposition<'t> {
    /// Cut `grid` into blocks of `size` under `partition`, for `table`.
    pub fn new(
        grid: &BinaryGrid,
        table: &'t CtmTable,
        size: usize,
        partition: Partition,
    ) -> Result<Self, BdmError> {
        let dimensions = table.dimensions;
        if size == 0 || size > dimensions.max_size() {
            return Err(BdmError::BlockSize {
                size,
                table: table.name.clone(),
                max: dimensions.max_size(),
            });
        }
        if dimensions == Dimensions::One && grid.rows() != 1 {
            return Err(BdmError::NotAString(grid.rows()));
        }
        let mut places = Vec::new();
        let (rows, cols) = (grid.rows(), grid.cols());
        match (dimensions, partition) {
            (Dimensions::One, Partition::Correlated) => {
                places.extend(
                    (0..=cols.saturating_sub(size))
                        .filter(|_| cols >= size)
                        .map(|col| Place { row: 0, col, size }),
                );
            }
            (Dimensions::Two, Partition::Correlated) => {
                if rows >= size && cols >= size {
                    for row in 0..=rows - size {
                        places.extend((0..=cols - size).map(|col| Place { row, col, size }));
                    }
                }
            }
            (_, partition) => tile(dimensions, 0, 0, rows, cols, size, partition, &mut places),
        }
        if u32::try_from(places.len()).is_err() {
            return Err(BdmError::TooManyBlocks(places.len()));
        }
        Ok(Self {
            table,
            dimensions,
            places,
            rows,
            cols,
            overlapping: partition == Partition::Correlated,
        })
    }

    fn extent(&self, place: Place) -> (usize, usize) {
        match self.dimensions {
            Dimensions::One => (1, place.size),
            Dimensions::Two => (place.size, place.size),
        }
    }

    fn key(&self, grid: &BinaryGrid, place: Place) -> (usize, u64) {
        let (h, w) = self.extent(place);
        (place.size, grid.block_bits(place.row, place.col, h, w))
    }

    /// BDM of `grid` (the grid this decomposition was made for), with its blocks.
    pub fn measure(&self, grid: &BinaryGrid) -> Bdm {
        // Group the occurrences by block: sorting their keys costs less than the flat
        // table of every raw block (2^16 entries for 4×4) unless there are many.
        // A key packs size, bits and occurrence into one u64, so the sort compares
        // integers: `new` keeps a block within the table's sizes (at most 16 cells, a
        // size below 16) and fewer than 2^32 occurrences.
        let mut keyed: Vec<u64> = self
            .places
            .iter()
            .enumerate()
            .map(|(i, &place)| {
                let (size, bits) = self.key(grid, place);
                debug_assert!(size < 16 && bits < 1 << 16 && i < 1 << 32);
                ((size as u64) << 52) | (bits << 32) | i as u64
            })
            .collect();
        keyed.sort_unstable();
        let occurrence = |key: u64| (key & u64::from(u32::MAX)) as usize;
        let mut blocks: Vec<(f64, BlockCount)> = Vec::new();
        let mut positions = Vec::with_capacity(keyed.len());
        for group in keyed.chunk_by(|a, b| a >> 32 == b >> 32) {
            let (size, bits) = ((group[0] >> 52) as usize, (group[0] >> 32) & 0xffff);
            let (h, w) = self.extent(self.places[occurrence(group[0])]);
            let (ctm, known) = self.table.value(size, bits);
            let start = positions.len();
            positions.extend(group.iter().map(|&key| {
                let place = self.places[occurrence(key)];
                (place.row, place.col)
            }));
            let block = BlockCount {
                rows: h,
                cols: w,
                bits,
                count: group.len(),
                ctm,
                known,
                first: positions[start],
                positions: start..positions.len(),
            };
            blocks.push((block.bits_contributed(), block));
        }
        // Unstable is deterministic here: no two blocks share size and bits.
        blocks.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.bits.cmp(&b.1.bits))
                .then(a.1.cols.cmp(&b.1.cols))
        });
        // Tiles do not overlap; windows cover every cell once there is one.
        let cells = self.rows * self.cols;
        let uncovered = match (self.overlapping, self.places.is_empty()) {
            (_, true) => cells,
            (true, false) => 0,
            (false, false) => {
                cells
                    - self
                        .places
                        .iter()
                        .map(|&p| {
                            let (h, w) = self.extent(p);
                            h * w
                        })
                        .sum::<usize>()
            }
        };
        Bdm {
            bits: blocks.iter().fold(0.0, |sum, b| sum + b.0),
            blocks: blocks.into_iter().map(|(_, b)| b).collect(),
            positions,
            occurrences: self.places.len(),
            uncovered,
        }
    }

    /// BDM of `grid` without the evidence: counts in a flat table per block size
    /// instead of a map of blocks with their positions, for speed.
    pub fn bits(&self, grid: &BinaryGrid) -> f64 {
        let max = self.dimensions.max_size();
        let mut counts: Vec<Vec<u32>> = vec![Vec::new(); max + 1];
        let mut touched: Vec<(usize, u64)> = Vec::new();
        for &place in &self.places {
            let (size, bits) = self.key(grid, place);
            let table = &mut counts[size];
            if table.is_empty() {
                *table = vec![0; 1 << self.dimensions.cells(size)];
            }
            let count = &mut table[bits as usize];
            if *count == 0 {
                touched.push((size, bits));
            }
            *count += 1;
        }
        touched.iter().fold(0.0, |sum, &(size, bits)| {
            let count = counts[size][bits as usize];
            sum + self.table.value(size, bits).0 + f64::from(count).log2()
        })
    }

    /// ΔBDM of flipping each cell: BDM(grid with the cell flipped) − BDM(grid), row-major.
    /// Incremental: a flip only changes the blocks that contain the cell, so each cell
    /// costs a few count updates instead of a whole BDM.
    pub fn perturbation(&self, grid: &BinaryGrid) -> Vec<f64> {
        let mut counts: HashMap<(usize, u64), usize> = HashMap::new();
        // Which block occurrences cover each cell.
        let mut covering: Vec<Vec<u32>> = vec![Vec::new(); self.rows * self.cols];
        for (i, &place) in self.places.iter().enumerate() {
            *counts.entry(self.key(grid, place)).or_insert(0) += 1;
            let (h, w) = self.extent(place);
            for r in place.row..place.row + h {
                for c in place.col..place.col + w {
                    covering[r * self.cols + c].push(i as u32);
                }
            }
        }
        let contribution = |key: (usize, u64), count: usize| -> f64 {
            if count == 0 {
                0.0
            } else {
                self.table.value(key.0, key.1).0 + (count as f64).log2()
            }
        };
        let mut deltas = vec![0.0; self.rows * self.cols];
        let mut changes: Vec<((usize, u64), (usize, u64))> = Vec::new();
        for row in 0..self.rows {
            for col in 0..self.cols {
                let cell = row * self.cols + col;
                changes.clear();
                for &i in &covering[cell] {
                    let place = self.places[i as usize];
                    let (h, w) = self.extent(place);
                    let (size, bits) = self.key(grid, place);
                    // The cell's bit within the block, first cell most significant.
                    let offset = (row - place.row) * w + (col - place.col);
                    let flipped = bits ^ (1u64 << (h * w - 1 - offset));
                    changes.push(((size, bits), (size, flipped)));
                }
                let mut delta = 0.0;
                let mut apply =
                    |key: (usize, u64), up: bool, counts: &mut HashMap<(usize, u64), usize>| {
                        let count = counts.entry(key).or_insert(0);
                        let before = contribution(key, *count);
                        if up {
                            *count += 1;
                        } else {
                            *count -= 1;
                        }
                        delta += contribution(key, *count) - before;
                    };
                for &(old, new) in &changes {
                    apply(old, false, &mut counts);
                    apply(new, true, &mut counts);
                }
                // Undo, so the next cell starts from the grid's own counts.
                for &(old, new) in &changes {
                    if let Some(c) = counts.get_mut(&new) {
                        *c -= 1;
                    }
                    *counts.entry(old).or_insert(0) += 1;
                }
                deltas[cell] = delta;
            }
        }
        deltas
    }
}

/// Non-overlapping tiles of `size` over the rectangle at (row, col) of rows × cols; a
/// recursive partition retiles each partial tile with squares of its shorter side.
#[allow(clippy::too_many_arguments)]
fn tile(
    dimensions: Dimensions,
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    size: usize,
    partition: Partition,
    places: &mut Vec<Place>,
) {
    let (height, width) = match dimensions {
        Dimensions::One => (1, size),
        Dimensions::Two => (size, size),
    };
    let mut r = 0;
    while r < rows {
        let mut c = 0;
        while c < cols {
            let (h, w) = (height.min(rows - r), width.min(cols - c));
            if (h, w) == (height, width) {
                places.push(Place {
                    row: row + r,
                    col: col + c,
                    size,
                });
            } else if partition == Partition::Recursive {
                let side = match dimensions {
                    Dimensions::One => w,
                    Dimensions::Two => h.min(w),
                };
                if side >= RECURSIVE_MIN_SIDE {
                    tile(dimensions, row + r, col + c, h, w, side, partition, places);
                }
            }
            c += width;
        }
        r += height;
    }
}

/// BDM of `grid` in one call.
pub fn bdm(
    grid: &BinaryGrid,
    table: &CtmTable,
    size: usize,
    partition: Partition,
) -> Result<Bdm, BdmError> {
    Ok(Decomposition::new(grid, table, size, partition)?.measure(grid))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn grid(text: &str) -> BinaryGrid {
        BinaryGrid::parse(Path::new("test"), text).unwrap()
    }

    #[test]
    fn bdm_adds_ctm_of_distinct_blocks_and_log_counts() {
        let table = CtmTable::bundled(Dimensions::One);
        // 24 zeros: one distinct block, twice.
        let zeros = grid(&"0".repeat(24));
        let result = bdm(&zeros, &table, 12, Partition::Ignore).unwrap();
        let ctm = table.value(12, 0).0;
        assert!((result.bits - (ctm + 1.0)).abs() < 1e-12);
        // A block and its complement: same CTM, counted as two blocks, each once.
        let both = grid(&format!("{}{}", "0".repeat(12), "1".repeat(12)));
        let result = bdm(&both, &table, 12, Partition::Ignore).unwrap();
        assert_eq!(result.blocks.len(), 2);
        assert!((result.bits - 2.0 * ctm).abs() < 1e-12);
    }

    #[test]
    fn each_block_lists_the_places_it_occurs_at() {
        let table = CtmTable::bundled(Dimensions::Two);
        let text = "0110010\n1011101\n0011010\n1100111\n0110010\n1011101\n";
        let g = grid(text);
        for partition in [
            Partition::Ignore,
            Partition::Recursive,
            Partition::Correlated,
        ] {
            let result = bdm(&g, &table, 2, partition).unwrap();
            let mut listed = 0;
            for block in &result.blocks {
                let places = &result.positions[block.positions.clone()];
                assert_eq!(places.len(), block.count);
                assert_eq!(places[0], block.first);
                for &(row, col) in places {
                    assert_eq!(g.block_bits(row, col, block.rows, block.cols), block.bits);
                }
                listed += places.len();
            }
            assert_eq!(listed, result.occurrences, "{partition:?}");
            assert_eq!(result.positions.len(), result.occurrences);
        }
    }

    #[test]
    fn partitions_cut_as_defined() {
        let table = CtmTable::bundled(Dimensions::One);
        let s = grid("0110100110010");
        // Ignore: three tiles of 4, the 13th symbol dropped.
        let ignore = bdm(&s, &table, 4, Partition::Ignore).unwrap();
        assert_eq!((ignore.occurrences, ignore.uncovered), (3, 1));
        // Recursive with length 5: 5 + 5, then the remainder 3 is retiled as one block of 3.
        let recursive = bdm(&s, &table, 5, Partition::Recursive).unwrap();
        assert_eq!((recursive.occurrences, recursive.uncovered), (3, 0));
        assert!(recursive.blocks.iter().any(|b| b.cols == 3));
        // Correlated: every window of 12 in 13 symbols.
        let correlated = bdm(&s, &table, 12, Partition::Correlated).unwrap();
        assert_eq!(correlated.occurrences, 2);
        // 2D recursive: a 5×5 grid with 4×4 blocks leaves a 1-wide frame: dropped.
        let table2 = CtmTable::bundled(Dimensions::Two);
        let g = grid(&"01101\n".repeat(5));
        let r = bdm(&g, &table2, 4, Partition::Recursive).unwrap();
        assert_eq!((r.occurrences, r.uncovered), (1, 9));
        // 6×6 with 4×4: the 2-wide frame is retiled with 2×2 blocks (2 + 2 + 1).
        let g = grid(&"011010\n".repeat(6));
        let r = bdm(&g, &table2, 4, Partition::Recursive).unwrap();
        assert_eq!((r.occurrences, r.uncovered), (6, 0));
    }

    #[test]
    fn hand_computed_two_by_two() {
        let table = CtmTable::bundled(Dimensions::Two);
        let g = grid("0011\n0011\n");
        let r = bdm(&g, &table, 2, Partition::Ignore).unwrap();
        // Blocks 00/00 and 11/11: the same CTM value, once each.
        let ctm = table.value(2, 0).0;
        assert!((r.bits - 2.0 * ctm).abs() < 1e-12);
    }

    #[test]
    fn bad_block_sizes_and_shapes_are_errors() {
        let one = CtmTable::bundled(Dimensions::One);
        let two = CtmTable::bundled(Dimensions::Two);
        let s = grid("0101");
        assert!(matches!(
            bdm(&s, &one, 13, Partition::Ignore),
            Err(BdmError::BlockSize { .. })
        ));
        assert!(matches!(
            bdm(&s, &two, 5, Partition::Ignore),
            Err(BdmError::BlockSize { .. })
        ));
        assert_eq!(
            bdm(&grid("01\n10"), &one, 2, Partition::Ignore),
            Err(BdmError::NotAString(2))
        );
    }

    #[test]
    fn perturbation_matches_recomputing_bdm() {
        let table = CtmTable::bundled(Dimensions::Two);
        let mut x: u64 = 12345;
        let mut rows = Vec::new();
        for _ in 0..9 {
            let mut row = Vec::new();
            for _ in 0..10 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                row.push(x >> 63 == 1);
            }
            rows.push(row);
        }
        let g = BinaryGrid::from_rows(&rows).unwrap();
        crate::choice::tests::names_round_trip::<Partition>();
        for &partition in Partition::ALL {
            for size in [3, 4] {
                let d = Decomposition::new(&g, &table, size, partition).unwrap();
                let base = d.measure(&g).bits;
                assert!((d.bits(&g) - base).abs() < 1e-9);
                let map = d.perturbation(&g);
                for row in 0..g.rows() {
                    for col in 0..g.cols() {
                        let flipped = g.flipped(row, col);
                        let direct = Decomposition::new(&flipped, &table, size, partition)
                            .unwrap()
                            .measure(&flipped)
                            .bits
                            - base;
                        let fast = map[row * g.cols() + col];
                        assert!(
                            (direct - fast).abs() < 1e-9,
                            "{partition:?} {size} ({row},{col}): {direct} vs {fast}"
                        );
                    }
                }
            }
        }
    }
}
