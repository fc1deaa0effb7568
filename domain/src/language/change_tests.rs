//! Word edits through slots: parameters, bodies, names, and the words a technology adds.

use super::*;
use crate::world::{Dir, Pos, Prop, TechLevel, TechLevels};

fn everyday() -> LanguageEdits {
    LanguageEdits::new(bundled("everyday").unwrap().unwrap(), None)
}

fn apply(edits: &mut LanguageEdits, change: LanguageChange) -> bool {
    edits
        .apply(&change)
        .unwrap_or_else(|e| panic!("{change:?}: {e}"))
}

#[test]
fn an_action_word_gets_a_parameter_and_a_body_that_uses_it() {
    let mut edits = everyday();
    apply(
        &mut edits,
        LanguageChange::AddWord(WhichVocabulary::Actions, Owner::Base),
    );
    let slot = WordSlot::base(
        WhichVocabulary::Actions,
        edits.draft().actions.words.len() - 1,
    );
    apply(
        &mut edits,
        LanguageChange::Rename(slot.clone(), "hop".into()),
    );
    // A body that uses a parameter it does not declare is kept but refused, by name.
    let body: Body =
        parse_fragment("body", r#"Steps([Move(Param("d")), Move(Param("d"))])"#).unwrap();
    apply(
        &mut edits,
        LanguageChange::SetBody(slot.clone(), body.clone()),
    );
    let why = edits.checked().unwrap_err();
    assert!(why.contains("`hop` uses the parameter `d`"), "{why}");
    apply(
        &mut edits,
        LanguageChange::SetParams(slot.clone(), vec![("d".into(), ParamType::Dir)]),
    );
    let language = edits.checked().unwrap_or_else(|e| panic!("{e}"));
    let hop = language
        .actions
        .words
        .iter()
        .find(|w| w.name == "hop")
        .unwrap();
    assert_eq!(hop.body, body);
    assert_eq!(hop.params, vec![("d".to_owned(), ParamType::Dir)]);
    // A parameter declared and never used is refused too.
    apply(
        &mut edits,
        LanguageChange::SetParams(
            slot.clone(),
            vec![("d".into(), ParamType::Dir), ("e".into(), ParamType::Cell)],
        ),
    );
    assert!(edits.checked().unwrap_err().contains("never uses it"));
    assert_eq!(edits.undo_label(), Some("parameters of hop"));
    assert!(edits.undo());
    assert!(edits.checked().is_ok());
    // A body cannot be given to a state word, nor names to an action word.
    let state = WordSlot::base(WhichVocabulary::States, 0);
    assert!(
        edits
            .apply(&LanguageChange::SetBody(state, Body::Repeat))
            .is_err()
    );
    assert!(
        edits
            .apply(&LanguageChange::SetNames(slot, Names::Device))
            .is_err()
    );
    // Nothing was changed by the refusals.
    assert_eq!(edits.undo_label(), Some("parameters of hop"));
}

#[test]
fn a_state_word_names_other_variables() {
    let mut edits = everyday();
    let slot = WordSlot::base(WhichVocabulary::States, 0);
    let names = Names::Exactly(vec![
        VarName::Entity("car".into(), Prop::Paint),
        VarName::Light(Pos::new(3, 4)),
    ]);
    assert!(apply(
        &mut edits,
        LanguageChange::SetNames(slot.clone(), names.clone())
    ));
    assert_eq!(edits.checked().unwrap().states.words[0].names, names);
    assert!(
        !apply(&mut edits, LanguageChange::SetNames(slot, names)),
        "the same names again change nothing"
    );
}

#[test]
fn a_technology_adds_words_that_are_edited_like_any_other() {
    let mut edits = everyday();
    let section = Section::Commodified;
    apply(
        &mut edits,
        LanguageChange::AddTechnology(section, "optics".into()),
    );
    let owner = Owner::Added(section, "optics".into());
    apply(
        &mut edits,
        LanguageChange::AddWord(WhichVocabulary::Actions, owner.clone()),
    );
    apply(
        &mut edits,
        LanguageChange::AddWord(WhichVocabulary::States, owner.clone()),
    );
    let action = WordSlot::added(WhichVocabulary::Actions, section, "optics", 0);
    apply(
        &mut edits,
        LanguageChange::Rename(action.clone(), "focus".into()),
    );
    apply(&mut edits, LanguageChange::SetCost(action.clone(), 9.0));
    apply(
        &mut edits,
        LanguageChange::SetBody(
            action.clone(),
            Body::Steps(vec![Step::Move(DirRef::Dir(Dir::N))]),
        ),
    );
    apply(
        &mut edits,
        LanguageChange::SetEnteringCost(section, "optics".into(), Some(40.0)),
    );
    let language = edits.checked().unwrap_or_else(|e| panic!("{e}")).clone();
    let changes = &language.commodified["optics"];
    assert_eq!(changes.action_words[0].name, "focus");
    assert_eq!(changes.action_words[0].cost, 9.0);
    assert_eq!(changes.entering_cost, Some(40.0));
    assert_eq!(changes.state_words.len(), 1);
    // The word is the language's only when optics is commodified.
    let base = language.for_levels(&TechLevels::new([]));
    assert!(!base.actions.words.iter().any(|w| w.name == "focus"));
    let on = language.for_levels(&TechLevels::new([(
        "optics".to_owned(),
        TechLevel::Commodified,
    )]));
    assert!(
        on.actions
            .words
            .iter()
            .any(|w| w.name == "focus" && w.cost == 9.0)
    );
    // A name another word has is refused by the check, not lost.
    apply(
        &mut edits,
        LanguageChange::Rename(action.clone(), "walk_to".into()),
    );
    assert!(edits.checked().is_err());
    assert!(edits.undo());
    apply(
        &mut edits,
        LanguageChange::SetEnteringCost(section, "optics".into(), None),
    );
    assert_eq!(edits.draft().commodified["optics"].entering_cost, None);
    apply(&mut edits, LanguageChange::RemoveWord(action.clone()));
    assert!(edits.draft().commodified["optics"].action_words.is_empty());
    // A slot past the end, or of a technology without changes, is refused.
    assert!(edits.apply(&LanguageChange::SetCost(action, 1.0)).is_err());
    let nowhere = WordSlot::added(WhichVocabulary::States, Section::Developed, "optics", 0);
    let why = edits
        .apply(&LanguageChange::SetCost(nowhere, 1.0))
        .unwrap_err();
    assert!(why.contains("no developed changes for `optics`"), "{why}");
}
