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
