//! Coding-theorem (CTM) tables: for each small binary block, −log2 of the probability
//! that a random halting machine of some formalism outputs it. The machine formalism is
//! the language; the bundled tables are those of the pybdm package (MIT, see
//! `assets/ctm/LICENSE-pybdm`), computed from Turing machines with up to 5 states.

use crate::document::{DocumentError, read_text};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Whether a table holds strings or square blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimensions {
    /// Strings of length 1..=12.
    One,
    /// Square blocks of side 1..=4.
    Two,
}

impl Dimensions {
    /// The largest block size a table can hold: length in 1D, side in 2D.
    pub fn max_size(self) -> usize {
        match self {
            Dimensions::One => 12,
            Dimensions::Two => 4,
        }
    }

    /// Cells of a block of this size.
    pub fn cells(self, size: usize) -> usize {
        match self {
            Dimensions::One => size,
            Dimensions::Two => size * size,
        }
    }
}

/// The bundled 1D table: strings of length 1 to 12.
const BUNDLED_1D: &str = include_str!("../../assets/ctm/ctm-b2-d12.tsv");
/// The bundled 2D table: square blocks 1×1 to 4×4.
const BUNDLED_2D: &str = include_str!("../../assets/ctm/ctm-b2-d4x4.tsv");

/// CTM values of every normalised binary block of each size.
#[derive(Clone, Debug)]
pub struct CtmTable {
    /// Where the values come from, for evidence and JSON.
    pub name: String,
    /// Strings or square blocks.
    pub dimensions: Dimensions,
    /// Per size (index = length or side), the value of each normalised key (first cell
    /// 0, so the first half of `2^cells` keys); NaN where the table has no value.
    values: Vec<Vec<f64>>,
    /// Per size, the value used for a block the table lacks: one bit more than the
    /// largest value of that size, or of the table if it has none of that size (blocks
    /// no machine produced are rarer than any that some machine did).
    fallback: Vec<f64>,
}

impl PartialEq for CtmTable {
    // Bitwise, so that a table with missing (NaN) values equals itself.
    fn eq(&self, other: &Self) -> bool {
        let bits =
            |t: &CtmTable| -> Vec<u64> { t.values.iter().flatten().map(|v| v.to_bits()).collect() };
        self.name == other.name && self.dimensions == other.dimensions && bits(self) == bits(other)
    }
}

impl CtmTable {
    /// The bundled table for `dimensions`, parsed once per process.
    pub fn shared(dimensions: Dimensions) -> Arc<CtmTable> {
        static ONE: OnceLock<Arc<CtmTable>> = OnceLock::new();
        static TWO: OnceLock<Arc<CtmTable>> = OnceLock::new();
        let cell = match dimensions {
            Dimensions::One => &ONE,
            Dimensions::Two => &TWO,
        };
        Arc::clone(cell.get_or_init(|| Arc::new(Self::bundled(dimensions))))
    }

    /// The bundled pybdm table for `dimensions`.
    pub fn bundled(dimensions: Dimensions) -> Self {
        let (text, name) = match dimensions {
            Dimensions::One => (BUNDLED_1D, "pybdm ctm-b2-d12"),
            Dimensions::Two => (BUNDLED_2D, "pybdm ctm-b2-d4x4"),
        };
        // The bundled text is checked by a test; an error here is a build mistake.
        Self::parse(Path::new(name), text, name.to_owned())
            .unwrap_or_else(|_| Self::from_values(name.to_owned(), dimensions, Vec::new()))
    }

    /// Load a table file: lines `shape<TAB>key<TAB>bits`, `#` comments. The shape is a
    /// length (`12`) or a square (`4x4`); all lines must agree on which.
    pub fn load(path: &Path) -> Result<Self, DocumentError> {
        let text = read_text(path)?;
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        Self::parse(path, &text, name)
    }

    /// Parse the text of a table file named `path`.
    pub fn parse(path: &Path, text: &str, name: String) -> Result<Self, DocumentError> {
        let invalid = |line: usize, column: usize, message: String| DocumentError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message,
        };
        let mut dimensions = None;
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let column_of = |field: usize| {
                fields[..field]
                    .iter()
                    .map(|f| f.chars().count() + 1)
                    .sum::<usize>()
                    + 1
            };
            if fields.len() != 3 {
                return Err(invalid(
                    number,
                    1,
                    format!(
                        "expected 3 tab-separated fields (shape, key, bits), found {}",
                        fields.len()
                    ),
                ));
            }
            let (dims, size) = parse_shape(fields[0]).ok_or_else(|| {
                invalid(
                    number,
                    1,
                    format!("`{}` is not a shape such as 12 or 4x4", fields[0]),
                )
            })?;
            if *dimensions.get_or_insert(dims) != dims {
                return Err(invalid(
                    number,
                    1,
                    "this table mixes strings and square blocks".to_owned(),
                ));
            }
            if size == 0 || size > dims.max_size() {
                return Err(invalid(
                    number,
                    1,
                    format!("block size {size} is outside 1..={}", dims.max_size()),
                ));
            }
            let key = fields[1];
            if key.chars().count() != dims.cells(size) {
                return Err(invalid(
                    number,
                    column_of(1),
                    format!(
                        "the key has {} cells but the shape needs {}",
                        key.chars().count(),
                        dims.cells(size)
                    ),
                ));
            }
            let mut bits = 0u64;
            for (offset, c) in key.chars().enumerate() {
                let cell = match c {
                    '0' => 0,
                    '1' => 1,
                    other => {
                        return Err(invalid(
                            number,
                            column_of(1) + offset,
                            format!("`{other}` is not a binary symbol"),
                        ));
                    }
                };
                bits = (bits << 1) | cell;
            }
            let value: f64 = fields[2].trim().parse().map_err(|_| {
                invalid(
                    number,
                    column_of(2),
                    format!("`{}` is not a number of bits", fields[2].trim()),
                )
            })?;
            if !(value.is_finite() && value >= 0.0) {
                return Err(invalid(
                    number,
                    column_of(2),
                    format!("{value} is not a non-negative number of bits"),
                ));
            }
            entries.push((size, bits, value));
        }
        let Some(dimensions) = dimensions else {
            return Err(invalid(1, 1, "the table has no values".to_owned()));
        };
        Ok(Self::from_values(name, dimensions, entries))
    }

    /// A table from (size, raw block bits, value) entries; a block and its complement
    /// share one value, and the later entry wins.
    pub fn from_values(
        name: String,
        dimensions: Dimensions,
        entries: Vec<(usize, u64, f64)>,
    ) -> Self {
        let max = dimensions.max_size();
        let mut values: Vec<Vec<f64>> = (0..=max)
            .map(|size| match size {
                0 => Vec::new(),
                s => vec![f64::NAN; 1 << (dimensions.cells(s) - 1)],
            })
            .collect();
        for (size, bits, value) in entries {
            if (1..=max).contains(&size) {
                let key = normalise(bits, dimensions.cells(size));
                values[size][key as usize] = value;
            }
        }
        // A block no machine produced is rarer than the rarest one some machine did: one
        // bit more than the dearest value of its size, or of the whole table when the
        // machines produced no block of that size at all.
        let dearest = |v: &Vec<f64>| {
            v.iter()
                .copied()
                .filter(|x| !x.is_nan())
                .fold(f64::NAN, f64::max)
        };
        let overall = values
            .iter()
            .map(dearest)
            .fold(0.0_f64, |m, x| if x.is_nan() { m } else { m.max(x) });
        let fallback = values
            .iter()
            .map(|v| {
                let d = dearest(v);
                if d.is_nan() { overall + 1.0 } else { d + 1.0 }
            })
            .collect();
        Self {
            name,
            dimensions,
            values,
            fallback,
        }
    }

    /// The CTM value of a raw block of `size` (cells row-major, first cell in the most
    /// significant bit), and whether the table had it.
    pub fn value(&self, size: usize, bits: u64) -> (f64, bool) {
        let Some(values) = self.values.get(size).filter(|v| !v.is_empty()) else {
            return (f64::NAN, false);
        };
        let key = normalise(bits, self.dimensions.cells(size));
        let v = values[key as usize];
        if v.is_nan() {
            (self.fallback[size], false)
        } else {
            (v, true)
        }
    }

    /// The table as a file: `shape<TAB>key<TAB>bits` per known block, `#` comments first.
    pub fn to_tsv(&self) -> String {
        let mut out = format!(
            "# CTM values (bits) of {}.\n# Keys are normalised: symbols relabelled in order of first appearance.\n# Columns: shape, key, ctm_bits.\n",
            self.name
        );
        for size in 1..=self.dimensions.max_size() {
            let shape = match self.dimensions {
                Dimensions::One => size.to_string(),
                Dimensions::Two => format!("{size}x{size}"),
            };
            let cells = self.dimensions.cells(size);
            for (key, value) in self.entries(size) {
                out += &format!("{shape}\t{}\t{value}\n", block_text(key, 1, cells));
            }
        }
        out
    }

    /// How many normalised blocks of `size` have a value.
    pub fn known(&self, size: usize) -> usize {
        self.values
            .get(size)
            .map_or(0, |v| v.iter().filter(|x| !x.is_nan()).count())
    }

    /// Every (normalised key, value) of `size` that the table has.
    pub fn entries(&self, size: usize) -> Vec<(u64, f64)> {
        self.values.get(size).map_or_else(Vec::new, |v| {
            v.iter()
                .enumerate()
                .filter(|(_, x)| !x.is_nan())
                .map(|(k, &x)| (k as u64, x))
                .collect()
        })
    }
}

/// Relabel a binary block's symbols in order of first appearance: the first cell becomes 0.
pub fn normalise(bits: u64, cells: usize) -> u64 {
    let mask = if cells >= 64 {
        u64::MAX
    } else {
        (1u64 << cells) - 1
    };
    if cells > 0 && bits >> (cells - 1) & 1 == 1 {
        !bits & mask
    } else {
        bits & mask
    }
}

/// A block as text, row by row (rows separated by `/` in 2D).
pub fn block_text(bits: u64, rows: usize, cols: usize) -> String {
    let cells = rows * cols;
    let mut out = String::with_capacity(cells + rows);
    for i in 0..cells {
        if i > 0 && i % cols == 0 {
            out.push('/');
        }
        out.push(if bits >> (cells - 1 - i) & 1 == 1 {
            '1'
        } else {
            '0'
        });
    }
    out
}

fn parse_shape(shape: &str) -> Option<(Dimensions, usize)> {
    match shape.trim().split_once('x') {
        Some((a, b)) => {
            let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
            (a == b).then_some((Dimensions::Two, a))
        }
        None => Some((Dimensions::One, shape.trim().parse().ok()?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_are_complete() {
        let one = CtmTable::parse(Path::new("1d"), BUNDLED_1D, "1d".into()).unwrap();
        for length in 1..=12 {
            assert_eq!(one.known(length), 1 << (length - 1), "length {length}");
        }
        let two = CtmTable::parse(Path::new("2d"), BUNDLED_2D, "2d".into()).unwrap();
        for side in 1..=4 {
            assert_eq!(two.known(side), 1 << (side * side - 1), "side {side}");
        }
        // Values straight from the file's first lines.
        assert_eq!(one.value(1, 0), (2.5142767361233522, true));
        assert_eq!(one.value(2, 0b00), (3.3274392037713696, true));
        assert_eq!(two.value(2, 0b0000), (6.807402837726404, true));
        // A block and its complement share the value.
        assert_eq!(two.value(2, 0b1111), two.value(2, 0b0000));
        assert_eq!(one.value(5, 0b10110), one.value(5, 0b01001));
    }

    #[test]
    fn simple_strings_are_cheaper_than_irregular_ones() {
        let one = CtmTable::bundled(Dimensions::One);
        let (flat, _) = one.value(12, 0);
        let (irregular, _) = one.value(12, 0b0110_1001_1101);
        assert!(flat < irregular, "{flat} {irregular}");
    }

    #[test]
    fn malformed_tables_name_line_and_column() {
        let path = Path::new("t.tsv");
        let err = |text: &str| {
            CtmTable::parse(path, text, "t".into())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            err("# c\n2\t01\tx\n"),
            "t.tsv:2:6: `x` is not a number of bits"
        );
        assert_eq!(err("2\t0a\t1.0\n"), "t.tsv:1:4: `a` is not a binary symbol");
        assert_eq!(
            err("2\t011\t1.0\n"),
            "t.tsv:1:3: the key has 3 cells but the shape needs 2"
        );
        assert_eq!(
            err("2x3\t011\t1.0\n"),
            "t.tsv:1:1: `2x3` is not a shape such as 12 or 4x4"
        );
        assert_eq!(
            err("2\t01\n"),
            "t.tsv:1:1: expected 3 tab-separated fields (shape, key, bits), found 2"
        );
        assert_eq!(
            err("2\t01\t1\n2x2\t0000\t1\n"),
            "t.tsv:2:1: this table mixes strings and square blocks"
        );
        assert_eq!(err("# nothing\n"), "t.tsv:1:1: the table has no values");
        assert_eq!(
            err("13\t0000000000000\t1\n"),
            "t.tsv:1:1: block size 13 is outside 1..=12"
        );
    }

    #[test]
    fn a_table_survives_writing_and_reading() {
        let table = CtmTable::from_values(
            "t".into(),
            Dimensions::Two,
            vec![(1, 0, 1.5), (2, 0b0110, 7.25)],
        );
        let again = CtmTable::parse(Path::new("t.tsv"), &table.to_tsv(), "t".into()).unwrap();
        assert_eq!(again, table);
    }

    #[test]
    fn missing_blocks_cost_a_bit_more_than_the_dearest_known() {
        let table = CtmTable::from_values(
            "t".into(),
            Dimensions::One,
            vec![(2, 0b00, 3.0), (2, 0b01, 5.0)],
        );
        assert_eq!(table.value(2, 0b11), (3.0, true));
        // No block of size 3 at all: one bit more than the dearest of the whole table.
        assert_eq!(table.value(3, 0b010), (6.0, false));
        assert_eq!(table.value(2, 0b11), (3.0, true));
        assert_eq!(block_text(0b0110, 2, 2), "01/10");
    }
}
