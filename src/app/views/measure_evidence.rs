//! Evidence for the sequence, block and program measures: LZ76's phrases, the codec's
//! numbers, BDM's blocks (drawn) with their CTM values and the ΔBDM heat map, and the
//! programs behind algorithmic probability and search effort.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use egui::{Color32, Sense, vec2};
use egui_plot::{Line, Plot, Points};
use ladders_domain::analysis::PlanScore;
use ladders_domain::choice::Choice;
use ladders_domain::complexity::{
    BlockCount, CtmTable, TableComparison, compare_tables, normalise,
};
use ladders_domain::measures::{Measure, effect_text, stream_bytes};
use std::sync::Arc;

/// The most phrases or blocks listed.
const LISTED: usize = 60;

/// Draw the evidence of `measure` for plan `index`.
pub fn ui(
    explorer: &Explorer,
    actions: &mut Actions,
    ui: &mut egui::Ui,
    index: usize,
    plan: &PlanScore,
    measure: Measure,
) {
    match measure {
        Measure::Lz76 => lz76_ui(explorer, ui, plan),
        Measure::Compress => compress_ui(explorer, ui, index, plan),
        Measure::Bdm => bdm_ui(explorer, actions, ui, index, plan),
        Measure::AlgorithmicProbability => probability_ui(explorer, actions, ui, plan),
        Measure::SearchEffort => search_ui(explorer, actions, ui, index),
        Measure::EffectDl | Measure::PlanDl | Measure::LevinKt => {}
    }
}

fn lz76_ui(explorer: &Explorer, ui: &mut egui::Ui, plan: &PlanScore) {
    let s = &plan.lz76;
    let stream = explorer.work.measure_options.stream.key();
    ui.label(format!(
        "{} phrases in the {stream} stream of {} tokens ({} distinct). Normalised c / (n / log_k n) = {:.3}.",
        s.lz76.complexity(),
        s.lz76.length,
        s.lz76.alphabet,
        s.lz76.normalised()
    ));
    ui.weak("Each phrase is the longest copy of something earlier, plus one new token; phrases alternate in shade, ¶ is a line break.");
    let phrases = s.phrases();
    // Alternating shades mark the phrase boundaries better than separators, which could
    // be mistaken for tokens.
    let shades = [
        ui.visuals().selection.bg_fill.gamma_multiply(0.6),
        Color32::TRANSPARENT,
    ];
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for (i, (phrase, range)) in phrases.iter().zip(&s.lz76.phrases).take(LISTED).enumerate() {
            let shown = egui::RichText::new(phrase.replace('\n', "¶"))
                .monospace()
                .background_color(shades[i % 2]);
            ui.label(shown).on_hover_text(format!(
                "phrase {}: tokens {} to {}",
                i + 1,
                range.start,
                range.end.saturating_sub(1)
            ));
        }
        if phrases.len() > LISTED {
            ui.weak(format!("… {} more", phrases.len() - LISTED));
        }
    });
}

fn compress_ui(explorer: &Explorer, ui: &mut egui::Ui, index: usize, plan: &PlanScore) {
    let options = &explorer.work.measure_options;
    let Some(actions) = explorer.scene().plans.get(index).map(|p| &p.actions) else {
        return;
    };
    let words: Vec<String> = plan
        .plan_dl
        .as_ref()
        .map(|d| {
            d.words
                .iter()
                .map(ladders_domain::measures::WordUse::call)
                .collect()
        })
        .unwrap_or_default();
    let bytes = stream_bytes(
        &explorer.scene().world,
        &plan.outcome,
        actions,
        &words,
        options.stream,
    );
    ui.label(format!(
        "{}: the {} stream's {} bytes compress to {:.0} bytes = {:.0} bits.",
        options.codec,
        options.stream.key(),
        bytes.len(),
        plan.compressed_bits / 8.0,
        plan.compressed_bits
    ));
    ui.weak("Short inputs pay the codec's fixed overhead: the codec is a language with its own constant.");
    egui::CollapsingHeader::new("The stream")
        .id_salt("compress_stream")
        .show(ui, |ui| {
            let text = String::from_utf8_lossy(&bytes);
            let shown: String = text.chars().take(4000).collect();
            ui.monospace(shown);
        });
}

fn bdm_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    ui: &mut egui::Ui,
    index: usize,
    plan: &PlanScore,
) {
    let options = explorer.work.measure_options.bdm.clone();
    ui.label(format!(
        "Table {}, {}×{} blocks, {} partition: {:.2} bits over {} grid(s).",
        options.table.name,
        options.block,
        options.block,
        options.partition.key(),
        plan.bdm.bits,
        plan.bdm.grids.len()
    ));
    if plan.bdm.grids.is_empty() {
        ui.weak("The effect is empty: there is no grid to measure.");
        return;
    }
    ui.weak("One binary grid per variable kind: 1 where a variable of that kind changed.");
    for (kind, grid, result) in &plan.bdm.grids {
        ui.separator();
        ui.horizontal(|ui| {
            ui.strong(format!(
                "{} grid: {:.2} bits, {} distinct of {} blocks, {} {} set",
                kind.name(),
                result.bits,
                result.blocks.len(),
                result.occurrences,
                grid.ones(),
                if grid.ones() == 1 { "cell" } else { "cells" }
            ));
            let shown = explorer
                .results.heat_map
                .as_ref()
                .is_some_and(|h| h.plan == index && h.kind == *kind);
            let text = if shown { "Hide ΔBDM map" } else { "Show ΔBDM on the grid" };
            if ui
                .button(text)
                .on_hover_text("Colour each cell by how much flipping it changes BDM (play the plan to its end)")
                .clicked()
            {
                actions.push(Action::ToggleHeatMap {
                    plan: index,
                    kind: *kind,
                });
            }
        });
        egui::Grid::new(("bdm_blocks", kind.name()))
            .striped(true)
            .show(ui, |ui| {
                ui.strong("block");
                ui.strong("count");
                ui.strong("CTM");
                ui.strong("bits");
                ui.end_row();
                for block in result.blocks.iter().take(LISTED) {
                    block_picture(ui, block);
                    ui.monospace(format!("{}", block.count));
                    let ctm = format!("{:.2}{}", block.ctm, if block.known { "" } else { "*" });
                    ui.monospace(ctm).on_hover_text(if block.known {
                        "CTM of the normalised block"
                    } else {
                        "not in the table: its dearest value of this size plus one bit"
                    });
                    ui.monospace(format!("{:.2}", block.bits_contributed()));
                    ui.end_row();
                }
            });
        if result.blocks.len() > LISTED {
            ui.weak(format!("… {} more blocks", result.blocks.len() - LISTED));
        }
    }
    table_comparison_ui(explorer, ui, plan);
}

/// The two tables' ranks of `size`, computed once per computed table and size.
fn comparison(explorer: &Explorer, computed: &CtmTable, size: usize) -> Arc<TableComparison> {
    if let Some((name, s, c)) = &*explorer.results.table_comparison.borrow()
        && *name == computed.name
        && *s == size
    {
        return Arc::clone(c);
    }
    let bundled = CtmTable::shared(computed.dimensions);
    let c = Arc::new(compare_tables(&bundled, computed, size));
    *explorer.results.table_comparison.borrow_mut() =
        Some((computed.name.clone(), size, Arc::clone(&c)));
    c
}

/// A block as a tiny picture: dark cells are 1.
fn block_picture(ui: &mut egui::Ui, block: &BlockCount) {
    let cell = 7.0;
    let size = vec2(block.cols as f32 * cell, block.rows as f32 * cell);
    let (rect, response) = ui.allocate_exact_size(size + vec2(2.0, 2.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 0.0, Color32::from_gray(235));
    let cells = block.rows * block.cols;
    for i in 0..cells {
        if block.bits >> (cells - 1 - i) & 1 == 1 {
            let (r, c) = (i / block.cols, i % block.cols);
            let min = rect.min + vec2(1.0 + c as f32 * cell, 1.0 + r as f32 * cell);
            painter.rect_filled(
                egui::Rect::from_min_size(min, vec2(cell, cell)),
                0.0,
                Color32::from_gray(40),
            );
        }
    }
    response.on_hover_text(format!(
        "{} (first at row {}, column {})",
        block.text(),
        block.first.0,
        block.first.1
    ));
}

/// How the bundled table and the computed one rank the same blocks.
fn table_comparison_ui(explorer: &Explorer, ui: &mut egui::Ui, plan: &PlanScore) {
    let Some(computed) = explorer.results.computed_table.clone() else {
        ui.weak(format!(
            "{} (Measures menu) computes a table from other machines; then both tables' ranks of these blocks are compared here.",
            Command::ComputeTable.label()
        ));
        return;
    };
    let bundled = CtmTable::shared(computed.dimensions);
    let size = explorer.work.measure_options.bdm.block;
    let comparison = comparison(explorer, &computed, size);
    ui.separator();
    ui.strong(format!(
        "Two machine formalisms on the {size}×{size} blocks"
    ));
    let spearman = if comparison.spearman.is_finite() {
        format!("{:.3}", comparison.spearman)
    } else {
        "undefined (one table ranks every block the same)".to_owned()
    };
    ui.label(format!(
        "Spearman rank correlation of {} and {}: {spearman} over {} blocks ({} of them produced by the machines).",
        bundled.name,
        computed.name,
        comparison.blocks.len(),
        computed.known(size)
    ));
    let in_effect: Vec<u64> = plan
        .bdm
        .grids
        .iter()
        .flat_map(|(_, _, r)| r.blocks.iter())
        .filter(|b| b.rows == size && b.cols == size)
        .map(|b| normalise(b.bits, size * size))
        .collect();
    egui::Grid::new("rank_comparison")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("block");
            ui.strong("rank (bundled)");
            ui.strong("rank (computed)");
            ui.end_row();
            for b in comparison
                .blocks
                .iter()
                .filter(|b| in_effect.contains(&b.bits))
                .take(LISTED)
            {
                ui.monospace(ladders_domain::complexity::block_text(b.bits, size, size));
                ui.monospace(format!("{:.0} ({:.2} bits)", b.ranks.0, b.values.0));
                let mark = if b.known.1 { "" } else { "*" };
                ui.monospace(format!("{:.0} ({:.2} bits{mark})", b.ranks.1, b.values.1));
                ui.end_row();
            }
        });
    let points: Vec<[f64; 2]> = comparison
        .blocks
        .iter()
        .map(|b| [b.ranks.0, b.ranks.1])
        .collect();
    let n = comparison.blocks.len() as f64;
    Plot::new("table_ranks")
        .height(160.0)
        .x_axis_label("rank in the bundled table")
        .y_axis_label("rank in the computed table")
        .show(ui, |plot| {
            plot.points(Points::new("blocks", points).radius(1.5));
            plot.line(Line::new("same rank", vec![[1.0, 1.0], [n, n]]));
        });
}

fn probability_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, plan: &PlanScore) {
    let Some(programs) = explorer.current_programs() else {
        not_run_ui(explorer, actions, ui);
        return;
    };
    let p = &programs.probability;
    let effect = effect_text(&explorer.scene().world, &plan.outcome.effect);
    ui.label(format!(
        "{} programs up to {} bits produce {} distinct effects ({} simulated steps).",
        p.programs,
        p.bound,
        p.effects.len(),
        p.work
    ));
    if let Some(stopped) = p.stopped {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "The enumeration {} before it ran every program up to the bound: the sums below are over the programs run, so the bits are upper bounds.",
                stopped.describe(p.work)
            ),
        );
    }
    match p.programs_of(&effect) {
        Some(e) => {
            ui.label(format!(
                "{} of them produce this effect: −log2 Σ 2^−length = {:.2} bits.",
                e.count,
                -e.mass.log2()
            ));
            ui.label(format!(
                "Shortest ({:.2} bits): {}",
                e.shortest.1,
                e.shortest.0.join(" ")
            ));
        }
        None if p.stopped.is_some() => {
            ui.label("No program run produces this effect; programs not run may.");
        }
        None => {
            ui.label(format!(
                "No program up to {} bits produces this effect, so the enumeration gives no estimate. Raise the program bound to look further.",
                p.bound
            ));
        }
    }
}

fn search_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, index: usize) {
    let Some(programs) = explorer.current_programs() else {
        not_run_ui(explorer, actions, ui);
        return;
    };
    let Some(search) = programs.searches.get(index) else {
        return;
    };
    match &search.found {
        Some((words, bits)) => {
            ui.label(format!(
                "Found after {} candidates (log2 = {:.2} bits), in code-length order.",
                search.candidates,
                search.bits()
            ));
            ui.label(format!("The program ({bits:.2} bits): {}", words.join(" ")));
        }
        None if search.exhausted => {
            ui.label(format!(
                "No program of this language has this effect: all {} reachable candidates were tried.",
                search.candidates
            ));
        }
        None => match search.stopped {
            Some(stopped) => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Not found: the search {} and {} candidates, before the candidate limit of {}.",
                        stopped.describe(search.work),
                        search.candidates,
                        search.limit
                    ),
                );
            }
            None => {
                ui.label(format!(
                    "Not found within {} candidates: an optimiser searching in this language's order would not get there cheaply.",
                    search.limit
                ));
            }
        },
    }
    ui.weak("A candidate reaching a state an earlier one reached is the same candidate and is not counted again.");
}

fn not_run_ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui) {
    if explorer.programs_running() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Running the language's programs…");
        });
        return;
    }
    ui.label("This measure runs the language's programs, which takes a while.");
    if ui.button(Command::RunPrograms.label()).clicked() {
        actions.push(Command::RunPrograms);
    }
}

/// The colour of a ΔBDM value on a scale of ±`max`: red where flipping the cell adds bits,
/// blue where it removes them.
pub fn heat_color(delta: f64, max: f64) -> Color32 {
    if max <= 0.0 {
        return Color32::TRANSPARENT;
    }
    let t = (delta.abs() / max).clamp(0.0, 1.0);
    // Translucent, so the world stays readable under the map.
    let alpha = (25.0 + 125.0 * t) as u8;
    if delta >= 0.0 {
        Color32::from_rgba_unmultiplied(220, 40, 40, alpha)
    } else {
        Color32::from_rgba_unmultiplied(40, 90, 230, alpha)
    }
}
