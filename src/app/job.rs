//! Background work: a thread, a channel for the result, a cancel flag and a progress
//! fraction. The job asks for a repaint when it has news (progress, at most every
//! [`REPAINT_INTERVAL`], and its end), so the UI thread never waits and a progress bar
//! moves even when nothing else repaints.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

/// The least time between two repaints a job's progress asks for.
pub const REPAINT_INTERVAL: Duration = Duration::from_millis(50);

/// What a running job can see: whether it should stop, and where to report progress.
#[derive(Clone, Debug)]
pub struct JobControl {
    cancelled: Arc<AtomicBool>,
    progress: Arc<AtomicU32>,
    /// Asked to repaint when progress moves; `None` for work without a window.
    repaint: Option<egui::Context>,
    started: Instant,
    /// Milliseconds after `started` of the last repaint progress asked for.
    last_repaint: Arc<AtomicU64>,
}

impl Default for JobControl {
    fn default() -> Self {
        Self {
            cancelled: Arc::default(),
            progress: Arc::default(),
            repaint: None,
            started: Instant::now(),
            last_repaint: Arc::default(),
        }
    }
}

impl JobControl {
    /// Whether the job should stop as soon as it can.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Report progress in 0..=1. It never goes back: worker threads report out of order.
    pub fn set_progress(&self, fraction: f32) {
        let before = self
            .progress
            .fetch_max((fraction.clamp(0.0, 1.0) * 1e6) as u32, Ordering::Relaxed);
        let Some(ctx) = &self.repaint else { return };
        if (fraction.clamp(0.0, 1.0) * 1e6) as u32 <= before {
            return;
        }
        // Throttled: workers may report thousands of times a second. One thread wins
        // each interval.
        let now = self.started.elapsed().as_millis() as u64;
        let last = self.last_repaint.load(Ordering::Relaxed);
        let due = now >= last + REPAINT_INTERVAL.as_millis() as u64;
        if due
            && self
                .last_repaint
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            ctx.request_repaint();
        }
    }
}

/// What a job sends: results on the way, then its result.
enum Message<T> {
    Partial(T),
    Done(T),
}

/// Where a job sends results on the way (a sweep's steps, a language's scores), so the
/// view can show them before the job ends.
pub struct Partials<T> {
    sender: Sender<Message<T>>,
    ctx: egui::Context,
}

impl<T> Partials<T> {
    /// Deliver a result on the way.
    pub fn send(&self, value: T) {
        // The receiver is gone only if the job was dropped: nobody wants the value.
        let _ = self.sender.send(Message::Partial(value));
        self.ctx.request_repaint();
    }
}

/// A computation running on its own thread.
pub struct Job<T> {
    result: Receiver<Message<T>>,
    control: JobControl,
    label: String,
}

impl<T: Send + 'static> Job<T> {
    /// Start `work` on a new thread; it may deliver results on the way through its
    /// [`Partials`]. `ctx` is asked to repaint when it sends and when it ends. Returning
    /// `None` (e.g. when cancelled) delivers nothing more.
    pub fn streaming(
        ctx: &egui::Context,
        label: impl Into<String>,
        work: impl FnOnce(&JobControl, &Partials<T>) -> Option<T> + Send + 'static,
    ) -> Self {
        let (sender, result) = channel();
        let control = JobControl {
            repaint: Some(ctx.clone()),
            ..JobControl::default()
        };
        let thread_control = control.clone();
        let partials = Partials {
            sender,
            ctx: ctx.clone(),
        };
        std::thread::spawn(move || {
            if let Some(value) = work(&thread_control, &partials) {
                let _ = partials.sender.send(Message::Done(value));
            }
            partials.ctx.request_repaint();
        });
        Self {
            result,
            control,
            label: label.into(),
        }
    }
}

impl<T> Job<T> {
    /// The next thing the job sent, if any: a result on the way, or its result (once).
    pub fn poll(&self) -> JobState<T> {
        match self.result.try_recv() {
            Ok(Message::Partial(value)) => JobState::Partial(value),
            Ok(Message::Done(value)) => JobState::Done(value),
            Err(TryRecvError::Empty) => JobState::Running,
            Err(TryRecvError::Disconnected) => JobState::Gone,
        }
    }

    /// Ask the job to stop; its result, if any, is dropped with the job.
    pub fn cancel(&self) {
        self.control.cancelled.store(true, Ordering::Relaxed);
    }

    /// Progress in 0..=1.
    pub fn progress(&self) -> f32 {
        self.control.progress.load(Ordering::Relaxed) as f32 / 1e6
    }

    /// What the job is doing, for the status bar.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// Where a job is.
pub enum JobState<T> {
    /// Still working, nothing new.
    Running,
    /// Still working; this arrived on the way.
    Partial(T),
    /// Finished with this value.
    Done(T),
    /// Finished without a value (cancelled) or its thread died.
    Gone,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Run frames until the context stops asking for more (egui asks for a few at start).
    fn quiet(ctx: &egui::Context) {
        for _ in 0..10 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
            output.textures_delta.clear();
            if !ctx.has_requested_repaint() {
                return;
            }
        }
        panic!("the context keeps asking for repaints");
    }

    #[test]
    fn progress_asks_for_a_repaint_while_the_job_runs() {
        let ctx = egui::Context::default();
        quiet(&ctx);
        let (reported, wait_report) = channel();
        let (release, wait_release) = channel::<()>();
        let job = Job::streaming(&ctx, "test", move |control, _| {
            std::thread::sleep(REPAINT_INTERVAL + Duration::from_millis(10));
            control.set_progress(0.5);
            let _ = reported.send(());
            let _ = wait_release.recv();
            Some(())
        });
        assert!(wait_report.recv_timeout(Duration::from_secs(10)).is_ok());
        assert!(matches!(job.poll(), JobState::Running));
        assert!((job.progress() - 0.5).abs() < 1e-6);
        assert!(
            ctx.has_requested_repaint(),
            "progress moved without a repaint"
        );
        // A report that does not move the bar asks for nothing.
        quiet(&ctx);
        job.control.set_progress(0.25);
        assert!(!ctx.has_requested_repaint());
        let _ = release.send(());
    }
}
