//! Suffix arrays by induced sorting (SA-IS: Nong, Zhang and Chan 2009, in the compact
//! formulation of the AtCoder Library), and what LZ76 needs from one: for every position,
//! the two suffixes that start earlier and are lexicographically nearest to it, one on
//! each side (Kärkkäinen, Kempa and Puglisi 2013). The longest earlier match of a
//! position is the longer of its common prefixes with those two, so an LZ76 factorisation
//! costs one comparison run per phrase after the array is built.
//!
//! Memory: the array is 4 bytes per symbol; building it takes about 16 more at the peak
//! (types, bucket starts, the reduced problem), and the neighbours 12 (two arrays and a
//! stack), so [`BYTES_PER_SYMBOL`] with the symbols themselves.

/// No position.
pub const NONE: u32 = u32::MAX;

/// Peak bytes per symbol of [`earlier_neighbours`] over [`suffix_array`], beyond the
/// symbols themselves: measured on random and repetitive inputs, with a margin.
pub const BYTES_PER_SYMBOL: u64 = 28;

/// Below this length a suffix array is sorted by plain comparison.
const NAIVE_BELOW: usize = 16;

/// A symbol with a rank in `0..=upper`.
pub trait Symbol: Copy {
    /// The rank, below the `upper` bound given with the sequence.
    fn rank(self) -> usize;
}

impl Symbol for u8 {
    fn rank(self) -> usize {
        usize::from(self)
    }
}

impl Symbol for u32 {
    fn rank(self) -> usize {
        self as usize
    }
}

/// The suffix array of `s`, whose ranks are all at most `upper`: the start positions of
/// its suffixes in lexicographic order (a proper prefix sorts first). `s` must be shorter
/// than `u32::MAX`.
pub fn suffix_array<T: Symbol>(s: &[T], upper: usize) -> Vec<u32> {
    let n = s.len();
    match n {
        0 => return Vec::new(),
        1 => return vec![0],
        2 => {
            return if s[0].rank() < s[1].rank() {
                vec![0, 1]
            } else {
                vec![1, 0]
            };
        }
        _ => {}
    }
    if n < NAIVE_BELOW {
        let mut sa: Vec<u32> = (0..n as u32).collect();
        sa.sort_by(|&a, &b| {
            let suffix = |i: u32| s[i as usize..].iter().map(|c| c.rank());
            suffix(a).cmp(suffix(b))
        });
        return sa;
    }
    // `ls[i]`: the suffix at i is smaller than the one at i + 1 (S-type); the last is L.
    let mut ls = vec![false; n];
    for i in (0..n - 1).rev() {
        ls[i] = if s[i].rank() == s[i + 1].rank() {
            ls[i + 1]
        } else {
            s[i].rank() < s[i + 1].rank()
        };
    }
    // `sum_l[c]`: where bucket c starts; `sum_s[c]`: where its S-type part starts.
    let mut sum_l = vec![0u32; upper + 1];
    let mut sum_s = vec![0u32; upper + 1];
    for i in 0..n {
        if ls[i] {
            // An S-type symbol is below some later one, so below `upper`.
            sum_l[s[i].rank() + 1] += 1;
        } else {
            sum_s[s[i].rank()] += 1;
        }
    }
    for c in 0..=upper {
        sum_s[c] += sum_l[c];
        if c < upper {
            sum_l[c + 1] += sum_s[c];
        }
    }
    let mut sa = vec![NONE; n];
    let induce = |sa: &mut Vec<u32>, lms: &[u32]| {
        sa.fill(NONE);
        let mut buf = sum_s.clone();
        for &d in lms {
            let c = s[d as usize].rank();
            sa[buf[c] as usize] = d;
            buf[c] += 1;
        }
        buf.copy_from_slice(&sum_l);
        let c = s[n - 1].rank();
        sa[buf[c] as usize] = (n - 1) as u32;
        buf[c] += 1;
        for i in 0..n {
            let v = sa[i];
            if v != NONE && v >= 1 && !ls[v as usize - 1] {
                let c = s[v as usize - 1].rank();
                sa[buf[c] as usize] = v - 1;
                buf[c] += 1;
            }
        }
        buf.copy_from_slice(&sum_l);
        for i in (0..n).rev() {
            let v = sa[i];
            if v != NONE && v >= 1 && ls[v as usize - 1] {
                let c = s[v as usize - 1].rank() + 1;
                buf[c] -= 1;
                sa[buf[c] as usize] = v - 1;
            }
        }
    };
    // Leftmost S-type positions, numbered in text order.
    let mut lms_map = vec![NONE; n + 1];
    let mut lms: Vec<u32> = Vec::new();
    for i in 1..n {
        if !ls[i - 1] && ls[i] {
            lms_map[i] = lms.len() as u32;
            lms.push(i as u32);
        }
    }
    let m = lms.len();
    induce(&mut sa, &lms);
    if m > 0 {
        let sorted_lms: Vec<u32> = sa
            .iter()
            .copied()
            .filter(|&v| v != NONE && lms_map[v as usize] != NONE)
            .collect();
        // Name the LMS substrings: equal substrings get equal names.
        let mut reduced = vec![0u32; m];
        let mut upper_name = 0u32;
        reduced[lms_map[sorted_lms[0] as usize] as usize] = 0;
        for pair in sorted_lms.windows(2) {
            let (mut l, mut r) = (pair[0] as usize, pair[1] as usize);
            let end = |i: usize| {
                let k = lms_map[i] as usize + 1;
                if k < m { lms[k] as usize } else { n }
            };
            let (end_l, end_r) = (end(l), end(r));
            let mut same = end_l - l == end_r - r;
            if same {
                while l < end_l && s[l].rank() == s[r].rank() {
                    l += 1;
                    r += 1;
                }
                if l == n || s[l].rank() != s[r].rank() {
                    same = false;
                }
            }
            if !same {
                upper_name += 1;
            }
            reduced[lms_map[pair[1] as usize] as usize] = upper_name;
        }
        drop(lms_map);
        drop(sorted_lms);
        let reduced_sa = suffix_array(&reduced, upper_name as usize);
        drop(reduced);
        let sorted_lms: Vec<u32> = reduced_sa.iter().map(|&i| lms[i as usize]).collect();
        induce(&mut sa, &sorted_lms);
    }
    sa
}

/// For every position p, the start of the lexicographically nearest suffix below and
/// above p's among those that start before p ([`NONE`] where there is none): the
/// previous and next smaller values of the suffix array, indexed by position.
pub fn earlier_neighbours(sa: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = sa.len();
    let mut below = vec![NONE; n];
    let mut above = vec![NONE; n];
    // Positions in increasing order from the bottom: the candidates still open.
    let mut stack: Vec<u32> = Vec::new();
    for &p in sa {
        while let Some(&top) = stack.last() {
            if top < p {
                break;
            }
            above[top as usize] = p;
            stack.pop();
        }
        below[p as usize] = stack.last().copied().unwrap_or(NONE);
        stack.push(p);
    }
    (below, above)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(s: &[u32]) -> Vec<u32> {
        let mut sa: Vec<u32> = (0..s.len() as u32).collect();
        sa.sort_by(|&a, &b| s[a as usize..].cmp(&s[b as usize..]));
        sa
    }

    #[test]
    fn hand_checked_arrays() {
        let banana: Vec<u8> = b"banana".to_vec();
        assert_eq!(suffix_array(&banana, 255), [5, 3, 1, 0, 4, 2]);
        let long: Vec<u8> = b"mississippi_mississippi_mississippi".to_vec();
        let codes: Vec<u32> = long.iter().map(|&b| u32::from(b)).collect();
        assert_eq!(suffix_array(&long, 255), naive(&codes));
        let zeros = vec![0u8; 1000];
        let sa = suffix_array(&zeros, 1);
        assert_eq!(sa, (0..1000).rev().collect::<Vec<u32>>());
    }

    #[test]
    fn neighbours_are_the_nearest_earlier_suffixes() {
        let s: Vec<u32> = b"abracadabra_abracadabra"
            .iter()
            .map(|&b| u32::from(b))
            .collect();
        let sa = suffix_array(&s, 255);
        let (below, above) = earlier_neighbours(&sa);
        let rank: Vec<usize> = {
            let mut r = vec![0; s.len()];
            for (i, &p) in sa.iter().enumerate() {
                r[p as usize] = i;
            }
            r
        };
        for p in 0..s.len() {
            let earlier_below = (0..rank[p])
                .rev()
                .map(|i| sa[i])
                .find(|&q| (q as usize) < p);
            let earlier_above = (rank[p] + 1..s.len())
                .map(|i| sa[i])
                .find(|&q| (q as usize) < p);
            assert_eq!(below[p], earlier_below.unwrap_or(NONE), "{p}");
            assert_eq!(above[p], earlier_above.unwrap_or(NONE), "{p}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_sorting(s in proptest::collection::vec(0u32..4, 0..400)) {
            prop_assert_eq!(suffix_array(&s, 3), naive(&s));
        }

        #[test]
        fn agrees_with_sorting_on_larger_alphabets(s in proptest::collection::vec(0u32..60, 0..400)) {
            prop_assert_eq!(suffix_array(&s, 59), naive(&s));
        }
    }
}
