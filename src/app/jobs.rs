//! Every background job of the window in one registry: at most one of each kind runs
//! (starting one cancels the older), the status bar shows the first, one call cancels
//! them all, and what they deliver (results on the way, then their result) comes back as
//! one [`Delivery`] type that [`super::explorer::Explorer::poll_jobs`] applies. A new kind
//! of job is a [`JobKind`] and a [`Delivery`] variant; the compiler asks for its handler.

use super::explorer::{LanguageId, Scores};
use super::job::{Job, JobControl, JobState, Partials};
use super::programs::ProgramRun;
use super::state::CompareInputs;
use ladders_domain::analysis::{Comparison, ImpactTable, SceneScore, Sweep};
use ladders_domain::complexity::CtmTable;
use ladders_domain::language::Language;
use ladders_domain::scene::Scene;
use std::path::PathBuf;

/// Which background work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter)]
pub enum JobKind {
    /// Reading a scene file.
    LoadScene,
    /// Writing the scene file.
    SaveScene,
    /// Reading a language file.
    LoadLanguage,
    /// Writing the edited language to a file.
    SaveLanguage,
    /// Measuring every plan in every language.
    Scoring,
    /// The impact measures of every plan.
    Impact,
    /// Running the current language's programs.
    Programs,
    /// Computing a CTM table from machines.
    Table,
    /// Comparing the loaded languages: invariance constants, centre, τ, flips.
    Compare,
    /// The robustness sweep around the current language.
    Sweep,
    /// The commodification and availability sweeps of the technologies window.
    Technologies,
    /// Searching the current language's programs for the agent's choice.
    Search,
}

/// What a job delivers.
pub enum Delivery {
    /// A scene read, or why not.
    SceneLoaded(Result<(Scene, PathBuf), String>),
    /// The scene's revision written to the file, or why not.
    SceneSaved(Result<(u64, PathBuf), String>),
    /// The edited language's revision written to the file, or why not.
    LanguageSaved(Result<(u64, PathBuf), String>),
    /// A language read (with where it came from), or why not.
    LanguageLoaded(Result<(Language, String), String>),
    /// One language's scores, on the way.
    LanguageScored(LanguageId, SceneScore),
    /// Every language's scores.
    Scores(Scores),
    /// The impact table.
    Impact(ImpactTable),
    /// The program measures of the language with this id.
    Programs(LanguageId, ProgramRun),
    /// A computed CTM table, or why not.
    Table(Result<CtmTable, String>),
    /// The comparison of the loaded languages, with the inputs it was computed from.
    Compared(CompareInputs, Box<Comparison>),
    /// One radius of the robustness sweep, on the way (a sweep of that radius alone).
    SweepRadius(Box<Sweep>),
    /// The sweep ended: every radius is in, or why it could not run.
    SweepEnded(Result<(), String>),
    /// The technology sweeps.
    Technologies(Box<super::state::TechRun>),
    /// A searched choice.
    Searched(Box<super::state::SearchedRun>),
}

/// The running jobs.
#[derive(Default)]
pub struct Jobs {
    running: Vec<(JobKind, Job<Delivery>)>,
}

impl Jobs {
    /// Start `work` as the job of `kind`, cancelling the one of that kind under way; its
    /// result is delivered as `deliver` makes it (a [`Delivery`] variant).
    pub fn start<T: 'static>(
        &mut self,
        kind: JobKind,
        ctx: &egui::Context,
        label: impl Into<String>,
        deliver: impl FnOnce(T) -> Delivery + Send + 'static,
        work: impl FnOnce(&JobControl) -> Option<T> + Send + 'static,
    ) {
        self.start_streaming(kind, ctx, label, move |control, _| {
            work(control).map(deliver)
        });
    }

    /// Start `work`, which may deliver results on the way, as the job of `kind`.
    pub fn start_streaming(
        &mut self,
        kind: JobKind,
        ctx: &egui::Context,
        label: impl Into<String>,
        work: impl FnOnce(&JobControl, &Partials<Delivery>) -> Option<Delivery> + Send + 'static,
    ) {
        self.cancel(kind);
        let job = Job::streaming(ctx, label, work);
        // In kind order, so that the status bar shows the same job first every frame.
        let at = self.running.partition_point(|(k, _)| *k < kind);
        self.running.insert(at, (kind, job));
    }

    /// Cancel the job of `kind`, if one runs; nothing it would deliver arrives.
    pub fn cancel(&mut self, kind: JobKind) {
        self.running.retain(|(k, job)| {
            if *k == kind {
                job.cancel();
            }
            *k != kind
        });
    }

    /// Cancel every job.
    pub fn cancel_all(&mut self) {
        for (_, job) in self.running.drain(..) {
            job.cancel();
        }
    }

    /// Whether a job of `kind` runs.
    pub fn is_running(&self, kind: JobKind) -> bool {
        self.running.iter().any(|(k, _)| *k == kind)
    }

    /// The progress in 0..=1 of the job of `kind`, if one runs.
    pub fn progress(&self, kind: JobKind) -> Option<f32> {
        self.running
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, job)| job.progress())
    }

    /// Whether any job runs.
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// The job to show in the status bar: (label, progress).
    pub fn activity(&self) -> Option<(&str, f32)> {
        self.running
            .first()
            .map(|(_, job)| (job.label(), job.progress()))
    }

    /// Everything the jobs delivered since the last call, in the order they sent it; the
    /// jobs that ended leave the registry.
    pub fn poll(&mut self) -> Vec<Delivery> {
        let mut delivered = Vec::new();
        self.running.retain(|(_, job)| {
            loop {
                match job.poll() {
                    JobState::Running => return true,
                    JobState::Partial(value) => delivered.push(value),
                    JobState::Done(value) => {
                        delivered.push(value);
                        return false;
                    }
                    JobState::Gone => return false,
                }
            }
        });
        delivered
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::{Duration, Instant};

    fn scored(id: LanguageId) -> Delivery {
        Delivery::LanguageScored(
            id,
            SceneScore {
                plans: Vec::new(),
                choice: None,
            },
        )
    }

    /// Poll until `done` says the deliveries so far suffice.
    fn poll_until(jobs: &mut Jobs, done: impl Fn(&[Delivery]) -> bool) -> Vec<Delivery> {
        let start = Instant::now();
        let mut all = Vec::new();
        while !done(&all) {
            all.extend(jobs.poll());
            assert!(start.elapsed() < Duration::from_secs(10), "nothing arrived");
            std::thread::sleep(Duration::from_millis(1));
        }
        all
    }

    #[test]
    fn partial_results_arrive_while_the_job_runs_then_its_result_ends_it() {
        let ctx = egui::Context::default();
        let mut jobs = Jobs::default();
        let (release, wait) = channel::<()>();
        let id = LanguageId::for_tests(7);
        jobs.start_streaming(JobKind::Scoring, &ctx, "scoring", move |_, partials| {
            partials.send(scored(id));
            let _ = wait.recv();
            Some(Delivery::Scores(Scores {
                per_language: Vec::new(),
            }))
        });
        let first = poll_until(&mut jobs, |d| !d.is_empty());
        assert!(matches!(first[..], [Delivery::LanguageScored(got, _)] if got == id));
        assert!(
            jobs.is_running(JobKind::Scoring),
            "a partial result does not end the job"
        );
        assert_eq!(jobs.activity().map(|(label, _)| label), Some("scoring"));
        let _ = release.send(());
        let rest = poll_until(&mut jobs, |d| !d.is_empty());
        assert!(matches!(rest[..], [Delivery::Scores(_)]));
        assert!(!jobs.is_busy());
    }

    #[test]
    fn a_new_job_of_a_kind_replaces_the_old_and_cancel_all_stops_every_job() {
        let ctx = egui::Context::default();
        let mut jobs = Jobs::default();
        let (seen_cancel, cancelled) = channel::<&'static str>();
        for name in ["first", "second"] {
            let seen_cancel = seen_cancel.clone();
            jobs.start(
                JobKind::Impact,
                &ctx,
                name,
                Delivery::Table,
                move |control| {
                    while !control.is_cancelled() {
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    let _ = seen_cancel.send(name);
                    Some(Err(name.to_owned()))
                },
            );
        }
        assert_eq!(cancelled.recv_timeout(Duration::from_secs(10)), Ok("first"));
        assert_eq!(jobs.activity().map(|(label, _)| label), Some("second"));
        jobs.start(JobKind::LoadScene, &ctx, "load", Delivery::Table, |_| None);
        jobs.cancel_all();
        assert!(!jobs.is_busy());
        assert_eq!(
            cancelled.recv_timeout(Duration::from_secs(10)),
            Ok("second")
        );
        // Nothing a cancelled job returns arrives.
        std::thread::sleep(Duration::from_millis(20));
        assert!(jobs.poll().is_empty());
    }
}
