//! Work shared out over every core. Rayon's pool runs it; this module holds what the
//! workers of one computation share besides their input, so that each computation's
//! parallel loop is a few lines.
//!
//! - [`Progress`]: a cancel flag and a count of finished items. The long computations
//!   (enumerating machines, programs) tell their caller (a window's job, a terminal's
//!   progress bar) how far they have got through a callback that returns false to stop.
//!   Workers finish items out of order, so the count goes out to the callback under a
//!   lock, one report at a time: the caller sees it only grow.
//! - [`Allowance`]: a total the workers add to (steps of work, bytes of tables) that may
//!   not pass a limit; once it has, every worker hears so and stops.
//! - [`PerThread`]: one value per thread of the pool, for buffers a thread reuses from one
//!   item to the next and the tally it keeps: allocated once per thread rather than once
//!   per item, so a budget given per core still holds.
//! - [`on_threads_with_stack`]: one worker per thread of a pool of its own, for
//!   recursion deeper than the pool's stacks allow.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Threads of the pool that runs the domain's parallel work: the number of cores, unless
/// `RAYON_NUM_THREADS` says otherwise. Memory budgets that are per core count these.
pub fn threads() -> usize {
    rayon::current_num_threads()
}

/// How far one computation has got, and whether to stop: what its workers share with
/// the callback its caller passed.
pub struct Progress<'a> {
    /// Told the finished count; false asks to stop.
    report: &'a (dyn Fn(u64) -> bool + Sync),
    done: AtomicU64,
    cancelled: AtomicBool,
    /// Held while reporting, so that reports go out one at a time, in increasing order.
    reporting: Mutex<()>,
}

impl<'a> Progress<'a> {
    /// Nothing finished yet; `report` is told the finished count after each item.
    pub fn new(report: &'a (dyn Fn(u64) -> bool + Sync)) -> Self {
        Self {
            report,
            done: AtomicU64::new(0),
            cancelled: AtomicBool::new(false),
            reporting: Mutex::new(()),
        }
    }

    /// Whether the callback asked to stop, or a worker called [`Self::cancel`].
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Ask every worker to stop (a worker that failed, or hit a limit).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Items finished so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Count `items` more as finished and report the count; whether to go on.
    pub fn advance(&self, items: u64) -> bool {
        self.done.fetch_add(items, Ordering::Relaxed);
        self.report()
    }

    /// Report the count again, for a callback that also reads something else that has
    /// moved (the work spent); whether to go on. Nothing is reported once cancelled.
    pub fn report(&self) -> bool {
        if self.is_cancelled() {
            return false;
        }
        let _turn = lock(&self.reporting);
        // Again: another worker may have been told to stop while this one waited.
        if self.is_cancelled() {
            return false;
        }
        let going = (self.report)(self.done());
        if !going {
            self.cancel();
        }
        going
    }
}

/// A total that workers add to and that may not pass a limit.
pub struct Allowance {
    limit: u64,
    spent: AtomicU64,
    passed: AtomicBool,
}

impl Allowance {
    /// Nothing spent of `limit`.
    pub fn new(limit: u64) -> Self {
        Self {
            limit,
            spent: AtomicU64::new(0),
            passed: AtomicBool::new(false),
        }
    }

    /// Add `amount`; false once the total has passed the limit, from then on.
    pub fn spend(&self, amount: u64) -> bool {
        // Past the limit nothing more is added, so the total cannot wrap back under it.
        if self.is_passed() {
            return false;
        }
        let total = self
            .spent
            .fetch_add(amount, Ordering::Relaxed)
            .saturating_add(amount);
        if total > self.limit {
            self.passed.store(true, Ordering::Relaxed);
            return false;
        }
        true
    }

    /// Whether some worker's spending passed the limit.
    pub fn is_passed(&self) -> bool {
        self.passed.load(Ordering::Relaxed)
    }
}

/// One value per thread of the pool, made when the thread first needs it.
pub struct PerThread<T> {
    slots: Vec<Slot<T>>,
}

/// A thread's value on cache lines of its own: the threads write their values all the
/// time (a step counter, a tally), and values side by side would pass the shared lines
/// back and forth between the cores (measured: a third more time enumerating the 1D
/// machines of 4 states).
/// 128 bytes, as adjacent lines are fetched in pairs on x86-64.
#[repr(align(128))]
struct Slot<T>(Mutex<Option<T>>);

impl<T: Send> PerThread<T> {
    /// A slot for every thread of the pool, all empty.
    pub fn new() -> Self {
        Self {
            slots: (0..threads().max(1))
                .map(|_| Slot(Mutex::new(None)))
                .collect(),
        }
    }

    /// Run `use_value` on the calling thread's value, made by `make` if it has none yet.
    ///
    /// `use_value` must not start parallel work: waiting for it, the thread could take
    /// up another item and wait for its own slot for ever.
    pub fn with<R>(&self, make: impl FnOnce() -> T, use_value: impl FnOnce(&mut T) -> R) -> R {
        // Outside the pool (or in a larger one) threads share slots; the lock keeps
        // that correct, just slower.
        let index = rayon::current_thread_index().unwrap_or(0) % self.slots.len();
        let mut slot = lock(&self.slots[index].0);
        use_value(slot.get_or_insert_with(make))
    }

    /// The values made, in thread order.
    pub fn into_values(self) -> impl Iterator<Item = T> {
        self.slots
            .into_iter()
            .filter_map(|slot| slot.0.into_inner().unwrap_or_else(PoisonError::into_inner))
    }
}

impl<T: Send> Default for PerThread<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Run `worker` once on each thread of a new pool of `threads` threads with `stack`
/// bytes of stack each, and return what each returned, in thread order; `Err` when the
/// threads could not be started. For work that recurses deeper than the shared pool's
/// stacks allow; the workers share their items among themselves.
pub fn on_threads_with_stack<R: Send>(
    threads: usize,
    stack: usize,
    worker: impl Fn() -> R + Sync,
) -> Result<Vec<R>, rayon::ThreadPoolBuildError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .stack_size(stack)
        .build()?;
    Ok(pool.broadcast(|_| worker()))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn progress_reports_a_growing_count_and_stops_when_told() {
        let seen = Mutex::new(Vec::new());
        let report = |done: u64| {
            lock(&seen).push(done);
            done < 50
        };
        {
            let progress = Progress::new(&report);
            (0..1000).into_par_iter().for_each(|_| {
                progress.advance(1);
            });
            assert!(progress.is_cancelled() && !progress.report());
            assert_eq!(progress.done(), 1000);
        }
        let seen = seen.into_inner().unwrap();
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        // Nothing is reported after the callback said stop.
        assert!(seen.last().is_some_and(|&last| last >= 50));
        assert_eq!(seen.iter().filter(|&&done| done >= 50).count(), 1);
    }

    #[test]
    fn an_allowance_stays_passed() {
        let allowance = Allowance::new(10);
        assert!(allowance.spend(10) && !allowance.is_passed());
        assert!(!allowance.spend(1) && allowance.is_passed());
        assert!(!allowance.spend(0));
        // The total does not wrap round to within the limit.
        let huge = Allowance::new(u64::MAX - 1);
        assert!(!huge.spend(u64::MAX));
        assert!(!huge.spend(2) && !huge.spend(1));
    }

    #[test]
    fn each_thread_keeps_its_own_value() {
        let per_thread = PerThread::new();
        (0..10_000u64).into_par_iter().for_each(|i| {
            per_thread.with(Vec::new, |items: &mut Vec<u64>| items.push(i));
        });
        let values: Vec<Vec<u64>> = per_thread.into_values().collect();
        assert!(!values.is_empty() && values.len() <= threads());
        let mut all: Vec<u64> = values.into_iter().flatten().collect();
        all.sort_unstable();
        assert_eq!(all, (0..10_000).collect::<Vec<_>>());
    }

    #[test]
    fn workers_with_their_own_stacks_run_once_per_thread() {
        let results = on_threads_with_stack(3, 8 << 20, || 7).unwrap();
        assert_eq!(results, vec![7, 7, 7]);
    }
}
