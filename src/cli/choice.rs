//! The command line's adapter for the domain's [`Choice`] sets: clap's possible values
//! (with their help, listed by `--help` and suggested on a typo) come from the domain's
//! names, so no parallel enum is kept here.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use ladders_domain::choice::Choice;

/// A value parser for `T`: `#[arg(long, value_parser = choice::<T>(), default_value = "..")]`.
pub fn choice<T: Choice + Clone>() -> impl TypedValueParser<Value = T> {
    let values = T::ALL
        .iter()
        .map(|&c| PossibleValue::new(c.key()).help(c.help()));
    // Clap has already refused any name that is not one of these.
    PossibleValuesParser::new(values).map(|key| T::from_key(&key).unwrap_or(T::ALL[0]))
}
