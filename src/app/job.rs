//! Background work: a thread, a channel for the result, a cancel flag and a progress
//! fraction. The job asks for a repaint when it has news, so the UI thread never waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a running job can see: whether it should stop, and where to report progress.
#[derive(Clone, Debug, Default)]
pub struct JobControl {
    cancelled: Arc<AtomicBool>,
    progress: Arc<AtomicU32>,
}

impl JobControl {
    /// Whether the job should stop as soon as it can.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Report progress in 0..=1. It never goes back: worker threads report out of order.
    pub fn set_progress(&self, fraction: f32) {
        self.progress
            .fetch_max((fraction.clamp(0.0, 1.0) * 1e6) as u32, Ordering::Relaxed);
    }
}

/// A computation running on its own thread.
pub struct Job<T> {
    result: Receiver<T>,
    control: JobControl,
    label: String,
}

impl<T: Send + 'static> Job<T> {
    /// Start `work` on a new thread; `ctx` is asked to repaint when it finishes.
    /// Returning `None` (e.g. when cancelled) delivers nothing.
    pub fn spawn(
        ctx: &egui::Context,
        label: impl Into<String>,
        work: impl FnOnce(&JobControl) -> Option<T> + Send + 'static,
    ) -> Self {
        let (sender, result) = channel();
        let control = JobControl::default();
        let thread_control = control.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            if let Some(value) = work(&thread_control) {
                // The receiver is gone only if the job was dropped: nobody wants the value.
                let _ = sender.send(value);
            }
            ctx.request_repaint();
        });
        Self {
            result,
            control,
            label: label.into(),
        }
    }
}

impl<T> Job<T> {
    /// The result, once, when it is ready.
    pub fn poll(&self) -> JobState<T> {
        match self.result.try_recv() {
            Ok(value) => JobState::Done(value),
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
    /// Still working.
    Running,
    /// Finished with this value.
    Done(T),
    /// Finished without a value (cancelled) or its thread died.
    Gone,
}
