//! `ladders sweep SCENE --tech`: the commodification sweep, discrete (the technologies
//! commodified one after another) or continuous (`--continuous TECH`: one technology's
//! availability from 0 to 1).

use super::output::Report;
use super::sweep::{SweepArgs, SweepFormat};
use ladders_domain::analysis::{
    Availability, AvailabilitySpace, TechSweep, default_order, resolve_order, tech_sweep,
};
use ladders_domain::language::Language;
use ladders_domain::measures::Measure;
use ladders_domain::scene::Scene;
use serde::Serialize;
use std::fmt;

/// What `ladders sweep --tech` prints: either sweep.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TechReport {
    /// The discrete sweep.
    Discrete(TechSweep),
    /// The continuous sweep, one per language.
    Continuous(Vec<Availability>),
}

impl Report for TechReport {}

/// Run `ladders sweep SCENE --tech ..`.
pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    if args.format == SweepFormat::Jsonl {
        anyhow::bail!("--tech prints a table or one JSON document: use --format table or json");
    }
    let scene = super::load_scene(&args.scene)?;
    let languages = super::languages_for(&scene, args.scene.parent(), &args.language)?;
    if languages.is_empty() {
        anyhow::bail!("the scene names no language: give --language LANG");
    }
    let bar = super::progress::Progress::fraction("commodification sweep");
    let report = compute(&scene, &languages, args, &|done| {
        bar.set_fraction(done);
        true
    });
    bar.finish();
    let report = report?;
    let format = match args.format {
        SweepFormat::Json => super::Format::Json,
        _ => super::Format::Table,
    };
    super::output::print(&report, format)?;
    Ok(())
}

/// The sweep `args` ask for; `progress` hears the share done and returns whether to go on.
pub fn compute(
    scene: &Scene,
    languages: &[Language],
    args: &SweepArgs,
    progress: &(dyn Fn(f64) -> bool + Sync),
) -> anyhow::Result<TechReport> {
    if let Some(tech) = &args.continuous {
        if !args.order.is_empty() {
            anyhow::bail!("--order is for the discrete sweep; --continuous sweeps one technology");
        }
        let measure = args.measure.unwrap_or(Measure::EffectDl);
        let mut out = Vec::with_capacity(languages.len());
        for (i, language) in languages.iter().enumerate() {
            let space = AvailabilitySpace::new(scene, language, tech, args.entering_cost)?;
            out.push(space.sweep(measure)?);
            if !progress((i + 1) as f64 / languages.len() as f64) {
                anyhow::bail!("the commodification sweep was cancelled");
            }
        }
        return Ok(TechReport::Continuous(out));
    }
    let order = if args.order.is_empty() {
        default_order(&scene.world)
    } else {
        resolve_order(&scene.world, &args.order)?
    };
    let mut sweep = tech_sweep(scene, languages, &order, progress)?;
    if let Some(measure) = args.measure {
        keep_measure(&mut sweep, measure)?;
    }
    Ok(TechReport::Discrete(sweep))
}

/// Keep only `measure`'s values, choices and crossovers.
fn keep_measure(sweep: &mut TechSweep, measure: Measure) -> anyhow::Result<()> {
    let Some(k) = sweep.measures.iter().position(|m| *m == measure) else {
        anyhow::bail!(
            "the commodification sweep computes the scored measures ({}), not `{}`",
            sweep
                .measures
                .iter()
                .map(|m| m.key())
                .collect::<Vec<_>>()
                .join(", "),
            measure.key()
        );
    };
    sweep.measures = vec![measure];
    sweep.budgets = vec![sweep.budgets[k]];
    for step in &mut sweep.steps {
        for per_language in &mut step.values {
            for per_plan in per_language.iter_mut() {
                *per_plan = vec![per_plan[k]];
            }
        }
        for choices in &mut step.choices {
            *choices = vec![choices[k]];
        }
    }
    sweep.crossovers.retain(|c| c.measure == measure);
    Ok(())
}

fn plan_name(plans: &[String], p: Option<usize>) -> String {
    p.and_then(|p| plans.get(p))
        .map_or_else(|| "none".to_owned(), Clone::clone)
}

fn value_text(v: Option<f64>, measure: Measure) -> String {
    match v {
        None => "-".to_owned(),
        Some(v) if measure.unit() == "bits" => format!("{v:.2}"),
        Some(v) => format!("{v:.0}"),
    }
}

impl fmt::Display for TechReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TechReport::Discrete(s) => discrete(f, s),
            TechReport::Continuous(all) => all.iter().try_for_each(|a| continuous(f, a)),
        }
    }
}

fn step_label(s: &TechSweep, step: usize) -> String {
    let st = &s.steps[step];
    match (&st.commodified, st.changed) {
        (None, _) => "the scene's levels".to_owned(),
        (Some(t), true) => format!("{t} commodified"),
        (Some(t), false) => format!("{t} already commodified, no change"),
    }
}

fn discrete(f: &mut fmt::Formatter<'_>, s: &TechSweep) -> fmt::Result {
    writeln!(f, "Commodification sweep of {}", s.scene)?;
    for step in 0..s.steps.len() {
        writeln!(f, "  step {step}: {}", step_label(s, step))?;
    }
    let width = s.plans.iter().map(String::len).max().unwrap_or(4).max(6);
    let cell = s.plans.iter().map(String::len).max().unwrap_or(4).max(8) + 1;
    for (l, language) in s.languages.iter().enumerate() {
        for (k, &measure) in s.measures.iter().enumerate() {
            let budget = s.budgets[k].map_or_else(String::new, |b| format!(", budget {b}"));
            writeln!(
                f,
                "\n{language}, {} ({}{budget})",
                measure.key(),
                measure.unit()
            )?;
            write!(f, "  {:<width$}", "plan")?;
            for step in 0..s.steps.len() {
                write!(f, "  {:>cell$}", format!("step {step}"))?;
            }
            writeln!(f)?;
            for (p, plan) in s.plans.iter().enumerate() {
                write!(f, "  {plan:<width$}")?;
                for step in &s.steps {
                    write!(f, "  {:>cell$}", value_text(step.values[l][p][k], measure))?;
                }
                writeln!(f)?;
            }
            write!(f, "  {:<width$}", "choice")?;
            for (step, st) in s.steps.iter().enumerate() {
                let crossed = s
                    .crossovers
                    .iter()
                    .any(|c| c.language == l && c.measure == measure && c.step == step);
                let mark = if crossed { "*" } else { " " };
                let name = plan_name(&s.plans, st.choices[l][k]);
                write!(f, "  {:>cell$}", format!("{name}{mark}"))?;
            }
            writeln!(f)?;
        }
    }
    writeln!(
        f,
        "\nCrossovers (* above): where the agent's choice changes"
    )?;
    if s.crossovers.is_empty() {
        writeln!(f, "  none")?;
    }
    for c in &s.crossovers {
        writeln!(
            f,
            "  under {}, {}: {} -> {} at step {} ({})",
            s.languages[c.language],
            c.measure.key(),
            plan_name(&s.plans, c.from),
            plan_name(&s.plans, c.to),
            c.step,
            step_label(s, c.step)
        )?;
    }
    Ok(())
}

fn continuous(f: &mut fmt::Formatter<'_>, a: &Availability) -> fmt::Result {
    let budget = a
        .budget
        .map_or_else(String::new, |b| format!(", budget {b}"));
    writeln!(
        f,
        "Availability of {} under {}, {} ({}{budget}); a = 0: available, new words at {} bits; a = 1: commodified",
        a.technology,
        a.language,
        a.measure.key(),
        a.measure.unit(),
        a.entering_cost
    )?;
    if a.switches.is_empty() {
        writeln!(
            f,
            "  the choice does not switch: {} throughout",
            plan_name(&a.plans, a.choices.first().copied().flatten())
        )?;
    }
    for s in &a.switches {
        writeln!(
            f,
            "  switch at a = {:.2}: {} below, {} above (bisected: {:.4})",
            s.at,
            plan_name(&a.plans, s.from),
            plan_name(&a.plans, s.to),
            s.bisected
        )?;
    }
    let width = a.plans.iter().map(String::len).max().unwrap_or(4).max(6);
    write!(f, "  {:>4}  {:<width$}", "a", "choice")?;
    for plan in &a.plans {
        write!(f, "  {plan:>width$}")?;
    }
    writeln!(f)?;
    for i in (0..a.grid.len()).step_by(10) {
        write!(
            f,
            "  {:>4.1}  {:<width$}",
            a.grid[i],
            plan_name(&a.plans, a.choices[i])
        )?;
        for values in &a.values {
            write!(f, "  {:>width$}", value_text(values[i], a.measure))?;
        }
        writeln!(f)?;
    }
    writeln!(f)
}
