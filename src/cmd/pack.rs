//! `ragtime pack CYCLE --pdf`: the committee report of a cycle printed to a
//! PDF (see [`crate::pipeline::pack`]).

use crate::diagnostic::{Failed, Outcome};
use crate::pipeline::pack::print_report;
use std::path::Path;

pub(crate) fn run(
    root: &Path,
    cycle: &str,
    organisation: Option<&str>,
    output: Option<&Path>,
) -> Outcome {
    match print_report(root, cycle, organisation, output) {
        Ok(pdf) => {
            println!("wrote {}", pdf.display());
            Ok(())
        }
        Err(failed) => {
            eprintln!("{failed}");
            Err(Failed)
        }
    }
}
