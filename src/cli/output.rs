//! Standard output for the subcommands. Writes go through [`out!`] and [`outln!`], which
//! return the write's error to the caller instead of panicking as `print!` does, so that
//! `ladders score … | head` ends quietly when `head` closes the pipe ([`is_broken_pipe`]).

/// Like `print!`, but a failed write returns its `std::io::Error` from the enclosing
/// function (which must return a `Result` whose error converts from it).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        ::std::write!(::std::io::stdout().lock(), $($arg)*)?
    }};
}

/// Like `println!`, but a failed write returns its `std::io::Error` from the enclosing
/// function.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        ::std::writeln!(::std::io::stdout().lock(), $($arg)*)?
    }};
}

/// Whether an error is standard output's reader having gone away (`| head`): not a
/// failure of the command, so the binary exits 0 without a message, as Unix tools do.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A subcommand's result in both of its forms: JSON for programs is its serialisation,
/// and its `Display` is the table for people, ending in a newline (written as it goes,
/// so a long table is never held whole).
///
/// The JSON has always listed an object's keys in alphabetical order (serde_json's map
/// sorts them), and scripts compare reports as text, so a report struct declares its
/// fields in alphabetical order.
pub trait Report: serde::Serialize + std::fmt::Display {}

/// Print `report` in `format`.
pub fn print(report: &impl Report, format: super::Format) -> std::io::Result<()> {
    match format {
        super::Format::Table => {
            crate::out!("{report}");
        }
        super::Format::Json => print_json(report)?,
    }
    Ok(())
}

/// Print `value` as indented JSON and a newline.
pub fn print_json(value: &impl serde::Serialize) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    // The conversion keeps a failed write's own error, so a closed pipe stays one.
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// `value` as JSON text, as a table shows a number or a name: `0.5`, `"deflate-9"`, and
/// `null` for a number that is not finite.
pub fn json_text(value: impl Into<serde_json::Value>) -> String {
    value.into().to_string()
}

/// Whether `value` serialises with its keys in alphabetical order, at every depth: what
/// [`Report`] asks of a report struct.
#[cfg(test)]
pub fn keys_are_sorted(value: &impl serde::Serialize) -> bool {
    // A `Value` holds its keys sorted; written straight from the struct they are in
    // declaration order.
    let direct = serde_json::to_string(value);
    let sorted = serde_json::to_value(value).map(|v| v.to_string());
    matches!((direct, sorted), (Ok(a), Ok(b)) if a == b)
}
