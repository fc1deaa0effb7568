//! Terminal progress for long subcommands: an `indicatif` bar when stderr is a terminal,
//! and otherwise one line per tenth of the work, so logs stay readable.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Progress of one piece of work, reported from any thread. Positions only grow: workers
/// report out of order, and a late smaller report is ignored.
pub struct Progress {
    label: String,
    total: u64,
    position: AtomicU64,
    /// On a terminal, the bar; elsewhere `None` and a line per tenth.
    bar: Option<ProgressBar>,
    /// The last tenth printed as a line (when there is no bar).
    tenth: AtomicU64,
}

/// Steps of a bar that is driven by a fraction.
const FRACTION_STEPS: u64 = 1000;

impl Progress {
    /// Progress driven by a fraction in [0, 1] ([`Self::fraction`]).
    pub fn fraction(label: &str) -> Self {
        Self::new(
            label,
            FRACTION_STEPS,
            "{msg} [{bar:40}] {percent:>3}% ({elapsed})",
        )
    }

    /// Progress driven by a count out of `total` ([`Self::count`]).
    pub fn counting(label: &str, total: u64) -> Self {
        Self::new(label, total, "{msg} [{bar:40}] {pos} of {len} ({elapsed})")
    }

    fn new(label: &str, total: u64, template: &str) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(label.to_owned());
            bar
        });
        Self {
            label: label.to_owned(),
            total: total.max(1),
            position: AtomicU64::new(0),
            bar,
            tenth: AtomicU64::new(0),
        }
    }

    /// Report that a fraction `done` of the work is done.
    pub fn set_fraction(&self, done: f64) {
        let done = if done.is_finite() {
            done.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.set_count((done * self.total as f64) as u64);
    }

    /// Report that `done` of the total are done.
    pub fn set_count(&self, done: u64) {
        let done = done.min(self.total);
        let before = self.position.fetch_max(done, Ordering::Relaxed);
        if done <= before {
            return;
        }
        match &self.bar {
            Some(bar) => bar.set_position(done),
            None => {
                let tenth = done * 10 / self.total;
                if self.tenth.fetch_max(tenth, Ordering::Relaxed) < tenth {
                    eprintln!("{}: {}%", self.label, tenth * 10);
                }
            }
        }
    }

    /// The work has ended (done or stopped): clear the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_only_grow() {
        let progress = Progress::counting("test", 10);
        progress.set_count(7);
        progress.set_count(3);
        assert_eq!(progress.position.load(Ordering::Relaxed), 7);
        progress.set_fraction(2.0);
        assert_eq!(progress.position.load(Ordering::Relaxed), 10);
        assert_eq!(progress.tenth.load(Ordering::Relaxed), 10);
    }
}
