//! The integration tests: one crate, so the shared helpers compile once.
//! Each module runs the real `ragtime` binary (or, for bulk robustness cases,
//! the library in-process) on a copy of the example site or a fixture.

mod architecture;
mod build;
mod check;
mod generate;
mod import;
mod papers;
mod readers;
mod rebuild;
mod returns;
mod robustness;
mod serve;
mod tracker;
mod util;
