//! Editing in the window: scene changes (checked, refused with the reason, undoable), the
//! debounced recomputation after them, plan recording from the keyboard, the recovery
//! copy written a few seconds after the last edit, and noticing the open file changed on
//! disk by another program.

use super::*;
use crate::app::views::plan_editor::Interaction;
use ladders_domain::document::{Orphan, RecoveryStore};
use ladders_domain::scene::{SceneChange, fresh_name};
use ladders_domain::world::{Action as Step, Dir};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant, SystemTime};

/// How long after the last edit the measures start again: a drag changes the scene every
/// frame, and restarting every job every frame would finish none.
pub const EDIT_SETTLE: Duration = Duration::from_millis(200);

/// How long after the last edit the recovery copy is written.
pub const RECOVERY_DELAY: Duration = Duration::from_secs(3);

/// How often the open file is looked at for changes made by other programs.
pub const DISK_POLL: Duration = Duration::from_secs(1);

/// The kind name of a scene's recovery copy.
const SCENE_COPY: &str = "scene";

/// The kind name of an edited language's recovery copy.
pub(super) const LANGUAGE_COPY: &str = "language";

/// Write `text` as this session's copy of a `kind` document (the file `original`). An
/// atomic write with its fsync can take a while on a slow disk: not on the UI thread. A
/// later copy replaces an earlier one atomically whichever lands last, and copies are
/// seconds apart.
pub(super) fn write_copy(store: &RecoveryStore, kind: &str, original: Option<&Path>, text: &str) {
    let path = store.copy_path(kind);
    let copy = RecoveryStore::copy_text(original, text);
    std::thread::spawn(move || {
        if let Err(e) = ladders_domain::document::write_atomically(&path, copy.as_bytes()) {
            log::warn!("cannot write the recovery copy {}: {e}", path.display());
        }
    });
}

/// What the open file looked like when it was read or written: a change to either means
/// another program wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    modified: Option<SystemTime>,
    len: u64,
}

impl DiskStamp {
    /// The stamp of the file at `path` now, if it can be read.
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            modified: meta.modified().ok(),
            len: meta.len(),
        })
    }
}

/// The editing part of the explorer's state.
#[derive(Default)]
pub struct EditState {
    /// When the measures are due to start again after edits.
    settle: Option<Instant>,
    /// This program's recovery session (none in tests and screenshots that ask for none).
    recovery: Option<RecoveryStore>,
    /// When the recovery copy is due.
    recovery_due: Option<Instant>,
    /// The open file as last read or written by this program.
    disk: Option<DiskStamp>,
    /// When the file was last looked at.
    disk_checked: Option<Instant>,
    /// The last [`Explorer::live_trajectory`], by scene version and plan. A cache the
    /// canvas fills while it draws, hence the cell.
    live: RefCell<Option<LiveTrajectory>>,
}

/// A simulated plan: (scene version, plan index) and its states.
type LiveTrajectory = ((u64, usize), Rc<Vec<ladders_domain::world::State>>);

impl EditState {
    /// Editing with recovery copies in `dir` (`None`: no copies).
    pub fn with_recovery(dir: Option<&Path>) -> (Self, Option<String>) {
        let (recovery, error) = match dir.map(RecoveryStore::open) {
            None => (None, None),
            Some(Ok(store)) => (Some(store), None),
            Some(Err(e)) => (
                None,
                Some(format!(
                    "recovery copies are off: cannot use {}: {e}",
                    dir.map(Path::display)
                        .map(|d| d.to_string())
                        .unwrap_or_default()
                )),
            ),
        };
        (
            Self {
                recovery,
                ..Self::default()
            },
            error,
        )
    }
}

impl Explorer {
    /// Make a scene change the user asked for. Refused changes leave the scene as it was
    /// and say why in the editor's bar, where the user is looking.
    pub fn change_scene(&mut self, ctx: &egui::Context, change: &SceneChange) {
        match self.work.document.apply(change) {
            Ok(true) => {
                self.view.editor.refusal = None;
                self.scene_edited(ctx);
            }
            Ok(false) => {}
            Err(e) => self.view.editor.refusal = Some(e.to_string()),
        }
    }

    /// The scene changed by an edit, undo or redo: recompute once the edits settle.
    pub fn scene_edited(&mut self, ctx: &egui::Context) {
        self.scene_version += 1;
        self.forget_programs();
        let now = Instant::now();
        self.editing.settle = Some(now + EDIT_SETTLE);
        self.editing.recovery_due = Some(now + RECOVERY_DELAY);
        ctx.request_repaint_after(EDIT_SETTLE);
        self.view.playback.clamp(self.plan_lengths());
    }

    /// Whether edits wait to settle before the measures start again.
    pub fn edits_settling(&self) -> bool {
        self.editing.settle.is_some()
    }

    /// Whether what the results panel shows was computed from an older scene.
    pub fn results_stale(&self) -> bool {
        self.results.scores_scene != self.scene_version
            || self.editing.settle.is_some()
            || self.jobs.is_running(JobKind::Scoring)
    }

    /// Once per frame: start the measures when the edits have settled, write the recovery
    /// copy when it is due, and look at the open file now and then.
    pub(super) fn refresh_editing(&mut self, ctx: &egui::Context) {
        let now = Instant::now();
        if let Some(due) = self.editing.settle {
            if now >= due {
                self.editing.settle = None;
                self.rescore(ctx);
                self.recompute_impact(ctx);
            } else {
                ctx.request_repaint_after(due - now);
            }
        }
        if let Some(due) = self.editing.recovery_due {
            if now >= due {
                self.editing.recovery_due = None;
                self.write_recovery();
            } else {
                ctx.request_repaint_after(due - now);
            }
        }
        let looked = self
            .editing
            .disk_checked
            .is_some_and(|t| now - t < DISK_POLL);
        if !looked {
            self.editing.disk_checked = Some(now);
            self.check_disk();
            ctx.request_repaint_after(DISK_POLL);
        }
    }

    /// Write the recovery copy now, in the background, if there are unsaved edits.
    pub fn write_recovery(&mut self) {
        let Some(store) = &self.editing.recovery else {
            return;
        };
        if !self.work.document.is_modified() {
            // Undone back to what is on disk: nothing to recover.
            return self.discard_recovery();
        }
        let text = match ladders_domain::scene::to_ron(self.scene()) {
            Ok(text) => text,
            Err(e) => return log::warn!("cannot write the recovery copy: {e}"),
        };
        write_copy(store, SCENE_COPY, self.work.document.path(), &text);
    }

    /// Drop the scene's recovery copy: the work was saved, or dropped on purpose.
    pub fn discard_recovery(&mut self) {
        self.editing.recovery_due = None;
        self.discard_copy(SCENE_COPY);
    }

    /// Drop every recovery copy: a normal quit, or everything dropped on purpose.
    pub fn discard_all_recovery(&mut self) {
        self.discard_recovery();
        self.discard_language_recovery();
    }

    /// Remove this session's copy of a `kind` document.
    pub(super) fn discard_copy(&self, kind: &str) {
        if let Some(store) = &self.editing.recovery
            && let Err(e) = store.discard(kind)
        {
            log::warn!("cannot remove the {kind} recovery copy: {e}");
        }
    }

    /// This program's recovery session, if copies are on.
    pub(super) fn recovery_store(&self) -> Option<&RecoveryStore> {
        self.editing.recovery.as_ref()
    }

    /// The copies crashed sessions left, for the start-up question.
    pub(super) fn offer_recovery(&mut self) {
        let Some(store) = &self.editing.recovery else {
            return;
        };
        // Newest first, one question at a time: the next comes when this one is answered.
        let newest = store
            .orphans()
            .into_iter()
            .find(|o| o.kind == SCENE_COPY || o.kind == LANGUAGE_COPY);
        if let Some(newest) = newest {
            self.view.modal = Some(Modal::Recover(Box::new(newest)));
        }
    }

    /// Open a crashed session's copy as unsaved edits of the file it belonged to.
    pub(super) fn restore(&mut self, ctx: &egui::Context, orphan: &Orphan) {
        if orphan.kind == LANGUAGE_COPY {
            return self.restore_language(ctx, orphan);
        }
        let shown = orphan
            .original
            .clone()
            .unwrap_or_else(|| "untitled.ron".into());
        match ladders_domain::scene::parse(&shown, &orphan.text) {
            Ok(scene) => {
                // The scene the start-up is still loading would replace the restored one.
                self.jobs.cancel(JobKind::LoadScene);
                self.replace_scene(ctx, scene, orphan.original.clone());
                self.work.document = ladders_domain::scene::SceneEdits::recovered(
                    self.scene().clone(),
                    orphan.original.clone(),
                );
                self.scene_edited(ctx);
                if let Some(store) = &self.editing.recovery {
                    let _ = store.forget(orphan);
                }
            }
            Err(e) => self.show_error("Could not restore the recovery copy", e.to_string()),
        }
    }

    /// The next crashed session's copy, once the question before it is answered.
    pub(super) fn offer_recovery_again(&mut self) {
        if self.view.modal.is_none() {
            self.offer_recovery();
        }
    }

    /// Decline a crashed session's copy: it is removed.
    pub(super) fn forget_orphan(&mut self, orphan: &Orphan) {
        if let Some(store) = &self.editing.recovery
            && let Err(e) = store.forget(orphan)
        {
            self.show_error("Could not remove the recovery copy", e.to_string());
        }
    }

    /// Remember what the open file looks like now (after a load or a save of ours).
    pub(super) fn stamp_disk(&mut self) {
        self.editing.disk = self.work.document.path().and_then(DiskStamp::of);
    }

    /// Ask the user when the open file was changed by another program.
    pub fn check_disk(&mut self) {
        let Some(path) = self.work.document.path().map(Path::to_owned) else {
            return;
        };
        if self.jobs.is_running(JobKind::SaveScene)
            || self.jobs.is_running(JobKind::LoadScene)
            || self.view.modal.is_some()
        {
            return;
        }
        let now = DiskStamp::of(&path);
        if now.is_some() && self.editing.disk.is_some() && now != self.editing.disk {
            // Asked once per change: keeping one's own version takes this one as seen.
            self.editing.disk = now;
            self.view.modal = Some(Modal::ChangedOnDisk(path));
        }
    }

    /// Read the open file again, dropping the edits (the user said so).
    pub(super) fn reload_from_disk(&mut self, ctx: &egui::Context) {
        if let Some(path) = self.work.document.path().map(Path::to_owned) {
            self.discard_recovery();
            self.start_load(ctx, path);
        }
    }

    /// Start or stop recording a plan from the keyboard: a new empty plan, selected, that
    /// every recorded step extends (the whole recording is two undo steps: the new plan
    /// and its steps).
    pub(super) fn toggle_recording(&mut self, ctx: &egui::Context) {
        if self.view.recorder.plan.take().is_some() {
            self.work.document.end_edit();
            return;
        }
        let name = fresh_name("recorded", |n| {
            self.scene().plans.iter().any(|p| p.name == n)
        });
        let plan = ladders_domain::scene::Plan {
            name,
            description: "Recorded with the keyboard.".into(),
            actions: Vec::new(),
        };
        let before = self.scene().plans.len();
        self.change_scene(ctx, &SceneChange::AddPlan(plan));
        if self.scene().plans.len() == before {
            // Refused (the scene has as many plans as it may): the refusal says why.
            return;
        }
        let index = before;
        self.view.recorder.plan = Some(index);
        self.view.playback.select(index);
        self.work.document.begin_edit("record steps");
    }

    /// The keys pressed while recording, as steps: arrows move, or with an interaction
    /// chosen (T take, A apply, O toggle, P place, W work, C set colour, M aim), act on
    /// that side; N waits; Backspace takes the last step back; Escape stops. The keys are
    /// taken from the frame so that the arrows do not also step the playback.
    pub(super) fn record_keys(&mut self, ctx: &egui::Context) {
        let Some(plan) = self.view.recorder.plan else {
            return;
        };
        if plan >= self.scene().plans.len() {
            // Undone away (or the scene replaced): nothing left to record into.
            self.view.recorder.plan = None;
            self.work.document.end_edit();
            return;
        }
        if ctx.egui_wants_keyboard_input() || self.view.modal.is_some() {
            return;
        }
        let mut steps = Vec::new();
        let mut stop = false;
        let mut undo_step = false;
        ctx.input_mut(|input| {
            let mut take = |key| input.consume_key(egui::Modifiers::NONE, key);
            for (key, interaction) in Interaction::KEYS {
                if take(key) {
                    self.view.recorder.interaction = interaction;
                }
            }
            for (key, dir) in [
                (egui::Key::ArrowUp, Dir::N),
                (egui::Key::ArrowRight, Dir::E),
                (egui::Key::ArrowDown, Dir::S),
                (egui::Key::ArrowLeft, Dir::W),
            ] {
                if take(key) {
                    steps.push(self.view.recorder.step(dir));
                    self.view.recorder.interaction = Interaction::Move;
                }
            }
            if take(egui::Key::N) {
                steps.push(Step::Noop);
            }
            undo_step = take(egui::Key::Backspace);
            stop = take(egui::Key::Escape);
        });
        for step in steps {
            self.change_scene(ctx, &SceneChange::AppendStep(plan, step));
        }
        if undo_step && let Some(mut edited) = self.scene().plans.get(plan).cloned() {
            edited.actions.pop();
            self.change_scene(ctx, &SceneChange::SetPlan(plan, edited));
        }
        self.view.playback.step = self.plan_length(plan);
        if stop {
            self.toggle_recording(ctx);
        }
    }

    /// The states of plan `plan` when the scores are behind the scene (an edit, a
    /// recording): simulated here, so that the canvas follows at once, and kept until the
    /// scene or the plan changes, so that a frame does not simulate the plan again.
    pub fn live_trajectory(&self, plan: usize) -> Option<Rc<Vec<ladders_domain::world::State>>> {
        let key = (self.scene_version, plan);
        let mut cache = self.editing.live.borrow_mut();
        if let Some((at, states)) = cache.as_ref()
            && *at == key
        {
            return Some(Rc::clone(states));
        }
        let actions = &self.scene().plans.get(plan)?.actions;
        let world = &self.scene().world;
        let states = Rc::new(world.run(&world.technologies, actions));
        *cache = Some((key, Rc::clone(&states)));
        Some(states)
    }
}
