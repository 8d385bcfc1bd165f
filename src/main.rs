use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    ragtime::cli::run(ragtime::cli::Cli::parse())
}
