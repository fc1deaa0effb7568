//! Closed sets of named options (an impact measure, a baseline, a partition, ...), named
//! once here so that the front ends adapt them (clap's possible values, egui's combo
//! boxes) instead of keeping parallel enums.

/// An option among a fixed few, with the name files and command lines use for it.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every option, in the order a front end lists them.
    const ALL: &'static [Self];

    /// The name: lowercase, as on the command line and in JSON.
    fn key(self) -> &'static str;

    /// One line on what it means.
    fn help(self) -> &'static str;

    /// The option named `key`, if any.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.key() == key)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::Choice;

    /// Every option's name is distinct and names it back, and its help is given.
    pub(crate) fn names_round_trip<T: Choice + std::fmt::Debug>() {
        for &choice in T::ALL {
            assert_eq!(T::from_key(choice.key()), Some(choice), "{choice:?}");
            assert!(!choice.help().is_empty(), "{choice:?}");
        }
    }
}
