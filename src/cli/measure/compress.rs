//! `ladders measure compress`: the compressed size of some data under a codec.

use super::{Format, input_bytes};
use crate::cli::output::{self, Report, json_text};
use anyhow::bail;
use clap::Args;
use ladders_domain::complexity::Codec;
use ladders_domain::limits::MemoryBudget;
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

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

/// Compress the data and print its report.
pub fn run(args: &CompressArgs, memory: MemoryBudget) -> anyhow::Result<()> {
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
    let report = CompressReport {
        codec: codec.to_string(),
        compressed_bytes: compressed,
        input_bytes: bytes.len(),
        level: codec.level,
        measure: "compress",
        unit: "bits",
        value: 8 * compressed,
    };
    Ok(output::print(&report, args.format)?)
}

/// The report of `ladders measure compress` (fields in alphabetical order, see [`Report`]).
#[derive(Debug, Serialize)]
struct CompressReport {
    /// The codec with its level: `deflate-9`.
    codec: String,
    /// Bytes of the compressed data.
    compressed_bytes: usize,
    /// Bytes of the data.
    input_bytes: usize,
    /// The codec's level.
    level: u32,
    /// Always `compress`.
    measure: &'static str,
    /// Always `bits`.
    unit: &'static str,
    /// Bits of the compressed data.
    value: usize,
}

impl Report for CompressReport {}

impl fmt::Display for CompressReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} {}", self.measure, self.value, self.unit)?;
        writeln!(f, "  codec: {}", json_text(self.codec.as_str()))?;
        writeln!(f, "  input_bytes: {}", self.input_bytes)?;
        writeln!(f, "  compressed_bytes: {}", self.compressed_bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_keys_in_order_and_quotes_the_codec_in_its_table() {
        let report = CompressReport {
            codec: "deflate-9".to_owned(),
            compressed_bytes: 3,
            input_bytes: 12,
            level: 9,
            measure: "compress",
            unit: "bits",
            value: 24,
        };
        assert!(output::keys_are_sorted(&report));
        assert_eq!(
            report.to_string(),
            "compress: 24 bits\n  codec: \"deflate-9\"\n  input_bytes: 12\n  compressed_bytes: 3\n"
        );
    }
}
