//! Binary grids: the input of BDM. A 1D string is a grid of one row.

use crate::document::DocumentError;
use serde::Serialize;
use std::path::Path;

/// The largest grid or string file BDM reads, in bytes (a 4096 × 4096 grid with line
/// breaks, far beyond what its tables are meant for).
pub const GRID_FILE_LIMIT: u64 = 17 << 20;

/// The text of a file read as bytes: a UTF-8 byte-order mark is dropped, and bytes that
/// are not UTF-8 are an error at their line and column.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, DocumentError> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        DocumentError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not UTF-8 text here".to_owned(),
        }
    })
}

/// A rectangle of 0/1 cells, row-major.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BinaryGrid {
    rows: usize,
    cols: usize,
    cells: Vec<bool>,
}

impl BinaryGrid {
    /// A grid of zeros. `None` if a side is zero.
    pub fn zeros(rows: usize, cols: usize) -> Option<Self> {
        (rows > 0 && cols > 0).then(|| Self {
            rows,
            cols,
            cells: vec![false; rows * cols],
        })
    }

    /// A grid from rows of cells. `None` if it is empty or ragged.
    pub fn from_rows(rows: &[Vec<bool>]) -> Option<Self> {
        let cols = rows.first()?.len();
        if cols == 0 || rows.iter().any(|r| r.len() != cols) {
            return None;
        }
        Some(Self {
            rows: rows.len(),
            cols,
            cells: rows.concat(),
        })
    }

    /// Parse rows of `0` and `1` (blank lines and surrounding spaces ignored); errors
    /// name `path` (a file, or a label such as `--text`), line and column.
    pub fn parse(path: &Path, text: &str) -> Result<Self, DocumentError> {
        let invalid = |line: usize, column: usize, message: String| DocumentError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
        // One flat vector of cells, filled row by row: this parses every grid the
        // command line measures.
        let mut cells: Vec<bool> = Vec::with_capacity(text.len());
        let (mut rows, mut cols) = (0, 0);
        for (index, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let indent = line.len() - line.trim_start().len();
            let before = cells.len();
            // Check the whole row first (a loop the compiler vectorises), then copy it:
            // parsing is most of a `measure bdm2d` process after start-up.
            let row = trimmed.as_bytes();
            // `b | 1 == b'1'` exactly for `0` and `1`; no early exit, so it vectorises.
            let binary = row.iter().fold(true, |ok, &b| ok & (b | 1 == b'1'));
            if let (false, Some(offset)) = (binary, row.iter().position(|&b| b | 1 != b'1')) {
                let column = trimmed[..offset].chars().count();
                let other = trimmed[offset..].chars().next().unwrap_or('?');
                return Err(invalid(
                    index + 1,
                    indent + column + 1,
                    format!("`{other}` is not a binary symbol: BDM's tables are for 0 and 1 only"),
                ));
            }
            cells.extend(row.iter().map(|&b| b == b'1'));
            let length = cells.len() - before;
            if rows > 0 && length != cols {
                return Err(invalid(
                    index + 1,
                    indent + 1,
                    format!(
                        "this row has {length} cells but the first row has {cols}: a grid's rows must be equally long"
                    ),
                ));
            }
            cols = length;
            rows += 1;
        }
        if rows == 0 {
            return Err(invalid(1, 1, "the input is empty".to_owned()));
        }
        Ok(Self { rows, cols, cells })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell at (row, col); false outside.
    pub fn get(&self, row: usize, col: usize) -> bool {
        row < self.rows && col < self.cols && self.cells[row * self.cols + col]
    }

    /// Set the cell at (row, col); ignored outside.
    pub fn set(&mut self, row: usize, col: usize, value: bool) {
        if row < self.rows && col < self.cols {
            self.cells[row * self.cols + col] = value;
        }
    }

    /// The grid with one cell flipped.
    pub fn flipped(&self, row: usize, col: usize) -> Self {
        let mut copy = self.clone();
        copy.set(row, col, !self.get(row, col));
        copy
    }

    /// How many cells are 1.
    pub fn ones(&self) -> usize {
        self.cells.iter().filter(|&&c| c).count()
    }

    /// Rows of `0`/`1` characters.
    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.rows * (self.cols + 1));
        for row in self.cells.chunks(self.cols) {
            out.extend(row.iter().map(|&c| if c { '1' } else { '0' }));
            out.push('\n');
        }
        out
    }

    /// The cells of a `height` × `width` block at (row, col), row-major, first cell in
    /// the most significant bit.
    pub fn block_bits(&self, row: usize, col: usize, height: usize, width: usize) -> u64 {
        let mut bits = 0u64;
        for r in row..row + height {
            let start = r * self.cols + col;
            for &cell in &self.cells[start..start + width] {
                bits = (bits << 1) | u64::from(cell);
            }
        }
        bits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_bad_input_with_positions() {
        let path = Path::new("g.txt");
        let grid = BinaryGrid::parse(path, "010\n  110\n\n").unwrap();
        assert_eq!((grid.rows(), grid.cols(), grid.ones()), (2, 3, 3));
        assert_eq!(grid.block_bits(0, 0, 2, 2), 0b0111);
        let text = BinaryGrid::parse(path, "010\n0210\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            text,
            "g.txt:2:2: `2` is not a binary symbol: BDM's tables are for 0 and 1 only"
        );
        let ragged = BinaryGrid::parse(path, "010\n01\n")
            .unwrap_err()
            .to_string();
        assert!(
            ragged.starts_with("g.txt:2:1: this row has 2 cells"),
            "{ragged}"
        );
        let empty = BinaryGrid::parse(path, "\n  \n").unwrap_err().to_string();
        assert_eq!(empty, "g.txt:1:1: the input is empty");
    }

    #[test]
    fn text_of_drops_a_byte_order_mark_and_locates_bad_bytes() {
        let path = Path::new("g.txt");
        assert_eq!(text_of(path, b"\xEF\xBB\xBF01\n".to_vec()).unwrap(), "01\n");
        let error = text_of(path, b"01\n0\xFF1\n".to_vec()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "g.txt:2:2: the file is not UTF-8 text here"
        );
    }
}
