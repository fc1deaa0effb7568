//! A suffix automaton (Blumer et al. 1985) that also records where each substring first
//! ends, which is what LZ76 needs to tell an earlier copy from the current one.

/// No state.
const NONE: u32 = u32::MAX;

/// Alphabets up to this size keep a dense transition table (fast, `alphabet` words per
/// state); bigger ones keep a short sorted list per state.
const DENSE_ALPHABET: usize = 8;

/// The minimal automaton accepting every substring of a sequence over `0..alphabet`.
pub struct SuffixAutomaton {
    /// Length of the longest string of each state.
    longest: Vec<u32>,
    /// Suffix link of each state.
    link: Vec<u32>,
    /// Index of the last symbol of the first occurrence of the state's strings.
    first_end: Vec<u32>,
    transitions: Transitions,
}

enum Transitions {
    Dense { alphabet: usize, table: Vec<u32> },
    Sparse(Vec<Vec<(u32, u32)>>),
}

impl Transitions {
    fn get(&self, state: u32, symbol: u32) -> Option<u32> {
        let target = match self {
            Transitions::Dense { alphabet, table } => {
                table[state as usize * alphabet + symbol as usize]
            }
            Transitions::Sparse(lists) => {
                let list = &lists[state as usize];
                match list.binary_search_by_key(&symbol, |&(s, _)| s) {
                    Ok(i) => list[i].1,
                    Err(_) => NONE,
                }
            }
        };
        (target != NONE).then_some(target)
    }

    fn set(&mut self, state: u32, symbol: u32, target: u32) {
        match self {
            Transitions::Dense { alphabet, table } => {
                table[state as usize * *alphabet + symbol as usize] = target;
            }
            Transitions::Sparse(lists) => {
                let list = &mut lists[state as usize];
                match list.binary_search_by_key(&symbol, |&(s, _)| s) {
                    Ok(i) => list[i].1 = target,
                    Err(i) => list.insert(i, (symbol, target)),
                }
            }
        }
    }

    /// Add a state with no transitions, or a copy of `from`'s.
    fn push(&mut self, from: Option<u32>) {
        match self {
            Transitions::Dense { alphabet, table } => match from {
                Some(f) => {
                    let start = f as usize * *alphabet;
                    table.extend_from_within(start..start + *alphabet);
                }
                None => table.extend(std::iter::repeat_n(NONE, *alphabet)),
            },
            Transitions::Sparse(lists) => {
                let copy = from.map_or_else(Vec::new, |f| lists[f as usize].clone());
                lists.push(copy);
            }
        }
    }
}

impl SuffixAutomaton {
    /// The state of the empty string.
    pub const ROOT: u32 = 0;

    /// Build the automaton of `codes`, whose symbols are all below `alphabet`, in
    /// O(n) (times log alphabet for big alphabets).
    pub fn new(codes: &[u32], alphabet: usize) -> Self {
        let capacity = 2 * codes.len() + 1;
        let transitions = if alphabet <= DENSE_ALPHABET {
            Transitions::Dense {
                alphabet: alphabet.max(1),
                table: Vec::with_capacity(capacity * alphabet.max(1)),
            }
        } else {
            Transitions::Sparse(Vec::with_capacity(capacity))
        };
        let mut automaton = Self {
            longest: Vec::with_capacity(capacity),
            link: Vec::with_capacity(capacity),
            first_end: Vec::with_capacity(capacity),
            transitions,
        };
        automaton.add_state(0, NONE, 0, None);
        let mut last = Self::ROOT;
        for (i, &c) in codes.iter().enumerate() {
            last = automaton.extend(last, c, i as u32);
        }
        automaton
    }

    fn add_state(&mut self, longest: u32, link: u32, first_end: u32, copy_of: Option<u32>) -> u32 {
        let id = self.longest.len() as u32;
        self.longest.push(longest);
        self.link.push(link);
        self.first_end.push(first_end);
        self.transitions.push(copy_of);
        id
    }

    /// Append symbol `c` at index `i`; returns the state of the whole prefix.
    fn extend(&mut self, last: u32, c: u32, i: u32) -> u32 {
        let current = self.add_state(self.longest[last as usize] + 1, NONE, i, None);
        let mut p = last;
        while p != NONE && self.transitions.get(p, c).is_none() {
            self.transitions.set(p, c, current);
            p = self.link[p as usize];
        }
        if p == NONE {
            self.link[current as usize] = Self::ROOT;
            return current;
        }
        let q = self.transitions.get(p, c).unwrap_or(NONE);
        if self.longest[p as usize] + 1 == self.longest[q as usize] {
            self.link[current as usize] = q;
            return current;
        }
        // Split q: the shorter strings of q also end at i now.
        let clone = self.add_state(
            self.longest[p as usize] + 1,
            self.link[q as usize],
            self.first_end[q as usize],
            Some(q),
        );
        while p != NONE && self.transitions.get(p, c) == Some(q) {
            self.transitions.set(p, c, clone);
            p = self.link[p as usize];
        }
        self.link[q as usize] = clone;
        self.link[current as usize] = clone;
        current
    }

    /// The state reached from `state` by `symbol`, if that string is a substring.
    pub fn next(&self, state: u32, symbol: u32) -> Option<u32> {
        self.transitions.get(state, symbol)
    }

    /// The length of the longest prefix of `codes[start..]` (the sequence this automaton
    /// was built from) that also starts before `start`; the copy may overlap. Such a
    /// prefix `w` starts earlier exactly when its first occurrence ends before
    /// `start + |w| - 1`.
    pub fn longest_earlier(&self, codes: &[u32], start: usize) -> usize {
        let mut state = Self::ROOT;
        let mut length = 0;
        while let Some(&c) = codes.get(start + length) {
            match self.next(state, c) {
                Some(next) if self.first_end(next) < start + length => {
                    state = next;
                    length += 1;
                }
                _ => break,
            }
        }
        length
    }

    /// Index of the last symbol of the first occurrence of the strings of `state`.
    pub fn first_end(&self, state: u32) -> usize {
        self.first_end[state as usize] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(automaton: &SuffixAutomaton, s: &[u32]) -> Option<u32> {
        s.iter()
            .try_fold(SuffixAutomaton::ROOT, |state, &c| automaton.next(state, c))
    }

    #[test]
    fn accepts_exactly_the_substrings_and_knows_their_first_end() {
        for (alphabet, text) in [
            (3, vec![0, 1, 2, 0, 1, 1, 0, 1, 2]),
            (12, vec![5, 11, 5, 0, 5, 11, 3]),
        ] {
            let automaton = SuffixAutomaton::new(&text, alphabet);
            for len in 1..=3 {
                let mut words = vec![vec![]];
                for _ in 0..len {
                    words = words
                        .into_iter()
                        .flat_map(|w| {
                            (0..alphabet as u32).map(move |c| [w.clone(), vec![c]].concat())
                        })
                        .collect();
                }
                for w in words {
                    let first = text.windows(len).position(|x| x == w.as_slice());
                    let state = walk(&automaton, &w);
                    assert_eq!(state.is_some(), first.is_some(), "{w:?}");
                    if let (Some(state), Some(start)) = (state, first) {
                        assert_eq!(automaton.first_end(state), start + len - 1, "{w:?}");
                    }
                }
            }
        }
    }
}
