//! What the window tests share: opening the app in a harness, letting its background jobs
//! finish, clicking and typing through the accessibility tree.
#![allow(dead_code)] // Each test file uses its own part of the harness.
#![allow(clippy::expect_used)] // A test that cannot set itself up should fail loudly.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ladders::app::{LaddersApp, Startup};
use std::time::{Duration, Instant};

/// The longest a test waits for the background jobs.
const SETTLE_LIMIT: Duration = Duration::from_secs(120);

/// The app in a 1400 × 900 harness, its first jobs done.
pub fn open(startup: Startup) -> Harness<'static, LaddersApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| LaddersApp::new(cc, startup));
    settle(&mut harness);
    harness
}

/// Step frames until background work (loading, scoring, comparing) is done.
pub fn settle(harness: &mut Harness<'static, LaddersApp>) {
    let start = Instant::now();
    loop {
        harness.step();
        if !harness.state().explorer.is_busy() {
            break;
        }
        assert!(
            start.elapsed() < SETTLE_LIMIT,
            "background work did not finish"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    harness.run();
}

/// Click the widget labelled `label`, scrolling its window to it first.
pub fn click(harness: &mut Harness<'static, LaddersApp>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    // Steps, not `run`: a job started by the click keeps asking for frames.
    for _ in 0..3 {
        harness.step();
    }
}

/// Focus the text field labelled `label` and type `text` into it.
pub fn type_into(harness: &mut Harness<'static, LaddersApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    assert_eq!(harness.get_by_label(label).value().as_deref(), Some(text));
}

/// Step frames until the recovery folder holds a copy whose name ends in `suffix`
/// (`-scene.ron`, `-language.ron`): it is written a few seconds after the last edit.
pub fn wait_for_recovery_copy(
    harness: &mut Harness<'static, LaddersApp>,
    recovery: &std::path::Path,
    suffix: &str,
) {
    let start = Instant::now();
    let written = || {
        std::fs::read_dir(recovery)
            .map(|d| {
                d.filter_map(Result::ok)
                    .any(|e| e.file_name().to_string_lossy().ends_with(suffix))
            })
            .unwrap_or(false)
    };
    while !written() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no recovery copy"
        );
        harness.step();
        std::thread::sleep(Duration::from_millis(50));
    }
}
