//! `ragtime import`: a spreadsheet made into a plan (see [`crate::import`]),
//! what was read printed, or every problem and that nothing was written.

use crate::diagnostic::{Failed, Outcome};
use crate::import::{import, Options};
use crate::text::{plural, shown};

pub(crate) fn run(options: &Options) -> Outcome {
    match import(options) {
        // Headings and cells are quoted as they are, their control characters shown escaped.
        Ok(report) => {
            print!("{}", shown(&report));
            Ok(())
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!(
                "import: {}; nothing was written",
                plural(problems.len(), "problem", "problems")
            );
            Err(Failed)
        }
    }
}
