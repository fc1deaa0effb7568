//! The report of `ladders measure bdm1d` and `bdm2d`: the value, the dearest blocks with
//! where they occur, and the perturbation map.

use super::SHOWN;
use crate::cli::output::{Report, json_text};
use ladders_domain::choice::Choice;
use ladders_domain::complexity::{Bdm, CtmTable, Partition};
use serde::{Serialize, Serializer};
use std::fmt;

/// The report of a BDM command, borrowing the result's positions and map rather than
/// copying them (fields in alphabetical order, see [`Report`]).
#[derive(Debug, Serialize)]
pub struct BdmReport<'a> {
    /// The block size: string length in 1D, square side in 2D.
    block: usize,
    /// The dearest blocks first.
    blocks: Vec<BlockEntry<'a>>,
    /// How many distinct blocks [`BdmReport::blocks`] leaves out, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocks_omitted: Option<usize>,
    /// Distinct blocks in the decomposition.
    distinct_blocks: usize,
    /// `bdm1d` or `bdm2d`.
    measure: &'static str,
    /// Block occurrences in the decomposition.
    occurrences: usize,
    /// How the input was cut into blocks.
    partition: &'static str,
    /// ΔBDM for flipping each cell, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    perturbation: Option<PerturbationMap<'a>>,
    /// The CTM table's name.
    table: &'a str,
    /// Cells no block covers.
    uncovered_cells: usize,
    /// Always `bits`.
    unit: &'static str,
    /// BDM in bits.
    value: f64,
}

/// One distinct block of a decomposition.
#[derive(Debug, Serialize)]
struct BlockEntry<'a> {
    /// Its share of BDM: CTM + log2(count).
    bits: f64,
    /// The block as `0`/`1` text, rows separated by `/`.
    block: String,
    /// How often it occurs.
    count: usize,
    /// Its CTM value in bits.
    ctm: f64,
    /// Whether the table holds it (otherwise its CTM is the table's fallback).
    in_table: bool,
    /// The first positions it occurs at, as (row, column).
    positions: &'a [(usize, usize)],
    /// How many positions [`BlockEntry::positions`] leaves out, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    positions_omitted: Option<usize>,
}

/// A map of one value per cell, written as rows.
#[derive(Debug)]
struct PerturbationMap<'a> {
    /// Row after row.
    cells: &'a [f64],
    /// Cells per row.
    cols: usize,
}

impl PerturbationMap<'_> {
    fn rows(&self) -> std::slice::Chunks<'_, f64> {
        // A grid has at least one column; `max` keeps `chunks` from panicking regardless.
        self.cells.chunks(self.cols.max(1))
    }
}

impl Serialize for PerturbationMap<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.rows())
    }
}

impl<'a> BdmReport<'a> {
    /// The report of `result`, listing the `listed` dearest blocks with at most `listed`
    /// positions each.
    pub fn new(
        measure: &'static str,
        result: &'a Bdm,
        table: &'a CtmTable,
        size: usize,
        partition: Partition,
        listed: usize,
    ) -> Self {
        let blocks = result
            .blocks
            .iter()
            .take(listed)
            .map(|b| BlockEntry {
                bits: b.bits_contributed(),
                block: b.text(),
                count: b.count,
                ctm: b.ctm,
                in_table: b.known,
                positions: &result.positions[b.positions.clone()][..b.count.min(listed)],
                positions_omitted: (b.count > listed).then(|| b.count - listed),
            })
            .collect();
        let distinct = result.blocks.len();
        Self {
            block: size,
            blocks,
            blocks_omitted: (distinct > listed).then(|| distinct - listed),
            distinct_blocks: distinct,
            measure,
            occurrences: result.occurrences,
            partition: partition.key(),
            perturbation: None,
            table: &table.name,
            uncovered_cells: result.uncovered,
            unit: "bits",
            value: result.bits,
        }
    }

    /// The report with the perturbation map `cells`, `cols` to a row.
    pub fn with_perturbation(self, cells: &'a [f64], cols: usize) -> Self {
        Self {
            perturbation: Some(PerturbationMap { cells, cols }),
            ..self
        }
    }
}

impl Report for BdmReport<'_> {}

impl fmt::Display for BdmReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = json_text(self.value);
        writeln!(f, "{}: {value} {}", self.measure, self.unit)?;
        writeln!(f, "  table: {}", json_text(self.table))?;
        writeln!(f, "  partition: {}", json_text(self.partition))?;
        writeln!(f, "  block: {}", self.block)?;
        writeln!(f, "  occurrences: {}", self.occurrences)?;
        writeln!(f, "  uncovered_cells: {}", self.uncovered_cells)?;
        writeln!(f, "  block            count    ctm     bits")?;
        for b in self.blocks.iter().take(SHOWN) {
            // The count unpadded, as this table has always printed it.
            writeln!(
                f,
                "  {:<16} {} {:>7.3} {:>8.3}",
                b.block, b.count, b.ctm, b.bits
            )?;
        }
        if self.distinct_blocks > SHOWN {
            let more = self.distinct_blocks - SHOWN;
            writeln!(f, "  … ({more} more distinct blocks)")?;
        }
        if let Some(map) = &self.perturbation {
            let rows = map.rows().count();
            writeln!(
                f,
                "  perturbation map: {rows} rows (use --format json for the values)"
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::output;
    use ladders_domain::complexity::{BinaryGrid, Decomposition, Dimensions};
    use std::path::Path;

    #[test]
    fn the_report_lists_keys_in_order_at_every_depth_and_says_what_it_leaves_out() {
        let grid = BinaryGrid::parse(Path::new("test"), "0110\n1001\n0110\n1111").unwrap();
        let table = CtmTable::bundled(Dimensions::Two);
        let decomposition = Decomposition::new(&grid, &table, 2, Partition::Correlated).unwrap();
        let result = decomposition.measure(&grid);
        let map = decomposition.perturbation(&grid);
        let report = BdmReport::new("bdm2d", &result, &table, 2, Partition::Correlated, 1)
            .with_perturbation(&map, grid.cols());
        assert!(output::keys_are_sorted(&report));
        assert_eq!(report.blocks.len(), 1);
        assert_eq!(report.blocks_omitted, Some(result.blocks.len() - 1));
        assert!(report.blocks[0].positions.len() <= 1);
        let table_text = report.to_string();
        assert!(table_text.starts_with("bdm2d: "));
        assert!(table_text.contains("  partition: \"correlated\"\n"));
        assert!(
            table_text.ends_with("  perturbation map: 4 rows (use --format json for the values)\n")
        );
    }
}
