//! `ladders bench`: the time to score every plan of a scene with every measure under
//! every one of its languages. Languages and the scene are loaded once, outside the clock.

use super::BenchArgs;
use ladders_domain::analysis::{Setting, score_scene};
use std::time::Instant;

/// Time the full scoring of a scene and print the distribution.
pub fn run(args: &BenchArgs, memory: ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
    if let Some(dir) = &args.measures {
        return super::bench_measures::run(dir);
    }
    if args.frame && args.edit {
        return edit_frame(args);
    }
    if args.frame {
        return frame(args);
    }
    if let Some(languages) = args.sweep {
        return super::bench_ladder::sweep(languages as u64);
    }
    if args.tech {
        return super::bench_ladder::tech();
    }
    if let Some(plans) = args.compare {
        return super::bench_ladder::compare(plans);
    }
    if args.choose {
        return super::bench_ladder::choose(memory);
    }
    if args.reachability {
        return reachability(args, &memory);
    }
    if let Some(states) = args.scale {
        return scale(states, &memory);
    }
    let scene = match &args.scene {
        Some(path) => ladders_domain::scene::load(path)?,
        None => ladders_domain::scene::pink_car()?,
    };
    let dir = args.scene.as_deref().and_then(|p| p.parent());
    let settings = scene
        .languages
        .iter()
        .map(|name| {
            let language = ladders_domain::language::resolve_for_scene(name, dir)?;
            Ok(Setting::new(&scene, language, &[], None)?)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let iterations = args.iterations.max(1);
    let run_once = || {
        let mut accepted = 0;
        for setting in &settings {
            accepted += score_scene(&scene, setting)
                .plans
                .iter()
                .filter(|p| p.verdict.accepted)
                .count();
        }
        accepted
    };
    for _ in 0..iterations.div_ceil(10).min(100) {
        std::hint::black_box(run_once());
    }
    let times = timed_runs(iterations, || {
        std::hint::black_box(run_once());
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_default();
    let runs = runs_text(iterations, times.len());
    let summary = summarize(times);
    crate::outln!(
        "score {}: {} plans × {} languages × 6 measures, {runs}",
        scene.name,
        scene.plans.len(),
        settings.len()
    );
    crate::outln!("{summary} (target: under 5 ms)");
    Ok(())
}

/// Median, p10, p90 and minimum of timings in milliseconds.
/// The longest one timed series runs, whatever `--iterations` asks: a benchmark stops
/// there and says how many runs it timed.
const TIMING_LIMIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Time `f` up to `iterations` times (in milliseconds each), or until the series has taken
/// [`TIMING_LIMIT`].
fn timed_runs<E>(iterations: usize, mut f: impl FnMut() -> Result<(), E>) -> Result<Vec<f64>, E> {
    let series = Instant::now();
    let mut times = Vec::with_capacity(iterations.min(1 << 16));
    while times.len() < iterations.max(1) && (times.is_empty() || series.elapsed() < TIMING_LIMIT) {
        let start = Instant::now();
        f()?;
        times.push(start.elapsed().as_secs_f64() * 1e3);
    }
    Ok(times)
}

/// "500 runs", or how many ran when the timing limit came first.
fn runs_text(asked: usize, ran: usize) -> String {
    if ran < asked {
        format!(
            "{ran} runs (of {asked} asked: each series stops after {} s)",
            TIMING_LIMIT.as_secs()
        )
    } else {
        format!("{ran} runs")
    }
}

fn summarize(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    let pct = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:.3} ms, p10 {:.3} ms, p90 {:.3} ms, min {:.3} ms",
        pct(0.5),
        pct(0.1),
        pct(0.9),
        times[0]
    )
}

/// CPU time to build one frame of the full 1400×860 window on a scene: layout, painting
/// and tessellation, without a GPU. The hologram plan is shown at its end with its
/// evidence open, so every panel has content.
fn frame(args: &BenchArgs) -> anyhow::Result<()> {
    use crate::app::{LaddersApp, Preferences, Startup};
    let ctx = egui::Context::default();
    let startup = Startup {
        scene: args.scene.clone(),
        plan: Some("hologram".into()),
        ..Startup::default()
    };
    let mut app = LaddersApp::with_preferences(&ctx, Preferences::default(), startup);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 860.0),
        )),
        ..Default::default()
    };
    let draw = |app: &mut LaddersApp| {
        let output = ctx.run_ui(input(), |ui| app.ui_all(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    let settle = Instant::now();
    while app.explorer.is_busy() || app.explorer.wants_pending() {
        draw(&mut app);
        std::thread::sleep(std::time::Duration::from_millis(1));
        anyhow::ensure!(
            settle.elapsed().as_secs() < 30,
            "the scene did not finish loading and scoring"
        );
    }
    app.explorer.view.selection = Some(crate::app::Selection::Measure(crate::app::Evidence {
        plan: 2,
        measure: ladders_domain::measures::Measure::EffectDl,
        language: 0,
    }));
    for _ in 0..20 {
        draw(&mut app);
    }
    let iterations = args.iterations.max(1);
    let mut primitives = 0;
    let times = timed_runs(iterations, || {
        primitives = std::hint::black_box(draw(&mut app));
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_default();
    crate::outln!(
        "one frame of the full window ({primitives} clipped primitives), {}",
        runs_text(iterations, times.len())
    );
    crate::outln!("{} (target: under 4 ms)", summarize(times));
    Ok(())
}

/// CPU time of the frames of a wall stroke in the scene editor on the pink car grown to
/// the largest grid, 128 × 128: each frame moves the pointer one cell with the button
/// down, so each is an edit (applied, checked, one undo step with the rest) and a redraw
/// of 16,384 cells. The measures wait for the stroke to settle, off the UI thread.
fn edit_frame(args: &BenchArgs) -> anyhow::Result<()> {
    use crate::app::{LaddersApp, Preferences, Startup};
    use ladders_domain::scene::{MAX_GRID_SIDE, SceneChange};
    let side = MAX_GRID_SIDE;
    let pink = ladders_domain::scene::parse(
        std::path::Path::new(ladders_domain::scene::PINK_CAR_PATH),
        ladders_domain::scene::PINK_CAR_RON,
    )?;
    let mut large = ladders_domain::scene::SceneEdits::new(pink, None);
    large.apply(&SceneChange::Resize {
        width: side,
        height: side,
    })?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("large.ron");
    ladders_domain::scene::save(&path, large.scene())?;
    let ctx = egui::Context::default();
    let startup = Startup {
        scene: Some(path),
        ..Startup::default()
    };
    let mut app = LaddersApp::with_preferences(&ctx, Preferences::default(), startup);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 860.0));
    let draw = |app: &mut LaddersApp, events: Vec<egui::Event>| {
        let input = egui::RawInput {
            screen_rect: Some(screen),
            events,
            ..Default::default()
        };
        let output = ctx.run_ui(input, |ui| app.ui_all(ui));
        ctx.tessellate(output.shapes, output.pixels_per_point).len()
    };
    let settle = Instant::now();
    while app.explorer.is_busy() || app.explorer.scene().world.grid.width() != side as i32 {
        draw(&mut app, Vec::new());
        std::thread::sleep(std::time::Duration::from_millis(1));
        anyhow::ensure!(
            settle.elapsed().as_secs() < 120,
            "the large scene did not finish loading and scoring"
        );
    }
    app.explorer.queue(crate::app::Command::ToggleEditor);
    app.explorer.queue(crate::app::Action::SetEditor(Box::new(
        crate::app::EditorState {
            open: true,
            tool: crate::app::Tool::Paint(ladders_domain::world::Terrain::Wall),
            ..Default::default()
        },
    )));
    for _ in 0..5 {
        draw(&mut app, Vec::new());
    }
    let grid = app
        .grid_on_screen()
        .ok_or_else(|| anyhow::anyhow!("the canvas was not drawn"))?;
    let cell = grid.width() / side as f32;
    // A row inside the walls of the original room is all floor after the resize: the
    // stroke runs along row 60, east then back west, one cell a frame.
    let at = |x: usize| {
        egui::pos2(
            grid.min.x + (x as f32 + 0.5) * cell,
            grid.min.y + 60.5 * cell,
        )
    };
    let press = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let iterations = args.iterations.max(1);
    // The same frames with the button up: what the redraw alone costs.
    let mut hover_step = 0usize;
    let hovering = timed_runs(iterations, || {
        hover_step += 1;
        let x = 20 + (hover_step % 200).min(200 - hover_step % 200).min(100);
        std::hint::black_box(draw(&mut app, vec![egui::Event::PointerMoved(at(x))]));
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_default();
    crate::outln!(
        "one frame of the editor on a {side} × {side} scene, pointer moving, no edit: {}",
        summarize(hovering)
    );
    draw(
        &mut app,
        vec![egui::Event::PointerMoved(at(20)), press(at(20), true)],
    );
    let mut primitives = 0;
    let mut step = 0usize;
    let times = timed_runs(iterations, || {
        step += 1;
        // 20..=120 and back: every frame a new cell.
        let x = 20 + (step % 200).min(200 - step % 200).min(100);
        primitives = std::hint::black_box(draw(&mut app, vec![egui::Event::PointerMoved(at(x))]));
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_default();
    draw(&mut app, vec![press(at(20), false)]);
    let label = app.explorer.work.document.undo_label().unwrap_or("nothing");
    anyhow::ensure!(
        label == "paint wall",
        "the stroke did not paint (last edit: {label})"
    );
    let walls = app
        .explorer
        .scene()
        .world
        .grid
        .cells()
        .filter(|&p| {
            p.y == 60
                && app.explorer.scene().world.grid.terrain(p)
                    == ladders_domain::world::Terrain::Wall
        })
        .count();
    crate::outln!(
        "one frame of a wall stroke in the editor on a {side} × {side} scene ({primitives} clipped primitives, {walls} cells of row 60 painted, one undo step), {}",
        runs_text(iterations, times.len())
    );
    crate::outln!("{} (target: under 4 ms)", summarize(times));
    Ok(())
}

/// Time the state-space enumeration and the all-pairs reachability table of a scene
/// (default: the vase), each on its own, and both together. A space whose table would not
/// fit in the memory budget is refused once that many states are found, before the table.
fn reachability(
    args: &BenchArgs,
    memory: &ladders_domain::limits::MemoryBudget,
) -> anyhow::Result<()> {
    use ladders_domain::impact::{DEFAULT_STATE_BUDGET, Reachability, StateSpace};
    let path = args
        .scene
        .clone()
        .unwrap_or_else(|| "scenes/vase.ron".into());
    let scene = ladders_domain::scene::load(&path)?;
    let (world, tech) = (&scene.world, &scene.world.technologies);
    let iterations = args.iterations;
    // The largest n with a table of 2·n² bytes in the budget; one state more tells
    // whether the space is larger.
    let table_states = ((memory.bytes() / 2) as f64).sqrt() as usize;
    let budget = DEFAULT_STATE_BUDGET.min(table_states + 1);
    let space = StateSpace::explore(world, tech, budget, memory)?;
    if space.is_truncated() || space.len() > table_states {
        memory.check(
            &format!(
                "{}: the reachability table of more than {} states",
                scene.name,
                space.len()
            ),
            Reachability::bytes(space.len()),
        )?;
    }
    Reachability::compute(&space, memory)?;
    let time = |f: &mut dyn FnMut() -> anyhow::Result<()>| -> anyhow::Result<String> {
        for _ in 0..iterations.div_ceil(10).min(100) {
            f()?;
        }
        let times = timed_runs(iterations, &mut *f)?;
        Ok(format!(
            "{} ({})",
            summarize(times.clone()),
            runs_text(iterations, times.len())
        ))
    };
    let explore = time(&mut || {
        std::hint::black_box(StateSpace::explore(world, tech, budget, memory)?.len());
        Ok(())
    })?;
    let table = time(&mut || {
        std::hint::black_box(Reachability::compute(&space, memory)?.len());
        Ok(())
    })?;
    let both = time(&mut || {
        let space = StateSpace::explore(world, tech, budget, memory)?;
        std::hint::black_box(Reachability::compute(&space, memory)?.len());
        Ok(())
    })?;
    crate::outln!(
        "{}: {} states, table of {} distances",
        scene.name,
        space.len(),
        space.len() * space.len()
    );
    crate::outln!("enumerate states: {explore}");
    crate::outln!("reachability table: {table}");
    crate::outln!("both (target: under 10 ms): {both}");
    Ok(())
}

/// A room of 12 × 12 free cells with two boxes: about 1.2 million reachable states.
fn generated_room() -> anyhow::Result<ladders_domain::scene::Scene> {
    const SIDE: usize = 12;
    let wall = "#".repeat(SIDE + 2);
    let inner = format!("#{}#", ".".repeat(SIDE));
    let mut rows = vec![wall.clone()];
    rows.extend(std::iter::repeat_n(inner, SIDE));
    rows.push(wall);
    let grid = rows
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let text = format!(
        "Scene(name: \"Generated room\", grid: [{grid}], agent: (1, 1), \
         entities: [(id: \"a\", at: (4, 4), kind: Box), (id: \"b\", at: (8, 7), kind: Box)], \
         goal: And([]), \
         plans: [(name: \"push\", actions: [Move(E), Move(E), Move(S), Move(S), Move(S), Move(E), Move(E)])])"
    );
    Ok(ladders_domain::scene::parse(
        std::path::Path::new("generated.ron"),
        &text,
    )?)
}

/// Peak resident memory of this process so far, in MiB (Linux), if known.
fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Enumerate a generated room up to `budget` states on all cores, then compute relative
/// reachability (stepwise, truncation) for a short plan on it.
fn scale(budget: usize, memory: &ladders_domain::limits::MemoryBudget) -> anyhow::Result<()> {
    use ladders_domain::impact::{
        ImpactMeasure, ImpactOptions, ImpactSetting, StateSpace, impact_of_plan,
    };
    let scene = generated_room()?;
    let tech = &scene.world.technologies;
    let start = Instant::now();
    let space = StateSpace::explore(&scene.world, tech, budget, memory)?;
    let space_bytes = space.heap_bytes();
    let packed = space.packed_bytes();
    let transitions = space.transitions();
    let explored = start.elapsed().as_secs_f64();
    let states = space.len();
    let truncated = space.is_truncated();
    let options = ImpactOptions {
        measure: ImpactMeasure::RelativeReachability,
        state_budget: budget,
        memory: *memory,
        ..ImpactOptions::default()
    };
    let setting = ImpactSetting::with_space(space, options)?;
    let plan = scene
        .plan("push")
        .map(|p| p.actions.clone())
        .unwrap_or_default();
    let start = Instant::now();
    let report = impact_of_plan(&scene, tech, &setting, &plan)?;
    let measured = start.elapsed().as_secs_f64();
    let threads = ladders_domain::work::threads();
    crate::outln!(
        "generated room, 12×12 free cells, two boxes: {states} states{}",
        if truncated { " (budget reached)" } else { "" }
    );
    crate::outln!("enumeration on {threads} threads: {explored:.2} s");
    crate::outln!(
        "relative reachability of a {}-step plan (breadth-first rows from {} states): {measured:.2} s, sum {:.6}",
        plan.len(),
        2 * plan.len(),
        report.sum
    );
    crate::outln!(
        "state space: {space_bytes} bytes on the heap, {:.1} bytes per state \
         ({packed} packed, {:.2} distinct successors each)",
        space_bytes as f64 / states.max(1) as f64,
        transitions as f64 / states.max(1) as f64
    );
    match peak_memory_mib() {
        Some(mib) => crate::outln!(
            "peak resident memory: {mib:.0} MiB ({:.0} bytes per state)",
            mib * 1024.0 * 1024.0 / states.max(1) as f64
        ),
        None => crate::outln!("peak resident memory: unknown on this system"),
    }
    Ok(())
}
