//! The technologies window (README, "Easy to optimize moves with the tech tree"): the
//! scene's technology tree, where a click changes a level; the commodification sweep,
//! each plan's value at every step of commodifying the technologies one after another,
//! with the agent's choice and the crossovers; and the availability of one technology
//! moved continuously from available to commodified, with the availability at which
//! the choice switches. Every number comes from the technology job; the window only
//! draws it and remembers its choices ([`TechSettings`]).

use super::sweep_plot::{self, SweepChart};
use super::tech_tree::{self, TreeNode};
use crate::app::action::{Action, Actions};
use crate::app::explorer::Explorer;
use egui::{RichText, vec2};
use ladders_domain::analysis::{Availability, TechSweep};
use ladders_domain::measures::Measure;
use ladders_domain::world::{EntityKind, World};

/// What the technologies window shows; the explorer holds it, the window edits a copy and
/// hands it back as one action.
#[derive(Clone, Debug, PartialEq)]
pub struct TechSettings {
    /// Whether the window is open.
    pub open: bool,
    /// The measure plotted and chosen by.
    pub measure: Measure,
    /// The commodification order by name; `None`: the tree's order.
    pub order: Option<Vec<String>>,
    /// The technology whose availability is moved; `None`: the first in the order.
    pub continuous: Option<String>,
    /// Plot log2(1 + value).
    pub log: bool,
}

impl Default for TechSettings {
    fn default() -> Self {
        Self {
            open: false,
            measure: Measure::EffectDl,
            order: None,
            continuous: None,
            log: true,
        }
    }
}

impl TechSettings {
    /// The order swept in `world`: the user's, or the tree's.
    pub fn order_in(&self, world: &World) -> Vec<String> {
        let names: Vec<String> = world
            .technologies
            .iter()
            .map(|(n, _)| n.to_owned())
            .collect();
        match &self.order {
            Some(order) if order.iter().all(|n| names.contains(n)) => order.clone(),
            _ => world
                .tree_order()
                .into_iter()
                .filter_map(|t| names.get(t).cloned())
                .collect(),
        }
    }

    /// The technology whose availability is moved in `world`.
    pub fn continuous_in(&self, world: &World) -> Option<String> {
        let order = self.order_in(world);
        match &self.continuous {
            Some(t) if order.contains(t) => Some(t.clone()),
            _ => order.first().cloned(),
        }
    }
}

/// The window, when open.
pub fn ui(explorer: &Explorer, actions: &mut Actions, ctx: &egui::Context) {
    let settings = &explorer.view.technologies;
    if !settings.open {
        return;
    }
    let mut edited = settings.clone();
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new("Technologies")
        .open(&mut open)
        .default_pos(screen.left_top() + vec2(80.0, 50.0))
        .default_size([900.0, (screen.height() - 100.0).max(400.0)])
        .vscroll(true)
        .show(ctx, |ui| contents_ui(explorer, actions, &mut edited, ui));
    edited.open &= open;
    if edited != *settings {
        actions.push(Action::SetTechSettings(Box::new(edited)));
    }
}

/// The tree's nodes, from the scene.
pub fn tree_nodes(world: &World) -> Vec<TreeNode> {
    world
        .technologies
        .iter()
        .enumerate()
        .map(|(id, (name, level))| {
            let sites: Vec<String> = world
                .entities
                .iter()
                .filter_map(|e| match e.kind {
                    EntityKind::Lab { develops, work } if develops == id => {
                        Some(format!("at {}, {work} work steps", e.id))
                    }
                    _ => None,
                })
                .collect();
            TreeNode {
                name: name.to_owned(),
                level,
                requires: world.prerequisites(id).to_vec(),
                site: (!sites.is_empty()).then(|| sites.join("; ")),
            }
        })
        .collect()
}

fn contents_ui(
    explorer: &Explorer,
    actions: &mut Actions,
    settings: &mut TechSettings,
    ui: &mut egui::Ui,
) {
    let world = &explorer.scene().world;
    ui.label(RichText::new("Technology tree").strong());
    ui.weak("Click a technology to change its level in the scene (Ctrl+Z undoes it).");
    let nodes = tree_nodes(world);
    if let Some(i) = tech_tree::ui(ui, &nodes) {
        actions.push(Action::SetTechnology(
            i,
            tech_tree::next_level(nodes[i].level),
        ));
    }
    if nodes.is_empty() {
        return;
    }
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label("Measure");
        for measure in Measure::scored() {
            ui.selectable_value(&mut settings.measure, measure, measure.short())
                .on_hover_text(measure.label());
        }
        ui.separator();
        ui.checkbox(&mut settings.log, "Logarithmic axis")
            .on_hover_text("Plot log2(1 + value), so that the rainbow's hundreds of bits do not flatten the rest");
    });
    order_ui(world, settings, ui);
    let language = explorer
        .current_language()
        .map_or_else(String::new, |l| l.language.name.clone());
    let run = explorer.results.tech.as_ref();
    let stale = run.is_none_or(|r| r.inputs != explorer.tech_inputs());
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Commodifying one technology after another, in {language}"
        ))
        .strong(),
    );
    if stale {
        ui.weak("computing…");
    }
    match run.map(|r| &r.sweep) {
        Some(Ok(sweep)) => discrete_ui(sweep, &language, settings, ui),
        Some(Err(why)) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        None => {}
    }
    ui.separator();
    let Some(tech) = settings.continuous_in(world) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new("Availability of").strong());
        let mut chosen = tech.clone();
        egui::ComboBox::from_label("technology")
            .selected_text(&chosen)
            .show_ui(ui, |ui| {
                for name in settings.order_in(world) {
                    ui.selectable_value(&mut chosen, name.clone(), name);
                }
            });
        if chosen != tech {
            settings.continuous = Some(chosen);
        }
        ui.label(format!(
            "in {language}, from available (a = 0) to commodified (a = 1)"
        ));
    });
    match run.and_then(|r| r.availability.as_ref()) {
        Some(Ok(availability)) => continuous_ui(availability, settings, ui),
        Some(Err(why)) => {
            ui.colored_label(ui.visuals().error_fg_color, why);
        }
        None => {}
    }
}

/// The order: each technology with buttons to move it earlier or later.
fn order_ui(world: &World, settings: &mut TechSettings, ui: &mut egui::Ui) {
    let mut order = settings.order_in(world);
    let mut moved = None;
    ui.horizontal_wrapped(|ui| {
        ui.label("Order");
        for (i, name) in order.iter().enumerate() {
            ui.group(|ui| {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(i > 0, egui::Button::new("<").small())
                        .on_hover_text(format!("Commodify {name} earlier"))
                        .clicked()
                    {
                        moved = Some((i, i - 1));
                    }
                    ui.label(format!("{}. {name}", i + 1));
                    if ui
                        .add_enabled(i + 1 < order.len(), egui::Button::new(">").small())
                        .on_hover_text(format!("Commodify {name} later"))
                        .clicked()
                    {
                        moved = Some((i, i + 1));
                    }
                });
            });
        }
        if ui
            .add_enabled(settings.order.is_some(), egui::Button::new("Tree order"))
            .on_hover_text("Prerequisites first, ties by name")
            .clicked()
        {
            settings.order = None;
        }
    });
    if let Some((a, b)) = moved {
        order.swap(a, b);
        settings.order = Some(order);
    }
}

/// The measure's row of the sweep in the current language, as a chart.
pub fn discrete_chart(sweep: &TechSweep, language: &str, measure: Measure) -> Option<SweepChart> {
    let l = sweep.languages.iter().position(|n| n == language)?;
    let m = sweep.measures.iter().position(|&x| x == measure)?;
    let point_names: Vec<String> = sweep
        .steps
        .iter()
        .enumerate()
        .map(|(k, s)| match &s.commodified {
            None => "step 0: the scene's levels".to_owned(),
            Some(t) if s.changed => format!("step {k}: {t} commodified"),
            Some(t) => format!("step {k}: {t} (already commodified)"),
        })
        .collect();
    let series = sweep
        .plans
        .iter()
        .enumerate()
        .map(|(p, name)| {
            let values = sweep.steps.iter().map(|s| s.values[l][p][m]).collect();
            (name.clone(), values)
        })
        .collect();
    let choices = sweep.steps.iter().map(|s| s.choices[l][m]).collect();
    let name_of = |p: Option<usize>| {
        p.and_then(|p| sweep.plans.get(p))
            .map_or_else(|| "none".to_owned(), Clone::clone)
    };
    let crossovers = sweep
        .crossovers
        .iter()
        .filter(|c| c.language == l && c.measure == measure)
        .map(|c| {
            (
                c.step as f64,
                format!("{} -> {}", name_of(c.from), name_of(c.to)),
            )
        })
        .collect();
    Some(SweepChart {
        title: format!("discrete {language} {}", measure.key()),
        xs: (0..sweep.steps.len()).map(|k| k as f64).collect(),
        point_names,
        x_label: "step (technologies commodified so far)".to_owned(),
        y_label: format!("{} ({})", measure.short(), measure.unit()),
        series,
        choices,
        crossovers,
        markers: true,
    })
}

fn discrete_ui(sweep: &TechSweep, language: &str, settings: &TechSettings, ui: &mut egui::Ui) {
    let Some(chart) = discrete_chart(sweep, language, settings.measure) else {
        ui.weak("Nothing to show for this language and measure.");
        return;
    };
    let steps: Vec<String> = sweep
        .steps
        .iter()
        .enumerate()
        .map(|(k, s)| match &s.commodified {
            None => "0 start".to_owned(),
            Some(t) => format!("{k} +{t}"),
        })
        .collect();
    ui.weak(format!("Steps: {}", steps.join(", ")));
    sweep_plot::ui(ui, &chart, settings.log, 260.0);
    // The crossovers in words, and the choice of every loaded language at every step.
    let m = sweep.measures.iter().position(|&x| x == settings.measure);
    egui::Grid::new("tech_choices")
        .striped(true)
        .show(ui, |ui| {
            ui.strong("the agent's choice");
            for s in &steps {
                ui.strong(s);
            }
            ui.end_row();
            for (l, name) in sweep.languages.iter().enumerate() {
                ui.label(name);
                let mut last = None;
                for (k, step) in sweep.steps.iter().enumerate() {
                    let choice = m.and_then(|m| step.choices[l][m]);
                    let text = choice
                        .and_then(|p| sweep.plans.get(p))
                        .map_or("none", String::as_str);
                    if k > 0 && choice != last {
                        ui.label(RichText::new(format!("{text} *")).strong())
                            .on_hover_text("a crossover: the choice changes here");
                    } else {
                        ui.label(text);
                    }
                    last = choice;
                }
                ui.end_row();
            }
        });
    ui.weak("* marks a crossover: the agent's choice changes at that step.");
}

/// The availability sweep as a chart.
pub fn continuous_chart(availability: &Availability) -> SweepChart {
    let name_of = |p: Option<usize>| {
        p.and_then(|p| availability.plans.get(p))
            .map_or_else(|| "none".to_owned(), Clone::clone)
    };
    SweepChart {
        title: format!(
            "availability {} {} {}",
            availability.technology,
            availability.language,
            availability.measure.key()
        ),
        xs: availability.grid.clone(),
        point_names: availability
            .grid
            .iter()
            .map(|a| format!("a = {a:.2}"))
            .collect(),
        x_label: format!("availability a of {}", availability.technology),
        y_label: format!(
            "{} ({})",
            availability.measure.short(),
            availability.measure.unit()
        ),
        series: availability
            .plans
            .iter()
            .enumerate()
            .map(|(p, name)| (name.clone(), availability.values[p].clone()))
            .collect(),
        choices: availability.choices.clone(),
        crossovers: availability
            .switches
            .iter()
            .map(|s| {
                (
                    s.at,
                    format!(
                        "{} -> {} at a = {:.2}",
                        name_of(s.from),
                        name_of(s.to),
                        s.at
                    ),
                )
            })
            .collect(),
        markers: false,
    }
}

fn continuous_ui(availability: &Availability, settings: &TechSettings, ui: &mut egui::Ui) {
    let chart = continuous_chart(availability);
    sweep_plot::ui(ui, &chart, settings.log, 220.0);
    if chart.crossovers.is_empty() {
        ui.label("The agent's choice does not change as the availability moves.");
    }
    for (_, label) in &chart.crossovers {
        ui.label(format!("The agent's choice switches: {label}."));
    }
}
