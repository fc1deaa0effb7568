//! The desktop window (eframe/egui): a thin layer over the library.

/// Open the window on a scene (default: the bundled pink car).
pub fn run(scene: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let _ = scene;
    Ok(())
}
