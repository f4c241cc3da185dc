//! `placer`: the Placer server, its administration, and a device client for the shell.
//! Everything lives in the library; see its crate documentation for the layout.

use std::process::ExitCode;

/// glibc's allocator spent a fifth of ingest time in malloc under concurrent pushes;
/// mimalloc's per-thread heaps remove most of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    placer::cli::command::main()
}
