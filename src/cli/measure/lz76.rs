//! `ladders measure lz76`: the Lempel–Ziv 1976 phrase count of a sequence, and its phrases.

use super::{Format, SHOWN, input_bytes, listed};
use crate::cli::output::{self, Report, json_text};
use clap::{Args, ValueEnum};
use ladders_domain::complexity::{Lz76, lz76, lz76_bytes, lz76_memory};
use ladders_domain::limits::MemoryBudget;
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// The fewest bytes LZ76 needs per input byte (binary input): the file read is limited
/// to the memory budget over this.
const LZ76_LEAST_BYTES_PER_SYMBOL: u64 = 6;

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

/// Measure the sequence and print its report.
pub fn run(args: &SequenceArgs, memory: MemoryBudget) -> anyhow::Result<()> {
    let report = report(args, memory)?;
    Ok(output::print(&report, args.format)?)
}

/// How many distinct byte values `bytes` holds.
fn distinct_bytes(bytes: &[u8]) -> usize {
    let mut present = [false; 256];
    for &b in bytes {
        present[usize::from(b)] = true;
    }
    present.iter().filter(|&&p| p).count()
}

fn report(args: &SequenceArgs, memory: MemoryBudget) -> anyhow::Result<Lz76Report> {
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
                    Lz76Report::new(&result, listed, |r| {
                        symbols[r].iter().map(|b| format!("{b:02x}")).collect()
                    })
                } else {
                    Lz76Report::new(&result, listed, |r| {
                        String::from_utf8_lossy(&symbols[r]).into_owned()
                    })
                }
            } else {
                let text = String::from_utf8_lossy(&bytes);
                let chars: Vec<char> = text.strip_suffix('\n').unwrap_or(&text).chars().collect();
                check(chars.len(), 3, 8 * chars.len() as u64)?;
                let result = lz76(&chars);
                Lz76Report::new(&result, listed, |r| chars[r].iter().collect())
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
            Lz76Report::new(&result, listed, |r| words[r].join(" "))
        }
    };
    Ok(report)
}

/// The report of `ladders measure lz76` (fields in alphabetical order, see [`Report`]).
#[derive(Debug, Serialize)]
pub struct Lz76Report {
    /// Distinct symbols in the sequence.
    alphabet: usize,
    /// Symbols in the sequence.
    length: usize,
    /// Always `lz76`.
    measure: &'static str,
    /// The phrase count over its value for a random sequence of this length and alphabet.
    normalised: f64,
    /// The first phrases as text.
    phrases: Vec<String>,
    /// How many phrases [`Lz76Report::phrases`] leaves out, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    phrases_omitted: Option<usize>,
    /// Always `phrases`.
    unit: &'static str,
    /// The phrase count (Kaspar–Schuster), always of the whole sequence.
    value: usize,
}

impl Lz76Report {
    /// The report of `result`, listing its first `listed` phrases as text (`text` of each
    /// phrase's range of symbols).
    fn new(result: &Lz76, listed: usize, text: impl Fn(Range<usize>) -> String) -> Self {
        let phrases: Vec<String> = result
            .phrases
            .iter()
            .take(listed)
            .map(|r| text(r.clone()))
            .collect();
        let omitted = result.complexity() - phrases.len();
        Self {
            alphabet: result.alphabet,
            length: result.length,
            measure: "lz76",
            normalised: result.normalised(),
            phrases,
            phrases_omitted: (omitted > 0).then_some(omitted),
            unit: "phrases",
            value: result.complexity(),
        }
    }
}

impl Report for Lz76Report {}

impl fmt::Display for Lz76Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {} {}", self.measure, self.value, self.unit)?;
        writeln!(f, "  normalised: {}", json_text(self.normalised))?;
        writeln!(f, "  length: {}", self.length)?;
        writeln!(f, "  alphabet: {}", self.alphabet)?;
        let shown: Vec<&str> = self
            .phrases
            .iter()
            .take(SHOWN)
            .map(String::as_str)
            .collect();
        write!(f, "  phrases: {}", shown.join("·"))?;
        if self.value > shown.len() {
            write!(f, " … ({} more)", self.value - shown.len())?;
        }
        writeln!(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_lists_keys_in_order_and_says_what_it_leaves_out() {
        let sequence: Vec<char> = "abcabcabd".chars().collect();
        let result = lz76(&sequence);
        let report = Lz76Report::new(&result, 2, |r| sequence[r].iter().collect());
        assert!(output::keys_are_sorted(&report));
        assert_eq!(report.phrases, ["a", "b"]);
        assert_eq!(report.phrases_omitted, Some(2));
        assert!(report.to_string().starts_with("lz76: 4 phrases\n"));
        assert!(report.to_string().ends_with("  phrases: a·b … (2 more)\n"));
        let whole = Lz76Report::new(&result, usize::MAX, |r| sequence[r].iter().collect());
        assert_eq!(whole.phrases_omitted, None);
    }
}
