//! LZ76 for binary sequences, fast: the bits are packed 64 to a word, so comparing two
//! positions costs one XOR and a leading-zero count per 64 bits, and earlier positions
//! are found through hash chains keyed by their first K bits for K = 17, 13, 9, 5, 1
//! (for a million bits; like zlib's match finder, but exact).
//!
//! Why the tiers are exact: if the longest earlier match at p has length ≥ K (and p + K
//! ≤ n), every earlier start achieving it shares p's first K bits, so it is in p's
//! K-chain. Tiers are tried from the longest key down; the first tier with a match of
//! at least K holds the longest one, and its length is below the previous tier's key.
//! A chain longer than [`CHAIN_LIMIT`] (repetitive input) hands the phrase to the
//! suffix automaton, which is exact too; phrases with no tier (p within 4 bits of the
//! end, or a 4-bit pattern never seen before, at most 20 phrases) scan every earlier
//! start.

use super::suffix_automaton::SuffixAutomaton;
use std::ops::Range;

/// Key lengths of the tiers, longest first, 4 bits apart. The longest is a little below
/// log2 n, where a random sequence's longest earlier matches lie, so its chains are
/// short and most phrases end there (17 for a million bits, measured best).
fn tiers(n: usize) -> Vec<usize> {
    let log2 = usize::BITS as usize - 1 - n.max(1).leading_zeros() as usize;
    let top = log2.saturating_sub(2).clamp(5, 22);
    (0..)
        .map(|i| top as isize - 4 * i)
        .take_while(|&k| k >= 1)
        .map(|k| k as usize)
        .collect()
}

/// Candidates one phrase may visit before the suffix automaton takes over.
pub const CHAIN_LIMIT: usize = 1 << 12;

/// No position.
const NONE: u32 = u32::MAX;

/// A bit string packed most significant bit first.
struct PackedBits {
    words: Vec<u64>,
    len: usize,
}

impl PackedBits {
    fn new(bits: &[u32]) -> Self {
        let mut words: Vec<u64> = bits
            .chunks(64)
            .map(|chunk| {
                let word = chunk
                    .iter()
                    .fold(0u64, |w, &b| (w << 1) | u64::from(b != 0));
                word << (64 - chunk.len())
            })
            .collect();
        // Two spare words so that a 64-bit window may start at any position.
        words.extend([0, 0]);
        Self {
            words,
            len: bits.len(),
        }
    }

    /// The bit at position `i`.
    fn bit(&self, i: usize) -> usize {
        (self.words[i / 64] >> (63 - i % 64)) as usize & 1
    }

    /// The 64 bits from position `i` (zeros past the end).
    fn window(&self, i: usize) -> u64 {
        let (w, o) = (i / 64, i % 64);
        let high = self.words[w] << o;
        if o == 0 {
            high
        } else {
            high | (self.words[w + 1] >> (64 - o))
        }
    }

    /// The first `k` bits from position `i` as a number.
    fn key(&self, i: usize, k: usize) -> usize {
        (self.window(i) >> (64 - k)) as usize
    }

    /// Length of the longest common prefix of the suffixes at `q` and `p` (q < p),
    /// within the sequence.
    fn lcp(&self, q: usize, p: usize) -> usize {
        let limit = self.len - p;
        let mut matched = 0;
        while matched < limit {
            let x = self.window(q + matched) ^ self.window(p + matched);
            if x != 0 {
                matched += x.leading_zeros() as usize;
                break;
            }
            matched += 64;
        }
        matched.min(limit)
    }
}

/// Hash chains of one key length: the latest position with each key, and for every
/// position the previous one with the same key.
/// Chains are filled lazily, up to the phrase that first needs them: the short keys
/// are needed only where no long match exists, which in random data is near the start.
struct Chain {
    bits: usize,
    head: Vec<u32>,
    previous: Vec<u32>,
    /// Positions below this are in the chain.
    filled: usize,
}

impl Chain {
    fn new(bits: usize) -> Self {
        Self {
            bits,
            head: Vec::new(),
            previous: Vec::new(),
            filled: 0,
        }
    }

    /// Insert every position before `p` (that has a whole key).
    fn fill_to(&mut self, packed: &PackedBits, p: usize) {
        if self.head.is_empty() {
            self.head = vec![NONE; 1 << self.bits];
        }
        let last = p.min((packed.len + 1).saturating_sub(self.bits));
        if last <= self.filled {
            return;
        }
        // The key rolls: drop the first bit, take in the next.
        let mask = (1usize << self.bits) - 1;
        let mut key = packed.key(self.filled, self.bits);
        for q in self.filled..last {
            self.previous.push(self.head[key]);
            self.head[key] = q as u32;
            if q + self.bits < packed.len {
                key = ((key << 1) | packed.bit(q + self.bits)) & mask;
            }
        }
        self.filled = last;
    }
}

/// The phrases of the LZ76 factorisation of a 0/1 sequence.
pub fn binary_phrases(bits: &[u32], chain_limit: usize) -> Vec<Range<usize>> {
    let n = bits.len();
    let packed = PackedBits::new(bits);
    let mut chains: Vec<Chain> = tiers(n).into_iter().map(Chain::new).collect();
    let mut automaton: Option<SuffixAutomaton> = None;
    let mut phrases = Vec::new();
    let mut start = 0;
    while start < n {
        let length = match longest_earlier(&packed, &mut chains, start, chain_limit) {
            Some(length) => length,
            None => {
                let automaton = automaton.get_or_insert_with(|| SuffixAutomaton::new(bits, 2));
                automaton.longest_earlier(bits, start)
            }
        };
        let end = (start + length + 1).min(n);
        phrases.push(start..end);
        start = end;
    }
    phrases
}

/// The longest prefix of the suffix at `p` that starts earlier too, or `None` if a
/// chain was too long to walk.
fn longest_earlier(
    packed: &PackedBits,
    chains: &mut [Chain],
    p: usize,
    chain_limit: usize,
) -> Option<usize> {
    let remaining = packed.len - p;
    let mut visited = 0;
    // The longest match is below this: the key length of the tier above, which failed.
    let mut ceiling = usize::MAX;
    for chain in chains.iter_mut() {
        let k = chain.bits;
        if p + k > packed.len {
            ceiling = k;
            continue;
        }
        // Every earlier start is a candidate source.
        chain.fill_to(packed, p);
        let mut best = 0;
        let mut q = chain.head[packed.key(p, k)];
        while q != NONE {
            visited += 1;
            if visited > chain_limit {
                return None;
            }
            best = best.max(packed.lcp(q as usize, p));
            if best >= remaining || best + 1 >= ceiling {
                break;
            }
            q = chain.previous[q as usize];
        }
        if best >= k {
            return Some(best);
        }
        ceiling = k;
    }
    // Shorter than the smallest key: scan every earlier start.
    Some((0..p).map(|q| packed.lcp(q, p)).max().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn oracle(bits: &[u32]) -> Vec<Range<usize>> {
        let automaton = SuffixAutomaton::new(bits, 2);
        let mut phrases = Vec::new();
        let mut start = 0;
        while start < bits.len() {
            let end = (start + automaton.longest_earlier(bits, start) + 1).min(bits.len());
            phrases.push(start..end);
            start = end;
        }
        phrases
    }

    fn random_bits(len: usize, seed: u64) -> Vec<u32> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 40) as u32 & 1
            })
            .collect()
    }

    #[test]
    fn long_random_and_structured_sequences_agree_with_the_automaton() {
        let mut inputs = vec![random_bits(200_000, 7), vec![0; 5000], vec![1; 3]];
        // Periodic with rare noise: long chains, long matches.
        let mut periodic: Vec<u32> = (0..60_000).map(|i| u32::from(i % 23 < 11)).collect();
        for i in (0..60_000).step_by(997) {
            periodic[i] ^= 1;
        }
        inputs.push(periodic);
        for bits in &inputs {
            let expected = oracle(bits);
            assert_eq!(binary_phrases(bits, CHAIN_LIMIT), expected);
            // A tiny chain limit sends most phrases to the automaton: still exact.
            assert_eq!(binary_phrases(bits, 3), expected);
        }
    }

    #[test]
    fn tiers_follow_the_length() {
        assert_eq!(tiers(1_000_000), vec![17, 13, 9, 5, 1]);
        assert_eq!(tiers(10), vec![5, 1]);
    }

    proptest! {
        #[test]
        fn agrees_on_short_sequences(bits in proptest::collection::vec(0u32..2, 0..400), limit in 1usize..50) {
            prop_assert_eq!(binary_phrases(&bits, limit), oracle(&bits));
        }
    }
}
