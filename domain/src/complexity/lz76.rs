//! Lempel–Ziv 1976 complexity, counted as Kaspar and Schuster (1987) do.
//!
//! Scanning left to right, each component is the longest prefix of the rest that also
//! starts earlier (the copy may overlap the component itself), extended by one new
//! symbol. A final component that is a pure copy still counts. So `0001101001000101`
//! splits as 0·001·10·100·1000·101: six components.
//!
//! Linear time: the suffix array of the whole sequence gives, for every position, the two
//! lexicographically nearest suffixes that start earlier; the longest earlier copy at a
//! position is the longer common prefix with one of them, so each component costs one
//! comparison run (`suffix_array`). Binary sequences take a faster exact path over packed
//! bits (`lz76_binary`).
//!
//! Memory ([`memory`]): binary input about 5 bytes per symbol (34 if the input is so
//! repetitive that the suffix array takes over); other input 28 bytes per symbol beyond
//! the symbols themselves (1 byte each for bytes, 4 for other tokens), plus 16 per phrase.

use super::lz76_binary::{CHAIN_LIMIT, PackedBits, binary_phrases};
use super::suffix_array::{self, NONE, Symbol};
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

/// The LZ76 factorisation of a sequence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lz76 {
    /// The components as ranges of the sequence, in order; they tile it.
    pub phrases: Vec<Range<usize>>,
    /// Length of the sequence.
    pub length: usize,
    /// Number of distinct symbols in the sequence.
    pub alphabet: usize,
}

impl Lz76 {
    /// The complexity c: the number of components.
    pub fn complexity(&self) -> usize {
        self.phrases.len()
    }

    /// c / (n / log_k n), with k the number of distinct symbols but at least 2, so that
    /// a random sequence scores about 1. Zero for sequences shorter than two symbols.
    pub fn normalised(&self) -> f64 {
        let n = self.length as f64;
        let k = self.alphabet.max(2) as f64;
        if self.length < 2 {
            return 0.0;
        }
        self.complexity() as f64 / (n / n.log(k))
    }
}

/// The LZ76 factorisation of any sequence of comparable symbols (bytes, tokens, words).
pub fn lz76<T: Eq + Hash + Clone>(sequence: &[T]) -> Lz76 {
    let (codes, alphabet) = dense_codes(sequence);
    factorise(&codes, alphabet)
}

/// The LZ76 factorisation of a byte sequence: two values or fewer go to the packed-bit
/// match finder straight from the bytes, more to the suffix array over the bytes
/// themselves (no relabelled copy).
pub fn lz76_bytes(bytes: &[u8]) -> Lz76 {
    // A table of the values seen. Testing each byte against the first two values
    // instead was 40% slower with `all` (it stops early, so does not vectorise) and 5%
    // slower counting (measured on 10^6 bits).
    let mut present = [false; 256];
    for &b in bytes {
        present[usize::from(b)] = true;
    }
    let alphabet = present.iter().filter(|&&p| p).count();
    let phrases = if alphabet <= 2 {
        let zero = bytes.first().copied().unwrap_or(0);
        binary_phrases(&PackedBits::from_bytes(bytes, zero), CHAIN_LIMIT)
    } else {
        phrases_by_suffix_array(bytes, 255)
    };
    Lz76 {
        phrases,
        length: bytes.len(),
        alphabet,
    }
}

/// The LZ76 factorisation of a sequence already coded as `0..alphabet`.
pub fn factorise(codes: &[u32], alphabet: usize) -> Lz76 {
    let phrases = if alphabet <= 2 {
        binary_phrases(&PackedBits::from_codes(codes), CHAIN_LIMIT)
    } else {
        phrases_by_suffix_array(codes, alphabet.saturating_sub(1))
    };
    Lz76 {
        phrases,
        length: codes.len(),
        alphabet,
    }
}

/// About how many bytes factorising `length` symbols of an `alphabet`-symbol sequence
/// takes at most, beyond the symbols themselves: what a caller checks against its
/// memory budget before starting. Phrases (16 bytes each) are counted at their most
/// for a random sequence of that alphabet, about n / log_k n, doubled.
pub fn memory(length: usize, alphabet: usize) -> u64 {
    let n = length as u64;
    let work = if alphabet <= 2 {
        super::lz76_binary::memory(length)
    } else {
        suffix_array::BYTES_PER_SYMBOL * n
    };
    let k = alphabet.max(2) as f64;
    let phrases = 2.0 * length as f64 / (length.max(2) as f64).log(k).max(1.0);
    work + 16 * phrases as u64
}

/// Phrases from the suffix array: the longest earlier copy at p is the longer common
/// prefix with p's two lexicographically nearest earlier-starting suffixes.
fn phrases_by_suffix_array<T: Symbol + Eq>(s: &[T], upper: usize) -> Vec<Range<usize>> {
    let n = s.len();
    let (below, above) = {
        let sa = suffix_array::suffix_array(s, upper);
        suffix_array::earlier_neighbours(&sa)
    };
    let common = |q: u32, p: usize| -> usize {
        if q == NONE {
            return 0;
        }
        let q = q as usize;
        s[p..]
            .iter()
            .zip(&s[q..])
            .take_while(|(a, b)| a == b)
            .count()
    };
    let mut phrases = Vec::new();
    let mut start = 0;
    while start < n {
        let length = common(below[start], start).max(common(above[start], start));
        let end = (start + length + 1).min(n);
        phrases.push(start..end);
        start = end;
    }
    phrases
}

/// Relabel symbols as 0, 1, 2, … in order of first appearance.
fn dense_codes<T: Eq + Hash + Clone>(sequence: &[T]) -> (Vec<u32>, usize) {
    // Small alphabets (bits, bases, actions) are the common case: a linear scan of the
    // few symbols seen so far beats hashing every symbol.
    const SCAN: usize = 16;
    let mut seen: Vec<T> = Vec::new();
    let mut labels: HashMap<T, u32> = HashMap::new();
    let codes = sequence
        .iter()
        .map(|s| {
            if labels.is_empty() {
                if let Some(i) = seen.iter().position(|x| x == s) {
                    return i as u32;
                }
                if seen.len() < SCAN {
                    seen.push(s.clone());
                    return (seen.len() - 1) as u32;
                }
                labels.extend(seen.iter().cloned().zip(0..));
            }
            let next = labels.len() as u32;
            *labels.entry(s.clone()).or_insert(next)
        })
        .collect();
    (codes, seen.len().max(labels.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain quadratic scan of the definition: the oracle for the linear version.
    fn quadratic<T: Eq>(s: &[T]) -> Vec<Range<usize>> {
        let n = s.len();
        let mut phrases = Vec::new();
        let mut start = 0;
        while start < n {
            let mut length = 0;
            // Longest prefix of s[start..] that also starts at some earlier q (overlap allowed).
            for q in 0..start {
                let mut l = 0;
                while start + l < n && s[q + l] == s[start + l] {
                    l += 1;
                }
                length = length.max(l);
            }
            let end = (start + length + 1).min(n);
            phrases.push(start..end);
            start = end;
        }
        phrases
    }

    fn split(s: &str) -> Vec<String> {
        let bytes = s.as_bytes();
        lz76(bytes)
            .phrases
            .into_iter()
            .map(|r| String::from_utf8_lossy(&bytes[r]).into_owned())
            .collect()
    }

    #[test]
    fn the_classic_example_has_six_components() {
        assert_eq!(
            split("0001101001000101"),
            ["0", "001", "10", "100", "1000", "101"]
        );
    }

    #[test]
    fn bytes_and_generic_symbols_agree() {
        let text = b"the cat sat on the mat, the cat sat";
        assert_eq!(lz76_bytes(text), lz76(text));
    }

    #[test]
    fn hand_checked_cases() {
        assert_eq!(split(""), Vec::<String>::new());
        assert_eq!(split("0"), ["0"]);
        assert_eq!(split("01"), ["0", "1"]);
        // The copy overlaps itself: 0 then 000000000 copied from position 0.
        assert_eq!(split("0000000000"), ["0", "000000000"]);
        assert_eq!(split("0101010101"), ["0", "1", "01010101"]);
        assert_eq!(split("aab"), ["a", "ab"]);
    }

    #[test]
    fn normalised_value_uses_the_alphabet_size() {
        let result = lz76(b"ACGTACGTTTGACA");
        assert_eq!(result.alphabet, 4);
        let n = 14.0_f64;
        let expected = result.complexity() as f64 / (n / n.log(4.0));
        assert!((result.normalised() - expected).abs() < 1e-12);
        // A single symbol still uses base 2.
        let flat = lz76(b"aaaa");
        assert!((flat.normalised() - 2.0 / (4.0 / 2.0)).abs() < 1e-12);
    }

    proptest! {
        #[test]
        fn linear_agrees_with_the_quadratic_scan(s in proptest::collection::vec(0u8..3, 0..300)) {
            prop_assert_eq!(lz76(&s).phrases, quadratic(&s));
        }

        #[test]
        fn large_alphabets_agree_too(s in proptest::collection::vec(0u16..40, 0..300)) {
            let result = lz76(&s);
            prop_assert_eq!(&result.phrases, &quadratic(&s));
            let mut distinct = s.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(result.alphabet, distinct.len());
        }

        #[test]
        fn binary_sequences_agree_too(s in proptest::collection::vec(0u8..2, 0..500)) {
            let result = lz76(&s);
            prop_assert_eq!(&result.phrases, &quadratic(&s));
            // The phrases tile the sequence.
            let total: usize = result.phrases.iter().map(|r| r.len()).sum();
            prop_assert_eq!(total, s.len());
        }
    }
}
