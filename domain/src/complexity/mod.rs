//! Complexity of sequences and binary grids, independent of worlds: Lempel–Ziv 1976,
//! compressed size under a real codec, and the block decomposition method (BDM) from
//! coding-theorem (CTM) tables, bundled or computed from a machine formalism.

mod bdm;
mod codec;
mod ctm;
mod grid;
mod lz76;
mod lz76_binary;
mod machine_table;
mod suffix_array;
pub mod turing;

pub use bdm::{Bdm, BdmError, BlockCount, Decomposition, Partition, bdm};
pub use codec::{Codec, CodecKind, UnknownCodec};
pub use ctm::{CtmTable, Dimensions, TABLE_FILE_LIMIT, TableError, block_text, normalise};
pub use grid::{BinaryGrid, GRID_FILE_LIMIT, text_of};
pub use lz76::{Lz76, factorise, lz76, lz76_bytes, memory as lz76_memory};
pub use machine_table::{
    RankedBlock, TableComparison, compare_tables, table_from_formalism, table_from_formalism_within,
};
pub use turing::{Cancelled, Formalism, Stopped};
