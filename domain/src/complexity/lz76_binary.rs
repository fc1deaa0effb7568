//! LZ76 for binary sequences, fast: the bits are packed 64 to a word, so comparing two
//! positions costs one XOR and a leading-zero count per 64 bits.
//!
//! Matches shorter than K − 1 bits are read from a binary tree of the prefixes of length
//! below K − 1 that start before p, stored as one bit per node (heap numbering: the node
//! of an l-bit prefix x is 2^l + x, its parent half that): the longest match is the
//! deepest node on p's path that is marked. Matches of K − 1 to D bits (D = K + 5, past
//! log2 n, where a random sequence's longest earlier matches lie) are read from one bit
//! per earlier start at its D-bit prefix: the prefixes of p of length K − 1 to D cover
//! aligned runs of at most 64 of those bits, all in one word. Only a match of D bits or
//! more walks a hash chain keyed by the first K bits of every earlier position: every
//! start achieving the longest match shares p's first K bits and is in p's chain, so
//! walking it is exact. All three are filled lazily as the scan advances, so they hold
//! exactly the earlier starts.
//!
//! A chain longer than [`CHAIN_LIMIT`] (repetitive input) hands the rest of the sequence
//! to the suffix-array factorisation ([`super::suffix_array`]), which is exact too.
//!
//! Memory: n/8 bytes of packed bits, 4 bytes per bit of chain links, 4 · 2^K bytes of
//! chain heads, 2^K bits of tree and 2^D bits of leaves ([`memory`]); the suffix array, if a chain is too
//! long, adds [`super::suffix_array::BYTES_PER_SYMBOL`] + 1 per bit.

use super::suffix_array::{self, NONE};
use std::ops::Range;

/// Candidates one phrase may visit before the suffix array takes over.
pub const CHAIN_LIMIT: usize = 1 << 12;

/// Key length of the chain: two bits below log2 n (17 for a million bits). Measured on
/// a million random bits, with D = K + 5: K = 17 took 6.6 ms, K = 16 7.4 ms, K = 18
/// 8.8 ms (a smaller key means longer chains, a larger one a head table that no longer
/// stays in cache); before the leaves, walking chains for every match of K bits or more
/// took 7.8 ms at the best K.
fn key_bits(n: usize) -> usize {
    let log2 = usize::BITS as usize - 1 - n.max(1).leading_zeros() as usize;
    log2.saturating_sub(2).clamp(4, 22)
}

/// Bytes the binary factorisation of `n` bits may need at most, the suffix-array
/// fallback included.
pub fn memory(n: usize) -> u64 {
    let n = n as u64;
    let k = key_bits(n as usize) as u64;
    let leaves = (1 << (k + LEAF_EXTRA as u64)) / 8;
    n / 8 + 4 * n + 4 * (1 << k) + (1 << k) / 8 + leaves + (suffix_array::BYTES_PER_SYMBOL + 1) * n
}

/// A bit string packed most significant bit first, with two spare zero words so that a
/// 64-bit window may start at any position.
pub(super) struct PackedBits {
    words: Vec<u64>,
    len: usize,
}

impl PackedBits {
    /// Pack 0/1 codes (any nonzero code is a 1).
    pub(super) fn from_codes(bits: &[u32]) -> Self {
        let mut words: Vec<u64> = bits
            .chunks(64)
            .map(|chunk| {
                let word = chunk
                    .iter()
                    .fold(0u64, |w, &b| (w << 1) | u64::from(b != 0));
                word << (64 - chunk.len())
            })
            .collect();
        words.extend([0, 0]);
        Self {
            words,
            len: bits.len(),
        }
    }

    /// Pack bytes of at most two values: `zero` is a 0 bit, the other value a 1.
    pub(super) fn from_bytes(bytes: &[u8], zero: u8) -> Self {
        // Eight bytes at a time: XOR with `zero` leaves 0 or d = zero ^ one in each byte;
        // one bit of d, shifted to each byte's lowest bit, is the symbol, and a multiply
        // gathers the eight into the top byte, the first byte most significant (each
        // product term lands on its own bit, so nothing carries).
        const ONES: u64 = 0x0101_0101_0101_0101;
        const GATHER: u64 = 0x8040_2010_0804_0201;
        let other = bytes.iter().copied().find(|&b| b != zero).unwrap_or(zero);
        let shift = (zero ^ other).trailing_zeros() % 8;
        let splat = u64::from(zero) * ONES;
        let gather = |chunk: &[u8]| -> u64 {
            let mut eight = [zero; 8];
            eight[..chunk.len()].copy_from_slice(chunk);
            let x = ((u64::from_le_bytes(eight) ^ splat) >> shift) & ONES;
            x.wrapping_mul(GATHER) >> 56
        };
        let mut words: Vec<u64> = Vec::with_capacity(bytes.len() / 64 + 3);
        for block in bytes.chunks(64) {
            let word = block
                .chunks(8)
                .fold(0u64, |w, chunk| (w << 8) | gather(chunk));
            // A short last block: its bytes are the high ones.
            let filled = block.len().div_ceil(8) * 8;
            words.push(word << (64 - filled));
        }
        words.extend([0, 0]);
        Self {
            words,
            len: bytes.len(),
        }
    }

    /// Number of bits.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// The bit at position `i`.
    fn bit(&self, i: usize) -> u8 {
        (self.words[i / 64] >> (63 - i % 64)) as u8 & 1
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

    /// The first `k` (1 to 63) bits from position `i` as a number.
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

/// Bits of the leaf window past the chain key: as many as let the one 64-bit word around
/// a position's leaf answer every depth from K − 1 to D ([`Finder::leaf_depth`]), since
/// 2^(5 + 1) = 64.
const LEAF_EXTRA: usize = 5;

/// The earlier starts seen so far: the K-bit chains, the tree of shorter prefixes and
/// the leaves of D-bit prefixes.
struct Finder {
    k: usize,
    /// D = K + [`LEAF_EXTRA`].
    depth: usize,
    head: Vec<u32>,
    previous: Vec<u32>,
    /// Bit v: node v of the prefix tree (2^l + x for the l-bit prefix x) has an earlier start.
    seen: Vec<u64>,
    /// Bit x: an earlier start whose first D bits (all inside the sequence) are x.
    leaves: Vec<u64>,
    /// Positions below this are in.
    filled: usize,
    /// The D-bit window at position `filled` (zeros past the end), rolling.
    window: usize,
}

impl Finder {
    fn new(packed: &PackedBits) -> Self {
        let n = packed.len();
        let k = key_bits(n).min(n.max(1));
        let depth = k + LEAF_EXTRA;
        Self {
            k,
            depth,
            head: vec![NONE; 1 << k],
            // Written by index, not pushed: the push's capacity check cost 8% of the scan.
            previous: vec![NONE; n],
            seen: vec![0; (1usize << k).div_ceil(64)],
            leaves: vec![0; (1usize << depth).div_ceil(64)],
            filled: 0,
            window: packed.key(0, depth),
        }
    }

    /// Mark node `v` and its unmarked ancestors.
    fn mark(&mut self, mut v: usize) {
        while v > 1 && self.seen[v / 64] >> (v % 64) & 1 == 0 {
            self.seen[v / 64] |= 1 << (v % 64);
            v >>= 1;
        }
    }

    fn marked(&self, v: usize) -> bool {
        self.seen[v / 64] >> (v % 64) & 1 == 1
    }

    /// Take in every position before `p`.
    fn fill_to(&mut self, packed: &PackedBits, p: usize) {
        let (n, k, d) = (packed.len(), self.k, self.depth);
        let mask = (1usize << d) - 1;
        // Positions with a whole key, in locals so the loop keeps them in registers.
        let keyed_end = p.min((n + 1).saturating_sub(k));
        let leaf = 1usize << (k - 1);
        let mut window = self.window;
        let (head, previous, seen) = (&mut self.head, &mut self.previous, &mut self.seen);
        let leaves = &mut self.leaves;
        let start = self.filled.min(keyed_end);
        for (q, link) in (start..).zip(&mut previous[start..keyed_end]) {
            let key = window >> (d - k);
            *link = head[key];
            head[key] = q as u32;
            // No branch on what is there: a mispredicted one would stall the loads of
            // the next positions.
            if q + d <= n {
                leaves[window / 64] |= 1 << (window % 64);
            }
            // The tree's leaves are the first K - 1 bits; most are marked early on.
            let v = leaf | (key >> 1);
            if seen[v / 64] >> (v % 64) & 1 == 0 {
                let mut v = v;
                while v > 1 && seen[v / 64] >> (v % 64) & 1 == 0 {
                    seen[v / 64] |= 1 << (v % 64);
                    v >>= 1;
                }
            }
            // Zeros past the end (the packing's spare words): the key's K bits stay exact.
            window = ((window << 1) | usize::from(packed.bit(q + d))) & mask;
        }
        self.window = window;
        self.filled = self.filled.max(keyed_end);
        while self.filled < p {
            let q = self.filled;
            // Never in a chain (no whole key): its link stays NONE.
            let r = (n - q).min(k - 1);
            if r > 0 {
                self.mark((1 << r) | packed.key(q, r));
            }
            self.filled += 1;
        }
    }

    /// The longest prefix of the suffix at `p` that starts earlier too, or `None` if
    /// the chain was too long to walk.
    fn longest_earlier(&mut self, packed: &PackedBits, p: usize, limit: usize) -> Option<usize> {
        self.fill_to(packed, p);
        let (n, k, d) = (packed.len(), self.k, self.depth);
        let remaining = n - p;
        // Below K − 1 bits: the deepest marked node on p's path.
        let mut length = remaining.min(k - 1);
        if length == 0 {
            return Some(0);
        }
        let mut v = (1 << length) | packed.key(p, length);
        while length > 0 && !self.marked(v) {
            v >>= 1;
            length -= 1;
        }
        if length < k - 1 || length == remaining {
            return Some(length);
        }
        // K − 1 bits or more. Away from the end every earlier start has its leaf, and one
        // word of leaves says how far past K − 1 the match goes, up to D.
        if p + d <= n {
            let depth = self.leaf_depth(packed.key(p, d));
            if depth < d {
                return Some(depth);
            }
        }
        // D bits or more (or near the end): every start achieving the longest match
        // shares p's first K bits, so it is in p's chain.
        let mut best = k - 1;
        let mut visited = 0;
        let mut q = self.head[packed.key(p, k)];
        while q != NONE {
            visited += 1;
            if visited > limit {
                return None;
            }
            best = best.max(packed.lcp(q as usize, p));
            if best >= remaining {
                break;
            }
            q = self.previous[q as usize];
        }
        Some(best)
    }

    /// The longest prefix, K − 1 to D bits, of the D-bit prefix `x` that an earlier
    /// start's leaf shares: the prefix of length l covers an aligned run of 2^(D−l)
    /// leaves, within one 64-bit word for l ≥ K − 1 since 2^(LEAF_EXTRA + 1) ≤ 64.
    fn leaf_depth(&self, x: usize) -> usize {
        let (k, d) = (self.k, self.depth);
        let word = self.leaves[x / 64];
        for l in (k..=d).rev() {
            let run = 1usize << (d - l);
            let base = (x % 64) & !(run - 1);
            let bits = (1u64 << run).wrapping_sub(1);
            if (word >> base) & bits != 0 {
                return l;
            }
        }
        k - 1
    }
}

/// The suffix-array factorisation over packed bits, for repetitive input.
struct Fallback {
    below: Vec<u32>,
    above: Vec<u32>,
}

impl Fallback {
    fn new(packed: &PackedBits) -> Self {
        let bits: Vec<u8> = (0..packed.len()).map(|i| packed.bit(i)).collect();
        let sa = suffix_array::suffix_array(&bits, 1);
        drop(bits);
        let (below, above) = suffix_array::earlier_neighbours(&sa);
        Self { below, above }
    }

    fn longest_earlier(&self, packed: &PackedBits, p: usize) -> usize {
        [self.below[p], self.above[p]]
            .into_iter()
            .filter(|&q| q != NONE)
            .map(|q| packed.lcp(q as usize, p))
            .max()
            .unwrap_or(0)
    }
}

/// The phrases of the LZ76 factorisation of packed bits.
pub fn binary_phrases(packed: &PackedBits, chain_limit: usize) -> Vec<Range<usize>> {
    let n = packed.len();
    let mut phrases = Vec::new();
    if n == 0 {
        return phrases;
    }
    let mut finder = Finder::new(packed);
    let mut fallback: Option<Fallback> = None;
    let mut start = 0;
    while start < n {
        let length = match &fallback {
            Some(f) => f.longest_earlier(packed, start),
            None => match finder.longest_earlier(packed, start, chain_limit) {
                Some(length) => length,
                None => {
                    let f = Fallback::new(packed);
                    let length = f.longest_earlier(packed, start);
                    fallback = Some(f);
                    length
                }
            },
        };
        let end = (start + length + 1).min(n);
        phrases.push(start..end);
        start = end;
    }
    phrases
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain quadratic scan of the definition.
    fn oracle(bits: &[u32]) -> Vec<Range<usize>> {
        let n = bits.len();
        let mut phrases = Vec::new();
        let mut start = 0;
        while start < n {
            let length = (0..start)
                .map(|q| {
                    (0..n - start)
                        .take_while(|&l| bits[q + l] == bits[start + l])
                        .count()
                })
                .max()
                .unwrap_or(0);
            let end = (start + length + 1).min(n);
            phrases.push(start..end);
            start = end;
        }
        phrases
    }

    /// The suffix-array factorisation alone: linear, so usable on long inputs.
    fn by_suffix_array(bits: &[u32]) -> Vec<Range<usize>> {
        let packed = PackedBits::from_codes(bits);
        let f = Fallback::new(&packed);
        let mut phrases = Vec::new();
        let mut start = 0;
        while start < bits.len() {
            let end = (start + f.longest_earlier(&packed, start) + 1).min(bits.len());
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
    fn long_random_and_structured_sequences_agree_with_the_suffix_array() {
        let mut inputs = vec![random_bits(200_000, 7), vec![0; 5000], vec![1; 3]];
        // Periodic with rare noise: long chains, long matches.
        let mut periodic: Vec<u32> = (0..60_000).map(|i| u32::from(i % 23 < 11)).collect();
        for i in (0..60_000).step_by(997) {
            periodic[i] ^= 1;
        }
        inputs.push(periodic);
        for bits in &inputs {
            let expected = by_suffix_array(bits);
            let packed = PackedBits::from_codes(bits);
            assert_eq!(binary_phrases(&packed, CHAIN_LIMIT), expected);
            // A tiny chain limit sends most phrases to the suffix array: still exact.
            assert_eq!(binary_phrases(&packed, 3), expected);
        }
    }

    #[test]
    fn bytes_pack_like_codes() {
        for len in [0, 1, 7, 8, 9, 63, 64, 65, 200] {
            let bits = random_bits(len, len as u64 + 3);
            let text: Vec<u8> = bits.iter().map(|&b| b"ab"[b as usize]).collect();
            let packed = PackedBits::from_bytes(&text, b'a');
            assert_eq!(packed.words, PackedBits::from_codes(&bits).words, "{len}");
            // Either symbol may be the zero: LZ76 does not depend on the labels.
            let flipped = PackedBits::from_bytes(&text, b'b');
            assert_eq!(
                binary_phrases(&flipped, CHAIN_LIMIT),
                binary_phrases(&packed, CHAIN_LIMIT)
            );
        }
    }

    #[test]
    fn key_length_follows_the_length() {
        assert_eq!(key_bits(1_000_000), 17);
        assert_eq!(key_bits(10), 4);
    }

    proptest! {
        #[test]
        fn agrees_on_short_sequences(bits in proptest::collection::vec(0u32..2, 0..400), limit in 1usize..50) {
            let expected = oracle(&bits);
            prop_assert_eq!(by_suffix_array(&bits), expected.clone());
            prop_assert_eq!(binary_phrases(&PackedBits::from_codes(&bits), limit), expected);
        }
    }
}
