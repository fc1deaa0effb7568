//! The side panel's "Measures" section: the choices that make the sequence and program
//! measures relative (stream, codec, CTM table and its machine formalism, partition,
//! program bound), and the buttons that start their background jobs.

use crate::app::action::{Action, Actions};
use crate::app::command::Command;
use crate::app::explorer::Explorer;
use ladders_domain::choice::Choice;
use ladders_domain::complexity::{Codec, CtmTable, Dimensions, Partition};
use ladders_domain::measures::Stream;

/// Draw the section.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ui: &mut egui::Ui, ctx: &egui::Context) {
    ui.strong("Measures");
    let mut options = explorer.work.measure_options.clone();
    ui.horizontal(|ui| {
        ui.label("Stream").on_hover_text(
            "What LZ76 and compressed size read: the effect as text, the plan's actions, or the words of its shortest description in the language",
        );
        for &stream in Stream::ALL {
            ui.selectable_value(&mut options.stream, stream, stream.key());
        }
    });
    ui.horizontal(|ui| {
        ui.label("Codec")
            .on_hover_text("The language of compressed size");
        for codec in Codec::ALL {
            ui.selectable_value(&mut options.codec, codec, codec.to_string());
        }
    });
    ui.horizontal(|ui| {
        ui.label("BDM block");
        for side in [2, 3, 4] {
            ui.selectable_value(&mut options.bdm.block, side, format!("{side}×{side}"));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Partition");
        for &p in Partition::ALL {
            ui.selectable_value(&mut options.bdm.partition, p, p.key());
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("CTM table");
        let bundled = CtmTable::shared(Dimensions::Two);
        let mut use_bundled = options.bdm.table.name == bundled.name;
        if ui
            .selectable_label(use_bundled, "bundled (pybdm)")
            .on_hover_text("Turing machines with up to 5 states: the table of the pybdm package")
            .clicked()
        {
            use_bundled = true;
            options.bdm.table = bundled;
        }
        if let Some(computed) = explorer.results.computed_table.clone()
            && ui
                .selectable_label(!use_bundled, computed.name.clone())
                .on_hover_text("The table computed from the machine formalism below")
                .clicked()
        {
            options.bdm.table = computed;
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("2D machines: states");
        ui.add(egui::DragValue::new(&mut options.formalism.states).range(1..=3))
            .labelled_by(label.id);
        let label = ui.label("steps");
        ui.add(egui::DragValue::new(&mut options.formalism.max_steps).range(1..=10_000))
            .labelled_by(label.id);
    });
    if ui
        .button(Command::ComputeTable.label())
        .on_hover_text("Run every 2D Turing machine of this formalism on a blank grid and turn how often each block appears into a CTM table")
        .clicked()
    {
        actions.push(Command::ComputeTable);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Program bound");
        ui.add(
            egui::DragValue::new(&mut options.probability_bound)
                .range(4.0..=40.0)
                .speed(0.1)
                .suffix(" bits"),
        )
        .labelled_by(label.id)
        .on_hover_text("Algorithmic probability sums over every program up to this length");
    });
    ui.horizontal(|ui| {
        let label = ui.label("Search limit");
        ui.add(
            egui::DragValue::new(&mut options.search_limit)
                .range(100..=100_000)
                .speed(100.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Search effort gives up after this many candidates");
    });
    ui.horizontal(|ui| {
        let label = ui.label("Work limit");
        ui.add(
            egui::DragValue::new(&mut options.work_limit)
                .range(1_000_000..=ladders_domain::measures::ProgramLimits::MAX_WORK)
                .speed(100_000.0)
                .suffix(" steps"),
        )
        .labelled_by(label.id)
        .on_hover_text("The enumeration takes at most this many simulated steps, and the plans' searches as many together; a measure that reaches it stops and says so");
    });
    let hint = format!(
        "{} ({})",
        Command::RunPrograms.label(),
        Command::RunPrograms.shortcut_text(ctx)
    );
    if ui
        .button(Command::RunPrograms.label())
        .on_hover_text(hint)
        .clicked()
    {
        actions.push(Command::RunPrograms);
    }
    if options != explorer.work.measure_options {
        actions.push(Action::SetMeasureOptions(Box::new(options)));
    }
}
