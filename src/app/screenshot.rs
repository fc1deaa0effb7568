//! `ladders --screenshot OUT.png`: render the window once the scene is scored, write the
//! frame as a PNG and close.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where the outcome of a screenshot lands: `None` while pending.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

/// A screenshot the window takes of itself, and how it went.
#[derive(Clone)]
pub struct ScreenshotRequest {
    /// Where the PNG goes.
    pub path: PathBuf,
    /// Frames drawn so far; the shot waits for a few so the layout settles.
    frames: u32,
    requested: bool,
    /// `Ok` once written, the error otherwise; `None` while pending.
    pub result: ScreenshotResult,
}

impl ScreenshotRequest {
    /// A request to write `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            frames: 0,
            requested: false,
            result: ScreenshotResult::default(),
        }
    }

    /// Call once per frame; asks for the screenshot when `ready` has held for a few frames.
    pub fn tick(&mut self, ctx: &egui::Context, ready: bool) {
        if self.requested {
            let finished = self.result.lock().map(|r| r.is_some()).unwrap_or(true);
            if finished {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            return;
        }
        self.frames = if ready { self.frames + 1 } else { 0 };
        ctx.request_repaint();
        if self.frames < 5 {
            return;
        }
        self.requested = true;
        let (path, result, repaint) = (self.path.clone(), self.result.clone(), ctx.clone());
        ctx.request_screenshot(move |image| {
            let outcome = write_png(&path, &image);
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            repaint.request_repaint();
        });
    }
}

fn write_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the screenshot has the wrong size".to_owned())?;
    let mut png = Vec::new();
    buffer
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    ladders_domain::document::write_atomically(path, &png)
        .map_err(|e| format!("{}: {e}", path.display()))
}
