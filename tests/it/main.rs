//! The integration tests: one crate, so the shared helpers compile once.
//! Each module runs the real `ragtime` binary (or, for bulk robustness cases,
//! the library in-process) on a copy of the example site or a fixture.

mod accountability;
mod aggregates;
mod architecture;
mod build;
mod bytes;
mod check;
mod committee_paper;
mod control;
mod dashboard;
mod dates;
mod docs;
mod exposure;
mod frameworks;
mod generate;
mod hostile_sheets;
mod import;
mod indicator_words;
mod indicators;
mod layouts;
mod limits;
mod misstatements;
mod pack;
mod papers;
mod plan_page;
mod publishing;
mod readers;
mod rebuild;
mod reports;
mod responsible;
mod returns;
mod robustness;
mod roundtrip;
mod says;
mod says_key;
mod says_levels;
mod says_reported;
mod serve;
mod spare;
mod theme;
mod tracker;
mod unchanged;
mod upgrade;
mod util;
mod writes;
