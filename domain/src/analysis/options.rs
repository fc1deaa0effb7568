//! The choices that make the sequence and program measures relative (stream, codec, CTM
//! table and its machine formalism, partition, program bounds): domain data, so the
//! window's controls and the command line's options set the same thing.

use super::BdmSetting;
use crate::complexity::{Codec, CtmTable};
use crate::measures::Stream;
use std::sync::Arc;

/// A machine formalism the user can compute a CTM table from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormalismChoice {
    /// Machine states.
    pub states: u8,
    /// Step bound.
    pub max_steps: u32,
}

impl Default for FormalismChoice {
    fn default() -> Self {
        // Two-state machines on a grid never draw a square bigger than one cell; three
        // states (3 × 10^8 machines, about a second on two cores) draw all sizes.
        Self {
            states: 3,
            max_steps: 500,
        }
    }
}

/// The choices behind the world-free measures and the program measures.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureOptions {
    /// What LZ76 and compressed size read.
    pub stream: Stream,
    /// The codec of compressed size.
    pub codec: Codec,
    /// BDM's block, partition and table.
    pub bdm: BdmSetting,
    /// Longest program algorithmic probability enumerates, in bits.
    pub probability_bound: f64,
    /// Most candidates search effort tries.
    pub search_limit: u64,
    /// Most simulated steps of the enumeration, and of all the searches together.
    pub work_limit: u64,
    /// The 2D Turing machines a table can be computed from.
    pub formalism: FormalismChoice,
}

impl Default for MeasureOptions {
    fn default() -> Self {
        Self {
            stream: Stream::default(),
            codec: Codec::ALL[0],
            bdm: BdmSetting::default(),
            probability_bound: 16.0,
            search_limit: 5_000,
            work_limit: crate::measures::ProgramLimits::DEFAULT_WORK,
            formalism: FormalismChoice::default(),
        }
    }
}

impl MeasureOptions {
    /// Whether `other` differs in what scoring depends on (not just the program bounds).
    pub fn scoring_differs(&self, other: &MeasureOptions) -> bool {
        self.stream != other.stream || self.codec != other.codec || self.bdm != other.bdm
    }

    /// Whether `other` differs in what the program measures depend on.
    pub fn programs_differ(&self, other: &MeasureOptions) -> bool {
        self.probability_bound != other.probability_bound
            || self.search_limit != other.search_limit
            || self.work_limit != other.work_limit
    }

    /// These options with `table` as BDM's table.
    pub fn with_table(&self, table: Arc<CtmTable>) -> MeasureOptions {
        MeasureOptions {
            bdm: BdmSetting {
                table,
                ..self.bdm.clone()
            },
            ..self.clone()
        }
    }
}
