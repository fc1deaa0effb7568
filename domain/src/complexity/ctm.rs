//! Coding-theorem (CTM) tables: for each small binary block, −log2 of the probability
//! that a random halting machine of some formalism outputs it. The machine formalism is
//! the language; the bundled tables are those of the pybdm package (MIT, see
//! `assets/ctm/LICENSE-pybdm`), computed from Turing machines with up to 5 states.

use crate::document::DocumentError;
use crate::limits::{LimitError, read_limited};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use thiserror::Error;

/// The largest CTM table file read, in bytes: the complete 4×4 table is 1.3 MB, and a
/// table holds at most 2^15 + 2^8 + 2^3 + 1 keys (1D: 4,095).
pub const TABLE_FILE_LIMIT: u64 = 8 << 20;

/// Why a table file cannot be used.
#[derive(Debug, Error)]
pub enum TableError {
    /// Unreadable, or larger than [`TABLE_FILE_LIMIT`].
    #[error(transparent)]
    Read(#[from] LimitError),
    /// Not UTF-8, or not a table (located by line and column).
    #[error(transparent)]
    Document(#[from] DocumentError),
}

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
#[cfg(test)]
const BUNDLED_1D: &str = include_str!("../../../assets/ctm/ctm-b2-d12.tsv");
/// The bundled 2D table: square blocks 1×1 to 4×4.
#[cfg(test)]
const BUNDLED_2D: &str = include_str!("../../../assets/ctm/ctm-b2-d4x4.tsv");
/// The same tables as little-endian f64s, every key of each size in order, sizes from 1
/// up: loading one takes microseconds where parsing its text takes milliseconds, which
/// a command-line run would spend on every call. A test checks they equal the text.
const BUNDLED_1D_VALUES: &[u8] = include_bytes!("../../../assets/ctm/ctm-b2-d12.f64le");
/// See [`BUNDLED_1D_VALUES`].
const BUNDLED_2D_VALUES: &[u8] = include_bytes!("../../../assets/ctm/ctm-b2-d4x4.f64le");

/// CTM values of every normalised binary block of each size.
#[derive(Clone, Debug)]
pub struct CtmTable {
    /// Where the values come from, for evidence and JSON.
    pub name: String,
    /// Strings or square blocks.
    pub dimensions: Dimensions,
    /// Per size (index = length or side), the value of each normalised key (first cell
    /// 0, so the first half of `2^cells` keys); NaN where the table has no value.
    values: Values,
    /// Per size, the value used for a block the table lacks: one bit more than the
    /// largest value of that size, or of the table if it has none of that size (blocks
    /// no machine produced are rarer than any that some machine did).
    /// Computed on first need: complete tables (the bundled ones) never need it, and
    /// scanning every value would cost a command-line run more than its blocks do.
    fallback: OnceLock<Vec<f64>>,
}

/// Where a table's values are.
#[derive(Clone, Debug)]
enum Values {
    /// Per size, every normalised key's value.
    Owned(Vec<Vec<f64>>),
    /// The bundled little-endian values, read in place: a command that looks up a few
    /// thousand blocks does not copy 33,000 values first. `starts[size]` is the index
    /// of the size's first value.
    Bundled {
        bytes: &'static [u8],
        starts: Vec<usize>,
    },
}

impl PartialEq for CtmTable {
    // Bitwise, so that a table with missing (NaN) values equals itself.
    fn eq(&self, other: &Self) -> bool {
        let bits = |t: &CtmTable| -> Vec<u64> { t.all_values().map(f64::to_bits).collect() };
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
        let (bytes, name) = match dimensions {
            Dimensions::One => (BUNDLED_1D_VALUES, "pybdm ctm-b2-d12"),
            Dimensions::Two => (BUNDLED_2D_VALUES, "pybdm ctm-b2-d4x4"),
        };
        let mut starts = vec![0; dimensions.max_size() + 2];
        for size in 1..=dimensions.max_size() {
            starts[size + 1] = starts[size] + (1 << (dimensions.cells(size) - 1));
        }
        let values = Values::Bundled { bytes, starts };
        // A test checks that the file holds every key of every size.
        Self {
            name: name.to_owned(),
            dimensions,
            values,
            fallback: OnceLock::new(),
        }
    }

    /// Load a table file: lines `shape<TAB>key<TAB>bits`, `#` comments. The shape is a
    /// length (`12`) or a square (`4x4`); all lines must agree on which. A key given
    /// twice (or a key and its complement, which share one value) is refused.
    pub fn load(path: &Path) -> Result<Self, TableError> {
        let bytes = read_limited(path, "a CTM table", TABLE_FILE_LIMIT)?;
        let text = super::grid::text_of(path, bytes)?;
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        );
        Ok(Self::parse(path, &text, name)?)
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
        // Where each (size, normalised key) was first given.
        let mut first_line: HashMap<(usize, u64), usize> = HashMap::new();
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
            let key = normalise(bits, dims.cells(size));
            if let Some(first) = first_line.insert((size, key), number) {
                return Err(invalid(
                    number,
                    column_of(1),
                    format!(
                        "the key {} was given on line {first} already (a block and its complement share one key): each key once",
                        fields[1]
                    ),
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
    /// share one value, and the later entry wins (files refuse such repeats first).
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
        Self::from_dense(name, dimensions, values)
    }

    /// A table from every normalised key's value per size (NaN: none), which must have
    /// `2^(cells - 1)` entries per size from 1 up (a short size is padded with NaN).
    fn from_dense(name: String, dimensions: Dimensions, mut values: Vec<Vec<f64>>) -> Self {
        values.resize(dimensions.max_size() + 1, Vec::new());
        for (size, v) in values.iter_mut().enumerate().skip(1) {
            v.resize(1 << (dimensions.cells(size) - 1), f64::NAN);
        }
        Self {
            name,
            dimensions,
            values: Values::Owned(values),
            fallback: OnceLock::new(),
        }
    }

    /// Normalised keys of `size`: 2^(cells - 1), none outside the table's sizes.
    fn keys(&self, size: usize) -> usize {
        if (1..=self.dimensions.max_size()).contains(&size) {
            1 << (self.dimensions.cells(size) - 1)
        } else {
            0
        }
    }

    /// The stored value of normalised `key` of `size` (below [`Self::keys`]), NaN if none.
    fn raw(&self, size: usize, key: usize) -> f64 {
        match &self.values {
            Values::Owned(values) => values[size][key],
            Values::Bundled { bytes, starts } => {
                let at = 8 * (starts[size] + key);
                let mut eight = [0; 8];
                eight.copy_from_slice(&bytes[at..at + 8]);
                f64::from_le_bytes(eight)
            }
        }
    }

    /// Every stored value, sizes from 1 up, keys in order.
    fn all_values(&self) -> impl Iterator<Item = f64> + '_ {
        (1..=self.dimensions.max_size())
            .flat_map(move |size| (0..self.keys(size)).map(move |key| self.raw(size, key)))
    }

    /// Per size, the value used for a block the table lacks.
    fn fallbacks(&self) -> Vec<f64> {
        // A block no machine produced is rarer than the rarest one some machine did: one
        // bit more than the dearest value of its size, or of the whole table when the
        // machines produced no block of that size at all.
        let dearest: Vec<f64> = (0..=self.dimensions.max_size())
            .map(|size| {
                (0..self.keys(size))
                    .map(|key| self.raw(size, key))
                    .filter(|x| !x.is_nan())
                    .fold(f64::NAN, f64::max)
            })
            .collect();
        let overall = dearest
            .iter()
            .fold(0.0_f64, |m, &x| if x.is_nan() { m } else { m.max(x) });
        dearest
            .iter()
            .map(|&d| if d.is_nan() { overall + 1.0 } else { d + 1.0 })
            .collect()
    }

    /// The CTM value of a raw block of `size` (cells row-major, first cell in the most
    /// significant bit), and whether the table had it.
    pub fn value(&self, size: usize, bits: u64) -> (f64, bool) {
        if self.keys(size) == 0 {
            return (f64::NAN, false);
        }
        let key = normalise(bits, self.dimensions.cells(size));
        let v = self.raw(size, key as usize);
        if v.is_nan() {
            (self.fallback.get_or_init(|| self.fallbacks())[size], false)
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
        (0..self.keys(size))
            .filter(|&key| !self.raw(size, key).is_nan())
            .count()
    }

    /// Every (normalised key, value) of `size` that the table has.
    pub fn entries(&self, size: usize) -> Vec<(u64, f64)> {
        (0..self.keys(size))
            .map(|key| (key as u64, self.raw(size, key)))
            .filter(|(_, x)| !x.is_nan())
            .collect()
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
    fn the_bundled_binary_values_are_the_text_tables() {
        for (dimensions, text) in [(Dimensions::One, BUNDLED_1D), (Dimensions::Two, BUNDLED_2D)] {
            let parsed = CtmTable::parse(Path::new("t"), text, "t".into()).unwrap();
            let mut bundled = CtmTable::bundled(dimensions);
            bundled.name = "t".into();
            // Bitwise equal, fallbacks too; if this fails, regenerate the .f64le files
            // with `cargo test --lib write_bundled_binary_tables -- --ignored`.
            let keys: usize = (1..=dimensions.max_size()).map(|s| bundled.keys(s)).sum();
            assert_eq!(
                match dimensions {
                    Dimensions::One => BUNDLED_1D_VALUES,
                    Dimensions::Two => BUNDLED_2D_VALUES,
                }
                .len(),
                8 * keys
            );
            assert_eq!(bundled, parsed, "{dimensions:?}");
            assert_eq!(bundled.fallbacks(), parsed.fallbacks());
        }
    }

    #[test]
    #[ignore = "writes assets/ctm/*.f64le from the .tsv tables"]
    fn write_bundled_binary_tables() {
        for (text, file) in [(BUNDLED_1D, "ctm-b2-d12"), (BUNDLED_2D, "ctm-b2-d4x4")] {
            let table = CtmTable::parse(Path::new(file), text, file.into()).unwrap();
            let bytes: Vec<u8> = table.all_values().flat_map(f64::to_le_bytes).collect();
            let path = format!("{}/../assets/ctm/{file}.f64le", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(path, bytes).unwrap();
        }
    }

    /// The error of parsing `text` as the table file `t.tsv`.
    fn parse_error(text: &str) -> String {
        CtmTable::parse(Path::new("t.tsv"), text, "t".into())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn duplicate_keys_are_refused_where_they_repeat() {
        let path = Path::new("t.tsv");
        let err = parse_error;
        assert_eq!(
            err("1x1\t0\t2.0\n2x2\t0000\t3.0\n2x2\t0000\t30.0\n"),
            "t.tsv:3:5: the key 0000 was given on line 2 already (a block and its complement share one key): each key once"
        );
        // A key and its complement are one key.
        assert!(
            err("3\t010\t2.0\n3\t101\t2.0\n")
                .starts_with("t.tsv:2:3: the key 101 was given on line 1")
        );
        // The same key at another size is another key.
        assert!(CtmTable::parse(path, "1\t0\t1.0\n2\t00\t2.0\n", "t".into()).is_ok());
    }

    #[test]
    fn table_files_are_read_with_a_limit() {
        let error = CtmTable::load(Path::new("/dev/zero")).unwrap_err();
        assert!(
            matches!(error, TableError::Read(LimitError::InputTooLarge { .. })),
            "{error}"
        );
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
        let err = parse_error;
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
