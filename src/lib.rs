//! Ladders: explore complexity-relative impact measures in grid worlds.
//!
//! The library holds the domain (world, scenes, languages, measures, analysis); the
//! binary's command line and GUI are thin layers over it. Nothing here imports egui
//! except [`app`].

pub mod analysis;
pub mod app;
pub mod cli;
pub mod complexity;
pub mod document;
pub mod impact;
pub mod language;
pub mod limits;
pub mod measures;
pub mod scene;
pub mod world;
