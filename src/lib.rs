//! Ladders' front ends: the window ([`app`]) and the command line ([`cli`]), thin layers
//! over the domain crate `ladders_domain` (worlds, scenes, languages, measures, analysis),
//! which does not depend on egui or clap.

pub mod app;
pub mod cli;
