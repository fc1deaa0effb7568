//! Placeholder: a helper writes the Turing-machine enumeration here.
