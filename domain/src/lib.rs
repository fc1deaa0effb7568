//! Ladders' domain: grid worlds, scenes, conceptual languages, the complexity and impact
//! measures, and the analysis that both front ends (the window and the command line, in
//! the `ladders` crate) call. This crate does not depend on egui, eframe or clap, so the
//! compiler keeps the boundary: a front end adapts these types, never the other way.

pub mod analysis;
pub mod choice;
pub mod complexity;
pub mod document;
pub mod impact;
pub mod language;
pub mod limits;
pub mod measures;
pub mod scene;
pub mod work;
pub mod world;
