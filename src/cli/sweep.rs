//! `ladders sweep --random` and `ladders merge`: how robust each plan's verdict is as the
//! language drifts from a base, in shards that merge exactly.

use super::output::Report;
use anyhow::Context;
use clap::{Args, ValueEnum};
use ladders_domain::analysis::{
    MAX_SWEEP_LANGUAGES, Setting, Shard, Sweep, SweepOptions, SweepSpace,
};
use ladders_domain::language::MAX_RADIUS;
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The most language files `--write-languages` writes.
pub const MAX_WRITTEN_LANGUAGES: u64 = 100_000;
/// The radii swept when none are given.
const DEFAULT_RADII: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];

/// `ladders sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The scene file.
    pub scene: PathBuf,
    /// Sweep the commodification of the scene's technologies instead of random languages:
    /// commodified one after another (`--order`), or one's availability from 0 to 1
    /// (`--continuous`).
    #[arg(long, conflicts_with_all = ["random", "around", "radius", "radii", "shard", "write_languages", "commodify", "budget"])]
    pub tech: bool,
    /// With --tech: the order to commodify in, comma-separated (default: the technology
    /// tree's order, prerequisites first, ties by name).
    #[arg(long, value_delimiter = ',', requires = "tech", value_name = "A,B,..")]
    pub order: Vec<String>,
    /// With --tech: sweep this technology's availability from 0 (available) to 1
    /// (commodified) and report where the agent's choice switches.
    #[arg(long, requires = "tech", value_name = "TECH")]
    pub continuous: Option<String>,
    /// With --continuous: bits of a word commodification adds, at availability 0
    /// (default: the language's `entering_cost`, else 64).
    #[arg(
        long,
        requires = "continuous",
        value_name = "BITS",
        allow_negative_numbers = true
    )]
    pub entering_cost: Option<f64>,
    /// With --tech: a language (repeatable; default: the scene's languages).
    #[arg(long = "language", short = 'l', requires = "tech", value_name = "LANG")]
    pub language: Vec<String>,
    /// With --tech: the measure (default: every scored measure; with --continuous, the
    /// effect description length).
    #[arg(long, requires = "tech", value_parser = super::parse_measure)]
    pub measure: Option<ladders_domain::measures::Measure>,
    /// Random languages per radius, 1 to 10,000,000.
    #[arg(long, value_name = "N",
          value_parser = |s: &str| super::parse_count(s, 1, MAX_SWEEP_LANGUAGES as usize).map(|n| n as u64))]
    pub random: Option<u64>,
    /// Seed of the random languages: language i is a pure function of (seed, i).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The base language the random ones are drawn around (default: the scene's first).
    #[arg(long, value_name = "LANG")]
    pub around: Option<String>,
    /// One radius in bits, 0 to 64.
    #[arg(long, conflicts_with = "radii", allow_negative_numbers = true, value_parser = parse_radius)]
    pub radius: Option<f64>,
    /// Radii in bits, comma-separated (default: 0,0.5,1,2,4,8,16).
    #[arg(long, value_delimiter = ',', allow_negative_numbers = true, value_parser = parse_radius)]
    pub radii: Vec<f64>,
    /// Run only shard K of N (languages i with i mod N = K); `ladders merge` combines them.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<Shard>,
    /// Treat this technology as commodified (repeatable).
    #[arg(long = "commodify", value_name = "TECH")]
    pub commodify: Vec<String>,
    /// Budget for the effect description length in bits (default: the scene's).
    #[arg(long, value_name = "BITS", allow_negative_numbers = true)]
    pub budget: Option<f64>,
    /// Write every drawn language of this run to DIR as an ordinary language file.
    #[arg(long, value_name = "DIR")]
    pub write_languages: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: SweepFormat,
}

/// `ladders merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Outputs of `ladders sweep --shard K/N --format json` (or jsonl), one per shard.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SweepFormat::Json)]
    pub format: SweepFormat,
}

/// How a sweep is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum SweepFormat {
    /// Aligned text for people.
    #[default]
    Table,
    /// One JSON document.
    Json,
    /// One JSON line per radius, for streaming into other tools.
    Jsonl,
}

fn parse_radius(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(r) if r.is_finite() && (0.0..=MAX_RADIUS).contains(&r) => Ok(r),
        _ => Err(format!(
            "`{text}` is not a radius: give bits from 0 to {MAX_RADIUS}"
        )),
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let bad = || format!("`{text}` is not a shard: write K/N with 0 ≤ K < N, e.g. 0/4");
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (index, count): (u64, u64) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if count == 0 || index >= count {
        return Err(bad());
    }
    Ok(Shard { index, count })
}

/// Run `ladders sweep`.
pub fn run(args: &SweepArgs) -> anyhow::Result<()> {
    if args.tech {
        return super::tech_sweep::run(args);
    }
    let Some(languages) = args.random else {
        anyhow::bail!(
            "say what to sweep: --random N draws N random languages per radius, --tech commodifies the scene's technologies"
        );
    };
    let scene = super::load_scene(&args.scene)?;
    let dir = args.scene.parent();
    let base = match &args.around {
        Some(name) => super::languages_for(&scene, dir, std::slice::from_ref(name))?,
        None => super::languages_for(&scene, dir, &[])?,
    };
    let base = base
        .into_iter()
        .next()
        .context("the scene names no language: give --around LANG")?;
    let setting = Setting::new(&scene, base.clone(), &args.commodify, args.budget)?;
    let radii = match (args.radius, args.radii.is_empty()) {
        (Some(r), _) => vec![r],
        (None, true) => DEFAULT_RADII.to_vec(),
        (None, false) => args.radii.clone(),
    };
    let options = SweepOptions {
        languages,
        seed: args.seed,
        radii,
        shard: args.shard.unwrap_or(Shard::WHOLE),
        technologies: setting.technologies.clone(),
        budget: setting.budget,
    };
    ladders_domain::analysis::check_sweep(&options)?;
    let shard_size = languages.div_ceil(options.shard.count);
    if let Some(out) = &args.write_languages {
        let files = shard_size.saturating_mul(options.radii.len() as u64);
        if files > MAX_WRITTEN_LANGUAGES {
            anyhow::bail!(
                "--write-languages would write {files} files; the limit is {MAX_WRITTEN_LANGUAGES} (draw fewer languages or radii)"
            );
        }
        std::fs::create_dir_all(out)
            .with_context(|| format!("cannot create the folder {}", out.display()))?;
    }
    let space = SweepSpace::new(&scene, &base, &setting.technologies, setting.budget)?;
    let total = shard_size * options.radii.len() as u64;
    let bar = super::progress::Progress::counting("languages", total);
    let sweep = space.run(&options, &|done, _| {
        bar.set_count(done);
        true
    });
    bar.finish();
    let sweep = sweep?;
    if let Some(out) = &args.write_languages {
        write_languages(&space, &options, out)?;
    }
    print(&sweep, args.format)
}

/// Write the drawn languages of this shard as `AROUND-sSEED-rRADIUS-I.ron`.
fn write_languages(space: &SweepSpace, options: &SweepOptions, dir: &Path) -> anyhow::Result<()> {
    let universe = space.universe();
    for &radius in &options.radii {
        for i in (options.shard.index..options.languages).step_by(options.shard.count as usize) {
            let language = universe.language(&universe.draw(options.seed, i, radius));
            let path = dir.join(format!(
                "{}-s{}-r{radius}-{i}.ron",
                universe.base().name,
                options.seed
            ));
            ladders_domain::language::save(&path, &language)?;
        }
    }
    Ok(())
}

/// Run `ladders merge`.
pub fn merge(args: &MergeArgs) -> anyhow::Result<()> {
    let parts = args
        .files
        .iter()
        .map(|path| read_sweep(path))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let merged = Sweep::merge(&parts).map_err(anyhow::Error::msg)?;
    print(&merged, args.format)
}

/// The most bytes of a sweep file `ladders merge` reads.
const SWEEP_FILE_LIMIT: u64 = 256 << 20;

/// Read a sweep written as JSON or JSON lines.
fn read_sweep(path: &Path) -> anyhow::Result<Sweep> {
    let text = ladders_domain::document::read_text_limited(path, SWEEP_FILE_LIMIT)?;
    let parse = |text: &str, line: usize| {
        serde_json::from_str::<Sweep>(text).map_err(|e| {
            anyhow::anyhow!(
                "{}:{}:{}: not the output of `ladders sweep`: {e}",
                path.display(),
                line + e.line().saturating_sub(1),
                e.column()
            )
        })
    };
    if text.trim_start().starts_with('{') && !is_jsonl(&text) {
        return parse(&text, 1);
    }
    let mut whole: Option<Sweep> = None;
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let part = parse(line, i + 1)?;
        match &mut whole {
            None => whole = Some(part),
            Some(w) => w.radii.extend(part.radii),
        }
    }
    whole.with_context(|| format!("{}: the file holds no sweep", path.display()))
}

/// Whether text is JSON lines: several lines that each hold a whole object.
fn is_jsonl(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    lines.next().is_some_and(|l| l.trim_end().ends_with('}')) && lines.next().is_some()
}

/// A sweep with what the reader wants from it: the verdicts' robustness.
struct SweepReport<'a>(&'a Sweep);

#[derive(Serialize)]
struct Robustness {
    agreement: Vec<f64>,
    base_accepted: bool,
    /// The first radius where fewer than 90% of the languages keep the base's verdict.
    breaks_at: Option<f64>,
    /// The first radius where any language gives the other verdict.
    first_flip: Option<f64>,
    plan: String,
}

impl SweepReport<'_> {
    fn robustness(&self) -> Vec<Robustness> {
        let sweep = self.0;
        let breaks = sweep.breaking_radii();
        let Some(first) = sweep.radii.first() else {
            return Vec::new();
        };
        first
            .plans
            .iter()
            .enumerate()
            .map(|(p, plan)| Robustness {
                agreement: sweep
                    .radii
                    .iter()
                    .map(|r| r.plans[p].agreement(r.languages))
                    .collect(),
                base_accepted: plan.base_accepted,
                breaks_at: breaks[p],
                first_flip: sweep
                    .radii
                    .iter()
                    .filter(|r| r.plans[p].agreement(r.languages) < 1.0)
                    .map(|r| r.radius)
                    .reduce(f64::min),
                plan: plan.plan.clone(),
            })
            .collect()
    }
}

impl Serialize for SweepReport<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A `Value` keeps its keys sorted, as every report's JSON does.
        let mut value = serde_json::to_value(self.0).map_err(serde::ser::Error::custom)?;
        let robustness =
            serde_json::to_value(self.robustness()).map_err(serde::ser::Error::custom)?;
        if let Some(map) = value.as_object_mut() {
            map.insert("robustness".into(), robustness);
        }
        value.serialize(s)
    }
}

impl Report for SweepReport<'_> {}

fn print(sweep: &Sweep, format: SweepFormat) -> anyhow::Result<()> {
    let report = SweepReport(sweep);
    match format {
        SweepFormat::Table => super::output::print(&report, super::Format::Table)?,
        SweepFormat::Json => super::output::print(&report, super::Format::Json)?,
        SweepFormat::Jsonl => {
            for radius in &sweep.radii {
                let line = Sweep {
                    radii: vec![radius.clone()],
                    ..sweep.clone()
                };
                crate::outln!("{}", serde_json::to_string(&serde_json::to_value(&line)?)?);
            }
        }
    }
    Ok(())
}

/// A histogram as a row of bars from its lowest bin to its highest.
fn sparkline(h: &ladders_domain::analysis::Histogram) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (Some((&lo, _)), Some((&hi, _))) = (h.bins.first_key_value(), h.bins.last_key_value())
    else {
        return String::new();
    };
    let peak = h.bins.values().copied().max().unwrap_or(1).max(1);
    // At most 48 columns: wider ranges share columns.
    let span = (hi - lo + 1) as usize;
    let per = span.div_ceil(48).max(1);
    (0..span.div_ceil(per))
        .map(|c| {
            let n: u64 = (0..per)
                .filter_map(|k| h.bins.get(&(lo + (c * per + k) as i64)))
                .sum();
            if n == 0 {
                ' '
            } else {
                BARS[((n * 7).div_ceil(peak) as usize).min(7)]
            }
        })
        .collect()
}

impl fmt::Display for SweepReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        let shard = if s.is_complete() {
            String::new()
        } else {
            format!(", shards {:?} of {}", s.shards, s.shard_count)
        };
        writeln!(
            f,
            "Sweep of {} around {}: {} random languages per radius, seed {}, budget {} bits{shard}",
            s.scene, s.around, s.random, s.seed, s.budget
        )?;
        let width = s
            .radii
            .first()
            .map_or(0, |r| {
                r.plans.iter().map(|p| p.plan.len()).max().unwrap_or(0)
            })
            .max(4);
        for r in &s.radii {
            writeln!(f, "\nradius {} bits ({} languages)", r.radius, r.languages)?;
            writeln!(
                f,
                "  {:<width$}  {:<8}  {:>8}  {:>17}  effect DL histogram (1-bit bins from min)",
                "plan", "base", "accepted", "effect DL min–max"
            )?;
            for p in &r.plans {
                let range = match (p.effect_dl.min, p.effect_dl.max) {
                    (Some(lo), Some(hi)) => format!("{lo:.2}–{hi:.2}"),
                    _ => "-".to_owned(),
                };
                writeln!(
                    f,
                    "  {:<width$}  {:<8}  {:>7.1}%  {range:>17}  {}{}",
                    p.plan,
                    if p.base_accepted {
                        "accepted"
                    } else {
                        "rejected"
                    },
                    100.0 * p.accepted as f64 / r.languages.max(1) as f64,
                    sparkline(&p.effect_dl),
                    if p.effect_dl.undescribable > 0 {
                        format!("  ({} undescribable)", p.effect_dl.undescribable)
                    } else {
                        String::new()
                    }
                )?;
            }
        }
        writeln!(
            f,
            "\nRobustness: the share of languages that keep the base's verdict"
        )?;
        write!(f, "  {:<width$}  {:<8}", "plan", "base")?;
        for r in &s.radii {
            write!(f, "  {:>6}", format!("r={}", r.radius))?;
        }
        writeln!(f, "  first flip  breaks (below 90%)")?;
        for rob in self.robustness() {
            write!(
                f,
                "  {:<width$}  {:<8}",
                rob.plan,
                if rob.base_accepted {
                    "accepted"
                } else {
                    "rejected"
                }
            )?;
            for a in &rob.agreement {
                write!(f, "  {:>5.1}%", 100.0 * a)?;
            }
            let radius =
                |r: Option<f64>| r.map_or_else(|| "never".to_owned(), |r| format!("{r} bits"));
            writeln!(
                f,
                "  {:>10}  {}",
                radius(rob.first_flip),
                radius(rob.breaks_at)
            )?;
        }
        Ok(())
    }
}
