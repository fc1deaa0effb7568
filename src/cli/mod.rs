//! The command line: `ladders [SCENE]` opens the window; subcommands score, explain and
//! benchmark from the terminal. Every subcommand is a thin layer over the library.

mod adversary;
mod bench;
mod bench_ladder;
mod bench_measures;
mod choice;
mod choose;
mod compare;
mod explain;
mod impact;
mod impact_report;
pub mod measure;
pub mod output;
mod progress;
mod report;
mod score;
mod score_json;
mod sweep;
mod tech_sweep;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use ladders_domain::impact::{Deviation, ImpactBaseline, ImpactMeasure, RolloutForm};
use std::path::{Path, PathBuf};

/// Explore complexity-relative impact measures in grid worlds.
#[derive(Debug, Parser)]
#[command(
    name = "ladders",
    version,
    about,
    // `--memory` may come before a subcommand; the window's own options may not (see
    // `Cli::window_options_with_subcommand`).
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    /// Scene to open in the window (default: the last one, else the bundled pink car).
    pub scene: Option<PathBuf>,
    /// Language to select in the window, by name.
    #[arg(long, short)]
    pub language: Option<String>,
    /// Plan to show at its end in the window, by name.
    #[arg(long)]
    pub plan: Option<String>,
    /// Render the window to this PNG file and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Open the evidence of this measure for the plan (effect_dl, plan_dl, levin_kt,
    /// lz76, compress, bdm, algorithmic_probability, search_effort); bdm also draws its
    /// heat map, and the program measures run the language's programs.
    #[arg(long, value_name = "MEASURE", value_parser = parse_measure, requires = "plan")]
    pub evidence: Option<ladders_domain::measures::Measure>,
    /// Memory budget of a command's own data, in MiB (state spaces, tables, match
    /// finders); work that would need more is refused before it starts.
    #[arg(long, global = true, value_name = "MIB", default_value_t = ladders_domain::limits::MemoryBudget::DEFAULT_MIB,
          value_parser = clap::value_parser!(u64).range(16..=ladders_domain::limits::MemoryBudget::MAX_MIB))]
    pub memory: u64,
    /// What to do instead of opening the window.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score every plan of a scene: goal, measures in bits, verdict.
    Score(ScoreArgs),
    /// Show both derivations of one plan, word by word, with costs.
    Explain(ExplainArgs),
    /// Time scoring a scene's plans under all its languages.
    Bench(BenchArgs),
    /// Per-step impact of a plan: unreachability, relative reachability, attainable utility.
    Impact(ImpactArgs),
    /// World-free complexity measures of a text, file or binary grid: lz76, compress, bdm1d, bdm2d.
    Measure(measure::MeasureArgs),
    /// How far apart languages are in bits, each way: invariance constants, phrasebooks,
    /// the centre, rank agreement and the verdicts that flip.
    Compare(compare::CompareArgs),
    /// Draw random languages around a base and measure how robust each verdict is.
    Sweep(sweep::SweepArgs),
    /// Combine the JSON outputs of sweep shards into the whole sweep.
    Merge(sweep::MergeArgs),
    /// Add one word for a plan (or its effect) to a language and show the verdicts before
    /// and after: how cheaply an adversary makes a plan the simplest.
    Adversary(adversary::AdversaryArgs),
    /// The agent's choice searched among the language's programs up to a bound, not only
    /// the scene's plans: the plan, its derivations, and whether it beats every plan in
    /// the scene.
    Choose(choose::ChooseArgs),
}

/// `ladders impact`.
#[derive(Debug, Args)]
pub struct ImpactArgs {
    /// The scene file.
    pub scene: PathBuf,
    /// A plan of the scene.
    #[arg(long, conflicts_with = "actions")]
    pub plan: Option<String>,
    /// Actions instead of a plan: U, D, L, R, N separated by commas.
    #[arg(long, value_name = "U,D,L,R,N,...")]
    pub actions: Option<String>,
    /// Deviation measure: unreachability, relative reachability, attainable utility.
    #[arg(long, value_parser = choice::choice::<ImpactMeasure>(), default_value = "rr")]
    pub measure: ImpactMeasure,
    /// Baseline the agent's states are compared with.
    #[arg(long, value_parser = choice::choice::<ImpactBaseline>(), default_value = "stepwise")]
    pub baseline: ImpactBaseline,
    /// Compare inaction rollouts of both states.
    #[arg(long)]
    pub rollouts: bool,
    /// How rollouts are compared for rr and au: `reference` averages each state's
    /// reachability (or value) over its rollout, then applies f; `paired` averages f over
    /// the paired rollouts (ur is always paired).
    #[arg(long, value_parser = choice::choice::<RolloutForm>(), default_value = "reference")]
    pub rollout_form: RolloutForm,
    /// f: truncation max(0, x) or absolute |x|.
    #[arg(long, value_parser = choice::choice::<Deviation>(), default_value = "truncation")]
    pub deviation: Deviation,
    /// Discount γ, finite, 0 < γ ≤ 1 (below 1 for au).
    #[arg(long, default_value_t = 0.99, value_parser = parse_discount)]
    pub discount: f64,
    /// Steps to evaluate, 1 to 1,000,000; the plan is padded with Noops (default: its length).
    #[arg(long, value_parser = |s: &str| parse_count(s, 1, ladders_domain::impact::MAX_HORIZON))]
    pub horizon: Option<usize>,
    /// Weight β of the penalty in the penalised return, any finite number.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true, value_parser = parse_finite)]
    pub beta: f64,
    /// Random reward functions for attainable utility, 1 to 10,000.
    #[arg(long, default_value_t = 10,
          value_parser = |s: &str| parse_count(s, 1, ladders_domain::impact::MAX_UTILITIES))]
    pub utilities: usize,
    /// Seed of the random reward functions.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The most states to enumerate, 1 to 100,000,000 (default: 200,000, or fewer when
    /// the --memory budget holds fewer); beyond it results are marked approximate.
    #[arg(long, value_parser = |s: &str| parse_count(s, 1, ladders_domain::impact::MAX_STATE_BUDGET))]
    pub states: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// The language, technology and budget a scene is scored under.
#[derive(Debug, Clone, Args)]
pub struct SettingArgs {
    /// Language: a bundled name (everyday, optics, neuro, physics) or a path to a .ron file.
    /// Default: the scene's first language.
    #[arg(long, short)]
    pub language: Option<String>,
    /// Treat this technology as commodified (repeatable).
    #[arg(long = "commodify", value_name = "TECH")]
    pub commodify: Vec<String>,
    /// Set a technology's level, e.g. `--level paint=commodified` (locked, available or
    /// commodified; repeatable; applied before --commodify).
    #[arg(long = "level", value_name = "TECH=LEVEL")]
    pub levels: Vec<String>,
    /// Budget for the effect description length in bits (default: the scene's).
    #[arg(long, value_name = "BITS", allow_negative_numbers = true)]
    pub budget: Option<f64>,
}

/// Output format.
#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    #[default]
    Table,
    /// JSON for programs.
    Json,
}

/// `ladders score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The scene file.
    pub scene: PathBuf,
    #[command(flatten)]
    pub setting: SettingArgs,
    #[command(flatten)]
    pub measures: score::ScoreMeasureArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `ladders explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The scene file.
    pub scene: PathBuf,
    /// The plan to explain.
    #[arg(long)]
    pub plan: String,
    #[command(flatten)]
    pub setting: SettingArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `ladders bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The scene to score (default: the bundled pink car).
    pub scene: Option<PathBuf>,
    /// Timed repetitions (after a warm-up), 1 to 1,000,000.
    #[arg(long, default_value_t = 500, value_parser = |s: &str| parse_count(s, 1, MAX_ITERATIONS))]
    pub iterations: usize,
    /// Time building one frame of the full window instead of scoring.
    #[arg(long, conflicts_with = "reachability")]
    pub frame: bool,
    /// With --frame: time the frames of a wall stroke dragged across a 128 × 128 scene in
    /// the editor (every frame an edit, checked, and the canvas redrawn).
    #[arg(long, requires = "frame")]
    pub edit: bool,
    /// Time enumerating the state space and the full reachability table instead
    /// (default scene: scenes/vase.ron).
    #[arg(long, conflicts_with = "scale")]
    pub reachability: bool,
    /// Enumerate a generated room with boxes up to this many states (1 to 100,000,000,
    /// within the --memory budget), and compute relative reachability for a plan on it:
    /// time and peak memory.
    #[arg(long, value_name = "STATES",
          value_parser = |s: &str| parse_count(s, 1, ladders_domain::impact::MAX_STATE_BUDGET))]
    pub scale: Option<usize>,
    /// Time LZ76, 2D BDM and the perturbation map on the inputs in DIR (bits.txt,
    /// grid256.txt, grid64.txt, as bench/peers/run.sh writes them) and print JSON.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["frame", "reachability", "scale"])]
    pub measures: Option<PathBuf>,
    /// Time the random sweep: N random languages × the pink car's plans × effect and plan
    /// description length (1 to 10,000,000), and its scaling with plans and scene size.
    #[arg(long, value_name = "N", conflicts_with_all = ["frame", "reachability", "scale", "measures"],
          value_parser = |s: &str| parse_count(s, 1, ladders_domain::analysis::MAX_SWEEP_LANGUAGES as usize))]
    pub sweep: Option<usize>,
    /// Time comparing the bundled languages on the pink car with N random plans (0 to
    /// 100,000).
    #[arg(long, value_name = "N", conflicts_with_all = ["frame", "reachability", "scale", "measures", "sweep"],
          value_parser = |s: &str| parse_count(s, 0, ladders_domain::analysis::MAX_RANDOM_PLANS))]
    pub compare: Option<usize>,
    /// Time the commodification sweeps of the pink car: the discrete one (its
    /// technologies, its languages, every scored measure) and the continuous crossover
    /// search for holography under everyday, in the library and through the command.
    #[arg(long, conflicts_with_all = ["frame", "reachability", "scale", "measures", "sweep", "compare"])]
    pub tech: bool,
    /// Time the searched choice (`ladders choose`) on the pink car under everyday at its
    /// levels within the default bound: per measure, and the whole command.
    #[arg(long, conflicts_with_all = ["frame", "reachability", "scale", "measures", "sweep", "compare", "tech"])]
    pub choose: bool,
}

/// The most timed repetitions of a benchmark.
pub const MAX_ITERATIONS: usize = 1_000_000;

/// A whole number in `min..=max`.
fn parse_count(text: &str, min: usize, max: usize) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number from {min} to {max}"))?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(format!(
            "{n} is out of range: give a whole number from {min} to {max}"
        ))
    }
}

/// A finite number.
fn parse_finite(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("`{text}` is not a finite number")),
    }
}

/// A discount: finite, 0 < γ ≤ 1.
fn parse_discount(text: &str) -> Result<f64, String> {
    let x = parse_finite(text)?;
    if x > 0.0 && x <= 1.0 {
        Ok(x)
    } else {
        Err(format!(
            "{x} is out of range: the discount must be in (0, 1]"
        ))
    }
}

fn parse_measure(key: &str) -> Result<ladders_domain::measures::Measure, String> {
    ladders_domain::measures::Measure::from_key(key).ok_or_else(|| {
        let keys: Vec<&str> = ladders_domain::measures::Measure::ALL
            .iter()
            .map(|m| m.key())
            .collect();
        format!("unknown measure `{key}`: use one of {}", keys.join(", "))
    })
}

/// Run a subcommand. Errors are the user's input (exit 2); the caller prints them.
pub fn run(command: Command, memory: ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
    match command {
        Command::Score(args) => score::run(&args, memory),
        Command::Explain(args) => explain::run(&args),
        Command::Bench(args) => bench::run(&args, memory),
        Command::Impact(args) => impact::run(&args, memory),
        Command::Measure(args) => measure::run(&args, memory),
        Command::Compare(args) => compare::run(&args),
        Command::Sweep(args) => sweep::run(&args),
        Command::Merge(args) => sweep::merge(&args),
        Command::Adversary(args) => adversary::run(&args),
        Command::Choose(args) => choose::run(&args, memory),
    }
}

impl Cli {
    /// The window's options given together with a subcommand, which ignores them: a
    /// usage error rather than a silent drop.
    pub fn window_options_with_subcommand(&self) -> Option<&'static str> {
        self.command.as_ref()?;
        [
            (self.scene.is_some(), "a scene before the subcommand"),
            (self.plan.is_some(), "--plan before the subcommand"),
            (self.language.is_some(), "--language before the subcommand"),
            (self.screenshot.is_some(), "--screenshot"),
            (self.evidence.is_some(), "--evidence"),
        ]
        .into_iter()
        .find_map(|(given, what)| given.then_some(what))
    }
}

/// The subcommands' names, for suggestions.
const SUBCOMMANDS: [&str; 10] = [
    "score",
    "explain",
    "bench",
    "impact",
    "measure",
    "compare",
    "sweep",
    "merge",
    "adversary",
    "choose",
];

/// The first word of the command line must be an option, a subcommand or an existing
/// scene file: `ladders scroe x.ron` is a typo, not a scene called `scroe`.
pub fn check_first_word(word: Option<&std::ffi::OsStr>) -> anyhow::Result<()> {
    let Some(word) = word else { return Ok(()) };
    let text = word.to_string_lossy();
    if text.starts_with('-') || SUBCOMMANDS.contains(&text.as_ref()) || text == "help" {
        return Ok(());
    }
    if Path::new(word).exists() {
        return Ok(());
    }
    let hint = ladders_domain::analysis::names::nearest(&text, &SUBCOMMANDS)
        .map(|s| format!("; did you mean `ladders {s}`?"))
        .unwrap_or_default();
    anyhow::bail!(
        "no such subcommand or scene file: `{text}`{hint} (subcommands: {})",
        SUBCOMMANDS.join(", ")
    )
}

/// Check what the window was asked to open before it opens, so that a mistyped scene,
/// plan or language is exit 2 with the names that exist instead of a window that waits
/// for them (or, with `--screenshot`, never exits). Without a scene the window opens the
/// last one from its preferences, which only it knows; it then checks the names itself.
pub fn check_window_startup(cli: &Cli) -> anyhow::Result<()> {
    use ladders_domain::analysis::names::{scene_language_names, unknown_language, unknown_plan};
    let scene = match &cli.scene {
        Some(path) if !path.exists() => return check_first_word(Some(path.as_os_str())),
        Some(path) => Some((load_scene(path)?, path.parent())),
        None if cli.screenshot.is_some() => Some((ladders_domain::scene::pink_car()?, None)),
        None => None,
    };
    let Some((scene, dir)) = scene else {
        return Ok(());
    };
    if let Some(message) = cli.plan.as_deref().and_then(|p| unknown_plan(&scene, p)) {
        anyhow::bail!("{message}");
    }
    if let Some(language) = &cli.language {
        let names = scene_language_names(&scene, dir)?;
        if let Some(message) = unknown_language(&names, language) {
            anyhow::bail!("{message}");
        }
    }
    Ok(())
}

/// Load a scene file for a subcommand.
fn load_scene(path: &Path) -> anyhow::Result<ladders_domain::scene::Scene> {
    Ok(ladders_domain::scene::load(path)?)
}

/// The languages a subcommand was given by name or path, or else the scene's own.
fn languages_for(
    scene: &ladders_domain::scene::Scene,
    dir: Option<&Path>,
    names: &[String],
) -> anyhow::Result<Vec<ladders_domain::language::Language>> {
    if names.is_empty() {
        return scene
            .languages
            .iter()
            .map(|name| Ok(ladders_domain::language::resolve_for_scene(name, dir)?))
            .collect();
    }
    if names.len() > ladders_domain::scene::MAX_LANGUAGES {
        anyhow::bail!(
            "at most {} languages at once",
            ladders_domain::scene::MAX_LANGUAGES
        );
    }
    names
        .iter()
        .map(|name| {
            ladders_domain::language::resolve(name, dir)
                .with_context(|| format!("cannot use the language `{name}`"))
        })
        .collect()
}

/// Resolve the setting arguments against a scene.
fn setting(
    scene: &ladders_domain::scene::Scene,
    scene_path: &Path,
    args: &SettingArgs,
) -> anyhow::Result<ladders_domain::analysis::Setting> {
    // A language the user names may be any file; one the scene names must be its own.
    let language = match &args.language {
        Some(name) => ladders_domain::language::resolve(name, scene_path.parent())
            .with_context(|| format!("cannot use the language `{name}`"))?,
        None => match scene.languages.first() {
            Some(name) => ladders_domain::language::resolve_for_scene(name, scene_path.parent())?,
            None => ladders_domain::language::resolve("everyday", None)?,
        },
    };
    let levels = args
        .levels
        .iter()
        .map(|l| ladders_domain::analysis::parse_level(l))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ladders_domain::analysis::Setting::with_overrides(
        scene,
        language,
        &levels,
        &args.commodify,
        args.budget,
    )?)
}
