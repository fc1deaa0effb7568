//! Coding-theorem (CTM) tables computed from small Turing machines, so BDM can use a
//! machine formalism the user picks instead of the bundled pybdm tables.
//!
//! The coding theorem method (Soler-Toscano, Zenil, Delahaye and Gauvrit 2014) runs every
//! Turing machine of a small formalism on a blank tape and estimates the algorithmic
//! probability of an output as the fraction of halting machines that produce it; the CTM
//! value is −log2 of that probability.
//!
//! # The formalism
//!
//! Machines have `n` states `0..n` (state 0 is the initial one), two symbols and a
//! separate halting state, as in the Busy Beaver formalism of Radó used by Soler-Toscano
//! et al. Every (state, read symbol) pair has one transition, chosen from `4n + 2` in 1D
//! and `8n + 2` in 2D:
//!
//! * write 0 or 1, move one cell (L/R in 1D, N/E/S/W in 2D), go to one of the `n`
//!   states: `2 · moves · n` transitions;
//! * write 0 or 1 and halt **without moving**: 2 transitions.
//!
//! This is the set of Soler-Toscano et al. (2014), whose `(4n+2)^(2n)` machines count
//! two halting transitions per pair; halting transitions that also moved would make
//! `(4n+4)^(2n)` machines and change every count. A step is one transition, the halting
//! one included, so the 2-state busy beaver halts in 6 steps and the 3- and 4-state ones
//! in 21 and 107, as in the busy beaver literature.
//!
//! # Transition and machine numbering
//!
//! A transition code `c` in `0..K` (K = 2·moves·n + 2) is: `0`, `1` = write `c` and halt;
//! otherwise `c - 2 = (next · moves + dir) · 2 + write`. Directions: 1D `0 = L`,
//! `1 = R`; 2D `0 = N`, `1 = E`, `2 = S`, `3 = W` (N is up, toward row 0).
//! Machine number `i` in `0..K^(2n)` is written in base K with the transition for
//! (state s, read a) as digit `2s + a`, digit 0 (state 0 reading 0, the first transition
//! every machine takes) the most significant. Decoding a number is a pure function, so
//! ranges of numbers are shared out between threads.
//!
//! # Outputs
//!
//! The output of a halting machine is what the head visited: in 1D the contiguous run of
//! visited cells, in 2D the smallest rectangle holding every visited cell (cells inside
//! it that were never visited are blank, 0). It is stored as an [`Output`], cells in
//! reading order (left to right, rows top to bottom) from the most significant of the
//! `rows · cols` low bits of `bits`, the same order as [`super::CtmTable::value`].
//!
//! # Reductions
//!
//! A complete enumeration does not run every machine; these shortcuts give exactly the
//! counts a plain run of all machines would (a test checks that against a plain run):
//!
//! * A machine whose first transition halts writes one cell and stops: the `2 · K^(2n-1)`
//!   such machines are counted without running them.
//! * A machine whose first transition moves and stays in state 0 reads a fresh 0 in
//!   state 0 again, forever: never halts, counted without running.
//! * The rest move first to some state `t ≠ 0`. Relabelling states `1..n` (swapping `t`
//!   and 1) does not change behaviour, and neither does mirroring every move (L↔R in 1D)
//!   or rotating every move by a quarter turn (2D), except that the output is mirrored or
//!   rotated like the moves. So only machines whose first transition goes right (1D) or
//!   east (2D) to state 1 are run, and each result stands for `n - 1` machines per image
//!   of its output under the mirror (1D: 2 images) or the rotations (2D: 4 images).
//! * While running, a machine stops early when it provably never halts: when no halting
//!   transition is reachable at all (from state 0, with only the symbols reachable
//!   transitions write), or when the head stands on a cell beyond everything visited so
//!   far and the transitions it will take reading 0s move it ever further out (a
//!   "runaway": it reads nothing but blanks again; in 2D "out" may be a diagonal, when
//!   the moves are in two perpendicular directions). Either way the machine would not
//!   have halted within any number of steps, so the counts are unchanged.
//!
//! Sampling uses none of the symmetries (each drawn machine is run as it is) but does
//! stop provably endless machines early.
//!
//! # Cost
//!
//! In a release build on two cores: 1D with 3 states (7.5 million machines) takes
//! ~50 ms, and with 4 states (11 billion) ~30 s at 107 steps; 2D with 3 states (309
//! million) ~0.7 s at 500 steps. Machines that loop in a bounded region are not detected
//! and run to `max_steps`, so time grows with the cut-off (2D, 3 states: ~3 s at 2000).

use std::collections::HashMap;
use std::fmt;

use rayon::prelude::*;

use super::ctm::{block_text, normalise};
use crate::work;

/// Whether machines run on a 1D tape or a 2D grid; the same type as the CTM table's
/// dimensions, so a computed table plugs into BDM without conversion.
pub use super::ctm::Dimensions;

/// Which machines: Turing machines with `states` states and 2 symbols, started in state 0
/// on a blank (all-0) tape, in the Busy Beaver formalism of Soler-Toscano, Zenil et al.
/// (2014): each (state, read symbol) has a transition (write symbol, move, next state)
/// where the next state may be the halting state (then the machine writes and stops
/// without moving); 1D moves L/R; 2D moves N/E/S/W on an unbounded grid ("turmites").
/// See the module documentation for the exact transition set and numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Formalism {
    /// Tape (1D) or grid (2D).
    pub dimensions: Dimensions,
    /// Number of non-halting states; 0 means no machines at all.
    pub states: u8,
    /// Steps (transitions, the halting one included) a machine may take; a machine that
    /// has not halted after this many counts as non-halting.
    pub max_steps: u32,
    /// `None`: enumerate all machines; `Some(n)`: run `n` machines drawn uniformly (with
    /// replacement) from all of them with a fixed-seed generator, for spaces too large to
    /// enumerate. The same formalism always draws the same machines.
    pub sample: Option<u64>,
}

/// How often each output appeared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputCounts {
    /// Machines run (or accounted for exactly by a reduction): the whole space when
    /// enumerating (saturating at `u64::MAX`), the sample size when sampling.
    pub machines: u64,
    /// Of which halted within `max_steps`.
    pub halted: u64,
    /// Of the halting machines, those whose output has more than 64 cells: counted in
    /// `halted` but not in `counts`.
    pub too_large: u64,
    /// The most steps any halting machine took. Well below `max_steps`, it suggests the
    /// cut-off lost few machines; equal to the busy beaver's step count S(n) (6 for 2
    /// states, 21 for 3, 107 for 4 in 1D) when the cut-off is at least S(n).
    pub longest_halt: u32,
    /// Output of each halting machine (see [`Output`]) and how many machines produced it.
    pub counts: HashMap<Output, u64>,
}

/// What a halting machine left: 1D: the cells visited by the head (a contiguous run), as
/// `rows = 1`, `cols` = length; 2D: the smallest rectangle containing every visited cell,
/// `rows` from north to south, `cols` from west to east. The `rows · cols` cells are the
/// low bits of `bits`, in reading order (row by row, left to right) from the most
/// significant: 1D cell 0 (leftmost) is bit `cols - 1`, so `0b011` is the string "011".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Output {
    /// Rows: 1 in 1D.
    pub rows: u8,
    /// Columns: the string length in 1D.
    pub cols: u8,
    /// The cells, first cell in the most significant of the `rows · cols` low bits.
    pub bits: u64,
}

impl Output {
    /// Number of cells.
    pub fn cells(self) -> u32 {
        u32::from(self.rows) * u32::from(self.cols)
    }

    /// The output with symbols relabelled in order of first appearance (first cell 0),
    /// the key a CTM table stores it under.
    pub fn normalised(self) -> Self {
        Self {
            bits: normalise(self.bits, self.cells() as usize),
            ..self
        }
    }

    /// The cell at `row`, `col` (0 or 1).
    fn cell(self, row: u32, col: u32) -> u64 {
        let index = row * u32::from(self.cols) + col;
        (self.bits >> (self.cells() - 1 - index)) & 1
    }

    /// Mirrored left to right (the output of the mirrored machine in 1D).
    fn mirrored(self) -> Self {
        let mut bits = 0;
        for row in 0..u32::from(self.rows) {
            for col in (0..u32::from(self.cols)).rev() {
                bits = (bits << 1) | self.cell(row, col);
            }
        }
        Self { bits, ..self }
    }

    /// Turned a quarter turn clockwise (the output of the machine whose moves are all
    /// turned so: N→E→S→W→N). Old cell (r, c) lands at row c, column rows − 1 − r.
    fn rotated(self) -> Self {
        let (rows, cols) = (u32::from(self.rows), u32::from(self.cols));
        let mut bits = 0;
        for new_row in 0..cols {
            for new_col in 0..rows {
                bits = (bits << 1) | self.cell(rows - 1 - new_col, new_row);
            }
        }
        Self {
            rows: self.cols,
            cols: self.rows,
            bits,
        }
    }
}

impl fmt::Display for Output {
    /// Row by row, rows separated by `/`: "0110", "01/10".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&block_text(
            self.bits,
            usize::from(self.rows),
            usize::from(self.cols),
        ))
    }
}

/// The progress callback asked to stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// The number of machines in the formalism: `(4n+2)^(2n)` in 1D and `(8n+2)^(2n)` in 2D
/// (each of the 2n (state, symbol) pairs has 2 writes × moves × n next states, plus 2
/// halting transitions that write and stop without moving). 0 for `states = 0`;
/// saturates at `u128::MAX` (from 2D with 12 states on).
pub fn machine_count(dimensions: Dimensions, states: u8) -> u128 {
    if states == 0 {
        return 0;
    }
    u128::from(radix(dimensions, states))
        .checked_pow(2 * u32::from(states))
        .unwrap_or(u128::MAX)
}

/// Run the machines of `formalism` and count their outputs.
///
/// `progress` is called with the fraction done in `[0, 1]`: once at the start (on the
/// calling thread), then from the worker threads after each batch of machines (every
/// ~0.4% of the work, or every 2^16 machines if that is sooner), one call at a time and
/// never lower than the call before; a complete run reports 1 once.
/// If it returns false, the workers stop after their current batch and the run returns
/// `Err(Cancelled)`. The work is shared between all cores on rayon's pool.
///
/// Enumerating is exact (see the module documentation for the reductions it uses);
/// sampling counts each drawn machine once, so `counts / machines` estimates the
/// frequencies of the whole space.
pub fn run_machines(
    formalism: &Formalism,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<OutputCounts, Cancelled> {
    run_machines_within(formalism, u64::MAX, progress).map_err(|_| Cancelled)
}

/// Why a run stopped before the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Stopped {
    /// The progress callback asked to stop.
    #[error("cancelled")]
    Cancelled,
    /// The machines together simulated more steps than the limit.
    #[error(
        "the machines passed the work limit of {limit} steps: lower --steps or --states, or pass a smaller --sample"
    )]
    WorkLimit {
        /// The limit, in steps of work.
        limit: u64,
    },
}

/// Simulated steps a worker counts before it adds them to the shared total.
const WORK_FLUSH: u64 = 1 << 22;

/// [`run_machines`], stopping with [`Stopped::WorkLimit`] once the machines together have
/// done more than `work_limit` steps of work (a 1D step is one, a 2D step three, and
/// each machine sixteen more) (checked every few million steps, so a run
/// ends soon after the limit whatever the step bound).
pub fn run_machines_within(
    formalism: &Formalism,
    work_limit: u64,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> Result<OutputCounts, Stopped> {
    if !progress(0.0) {
        return Err(Stopped::Cancelled);
    }
    let states = formalism.states;
    if states == 0 {
        return Ok(OutputCounts::default());
    }
    let k = radix(formalism.dimensions, states);
    // K^(2n-1): machines per value of the first transition. Beyond u128 the space could
    // never be enumerated anyway; saturating keeps the arithmetic defined while the
    // caller cancels.
    let block = u128::from(k)
        .checked_pow(2 * u32::from(states) - 1)
        .unwrap_or(u128::MAX);
    let job = match formalism.sample {
        None => Job::Enumerate {
            // Machines whose first transition writes 0 or 1, goes right/east (direction
            // 1) to state 1: two consecutive codes, so one contiguous range of numbers.
            first: u128::from(code(1, 1, 0, moves(formalism.dimensions))).saturating_mul(block),
            total: block.saturating_mul(2),
        },
        Some(samples) => Job::Sample { total: samples },
    };
    let total = job.total();
    // Batches small enough to report progress every ~0.4%, large enough that the
    // shared counters are not contended.
    let batch = (total / 256).clamp(1, 1 << 16);
    let batches = usize::try_from(total.div_ceil(batch)).unwrap_or(usize::MAX);
    let report = |done: u64| progress(done as f64 / total as f64);
    let progress = work::Progress::new(&report);
    let allowance = work::Allowance::new(work_limit);
    let workers = work::PerThread::new();
    // One rayon job per batch: a thread that runs out takes the next batch, as the
    // machines of some batches take far longer than others.
    let outcome = (0..batches)
        .into_par_iter()
        .with_max_len(1)
        .try_for_each(|b| {
            if progress.is_cancelled() || allowance.is_passed() {
                return Err(Stopped::Cancelled);
            }
            let start = b as u128 * batch;
            let end = start.saturating_add(batch).min(total);
            let make = || Worker::new(formalism.dimensions, states);
            let within = workers.with(make, |worker| {
                worker.run(job, start..end, formalism.max_steps, &allowance)
            });
            if !within {
                return Err(Stopped::WorkLimit { limit: work_limit });
            }
            if !progress.advance((end - start) as u64) {
                return Err(Stopped::Cancelled);
            }
            Ok(())
        });
    // Whichever worker stopped first, passing the limit is the reason to give.
    if allowance.is_passed() {
        return Err(Stopped::WorkLimit { limit: work_limit });
    }
    if outcome.is_err() || progress.is_cancelled() {
        return Err(Stopped::Cancelled);
    }
    let mut run = Tally::default();
    for worker in workers.into_values() {
        run.merge(worker.tally);
    }

    let mut result = OutputCounts {
        machines: u64::try_from(machine_count(formalism.dimensions, states)).unwrap_or(u64::MAX),
        halted: 0,
        too_large: 0,
        longest_halt: run.longest_halt,
        counts: HashMap::new(),
    };
    match job {
        Job::Sample { total } => {
            result.machines = total;
            result.halted = run.halted;
            result.too_large = run.too_large;
            result.counts = run.counts;
        }
        Job::Enumerate { .. } => {
            // Each machine run stands for n - 1 relabellings of states 1..n, per image of
            // its output under the mirror (1D) or the four rotations (2D).
            let relabellings = u64::from(states) - 1;
            let images = moves(formalism.dimensions);
            let per_image = |count: u64| count.saturating_mul(relabellings);
            result.halted = per_image(run.halted).saturating_mul(images);
            result.too_large = per_image(run.too_large).saturating_mul(images);
            for (output, count) in run.counts {
                let mut image = output;
                for _ in 0..images {
                    add(&mut result.counts, image, per_image(count));
                    image = match formalism.dimensions {
                        Dimensions::One => image.mirrored(),
                        Dimensions::Two => image.rotated(),
                    };
                }
            }
            // Machines halting on the first step: K^(2n-1) for each written symbol (none
            // when no step is allowed).
            let halting_first = if formalism.max_steps == 0 {
                0
            } else {
                u64::try_from(block).unwrap_or(u64::MAX)
            };
            for symbol in (0..2).filter(|_| halting_first > 0) {
                add(
                    &mut result.counts,
                    Output {
                        rows: 1,
                        cols: 1,
                        bits: symbol,
                    },
                    halting_first,
                );
            }
            result.halted = result
                .halted
                .saturating_add(halting_first.saturating_mul(2));
            result.longest_halt = result.longest_halt.max(u32::from(halting_first > 0));
        }
    }
    Ok(result)
}

/// CTM value in bits of each normalised output: `−log2((c(s) + c(s̄)) / (2 · halted))`,
/// where `c(s)` counts the machines that output `s`, `s̄` is its complement (0↔1) and
/// `halted` counts every halting machine (too-large outputs included, so the
/// probabilities are those of the real output distribution).
///
/// The probability is `D(n, m)(s)` as defined by Soler-Toscano et al. (and the Online
/// Algorithmic Complexity Calculator): the fraction of halting (machine, blank symbol)
/// runs, over both blank symbols, that output `s`. An output and its complement are
/// merged under one key, relabelled in order of first appearance (the key's first cell is
/// 0). Why: the blank symbol is an arbitrary choice. Running every machine on a blank
/// tape of 1s gives exactly the complemented distribution (machine M on 1s behaves like M
/// with its symbols swapped on 0s, a bijection of the machine space), so pooling both
/// blank symbols gives `s` and `s̄` the same count `c(s) + c(s̄)` out of `2 · halted`
/// runs. On a 0-tape alone the two counts differ a little, since every cell is 0 when the
/// head first reads it (1D, 2 states: "00" comes from 264 machines, "11" from 244).
///
/// The value is that of each of the two strings, so `2^−v` summed over both members of
/// every key is at most 1 (1 when no output was too large), the convention of the bundled
/// pybdm tables (whose values sum that way to 1). Sorted by output; empty when nothing
/// halted.
pub fn ctm_bits(counts: &OutputCounts) -> Vec<(Output, f64)> {
    if counts.halted == 0 {
        return Vec::new();
    }
    let mut merged: HashMap<Output, u64> = HashMap::new();
    for (&output, &count) in &counts.counts {
        add(&mut merged, output.normalised(), count);
    }
    let runs = 2.0 * counts.halted as f64;
    let mut values: Vec<(Output, f64)> = merged
        .into_iter()
        .filter(|&(_, count)| count > 0)
        .map(|(output, count)| (output, (runs / count as f64).log2()))
        .collect();
    values.sort_by_key(|a| a.0);
    values
}

/// Add `count` to `output`'s entry, saturating.
fn add(counts: &mut HashMap<Output, u64>, output: Output, count: u64) {
    let entry = counts.entry(output).or_insert(0);
    *entry = entry.saturating_add(count);
}

/// The seed of the sampling generator: fixed, so a sampled table is reproducible.
const SEED: u64 = 0x5EED_1ADD_E125_2014;

/// Next-state value of a halting transition.
const HALT: u8 = u8::MAX;

/// Moves per step: 2 in 1D, 4 in 2D.
fn moves(dimensions: Dimensions) -> u64 {
    match dimensions {
        Dimensions::One => 2,
        Dimensions::Two => 4,
    }
}

/// Transitions per (state, symbol) pair: K = 2 · moves · n + 2.
fn radix(dimensions: Dimensions, states: u8) -> u64 {
    2 * moves(dimensions) * u64::from(states) + 2
}

/// The code of the moving transition to `next` in direction `dir` writing `write`; see
/// the module documentation.
fn code(next: u64, dir: u64, write: u64, moves: u64) -> u64 {
    2 + (next * moves + dir) * 2 + write
}

/// One decoded transition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Transition {
    /// Symbol written.
    write: u8,
    /// Direction moved (unused when halting).
    dir: u8,
    /// Next state, or [`HALT`].
    next: u8,
}

impl Transition {
    /// Decode transition `code` (see the module documentation).
    fn decode(code: u64, moves: u64) -> Self {
        if code < 2 {
            return Self {
                write: code as u8,
                dir: 0,
                next: HALT,
            };
        }
        let c = code - 2;
        Self {
            write: (c % 2) as u8,
            dir: ((c / 2) % moves) as u8,
            // < n <= 255, and 255 only in codes beyond K.
            next: (c / (2 * moves)) as u8,
        }
    }

    fn halts(self) -> bool {
        self.next == HALT
    }
}

/// The transition codes (base-K digits) of machine number `index`, digit `2s + a` for
/// state s reading a, digit 0 the most significant. Pure, so threads can decode any part
/// of the range.
fn machine_digits(dimensions: Dimensions, states: u8, index: u128) -> Vec<u64> {
    let k = u128::from(radix(dimensions, states));
    let mut rest = index;
    let mut digits = vec![0; 2 * usize::from(states)];
    for digit in digits.iter_mut().rev() {
        *digit = (rest % k) as u64;
        rest /= k;
    }
    digits
}

/// What a job runs.
#[derive(Clone, Copy, Debug)]
enum Job {
    /// Machines `first .. first + total`, each result standing for several machines.
    Enumerate { first: u128, total: u128 },
    /// Sampled machines 0..total.
    Sample { total: u64 },
}

impl Job {
    fn total(self) -> u128 {
        match self {
            Job::Enumerate { total, .. } => total,
            Job::Sample { total } => u128::from(total),
        }
    }
}

/// A machine being run: its digits and decoded transition table (index `2s + a`).
struct Machine {
    dimensions: Dimensions,
    states: u8,
    k: u64,
    digits: Vec<u64>,
    table: Vec<Transition>,
    /// Every transition decoded once, by code.
    decoded: Vec<Transition>,
}

impl Machine {
    fn new(dimensions: Dimensions, states: u8) -> Self {
        let k = radix(dimensions, states);
        let decoded: Vec<Transition> = (0..k)
            .map(|c| Transition::decode(c, moves(dimensions)))
            .collect();
        let n = 2 * usize::from(states);
        Self {
            dimensions,
            states,
            k,
            digits: vec![0; n],
            table: vec![decoded[0]; n],
            decoded,
        }
    }

    /// Become machine number `index`.
    fn set_index(&mut self, index: u128) {
        self.digits = machine_digits(self.dimensions, self.states, index);
        for (slot, &digit) in self.table.iter_mut().zip(&self.digits) {
            *slot = self.decoded[digit as usize];
        }
    }

    /// Become the next machine number (an odometer, cheaper than decoding afresh).
    fn increment(&mut self) {
        for j in (0..self.digits.len()).rev() {
            self.digits[j] += 1;
            if self.digits[j] < self.k {
                self.table[j] = self.decoded[self.digits[j] as usize];
                return;
            }
            self.digits[j] = 0;
            self.table[j] = self.decoded[0];
        }
    }

    /// Become sampled machine `i`: every transition uniform in 0..K, from a generator
    /// seeded by `i` alone, so any thread can draw any sample.
    fn set_sample(&mut self, i: u64) {
        let mut rng = SplitMix64(mix(SEED ^ mix(i)));
        for (slot, digit) in self.table.iter_mut().zip(self.digits.iter_mut()) {
            *digit = rng.below(self.k);
            *slot = self.decoded[*digit as usize];
        }
    }
}

/// The splitmix64 finaliser: a bijective mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The splitmix64 generator (Steele, Lea and Flood 2014): small, fast, good enough to
/// pick machines.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0), by Lemire's multiply-and-reject: no modulo bias.
    fn below(&mut self, n: u64) -> u64 {
        let mut m = u128::from(self.next()) * u128::from(n);
        if (m as u64) < n {
            let threshold = n.wrapping_neg() % n;
            while (m as u64) < threshold {
                m = u128::from(self.next()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }
}

/// How one machine ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Halted after `steps` steps with this output (`None`: more than 64 cells).
    Halted { steps: u32, output: Option<Output> },
    /// Did not halt within the step limit, or provably never halts.
    Running,
}

/// A worker's counts.
#[derive(Default)]
struct Tally {
    halted: u64,
    too_large: u64,
    longest_halt: u32,
    counts: HashMap<Output, u64>,
}

impl Tally {
    fn record(&mut self, outcome: Outcome) {
        if let Outcome::Halted { steps, output } = outcome {
            self.halted += 1;
            self.longest_halt = self.longest_halt.max(steps);
            match output {
                Some(output) => add(&mut self.counts, output, 1),
                None => self.too_large += 1,
            }
        }
    }

    fn merge(&mut self, other: Tally) {
        self.halted += other.halted;
        self.too_large += other.too_large;
        self.longest_halt = self.longest_halt.max(other.longest_halt);
        for (output, count) in other.counts {
            add(&mut self.counts, output, count);
        }
    }
}

/// What one thread keeps from one batch to the next: its counts and its buffers.
struct Worker {
    tally: Tally,
    scratch: Scratch,
    machine: Machine,
}

impl Worker {
    fn new(dimensions: Dimensions, states: u8) -> Self {
        Self {
            tally: Tally::default(),
            scratch: Scratch::new(dimensions, states),
            machine: Machine::new(dimensions, states),
        }
    }

    /// Run machines `range` of `job` and count their outputs, adding the steps simulated
    /// to `work` every few million; false once `work` has passed its limit.
    fn run(
        &mut self,
        job: Job,
        range: std::ops::Range<u128>,
        max_steps: u32,
        work: &work::Allowance,
    ) -> bool {
        match job {
            Job::Enumerate { first, .. } => {
                self.machine.set_index(first.saturating_add(range.start));
                for _ in range {
                    let outcome = self.scratch.run(&self.machine.table, max_steps);
                    self.tally.record(outcome);
                    self.machine.increment();
                    if self.scratch.simulated > WORK_FLUSH
                        && !work.spend(self.scratch.take_simulated())
                    {
                        return false;
                    }
                }
            }
            Job::Sample { .. } => {
                for i in range {
                    // `i < total <= u64::MAX` for samples.
                    self.machine.set_sample(i as u64);
                    let outcome = self.scratch.run(&self.machine.table, max_steps);
                    self.tally.record(outcome);
                    if self.scratch.simulated > WORK_FLUSH
                        && !work.spend(self.scratch.take_simulated())
                    {
                        return false;
                    }
                }
            }
        }
        work.spend(self.scratch.take_simulated())
    }
}

/// Work of one 2D step, in 1D steps.
const STEP_COST_2D: u64 = 3;
/// Work of setting up and analysing one machine, in 1D steps.
const MACHINE_COST: u64 = 16;

/// Marks "not yet computed" in the runaway memo.
const UNKNOWN: u8 = u8::MAX;

/// A worker's reusable buffers: the tape or grid (all 0 between machines) and per-state
/// analysis memos.
struct Scratch {
    dimensions: Dimensions,
    /// 1D tape, or 2D grid row-major `side × side`.
    cells: Vec<u8>,
    /// 2D grid side (unused in 1D).
    side: usize,
    /// Per state: the directions its runaway moves in, 0 if none, [`UNKNOWN`].
    runaway: Vec<u8>,
    /// Per state: reachable, for the static halting check.
    reached: Vec<bool>,
    /// Work since the last [`Scratch::take_simulated`], in 1D steps: a 2D step counts
    /// as [`STEP_COST_2D`], and each machine as [`MACHINE_COST`] more for its analysis
    /// and a grown 2D grid one per eight of its cells
    /// (measured: a 2D step takes two to five times as long as a 1D one, the more the larger the grid).
    simulated: u64,
}

impl Scratch {
    fn new(dimensions: Dimensions, states: u8) -> Self {
        // Start small; the tape grows when a machine wanders further.
        let (cells, side) = match dimensions {
            Dimensions::One => (vec![0; 256], 0),
            Dimensions::Two => (vec![0; 64 * 64], 64),
        };
        Self {
            dimensions,
            cells,
            side,
            runaway: vec![UNKNOWN; usize::from(states)],
            reached: vec![false; usize::from(states)],
            simulated: 0,
        }
    }

    /// Steps simulated since the last call.
    fn take_simulated(&mut self) -> u64 {
        std::mem::take(&mut self.simulated)
    }

    /// Run the machine with transition `table` from a blank tape, at most `max_steps`.
    fn run(&mut self, table: &[Transition], max_steps: u32) -> Outcome {
        self.simulated += MACHINE_COST;
        if !halt_reachable(table, &mut self.reached) {
            return Outcome::Running;
        }
        self.runaway.fill(UNKNOWN);
        // Every cell is fresh at the start: if the chain from state 0 runs away, the
        // machine never reads anything but blanks.
        if runaway(table, 0, &mut self.runaway, self.dimensions) != 0 {
            return Outcome::Running;
        }
        match self.dimensions {
            Dimensions::One => self.run_1d(table, max_steps),
            Dimensions::Two => self.run_2d(table, max_steps),
        }
    }

    fn run_1d(&mut self, table: &[Transition], max_steps: u32) -> Outcome {
        // Invariant: every cell outside lo..=hi is 0, and lo >= 1, hi <= len - 2, so one
        // move from inside stays inside the buffer.
        let mut pos = self.cells.len() / 2;
        let (mut lo, mut hi) = (pos, pos);
        let mut state = 0usize;
        let mut outcome = Outcome::Running;
        for step in 1..=max_steps {
            self.simulated += 1;
            let t = table[2 * state + usize::from(self.cells[pos])];
            self.cells[pos] = t.write;
            if t.halts() {
                let len = hi - lo + 1;
                let output = (len <= 64).then(|| Output {
                    rows: 1,
                    cols: len as u8,
                    bits: self.cells[lo..=hi]
                        .iter()
                        .fold(0, |bits, &c| (bits << 1) | u64::from(c)),
                });
                outcome = Outcome::Halted {
                    steps: step,
                    output,
                };
                break;
            }
            state = usize::from(t.next);
            if t.dir == 0 {
                pos -= 1;
                if pos < lo {
                    lo = pos;
                    if runaway(table, state, &mut self.runaway, Dimensions::One) == 1 {
                        break;
                    }
                }
            } else {
                pos += 1;
                if pos > hi {
                    hi = pos;
                    if runaway(table, state, &mut self.runaway, Dimensions::One) == 2 {
                        break;
                    }
                }
            }
            if lo == 0 || hi == self.cells.len() - 1 {
                let shift = self.cells.len() / 2;
                let mut cells = vec![0; 2 * self.cells.len()];
                cells[lo + shift..=hi + shift].copy_from_slice(&self.cells[lo..=hi]);
                self.cells = cells;
                (pos, lo, hi) = (pos + shift, lo + shift, hi + shift);
            }
        }
        self.cells[lo..=hi].fill(0);
        outcome
    }

    fn run_2d(&mut self, table: &[Transition], max_steps: u32) -> Outcome {
        // Invariant as in 1D: cells outside the box x0..=x1 × y0..=y1 are 0, and the box
        // keeps a margin of one cell inside the grid.
        let mut side = self.side;
        let (mut x, mut y) = (side / 2, side / 2);
        let (mut x0, mut x1, mut y0, mut y1) = (x, x, y, y);
        let mut state = 0usize;
        let mut outcome = Outcome::Running;
        for step in 1..=max_steps {
            self.simulated += STEP_COST_2D;
            let i = y * side + x;
            let t = table[2 * state + usize::from(self.cells[i])];
            self.cells[i] = t.write;
            if t.halts() {
                let (rows, cols) = (y1 - y0 + 1, x1 - x0 + 1);
                let output = (rows * cols <= 64).then(|| {
                    let mut bits = 0;
                    for row in y0..=y1 {
                        for &c in &self.cells[row * side + x0..=row * side + x1] {
                            bits = (bits << 1) | u64::from(c);
                        }
                    }
                    Output {
                        rows: rows as u8,
                        cols: cols as u8,
                        bits,
                    }
                });
                outcome = Outcome::Halted {
                    steps: step,
                    output,
                };
                break;
            }
            state = usize::from(t.next);
            match t.dir {
                0 => y -= 1,
                1 => x += 1,
                2 => y += 1,
                _ => x -= 1,
            }
            if x < x0 || x > x1 || y < y0 || y > y1 {
                let mask = runaway(table, state, &mut self.runaway, Dimensions::Two);
                if mask != 0 && beyond(mask, x, y, (x0, x1, y0, y1)) {
                    break;
                }
                (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
                if x0 == 0 || y0 == 0 || x1 == side - 1 || y1 == side - 1 {
                    let shift = side / 2;
                    let wider = 2 * side;
                    // Zeroing and copying a large grid costs more than the steps that
                    // led there.
                    self.simulated += (wider * wider / 8) as u64;
                    let mut cells = vec![0; wider * wider];
                    for row in y0..=y1 {
                        cells[(row + shift) * wider + x0 + shift
                            ..=(row + shift) * wider + x1 + shift]
                            .copy_from_slice(&self.cells[row * side + x0..=row * side + x1]);
                    }
                    self.cells = cells;
                    side = wider;
                    self.side = side;
                    (x, y, x0, x1, y0, y1) = (
                        x + shift,
                        y + shift,
                        x0 + shift,
                        x1 + shift,
                        y0 + shift,
                        y1 + shift,
                    );
                }
            }
        }
        for row in y0..=y1 {
            self.cells[row * side + x0..=row * side + x1].fill(0);
        }
        outcome
    }
}

/// Whether any halting transition is reachable from state 0 on a blank tape, over-
/// approximating: a state is reachable if some reachable transition enters it, a symbol
/// readable if it is the blank or some reachable transition writes it. If no halting
/// transition is reachable so, the machine never halts.
fn halt_reachable(table: &[Transition], reached: &mut [bool]) -> bool {
    reached.fill(false);
    reached[0] = true;
    let mut readable = [true, false];
    loop {
        let mut changed = false;
        for state in 0..reached.len() {
            if !reached[state] {
                continue;
            }
            for symbol in 0..2 {
                if !readable[symbol] {
                    continue;
                }
                let t = table[2 * state + symbol];
                if t.halts() {
                    return true;
                }
                let next = usize::from(t.next);
                if !readable[usize::from(t.write)] || !reached[next] {
                    readable[usize::from(t.write)] = true;
                    reached[next] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return false;
        }
    }
}

/// The directions (bit `dir` set for each) of the transitions the machine takes from
/// `state` while it reads only 0s, if that chain never halts and never reverses (never
/// uses two opposite directions); else 0. Such a chain, started on a cell beyond all
/// visited cells in its directions, only meets fresh blank cells, so the machine never
/// halts. Memoised per machine in `memo`.
fn runaway(table: &[Transition], state: usize, memo: &mut [u8], dimensions: Dimensions) -> u8 {
    if memo[state] != UNKNOWN {
        return memo[state];
    }
    // Following the chain for n transitions visits n + 1 states, so it has come back to a
    // state it passed: from there it cycles through transitions already seen.
    let mut mask = 0u8;
    let mut s = state;
    let mut endless = true;
    for _ in 0..memo.len() {
        let t = table[2 * s];
        if t.halts() {
            endless = false;
            break;
        }
        mask |= 1 << t.dir;
        s = usize::from(t.next);
    }
    let monotone = match dimensions {
        Dimensions::One => mask == 0b01 || mask == 0b10,
        // Not both N and S, not both E and W.
        Dimensions::Two => mask != 0 && mask & 0b0101 != 0b0101 && mask & 0b1010 != 0b1010,
    };
    let value = if endless && monotone { mask } else { 0 };
    memo[state] = value;
    value
}

/// Whether (x, y) is strictly beyond every cell of the box `(x0, x1, y0, y1)` along the
/// sum u of the unit moves in `mask` (N = −y, E = +x, S = +y, W = −x): each move of the
/// chain increases u·p by 1, so every cell the chain enters is beyond all cells visited.
fn beyond(mask: u8, x: usize, y: usize, (x0, x1, y0, y1): (usize, usize, usize, usize)) -> bool {
    let bit = |d: u8| i64::from((mask >> d) & 1);
    let (ux, uy) = (bit(1) - bit(3), bit(2) - bit(0));
    let best = |u: i64, lo: usize, hi: usize| match u {
        1 => hi as i64,
        -1 => -(lo as i64),
        _ => 0,
    };
    ux * x as i64 + uy * y as i64 > best(ux, x0, x1) + best(uy, y0, y1)
}

#[cfg(test)]
mod tests;
