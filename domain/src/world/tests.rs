//! Rules of the world on small hand-checkable cases.

use super::*;

/// A 7×4 world: agent at (1,1), car (5,1), shop (1,3)... built by hand, no scene file.
fn small_world(holography: TechLevel) -> World {
    let rows = ["#######", "#..~~.#", "#..~~.#", "#######"];
    let grid = Grid::from_rows(
        rows.iter()
            .map(|r| {
                r.chars()
                    .map(|c| Terrain::from_symbol(c).unwrap_or(Terrain::Wall))
                    .collect()
            })
            .collect(),
    )
    .unwrap_or_else(|| panic!("rectangular"));
    let tech = TechLevels::new([
        ("holography".to_owned(), holography),
        ("paint".to_owned(), TechLevel::Commodified),
    ]);
    let entities = vec![
        Entity {
            id: "observer".into(),
            kind: EntityKind::Observer,
            at: Pos::new(1, 2),
            requires: None,
            initial: EntityState::Observer { percept: None },
        },
        Entity {
            id: "car".into(),
            kind: EntityKind::Car,
            at: Pos::new(5, 2),
            requires: None,
            initial: EntityState::Car { paint: Color::Grey },
        },
        Entity {
            id: "shop".into(),
            kind: EntityKind::PaintShop { color: Color::Pink },
            at: Pos::new(2, 2),
            requires: tech.id("paint"),
            initial: EntityState::PaintShop,
        },
        Entity {
            id: "projector".into(),
            kind: EntityKind::Projector { radius: 0 },
            at: Pos::new(5, 1),
            requires: tech.id("holography"),
            initial: EntityState::Projector {
                on: false,
                aim: None,
                color: Color::White,
            },
        },
        Entity {
            id: "interface".into(),
            kind: EntityKind::NeuralInterface { subject: 0 },
            at: Pos::new(4, 2),
            requires: None,
            initial: EntityState::NeuralInterface,
        },
    ];
    let refraction = Refraction {
        observer: 0,
        target: 1,
        color: Color::Blue,
        droplets: vec![Pos::new(3, 2)],
    };
    World::new(grid, entities, Pos::new(1, 1), vec![refraction], tech)
}

fn run(world: &World, actions: &[Action]) -> State {
    world
        .run(&world.technologies, actions)
        .pop()
        .unwrap_or_else(|| world.initial_state())
}

#[test]
fn moves_stop_at_walls_and_entities() {
    let w = small_world(TechLevel::Available);
    assert_eq!(
        run(&w, &[Action::Move(Dir::N)]).agent,
        Pos::new(1, 1),
        "wall to the north"
    );
    assert_eq!(
        run(&w, &[Action::Move(Dir::S)]).agent,
        Pos::new(1, 1),
        "observer to the south"
    );
    assert_eq!(
        run(&w, &[Action::Move(Dir::E), Action::Move(Dir::E)]).agent,
        Pos::new(3, 1),
        "mist is walkable"
    );
}

#[test]
fn paint_is_taken_then_applied() {
    let w = small_world(TechLevel::Available);
    let s = run(&w, &[Action::Apply(Dir::S)]);
    assert_eq!(s.holding, None, "nothing to apply yet");
    let plan = [Action::Move(Dir::E), Action::Take(Dir::S)];
    assert_eq!(run(&w, &plan).holding, Some(Color::Pink));
    let mut plan = plan.to_vec();
    plan.extend([
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Apply(Dir::S),
    ]);
    let s = run(&w, &plan);
    assert_eq!(
        s.agent,
        Pos::new(5, 1).step(Dir::W),
        "the projector blocks (5,1)"
    );
    // From (4,1) the car at (5,2) is diagonal: Apply(S) hits the interface, which ignores paint.
    assert_eq!(s.entities[1], EntityState::Car { paint: Color::Grey });
    assert_eq!(
        s.holding,
        Some(Color::Pink),
        "paint not spent on the wrong target"
    );
}

#[test]
fn locked_projector_does_nothing_and_available_one_lights_its_aim() {
    let plan = [
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Aim(Dir::E, Pos::new(5, 2)),
        Action::Set(Dir::E, Color::Pink),
        Action::Toggle(Dir::E),
    ];
    let locked = small_world(TechLevel::Locked);
    let s = run(&locked, &plan);
    assert_eq!(
        s.entities[3],
        EntityState::Projector {
            on: false,
            aim: None,
            color: Color::White
        }
    );
    assert!(s.light.iter().all(Option::is_none));

    let w = small_world(TechLevel::Available);
    let s = run(&w, &plan);
    assert_eq!(
        s.entities[3],
        EntityState::Projector {
            on: true,
            aim: Some(Pos::new(5, 2)),
            color: Color::Pink
        }
    );
    let lit: Vec<Pos> = w
        .grid
        .cells()
        .filter(|&p| w.grid.index(p).is_some_and(|i| s.light[i].is_some()))
        .collect();
    assert_eq!(
        lit,
        vec![Pos::new(5, 2)],
        "radius 0 lights only the aim cell"
    );
    assert_eq!(w.perceived(&s, 0, 1), Some(Color::Pink));
    // Switching it off again removes the light: a hologram is reversible.
    let mut off = plan.to_vec();
    off.push(Action::Toggle(Dir::E));
    assert!(run(&w, &off).light.iter().all(Option::is_none));
}

#[test]
fn perception_layers_apply_in_order() {
    let w = small_world(TechLevel::Available);
    let mut s = w.initial_state();
    assert_eq!(w.perceived(&s, 0, 1), Some(Color::Grey), "surface paint");
    let car = w.grid.index(Pos::new(5, 2)).unwrap_or(0);
    s.light[car] = Some(Color::Red);
    assert_eq!(w.perceived(&s, 0, 1), Some(Color::Red), "light over paint");
    let mist = w.grid.index(Pos::new(3, 2)).unwrap_or(0);
    s.droplets[mist] = true;
    assert_eq!(
        w.perceived(&s, 0, 1),
        Some(Color::Blue),
        "refraction over light"
    );
    let extra = w.grid.index(Pos::new(3, 1)).unwrap_or(0);
    s.droplets[extra] = true;
    assert_eq!(
        w.perceived(&s, 0, 1),
        Some(Color::Red),
        "an extra droplet spoils the pattern"
    );
    s.entities[0] = EntityState::Observer {
        percept: Some(Color::Green),
    };
    assert_eq!(
        w.perceived(&s, 0, 1),
        Some(Color::Green),
        "the mind has the last word"
    );
}

#[test]
fn droplets_only_condense_in_free_mist() {
    let w = small_world(TechLevel::Available);
    let s = run(&w, &[Action::Place(Dir::E)]);
    assert!(s.droplets.iter().all(|d| !d), "(2,1) is floor");
    let s = run(&w, &[Action::Move(Dir::E), Action::Place(Dir::E)]);
    assert_eq!(s.droplets.iter().filter(|d| **d).count(), 1);
    assert!(s.droplets[w.grid.index(Pos::new(3, 1)).unwrap_or(0)]);
}

#[test]
fn interface_writes_its_subjects_percept() {
    let w = small_world(TechLevel::Available);
    let plan = [
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Set(Dir::S, Color::Pink),
    ];
    let s = run(&w, &plan);
    assert_eq!(
        s.entities[0],
        EntityState::Observer {
            percept: Some(Color::Pink)
        }
    );
}

#[test]
fn goals_combine() {
    let w = small_world(TechLevel::Available);
    let s = w.initial_state();
    let grey: Goal = Goal::Perceives {
        observer: 0,
        target: 1,
        color: Color::Grey,
    };
    let here: Goal = Goal::AgentAt(Pos::new(1, 1));
    let there: Goal = Goal::AgentAt(Pos::new(2, 1));
    assert!(grey.holds(&w, &s));
    assert!(Goal::And(vec![grey.clone(), here.clone()]).holds(&w, &s));
    assert!(!Goal::And(vec![grey.clone(), there.clone()]).holds(&w, &s));
    assert!(Goal::Or(vec![there.clone(), here]).holds(&w, &s));
    assert!(Goal::Not(Box::new(there)).holds(&w, &s));
}

#[test]
fn effects_compare_with_the_baseline_and_leave_out_the_agent() {
    let w = small_world(TechLevel::Available);
    let goal: Goal = Goal::AgentAt(Pos::new(3, 1));
    let plan = [
        Action::Move(Dir::E),
        Action::Move(Dir::E),
        Action::Place(Dir::S),
    ];
    let o = Outcome::simulate(&w, &w.technologies, &goal, &plan, Baseline::Inaction);
    assert!(o.reaches_goal);
    assert_eq!(o.steps(), 3);
    let vars: Vec<Var> = o.effect.iter().map(|c| c.var).collect();
    assert_eq!(vars, vec![Var::Droplet(Pos::new(3, 2))]);
    // Stepwise: compared with a Noop instead of the last action, the droplet is the change.
    let o = Outcome::simulate(&w, &w.technologies, &goal, &plan, Baseline::Stepwise);
    assert_eq!(o.effect.len(), 1);
    let o = Outcome::simulate(&w, &w.technologies, &goal, &plan[..2], Baseline::Start);
    assert!(o.effect.is_empty(), "walking changes only the agent");
}

#[test]
fn line_of_sight_excludes_the_ends() {
    assert_eq!(
        line_of_sight(Pos::new(0, 0), Pos::new(3, 0)),
        vec![Pos::new(1, 0), Pos::new(2, 0)]
    );
    assert_eq!(
        line_of_sight(Pos::new(0, 0), Pos::new(2, 2)),
        vec![Pos::new(1, 1)]
    );
    assert!(line_of_sight(Pos::new(0, 0), Pos::new(1, 0)).is_empty());
}

#[test]
fn canonical_walk_prefers_north_then_east() {
    let w = small_world(TechLevel::Available);
    let field = DistanceField::to_cells(&w, &w.initial_state(), [Pos::new(3, 2)]);
    assert_eq!(
        field.walk(&w, Pos::new(1, 1)),
        Some(vec![Dir::E, Dir::E, Dir::S])
    );
    assert_eq!(field.walk(&w, Pos::new(3, 2)), Some(vec![]));
}
