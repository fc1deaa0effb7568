//! Checks on a parsed language: well-formed words, and costs that form a prefix code
//! under every technology setting: every combination of levels its `developed` and
//! `commodified` changes can produce ([`Language::level_settings`]).

use super::Language;
use super::words::*;
use crate::document::{Located, Locator, Seg};

/// The most technologies a language may have changes for (2^n settings are checked).
pub const MAX_COMMODIFIABLE: usize = 8;
/// The most words a vocabulary may have.
pub const MAX_WORDS: usize = 256;
/// Slack for floating-point sums in the Kraft check.
const KRAFT_TOLERANCE: f64 = 1e-9;

/// Σ 2^-cost over a vocabulary's words and its end word. A prefix code needs ≤ 1.
pub fn kraft_sum<W: HasCost>(vocabulary: &Vocabulary<W>) -> f64 {
    vocabulary
        .words
        .iter()
        .map(|w| (-w.cost()).exp2())
        .sum::<f64>()
        + (-vocabulary.end).exp2()
}

/// Words with a name and a cost.
pub trait HasCost {
    /// Bits to say the word.
    fn cost(&self) -> f64;
    /// Its name.
    fn name(&self) -> &str;
}

impl HasCost for ActionWord {
    fn cost(&self) -> f64 {
        self.cost
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl HasCost for StateWord {
    fn cost(&self) -> f64 {
        self.cost
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// The most parameters an action word may have.
pub const MAX_PARAMS: usize = 16;
/// The most steps an action word's body may have.
pub const MAX_BODY_STEPS: usize = 1024;
/// The dearest entering cost a technology's words may state: far beyond any description
/// Ladders scores, and small enough that 2^-cost stays a normal number.
pub const MAX_ENTERING_COST: f64 = 1000.0;

/// The most variables a `Names::Exactly` word may name: generous for any one effect (a
/// projector's widest light field is 17 × 17 cells), small enough to keep a cover cheap.
pub const MAX_EXACTLY_VARS: usize = 1024;

/// Validate a parsed language, locating errors with `loc`.
pub fn validate(language: Language, loc: &Locator) -> Result<Language, Located> {
    check(&language, loc)?;
    Ok(language)
}

/// The path of field `field` of the `i`-th word of the list at `list`.
fn word_path<'a>(list: &[Seg<'a>], i: usize, field: &'a str) -> Vec<Seg<'a>> {
    let mut path = list.to_vec();
    path.extend([Seg::Index(i), Seg::Field(field)]);
    path
}

fn check(language: &Language, loc: &Locator) -> Result<(), Located> {
    if language.name.trim().is_empty() {
        return Err(loc.at_path(&[Seg::Field("name")], "a language needs a name"));
    }
    if language.commodified.len() > MAX_COMMODIFIABLE {
        let msg = format!(
            "changes for {} technologies; the limit is {MAX_COMMODIFIABLE}",
            language.commodified.len()
        );
        return Err(loc.at_path(&[Seg::Field("commodified")], msg));
    }
    let changing = language.changing_technologies().len();
    if changing > MAX_COMMODIFIABLE {
        let msg = format!(
            "developed and commodified changes for {changing} technologies in all; the limit is {MAX_COMMODIFIABLE}"
        );
        return Err(loc.at_path(&[Seg::Field("developed")], msg));
    }
    for (what, end) in [
        ("actions", language.actions.end),
        ("states", language.states.end),
    ] {
        if !(end.is_finite() && end > 0.0) {
            return Err(loc.at_path(
                &[Seg::Field(what), Seg::Field("end")],
                format!("the end word of `{what}` must cost a positive number of bits, not {end}"),
            ));
        }
    }
    // Each word with the path of its entry in the file: the base vocabularies, then the
    // words each technology adds.
    let mut action_lists: Vec<(Vec<Seg>, &Vec<ActionWord>)> = vec![(
        vec![Seg::Field("actions"), Seg::Field("words")],
        &language.actions.words,
    )];
    let mut state_lists: Vec<(Vec<Seg>, &Vec<StateWord>)> = vec![(
        vec![Seg::Field("states"), Seg::Field("words")],
        &language.states.words,
    )];
    for (section, changes) in language
        .developed
        .iter()
        .map(|c| ("developed", c))
        .chain(language.commodified.iter().map(|c| ("commodified", c)))
    {
        let (tech, changes) = changes;
        let at = |field| {
            vec![
                Seg::Field(section),
                Seg::Key(tech.as_str()),
                Seg::Field(field),
            ]
        };
        action_lists.push((at("action_words"), &changes.action_words));
        state_lists.push((at("state_words"), &changes.state_words));
    }
    for (list, words) in &action_lists {
        for (i, word) in words.iter().enumerate() {
            check_cost(word.name.as_str(), word.cost)
                .map_err(|m| loc.at_path(&word_path(list, i, "cost"), m))?;
            check_action_word(word).map_err(|m| loc.at_path(&word_path(list, i, "name"), m))?;
        }
    }
    for (list, words) in &state_lists {
        for (i, word) in words.iter().enumerate() {
            check_cost(&word.name, word.cost)
                .map_err(|m| loc.at_path(&word_path(list, i, "cost"), m))?;
            if let Names::Around(_, r) = word.names
                && !(0..=crate::scene::MAX_PROJECTOR_RADIUS).contains(&r)
            {
                return Err(loc.at_path(
                    &word_path(list, i, "names"),
                    format!("radius {r} is outside 0..=8"),
                ));
            }
            if let Names::Exactly(vars) = &word.names {
                check_exactly(&word.name, vars)
                    .map_err(|m| loc.at_path(&word_path(list, i, "names"), m))?;
            }
        }
    }
    for (section, (tech, changes)) in language
        .developed
        .iter()
        .map(|c| ("developed", c))
        .chain(language.commodified.iter().map(|c| ("commodified", c)))
    {
        let costs = [
            Seg::Field(section),
            Seg::Key(tech.as_str()),
            Seg::Field("costs"),
        ];
        for (name, cost) in &changes.costs {
            check_cost(name, *cost).map_err(|m| loc.at_key(&costs, name, m))?;
        }
        if section == "developed" && changes.entering_cost.is_some() {
            // Only the availability sweep reads it, from the commodified changes.
            return Err(loc.at_path(
                &[
                    Seg::Field(section),
                    Seg::Key(tech.as_str()),
                    Seg::Field("entering_cost"),
                ],
                format!(
                    "an entering cost belongs to `commodified.\"{tech}\"`: it is what the words commodification adds cost before it"
                ),
            ));
        }
        if let Some(bits) = changes.entering_cost
            && !(bits.is_finite() && bits > 0.0 && bits <= MAX_ENTERING_COST)
        {
            return Err(loc.at_path(
                &[
                    Seg::Field(section),
                    Seg::Key(tech.as_str()),
                    Seg::Field("entering_cost"),
                ],
                format!(
                    "the entering cost of `{tech}`'s words must be a positive number of bits up to {MAX_ENTERING_COST}, not {bits}"
                ),
            ));
        }
        // The words there are when this technology alone is at the level the changes
        // need: its developed words count for its commodified repricings.
        let level = if section == "developed" {
            crate::world::TechLevel::Available
        } else {
            crate::world::TechLevel::Commodified
        };
        let known = language.for_levels(&crate::world::TechLevels::new([(tech.clone(), level)]));
        let verb = if section == "developed" {
            "developing"
        } else {
            "commodifying"
        };
        for name in changes.costs.keys() {
            let exists = known.actions.words.iter().any(|w| &w.name == name)
                || known.states.words.iter().any(|w| &w.name == name);
            if !exists {
                return Err(loc.at_key(
                    &costs,
                    name,
                    format!(
                        "{verb} `{tech}` reprices `{name}`, which is not a word of this language"
                    ),
                ));
            }
        }
    }
    // A word defined twice is reported at the second definition, any other word error
    // at the word.
    let at_word = |name: &str, msg: String| {
        let actions = action_lists.iter().flat_map(|(list, words)| {
            words
                .iter()
                .enumerate()
                .map(move |(i, w)| (list, i, w.name.as_str()))
        });
        let states = state_lists.iter().flat_map(|(list, words)| {
            words
                .iter()
                .enumerate()
                .map(move |(i, w)| (list, i, w.name.as_str()))
        });
        let found: Vec<_> = actions
            .chain(states)
            .filter(|(_, _, n)| *n == name)
            .take(2)
            .collect();
        match found.last() {
            Some((list, i, _)) => loc.at_path(&word_path(list, *i, "name"), msg),
            None => loc.at(None, msg),
        }
    };
    // Every setting (up to 3^8 of them) is checked on a skeleton of the language: names,
    // costs and parameters only. The bodies and named variable lists are validated once,
    // above; cloning them per setting would let a hostile file take minutes to load.
    let skeleton = skeleton(language);
    for setting in language.level_settings() {
        let effective = skeleton.for_levels(&setting);
        let label = setting_label(&setting);
        check_unique_names(&effective).map_err(|(name, m)| at_word(&name, m))?;
        for (what, sum) in [
            ("action", kraft_sum(&effective.actions)),
            ("state", kraft_sum(&effective.states)),
        ] {
            if sum > 1.0 + KRAFT_TOLERANCE {
                let key = if what == "action" {
                    "actions"
                } else {
                    "states"
                };
                let msg = format!(
                    "the {what} words' costs do not form a prefix code {label}: Σ 2^-cost = {sum:.4} > 1 (Kraft's inequality)"
                );
                return Err(loc.at_path(&[Seg::Field(key)], msg));
            }
        }
        if effective.actions.words.len() > MAX_WORDS || effective.states.words.len() > MAX_WORDS {
            return Err(loc.at(
                None,
                format!("more than {MAX_WORDS} words in a vocabulary {label}"),
            ));
        }
    }
    Ok(())
}

/// "with paint and holography commodified", "with optics available and paint commodified".
pub(super) fn setting_label(setting: &crate::world::TechLevels) -> String {
    use crate::world::TechLevel;
    let at = |level: TechLevel| -> Vec<&str> {
        setting
            .iter()
            .filter(|(_, l)| *l == level)
            .map(|(n, _)| n)
            .collect()
    };
    let (available, commodified) = (at(TechLevel::Available), at(TechLevel::Commodified));
    match (available.is_empty(), commodified.is_empty()) {
        (true, true) => "with no technology commodified".to_owned(),
        (true, false) => format!("with {} commodified", commodified.join(" and ")),
        (false, true) => format!("with {} available", available.join(" and ")),
        (false, false) => format!(
            "with {} available and {} commodified",
            available.join(" and "),
            commodified.join(" and ")
        ),
    }
}

fn check_cost(name: &str, cost: f64) -> Result<(), String> {
    if cost.is_finite() && cost > 0.0 {
        Ok(())
    } else {
        Err(format!(
            "word `{name}` must cost a positive number of bits, not {cost}"
        ))
    }
}

/// A fixed set of variables must name something, each variable once, within the limit.
fn check_exactly(word: &str, vars: &[VarName]) -> Result<(), String> {
    if vars.is_empty() {
        return Err(format!("`{word}` names no variables"));
    }
    if vars.len() > MAX_EXACTLY_VARS {
        return Err(format!(
            "`{word}` names {} variables; the limit is {MAX_EXACTLY_VARS}",
            vars.len()
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for var in vars {
        match var {
            VarName::Entity(id, _) if id.trim().is_empty() => {
                return Err(format!("`{word}` names a property of an entity with no id"));
            }
            VarName::Light(p) | VarName::Droplet(p) => check_fixed_cell(word, *p)?,
            VarName::Entity(..) => {}
        }
        if !seen.insert(var) {
            return Err(format!("`{word}` names {var:?} twice"));
        }
    }
    Ok(())
}

/// A fixed cell is checked against no scene (a language serves many), only against the
/// largest grid any scene may have, so a typo like `(-1, 4)` is caught at load time.
fn check_fixed_cell(word: &str, p: crate::world::Pos) -> Result<(), String> {
    let side = crate::scene::MAX_GRID_SIDE as i32;
    if (0..side).contains(&p.x) && (0..side).contains(&p.y) {
        Ok(())
    } else {
        Err(format!(
            "`{word}` names the cell {p}, outside every grid (cells run from 0 to {})",
            side - 1
        ))
    }
}

/// `language` with every word's body and named variables emptied: what the per-setting
/// checks read (names, costs, word counts) and nothing they do not.
fn skeleton(language: &Language) -> Language {
    let strip = |changes: &super::TechChanges| super::TechChanges {
        action_words: changes.action_words.iter().map(bare_action).collect(),
        state_words: changes.state_words.iter().map(bare_state).collect(),
        ..changes.clone()
    };
    Language {
        actions: Vocabulary {
            end: language.actions.end,
            words: language.actions.words.iter().map(bare_action).collect(),
        },
        states: Vocabulary {
            end: language.states.end,
            words: language.states.words.iter().map(bare_state).collect(),
        },
        developed: language
            .developed
            .iter()
            .map(|(t, c)| (t.clone(), strip(c)))
            .collect(),
        commodified: language
            .commodified
            .iter()
            .map(|(t, c)| (t.clone(), strip(c)))
            .collect(),
        ..language.clone()
    }
}

fn bare_action(word: &ActionWord) -> ActionWord {
    ActionWord {
        name: word.name.clone(),
        cost: word.cost,
        params: Vec::new(),
        body: Body::Steps(Vec::new()),
    }
}

fn bare_state(word: &StateWord) -> StateWord {
    StateWord {
        name: word.name.clone(),
        cost: word.cost,
        names: Names::Device,
    }
}

fn check_unique_names(language: &Language) -> Result<(), (String, String)> {
    let mut seen = std::collections::BTreeSet::new();
    let names = language
        .actions
        .words
        .iter()
        .map(|w| &w.name)
        .chain(language.states.words.iter().map(|w| &w.name));
    for name in names {
        if name.trim().is_empty() {
            return Err((name.clone(), "a word needs a name".into()));
        }
        if !seen.insert(name) {
            return Err((name.clone(), format!("two words are called `{name}`")));
        }
    }
    Ok(())
}

fn check_action_word(word: &ActionWord) -> Result<(), String> {
    if word.params.len() > MAX_PARAMS {
        return Err(format!(
            "`{}` has {} parameters; the limit is {MAX_PARAMS}",
            word.name,
            word.params.len()
        ));
    }
    if let Body::Steps(steps) = &word.body
        && steps.len() > MAX_BODY_STEPS
    {
        return Err(format!(
            "`{}` has {} steps; the limit is {MAX_BODY_STEPS}",
            word.name,
            steps.len()
        ));
    }
    for (i, (name, _)) in word.params.iter().enumerate() {
        if word.params[..i].iter().any(|(n, _)| n == name) {
            return Err(format!(
                "`{}` has two parameters called `{name}`",
                word.name
            ));
        }
    }
    let steps = match &word.body {
        Body::Repeat if word.params.is_empty() => return Ok(()),
        Body::Repeat => {
            return Err(format!(
                "`{}` repeats another word and takes no parameters of its own",
                word.name
            ));
        }
        Body::Steps(steps) if steps.is_empty() => {
            return Err(format!("`{}` expands to nothing", word.name));
        }
        Body::Steps(steps) => steps,
    };
    let mut used = Vec::new();
    for step in steps {
        step_params(step, &mut used);
        if let Step::Aim(_, CellRef::Cell(p)) | Step::GoTo(CellRef::Cell(p)) = step {
            check_fixed_cell(&word.name, *p)?;
        }
    }
    for (name, ty) in &used {
        match word.params.iter().find(|(n, _)| n == name) {
            None => {
                return Err(format!(
                    "`{}` uses the parameter `{name}`, which it does not declare",
                    word.name
                ));
            }
            Some((_, declared)) if declared != ty => {
                return Err(format!(
                    "`{}` uses `{name}` as a {ty:?}, but declares it a {declared:?}",
                    word.name
                ));
            }
            Some(_) => {}
        }
    }
    if let Some((name, _)) = word
        .params
        .iter()
        .find(|(n, _)| !used.iter().any(|(u, _)| u == n))
    {
        return Err(format!(
            "`{}` declares the parameter `{name}` but its body never uses it",
            word.name
        ));
    }
    Ok(())
}

/// Collect the (parameter, type) uses of a step.
fn step_params(step: &Step, used: &mut Vec<(String, ParamType)>) {
    let entity = |e: &EntityRef, used: &mut Vec<_>| {
        if let EntityRef::Param(p) = e {
            used.push((p.clone(), ParamType::Entity));
        }
    };
    let dir = |d: &DirRef, used: &mut Vec<_>| match d {
        DirRef::Dir(_) => {}
        DirRef::Param(p) => used.push((p.clone(), ParamType::Dir)),
        DirRef::Toward(e) => entity(e, used),
    };
    let cell = |c: &CellRef, used: &mut Vec<_>| match c {
        CellRef::Param(p) => used.push((p.clone(), ParamType::Cell)),
        CellRef::At(e) => entity(e, used),
        CellRef::Cell(_) => {}
    };
    match step {
        Step::Noop => {}
        Step::Move(d) | Step::Take(d) | Step::Apply(d) | Step::Toggle(d) | Step::Place(d) => {
            dir(d, used)
        }
        Step::Aim(d, c) => {
            dir(d, used);
            cell(c, used);
        }
        Step::Set(d, c) => {
            dir(d, used);
            if let ColorRef::Param(p) = c {
                used.push((p.clone(), ParamType::Color));
            }
        }
        Step::WalkTo(e) | Step::Develop(e) => entity(e, used),
        Step::GoTo(c) => cell(c, used),
        Step::Work(d) => dir(d, used),
    }
}
